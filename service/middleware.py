"""One ASGI middleware: request id, arrival time, exposure guard, body limits, timing, metrics,
a log line, headers. It runs before routing and before any body is read or parsed.

The log line carries the request id, method, route template, status, body size and time;
never the body, never the query string (LanguageTool clients may put text there).
"""
from __future__ import annotations

import asyncio
import ipaddress
import json
import logging
import re
import time
import traceback
import uuid

from .metrics import Metrics

log = logging.getLogger("langcheck.service")

_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
HEALTH_ROUTES = ("/healthz", "/readyz")


def is_loopback(host: str | None) -> bool:
    """127.0.0.0/8, ::1 (also as ::ffff:127.x) or the name localhost."""
    if host is None:
        return False
    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    mapped = getattr(address, "ipv4_mapped", None)
    return (mapped or address).is_loopback


def is_remote_client(client) -> bool:
    """A TCP peer with an IP address that is not loopback. A Unix socket (no client) or a
    test transport (a name, not an address) is on this machine."""
    if not client:
        return False
    try:
        ipaddress.ip_address(str(client[0]).strip("[]"))
    except ValueError:
        return False
    return not is_loopback(str(client[0]))


class ServiceMiddleware:
    """`max_body_bytes` bounds what is read of any body, announced or not (chunked bodies have
    no Content-Length); `body_seconds` bounds how long after its arrival a request's body may
    take to come in (the check's own deadline: a note that arrives later could not be checked in
    time anyway); `exposed_without_token` refuses every request from another machine when the
    service has no token and was not told that this is deliberate."""

    def __init__(self, app, metrics: Metrics, max_body_bytes: int, body_seconds: float = 1.5,
                 refuse_remote: bool = False):
        self.app = app
        self.metrics = metrics
        self.max_body_bytes = max_body_bytes
        self.body_seconds = body_seconds
        self.refuse_remote = refuse_remote

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        arrived = time.monotonic()
        started = time.perf_counter()
        headers = dict(scope.get("headers") or [])
        given = headers.get(b"x-request-id", b"").decode("latin-1")
        request_id = given if _SAFE_ID.match(given) else uuid.uuid4().hex
        state = scope.setdefault("state", {})
        state["request_id"] = request_id
        state["arrived"] = arrived  # the check's deadline counts from here (time.monotonic())
        status = {"code": 500, "started": False, "ours": False}
        size = {"bytes": 0, "complete": False}

        async def send_wrapper(message):
            if status["ours"]:
                return  # this middleware has answered already (413 mid-body); the app's answer is dropped
            await _send_with_headers(message)

        async def _send_with_headers(message):
            if message["type"] == "http.response.start":
                status["code"], status["started"] = message["status"], True
                extra = [(b"x-request-id", request_id.encode()), (b"cache-control", b"no-store"),
                         (b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer")]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        async def answer_instead(code: int, doc: dict, extra_headers=()) -> None:
            if not status["started"]:
                await _json(_send_with_headers, code, doc, extra_headers)
            status["ours"] = True

        async def receive_wrapper():
            if status["ours"]:
                return {"type": "http.disconnect"}
            if size["complete"]:
                return await receive()  # the body is in; the app may wait for a disconnect
            remaining = arrived + self.body_seconds - time.monotonic()
            try:
                message = await asyncio.wait_for(receive(), max(remaining, 0.001))
            except asyncio.TimeoutError:
                await answer_instead(503, {"error": "timeout", "checked": False, "message":
                                           f"The request body did not arrive within {self.body_seconds:g} s. "
                                           "The note was not checked. Save it anyway."}, [(b"retry-after", b"1")])
                return {"type": "http.disconnect"}
            if message["type"] == "http.request":
                size["bytes"] += len(message.get("body", b""))
                if size["bytes"] > self.max_body_bytes:
                    # No Content-Length (chunked), or one that understated the body: stop here,
                    # before anything is parsed. The app sees a disconnect and its answer is dropped.
                    await _drain(receive, self.max_body_bytes * 4, arrived + self.body_seconds)
                    await answer_instead(413, _too_large_doc(self.max_body_bytes))
                    return {"type": "http.disconnect"}
                size["complete"] = not message.get("more_body", False)
            return message

        self.metrics.in_flight += 1
        try:
            length = headers.get(b"content-length")
            if self.refuse_remote and is_remote_client(scope.get("client")) and scope["path"] not in HEALTH_ROUTES:
                await _json(_send_with_headers, 403, {
                    "error": "exposed_without_token", "checked": False,
                    "message": "This langcheck service has no API token, so it answers only on this machine. "
                               "Set LANGCHECK_API_TOKEN (or LANGCHECK_ALLOW_PUBLIC_WITHOUT_TOKEN=true to accept "
                               "the risk). The note was not checked. Save it anyway."})
            elif length is not None and length.isdigit() and int(length) > self.max_body_bytes:
                # Read (and drop) what the client is sending before answering, up to a bound: a
                # server that closes with unread data makes the kernel send a reset, and the
                # client may never see the 413 (benchmarks/soak.py saw every 2 MB body reset).
                await _drain(receive, self.max_body_bytes * 4, arrived + self.body_seconds)
                await _json(_send_with_headers, 413, _too_large_doc(self.max_body_bytes))
            else:
                await self.app(scope, receive_wrapper, send_wrapper)
        except Exception as exc:
            if status["ours"]:  # answered here (413, 503) and the app stopped reading: nothing went wrong
                return
            # Caught here, not re-raised: the server would log the exception's message, and a
            # message may quote the note. Log its type and where it was raised only.
            frames = "".join(traceback.format_tb(exc.__traceback__, limit=-5))
            log.error("internal error id=%s type=%s\n%s", request_id, type(exc).__name__, frames)
            if not status["started"]:
                await _json(_send_with_headers, 500, {"error": "internal", "checked": False, "message":
                            "langcheck failed on this request. The note was not checked. Save it anyway."})
        finally:
            self.metrics.in_flight -= 1
            elapsed = time.perf_counter() - started
            route = getattr(scope.get("route"), "path", None) or "unmatched"
            self.metrics.observe_request(route, scope["method"], status["code"], elapsed)
            if route not in HEALTH_ROUTES:
                log.info("request id=%s method=%s route=%s status=%s body_bytes=%d ms=%.1f", request_id,
                         self.metrics.method_label(scope["method"]), route, status["code"], size["bytes"],
                         elapsed * 1000)


async def _drain(receive, limit: int, until: float) -> None:
    drained = 0
    while drained <= limit:
        try:
            message = await asyncio.wait_for(receive(), max(until - time.monotonic(), 0.001))
        except asyncio.TimeoutError:
            return
        if message["type"] != "http.request":
            return
        drained += len(message.get("body", b""))
        if not message.get("more_body", False):
            return


def _too_large_doc(limit: int) -> dict:
    return {"error": "too_large", "checked": False,
            "message": f"The request body is over {limit} bytes: the note was not checked. Save it anyway."}


async def _json(send, status: int, doc: dict, extra_headers=()) -> None:
    body = json.dumps(doc).encode()
    if status in (413, 503):  # the rest of the body is not wanted: the server closes the connection
        extra_headers = [*extra_headers, (b"connection", b"close")]
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            *extra_headers]})
    await send({"type": "http.response.body", "body": body})
