"""The audit's outputs, always regenerated from the store in a sorted order:
findings.csv, summary.json and report.html, each written to a temporary file and renamed."""
from __future__ import annotations

import json
import os
import re
import tempfile
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .. import __version__
from ..csvsafe import SafeWriter
from ..lexicon import RuleSet
from .report import NOT_RECORDED

NOT_CHECKED_LIMIT = 10_000  # listed one by one in summary.json; the counts are always complete


def per_1000(findings: int, words: int) -> float:
    return round(1000 * findings / words, 2) if words else 0.0


def share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


_ISO = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})(?:[-/.]\d{1,2})?")
_UK = re.compile(r"^\s*\d{1,2}[-/.](\d{1,2})[-/.](\d{4})\b")


def month_of(value: str | None) -> str | None:
    """"2024-03" from an ISO date (2024-03-05, 2024-03-05T10:00) or a UK one (05/03/2024)."""
    if not value:
        return None
    m = _ISO.match(value)
    if m:
        year, month = int(m.group(1)), int(m.group(2))
    else:
        m = _UK.match(value)
        if not m:
            return None
        year, month = int(m.group(2)), int(m.group(1))
    return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else None


class Group:
    """Running totals for the whole audit or one team, author or month."""

    __slots__ = ("notes", "words", "findings", "categories", "voice")

    def __init__(self) -> None:
        self.notes = self.words = self.findings = 0
        self.categories: Counter = Counter()
        self.voice: Counter = Counter()

    def add(self, words: int, result: dict) -> None:
        self.notes += 1
        self.words += words
        self.findings += len(result["findings"])
        self.categories.update(f[2] for f in result["findings"])
        if result.get("child_voice"):
            self.voice[result["child_voice"]] += 1

    def to_dict(self, categories: list[str]) -> dict[str, Any]:
        expected = self.voice["missing"] + self.voice["present"]
        return {
            "notes": self.notes, "words": self.words, "findings": self.findings,
            "findings_per_1000_words": per_1000(self.findings, self.words),
            "per_1000_words_by_category": {c: per_1000(self.categories[c], self.words) for c in categories},
            "visit_notes": expected, "child_voice_missing": self.voice["missing"],
            "child_voice_missing_share": share(self.voice["missing"], expected),
        }


@contextmanager
def atomic(path: Path, newline: str | None = None):
    """Write to a temporary file beside `path`, then rename it into place."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes it private; outputs are ordinary files
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def write_outputs(store, out: Path, options, rules: RuleSet, comparison: dict | None = None) -> dict[str, Any]:
    cols = options.columns
    meta_cols = list(cols.all_meta)
    group_cols = [c for c in cols.meta if c != cols.date]
    keep_text = not options.no_text
    categories = sorted({r.category for r in rules})
    total = Group()
    by_meta: dict[str, dict[str, Group]] = {c: {} for c in group_cols}
    by_month: dict[str, Group] = {}
    undated = 0
    status = Counter()
    reasons: dict[str, Counter] = {"skipped": Counter(), "failed": Counter()}
    not_checked: list[dict] = []
    by_rule: Counter = Counter()
    notes_by_rule: Counter = Counter()
    by_severity: Counter = Counter()
    grades: list[tuple[float, int]] = []

    header = ["source", "note_id", "rule", "name", "category", "severity", "start", "end"]
    header += ["text", "message"] if keep_text else []
    header += meta_cols
    with atomic(out / "findings.csv", newline="") as fh:
        writer = SafeWriter(fh)  # note ids, metadata and excerpts never start a spreadsheet formula
        writer.writerow(header)
        for display, ordinal, note_id, st, kind, reason, meta_json, words, score, result_json in store.notes():
            status[st] += 1
            if st != "checked":
                reasons[st][kind] += 1
                if len(not_checked) < NOT_CHECKED_LIMIT:
                    not_checked.append({"source": display, "note_id": note_id, "status": st, "reason": reason})
                continue
            result = json.loads(result_json)
            meta = json.loads(meta_json)
            total.add(words, result)
            for c in group_cols:
                by_meta[c].setdefault(meta.get(c) or NOT_RECORDED, Group()).add(words, result)
            month = month_of(meta.get(cols.date)) if cols.date else None
            if month:
                by_month.setdefault(month, Group()).add(words, result)
            elif cols.date:
                undated += 1
            if result.get("reading_grade") is not None:
                grades.append((result["reading_grade"], words))
            seen = set()
            meta_values = [meta.get(c, "") for c in meta_cols]
            for rule, name, category, severity, start, end, text, message in result["findings"]:
                by_rule[rule] += 1
                by_severity[severity] += 1
                if rule not in seen:
                    notes_by_rule[rule] += 1
                    seen.add(rule)
                row = [display, note_id, rule, name, category, severity,
                       "" if start is None else start, "" if end is None else end]
                if keep_text:
                    row += [text or "", message or ""]
                writer.writerow(row + meta_values)

    words = total.words
    expected = total.voice["missing"] + total.voice["present"]
    summary: dict[str, Any] = {
        "tool": {"name": "langcheck", "version": __version__},
        "inputs": [str(p) for p in options.paths],
        "settings": {
            "text_column": cols.text, "id_column": cols.id, "metadata_columns": list(cols.meta),
            "date_column": cols.date, "no_text": options.no_text,
            "select": list(options.config.select), "ignore": list(options.config.ignore),
            "min_severity": options.config.min_severity.value,
            # Only when used, so an audit without them writes what it always wrote.
            **({"extend_select": list(options.config.extend_select)} if options.config.extend_select else {}),
            **({"lexicons": [str(p) for p in options.config.lexicons]} if options.config.lexicons else {}),
            **({"config_file": options.config_file} if getattr(options, "config_file", None) else {}),
        },
        "notes": {"checked": status["checked"], "skipped": status["skipped"], "failed": status["failed"]},
        "not_checked_reasons": {k: dict(sorted(v.items())) for k, v in reasons.items()},
        "words": words,
        "findings": total.findings,
        "findings_per_1000_words": per_1000(total.findings, words),
        "by_severity": dict(sorted(by_severity.items())),
        "by_category": {c: {"findings": total.categories[c], "per_1000_words": per_1000(total.categories[c], words)}
                        for c in categories},
        "by_rule": {r: {"name": rules[r].name if r in _ids(rules) else r,
                        "category": rules[r].category if r in _ids(rules) else "",
                        "findings": by_rule[r], "notes": notes_by_rule[r],
                        "per_1000_words": per_1000(by_rule[r], words)}
                    for r in sorted(by_rule, key=lambda r: (-by_rule[r], r))},
        "child_voice": {
            "visit_notes": expected, "missing": total.voice["missing"], "present": total.voice["present"],
            "not_expected": total.voice["not_expected"],
            "missing_share": share(total.voice["missing"], expected),
        },
        "reading_grade_mean": (round(sum(g * w for g, w in grades) / sum(w for _, w in grades), 1)
                               if grades and sum(w for _, w in grades) else None),
        "by_metadata": {c: {v: g.to_dict(categories) for v, g in sorted(groups.items())}
                        for c, groups in by_meta.items()},
        "by_month": {m: g.to_dict(categories) for m, g in sorted(by_month.items())},
        "undated_notes": undated if cols.date else None,
        "not_checked": not_checked,
        "not_checked_listed": len(not_checked),
        **({"baseline": comparison} if comparison is not None else {}),
    }
    with atomic(out / "summary.json") as fh:
        fh.write(json.dumps(summary, ensure_ascii=False, indent=2) + "\n")

    from .report import render

    top = []
    for display, ordinal, note_id, meta_json, words_n, score, result_json in store.most_in_need(options.top):
        top.append({"source": display, "note_id": note_id, "meta": json.loads(meta_json), "words": words_n,
                    "score": score, "result": json.loads(result_json)})
    page = render(summary, top, rules, group_cols, keep_text)
    with atomic(out / "report.html") as fh:
        fh.write(page)
    return summary


_id_cache: dict[int, frozenset] = {}


def _ids(rules: RuleSet) -> frozenset:
    key = id(rules)
    if key not in _id_cache:
        _id_cache[key] = frozenset(r.id for r in rules)
    return _id_cache[key]
