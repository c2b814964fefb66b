"""POST /v1/check: the pre-save hook a recording system calls."""
from __future__ import annotations

import logging
import time

from fastapi import APIRouter, Body, Depends, Request

import langcheck
from langcheck import Config

from langcheck.contract import report_dict

from .deps import get_engine, require_token
from .engine import CheckTimeout, Engine, WorkerDied
from .errors import NOT_CHECKED, ServiceError
from .metrics import Metrics
from .policy import decide
from .schemas import EXAMPLE_NOTE, RESPONSE_EXAMPLE, TIMEOUT_EXAMPLE, CheckRequest, CheckResponse, ErrorOut
from .settings import Settings, get_settings

log = logging.getLogger("langcheck.service")
router = APIRouter(dependencies=[Depends(require_token)], tags=["check"])

REQUEST_EXAMPLES = {
    "note": {"summary": "A home-visit note with its metadata", "value": {
        "text": EXAMPLE_NOTE,
        "meta": {"children": ["Sam"], "note_type": "home visit", "activity_date": "2024-03-04",
                 "recorded_date": "2024-03-12"}}},
    "minimal": {"summary": "Text only", "value": {"text": "The LAC review is on Tuesday."}},
    "config": {"summary": "Only jargon, at warning or above", "value": {
        "text": "The LAC review is on Tuesday.", "config": {"select": ["jargon"], "min_severity": "warning"}}},
}


def get_metrics(request: Request) -> Metrics:
    return request.app.state.metrics


def build_config(settings: Settings, engine: Engine, body: CheckRequest) -> Config:
    base = settings.base_config()
    c = body.config
    select = tuple(c.select) if c.select is not None else base.select
    ignore = tuple(c.ignore) if c.ignore is not None else base.ignore
    unknown = engine.rules.unknown_selectors([*select, *ignore, *(c.severities or {})]) if engine.rules else []
    if unknown:
        raise ServiceError(422, "invalid_request", f"config: unknown rule or category {unknown[0]!r}. "
                           f"{NOT_CHECKED}")
    return Config(model=base.model, select=select, ignore=ignore,
                  min_severity=c.min_severity or base.min_severity,
                  severities=c.severities or {},
                  max_reading_grade=c.max_reading_grade if c.max_reading_grade is not None else base.max_reading_grade)


def cli_shape(text: str, report: langcheck.Report) -> dict:
    """Findings and summary exactly as `langcheck --format json` writes them (one contract)."""
    entry = report_dict(text, report)
    return {"findings": entry["findings"], "summary": entry["summary"]}


async def run_check(request: Request, settings: Settings, engine: Engine, metrics: Metrics, text: str,
                    config: Config, meta: dict) -> langcheck.Report:
    """Size limit, deadline and logging shared by /v1/check and /v2/check. The deadline counts
    from the request's arrival (set by ServiceMiddleware), so time spent receiving the body and
    waiting for a free checker is part of it, as it is of the caller's own deadline."""
    if len(text) > settings.max_chars:
        raise ServiceError(413, "too_large", f"The note has {len(text)} characters; the limit is "
                           f"{settings.max_chars}. {NOT_CHECKED}", characters=len(text), max_chars=settings.max_chars)
    if not engine.ready:
        raise ServiceError(503, "not_ready", f"langcheck is still starting. {NOT_CHECKED}")
    started = time.perf_counter()
    arrived = getattr(request.state, "arrived", None) or time.monotonic()
    request_id = getattr(request.state, "request_id", "-")
    try:
        report = await engine.check(text, config, meta, arrived + settings.timeout_seconds)
    except CheckTimeout:
        metrics.observe_timeout()
        log.warning("check timeout id=%s chars=%d limit_s=%.2f", request_id, len(text), settings.timeout_seconds)
        raise ServiceError(503, "timeout", f"langcheck did not finish within {settings.timeout_seconds:g} s. "
                           f"{NOT_CHECKED}", headers={"Retry-After": "1"}) from None
    except WorkerDied:
        log.error("check worker died id=%s chars=%d", request_id, len(text))
        raise ServiceError(503, "not_checked", f"langcheck's checker stopped while checking this note. "
                           f"{NOT_CHECKED}", headers={"Retry-After": "1"}) from None
    finally:
        metrics.workers_replaced, metrics.shed = engine.replaced, engine.shed
    log.info("check id=%s chars=%d findings=%d categories=%s ms=%.1f", request_id, len(text), len(report.findings),
             ",".join(f"{k}:{v}" for k, v in report.summary.get("by_category", {}).items()) or "-",
             (time.perf_counter() - started) * 1000)
    return report


@router.post(
    "/v1/check", response_model=CheckResponse, summary="Check a note before it is saved",
    responses={
        200: {"content": {"application/json": {"example": RESPONSE_EXAMPLE}}},
        400: {"model": ErrorOut, "description": "Malformed JSON", "content": {"application/json": {"example": {
            "error": "malformed_json", "checked": False,
            "message": "The request body is not valid JSON (Expecting value at character 9). "
                       "The note was not checked. Save it anyway."}}}},
        401: {"model": ErrorOut, "description": "Missing or wrong token", "content": {"application/json": {
            "example": {"error": "unauthorized", "checked": False,
                        "message": "Send the API token as 'Authorization: Bearer <token>'."}}}},
        413: {"model": ErrorOut, "description": "Note over the size limit", "content": {"application/json": {
            "example": {"error": "too_large", "checked": False, "characters": 120000, "max_chars": 100000,
                        "message": "The note has 120000 characters; the limit is 100000. "
                                   "The note was not checked. Save it anyway."}}}},
        422: {"model": ErrorOut, "description": "Valid JSON, wrong shape", "content": {"application/json": {
            "example": {"error": "invalid_request", "checked": False,
                        "message": "The request is not valid: text: Field required.",
                        "problems": [{"field": "text", "problem": "Field required"}]}}}},
        503: {"model": ErrorOut, "description": "Not checked in time (or still starting): save anyway",
              "content": {"application/json": {"example": TIMEOUT_EXAMPLE}}},
    },
)
async def check_note(request: Request, body: CheckRequest = Body(..., openapi_examples=REQUEST_EXAMPLES),
               settings: Settings = Depends(get_settings), engine: Engine = Depends(get_engine),
               metrics: Metrics = Depends(get_metrics)) -> dict:
    """Findings, summary and a decision for one note. The caller's own deadline should be about
    2 s; on any error, timeout or 5xx, save the note anyway (fail open)."""
    config = build_config(settings, engine, body)
    meta = body.meta.model_dump(exclude_none=True)
    report = await run_check(request, settings, engine, metrics, body.text, config, meta)
    decision, blocking = decide(report, settings.block_on, settings.warn_at)
    metrics.observe_check(decision, dict(report.summary.get("by_category", {})), len(body.text))
    return {"checked": True, "decision": decision, "blocking": blocking, **cli_shape(body.text, report),
            "tool": {"name": "langcheck", "version": langcheck.__version__},
            "request_id": getattr(request.state, "request_id", "-")}
