"""GET /: the practitioners' page, one self-contained HTML file shipped in the package.

It is static (no note, no data), so it needs no token; when one is set, the page asks for it
and sends it with each check.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

router = APIRouter(tags=["page"])

# Inline script and style only; the page may talk to this service and nothing else.
CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; "
       "img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")


@lru_cache(maxsize=1)
def page() -> str:
    return resources.files("langcheck.service").joinpath("static/index.html").read_text(encoding="utf-8")


@router.get("/", response_class=HTMLResponse, summary="The checking page",
            responses={200: {"content": {"text/html": {"example": "<!doctype html><html lang=\"en-GB\">…</html>"}}}})
def index() -> HTMLResponse:
    """Paste a note, see findings highlighted in place, accept safe fixes, copy the result."""
    return HTMLResponse(page(), headers={"Content-Security-Policy": CSP})
