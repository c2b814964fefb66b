"""Reading audit inputs: folders of notes and exports with one note per row.

Every input yields either notes or one `Skip` saying why it could not be read; nothing here
raises for a bad input, so one broken file never stops an audit of thousands.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Sequence

NOTE_SUFFIXES = (".txt", ".md")
DOCUMENT_SUFFIXES = (".docx", ".pdf")
EXPORT_SUFFIXES = (".csv", ".jsonl")
SUPPORTED = NOTE_SUFFIXES + DOCUMENT_SUFFIXES + EXPORT_SUFFIXES
MAX_NOTE_BYTES = 20 * 1024 * 1024  # one note file; exports may be any size (they are streamed)
# Budgets for what a file expands to, enforced while reading it (docs/reliability.md): a 1 MB
# .docx that inflates to 1 GB, a 177 KB one of a million paragraphs, a 6.6 KB PDF of repeated
# content streams that extracts to 10M characters are failed inputs with a reason, not notes.
MAX_NOTE_CHARS = 500_000            # characters of one note, after extraction (about 250 pages)
MAX_ROW_BYTES = 8 * 1024 * 1024     # one line of a CSV or JSON Lines export
DOCX_MAX_UNZIPPED = 64 * 1024 * 1024    # all parts of a .docx, uncompressed
DOCX_MAX_XML = 8 * 1024 * 1024          # its XML parts (parsed into memory), uncompressed
DOCX_MAX_PARTS = 2_000
DOCX_MAX_PARAGRAPHS = 50_000
EXTRACT_SECONDS = 30.0              # reading one .docx or .pdf


@dataclass(frozen=True)
class Columns:
    """Which columns of a CSV or JSON Lines export hold what."""

    text: str = "text"
    id: str | None = None
    meta: tuple[str, ...] = ()
    date: str | None = None

    @property
    def all_meta(self) -> tuple[str, ...]:
        return self.meta + ((self.date,) if self.date and self.date not in self.meta else ())


@dataclass(frozen=True)
class Source:
    """One input file. `key` is its resolved path (the store's key), `display` what outputs show."""

    key: str
    display: str
    suffix: str
    size: int
    mtime_ns: int

    def fingerprint(self) -> str:
        digest = hashlib.sha256()
        with open(self.key, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
        return f"{self.size}:{self.mtime_ns}:{digest.hexdigest()}"


@dataclass(frozen=True)
class Note:
    ordinal: int          # position in the source (0 for a single-note file, row index for exports)
    note_id: str
    text: str
    meta: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class FileRef:
    """A one-note file, handed to a worker to read: extraction (and any bomb in it) happens in
    the worker process, within the budgets above and EXTRACT_SECONDS, never in the audit's own."""

    path: str
    suffix: str
    data: bytes | None = None  # the file's bytes, for workers on other machines (Dask)


@dataclass(frozen=True)
class Skip:
    """A note or a whole source that was not checked. `status` is "skipped" (nothing to check:
    empty, encrypted, no text layer, unsupported) or "failed" (broken: binary, corrupt,
    undecodable, unreadable). `kind` is a short stable label for counting; `reason` the detail."""

    ordinal: int
    note_id: str
    status: str
    kind: str
    reason: str


class ReadError(Exception):
    def __init__(self, status: str, kind: str, reason: str):
        super().__init__(reason)
        self.status, self.kind, self.reason = status, kind, reason


def walk(paths: Sequence[str], exclude: Sequence[str] = ()) -> Iterator[Source | tuple[str, ReadError]]:
    """Input files in a stable order (sorted per folder), skipping hidden files and `exclude`.
    A symbolic link inside a folder is followed only to a file inside that same folder."""
    excluded = {os.path.realpath(p) for p in exclude}
    seen: set[str] = set()  # a file named twice (a folder and a file in it) is read once
    for entry in _walk(paths, excluded):
        if isinstance(entry, Source):
            if entry.key in seen:
                continue
            seen.add(entry.key)
        yield entry


def _walk(paths: Sequence[str], excluded: set[str]) -> Iterator[Source | tuple[str, ReadError]]:
    for given in paths:
        p = Path(given)
        if p.is_dir():
            top = os.path.realpath(p)
            if top in excluded:
                continue
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                                 and os.path.realpath(os.path.join(root, d)) not in excluded)
                for name in sorted(files):
                    if name.startswith("."):
                        continue
                    path = os.path.join(root, name)
                    real = os.path.realpath(path)
                    if os.path.islink(path) and os.path.commonpath([top, real]) != top:
                        yield path, ReadError("skipped", "link outside the folder",
                                              f"a symbolic link to a file outside {given}: not followed")
                        continue
                    yield from _source(path)
        elif p.exists():
            yield from _source(str(p))
        else:
            yield given, ReadError("failed", "not found", f"{given}: no such file or folder")


def _source(path: str) -> Iterator[Source | tuple[str, ReadError]]:
    try:
        st = os.stat(path)
    except OSError as exc:
        yield path, ReadError("failed", "unreadable", f"cannot read: {exc.strerror or exc}")
        return
    yield Source(os.path.realpath(path), path, Path(path).suffix.lower(), st.st_size, st.st_mtime_ns)


def read_file(path: str, columns: Columns = Columns()) -> Iterator[Note | Skip]:
    """The notes of one named file, as `read` gives them (the CLI reads through this)."""
    for entry in _source(path):
        if isinstance(entry, Source):
            yield from read(entry, columns)
        else:
            yield Skip(0, path, entry[1].status, entry[1].kind, entry[1].reason)


def read(source: Source, columns: Columns) -> Iterator[Note | Skip]:
    """The notes of one source, or Skips; never raises for a bad input."""
    one = source.display
    try:
        if source.suffix not in SUPPORTED:
            raise ReadError("skipped", "unsupported type",
                            f"unsupported file type {source.suffix or '(none)'}: audit reads {', '.join(SUPPORTED)}")
        if source.size == 0:
            raise ReadError("skipped", "empty", "empty file")
        if source.suffix in EXPORT_SUFFIXES:
            yield from (_csv_rows if source.suffix == ".csv" else _jsonl_rows)(source, columns)
            return
        if source.size > MAX_NOTE_BYTES:
            raise ReadError("failed", "too large", f"{source.size:,} bytes is over the {MAX_NOTE_BYTES:,}-byte limit for one note")
        yield Note(0, one, FileRef(source.key, source.suffix))  # read by the worker: extract()
    except ReadError as exc:
        # An export that breaks part-way keeps the rows read so far; the failure is its own row.
        where = -1 if source.suffix in EXPORT_SUFFIXES else 0
        yield Skip(where, one, exc.status, exc.kind, exc.reason)
    except OSError as exc:
        where = -1 if source.suffix in EXPORT_SUFFIXES else 0
        yield Skip(where, one, "failed", "unreadable", f"cannot read: {exc.strerror or exc}")


def extract(ref: FileRef) -> str:
    """The text of a one-note file, within the budgets; raises ReadError (a failed or skipped
    input with its reason). Runs in a worker process, under EXTRACT_SECONDS (work.py)."""
    data = ref.data
    if data is None:
        with open(ref.path, "rb") as fh:
            data = fh.read(MAX_NOTE_BYTES + 1)
    if len(data) > MAX_NOTE_BYTES:
        raise ReadError("failed", "too large", f"over the {MAX_NOTE_BYTES:,}-byte limit for one note")
    if ref.suffix == ".docx":
        text = _docx_text(data)
    elif ref.suffix == ".pdf":
        text = _pdf_text(data)
    else:
        text = decode(data)
    _within_budget(len(text))
    if not text.strip():
        raise ReadError("skipped", "empty", "no text" if ref.suffix != ".pdf"
                        else "no text layer (a scanned PDF needs OCR first)")
    return text


def _within_budget(characters: int) -> None:
    if characters > MAX_NOTE_CHARS:
        raise ReadError("failed", "too long", f"more than {MAX_NOTE_CHARS:,} characters of text: over the limit "
                        "for one note (an expansion bomb, or a document to split)")


def decode(data: bytes) -> str:
    """Text exactly as read: a BOM is dropped, line endings are kept (offsets index them)."""
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError("failed", "binary", "looks like a binary file, not text")
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec)
            except UnicodeDecodeError as exc:
                raise ReadError("failed", "undecodable", f"not valid {codec.upper()} text (byte {exc.start})") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ReadError("failed", "undecodable",
                        f"not UTF-8 text (invalid byte at position {exc.start}); save it as UTF-8") from None


def _docx_budget(data: bytes) -> None:
    """Refuse a .docx whose parts inflate past the budgets before python-docx inflates them.
    zipfile never returns more than an entry's declared size, so the declared sizes bound it."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            entries = package.infolist()
            if len(entries) > DOCX_MAX_PARTS:
                raise ReadError("failed", "too large", f"{len(entries):,} parts in the .docx package "
                                f"(the limit is {DOCX_MAX_PARTS:,})")
            total = sum(e.file_size for e in entries)
            xml = sum(e.file_size for e in entries if e.filename.endswith((".xml", ".rels")))
            if total > DOCX_MAX_UNZIPPED or xml > DOCX_MAX_XML:
                raise ReadError("failed", "too large", f"the .docx expands to {total:,} bytes ({xml:,} of XML): over "
                                f"the limits of {DOCX_MAX_UNZIPPED:,} and {DOCX_MAX_XML:,} (an expansion bomb?)")
            if "word/document.xml" in package.namelist():
                paragraphs = 0
                with package.open("word/document.xml") as body:
                    tail = b""
                    for block in iter(lambda: body.read(1 << 20), b""):
                        chunk = tail + block
                        paragraphs += chunk.count(b"<w:p>") + chunk.count(b"<w:p ") + chunk.count(b"<w:p/")
                        tail = block[-5:]
                        paragraphs -= tail.count(b"<w:p>") + tail.count(b"<w:p ") + tail.count(b"<w:p/")
                    paragraphs += tail.count(b"<w:p>") + tail.count(b"<w:p ") + tail.count(b"<w:p/")
                if paragraphs > DOCX_MAX_PARAGRAPHS:
                    raise ReadError("failed", "too large", f"{paragraphs:,} paragraphs in the .docx (the limit is "
                                    f"{DOCX_MAX_PARAGRAPHS:,})")
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError, NotImplementedError) as exc:
        raise ReadError("failed", "corrupt", f"not a readable .docx file ({type(exc).__name__})") from None


def _docx_text(data: bytes) -> str:
    import docx  # python-docx
    from docx.opc.exceptions import PackageNotFoundError

    _docx_budget(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise ReadError("failed", "corrupt", f"not a readable .docx file ({type(exc).__name__})") from None
    except Exception as exc:  # zipfile.BadZipFile, lxml errors: any broken package
        raise ReadError("failed", "corrupt", f"not a readable .docx file ({type(exc).__name__}: {exc})") from None
    parts, size = [], 0
    for p in document.paragraphs:
        parts.append(p.text)
        size += len(parts[-1]) + 1
        _within_budget(size)
    for table in document.tables:
        for row in table.rows:
            parts.append("\t".join(cell.text for cell in row.cells))
            size += len(parts[-1]) + 1
            _within_budget(size)
    return "\n".join(parts)


def _pdf_text(data: bytes) -> str:
    import logging

    import pypdf

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # broken files are reported, not logged
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            # An owner password only (printing/copy restrictions) still opens with "".
            try:
                opened = reader.decrypt("")
            except Exception:
                opened = 0
            if not opened:
                raise ReadError("skipped", "encrypted", "encrypted PDF (needs a password)")
        parts, size = [], 0
        for page in reader.pages:  # page by page, so a bomb stops at the budget, not at its end
            parts.append(page.extract_text() or "")
            size += len(parts[-1]) + 1
            _within_budget(size)
        return "\n".join(parts)
    except ReadError:
        raise
    except Exception as exc:  # pypdf raises many kinds for a damaged file
        raise ReadError("failed", "corrupt", f"not a readable PDF ({type(exc).__name__}: {exc})") from None


def _text_lines(source: Source) -> Iterator[str]:
    """Decoded lines of an export, streamed; a decoding error names the line."""
    with open(source.key, "rb") as fh:
        head = fh.read(8192)
        if b"\x00" in head:
            raise ReadError("failed", "binary", "looks like a binary file, not a text export")
        fh.seek(3 if head.startswith(b"\xef\xbb\xbf") else 0)
        number = 0
        while raw := fh.readline(MAX_ROW_BYTES + 1):  # a line is never read whole past the limit
            number += 1
            if len(raw) > MAX_ROW_BYTES:
                while raw and not raw.endswith(b"\n"):  # skip the rest of it, a block at a time
                    raw = fh.readline(1 << 20)
                yield RowTooLarge(number)
                continue
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise ReadError("failed", "undecodable",
                                f"line {number}: not UTF-8 text (byte {exc.start}); save the export as UTF-8") from None


class RowTooLarge(str):
    """Stands for a line over MAX_ROW_BYTES in the stream of an export's lines."""

    def __new__(cls, number: int):
        line = super().__new__(cls, "")
        line.number = number
        return line


def _row_note(index: int, row: dict, columns: Columns, where: str) -> Note | Skip:
    note_id = str(row.get(columns.id) or "").strip() if columns.id else ""
    note_id = note_id or f"row {index + 1}"
    text = row.get(columns.text)
    if text is None:
        return Skip(index, note_id, "skipped", "no text", f"{where}: no {columns.text!r} value")
    if not isinstance(text, str):
        text = str(text)
    if not text.strip():
        return Skip(index, note_id, "skipped", "empty", f"{where}: empty {columns.text!r}")
    if len(text) > MAX_NOTE_CHARS:
        return Skip(index, note_id, "failed", "too long", f"{where}: more than {MAX_NOTE_CHARS:,} characters")
    meta = {c: ("" if row.get(c) is None else str(row.get(c))) for c in columns.all_meta}
    return Note(index, note_id, text, meta)


def _csv_lines(source: Source) -> Iterator[str]:
    number = 0
    for line in _text_lines(source):
        number += 1
        if isinstance(line, RowTooLarge):
            raise ReadError("failed", "row too large", f"line {line.number} is over {MAX_ROW_BYTES:,} bytes")
        yield line


def _csv_rows(source: Source, columns: Columns) -> Iterator[Note | Skip]:
    csv.field_size_limit(MAX_ROW_BYTES)
    lines = _csv_lines(source)
    try:
        reader = csv.DictReader(lines)
        header = reader.fieldnames or []
    except csv.Error as exc:
        raise ReadError("failed", "corrupt", f"not a readable CSV file: {exc}") from None
    _check_columns(header, columns)
    index = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise ReadError("failed", "corrupt", f"CSV error near line {reader.line_num}: {exc}") from None
        yield _row_note(index, row, columns, f"row {index + 1}")
        index += 1


def _jsonl_rows(source: Source, columns: Columns) -> Iterator[Note | Skip]:
    index = 0
    checked = False
    number = 0
    for line in _text_lines(source):
        number += 1
        if isinstance(line, RowTooLarge):
            yield Skip(index, f"line {line.number}", "failed", "row too large",
                       f"line {line.number}: over {MAX_ROW_BYTES:,} bytes")
            index += 1
            continue
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError as exc:
            yield Skip(index, f"line {number}", "failed", "invalid JSON", f"line {number}: invalid JSON ({exc.msg})")
            index += 1
            continue
        if not isinstance(row, dict):
            yield Skip(index, f"line {number}", "failed", "invalid JSON", f"line {number}: not a JSON object")
            index += 1
            continue
        if not checked:
            _check_columns(list(row), columns)
            checked = True
        yield _row_note(index, row, columns, f"line {number}")
        index += 1


def _check_columns(header: list[str], columns: Columns) -> None:
    if columns.text not in header:
        raise ReadError("failed", "no text column",
                        f"no {columns.text!r} column (columns: {', '.join(map(str, header)) or 'none'}); "
                        "name the text column with --text-column")


def named_columns(columns: Columns) -> list[tuple[str, str]]:
    """Each column the options name, with the option that named it."""
    named = [(columns.text, "--text-column")]
    named += [(columns.id, "--id-column")] if columns.id else []
    named += [(c, "--meta") for c in columns.meta]
    named += [(columns.date, "--date-column")] if columns.date and columns.date not in columns.meta else []
    return named


def header(source: Source) -> list[str] | None:
    """An export's column names (a JSON Lines export: its first object's keys), or None when
    it cannot be read (reading it reports why)."""
    try:
        lines = _text_lines(source)
        if source.suffix == ".csv":
            return next(csv.reader(lines), [])
        for line in lines:
            if line.strip():
                row = json.loads(line)
                return list(row) if isinstance(row, dict) else None
        return []
    except (ReadError, OSError, csv.Error, ValueError):
        return None


def count_estimate(source: Source) -> int:
    """How many notes a source holds, for the progress bar: one for a file, the rows of an
    export (a CSV cell may span lines, so its rows are counted by the csv module)."""
    if source.suffix not in EXPORT_SUFFIXES:
        return 1
    try:
        if source.suffix == ".csv":
            csv.field_size_limit(MAX_NOTE_BYTES)
            return max(0, sum(1 for row in csv.reader(_text_lines(source)) if row) - 1)  # as DictReader
        return sum(1 for line in _text_lines(source) if line.strip())
    except (ReadError, OSError, csv.Error):
        return 0
