"""Timeliness: was the note recorded within 5 working days of the activity?

Answered from dates a recording system knows (`meta["activity_date"]`, `meta["recorded_date"]`),
never from the words of the note, so the core `check()` does not run it. A caller that has the
dates (the HTTP service) calls `add_timeliness(report, text, meta, config)` after `check()`.

    >>> from datetime import date
    >>> working_days_between(date(2024, 3, 4), date(2024, 3, 11))  # Monday to next Monday
    5
"""
from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable, Mapping

from .config import Config
from .findings import Finding, Report
from .lexicon import Rule, RuleSet, parse_lexicon

# Salford's standard: a case note is recorded within 5 working days of the activity.
MAX_WORKING_DAYS = 5
RULE_ID = "T001"


def working_days_between(a: date, b: date, holidays: Iterable[date] = ()) -> int:
    """Working days (Monday to Friday, not in `holidays`) after `a` up to and including `b`.

    Negative when `b` is before `a`. The activity's own day does not count: a visit on Monday
    recorded the next Monday is 5 working days later.
    """
    if b < a:
        return -working_days_between(b, a, holidays)
    skip = set(holidays)
    days, weeks = (b - a).days, 0
    # Whole weeks are 5 working days each (less holidays in them); walk only the remainder.
    weeks, rest = divmod(days, 7)
    count = weeks * 5 - sum(1 for h in skip if a < h <= a + timedelta(weeks=weeks) and h.weekday() < 5)
    day = a + timedelta(weeks=weeks)
    for _ in range(rest):
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in skip:
            count += 1
    return count


@lru_cache(maxsize=1)
def timeliness_rule() -> Rule:
    """T001, read from the bundled lexicons/timeliness.yaml."""
    where = "lexicons/timeliness.yaml"
    raw = resources.files("langcheck.lexicons").joinpath("timeliness.yaml").read_text(encoding="utf-8")
    return next(r for r in parse_lexicon(raw, where) if r.id == RULE_ID)


def parse_date(value: Any, key: str) -> date | None:
    """A date from metadata: a date, a datetime or an ISO 8601 string ('2024-03-04')."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            pass
    raise ValueError(f"meta.{key}: expected a date like 2024-03-04, got {type(value).__name__}")


def recorded_late(activity: date, recorded: date, config: Config | None = None, *,
                  limit: int = MAX_WORKING_DAYS, holidays: Iterable[date] = ()) -> Finding | None:
    """The T001 finding when `recorded` is more than `limit` working days after `activity`."""
    from .checker import make_finding  # the one place findings are made

    config = config or Config()
    rule = timeliness_rule()
    if RULE_ID not in config.selected(RuleSet([rule])):
        return None
    days = working_days_between(activity, recorded, holidays)
    if days <= limit:
        return None
    finding = make_finding(rule, "", None, None, config, message=rule.message.replace("{match}", str(days)))
    return finding if finding.severity.rank >= config.min_severity.rank else None


def add_timeliness(report: Report, text: str, meta: Mapping[str, Any] | None, config: Config | None = None, *,
                   today: date | None = None, limit: int = MAX_WORKING_DAYS) -> Report:
    """`report` with the timeliness finding and figures added, when `meta` has an activity date.

    A missing `recorded_date` means the note is being recorded now (`today`).
    """
    from .checker import _summary

    meta = meta or {}
    activity = parse_date(meta.get("activity_date"), "activity_date")
    if activity is None:
        return report
    recorded = parse_date(meta.get("recorded_date"), "recorded_date") or today or date.today()
    days = working_days_between(activity, recorded)
    finding = recorded_late(activity, recorded, config, limit=limit)
    findings = list(report.findings) + ([finding] if finding else [])
    summary = {**report.summary, **_summary(findings, text),
               "timeliness": {"working_days": days, "limit": limit, "late": days > limit}}
    return Report(findings=tuple(findings), summary=summary)
