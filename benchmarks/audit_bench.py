#!/usr/bin/env python3
"""`langcheck audit` against bare `nlp.pipe` of the same model, over the same notes.

    python benchmarks/audit_bench.py [--notes 2000] [--workers N] [--repeat 2] [--scaling] [--keep DIR]

Generates a corpus of varied notes (a JSON Lines export with team, author and date columns):
each note mixes a heading, generated sentences from large slot vocabularies, and sentences
drawn from the lexicons' example sentences and, when present, ../shared/guidance and
../shared/eval (real English). Then times, with 1 and with all workers:

  * `langcheck audit corpus.jsonl --out ... --workers N` as a subprocess, end to end
    (start-up, model load in every worker, reading, checking, SQLite, all three outputs);
  * bare `nlp.pipe(texts, n_process=N)` of the same model (all components, and without ner,
    which langcheck leaves out), timed from an already loaded model.

Peak memory is the largest summed RSS of the audit's process tree (sampled every 0.1 s), and
of the bare pipe's process tree. `--scaling` also runs the audit on half the notes, to show
memory stays flat as the corpus grows. Writes benchmarks/results/audit_bench.json.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

FIRST = ("Tyler Kacey Ava Millie Jayden Leon Amira Zainab Oliver Harry Ruby Freya Aiden Kai Maisie Poppy Hassan "
         "Yusuf Layla Daisy Archie Ellis Nathan Tia Chloe Mason Reggie Isla Kieran Shannon Bethany Demi Rio Callum "
         "Jess Marcus Ioana Bartek Chidi Ada Sienna Logan Tommy Ellie Rhys Megan Dylan Precious Tomasz Aleksandra "
         "Imran Safa Noor Zac Lacey Connor Brandon Kayla Olivia Ethan Alfie Grace Sofia Eden Jamal Kofi").split()
PLACES = ("the kitchen", "the lounge", "the garden", "school", "the contact centre", "nursery", "the park", "the car",
          "her bedroom", "his bedroom", "the family room at the office", "McDonald's", "the library", "the youth club",
          "Nan's flat", "the foster home", "the hospital ward", "the GP surgery", "the leisure centre", "the bus stop")
ACTIVITIES = ("football", "drawing", "Minecraft", "swimming", "baking", "Lego", "TikTok videos", "dance club",
              "reading Harry Potter", "riding his bike", "cubs", "karate", "the trampoline", "painting nails",
              "playing with the dog", "making slime", "the school play", "homework", "gymnastics", "fishing with Grandad")
FEELINGS = ("happy", "worried", "cross", "excited", "nervous", "sad", "calm", "tired", "proud", "scared", "bored",
            "relieved", "confused", "lonely", "safe")
ADULTS = ("Mum", "Dad", "Nan", "Grandad", "the foster carer", "the teacher", "the health visitor", "Auntie Sam",
          "the school nurse", "Mum's partner", "the key worker", "the family support worker")
HEADINGS = ("Home visit", "Statutory visit", "Phone call with school", "Direct work session", "Supervised contact",
            "Email from the health visitor", "Unannounced visit", "Core group meeting", "Child in need review",
            "Visit to the foster placement", "Telephone call with Mum", "Strategy discussion", "Life story session",
            "School visit", "Case discussion in supervision")
TEAMS = ("North Locality", "South Locality", "East Locality", "West Locality", "Children in Care", "Leaving Care",
         "Disabled Children", "MASH")
AUTHORS = [f"{a} {b}" for a in ("Sarah", "Tom", "Priya", "Gemma", "Olu", "Helen", "Dan", "Kate", "Ravi", "Jo")
           for b in ("Ahmed", "Brown", "Clarke", "Davies", "Evans")]

GENERATED = (
    "{c} ({age}) was seen in {place} with {adult}.",
    "{c} told me about {activity} and said it makes them feel {feeling}.",
    "{c} said, \"I want to stay with {adult} at weekends.\"",
    "{adult} said {c} has been {feeling} since the move.",
    "We talked about {activity}; {c} showed me photos on the tablet.",
    "{adult} was observed to be {feeling} when discussing the arrangements for {c}.",
    "{c} drew a picture of {place} and explained who lives there.",
    "{adult} has attended every appointment this month and brought {c} to {place}.",
    "{c} did not want to talk today; I will try again on Thursday after {activity}.",
    "I spoke to {c} alone in {place}; they said they feel {feeling} at home.",
    "The plan was reviewed with {adult} and the next visit is booked for {day}.",
    "{adult} was unhappy about the referral and said nobody had explained it.",
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "next week", "the 14th", "half term")


def sentence_pool() -> list[str]:
    import langcheck

    pool = [s for r in langcheck.load_rules() for s in (*r.examples.flag, *r.examples.ok)]
    guidance = SHARED / "guidance"
    if guidance.is_dir():
        for f in sorted(guidance.glob("*.txt")):
            text = re.sub(r"\s+", " ", f.read_text(encoding="utf-8"))
            pool += [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if 6 <= len(s.split()) <= 40]
    dev = SHARED / "eval" / "dev.jsonl"
    if dev.is_file():
        for line in dev.read_text(encoding="utf-8").splitlines():
            if line.strip():
                text = re.sub(r"\s+", " ", json.loads(line)["text"])
                pool += [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if 4 <= len(s.split()) <= 40]
    return pool


def make_notes(n: int, seed: int = 7) -> list[dict]:
    rnd = random.Random(seed)
    pool = sentence_pool()
    notes = []
    for i in range(n):
        child = rnd.choice(FIRST)
        fill = dict(c=child, age=rnd.randint(0, 17), place=rnd.choice(PLACES), activity=rnd.choice(ACTIVITIES),
                    feeling=rnd.choice(FEELINGS), adult=rnd.choice(ADULTS), day=rnd.choice(DAYS))
        sentences = [f"{rnd.choice(HEADINGS)} - {child} ({fill['age']})."]
        for _ in range(rnd.randint(3, 14)):
            if rnd.random() < 0.35:
                fill.update(place=rnd.choice(PLACES), activity=rnd.choice(ACTIVITIES), feeling=rnd.choice(FEELINGS),
                            adult=rnd.choice(ADULTS), day=rnd.choice(DAYS))
                sentences.append(rnd.choice(GENERATED).format(**fill))
            else:
                sentences.append(rnd.choice(pool))
        paragraphs, para = [], []
        for s in sentences:
            para.append(s)
            if rnd.random() < 0.3:
                paragraphs.append(" ".join(para))
                para = []
        if para:
            paragraphs.append(" ".join(para))
        day = rnd.randint(0, 729)
        date = time.strftime("%Y-%m-%d", time.gmtime(1704067200 + day * 86400))
        notes.append({"id": f"N{i:06d}", "team": rnd.choice(TEAMS), "author": rnd.choice(AUTHORS), "date": date,
                      "text": "\n\n".join(paragraphs)})
    return notes


def write_jsonl(notes: list[dict], path: Path) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for note in notes:
            fh.write(json.dumps(note, ensure_ascii=False) + "\n")


class PeakRSS:
    """The largest summed RSS of a process and its descendants, sampled in a thread."""

    def __init__(self, pid: int):
        import psutil

        self.proc, self.peak = psutil.Process(pid), 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                procs = [self.proc, *self.proc.children(recursive=True)]
                total = 0
                for p in procs:
                    try:
                        total += p.memory_info().rss
                    except psutil.Error:
                        pass
                self.peak = max(self.peak, total)
            except psutil.Error:
                pass
            time.sleep(0.1)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def run_audit(corpus: Path, out: Path, workers: int) -> dict:
    cmd = [sys.executable, "-m", "langcheck", "audit", str(corpus), "--out", str(out), "--workers", str(workers),
           "--no-progress", "--id-column", "id", "--meta", "team,author", "--date-column", "date"]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    rss = PeakRSS(proc.pid)
    stdout, stderr = proc.communicate()
    secs = time.perf_counter() - t0
    peak = rss.stop()
    if proc.returncode != 0:
        raise SystemExit(f"audit failed ({proc.returncode}): {stderr}")
    return {"seconds": secs, "peak_rss_mb": peak / 2**20}


def _bare_child(corpus: str, model: str, exclude: list[str], n_process: int, conn) -> None:
    import spacy

    texts = [json.loads(line)["text"] for line in open(corpus, encoding="utf-8")]
    nlp = spacy.load(model, exclude=exclude)
    from langcheck import blas  # the same matrix-multiply path langcheck's loader picks

    if blas.choose() == "numpy":
        blas.use_numpy_ops(nlp)
    list(nlp.pipe(texts[:20]))
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=n_process, batch_size=32):
        pass
    conn.send(time.perf_counter() - t0)


def run_bare(corpus: Path, model: str, exclude: list[str], n_process: int) -> dict:
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    parent, child = ctx.Pipe()
    proc = ctx.Process(target=_bare_child, args=(str(corpus), model, exclude, n_process, child))
    proc.start()
    rss = PeakRSS(proc.pid)
    secs = parent.recv()
    proc.join()
    return {"seconds": secs, "peak_rss_mb": rss.stop() / 2**20}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--notes", type=int, default=2000)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="'all workers' (default: all cores)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--scaling", action="store_true", help="also audit half the notes, to compare peak memory")
    ap.add_argument("--repeat", type=int, default=1, help="runs of each measurement; the fastest is kept")
    ap.add_argument("--blas", choices=["auto", "numpy", "blis"], default="numpy",
                    help="LANGCHECK_BLAS for every process (default numpy: auto decides per process by "
                         "timing, which is noisy on a busy machine)")
    ap.add_argument("--keep", type=Path, default=None, help="keep the corpus and audit outputs here")
    args = ap.parse_args()
    os.environ["LANGCHECK_BLAS"] = args.blas  # inherited by the audit, its workers and the bare pipe

    from langcheck.audit.work import WORD
    from langcheck.model import resolve_model

    model = resolve_model()
    notes = make_notes(args.notes, args.seed)
    n_words = sum(len(WORD.findall(n["text"])) for n in notes)
    vocab = len({w.lower() for n in notes for w in WORD.findall(n["text"])})
    work = Path(args.keep or tempfile.mkdtemp(prefix="audit-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus = work / "corpus.jsonl"
    write_jsonl(notes, corpus)
    print(f"{len(notes):,} notes, {n_words:,} words, {vocab:,} distinct words; model {model}; "
          f"{os.cpu_count()} cores; {platform.machine()}; workers 1 and {args.workers}; "
          f"LANGCHECK_BLAS={args.blas}; best of {args.repeat}", flush=True)

    rows: dict[str, dict] = {}
    counts = sorted({1, args.workers})
    def best(name: str, fn) -> None:
        runs = [fn() for _ in range(args.repeat)]
        rows[name] = min(runs, key=lambda r: r["seconds"])
        rows[name]["peak_rss_mb"] = max(r["peak_rss_mb"] for r in runs)

    import shutil

    def fresh(out: Path) -> Path:
        shutil.rmtree(out, ignore_errors=True)  # a kept store would make a rerun a no-op
        return out

    tiny = work / "tiny.jsonl"
    write_jsonl(notes[:1], tiny)
    startup: dict[int, float] = {}
    for n in counts:
        best(f"bare nlp.pipe, all components, n_process={n}", lambda: run_bare(corpus, model, [], n))
        best(f"bare nlp.pipe, without ner, n_process={n}", lambda: run_bare(corpus, model, ["ner"], n))
        best(f"langcheck audit, --workers {n}", lambda: run_audit(corpus, fresh(work / f"out-{n}"), n))
        # Start-up (interpreter, imports, model load in every worker, outputs): a 1-note audit.
        startup[n] = min(run_audit(tiny, fresh(work / f"tiny-{n}"), n)["seconds"] for _ in range(args.repeat))
        rows[f"langcheck audit, --workers {n}"]["startup_seconds"] = startup[n]
        print(f"  done {n} process(es)", flush=True)
    if args.scaling:
        half = work / "half.jsonl"
        write_jsonl(notes[: len(notes) // 2], half)
        best(f"langcheck audit, --workers {args.workers}, half the notes",
             lambda: run_audit(half, fresh(work / "out-half"), args.workers))
        rows[f"langcheck audit, --workers {args.workers}, half the notes"]["notes"] = len(notes) // 2

    print(f"\n{'what':52} {'seconds':>8} {'notes/s':>8} {'words/s':>8} {'peak RSS MB':>11}")
    for name, r in rows.items():
        nn = r.get("notes", len(notes))
        ww = n_words if nn == len(notes) else sum(len(WORD.findall(x["text"])) for x in notes[:nn])
        r["notes_per_second"], r["words_per_second"] = nn / r["seconds"], ww / r["seconds"]
        print(f"{name:52} {r['seconds']:8.1f} {r['notes_per_second']:8.1f} {r['words_per_second']:8,.0f} "
              f"{r['peak_rss_mb']:11,.0f}")
    for n in counts:
        a = rows[f"langcheck audit, --workers {n}"]["words_per_second"]
        full = rows[f"bare nlp.pipe, all components, n_process={n}"]["words_per_second"]
        noner = rows[f"bare nlp.pipe, without ner, n_process={n}"]["words_per_second"]
        r = rows[f"langcheck audit, --workers {n}"]
        steady = n_words / max(r["seconds"] - r["startup_seconds"], 1e-9)
        r["words_per_second_after_startup"] = steady
        print(f"audit/bare words/s with {n} process(es): end to end {a / full:.2f}x of all components, "
              f"{a / noner:.2f}x of without ner; after the {r['startup_seconds']:.1f} s start-up "
              f"{steady:,.0f} words/s = {steady / noner:.2f}x of without ner")
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "audit_bench.json").write_text(json.dumps({
        "notes": len(notes), "words": n_words, "distinct_words": vocab, "model": model, "cores": os.cpu_count(),
        "workers": args.workers, "repeat": args.repeat, "blas": args.blas, "rows": rows}, indent=2) + "\n")


if __name__ == "__main__":
    main()
