"""The check worker process: receives (text, config, meta) over a pipe, answers with a Report.

Workers are forked from multiprocessing's fork server, which loaded the spaCy pipeline once
(`_preload.py`), so a worker starts in milliseconds and shares the model's memory with its
siblings. The service kills a worker whose check overruns the deadline and forks another; a
thread cannot be stopped, a process can.
"""
from __future__ import annotations

import os
import traceback
from typing import Any, Callable, Mapping

from langcheck import Config, Report

# The model and lexicons the fork server loads before forking any worker (JSON, set by the engine).
PRELOAD_VARIABLE = "LANGCHECK_WORKER_PRELOAD"
WARM_UP_NOTE = "Home visit to Sam (8). Sam said, \"I like my room.\" The LAC review is next week."
WARM_UP_META = {"activity_date": "2024-03-04"}


def run_check(text: str, config: Config, meta: Mapping[str, Any], max_working_days: int) -> Report:
    """What a worker does with one note: the core check, then the service's timeliness rule."""
    import langcheck
    from langcheck.timeliness import add_timeliness

    report = langcheck.check(text, config, meta=meta)
    return add_timeliness(report, text, meta, config, limit=max_working_days)


def warm_up(base: Config, max_working_days: int) -> None:
    """What the fork server runs before it forks any worker: the warm-up note, then one flag
    example of every rule as a note of its own, so that every check kind has run and imported
    and built what it uses on first use. A forked worker is then as warm as a long-running one:
    issue 17's workers each imported textacy's quotation finder (2 s, 1,298 modules) on their
    first quoted note, past the deadline. tests/test_service_limits.py checks that checking any
    lexicon example afterwards imports nothing."""
    from langcheck.model import get_pipeline

    run_check(WARM_UP_NOTE, base, WARM_UP_META, max_working_days)
    _, rules = get_pipeline(base.model, tuple(str(p) for p in base.lexicons))
    for rule in rules:
        run_check(rule.examples.flag[0], base, {}, max_working_days)


def serve(conn, runner: Callable[..., Report], base: Config, max_working_days: int) -> None:
    """A worker's life: load (already done in the fork server, normally), warm up, say "ready",
    then answer one request at a time until the service closes the pipe."""
    try:
        from threadpoolctl import threadpool_limits

        threadpool_limits(limits=1)  # the processes are the parallelism; BLAS threads would fight them
        runner(WARM_UP_NOTE, base, WARM_UP_META, max_working_days)
        conn.send(("ready", os.getpid()))
    except BaseException as exc:  # the model cannot load: tell the service, without any note text
        conn.send(("failed", type(exc).__name__, str(exc)[:500]))
        return
    while True:
        try:
            text, config, meta = conn.recv()
        except (EOFError, OSError):  # the service has gone: so does the worker
            return
        try:
            answer = ("ok", runner(text, config, meta, max_working_days))
        except Exception as exc:
            # Never the exception's message: it may quote the note. Its type and frames only.
            answer = ("error", type(exc).__name__, "".join(traceback.format_tb(exc.__traceback__, limit=-5)))
        try:
            conn.send(answer)
        except (OSError, ValueError):
            return
