"""Context: when a match is not a finding (quoted, mentioned, another sense, not a person) or
is downgraded (negated). Each case names the rule it is about."""
from __future__ import annotations

import pytest

import langcheck


def rules_found(text: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for f in langcheck.check(text).findings:
        found.setdefault(f.rule, []).append(f.text)
    return found


@pytest.mark.parametrize("text,category", [
    ('He said, "I hate being called LAC."', "jargon"),
    ("She told me, “Mum kicked off at the contact centre.”", "critical_label"),
    ("Marta calls his stays 'respite', but Oskar calls them sleepovers.", "jargon"),
    ("We no longer use the term LAC in Amira's records.", "jargon"),
    ("I explained what being looked after would mean for him.", "jargon"),
    # an acronym where the note spells it out
    ("The Review Child Protection Conference (RCPC) is on 3 May.", "jargon"),
    ("Sometimes people call this disguised compliance, but it means Mum is not yet on board.", "critical_label"),
    ("I made contact with the school office on Monday.", "jargon"),
    ("I have left my contact details with Mum.", "jargon"),
    ("Leo made eye contact with me during his feed.", "jargon"),
    ("Nadia's college confirmed her work placement at the café.", "jargon"),
    ("Leo spent nine days on the neonatal unit.", "jargon"),
    ("Ellis has cerebral palsy (CP) and uses a walking frame.", "jargon"),
    ("The dog was barking and aggressive at the gate.", "critical_label"),
    ("The reception area was chaotic because of a fire drill.", "critical_label"),
    ("The council refused her request for a transfer.", "critical_label"),
    ("Lacey wore her lilac coat and a black hat.", "jargon"),
    # a child's account of what a professional called them is the child's account
    ("Kai said the teacher called him 'naughty'.", "critical_label"),
])
def test_not_a_finding(text: str, category: str) -> None:
    report = langcheck.check(text)
    assert not [f.text for f in report.findings if f.category == category]


@pytest.mark.parametrize("text,expected", [
    ("Contact with Dad is every Saturday.", "Contact"),
    ("She has had two placements this year.", "placements"),
    ("Jordan has been absconding at weekends.", "absconding"),
    ("Kayden is one of 5 lac children at the school.", "lac"),
    ("The L.A.C. nurse completed the health assessment.", "L.A.C."),
    ("Email to IRO re: Ashworth LAC's.", "LAC"),
    ("Mum is manipulative with professionals.", "manipulative"),
    ("Evidence of manipulation of professionals.", "manipulation"),
    ("Harley has been attention-seeking in class.", "attention-seeking"),
    ("M DNA'd the clinic again.", "DNA'd"),
])
def test_lemma_and_variant_forms_are_found(text: str, expected: str) -> None:
    assert expected in {f.text for f in langcheck.check(text).findings}


def test_negated_label_is_reported_at_info_level() -> None:
    (f,) = [f for f in langcheck.check("I do not think Donna is being manipulative.").findings
            if f.category == "critical_label"]
    assert f.text == "manipulative" and f.severity.value == "info" and "negated" in f.context


def test_label_about_a_person_is_kept() -> None:
    found = rules_found("Dad was aggressive and uncooperative at the door.")
    assert any("aggressive" in t for ts in found.values() for t in ts)


def test_the_writers_own_word_is_flagged_next_to_a_quoted_one() -> None:
    text = 'Brandon said "I hate this unit." At 9pm he left the unit.'
    units = [f for f in langcheck.check(text).findings if f.text == "unit"]
    assert len(units) == 1 and units[0].start == text.rindex("unit")


def test_a_label_quoted_from_a_professional_is_the_records_label() -> None:
    # only a child's or family's own words are theirs to keep (ANNOTATION.md)
    found = rules_found("School say she has been 'refusing to engage' with the timetable.")
    assert found.get("L004") == ["refusing to engage"]
