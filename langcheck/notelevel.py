"""Note-level checks: the child's voice, the balance of strengths and worries, readability.

Plain functions over the note's Docs (textacy style); they report once per note, with no
offsets, and add their figures to the report's summary.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Iterable, Mapping

import numpy
from spacy.attrs import IS_PUNCT, IS_SPACE, LENGTH, SENT_START
from spacy.tokens import Doc

from . import strengths, voice
from .config import Config
from .docs import sentence_starts
from .findings import Finding
from .lexicon import RuleSet
from .people import People, find_people, release


@dataclass
class NoteContext:
    """What a note-level check reads: the note's Docs (one per piece of a long note), its
    text, the span findings already made, and what the recording system sent."""

    docs: list[Doc]
    text: str
    findings: list[Finding]
    meta: Mapping[str, Any]
    config: Config

    @cached_property
    def people(self) -> People:
        """Who is who in the note (langcheck/people.py), found once for every check: taken
        over from the pipeline where a check there found it already for a one-piece note."""
        docs = [d for d in self.docs if len(d)]
        found = release(docs[0], keep_flag=True) if len(docs) == 1 else None
        if found is None:
            return find_people(docs, self.text, self.meta)
        for name in self.meta.get("children") or ():
            for part in str(name).split()[:1]:
                found.add_child(part, None, 3)
        return found


@dataclass(frozen=True)
class NoteVerdict:
    """A note-level check's answer: whether to report, what fills the message's {match}, and
    figures for the report's summary."""

    report: bool
    match: str | None = None
    summary: Mapping[str, Any] = field(default_factory=dict)
    # Why the check decided as it did, added to the finding's message ("Taken as a home visit
    # (from the heading).").
    explanation: str = ""


def note_findings(docs: list[Doc], text: str, span_findings: list[Finding], rules: RuleSet,
                  selected: frozenset[str], config: Config, meta: Mapping[str, Any],
                  make_finding) -> tuple[list[Finding], dict[str, Any]]:
    found: list[Finding] = []
    summary: dict[str, Any] = {}
    if not text.strip():
        return found, summary
    context = NoteContext(docs, text, span_findings, meta, config)
    for rule in rules.of_scope("note"):
        verdict = rule.kind.function(context, rule)
        summary.update(verdict.summary)
        if rule.id in selected and verdict.report:
            message = rule.message.replace("{match}", verdict.match) if verdict.match is not None else rule.message
            if verdict.explanation:
                message = f"{message} {verdict.explanation}"
            found.append(make_finding(rule, text, None, None, config, message=message))
    return found, summary


def _labels(context: NoteContext) -> list[tuple[int, int]]:
    """The character ranges of the note's critical-label findings. A negated label ("I do not
    think Donna is being manipulative") is not one the writer asserts."""
    return sorted((f.start, f.end) for f in context.findings
                  if f.category in ("critical_label", "doubt") and f.start is not None and "negated" not in f.context)


def child_voice(context: NoteContext, rule) -> NoteVerdict:
    result = voice.assess(context.docs, context.text, rule, context.meta, context.people, _labels(context))
    state = ("missing" if result.expected and not result.present else
             "present" if result.present else "not_expected")
    detail = {"state": state, "note_type": result.note_type, "children": list(result.children),
              "evidence": result.evidence}
    return NoteVerdict(state == "missing", _names(result.children) or "a child",
                       {"child_voice": state, "child_voice_detail": detail},
                       explanation=f"Taken as {result.note_type}.")


def strengths_balance(context: NoteContext, rule) -> NoteVerdict:
    result = strengths.assess(context.docs, rule, context.people, _labels(context))
    worries, found = len(result.worries), len(result.strengths)
    # A chronology or an admin note lists events; it is not where a family's strengths are weighed.
    record = not voice.heading_has(context.text, rule.param("not_a_record"))
    # One passing worry ("upset after seeing a post", "collected from the police station") is
    # not a note of worries; one that judges the family (a label, "Dad still not engaging") is.
    weighed = worries >= rule.number("min_worries", 1) or len(result.judged) > 0
    return NoteVerdict(record and worries > 0 and weighed and found == 0, None, {
        "critical_statements": worries, "strength_statements": found, "critical_to_strength": f"{worries}:{found}",
        "strengths_detail": {"strengths": result.strengths, "worries": result.worries,
                             "judging": result.judged}})


def readability(context: NoteContext, rule) -> NoteVerdict:
    grade = reading_grade(context.docs)
    over = grade is not None and grade > context.config.max_reading_grade
    return NoteVerdict(over, f"{grade:.1f}" if grade is not None else None, {"reading_grade": grade})


def _names(children: Iterable[str]) -> str:
    # (one child once: initials written with and without full stops, "C.W." and "CW", are one)
    names = sorted({n.replace(".", ""): n for n in sorted(children, key=len)}.values())
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1] if names else ""


def reading_grade(docs: list[Doc]) -> float | None:
    """A US school-grade reading level over the whole note: textacy's Automated Readability
    Index, weighted by words per piece.

    ARI rather than Flesch-Kincaid: FK counts syllables by hyphenating every word (pyphen),
    which measured 14% of the whole pipeline's time; ARI uses characters per word and words
    per sentence and gives grades in the same range. The counts (words: tokens that are neither
    punctuation nor space, their characters, sentences) are textacy's, taken from the Doc's
    arrays instead of three walks over its tokens (tests/test_notelevel.py checks they agree).
    """
    graded = []
    for doc in docs:
        words, chars, sentences = ari_counts(doc)
        if words and sentences:  # a piece with no words has no grade
            graded.append((automated_readability_index(words, chars, sentences), words))
    if len(graded) == 1:
        return round(graded[0][0], 1)
    total = sum(words for _, words in graded)
    return round(sum(grade * words for grade, words in graded) / total, 1) if total else None


def ari_counts(doc: Doc) -> tuple[int, int, int]:
    """(words, characters in words, sentences), counted as textacy.text_stats counts them."""
    if not len(doc):
        return 0, 0, 0
    arr = doc.to_array([IS_PUNCT, IS_SPACE, LENGTH, SENT_START])
    is_word = (arr[:, 0] == 0) & (arr[:, 1] == 0)
    # A line break ends a sentence (a heading, a header field), as the selective runner's first
    # pass cuts the text: the parser may run a note's header lines into one sentence, and then a
    # full run would grade the note otherwise than a selective one.
    starts = set(sentence_starts(arr[:, 3]))
    starts.update(i + 1 for i in numpy.flatnonzero(arr[:, 1]).tolist()
                  if i + 1 < len(doc) and "\n" in doc[i].text)
    return int(is_word.sum()), int(arr[is_word, 2].sum()), len(starts)


def automated_readability_index(words: int, chars: int, sentences: int) -> float:
    """textacy.text_stats.readability.automated_readability_index's formula."""
    return (4.71 * chars / words) + (0.5 * words / sentences) - 21.43
