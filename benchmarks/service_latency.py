#!/usr/bin/env python3
"""Latency of POST /v1/check on loopback, next to bare `nlp(text)` for the same note.

    python benchmarks/service_latency.py [--requests 200] [--workers 1] [--port 0]

Starts `langcheck serve` as a subprocess on a free loopback port, sends a 300-word case note
with 1 and with 8 concurrent clients (httpx, keep-alive, one connection per client), and prints
p50/p95/p99 per concurrency, with the errors counted. Then times, in this process:

  * bare `nlp(text)`: `spacy.load(model, exclude=["ner"])`, the same components langcheck runs
    its checks on, without langcheck's own components;
  * the full pipeline `nlp(text)` langcheck builds (with its matcher and context components);
  * `langcheck.check(text)` in-process (pipeline + note-level checks), i.e. the service minus HTTP.

Target (issue 5): p50 at 1 client under 1.5x bare nlp(text); no errors at 8 clients.
"""
from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

WORDS = (
    "Home visit to Sam (8) and Ellie (5) at the family home. Mum opened the door and said she had been "
    "expecting me. The lounge was tidy and warm, and there was food in the fridge. Sam showed me his room "
    "and said, \"I like my new bed because it is near the window.\" Ellie was drawing at the table and "
    "told me she wanted to show her picture to her teacher. Mum said the children had been going to "
    "school on time every day this week, and the school confirmed that attendance is now 96%. Mum was "
    "aggressive on the phone last week when the LAC review was moved, and she said she felt nobody "
    "listened to her. We talked about how the review will now be on Tuesday at 10am, and Mum agreed to "
    "attend with her sister for support. Dad was not present; Mum said he is working away until Friday "
    "and will ring me when he is back. Mum appeared to be managing well, although she said money is "
    "tight since her hours were cut. I gave her the number for the local food bank and the family "
    "support worker will visit on Thursday to help with a benefits check. Sam said he worries when Mum "
    "is sad, and we used the three houses tool to talk about what is going well at home. Sam put his "
    "football team, his friends and his bedroom in the house of good things. Ellie said her worry was "
    "the dog next door barking at night. Next steps: I will see the children at school in two weeks, "
    "the family support worker will visit on Thursday, and Mum will call me if anything changes before "
    "the review. Mum thanked me for listening and said she would like the next visit to be after school "
    "so that the children can be there."
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    k = (len(values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def run_clients(url: str, text: str, clients: int, total: int) -> tuple[list[float], int]:
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    per_client = max(1, total // clients)

    def client() -> None:
        with httpx.Client(timeout=30) as http:
            for _ in range(per_client):
                started = time.perf_counter()
                try:
                    r = http.post(url, json={"text": text})
                    ok = r.status_code == 200
                except httpx.HTTPError:
                    ok = False
                elapsed = time.perf_counter() - started
                with lock:
                    latencies.append(elapsed)
                    errors[0] += 0 if ok else 1

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, errors[0]


def wait_ready(base: str, proc: subprocess.Popen, seconds: float) -> bool:
    """Poll /readyz until the model is loaded; False if the server died or took too long."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                return True
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    return False


def time_call(fn, repeat: int) -> float:
    fn()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=200, help="requests per concurrency level")
    parser.add_argument("--workers", type=int, default=1, help="langcheck serve --workers")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()

    text = WORDS
    port = args.port or free_port()
    env = {k: v for k, v in os.environ.items() if k != "LANGCHECK_API_TOKEN"}
    env.setdefault("LANGCHECK_TIMEOUT_SECONDS", "30")  # measure latency, not the deadline
    # The installed script, not `python -m`: that would put the working folder first on the
    # import path, and a run from another checkout would serve that checkout's code.
    proc = subprocess.Popen([str(Path(sys.executable).with_name("langcheck")), "serve", "--port", str(port),
                             "--workers", str(args.workers), "--log-level", "warning"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        if not wait_ready(base, proc, 120):
            sys.exit("server did not start")
        print(f"note: {len(text.split())} words, {len(text)} characters; server workers: {args.workers}; "
              f"CPUs: {os.cpu_count()}")
        run_clients(f"{base}/v1/check", text, 2, 10)  # warm up
        rows = []
        for clients in (1, 8):
            lat, errors = run_clients(f"{base}/v1/check", text, clients, args.requests)
            rows.append((clients, lat, errors))
    finally:
        proc.terminate()
        proc.wait(timeout=10)

    import spacy

    import langcheck
    from langcheck.model import get_pipeline, resolve_model

    model = resolve_model(None)
    full, _ = get_pipeline(None)  # first: it applies langcheck's BLAS choice, which bare then shares
    bare = spacy.load(model, exclude=["ner"])
    bare_s = time_call(lambda: bare(text), 30)
    full_s = time_call(lambda: full(text), 30)
    check_s = time_call(lambda: langcheck.check(text), 30)
    print(f"bare nlp(text) ({model}, no ner): {bare_s * 1000:.1f} ms   langcheck pipeline nlp(text): "
          f"{full_s * 1000:.1f} ms   langcheck.check(text) in-process: {check_s * 1000:.1f} ms")
    print(f"{'clients':>7} {'requests':>8} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'p50/bare':>8}")
    for clients, lat, errors in rows:
        p50 = pct(lat, 50)
        print(f"{clients:>7} {len(lat):>8} {errors:>6} {p50 * 1000:>8.1f} {pct(lat, 95) * 1000:>8.1f} "
              f"{pct(lat, 99) * 1000:>8.1f} {p50 / bare_s:>8.2f}x")


if __name__ == "__main__":
    main()
