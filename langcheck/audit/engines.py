"""Where batches run: in this process, a local process pool, or a Dask cluster.

Every engine takes an iterator of batches and yields (batch, results) as batches finish, with
a bounded number in flight so memory stays flat however many notes there are. All of them run
the same function, `work.check_batch`, so their results are identical.
"""
from __future__ import annotations

import os
import sys
from typing import Any, Iterable, Iterator, Mapping, Sequence

from . import work


class EngineError(RuntimeError):
    """The engine cannot start (Dask missing, scheduler unreachable)."""


Batch = Sequence[work.Item]


class InlineEngine:
    """One process: the caller's. No pool to start, nothing to pickle."""

    name = "local"

    def __init__(self, plain: Mapping[str, Any], keep_text: bool):
        self.plain, self.keep_text = plain, keep_text
        self.workers = 1

    def start(self) -> None:
        work.warm(self.plain)

    def run(self, batches: Iterable[Batch]) -> Iterator[tuple[Batch, list]]:
        for batch in batches:
            yield batch, work.check_batch(self.plain, batch, self.keep_text)

    def close(self) -> None:
        pass


class PoolEngine:
    """A pool of worker processes that do not each pay the start-up.

    Where the platform forks (Linux), this process loads the pipeline once and the workers are
    forked from it: each starts with the model already in memory, shared copy-on-write, at no
    cost. Elsewhere (macOS and Windows spawn) the workers start at once and load it in
    parallel while this process reads the first inputs. Measured on 300 notes with 2 workers
    (docs/benchmarks.md): forking was the faster of the two.
    """

    name = "local"

    def __init__(self, plain: Mapping[str, Any], keep_text: bool, workers: int):
        self.plain, self.keep_text, self.workers = plain, keep_text, workers
        self.pool = None

    def start(self) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        method = start_method()
        if method == "fork":
            # Loaded before any thread of the pool exists: the forked workers inherit the
            # pipeline and nothing half-held. They never touch the parent's SQLite handle or lock.
            work.warm(self.plain)
        self.pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context(method),
                                        initializer=work.warm, initargs=(self.plain, os.getpid(), method == "fork"))
        if method == "spawn":
            for _ in range(self.workers):  # start them now: they load while the inputs are read
                self.pool.submit(os.getpid)

    def run(self, batches: Iterable[Batch]) -> Iterator[tuple[Batch, list]]:
        from concurrent.futures import FIRST_COMPLETED, wait

        limit = self.workers * 2
        running: dict = {}
        it = iter(batches)
        exhausted = False
        while True:
            while not exhausted and len(running) < limit:
                batch = next(it, None)
                if batch is None:
                    exhausted = True
                    break
                running[self.pool.submit(work.check_batch, self.plain, batch, self.keep_text)] = batch
            if not running:
                return
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                yield running.pop(future), future.result()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)


class DaskEngine:
    """The same batches on a Dask cluster: an existing scheduler, or a local cluster."""

    name = "dask"

    def __init__(self, plain: Mapping[str, Any], keep_text: bool, workers: int, scheduler: str | None):
        self.plain, self.keep_text, self.scheduler = plain, keep_text, scheduler
        self.local_workers = workers
        self.workers = workers
        self.client = self.cluster = None

    def start(self) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise EngineError("--engine dask needs Dask: pip install 'dask[distributed]' "
                              "(or langcheck's 'dask' extra)") from None
        try:
            if self.scheduler:
                self.client = Client(self.scheduler, timeout="20s")
            else:
                self.cluster = LocalCluster(n_workers=self.local_workers, threads_per_worker=1, processes=True,
                                            dashboard_address=None)
                self.client = Client(self.cluster)
        except (OSError, TimeoutError) as exc:
            self.close()
            raise EngineError(f"cannot reach the Dask scheduler {self.scheduler}: {exc}") from None
        info = self.client.scheduler_info()
        threads = sum(w.get("nthreads", 1) for w in info.get("workers", {}).values())
        self.workers = max(1, threads)
        self.client.run(work.warm, self.plain)

    def run(self, batches: Iterable[Batch]) -> Iterator[tuple[Batch, list]]:
        from distributed import as_completed

        limit = self.workers * 2
        it = iter(batches)
        pending: dict = {}
        queue = as_completed()
        for _ in range(limit):
            batch = next(it, None)
            if batch is None:
                break
            future = self.client.submit(work.check_batch, self.plain, batch, self.keep_text, pure=False)
            pending[future.key] = batch
            queue.add(future)
        for future in queue:
            batch = pending.pop(future.key)
            result = future.result()
            future.release()
            yield batch, result
            nxt = next(it, None)
            if nxt is not None:
                f = self.client.submit(work.check_batch, self.plain, nxt, self.keep_text, pure=False)
                pending[f.key] = nxt
                queue.add(f)

    def close(self) -> None:
        for thing in (self.client, self.cluster):
            if thing is not None:
                try:
                    thing.close()
                except Exception:
                    pass


def start_method() -> str:
    """fork where the platform does it safely (Linux), else spawn; LANGCHECK_AUDIT_START=spawn
    or =fork chooses (for measuring one against the other)."""
    import multiprocessing

    chosen = os.environ.get("LANGCHECK_AUDIT_START", "")
    if chosen in ("fork", "spawn"):
        return chosen
    return "fork" if sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods() else "spawn"


def make_engine(engine: str, plain: Mapping[str, Any], keep_text: bool, workers: int,
                scheduler: str | None) -> InlineEngine | PoolEngine | DaskEngine:
    if engine == "dask":
        return DaskEngine(plain, keep_text, workers if workers > 0 else 2, scheduler)
    if engine != "local":
        raise EngineError(f"unknown engine {engine!r}: use local or dask")
    if scheduler:
        raise EngineError("--scheduler needs --engine dask")
    return InlineEngine(plain, keep_text) if workers == 1 else PoolEngine(plain, keep_text, workers)
