"""LanguageTool-compatible endpoints: POST /v2/check and GET /v2/languages.

Point a LanguageTool client (browser extension, LTeX, an Obsidian plugin,
language_tool_python's `remote_server`) at this service and it shows langcheck's findings.
Only POST is offered for /v2/check: a GET would put the note in the URL, where proxies log it.
"""
from __future__ import annotations

import dataclasses

from fastapi import APIRouter, Depends, Form, Header, Query, Request

from langcheck import Config

from . import languagetool as lt
from .deps import basic_password, bearer, get_base_config, get_engine, token_ok, unauthorized
from .engine import Engine
from .errors import NOT_CHECKED, ServiceError
from .metrics import Metrics
from .policy import decide
from .routes_check import get_metrics, run_check
from .settings import Settings, get_settings

router = APIRouter(tags=["languagetool"])

EXAMPLE_NOTE = "Mum 😀 was aggressive. The LAC review is on Tuesday."
CHECK_EXAMPLE = {
    "software": lt.software(),
    "warnings": {"incompleteResults": False},
    "language": {**lt.LANGUAGE, "detectedLanguage": {**lt.LANGUAGE, "confidence": 1.0, "source": "langcheck"}},
    "matches": [{
        "message": "'aggressive' is a label with no reasons attached. Consider: describe what was said or done, "
                   "to whom, and the context.",
        "shortMessage": "Critical label", "replacements": [], "offset": 11, "length": 10,
        "context": {"text": "Mum 😀 was aggressive. The LAC review is on Tuesday.", "offset": 11, "length": 10},
        "sentence": "Mum 😀 was aggressive.", "type": {"typeName": "Other"},
        "rule": {"id": "L013", "subId": "aggressive", "description": "'…' is a label with no reasons attached",
                 "issueType": "style", "category": {"id": "CRITICAL_LABEL", "name": "Critical label"}},
        "ignoreForIncompleteSentence": False, "contextForSureMatch": 0}],
}


def _lt_token_ok(settings: Settings, authorization: str | None, api_key: str | None) -> bool:
    """The token as LanguageTool clients can send it: `Authorization: Bearer <token>`; the
    `apiKey` field (with `username`, as LanguageTool Premium clients such as LTeX send their
    credentials; the username is not checked); or HTTP Basic credentials whose password is the
    token (a client that can only put `user:token@` in the server's URL)."""
    presented = [bearer(authorization), basic_password(authorization), api_key]
    return any(token_ok(settings, p) for p in presented if p) or token_ok(settings, None)


def require_token_or_api_key(settings: Settings = Depends(get_settings),
                             authorization: str | None = Header(None, include_in_schema=False),
                             username: str | None = Form(None, description="LanguageTool Premium clients send "
                                                         "it with `apiKey`; any value is accepted."),
                             apiKey: str | None = Form(None, description="The API token, for LanguageTool clients "
                                                       "that send `username` and `apiKey` rather than an "
                                                       "Authorization header.")) -> None:
    if not _lt_token_ok(settings, authorization, apiKey):
        raise unauthorized()


def require_token_lt_query(settings: Settings = Depends(get_settings),
                           authorization: str | None = Header(None, include_in_schema=False),
                           username: str | None = Query(None, include_in_schema=False),
                           apiKey: str | None = Query(None, description="The API token, for LanguageTool clients "
                                                      "that cannot send a header (prefer the header: a URL may "
                                                      "be logged by a proxy).")) -> None:
    if not _lt_token_ok(settings, authorization, apiKey):
        raise unauthorized()


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in ("true", "1", "yes")


@router.post(
    "/v2/check", summary="Check text (LanguageTool API)",
    dependencies=[Depends(require_token_or_api_key)],
    responses={200: {"content": {"application/json": {"example": CHECK_EXAMPLE}}},
               400: {"description": "Neither text nor data, bad data JSON, or enabledOnly without rules",
                     "content": {"application/json": {"example": {
                         "error": "bad_request", "checked": False,
                         "message": "Send the note as 'text' or 'data'. The note was not checked. Save it anyway."}}}},
               401: {"description": "Missing or wrong token"},
               413: {"description": "Text over the size limit"},
               503: {"description": "Not checked in time: save anyway"}},
)
async def check_languagetool(
    request: Request,
    text: str | None = Form(None, description="Plain text to check.", examples=[EXAMPLE_NOTE]),
    data: str | None = Form(None, description="Annotated text: JSON {\"annotation\": [{\"text\": ...}, "
                            "{\"markup\": ..., \"interpretAs\": ...}]}. Offsets refer to text and markup together.",
                            examples=['{"annotation":[{"text":"The "},{"markup":"<b>"},{"text":"LAC review"},'
                                      '{"markup":"</b>"},{"text":" is on Tuesday."}]}']),
    language: str = Form("en-GB", description="en-GB, en or auto (langcheck checks British English).",
                         examples=["en-GB"]),
    enabledRules: str | None = Form(None, description="Comma-separated rule ids to add.", examples=["J002,L013"]),
    disabledRules: str | None = Form(None, description="Comma-separated rule ids to turn off.", examples=["R001"]),
    enabledCategories: str | None = Form(None, examples=["JARGON"]),
    disabledCategories: str | None = Form(None, examples=["READABILITY"]),
    enabledOnly: str | None = Form(None, description="true: run only the enabled rules and categories.",
                                   examples=["false"]),
    settings: Settings = Depends(get_settings), engine: Engine = Depends(get_engine),
    metrics: Metrics = Depends(get_metrics), base: Config = Depends(get_base_config),
) -> dict:
    """LanguageTool's /v2/check. Offsets and lengths are UTF-16 code units, as in LanguageTool."""
    if text is None and data is None:
        raise ServiceError(400, "bad_request", f"Send the note as 'text' or 'data'. {NOT_CHECKED}")
    try:
        ann = lt.parse_annotation(data) if text is None else lt.Annotated(text, text, None)
    except lt.AnnotationError as exc:
        raise ServiceError(400, "bad_request", f"{exc}. {NOT_CHECKED}") from None
    try:
        ann.original.encode("utf-8")
    except UnicodeEncodeError:
        raise ServiceError(400, "bad_request", f"The text contains an unpaired surrogate. {NOT_CHECKED}") from None
    lang = language.strip()
    if not (lang.lower() == "auto" or lang.lower() == "en" or lang.lower().startswith("en-")):
        # Not English: nothing for langcheck to say, and a client must not show an error for it.
        return lt.response(None, ann, engine.rules, {"name": lang, "code": lang})
    enabled_only = _flag(enabledOnly)
    if enabled_only and not (enabledRules or enabledCategories):
        raise ServiceError(400, "bad_request", "enabledOnly=true needs enabledRules or enabledCategories. "
                           f"{NOT_CHECKED}")
    if engine.rules is None:
        raise ServiceError(503, "not_ready", f"langcheck is still starting. {NOT_CHECKED}")
    select, ignore = lt.selection(engine.rules, lt.split_list(enabledRules), lt.split_list(disabledRules),
                                  lt.split_list(enabledCategories), lt.split_list(disabledCategories), enabled_only)
    config = dataclasses.replace(base, select=select or base.select, ignore=(*base.ignore, *ignore))
    report = await run_check(request, settings, engine, metrics, ann.checked, config, {})
    decision, _ = decide(report, engine.rules, settings.block_on, settings.warn_at)
    metrics.observe_check(decision, dict(report.summary.get("by_category", {})), len(ann.checked))
    return lt.response(report, ann, engine.rules)


@router.get("/v2/languages", summary="Supported languages (LanguageTool API)",
            dependencies=[Depends(require_token_lt_query)],
            responses={200: {"content": {"application/json": {"example": lt.LANGUAGES}}}})
def languages() -> list[dict]:
    """The languages langcheck checks, in LanguageTool's shape."""
    return lt.LANGUAGES
