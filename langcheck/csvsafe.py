"""The CSV writer for everything langcheck writes as CSV (the audit's findings.csv, the CLI's
`--format csv`): safe to open in a spreadsheet.

Two things make a CSV from case notes dangerous. A cell that starts with `=`, `+`, `-` or `@`
(a note id, an author, a matched word) is run as a formula by Excel, LibreOffice and Google
Sheets: `=HYPERLINK(...)` can send data elsewhere. And Python's csv module quotes a cell only
for the characters of its own line terminator, so with "\\n" a bare carriage return was written
unquoted: `"\\r=1+1"` in an author field ended the row in a spreadsheet and began a new one with
a formula.

So every text cell that starts with one of those characters, or with a tab, carriage return or
line feed, or with white space before one of them, gets a leading apostrophe (OWASP's advice:
spreadsheets show the text and do not evaluate it); and every cell holding a carriage return or
a line feed is quoted, whatever the line terminator. Numbers are written as numbers.
"""
from __future__ import annotations

import csv
import io
from typing import Any, Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralise(value: Any) -> Any:
    """A cell value that no spreadsheet will evaluate: text starting a formula gets a "'"."""
    if not isinstance(value, str) or not value:
        return value
    if value.startswith(FORMULA_STARTS) or value.lstrip().startswith(FORMULA_STARTS[:4]):
        return "'" + value
    return value


class SafeWriter:
    """`csv.writer`'s writerow/writerows, with neutralised cells and any CR or LF quoted; rows
    end with `lineterminator` ("\\n" by default, as langcheck's CSV always has)."""

    def __init__(self, fh, lineterminator: str = "\n"):
        self._fh = fh
        self._end = lineterminator
        self._buf = io.StringIO()
        # "\r\n" as the terminator is what makes the csv module quote a cell with either
        # character in it; the row's own terminator is then swapped for the one asked for.
        self._writer = csv.writer(self._buf, lineterminator="\r\n")

    def writerow(self, row: Iterable[Any]) -> None:
        self._buf.seek(0)
        self._buf.truncate()
        self._writer.writerow([neutralise(v) for v in row])
        self._fh.write(self._buf.getvalue()[:-2] + self._end)

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)
