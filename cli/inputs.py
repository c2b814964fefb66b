"""Reading notes from files and stdin, with one clear error per unreadable input."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

MAX_BYTES = 20 * 1024 * 1024  # a case note is never this big; a mistaken path to a dump is


class InputError(Exception):
    """An input that cannot be checked; the message is shown to the user as is."""


@dataclass(frozen=True)
class Note:
    path: str
    text: str


def decode(data: bytes, where: str) -> str:
    """Text exactly as read: a UTF-8 BOM is dropped, line endings are kept (offsets index them)."""
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{where}: looks like a binary file, not text")
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(f"{where}: not valid {codec.upper()} text (byte {exc.start})") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{where}: not UTF-8 text (invalid byte at position {exc.start}); "
                         "save the note as UTF-8 and try again") from None


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
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return Note(path, decode(data, path))


def read_stream(stream: BinaryIO, name: str = "-") -> Note:
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}: input larger than the {MAX_BYTES:,}-byte limit for one note")
    return Note(name, decode(data, "<stdin>" if name == "-" else name))
