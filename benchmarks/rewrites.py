#!/usr/bin/env python3
"""Damaged sentences: what each one-click path leaves behind when its first replacement is taken.

    python benchmarks/rewrites.py FRAMES.jsonl [--verbose] [--json OUT]
    python benchmarks/rewrites.py --examples-only

FRAMES.jsonl holds sentences in hard frames, one JSON object a line: `text`, the jargon span
(`start`, `end`), its `sense` ("jargon" or "other") and `acceptable`, the full texts a one-click
replacement may leave ([] = none is acceptable: advice only, or no finding). For each sentence
and each path, the finding that overlaps the span and offers a replacement has its FIRST
replacement applied, as that path applies it:

  * cli:  `langcheck --fix` (langcheck.fixes.apply_fixes, restricted to that finding);
  * v2:   POST /v2/check, applied with language_tool_python's own `correct()`;
  * page: POST /v1/check, applied as the page's Accept button does (static/index.html).

A sentence is damaged when the result is not one of `acceptable` (so any replacement where []
is expected), and a safety error when "family time" is offered for another sense. Then every
rule's own `flag:` examples (all rules, default ones or not) go through the same three paths and
the result is checked for what can be judged without a list of answers: the capital at a
sentence start (or the capitals of a heading) kept, no doubled determiner or word, and no
"a"/"an" before the wrong sound.

Runs in-process (FastAPI's TestClient); works on code with or without the `replacements` field.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

from fastapi.testclient import TestClient
from language_tool_python.match import Match
from language_tool_python.utils import correct

import langcheck
from langcheck.fixes import apply_fixes
from langcheck.service.main import create_app
from langcheck.service.settings import Settings

PATHS = ("cli", "v2", "page")
_DETERMINERS = r"(?:a|an|the|his|her|their|its|my|your|our|this|that|these|those)"
_DOUBLED = [
    re.compile(rf"\b(?:a|an|the|his|her|their|its|my|your|our)\s+{_DETERMINERS}\b", re.I),
    re.compile(rf"['’]s\s+{_DETERMINERS}\b", re.I),
    re.compile(r"\b(\w+)\s+\1\b", re.I),
]
_ARTICLE = [re.compile(r"\ban\s+[bcdfgjklmnpqrstvwxyz][a-z]*\b"), re.compile(r"\ba\s+[aio][a-z]*\b")]
_SENTENCE_START = re.compile(r"(?:^|\n)[ \t]*(?:[-*•][ \t]*)?$|[.!?:][\"'’”)\]]*\s+$")


def overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


# -- the three paths: (full result, start, end of the replaced range) or None ---------------

def via_cli(text: str, start: int, end: int):
    for f in langcheck.check(text).findings:
        if f.start is not None and overlaps(f.start, f.end, start, end):
            fixed = apply_fixes(text, [f])
            if fixed != text:
                r = getattr(f, "replacements", None)
                return (fixed, r[0].start, r[0].end) if r else (fixed, f.start, f.end)
    return None


def via_v2(client: TestClient, text: str, start: int, end: int):
    matches = client.post("/v2/check", data={"text": text, "language": "en-GB"}).json()["matches"]
    for m in matches:
        if m["replacements"] and overlaps(m["offset"], m["offset"] + m["length"], start, end):
            match = Match(m, text)
            return correct(text, [match]), match.offset, match.offset + match.error_length
    return None


def via_page(client: TestClient, text: str, start: int, end: int):
    """acceptFix() in static/index.html: the first of `replacements` over its own range, or
    (before that field existed) the lexicon's `fix` over the finding."""
    for f in client.post("/v1/check", json={"text": text}).json()["findings"]:
        if f["start"] is None or not overlaps(f["start"], f["end"], start, end):
            continue
        if "replacements" in f:
            if f["replacements"]:
                r = f["replacements"][0]
                return text[:r["start"]] + r["text"] + text[r["end"]:], r["start"], r["end"]
        elif f.get("fix"):
            return text[:f["start"]] + f["fix"] + text[f["end"]:], f["start"], f["end"]
    return None


def run_path(path: str, client: TestClient, text: str, start: int, end: int):
    if path == "cli":
        return via_cli(text, start, end)
    if path == "v2":
        return via_v2(client, text, start, end)
    return via_page(client, text, start, end)


# -- frames -----------------------------------------------------------------------------------

def score_frames(frames: list[dict], client: TestClient, verbose: bool) -> dict:
    table = {p: Counter() for p in PATHS}
    damaged = {p: [] for p in PATHS}
    for fr in frames:
        for path in PATHS:
            applied = run_path(path, client, fr["text"], fr["start"], fr["end"])
            c = table[path]
            if applied is None:
                c["kept (advice or no finding)" if not fr["acceptable"] else "missed (no replacement offered)"] += 1
                continue
            result = applied[0]
            c["offered"] += 1
            if result in fr["acceptable"]:
                c["good"] += 1
                continue
            c["DAMAGED"] += 1
            if fr["sense"] == "other" and "family time" in result.lower() and "family time" not in fr["text"].lower():
                c["SAFETY: family time for another sense"] += 1
            damaged[path].append((fr["id"], fr["text"], result))
    if verbose:
        for path in PATHS:
            for fid, before, after in damaged[path]:
                print(f"  {path:4} {fid}: {before}\n{'':10}-> {after}")
    return {p: dict(c) for p, c in table.items()}


# -- the rules' own examples ------------------------------------------------------------------

def problems(before: str, after: str, fstart: int, old: str) -> list[str]:
    """What is wrong with `after` (from `before`, the edit starting at fstart replacing `old`)."""
    out = []
    new_end = fstart + len(after) - len(before) + len(old)
    new = after[fstart:new_end]
    window = after[max(0, fstart - 25):new_end + 25]
    first_old = next((ch for ch in old if ch.isalpha()), "")
    first_new = next((ch for ch in new if ch.isalpha()), "")
    line_start = before.rfind("\n", 0, fstart) + 1
    line_end = before.find("\n", fstart)
    line = before[line_start:line_end if line_end >= 0 else len(before)]
    letters = [ch for ch in line if ch.isalpha()]
    heading_caps = len(letters) > len([ch for ch in old if ch.isalpha()]) and all(ch.isupper() for ch in letters)
    if heading_caps and new != new.upper():
        out.append("heading capitals lost")
    elif _SENTENCE_START.search(before[:fstart]) and first_old.isupper() and first_new and not first_new.isupper():
        out.append("capital at the sentence start lost")
    for pattern in _DOUBLED:
        for m in pattern.finditer(window):
            out.append(f"doubled: {m.group(0)!r}")
    for pattern in _ARTICLE:
        for m in pattern.finditer(window):
            out.append(f"article: {m.group(0)!r}")
    shape_before, shape_after = shape(before, fstart, fstart + len(old)), shape(after, fstart, new_end)
    unknown = shape_before[0] not in ("noun", "verb")  # an acronym the model read as an interjection
    if shape_before != shape_after and not unknown:
        out.append(f"parse shape {shape_before} -> {shape_after}")
    return out


_CLASS = {"NOUN": "noun", "PROPN": "noun", "PRON": "noun", "NUM": "noun", "X": "noun", "VERB": "verb", "AUX": "verb"}
# Roles, grouped: a noun phrase that was a subject stays a subject. A verbless fragment ("DSL
# called to share concerns" read as a noun phrase) counts as a subject, as notes are written.
_ROLE = {"nsubj": "subject", "nsubjpass": "subject", "csubj": "subject", "ROOT": "subject", "dep": "subject",
         "dobj": "object", "pobj": "object", "attr": "object", "oprd": "object", "dative": "object",
         "appos": "object", "conj": "object", "compound": "modifier", "amod": "modifier", "nmod": "modifier",
         "poss": "modifier"}


def shape(text: str, start: int, end: int) -> tuple[str, str]:
    """The edited words' head: its word class and its role in the sentence."""
    from langcheck.model import get_pipeline

    doc = get_pipeline()[0](text)
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return ("", "")
    root = span.root
    # A phrase with a noun in it is a noun phrase, whatever the small model made its head
    # ("looked after child" headed by "looked").
    word_class = "noun" if any(t.pos_ in ("NOUN", "PROPN") for t in span) else _CLASS.get(root.pos_, root.pos_.lower())
    return (word_class, _ROLE.get(root.dep_, root.dep_))


def score_examples(client: TestClient, verbose: bool) -> dict:
    rules = langcheck.load_rules()
    table = {p: Counter() for p in PATHS}
    config = langcheck.Config(select=("ALL",))
    for rule in rules:
        for text in rule.examples.flag:
            for f in langcheck.check(text, config).findings:
                if f.rule != rule.id or f.start is None:
                    continue
                for path in PATHS:
                    applied = run_path(path, client, text, f.start, f.end)
                    if applied is None or applied[0] == text:
                        continue
                    result, start, end = applied
                    table[path]["offered"] += 1
                    found = problems(text, result, start, text[start:end])
                    if found:
                        table[path]["DAMAGED"] += 1
                        if verbose:
                            print(f"  {path:4} {rule.id}: {text}\n{'':10}-> {result}   {found}")
    return {p: dict(c) for p, c in table.items()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("frames", nargs="?", type=Path, help="JSON lines of sentences in hard frames")
    ap.add_argument("--examples-only", action="store_true", help="only the rules' own flag examples")
    ap.add_argument("--verbose", "-v", action="store_true", help="print every damaged sentence")
    ap.add_argument("--json", type=Path, help="write the figures here as JSON")
    args = ap.parse_args()
    if not args.frames and not args.examples_only:
        ap.error("give a FRAMES.jsonl file, or --examples-only")
    figures = {}
    with TestClient(create_app(Settings())) as client:
        if args.frames and not args.examples_only:
            frames = [json.loads(line) for line in args.frames.read_text(encoding="utf-8").splitlines() if line.strip()]
            figures["frames"] = {"sentences": len(frames), "by_path": score_frames(frames, client, args.verbose)}
        figures["rule_examples"] = {"by_path": score_examples(client, args.verbose)}
    for part, data in figures.items():
        print(f"\n{part}" + (f" ({data['sentences']} sentences)" if "sentences" in data else ""))
        keys = sorted({k for c in data["by_path"].values() for k in c})
        print(f"  {'':40}" + "".join(f"{p:>8}" for p in PATHS))
        for k in keys:
            print(f"  {k:40}" + "".join(f"{data['by_path'][p].get(k, 0):>8}" for p in PATHS))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
