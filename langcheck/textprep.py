"""Text as the checks read it: invisible characters removed, with a map back to the original.

"L\\u200dA\\u200dC review", "aggr\\u200cessive", "\\ufeffLAC review" and "LAC\\x00 review" look
like "LAC review" and "aggressive" on screen, but a zero-width joiner, a byte-order mark or a
NUL inside a word hides it from every pattern. Before checking, such characters are taken out:
Unicode's default-ignorable code points (format characters such as ZWJ, ZWNJ, ZWSP, the BOM,
soft hyphens, bidirectional controls, variation selectors, tag characters, Hangul fillers) and
the control characters that are not white space (NUL and the rest of C0 and C1 except tab, line
feed, vertical tab, form feed, carriage return, the information separators and NEL). Nothing
else changes: no case folding or compatibility mapping, so the matched words are what was
written.

`restore` maps every finding back, so offsets index the ORIGINAL text and `finding.text` is
`original[start:end]` (the invisible characters inside a match are part of it). Text without
any of these characters (nearly every note) is passed through untouched.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace

from .findings import Report

# Default_Ignorable_Code_Point (Unicode DerivedCoreProperties.txt), then the controls.
INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f"
    "\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0000-\U000e0fff"
    "\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]+"
)


@dataclass(frozen=True)
class Prepared:
    """`text` is what the checks read; `_runs` maps it back: (start in text, start in original)
    for each stretch of kept characters."""

    original: str
    text: str
    _runs: tuple[tuple[int, int], ...] = ()

    def to_original(self, index: int) -> int:
        """The original offset of the character at `index` in `text` (len(text) maps to the end)."""
        if not self._runs:
            return index
        if index >= len(self.text):
            return len(self.original)
        run = bisect_right(self._runs, (index, len(self.original) + 1)) - 1
        start, original_start = self._runs[run]
        return original_start + (index - start)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """A [start, end) range of `text` as a range of the original, from the first kept
        character to just after the last (so invisible characters inside are covered)."""
        if end <= start:
            at = self.to_original(start)
            return at, at
        return self.to_original(start), self.to_original(end - 1) + 1

    def restore(self, report: Report) -> Report:
        """The report with offsets and matched text of the original."""
        if not self._runs:
            return report
        findings = []
        for f in report.findings:
            if f.start is None or f.end is None:
                findings.append(f)
                continue
            start, end = self.span(f.start, f.end)
            replacements = tuple(replace(r, start=a, end=b) for r in f.replacements
                                 for a, b in [self.span(r.start, r.end)])
            findings.append(replace(f, start=start, end=end, text=self.original[start:end],
                                    replacements=replacements))
        summary = dict(report.summary)
        if "characters" in summary:
            summary["characters"] = len(self.original)
        return replace(report, findings=tuple(findings), summary=summary)


def prepare(text: str) -> Prepared:
    """`text` without invisible characters, and how to map offsets back."""
    if INVISIBLE.search(text) is None:
        return Prepared(text, text)
    runs: list[tuple[int, int]] = []
    kept: list[str] = []
    length = 0
    last = 0
    for m in INVISIBLE.finditer(text):
        if m.start() > last:
            runs.append((length, last))
            kept.append(text[last:m.start()])
            length += m.start() - last
        last = m.end()
    if last < len(text):
        runs.append((length, last))
        kept.append(text[last:])
    if not runs:  # nothing but invisible characters: an empty note, whose end is the original's
        runs.append((0, len(text)))
    return Prepared(text, "".join(kept), tuple(runs))
