"""The documented JSON contract (docs/json-output.md), shared by the CLI's `--format json`,
the service's /v1/check and anything else that reports findings as JSON: one place, so the
shapes cannot drift apart."""
from __future__ import annotations

import json
from typing import Any, Sequence

from . import __version__
from .findings import Report

JSON_SCHEMA_VERSION = 1

Results = Sequence[tuple[str, str, Report]]  # (path, text, report)


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset ("\\r\\n" counts as one line break)."""
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


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
