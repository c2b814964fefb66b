"""Strengths as statements: does a note that records worries also record something going well?

A **strength** is a clause whose subject is the child, a family member or the network (a name,
a role noun such as "Mum" or "the grandparents", a pronoun that stands for one of them, or
something of theirs: "his reading", "Mum's home") and whose predicate says something good: a
word of positive polarity in the VADER lexicon (Hutto and Gilbert, 2014, shipped with the
vaderSentiment package) or in the rule's own list of strength words ("settled", "attended",
"protective"), or a consistency said of what they do ("every day", "6 of 6 sessions"). Not a
strength: a negated or hypothetical predicate ("did not engage", "needs to be consistent"),
words that only say nothing was wrong ("fine", "adequate", "no concerns"), or a professional's
own effort ("I helped Mum fill in the form").

A **worry** is a sentence with a critical label, a worry word from the rule ("concern", "risk",
"bruise"), or a clause about the child or family whose predicate is negative in the lexicon
("upset", "struggling") or a negated strength ("has not attended").

The note-level verdict (S001) reports a note with worries and no strength; the summary lists the
sentences counted on each side, so a reader can see why it fired or did not. Sentences go to
`doc.spans["langcheck_strengths"]` and `doc.spans["langcheck_worries"]`.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Iterable, Mapping

import numpy
from spacy.attrs import DEP, LEMMA, LIKE_NUM, LOWER, POS
from spacy.strings import hash_string
from spacy.symbols import ADJ as _ADJ, AUX as _AUX, NOUN as _NOUN, VERB as _VERB
from spacy.tokens import Doc, Span, Token

from .docs import doc_text, in_sorted, quote_marks, topic_marks
from .lexicon import Rule
from .people import People, Resolver, is_purpose, people_data, subject_of

STRENGTHS_KEY = "langcheck_strengths"
WORRIES_KEY = "langcheck_worries"

# Dependents that carry a clause's predicate: its complement, object, adverbs and their modifiers.
_PREDICATE_DEPS = {"acomp", "attr", "oprd", "dobj", "advmod", "xcomp", "ccomp", "prep", "pobj", "amod", "npadvmod",
                   "nummod", "quantmod", "conj", "compound", "prt"}


@dataclass
class StrengthsResult:
    strengths: list[str] = field(default_factory=list)
    worries: list[str] = field(default_factory=list)
    # Of the worries, those that judge the family: a critical label, or a clause about the
    # child or a family member whose predicate is negative ("Mum did not engage").
    judged: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def polarity_lexicon() -> dict[str, float]:
    """Word -> mean valence (-4 to 4) from VADER's lexicon; single words only."""
    text = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
    out = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].isalpha() and len(parts[0]) > 2:  # not "ha", "ok", "no"
            try:
                out[parts[0].lower()] = float(parts[1])
            except ValueError:
                continue
    return out


def polar_words(rule: Rule) -> frozenset[str]:
    """The lexicon's words strong enough to count either way."""
    return _polar_words(float(rule.number("min_valence", 1.0)), False)


def positive_words(rule: Rule) -> frozenset[str]:
    """The lexicon's positive words: a sentence holding one needs the parse to tell whether it
    is a strength of the family (the selective runner's cue words)."""
    return _polar_words(float(rule.number("min_valence", 1.0)), True)


@lru_cache(maxsize=4)
def _polar_words(least: float, positive_only: bool) -> frozenset[str]:
    return frozenset(w for w, v in polarity_lexicon().items() if (v >= least if positive_only else abs(v) >= least))


_WORDS: dict[int, "_Words"] = {}


def _words_of(rule: Rule) -> "_Words":
    found = _WORDS.get(id(rule))
    if found is None or found.rule is not rule:
        found = _WORDS[id(rule)] = _Words(rule)
    return found


def assess(docs: Iterable[Doc], rule: Rule, people: People, labels: list[tuple[int, int]]) -> StrengthsResult:
    """`labels`: the character ranges of the note's critical-label findings."""
    docs = [d for d in docs if len(d)]
    result = StrengthsResult()
    offset = 0
    for doc in docs:
        length = len(doc_text(doc))
        here = [(s - offset, e - offset) for s, e in labels if offset <= s and e <= offset + length]
        strengths, worries, judged = _sentences(doc, rule, people, here)
        doc.spans[STRENGTHS_KEY] = strengths
        doc.spans[WORRIES_KEY] = worries
        # (each sentence's text sliced from the Doc's: Span.text makes a Token of each of its words)
        text = doc_text(doc)
        result.strengths += [text[s.start_char:s.end_char].strip() for s in strengths]
        result.worries += [text[s.start_char:s.end_char].strip() for s in worries]
        result.judged += [text[s.start_char:s.end_char].strip() for s in judged]
        offset += length
    return result


def _sentences(doc: Doc, rule: Rule, people: People,
               labels: list[tuple[int, int]]) -> tuple[list[Span], list[Span], list[Span]]:
    resolve = people.resolver(doc)
    polarity = polarity_lexicon()
    words = _words_of(rule)
    strengths, worries, judged = [], [], []
    label_chars = sorted(start for start, _ in labels)
    labelled = {t.i for start, end in labels for t in doc.char_span(start, end, alignment_mode="expand") or ()}
    heading_end = _heading_end(doc)
    heading_words: set[int] = set()  # "What's working well" itself is a heading, not a strength
    headed = _under_strength_heading(doc, words, heading_words)
    worry_headed = _under_heading(doc, words.worry_headings, words)
    # Only sentences holding a word that could make them a strength or a worry are read (the
    # Doc's hash arrays against the candidate words' hashes: no string per token).
    arr = doc.to_array([LOWER, LEMMA, POS, DEP, LIKE_NUM])
    table = words.candidate_hashes  # sorted: a binary search per token, in C
    at = numpy.minimum(numpy.searchsorted(table, arr[:, :2]), len(table) - 1)
    hit = (table[at] == arr[:, :2]).any(axis=1)
    numbers = arr[:, 4] != 0  # (for "all four sessions")
    negatives = words.negative_hashes
    at = numpy.minimum(numpy.searchsorted(negatives, arr[:, 0]), len(negatives) - 1)
    negative = negatives[at] == arr[:, 0]  # tokens that may be a negative word (checked in full below)
    verbs = (arr[:, 2] == _VERB) | (arr[:, 2] == _AUX)
    # Each kind counted up to each token, so that a sentence's count is two list lookups (a
    # numpy slice per sentence costs more than the sum); all the kinds in one cumulative sum
    # (a sum and a list per kind cost more than the counting). The kinds, in order:
    # - weighed: candidate words or numbers (a clause whose words hold none can be neither a
    #   strength nor a worry, so it is not read);
    # - counted: a consistency phrase's last word ("every day", "6 of 6 sessions"), or a number;
    # - the candidate words, the numbers, the verbs, and the tokens that may be a negative word;
    # - the words that the self check needs, and a worry or network phrase's first word (where
    #   each word of each sentence was tested in Python, and a phrase looked for in a sentence
    #   without its first word).
    kinds = numpy.column_stack((
        hit | numbers, numbers | in_sorted(arr[:, 0], words.consistency_word_hashes), hit, numbers, verbs, negative,
        in_sorted(arr[:, 0], words.unaided_hashes), in_sorted(arr[:, 0], words.worry_first_hashes),
        in_sorted(arr[:, 0], words.network_first_hashes)))
    upto = numpy.zeros((len(kinds) + 1, kinds.shape[1]), dtype=numpy.int64)
    numpy.cumsum(kinds, axis=0, out=upto[1:])
    (weighed, counted, hits_upto, numbers_upto, verbs_upto, negatives_upto, unaided_upto, worry_firsts_upto,
     network_firsts_upto) = upto.T.tolist()
    # Clause heads, from the arrays: verbs, and a sentence root that is an adjective or noun.
    root = doc.vocab.strings.add("ROOT")
    heads = numpy.flatnonzero(verbs | ((arr[:, 3] == root) & ((arr[:, 2] == _ADJ) | (arr[:, 2] == _NOUN)))).tolist()
    strings = doc.vocab.strings
    lower_hashes = arr[:, 0].tolist()
    # The family member each clause subject stands for (_family), worked out once per token:
    # clauses joined to one another share their subject.
    families: dict[int, str | None] = {}
    for sent in doc.sents:
        if sent.end <= heading_end + (1 if heading_end else 0):
            continue  # a heading says what and who, not how things are (its line break may end it)
        in_heading = sent.start < heading_end  # a sentence that runs on from the heading
        labelled_here = _has_label(sent, label_chars)
        unhit = not labelled_here and hits_upto[sent.end] == hits_upto[sent.start] and sent.start not in headed
        if unhit and counted[sent.end] == counted[sent.start]:
            continue
        lowers = [strings[h] for h in lower_hashes[sent.start:sent.end]]
        if unhit and not words.any_phrase(lowers, words.period_phrases):
            continue  # (only a count in every period may make it a strength: "three mornings a week")
        if _field_line(lowers, words):
            continue  # "To: Youth Court; PC Harland", "Attendees: DS Kerr (Police)": who, not how things are
        # Worries are read from the words, so the same sentence is a worry whether or not the
        # model was run on it: a label, a worry word, or a negative word said near the family.
        # (a sentence with no worry phrase's first word holds no worry phrase, whatever is blanked)
        worry = labelled_here or (worry_firsts_upto[sent.end] > worry_firsts_upto[sent.start] and words.any_phrase(
            words.without_harmless(lowers), words.worry, words.negators)) or (
            negatives_upto[sent.end] > negatives_upto[sent.start] and _negative_word(sent, polarity, words, labelled)
            and _mentions_family(sent, resolve, words, places=True))
        judging = labelled_here
        strong = False
        # (the words that the group, work and self checks need, looked for once in the sentence's
        # words: those checks read the parse, and most sentences hold none of them)
        # (a word or its singular, "clubs": set tests in C over the words and their stems)
        stems = [w[:-1] for w in lowers]
        belongs = not (words.groups.isdisjoint(lowers) and words.groups.isdisjoint(stems))
        works = not (words.occupations.isdisjoint(lowers) and words.occupations.isdisjoint(stems))
        unaided = unaided_upto[sent.end] > unaided_upto[sent.start]
        for i in heads[bisect.bisect_left(heads, max(sent.start, heading_end)):bisect.bisect_left(heads, sent.end)]:
            if i in heading_words:
                continue
            tok = doc[i]
            left, right = tok.left_edge.i, tok.right_edge.i + 1  # the clause's tokens (its subtree's) lie between
            if weighed[right] == weighed[left]:
                continue
            if tok.dep_ == "relcl" and any(c.lower_ in words.setting_relatives for c in tok.children):
                continue  # "dog faeces in the garden where Ellis plays": where, not how things are
            subject = _clause_subject(tok)
            if subject is None:
                owner = None
            elif subject.i in families:
                owner = families[subject.i]
            else:
                owner = families[subject.i] = _family(subject, resolve, words)
            if owner is None:
                if _less_of_a_worry(tok, polarity, words) and _mentions_family(sent, resolve, words):
                    strong = True  # "the arguments between Mum and Dad have stopped"
                elif subject is not None and subject.lemma_.lower() in words.care_sources \
                        and (_cares_for(tok, resolve, polarity, words) or _offers_care(tok, resolve, words)):
                    strong = True  # "a family friend has offered to have Dylan for sleepovers": the network's care
                continue
            # an arrangement of theirs, not a person ("the visit", "family time")
            thing = owner == subject.lower_ and subject.lower_ not in ("family", "they", "both") \
                and resolve.person(subject) is None
            verdict = _clause_polarity(tok, polarity, words, labelled, thing, resolve,
                                       counted[right] > counted[left])
            if verdict == 0 and not thing and tok.lemma_.lower() in words.corrections and (tok.tag_ == "VBN" or (
                    tok.tag_ == "VBD" and not any(c.dep_ in ("dobj", "dative") and c.pos_ in ("PRON", "PROPN")
                                                  for c in tok.children))):
                verdict = -1  # "Mum had to be prompted re: boundaries", "Kelly reminded of the agreement"
            if verdict > 0 and _joined_to_label(tok, labelled, words):
                verdict = 0  # "M is manipulative and has been protecting Gary": part of the worry
            # (an act of these kinds is a strength though its words tell of the worry it meets:
            # "has reported every missing episode to police", "rang us herself when out late")
            if verdict in (0, WORRIES) and (_seeks_help(tok, resolve, words) or _sets_up_routine(tok, words)
                                 or (not thing and (
                                     (belongs and _in_a_group(tok, resolve, words))
                                     or (works and _has_work(tok, resolve, words))
                                     or (unaided and _done_themselves(tok, resolve, words))))
                                 or _cares_for(tok, resolve, polarity, words) or _offers_care(tok, resolve, words)
                                 or _has_care(tok, resolve, words)):
                verdict = 1
            if verdict > 0:
                strong = True
            elif verdict < 0:
                worry = True
                judging = judging or verdict == JUDGES
            if strong and worry:
                break  # the sentence is both: no later clause can change that
        fragment = sent if verbs_upto[sent.end] == verbs_upto[sent.start] else (
            _noted(sent, words) if verbs_upto[sent.end] - verbs_upto[sent.start] == 1 else None)
        if not strong and not in_heading and fragment is not None and sent.root.tag_:
            # A note's fragment, "Jordan back by curfew every night", "Some progress with routines"
            # (and one the writer says was noted, "Some improvement in attendance noted"): the
            # fragment is its own subject and predicate.
            verdict = _fragment_polarity(fragment, resolve, polarity, words, labelled, noted=fragment is not sent)
            strong = strong or verdict > 0
            worry = worry or verdict < 0
            judging = judging or verdict < 0
        if not strong and sent.start in headed and not _cooperation_only(sent, words):
            strong = True  # "What's working well: Dad takes Sam to football": the writer's own verdict
        # (a sentence with no consistency phrase's last word nor a number says nothing
        # consistently, and its tokens need not be read)
        # A sentence of two verdicts joined by a contrast ("Her attendance is 97% this term, but
        # there have been some concerns about her eating") has its word-read checks made on each
        # part, as ANNOTATION.md counts a strength inside a worry sentence.
        parts = _contrasted_parts(sent, lowers, words) if not strong else None
        if not strong and counted[sent.end] > counted[sent.start] and any(
                not _has_label(part, label_chars) and _consistent_family(
                    part, part_lowers, resolve, words, numbered=numbers_upto[part.end] > numbers_upto[part.start])
                for part, part_lowers in (parts or [(sent, lowers)]) if counted[part.end] > counted[part.start]):
            # "Dad has attended 6 of 6 sessions", read from the words (not a critical label kept
            # up: "K has been kicking off every night")
            strong = True
        if not strong and not labelled_here and not worry and _unaided_family(sent, lowers, resolve, words):
            # "Kai went up to bed without being asked", read from the words
            strong = True
        if not strong and words.any_phrase(lowers, words.compared, words.negators) \
                and any(w in words.arrangements for w in lowers) and sum(w[:1].isdigit() for w in lowers) >= 2:
            strong = True  # "his attendance since September is 94%, up from 81%", read from the words
        if not strong and any(_works(doc[i], words) for i in heads[bisect.bisect_left(heads, sent.start):
                                                                    bisect.bisect_left(heads, sent.end)]):
            strong = True  # "the new bedtime plan is working": something of theirs said to work
        if not strong and (not worry and _good_rate(sent, lowers, words) if parts is None else any(
                not _worry_in(part, part_lowers, words, polarity, label_chars, labelled, resolve)
                and _good_rate(part, part_lowers, words) for part, part_lowers in parts)):
            strong = True  # "Her attendance is 98%", read from the words
        if not strong and network_firsts_upto[sent.end] > network_firsts_upto[sent.start] and any(
                words.any_phrase(part_lowers, words.network, words.network_negators)
                and not _negated_sentence(part) and not _field_says_none(part_lowers, words)
                for part, part_lowers in (parts or [(sent, lowers)])):
            strong = True  # "the grandparents are a safe network", "a protective factor" (not "limited support
            # network", nor the topic of a worry: "concerns re: support network")
        if strong and sent.start in worry_headed:
            strong, worry = False, True  # "Worries: Ioana is making the meals on her own": the writer's worry
        if strong:
            strengths.append(sent)
        if worry:
            worries.append(sent)
            if judging:
                judged.append(sent)
    return strengths, worries, judged


def _field_line(lowers: list[str], words: "_Words") -> bool:
    """A sentence that opens with a header field's label and a colon ("To:", "Attendees:")."""
    first = next((k for k, w in enumerate(lowers) if w.strip()), None)
    if first is None:
        return False
    for k in range(first + 1, min(first + 4, len(lowers))):
        if lowers[k] == ":":
            return " ".join(lowers[first:k]) in words.field_labels
    return False


def _contrasted_parts(sent: Span, lowers: list[str], words: "_Words") -> list[tuple[Span, list[str]]] | None:
    """The parts of a sentence either side of a contrast word that joins two clauses ("..., but
    there have been some concerns"), each with its lower-case words; None when there is none."""
    cuts = [k for k, w in enumerate(lowers) if k and w in words.contrasts and sent[k].dep_ in ("cc", "mark")]
    if not cuts:
        return None
    bounds = [0, *cuts, len(lowers)]
    return [(sent[a:b], lowers[a:b]) for a, b in zip(bounds, bounds[1:]) if b > a]


def _worry_in(part: Span, lowers: list[str], words: "_Words", polarity: Mapping[str, float],
              label_chars: list[int], labelled: set[int], resolve: Resolver) -> bool:
    """The sentence-level worry test on one part of a sentence (see _sentences)."""
    return _has_label(part, label_chars) or words.any_phrase(words.without_harmless(lowers), words.worry,
                                                             words.negators) \
        or (_negative_word(part, polarity, words, labelled) and _mentions_family(part, resolve, words, places=True))


def _noted(sent: Span, words: "_Words") -> Span | None:
    """The fragment before a sentence's one verb, when that verb is a bare participle of noting
    at its end ("Some improvement in school attendance noted."): what was noted, as a fragment."""
    end = sent.end
    while end > sent.start and (sent.doc[end - 1].is_punct or sent.doc[end - 1].is_space):
        end -= 1
    last = sent.doc[end - 1] if end > sent.start + 1 else None
    # (or before a phrase of where it was noted: "Some improvement noted in the kitchen.")
    while last is not None and last.i > sent.start + 1 and last.lemma_.lower() not in words.noting \
            and any(a.lemma_.lower() in words.noting and a.tag_ in ("VBN", "VBD") and a.i > sent.start
                    and any(c.dep_ == "prep" and c.i <= last.i <= c.right_edge.i for c in a.children)
                    for a in last.ancestors):
        last = sent.doc[last.i - 1]
    # (the model reads "Improvement noted" as a past tense as often as a participle; with no
    # object, what was noted is the fragment before it)
    if last is None or last.tag_ not in ("VBN", "VBD") or last.lemma_.lower() not in words.noting \
            or any(c.dep_ in ("aux", "auxpass", "dobj") for c in last.children):
        return None
    return sent.doc[sent.start:last.i]


def _harmless_word(tok: Token, words: "_Words") -> bool:
    """Whether the word is part of a harmless phrase of its sentence ("plays goal attack")."""
    sent = tok.sent
    lowers = [t.lower_ for t in sent]
    return words.without_harmless(lowers)[tok.i - sent.start] == ""


def _field_says_none(lowers: list[str], words: "_Words") -> bool:
    """A field whose value says there is none: "Protective factors: none identified"."""
    if ":" not in lowers:
        return False
    value = lowers[lowers.index(":") + 1:]
    value = [w for w in value if w.strip()]
    return bool(value) and value[0] in words.none_words


def _cooperation_only(sent: Span, words: "_Words") -> bool:
    """A one-off act of cooperation listed as going well ("Mum attended today's review", "Dad
    signed the plan") is procedure, not a strength (ANNOTATION.md), whatever its heading says."""
    if any(t.pos_ for t in sent):
        verbs = [t.lemma_.lower() for t in sent if t.pos_ == "VERB"]
    else:
        # A list item the model was not run on: its words that can only be verbs, from
        # lemminflect's tables ("attended", "signed"; not "takes", which may be a noun).
        from lemminflect import getAllLemmas

        verbs = []
        for t in sent:
            forms = getAllLemmas(t.lower_)
            if "VERB" in forms and not forms.keys() - {"VERB"}:
                verbs += forms["VERB"][:1]
    return bool(verbs) and all(v in words.procedural or v in words.one_off_acts for v in verbs)


def _under_strength_heading(doc: Doc, words: "_Words", heading_tokens: set[int]) -> set[int]:
    """The first sentences of the text under a heading that names what is going well ("What is
    working well:", "Strengths:"), on its line or the next, unless it says there is none."""
    return _under_heading(doc, words.strength_headings, words, heading_tokens)


def _under_heading(doc: Doc, headings: tuple[str, ...], words: "_Words",
                   heading_tokens: set[int] | None = None) -> set[int]:
    """The first sentences of the text under one of the headings, on its line or the next,
    unless it says there is none; the headings' own tokens go to `heading_tokens`."""
    if not headings:
        return set()
    text = doc_text(doc)
    starts: set[int] = set()
    offset = 0
    lines = text.split("\n")
    for k, line in enumerate(lines):
        low = line.strip().lower().lstrip("-*• ")
        heading = None
        if low.startswith(headings):  # (one test of all the headings, in C: most lines open with none)
            heading = next((h for h in headings if low.startswith(h)
                            and low[len(h):].lstrip()[:1] in (":", "-", "–", "")), None)
        if heading is not None and (low[len(heading):].lstrip()[:1] or k + 1 < len(lines)):
            rest_at = line.lower().find(heading) + len(heading)
            if heading_tokens is not None:
                words_span = doc.char_span(offset, offset + rest_at, alignment_mode="contract")
                heading_tokens.update(range(words_span.start, words_span.end) if words_span is not None else ())
            rest = line[rest_at:].lstrip(" :-–\t")
            at = offset + len(line) - len(rest)
            if not rest.strip():  # the content is on the next line
                at = offset + len(line) + 1
                rest = lines[k + 1] if k + 1 < len(lines) else ""
                at += len(rest) - len(rest.lstrip(" -*•\t"))
                rest = rest.lstrip(" -*•\t")
            first = rest.split(maxsplit=1)[0].strip(".,;:").lower() if rest.strip() else ""
            if len(rest.split()) >= 2 and first not in words.none_words:
                span = doc.char_span(at, at + 1, alignment_mode="expand")
                if span is not None:
                    starts.add(span[0].sent.start)
        offset += len(line) + 1
    return starts


def _seeks_help(verb: Token, resolve: Resolver, words: "_Words") -> bool:
    """A protective act: the family member asked for help or contacted someone who can give it
    ("she has contacted Women's Aid", "Dad rang the GP", "Mum asked for support with bedtimes",
    "she rang the duty line to ask for help"), not negated and not only planned."""
    if verb.lemma_.lower() not in words.help_verbs and not any(
            c.dep_ == "advcl" and c.lemma_.lower() in words.help_verbs for c in verb.children):
        return False  # no act of asking for help, nor its purpose (most clauses: tested first)
    if verb.tag_ == "VBN" and not any(c.dep_ == "aux" for c in verb.children):
        return False
    if any(c.dep_ == "neg" for c in verb.children) or _not_yet(verb, words):
        return False
    if verb.dep_ == "xcomp" or any(c.dep_ == "aux" and c.lower_ in words.future for c in verb.children):
        return False  # "needs to contact the GP", "will contact the school": not yet done
    if _done_by_another(verb, resolve):
        return False  # "Kacper reported MFH at 19:00 by foster carer": done by the carer, not the subject
    # The act itself, or its purpose: the purpose of an act done is done with it.
    acts = [verb] + [c for c in verb.children if c.dep_ == "advcl"
                     and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)]
    return any(act.lemma_.lower() in words.help_verbs and _asks_a_helper(act, resolve, words) for act in acts)


def _cares_for(verb: Token, resolve: Resolver, polarity: Mapping[str, float], words: "_Words") -> bool:
    """Care given to a child by a family member or the network (ANNOTATION.md: a person who
    keeps the child safe or supports the family): "Nan reads to her every night", "Dad helped
    him with his homework", "Grandad drives them to the hospital". The child is the verb's
    object or the object of one of the care prepositions; the act is done or habitual, not
    negated, not only planned, not done to the child by someone else (a passive), and its own
    clause holds no worry ("took her out of school without telling anyone" is a worry)."""
    lemma = verb.lemma_.lower()
    if lemma not in words.care_lemmas:
        return False
    children = list(verb.children)
    # The verb alone ("helps him"), with its particle ("picks them up") or with the preposition
    # whose object is the one cared for ("looks after the children").
    preps = [c for c in children if c.dep_ == "prep" and (c.lower_ in words.care_preps
                                                          or f"{lemma} {c.lower_}" in words.care_verbs)]
    if lemma not in words.care_verbs and _with_particle(verb) not in words.care_verbs \
            and not any(f"{lemma} {c.lower_}" in words.care_verbs for c in preps):
        return False
    # (the purpose of an act done is done with it: "took the morning off work to drive him in")
    done = verb.head if is_purpose(verb) else verb
    if done.tag_ not in ("VBD", "VBZ", "VBP", "VBN", "VBG") or any(c.dep_ in ("auxpass", "neg") for c in children) \
            or (done is not verb and any(c.dep_ == "neg" for c in done.children)):
        return False
    if any(c.dep_ == "prt" for c in children) and _with_particle(verb) not in words.care_verbs:
        return False  # a phrasal verb is not its verb: "stayed out overnight with Amani" is no "stay with"
    if done.tag_ in ("VBN", "VBG") and not any(c.dep_ == "aux" for c in done.children):
        return False  # "helped by Nan", "helping him": not a finite act of the subject's
    if _not_yet(done, words) or any(c.dep_ == "aux" and c.lower_ in words.future for c in done.children):
        return False
    if not any((resolve.is_child(c) or c.lower_ in resolve.data.child_nouns)
               and not any(g.dep_ == "poss" and g.pos_ == "NOUN" for g in c.children)
               for c in _cared_for(verb, words)):
        return False  # (not someone else's child: "stayed with a mate's older brother")
    # A worry in the act itself ("drove him home drunk") undoes it; one in a clause of its own
    # is the occasion for the care ("cuddled Isla when she cried").
    return not any(polarity.get(t.lower_, 0.0) <= -words.min_worry_valence or _Words.any_phrase([t.lower_], words.worry)
                   for t in _own_words(verb))


def _has_care(verb: Token, resolve: Resolver, words: "_Words") -> bool:
    """Care that the clause's subject has from the family or the network (ANNOTATION.md: a person
    who supports the family): "Ruby has some support from friends and her nan", "Mum gets help
    from her sister"; not negated ("has no support from family") nor only planned."""
    if verb.lemma_.lower() not in words.receiving or verb.tag_ not in ("VBD", "VBZ", "VBP", "VBN"):
        return False
    kids = list(verb.children)
    if any(c.dep_ in ("neg", "auxpass") or (c.dep_ == "aux" and c.lower_ in words.future) for c in kids) \
            or _not_yet(verb, words):
        return False
    for care in (c for c in kids if c.dep_ == "dobj" and c.lemma_.lower() in words.care_nouns):
        if any(g.dep_ in ("det", "neg") and g.lower_ in words.negators for g in care.children):
            return False  # "no support from family"
        sources = [g for c in (*kids, *care.children) if c.dep_ == "prep" and c.lower_ == "from"
                   for g in c.children if g.dep_ == "pobj"]
        sources += [j for g in sources for j in g.conjuncts]
        if any(g.lemma_.lower() in words.care_sources or g.lower_ in words.care_sources
               or ((p := resolve.person(g)) is not None and p.is_family) for g in sources):
            return True
    return False


def _offers_care(verb: Token, resolve: Resolver, words: "_Words") -> bool:
    """An offer of care made (ANNOTATION.md: a person who keeps the child safe or supports the
    family): "Nan has offered to have the children after school", "Pauline has offered for Jade
    and Ellis to stay with her"; the offer's clause names the child. Not an offer of a thing ("Mum
    offered me a cup of tea"), nor one negated or still to come."""
    if verb.lemma_.lower() not in words.offer_verbs or verb.tag_ not in ("VBD", "VBZ", "VBP", "VBN"):
        return False
    kids = list(verb.children)
    if any(c.dep_ in ("neg", "auxpass") or (c.dep_ == "aux" and c.lower_ in words.future) for c in kids) \
            or _not_yet(verb, words) or (verb.tag_ == "VBN" and not any(c.dep_ == "aux" for c in kids)):
        return False
    offered = [c for c in kids if c.dep_ in ("xcomp", "ccomp")]
    return any(resolve.is_child(t) or t.lower_ in resolve.data.child_nouns for c in offered for t in c.subtree)


def _cared_for(verb: Token, words: "_Words") -> list[Token]:
    """Whom a verb of care is given to: its object, or the object of a care preposition."""
    lemma = verb.lemma_.lower()
    preps = [c for c in verb.children if c.dep_ == "prep" and (c.lower_ in words.care_preps
                                                               or f"{lemma} {c.lower_}" in words.care_verbs)]
    return [c for c in verb.children if c.dep_ in ("dobj", "dative")] + [
        g for c in preps for g in c.children if g.dep_ == "pobj"]


def _cares_for_another(tok: Token, resolve: Resolver | None, words: "_Words") -> bool:
    """Care given to someone who is not the child ("caring for her mother", "protecting
    Gary"): the care rule judges care, and care of another is no strength of the child's network
    (nor, when it shields the one who hurt the child, a protective act)."""
    if resolve is None or tok.pos_ != "VERB" or tok.lemma_.lower() not in words.care_lemmas:
        return False
    cared_for = _cared_for(tok, words)
    return bool(cared_for) and not any(resolve.is_child(c) or c.lower_ in resolve.data.child_nouns
                                       for c in cared_for)


def _joined_to_label(verb: Token, labelled: set[int], words: "_Words") -> bool:
    """A clause joined by "and" to a clause that holds a critical label, or set out after a colon
    that follows the label, is part of that worry ("M is manipulative and has been protecting
    Gary"); one set against it is a strength (ANNOTATION.md: "Mum is chaotic in the mornings but
    has kept every appointment")."""
    if not labelled:
        return False
    sent = verb.sent
    colon = next((t.i for t in sent if t.text == ":" and t.i < verb.i), None)
    if colon is not None and any(sent.start <= i < colon for i in labelled):
        # what a colon sets out after a label is the label's evidence, part of the worry: "Mum
        # continues to show disguised compliance: she agreed to do the hair strand test and has
        # not booked it"
        return True
    if verb.dep_ != "conj":
        return False
    head = verb.head
    between = verb.doc[head.i:verb.i]
    if any(t.lower_ in words.contrasts for t in between):
        return False
    inside = range(verb.left_edge.i, verb.right_edge.i + 1)
    return any(head.left_edge.i <= i < verb.i and i not in inside for i in labelled)


def _own_words(verb: Token) -> list[Token]:
    """The words of the verb's subtree outside any clause with a subject of its own."""
    out, stack = [], [verb]
    while stack:
        tok = stack.pop()
        for c in tok.children:
            if c.dep_ in ("advcl", "relcl", "ccomp", "conj", "parataxis", "acl") \
                    and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children):
                continue
            out.append(c)
            stack.append(c)
    return out


def _sets_up_routine(verb: Token, words: "_Words") -> bool:
    """Effort towards change: the family member started, changed, set up or kept up a routine
    for the child ("Dad has changed the evening routine", "started a bath-book-bed routine",
    "has been keeping a feed chart"), or put a plan to use ("has used her calm-down plan"), done,
    not negated and not only planned."""
    lemma = verb.lemma_.lower()
    using = lemma in words.using
    if (lemma not in words.change_verbs and not using) or verb.tag_ not in ("VBD", "VBN", "VBZ", "VBP", "VBG"):
        return False
    if verb.tag_ == "VBG" and not any(c.dep_ == "aux" and c.lemma_ in ("be", "have") for c in
                                      (verb.head if verb.dep_ == "conj" else verb).children):
        return False  # only in a progressive, "has been keeping a feed chart" (not "keeping a chart would help")
    if verb.tag_ == "VBN" and not any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children):
        return False  # "a routine was changed": done to them
    if any(c.dep_ == "neg" for c in verb.children) or _not_yet(verb, words) \
            or any(c.dep_ == "aux" and c.lower_ in words.future for c in verb.children):
        return False
    if using:
        return any(c.dep_ == "dobj" and c.lower_ in words.working_things for c in verb.children)
    # (or the routine a relative clause is about: "the picture chart she made at the weekend")
    return any(c.dep_ == "dobj" and c.lemma_.lower() in words.routines for c in verb.children) or (
        verb.dep_ == "relcl" and verb.head.lemma_.lower() in words.routines
        and not any(c.dep_ == "dobj" for c in verb.children))


def _in_a_group(verb: Token, resolve: Resolver, words: "_Words") -> bool:
    """A place in a group the child or family belongs to and takes part in ("she plays for the
    school team", "Kai is in the choir", "Dad helps at the football club"), done or kept up,
    not negated and not only planned or wished."""
    if verb.pos_ not in ("VERB", "AUX") or verb.tag_ not in ("VBD", "VBZ", "VBP", "VBG", "VBN"):
        return False
    if any(c.dep_ in ("neg", "auxpass") or (c.dep_ == "aux" and c.lower_ in words.future) for c in verb.children) \
            or _not_yet(verb, words) or (verb.dep_ == "xcomp" and verb.head.lemma_.lower() in words.wish_verbs) \
            or (verb.tag_ == "VBN" and not any(c.dep_ == "aux" for c in verb.children)):
        return False  # (nor done to them: "has been given toast at breakfast club", "Referral passed to the team")
    if any(f"{verb.lemma_.lower()} {c.lower_}" in words.handing_on for c in verb.children if c.dep_ in ("prep", "prt")):
        return False  # "Referral passed to MASH for the day team": handed on
    subject = subject_of(verb)
    person = resolve.person(subject) if subject is not None else None
    if person is None or not (person.kind == "child" or person.role == "family"):
        return False  # the child or a known family member
    def a_group(t: Token) -> bool:
        return t.lower_ in words.groups or t.lemma_.lower() in words.groups

    if verb.lemma_.lower() in words.joining_verbs and any(c.dep_ == "dobj" and a_group(c) for c in verb.children):
        return True  # "he has joined chess club"
    return any(c.dep_ == "prep" and c.lower_ in words.group_links and any(
        g.dep_ == "pobj" and a_group(g) for g in c.children) for c in verb.children)


def _has_work(verb: Token, resolve: Resolver, words: "_Words") -> bool:
    """Work of the young person's or a parent's own ("she spent the afternoon at her Saturday
    job", "he has started an apprenticeship", "Dad works at the depot"): a job held, done and not
    negated, not lost or left."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() in words.leaving_verbs:
        return False
    if any(c.dep_ in ("neg", "auxpass") or (c.dep_ == "aux" and c.lower_ in words.future) for c in verb.children) \
            or _not_yet(verb, words) or (verb.dep_ == "xcomp" and verb.head.lemma_.lower() in words.wish_verbs):
        return False
    subject = subject_of(verb)
    person = resolve.person(subject) if subject is not None else None
    if person is None or not (person.kind == "child" or person.role == "family"):
        return False
    held = [c for c in verb.children if c.dep_ == "dobj"] + [
        g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    return any(t.lemma_.lower() in words.occupations and not any(
        g.dep_ == "det" and g.lower_ in ("no", "any") for g in t.children) for t in held)


def _done_themselves(verb: Token, resolve: Resolver, words: "_Words") -> bool:
    """Something the child or family did themselves ("he did most of it himself", "Nasreen
    explained her situation herself", "she now makes her breakfast independently"): a reflexive
    that stresses who did it, not its object ("hurt himself"), done and not negated."""
    if verb.pos_ != "VERB" or verb.tag_ not in ("VBD", "VBZ", "VBP", "VBG", "VBN"):
        return False
    if any(c.dep_ in ("neg", "auxpass") or (c.dep_ == "aux" and c.lower_ in words.future) for c in verb.children) \
            or _not_yet(verb, words) or (verb.tag_ == "VBN" and not any(c.dep_ == "aux" for c in verb.children)):
        return False
    subject = subject_of(verb)
    person = resolve.person(subject) if subject is not None else None
    if person is None or not (person.kind == "child" or person.role == "family"):
        return False
    for tok in verb.subtree:
        own = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
        if own is None or own.i != verb.i:
            continue
        if tok.lower_ in words.self_words and tok.dep_ in ("appos", "npadvmod", "advmod"):
            return True
        if tok.lower_ in words.unaided_adverbs and tok.dep_ == "advmod":
            return True
    return False


def _topic_of_worry(verb: Token, words: "_Words") -> bool:
    """A clause that is what a worry is about: the object of a topic word ("about", "re") after
    a worry word ("worries about how he is managing", "concerns regarding whether she copes")."""
    for a in verb.ancestors:
        if a.dep_ == "prep" and a.lower_ in words.topics and (
                _Words.any_phrase([a.head.lower_], words.worry) or _Words.any_phrase([a.head.lemma_.lower()], words.worry)):
            return True
    return False


def _done_by_another(verb: Token, resolve: Resolver) -> bool:
    """A person named as the doer after "by" in the verb's own phrases (however the model hangs
    the phrase): the act is theirs, and the subject had it done to them."""
    for t in verb.subtree:
        if t.lower_ != "by" or t.dep_ not in ("agent", "prep"):
            continue
        link = t  # (the phrase is the verb's own: reached through prepositions and objects only)
        while link.head.i != verb.i and link.dep_ in ("agent", "prep", "pobj", "dobj"):
            link = link.head
        if link.head.i == verb.i and link.dep_ in ("agent", "prep", "pobj", "dobj") and any(
                g.dep_ == "pobj" and resolve.person(g) is not None for g in t.children):
            return True
    return False


def _asks_a_helper(verb: Token, resolve: Resolver, words: "_Words") -> bool:
    # (a number called is its object, however the model hangs it: "rang 999 herself")
    objects = [c for c in verb.children if c.dep_ in ("dobj", "dative")
               or (c.dep_ in ("nummod", "npadvmod") and c.pos_ == "NUM" and c.i == verb.i + 1)]
    # (and "to" whom, however the model hangs it: "reported the damp to housing", on the object)
    objects += [g for c in verb.children for p in (c, *(c.children if c.dep_ == "dobj" else ()))
                if p.dep_ == "prep" and p.lower_ in ("for", "to") for g in p.children if g.dep_ == "pobj"]
    for obj in objects:
        if obj.lemma_.lower() in words.help_sources or obj.lower_ in words.help_sources:
            return True
        if any(c.dep_ in ("poss", "compound") and (c.lemma_.lower() in words.help_sources or c.lower_ in words.help_sources)
               for c in obj.subtree if c.i != obj.i):
            return True  # "asked for the family support worker's number"
        if obj.pos_ == "PROPN" and resolve.person(obj) is None:
            return True  # a service by its name
    return False


def _consistent_family(sent: Span, lowers: list[str], resolve: Resolver, words: "_Words",
                       numbered: bool = True) -> bool:
    """A sentence whose first person is the child or family and that says they do something
    consistently ("every day", "6 of 6 sessions"), with no negation or worry in it. Read from
    the words, so it holds whether or not the model was run on the sentence. `numbered`: False
    when no word of the sentence is like a number."""
    if not _may_be_consistent(set(lowers), numbered, words):
        return False
    # (not in what someone is quoted as saying: 'stated "you lot are always on my back"')
    # (nor in a clause of someone else's: "seen at the clinic twice, with an older male waiting
    # outside each time" tells how often he waits)
    unquoted = [t for t in _unquoted(sent) if not _anothers_clause(t, resolve)]
    if not (words.consistent([t.lower_ for t in unquoted]) or _all_of(unquoted, words)
            or _per_period(unquoted, words)):
        return False
    harmless = words.without_harmless(lowers)
    if any(w in words.negators for w in words.without_unaided(lowers)) or _Words.any_phrase(harmless, words.worry) \
            or _Words.any_phrase([(t.lemma_ or t.lower_).lower() if h else "" for t, h in zip(sent, harmless)],
                                 words.worry):
        return False
    if _negative_word(sent, polarity_lexicon(), words, set()) or any(_excess(t, words) for t in sent):
        return False  # "mornings are a battle every single day": a worry kept up is no strength
    if any(t.pos_ == "VERB" and _worse(t, polarity_lexicon(), words) for t in sent):
        return False  # "his behaviour has deteriorated since contact went from weekly to monthly"
    if any((t.lemma_ or t.lower_).lower() in words.doubted for t in sent):
        return False  # "Parents claim they brush his teeth daily": their account, unconfirmed
    if any(t.dep_ == "ROOT" and t.lemma_.lower() in words.procedural and not _commits(t, words) for t in sent):
        return False  # "Mum agreed to the plan for weekly weighing": procedure, however often
    if any(t.dep_ == "agent" or (t.tag_ == "VBN" and t.dep_ in ("ROOT", "acl") and not any(
            c.dep_ == "aux" for c in t.children)) for t in sent):
        return False  # "views gathered by SW ... with each child", "All 3 children seen": done by someone else
    if any(t.dep_ == "ROOT" and _directed(t, words) for t in sent):
        return False  # "Carer advised to record all episodes in the daily log": the writer's advice
    if sent.root.lemma_.lower() in words.request_verbs:
        return False  # "Mum is requesting respite 4 nights per month": asked for, not done
    verbs = [t for t in sent if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass")]
    if verbs and all(_not_yet(v, words) or any(c.dep_ == "aux" and c.lower_ in words.future for c in v.children)
                     for v in verbs):
        # "Mum to ensure children in school on time", "your contact will now take place on
        # Saturdays": an action set or an arrangement to come, not yet done
        return False
    return _first_person_is_family(sent, resolve)


def _may_be_consistent(here: set[str], numbered: bool, words: "_Words") -> bool:
    """Whether a sentence with these words can pass the three tests of _consistent_family at all.
    They read some of its words (those outside quotations and others' clauses), so every word of
    what they look for must be among the sentence's: a consistency phrase's words, a period
    phrase's (after a number or "twice"), or a number with "all", "of" or "%" ("all 5", "6 of
    6", "100%"). Four in five sentences that reached the tests fail this (a date's or a time's
    number lets them in), and walking each of their tokens' clauses made this test a sixth of the
    strengths check."""
    if any(phrase <= here for phrase in words.consistency_word_sets):
        return True
    counts = numbered or not here.isdisjoint(words.times_words)
    if counts and any(phrase <= here for phrase in words.period_word_sets):
        return True
    return numbered and ("of" in here or "all" in here or "%" in here)


def _first_person_is_family(sent: Span, resolve: Resolver) -> bool:
    """Whether the first person a sentence names is the child or their family, read from the
    words so that it holds whether or not the model was run on the sentence."""
    for tok in sent:
        if tok.lower_ in ("he", "she", "they", "her", "his", "their"):
            return True  # (or theirs: "Her neighbour, Mrs Gill, takes both children to school ...")
        if tok.lower_ in ("i", "we") or tok.lower_.endswith(("ed", "ing")):
            return False  # the writer, or a verb opening a fragment ("Advised Mum that ...")
        person = resolve._named(tok)
        if person is not None:
            return person.is_family
        if not tok.tag_ and tok.is_title and tok.is_alpha and tok.lower_ not in resolve.data.not_names \
                and not _plain(tok.lower_):
            return True  # a name, in a sentence the model was not run on
    return False


def _unaided_family(sent: Span, lowers: list[str], resolve: Resolver, words: "_Words") -> bool:
    """Something the child or family did without a prompt or help ("Kai went up to bed without
    being asked", "Dad made up the feeds without prompting"): no negation or worry besides,
    and not an account the writer doubts. Read from the words."""
    rest = words.without_unaided(lowers)
    if rest is lowers or rest == lowers:
        return False
    if any(w in words.negators for w in rest) or _Words.any_phrase(words.without_harmless(rest), words.worry):
        return False
    if any(w in words.doubted for w in lowers) or any(w in words.future for w in lowers):
        return False
    return _first_person_is_family(sent, resolve)


def _anothers_clause(tok: Token, resolve: Resolver) -> bool:
    """Whether the clause a word stands in is said of someone other than the child or family: a
    participle or relative clause on another noun ("a man waiting outside each time"), or a
    clause whose subject is known to be a professional or another adult outside the family
    (False where the model was not run.)"""
    if not tok.tag_:
        return False
    # (the ancestors are walked only up to the first verb: a list of them all made a Token of
    # every one, for each word of the sentence)
    verb = tok if tok.pos_ in ("VERB", "AUX") else next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return False
    if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
        person = resolve.person(verb.head)
        return person is None or not person.is_family
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ == "PRON":
        return False
    person = resolve.person(subject)
    return person is not None and person.kind == "adult" and person.role in ("professional", "other")


def _good_rate(sent: Span, lowers: list[str], words: "_Words") -> bool:
    """A rate of the child's said to be high: "Her attendance is 98%" (a percentage at or above
    good_rate, in a sentence that names one of the good_rates and no negation)."""
    if not any(w in words.good_rates for w in lowers) or any(w in words.negators for w in lowers):
        return False
    # (read from the words, as a line of figures often has no parse: "Targets: attendance to be
    # above 95%", "should be 96%" are targets, not yet rates)
    if any(w in words.not_yet or w in words.future for w in lowers) \
            or any(a == "to" and b == "be" for a, b in zip(lowers, lowers[1:])):
        return False
    doc = sent.doc
    for tok in sent:
        if tok.like_num and tok.i + 1 < sent.end and doc[tok.i + 1].text == "%":
            try:
                if float(tok.text) / 100 >= words.good_rate:
                    return True
            except ValueError:
                continue
    return False


def _unquoted(sent: Span) -> list[Token]:
    """The sentence's tokens outside quotation marks. A single mark standing alone opens a
    quotation after a space and before a word ("said school 'always pick on' her"); it closes
    one only when one is open, so a plural's apostrophe ("the parents' house") is passed over."""
    doc = sent.doc
    marks = quote_marks(doc)  # (spaCy's IS_QUOTE holds for each of the marks read below)
    k = bisect.bisect_left(marks, sent.start)
    if k == len(marks) or marks[k] >= sent.end:
        return list(sent)  # no quotation mark in the sentence, read from the Doc's arrays
    out, inside = [], False
    for tok in sent:
        if tok.text in ("\"", "“", "”"):
            # a straight mark opens or closes; a curly one says which
            inside = not inside if tok.text == "\"" else tok.text == "“"
        elif tok.text in ("'", "‘", "’") and tok.tag_ != "POS":
            opens = (tok.i == 0 or doc[tok.i - 1].whitespace_ != "") and not tok.whitespace_
            if inside and not opens:
                inside = False
            elif not inside and opens:
                inside = True
        elif not inside:
            out.append(tok)
    return out


def _plain(low: str) -> bool:
    from spacy.lang.en.stop_words import STOP_WORDS

    return low in STOP_WORDS


def _negative_word(sent: Span, polarity: Mapping[str, float], words: "_Words", labelled: set[int]) -> bool:
    lowers = [t.lower_ for t in sent]
    # Only a word of negative polarity can be one: the other tests are read for those words
    # alone (they were read for every word of the sentence, and "tested" from every lemma).
    negative = [k for k, low in enumerate(lowers) if polarity.get(low, 0.0) <= -words.min_worry_valence]
    if not negative:
        return False
    harmless = words.without_harmless(lowers)  # (a word of a harmless phrase is no worry: "goal attack")
    tested = None  # whether the sentence names a test, read when a result word asks
    for k in negative:
        tok = sent[k]
        if tok.i in labelled or tok.lower_ in words.nothing_wrong or tok.lower_ in words.negators \
                or _hyphenated(tok) or not harmless[k]:
            continue
        if tok.lower_ in words.result_words:
            if tested is None:
                tested = any(t.lemma_.lower() in words.test_words or t.lower_ in words.test_words for t in sent)
            if tested:
                continue
        if not any(w in words.negators for w in lowers[max(0, k - 2):k]):
            return True
    return False


def _mentions_family(sent: Span, resolve: Resolver, words: "_Words", places: bool = False) -> bool:
    """The child or the family is mentioned, by a name, a role noun or a personal pronoun
    (read from the words alone, not the parse); with `places`, their home too ("House messy
    again": a worry about the family's home is a worry about the family)."""
    data = resolve.data
    for tok in sent:
        low = tok.lower_
        if low in _FAMILY_PRONOUNS or low in data.child_nouns or low in data.family_nouns \
                or (places and low in words.family_places):
            return True
        if tok.text in resolve.children or resolve.adults.get(tok.text, "professional") in ("family", None):
            return True
    return False


_FAMILY_PRONOUNS = {"he", "she", "they", "his", "her", "their", "him", "them"}


def _heading_end(doc: Doc) -> int:
    """The token after a note's heading: its first line, when that line is short and more
    follows (0 when there is no such heading). A first line that ends a sentence in which
    someone does something ("Mum reports Jack has tantrums and poor sleep.") is the note's
    first sentence, not a heading ("Home visit - Jack (3)", "Visit to Leo at home.")."""
    for tok in doc[:30]:
        if tok.is_space and "\n" in tok.text:
            if tok.i + 1 >= len(doc):
                return 0
            line = doc[:tok.i]
            ends = next((t for t in reversed(line) if not t.is_space), None)
            if ends is not None and ends.is_punct and ends.text in _SENTENCE_ENDS and any(
                    t.tag_ in _FINITE and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children) for t in line):
                return 0
            return tok.i
    return 0


_FINITE = {"VBD", "VBZ", "VBP", "MD"}
_SENTENCE_ENDS = {".", "!", "?"}


_DIGITS = [str(n) for n in range(100)]


class _Words:
    def __init__(self, rule: Rule):
        self.rule = rule
        self.strength = rule.param("strength_words")
        # A worry word, or a need gone without ("arrived without breakfast") or clothes not changed
        # ("the same leggings four days running"): the pairs are phrases of two or three words.
        lacking = [(w,) + ((f,) if f else ()) for w in sorted(rule.param("lacking_words") or ())
                   for f in [""] + sorted(rule.param("lacking_fillers") or ())]
        pairs = [a + (n,) for a in lacking for n in sorted(rule.param("basic_needs") or ())] + [
            (w, c) for w in sorted(rule.param("repeat_words") or ()) for c in sorted(rule.param("clothing_words") or ())]
        self.worry = _Phrases(sorted({tuple(p.split()) for p in rule.param("worry_words")} | set(pairs)))
        self.harmless = _Phrases(tuple(p.split()) for p in sorted(rule.param("harmless_phrases") or ()))
        self.nothing_wrong = rule.param("nothing_wrong")
        self.family_places = rule.param("family_places")
        self.setting_relatives = rule.param("setting_relatives")
        self.not_yet = rule.param("not_yet")
        self.past_when_negated = rule.param("past_when_negated")
        self.consistency = _Phrases(tuple(p.split()) for p in sorted(rule.param("consistency")))
        self.most_of = float(rule.number("most_of", 1.0))
        self.good_rates = rule.param("good_rates") or frozenset()
        self.good_rate = float(rule.number("good_rate", 1.0))
        self.reciprocals = tuple(tuple(p.split()) for p in sorted(rule.param("reciprocals")))
        self.network = _Phrases(tuple(p.split()) for p in sorted(rule.param("network_phrases")))
        self.arrangements = rule.param("arrangements")
        self.negating = rule.param("negating_verbs")
        self.conditions = rule.param("conditions")
        self.hopes = rule.param("writers_hopes")
        self.doubted = rule.param("doubted_reports")
        self.feared_by = rule.param("feared_by") or frozenset()
        self.factive = rule.param("factive_verbs") or frozenset()
        self.own_account_verbs = rule.param("own_account_verbs") or frozenset()
        self.noun_sense_valence = rule.param("noun_sense_valence") or frozenset()
        self.handing_on = rule.param("handing_on") or frozenset()
        self.self_assessments = rule.param("self_assessments") or frozenset()
        self.procedural = rule.param("procedural_verbs")
        self.one_off_acts = rule.param("one_off_acts")
        self.occasion_marks = rule.param("occasion_marks")
        self.sleep_verbs = rule.param("sleep_verbs") or frozenset()
        self.request_verbs = rule.param("request_verbs") or frozenset()
        self.sleep_words = rule.param("sleep_words") or frozenset()
        self.cause_marks = rule.param("cause_marks") or frozenset()
        self.light_verbs = rule.param("light_verbs")
        self.decrease = rule.param("decrease_verbs")
        self.worse_when_down = rule.param("worse_when_down") or frozenset()
        self.working_verbs = rule.param("working_verbs") or frozenset()
        self.working_things = rule.param("working_things") or frozenset()
        self.amount_down = rule.param("amount_down_verbs") or frozenset()
        self.amount_down_lemmas = frozenset(p.split()[0] for p in self.amount_down)
        self.increase = rule.param("increase_verbs")
        # the comparisons among them that need no verb ("up from"), read from the words too
        self.compared = _Phrases(tuple(p.split()) for p in sorted(self.increase) if p.split()[-1] == "from")
        self.decrease_lemmas = frozenset(p.split()[0] for p in self.decrease)
        self.increase_lemmas = frozenset(p.split()[0] for p in self.increase)
        self.sustained = rule.param("sustained_markers")
        self.single_counts = rule.param("single_counts")
        self.adverb_suffixes = rule.param("adverb_suffixes")
        self.pro_verbs = rule.param("pro_verbs")
        self.corrections = rule.param("correction_verbs")
        self.pro_forms = rule.param("pro_forms")
        self.change_verbs = rule.param("change_verbs")
        self.routines = rule.param("routines")
        self.care_verbs = rule.param("care_verbs")
        self.offer_verbs = rule.param("offer_verbs")
        self.care_lemmas = frozenset(p.split()[0] for p in self.care_verbs)
        self.care_preps = rule.param("care_prepositions")
        self.receiving = rule.param("receiving_verbs") or frozenset()
        self.using = rule.param("using_verbs") or frozenset()
        self.count_spans = rule.param("count_spans") or frozenset()
        self.care_nouns = rule.param("care_nouns") or frozenset()
        self.care_sources = rule.param("care_sources") or frozenset()
        # (the nouns of people, read once: a person's size is no scant amount, "her little brother")
        data = people_data()
        self.person_nouns = data.family_nouns | data.sibling_nouns | data.child_nouns
        self.time_words = rule.param("time_words")
        self.copulas = rule.param("copulas")
        self.occurrence = rule.param("occurrence_verbs")
        self.writers = rule.param("writer_words") or frozenset(("i", "we"))
        self.refusing = rule.param("refusal_verbs")
        self.view_verbs = rule.param("view_verbs")
        self.pending_words = rule.param("pending_words")
        self.result_words = rule.param("result_words")
        self.test_words = rule.param("test_words")
        self.good_results = rule.param("good_results") or frozenset()
        self.service_joins = rule.param("service_joins") or frozenset()
        self.service_heads = rule.param("service_heads") or frozenset()
        self.impression_verbs = rule.param("impression_verbs")
        self.welfare_words = rule.param("welfare_words")
        self.cooperation_verbs = rule.param("cooperation_verbs")
        self.periods = tuple(tuple(p.split()) for p in sorted(rule.param("periods")))
        self.period_phrases = _Phrases(self.periods)
        # (each phrase's words as a set: a sentence lacking one of them cannot hold the phrase)
        self.consistency_word_sets = tuple(frozenset(p) for p in self.consistency)
        self.period_word_sets = tuple(frozenset(p) for p in self.periods)
        self.times_words = rule.param("times_words")
        self.occasions = rule.param("occasion_words")
        self.measures = rule.param("progress_measures")
        self.pending_things = rule.param("pending_things")
        self.negators = rule.param("negators")
        self.scant = rule.param("scant_words")
        self.topics = rule.param("topic_words")
        # (what keeps a network phrase from being a strength, joined once, not per sentence)
        self.network_negators = self.negators | self.scant | self.topics
        self.adequacy = rule.param("adequacy_words")
        self.directives = rule.param("directive_verbs")
        self.honours = rule.param("honour_verbs")
        self.praise = rule.param("praise_verbs")
        self.general_subjects = rule.param("general_subjects") or frozenset()
        self.questions = rule.param("question_verbs")
        self.honour_links = rule.param("honour_links")
        self.groups = rule.param("groups") or frozenset()
        self.joining_verbs = rule.param("joining_verbs") or frozenset()
        self.hedge_phrases = rule.param("hedge_phrases") or frozenset()
        self.occupations = rule.param("occupations") or frozenset()
        self.leaving_verbs = rule.param("leaving_verbs") or frozenset()
        self.unaided_marks = rule.param("unaided_marks") or frozenset()
        self.self_words = rule.param("self_words") or frozenset()
        self.unaided_adverbs = rule.param("unaided_adverbs") or frozenset()
        self.unaided = _Phrases(tuple(p.split()) for p in sorted(rule.param("unaided_help") or ()))
        self.group_links = rule.param("group_links") or frozenset()
        self.wish_verbs = rule.param("wish_verbs") or frozenset()
        self.excess = rule.param("excess_prefixes")
        self.pleasantries = rule.param("pleasantries")
        self.intensifiers = rule.param("intensifiers")
        self.degree_heads = rule.param("degree_heads") or frozenset()
        self.admissions = rule.param("admission_verbs")
        self.field_labels = rule.param("field_labels")
        self.tentative = rule.param("tentative_verbs")
        self.contrasts = rule.param("contrast_words")
        self.clause_breaks = rule.param("clause_breaks")
        self.strength_headings = tuple(sorted(rule.param("strength_headings"), key=len, reverse=True))
        self.worry_headings = tuple(sorted(rule.param("worry_headings"), key=len, reverse=True))
        self.none_words = rule.param("none_words")
        self.noting = rule.param("noting_verbs") or frozenset()
        self.min_valence = float(rule.number("min_valence", 1.0))
        self.min_worry_valence = float(rule.number("min_worry_valence", 1.5))
        # Every word that can make a sentence a strength or a worry (a sentence without one is skipped).
        self.help_verbs = rule.param("help_seeking_verbs")
        self.help_sources = rule.param("help_sources")
        self.future = rule.param("future_auxiliaries")
        # (a phrase by its last word, the rarer: "in a row" by "row"; any word of it must be there)
        self.candidates = (polar_words(rule) | self.strength | {p[0] for p in self.worry} | {p[-1] for p in self.consistency}
                           | {p[0] for p in self.network} | self.help_verbs | self.change_verbs | self.care_lemmas | self.offer_verbs
                           | self.honours | self.groups | self.occupations | self.self_words | self.unaided_adverbs | self.unaided_marks
                           | {p.split()[0] for p in self.decrease | self.increase | self.amount_down} | self.corrections
                           | self.working_verbs
                           | set(_DIGITS))
        self.consistency_word_hashes = numpy.array(sorted({hash_string(p[-1]) for p in self.consistency}
                                                           | {hash_string(w) for w in self.times_words}), dtype="uint64")
        self.candidate_hashes = numpy.array(sorted(hash_string(w) for w in self.candidates), dtype="uint64")
        least = self.min_worry_valence
        self.unaided_hashes = _sorted_hashes(self.self_words | self.unaided_adverbs)
        self.worry_first_hashes = _sorted_hashes(self.worry.by_first)
        self.network_first_hashes = _sorted_hashes(self.network.by_first)
        self.negative_hashes = numpy.array(sorted(hash_string(w) for w, v in polarity_lexicon().items() if v <= -least),
                                           dtype="uint64")

    def consistent(self, lowers: list[str]) -> bool:
        """A consistency phrase in the words, not as part of a reciprocal ("against each other")
        and not right after a negator ("not every month")."""
        if not self.any_phrase(lowers, self.consistency, self.negators):
            return False
        masked = list(lowers)
        for phrase in self.reciprocals:
            for i in range(len(masked) - len(phrase) + 1):
                if tuple(masked[i:i + len(phrase)]) == phrase:
                    masked[i:i + len(phrase)] = [""] * len(phrase)
        return self.any_phrase(masked, self.consistency, self.negators)

    def without_harmless(self, lowers: list[str]) -> list[str]:
        """The words, with those of a harmless phrase blanked ("late shift": no lateness)."""
        index, heads = self.harmless.by_first, self.service_heads
        if not any(w in index or w in heads for w in lowers):
            return lowers
        out = list(lowers)
        for i, w in enumerate(lowers):
            for p in index.get(w, ()):
                if tuple(lowers[i:i + len(p)]) == p:
                    out[i:i + len(p)] = [""] * len(p)
            if w in heads:
                # the worries a service's name says it works on: "the drug and alcohol service"
                j = i - 1
                while j >= 0 and (lowers[j] in self.service_joins or self._worry_word(lowers[j])):
                    j -= 1
                out[j + 1:i] = [""] * (i - j - 1)
        return out

    def without_unaided(self, lowers: list[str]) -> list[str]:
        """The words, with "without" and what it goes without blanked where that is help or a
        prompt ("up for school without prompting": done unaided, no negation of it)."""
        if not any(w in self.unaided_marks for w in lowers):
            return lowers
        out = list(lowers)
        for i, w in enumerate(lowers):
            if w in self.unaided_marks:
                for p in self.unaided.by_first.get(lowers[i + 1] if i + 1 < len(lowers) else "", ()):
                    if tuple(lowers[i + 1:i + 1 + len(p)]) == p:
                        out[i:i + 1 + len(p)] = [""] * (1 + len(p))
        return out

    def bare_negator(self, lowers: list[str]) -> bool:
        """Whether a negator stands in the words outside a worry phrase that opens with it ("has
        missed no lessons"; not "arrived without breakfast", itself the worry)."""
        out = list(lowers)
        for i, w in enumerate(lowers):
            for p in self.worry.by_first.get(w, ()) if w in self.negators else ():
                if tuple(lowers[i:i + len(p)]) == p:
                    out[i:i + len(p)] = [""] * len(p)
        return any(w in self.negators for w in out)

    def _worry_word(self, low: str) -> bool:
        return (low,) in self.worry.by_first.get(low, ()) or \
            polarity_lexicon().get(low, 0.0) <= -self.min_worry_valence

    @staticmethod
    def any_phrase(lowers: list[str], phrases: list[tuple[str, ...]], negators: frozenset[str] = frozenset()) -> bool:
        """Whether one of the phrases stands in the words, not right after a negator ("no
        concerns", "not worried", "without any injury")."""
        index = phrases.by_first if isinstance(phrases, _Phrases) else _phrase_index(tuple(phrases))
        for i in [i for i, w in enumerate(lowers) if w in index]:
            for p in index[lowers[i]]:
                if tuple(lowers[i:i + len(p)]) == p:
                    if negators and any(w in negators for w in lowers[max(0, i - 2):i]):
                        continue
                    return True
        return False


def _sorted_hashes(words: Iterable[str]) -> numpy.ndarray:
    return numpy.array(sorted({hash_string(w) for w in words}), dtype="uint64")


class _Phrases(tuple):
    """A rule's phrases, as tuples of words, indexed by their first word once: any_phrase is
    asked thousands of times a note, and the lru_cache of _phrase_index hashed the whole
    tuple of phrases on every call."""

    def __new__(cls, phrases: Iterable[tuple[str, ...]]):
        self = super().__new__(cls, phrases)
        self.by_first = _phrase_index(self)
        return self


@lru_cache(maxsize=32)
def _phrase_index(phrases: tuple[tuple[str, ...], ...]) -> dict[str, list[tuple[str, ...]]]:
    index: dict[str, list[tuple[str, ...]]] = {}
    for p in phrases:
        index.setdefault(p[0], []).append(p)
    return index


def _has_label(sent: Span, label_chars: list[int]) -> bool:
    start, end = sent.start_char, sent.end_char
    k = bisect.bisect_left(label_chars, start)
    return k < len(label_chars) and label_chars[k] < end


def _negated_sentence(sent: Span) -> bool:
    return any(t.dep_ == "neg" for t in sent)


def _is_predicate_head(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") or (tok.dep_ == "ROOT" and tok.pos_ in ("ADJ", "NOUN"))


def _clause_subject(tok: Token) -> Token | None:
    subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None and (tok.dep_ in ("conj", "xcomp") or is_purpose(tok)) and tok.head.i != tok.i:
        subj = next((c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None and subj.tag_ == "WP" and tok.dep_ == "relcl":
        return tok.head  # a relative clause is said of the noun it hangs on: "her friend Mali, who had encouraged her"
    return subj


def _family(subject: Token, resolve: Resolver, words: _Words) -> str | None:
    """The child or family member the clause is about: its subject, or the owner of its
    subject ("his reading", "Mum's flat")."""
    person = resolve.person(subject)
    if person is None or person.role == "unknown":
        # one of a pair, the other of whom the note says more of: "Sue and Dave have offered ..."
        # (the note named "Sue and Dave Holt (current carers)")
        pair = next((p for c in subject.conjuncts if (p := resolve.person(c)) is not None
                     and p.kind == "adult" and p.role not in ("unknown", None)), None)
        person = pair or person
    if person is not None:
        return person.name if person.is_family else None
    owner = next((c for c in subject.children if c.dep_ == "poss"), None)
    if owner is not None:
        low = owner.lower_
        if low in ("his", "her", "their"):
            return low  # something of the person the sentence is about
        person = resolve.person(owner)
        if person is not None and person.is_family:
            return person.name
    if subject.lower_ == "family" or (subject.lower_ in ("they", "both") and subject.dep_ == "nsubj"):
        return subject.lower_
    arrangement = subject.lemma_.lower() in words.arrangements or any(
        c.dep_ == "compound" and c.lemma_.lower() in words.routines for c in subject.children)
    if arrangement and (owner is None or owner.lower_ not in ("my", "our")):
        return subject.lower_  # the child's home, family time, a routine chart: their life going well
    if subject.lemma_.lower() in words.general_subjects and any(
            c.dep_ == "prep" and c.head.i != subject.i and any(
                g.lemma_.lower() in words.arrangements for g in c.children if g.dep_ == "pobj")
            for c in subject.head.subtree):
        return subject.lower_  # "things are better at home": their life, in one of its places
    if subject.lemma_.lower() in words.general_subjects and subject.head.dep_ == "conj" \
            and (before := _clause_subject(subject.head.head)) is not None and before.i != subject.i \
            and _family(before, resolve, words) is not None:
        return subject.lower_  # "She has been low and things are better now": their life, the clause before's
    return None


def _says_of_self(verb: Token, resolve: Resolver) -> bool:
    """Whether a reported clause's subject is the one reporting it ("Mum said she ...")."""
    said_by, said_of = subject_of(verb.head), subject_of(verb)
    if said_by is None and verb.head.tag_ == "NNS":
        # the model's noun for a report verb with a name before it: "Mum states she is coping"
        # read as the compound noun "Mum states"
        said_by = next((c for c in verb.head.children if c.dep_ == "compound"), None)
    if said_by is None or said_of is None:
        return False
    speaker, subject = resolve.person(said_by), resolve.person(said_of)
    return speaker is not None and subject is not None and speaker.name == subject.name


def _adverb_value(tok: Token, polarity: Mapping[str, float], words: "_Words") -> float:
    """A manner adverb weighs as its adjective where the lexicon lacks it: "poorly" as "poor"."""
    low = tok.lower_
    if low in polarity:
        return polarity[low]
    for suffix in words.adverb_suffixes:
        stem = low[:-len(suffix)]
        if low.endswith(suffix) and (stem in polarity or stem[:-1] + "y" in polarity):
            return polarity.get(stem, polarity.get(stem[:-1] + "y", 0.0))  # "poorly", "angrily"
    return 0.0


def _pleasantry(tok: Token, words: "_Words") -> bool:
    """A pleasantry ("polite", "clean"), or the adverb that grades one ("well presented")."""
    return tok.lower_ in words.pleasantries or (tok.dep_ == "advmod" and tok.head.lower_ in words.pleasantries)


def _not_once(verb: Token, words: "_Words") -> bool:
    """A denied act's object counts one: "has not missed a day" (not even once), "has not
    missed one"."""
    return any(c.dep_ in ("dobj", "npadvmod") and (c.lower_ in words.single_counts or any(
        d.lower_ in words.single_counts for d in c.children if d.i < c.i)) for c in verb.children)


def _scare_quoted(tok: Token) -> bool:
    """A word of one or two inside quotation marks of its own: someone's word the writer holds at
    a distance ("she is 'managing'"), not a verdict the record gives."""
    doc = tok.doc
    quotes = quote_marks(doc)
    k = bisect.bisect_left(quotes, tok.i - 2)
    if k == len(quotes) or quotes[k] >= tok.i:
        return False  # no mark one or two tokens before it (most words: read from the arrays)
    for before in (1, 2):
        for after in (1, 2):
            if before + after > 3:
                continue
            a, b = tok.i - before, tok.i + after
            if a >= 0 and b < len(doc) and doc[a].is_quote and doc[b].is_quote \
                    and not any(t.is_quote for t in doc[a + 1:b]):
                return True
    return False


def _said_of_a_task(tok: Token, verb: Token, words: "_Words") -> bool:
    """Whether the word describes a task or a debt: as its modifier ("actions outstanding") or
    as the predicate of one ("Sofia's immunisations are outstanding")."""
    if tok.dep_ == "amod":
        noun = tok.head
    else:
        noun = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return noun is not None and (noun.lower_ in words.pending_things or noun.lemma_.lower() in words.pending_things)


def _feared(verb: Token, words: "_Words") -> bool:
    """Whether a complement clause says what someone fears: its head is a word of fear, or one
    stands right before it (the model often hangs "worried Dad will ..." on the verb of saying)."""
    if verb.head.lower_ in words.feared_by or verb.head.lemma_.lower() in words.feared_by:
        return True
    start = verb.left_edge.i
    before = verb.doc[start - 1] if start > 0 else None
    if before is not None and before.lower_ == "that" and start > 1:
        before = verb.doc[start - 2]
    return before is not None and before.lower_ in words.feared_by


# _clause_polarity's verdicts below zero: a worry that judges the family (a good thing undone,
# "did not engage"), which alone makes a note of worries, and one that only tells of a worry.
JUDGES, WORRIES = -1, -2


def _clause_polarity(verb: Token, polarity: Mapping[str, float], words: "_Words", labelled: set[int],
                     thing: bool = False, resolve: Resolver | None = None, counted: bool = True) -> int:
    """+1 a strength, JUDGES or WORRIES a worry, 0 neither, for the clause headed by `verb`. Only the
    predicate proper is weighed (the verb, its adverbs, complements and object with their
    modifiers), not words in its prepositional phrases ("did not engage with the discussion
    about safe sleep") or inside a critical label ("hard to engage"). `counted`: False when the
    clause's tokens hold no consistency phrase's last word and no number."""
    if _not_yet(verb, words):
        return 0  # "needs to", "should", "Skye to remain at home", "when he is calmer": not yet done
    kids = list(verb.children)  # (read again and again below: walked once)
    # A condition read from the words, as the model does not always hang its "until" on the verb:
    # "discharge will not go ahead until mother completes training"
    own = next((c for c in kids if c.dep_ in ("nsubj", "nsubjpass")), None)
    if own is not None and own.left_edge.i > 0 and verb.doc[own.left_edge.i - 1].lower_ in words.conditions:
        return 0
    if thing and any(c.dep_ == "aux" and c.lower_ in words.future for c in kids):
        return 0  # "your contact with Lena will now take place on Saturdays": an arrangement to come
    if verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in words.cause_marks for c in kids) and (
            any(c.dep_ == "neg" for c in verb.head.children)
            or polarity.get(verb.head.lower_, polarity.get(verb.head.lemma_.lower(), 0.0)) <= -words.min_valence
            or _worse(verb.head, polarity, words)):
        return 0  # "he can't sleep because his brothers share his room": the cause of a worry, part of it
    clause = verb
    while clause.dep_ == "xcomp" and clause.head.i != clause.i:
        clause = clause.head  # (what was tried at the time is of the time too: "when Mum tried to take his hand")
    if clause.dep_ == "advcl" and any(c.dep_ in ("mark", "advmod") and c.lower_ in words.occasion_marks
                                      for c in clause.children):
        # "I spoke to Ioana while Matei played on the Xbox", "he screamed when Mum tried to take his
        # hand": the occasion, not a verdict ("when" is the model's adverb at times)
        return 0
    if verb.lemma_.lower() in words.sleep_verbs and any(
            t.lower_ in words.sleep_words or t.shape_ in ("dd:dd", "d:dd", "dd.dd", "d.dd")
            for c in verb.children if c.dep_ in ("prep", "npadvmod", "advmod") for t in c.subtree):
        return 0  # "YP eventually settled at approx 01:30", "settled to bed": asleep, not settled in
    if _answering(verb, kids, words):
        return 0  # "When asked if anyone had asked him to carry anything, he laughed": an answer, his voice
    if _directed(verb, words) or (verb.dep_ == "xcomp" and _directed(verb.head, words)):
        return 0  # "Mum advised to engage with the family worker": the writer's advice, not her act
    if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in words.doubted:
        return 0  # "Parents claim the children are brushing their teeth": an unconfirmed account
    if verb.dep_ == "ccomp" and _feared(verb, words):
        return 0  # "he was worried Dad will go funny again": feared, not done
    if _topic_of_worry(verb, words):
        return 0  # "lots of worries about how he is managing the children": what the worry is about
    if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in words.own_account_verbs and resolve is not None \
            and _says_of_self(verb, resolve) and any(
                t.lemma_.lower() in words.self_assessments or t.lower_ in words.self_assessments for t in verb.subtree):
        return 0  # "She said she is doing her best", "Dad states he is managing": their own verdict on themselves
    negated = any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ in ("no", "none")) for c in kids)
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in words.view_verbs \
            and any(c.dep_ == "neg" for c in verb.head.children):
        negated = True  # "is not felt to be consistent": the view's "not" denies what it governs
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in words.negating:
        return 0  # "refused to complete it": judged at "refused"
    if verb.dep_ == "xcomp":
        # "over-reliant on her partner to manage Tia": what she leans on him for, judged with
        # the adjective (the xcomp's head, or the copula's complement beside it)
        head = verb.head
        adjectives = [head] if head.pos_ == "ADJ" else [c for c in head.children if c.dep_ == "acomp"]
        if any(polarity.get(a.lower_, 0.0) <= -words.min_valence
               or any(_excess(t, words) for t in a.children if t.i < a.i) for a in adjectives):
            return 0
    # (not the words a label governs: "over-reliant on Lee to manage Tia" is the label's; nor
    # the topic after "re", which names what was discussed: "... re: safe storage of meds")
    marks = topic_marks(verb.doc)
    k = bisect.bisect_right(marks, verb.i)
    topic = marks[k] if k < len(marks) and marks[k] <= verb.right_edge.i else None
    predicate = [t for t in _predicate(verb, words) if t.i not in labelled
                 and not (labelled and any(a.i in labelled for a in t.ancestors))
                 and (topic is None or t.i < topic)]
    if thing and verb.lemma_.lower() in words.occurrence:
        # "Statutory visit completed": that an arrangement happened is no verdict on it (how
        # often it happens still is: "family time takes place every Sunday")
        predicate = [t for t in predicate if t.i != verb.i]
    if any(c.dep_ == "auxpass" for c in kids) and verb.lemma_.lower() in words.honours and not any(
            c.dep_ in ("prt", "neg") for c in kids) and any(
            c.dep_ in ("xcomp", "oprd") or (c.dep_ == "prep" and c.lower_ in words.honour_links) for c in kids):
        return 1  # "has been picked for the school choir", "was chosen to read at assembly": an honour
    if any(c.dep_ == "auxpass" for c in kids):
        # Done to the subject: only the verb says anything of them, and a good one only when it
        # is praise or one of the strength words ("was praised by school", "are settled"; not
        # "is being treated for NAS", "was supported by staff": care given, not theirs); what
        # they were given is described, not them ("has been given clean uniform").
        lemma = verb.lemma_.lower()
        said_of_them = lemma in words.praise or lemma in words.strength or verb.lower_ in words.strength \
            or polarity.get(verb.lower_, polarity.get(lemma, 0.0)) < 0
        predicate = [t for t in predicate if (t.i == verb.i and said_of_them)
                     or t.dep_ in ("advmod", "prt") and t.head.i == verb.i]
    positive = negative = False
    denied: set[int] = set()  # negative words under "no" ("no concerns"): nothing wrong, not a strength
    for tok in predicate:
        low, lemma = tok.lower_, tok.lemma_.lower()
        if low in words.nothing_wrong or lemma in words.nothing_wrong or low in words.negators:
            continue  # "no" and "not" negate; they are not themselves a worry
        children = list(tok.children)  # (read up to four times below: walked once)
        if any(c.lower_ in words.adequacy for c in children):
            continue  # "clean enough": only that nothing was wrong
        if _excess(tok, words):
            negated = negative = True  # "over-reliant on her partner to manage Tia": too much of it
            continue
        if tok.pos_ == "PROPN" or not _evaluative(tok, verb, words, nouns=True):
            continue  # a name is no verdict ("Joy", "Grant"); nor is a classifier or a stance
        if low in words.pending_words and _said_of_a_task(tok, verb, words):
            continue  # "immunisations are outstanding": not yet done, no verdict of excellence
        if low in words.result_words and (any(c.dep_ == "prep" and c.lower_ == "for" for c in children) or any(
                a is not None and a.lemma_.lower() in words.test_words for a in (tok.head, verb, subject_of(verb)))):
            # "tested positive for cocaine": a test's result, no verdict on the person; though a
            # clear test is good news ("her last two tests were negative")
            positive = positive or (low in words.good_results and not negated)
            continue
        if verb.lemma_.lower() in words.impression_verbs and low in words.welfare_words:
            continue  # "appeared safe and well": a welfare check's verdict that nothing was wrong
        if _scare_quoted(tok):
            continue  # "Mum stated she is 'managing'": the writer keeps the word at a distance
        if _pleasantry(tok, words) and not _contrasted(tok, words) and not (
                tok.i != verb.i and verb.lemma_.lower() in words.change_verbs and not negated):
            # "Mum was polite but said ...": a pleasantry, not offered as a strength (one kept up
            # is: "Mum has kept the flat tidy since the last visit")
            continue
        if _cares_for_another(tok, resolve, words):
            continue  # "Mum is in Lahore caring for her mother": the care rule's to judge
        if tok.i == verb.i and lemma in words.admissions:
            continue  # "Mum admits co-sleeping": owning up to a worry is no verdict of its own
        if tok.i != verb.i and (any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ in ("no", "none"))
                                    for c in children) or _scant(tok, words)):
            negated = True  # "made little progress": too little of a good thing
        value = polarity.get(low, polarity.get(lemma, 0.0)) if not (
            tok.pos_ == "VERB" and lemma in words.noun_sense_valence) else 0.0
        if tok.pos_ == "VERB" and (lemma in words.increase_lemmas or lemma in words.decrease_lemmas):
            # a change of amount is as good as what changed ("incidents have increased" is a
            # worry): judged by _more_of_a_good_thing and _less_of_a_worry, not the verb's own polarity
            value = 0.0
        if tok.dep_ == "advmod" and tok.head.i == verb.i and _adverb_value(tok, polarity, words) <= -words.min_valence:
            negated = True  # "engaged poorly", "settled badly": a good act done badly
        if any(c.dep_ == "prt" for c in children):
            value = 0.0  # a phrasal verb is not its verb: "plays them off", "played up", "kicked off"
        if tok.dep_ == "advmod" and tok.head.lower_ in words.degree_heads:
            continue  # "well known to police": how much, not how good
        if tok.i + 1 < len(tok.doc) and f"{low} {tok.doc[tok.i + 1].lower_}" in words.hedge_phrases:
            continue  # "kind of": a hedge, not kindness
        if low in words.intensifiers and tok.dep_ == "amod" and not _good_noun(tok.head, polarity, words):
            continue  # "a strong smell": how much of it, not how good ("a strong bond" is good)
        if tok.dep_ == "amod" and _Words.any_phrase([tok.head.lower_], words.worry):
            continue  # "three fresh cuts", "a clean wound": a word on a worry says which, not how good
        if tok.i == verb.i and any(f"{lemma} {c.lower_}" in words.handing_on for c in children
                                   if c.dep_ in ("prep", "prt")):
            continue  # "Referral passed to MASH": handed on, not achieved
        phrasal = tok.pos_ == "VERB" and _with_particle(tok) in words.strength  # "she calmed down"
        if (lemma in words.strength or low in words.strength or phrasal or value >= words.min_valence) \
                and _evaluative(tok, verb, words):
            positive = True
        elif tok.i != verb.i and (value <= -words.min_valence or _Words.any_phrase([low], words.worry)
                                  or _Words.any_phrase([lemma], words.worry)) and not _harmless_word(tok, words):
            negative = True
            if any(c.dep_ == "det" and c.lower_ in ("no", "none") for c in children):
                denied.add(tok.i)
    if _worse(verb, polarity, words):
        return -1  # "Callum's attendance has dropped to 71%", "the incidents have increased"
    if (_less_of_a_worry(verb, polarity, words) or _more_of_a_good_thing(verb, words)) \
            and not any(c.dep_ == "aux" and c.lower_ in words.future for c in kids):
        # "her nightmares have gone down", "his attendance has gone up" (not "asking when the
        # overnight placement will be increased": not yet)
        return 1
    if verb.lemma_.lower() in words.procedural and not _commits(verb, words):
        return 0  # "Mum agreed to the plan for weekly weighing": procedure, however often
    # (a verb joined to a perfect shares its "have": "he has kept it going and never missed a morning")
    perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in kids) or (
        verb.dep_ == "conj" and not any(c.dep_ in ("aux", "nsubj") for c in kids)
        and any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.head.children))
    verb_value = polarity.get(verb.lower_, polarity.get(verb.lemma_.lower(), 0.0)) \
        if verb.lemma_.lower() not in words.noun_sense_valence else 0.0
    none_done = any(c.dep_ == "neg" for c in kids) or any(
        c.dep_ == "dobj" and any(g.dep_ == "det" and g.lower_ in ("no", "none") for g in c.children)
        for c in kids)
    # what is not done: the verb, its object ("has not had a drink"), or what it goes without
    # ("has gone 16 days without cutting")
    without = [g for c in kids if c.dep_ == "prep" and c.lower_ in words.negators
               for g in c.children if g.dep_ in ("pobj", "pcomp")]
    # (an object is what is undone only after a verb with no value of its own: "has not
    # supported a prosecution" denies the support)
    neutral = abs(verb_value) < words.min_valence and verb.lemma_.lower() not in words.strength
    undone = [verb] + [c for c in kids if c.dep_ == "dobj" and neutral] if none_done else without
    if perfect and undone and any(
            polarity.get(t.lower_, polarity.get(t.lemma_.lower(), 0.0)) <= -words.min_valence
            or _Words.any_phrase([t.lower_], words.worry) or _Words.any_phrase([t.lemma_.lower()], words.worry)
            for t in undone) \
            and (any(t.lower_ in words.sustained for t in verb.subtree) or _not_once(verb, words)
                 or words.consistent([t.lower_ for t in verb.subtree])):
        # "Dad has not missed a visit since May", "has missed no lessons on Fridays", "has not had
        # a drink since May", "has gone 16 days without cutting": kept up over a time or every
        # time (not "has not hit her this time")
        return 1
    if verb.lemma_.lower() in words.negating:
        # "has stopped drinking" is a strength, "refused to complete it" a worry: the verb turns
        # its complement round. A verb complement's own polarity comes first: "declined to
        # support a prosecution" turns the support round, not the prosecution.
        comp = next((c for c in kids if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
        if comp is not None:
            own = polarity.get(comp.lower_, polarity.get(comp.lemma_.lower(), 0.0))
            if comp.lemma_.lower() in words.strength or own >= words.min_valence:
                return -1
            if own <= -words.min_valence:
                return 1
        return 1 if negative else -1 if positive else 0
    if positive and not negated:
        return 1
    if negated and positive:
        return -1  # "did not engage"
    if negative and not negated:
        # "Mum appeared low", "Jack has poor sleep": a worry about the child or a family member,
        # though alone not enough to make a note of worries (an arrangement's is no worry about a person)
        return 0 if thing else WORRIES
    # Consistency may stand anywhere in the clause ("every day", "on time", "6 of 6 sessions");
    # the clause is cut out of the subtree only when the subtree holds such words at all.
    subtree = list(verb.subtree) if counted else []
    consistent = False
    if counted and (words.consistent([t.lower_ for t in subtree]) or _all_of(subtree, words)):
        # (not in what someone is quoted as saying: 'said Mum "always takes his side"' is their
        # account, as in _consistent_family)
        sent = verb.sent
        unquoted = {t.i for t in _unquoted(sent)}
        subtree = [t for t in subtree if t.i in unquoted]
        around = [t for t in subtree if t.i == verb.i or _in_clause(t, verb)]
        consistent = words.consistent([t.lower_ for t in around]) or _all_of(around, words)
    if negated:
        # "has missed no lessons this term" is a strength; "no concerns" only says nothing is wrong
        # (the "no" on what the negative verb did not do: not "arrived late, no explanation given")
        bad_verb = verb_value <= -words.min_valence or _Words.any_phrase([verb.lower_], words.worry) \
            or _Words.any_phrase([verb.lemma_.lower()], words.worry)
        absent = bad_verb and any(g.dep_ == "det" and g.lower_ in ("no", "none") for t in predicate
                                  if t.head.i == verb.i for g in t.children)
        return 1 if negative and (consistent or absent) and not denied else 0
    if any(c.dep_ == "auxpass" for c in kids):
        return 0  # "was returned by police on each occasion": done to them, not something they keep doing
    # (the worry must be what is kept up, in the clause itself: not "kept going every day even
    # though she is stressed")
    lowers = [t.lower_ for t in (around if consistent else subtree)]
    if consistent and (verb.i in labelled or any(t.i in labelled for t in around)
                       or words.any_phrase(lowers, words.worry, words.negators) and not words.bare_negator(lowers)):
        # "late 14 times, usually on Mondays", "has been kicking off every night", "has been
        # non-compliant with the agreement to take Skye to nursery daily" (a critical label): a
        # worry kept up is no strength ("missed no lessons" is)
        return 0
    if consistent and _set_by_a_meeting(verb, words):
        return 0  # "It was agreed ... Mum will sign the planner daily": a plan set, nobody's undertaking yet
    if consistent and verb.lemma_.lower() in words.pro_verbs and any(
            c.dep_ == "dobj" and c.lower_ in words.pro_forms for c in kids):
        return 0  # "he does this every stay": what he does is told elsewhere, and may be a worry
    return 1 if consistent else 0


_FUNCTION_WORDS = {"ADP", "SCONJ", "CCONJ", "DET", "PRON", "PART", "NUM", "PUNCT", "AUX"}


def _evaluative(tok: Token, verb: Token | None, words: "_Words", nouns: bool = False) -> bool:
    """Whether a word of the predicate can carry its verdict. Not a noun's classifier ("the
    nurture room", "a safety plan"), not half of a hyphenated word ("drop-in"), not an adverb
    on a copula, which says how sure the writer is or that nothing is wrong ("is clearly ...",
    "appeared well"), and not a verb of one-off procedural cooperation ("agreed to the plan").
    With `nouns`, a noun in the predicate may still be a worry ("has cut down her drinking")."""
    if tok.dep_ == "compound" or _hyphenated(tok) or tok.pos_ in _FUNCTION_WORDS:
        return False  # "feels like a zombie": a preposition is no verdict
    if tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].text == ":":
        return False  # a field's label: "Patient: Kyra Adeyemi, 16"
    if not nouns and tok.pos_ in ("NOUN", "PROPN") and tok.dep_ not in ("attr", "ROOT") \
            and tok.lemma_.lower() not in words.strength \
            and tok.lower_ not in words.strength \
            and not (tok.dep_ == "dobj" and tok.head.lemma_.lower() in words.light_verbs):
        # A noun is a thing, not a verdict on it ("holding his dad's hand", "still in care"); what
        # is said of it is in its modifiers ("two good friends"). As the predicate ("a great
        # help"), or the object of a light verb ("gave them a hug", "got a merit"), it is the verdict.
        return False
    if verb is not None and tok.dep_ == "advmod" and tok.head.i == verb.i and verb.lemma_.lower() in words.copulas:
        return False
    if tok.dep_ == "amod" and tok.head.dep_ in ("pobj", "npadvmod") and not (
            verb is not None and verb.lemma_.lower() in words.copulas):
        return False  # a kind of thing named along the way: "struggled ... re: safe storage of meds"
    if verb is not None and tok.i == verb.i and tok.lemma_.lower() in words.procedural:
        return _commits(tok, words)
    if tok.dep_ == "advmod" and tok.head.i != tok.i and tok.head.pos_ == "ADJ":
        return False  # a degree word on an adjective is no verdict of its own: "well known to police"
    return True


def _set_by_a_meeting(verb: Token, words: "_Words") -> bool:
    """Whether the clause is what a meeting agreed or decided, with no one's undertaking in it
    ("It was agreed Connor will go on report and Mum will sign the planner daily"), as
    _commits reads it."""
    clause = verb
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    return clause.dep_ == "ccomp" and clause.head.lemma_.lower() in words.procedural \
        and not _commits(clause.head, words)


def _commits(verb: Token, words: "_Words") -> bool:
    """Agreeing to do something is a commitment ("agreed to leave the light on", "agreed for
    the children to stay with her mother"); agreeing to a plan, or that the writer may act
    ("agreed I could tell her GP"), is procedure; and so is what a meeting agreed ("It was agreed
    that Mum will ensure Zac attends every day"): a plan set, nobody's undertaking yet."""
    if any(c.dep_ in ("auxpass", "nsubjpass") or (c.dep_ == "nsubj" and c.lower_ == "it") for c in verb.children):
        return False
    for c in verb.children:
        # (a plan stated first and then agreed, "Noah to remain on the ward; parents agreed", is
        # the professionals' plan agreed to: procedure)
        if c.dep_ in ("xcomp", "ccomp", "advcl") and c.pos_ in ("VERB", "AUX") and c.i > verb.i:
            if c.lemma_.lower() in words.tentative:
                continue  # "agreed to consider parenting support": nothing undertaken yet
            if c.lemma_.lower() in words.cooperation_verbs:
                continue  # "agreed to talk in McDonald's": cooperation with the worker, not an undertaking
            if c.lower_ in words.working_things and all(g.dep_ == "aux" for g in c.children):
                continue  # "Mum agreed to plan.": the plan, which the model may read as a verb
            subject = next((g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")), None)
            # (nor agreeing to talk to the writer, "agreed to talk to me": cooperation with them)
            toward = [g for g in c.children if g.dep_ == "dobj"] + [
                o for p in c.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"]
            if (subject is None or subject.lower_ not in words.writers) \
                    and not any(t.lower_ in words.writers for t in toward):
                return True
    return False


def _hyphenated(tok: Token) -> bool:
    doc = tok.doc
    after = tok.i + 1 < len(doc) and not tok.whitespace_ and doc[tok.i + 1].text == "-"
    before = tok.i > 0 and doc[tok.i - 1].text == "-" and not doc[tok.i - 1].whitespace_
    return after or before


def _with_particle(verb: Token) -> str:
    """The verb's lemma with its particle, as a phrasal verb is listed: "go down", "go up"."""
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    return verb.lemma_.lower() if particle is None else f"{verb.lemma_.lower()} {particle}"


def _less_of_a_worry(verb: Token, polarity: Mapping[str, float], words: "_Words") -> bool:
    """A worry that has lessened, said of the child's or family's own trouble: the subject is
    a worry ("nightmares", "arguments") and the verb, with its particle, says it went down."""
    if verb.lemma_.lower() not in words.decrease_lemmas:
        return False
    said = _with_particle(verb)
    if said not in words.decrease or any(c.dep_ == "neg" for c in verb.children):
        return False
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or any(t.text in words.clause_breaks for t in verb.doc[subject.i + 1:verb.i]):
        return False  # (a subject across a dash or a semicolon is the parse running two clauses together)
    low, lemma = subject.lower_, subject.lemma_.lower()
    return polarity.get(low, polarity.get(lemma, 0.0)) <= -words.min_valence or _Words.any_phrase([low], words.worry)


def _works(verb: Token, words: "_Words") -> bool:
    """An arrangement said to work ("the new bedtime plan is working", "the chart works"): done,
    not negated, not planned, its subject one of the working things."""
    if verb.lemma_.lower() not in words.working_verbs or verb.tag_ not in ("VBG", "VBZ", "VBP", "VBD"):
        return False
    if any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in words.future) for c in verb.children) \
            or _not_yet(verb, words):
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject is not None and subject.lemma_.lower() in words.working_things


def _worse(verb: Token, polarity: Mapping[str, float], words: "_Words") -> bool:
    """A change for the worse said by its verb of amount: something good gone down ("attendance
    has dropped to 71%") or a worry gone up ("the incidents have increased"). Not negated."""
    verb_lemma = verb.lemma_.lower()
    if verb_lemma and verb_lemma.split() == [verb_lemma] and verb_lemma not in words.amount_down_lemmas \
            and verb_lemma not in words.increase_lemmas:
        return False  # (no verb of amount, with or without its particle: its children need not be read)
    if any(c.dep_ == "neg" for c in verb.children):
        return False
    said = _with_particle(verb)
    down = said in words.amount_down or verb_lemma in words.amount_down
    up = verb_lemma in words.increase_lemmas and said in words.increase
    if not (down or up):
        return False
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return False
    low, lemma = subject.lower_, subject.lemma_.lower()
    if down:
        return lemma in words.worse_when_down or low in words.worse_when_down
    return polarity.get(low, polarity.get(lemma, 0.0)) <= -words.min_valence or _Words.any_phrase([low], words.worry)


def _answering(verb: Token, kids: list[Token], words: "_Words") -> bool:
    """A reaction to being asked, which is the person's answer (their voice), not how they are:
    with a clause of asking ("When asked ..., he laughed"), or, with nothing of its own after it,
    after the writer asked in its sentence ("I asked about his mood; he said 'flat' and laughed")."""
    if any(c.dep_ == "advcl" and c.lemma_.lower() in words.questions for c in kids):
        return True
    if verb.dep_ == "ccomp" or any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "acomp", "prep", "oprd")
                                   for c in kids):
        return False  # what they said or did in answer ("told me he plays for the under-16s") is weighed
    return any(t.lemma_.lower() in words.questions and t.pos_ == "VERB" and any(
        c.dep_ == "nsubj" and c.lower_ in words.writers for c in t.children) for t in verb.doc[verb.sent.start:verb.i])


def _directed(verb: Token, words: "_Words") -> bool:
    """A verb of advising or telling whose subject received it: passive ("Mum was advised to
    ..."), or a note's "Mum advised to ..." with an infinitive and no object of its own (not
    "Mum encouraged Kai to read", where she is the one encouraging)."""
    if verb.lemma_.lower() not in words.directives:
        return False
    if any(c.dep_ == "auxpass" for c in verb.children):
        return True
    return verb.tag_ in ("VBD", "VBN") and not any(c.dep_ in ("dobj", "aux") for c in verb.children) \
        and any(c.dep_ == "xcomp" for c in verb.children)


def _excess(tok: Token, words: "_Words") -> bool:
    """A word of excess: "over-reliant", "over-protective" (its prefix, then a hyphen)."""
    doc = tok.doc
    return tok.lower_ in words.excess and not tok.whitespace_ and tok.i + 2 < len(doc) \
        and doc[tok.i + 1].text == "-" and doc[tok.i + 2].is_alpha


def _more_of_a_good_thing(verb: Token, words: "_Words") -> bool:
    """One of the child's arrangements said to have gone up: "Tyler's attendance has gone up
    from 82% to 94%", "her confidence has grown"."""
    compared = verb.lemma_.lower() not in words.increase_lemmas or _with_particle(verb) not in words.increase
    if compared and not _compared(verb, words.increase):
        return False
    if any(c.dep_ == "neg" for c in verb.children):
        return False
    if any(c.dep_ in ("dobj", "npadvmod") and c.lemma_.lower() in words.measures for c in verb.children):
        return True  # "has moved up two reading levels": the child gone up a measure of progress
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and subject.lemma_.lower() in words.arrangements


def _compared(verb: Token, phrases: frozenset[str]) -> bool:
    """A comparison with before as an adverb on the clause: "is 88%, up from 71%"."""
    return any(c.dep_ == "advmod" and any(f"{c.lower_} {g.lower_}" in phrases for g in c.children if g.dep_ == "prep")
               for c in verb.children)


def _not_yet(verb: Token, words: "_Words") -> bool:
    """A predicate not yet true: a modal or need ("should", "needs to"), a plan written as a bare
    infinitive ("Skye to remain at home", "work to be completed"), or a condition ("if he is
    calmer"), including "when" under such a plan ("to be completed when he is calmer")."""
    agreed = verb
    while agreed.dep_ == "ccomp" and agreed.head.i != agreed.i:
        agreed = agreed.head
        if agreed.lemma_.lower() in words.procedural and any(c.dep_ in ("auxpass", "nsubjpass") for c in agreed.children):
            return True  # "It was agreed that Mum will ensure Zac attends every day": a meeting's plan
    node = verb
    for _ in range(5):
        kids = list(node.children)  # (read four times below: walked once)
        if node.lemma_.lower() in words.not_yet or any(
                c.dep_ == "aux" and c.lower_ in words.not_yet
                and not (c.lower_ in words.past_when_negated and any(g.dep_ == "neg" for g in kids))
                for c in kids):
            return True  # (not "wouldn't settle", "could not sleep": what happened)
        if node.dep_ == "xcomp" and node.head.lemma_.lower() in words.not_yet:
            return True  # "he needs to respect the house rules"
        finite = node.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(
            c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP", "MD") for c in kids)
        if not finite and node.dep_ != "xcomp" and any(c.dep_ in ("aux", "auxpass") and c.lower_ == "to"
                                                       for c in kids):
            return True
        marks = {c.lower_ for c in kids if c.dep_ == "mark" or (c.dep_ == "advmod" and c.lower_ == "when")}
        if marks & words.conditions:
            return True
        if node.dep_ == "ccomp" and node.head.lemma_.lower() not in words.factive \
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.head.children):
            return True  # "asking him to text that he is safe": what he is asked to say, not a fact
        if node.dep_ in ("ccomp", "xcomp") and node.head.lemma_.lower() in words.hopes:
            subject = _clause_subject(node.head)
            if subject is None or subject.lower_ in words.writers:
                return True  # "We hope Dad will engage", "Hoping Mum will attend"
        if node.head.i == node.i or not (node.dep_ == "conj" or (node.dep_ == "advcl" and "when" in marks)
                                         or (node.dep_ in ("relcl", "acl") and node is not verb)):
            return False
        node = node.head
    return False


def _predicate(verb: Token, words: "_Words") -> list[Token]:
    """The verb, its adverbs and particles, its complements and object with their modifiers,
    an open complement's own ("is doing well at school", "has made two good friends"), and
    for a copula its prepositional complement ("seemed in good spirits")."""
    out = [verb]
    for child in verb.children:
        if child.dep_ in ("advmod", "prt", "acomp", "attr", "oprd", "dobj", "npadvmod"):
            out.append(child)
            out.extend(g for g in child.children if g.dep_ in ("amod", "advmod", "compound", "nummod", "det"))
            if child.dep_ in ("acomp", "attr"):
                out.extend(g for g in child.children if g.dep_ == "conj")  # "warm and attentive"
        elif child.dep_ == "xcomp":
            out.extend(_predicate(child, words))
        elif child.dep_ == "prep" and verb.lemma_.lower() in words.copulas and child.lower_ not in words.time_words:
            # (not a relative clause's words: "in touch with Mum via Snapchat, which is outside the
            # agreed arrangements" says nothing good of him by "agreed")
            clauses = {t.i for c in child.subtree if c.dep_ in ("relcl", "acl") for t in c.subtree}
            out.extend(t for t in child.subtree if t.i not in clauses)
    return out


def _fragment_polarity(sent: Span, resolve: Resolver, polarity: Mapping[str, float], words: "_Words",
                       labelled: set[int], noted: bool = False) -> int:
    """A verbless sentence about the child, the family or their arrangements. `noted`: a fragment
    the writer says was noted, about an arrangement or a room of the home it names anywhere
    ("Some improvement in school attendance", "Some improvement in the kitchen")."""
    root = sent.root
    person = resolve.person(root)
    about = (person is not None and person.is_family) or root.lemma_.lower() in words.arrangements \
        or root.lemma_.lower() in words.strength \
        or (noted and any(t.lemma_.lower() in words.arrangements or t.lower_ in words.family_places for t in sent.sent))
    if not about:
        return 0
    # (not the topic after "re": "Mum non-compliant re safe sleep" names what was discussed)
    marks = topic_marks(sent.doc)
    k = bisect.bisect_left(marks, sent.start)
    topic = marks[k] if k < len(marks) and marks[k] < sent.end else sent.end
    tokens = [t for t in sent if t.i not in labelled and t.i < topic]
    lowers = [t.lower_ for t in tokens]
    negated = any(t.dep_ == "neg" or t.lower_ in ("no", "not") for t in tokens)
    score = 0
    for tok in tokens:
        low, lemma = tok.lower_, tok.lemma_.lower()
        if low in words.nothing_wrong or lemma in words.nothing_wrong or tok.pos_ == "PROPN" \
                or tok.text in resolve.children or tok.text in resolve.adults \
                or not (_evaluative(tok, None, words) or (noted and tok.i == root.i)):
            # (a noted fragment's head noun is its verdict, as a verbless fragment's root is)
            continue  # a name is no verdict ("Ellie-Mai Grant", "Precious"), nor a field's label ("Patient:")
        if _pleasantry(tok, words) and not _contrasted(tok, words):
            continue  # a pleasantry, not offered as a strength
        if _scant(tok, words):
            negated = True  # "Minimal progress against plan": too little of a good thing
        if low in words.scant and tok.dep_ in ("amod", "det", "advmod") and _scant(tok.head, words):
            continue  # the word saying so is not a worry of its own: "attendance poor" is not poor twice
        value = polarity.get(low, polarity.get(lemma, 0.0))
        if lemma in words.strength or low in words.strength or value >= words.min_valence:
            score = max(score, 1)
        elif value <= -words.min_valence and score == 0:
            score = -1
    if score == 0 and person is not None and (words.consistent(lowers) or _all_of(tokens, words)):
        score = 1  # (about a person: "Jordan back by curfew every night", not "Statutory 6-weekly visit")
    return -score if negated else score


def _good_noun(noun: Token, polarity: Mapping[str, float], words: "_Words") -> bool:
    low, lemma = noun.lower_, noun.lemma_.lower()
    return low in words.strength or lemma in words.strength or polarity.get(low, polarity.get(lemma, 0.0)) >= words.min_valence


def _contrasted(tok: Token, words: "_Words") -> bool:
    """A word set against what comes before it in its sentence: "tired but polite throughout"."""
    return any(t.lower_ in words.contrasts for t in tok.doc[tok.sent.start:tok.i])


def _scant(tok: Token, words: "_Words") -> bool:
    """A word modified by one that says there is too little of it: "minimal progress" (not a
    person's size or age: "his little sister", "the little ones")."""
    if tok.lower_ in words.person_nouns:
        return False
    return any(c.dep_ in ("amod", "det", "advmod") and c.lower_ in words.scant for c in tok.children)


def _all_of(tokens: list[Token], words: "_Words") -> bool:
    """"6 of 6 sessions", "all 5 appointments": every one of a count, or at least the rule's
    share of it ("11 of 12 sessions", "6 of the 7 nights", "9 of the last 10 days")."""
    most = words.most_of
    for i, tok in enumerate(tokens[:-1]):
        if tok.lower_ == "all" and tokens[i + 1].like_num:
            return True  # "all 5 appointments", "all four sessions"
        if tok.text == "100" and tokens[i + 1].text == "%":
            return True  # "had been 100% at the Inclusion Base since October": every day of it
        if not tok.like_num:
            continue
        # "6 of 6", "6 out of 7", and with the thing counted between: "5 nights out of 7"
        k = i + 1
        if k + 1 < len(tokens) and tokens[k].is_alpha and tokens[k].lower_ not in ("of", "out") \
                and tokens[k + 1].lower_ in ("of", "out"):
            k += 1
        if k < len(tokens) and tokens[k].lower_ == "out":
            k += 1
        if k >= len(tokens) or tokens[k].lower_ != "of":
            continue
        k += 1
        if k + 1 < len(tokens) and tokens[k].lower_ == "the":
            k += 1  # "6 of the 7 nights"
            if k + 1 < len(tokens) and tokens[k].lower_ in words.count_spans:
                k += 1  # "9 of the last 10 days"
        if k >= len(tokens) or not tokens[k].like_num:
            continue
        total = tokens[k]
        if tok.text == total.text:
            return True
        if tok.text.isdigit() and total.text.isdigit() and 0 < int(tok.text) <= int(total.text) \
                and int(tok.text) >= most * int(total.text):
            return True
    return False


def _per_period(tokens: list[Token], words: "_Words") -> bool:
    """A count in every period: "three mornings a week", "twice a month" (a number, or a word of
    how many times, then a period phrase within the next three words)."""
    lowers = [t.lower_ for t in tokens]
    for i, tok in enumerate(tokens):
        if tok.like_num or tok.lower_ in words.times_words:
            ahead = lowers[i + 1:i + 5]
            for k in range(len(ahead)):
                if any(tuple(ahead[k:k + len(p)]) == p for p in words.periods):
                    # what is counted is occasions ("three mornings a week"), not an amount of
                    # something ("4 bottles a day")
                    if all(w in words.occasions or not w.isalpha() for w in ahead[:k]):
                        return True
                    break
    return False


def _in_clause(tok: Token, verb: Token) -> bool:
    """Whether a token of the verb's subtree belongs to its own clause (not a subject, and not a
    clause of its own such as "because ..." or "who ...")."""
    node = tok
    while node.i != verb.i:
        if node.dep_ in ("nsubj", "nsubjpass", "advcl", "relcl", "mark", "csubj", "parataxis"):
            return False
        if node.dep_ == "ccomp" and node.head.i == verb.i:
            return False
        if node.dep_ == "conj" and node.head.i == verb.i and node.pos_ in ("VERB", "AUX"):
            return False  # a conjoined clause is judged on its own
        node = node.head
    return True
