"""The child's voice: does a note about direct work with a child give the child's own view?

Two questions, each answered from the text (or from metadata when a recording system sends it):
1. Is a voice expected? A visit, a session, a review or a meeting about the child expects one;
   a phone call with a school, an email or a professionals' meeting does not.
2. Is it there? The child is the speaker of something they said, wrote, drew or chose (the
   parse's subject, or the speaker textacy finds for a direct quotation); the note says how
   the view was gathered (Mind of My Own, three houses, a Talking Mat...); or, for a baby or a
   child who does not speak, what they were seen to do (smiled, reached for, cried, settled).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Mapping

import numpy

from spacy.attrs import DEP, IS_QUOTE, LEMMA, LOWER, ORTH, POS, SENT_START, TAG
from spacy.symbols import AUX as _AUX, PROPN as _PROPN, VERB as _VERB
from spacy.tokens import Doc, Token

from .docs import doc_text, sentence_starts
from .lexicon import Rule

_AGE = re.compile(
    r"\b([A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?:\s+[A-Z][a-z]+)?\s*\(\s*(?:aged?\s*)?"
    r"(?:(\d{1,2})(?:\s*(?:years?|yrs?|y/o))?|(\d{1,2})\s*(?:weeks?|months?|days?)|Year\s*\d{1,2}|Y\d{1,2})\s*\)")
# "Visited Sam", "visit to Aaliyah", "direct work with Jayden": the note's subject is a child.
_VISITED = re.compile(r"\b(?:[Vv]isit(?:ed|ing)?(?: to)?|[Ss]aw|[Ss]een|[Ss]ession with|[Ww]ork with|[Rr]eview (?:for|of)|"
                      r"[Mm]eeting (?:for|with)|[Cc]onversation with|[Tt]ime with)\s+([A-Z][a-z]+)\b(?!\s*\()")
_AND_NAME = re.compile(r"\b([A-Z][a-z]+)\s+and\s+([A-Z][a-z]+)\s*\(")
_EMAIL_HEADER = re.compile(r"^\s*(?:subject|from|sent|to|cc)\s*:", re.M)  # on the lower-cased head
_BABY = re.compile(r"\bbaby\s+([A-Z][a-z]+)")
_DEAR = re.compile(r"^\s*Dear\s+([A-Z][a-z]+)\s*,", re.M)
# A letter written to the child ("Dear Millie, today I visited you ..."), not to a colleague.
_TO_CHILD = re.compile(r"\byour (?:mum|dad|mother|father|nan|nana|gran|grandad|brother|sister|foster|carers?|"
                       r"social worker|independent reviewing officer|reviewing officer|personal adviser|worker|"
                       r"school|teacher|review|bedroom|room)\b", re.I)
_TITLES = {"mr", "mrs", "ms", "miss", "dr", "pc", "dc", "ds", "sgt", "cllr", "prof"}
# Capitalised first words that are not a person's name.
_NOT_NAMES = {"the", "a", "an", "this", "that", "these", "those", "it", "there", "we", "i", "he", "she", "they",
              "you", "when", "after", "before", "at", "on", "in", "if", "as", "but", "and", "so", "then",
              "next", "today", "yesterday", "plan", "actions", "present", "venue", "background", "current"}


@dataclass(frozen=True)
class VoiceResult:
    expected: bool
    present: bool
    children: tuple[str, ...]
    evidence: str | None  # what showed the voice, for explanation and tests


def assess(docs: Iterable[Doc], text: str, rule: Rule, meta: Mapping[str, Any]) -> VoiceResult:
    docs = list(docs)
    head = text[:400].lower()
    letter = _DEAR.search(text[:200])
    if letter and not _TO_CHILD.search(text):
        letter = None
    ages: dict[str, bool] = {}
    children = _children(text, meta, letter, rule.param("adult_nouns"), ages)
    expected = _expects_voice(head, rule, meta, bool(letter and letter.group(1) in children))
    if expected is None:  # nothing in the heading says what kind of note this is: read on
        expected = bool(_expects_voice(text.lower(), rule, {}, False))
    if expected and not children:
        # A visit that never mentions a child (a landlord, an adult's appointment) expects no
        # child's voice; "the children", "baby" or "YP" are enough to expect one.
        words = set(re.findall(r"[a-z]+", text.lower()))
        expected = bool(words & (rule.param("child_nouns") | rule.param("child_cues")))
    if not expected:
        return VoiceResult(False, False, tuple(sorted(children)), None)
    child_words = rule.param("child_nouns")
    # Unknown ages keep observation as evidence; known ages of three or more do not, unless
    # the note says a child does not talk yet (a baby, a non-verbal child).
    observation = not ages or any(ages.values()) or _mentions_any(text.lower(), rule.param("not_talking"))
    evidence = None
    for doc in docs:
        evidence = _voice_evidence(doc, children, child_words, rule, letter_to_child=bool(letter),
                                   observation=observation)
        if evidence:
            break
    return VoiceResult(True, evidence is not None, tuple(sorted(children)), evidence)


def _mentions_any(lowered: str, words: frozenset[str]) -> bool:
    """Whether any of the words stands as a whole word in the lower-cased text (a substring
    test first: most notes hold none of them)."""
    return any(w in lowered and re.search(rf"(?<![a-z-]){re.escape(w)}(?![a-z-])", lowered) for w in words)


def _children(text: str, meta: Mapping[str, Any], letter: re.Match | None, adults: frozenset[str],
              ages: dict[str, bool]) -> set[str]:
    """The children's first names; `ages` gets name -> too young to talk, for the children
    whose age the note gives."""
    names = {str(n).split()[0] for n in (meta.get("children") or []) if str(n).strip()}
    for m in _before_mark(_AGE, text, 2):
        years = m.group(2)
        if years is None or int(years) <= 25:  # care leavers are supported to 25
            names.add(m.group(1))
            ages[m.group(1)] = m.group(3) is not None or (years is not None and int(years) < _TALKING_AGE)
    for m in _before_mark(_AGE_AFTER_COMMA, text, 2, mark=",", then=_AN_AGE):  # "Arlo, 4 months", "Jade, aged 7"
        years = m.group(2) or m.group(4)
        if m.group(1).lower() in adults or (years is not None and int(years) > 25):  # "Mum, aged 32"
            continue
        names.add(m.group(1))
        ages[m.group(1)] = years is None or int(years) < _TALKING_AGE
    for m in _before_mark(_AND_NAME, text, 3) if names else ():  # "Ava and Isla (2)": both are children
        if m.group(2) in names:
            names.add(m.group(1))
    for m in _BABY.finditer(text) if "baby" in text else ():
        names.add(m.group(1))
    if not names:  # no ages given: the person the heading says was visited or worked with
        for m in _VISITED.finditer(text[:400]):
            before = text[max(0, m.start(1) - 5):m.start(1)].strip().rstrip(".").lower().split()
            if m.group(1).lower() not in _NOT_NAMES | _TITLES and not (before and before[-1] in _TITLES):
                names.add(m.group(1))
    if letter and not names:
        names.add(letter.group(1))
    elif letter and letter.group(1) in names:
        pass
    return names


# "Arlo, 4 months", "Jade Smith, aged 7", "Kai, 15 years": an age after a comma needs its unit
# or "aged", so that "Sam, 12 Fenwick Street" is not an age.
_AGE_AFTER_COMMA = re.compile(
    r"\b([A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?:\s+[A-Z][a-z]+)?\s*,\s*(?:aged?\s*)?"
    r"(?:(\d{1,2})\s*(?:years?|yrs?|y/o)\b|(\d{1,2})\s*(?:weeks?|months?|days?)\b|(?<=ged )(\d{1,2})\b)")
_AN_AGE = re.compile(r"\s*(?:aged?\s*)?\d")  # what must follow the comma of _AGE_AFTER_COMMA
# Below this age in years a child may not yet talk: what they were seen to do is their voice
# (ANNOTATION.md: "by observation for a child too young to talk").
_TALKING_AGE = 3

_NAME_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-")


def _before_mark(pattern: re.Pattern, text: str, words: int, mark: str = "(",
                   then: re.Pattern | None = None) -> Iterator[re.Match]:
    """`pattern.finditer(text)` for a pattern that is at most `words` runs of letters and
    hyphens, with white space between, then `mark`: tried only just before each mark instead
    of at every position of the note (a scan that cost more than the rest of the voice check).
    `then`, when given, is what the pattern needs right after the mark: marks without it are
    skipped (a note has many commas, few of them before an age)."""
    last_end = 0
    pos = text.find(mark)
    while pos >= 0:
        if pos >= last_end and (then is None or then.match(text, pos + 1)):
            start = pos  # the earliest the pattern can start: `words` runs back from the mark
            for _ in range(words):
                while start > last_end and text[start - 1].isspace():
                    start -= 1
                while start > last_end and text[start - 1] in _NAME_CHARS:
                    start -= 1
            for i in range(start, pos):
                if "A" <= text[i] <= "Z":
                    m = pattern.match(text, i)
                    if m is not None:
                        yield m
                        last_end = m.end()
                        break
        pos = text.find(mark, max(pos + 1, last_end))


_TYPE_PATTERNS: dict[str, re.Pattern] = {}


def _note_type_pattern(rule: Rule) -> re.Pattern:
    pattern = _TYPE_PATTERNS.get(rule.id)
    if pattern is None:
        phrases = sorted(rule.param("expects_voice") | rule.param("no_voice"), key=len, reverse=True)
        pattern = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b")
        _TYPE_PATTERNS[rule.id] = pattern
    return pattern


def _expects_voice(head: str, rule: Rule, meta: Mapping[str, Any], letter_to_child: bool) -> bool | None:
    note_type = str(meta.get("note_type") or "").replace("_", " ").lower()
    if note_type:
        head = f"{note_type}. {head}"
    if letter_to_child:
        return True
    if not note_type and _EMAIL_HEADER.search(head):
        return False  # "Subject: Phoebe - family time": an email about the work, not the work
    # The earliest cue wins; at the same place the longer one ("contact supervision" over
    # "supervision"), which is what a regex alternation ordered longest-first gives.
    match = _note_type_pattern(rule).search(head)
    if match is None:
        return None
    return match.group(0) in rule.param("expects_voice")


def _voice_evidence(doc: Doc, children: set[str], child_words: frozenset[str], rule: Rule,
                    letter_to_child: bool, observation: bool = True) -> str | None:
    if not len(doc):
        return None
    speech = rule.param("voice_verbs")
    observed = rule.param("observed_verbs") if observation else frozenset()
    screens = rule.param("not_observing")
    strings = doc.vocab.strings
    tools = rule.phrases("gathered_by").hashed(strings)
    # The Doc's arrays pick out the few tokens worth a closer look (verbs, negations, tools),
    # so no Token object is made for the rest.
    arr = doc.to_array([LOWER, LEMMA, DEP, POS, SENT_START])
    lowers, lemmas = arr[:, 0].tolist(), arr[:, 1].tolist()
    starts = sentence_starts(arr[:, 4])
    negated = {bisect.bisect_right(starts, i) - 1 for i in numpy.flatnonzero(arr[:, 2] == strings.add("neg")).tolist()}
    for refusal in rule.param("refusal_verbs"):
        negated.update(bisect.bisect_right(starts, i) - 1
                       for i in numpy.flatnonzero(arr[:, 1] == strings.add(refusal)).tolist())
    with_tool = tools.sentences_with(lowers, None, starts) - negated
    verbs: dict[int, list[Token]] = {}
    is_voice_lemma: dict[int, bool] = {}  # lemma hash -> is a voice or observation verb
    for i in numpy.flatnonzero((arr[:, 3] == _VERB) | (arr[:, 3] == _AUX)).tolist():
        wanted = is_voice_lemma.get(lemmas[i])
        if wanted is None:
            lemma = strings[lemmas[i]].lower()
            wanted = is_voice_lemma[lemmas[i]] = lemma in speech or lemma in observed
        if wanted:
            verbs.setdefault(bisect.bisect_right(starts, i) - 1, []).append(doc[i])
    if not with_tool and not verbs:
        return _quoted_child(doc, _ChildResolver(doc, children, child_words, rule.param("adult_nouns"), letter_to_child))
    quoted = _quoted_tokens(doc)
    is_child = _ChildResolver(doc, children, child_words, rule.param("adult_nouns"), letter_to_child)
    for k in sorted(with_tool | verbs.keys()):
        if k in with_tool:
            end = starts[k + 1] if k + 1 < len(starts) else len(doc)
            return f"gathered by: {tools.find(lowers[starts[k]:end])}"
        for tok in verbs[k]:
            if tok.i in quoted:
                continue
            lemma = tok.lemma_.lower()
            if any(c.dep_ == "neg" for c in tok.children):
                continue  # "Summer did not wish to attend" is not her view
            if tok.tag_ == "VBN" and not any(c.dep_ == "aux" and c.lemma_ == "have" for c in tok.children):
                continue  # "when asked", "was told": something done to the child, not their view
            if lemma in observed and any(c.dep_ == "dobj" and c.lemma_.lower() in screens for c in tok.children):
                continue  # "watching TV" is not what the child showed
            subject = _subject(tok)
            if subject is not None and is_child(subject):
                return f"{subject.text} {tok.text}"
    return _quoted_child(doc, is_child)


def _quoted_child(doc: Doc, is_child: "_ChildResolver") -> str | None:
    """A direct quotation whose speaker (as textacy finds it) is the child."""
    if not any(doc.to_array(IS_QUOTE).tolist()):
        return None  # textacy finds quotations from quotation-mark tokens only
    try:
        from .quotations import direct_quotations
        for speaker, cue, content in direct_quotations(doc):
            if any(is_child(t) for t in speaker):
                return f"quoted: {speaker[0].text} {cue[0].text}"
    except Exception:  # textacy's heuristics can trip on odd quoting; the parse above decided
        pass
    return None


def _subject(verb: Token) -> Token | None:
    tok = verb
    for _ in range(3):
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "csubj")), None)
        if subj is not None:
            return subj
        if tok.dep_ in ("conj", "xcomp") and tok.head is not tok:
            tok = tok.head  # "he turned his head, babbled and lifted both arms"
            continue
        return None
    return None


class _ChildResolver:
    """Is this token one of the children? Names, child nouns, 'you' in a letter to the child,
    and he/she/they when the last named subject before it was a child."""

    def __init__(self, doc: Doc, children: set[str], child_words: frozenset[str], adults: frozenset[str],
                 letter_to_child: bool):
        self.doc = doc
        self.children = children
        # "Ellie-May" is three tokens: each part of a hyphenated name, where the whole name stands.
        self.parts = {part: name for name in children if "-" in name for part in name.split("-")}
        self.child_words = child_words
        self.adults = adults
        self.letter = letter_to_child
        self._before: tuple[list[int], list[str | None]] | None = None  # built on the first pronoun

    def last_named(self, i: int) -> str | None:
        """Whether the last named subject before token i's sentence was a "child" or an "adult"."""
        if self._before is None:
            self._before = self._subjects_before_sentences()
        starts, before = self._before
        return before[bisect.bisect_right(starts, i) - 1]

    def _subjects_before_sentences(self) -> tuple[list[int], list[str | None]]:
        """Sentence starts, and for each sentence the last named subject before it. Subjects
        are picked out from the Doc's arrays; only they become Token objects."""
        doc = self.doc
        strings = doc.vocab.strings
        arr = doc.to_array([LOWER, TAG, DEP, POS, SENT_START])
        lowers, tags, deps, poss = (arr[:, k].tolist() for k in range(4))
        starts = sentence_starts(arr[:, 4])
        subject_deps = {strings.add("nsubj"), strings.add("nsubjpass")}
        adults = {strings.add(w) for w in self.adults}
        before: list[str | None] = []
        last = None
        for k, s in enumerate(starts):
            before.append(last)
            e = starts[k + 1] if k + 1 < len(starts) else len(doc)
            if not any(tags[s:e]):
                # A sentence the model was not run on (see selective.py): in case notes the
                # subject is nearly always the first word ("Natalie finds it hard ...").
                first = doc[s]
                if self._named_child(first):
                    last = "child"
                elif first.text[:1].isupper() and first.is_alpha and first.lower_ not in _NOT_NAMES:
                    last = "adult"
                continue
            for i in range(s, e):
                if deps[i] in subject_deps and (poss[i] == _PROPN or lowers[i] in adults):
                    last = "child" if self._named_child(doc[i]) else "adult"
        return starts, before

    def _named_child(self, tok: Token) -> bool:
        if tok.text in self.children:
            return not (tok.i > 0 and tok.doc[tok.i - 1].lower_.rstrip(".") in _TITLES)
        name = self.parts.get(tok.text)
        if name is not None:
            parts = name.split("-")
            start = tok.idx - sum(len(p) + 1 for p in parts[:parts.index(tok.text)])
            return doc_text(tok.doc)[start:start + len(name)] == name
        return tok.lower_ in self.child_words

    def __call__(self, tok: Token) -> bool:
        if self._named_child(tok):
            return True
        if any(self._named_child(c) for c in tok.conjuncts):
            return True
        low = tok.lower_
        if low == "you":
            return self.letter
        if low in ("he", "she", "they"):
            return self.last_named(tok.i) == "child"
        return False


def _quoted_tokens(doc: Doc) -> set[int]:
    """Tokens between straight or curly double quotation marks."""
    strings = doc.vocab.strings
    straight, opening, closing = strings.add('"'), strings.add("“"), strings.add("”")
    marks = [(i, h) for i, h in enumerate(doc.to_array(ORTH).tolist()) if h == straight or h == opening or h == closing]
    inside: set[int] = set()
    state, last = False, 0
    for i, h in marks:
        if state:
            inside.update(range(last + 1, i))
        state = not state if h == straight else h == opening
        last = i
    if state:
        inside.update(range(last + 1, len(doc)))
    return inside


def might_expect_voice(text: str, rule: Rule) -> bool:
    """False only when the note's heading says it is not direct work (a call, an email...)."""
    if _DEAR.search(text[:200]):
        return True
    return _expects_voice(text[:400].lower(), rule, {}, False) is not False
