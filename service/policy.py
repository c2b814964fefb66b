"""The decision a recording system acts on: pass, warn or block. Decided here, at the edge,
never in the core (as blackd decides HTTP statuses and the CLI decides exit codes)."""
from __future__ import annotations

from typing import Iterable

from langcheck import Finding, Report, Severity

PASS, WARN, BLOCK = "pass", "warn", "block"


def blocks(selector: str, finding: Finding) -> bool:
    s = selector.strip()
    if not s:
        return False
    return (s.upper() == "ALL" or finding.rule.startswith(s.upper()) or s.lower() == finding.name
            or s.lower() == finding.category)


def decide(report: Report, block_on: Iterable[str] = (), warn_at: Severity = Severity.WARNING) -> tuple[str, list[str]]:
    """The decision and the rule ids that caused a block."""
    block_on = tuple(block_on)
    blocking = sorted({f.rule for f in report.findings if any(blocks(s, f) for s in block_on)})
    if blocking:
        return BLOCK, blocking
    if report.at_or_above(warn_at):
        return WARN, []
    return PASS, []
