"""Running the model only on the sentences a check needs."""
from __future__ import annotations

import langcheck
from langcheck import Config
from langcheck.model import get_runner
from langcheck.selective import first_pass_sentences

NOTE = ("Visit to Sam (8) on 3 May.\nThe LAC review is on Tuesday. Mum was not uncooperative. "
        "Sam said, \"I like my room.\" Next appointment 17 May.\n\nIt was agreed that I will ring the school.")


def test_first_pass_sentences_tile_the_note() -> None:
    runner, _ = get_runner()
    doc = runner.nlp.make_doc(NOTE)
    sentences = first_pass_sentences(doc)
    assert sentences[0][0] == 0 and sentences[-1][1] == len(doc)
    assert all(a[1] == b[0] for a, b in zip(sentences, sentences[1:]))
    texts = [doc[s:e].text.strip() for s, e in sentences]
    assert "Sam said, \"I like my room.\"" in texts


def test_only_sentences_a_check_needs_go_through_the_model() -> None:
    runner, _ = get_runner()
    doc = runner.nlp.make_doc(NOTE)
    plan = {doc[s:e].text.strip(): needed for s, e, needed in runner._plan(doc)[0]}
    assert plan["The LAC review is on Tuesday."] is False  # jargon with no sense to decide
    assert plan["Next appointment 17 May."] is False
    assert plan["Mum was not uncooperative."] is True  # a label: negation needs the parse
    assert plan["Sam said, \"I like my room.\""] is True  # a voice verb in a visit note
    assert plan["It was agreed that I will ring the school."] is True  # a passive


def test_selective_and_full_runs_agree_on_this_note() -> None:
    def key(report):
        return [(f.rule, f.start, f.end, f.context) for f in report.findings]
    assert key(langcheck.check(NOTE)) == key(langcheck.check(NOTE, Config(selective=False)))


def test_unparsed_sentences_keep_their_tokens_and_offsets() -> None:
    report = langcheck.check(NOTE)
    assert any(f.rule == "J002" for f in report.findings)
    assert all(NOTE[f.start:f.end] == f.text for f in report.findings if f.start is not None)


def test_selective_and_full_runs_agree_on_every_lexicon_example() -> None:
    """The selective runner (the model on some sentences, the first pass's matches kept for
    the rest) finds what the whole pipeline finds, for all 600+ example sentences."""
    def key(report):
        return [(f.rule, f.start, f.end, f.context) for f in report.findings]
    sentences = [s for rule in langcheck.load_rules() for kind in ("flag", "ok") for s in getattr(rule.examples, kind)]
    assert len(sentences) > 500
    selective = [key(r) for r in langcheck.check_many(sentences)]
    full = [key(r) for r in langcheck.check_many(sentences, Config(selective=False))]
    assert [s for s, a, b in zip(sentences, selective, full) if a != b] == []
