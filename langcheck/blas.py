"""Choose the faster matrix-multiply path for the model on this machine.

spaCy's models multiply matrices through thinc, which uses blis by default. On CPUs that the
bundled blis does not recognise (every AMD family other than 0x15 and 0x17, Zen 3 and later
included), blis falls back to its `generic` kernel, at about a fifth of the speed of the
machine's vector units. numpy's OpenBLAS recognises them. So at start-up langcheck times one
small multiplication on each path (a few milliseconds) and, when blis is clearly the slower,
moves the model's layers to thinc's NumpyOps(use_blis=False). Annotations are identical
either way (a test checks); LANGCHECK_BLAS=blis or =numpy overrides the choice.
"""
from __future__ import annotations

import logging
import os
import time

import numpy

log = logging.getLogger("langcheck")

# Below this many GFLOPS blis is running its generic kernel (measured: ~42 generic, ~120
# haswell/zen2, ~230 skx for a 256x256 float32 product).
GENERIC_GFLOPS = 80.0


def gflops(multiply, n: int = 256, reps: int = 5) -> float:
    a = numpy.random.default_rng(0).random((n, n), dtype=numpy.float32)
    multiply(a, a)
    best = float("inf")
    for _ in range(reps):
        t0 = time.perf_counter()
        multiply(a, a)
        best = min(best, time.perf_counter() - t0)
    return 2 * n ** 3 / best / 1e9


def choose(preference: str | None = None) -> str:
    """'blis' or 'numpy': the faster path here, unless LANGCHECK_BLAS says otherwise."""
    preference = (preference or os.environ.get("LANGCHECK_BLAS", "auto")).lower()
    if preference in ("blis", "numpy"):
        return preference
    import blis.py
    from threadpoolctl import threadpool_limits

    blis_speed = gflops(blis.py.gemm, reps=12)
    if blis_speed >= GENERIC_GFLOPS:
        return "blis"
    # Timed as it would run: one OpenBLAS thread. Two threads on a busy two-core machine
    # measured slower than blis and kept the slow kernel; the best of several runs and a ratio
    # (about 4.5x here, quiet or busy) rather than absolute figures make the choice stable.
    with threadpool_limits(limits=1, user_api="blas"):
        numpy_speed = gflops(numpy.matmul, reps=12)
    if numpy_speed > 1.5 * blis_speed:
        log.warning("blis is using its slow generic kernel here (%.0f GFLOPS); using numpy's BLAS "
                    "(%.0f GFLOPS) instead. Set LANGCHECK_BLAS=blis to keep blis.", blis_speed, numpy_speed)
        return "numpy"
    log.warning("blis is using its slow generic kernel here (%.0f GFLOPS) and numpy is no faster; "
                "see the README's Speed section.", blis_speed)
    return "blis"


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
