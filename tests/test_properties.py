"""Property-based tests (hypothesis): whatever a practitioner types or pastes, check() answers
with findings that index the text, in order, and --fix only rewrites what it says it does.

Examples are drawn from an alphabet mixing the hostile (NUL, lone surrogates, combining marks,
right-to-left text, emoji and ZWJ sequences, CRLF, tabs, runs of quote marks) with the words
the rules care about, so that many examples produce findings. The "langcheck-ci" profile is
derandomized: the same examples every run, so a failure is reproducible and CI does not flicker.
"""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

import langcheck
from langcheck.fixes import apply_fixes, fixable, replacement

settings.register_profile("langcheck-ci", derandomize=True, deadline=None, database=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile("langcheck-ci")

WORDS = ["LAC", "L.A.C.", "contact", "placement", "placements", "manipulative", "It was agreed", "respite",
         "appeared", "seemed", "some concerns", "refused", "Mum", "Sam (8)", "Home visit to Millie (6).",
         "said", "not", "the dog was aggressive", "kicked off", "CIN", "CP plan", "unit", "concerns were raised",
         "home conditions poor", "Dear Millie,", "your mum", "he", "she", "hard to engage", "absconded"]
HOSTILE = ["\x00", "\ud800", "\udfff", "\u0301", "\u0308", "e\u0301", "\u200d", "\u200f", "\u202e",
           "\u05e9\u05dc\u05d5\u05dd", "\u0645\u0631\u062d\u0628\u0627", "😀", "👩‍👧", "🏳️‍🌈", "\r\n", "\r", "\n",
           "\n\n", "\t", " ", "  ", "\u00a0", "\u2028", "\ufeff", '"', "“", "”", "‘", "’", "'", "«", "»",
           "(", ")", "...", "…", "!!!", "?", ".", ",", ";", "-", "–", "—", "•", "*", "/", "\\", "’s", "n't"]
TOKENS = st.sampled_from(WORDS + HOSTILE)
# Runs of one mark ("''''''", "!!!!!!") are what made spaCy's tokenizer quadratic.
RUNS = st.builds(lambda ch, n: ch * n, st.sampled_from(['"', "'", "“", "”", "!", ".", "-", "a", " ", "\n"]),
                 st.integers(1, 300))
NOTES = st.lists(st.one_of(TOKENS, TOKENS.map(lambda w: w + " "), RUNS, st.text(max_size=12)),
                 max_size=60).map("".join)


def assert_spans_index_the_text(text: str, report: langcheck.Report) -> None:
    for f in report.findings:
        if f.start is None:
            assert f.end is None and f.text is None
            continue
        assert 0 <= f.start < f.end <= len(text), (f.rule, f.start, f.end, len(text))
        assert text[f.start:f.end] == f.text, (f.rule, f.start, f.end)
        # One-click replacements share one range that covers the finding and indexes the text.
        assert len({(r.start, r.end) for r in f.replacements}) <= 1, f.replacements
        for r in f.replacements:
            assert 0 <= r.start <= f.start and f.end <= r.end <= len(text), (f.rule, r)
            assert r.text and r.text != text[r.start:r.end]
    keys = [(f.start if f.start is not None else len(text) + 1, f.end or 0, f.rule) for f in report.findings]
    assert keys == sorted(keys)


@settings(max_examples=100)
@given(NOTES)
def test_check_never_raises_and_spans_index_the_text(text: str) -> None:
    report = langcheck.check(text)
    assert_spans_index_the_text(text, report)
    assert report.summary["characters"] == len(text)


@settings(max_examples=60)
@given(st.text(max_size=200))
def test_any_unicode_text_at_all(text: str) -> None:
    assert_spans_index_the_text(text, langcheck.check(text))


@settings(max_examples=40)
@given(st.lists(NOTES, min_size=0, max_size=6))
def test_check_many_equals_check_one_by_one(texts: list[str]) -> None:
    many = list(langcheck.check_many(texts, batch_size=2))
    assert many == [langcheck.check(t) for t in texts]


@settings(max_examples=80)
@given(st.lists(st.one_of(st.sampled_from(WORDS + HOSTILE + ["respite", "Respite", "respites", "LAC review"]),
                          st.just(" ")), max_size=40).map("".join))
def test_fix_is_idempotent_and_touches_only_the_fixed_spans(text: str) -> None:
    report = langcheck.check(text)
    fixed = apply_fixes(text, report.findings)
    # Applying the same report again changes nothing: every stale finding is skipped.
    assert apply_fixes(fixed, report.findings) == fixed
    # Checking the fixed text again leaves nothing to fix: --fix run twice is --fix once.
    assert apply_fixes(fixed, langcheck.check(fixed).findings) == fixed
    # Outside the fixed spans the text is unchanged: the result is exactly the original with
    # each fixed span swapped for its replacement.
    expected, pos = [], 0
    for f in fixable(report.findings):
        r = replacement(text, f)
        assert r.start <= f.start and f.end <= r.end  # a replacement covers its finding
        expected += [text[pos:r.start], r.text]
        pos = r.end
    expected.append(text[pos:])
    assert fixed == "".join(expected)


NAME_TEXT = st.lists(st.sampled_from(["Sam", "Ava", "Isla", "Mc", "Donald", "and", "(", ")", "8", "12", "aged ",
                                      "months", "Year 3", "Y3", "-", " ", "  ", "\n", "\u00a0", "x", "(8)", "Mrs", ",", ", 4 weeks",
                                      "years", "weeks"]),
                     max_size=40).map("".join)



@given(NAME_TEXT)
def test_the_children_found_are_names_in_the_note(text: str) -> None:
    """Whatever the shape of names, ages and brackets, the people stage names only words that
    stand in the note and never raises."""
    detail = langcheck.check("Home visit. " + text).summary.get("child_voice_detail", {})
    for name in detail.get("children", []):
        assert name in text
