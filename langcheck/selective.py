"""Run the statistical model only on the sentences a rule needs.

A cheap first pass over the whole note (the tokenizer, a punctuation-and-line-break sentence
split, the lexicon trie on word forms and a set of cue words) finds the sentences where some
check needs tags, lemmas or the parse: a label that may be negated or describe a thing, a word
with another sense, a hedge or passive verb, an evaluation, a voice verb or a child's name in
a note that expects the child's voice. Only those go through tok2vec, the tagger, the parser,
the attribute ruler and the lemmatizer; the rest keep their tokens, with a flat tree so that
sentence boundaries stay where the first pass put them. Jargon with no sense constraints
("LAC review", "CIN") needs no model at all.
"""
from __future__ import annotations

import bisect
from typing import Iterable, Iterator

import numpy
from spacy.attrs import DEP, HEAD, IDX, IS_PUNCT, LEMMA, LOWER, MORPH, NORM, ORTH, POS, TAG
from spacy.language import Language
from spacy.strings import hash_string
from spacy.tokens import Doc

from . import voice
from .components import FIRST_PASS_KEY, _inflections
from .docs import TEXT_KEY, doc_text
from .lexicon import RuleSet, Senses
from .tokenguard import as_tokenized

_ATTRS = [TAG, POS, MORPH, LEMMA, DEP, HEAD]
_ENDS = {".", "!", "?", "…"}
_CLOSERS = {'"', "”", "’", "'", ")", "]"}
_CLOSER_OR_END_HASHES = frozenset(hash_string(m) for m in _CLOSERS | _ENDS)

# Irregular forms of the cue verbs (the trie's own inflections cover the regular ones).
_IRREGULAR = {
    "say": ["said"], "tell": ["told"], "write": ["wrote", "written"], "draw": ["drew", "drawn"],
    "choose": ["chose", "chosen"], "feel": ["felt"], "think": ["thought"], "hold": ["held"],
    "run": ["ran"], "show": ["shown"], "shake": ["shook", "shaken"], "hit": ["hit"], "hurt": ["hurt"],
    "seem": ["seemed"], "cling": ["clung"], "put": ["put"], "find": ["found"], "give": ["gave", "given"],
    "make": ["made"], "do": ["did", "done"], "be": ["was", "were", "been", "is", "are"],
}


def _forms(words: Iterable[str]) -> set[str]:
    out: set[str] = set()
    for w in words:
        for part in w.split():
            out |= _inflections(part)
            out.update(_IRREGULAR.get(part, ()))
    return out


class SelectivePipeline:
    """Wraps a loaded langcheck pipeline; `pipe(texts)` yields the same kind of Doc as
    `nlp.pipe(texts)`, with the model run only where a check needs it."""

    def __init__(self, nlp: Language, rules: RuleSet):
        self.nlp = nlp
        self.model_pipes = [(n, p) for n, p in nlp.pipeline if not n.startswith("langcheck_")]
        self.rule_pipes = [(n, p) for n, p in nlp.pipeline if n.startswith("langcheck_")]
        self.matcher = nlp.get_pipe("langcheck_lexicon_matcher")
        self.parse_rules = {r.id for r in rules.phrase_rules()
                            if r.senses != Senses() or r.category in ("critical_label", "doubt")}
        cue_words: set[str] = set()
        voice_words: set[str] = set()
        self.voice_rule = None
        for rule in rules:
            if rule.check in ("hedge", "agentless_passive"):
                cue_words |= _forms(rule.param("verbs"))
            elif rule.check == "empty_evaluation":
                cue_words |= (_forms(rule.param("subjects")) | _forms(rule.param("adjectives"))
                              | _forms(rule.param("any_subject")))
            elif rule.check == "child_voice":
                self.voice_rule = rule
                # Evidence of a voice is a voice verb with the child as subject, so the verb is the
                # cue; pronouns are resolved from the first word of unparsed sentences.
                voice_words |= _forms(rule.param("voice_verbs") | rule.param("observed_verbs"))
        strings = nlp.vocab.strings
        # Compared as hashes with the Doc's LOWER array: no string built per token.
        self.cue_hashes = frozenset(strings.add(w) for w in cue_words)
        self.cue_and_voice_hashes = self.cue_hashes | frozenset(strings.add(w) for w in voice_words)
        self._dep = nlp.vocab.strings.add("dep")
        self._root = nlp.vocab.strings.add("ROOT")

    def pipe(self, texts: Iterable[str], batch_size: int = 16) -> Iterator[Doc]:
        batch: list[str] = []
        for text in texts:
            batch.append(text)
            if len(batch) >= batch_size:
                yield from self._batch(batch)
                batch = []
        if batch:
            yield from self._batch(batch)

    def _batch(self, texts: list[str]) -> list[Doc]:
        docs = []
        for text in texts:
            doc = self.nlp.make_doc(text)
            doc.user_data[TEXT_KEY] = as_tokenized(text)
            docs.append(doc)
        planned = [self._plan(doc, self.first_pass_matches(doc)) for doc in docs]
        plans = [plan for plan, _ in planned]
        subs = [sub for doc, plan in zip(docs, plans) for sub in _sentence_docs(doc, plan)]
        for _, proc in self.model_pipes:
            subs = list(proc.pipe(subs)) if hasattr(proc, "pipe") else [proc(d) for d in subs]
        it = iter(subs)
        for doc, (plan, first_matches) in zip(docs, planned):
            self._annotate(doc, plan, it)
            # The matcher keeps the first pass's matches in the sentences the model skipped
            # (their word keys have not changed) and matches the parsed ones again.
            parsed_starts = [i for s, e, needed in plan if needed for i in range(s, e)]
            doc.user_data[FIRST_PASS_KEY] = (first_matches, parsed_starts)
        for _, proc in self.rule_pipes:  # component by component over the batch, as nlp.pipe does
            docs = [proc(doc) for doc in docs]
        return docs

    def first_pass_matches(self, doc: Doc) -> list[tuple[int, int, str, bool]]:
        """The lexicon's matches on the word forms alone, before any model has run: the
        findings of the sentences the model will skip, and the labels that need the parse."""
        return self.matcher.match(doc)

    def _plan(self, doc: Doc, first_matches: list | None = None) -> tuple[list[tuple[int, int, bool]], list]:
        """Which sentences need the model (and the first pass's lexicon matches)."""
        if first_matches is None:
            first_matches = self.first_pass_matches(doc)
        text = doc_text(doc)
        sentences = first_pass_sentences(doc, text)
        if not sentences:
            return [], []
        needed = [False] * len(sentences)
        starts = [s for s, _, in sentences]
        cues = self.cue_hashes
        if self.voice_rule is not None and voice.might_expect_voice(text, self.voice_rule):
            cues = self.cue_and_voice_hashes
        for i, lower in enumerate(doc.to_array(LOWER).tolist()):
            if lower in cues:
                needed[bisect.bisect_right(starts, i) - 1] = True
        for s, e, rule_id, exc in first_matches:
            if rule_id in self.parse_rules and not exc:
                k = bisect.bisect_right(starts, s) - 1
                needed[k] = True
                # a phrase can run past the first pass's boundary ("Mr." is one token, but
                # "etc." is not): parse every sentence it touches
                while k + 1 < len(sentences) and sentences[k + 1][0] < e:
                    k += 1
                    needed[k] = True
        return [(s, e, n) for (s, e), n in zip(sentences, needed)], first_matches

    def _annotate(self, doc: Doc, plan: list[tuple[int, int, bool]], parsed: Iterator[Doc]) -> None:
        arr = numpy.zeros((len(doc), len(_ATTRS)), dtype="uint64")
        lowers = doc.to_array(LOWER) if len(doc) else None
        for s, e, needed in plan:
            if needed:
                arr[s:e] = next(parsed).to_array(_ATTRS)
                continue
            # A flat tree: every word hangs from the sentence's first, so boundaries hold.
            arr[s:e, 3] = lowers[s:e]
            arr[s, 4] = self._root
            arr[s + 1:e, 4] = self._dep
            arr[s + 1:e, 5] = (numpy.arange(s - (s + 1), s - e, -1, dtype="int64")).astype("uint64")
        if len(doc):
            doc.from_array(_ATTRS, arr)


def _sentence_docs(doc: Doc, plan: list[tuple[int, int, bool]]) -> list[Doc]:
    """A Doc of its own for each needed sentence, with the first pass's tokens.

    Not `Span.as_doc`: that exports the whole note's arrays again for every sentence and
    averages word vectors the model never reads (1.8 ms against 0.25 ms for a 26-sentence
    note). The tokenizer sets only the words, their spaces and special-case norms ("n't" ->
    "not"), so those are all a sentence needs to be read as it would be in the note.
    """
    needed = [(s, e) for s, e, n in plan if n]
    if not needed:
        return []
    norms = doc.to_array([NORM])
    subs = []
    for s, e in needed:
        span = doc[s:e]
        sub = Doc(doc.vocab, words=[t.text for t in span], spaces=[bool(t.whitespace_) for t in span])
        sub.from_array([NORM], norms[s:e])
        subs.append(sub)
    return subs


def first_pass_sentences(doc: Doc, text: str | None = None) -> list[tuple[int, int]]:
    """Token ranges cut after sentence-final punctuation (and closing quotes) or a line break.

    Only punctuation tokens and tokens holding a line break can end a sentence, so only those
    are looked at (found from the Doc's arrays and the text's line breaks), and each distinct
    punctuation mark's text is read once."""
    n = len(doc)
    if n == 0:
        return []
    text = doc_text(doc) if text is None else text
    arr = doc.to_array([IDX, IS_PUNCT, ORTH])
    orths = arr[:, 2].tolist()
    breaks: set[int] = set()
    pos = text.find("\n")
    if pos >= 0:
        idx = arr[:, 0].tolist()
        while pos >= 0:  # the token whose text or trailing space holds the line break
            breaks.add(bisect.bisect_right(idx, pos) - 1)
            pos = text.find("\n", pos + 1)
    punct = numpy.flatnonzero(arr[:, 1]).tolist()
    strings = doc.vocab.strings
    ends: dict[int, bool] = {}  # orth hash -> ends a sentence ("." "?!" "…"), for punctuation
    for h in {orths[i] for i in punct}:
        mark = strings[h]
        ends[h] = mark in _ENDS or (len(mark) > 1 and mark.endswith(tuple(_ENDS)))
    out, start = [], 0
    for i in sorted(breaks.union(punct)):
        if i < start:
            continue  # taken in by the closers after an earlier end
        if ends.get(orths[i]):
            j = i + 1
            while j < n and orths[j] in _CLOSER_OR_END_HASHES:
                j += 1
            out.append((start, j))
            start = j
        elif i in breaks:
            out.append((start, i + 1))
            start = i + 1
    if start < n:
        out.append((start, n))
    return out
