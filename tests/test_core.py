"""The core API as a user of the library sees it."""
from __future__ import annotations

import dataclasses

import pytest
import spacy

import langcheck
from langcheck import Config, Severity
from langcheck.checker import split_text

NOTE = (
    "Home visit to Sam (8). Sam showed me his room and said, \"I like it here.\"\n"
    "The LAC review is on 3 May. Contact with Dad is weekly at the contact centre.\r\n"
    "Mum was uncooperative and some concerns were raised. It was agreed that I will visit again."
)


def test_findings_index_the_original_text() -> None:
    report = langcheck.check(NOTE)
    assert report.findings
    for f in report.findings:
        if f.start is not None:
            assert NOTE[f.start:f.end] == f.text
    starts = [f.start for f in report.findings if f.start is not None]
    assert starts == sorted(starts)


def test_every_finding_carries_the_documented_fields() -> None:
    f = next(f for f in langcheck.check(NOTE).findings if f.rule == "J002")
    assert (f.category, f.severity, f.text) == ("jargon", Severity.WARNING, "LAC review")
    assert f.message and f.suggestions and f.why and f.source
    assert set(f.to_dict()) >= {"rule", "category", "severity", "start", "end", "text", "message",
                                "suggestions", "why", "source"}


def test_findings_and_reports_are_immutable() -> None:
    report = langcheck.check(NOTE)
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.findings[0].text = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        Config().severities["J001"] = Severity.ERROR  # type: ignore[index]


def test_check_many_equals_check_one_by_one() -> None:
    texts = [NOTE, "", "Respite is booked.", "Nothing to see here."]
    assert list(langcheck.check_many(texts)) == [langcheck.check(t) for t in texts]


def test_empty_and_whitespace_notes_have_no_findings() -> None:
    assert langcheck.check("").findings == ()
    assert langcheck.check(" \n\t ").findings == ()


def test_select_ignore_severity_and_min_severity() -> None:
    only_jargon = langcheck.check(NOTE, Config(select=("jargon",)))
    assert {f.category for f in only_jargon.findings} == {"jargon"}
    no_contact = langcheck.check(NOTE, Config(ignore=("J005",)))
    assert "J005" not in {f.rule for f in no_contact.findings}
    raised = langcheck.check(NOTE, Config(severities={"J002": "error"}))
    assert next(f for f in raised.findings if f.rule == "J002").severity is Severity.ERROR
    warnings_up = langcheck.check(NOTE, Config(min_severity="warning"))
    assert all(f.severity.rank >= Severity.WARNING.rank for f in warnings_up.findings)


def test_a_long_note_is_split_safely_and_offsets_stay_right() -> None:
    paragraph = "Mum was uncooperative at the LAC review. " * 40 + "\n"
    text = paragraph * 30  # ~50,000 characters: several pieces
    assert len(split_text(text)) > 1
    report = langcheck.check(text)
    hits = [f for f in report.findings if f.rule == "J002"]
    assert len(hits) == text.count("LAC review")
    assert all(text[f.start:f.end] == f.text for f in report.findings if f.start is not None)


def test_split_text_covers_the_text_exactly() -> None:
    text = ("word " * 9000 + "\n") * 3 + "x" * 25000
    pieces = split_text(text, limit=20000)
    assert "".join(p for _, p in pieces) == text
    assert all(text[o:o + len(p)] == p for o, p in pieces)


def test_the_summary_counts_categories() -> None:
    summary = langcheck.check(NOTE).summary
    assert summary["by_category"]["jargon"] >= 3
    assert summary["findings"] == sum(summary["by_category"].values())


def test_components_work_in_any_spacy_pipeline() -> None:
    """A spaCy user can add the components by name (entry point / factory registration)."""
    nlp = spacy.load(langcheck.model.resolve_model(), exclude=["ner"])
    nlp.add_pipe("langcheck_lexicon_matcher").initialize()
    nlp.add_pipe("langcheck_context").initialize()
    doc = nlp("The LAC review is on Tuesday. She said, \"I hate being called LAC.\"")
    spans = doc.spans["langcheck"]
    assert [(s.text, s.label_, s.id_) for s in spans] == [("LAC review", "jargon", "J002")]
    assert [s.text for s in doc.spans["langcheck_dropped"]] == ["LAC"]


def test_factories_are_registered_as_entry_points() -> None:
    from importlib.metadata import entry_points
    names = {ep.name for ep in entry_points(group="spacy_factories")}
    assert {"langcheck_lexicon_matcher", "langcheck_context", "langcheck_span_checks"} <= names


def test_the_model_is_loaded_once_per_process() -> None:
    from langcheck.model import get_pipeline
    assert get_pipeline()[0] is get_pipeline()[0]


def test_a_named_model_that_does_not_exist_is_a_clear_error() -> None:
    with pytest.raises(langcheck.ModelError, match="no_such_model"):
        langcheck.check("text", Config(model="no_such_model"))


def test_check_rejects_non_text() -> None:
    with pytest.raises(TypeError):
        langcheck.check(b"bytes")  # type: ignore[arg-type]


def test_no_note_is_kept_in_memory_after_its_check() -> None:
    """textacy memoises per Doc; a note's text must not outlive its check."""
    import gc

    from spacy.tokens import Doc

    langcheck.check("Home visit to Sam (8). Sam said the word MARKER-4417 twice. Mum was uncooperative.")
    gc.collect()
    assert not [o for o in gc.get_objects() if isinstance(o, Doc) and "MARKER-4417" in o.text]


def test_a_notes_words_do_not_stay_in_the_vocabulary() -> None:
    """spaCy keeps every new string it sees; check() runs inside a memory zone, so a
    long-running service does not keep the words of every note it has checked."""
    from langcheck.model import get_pipeline

    langcheck.check("Home visit to Qzxbrandt (8). Qzxbrandt said \"I like Plomwick.\" The LAC review is on Tuesday.")
    nlp, _ = get_pipeline()
    assert "Qzxbrandt" not in nlp.vocab.strings and "Plomwick" not in nlp.vocab.strings
