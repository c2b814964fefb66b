#!/usr/bin/env python3
"""Score langcheck's JSON output against hand-annotated notes (see ANNOTATION.md).

(The project's scorer, shipped beside the annotated sets in eval/ so that a clone can rerun the
README's accuracy commands: python eval/score.py eval/heldout2.jsonl --cmd .venv/bin/langcheck)

    python score.py dev.jsonl                      # runs `langcheck --format json` on every note
    python score.py dev.jsonl --cmd "python -m langcheck"
    python score.py dev.jsonl --min-precision 0.9 --min-recall 0.85   # exit 1 below either
    python score.py dev.jsonl --show-errors        # list every miss and false alarm

It writes each note to a file of its own, runs the command once over all of them, and
matches findings to gold spans of the same category whose character ranges overlap. A second
finding on an already matched span counts as a duplicate ("dup"), not as a false alarm.
The note-level labels child_voice and strengths are scored per note: a finding of that
category means the tool says it is missing, checked against the gold label "missing".
A note without a strengths label is not scored for strengths.
"""
from __future__ import annotations

import argparse
import json
import shlex
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

SPAN_CATEGORIES = ("jargon", "critical_label", "vague")
VOICE = "child_voice"
STRENGTHS = "strengths"
NOTE_LABELS = (VOICE, STRENGTHS)  # note-level: a finding of the category means "missing"
NOTE_LABEL_VALUES = ("present", "missing", "not_applicable")


def load_gold(path: Path) -> list[dict]:
    notes = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        note = json.loads(line)
        for span in note.get("spans", []):
            got = note["text"][span["start"]:span["end"]]
            if "text" in span and got != span["text"]:
                sys.exit(f"{path}:{n}: span {span} covers {got!r}")
        if STRENGTHS in note and note[STRENGTHS] not in NOTE_LABEL_VALUES:
            sys.exit(f"{path}:{n}: {STRENGTHS} is {note[STRENGTHS]!r}, not one of {', '.join(NOTE_LABEL_VALUES)}")
        notes.append(note)
    return notes


def file_reports(output: object) -> list[dict]:
    """The per-file reports in langcheck's JSON output."""
    if isinstance(output, dict):
        for key in ("files", "results", "reports"):
            if isinstance(output.get(key), list):
                return output[key]
        if "findings" in output:
            return [output]
    if isinstance(output, list):
        return output
    raise SystemExit(f"unrecognised JSON output shape: {str(output)[:200]}")


def run_langcheck(notes: list[dict], cmd: str, workdir: Path) -> dict[str, list[dict]]:
    paths = {}
    for note in notes:
        path = workdir / f"{note['id']}.txt"
        path.write_text(note["text"], encoding="utf-8")
        paths[note["id"]] = path
    argv = shlex.split(cmd) + ["--format", "json"] + [str(p) for p in paths.values()]
    proc = subprocess.run(argv, capture_output=True, text=True)
    if not proc.stdout.strip():
        raise SystemExit(f"no output from {' '.join(argv[:4])} ... (exit {proc.returncode}):\n{proc.stderr[-2000:]}")
    by_name = {}
    for report in file_reports(json.loads(proc.stdout)):
        name = Path(str(report.get("path") or report.get("file") or "")).stem
        by_name[name] = report.get("findings", [])
    return {nid: by_name.get(nid, []) for nid in paths}


def overlaps(a: dict, b: dict) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def score(notes: list[dict], found: dict[str, list[dict]], show_errors: bool) -> dict:
    tally = {c: defaultdict(int) for c in SPAN_CATEGORIES + NOTE_LABELS}
    errors = []
    for note in notes:
        findings = found.get(note["id"], [])
        annotated = note.get("annotated", SPAN_CATEGORIES + NOTE_LABELS)
        for cat in SPAN_CATEGORIES:
            if cat not in annotated:
                continue
            gold = [s for s in note.get("spans", []) if s["category"] == cat]
            pred = [f for f in findings if f.get("category") == cat and f.get("start") is not None]
            used = set()
            for p in pred:
                hit = next((i for i, g in enumerate(gold) if i not in used and overlaps(p, g)), None)
                if hit is None and any(overlaps(p, g) for g in gold):
                    tally[cat]["dup"] += 1  # a second finding on an already matched span: noise, not a false alarm
                    continue
                if hit is None:
                    tally[cat]["fp"] += 1
                    errors.append((note["id"], "false alarm", cat, note["text"][p["start"]:p["end"]], p.get("rule", "")))
                    continue
                used.add(hit)
                if not gold[hit].get("optional"):
                    tally[cat]["tp"] += 1
            for i, g in enumerate(gold):
                if i not in used and not g.get("optional"):
                    tally[cat]["fn"] += 1
                    errors.append((note["id"], "miss", cat, g["text"] if "text" in g else note["text"][g["start"]:g["end"]], ""))
        for label in NOTE_LABELS:
            if label not in annotated:
                continue
            if label == STRENGTHS and label not in note:
                continue  # sets annotated before the strengths label existed: not scored for it
            flagged = any(f.get("category") == label for f in findings)
            expected = note.get(label) == "missing"
            key = {(True, True): "tp", (True, False): "fp", (False, True): "fn", (False, False): "tn"}[(flagged, expected)]
            tally[label][key] += 1
            if key in ("fp", "fn"):
                errors.append((note["id"], "false alarm" if key == "fp" else "miss", label, note.get(label), ""))
    result = {}
    for cat, t in tally.items():
        tp, fp, fn = t["tp"], t["fp"], t["fn"]
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        result[cat] = {"tp": tp, "fp": fp, "fn": fn, "dup": t["dup"],
                       "precision": round(p, 3), "recall": round(r, 3), "f1": round(f1, 3)}
    if show_errors:
        for e in errors:
            print("  ".join(str(x) for x in e), file=sys.stderr)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", type=Path)
    ap.add_argument("--cmd", default="langcheck", help="command that runs langcheck (default: langcheck)")
    ap.add_argument("--from-json", type=Path, help="read langcheck output instead of running it; file stems must be note ids")
    ap.add_argument("--min-precision", type=float, default=0.0)
    ap.add_argument("--min-recall", type=float, default=0.0)
    ap.add_argument("--show-errors", action="store_true")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args()

    notes = load_gold(args.gold)
    if args.from_json:
        found = {Path(str(r.get("path") or r.get("file"))).stem: r.get("findings", [])
                 for r in file_reports(json.loads(args.from_json.read_text()))}
    else:
        with tempfile.TemporaryDirectory() as tmp:
            found = run_langcheck(notes, args.cmd, Path(tmp))
    result = score(notes, found, args.show_errors)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"{'category':16} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>9} {'recall':>7} {'f1':>6}")
        for cat, r in result.items():
            print(f"{cat:16} {r['tp']:4} {r['fp']:4} {r['fn']:4} {r['precision']:9.3f} {r['recall']:7.3f} {r['f1']:6.3f}")
    worst_p = min(r["precision"] for r in result.values())
    worst_r = min(r["recall"] for r in result.values())
    print(f"notes={len(notes)} min_precision={worst_p:.3f} min_recall={worst_r:.3f}")
    sys.exit(0 if worst_p >= args.min_precision and worst_r >= args.min_recall else 1)


if __name__ == "__main__":
    main()
