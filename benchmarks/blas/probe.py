#!/usr/bin/env python3
"""Probe which BLIS sub-configuration (kernel) the installed `blis` package
selects on this CPU, and how fast its sgemm is.

Usage:
    python benchmarks/blas/probe.py            # selected kernel + GFLOPS
    python benchmarks/blas/probe.py --sweep    # also try every BLIS_ARCH_TYPE
    python benchmarks/blas/probe.py --numpy    # also time numpy (OpenBLAS) matmul
    python benchmarks/blas/probe.py --quick    # kernel name + ~10 ms in-process timing

BLIS prints "libblis: selecting sub-configuration 'X'." to C stdout when
BLIS_ARCH_DEBUG=1, at the moment the library initialises (on `import blis.py`).
We run each measurement in a child interpreter so the env vars take effect and
the C-level print can be captured.
"""
import json
import os
import re
import subprocess
import sys

N = 512
REPS = 20

CHILD = r"""
import json, sys, time
import numpy as np
import blis, blis.py
n, reps = %d, %d
rng = np.random.default_rng(0)
A = rng.standard_normal((n, n), dtype=np.float32)
B = rng.standard_normal((n, n), dtype=np.float32)
C = blis.py.gemm(A, B)                     # warm-up
ref = A.astype(np.float64) @ B.astype(np.float64)
err = float(np.abs(C - ref).max())
ts = []
for _ in range(reps):
    t = time.perf_counter(); blis.py.gemm(A, B); ts.append(time.perf_counter() - t)
ts.sort()
flop = 2.0 * n ** 3
out = {"blis": getattr(blis, "__version__", None) or __import__("importlib.metadata").metadata.version("blis"),
       "gflops_best": flop / ts[0] / 1e9, "gflops_median": flop / ts[len(ts)//2] / 1e9,
       "max_abs_err": err}
if "--numpy" in sys.argv:
    A @ B
    ts = []
    for _ in range(reps):
        t = time.perf_counter(); A @ B; ts.append(time.perf_counter() - t)
    ts.sort()
    out["numpy_gflops_best"] = flop / ts[0] / 1e9
sys.stdout.flush()
print("PROBE_JSON " + json.dumps(out), flush=True)
""" % (N, REPS)


def run(arch_type=None, extra=()):
    env = dict(os.environ, BLIS_ARCH_DEBUG="1")
    env.pop("BLIS_ARCH_TYPE", None)
    if arch_type is not None:
        env["BLIS_ARCH_TYPE"] = str(arch_type)
    p = subprocess.run([sys.executable, "-c", CHILD, *extra], env=env,
                       capture_output=True, text=True, timeout=300)
    text = p.stdout + p.stderr
    m = re.search(r"selecting sub-configuration '([^']+)'", text)
    kernel = m.group(1) if m else None
    j = re.search(r"PROBE_JSON (.*)", p.stdout)
    res = json.loads(j.group(1)) if j else {}
    res.update(kernel=kernel, rc=p.returncode, arch_type=arch_type)
    if p.returncode != 0 or not j:
        res["error"] = text.strip().splitlines()[-1:] if text.strip() else ["(no output)"]
    return res


def fmt(r):
    if "gflops_best" not in r:
        return f"BLIS_ARCH_TYPE={r['arch_type']!s:>8}  kernel={r['kernel']!s:<12} FAILED rc={r['rc']} {r.get('error')}"
    s = (f"BLIS_ARCH_TYPE={r['arch_type']!s:>8}  kernel={r['kernel']!s:<12} "
         f"sgemm {N}^3: best {r['gflops_best']:6.1f} GFLOPS, median {r['gflops_median']:6.1f}"
         f"  (max|err| {r['max_abs_err']:.1e})")
    if "numpy_gflops_best" in r:
        s += f"  numpy@ {r['numpy_gflops_best']:.1f} GFLOPS"
    return s


def selected_kernel(python=sys.executable):
    """Name of the BLIS sub-configuration a fresh interpreter picks (~0.3 s).

    Runs a child with BLIS_ARCH_DEBUG=1 because BLIS prints its choice with C
    printf at library init, which cannot be captured from an already-running
    interpreter that has imported blis."""
    env = dict(os.environ, BLIS_ARCH_DEBUG="1")
    p = subprocess.run([python, "-c", "import blis.py"], env=env,
                       capture_output=True, text=True, timeout=60)
    m = re.search(r"selecting sub-configuration '([^']+)'", p.stdout + p.stderr)
    return m.group(1) if m else None


def quick_gflops(n=256, reps=5):
    """In-process sgemm speed of the loaded blis (~10 ms). 'generic' measures
    ~40 GFLOPS on AVX-512/AVX2 x86; optimized kernels 120-240."""
    import time
    import numpy as np
    import blis.py
    a = np.ones((n, n), dtype=np.float32)
    blis.py.gemm(a, a)
    best = float("inf")
    for _ in range(reps):
        t = time.perf_counter()
        blis.py.gemm(a, a)
        best = min(best, time.perf_counter() - t)
    return 2.0 * n ** 3 / best / 1e9


def main():
    if "--quick" in sys.argv:
        print(f"kernel={selected_kernel()} quick_gflops={quick_gflops():.1f}")
        return
    extra = ("--numpy",) if "--numpy" in sys.argv else ()
    base = run(None, extra)
    print(f"python {sys.version.split()[0]}  blis {base.get('blis')}  "
          f"OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE')!r}  "
          f"BLIS_ARCH_TYPE(env)={os.environ.get('BLIS_ARCH_TYPE')!r}")
    print("default:", fmt(base))
    if base.get("kernel") == "generic":
        print("WARNING: BLIS fell back to the slow reference 'generic' kernel")
    if "--sweep" in sys.argv:
        # BLIS <= 1.0 parses BLIS_ARCH_TYPE as an integer index into arch_t; newer
        # BLIS also accepts names. Try both; invalid ids abort or fall back.
        vals = list(range(0, 30)) + ["skx", "knl", "haswell", "zen", "zen2", "zen3", "zen4", "zen5", "generic"]
        for v in vals:
            r = run(v)
            print(fmt(r))


if __name__ == "__main__":
    main()
