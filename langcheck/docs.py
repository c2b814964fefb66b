"""Fast reads of a spaCy Doc that the checks share: its text and its sentence starts.

Both come from what the Doc already holds (a string kept by the selective runner, the
SENT_START column of its arrays) instead of a walk over its tokens in Python.
"""
from __future__ import annotations

from functools import lru_cache

import numpy
from spacy.attrs import IS_QUOTE, LOWER, ORTH
from spacy.strings import hash_string
from spacy.tokens import Doc

TEXT_KEY = ("langcheck", "text")  # doc.user_data: the Doc's text, set by the selective runner


def doc_text(doc: Doc) -> str:
    """The Doc's text. `Doc.text` joins every token's text again on each call (about 50 us for
    a 300-word note); the selective runner keeps the string it tokenized instead."""
    text = doc.user_data.get(TEXT_KEY)
    return doc.text if text is None else text


def in_sorted(values: numpy.ndarray, table: numpy.ndarray) -> numpy.ndarray:
    """`numpy.isin(values, table)` for a sorted table: a binary search per value, in C. (isin
    sorts both arrays again on every call: about 75 us for a note, against 5 us.)"""
    if not len(table):
        return numpy.zeros(len(values), dtype=bool)
    return table[numpy.minimum(numpy.searchsorted(table, values), len(table) - 1)] == values


def sentence_starts(sent_start: numpy.ndarray) -> list[int]:
    """The first token of each sentence, from a Doc's SENT_START column (as `Doc.sents`)."""
    return [0] + (numpy.flatnonzero(sent_start[1:] == 1) + 1).tolist()


@lru_cache(maxsize=1)
def _topic_mark_hashes() -> numpy.ndarray:
    from .lexicon import load_context_data

    words = load_context_data().get("topic_marks") or []
    return numpy.array(sorted(hash_string(str(w).lower()) for w in words), dtype="uint64")


def topic_marks(doc: Doc) -> list[int]:
    """Where a word that names a topic ("re", "regarding": lexicons/context.yaml) stands in the
    Doc, found once from its arrays."""
    key = ("langcheck", "topic_marks")
    if key not in doc.user_data:
        doc.user_data[key] = numpy.flatnonzero(in_sorted(doc.to_array(LOWER), _topic_mark_hashes())).tolist()
    return doc.user_data[key]


def quote_marks(doc: Doc) -> list[int]:
    """Where a quotation mark (spaCy's IS_QUOTE) stands in the Doc, found once from its arrays."""
    key = ("langcheck", "quote_marks")
    if key not in doc.user_data:
        doc.user_data[key] = numpy.flatnonzero(doc.to_array(IS_QUOTE)).tolist()
    return doc.user_data[key]


_DOUBLE_QUOTES = numpy.array(sorted(hash_string(m) for m in ('"', "“", "”")), dtype="uint64")


def quoted_tokens(doc: Doc) -> set[int]:
    """Tokens between straight or curly double quotation marks."""
    inside: set[int] = set()
    state, last = False, 0
    marks = numpy.flatnonzero(in_sorted(doc.to_array(ORTH), _DOUBLE_QUOTES)).tolist()  # in C, not a Token each
    for i in marks:
        text = doc[i].text
        if state:
            inside.update(range(last + 1, i))
        state = not state if text == '"' else text == "“"
        last = i
    if state:
        inside.update(range(last + 1, len(doc)))
    return inside
