"""Safe fixes: applying the replacements the core decided, for the CLI's `--fix` and `--diff`.

Pure functions over text and findings. What a replacement is, and whether one fits the sentence
at all, is decided once, in langcheck/rewrite.py, while `check()` builds the report; this module
only applies it. `--fix` applies a finding's first replacement where its rule names a safe fix
(`fix` is set: jargon only), so blaming labels and vague language are never rewritten: they need
the writer. The service's /v2 replacements and the page's Accept button apply the same data.

    >>> from langcheck.fixes import apply_fixes
    >>> apply_fixes(text, report.findings)   # doctest: +SKIP
"""
from __future__ import annotations

from typing import Iterable

from .findings import Finding, Replacement


def fixable(findings: Iterable[Finding]) -> list[Finding]:
    """The findings `--fix` applies, without overlaps, in text order."""
    chosen: list[Finding] = []
    for f in sorted((f for f in findings if f.fix is not None and f.replacements and f.start is not None),
                    key=lambda f: (f.replacements[0].start, -(f.replacements[0].end - f.replacements[0].start))):
        if chosen and f.replacements[0].start < chosen[-1].replacements[0].end:
            continue  # overlaps the previous fix: keep the first (and longest) one
        chosen.append(f)
    return chosen


def replacement(text: str, finding: Finding) -> Replacement:
    """What `--fix` puts where: the finding's first replacement."""
    assert finding.replacements, "only findings with a replacement can be fixed"
    return finding.replacements[0]


def apply_fixes(text: str, findings: Iterable[Finding]) -> str:
    """`text` with every safe fix applied, right to left by offset so earlier offsets stay valid.

    A finding whose offsets no longer cover its matched text (the text changed since it was
    checked) is skipped, so applying fixes twice, or to a stale report, never corrupts a note.
    """
    out = text
    for f in reversed(fixable(findings)):
        r = f.replacements[0]
        if (f.text is not None and text[f.start:f.end] != f.text) or r.end > len(text):
            continue
        out = out[:r.start] + r.text + out[r.end:]
    return out
