"""A real `langcheck serve` for the tests that need one (the same config everywhere, the live
service and its page, the CLI's warm path): started on a free loopback port, waited for until
/readyz answers, and stopped afterwards."""
from __future__ import annotations

import contextlib
import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator, Sequence

import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def clean_env(**extra: str) -> dict[str, str]:
    """The environment without any LANGCHECK_ setting of the developer's, plus `extra`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LANGCHECK_")}
    env.update(extra)
    return env


@contextlib.contextmanager
def serving(options: Sequence[str], log: Path, *, env: dict[str, str], cwd: Path | None = None,
            command: Sequence[str] = (sys.executable, "-m", "langcheck"), ready_seconds: float = 120
            ) -> Iterator[tuple[subprocess.Popen, int]]:
    """(the server process, its port), once it is ready; the test fails with the server's log
    if it exits or is not ready in time."""
    port = free_port()
    with open(log, "wb") as out:
        proc = subprocess.Popen([*command, "serve", "--port", str(port), *options], cwd=cwd, env=env,
                                stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + ready_seconds
        while True:
            if proc.poll() is not None:
                pytest.fail(f"server exited with {proc.returncode}:\n{log.read_text()}")
            if time.monotonic() > deadline:
                pytest.fail(f"server not ready:\n{log.read_text()}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
                conn.request("GET", "/readyz")
                if conn.getresponse().status == 200:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        yield proc, port
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
