"""The one loaded checker of a worker process, with its own per-request deadline.

Checks run in a small thread pool; a caller waits at most `timeout` seconds and then gets
`CheckTimeout` (the route answers 503 "not checked"). A check that has not started by then is
cancelled; one already running finishes in the background and its result is dropped.
"""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor, TimeoutError as FutureTimeout
from typing import Any, Mapping

import langcheck
from langcheck import Config, Report, RuleSet
from langcheck.model import get_pipeline, resolve_model
from langcheck.timeliness import add_timeliness

WARM_UP_NOTE = "Home visit to Sam (8). Sam said, \"I like my room.\" The LAC review is next week."


class CheckTimeout(Exception):
    """The check did not finish within the service's time limit."""


class Engine:
    def __init__(self, model: str | None = None, threads: int = 1, max_working_days: int = 5,
                 lexicons: tuple[str, ...] = ()):
        self.model = model
        self.lexicons = tuple(lexicons)  # an organisation's own lexicon files (the config file's)
        self.threads = threads
        self.max_working_days = max_working_days
        self.rules: RuleSet | None = None
        self.model_name: str | None = None
        self.ready = False
        self._pool: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()

    def load(self) -> None:
        """Load the pipeline (once per process) and warm it up with a short note."""
        with self._lock:
            if self.ready:
                return
            self.model_name = resolve_model(self.model)
            _, self.rules = get_pipeline(self.model, self.lexicons)
            self._pool = ThreadPoolExecutor(self.threads, thread_name_prefix="langcheck-check")
            self.run(WARM_UP_NOTE, Config(model=self.model, lexicons=self.lexicons), {"activity_date": "2024-03-04"})
            self.ready = True

    def run(self, text: str, config: Config, meta: Mapping[str, Any]) -> Report:
        report = langcheck.check(text, config, meta=meta)
        return add_timeliness(report, text, meta, config, limit=self.max_working_days)

    def check(self, text: str, config: Config, meta: Mapping[str, Any], timeout: float) -> Report:
        if not self.ready or self._pool is None:
            raise RuntimeError("the model is not loaded")
        future = self._pool.submit(self.run, text, config, meta)
        try:
            return future.result(timeout=timeout)
        except FutureTimeout:
            future.cancel()
            raise CheckTimeout() from None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
        self.ready = False


def get_engine_from_state(state) -> Engine:
    return state.engine
