"""Trait labels found from the parse: a judging word said of the child or a family member.

The lexicons name the labels the guidance names ("manipulative", "hard to engage"); this check
kind finds the rest by their shape: an adjective or noun of negative polarity (VADER's lexicon,
or the rule's own trait words) as the predicate of the child or a family member ("Mum was
rude", "Kai is a liar", "Dad is controlling") or describing one ("a defiant boy"). A feeling or
a passing state ("upset", "tired", "worried") is not a trait, and what someone is said to be
about an adult outside the family ("the dealer is violent") is not a label about the family.
"""
from __future__ import annotations

from typing import Iterator

import numpy
from spacy.attrs import LEMMA, LOWER
from spacy.strings import hash_string
from spacy.tokens import Doc, Token

from .components import CANDIDATES_KEY
from .docs import in_sorted
from .lexicon import Rule
from .people import carried_subject, people_of, subject_of, word_hashes
from .strengths import polarity_lexicon

_COPULAS = {"be", "seem", "appear", "become", "remain", "look", "act", "sound", "get", "grow", "present"}


def trait_labels(doc: Doc, rule: Rule, lemmas=None) -> Iterator[tuple[int, int]]:
    states = rule.param("states")
    # A word another rule matched keeps that rule (on by default or not): "agitated" and
    # "reluctant" have rules of their own, off by default on purpose.
    covered = {i for span in doc.spans.get(CANDIDATES_KEY, []) for i in range(span.start, span.end)}
    table = _hash_table(rule)  # sorted hashes: the Doc's arrays searched in C
    arr = doc.to_array([LOWER, LEMMA])
    at = numpy.minimum(numpy.searchsorted(table, arr), len(table) - 1)
    hits = numpy.flatnonzero((table[at] == arr).any(axis=1)).tolist()
    candidates = [doc[i] for i in hits if i not in covered]
    # A negated opposite is the same label: "is not motivated" is "unmotivated", "not
    # interested" is "uninterested" (the trait word with its negative prefix).
    # (the words that take such a prefix, as hashes: the Doc's array searched in C)
    stems = _stem_table(rule)
    at = numpy.minimum(numpy.searchsorted(stems, arr[:, 0]), len(stems) - 1)
    negated = {t.i: neg.i for t in (doc[i] for i in numpy.flatnonzero(stems[at] == arr[:, 0]).tolist())
               if t.i not in covered and (t.pos_ == "ADJ" or t.tag_ == "VBN")
               for neg in [_negation(t)] if neg is not None}
    # and a prefix the tokenizer split off with its hyphen: "non-communicative", "non-compliant"
    prefixes = rule.param("negative_prefixes")
    negated.update({i: i - 2 for i in numpy.flatnonzero(stems[at] == arr[:, 0]).tolist()
                    if i >= 2 and i not in covered and doc[i - 1].text == "-" and not doc[i - 1].whitespace_
                    and doc[i - 2].lower_ in prefixes and not doc[i - 2].whitespace_})
    candidates = [t for t in candidates if not _verb_of_a_compound(t)] + [doc[i] for i in negated]
    candidates = [t for t in candidates if t.lower_ not in states and t.lemma_.lower() not in states
                  and (t.pos_ in ("ADJ", "NOUN") or t.tag_ == "VBN")]
    lacking = list(_lacking(doc, rule, covered))
    if not candidates and not lacking:
        return
    resolve = people_of(doc).resolver(doc)
    for verb, start, end in lacking:
        if verb.dep_ == "poss":
            # the faculty's owner itself: "Mum's engagement remains poor", "her insight is limited"
            person = resolve.person(verb)
            if person is not None and person.is_family:
                yield start, end
            continue
        if verb.pos_ == "NOUN":
            # "Mum's lack of insight", or a note's fragment "Lack of insight into the risks."
            owner = next((c for c in verb.children if c.dep_ == "poss"), None)
            person = resolve.person(owner) if owner is not None else None
            if owner is None or (person is not None and person.is_family):
                yield start, end
            continue
        subject = subject_of(verb)
        person = resolve.person(subject) if subject is not None else None
        if person is not None and person.is_family:
            yield start, end
    listed = rule.param("trait_words")
    describing = rule.param("describing_verbs")
    other_senses = rule.param("other_senses")
    candidates = [t for t in candidates if t.i + 1 == len(doc) or f"{t.lower_} {doc[t.i + 1].lower_}" not in other_senses]
    for label in candidates:
        person = judged = subject = None
        tok = label
        while tok.dep_ == "conj" and tok.head.i != tok.i and (
                tok.head.pos_ == label.pos_ or tok.head.lower_ in listed
                or (tok.head.i in covered and label.pos_ == "ADJ")):
            # "rude and disrespectful", "controlling and obstructive", "attention-seeking (another
            # rule's label) and defiant": said as the first is
            tok = tok.head
        if tok is not label and (tok.lower_ in states or tok.lemma_.lower() in states) \
                and label.lower_ not in listed:
            continue  # joined to a passing state, a mood too: "tired and irritable" (not "tearful then mouthy")
        head = tok.head if tok.head.lower_ != "as" else tok.head.head  # "presented as unmotivated"
        # "presenting as guarded" read as a clause: "as" marks the label, its verb the copula
        as_clause = any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children)
        # (an adjective the model hung on the copula as a clause is its complement too: "became
        # tearful then mouthy")
        if (tok.dep_ in ("acomp", "attr", "oprd", "xcomp") or tok.head.lower_ == "as" or as_clause
                or (tok.dep_ == "advcl" and tok.pos_ == "ADJ")) \
                and head.lemma_.lower() in _COPULAS:
            subject = subject_of(head)  # "Mum minimised and was dismissive": the first verb's subject
            if subject is None and head.dep_ == "acl":
                subject = head.head  # a note's fragment: "Mother presenting as guarded today"
            person = resolve.person(subject) if subject is not None else None
        elif head.lemma_.lower() in describing and (tok.head.lower_ == "as" or any(
                c.lower_ == "as" for c in tok.children)):
            # "Ms Green described him as defiant", "Kai was described as defiant": said of the
            # one described
            target = next((c for c in head.children if c.dep_ in ("dobj", "nsubjpass")), None)
            if target is None and head.tag_ == "VBN":
                target = subject_of(head)  # a note's fragment: "Father described by HV as ..."
            person = resolve.person(target) if target is not None else None
        elif tok.dep_ == "amod" and tok.head.pos_ in ("NOUN", "PROPN"):
            person = resolve.person(tok.head)
            noun = tok.head
            if person is None and noun.lemma_.lower() in rule.param("behaviour_nouns"):
                # "Kyle's defiant behaviour", "Kyle has a history of defiant behaviour": a trait
                # of the conduct's owner, or of the clause's subject
                owner = next((c for c in noun.children if c.dep_ == "poss"), None)
                if owner is None:
                    verb = noun.head
                    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
                        verb = verb.head
                    owner = subject_of(verb) if verb.pos_ in ("VERB", "AUX") else None
                person = resolve.person(owner) if owner is not None else None
            if person is None and noun.dep_ in ("attr", "oprd") and noun.head.lemma_.lower() in _COPULAS \
                    and noun.lemma_.lower() not in rule.param("general_nouns"):
                # (not a general noun: "shouting used to be the worst thing about home" judges no one)
                # "Mum is a poor historian", "Dad is a bad influence": the person the noun is said of
                subject = subject_of(noun.head)
                person = resolve.person(subject) if subject is not None else None
                if person is not None and tok.i + 1 == noun.i and noun.i not in covered and label.i not in negated:
                    judged = noun  # the judged noun is the label's end: "poor historian"
        elif tok.dep_ == "conj" and tok.pos_ == "ADJ" and tok.head.lemma_.lower() in _COPULAS:
            # joined to the copula's other complement: "he was under the influence and abusive"
            subject = subject_of(tok.head)
            person = resolve.person(subject) if subject is not None else None
        elif tok.pos_ == "ADJ" and (own := next((c for c in tok.children if c.dep_ == "nsubj"), None)) is not None:
            # an adjective with a subject of its own, however the model hung it: "School report
            # Farah defiant in lessons"
            subject = own
            person = resolve.person(subject)
        elif tok.dep_ == "ROOT" and (tok.pos_ == "ADJ" or (tok.tag_ == "VBN" and tok.lower_ in listed)):
            # "Dad is not motivated", the adjective as the root; "Kai was disinterested", a
            # listed trait the model read as a passive verb (not "Dad was arrested")
            subject = subject_of(tok)
            person = resolve.person(subject) if subject is not None else None
        start = min(label.i, negated.get(label.i, label.i))
        if person is None and tok is label and (label.pos_ == "ADJ" or label.lower_ in listed) \
                and not _a_thing(subject):
            # (not when it is said of a thing: "Told her this is not acceptable")
            # (an adjective or a listed trait: not a participle, "Dad arrested", nor a noun, "injuries")
            person = _fragment_person(doc[start], resolve, rule)
            if person is None and (carried := carried_subject(label.sent)) is not None:
                person = resolve.person(carried)  # "Kai's behaviour has got worse. Defiant with staff."
        if person is not None and person.is_family:
            yield start, (judged or label).i + 1


def _verb_of_a_compound(tok: Token) -> bool:
    """The verb of a hyphenated compound, an act and no trait: "Ruby self-harmed in January"."""
    doc = tok.doc
    return tok.tag_ in ("VBD", "VBN") and tok.i >= 2 and doc[tok.i - 1].text == "-" \
        and not doc[tok.i - 1].whitespace_ and not doc[tok.i - 2].whitespace_


def _a_thing(subject: Token | None) -> bool:
    """A subject that names no person: a common noun, or a demonstrative or neuter pronoun
    ("this is not acceptable", "it was negative")."""
    if subject is None:
        return False
    return subject.pos_ == "NOUN" or subject.morph.get("PronType") == ["Dem"] \
        or subject.morph.get("Gender") == ["Neut"]


def _fragment_person(label: Token, resolve, rule: Rule):
    """Whom a label in a note's fragment is said of, read from the words when the parse of a
    verbless line fails: "Mum v. dismissive of concerns", "Lewis non-communicative throughout",
    "... and presents as immature" (the person the line opens with, with at most a degree word
    between, or the subject of the sentence a linking verb and "as" lead back to)."""
    doc, degree = label.doc, rule.param("fragment_degree_words")
    i = label.i - 1
    while i >= label.sent.start and (doc[i].lower_ in degree or doc[i].pos_ == "ADV"):
        i -= 1
    if i > label.sent.start and doc[i].text == ")":  # "Lewis (14) non-communicative": the person's age
        opening = next((j for j in range(i - 1, max(label.sent.start, i - 6) - 1, -1) if doc[j].text == "("), None)
        i = opening - 1 if opening is not None else i
    if i >= label.sent.start and doc[i].lower_ == "as" and i - 1 >= label.sent.start \
            and doc[i - 1].lemma_.lower() in _COPULAS:
        subject = subject_of(label.sent.root)  # "Mum is a known cannabis user and presents as immature"
        return resolve.person(subject) if subject is not None else None
    if i < label.sent.start or (doc[i].pos_ not in ("PROPN", "NOUN", "PRON", "ADJ")
                                and doc[i].text not in resolve.children and doc[i].text not in resolve.adults):
        return None  # (a name the note knows, whatever the tagger made of it: "Reece mouthy with staff")
    opens = i == label.sent.start or doc[i - 1].is_punct
    return resolve.person(doc[i]) if opens else None


def _lacking(doc: Doc, rule: Rule, covered: set[int]) -> Iterator[tuple[Token, int, int]]:
    """A faculty a person is said to lack, with the verb whose subject they are: "lacks
    insight", "has no insight", "shows little remorse", "limited insight into the risks"."""
    faculties, lacking, scant = rule.param("faculties"), rule.param("lacking_verbs"), rule.param("scant_words")
    problems = rule.param("faculty_problems")
    for i in numpy.flatnonzero(in_sorted(doc.to_array(LOWER), word_hashes(faculties))).tolist():  # in C, not a Token each
        tok = doc[i]
        if tok.i in covered or tok.pos_ != "NOUN" or tok.lemma_.lower() not in faculties:
            continue
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ == "NOUN" \
                and tok.head.head.lemma_.lower() in lacking:
            yield tok.head.head, tok.head.head.i, tok.i + 1  # "lack of insight": the noun of the lacking verb
            continue
        if tok.dep_ == "compound" and tok.head.lemma_.lower() in problems:
            yield tok.head, tok.i, tok.head.i + 1  # "an attitude problem": a faculty found wanting
            continue
        after = [c for c in tok.children if c.i > tok.i and c.lower_ in scant]
        before = [c for c in tok.children if c.i < tok.i and c.dep_ in ("det", "amod") and c.lower_ in scant]
        if (after or before) and not any(t.pos_ in ("VERB", "AUX") for t in tok.sent):
            # a note's verbless line: "Attitude poor.", "Poor attitude towards the offence."
            yield tok, min(c.i for c in before) if before else tok.i, after[-1].i + 1 if after else tok.i + 1
            continue
        role = tok
        while role.dep_ == "conj" and role.head.i != role.i:
            role = role.head  # "a history of offending and a poor attitude": as the first object
        if role.dep_ not in ("dobj", "attr", "nsubj", "pobj"):
            continue
        # (after a preposition the person is its verb's: "presents as lacking motivation")
        verb = role.head.head if role.dep_ == "pobj" else role.head
        if role.dep_ == "dobj" and tok is role and (verb.lemma_.lower() in lacking or verb.lower_ in scant):
            yield verb, verb.i, tok.i + 1  # "lacks insight", "has limited insight" (read as a perfect)
            continue
        if role.dep_ == "dobj" and tok is role and tok.lemma_.lower() in rule.param("judged_when_had") \
                and verb.lemma_.lower() == "have" and not any(c.dep_ in ("amod", "compound") for c in tok.children) \
                and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children):
            yield verb, verb.i, tok.i + 1  # "he has an attitude": the bare idiom is the judgement
            continue
        markers = [c for c in tok.children if c.dep_ in ("det", "amod")
                   and (c.lower_ in scant or c.lemma_.lower() in lacking)]  # "little insight", "lacking motivation"
        if markers and role.dep_ in ("dobj", "attr", "pobj"):
            yield verb, min(m.i for m in markers), tok.i + 1  # "has no insight", "shows little remorse"
        elif role.dep_ == "nsubj" and any(c.dep_ == "poss" for c in tok.children):
            owner = next(c for c in tok.children if c.dep_ == "poss")
            if markers:
                yield owner, min(m.i for m in markers), tok.i + 1  # "her limited insight is ..."
                continue
            said = [c for c in verb.children if c.dep_ == "acomp" and c.lower_ in scant]
            if said and verb.lemma_.lower() in _COPULAS:
                yield owner, tok.i, said[0].i + 1  # "Mum's engagement with services remains poor"


def _negation(tok: Token) -> Token | None:
    """The "not" of a predicate adjective: its own, or its copula's ("is not motivated")."""
    for node in (tok, tok.head):
        for child in node.children:
            if child.dep_ == "neg" and child.i < tok.i:
                return child
    return None


def _hash_table(rule: Rule):
    cache = rule.__dict__.setdefault("_trait_words", {})
    if "table" not in cache:
        words = trait_words(rule) - rule.param("states")
        cache["table"] = numpy.array(sorted(hash_string(w) for w in words), dtype="uint64")
    return cache["table"]


def _stem_table(rule: Rule):
    """Sorted hashes of the words that a negative prefix makes a trait word ("motivated" for
    "unmotivated"), not a passing state."""
    cache = rule.__dict__.setdefault("_trait_words", {})
    if "stems" not in cache:
        words, states = trait_words(rule), rule.param("states")
        stems = {w[len(p):] for w in words for p in rule.param("negative_prefixes")
                 if w.startswith(p) and len(w) > len(p) and w not in states}
        cache["stems"] = numpy.array(sorted(hash_string(w) for w in stems) or [0], dtype="uint64")
    return cache["stems"]


def trait_words(rule: Rule) -> frozenset[str]:
    """The rule's trait words and the lexicon's words at least as negative as min_valence."""
    cache = rule.__dict__.setdefault("_trait_words", {})
    if "words" not in cache:
        least = float(rule.number("min_valence", 1.5))
        cache["words"] = rule.param("trait_words") | frozenset(
            w for w, v in polarity_lexicon().items() if v <= -least)
    return cache["words"]
