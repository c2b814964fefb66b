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
import time
from typing import Iterable, Iterator

import numpy
from spacy.attrs import DEP, HEAD, IDX, IS_PUNCT, LEMMA, LOWER, MORPH, NORM, ORTH, POS, TAG
from spacy.language import Language
from spacy.strings import hash_string
from spacy.tokens import Doc, Span

from .components import FIRST_PASS_KEY, PARSED_KEY, _inflections, is_langcheck
from .docs import TEXT_KEY, doc_text
from .people import KEEP_KEY
from .kinds import Needs
from .lexicon import RuleSet, load_context_data
from .tokenguard import as_tokenized

_ATTRS = [TAG, POS, MORPH, LEMMA, DEP, HEAD]
_ENDS = {".", "!", "?", "…"}
_CLOSERS = {'"', "”", "’", "'", ")", "]"}
_CLOSER_OR_END_HASHES = frozenset(hash_string(m) for m in _CLOSERS | _ENDS)
_OPEN_BRACKET, _CLOSE_BRACKET = hash_string("("), hash_string(")")

def _forms(words: Iterable[str], irregular: dict[str, list[str]], participles: bool = False) -> set[str]:
    """Every form of the cue words a first-pass token may have: the lexicon's own inflections,
    the third person and -ing of short verbs ("see": "sees", "seeing"), and irregular forms
    from lexicons/context.yaml ("see": "saw", "seen")."""
    out: set[str] = set()
    for w in words:
        # A phrase is cued by its longest word ("without fail" by "without"): every sentence
        # holding it holds that word, and short words ("on", "of") would mark most sentences.
        part = max(w.split(), key=len)
        if participles:  # "reviewed", "given": a passive's verb is its participle
            out |= {f for f in _inflections(part) if f.endswith(("ed", "d"))} | {part + "ed"}
        else:
            out |= _inflections(part) | {part + "s", part + "ing"}
        out.update(irregular.get(part, ()))
    return out


class SelectivePipeline:
    """Wraps a loaded langcheck pipeline; `pipe(texts)` yields the same kind of Doc as
    `nlp.pipe(texts)`, with the model run only where a check needs it."""

    def __init__(self, nlp: Language, rules: RuleSet):
        self.nlp = nlp
        # The model's components and langcheck's, told apart by type: the model runs on the
        # sentences that need it through nlp.pipe, langcheck's on every whole note.
        self.rule_pipes = [(n, p) for n, p in nlp.pipeline if is_langcheck(p)]
        self.model_pipes = [(n, p) for n, p in nlp.pipeline if not is_langcheck(p)]
        self.matcher = nlp.get_pipe("langcheck_lexicon_matcher")
        # What each rule needs from the model (langcheck/kinds.py): phrase rules with a sense to
        # decide or a negation to find need the parse where they match; the other kinds need it
        # where one of their cue words stands.
        self.parse_rules = {r.id for r in rules if r.check == "phrase" and r.kind.needs_for(r) > Needs.TOKENS}
        cue_words: set[str] = set()
        irregular = {k: list(v) for k, v in (load_context_data().get("irregular_forms") or {}).items()}
        strings = nlp.vocab.strings
        # Rules whose cues count only in some notes (their kind's `relevant` test, read on the
        # note's text before any model runs), each with its cue hashes.
        self.gated: list[tuple[object, frozenset[int]]] = []
        for rule in rules:
            if rule.check == "phrase":
                continue
            forms = set().union(*(_forms(words, irregular, participles=(how == "participle"))
                                  for words, how in rule.kind.cue_groups(rule)))
            if rule.kind.relevant is not None and forms:
                self.gated.append((rule, frozenset(strings.add(w) for w in forms)))
            else:
                cue_words |= forms
        # Compared as hashes with the Doc's LOWER array: no string built per token.
        self.cue_hashes = frozenset(strings.add(w) for w in cue_words)
        self._dep = nlp.vocab.strings.add("dep")
        self._root = nlp.vocab.strings.add("ROOT")

    def pipe(self, texts: Iterable[str], batch_size: int = 16, timings: dict[str, float] | None = None) -> Iterator[Doc]:
        """Docs for the texts, as `nlp.pipe` gives them. `timings`, when given, gathers the
        seconds spent in each stage ("tokenizer", "first pass", "plan", "model", "annotate", and
        each langcheck component by name), for benchmarks/run.py's layer shares."""
        batch: list[str] = []
        for text in texts:
            batch.append(text)
            if len(batch) >= batch_size:
                yield from self._batch(batch, timings)
                batch = []
        if batch:
            yield from self._batch(batch, timings)

    def _batch(self, texts: list[str], timings: dict[str, float] | None = None) -> list[Doc]:
        clock = _Clock(timings)
        docs = []
        for text in texts:
            doc = self.nlp.make_doc(text)
            doc.user_data[TEXT_KEY] = as_tokenized(text)
            docs.append(doc)
        clock.lap("tokenizer")
        matches = [self.first_pass_matches(doc) for doc in docs]
        clock.lap("first pass")
        planned = [self._plan(doc, m) for doc, m in zip(docs, matches)]
        plans = [plan for plan, _ in planned]
        subs = [sub for doc, plan in zip(docs, plans) for sub in _sentence_docs(doc, plan)]
        clock.lap("plan")
        if subs:
            subs = list(self.nlp.pipe(subs, disable=[n for n, _ in self.rule_pipes]))
        clock.lap("model")
        it = iter(subs)
        for doc, (plan, first_matches) in zip(docs, planned):
            self._annotate(doc, plan, it)
            # The matcher keeps the first pass's matches in the sentences the model skipped
            # (their word keys have not changed) and matches the parsed ones again.
            doc.spans[FIRST_PASS_KEY] = [Span(doc, s, e, label="exception" if exc else "match", span_id=rule)
                                         for s, e, rule, exc in first_matches]
            doc.spans[PARSED_KEY] = [Span(doc, s, e) for s, e, needed in plan if needed]
            doc.user_data[KEEP_KEY] = True  # the checker reads the people stage, then removes it
        clock.lap("annotate")
        for name, proc in self.rule_pipes:  # component by component over the batch, as nlp.pipe does
            docs = [proc(doc) for doc in docs]
            clock.lap(name)
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
        for rule, hashes in self.gated:
            if rule.kind.relevance(rule, text):
                cues = cues | hashes
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
    # A full stop inside brackets that close later on the same line ends no sentence: "at the
    # neighbour's flat (Mrs Bello, no. 12), where she ..." (the aside belongs to its sentence).
    opens = [i for i in punct if orths[i] == _OPEN_BRACKET]
    closes = [i for i in punct if orths[i] == _CLOSE_BRACKET] if opens else []
    line_ends = sorted(breaks) if opens else []

    def inside_brackets(i: int) -> bool:
        before = bisect.bisect_left(opens, i) - bisect.bisect_left(closes, i)
        if before <= 0:
            return False
        close = bisect.bisect_right(closes, i)
        line_end = bisect.bisect_right(line_ends, i)
        return close < len(closes) and (line_end == len(line_ends) or closes[close] < line_ends[line_end])

    out, start = [], 0
    for i in sorted(breaks.union(punct)):
        if i < start:
            continue  # taken in by the closers after an earlier end
        if ends.get(orths[i]) and not (opens and i not in breaks and inside_brackets(i)):
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


class _Clock:
    """Adds the time since the last lap to `timings[name]`; does nothing without a dict."""

    def __init__(self, timings: dict[str, float] | None):
        self.timings = timings
        self.last = time.perf_counter() if timings is not None else 0.0

    def lap(self, name: str) -> None:
        if self.timings is not None:
            now = time.perf_counter()
            self.timings[name] = self.timings.get(name, 0.0) + now - self.last
            self.last = now
