"""Reading notes from files, folders, globs and stdin, with one clear error per unreadable input.

Offsets in findings index the decoded text: line endings are kept as they are ("\\r\\n" stays
two characters), and a byte-order mark is not part of the text. `--fix` writes a file back in
the encoding it was read in, with its BOM and its line endings.
"""
from __future__ import annotations

import glob
import os
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterable

MAX_BYTES = 20 * 1024 * 1024  # a case note is never this big; a mistaken path to a dump is
DEFAULT_EXTENSIONS = (".txt", ".md")

# Bytes 0x80-0x9f that Windows-1252 maps to punctuation (curly quotes, dashes, ellipsis, euro
# ...). 0x81, 0x8d, 0x8f, 0x90 and 0x9d are undefined in cp1252.
_CP1252_PUNCT = frozenset(range(0x80, 0xA0)) - {0x81, 0x8D, 0x8F, 0x90, 0x9D}
_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


class InputError(Exception):
    """An input that cannot be checked; the message is shown to the user as is."""


@dataclass(frozen=True)
class Note:
    path: str             # what reports show: the file, or FILE#ID for a row of an export
    text: str
    encoding: str = "utf-8"
    bom: bytes = b""
    stdin: bool = False
    writable: bool = True  # --fix may write it back (a text file; not a document or an export row)
    file: str | None = None      # the file a row or a document came from, when `path` is not it
    row_id: str | None = None    # an export row's id (the --id-column value, or "row N")
    by_id: bool = False          # the export has an id column: baselines know the row by its id

    @property
    def is_stdin(self) -> bool:
        return self.stdin

    def encode(self, text: str) -> bytes:
        """`text` as bytes in the encoding the note was read in (for --fix)."""
        return self.bom + text.encode(self.encoding)


def decode(data: bytes, where: str) -> tuple[str, str, bytes]:
    """(text, encoding, bom). UTF-8, or UTF-16 with a BOM, or Windows-1252 when unambiguous."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec), codec, bom
            except UnicodeDecodeError as exc:
                raise InputError(f"{where}: not valid {codec.upper()} text (bad byte at position "
                                 f"{exc.start + len(bom)})") from None
    if b"\x00" in data[:8192]:
        raise InputError(f"{where}: looks like a binary file, not text (UTF-16 needs a byte-order mark)")
    try:
        return data.decode("utf-8"), "utf-8", b""
    except UnicodeDecodeError as exc:
        pos = exc.start
        bad = data[pos]
    high = {b for b in data if b >= 0x80}
    if high and high <= _CP1252_PUNCT:
        # Otherwise ASCII, with only the bytes Word and Outlook write for curly quotes and
        # dashes: Windows-1252, and no other reading makes sense.
        return data.decode("cp1252"), "cp1252", b""
    raise InputError(f"{where}: not UTF-8 text (byte 0x{bad:02X} at position {pos}) and not "
                     "unambiguously Windows-1252; save the note as UTF-8 and try again")


def read_path(path: str) -> Note:
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError(f"{path}: is a folder, not a file")
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{path}: {size:,} bytes is larger than the {MAX_BYTES:,}-byte limit for one note")
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file or folder") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    text, encoding, bom = decode(data, path)
    return Note(path, text, encoding, bom)


DOCUMENT_SUFFIXES = (".docx", ".pdf")
EXPORT_SUFFIXES = (".csv", ".jsonl")


def read_notes(path: str, columns) -> tuple[list[Note], list[str], list[str]]:
    """The notes in a file, with the reasons nothing could be read (failed) or nothing was there
    to check (skipped). A .docx or .pdf is read as its text and a .csv or .jsonl export as one
    note a row, through the audit's own readers (`columns` names the export's columns); any
    other file as text, in its own encoding so --fix can write it back."""
    suffix = Path(path).suffix.lower()
    if suffix not in DOCUMENT_SUFFIXES + EXPORT_SUFFIXES:
        return [read_path(path)], [], []
    from langcheck.audit import readers
    from langcheck.audit.work import time_limit

    notes: list[Note] = []
    failed: list[str] = []
    skipped: list[str] = []
    for item in readers.read_file(path, columns):
        if isinstance(item, readers.Note) and isinstance(item.text, readers.FileRef):
            # A document is handed over unread; it is read here within the audit's byte,
            # character and time budgets (an expansion bomb is a failed input with its reason).
            try:
                with time_limit(readers.EXTRACT_SECONDS):
                    item = readers.Note(item.ordinal, item.note_id, readers.extract(item.text), item.meta)
            except readers.ReadError as exc:
                item = readers.Skip(item.ordinal, item.note_id, exc.status, exc.kind, exc.reason)
            except OSError as exc:
                item = readers.Skip(item.ordinal, item.note_id, "failed", "unreadable",
                                    f"cannot read: {exc.strerror or exc}")
        if isinstance(item, readers.Skip):
            where = path if item.note_id == path else f"{path}#{item.note_id}"
            (failed if item.status == "failed" else skipped).append(f"{where}: {item.reason}")
        elif suffix in DOCUMENT_SUFFIXES:
            notes.append(Note(path, item.text, writable=False))
        else:
            notes.append(Note(f"{path}#{item.note_id}", item.text, writable=False, file=path, row_id=item.note_id,
                              by_id=columns.id is not None))
    return notes, failed, skipped


def read_stream(stream: BinaryIO, name: str = "-") -> Note:
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}: input larger than the {MAX_BYTES:,}-byte limit for one note")
    text, encoding, bom = decode(data, "<stdin>" if name == "-" else name)
    return Note(name, text, encoding, bom, stdin=True)


def expand(args: Iterable[str], extensions: Iterable[str] = DEFAULT_EXTENSIONS) -> list[tuple[str, str | None]]:
    """Each argument as (path, error): a file as itself, a folder as the files with one of
    `extensions` below it (recursively, hidden folders skipped, sorted), a glob as its
    matches, '-' as standard input. A name that matches nothing comes back with its error."""
    exts = tuple(e.lower() if e.startswith(".") else f".{e.lower()}" for e in extensions)
    out: list[tuple[str, str | None]] = []
    seen: set[str] = set()

    def add(path: str, error: str | None = None) -> None:
        if error is None and path != "-" and path in seen:
            return
        seen.add(path)
        out.append((path, error))

    for arg in args:
        if arg == "-":
            add("-")
        elif os.path.isdir(arg):
            found = sorted(_walk(Path(arg), exts))
            if not found:
                add(arg, f"{arg}: folder has no {'/'.join(exts)} files")
            for f in found:
                add(f)
        elif os.path.exists(arg):
            add(arg)
        elif glob.has_magic(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            files = [m for m in matches if os.path.isfile(m)]
            for m in matches:
                if os.path.isdir(m):
                    files.extend(_walk(Path(m), exts))
            if not files:
                add(arg, f"{arg}: no files match this pattern")
            for f in files:
                add(f)
        else:
            add(arg, f"{arg}: no such file or folder")
    return out


def _walk(root: Path, exts: tuple[str, ...]) -> Iterable[str]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            if not name.startswith(".") and name.lower().endswith(exts):
                yield os.path.join(dirpath, name)
