"""langcheck's components as spaCy citizens: built from the shipped config, saved and loaded
with their rules as data, usable on their own."""
from __future__ import annotations

import warnings

import spacy

import langcheck  # noqa: F401  (the factories are registered by the entry point too)
from langcheck.components import CANDIDATES_KEY, SPANS_KEY
from langcheck.model import get_pipeline, pipeline_config

NOTE = ("Home visit to Sam (8). The LAC review is on Tuesday. Mum was manipulative. "
        "It was agreed that respite would continue. The MARAC met on Friday.")


def spans(doc) -> list[tuple[int, int, str, str]]:
    return [(s.start_char, s.end_char, s.label_, s.id_) for s in doc.spans[SPANS_KEY]]


def test_the_pipeline_is_built_from_the_shipped_config() -> None:
    nlp, _ = get_pipeline()
    names = pipeline_config()["nlp"]["pipeline"]
    assert [n for n in nlp.pipe_names if n.startswith("langcheck")] == names
    for name in names:
        meta = nlp.get_pipe_meta(name)
        assert "doc.spans" in meta.assigns


def test_a_pipeline_round_trips_through_to_disk_and_spacy_load(tmp_path) -> None:
    nlp, _ = get_pipeline()
    before = spans(nlp(NOTE))
    assert len(before) >= 4
    nlp.to_disk(tmp_path / "pipeline")
    assert list((tmp_path / "pipeline" / "langcheck_lexicon_matcher").glob("*.yaml"))  # rules as data
    loaded = spacy.load(tmp_path / "pipeline")
    assert spans(loaded(NOTE)) == before


def test_components_can_be_added_and_initialised_with_a_local_lexicon(tmp_path) -> None:
    local = tmp_path / "ours.yaml"
    local.write_text(
        "category: jargon\nrules:\n  - id: X001\n    name: frob\n    patterns: [frobnication]\n"
        "    message: m\n    why: w\n    source: [s]\n    examples: {flag: [a frobnication], ok: [none]}\n",
        encoding="utf-8")
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    matcher = nlp.add_pipe("langcheck_lexicon_matcher")
    matcher.initialize(lexicons=[str(local)], bundled=False)
    doc = nlp("The frobnication is on Tuesday.")
    assert [(s.text, s.id_) for s in doc.spans[CANDIDATES_KEY]] == [("frobnication", "X001")]


def test_a_component_without_rules_warns() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("langcheck_lexicon_matcher")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        nlp("Nothing to match.")
    assert any("no rules" in str(w.message) for w in caught)


BROKEN = """category: jargon
rules:
  - id: X002
    name: widget
    patterns: [widget]
    message: m
    why: w
    source: [s]
    examples: {flag: [a gadget here], ok: [a widget here]}
"""


def test_rules_check_reports_a_rule_whose_examples_fail(tmp_path) -> None:
    from click.testing import CliRunner

    from langcheck.cli.main import main

    lexicon = tmp_path / "ours.yaml"
    lexicon.write_text(BROKEN, encoding="utf-8")
    result = CliRunner().invoke(main, ["rules", "--check", str(lexicon)])
    assert result.exit_code == 1
    assert "rule X002: does not flag its own example: 'a gadget here'" in result.output
    assert "rule X002: flags its own 'ok' example: 'a widget here'" in result.output


def test_a_local_lexicon_whose_examples_fail_loads_with_a_warning(tmp_path) -> None:
    lexicon = tmp_path / "ours.yaml"
    lexicon.write_text(BROKEN, encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        report = langcheck.check("A widget broke.", langcheck.Config(lexicons=(str(lexicon),)))
    assert [f.rule for f in report.findings if f.rule == "X002"] == ["X002"]
    assert any("rule X002" in str(w.message) for w in caught)


def test_a_checked_doc_round_trips_through_docbin_with_its_user_data() -> None:
    # what the components leave in a Doc's user_data must stay serialisable (a DocBin of
    # checked notes, as spaCy users keep them)
    from spacy.tokens import DocBin

    nlp, _ = get_pipeline()
    doc = nlp("Visit to the children, Ava (7) and Isla (4). TJ (Y3) said the LAC review was boring. " + NOTE)
    stored = DocBin(store_user_data=True, docs=[doc]).to_bytes()
    back = next(DocBin().from_bytes(stored).get_docs(nlp.vocab))
    assert back.text == doc.text and spans(back) == spans(doc)
