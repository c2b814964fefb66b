"""Every lexicon entry's own examples, run as tests (proselint's meta-test, per example)."""
from __future__ import annotations

import re
from datetime import datetime

import pytest

import langcheck
from langcheck import Config
from langcheck.timeliness import recorded_late

RULES = list(langcheck.load_rules())


def _cases(kind: str):
    for rule in RULES:
        for sentence in getattr(rule.examples, kind):
            yield pytest.param(rule.id, sentence, id=f"{rule.id}-{rule.name}-{kind}-{sentence[:30]}")


BY_ID = {r.id: r for r in RULES}


def findings(rule_id: str, sentence: str) -> list:
    if BY_ID[rule_id].check == "timeliness":
        # Timeliness is judged from the dates a recording system sends; the examples state
        # the activity date and then the recording date.
        activity, recorded = (datetime.strptime(d, "%d %B %Y").date()
                              for d in re.findall(r"\b(\d{1,2} [A-Z][a-z]+ \d{4})\b", sentence)[:2])
        found = recorded_late(activity, recorded)
        return [found] if found is not None else []
    report = langcheck.check(sentence, Config(select=(rule_id,)))
    return [f for f in report.findings if f.rule == rule_id]


@pytest.mark.parametrize("rule_id,sentence", list(_cases("flag")))
def test_rule_flags_its_flag_examples(rule_id: str, sentence: str) -> None:
    assert findings(rule_id, sentence), f"{rule_id} did not flag: {sentence!r}"


@pytest.mark.parametrize("rule_id,sentence", list(_cases("ok")))
def test_rule_leaves_its_ok_examples_alone(rule_id: str, sentence: str) -> None:
    hits = [f.text for f in findings(rule_id, sentence)]
    assert not hits, f"{rule_id} flagged {hits} in: {sentence!r}"
