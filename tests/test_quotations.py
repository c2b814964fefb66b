"""langcheck.quotations is textacy's direct_quotations, copied so that a check does not import
textacy (and scikit-learn and SciPy with it): the copy must find what textacy finds."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from textacy.constants import REPORTING_VERBS
from textacy.extract.triples import direct_quotations as textacy_quotations

import langcheck
from langcheck.model import get_pipeline
from langcheck.quotations import REPORTING_VERBS as COPIED_VERBS
from langcheck.quotations import direct_quotations

ROOT = Path(__file__).resolve().parent.parent

QUOTED = [
    'Sam said, "I like my new bed because it is near the window."',
    '"I don\'t want to go back there," Ellie told me, and she cried.',
    'Mum explained: "We have been getting the bus to school every day this week."',
    'Jordan said, "I don\'t like it when they call me LAC at school." Ellie seemed happy.',
    '"Go away," he said. "I mean it, I am not talking to you today," he added.',
    'The book "Where The Wild Things Are" was on the shelf.',
    'She wrote "I miss my brother and I want to see him more" on the worksheet.',
    '"Yes" said Kai.',
    '"Unclosed quotation, she said.',
    'Dad and Nan both insisted, "We will be there for the review on Tuesday at ten."',
    'I asked Tia what she thought. "It\'s boring at contact and I want it at the park," she replied.',
]


def _texts() -> list[str]:
    examples = [s for r in langcheck.load_rules() for s in (*r.examples.flag, *r.examples.ok) if '"' in s or "“" in s]
    return QUOTED + examples + [(ROOT / "examples" / "home-visit.txt").read_text(encoding="utf-8")]


def _shape(triples) -> list[tuple]:
    return [([t.i for t in s], [t.i for t in c], (q.start, q.end)) for s, c, q in triples]


def _run(extract, doc):
    try:
        return _shape(extract(doc))
    except ValueError as exc:
        return ("ValueError", "quotation marks found" in str(exc))


def test_the_reporting_verbs_are_textacys() -> None:
    assert COPIED_VERBS == frozenset(REPORTING_VERBS["en"])


@pytest.mark.parametrize("text", _texts())
def test_the_copy_finds_what_textacy_finds(text: str) -> None:
    nlp, _ = get_pipeline()
    doc = nlp(text)
    assert _run(direct_quotations, doc) == _run(textacy_quotations, doc)


def test_a_check_does_not_import_textacy() -> None:
    code = ("import sys, langcheck; r = langcheck.check(open(sys.argv[1]).read()); "
            "print(sorted(m for m in ('textacy', 'sklearn', 'scipy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code, str(ROOT / "examples" / "home-visit.txt")],
                         capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
