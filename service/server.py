"""uvicorn's HTTP/1.1 protocol with the two limits it lacks: a header timeout and a connection cap.

uvicorn arms its keep-alive timer only after a response, so a connection that never sends a
byte (or sends a header one byte at a time) is held for ever; 1,100 such sockets used up the
server's 1,024 file descriptors and no one could connect for over 70 s. Here:

- a connection must deliver a complete request head within HEADER_TIMEOUT seconds of opening,
  or of the previous response, or it is closed (as nginx's client_header_timeout); the body's
  own deadline is ServiceMiddleware's;
- at most `limit_concurrency` connections are kept: when a new one would reach the limit, the
  connection that has waited longest without sending a complete request head is closed to make
  room, so silent sockets can only push each other out, never a client that is talking.

h11's own limit on a request head (16 KiB) and uvicorn's `limit_concurrency` (503 once that
many requests are in progress) still apply. `langcheck serve` uses this class; with uvicorn
directly: `uvicorn langcheck.service.main:app --http langcheck.service.server:GuardedH11Protocol
--limit-concurrency 256`.
"""
from __future__ import annotations

import time

from uvicorn.protocols.http.h11_impl import H11Protocol

HEADER_TIMEOUT = 10.0
DEFAULT_MAX_CONNECTIONS = 256


class GuardedH11Protocol(H11Protocol):
    def connection_made(self, transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._waiting_since = time.monotonic()
        self._header_timer = None
        self._arm_header_timer()
        limit = self.limit_concurrency or DEFAULT_MAX_CONNECTIONS
        if len(self.connections) >= limit:
            self._make_room()

    def _waiting(self) -> bool:
        """No request in progress: waiting for a request head (new, or kept alive)."""
        return self.cycle is None or self.cycle.response_complete

    def _make_room(self) -> None:
        idle = [c for c in self.connections if c is not self and isinstance(c, GuardedH11Protocol) and c._waiting()
                and not c.transport.is_closing()]
        if idle:
            min(idle, key=lambda c: c._waiting_since)._close()

    def _arm_header_timer(self) -> None:
        self._cancel_header_timer()
        self._waiting_since = time.monotonic()
        self._header_timer = self.loop.call_later(HEADER_TIMEOUT, self._header_timeout)

    def _cancel_header_timer(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _header_timeout(self) -> None:
        self._header_timer = None
        if self._waiting():
            self._close()

    def _close(self) -> None:
        self._cancel_header_timer()
        # Out of the count now, not when the transport gets round to closing: uvicorn answers 503
        # to every request while len(connections) >= limit_concurrency.
        self.connections.discard(self)
        if not self.transport.is_closing():
            self.transport.abort()

    def data_received(self, data: bytes) -> None:
        cycle = self.cycle
        super().data_received(data)
        if self.cycle is not cycle and not self._waiting():
            self._cancel_header_timer()  # a complete request head arrived

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if self.transport.is_closing():
            return
        if self._waiting():
            self._arm_header_timer()  # the next request's head must come within the limit too

    def connection_lost(self, exc) -> None:
        self._cancel_header_timer()
        super().connection_lost(exc)
