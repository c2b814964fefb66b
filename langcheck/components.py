"""spaCy components: a lemma-aware lexicon matcher, the span-level check kinds, and a
ConText-style context filter.

All three are registered as factories (entry point `spacy_factories`), so any spaCy user can
`nlp.add_pipe("langcheck_lexicon_matcher")`. As with spaCy's SpanRuler, the factory builds an
empty component and the rules come in as data: through `initialize(lexicons=[...])` (which a
config.cfg's `[initialize.components.*]` can name, with the bundled lexicons unless
`bundled = false`), `add_rules()`, or `from_disk()`; `to_disk()` writes the lexicons' YAML, so
a saved pipeline carries its rules. Results go to `doc.spans[...]` with the category in
`label_` and the rule id in `id_`, so they survive DocBin and `to_disk` without custom encoders.
"""
# No `from __future__ import annotations`: spaCy reads the factories' type hints at run time.

import bisect
import re
import warnings
from pathlib import Path
from typing import Iterable, Mapping

import numpy
import srsly

from spacy.attrs import IDX, LEMMA, LOWER, ORTH
from spacy.language import Language
from spacy.strings import hash_string
from spacy.tokens import Doc, Span, Token

from .docs import doc_text
from .lexicon import Rule, RuleSet, load_context_data, load_rules, quote_pairs, rules_from_sources
from .people import release

CANDIDATES_KEY = "langcheck_candidates"
SPANS_KEY = "langcheck"
DROPPED_KEY = "langcheck_dropped"
# The longer phrases with another sense that blocked a trigger ("neonatal unit"), kept for the
# context stage: a bare use later on may refer back to one ("on the unit").
EXCEPTIONS_KEY = "langcheck_exceptions"
CONTEXT_ATTR = "langcheck_context"
# Left by the selective runner (langcheck/selective.py) and read by the matcher: the lexicon's
# matches from before the model ran (label "match" or "exception", the rule in id_), and the
# sentences the model has since parsed, where a lemma can add a match.
FIRST_PASS_KEY = "langcheck_first_pass"
PARSED_KEY = "langcheck_parsed"
PHRASE = "phrase"  # the check kind this module's matcher implements

_HYPHENS = {"-", "–", "‐"}
_DOTTED = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]?\.?$")


def _inflections(word: str) -> set[str]:
    """Surface forms of a base word, so "refuse" also finds "refused", "refusing"."""
    forms = {word}
    if len(word) == 3 and word.isalpha() and word[-1] in "bdgmnprt" and word[-2] in "aeiou" \
            and word[0] not in "aeiou":
        return forms | {word + "s", word + word[-1] + "ing", word + word[-1] + "ed"}  # "put": "putting"
    if len(word) < 4 or not word.isalpha():
        return forms
    forms |= {word + "s", word + "es", word + "ed", word + "ing", word + "d"}
    if word.endswith("e"):
        forms |= {word[:-1] + "ing", word[:-1] + "ion"}
    if word.endswith("y"):
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    if word[-1] in "bdgmnprt" and word[-2] in "aeiou" and word[-3] not in "aeiou":
        forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    return forms


_COLON = hash_string(":")  # compared with a Doc's ORTH column: no Token per word

_DOTTED_IN_TEXT = re.compile(r"(?<![A-Za-z.])(?:[A-Za-z]\.){2,}[A-Za-z]?")


def _doc_keys(doc: Doc) -> tuple[list[int], list[int], list[int], list[int]]:
    """Four columns, per token: the hashes of its lower-case form, its lemma and its exact text,
    and of its lower-case form without dots for a dotted acronym ("L.A.C." -> "lac"), else 0.
    Hashes straight from the Doc's arrays: a trie walk on ints, no string built per token (and
    columns rather than a row per token: four lists instead of one per token)."""
    if not len(doc):
        return [], [], [], []
    lowers, lemmas, orths = doc.to_array([LOWER, LEMMA, ORTH]).T.tolist()
    dotless = [0] * len(doc)
    text = doc_text(doc)
    if "." in text:
        starts = None
        strings = doc.vocab.strings
        for m in _DOTTED_IN_TEXT.finditer(text):
            if starts is None:
                starts = doc.to_array(IDX).tolist()
            i = bisect.bisect_right(starts, m.start()) - 1
            if 0 <= i < len(doc) and _DOTTED.match(doc[i].text):
                dotless[i] = strings.add(doc[i].lower_.replace(".", ""))
    return lowers, lemmas, orths, dotless


class _Node:
    """A trie node. Every surface form of a pattern word ("refuse", "refused", "refusing")
    leads to the same child, so the trie grows with the patterns, not with their forms."""

    __slots__ = ("next", "exact", "children", "ends")

    def __init__(self) -> None:
        self.next: dict[int, tuple[str, ...]] = {}  # hash of a lower-case form or lemma -> pattern words
        self.exact: dict[int, tuple[str, ...]] = {}  # hash of the exact text -> pattern words
        self.children: dict[str, _Node] = {}  # pattern word -> node
        self.ends: list[tuple[str, bool]] = []  # (rule id, is_exception)

    def step(self, lower: int, lemma: int, orth: int, dotless: int) -> list["_Node"]:
        table = self.next
        by_lower = table.get(lower)
        by_lemma = table.get(lemma) if lemma != lower else None
        by_orth = self.exact.get(orth) if self.exact else None
        by_dotless = table.get(dotless) if dotless else None
        if by_lemma is None and by_orth is None and by_dotless is None:  # the usual case
            if by_lower is None:
                return []
            words = by_lower
        else:
            words = set()
            for found in (by_lower, by_lemma, by_orth, by_dotless):
                if found:
                    words.update(found)
        children = self.children
        return [children[w] for w in words]


class RulesComponent:
    """What langcheck's components share: rules as data, loaded by `initialize`, written and
    read by `to_disk`/`from_disk` (and bytes), with a warning when a component has none."""

    name: str
    sources: tuple[tuple[str, str], ...] = ()
    _warned = False

    def initialize(self, get_examples=None, *, nlp: Language | None = None, lexicons: Iterable[str] = (),
                   bundled: bool = True, rules: RuleSet | None = None) -> None:
        """Load the bundled lexicons (unless `bundled` is false) and any `lexicons` named, as a
        config.cfg's [initialize.components.<name>] can: `lexicons = ["our-terms.yaml"]`."""
        self.set_rules(rules if rules is not None else load_rules([Path(p) for p in lexicons], bundled=bundled))

    def set_rules(self, rules: RuleSet) -> None:
        self.clear()
        self.sources = tuple(rules.sources)
        self.add_rules(rules)

    def has_rules(self) -> bool:
        raise NotImplementedError

    def warn_if_empty(self) -> None:
        if not self.has_rules() and not self._warned:
            warnings.warn(f"{self.name}: no rules; call initialize() or add_rules() first (as spaCy's "
                          "SpanRuler warns with no patterns)", stacklevel=3)
            self._warned = True

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.msgpack_dumps({"sources": [list(s) for s in self.sources]})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()):
        self.set_rules(rules_from_sources([tuple(s) for s in srsly.msgpack_loads(data)["sources"]]))
        return self

    def to_disk(self, path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        for n, (name, text) in enumerate(self.sources):
            (path / f"{n:03d}-{name}").write_text(text, encoding="utf-8")

    def from_disk(self, path, *, exclude: Iterable[str] = ()):
        files = sorted(Path(path).glob("*.yaml"))
        self.set_rules(rules_from_sources([(f.name.split("-", 1)[-1], f.read_text(encoding="utf-8")) for f in files],
                                          [str(f) for f in files]))
        return self



class LexiconMatcher(RulesComponent):
    """Finds every lexicon phrase, matching each word on its lemma or lower-case form.

    A token trie rather than spaCy's PhraseMatcher: the PhraseMatcher compares one attribute,
    and a case-insensitive, lemma-aware match needs two (LOWER or LEMMA) per word. Matching
    is a dictionary walk per token, a small fraction of the model's time.
    """

    def __init__(self, nlp: Language, name: str = "langcheck_lexicon_matcher", spans_key: str = CANDIDATES_KEY):
        self.nlp = nlp
        self.name = name
        self.spans_key = spans_key
        self.rules: dict[str, Rule] = {}
        self._root = _Node()
        self._hyphens = frozenset(nlp.vocab.strings.add(h) for h in _HYPHENS)

    def clear(self) -> None:
        self.rules.clear()
        self._root = _Node()

    def has_rules(self) -> bool:
        return bool(self.rules)

    def add_rules(self, rules: Iterable[Rule]) -> None:
        for rule in rules:
            if rule.check != PHRASE:
                continue
            self.rules[rule.id] = rule
            for pattern in rule.patterns:
                self._add(pattern, rule, exception=False)
            for pattern in rule.exceptions:
                self._add(pattern, rule, exception=True)

    def _add(self, phrase: str, rule: Rule, exception: bool) -> None:
        words = [t.text for t in self.nlp.make_doc(phrase) if t.text not in _HYPHENS]
        strings = self.nlp.vocab.strings
        node = self._root
        for word in words:
            if rule.match_case and not exception:
                canonical, table, forms = "=" + word, node.exact, {word}
            else:
                low = word.lower().replace("’", "'")
                canonical, table = low, node.next
                forms = _inflections(low) | ({low.replace(".", "")} if _DOTTED.match(word) else set())
                if word.isupper() and word.isalpha():
                    forms.add(low + "s")  # an acronym's plural: "The LACs met"
                forms |= {f.replace("'", "’") for f in forms}  # typographic apostrophes too
            child = node.children.setdefault(canonical, _Node())
            for form in forms:
                key = strings.add(form)
                if canonical not in table.get(key, ()):
                    table[key] = table.get(key, ()) + (canonical,)
            node = child
        if (rule.id, exception) not in node.ends:
            node.ends.append((rule.id, exception))

    def match(self, doc: Doc, starts: Iterable[int] | None = None) -> list[tuple[int, int, str, bool]]:
        """(start, end, rule id, is_exception) for every phrase found; `starts` limits where a
        phrase may begin (the selective runner re-matches only the sentences it parsed)."""
        lowers, lemmas, orths, dotless = _doc_keys(doc)
        hyphens = self._hyphens
        found = []
        n = len(doc)
        root = self._root
        # Most words start no phrase: test them against the root's tables in one pass
        # before any per-token step.
        by_form, by_exact = root.next, root.exact
        positions = range(n) if starts is None else starts
        for i in [i for i in positions if lowers[i] in by_form or lemmas[i] in by_form
                  or orths[i] in by_exact or (dotless[i] and dotless[i] in by_form)]:
            first = root.step(lowers[i], lemmas[i], orths[i], dotless[i])
            if not first:
                continue
            active = [(node, i + 1) for node in first]
            while active:
                nxt = []
                for node, end in active:
                    for rule_id, exc in node.ends:
                        found.append((i, end, rule_id, exc))
                    if not node.next:
                        continue
                    j = end
                    while j < n and orths[j] in hyphens and j > i:
                        j += 1  # "attention-seeking" and "attention seeking" are one pattern
                    if j < n:
                        nxt.extend((child, j + 1) for child in node.step(lowers[j], lemmas[j], orths[j], dotless[j]))
                active = nxt
        return found

    def set_annotations(self, doc: Doc, matches: list[tuple[int, int, str, bool]]) -> None:
        exceptions = [(s, e, r) for s, e, r, exc in matches if exc]
        spans = []
        seen = set()
        for s, e, rid, exc in matches:
            if exc or (s, e, rid) in seen:
                continue
            seen.add((s, e, rid))
            # medspaCy's PSEUDO: a longer phrase with another sense blocks the trigger.
            if any(r == rid and es < e and s < ee for es, ee, r in exceptions):
                continue
            spans.append(Span(doc, s, e, label=self.rules[rid].category, span_id=rid))
        doc.spans[self.spans_key] = spans
        doc.spans[EXCEPTIONS_KEY] = [Span(doc, s, e, label="exception", span_id=rid) for s, e, rid in sorted(set(exceptions))]

    def __call__(self, doc: Doc) -> Doc:
        self.warn_if_empty()
        if FIRST_PASS_KEY not in doc.spans or PARSED_KEY not in doc.spans:
            self.set_annotations(doc, self.match(doc))
            return doc
        # Left by the selective runner: matches from before the model ran, and the sentences it
        # has since parsed (only there can a lemma add a match). Read once, then removed.
        earlier = [(s.start, s.end, s.id_, s.label_ == "exception") for s in doc.spans[FIRST_PASS_KEY]]
        parsed_starts = [i for sent in doc.spans[PARSED_KEY] for i in range(sent.start, sent.end)]
        del doc.spans[FIRST_PASS_KEY], doc.spans[PARSED_KEY]
        parsed = set(parsed_starts)
        matches = [m for m in earlier if m[0] not in parsed] + self.match(doc, parsed_starts)
        self.set_annotations(doc, matches)
        return doc


class ContextFilter(RulesComponent):
    """Decides which candidate matches are findings, in the spirit of medspaCy's ConText.

    Dropped: inside a quotation (someone's own words, or a word under discussion); mentioned
    rather than used; an acronym where the note spells it out ("Review Child Protection
    Conference (RCPC)"); another sense by the rule's own `senses`. Kept but marked "negated":
    a negated label. Kept spans go to doc.spans["langcheck"], dropped ones (with the reason
    in the span's `langcheck_context` extension) to doc.spans["langcheck_dropped"].
    """

    def __init__(self, nlp: Language, name: str = "langcheck_context", rules: dict[str, Rule] | None = None):
        self.nlp = nlp
        self.name = name
        self.rules: dict[str, Rule] = dict(rules or {})
        data = load_context_data()
        self.quote_pairs = list(quote_pairs())
        mention = data["mention"]
        self.mention_window = int(mention["window"])
        self.mention_before = [tuple(c.lower().split()) for c in mention["before"]]
        self.mention_after = [tuple(c.lower().split()) for c in mention["after"]]
        self._mention_before_text = [" " + " ".join(c) + " " for c in self.mention_before]
        neg = data["negation"]
        self.neg_before = set(neg["before"])
        self.neg_pseudo = [tuple(p.split()) for p in neg["pseudo"]]
        self.neg_carriers = set(neg["carriers"])
        self.things = set(data["things"])
        self.speech_verbs = set(data.get("colon_speech") or ())
        self.definition_small_words = frozenset(data.get("definition_small_words") or ())
        self.acronym_endings = sorted(data.get("acronym_endings") or (), key=len, reverse=True)
        if not Span.has_extension(CONTEXT_ATTR):
            Span.set_extension(CONTEXT_ATTR, default=())

    def clear(self) -> None:
        self.rules = {}

    def has_rules(self) -> bool:
        return bool(self.rules)

    def add_rules(self, rules: Iterable[Rule]) -> None:
        self.rules.update({r.id: r for r in rules})

    def __call__(self, doc: Doc) -> Doc:
        self.warn_if_empty()
        candidates = doc.spans.get(CANDIDATES_KEY, [])
        quotes = quoted_ranges(doc_text(doc), self.quote_pairs) if len(candidates) else []
        if len(candidates) and ":" in doc_text(doc):
            quotes += self.colon_quotes(doc)
        kept, dropped = [], []
        defined = _definitions(candidates, self.definition_small_words, self.acronym_endings) \
            if len(candidates) else {}
        # the critical labels that stand (not one dropped for its own sense: "things have been
        # difficult" is said of no person)
        labels = [s.root.i for s in candidates if s.label_ == "critical_label" and s.id_ in self.rules
                  and not self.drop_reason(s, self.rules[s.id_], quotes, defined=defined)]
        for span in doc.spans.get(CANDIDATES_KEY, []):
            rule = self.rules.get(span.id_)
            if rule is None:
                continue
            reason = self.drop_reason(span, rule, quotes, labels, defined)
            if reason:
                span._.set(CONTEXT_ATTR, (reason,))
                dropped.append(span)
                continue
            span._.set(CONTEXT_ATTR, ("negated",) if self.is_negated(span, rule) else ())
            kept.append(span)
        doc.spans[SPANS_KEY] = kept
        doc.spans[DROPPED_KEY] = dropped
        release(doc)  # the people stage, unless langcheck's checker will read it
        return doc

    def colon_quotes(self, doc: Doc) -> list[tuple[int, int]]:
        """Words after a verb of saying and a colon are the speaker's own, like a quotation:
        "Jordan told me: I hate contact, it's boring." (to the end of the sentence)."""
        out = []
        for i in numpy.flatnonzero(doc.to_array(ORTH) == _COLON).tolist():  # (the colons only become Tokens)
            tok = doc[i]
            if i == 0:
                continue
            before = doc[max(tok.sent.start, tok.i - 3):tok.i]
            if any(t.lemma_.lower() in self.speech_verbs or t.lower_ in self.speech_verbs for t in before):
                out.append((tok.idx, tok.sent.end_char))
        return out

    # -- why a match is not a finding -------------------------------------------------
    def drop_reason(self, span: Span, rule: Rule, quotes: list[tuple[int, int]],
                    labels: list[int] = (), defined: Mapping[str, int] = {}) -> str | None:
        """Why a candidate is not a finding, or None. `labels`: the root tokens of the Doc's
        critical-label candidates; `defined`: the acronyms the note spells out, and where."""
        quote = next(((qs, qe) for qs, qe in quotes if qs <= span.start_char and span.end_char <= qe), None)
        if quote is not None and not (rule.category == "critical_label" and self._professionals_words(span, quote[0])):
            return "quoted"
        if self.is_mentioned(span):
            return "mentioned"
        if len(span) == 1 and defined and defined.get(_acronym_core(span[0].text, self.acronym_endings) or "", span.end) < span.end:
            # where the note spells it out, and every use after it: "Family Group Conference (FGC)
            # ... the FGC agreed"
            return "defined"
        senses = rule.senses
        root = span.root
        # Part of speech tells a word's sense ("to contact" vs "contact with Dad"); in a longer
        # phrase ("challenging behaviour") the parse's root can be misread, so only one word counts.
        if senses.not_pos and len(span) == 1 and _part_of_speech(root) in senses.not_pos:
            return "other-sense:pos"
        if senses.not_before and span.end < len(span.doc):
            nxt = span.doc[span.end]
            if nxt.lower_ in senses.not_before or nxt.lemma_.lower() in senses.not_before:
                return "other-sense:before"
        if senses.not_after and span.start > 0:
            prev = span.doc[span.start - 1]
            if prev.lower_ in senses.not_after or prev.lemma_.lower() in senses.not_after:
                return "other-sense:after"
        if senses.not_object_of and root.dep_ == "pobj" and any(
                f"{root.head.lower_} {c.lower_}" in senses.not_object_of for c in root.children if c.dep_ == "prep"):
            return "other-sense:object"
        if senses.not_in_sentence:
            sentence = " ".join(t.lower_ for t in span.sent)
            if any(phrase in sentence for phrase in senses.not_in_sentence):
                return "other-sense:sentence"
        if senses.not_with and self._with_object(span) in senses.not_with:
            return "other-sense:with"
        if senses.only_modifiers and (_another_kind(root, span.start, senses.only_modifiers)
                                      or _named_before_as_another(root, span.start, senses.only_modifiers, rule.id)):
            return "other-sense:modifier"
        if senses.not_with_subject and any(
                c.dep_ in ("nsubj", "nsubjpass", "csubj") and (c.lower_ in senses.not_with_subject
                                                               or c.lemma_.lower() in senses.not_with_subject)
                for t in span for c in t.children):
            return "other-sense:subject"
        if senses.not_after_label and any(i < span.start and _in_subject(span.doc[i], span.root) for i in labels):
            return "other-sense:label"
        if senses.not_on_label and any(span.start <= i < span.end for i in labels):
            return "other-sense:label"
        if senses.not_over_label and labels:
            clause = span.root
            if any(clause.left_edge.i <= i <= clause.right_edge.i and not span.start <= i < span.end
                   and any(a.i == clause.i for a in span.doc[i].ancestors) for i in labels):
                return "other-sense:label"
        if senses.not_in_name and _in_name(span):
            return "other-sense:name"
        if senses.about_child and self._about_an_adult(span):
            return "other-sense:about-an-adult"
        if senses.not_in_child_speech and self._in_child_speech(span):
            return "child's-account"
        if senses.not_in_family_speech and self._in_family_speech(span):
            return "family's-account"
        if senses.not_by_professional and self._by_professional(span):
            return "other-sense:professional"
        if senses.not_between_adults and self._between_adults(span):
            return "other-sense:adults"
        if senses.not_as_heading and _is_heading(span):
            return "other-sense:heading"
        if senses.not_as_title and _is_title(span):
            return "other-sense:title"
        if senses.about_person:
            target = described_noun(span)
            if target is not None and target.lemma_.lower() in self.things:
                return "not-about-a-person"
            # "The geese were aggressive and chased ...": the words say it even when the parse
            # hangs the adjective elsewhere; the thing must be the copula's subject ("at times
            # been resistant" is said of whoever the sentence is about).
            doc = span.doc
            if (span.start >= 2 and doc[span.start - 1].lemma_ == "be"
                    and doc[span.start - 2].lemma_.lower() in self.things
                    and doc[span.start - 2].dep_ not in ("pobj", "npadvmod", "advmod")):
                return "not-about-a-person"
        return None

    @staticmethod
    def _about_an_adult(span: Span) -> bool:
        """Whether a label kept for children is said of someone else: the person it describes
        is an adult, or it describes no person and its sentence mentions no child
        (langcheck/people.py)."""
        from .people import carried_subject, people_of, subject_of  # the people stage, only for the few rules that ask

        doc = span.doc
        people = people_of(doc)
        resolve = people.resolver(doc)
        target = described_noun(span)
        if target is None or span.start <= target.i < span.end:
            # The label is a noun ("an older boyfriend"): it is said of the clause's subject
            # ("Mia has an older boyfriend"), or of its owner when it is the subject ("her boyfriend").
            root = span.root
            verb = root.head if root.dep_ not in ("nsubj", "nsubjpass") else None
            while verb is not None and verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
                verb = verb.head  # "seen in a car with an older boyfriend": the clause's verb
            target = subject_of(verb) if verb is not None else next(
                (c for c in root.children if c.dep_ == "poss"), None)
        person = resolve.person(target) if target is not None else None
        if person is None and target is None and (carried := carried_subject(span.sent)) is not None:
            person = resolve.person(carried)  # "Has been promiscuous per school reports."
        if person is not None:
            return person.kind == "adult"
        if any(resolve.is_child(t) for t in span.sent):
            return False
        # A label said of no one, in a sentence that names no one of the family ("Concerns
        # remain re: promiscuous behaviour, reported by school"), is about the note's child.
        return not people.child_names() or any(
            (p := resolve.person(t)) is not None and p.kind == "adult" and p.role != "professional" for t in span.sent)

    def _professionals_words(self, span: Span, quote_start: int) -> bool:
        """Whether a quoted label is a professional's word, reported by a verb of saying whose
        subject is a professional ("School say she has been 'refusing to engage'"): only a
        child's or family's own words are theirs to keep (ANNOTATION.md); a professional's label
        is the record's."""
        from .people import people_data, people_of, subject_of

        professionals = people_data().professional_nouns
        # the nearest verb of saying before the quotation that holds the span decides whose words
        # they are (not one inside it: 'She said, "The others think I'm aggressive"' is hers)
        opening = span.doc.char_span(quote_start, quote_start + 1, alignment_mode="expand")
        first = opening[0] if opening is not None and len(opening) else span[0]
        for tok in reversed(span.doc[first.sent.start:first.i]):
            if tok.pos_ == "VERB" and (tok.lemma_.lower() in self.speech_verbs or tok.lemma_.lower() in self.neg_carriers):
                subject = subject_of(tok)
                if subject is None:
                    continue
                resolve = people_of(span.doc).resolver(span.doc)
                if subject.lower_ in professionals or subject.lemma_.lower() in professionals \
                        or self._a_record_or_worker(subject, resolve):
                    # not inside someone else's account: "Kai said the teacher called him 'naughty'"
                    return not any(a.lemma_.lower() in self.speech_verbs for a in tok.ancestors)
                return False
        return False

    @staticmethod
    def _a_record_or_worker(subject: Token, resolve) -> bool:
        """A speaker whose words are the record's, not the family's: a worker the note names
        ("DC Whitfield described Kayla as 'streetwise'", "Mr Patel described Filip as
        'defiant'"), or a document ("Her previous foster carer's reports described her as ...")."""
        person = resolve.person(subject)
        if person is not None:
            return person.kind == "adult" and person.role == "professional"
        if subject.pos_ != "NOUN":
            return False
        owner = next((c for c in subject.children if c.dep_ == "poss"), None)  # not "Kai's message"
        owned = resolve.person(owner) if owner is not None else None
        return owned is None or (owned.kind == "adult" and owned.role == "professional")

    @staticmethod
    def _by_professional(span: Span) -> bool:
        """Whether a professional is a party to the span's head noun: a compound or possessive
        modifier ("HV contact", "the PA's contact"), one or two words right before it, or the
        object of a preposition on it ("contact from school", "contact with the GP")."""
        from .people import people_data

        professionals = people_data().professional_nouns
        doc, root = span.doc, span.root
        modifiers = [c for c in root.children if c.dep_ in ("compound", "poss", "nmod") and c.i < span.start]
        modifiers += [o for p in root.children if p.dep_ == "prep" and p.i >= span.end
                      for o in p.children if o.dep_ == "pobj"]
        before = [doc[span.start - 1].lower_] if span.start else []
        if span.start >= 2:
            before.append(doc[span.start - 2].lower_ + " " + doc[span.start - 1].lower_)
        return any(m.lower_ in professionals for m in modifiers) or any(b in professionals for b in before)

    @staticmethod
    def _between_adults(span: Span) -> bool:
        """Whether the noun's two parties are both adults: its holder (an owner, "Mum's contact",
        or the subject of the verb it is the object of, "Mum has had no contact") and the other
        party after "with" or "from"."""
        from .people import people_of, subject_of

        doc, root = span.doc, span.root
        resolve = people_of(doc).resolver(doc)
        holder = next((c for c in root.children if c.dep_ == "poss"), None)
        if holder is None and root.dep_ == "dobj":
            holder = subject_of(root.head)
        other = next((o for p in root.children if p.dep_ == "prep" and p.lower_ in ("with", "from")
                      for o in p.children if o.dep_ == "pobj"), None)

        def adult(tok: Token | None) -> bool:
            # (one grown-up, not a group that may hold the child: "contact with the adoptive family")
            person = resolve.person(tok) if tok is not None else None
            return person is not None and person.kind == "adult" and not person.plural
        return adult(holder) and adult(other)

    def _in_child_speech(self, span: Span) -> bool:
        """Whether the span is in a clause reported from a child: the complement of a verb of
        saying (context.yaml's colon_speech) whose subject is one of the note's children."""
        from .people import people_of

        speaker = self._reported_speaker(span)
        return speaker is not None and people_of(span.doc).resolver(span.doc).is_child(speaker)

    def _in_family_speech(self, span: Span) -> bool:
        """Whether the span is in a clause reported from the child or their family ("Mum said she
        felt judged"): their account in their words, not the writer's; a professional's or the
        writer's own report stays the record's."""
        from .people import people_of

        speaker = self._reported_speaker(span)
        if speaker is None:
            return False
        person = people_of(span.doc).resolver(span.doc).person(speaker)
        return person is not None and person.is_family

    def _reported_speaker(self, span: Span) -> Token | None:
        """The subject of the verb of saying whose complement holds the span, if any."""
        from .people import subject_of

        tok = span.root
        while tok.head.i != tok.i:  # up from the clause to the verb that reports it
            if tok.dep_ == "ccomp" and (
                    tok.head.lemma_.lower() in self.speech_verbs or tok.head.lower_ in self.speech_verbs):
                return subject_of(tok.head)
            tok = tok.head
        return None

    def is_mentioned(self, span: Span) -> bool:
        sent_start = span.sent.start
        lo = max(sent_start, span.start - self.mention_window)
        before = [t.lower_ for t in span.doc[lo:span.start] if not t.is_punct or t.lower_ == "so-called"]
        # A cue is a run of whole words in the window: words never hold a space, so a search
        # for " cue " in the space-joined window finds exactly those runs.
        window = " " + " ".join(before) + " "
        if any(cue in window for cue in self._mention_before_text):
            return True
        after = [t.lower_ for t in span.doc[span.end:min(span.sent.end, span.end + 4)] if not t.is_punct]
        return any(tuple(after[:len(cue)]) == cue for cue in self.mention_after)

    @staticmethod
    def _with_object(span: Span) -> str | None:
        doc = span.doc
        for j in range(span.end, min(len(doc), span.end + 2)):
            if doc[j].lower_ == "with":
                for k in range(j + 1, min(len(doc), j + 5)):
                    if doc[k].pos_ in ("NOUN", "PROPN"):
                        return doc[k].lemma_.lower()
        return None

    # -- negation ------------------------------------------------------------------------
    def is_negated(self, span: Span, rule: Rule) -> bool:
        if rule.category not in ("critical_label", "doubt"):
            return False
        doc = span.doc
        window = [t.lower_ for t in doc[max(span.sent.start, span.start - 3):span.start]]
        text_window = " ".join(window)
        if any(" ".join(p) in text_window for p in self.neg_pseudo):
            return False
        if window and window[-1] in self.neg_before:
            return True
        inside = range(span.start, span.end)
        tok = span.root
        for level in range(4):
            for child in tok.children:
                if child.dep_ == "neg" and child.i not in inside:
                    return True
                if child.dep_ == "det" and child.lower_ == "no" and level == 0:
                    return True
            if tok.dep_ in ("conj", "ROOT") or tok.head is tok:
                break
            if level >= 1 and tok.head.lemma_ not in self.neg_carriers and tok.head.pos_ == "VERB" and level >= 2:
                break
            tok = tok.head
        return False


class SpanChecks(RulesComponent):
    """Every span-level check kind other than lexicon phrases (hedges, agentless passives,
    empty evaluations...): each rule's kind names its finder (langcheck/kinds.py), which yields
    token ranges; they join the lexicon matcher's candidates, so the same context rules
    (quotes, mentions) apply to both."""

    def __init__(self, nlp: Language, name: str = "langcheck_span_checks"):
        self.nlp = nlp
        self.name = name
        self.rules: list[Rule] = []
        self.words: frozenset[str] = frozenset()

    def clear(self) -> None:
        self.rules = []
        self.words = frozenset()

    def has_rules(self) -> bool:
        return bool(self.rules)

    def add_rules(self, rules: Iterable[Rule]) -> None:
        self.rules.extend(r for r in rules if r.kind.scope == "span" and r.check != PHRASE)
        # The finders look their words up by lemma: one index per Doc for all of them.
        self.words = frozenset().union(*(r.kind.cue_words(r) for r in self.rules))

    def __call__(self, doc: Doc) -> Doc:
        from .vague import lemma_index

        self.warn_if_empty()
        found = list(doc.spans.get(CANDIDATES_KEY, []))
        lemmas = lemma_index(doc, self.words)
        for rule in self.rules:
            for start, end in rule.kind.function(doc, rule, lemmas):
                found.append(Span(doc, start, end, label=rule.category, span_id=rule.id))
        doc.spans[CANDIDATES_KEY] = found
        return doc


def _another_kind(noun: Token, start: int, only: frozenset[str]) -> bool:
    """Whether a modifier before the noun names another kind of it than the senses' own: "the
    neonatal unit", "PC Doyle (DV unit)" (not a place's own name: "Oakfield unit")."""
    return any(c.dep_ in ("amod", "compound", "nmod") and c.i < start and c.lower_ not in only and not c.is_title
               for c in noun.children)


def _named_before_as_another(noun: Token, start: int, only: frozenset[str], rule_id: str) -> bool:
    """Whether a bare use ("on the unit") refers back to the last one the note named, and that
    was another kind: "Neonatal Unit - Hospital Safeguarding Team" ... "He has been on the unit
    since day 2" (one of the rule's exceptions, or another modifier). Only the nearest named one
    counts (bare uses between refer back to it too):
    "Mum is on the maternity unit" then "Marcus went back to the unit" is another place named
    again, but it is rarer than the same one."""
    if any(c.dep_ in ("amod", "compound", "nmod", "poss") for c in noun.children):
        return False
    doc = noun.doc
    lemma = noun.lemma_.lower()
    for i in range(start - 1, -1, -1):
        earlier = doc[i]
        if earlier.lemma_.lower() != lemma:
            continue
        if any(span.id_ == rule_id and span.start <= i < span.end for span in doc.spans.get(EXCEPTIONS_KEY, ())) \
                or any(c.dep_ in ("amod", "compound", "nmod") and c.i < i and c.is_lower and c.lower_ not in only
                       and not any(t.is_punct for t in doc[c.i + 1:i]) for c in earlier.children):
            # (a word in lower case right before it: a name or a heading's capitals, "Ashgrove
            # unit", "ASH HOUSE - Unit 2", may be the home's own, and "Daily log - Unit 2" says
            # nothing of the unit)
            return True
        if any(c.dep_ in ("amod", "compound", "nmod", "poss") for c in earlier.children):
            return False  # named as the senses' own kind: "the residential unit"
        # (another bare use refers back to the same one: read on)
    return False


def _acronym_core(text: str, endings: list[str]) -> str | None:
    from .acronyms import acronym_core  # (acronyms.py is a check kind over this module's spans)

    return acronym_core(text, endings)


def _definitions(spans: Iterable[Span], small: frozenset[str], endings: list[str]) -> dict[str, int]:
    """The acronyms among the candidates that the note spells out, each with the token where it
    does ("Family Group Conference (FGC)"): there and after it the acronym is defined."""
    from .acronyms import acronym_core, defined_here  # (acronyms.py is a check kind over this module's spans)

    out: dict[str, int] = {}
    for span in spans:
        if len(span) != 1:
            continue
        core = acronym_core(span[0].text, endings)
        if core is not None and span.start < out.get(core, len(span.doc)) and defined_here(span[0], small, core):
            out[core] = span.start
    return out


def _in_subject(tok: Token, verb: Token) -> bool:
    """Whether `tok` is in the subject of `verb` ("disguised compliance | remains a worry")."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and subject.left_edge.i <= tok.i <= subject.right_edge.i


def _is_heading(span: Span) -> bool:
    """The match is its line's only words, but for a bullet or a closing colon ("Going well",
    "- On track:"): a section's heading."""
    text = span.doc.text
    start = text.rfind("\n", 0, span.start_char) + 1
    end = text.find("\n", span.end_char)
    line = text[start:end if end >= 0 else len(text)]
    return line.strip().lstrip("-*•–").rstrip(":-–").strip().lower() == span.text.lower()


def _is_title(span: Span) -> bool:
    """The match is on the note's first line, with more lines after it: the note's title. (A
    long note is checked in pieces cut at line breaks; a later piece's first line is read the
    same way, a small loss in notes of over 20,000 characters.)"""
    text = span.doc.text
    lead = len(text) - len(text.lstrip())
    first_break = text.find("\n", lead)
    return first_break >= 0 and span.end_char <= first_break and text[first_break:].strip() != ""


def _in_name(span: Span) -> bool:
    """A match inside a name written in capitals mid-sentence: a capitalised word stands right
    before it (not the sentence's first word) and the match is capitalised too."""
    doc = span.doc
    if not doc[span.start].is_title or span.start == 0:
        return False
    before = doc[span.start - 1]
    return before.is_title and before.is_alpha and not before.is_sent_start and before.i != span.sent.start


def _part_of_speech(tok: Token) -> str:
    """The token's part of speech, with a progressive participle that takes no object or
    complement read as the adjective it is ("Harvey is challenging at home", against "Dad is
    challenging the decision")."""
    if tok.tag_ == "VBG" and tok.pos_ == "VERB" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in tok.children) \
            and not any(c.dep_ in ("dobj", "dative", "ccomp", "xcomp", "prt", "nsubjpass") for c in tok.children):
        return "ADJ"
    doc = tok.doc
    if tok.pos_ == "NOUN" and 0 < tok.i < len(doc) - 1 and doc[tok.i - 1].lower_ == "to" \
            and tok.lower_ == tok.lemma_.lower() and doc[tok.i + 1].pos_ in ("DET", "PRON", "PROPN", "NOUN"):
        # a bare word between "to" and its object is an infinitive the tagger missed in a
        # note's action list ("SW to contact epilepsy nurse today"); the noun takes a
        # preposition there ("to contact with Dad", "to contact at the centre")
        return "VERB"
    return tok.pos_


def described_noun(span: Span) -> Token | None:
    """The noun a label describes: "the dog was aggressive" -> dog; "Mum kicked off" -> Mum."""
    tok = span.root
    for _ in range(4):
        if tok.dep_ == "conj":
            tok = tok.head
            continue
        if tok.dep_ == "pobj" and tok.head.lower_ == "as" and tok.head.head.pos_ == "VERB":
            # what someone is described, seen or treated as is said of them: "Staff describe Ellis
            # as streetwise" (the verb's object), "Ellis is seen as streetwise" (its subject)
            held = next((c for c in tok.head.head.children if c.dep_ in ("dobj", "nsubjpass")), None)
            if held is not None:
                return held
        if tok.pos_ in ("NOUN", "PROPN", "PRON") and tok.dep_ not in ("acomp", "attr", "oprd"):
            # The label is itself a noun ("chaos"): what it describes is its own head noun
            # only when it modifies one ("a chaotic home" parses chaotic as amod of home).
            return tok if tok is not span.root else None
        if tok.dep_ == "amod" and tok.pos_ == "VERB" and tok.i == tok.sent.start:
            return None  # a note's telegraphic verb read as an adjective: "Refused keywork session."
        if tok.dep_ in ("acl", "relcl") and tok.pos_ in ("VERB", "AUX"):
            subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and subj.lower_ not in ("which", "that"):
                return subj  # "the course, which she has failed to attend": said of her
        if tok.dep_ == "amod" and any(c.lower_ == "as" and c.i < tok.i for c in tok.children):
            return None  # "described by police as volatile", misread as "volatile police"
        if tok.dep_ in ("amod", "acl", "relcl", "compound", "nmod"):
            return tok.head
        if tok.pos_ in ("VERB", "AUX") or tok.dep_ in ("acomp", "attr", "oprd", "xcomp", "ccomp", "advcl"):
            verb = tok if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("acomp", "oprd") else tok.head
            subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None:
                return subj
            if verb.dep_ in ("acl", "relcl"):
                return verb.head
            tok = verb.head if verb.head is not verb else verb
            if tok is verb:
                return None
            continue
        return None
    return None


def quoted_ranges(text: str, pairs: list[tuple[str, str]]) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks (the marks included)."""
    ranges = []
    for open_q, close_q in pairs:
        if open_q == close_q == "'":
            ranges.extend(_single_quotes(text))
            continue
        pos, end = 0, -1
        while True:
            start = text.find(open_q, pos)
            if start < 0:
                break
            if end <= start:  # else the close found for an earlier mark is still the first one
                end = text.find(close_q, start + 1)
            if end < 0:
                break  # no closing mark after this one, so none after any later opening mark
            # An unbalanced mark quotes nothing: stop at the end of the paragraph.
            # (Searched only up to `end`, and the next search starts past that paragraph
            # break: a rescan of the rest of the text per mark was quadratic on unbalanced quotes.)
            para = text.find("\n\n", start + 1, end)
            if para >= 0:
                pos = para
                continue
            ranges.append((start, end + 1))
            pos = end + 1
    return ranges


_SQ_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s(\[{—–-]))'(?=\S)")
_SQ_CLOSE = re.compile(r"(?<=[^\s])'(?=$|[\s.,;:!?)\]}—–-])")


def _single_quotes(text: str) -> list[tuple[int, int]]:
    # The patterns are tried only where a "'" stands (their look-behinds still see the text
    # before it): a regex scan of every position cost more than the rest of the filter.
    marks, pos = [], text.find("'")
    while pos >= 0:
        marks.append(pos)
        pos = text.find("'", pos + 1)
    opens = [p for p in marks if _SQ_OPEN.match(text, p)]
    closes = [p for p in marks if _SQ_CLOSE.match(text, p)]
    ranges, ci = [], 0
    for o in opens:
        if ranges and o < ranges[-1][1]:
            continue
        while ci < len(closes) and closes[ci] <= o:
            ci += 1
        if ci == len(closes):
            break
        c = closes[ci]
        if c - o > 400 or "\n" in text[o:c]:  # length first: slicing a far-off close per mark is quadratic
            continue
        ranges.append((o, c + 1))
    return ranges


@Language.factory("langcheck_lexicon_matcher", assigns=["doc.spans"], default_config={"spans_key": CANDIDATES_KEY})
def make_lexicon_matcher(nlp: Language, name: str, spans_key: str) -> LexiconMatcher:
    return LexiconMatcher(nlp, name, spans_key)


@Language.factory("langcheck_span_checks", assigns=["doc.spans"], requires=["token.dep", "token.lemma", "token.pos"],
                  default_config={})
def make_span_checks(nlp: Language, name: str) -> SpanChecks:
    return SpanChecks(nlp, name)


@Language.factory("langcheck_context", assigns=["doc.spans", "span._.langcheck_context"],
                  requires=["token.dep", "token.lemma", "token.pos"], default_config={})
def make_context(nlp: Language, name: str) -> ContextFilter:
    return ContextFilter(nlp, name)


def is_langcheck(component) -> bool:
    """Whether a pipeline component is one of langcheck's (by type, not by name)."""
    return isinstance(component, RulesComponent)
