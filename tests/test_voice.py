"""The child's voice (C001) on the kinds of note the issue reports: who the children are,
whether a voice is expected, and what counts as the voice. Notes written for these tests."""
from __future__ import annotations

import pytest

import langcheck
from langcheck import Config

VOICE = Config(select=("C001",))


def voice(text: str, **meta) -> dict:
    report = langcheck.check(text, VOICE, meta=meta or None)
    return {"missing": any(f.rule == "C001" for f in report.findings), **report.summary["child_voice_detail"]}


# Who the children are: header shapes, then the body.
@pytest.mark.parametrize("note,child", [
    ("Re: Tia Marsh, DOB 04/09/2016\nHome visit. Tia showed me her new bike and said, \"I ride it to the shop.\"", "Tia"),
    ("Leon, 13\nSeen at home after school. Leon said he wants to go back to football.", "Leon"),
    ("Young person: Dami (16)\nVisit to his flat. Dami told me the bus pass has made college easier.", "Dami"),
    ("Subject: Rosa age 7\nHome visit. Rosa drew her family and explained who lives with her.", "Rosa"),
    ("Child: Kit\nSession at school. Kit chose the sand tray and said the dinosaurs were his brothers.", "Kit"),
    ("Visited Jo (6). Jo said, \"I like my new room.\"", "Jo"),
    ("Home visit to Ellie-May (4) and her mum. Ellie-May showed me the hamster and said it is called Biscuit.", "Ellie-May"),
])
def test_children_are_found_in_header_shapes_and_their_voice_counts(note: str, child: str) -> None:
    found = voice(note)
    assert child in found["children"], found
    assert not found["missing"], found


def test_a_word_before_a_name_and_age_is_not_a_child() -> None:
    assert voice("Visited Jo (6). Jo was asleep when I left.")["children"] == ["Jo"]


def test_a_child_named_only_in_the_body_and_quoted() -> None:
    note = "Home visit. I met the family in the kitchen. Kai showed me his homework and said, \"I got them all right.\""
    assert not voice(note)["missing"]


def test_the_children_as_speakers() -> None:
    note = "Home visit to the Owusu family. The children told me they walk to school with their nan each morning."
    assert not voice(note)["missing"]


def test_an_initial_after_baby() -> None:
    found = voice("Visit to baby S. (3 months). S. was asleep in her Moses basket throughout. Mum asked about vitamins.")
    assert found["missing"] and "S." in found["children"]


# Whether a voice is expected.
@pytest.mark.parametrize("note", [
    "Out of hours log. 22:10 call from police re: noise at the family home. 22:40 rang Mum, who said the party had ended. "
    "23:05 police confirmed all quiet. No further action tonight.",
    "Spoke to Tyler by phone at 4pm. He refused to talk and ended the call.",
    "Professionals' meeting re: Kacey (13).\nPresent: SW, DSL, school nurse, PC Hart.\nSchool report attendance of 81%. "
    "Police have no new information.",
    "Chronology\n03/02/2024 Referral from school.\n10/02/2024 Home visit.\n17/02/2024 Strategy discussion.\n"
    "02/03/2024 Child protection conference.",
    "Admin: rebooked the family room at Larkspur for Thursday 2pm and emailed Mum the new time.",
    "Hi Mel,\nThanks for your call. I have booked the visit to Sam for Tuesday.\nThanks,\nOllie",
])
def test_notes_that_are_not_direct_work_expect_no_voice(note: str) -> None:
    found = voice(note)
    assert not found["missing"] and found["state"] == "not_expected", found


def test_a_conference_about_a_three_year_old_expects_their_view() -> None:
    note = ("Initial child protection conference for Maisie (3). Present: Mum, Dad, SW, HV, nursery manager. "
            "Concerns were shared about the injury to Maisie's arm. Maisie will be subject to a plan under neglect.")
    found = voice(note)
    assert found["missing"], found


# What counts as the voice.
@pytest.mark.parametrize("note", [
    "Home visit to Sam (9). Sam did not want to talk to me today; I will try again on Friday after school.",
    "Visit to baby Ava (5 months). When Dad sang to her, Ava kicked her legs and smiled at him.",
    "Visit to Oskar (9) at school. Oskar does not use speech. Using his communication book he pointed to the "
    "picture of the swimming pool three times when I asked about his weekend.",
    "Review with Leah (14), who uses eye gaze. Leah looked at the symbol for 'happy' when we talked about her new school.",
    "Dear Millie,\nToday I visited you at home with your mum. You told me your favourite lesson is art.",
    "Today I came to see you at your foster home. You showed me your bedroom and said you like the blue walls.",
    "Direct work with Jayden (8). Using the three houses, we talked about home and school.",
])
def test_these_count_as_the_childs_voice(note: str) -> None:
    found = voice(note)
    assert not found["missing"] and found["state"] == "present", found


@pytest.mark.parametrize("note", [
    "Home visit to Sam (9). Sam did not want to talk to me today.",
    "Home visit. Tyler (8) and Kacey (13) seen in the lounge. Mum said the children are fine.",
    "Visit to Reece (11). Reece kicked the football against the wall while I spoke with his foster carer.",
    "CIN visit to Oskar (9). Mum said he is not sleeping. Oskar is non-verbal so his wishes could not be obtained.",
])
def test_these_do_not(note: str) -> None:
    assert voice(note)["missing"]


def test_the_finding_says_what_kind_of_note_it_took_and_who_the_children_are() -> None:
    report = langcheck.check("Home visit to Sam (9). Sam did not want to talk to me today.", VOICE)
    (finding,) = report.findings
    assert "Sam" in finding.message and "home visit" in finding.message
