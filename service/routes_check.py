"""POST /v1/check: the pre-save hook a recording system calls."""
from __future__ import annotations

import dataclasses
import logging
import time

from fastapi import APIRouter, Body, Depends, Request

import langcheck
from langcheck import Config, RuleSet
from langcheck.baseline import without_known
from langcheck.contract import report_dict
from langcheck.settings import SettingsError, resolve_severities

from .deps import get_base_config, get_engine, require_token
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
    "dismissed": {"summary": "A finding the writer dismissed on an earlier save", "value": {
        "text": EXAMPLE_NOTE, "meta": {"children": ["Sam"]}, "dismissed": ["L013:eb6ebc6fc47ee62b"]}},
}


def get_metrics(request: Request) -> Metrics:
    return request.app.state.metrics


def build_config(base: Config, rules: RuleSet | None, body: CheckRequest) -> Config:
    """The organisation's Config with the request's own choices on top (selection replaces,
    severities add), checked against the rules the same way as the CLI's."""
    c = body.config
    select = tuple(c.select) if c.select is not None else base.select
    extend = tuple(c.extend_select) if c.extend_select is not None else base.extend_select
    ignore = tuple(c.ignore) if c.ignore is not None else base.ignore
    severities = dict(base.severities)
    if rules is not None:
        unknown = rules.unknown_selectors([*select, *extend, *ignore])
        if unknown:
            raise ServiceError(422, "invalid_request", f"config: unknown rule or category {unknown[0]!r}. "
                               f"{NOT_CHECKED}")
        try:
            severities.update(resolve_severities(rules, c.severities or {}))
        except SettingsError as exc:
            raise ServiceError(422, "invalid_request", f"config: unknown rule or category: {exc}. {NOT_CHECKED}") \
                from None
    return dataclasses.replace(
        base, select=select, extend_select=extend, ignore=ignore, severities=severities,
        min_severity=c.min_severity or base.min_severity,
        max_reading_grade=c.max_reading_grade if c.max_reading_grade is not None else base.max_reading_grade)


def cli_shape(text: str, report: langcheck.Report) -> dict:
    """Findings and summary exactly as `langcheck --format json` writes them (one contract)."""
    entry = report_dict(text, report)
    return {"findings": entry["findings"], "summary": entry["summary"]}


async def run_check(request: Request, settings: Settings, engine: Engine, metrics: Metrics, text: str,
                    config: Config, meta: dict) -> langcheck.Report:
    """Size limit, deadline and logging shared by /v1/check and /v2/check. The deadline counts
    from the request's arrival (set by ServiceMiddleware), so time spent receiving the body and
    waiting for a free checker is part of it, as it is of the caller's own deadline. A check
    still running at the deadline is answered 503 then; its process may finish it within one
    more deadline (and is kept), and is killed and replaced if it has not (service/engine.py)."""
    if len(text) > settings.max_chars:
        raise ServiceError(413, "too_large", f"The note has {len(text)} characters; the limit is "
                           f"{settings.max_chars}. {NOT_CHECKED}", characters=len(text), max_chars=settings.max_chars)
    if not engine.ready:
        raise ServiceError(503, "not_ready", f"langcheck is still starting. {NOT_CHECKED}")
    started = time.perf_counter()
    arrived = getattr(request.state, "arrived", None) or time.monotonic()
    request_id = getattr(request.state, "request_id", "-")
    try:
        deadline = arrived + settings.timeout_seconds
        report = await engine.check(text, config, meta, deadline, kill_at=deadline + settings.timeout_seconds)
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
        metrics.copy_engine_counters(engine)
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
                        "message": "The request is not valid: text: Field required. "
                                   "The note was not checked. Save it anyway.",
                        "problems": [{"field": "text", "problem": "Field required"}]}}}},
        503: {"model": ErrorOut, "description": "Not checked in time (or still starting): save anyway",
              "content": {"application/json": {"example": TIMEOUT_EXAMPLE}}},
    },
)
async def check_note(request: Request, body: CheckRequest = Body(..., openapi_examples=REQUEST_EXAMPLES),
                     settings: Settings = Depends(get_settings), engine: Engine = Depends(get_engine),
                     metrics: Metrics = Depends(get_metrics), base: Config = Depends(get_base_config)) -> dict:
    """Findings, summary and a decision for one note. The caller's own deadline should be about
    2 s; on any error, timeout or 5xx, save the note anyway (fail open).

    `fingerprints[i]` identifies `findings[i]` by its rule and the words around it. A finding the
    writer dismisses is kept out of later answers when the recording system stores its
    fingerprint with the note and sends it back in `dismissed`: it is then neither listed nor
    counted for the decision (`dismissed` in the answer lists the ones that matched)."""
    config = build_config(base, engine.rules, body)
    meta = body.meta.model_dump(exclude_none=True)
    report = await run_check(request, settings, engine, metrics, body.text, config, meta)
    report, prints, dismissed = without_known(body.text, report, body.dismissed)
    decision, blocking = decide(report, engine.rules, settings.block_on, settings.warn_at)
    metrics.observe_check(decision, dict(report.summary.get("by_category", {})), len(body.text))
    return {"checked": True, "decision": decision, "blocking": blocking, **cli_shape(body.text, report),
            "fingerprints": prints, "dismissed": dismissed,
            "tool": {"name": "langcheck", "version": langcheck.__version__},
            "request_id": getattr(request.state, "request_id", "-")}
