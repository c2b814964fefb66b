"""Plain, typed, immutable results: what `check()` returns."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Mapping


class Severity(str, Enum):
    """Three levels, as in Vale: a suggestion to consider, a warning, an error."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]

    @classmethod
    def parse(cls, value: "str | Severity") -> "Severity":
        if isinstance(value, Severity):
            return value
        try:
            return cls(str(value).lower())
        except ValueError:
            raise ValueError(f"unknown severity {value!r}: use info, warning or error") from None


_RANK = {Severity.INFO: 1, Severity.WARNING: 2, Severity.ERROR: 3}


@dataclass(frozen=True, slots=True)
class Replacement:
    """Words that may stand in for a finding with one click: put `text` at [start, end) of the
    original text. The range is the finding's own, or a little wider when an article in front
    has to change with it ("an LAC" -> "a child in care")."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing langcheck found in a note.

    `start`/`end` are character offsets into the original text (`text[start:end] == self.text`);
    both are None for a note-level finding such as a missing child's voice.
    """

    rule: str
    name: str
    category: str
    severity: Severity
    start: int | None
    end: int | None
    text: str | None
    message: str
    suggestions: tuple[str, ...]
    why: str
    source: tuple[str, ...]
    # Context that changed how the match was reported, e.g. ("negated",).
    context: tuple[str, ...] = ()
    # The lexicon's safe fix (jargon only), set when it fits here: --fix applies replacements[0].
    fix: str | None = None
    # Literal replacements that keep the sentence grammatical and the meaning, decided from the
    # parse (langcheck/rewrite.py); empty where only the writer can reword it. All share one range.
    replacements: tuple[Replacement, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "name": self.name,
            "category": self.category,
            "severity": self.severity.value,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "message": self.message,
            "suggestions": list(self.suggestions),
            "why": self.why,
            "source": list(self.source),
            "context": list(self.context),
            "fix": self.fix,
            "replacements": [r.to_dict() for r in self.replacements],
        }


@dataclass(frozen=True, slots=True)
class Report:
    """Everything langcheck found in one note, in text order, with a summary."""

    findings: tuple[Finding, ...]
    summary: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"findings": [f.to_dict() for f in self.findings], "summary": dict(self.summary)}

    def at_or_above(self, severity: Severity) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity.rank >= severity.rank)
