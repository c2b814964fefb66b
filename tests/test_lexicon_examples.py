"""Every lexicon entry's own examples, run as tests (proselint's meta-test, per example)."""
from __future__ import annotations

import pytest

import langcheck
from langcheck import Config

RULES = list(langcheck.load_rules())


def _cases(kind: str):
    for rule in RULES:
        for sentence in getattr(rule.examples, kind):
            yield pytest.param(rule.id, sentence, id=f"{rule.id}-{rule.name}-{kind}-{sentence[:30]}")


@pytest.mark.parametrize("rule_id,sentence", list(_cases("flag")))
def test_rule_flags_its_flag_examples(rule_id: str, sentence: str) -> None:
    report = langcheck.check(sentence, Config(select=(rule_id,)))
    assert [f for f in report.findings if f.rule == rule_id], f"{rule_id} did not flag: {sentence!r}"


@pytest.mark.parametrize("rule_id,sentence", list(_cases("ok")))
def test_rule_leaves_its_ok_examples_alone(rule_id: str, sentence: str) -> None:
    report = langcheck.check(sentence, Config(select=(rule_id,)))
    hits = [f.text for f in report.findings if f.rule == rule_id]
    assert not hits, f"{rule_id} flagged {hits} in: {sentence!r}"
