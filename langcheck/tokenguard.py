"""A guard around spaCy's tokenizer for text it cannot take as it is.

Lone surrogates ("\ud800": Python allows them in a str, e.g. from a file read with
surrogateescape) make spaCy's tokenizer raise UnicodeEncodeError when it hashes a token. Each
is tokenized as U+FFFD instead: one code point for one, so every offset is unchanged (findings
take their text from the caller's string, not from the Doc).

Long runs: spaCy's tokenizer strips suffixes from a white-space-free run one at a time, and each
`suffix_search` (a `...$` regex) scans the whole remaining run: a run of punctuation is
quadratic. 10,000 quote marks in a row took 6 s to tokenize, 20,000 took 24 s, so one pasted
line of "!!!!" or quote marks could hold a service worker past any deadline. Runs longer than
`MAX_RUN` are tokenized in slices of `SLICE` characters and the pieces joined with
`Doc.from_docs` (no white space added), so `doc.text` is the input as it was and every
character offset is unchanged. Ordinary text never has such a run and takes the fast path.
"""
from __future__ import annotations

import re
import unicodedata

from spacy.tokens import Doc

MAX_RUN = 200
SLICE = 100
_LONG_RUN = re.compile(r"\S{%d,}" % (MAX_RUN + 1))
_SURROGATE = re.compile("[\ud800-\udfff]")


class TokenizerGuard:
    """Callable like a tokenizer: text -> Doc. Delegates everything else to the wrapped one."""

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        text = as_tokenized(text)
        if _LONG_RUN.search(text) is None:
            return self.tokenizer(text)
        docs = [self.tokenizer(piece) for piece in _pieces(text)]
        return Doc.from_docs(docs, ensure_whitespace=False)

    def __getattr__(self, name):  # vocab, explain, pipe, to_disk ... of the real tokenizer
        if name == "tokenizer":  # not set yet (unpickling): no endless recursion
            raise AttributeError(name)
        return getattr(self.tokenizer, name)


def as_tokenized(text: str) -> str:
    """The text as the guard hands it to the tokenizer, i.e. the Doc's text: lone surrogates
    become U+FFFD, one code point for one."""
    if _SURROGATE.search(text) is not None:
        return _SURROGATE.sub("\ufffd", text)
    return text


def _pieces(text: str) -> list[str]:
    """`text` cut only inside runs longer than MAX_RUN, never before a combining mark or
    between the halves of a surrogate pair."""
    cuts = []
    for m in _LONG_RUN.finditer(text):
        pos = m.start() + SLICE
        while pos < m.end() - 1:
            while pos < m.end() - 1 and _continues(text[pos]):
                pos += 1
            if pos >= m.end() - 1:
                break
            cuts.append(pos)
            pos += SLICE
    pieces, last = [], 0
    for c in cuts:
        pieces.append(text[last:c])
        last = c
    pieces.append(text[last:])
    return [p for p in pieces if p]


def _continues(ch: str) -> bool:
    return unicodedata.combining(ch) > 0 or ch in "\u200d\ufe0f"
