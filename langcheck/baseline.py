"""Reviewed findings: fingerprints that survive edits elsewhere in a note, and baseline files.

A finding's fingerprint is its rule id and a hash of the matched words and up to three words
either side of them on the same line, case- and spacing-insensitive (as ruff's and semgrep's
baselines key findings by rule and matched code, not by line number). Editing another
sentence, or adding a paragraph above, leaves it unchanged; rewording the phrase itself makes
it a new finding. A finding about the whole note (no offsets) is keyed by its rule alone.

The same fingerprints serve three users: the CLI's `--baseline` file (reviewed findings are not
reported again), the audit's `baseline.json` (new / still present / resolved against a previous
audit) and the service's per-request `dismissed` list. A baseline file holds fingerprints and
paths, never note text.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from .findings import Finding, Report

FORMAT = 1
CONTEXT_WORDS = 3
WINDOW = 120  # characters either side searched for those words
_WORD = re.compile(r"\w+")
_FALLBACK_ID = re.compile(r"(row|line) \d+")  # the readers' name for a row whose id cell is empty


class BaselineError(ValueError):
    """A baseline file that cannot be read or written; the message names the file."""


def _normal(s: str) -> str:
    return " ".join(unicodedata.normalize("NFC", s).casefold().split())


def fingerprint(text: str, finding: Finding) -> str:
    """`RULE:hash` for a finding in `text` (the note it was found in)."""
    material = ""
    if finding.start is not None and finding.end is not None:
        # The same line, and no further than WINDOW characters: a paragraph-per-line note's
        # line may be long, and three words never are.
        line_start = text.rfind("\n", max(0, finding.start - WINDOW), finding.start) + 1
        line_end = text.find("\n", finding.end, finding.end + WINDOW)
        line_end = min(len(text), finding.end + WINDOW) if line_end < 0 else line_end
        before = _WORD.findall(text[max(line_start, finding.start - WINDOW):finding.start])[-CONTEXT_WORDS:]
        after = _WORD.findall(text[finding.end:line_end])[:CONTEXT_WORDS]
        material = "\x1f".join((_normal(" ".join(before)), _normal(text[finding.start:finding.end]),
                                _normal(" ".join(after))))
    digest = hashlib.sha256(f"{finding.rule}\x1e{material}".encode("utf-8", "surrogatepass")).hexdigest()
    return f"{finding.rule}:{digest[:16]}"


def fingerprints(text: str, report: Report) -> list[str]:
    return [fingerprint(text, f) for f in report.findings]


def split_known(prints: Sequence[str], known: Iterable[str]) -> tuple[list[int], list[int]]:
    """Indexes of the new and of the known fingerprints. Counted: a baseline that holds a
    fingerprint once hides one finding with it, so a second use of the same words is new."""
    left = Counter(known)
    new, seen = [], []
    for i, p in enumerate(prints):
        if left[p] > 0:
            left[p] -= 1
            seen.append(i)
        else:
            new.append(i)
    return new, seen


def without_known(text: str, report: Report, known: Iterable[str]) -> tuple[Report, list[str], list[str]]:
    """`report` without the findings whose fingerprints are `known` (its summary counts what is
    left), the fingerprints of the findings kept, and those of the findings hidden."""
    from .checker import _summary  # the one place a report's counts are made

    prints = fingerprints(text, report)
    new, seen = split_known(prints, known)
    kept = tuple(report.findings[i] for i in new)
    if not seen:
        return report, prints, []
    summary = {**report.summary, **_summary(list(kept), text)}
    return Report(findings=kept, summary=summary), [prints[i] for i in new], [prints[i] for i in seen]


def note_key(path: str, base: Path, row_id: str | None = None, by_id: bool = False) -> str:
    """How a baseline names a note: a file by its path relative to the baseline's folder (so
    the file means the same from anywhere); a row of an export by `#id` when the export has an
    id column (ids outlive file names: next quarter's export still compares), else by
    `path#row N`."""
    if row_id is not None and by_id and not _FALLBACK_ID.fullmatch(row_id):
        return f"#{row_id}"
    if path in ("-", "") or path.startswith("<"):
        rel = path or "-"
    else:
        rel = Path(os.path.relpath(os.path.abspath(path), os.path.abspath(base))).as_posix()
    return rel if row_id is None else f"{rel}#{row_id}"


def read(path: Path) -> dict[str, list[str]]:
    """A baseline file's fingerprints by note key."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"{path}: no such baseline file (write one with --write-baseline)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: cannot read the baseline: {exc}") from None
    except ValueError as exc:
        raise BaselineError(f"{path}: not a langcheck baseline (invalid JSON: {exc})") from None
    notes = data.get("notes") if isinstance(data, dict) and data.get("langcheck_baseline") == FORMAT else None
    if not isinstance(notes, dict) or not all(
            isinstance(k, str) and isinstance(v, list) and all(isinstance(p, str) for p in v) for k, v in notes.items()):
        raise BaselineError(f"{path}: not a langcheck baseline (expected {{\"langcheck_baseline\": {FORMAT}, "
                            "\"notes\": {path: [fingerprint, ...]}}})")
    return notes


def document(notes: Mapping[str, Iterable[str]]) -> str:
    """A baseline file's text: notes and fingerprints sorted, so it diffs well under version control."""
    from . import __version__

    doc: dict[str, Any] = {
        "langcheck_baseline": FORMAT,
        "tool": {"name": "langcheck", "version": __version__},
        "notes": {k: sorted(v) for k, v in sorted(notes.items()) if v},
    }
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def compare(previous: Mapping[str, Iterable[str]], current: Mapping[str, Sequence[str]]) -> dict[str, Any]:
    """New, still present and resolved findings of `current` against `previous` (both keyed by
    note). A finding is resolved only in a note checked both times; the findings of notes that
    are not in `current` are counted apart, not as resolved."""
    new = still = resolved = gone_notes = gone_findings = 0
    by_rule: dict[str, Counter] = {}

    def count(p: str, what: str, n: int = 1) -> None:
        by_rule.setdefault(p.split(":", 1)[0], Counter())[what] += n

    for key, prints in current.items():
        before = Counter(previous.get(key, ()))
        now = Counter(prints)
        for p, n in now.items():
            kept = min(n, before[p])
            still += kept
            new += n - kept
            if kept:
                count(p, "still_present", kept)
            if n - kept:
                count(p, "new", n - kept)
        for p, n in before.items():
            gone = n - min(n, now[p])
            if gone:
                resolved += gone
                count(p, "resolved", gone)
    for key, prints in previous.items():
        if key not in current:
            gone_notes += 1
            gone_findings += len(list(prints))
    return {
        "new": new, "still_present": still, "resolved": resolved,
        "previous_notes_not_in_this_audit": gone_notes, "their_findings": gone_findings,
        "by_rule": {r: {k: c[k] for k in ("new", "still_present", "resolved")}
                    for r, c in sorted(by_rule.items())},
    }
