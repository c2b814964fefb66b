"""Vague language from the parse, and the note-level child's voice."""
from __future__ import annotations

import pytest

import langcheck
from langcheck import Config


def vague(text: str) -> list[str]:
    return [f.text for f in langcheck.check(text, Config(select=("vague",))).findings]


@pytest.mark.parametrize("text,expected", [
    ("It was agreed that Mum will attend.", "It was agreed"),
    ("Concerns were raised about Kai's weight.", "Concerns were raised"),
    ("The request has been agreed in principle.", "has been agreed"),
    ("It was agreed that school transport would be looked into.", "would be looked into"),
    ("Mum appeared tired and flat.", "appeared"),
    ("Home conditions poor.", "Home conditions poor"),
    ("The room was in poor condition.", "poor condition"),
])
def test_vague_phrases_found_from_the_parse(text: str, expected: str) -> None:
    assert any(expected in v or v in expected for v in vague(text)), vague(text)


@pytest.mark.parametrize("text", [
    "Concerns were raised by the school nurse on 3 May about Sam's weight.",
    "It was agreed between Mrs Patel and me that school will ring me on Fridays.",
    "Aaliyah appeared at the door with her friend Jess.",
    "Miss Farooq felt it would unsettle him.",
])
def test_specific_passives_and_other_senses_are_not_vague(text: str) -> None:
    assert vague(text) == []


def voice(text: str, meta=None) -> str:
    return langcheck.check(text, meta=meta).summary["child_voice"]


@pytest.mark.parametrize("text,expected", [
    ("Home visit to Tyler (8). Tyler seen in the lounge. Mum said he is fine.", "missing"),
    ("Home visit to Tyler (8). Tyler said, \"I like my new room.\"", "present"),
    ("Visit to Leo (10 weeks). When Mum sang, Leo smiled and reached for her face.", "present"),
    ("Visit to Archie (7 weeks). Baby seen asleep in his basket. Weight not done.", "missing"),
    ("Direct work with Oskar (9). I used a Talking Mat and picture cards.", "present"),
    ("CLA review for Summer (12). Summer did not wish to attend. Placement stable.", "missing"),
    ("Phone call with Mrs Dunn (DSL) about Kacey (13). Attendance is 78%.", "not_expected"),
    ("Email to Tom about Nadia (15). Nadia's college confirmed her timetable.", "not_expected"),
    ("Dear Millie,\nToday I visited you at home with your mum. You said: \"I like Sundays.\"", "present"),
])
def test_child_voice(text: str, expected: str) -> None:
    assert voice(text) == expected


def test_child_voice_uses_children_from_metadata() -> None:
    text = "Home visit. Kai showed me his drawing and said it was his dog."
    assert voice(text, {"children": ["Kai"]}) == "present"
    assert voice("Home visit. Kai was seen in the kitchen.", {"children": ["Kai"]}) == "missing"


def test_missing_voice_is_one_note_level_finding() -> None:
    report = langcheck.check("Home visit to Tyler (8) and Kacey (13). Children seen. Mum said all is well.")
    (f,) = [f for f in report.findings if f.category == "child_voice"]
    assert f.start is None and f.end is None and "Kacey and Tyler" in f.message


def test_summary_has_balance_and_reading_grade() -> None:
    summary = langcheck.check("Mum missed the appointment. There are concerns about school.").summary
    assert summary["critical_statements"] >= 1 and summary["strength_statements"] == 0
    assert summary["critical_to_strength"] == f"{summary['critical_statements']}:0"
    assert isinstance(summary["reading_grade"], float)


@pytest.mark.parametrize("text", [
    "Mum missed the appointment. There are concerns about school.",
    "Visit to Sam (8).\n\nSam said, \"I don't like it!\" We talked -- about school, friends... and home?\n",
    "Review of the plan in light of the multi-agency chronology; the recommendations were endorsed "
    "unanimously by attendees notwithstanding reservations.",
    "Ok.",
])
def test_the_reading_grade_is_textacys_automated_readability_index(text: str) -> None:
    from textacy.text_stats import basics, readability

    from langcheck.model import get_runner
    from langcheck.notelevel import ari_counts

    runner, _ = get_runner()
    doc = next(runner.pipe([text]))  # sentences as check() sees them, parsed or not
    assert ari_counts(doc) == (basics.n_words(doc), basics.n_chars(doc), basics.n_sents(doc))
    grade = langcheck.check(text).summary["reading_grade"]
    assert grade == round(readability.automated_readability_index(doc), 1)


@pytest.mark.parametrize("text,expected", [
    ('Visited Sam. Sam said "I like school". Dad was aggressive.', "present"),
    ("Visited Sam at home. Sam was in his room. Mum said he is fine.", "missing"),
    ("Home visit to Mrs Jones about the boiler. She said it is broken again.", "not_expected"),
])
def test_the_child_named_in_the_heading_counts_without_an_age(text: str, expected: str) -> None:
    assert voice(text) == expected


@pytest.mark.parametrize("text,expected", [
    # an age after a comma names the child, as "(4 months)" does
    ("Health visit - Noah, 5 months.\n\nNoah smiled at Mum and reached for his rattle.", "present"),
    ("Health visit - Noah, 5 months.\n\nMum said feeds are going well. Noah was asleep.", "missing"),
    # a hyphenated name is the child in each of its tokens
    ("Direct work with Lily-Rose (7). Lily-Rose said she likes her new school.", "present"),
    ("Direct work with Lily-Rose (7). Lily-Rose drew her house. She said it has a red door.", "present"),
    # what an older child was seen to do is not their view; a baby's is
    ("Visit to Jordan (13). Jordan kicked the door and ran upstairs. Mum said he is angry.", "missing"),
    ("Visit to Mia (14 months). Mia crawled to Dad and laughed when he sang.", "present"),
    ("Visit to Jordan (13), who is non-verbal. Jordan smiled and hugged his carer.", "present"),
    # a tool named where the child would not take part is not how a view was gathered
    ("Session with Tia (11). I brought the three houses sheets but Tia refused to do them.", "missing"),
    ("Session with Tia (11). We did the three houses together.", "present"),
    # an email about the work expects no voice, even when it mentions family time
    ("Subject: Finn - family time on Saturday\n\nHi Jo,\n\nDad can do 11 to 3. Thanks, Sam", "not_expected"),
])
def test_child_voice_conventions(text: str, expected: str) -> None:
    assert langcheck.check(text).summary["child_voice"] == expected


@pytest.mark.parametrize("text,flagged", [
    # a child's own account of their life is their words, not the writer's vagueness
    ("Kai (14) was seen at home. He told me he sometimes sits up gaming until 3am.", False),
    # an adult's report about the child is still the writer's record to make specific
    ("Kai (14) was seen at home. His foster carer said Kai often becomes unsettled at 9pm.", True),
    # placed by the event that follows
    ("Mollie (13) went up to her room shortly after I arrived.", False),
])
def test_vague_time_in_a_childs_account(text: str, flagged: bool) -> None:
    found = [f for f in langcheck.check(text).findings if f.rule == "V007"]
    assert bool(found) is flagged, found
