"""LanguageTool's HTTP API shape (v2), so its clients show langcheck's findings unchanged.

Offsets follow LanguageTool's convention: Java string indices, i.e. UTF-16 code units, so a
character outside the Basic Multilingual Plane (an emoji) counts 2. Python offsets count it 1.
"""
from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass
from typing import Any, Iterable

from langcheck import Finding, Report, RuleSet, __version__

LANGUAGE = {"name": "English (GB)", "code": "en-GB"}
LANGUAGES = [
    {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
    {"name": "English", "code": "en", "longCode": "en"},
]
CONTEXT_CHARS = 40


class AnnotationError(ValueError):
    """The `data` parameter is not LanguageTool's {"annotation": [...]} JSON."""


def software() -> dict[str, Any]:
    return {"name": "langcheck", "version": __version__, "buildDate": "", "apiVersion": 1, "premium": False,
            "status": ""}


class Utf16:
    """Python (code point) offsets to UTF-16 offsets, in O(log n) per lookup."""

    def __init__(self, text: str):
        self.astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF] if not text.isascii() else []

    def __call__(self, offset: int) -> int:
        return offset + bisect.bisect_left(self.astral, offset) if self.astral else offset


@dataclass
class Annotated:
    """Text to check and, for each of its characters, where it sits in the original (text + markup)."""

    checked: str
    original: str
    positions: list[int] | None  # None when checked == original

    def to_original(self, offset: int, end: bool = False) -> int:
        if self.positions is None:
            return offset
        if end:
            return self.positions[offset - 1] + 1 if offset > 0 else 0
        return self.positions[offset] if offset < len(self.positions) else len(self.original)


def parse_annotation(data: str) -> Annotated:
    """LanguageTool's `data`: text parts are checked, markup is skipped (or read as `interpretAs`)."""
    try:
        doc = json.loads(data)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise AnnotationError(f"'data' is not valid JSON ({getattr(exc, 'msg', 'too deeply nested')})") from None
    parts = doc.get("annotation") if isinstance(doc, dict) else None
    if not isinstance(parts, list):
        raise AnnotationError("'data' must be JSON like {\"annotation\": [{\"text\": \"...\"}, {\"markup\": \"...\"}]}")
    checked: list[str] = []
    original: list[str] = []
    positions: list[int] = []
    at = 0
    for n, part in enumerate(parts):
        if not isinstance(part, dict) or not (isinstance(part.get("text"), str) or isinstance(part.get("markup"), str)):
            raise AnnotationError(f"'data' annotation #{n + 1} needs a 'text' or a 'markup' string")
        if isinstance(part.get("text"), str):
            piece = part["text"]
            checked.append(piece)
            positions.extend(range(at, at + len(piece)))
        else:
            piece = part["markup"]
            interpret = part.get("interpretAs")
            if isinstance(interpret, str) and interpret:
                checked.append(interpret)
                positions.extend([at] * len(interpret))
        original.append(piece)
        at += len(piece)
    return Annotated("".join(checked), "".join(original), positions)


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around [start, end): from after the previous sentence end to the next one."""
    ends = (". ", "! ", "? ", "\n")
    left = max(text.rfind(e, 0, start) + len(e) if text.rfind(e, 0, start) >= 0 else 0 for e in ends)
    rights = [i + 1 for i in (text.find(e, end) for e in ends[:3]) if i >= 0]
    newline = text.find("\n", end)
    rights += [newline] if newline >= 0 else []
    right = min(rights) if rights else len(text)
    return left, max(right, end)


def _note_span(text: str) -> tuple[int, int]:
    """Where a note-level finding (no offsets) is shown: the note's first line, at most 80 characters."""
    stripped = len(text) - len(text.lstrip())
    line_end = text.find("\n", stripped)
    line_end = len(text) if line_end < 0 else line_end
    return stripped, min(line_end, stripped + 80)


def to_match(f: Finding, ann: Annotated, u16: Utf16, rules: RuleSet | None) -> dict[str, Any]:
    text = ann.checked
    # Replacements are the core's (langcheck/rewrite.py): literal words that fit the sentence, all
    # over one range, which may be a little wider than the finding ("an LAC" -> "a child in care").
    # Where there are none, the suggestions are advice in the message and nothing is one click.
    replacements = [r.text for r in f.replacements] if f.start is not None else []
    if f.start is None:
        start, end = _note_span(text)
    elif f.replacements:
        start, end = f.replacements[0].start, f.replacements[0].end
    else:
        start, end = f.start, f.end
    s_start, s_end = _sentence(text, start, end)
    ostart, oend = ann.to_original(start), ann.to_original(end, end=True) if end > start else ann.to_original(start)
    original = ann.original
    c_start, c_end = max(0, ostart - CONTEXT_CHARS), min(len(original), oend + CONTEXT_CHARS)
    prefix = "..." if c_start > 0 else ""
    suffix = "..." if c_end < len(original) else ""
    context = prefix + original[c_start:c_end] + suffix
    in_context = len(prefix) + (u16(ostart) - u16(c_start))
    offered = {r.lower() for r in replacements}
    advice = [s for s in f.suggestions if s.lower() not in offered]
    message = f.message + (" Consider: " + "; ".join(advice) + "." if advice else "")
    rule = rules.get(f.rule) if rules is not None else None
    description = rule.summary_line() if rule is not None else f.name
    category = f.category.replace("_", " ").capitalize()
    urls = [{"value": m.group(0).rstrip(".,);")} for s in f.source for m in [re.search(r"https?://\S+", s)] if m]
    return {
        "message": message,
        "shortMessage": category,
        "replacements": [{"value": r} for r in replacements],
        "offset": u16(ostart),
        "length": u16(oend) - u16(ostart),
        "context": {"text": context, "offset": in_context, "length": u16(oend) - u16(ostart)},
        "sentence": text[s_start:s_end].strip(),
        "type": {"typeName": "Hint" if f.severity.value == "info" else "Other"},
        "rule": {"id": f.rule, "subId": f.name, "description": description, "issueType": "style",
                 "category": {"id": f.category.upper(), "name": category},
                 **({"urls": urls[:3]} if urls else {})},
        "ignoreForIncompleteSentence": False,
        "contextForSureMatch": 0,
    }


def response(report: Report | None, ann: Annotated, rules: RuleSet | None, language: dict | None = None) -> dict:
    u16 = Utf16(ann.original)
    matches = [to_match(f, ann, u16, rules) for f in report.findings] if report is not None else []
    lang = language or LANGUAGE
    return {
        "software": software(),
        "warnings": {"incompleteResults": False},
        "language": {**lang, "detectedLanguage": {**lang, "confidence": 1.0, "source": "langcheck"}},
        "matches": matches,
    }


def selection(rules: RuleSet, enabled_rules: Iterable[str], disabled_rules: Iterable[str],
              enabled_categories: Iterable[str], disabled_categories: Iterable[str],
              enabled_only: bool) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """LanguageTool's rule switches as langcheck's select/ignore. Unknown ids are ignored, as
    LanguageTool ignores ids of rules it does not have (clients send their own lists)."""
    known = {r.id for r in rules}
    cats = {r.category for r in rules}
    on = [r.upper() for r in enabled_rules if r.upper() in known]
    on += [c.lower() for c in enabled_categories if c.lower() in cats]
    off = [r.upper() for r in disabled_rules if r.upper() in known]
    off += [c.lower() for c in disabled_categories if c.lower() in cats]
    if enabled_only:
        select = tuple(on) or ("NONE000",)  # nothing selected: no rule runs
    elif on:
        select = tuple(sorted({r.id for r in rules if r.enabled} | set(on)))
    else:
        select = ()
    return select, tuple(off)


def split_list(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]
