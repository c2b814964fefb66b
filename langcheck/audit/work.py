"""The unit of work every engine runs: check a batch of notes with `langcheck.check_many`.

A batch goes in as plain tuples and comes out as plain tuples, so it crosses process and
machine boundaries (multiprocessing, Dask) without custom pickling. The pipeline is loaded
once per process (`langcheck.model.get_pipeline` caches it), or once in the audit's own process
before its local workers are forked from it (see engines.PoolEngine).
"""
from __future__ import annotations

import re
from dataclasses import fields
from typing import Any, Mapping, Sequence

from ..baseline import fingerprints
from ..config import Config
from ..model import get_runner
from .readers import EXTRACT_SECONDS, FileRef, ReadError, extract

WORD = re.compile(r"\w+(?:['’]\w+)*")
SEVERITY_WEIGHT = {"info": 1, "warning": 3, "error": 9}

# (key, text, check_meta) in; (key, result) out, where result is a dict of plain values.
Item = tuple[Any, str, Mapping[str, Any]]


def config_to_plain(config: Config) -> dict[str, Any]:
    """A Config as plain values (its read-only severities mapping does not pickle)."""
    plain = {f.name: getattr(config, f.name) for f in fields(config)}
    plain["severities"] = {k: v.value for k, v in config.severities.items()}
    plain["min_severity"] = config.min_severity.value
    plain["lexicons"] = [str(p) for p in config.lexicons]
    plain["select"], plain["ignore"] = list(config.select), list(config.ignore)
    return plain


def config_from_plain(plain: Mapping[str, Any]) -> Config:
    return Config(**plain)


_configs: dict[str, Config] = {}


def _config(plain: Mapping[str, Any]) -> Config:
    import json

    key = json.dumps(plain, sort_keys=True)
    if key not in _configs:
        _configs[key] = config_from_plain(plain)
    return _configs[key]


WARM_UP_NOTE = "Home visit to Sam (8). Sam said, \"I like my room.\" The LAC review is next week."


def warm(plain: Mapping[str, Any], parent: int | None = None, forked: bool = False) -> None:
    """Load the pipeline in this process now and check one short note with it, so the first
    batch waits for neither (and workers forked from this process inherit both).

    With `parent`, this is a pool worker: it exits when that process is gone (the audit was
    killed with kill -9), instead of lingering as an orphan. A `forked` worker first lets go
    of the files it inherited (the output folder's lock, the progress store): they are the
    audit's, and a copy held here would keep the lock after the audit was killed."""
    if forked:
        _drop_inherited_files()
    if parent is not None:
        _watch_parent(parent)
    config = _config(plain)
    get_runner(config.model, tuple(str(p) for p in config.lexicons), config.selective)
    from ..checker import check_many

    list(check_many([WARM_UP_NOTE], config))


def _drop_inherited_files() -> None:
    """Close this process's descriptors of regular files (a worker reads and writes none: its
    batches come and go through pipes)."""
    import os
    import stat

    for name in os.listdir("/proc/self/fd"):
        fd = int(name)
        if fd <= 2:
            continue
        try:
            if stat.S_ISREG(os.fstat(fd).st_mode):
                os.close(fd)
        except OSError:
            pass


def _watch_parent(parent: int) -> None:
    import os
    import threading
    import time

    def watch() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="langcheck-audit-parent-watch", daemon=True).start()


def check_batch(plain: Mapping[str, Any], items: Sequence[Item], keep_text: bool = True) -> list[tuple[Any, dict]]:
    """Check a batch; a note that makes the checker fail is reported as failed, alone. A file
    handed over unread (readers.FileRef) is read here, in the worker: a file that cannot be read
    within the budgets comes back as {"skip": (status, kind, reason)}."""
    unread = [i for i, (_, text, _) in enumerate(items) if isinstance(text, FileRef)]
    if unread:
        skipped: dict[int, tuple] = {}
        items = list(items)
        for i in unread:
            key, ref, meta = items[i]
            try:
                with time_limit(EXTRACT_SECONDS):
                    items[i] = (key, extract(ref), meta)
            except ReadError as exc:
                skipped[i] = (key, {"skip": (exc.status, exc.kind, exc.reason)})
            except OSError as exc:
                skipped[i] = (key, {"skip": ("failed", "unreadable", f"cannot read: {exc.strerror or exc}")})
        if skipped:
            kept = [item for i, item in enumerate(items) if i not in skipped]
            checked = iter(check_batch(plain, kept, keep_text) if kept else [])
            return [skipped[i] if i in skipped else next(checked) for i in range(len(items))]
    from ..checker import check_many

    config = _config(plain)
    try:
        reports = list(check_many([t for _, t, _ in items], config, metas=[m for _, _, m in items]))
    except Exception:  # find the note(s) at fault; the others are still checked
        if len(items) == 1:
            import traceback

            key, text, _ = items[0]
            err = traceback.format_exception_only(*__import__("sys").exc_info()[:2])[-1].strip()
            return [(key, {"error": f"the checker failed on this note: {err}", "words": len(WORD.findall(text))})]
        out: list[tuple[Any, dict]] = []
        for item in items:
            out.extend(check_batch(plain, [item], keep_text))
        return out
    return [(key, _result(text, report, keep_text)) for (key, text, _), report in zip(items, reports)]


class time_limit:
    """Raise ReadError("failed", "too slow") if the block runs past `seconds` (SIGALRM: only in
    a process's main thread, which is where pool workers and the one-process audit run tasks;
    elsewhere, such as a Dask worker's threads, the byte and character budgets still hold)."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.armed = False

    def __enter__(self):
        import signal
        import threading

        if hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGALRM, self._expired)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
            self.armed = True
        return self

    def _expired(self, signum, frame):
        raise ReadError("failed", "too slow", f"reading it took over {self.seconds:g} s")

    def __exit__(self, *exc):
        if self.armed:
            import signal

            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)
        return False


def _result(text: str, report, keep_text: bool) -> dict:
    s = report.summary
    findings = [
        (f.rule, f.name, f.category, f.severity.value, f.start, f.end,
         f.text if keep_text else None, f.message if keep_text else None)
        for f in report.findings
    ]
    return {
        "words": len(WORD.findall(text)),
        "characters": len(text),
        "child_voice": s.get("child_voice"),
        "reading_grade": s.get("reading_grade"),
        "critical_to_strength": s.get("critical_to_strength"),
        "score": sum(SEVERITY_WEIGHT.get(f[3], 1) for f in findings),
        "findings": findings,
        # Hashes, never text: what a later audit compares against (langcheck.baseline).
        "fingerprints": fingerprints(text, report),
    }
