"""Formatting reports for people and machines. The JSON shape is a documented contract."""
from __future__ import annotations

import json
from typing import Iterable

from langcheck import Finding, Report, __version__

JSON_SCHEMA_VERSION = 1


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset ("\r\n" counts as one line break)."""
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def format_text(path: str, text: str, report: Report) -> Iterable[str]:
    for f in report.findings:
        where = f"{path}:{':'.join(map(str, line_col(text, f.start)))}" if f.start is not None else f"{path}:1:1"
        hint = f" -> {'; '.join(f.suggestions)}" if f.suggestions else ""
        yield f"{where}: {f.severity.value} [{f.rule}] {f.message}{hint}"


def json_document(results: list[tuple[str, Report]], errors: list[dict]) -> str:
    doc = {
        "version": JSON_SCHEMA_VERSION,
        "tool": {"name": "langcheck", "version": __version__},
        "files": [{"path": path, **report.to_dict()} for path, report in results],
        "errors": errors,
    }
    return json.dumps(doc, ensure_ascii=False, indent=2)
