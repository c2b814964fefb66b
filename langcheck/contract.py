"""The documented JSON contract (docs/json-output.md), shared by the CLI's `--format json`,
the service's /v1/check and anything else that reports findings as JSON: one place, so the
shapes cannot drift apart."""
from __future__ import annotations

import json
from bisect import bisect_right
from typing import Any, Sequence

from . import __version__
from .findings import Report

JSON_SCHEMA_VERSION = 1

Results = Sequence[tuple[str, str, Report]]  # (path, text, report)


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset ("\\r\\n" counts as one line break)."""
    if len(text) > _INDEXED_FROM:
        starts = _line_starts(text)
        line = bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


# Counting line breaks from the start of the text for every finding is quadratic in a long
# note (a 5 MB note with 10,000 findings spent minutes here); above this length the line
# starts are found once and each offset is looked up in them.
_INDEXED_FROM = 20_000
_last_index: tuple[tuple[int, int, int], list[int]] = ((0, 0, 0), [0])


def _line_starts(text: str) -> list[int]:
    """The offsets where the lines of `text` start, for the text of the last call. Kept by the
    text's identity, length and hash (Python keeps a str's hash): never the text itself."""
    global _last_index
    key = (id(text), len(text), hash(text))
    cached_key, starts = _last_index  # one read: another thread may replace it meanwhile
    if cached_key != key:
        starts = [0]
        pos = text.find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = text.find("\n", pos + 1)
        _last_index = (key, starts)
    return starts


def end_line_col(text: str, start: int, end: int) -> tuple[int, int]:
    """Line and column just after the last matched character (SARIF's exclusive end)."""
    return line_col(text, max(start, end))


def report_dict(text: str, report: Report) -> dict[str, Any]:
    """A report's findings and summary, each finding with its line and column added."""
    out = report.to_dict()
    for f in out["findings"]:
        if f["start"] is not None:
            f["line"], f["column"] = line_col(text, f["start"])
            f["end_line"], f["end_column"] = end_line_col(text, f["start"], f["end"])
        else:
            f["line"] = f["column"] = f["end_line"] = f["end_column"] = None
    return out


def json_document(results: Results, errors: list[dict]) -> str:
    doc = {
        "version": JSON_SCHEMA_VERSION,
        "tool": {"name": "langcheck", "version": __version__},
        "files": [{"path": path, **report_dict(text, report)} for path, text, report in results],
        "errors": errors,
    }
    return json.dumps(doc, ensure_ascii=False, indent=2)
