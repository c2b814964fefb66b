"""Safe fixes: rewriting jargon whose lexicon entry names one replacement as safe.

Pure functions over text and findings, shared by the CLI (`--fix`, `--diff`) and the service.
Only findings whose `fix` is not None are applied; the loader allows `safe_fix` on jargon
only, so blaming labels and vague language are never rewritten: they need the writer.

    >>> from langcheck.fixes import apply_fixes
    >>> apply_fixes(text, report.findings)   # doctest: +SKIP
"""
from __future__ import annotations

import re
from typing import Iterable

from .findings import Finding

# The end of a sentence before a match: start of text, or . ! ? (and closing quotes or
# brackets), then white space; a blank line or a line starting with a bullet also counts.
_SENTENCE_END = re.compile(r"(?:(?:^|\n)[ \t]*(?:[-*•][ \t]*)?|[.!?][\"'’”)\]]*\s+)$")
_WORD = re.compile(r"[A-Za-z]+")
# Words ending in s that are not plurals of anything a lexicon would match.
_NOT_PLURAL_ENDINGS = ("ss", "us", "is")


def fixable(findings: Iterable[Finding]) -> list[Finding]:
    """The findings with a safe fix, without overlaps, in text order."""
    chosen: list[Finding] = []
    for f in sorted((f for f in findings if f.fix is not None and f.start is not None and f.end is not None),
                    key=lambda f: (f.start, -(f.end - f.start))):
        if chosen and f.start < chosen[-1].end:
            continue  # overlaps the previous fix: keep the first (and longest) one
        chosen.append(f)
    return chosen


def replacement(text: str, finding: Finding) -> str:
    """The fix for one finding, in the matched words' capitalisation and number."""
    assert finding.fix is not None and finding.start is not None and finding.end is not None
    matched = text[finding.start:finding.end]
    fix = finding.fix
    if _is_plural(matched) and not _is_plural(fix):
        fix = _pluralise(fix)
    if matched[:1].isupper() and at_sentence_start(text, finding.start):
        fix = fix[:1].upper() + fix[1:]
    return fix


def apply_fixes(text: str, findings: Iterable[Finding]) -> str:
    """`text` with every safe fix applied, right to left by offset so earlier offsets stay valid.

    A finding whose offsets no longer cover its matched text (the text changed since it was
    checked) is skipped, so applying fixes twice, or to a stale report, never corrupts a note.
    """
    out = text
    for f in reversed(fixable(findings)):
        if f.text is not None and text[f.start:f.end] != f.text:
            continue
        out = out[:f.start] + replacement(text, f) + out[f.end:]
    return out


def at_sentence_start(text: str, offset: int) -> bool:
    # search(text, pos, endpos): "^" is the real start of the text, "$" is the offset.
    return bool(_SENTENCE_END.search(text, max(0, offset - 200), offset))


def _is_plural(phrase: str) -> bool:
    words = _WORD.findall(phrase)
    if not words:
        return False
    last = words[-1]
    if last.isupper():
        return False  # an acronym such as "SW" or "DSL"
    low = last.lower()
    return len(low) > 3 and low.endswith("s") and not low.endswith(_NOT_PLURAL_ENDINGS)


def _pluralise(phrase: str) -> str:
    """English plural of a phrase's last word ("child in care review" -> "... reviews")."""
    m = list(_WORD.finditer(phrase))
    if not m:
        return phrase
    last = m[-1]
    word = last.group()
    low = word.lower()
    if low == "child":
        plural = word + "ren"
    elif low.endswith("y") and len(low) > 1 and low[-2] not in "aeiou":
        plural = word[:-1] + "ies"
    elif low.endswith(("s", "x", "z", "ch", "sh")):
        plural = word + "es"
    else:
        plural = word + "s"
    return phrase[:last.start()] + plural + phrase[last.end():]
