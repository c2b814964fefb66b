"""Prometheus text exposition, written by hand: counts and timings only, never note text.

Labels are fixed route templates (never the raw path), the standard methods (any other
method is counted as "other": a request line may carry any token as its method, and 2,000
made-up methods made 2,000 series), statuses, decisions and categories, so nothing a caller
sends can become a label.
"""
from __future__ import annotations

import threading
from collections import defaultdict

BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 1.5, 2.0, 5.0, 10.0)


METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT"})


class Metrics:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.requests: dict[tuple[str, str, str], int] = defaultdict(int)
        self.latency: dict[str, list[int]] = {}
        self.latency_sum: dict[str, float] = defaultdict(float)
        self.latency_count: dict[str, int] = defaultdict(int)
        self.decisions: dict[str, int] = defaultdict(int)
        self.findings: dict[str, int] = defaultdict(int)
        self.timeouts = 0
        self.characters = 0
        self.in_flight = 0
        self.model_ready = 0
        self.workers_replaced = 0
        self.shed = 0
        self.late = 0

    def copy_engine_counters(self, engine) -> None:
        """The check processes' counters, kept by the engine (service/engine.py)."""
        self.workers_replaced, self.shed, self.late = engine.replaced, engine.shed, engine.late

    @staticmethod
    def method_label(method: str) -> str:
        return method if method in METHODS else "other"

    def observe_request(self, route: str, method: str, status: int, seconds: float) -> None:
        with self._lock:
            self.requests[(route, self.method_label(method), str(status))] += 1
            buckets = self.latency.setdefault(route, [0] * len(BUCKETS))
            for i, bound in enumerate(BUCKETS):
                if seconds <= bound:
                    buckets[i] += 1
            self.latency_sum[route] += seconds
            self.latency_count[route] += 1

    def observe_check(self, decision: str, by_category: dict[str, int], characters: int) -> None:
        with self._lock:
            self.decisions[decision] += 1
            self.characters += characters
            for category, n in by_category.items():
                self.findings[category] += n

    def observe_timeout(self) -> None:
        with self._lock:
            self.timeouts += 1

    def render(self) -> str:
        with self._lock:
            out = [
                "# HELP langcheck_http_requests_total HTTP requests by route template, method and status.",
                "# TYPE langcheck_http_requests_total counter",
            ]
            for (route, method, status), n in sorted(self.requests.items()):
                out.append(f'langcheck_http_requests_total{{route="{route}",method="{method}",status="{status}"}} {n}')
            out += ["# HELP langcheck_http_request_duration_seconds Time to answer, by route template.",
                    "# TYPE langcheck_http_request_duration_seconds histogram"]
            for route, buckets in sorted(self.latency.items()):
                for bound, n in zip(BUCKETS, buckets):
                    out.append(f'langcheck_http_request_duration_seconds_bucket{{route="{route}",le="{bound}"}} {n}')
                count = self.latency_count[route]
                out.append(f'langcheck_http_request_duration_seconds_bucket{{route="{route}",le="+Inf"}} {count}')
                out.append(f'langcheck_http_request_duration_seconds_sum{{route="{route}"}} {self.latency_sum[route]:.6f}')
                out.append(f'langcheck_http_request_duration_seconds_count{{route="{route}"}} {count}')
            out += ["# HELP langcheck_checks_total Notes checked, by decision.",
                    "# TYPE langcheck_checks_total counter"]
            for decision, n in sorted(self.decisions.items()):
                out.append(f'langcheck_checks_total{{decision="{decision}"}} {n}')
            out += ["# HELP langcheck_findings_total Findings reported, by category.",
                    "# TYPE langcheck_findings_total counter"]
            for category, n in sorted(self.findings.items()):
                out.append(f'langcheck_findings_total{{category="{category}"}} {n}')
            out += ["# HELP langcheck_check_timeouts_total Checks abandoned at the service's time limit (answered 503).",
                    "# TYPE langcheck_check_timeouts_total counter",
                    f"langcheck_check_timeouts_total {self.timeouts}",
                    "# HELP langcheck_checked_characters_total Characters of notes checked.",
                    "# TYPE langcheck_checked_characters_total counter",
                    f"langcheck_checked_characters_total {self.characters}",
                    "# HELP langcheck_requests_in_flight Requests being answered now.",
                    "# TYPE langcheck_requests_in_flight gauge",
                    f"langcheck_requests_in_flight {self.in_flight}",
                    "# HELP langcheck_check_workers_replaced_total Check worker processes killed past the deadline "
                    "(or found dead) and started again.",
                    "# TYPE langcheck_check_workers_replaced_total counter",
                    f"langcheck_check_workers_replaced_total {self.workers_replaced}",
                    "# HELP langcheck_checks_shed_total Checks answered 503 at once: the notes queued ahead "
                    "could not all be checked before this one's deadline.",
                    "# TYPE langcheck_checks_shed_total counter",
                    f"langcheck_checks_shed_total {self.shed}",
                    "# HELP langcheck_checks_finished_late_total Checks answered 503 at the deadline that their "
                    "check process finished afterwards (the answer dropped, the process kept).",
                    "# TYPE langcheck_checks_finished_late_total counter",
                    f"langcheck_checks_finished_late_total {self.late}",
                    "# HELP langcheck_model_ready 1 when the spaCy pipeline is loaded.",
                    "# TYPE langcheck_model_ready gauge",
                    f"langcheck_model_ready {self.model_ready}"]
            return "\n".join(out) + "\n"
