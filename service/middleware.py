"""One ASGI middleware: request id, body-size guard, timing, metrics, a log line, headers.

The log line carries the request id, method, route template, status, body size and time;
never the body, never the query string (LanguageTool clients may put text there).
"""
from __future__ import annotations

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


class ServiceMiddleware:
    def __init__(self, app, metrics: Metrics, max_body_bytes: int):
        self.app = app
        self.metrics = metrics
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = time.perf_counter()
        headers = dict(scope.get("headers") or [])
        given = headers.get(b"x-request-id", b"").decode("latin-1")
        request_id = given if _SAFE_ID.match(given) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        status = {"code": 500, "started": False}
        size = {"bytes": 0}

        async def send_wrapper(message):
            if message["type"] == "http.response.start":
                status["code"], status["started"] = message["status"], True
                extra = [(b"x-request-id", request_id.encode()), (b"cache-control", b"no-store"),
                         (b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer")]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        async def receive_wrapper():
            message = await receive()
            if message["type"] == "http.request":
                size["bytes"] += len(message.get("body", b""))
            return message

        self.metrics.in_flight += 1
        try:
            length = headers.get(b"content-length")
            if length is not None and length.isdigit() and int(length) > self.max_body_bytes:
                # Read (and drop) what the client is sending before answering, up to a bound: a
                # server that closes with unread data makes the kernel send a reset, and the
                # client may never see the 413 (benchmarks/soak.py saw every 2 MB body reset).
                await _drain(receive, self.max_body_bytes * 4)
                await _too_large(send_wrapper, self.max_body_bytes)
            else:
                await self.app(scope, receive_wrapper, send_wrapper)
        except Exception as exc:
            # Caught here, not re-raised: the server would log the exception's message, and a
            # message may quote the note. Log its type and where it was raised only.
            frames = "".join(traceback.format_tb(exc.__traceback__, limit=-5))
            log.error("internal error id=%s type=%s\n%s", request_id, type(exc).__name__, frames)
            if not status["started"]:
                await _json(send_wrapper, 500, {"error": "internal", "checked": False, "message":
                            "langcheck failed on this request. The note was not checked. Save it anyway."})
        finally:
            self.metrics.in_flight -= 1
            elapsed = time.perf_counter() - started
            route = getattr(scope.get("route"), "path", None) or "unmatched"
            self.metrics.observe_request(route, scope["method"], status["code"], elapsed)
            if route not in HEALTH_ROUTES:
                log.info("request id=%s method=%s route=%s status=%s body_bytes=%d ms=%.1f", request_id,
                         scope["method"], route, status["code"], size["bytes"], elapsed * 1000)


async def _drain(receive, limit: int) -> None:
    drained = 0
    while drained <= limit:
        message = await receive()
        if message["type"] != "http.request":
            return
        drained += len(message.get("body", b""))
        if not message.get("more_body", False):
            return


async def _too_large(send, limit: int) -> None:
    await _json(send, 413, {"error": "too_large", "checked": False,
                            "message": f"The request body is over {limit} bytes: the note was not checked. Save it anyway."})


async def _json(send, status: int, doc: dict) -> None:
    body = json.dumps(doc).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
