"""The decision a recording system acts on: pass, warn or block. Decided here, at the edge,
never in the core (as blackd decides HTTP statuses and the CLI decides exit codes)."""
from __future__ import annotations

from typing import Iterable

from langcheck import Report, RuleSet, Severity

PASS, WARN, BLOCK = "pass", "warn", "block"


def decide(report: Report, rules: RuleSet, block_on: Iterable[str] = (),
           warn_at: Severity = Severity.WARNING) -> tuple[str, list[str]]:
    """The decision and the rule ids that caused a block. `block_on` takes the same selectors as
    `select` (ids, prefixes, names, categories, ALL), matched by the rules' own selection."""
    blocked = rules.matching(s for s in block_on if s.strip())
    blocking = sorted({f.rule for f in report.findings if f.rule in blocked})
    if blocking:
        return BLOCK, blocking
    if report.at_or_above(warn_at):
        return WARN, []
    return PASS, []
