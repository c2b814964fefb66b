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

from typing import Iterable, Iterator

import numpy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc

from . import voice
from .components import FIRST_PASS_KEY, _inflections
from .lexicon import RuleSet, Senses

_ATTRS = [TAG, POS, MORPH, LEMMA, DEP, HEAD]
_ENDS = {".", "!", "?", "…"}
_CLOSERS = {'"', "”", "’", "'", ")", "]"}

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
                cue_words |= _forms(rule.param("subjects")) | _forms(rule.param("adjectives"))
            elif rule.check == "child_voice":
                self.voice_rule = rule
                # Evidence of a voice is a voice verb with the child as subject, so the verb is the
                # cue; pronouns are resolved from the first word of unparsed sentences.
                voice_words |= _forms(rule.param("voice_verbs") | rule.param("observed_verbs"))
        self.cue_words = frozenset(cue_words)
        self.voice_words = frozenset(voice_words)
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
        docs = [self.nlp.make_doc(t) for t in texts]
        planned = [self._plan(doc) for doc in docs]
        plans = [plan for plan, _ in planned]
        subs = [doc[s:e].as_doc() for doc, plan in zip(docs, plans) for s, e, needed in plan if needed]
        for _, proc in self.model_pipes:
            subs = list(proc.pipe(subs)) if hasattr(proc, "pipe") else [proc(d) for d in subs]
        it = iter(subs)
        for doc, (plan, first_matches) in zip(docs, planned):
            self._annotate(doc, plan, it)
            # The matcher keeps the first pass's matches in the sentences the model skipped
            # (their word keys have not changed) and matches the parsed ones again.
            parsed_starts = [i for s, e, needed in plan if needed for i in range(s, e)]
            doc.user_data[FIRST_PASS_KEY] = (first_matches, parsed_starts)
            for _, proc in self.rule_pipes:
                doc = proc(doc)
        return docs

    def _plan(self, doc: Doc) -> tuple[list[tuple[int, int, bool]], list]:
        """Which sentences need the model, and the lexicon matches of the first pass."""
        sentences = first_pass_sentences(doc)
        if not sentences:
            return [], []
        needed = [False] * len(sentences)
        starts = [s for s, _, in sentences]
        words = self.cue_words
        if self.voice_rule is not None and voice.might_expect_voice(doc.text, self.voice_rule):
            words = words | self.voice_words
        for k, (s, e) in enumerate(sentences):
            if any(t.lower_ in words for t in doc[s:e]):
                needed[k] = True
        import bisect
        first_matches = self.matcher.match(doc)
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
        for s, e, needed in plan:
            if needed:
                arr[s:e] = next(parsed).to_array(_ATTRS)
                continue
            # A flat tree: every word hangs from the sentence's first, so boundaries hold.
            arr[s:e, 3] = [t.lower for t in doc[s:e]]
            arr[s, 4] = self._root
            arr[s + 1:e, 4] = self._dep
            arr[s + 1:e, 5] = (numpy.arange(s - (s + 1), s - e, -1, dtype="int64")).astype("uint64")
        if len(doc):
            doc.from_array(_ATTRS, arr)


def first_pass_sentences(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges cut after sentence-final punctuation (and closing quotes) or a line break."""
    out, start, n = [], 0, len(doc)
    i = 0
    while i < n:
        tok = doc[i]
        end = None
        if tok.text in _ENDS or (tok.text.endswith(tuple(_ENDS)) and len(tok.text) > 1 and tok.is_punct):
            j = i + 1
            while j < n and (doc[j].text in _CLOSERS or doc[j].text in _ENDS):
                j += 1
            end = j
        elif "\n" in tok.text or "\n" in tok.whitespace_:
            end = i + 1
        if end is not None:
            out.append((start, end))
            start = end
            i = end
            continue
        i += 1
    if start < n:
        out.append((start, n))
    return out
