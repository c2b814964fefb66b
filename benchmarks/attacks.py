"""The service attacks of issue 17, rerun on loopback: does the server contain them?

    .venv/bin/python benchmarks/attacks.py                      # all of them
    .venv/bin/python benchmarks/attacks.py chunked idle         # some of them

Starts `langcheck serve` on 127.0.0.1 (a free port, never another address) with a token and
the common default of 1,024 open files (soft; 4,096 hard), and
for each attack prints what the attacker got, the server's memory (PSS of the server process
and its children, peak sampled every 0.1 s) and what a legitimate client saw meanwhile:

  chunked   a chunked body of --chunked-mb MiB (default 256) with no token and no length
  idle      1,100 sockets that connect and send nothing, held for 15 s
  slownote  "LAC " * 25,000 (100,000 characters), then six ordinary notes; then one such note
            every 8 s for 24 s while a client sends ordinary notes
  crowd     200 clients sending ordinary notes for 10 s (is the deadline end to end?)
  methods   2,000 requests with made-up HTTP methods (how many metric series?)

Every request loop is bounded in count and time. Figures only: nothing here is a test.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import secrets
import socket
import statistics
import string
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from soak import tree_pss_kb  # noqa: E402  (a sibling script, not a package)

HOST = "127.0.0.1"
NOTE = ("Home visit to Sam (8). Mum was aggressive when I arrived. The LAC review is on Tuesday. "
        "Sam said, \"I like my room.\" ") * 8


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def tree_rss_mib(pid: int) -> float:
    """Memory of `pid` and all its descendants, in MiB: their PSS summed (soak.py's measure), so
    forked workers sharing the model are not counted n times."""
    return tree_pss_kb(pid) / 1024


class Peak:
    """Samples the server tree's RSS every 0.1 s while in a `with` block."""

    def __init__(self, pid: int):
        self.pid, self.peak, self._stop = pid, 0.0, threading.Event()

    def __enter__(self):
        self.start = tree_rss_mib(self.pid)
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.wait(0.1):
            self.peak = max(self.peak, tree_rss_mib(self.pid))

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self.thread.join()


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] * 1000


class Legit:
    """An ordinary client sending ordinary notes with a 2 s deadline, in a thread."""

    def __init__(self, base: str, token: str, pause: float = 0.2):
        self.base, self.token, self.pause = base, token, pause
        self.lat: list[float] = []
        self.statuses: dict[str, int] = {}
        self._stop = threading.Event()

    def one(self, client: httpx.Client) -> None:
        started = time.perf_counter()
        try:
            r = client.post(f"{self.base}/v1/check", json={"text": NOTE},
                            headers={"Authorization": f"Bearer {self.token}"}, timeout=2.0)
            key = str(r.status_code)
        except httpx.HTTPError as exc:
            key = type(exc).__name__
        self.lat.append(time.perf_counter() - started)
        self.statuses[key] = self.statuses.get(key, 0) + 1

    def __enter__(self):
        def run() -> None:
            with httpx.Client() as client:
                while not self._stop.is_set():
                    self.one(client)
                    self._stop.wait(self.pause)
        self.thread = threading.Thread(target=run, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self.thread.join(10)

    def report(self) -> str:
        return (f"legit client: {sum(self.statuses.values())} requests {dict(sorted(self.statuses.items()))}, "
                f"p50 {pct(self.lat, 50):.0f} ms, max {pct(self.lat, 100):.0f} ms")


def attack_chunked(base: str, port: int, token: str, pid: int, mib: int) -> None:
    chunk = b"a" * 65536
    head = (f"POST /v1/check HTTP/1.1\r\nHost: {HOST}\r\nContent-Type: application/json\r\n"
            "Transfer-Encoding: chunked\r\n\r\n").encode()
    frame = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
    sent, status, started = 0, "no answer", time.perf_counter()
    with Peak(pid) as peak, Legit(base, token) as legit:
        with socket.create_connection((HOST, port), timeout=60) as s:
            try:
                s.sendall(head + b'a\r\n{"text": "\r\n')
                for _ in range(mib * 16):
                    s.sendall(frame)
                    sent += len(chunk)
                s.sendall(b"0\r\n\r\n")
            except OSError as exc:
                status = f"closed after {sent / 2**20:.1f} MiB ({type(exc).__name__})"
            try:
                s.settimeout(30)
                answer = s.recv(200)
                if answer:
                    status = answer.split(b"\r\n", 1)[0].decode() + f" after {sent / 2**20:.1f} MiB sent"
            except OSError:
                pass
    print(f"chunked {mib} MiB, no token: {status}; {time.perf_counter() - started:.1f} s; "
          f"server memory {peak.start:.0f} -> peak {peak.peak:.0f} MiB")
    print("  " + legit.report())


def attack_idle(base: str, port: int, token: str, pid: int, count: int = 1100, hold: float = 15) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, count + 512)), hard))
    sockets, refused = [], 0
    with Peak(pid) as peak:
        for _ in range(count):
            try:
                sockets.append(socket.create_connection((HOST, port), timeout=5))
            except OSError:
                refused += 1
        with Legit(base, token, pause=0.5) as legit:
            health = []
            until = time.monotonic() + hold
            while time.monotonic() < until:
                started = time.perf_counter()
                try:
                    ok = httpx.get(f"{base}/healthz", timeout=2).status_code
                except httpx.HTTPError as exc:
                    ok = type(exc).__name__
                health.append((ok, time.perf_counter() - started))
                time.sleep(0.5)
        closed = 0
        for s in sockets:
            s.setblocking(False)
            try:
                closed += s.recv(1) == b""
            except BlockingIOError:
                pass
            except OSError:
                closed += 1
            s.close()
    ok = sum(1 for st, _ in health if st == 200)
    print(f"idle: {len(sockets)} silent sockets ({refused} refused), held {hold:.0f} s; closed by the server: "
          f"{closed}; server memory {peak.start:.0f} -> peak {peak.peak:.0f} MiB")
    print(f"  /healthz: {ok}/{len(health)} answered, max {pct([t for _, t in health], 100):.0f} ms")
    print("  " + legit.report())


def attack_slownote(base: str, port: int, token: str, pid: int) -> None:
    auth = {"Authorization": f"Bearer {token}"}
    slow = {"text": "LAC " * 25000}

    def send_slow(results: list) -> None:
        started = time.perf_counter()
        try:
            r = httpx.post(f"{base}/v1/check", json=slow, headers=auth, timeout=30)
            results.append((r.status_code, time.perf_counter() - started))
        except httpx.HTTPError as exc:
            results.append((type(exc).__name__, time.perf_counter() - started))

    slow_results: list = []
    t = threading.Thread(target=send_slow, args=(slow_results,))
    t.start()
    time.sleep(0.2)
    after = Legit(base, token)
    with httpx.Client() as client:
        for _ in range(6):
            after.one(client)
    t.join()
    print(f"slownote: the 100,000-character note -> {slow_results[0][0]} in {slow_results[0][1]:.1f} s; "
          f"the next six ordinary notes: {dict(after.statuses)}, max {pct(after.lat, 100):.0f} ms")
    with Peak(pid) as peak, Legit(base, token, pause=0.1) as legit:
        until = time.monotonic() + 24
        threads = []
        while time.monotonic() < until:
            th = threading.Thread(target=send_slow, args=(slow_results,))
            th.start()
            threads.append(th)
            time.sleep(8)
        for th in threads:
            th.join()
    print(f"  one slow note every 8 s for 24 s: slow notes {[r[0] for r in slow_results[1:]]}; "
          f"server memory {peak.start:.0f} -> peak {peak.peak:.0f} MiB")
    print("  " + legit.report())


def raw_post(port: int, path: str, body: bytes, token: str, timeout: float = 10) -> int:
    """One request on its own connection with a prepared body: cheap enough for 200 client threads
    in one process (httpx's per-client set-up would be the bottleneck, not the server)."""
    head = (f"POST {path} HTTP/1.1\r\nHost: {HOST}\r\nAuthorization: Bearer {token}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode()
    with socket.create_connection((HOST, port), timeout=timeout) as s:
        s.sendall(head + body)
        chunks = []
        while chunk := s.recv(65536):
            chunks.append(chunk)
    return int(b"".join(chunks).split(b" ", 2)[1])


def attack_crowd(base: str, port: int, token: str, pid: int, clients: int = 200, seconds: float = 10) -> None:
    lat: list[float] = []
    statuses: dict[str, int] = {}
    lock = threading.Lock()
    until = time.monotonic() + seconds
    body = json.dumps({"text": NOTE}).encode()

    def run() -> None:
        while time.monotonic() < until:
            started = time.perf_counter()
            try:
                key = str(raw_post(port, "/v1/check", body, token))
            except (OSError, ValueError, IndexError) as exc:
                key = type(exc).__name__
            with lock:
                lat.append(time.perf_counter() - started)
                statuses[key] = statuses.get(key, 0) + 1

    with Peak(pid) as peak:
        threads = [threading.Thread(target=run, daemon=True) for _ in range(clients)]
        for th in threads:
            th.start()
        for th in threads:
            th.join(seconds + 30)
    metrics = httpx.get(f"{base}/metrics", headers={"Authorization": f"Bearer {token}"}).text
    engine = [line for line in metrics.splitlines() if line.startswith(("langcheck_check_", "langcheck_checks_total"))]
    print(f"crowd: {clients} clients for {seconds:.0f} s: {dict(sorted(statuses.items()))}; latency p50 "
          f"{pct(lat, 50):.0f} ms, p95 {pct(lat, 95):.0f} ms, max {pct(lat, 100):.0f} ms; "
          f"server memory {peak.start:.0f} -> peak {peak.peak:.0f} MiB")
    print("  " + "; ".join(engine))


def attack_methods(base: str, port: int, token: str, pid: int, count: int = 2000) -> None:
    rng = random.Random(17)
    for _ in range(count):
        method = "".join(rng.choices(string.ascii_uppercase, k=8))
        with socket.create_connection((HOST, port), timeout=5) as s:
            s.sendall(f"{method} /healthz HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n".encode())
            while s.recv(65536):
                pass
    text = httpx.get(f"{base}/metrics", headers={"Authorization": f"Bearer {token}"}).text
    series = [line for line in text.splitlines() if line.startswith("langcheck_http_requests_total{")]
    print(f"methods: {count} made-up methods -> {len(series)} series of langcheck_http_requests_total")


ATTACKS = {"chunked": attack_chunked, "idle": attack_idle, "slownote": attack_slownote, "crowd": attack_crowd,
           "methods": attack_methods}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("attacks", nargs="*", default=list(ATTACKS), help=", ".join(ATTACKS))
    ap.add_argument("--chunked-mb", type=int, default=256)
    args = ap.parse_args()
    unknown = [a for a in args.attacks if a not in ATTACKS]
    if unknown:
        ap.error(f"unknown attack {unknown[0]!r}: choose from {', '.join(ATTACKS)}")
    token = secrets.token_urlsafe(24)
    port = free_port()
    base = f"http://{HOST}:{port}"
    env = {**os.environ, "LANGCHECK_API_TOKEN": token}
    langcheck_bin = str(Path(sys.executable).with_name("langcheck"))
    server = subprocess.Popen([langcheck_bin, "serve", "--host", HOST, "--port", str(port), "--log-level", "warning"],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_NOFILE, (1024, 4096)))
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                print("server did not start", file=sys.stderr)
                return 2
            time.sleep(0.3)
        quiet = Legit(base, token)
        with httpx.Client() as client:
            for _ in range(20):
                quiet.one(client)
        print(f"baseline: server memory {tree_rss_mib(server.pid):.0f} MiB; ordinary note p50 "
              f"{statistics.median(quiet.lat) * 1000:.0f} ms")
        for name in args.attacks:
            if server.poll() is not None:
                print(f"{name}: the server has exited ({server.returncode})")
                return 1
            ATTACKS[name](base, port, token, server.pid, *([args.chunked_mb] if name == "chunked" else []))
            time.sleep(2)
        print(f"after all: server memory {tree_rss_mib(server.pid):.0f} MiB, "
              f"{'still running' if server.poll() is None else 'EXITED'}")
    finally:
        server.terminate()
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
