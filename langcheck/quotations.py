"""Direct quotations and their speakers: textacy's `extract.triples.direct_quotations`, copied.

textacy 0.13.0's function, unchanged in behaviour (tests/test_quotations.py runs both over the
same Docs). Copied rather than imported because `import textacy.extract` imports the whole of
textacy, scikit-learn and SciPy with it (about 1 s, more than spaCy itself) for these sixty
lines: a one-note `langcheck` run with a quotation in it paid that on every call.

Copyright 2016 Chartbeat, Inc.; licensed under the Apache License, Version 2.0
(https://www.apache.org/licenses/LICENSE-2.0). Changes: cytoolz's `partition(2, ...)` written
as a zip of one iterator with itself (the same pairs, as the count is even); the quotation
marks found from the Doc's IS_QUOTE column and its sentences listed once, not once per quotation.
"""
from __future__ import annotations

import collections
from operator import attrgetter
from typing import Iterator

import numpy
from spacy.attrs import IS_QUOTE
from spacy.symbols import VERB, aux, auxpass, csubj, neg, nsubj
from spacy.tokens import Doc, Token

# textacy.constants.REPORTING_VERBS["en"], as textacy ships it (a test compares them).
REPORTING_VERBS = frozenset({
    "according", "accuse", "acknowledge", "add", "admit", "agree", "allege", "announce", "argue", "ask",
    "assert", "believe", "blame", "charge", "cite", "claim", "complain", "concede", "conclude", "confirm",
    "contend", "criticize", "declare", "decline", "deny", "describe", "disagree", "disclose", "estimate",
    "explain", "fear", "hope", "insist", "maintain", "mention", "note", "observe", "order", "predict",
    "promise", "recall", "recommend", "reply", "report", "say", "state", "stress", "suggest", "tell",
    "testify", "think", "urge", "warn", "worry", "write",
})

_ACTIVE_SUBJ_DEPS = {csubj, nsubj}
_VERB_MODIFIER_DEPS = {aux, auxpass, neg}

DQTriple = collections.namedtuple("DQTriple", ["speaker", "cue", "content"])


def direct_quotations(doc: Doc) -> Iterator[DQTriple]:
    """Direct quotations with an attributable speaker, as (speaker, cue, content) triples.

    Raises ValueError for a language other than English and for an odd number of quotation
    marks (an unclosed quotation), as textacy does."""
    if doc.lang_ != "en":
        raise ValueError(f"direct quotation extraction is not implemented for lang='{doc.lang_}', only ['en']")
    qtok_idxs = numpy.flatnonzero(doc.to_array(IS_QUOTE)).tolist()
    if len(qtok_idxs) % 2 != 0:
        raise ValueError(
            f"{len(qtok_idxs)} quotation marks found, indicating an unclosed quotation; "
            "given the limitations of this method, it's safest to bail out "
            "rather than guess which quotation is unclosed"
        )
    pairs = iter(qtok_idxs)
    qtok_pair_idxs = list(zip(pairs, pairs))
    sents = list(doc.sents)
    for qtok_start_idx, qtok_end_idx in qtok_pair_idxs:
        content = doc[qtok_start_idx: qtok_end_idx + 1]
        cue = None
        speaker = None
        # quotations have at least a couple of tokens between the marks, and are not titles
        if len(content) < 4 or all(tok.is_title for tok in content if not (tok.is_punct or tok.is_stop)):
            continue
        # the window of adjacent or overlapping sentences
        window_sents = (
            sent
            for sent in sents
            if (
                (sent.start < qtok_start_idx and sent.end >= qtok_start_idx - 1)
                or (sent.start <= qtok_end_idx + 1 and sent.end > qtok_end_idx)
            )
        )
        # candidate cue verbs in the window, outside every quotation
        cue_cands = [
            tok
            for sent in window_sents
            for tok in sent
            if (
                tok.pos == VERB
                and tok.lemma_ in REPORTING_VERBS
                and not any(qts_idx <= tok.i <= qte_idx for qts_idx, qte_idx in qtok_pair_idxs)
            )
        ]
        # nearest to the quotation first
        cue_cands = sorted(cue_cands, key=lambda cc: min(abs(cc.i - qtok_start_idx), abs(cc.i - qtok_end_idx)))
        for cue_cand in cue_cands:
            if cue is not None:
                break
            for speaker_cand in cue_cand.children:
                if speaker_cand.dep in _ACTIVE_SUBJ_DEPS:
                    cue = expand_verb(cue_cand)
                    speaker = expand_noun(speaker_cand)
                    break
        if content and cue and speaker:
            yield DQTriple(
                speaker=sorted(speaker, key=attrgetter("i")),
                cue=sorted(cue, key=attrgetter("i")),
                content=content,
            )


def expand_noun(tok: Token) -> list[Token]:
    """A noun with its conjuncts and their compound nouns."""
    tok_and_conjuncts = [tok] + list(tok.conjuncts)
    compounds = [child for tc in tok_and_conjuncts for child in tc.children if child.dep_ == "compound"]
    return tok_and_conjuncts + compounds


def expand_verb(tok: Token) -> list[Token]:
    """A verb with its auxiliaries and negation."""
    return [tok] + [child for child in tok.children if child.dep in _VERB_MODIFIER_DEPS]
