"""Soak and load: `langcheck serve` on loopback, 16 clients of mixed traffic for a fixed time.

    .venv/bin/python benchmarks/soak.py                 # 60 s, 16 clients
    .venv/bin/python benchmarks/soak.py --seconds 120 --clients 16

The server is started with LANGCHECK_API_TOKEN set, on 127.0.0.1 only, and stopped at the end.
Traffic per client, each request chosen at random (weights in KINDS):
  valid       a real note (examples/, eval/heldout.jsonl) to POST /v1/check        -> 200
  lt          the same through the LanguageTool form API, POST /v2/check          -> 200
  slow        a valid note whose body is sent in 8 pieces over about 1 s          -> 200
              (the deadline, 1.5 s, counts from the request's arrival, so a body still
              arriving at 1.5 s is answered 503 by design)
  oversized   120,000 characters (over max_chars) or a 2 MB body                   -> 413
  malformed   a body that is not JSON                                              -> 400
  bad_token   a wrong bearer token                                                 -> 401
Each client waits 0-100 ms between requests (a recording system does not hammer), so the
service sees 16 concurrent connections, not a closed loop at the CPU's limit.

Prints requests served, counts by kind and status, dropped connections, p50/p95/p99 for the
valid kinds, the server's memory after warm-up and at the end (RSS of the server process, and
PSS of the server with its check processes, which share the model's pages), the service's
own counters (timeouts, checks shed, check processes replaced) and the load average.
Exits 1 if a target is missed: any 5xx, any dropped valid request, memory growth >= 10%.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import secrets
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"  # loopback only, never another address
KINDS = {"valid": 50, "lt": 8, "slow": 10, "oversized": 6, "malformed": 13, "bad_token": 13}
VALID_KINDS = ("valid", "lt", "slow")
EXPECTED = {"valid": 200, "lt": 200, "slow": 200, "oversized": 413, "malformed": 400, "bad_token": 401}


def notes() -> list[str]:
    texts = [(ROOT / "examples" / "home-visit.txt").read_text(encoding="utf-8")]
    heldout = ROOT / "eval" / "heldout.jsonl"
    if heldout.exists():
        texts += [json.loads(line)["text"] for line in heldout.read_text(encoding="utf-8").splitlines() if line.strip()]
    return texts


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def tree_pss_kb(pid: int) -> int:
    """PSS of `pid` and its descendants (a page shared by n processes counts 1/n in each)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        todo += children.get(p, [])
        try:
            total += sum(int(line.split()[1]) for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines()
                         if line.startswith("Pss:"))
        except OSError:
            pass
    return total


def counters(port: int, token: str) -> dict[str, float]:
    """The service's own counters from /metrics (those it has)."""
    head = (f"GET /metrics HTTP/1.1\r\nHost: {HOST}\r\nAuthorization: Bearer {token}\r\n"
            "Connection: close\r\n\r\n").encode()
    _, body = send(port, head, slow=False)
    names = ("langcheck_check_timeouts_total", "langcheck_checks_shed_total",
             "langcheck_check_workers_replaced_total")
    return {line.split()[0]: float(line.split()[1]) for line in body.decode().splitlines()
            if line.split(" ", 1)[0] in names}


def request_bytes(kind: str, port: int, token: str, texts: list[str], rng: random.Random) -> bytes:
    auth = f"Bearer {token if kind != 'bad_token' else 'wrong-' + token}"
    path, ctype = "/v1/check", "application/json"
    if kind in ("valid", "slow", "bad_token"):
        body = json.dumps({"text": rng.choice(texts), "meta": {"note_type": "home visit"}}).encode()
    elif kind == "lt":
        from urllib.parse import urlencode

        path, ctype = "/v2/check", "application/x-www-form-urlencoded"
        body = urlencode({"text": rng.choice(texts), "language": "en-GB"}).encode()
    elif kind == "oversized":
        size = rng.choice([120_000, 2_000_000])
        body = json.dumps({"text": ("The LAC review. " * (size // 16 + 1))[:size]}).encode()
    else:  # malformed
        body = rng.choice([b'{"text": "Mum was', b"not json at all", b'{"text": }', b"\xff\xfe{"])
    head = (f"POST {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\nAuthorization: {auth}\r\n"
            f"Content-Type: {ctype}\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode()
    return head + body


def send(port: int, data: bytes, slow: bool) -> tuple[int, bytes]:
    with socket.create_connection((HOST, port), timeout=30) as s:
        if slow:
            step = len(data) // 8 + 1
            for i in range(0, len(data), step):
                s.sendall(data[i:i + step])
                time.sleep(0.125)
        else:
            s.sendall(data)
        chunks = []
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
    raw = b"".join(chunks)
    if not raw.startswith(b"HTTP/1.1 "):
        raise ConnectionError("no HTTP response")
    head, _, body = raw.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = next((int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                   if line.lower().startswith(b"content-length:")), None)
    if length is not None and len(body) < length:
        raise ConnectionError("response cut short")
    return status, body


class Stats:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.by_kind_status: Counter = Counter()
        self.dropped: Counter = Counter()
        self.latency: dict[str, list[float]] = {k: [] for k in KINDS}
        self.unexpected: Counter = Counter()

    def record(self, kind: str, status: int | None, elapsed: float, error: str | None = None) -> None:
        with self.lock:
            if status is None:
                self.dropped[(kind, error)] += 1
                return
            self.by_kind_status[(kind, status)] += 1
            self.latency[kind].append(elapsed)
            if status != EXPECTED[kind]:
                self.unexpected[(kind, status)] += 1


def client(port: int, token: str, texts: list[str], until: float, seed: int, stats: Stats) -> None:
    rng = random.Random(seed)
    kinds, weights = zip(*KINDS.items())
    while time.monotonic() < until:
        kind = rng.choices(kinds, weights)[0]
        data = request_bytes(kind, port, token, texts, rng)
        started = time.perf_counter()
        try:
            status, _ = send(port, data, slow=kind == "slow")
            stats.record(kind, status, time.perf_counter() - started)
        except OSError as exc:  # reset, refused, timeout, cut short
            stats.record(kind, None, time.perf_counter() - started, type(exc).__name__)
        time.sleep(rng.uniform(0, 0.1))


def run(seconds: float, clients: int, stats: Stats, port: int, token: str, texts: list[str], seed: int) -> None:
    until = time.monotonic() + seconds
    threads = [threading.Thread(target=client, args=(port, token, texts, until, seed + i, stats), daemon=True)
               for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + 120)


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] * 1000


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--warmup", type=float, default=15, help="seconds of the same traffic before RSS is read")
    ap.add_argument("--timeout-seconds", type=float, default=None,
                    help="LANGCHECK_TIMEOUT_SECONDS for the server (default: the service's own, 1.5 s)")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()

    token = secrets.token_urlsafe(24)
    port = free_port()
    env = {**os.environ, "LANGCHECK_API_TOKEN": token}
    if args.timeout_seconds:
        env["LANGCHECK_TIMEOUT_SECONDS"] = str(args.timeout_seconds)
    langcheck_bin = str(Path(sys.executable).with_name("langcheck"))
    server = subprocess.Popen([langcheck_bin, "serve", "--host", HOST, "--port", str(port), "--log-level", "warning"],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                status, _ = send(port, f"GET /readyz HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n".encode(),
                                 slow=False)
                if status == 200:
                    break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                print("server did not start:", server.stderr.read() if server.stderr else "", file=sys.stderr)
                return 2
            time.sleep(0.5)
        texts = notes()
        run(args.warmup, args.clients, Stats(), port, token, texts, args.seed + 1000)
        rss_start, pss_start = rss_kb(server.pid), tree_pss_kb(server.pid)
        before = counters(port, token)
        stats = Stats()
        rss_max, pss_max = rss_start, pss_start
        done = threading.Event()

        def sample() -> None:
            nonlocal rss_max, pss_max
            while not done.wait(1.0):
                rss_max = max(rss_max, rss_kb(server.pid))
                pss_max = max(pss_max, tree_pss_kb(server.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        started = time.monotonic()
        run(args.seconds, args.clients, stats, port, token, texts, args.seed)
        elapsed = time.monotonic() - started
        done.set()
        rss_end, pss_end = rss_kb(server.pid), tree_pss_kb(server.pid)
        after = counters(port, token)
        load = os.getloadavg()
    finally:
        server.terminate()
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()

    served = sum(stats.by_kind_status.values())
    fivexx = sum(n for (k, s), n in stats.by_kind_status.items() if s >= 500)
    dropped_valid = sum(n for (k, e), n in stats.dropped.items() if k in VALID_KINDS)
    valid_lat = [x for k in VALID_KINDS for x in stats.latency[k]]
    growth = (rss_end - rss_start) / rss_start * 100
    pss_growth = (pss_end - pss_start) / pss_start * 100
    print(f"soak: {args.clients} clients, {elapsed:.0f} s after {args.warmup:.0f} s warm-up, 127.0.0.1:{port}; "
          f"load average at the end {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print(f"requests served: {served} ({served / elapsed:.1f}/s); dropped connections: {sum(stats.dropped.values())}")
    print("by kind and status:")
    for (kind, status), n in sorted(stats.by_kind_status.items()):
        print(f"  {kind:<10} {status}  {n}")
    for (kind, error), n in sorted(stats.dropped.items()):
        print(f"  {kind:<10} dropped ({error})  {n}")
    print(f"5xx: {fivexx}; unexpected statuses: {dict(stats.unexpected) or 0}")
    for kind in VALID_KINDS:
        lat = stats.latency[kind]
        print(f"latency {kind:<6} n={len(lat):<5} p50 {pct(lat, 50):7.1f} ms  p95 {pct(lat, 95):7.1f} ms  "
              f"p99 {pct(lat, 99):7.1f} ms")
    print(f"latency all valid  p50 {pct(valid_lat, 50):.1f} ms  p95 {pct(valid_lat, 95):.1f} ms  "
          f"p99 {pct(valid_lat, 99):.1f} ms")
    print(f"server RSS: {rss_start / 1024:.1f} MiB after warm-up, {rss_end / 1024:.1f} MiB at end "
          f"({growth:+.1f}%), max {rss_max / 1024:.1f} MiB")
    print(f"server and check processes, PSS: {pss_start / 1024:.1f} MiB after warm-up, {pss_end / 1024:.1f} MiB "
          f"at end ({pss_growth:+.1f}%), max {pss_max / 1024:.1f} MiB")
    print("service counters during the soak: " + (", ".join(
        f"{name.removeprefix('langcheck_')} {after[name] - before.get(name, 0):.0f}" for name in sorted(after))
        or "none"))
    ok = fivexx == 0 and dropped_valid == 0 and growth < 10 and pss_growth < 10
    print("targets (zero 5xx, zero dropped valid requests, memory growth < 10%):", "met" if ok else "MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
