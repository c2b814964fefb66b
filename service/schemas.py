"""Request and response models of /v1/check, with the examples the OpenAPI page shows."""
from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

EXAMPLE_NOTE = ("Home visit to Sam (8). Mum was aggressive when I arrived. "
                "The LAC review is on Tuesday.")


def _no_lone_surrogates(value: str) -> str:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("contains an unpaired UTF-16 surrogate: send valid Unicode text") from None
    return value


class Meta(BaseModel):
    """What the recording system knows about the note."""

    model_config = ConfigDict(extra="ignore")
    children: list[str] = Field(default_factory=list, description="Names of the children the note is about.",
                                max_length=50)
    note_type: str | None = Field(None, description="The note's type in the recording system, e.g. 'home visit'.",
                                  max_length=200)
    activity_date: date | None = Field(None, description="When the visit, call or meeting happened (ISO date).")
    recorded_date: date | None = Field(None, description="When the note is recorded; default: today.")

    @field_validator("activity_date", "recorded_date", mode="before")
    @classmethod
    def _iso_date(cls, value):
        # The schema says an ISO date string; pydantic's lax mode also took a number as a Unix
        # time (found by tests/test_api_fuzz.py).
        if value is not None and not isinstance(value, (str, date)):
            raise ValueError("expected an ISO date such as 2024-03-04")
        return value

    @field_validator("children")
    @classmethod
    def _names(cls, value: list[str]) -> list[str]:
        return [_no_lone_surrogates(v)[:200] for v in value]


# A finding's fingerprint, "RULE:hash" (langcheck.baseline.fingerprint).
Fingerprint = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9]+:[0-9a-f]+$")]


class CheckConfig(BaseModel):
    """Per-request choices; the organisation's defaults come from the service settings."""

    model_config = ConfigDict(extra="forbid")
    select: list[str] | None = Field(None, description="Rule ids, id prefixes, names or categories to run "
                                     "(replaces the default set).", max_length=500)
    extend_select: list[str] | None = Field(None, description="Rules to run as well as the selected ones "
                                            "(replaces the organisation's extend-select).", max_length=500)
    ignore: list[str] | None = Field(None, description="Rules or categories not to run.", max_length=500)
    min_severity: Literal["info", "warning", "error"] | None = None
    severities: dict[str, Literal["info", "warning", "error"]] | None = Field(
        None, description="Severity overrides by rule id or category.")
    # strict: pydantic's lax mode took `false` as 0.0, a schema-violating request checked as if
    # valid (found by tests/test_api_fuzz.py). Strict floats still accept integers.
    max_reading_grade: float | None = Field(None, ge=0, le=30, strict=True)


class CheckRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "text": EXAMPLE_NOTE,
        "meta": {"children": ["Sam"], "note_type": "home visit", "activity_date": "2024-03-04",
                 "recorded_date": "2024-03-12"},
        "config": {"ignore": ["readability"]},
    }]})
    text: str = Field(..., description="The note, as the practitioner wrote it.")
    meta: Meta = Field(default_factory=Meta)
    config: CheckConfig = Field(default_factory=CheckConfig)
    dismissed: list[Fingerprint] = Field(
        default_factory=list, max_length=1000,
        description="Fingerprints (from an earlier answer's `fingerprints`) of findings the writer dismissed, "
                    "kept by the recording system with the note: they are not returned again and never block.")

    @field_validator("text")
    @classmethod
    def _text(cls, value: str) -> str:
        return _no_lone_surrogates(value)


class ReplacementOut(BaseModel):
    start: int = Field(description="Character (code point) offset where the replacement starts.")
    end: int = Field(description="Offset where it ends (exclusive): the finding's range, or a little wider "
                                 "when an article in front changes with it.")
    text: str


class FindingOut(BaseModel):
    rule: str
    name: str
    category: str
    severity: Literal["info", "warning", "error"]
    start: int | None = Field(description="Character (code point) offset into text; null for a note-level finding.")
    end: int | None
    text: str | None
    message: str
    suggestions: list[str]
    why: str
    source: list[str]
    context: list[str]
    fix: str | None = Field(description="The lexicon's safe fix (jargon only), set where it fits this sentence; "
                                        "--fix applies the first of replacements.")
    replacements: list[ReplacementOut] = Field(default_factory=list, description=(
        "Literal replacements that keep the sentence grammatical, for one click: put text at [start, end). "
        "Empty where only the writer can reword it; suggestions are then advice."))
    line: int | None = Field(None, description="1-based line of start, as in the CLI's JSON.")
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None


class CheckResponse(BaseModel):
    checked: Literal[True] = True
    decision: Literal["pass", "warn", "block"] = Field(description="pass: save. warn: show the findings, "
                                                       "let the writer save. block: ask the writer to revise first.")
    blocking: list[str] = Field(description="Rule ids that caused a block (empty unless decision is block).")
    findings: list[FindingOut]
    summary: dict[str, Any]
    fingerprints: list[str] = Field(description="fingerprints[i] identifies findings[i] by its rule and the words "
                                    "around it; send it back in `dismissed` to dismiss that finding.")
    dismissed: list[str] = Field(description="The request's `dismissed` fingerprints that matched a finding "
                                 "(left out of `findings` and of the decision).")
    tool: dict[str, str]
    request_id: str


class ErrorOut(BaseModel):
    error: str
    message: str
    checked: Literal[False] = False


RESPONSE_EXAMPLE = {
    "checked": True, "decision": "warn", "blocking": [],
    "findings": [{
        "rule": "J002", "name": "lac-review", "category": "jargon", "severity": "warning", "start": 63,
        "end": 73, "text": "LAC review",
        "message": "'LAC review' names the meeting after the child's care status.",
        "suggestions": ["[name]'s review", "my review meeting"],
        "why": "Young people have asked for their review to carry their own name.",
        "source": ["Surrey Youth Voice, Preferred terminology for care-experienced young people"],
        "context": [], "fix": "child in care review",
        "replacements": [{"start": 63, "end": 73, "text": "child in care review"}]}],
    "summary": {"characters": 92, "findings": 1, "by_category": {"jargon": 1}, "by_severity": {"warning": 1},
                "timeliness": {"working_days": 6, "limit": 5, "late": True}},
    "fingerprints": ["J002:6b9298f59026229b"], "dismissed": ["L013:eb6ebc6fc47ee62b"],
    "tool": {"name": "langcheck", "version": "0.1.0"}, "request_id": "3f2b9c0d1e",
}
TIMEOUT_EXAMPLE = {"error": "timeout", "checked": False,
                   "message": "langcheck did not finish within 1.5 s. The note was not checked. Save it anyway."}
