"""The audit's run loop: read inputs, check new notes in batches, store, write the outputs."""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import sys
import time
from concurrent.futures import BrokenExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from .. import baseline
from ..config import Config
from ..lexicon import LexiconError, load_rules
from ..model import ModelError, resolve_model
from . import readers, work
from .engines import EngineError, make_engine
from .store import Store

STORE_NAME = "audit-progress.sqlite"
BASELINE_NAME = "baseline.json"  # every finding's fingerprint, for the next audit's --baseline
LOCK_NAME = ".lock"


class AuditError(Exception):
    """The audit could not start or finish; the message is shown to the user as is."""


@dataclass(frozen=True)
class AuditOptions:
    paths: tuple[str, ...]
    out: str
    config: Config = field(default_factory=Config)
    columns: readers.Columns = field(default_factory=readers.Columns)
    no_text: bool = False
    workers: int = 0               # 0: all cores
    engine: str = "local"          # or "dask"
    scheduler: str | None = None   # a Dask scheduler address; a local cluster when None
    batch_size: int = 32           # notes per batch sent to a worker
    top: int = 25                  # notes in the report's "most in need of attention" table
    progress: bool | None = None   # None: a bar when stderr is a terminal
    baseline: str | None = None    # a previous audit's folder or baseline file to compare with
    config_file: str | None = None  # the config file the Config came from (reported in summary.json)


@dataclass
class AuditResult:
    out: Path
    checked: int
    skipped: int
    failed: int
    words: int
    findings: int
    resumed: bool
    new_notes: int
    seconds: float
    summary: dict[str, Any]


def run_audit(options: AuditOptions, echo: Callable[[str], None] | None = None) -> AuditResult:
    """Run (or resume) an audit into `options.out`. Raises AuditError when it cannot run."""
    started = time.monotonic()
    say = echo or (lambda message: None)
    if not options.paths:
        raise AuditError("name at least one file or folder to audit")
    missing = [p for p in options.paths if not os.path.exists(p)]
    if missing and len(missing) == len(options.paths):
        raise AuditError(f"no such file or folder: {', '.join(missing)}")
    problems, warnings = _column_problems(options)
    if problems:
        raise AuditError("; ".join(problems))
    for warning in warnings:
        say(f"langcheck audit: warning: {warning}")
    previous, previous_path = _read_baseline(options.baseline)
    out = Path(options.out)
    real_out = os.path.realpath(out)
    for given in options.paths:
        if os.path.isdir(given) and os.path.realpath(given) == real_out:
            # It would read its own findings.csv back as a note on the next run.
            raise AuditError(f"--out {options.out} is the folder being audited: choose another folder for the outputs")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise AuditError(f"cannot create the output folder {out}: {exc.strerror or exc}") from None
    config = options.config
    try:
        model = resolve_model(config.model)
        rules = load_rules(list(config.lexicons))
    except (ModelError, LexiconError) as exc:
        raise AuditError(str(exc)) from None
    store = None
    with _lock(out):
        try:
            store = Store(str(out / STORE_NAME), _settings(options, model, rules))
            if store.restarted:
                say("langcheck audit: the settings differ from the earlier run in this folder; starting again")
            plain = work.config_to_plain(config)
            workers = options.workers if options.workers > 0 else (os.cpu_count() or 1)
            engine = make_engine(options.engine, plain, not options.no_text, workers, options.scheduler)
            try:
                engine.start()
            except EngineError as exc:
                store.close()
                raise AuditError(str(exc)) from None
            except (ModelError, LexiconError) as exc:
                engine.close()
                store.close()
                raise AuditError(str(exc)) from None
            show = sys.stderr.isatty() if options.progress is None else options.progress
            progress = _Progress(options, show)
            new_notes = 0
            try:
                feeder = _Feeder(options, store, progress)
                if show:
                    feeder.count_all()
                try:
                    for batch, results in engine.run(feeder.batches()):
                        new_notes += len(results)
                        feeder.finish(batch, results)
                except BrokenExecutor:
                    feeder.flush_skips()
                    raise AuditError("a worker process died (out of memory?); the work done so far is kept: "
                                     "rerun the same command to resume, perhaps with fewer --workers") from None
                feeder.flush_skips()
                feeder.complete_sources()
            finally:
                engine.close()
                progress.close()
            store.forget_unseen()
            from .outputs import atomic, write_outputs

            comparison = None
            if previous is not None:
                comparison = {"previous": str(previous_path),
                              **baseline.compare(previous, _fingerprints(store, options, previous_path.parent))}
            summary = write_outputs(store, out, options, rules, comparison)
            with atomic(out / BASELINE_NAME) as fh:
                fh.write(baseline.document(_fingerprints(store, options, out)))
            store.close()
        except (OSError, sqlite3.Error) as exc:
            if store is not None:
                try:
                    store.close()
                except sqlite3.Error:
                    pass
            # A full disk, a vanished output folder: everything stored so far is kept (each
            # batch is committed) and outputs are replaced whole or not at all.
            raise AuditError(f"{_describe(exc)}; the notes checked so far are kept: free the space or fix "
                             "the problem, then rerun the same command to finish") from None
    totals = summary["notes"]
    return AuditResult(out=out, checked=totals["checked"], skipped=totals["skipped"], failed=totals["failed"],
                       words=summary["words"], findings=summary["findings"], resumed=store.resumed,
                       new_notes=new_notes, seconds=time.monotonic() - started, summary=summary)


def _column_problems(options: AuditOptions) -> tuple[list[str], list[str]]:
    """The named columns checked against the exports' headers before any work starts: a column
    that no export has is an error (a typo, or the wrong export); one that only some lack is a
    warning (their notes fail, for the text column, or count as "(not recorded)")."""
    headers: list[tuple[str, list[str]]] = []
    for entry in readers.walk(options.paths, exclude=[os.path.realpath(options.out)]):
        if not isinstance(entry, tuple) and entry.suffix in readers.EXPORT_SUFFIXES:
            header = readers.header(entry)
            if header is not None:
                headers.append((entry.display, [str(h) for h in header]))
    errors, warnings = [], []
    if not headers:
        return errors, warnings
    for column, flag in readers.named_columns(options.columns):
        lacking = [display for display, header in headers if column not in header]
        if len(lacking) == len(headers):
            seen = sorted({h for _, header in headers for h in header})
            errors.append(f"no export has a {column!r} column (named by {flag}); "
                          f"{'its' if len(headers) == 1 else 'their'} columns are: "
                          f"{', '.join(seen[:30]) or '(none)'}{' ...' if len(seen) > 30 else ''}")
        elif lacking:
            warnings.append(f"{len(lacking):,} of {len(headers):,} exports have no {column!r} column (named by "
                            f"{flag}), e.g. {lacking[0]}")
    return errors, warnings


def _read_baseline(given: str | None) -> tuple[dict[str, list[str]] | None, Path | None]:
    if not given:
        return None, None
    path = Path(given)
    if path.is_dir():
        path = path / BASELINE_NAME
    try:
        return baseline.read(path), path
    except baseline.BaselineError as exc:
        raise AuditError(str(exc)) from None


def _fingerprints(store: Store, options: AuditOptions, base: Path) -> dict[str, list[str]]:
    """Every checked note's finding fingerprints, keyed as a baseline file next to `base` names it."""
    by_id = options.columns.id is not None
    out: dict[str, list[str]] = {}
    for display, _, note_id, status, _, _, _, _, _, result_json in store.notes():
        if status != "checked":
            continue
        row = note_id if Path(display).suffix.lower() in readers.EXPORT_SUFFIXES else None
        key = baseline.note_key(display, base, row, by_id)
        out.setdefault(key, []).extend(json.loads(result_json).get("fingerprints", []))
    return out


def _describe(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.strerror}" + (f": {exc.filename}" if exc.filename else "")
    return str(exc)


def _settings(options: AuditOptions, model: str, rules) -> dict[str, Any]:
    """What the stored results depend on; a change starts the store again."""
    from .. import __version__

    cols = options.columns
    return {
        "langcheck": __version__, "model": model, "rules": _lexicons_digest(options.config),
        "config": work.config_to_plain(options.config), "no_text": options.no_text,
        "columns": {"text": cols.text, "id": cols.id, "meta": list(cols.meta), "date": cols.date},
    }


def _lexicons_digest(config: Config) -> str:
    """A digest of every lexicon file's bytes: an edited rule invalidates stored results."""
    from importlib import resources

    digest = hashlib.sha256()
    bundled = sorted((p for p in resources.files("langcheck.lexicons").iterdir() if p.name.endswith(".yaml")),
                     key=lambda p: p.name)
    for path in bundled:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    for path in config.lexicons:
        digest.update(str(path).encode() + b"\0" + Path(path).read_bytes() + b"\0")
    return digest.hexdigest()


class _lock:
    """An exclusive lock on DIR/.lock: a second audit into the same folder refuses."""

    def __init__(self, out: Path):
        self.path = out / LOCK_NAME

    def __enter__(self):
        import fcntl

        # Never through a symbolic link (it would create or lock a file anywhere), nor into a
        # store that is one: the output folder's own files only.
        for name in (LOCK_NAME, STORE_NAME, STORE_NAME + "-wal", STORE_NAME + "-shm"):
            if (self.path.parent / name).is_symlink():
                raise AuditError(f"{self.path.parent / name} is a symbolic link: refusing to write through it")
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
        except OSError as exc:
            raise AuditError(f"cannot create the lock file {self.path}: {exc.strerror or exc}") from None
        self.fh = os.fdopen(fd, "r+")
        try:
            fcntl.flock(self.fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self.fh.close()
            raise AuditError(f"another langcheck audit is already writing to {self.path.parent} "
                             "(wait for it to finish, or choose another --out)") from None
        return self

    def __exit__(self, *exc):
        import fcntl

        fcntl.flock(self.fh, fcntl.LOCK_UN)
        self.fh.close()


def check_meta(meta: dict[str, str]) -> dict[str, Any]:
    """The metadata the checker itself understands, from export columns of the same names."""
    out: dict[str, Any] = {}
    if meta.get("note_type"):
        out["note_type"] = meta["note_type"]
    if meta.get("children"):
        out["children"] = [n.strip() for n in meta["children"].replace(";", ",").split(",") if n.strip()]
    return out


class _Feeder:
    """Turns the inputs into batches of notes not yet in the store, and stores the results."""

    def __init__(self, options: AuditOptions, store: Store, progress: "_Progress"):
        self.options, self.store, self.progress = options, store, progress
        self.outstanding: dict[str, int] = {}   # source key -> notes sent and not yet back
        self.read_done: set[str] = set()        # sources fully read
        self.skips: list[tuple] = []
        self.metas: dict[tuple[str, int], tuple[str, str]] = {}  # (source, ordinal) -> (note_id, meta json)

    def count_all(self) -> None:
        """For the progress bar's time left: a quick pass counting files and export lines."""
        out = os.path.realpath(self.options.out)
        for entry in readers.walk(self.options.paths, exclude=[out]):
            self.progress.add_total(1 if isinstance(entry, tuple) else readers.count_estimate(entry))

    def batches(self) -> Iterator[list[work.Item]]:
        out = os.path.realpath(self.options.out)
        batch: list[work.Item] = []
        for entry in readers.walk(self.options.paths, exclude=[out]):
            if isinstance(entry, tuple):  # a path that cannot be read at all
                given, err = entry
                key = "missing:" + given
                self.store.begin_source(key, given, "missing")
                self._skip(key, readers.Skip(0, given, err.status, err.kind, err.reason))
                self.read_done.add(key)
                continue
            source = entry
            try:
                fingerprint = source.fingerprint()
            except OSError as exc:
                self.store.begin_source(source.key, source.display, "unreadable")
                self._skip(source.key, readers.Skip(0, source.display, "failed", "unreadable",
                                                    f"cannot read: {exc.strerror or exc}"))
                self.read_done.add(source.key)
                continue
            complete, done = self.store.begin_source(source.key, source.display, fingerprint)
            if complete:
                if self.progress.show:
                    self.progress.tick(readers.count_estimate(source), resumed=True)
                continue
            self.outstanding.setdefault(source.key, 0)
            for item in readers.read(source, self.options.columns):
                if item.ordinal in done:
                    self.progress.tick(1, resumed=True)
                    continue
                if isinstance(item, readers.Skip):
                    self._skip(source.key, item)
                    continue
                if isinstance(item.text, readers.FileRef) and self.options.engine == "dask":
                    # A Dask worker may be on another machine: it gets the (size-capped) bytes.
                    try:
                        with open(item.text.path, "rb") as fh:
                            item = readers.Note(item.ordinal, item.note_id, readers.FileRef(
                                item.text.path, item.text.suffix, fh.read(readers.MAX_NOTE_BYTES + 1)), item.meta)
                    except OSError:
                        pass  # the worker tries again and reports why it cannot read it
                meta_json = json.dumps(item.meta, ensure_ascii=False, sort_keys=True)
                self.metas[(source.key, item.ordinal)] = (item.note_id, meta_json)
                self.outstanding[source.key] += 1
                batch.append(((source.key, item.ordinal), item.text, check_meta(item.meta)))
                if len(batch) >= self.options.batch_size:
                    yield batch
                    batch = []
                    self.flush_skips()
                    self.complete_sources()
            self.read_done.add(source.key)
        if batch:
            yield batch

    def _skip(self, key: str, skip: readers.Skip) -> None:
        self.skips.append((key, skip.ordinal, skip.note_id, skip.status, skip.kind, skip.reason, "{}", 0, 0, None))
        self.progress.tick(1)
        if len(self.skips) >= 256:
            self.flush_skips()

    def flush_skips(self) -> None:
        if self.skips:
            self.store.add(self.skips)
            self.skips = []

    def finish(self, batch: list[work.Item], results: list[tuple[Any, dict]]) -> None:
        rows = []
        words = 0
        for (key, ordinal), result in results:
            note_id, meta_json = self.metas.pop((key, ordinal))
            self.outstanding[key] -= 1
            words += result.get("words", 0)
            if "skip" in result:  # a file the worker could not read within its budgets
                status, kind, reason = result["skip"]
                rows.append((key, ordinal, note_id, status, kind, reason, meta_json, 0, 0, None))
                continue
            if "error" in result:
                rows.append((key, ordinal, note_id, "failed", "checker error", result["error"], meta_json,
                             result.get("words", 0), 0, None))
                continue
            rows.append((key, ordinal, note_id, "checked", None, None, meta_json, result["words"], result["score"],
                         json.dumps(result, ensure_ascii=False, separators=(",", ":"))))
        self.store.add(rows)
        self.progress.tick(len(rows), words=words)
        self.complete_sources()

    def complete_sources(self) -> None:
        self.flush_skips()
        for key in [k for k in self.read_done if self.outstanding.get(k, 0) == 0]:
            self.store.complete_source(key)
            self.read_done.discard(key)
            self.outstanding.pop(key, None)


class _Progress:
    """A one-line progress bar on stderr (notes/s, words/s, time left); silent when off."""

    def __init__(self, options: AuditOptions, show: bool):
        self.show = show
        self.total = self.done = self.words = self.resumed = 0
        self.start = time.monotonic()
        self.last = 0.0

    def add_total(self, n: int) -> None:
        self.total += n

    def tick(self, n: int, words: int = 0, resumed: bool = False) -> None:
        self.done += n
        self.words += words
        if resumed:
            self.resumed += n
        if self.show and time.monotonic() - self.last > 0.25:
            self._draw()

    def _draw(self) -> None:
        self.last = time.monotonic()
        elapsed = max(self.last - self.start, 1e-6)
        rate = (self.done - self.resumed) / elapsed
        total = max(self.total, self.done)
        left = (total - self.done) / rate if rate > 0 else 0
        width = 28
        filled = int(width * self.done / total) if total else 0
        bar = "#" * filled + "-" * (width - filled)
        eta = time.strftime("%H:%M:%S", time.gmtime(left)) if rate > 0 else "--:--:--"
        sys.stderr.write(f"\r[{bar}] {self.done:,}/{total:,} notes  {rate:,.1f} notes/s  "
                         f"{self.words / elapsed:,.0f} words/s  ETA {eta} ")
        sys.stderr.flush()

    def close(self) -> None:
        if self.show:
            self._draw()
            sys.stderr.write("\n")
            sys.stderr.flush()
