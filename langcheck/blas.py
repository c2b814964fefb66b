"""Choose the matrix-multiply path for the model on this machine, once, and keep the choice.

spaCy's models multiply matrices through thinc, which uses blis by default. On CPUs that the
bundled blis does not recognise (AMD Zen 5, family 0x1A, for one) blis falls back to its
`generic` kernel, at about a fifth of the speed of the machine's vector units, while numpy's
OpenBLAS recognises them; elsewhere blis has a tuned kernel and is as fast or faster. Which is
the case depends on the CPU and the installed blis and numpy, not on the moment, so it is
decided once per machine: the first model load times both paths (interleaved, best of several
rounds: about 0.1 s) and writes the choice to the user's cache folder, under a key made of the
CPU's identity (vendor, family, model, vector extensions) and the versions of blis, numpy and
thinc. Every later process reads it: no timing, so a busy moment cannot flip the choice from
one run to the next, and nothing is printed (the `langcheck` log at INFO level says what was
chosen and why; `langcheck --verbose` shows it). The file holds figures about the machine,
never any text. Numpy is chosen only when it is clearly faster (1.5x), so a CPU where blis has
its tuned kernel keeps blis. Annotations are identical either way (tests/test_blas.py).

LANGCHECK_BLAS=blis or =numpy overrides the choice; a cache that cannot be read or written
means measuring in each process, as before, still silently.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import platform
import time
from pathlib import Path

log = logging.getLogger("langcheck")

CACHE_FORMAT = 1
# numpy must be this much faster to be chosen: blis generic against OpenBLAS is 3-5x; a tuned
# blis kernel against OpenBLAS is 0.8-1.4x (measured on the machines in docs/benchmarks.md).
NUMPY_MARGIN = 1.5
_CPU_FLAGS = ("sse4_2", "avx", "avx2", "fma", "avx512f", "avx512vl", "asimd", "sve")


def gflops(multiply, n: int = 256, reps: int = 5) -> float:
    """The best of `reps` timings of an n x n float32 product, in GFLOPS."""
    import numpy

    a = numpy.random.default_rng(0).random((n, n), dtype=numpy.float32)
    multiply(a, a)
    best = float("inf")
    for _ in range(reps):
        t0 = time.perf_counter()
        multiply(a, a)
        best = min(best, time.perf_counter() - t0)
    return 2 * n ** 3 / best / 1e9


def choose(preference: str | None = None) -> str:
    """'blis' or 'numpy': LANGCHECK_BLAS when set, else this machine's cached choice (measured
    and stored on first use)."""
    preference = (preference or os.environ.get("LANGCHECK_BLAS", "auto")).lower()
    if preference in ("blis", "numpy"):
        return preference
    key = machine_key()
    path = cache_file(key)
    cached = _read(path, key)
    if cached is not None:
        log.info("matrix multiply: %s (this machine's choice, kept in %s)", cached, path)
        return cached
    decision = measure()
    log.info("matrix multiply: %s chosen (blis %.0f GFLOPS, numpy's OpenBLAS %.0f GFLOPS on one thread); "
             "kept in %s", decision["choice"], decision["blis_gflops"], decision["numpy_gflops"], path)
    _write(path, {"format": CACHE_FORMAT, "key": key, **decision})
    return decision["choice"]


def measure(rounds: int = 7) -> dict:
    """Both paths timed in turn, `rounds` times, the best of each kept (the quietest moment of
    a shared machine); OpenBLAS on one thread, as the model runs it (see use_numpy_ops)."""
    import blis.py
    import numpy
    from threadpoolctl import threadpool_limits

    blis_best = numpy_best = 0.0
    with threadpool_limits(limits=1, user_api="blas"):
        for _ in range(rounds):
            blis_best = max(blis_best, gflops(blis.py.gemm))
            numpy_best = max(numpy_best, gflops(numpy.matmul))
    choice = "numpy" if numpy_best >= NUMPY_MARGIN * blis_best else "blis"
    return {"choice": choice, "blis_gflops": round(blis_best, 1), "numpy_gflops": round(numpy_best, 1),
            "measured": time.strftime("%Y-%m-%dT%H:%M:%S%z")}


def machine_key() -> dict:
    """What the choice depends on: the CPU's identity, the packages and the knobs that steer them."""
    import blis.about
    import numpy
    import thinc.about

    return {"cpu": cpu_identity(), "machine": platform.machine(), "blis": blis.about.__version__,
            "numpy": numpy.__version__, "thinc": thinc.about.__version__,
            "env": {k: os.environ[k] for k in ("BLIS_ARCH_TYPE", "OPENBLAS_CORETYPE") if k in os.environ}}


def cpu_identity() -> dict:
    """Vendor, family, model and vector extensions (Linux: /proc/cpuinfo's first processor)."""
    fields: dict[str, str] = {}
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as fh:
            for line in fh:
                if not line.strip():
                    break  # the first processor is enough: all cores of a machine are alike here
                name, _, value = line.partition(":")
                fields[name.strip()] = value.strip()
    except OSError:
        return {"processor": platform.processor() or platform.machine()}
    flags = set(fields.get("flags", fields.get("Features", "")).split())
    keep = ("vendor_id", "cpu family", "model", "model name", "CPU implementer", "CPU part")
    return {**{k: fields[k] for k in keep if k in fields}, "flags": [f for f in _CPU_FLAGS if f in flags]}


def cache_file(key: dict) -> Path:
    from .userdirs import cache_dir

    digest = hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:16]
    return cache_dir() / f"blas-{digest}.json"


def _read(path: Path, key: dict) -> str | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != CACHE_FORMAT or data.get("key") != key:
        return None
    choice = data.get("choice")
    return choice if choice in ("blis", "numpy") else None


def _write(path: Path, data: dict) -> None:
    """Atomically (a temporary file renamed into place), so two processes starting together
    never read half a file; a folder that cannot be written is not an error."""
    from .userdirs import private_dir

    try:
        private_dir(path.parent)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        log.info("matrix multiply: cannot keep the choice in %s (%s); it will be measured again", path, exc)


_thread_limit = None  # kept so the limit stays in force for the life of the process


def use_numpy_ops(nlp) -> None:
    """Move every layer of every trainable component to NumpyOps(use_blis=False).

    OpenBLAS is held to one thread: the model's matrices are small, and on two cores a second
    BLAS thread made the model two and a half times slower (measured), not faster.
    """
    global _thread_limit
    from thinc.api import NumpyOps
    from threadpoolctl import threadpool_limits

    if _thread_limit is None:
        _thread_limit = threadpool_limits(limits=1, user_api="blas")

    ops = NumpyOps(use_blis=False)
    for _, proc in nlp.pipeline:
        model = getattr(proc, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            node.ops = ops
