"""The service's checkers: a few worker processes, each answering one note at a time, with a
deadline that can actually be kept.

A check is CPU-bound Python; a thread running one cannot be stopped, so a single 100,000-
character note used to hold the only check thread for 7.5 s while every note behind it timed
out. Here each check runs in a worker process (service/worker.py, forked from a fork server
that loaded the model once, so a worker starts in milliseconds and shares the model's memory).
The caller passes a deadline measured from the request's arrival; waiting for a free worker
and the check itself both count against it. At the deadline the caller gets `CheckTimeout`
(503 "not checked"). A worker still busy with that note is left to finish it until `kill_at`
(the caller's choice: the service allows one more deadline) and its answer is dropped; one
still busy then is killed and another forked in its place. So a pathological note costs one
worker for two deadlines, never the service; and a note that is merely late (a loaded machine,
or a worker's first note of a kind that runs code nothing ran before) does not cost a worker.

Killing at the deadline itself fed on itself under load: a forked worker is not the worker it
replaces (whatever the fork server had not run yet, the new one runs on its first note: a 2 s
first-use import made every replacement overrun again, 66 kills and 180 x 503 in a 30 s soak),
and each kill threw away a check that was nearly done and paid for a fork and a warm-up.
"""
from __future__ import annotations

import asyncio
import collections
import json
import logging
import multiprocessing
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping

from langcheck import Config, Report, RuleSet, load_rules
from langcheck.model import resolve_model

from . import worker as worker_module

log = logging.getLogger("langcheck.service")

# How long a new worker may take to load the model and answer its warm-up note.
START_TIMEOUT = 180.0


class CheckTimeout(Exception):
    """The check did not finish within the service's time limit."""


class CheckFailed(Exception):
    """The checker raised in its worker; only the exception's type crosses back."""


class WorkerDied(Exception):
    """The worker's process ended while it held the note (killed from outside, out of memory)."""


@dataclass(eq=False)  # hashed by identity: the set of live workers holds them
class _Worker:
    process: Any
    conn: Any


class Engine:
    """`await engine.check(text, config, meta, deadline)` -> Report, in a worker process.

    `model` and `lexicons` are the organisation's (the settings layer's base Config): the
    workers load that pipeline before their first note, so a request's Config, built on the
    base one, finds it loaded. `runner(text, config, meta, max_working_days)` is what a worker
    runs (a module-level function, as it crosses into the worker by name); tests hand in slow
    or failing ones."""

    def __init__(self, model: str | None = None, processes: int = 2, max_working_days: int = 5,
                 lexicons: tuple[str, ...] = (), runner: Callable[..., Report] = worker_module.run_check):
        self.model = model
        self.lexicons = tuple(str(p) for p in lexicons)  # an organisation's own lexicon files
        self.processes = processes
        self.base_config = Config(model=model, lexicons=self.lexicons)  # what a worker warms up with
        self.max_working_days = max_working_days
        self.runner = runner
        self.rules: RuleSet | None = None
        self.model_name: str | None = None
        self.ready = False
        self.replaced = 0  # workers killed past the deadline (or found dead) and forked again
        self.shed = 0      # checks refused at once because they could not finish in time
        self.late = 0      # checks answered 503 at the deadline that their worker then finished
        self.check_seconds = 0.05  # moving average of one check's time, for shedding
        self._lock = threading.Lock()
        self._idle: list[_Worker] = []
        self._waiters: collections.deque[asyncio.Future] = collections.deque()
        self._all: set[_Worker] = set()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._closed = False
        self._finishing: set[asyncio.Task] = set()  # late checks being waited for, kept referenced

    # -- start and stop ----------------------------------------------------------------------
    def load(self) -> None:
        """Start the workers (blocking until each has loaded the model and checked a note)."""
        with self._lock:
            if self.ready:
                return
            self.model_name = resolve_model(self.model)
            self.rules = load_rules([Path(p) for p in self.lexicons])
            self._closed = False
            context = multiprocessing.get_context("forkserver")
            # "__main__" first: forked workers then skip importing the main module again.
            context.set_forkserver_preload(["__main__", "langcheck.service._preload"])
            self._context = context
            _start_fork_server({"model": self.model, "lexicons": list(self.lexicons),
                                "max_working_days": self.max_working_days})
            workers = [self._start() for _ in range(self.processes)]
            self._idle = [self._await_ready(w) for w in workers]
            self._all = set(self._idle)
            self.ready = True

    def _start(self) -> _Worker:
        ours, theirs = self._context.Pipe()
        process = self._context.Process(target=worker_module.serve, name="langcheck-check", daemon=True,
                                        args=(theirs, self.runner, self.base_config, self.max_working_days))
        process.start()
        theirs.close()
        return _Worker(process, ours)

    def _await_ready(self, w: _Worker) -> _Worker:
        if not w.conn.poll(START_TIMEOUT):
            self._kill(w)
            raise RuntimeError(f"a check worker did not start within {START_TIMEOUT:g} s")
        try:
            message = w.conn.recv()
        except (EOFError, OSError):
            self._kill(w)
            raise RuntimeError(f"a check worker exited at start (exit code {w.process.exitcode})") from None
        if message[0] != "ready":
            self._kill(w)
            raise RuntimeError(f"a check worker could not load the model: {message[1]}: {message[2]}")
        return w

    def close(self) -> None:
        self._closed = True
        self.ready = False
        for w in self._idle:
            self._kill(w)
        self._idle = []
        for fut in self._waiters:
            fut.cancel()
        self._waiters.clear()
        # Busy workers are killed by the check that owns them (it sees `_closed`), and every
        # worker exits on its own when the service's end of its pipe closes.

    @staticmethod
    def _kill(w: _Worker) -> None:
        try:
            w.process.kill()
            w.process.join(5)
        except (OSError, ValueError, AssertionError):
            pass
        try:
            w.conn.close()
        except OSError:
            pass

    # -- checking ----------------------------------------------------------------------------
    async def check(self, text: str, config: Config, meta: Mapping[str, Any], deadline: float,
                    kill_at: float | None = None) -> Report:
        """The report; CheckTimeout at `deadline` (time.monotonic()); CheckFailed if the checker
        raised; WorkerDied if its process ended under it (killed from outside, out of memory).
        A check still running at `deadline` may finish (unseen) until `kill_at`, when its worker
        is killed and replaced (default: at the deadline)."""
        if not self.ready:
            raise RuntimeError("the model is not loaded")
        self._loop = asyncio.get_running_loop()
        w = await self._acquire(deadline)
        answer = None
        sent = time.monotonic()
        try:
            w.conn.send((text, config, dict(meta)))
            if await self._readable(w, deadline):
                answer = w.conn.recv()
        except (EOFError, OSError):
            self._replace(w)
            raise WorkerDied() from None
        except BaseException:  # cancelled mid-check: its answer, if any, belongs to no one now
            self._replace(w)
            raise
        if answer is None:
            self._finish_late(w, sent, max(kill_at or deadline, deadline))
            raise CheckTimeout()
        self._observe(time.monotonic() - sent)
        self._release(w)
        if answer[0] == "ok":
            return answer[1]
        log.error("check failed in a worker: type=%s\n%s", answer[1], answer[2])
        raise CheckFailed(answer[1])

    def _observe(self, seconds: float) -> None:
        """A moving average of how long a check takes here (for shedding, below): late checks
        count too, or it would learn only from the checks that were fast enough."""
        self.check_seconds += 0.2 * (seconds - self.check_seconds)

    def _finish_late(self, w: _Worker, sent: float, kill_at: float) -> None:
        """The caller has its 503; the worker keeps the note until it answers (the answer is
        dropped and the worker, warm, serves the next note) or until `kill_at` (killed)."""

        async def finish() -> None:
            try:
                if await self._readable(w, kill_at):
                    w.conn.recv()
                    self.late += 1
                    self._observe(time.monotonic() - sent)
                    self._release(w)
                    return
            except (EOFError, OSError):
                pass
            except BaseException:  # the service is stopping
                self._replace(w)
                raise
            self._replace(w)  # still busy: a pathological note, killed

        task = self._loop.create_task(finish())
        self._finishing.add(task)
        task.add_done_callback(self._finishing.discard)

    async def _acquire(self, deadline: float) -> _Worker:
        if self._idle:
            return self._idle.pop()
        # Shed at once what could not be checked in time anyway: the notes queued ahead of this
        # one, shared among the workers there are now (one being replaced is not), at the recent
        # time per check. Under overload, a fast 503 is better for the caller than one at the
        # deadline, and no worker starts a check whose answer would come too late.
        expected = (len(self._waiters) / max(1, len(self._all)) + 1) * self.check_seconds
        if time.monotonic() + expected > deadline:
            self.shed += 1
            raise CheckTimeout()
        waiter = self._loop.create_future()
        self._waiters.append(waiter)
        remaining = deadline - time.monotonic()
        if remaining > 0:
            await asyncio.wait({waiter}, timeout=remaining)
        if waiter.done() and not waiter.cancelled():
            return waiter.result()
        waiter.cancel()
        try:
            self._waiters.remove(waiter)  # so the queue's length stays the number still waiting
        except ValueError:
            pass
        raise CheckTimeout()

    def _release(self, w: _Worker) -> None:
        if self._closed or w not in self._all:
            self._kill(w)
            return
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(w)
                return
        self._idle.append(w)

    async def _readable(self, w: _Worker, deadline: float) -> bool:
        if w.conn.poll():
            return True
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return False
        ready = self._loop.create_future()
        fd = w.conn.fileno()
        self._loop.add_reader(fd, lambda: ready.done() or ready.set_result(True))
        try:
            await asyncio.wait({ready}, timeout=remaining)
        finally:
            self._loop.remove_reader(fd)
        return ready.done()

    def _replace(self, w: _Worker) -> None:
        """Kill a worker (overran, died or abandoned) and fork another in the background."""
        self._all.discard(w)
        try:
            w.process.kill()  # at once; waiting for it to be reaped is done off the event loop
        except (OSError, ValueError, AttributeError):
            pass
        self.replaced += 1
        loop = self._loop

        def fork() -> None:
            self._kill(w)
            if self._closed:
                return
            try:
                fresh = self._await_ready(self._start())
            except Exception as exc:  # logged; the remaining workers carry on
                log.error("could not start a check worker: %s", exc)
                return
            self._all.add(fresh)
            loop.call_soon_threadsafe(self._release, fresh)

        loop.run_in_executor(None, fork)

    @property
    def idle(self) -> int:
        return len(self._idle)


def _start_fork_server(preload: dict) -> None:
    """Start multiprocessing's fork server (once per process; a no-op when it runs already),
    which loads and warms this pipeline before forking, so workers share it and start warm
    (service/_preload.py reads `preload`).

    It is started as `python -c ...`, which puts the working folder first on its import path:
    a `langcheck/`, `spacy.py` or `yaml.py` in the folder `langcheck serve` runs in (a
    repository, say) would be imported by the checkers, while the service itself, run by its
    script, imports the installed code. PYTHONSAFEPATH (Python 3.11) leaves the folder out."""
    from multiprocessing import forkserver

    saved = {k: os.environ.get(k) for k in (worker_module.PRELOAD_VARIABLE, "PYTHONSAFEPATH")}
    os.environ[worker_module.PRELOAD_VARIABLE] = json.dumps(preload)
    os.environ["PYTHONSAFEPATH"] = "1"
    try:
        forkserver.ensure_running()
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def get_engine_from_state(state) -> Engine:
    return state.engine
