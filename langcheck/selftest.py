"""A lexicon tested when it loads: each rule's own `flag:` examples must be flagged by it and
its `ok:` examples left alone (proselint's meta-test, for a user's own rules too).

`langcheck rules --check FILE` reports failures as errors; elsewhere a local lexicon whose
examples fail is loaded with a warning naming the file, the rule and the sentence.
"""
from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Iterable

from .config import Config
from .lexicon import Rule


@dataclass(frozen=True)
class ExampleFailure:
    rule: str
    origin: str
    kind: str  # "flag": not flagged; "ok": flagged
    sentence: str

    def __str__(self) -> str:
        what = "does not flag its own example" if self.kind == "flag" else "flags its own 'ok' example"
        return f"{self.origin}: rule {self.rule}: {what}: {self.sentence!r}"


def example_failures(rules: Iterable[Rule], config: Config | None = None) -> list[ExampleFailure]:
    """Every rule whose examples do not behave, checked with the pipeline `config` names
    (its model and lexicons)."""
    from .checker import check_many
    from .timeliness import recorded_late

    rules = list(rules)
    base = config or Config()
    cases = [(rule, kind, sentence) for rule in rules for kind in ("flag", "ok")
             for sentence in getattr(rule.examples, kind)]
    failures = []
    textual = [(r, k, s) for r, k, s in cases if r.kind.scope != "metadata"]
    for rule_id in sorted({r.id for r, _, _ in textual}):
        group = [(r, k, s) for r, k, s in textual if r.id == rule_id]
        reports = check_many([s for _, _, s in group], _only(base, rule_id))
        for (rule, kind, sentence), report in zip(group, reports):
            hit = any(f.rule == rule.id for f in report.findings)
            if hit != (kind == "flag"):
                failures.append(ExampleFailure(rule.id, rule.origin, kind, sentence))
    for rule, kind, sentence in cases:
        if rule.kind.scope != "metadata":
            continue
        # Timeliness is judged from dates: the examples give the activity date, then the recording date.
        dates = [datetime.strptime(d, "%d %B %Y").date()
                 for d in re.findall(r"\b(\d{1,2} [A-Z][a-z]+ \d{4})\b", sentence)[:2]]
        hit = len(dates) == 2 and recorded_late(*dates) is not None
        if hit != (kind == "flag"):
            failures.append(ExampleFailure(rule.id, rule.origin, kind, sentence))
    return failures


def _only(config: Config, rule_id: str) -> Config:
    from dataclasses import replace

    return replace(config, select=(rule_id,), ignore=(), min_severity="info")


def warn_about_local_lexicons(rules: Iterable[Rule], lexicons: Iterable[str], config: Config) -> None:
    """Run the examples of the rules that came from the user's own lexicon files and warn about
    any that fail (the rules still load: a warning, not an error)."""
    local = {str(Path(p)) for p in lexicons}
    mine = [r for r in rules if r.origin in local]
    for failure in example_failures(mine, config) if mine else ():
        warnings.warn(f"langcheck: {failure}", stacklevel=2)
