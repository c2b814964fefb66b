"""One rewrite engine for every one-click path: the words that may stand in for a finding.

`--fix`/`--diff`, the LanguageTool `/v2` replacements, the page's Accept button and the JSON
`replacements` all apply what this module decides while `check()` builds the report, from the
match's place in the parse:

* which words of the match a rule's `replace:` entry stands in for ("contact" in "supervised
  contact"), and whether the context shows the sense the replacement is for (lexicons/rewrite.yaml:
  "contact" is family time only with the child's family, never with an ex-partner, by phone or
  when denied);
* the frame the noun stands in: the preposition before it ("placed in respite"), what it stands in
  front of ("placement order"), its determiners ("a contact" -> "family time", "an LAC" -> "a child
  in care", never "the the"), its number (spaCy's tag and morphology; plurals and verb forms from
  lemminflect) and whether it is a subject, whose verb a change of number would break;
* capitals: a sentence or heading start keeps its capital, a heading in capitals stays in capitals,
  and a capitalised phrase in the middle of a sentence is a name and is never rewritten;
* text inside quotation marks is never rewritten.

Where nothing fits, a finding has no replacement: its suggestions are advice for the writer.
"""
from __future__ import annotations

import bisect
import dataclasses
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable

from lemminflect import getAllInflections, getInflection
from spacy.attrs import NORM, SENT_START
from spacy.tokens import Doc, Span, Token

from .components import SPANS_KEY, quoted_ranges
from .docs import TEXT_KEY, doc_text, sentence_starts
from .findings import Finding, Replacement
from .lexicon import Rule, quote_pairs
from . import safeyaml

_PARSED_KEY = "langcheck_rewrite_parsed"
_STARTS_KEY = "langcheck_rewrite_sentence_starts"
_QUOTES_KEY = "langcheck_rewrite_quotes"
_SENTENCE_ENDS = ".!?…"
_CLOSERS = "\"'’”)]"
_NOUN_HEADS = ("NOUN", "PROPN")
_PREMODIFIER_DEPS = ("compound", "amod", "nmod")
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_KINDS = ("count", "mass", "plural", "verb")
# A "sentence" longer than this is not prose (a pasted table, a run of words without a stop):
# nothing in it is rewritten, and no sentence is parsed twice over its whole length.
MAX_SENTENCE_TOKENS = 200
_BARE = ("keep", "a", "plural", "never")


class RewriteDataError(ValueError):
    """lexicons/rewrite.yaml or a rule's `replace:` entry cannot be used."""


@dataclass(frozen=True)
class Sense:
    """The contexts in which a replacement keeps the meaning (see lexicons/rewrite.yaml)."""

    name: str
    parties: frozenset[str] | None = None
    possessors: frozenset[str] | None = None
    names: bool = False
    negation: bool = False
    not_subjects: frozenset[str] = frozenset()
    channels: frozenset[str] = frozenset()
    modifiers: frozenset[str] | None = None
    modifies: frozenset[str] | None = None
    not_after: frozenset[str] = frozenset()
    not_determiners: frozenset[str] = frozenset()
    not_before: frozenset[str] = frozenset()
    not_in_sentence: tuple[str, ...] = ()
    subject_verbs: frozenset[str] | None = None
    subject_parties: frozenset[str] = frozenset()
    not_objects: frozenset[str] = frozenset()
    clause: bool = False
    examples: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())


@dataclass(frozen=True)
class Data:
    senses: dict[str, Sense]
    known: frozenset[str]          # every word in the shared lists: a known word is never a name
    writer: frozenset[str]
    denial: frozenset[str]
    openers: str
    determiners: frozenset[str]
    party_preps: frozenset[str]
    channel_preps: frozenset[str]
    host_preps: frozenset[str]
    negators: frozenset[str]
    post_modifiers: frozenset[str]
    an_before: tuple[str, ...]
    a_before: tuple[str, ...]
    quote_pairs: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Entry:
    """One `replace:` entry of a rule: `words` (the `for` words, () = the whole match) become `text`."""

    words: tuple[str, ...]
    text: str
    kind: str = "count"
    pattern: tuple[str, ...] = ()   # the `for` words in the lexicon's own capitals
    plural: str | None = None
    modifier: str | None = None
    bare: str = "keep"
    sense: str | None = None


@lru_cache(maxsize=1)
def load_data() -> Data:
    raw = safeyaml.load(resources.files("langcheck.lexicons").joinpath("rewrite.yaml").read_text(encoding="utf-8"))
    data = parse_data(raw)
    # lemminflect reads its tables (0.3 s) and its model for unknown words (0.6 s) on first use:
    # at warm-up, not in a request.
    _inflect("review", "NNS")
    _inflect("langcheckify", "VBZ")
    return data


def parse_data(raw: Any) -> Data:
    if not isinstance(raw, dict) or not isinstance(raw.get("words"), dict) or not isinstance(raw.get("senses"), dict):
        raise RewriteDataError("rewrite.yaml: needs 'words' and 'senses' mappings")
    unknown = set(raw) - {"words", "grammar", "openers", "post_modifiers", "an_before", "a_before", "senses"}
    if unknown:
        raise RewriteDataError(f"rewrite.yaml: unknown key {sorted(unknown, key=str)[0]!r}")
    for k, v in raw["words"].items():
        _texts(v, f"words.{k}")
    words = {k: [w.lower() for w in v] for k, v in raw["words"].items()}

    def expand(items: Iterable[Any], where: str) -> frozenset[str]:
        out: set[str] = set()
        for item in _texts(items, where):
            item = item.lower()
            if item.startswith("@"):
                if item[1:] not in words:
                    raise RewriteDataError(f"rewrite.yaml: {where}: no word list {item!r}")
                out.update(words[item[1:]])
            else:
                out.add(item)
        return frozenset(out)

    senses = {}
    for name, s in raw["senses"].items():
        unknown = set(s) - {f.name for f in dataclasses.fields(Sense)} - {"description"}
        if unknown:
            raise RewriteDataError(f"rewrite.yaml: sense {name}: unknown key {sorted(unknown)[0]!r}")
        opt = lambda key: expand(s[key], f"{name}.{key}") if key in s else None  # noqa: E731
        examples = s.get("examples") or {}
        senses[name] = Sense(
            name=name, parties=opt("parties"), possessors=opt("possessors"), names=bool(s.get("names")),
            negation=bool(s.get("negation")), not_subjects=opt("not_subjects") or frozenset(),
            channels=opt("channels") or frozenset(), modifiers=opt("modifiers"), modifies=opt("modifies"),
            not_after=opt("not_after") or frozenset(), not_determiners=opt("not_determiners") or frozenset(),
            not_before=opt("not_before") or frozenset(),
            not_in_sentence=tuple(sorted(opt("not_in_sentence") or ())), subject_verbs=opt("subject_verbs"),
            subject_parties=opt("subject_parties") or frozenset(), not_objects=opt("not_objects") or frozenset(),
            clause=bool(s.get("clause")),
            examples=(tuple(examples.get("replace", ())), tuple(examples.get("advice", ()))),
        )
    grammar = raw.get("grammar") or {}
    words_of = lambda key: frozenset(w.lower() for w in _texts(grammar.get(key, []), f"grammar.{key}"))  # noqa: E731
    return Data(
        determiners=words_of("determiners"), party_preps=words_of("party_prepositions"),
        channel_preps=words_of("channel_prepositions"), host_preps=words_of("host_prepositions"),
        negators=words_of("negators"),
        senses=senses, known=frozenset(w for k, v in words.items() for w in v),
        writer=frozenset(words.get("writer", ())), denial=frozenset(words.get("denial", ())),
        openers="".join(str(o) for o in raw.get("openers", [])),
        post_modifiers=frozenset(str(w) for w in raw.get("post_modifiers", [])),
        an_before=tuple(raw.get("an_before", [])), a_before=tuple(raw.get("a_before", [])),
        quote_pairs=quote_pairs(),
    )


def _texts(items: Any, where: str) -> list[str]:
    # YAML reads a bare no/on/off as a boolean: refuse it rather than match the word "false".
    if not isinstance(items, list) or not all(isinstance(i, str) and i.strip() for i in items):
        raise RewriteDataError(f"rewrite.yaml: {where}: must be a list of words (quote no, on, off, yes)")
    return items


def entries(rule: Rule) -> tuple[Entry, ...]:
    """A rule's `replace:` entries; a rule with only a `safe_fix` (a local lexicon) offers that."""
    cache = rule.__dict__.setdefault("_rewrite_entries", {})
    if "entries" not in cache:
        out = []
        for pairs in rule.replace:
            e = dict(pairs)
            kind, bare = e.get("kind", "count"), e.get("bare", "keep")
            if kind not in _KINDS or bare not in _BARE:
                raise RewriteDataError(f"{rule.origin}: rule {rule.id}: key 'replace': kind must be one of "
                                       f"{', '.join(_KINDS)} and bare one of {', '.join(_BARE)}")
            if e.get("sense") and e["sense"] not in load_data().senses:
                raise RewriteDataError(f"{rule.origin}: rule {rule.id}: key 'replace': no sense {e['sense']!r} "
                                       "in rewrite.yaml")
            out.append(Entry(words=_words(e.get("for", "")), text=e["with"], kind=kind, plural=e.get("plural"),
                             modifier=e.get("modifier"), bare=bare, sense=e.get("sense"),
                             pattern=tuple(e.get("for", "").replace("-", " ").split())))
        if not out and rule.safe_fix:
            out.append(Entry(words=(), text=rule.safe_fix))
        cache["entries"] = tuple(out)
    return cache["entries"]


def fit(finding: Finding, rule: Rule, span: Span, offset: int, config=None) -> Finding:
    """`finding` with the replacements that fit where `span` stands (and `fix` only if one does).

    `offset` is where the span's Doc starts in the note. A sentence the pipeline left unparsed
    (langcheck/selective.py parses only where a check needs it) is parsed here with the model of
    `config`, with the Doc's other such sentences, in one batch."""
    rule_entries = entries(rule)
    if not rule_entries or finding.start is None:
        return finding if finding.fix is None else dataclasses.replace(finding, fix=None)
    data = load_data()
    sent = _sentence(span)
    if len(sent) > MAX_SENTENCE_TOKENS:
        return dataclasses.replace(finding, fix=None)
    quotes = _quotes(sent, data)
    if any(qs <= span.start_char - sent.start_char and span.end_char - sent.start_char <= qe for qs, qe in quotes):
        return dataclasses.replace(finding, fix=None)
    span, base = _parsed(span, sent, config)
    base += offset
    found: list[tuple[int, int, str]] = []
    for entry in rule_entries:
        try:
            r = _fit_entry(entry, span, rule, data)
        except (IndexError, ValueError):
            r = None  # a parse this code did not foresee: no replacement rather than a wrong one
        if r is not None and r not in found:
            found.append(r)
    if not found:
        return dataclasses.replace(finding, fix=None)
    start, end = min(s for s, _, _ in found), max(e for _, e, _ in found)
    text = doc_text(span.doc)
    reps, seen = [], set()
    for s, e, new in found:  # one range for all, so a LanguageTool client can offer any of them
        new = text[start:s] + new + text[e:end]
        if new not in seen and new != text[start:end]:
            seen.add(new)
            reps.append(Replacement(base + start, base + end, new))
    return dataclasses.replace(finding, replacements=tuple(reps), fix=rule.safe_fix if reps and rule.safe_fix else None)


# -- one entry in one place ------------------------------------------------------------------

def _fit_entry(entry: Entry, span: Span, rule: Rule, data: Data) -> tuple[int, int, str] | None:
    run = _find_run(span, entry.words) if entry.words else list(span)
    if not run:
        return None
    doc = span.doc
    sense = data.senses.get(entry.sense) if entry.sense else None
    patterns = entry.pattern or _pattern_words(rule, run)
    if _acronym_in_lower_case(run, patterns):
        return None  # "a 2cm lac to the forehead" is not the acronym
    end_tok = doc[span.end] if span.end < len(doc) else None
    if end_tok is not None and end_tok.text == "(":
        return None  # the writer explains the term right after it
    shout = _shouted(run, patterns, doc, data)
    at_start = _at_start(run[0], data)
    if not shout and _is_name(run, span, patterns, at_start, end_tok):
        return None
    root = _root(run)
    if entry.kind != "verb" and root.pos_ not in _NOUN_HEADS:
        # the small model may head "Looked after children" with "Looked": the noun is the head
        root = next((t for t in run if t.pos_ in _NOUN_HEADS), root)
    if sense is not None and not _sense_allows(sense, root, run, span, data, entry):
        return None
    new = _inflected(entry, root, run, span, data)
    if new is None:
        return None
    start, end = run[0].idx, run[-1].idx + len(run[-1].text)
    new_text, start = _with_article(entry, new, root, run, start, _modified(root, run, span) is not None, data)
    if new_text is None:
        return None
    first = doc[run[0].i - 1] if start < run[0].idx else run[0]
    if shout:
        new_text = new_text.upper()
    elif first.text[:1].isupper() and _at_start(first, data) and not (
            _is_acronym(first.text) and doc_text(doc)[:first.idx].rstrip().endswith("(")):
        # (an acronym's capital after a bracket is its own, not a sentence's: "(DSL, St Aidan's)"
        # becomes "(designated safeguarding lead, St Aidan's)")
        new_text = new_text[:1].upper() + new_text[1:]
    if _doubled(doc_text(doc), start, end, new_text, data):
        return None
    sentence = _sentence(span)
    near = (doc_text(doc)[sentence.start_char:start] + " " + doc_text(doc)[end:sentence.end_char]).lower()
    if re.search(r"\b" + re.escape(entry.text.lower()) + r"\b", near):
        return None  # the sentence already uses the replacement: the writer is contrasting the words
    # The replacement covers the whole finding, so it can be offered for the finding's range.
    s, e = min(start, span.start_char), max(end, span.end_char)
    return s, e, doc_text(doc)[s:start] + new_text + doc_text(doc)[end:e]


def _inflected(entry: Entry, root: Token, run: list[Token], span: Span, data: Data) -> str | None:
    """The replacement in the number, or verb form, of the matched words, or None if none fits."""
    doc = root.doc
    nxt = doc[run[-1].i + 1] if run[-1].i + 1 < len(doc) else None
    possessive = nxt is not None and nxt.tag_ == "POS"
    if entry.kind != "verb" and root.pos_ in ("VERB", "AUX") and len(run) == 1:
        return None  # read as a verb ("goes to respite" parsed as "to respite"): not a noun's frame
    if entry.kind == "verb":
        gerund = root.lower_.endswith("ing") and root.tag_ in ("NN", "VBG")
        if root.pos_ not in ("VERB", "AUX") and not gerund:
            return None  # "absconder", "absconsion": another word
        if root.dep_ in _PREMODIFIER_DEPS and root.head.i > root.i:
            return None  # "an absconding episode": a verb form standing before a noun
        tag = "VBG" if gerund else run[0].tag_
        if tag == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in root.children):
            if root.dep_ not in ("ROOT", "conj") or any(c.dep_ in _SUBJECT_DEPS for c in root.children):
                return None  # "reported as absconded", "a child absconded from care": a participle
            tag = "VBD"  # "Absconded from school at 1pm": a note's past tense without its subject
        first, _, rest = entry.text.partition(" ")
        form = _inflect(first, tag) if tag.startswith("VB") else first
        return (form + " " + rest).strip()
    if nxt is not None and nxt.text in (":", "-", "–", "—") and _at_start(run[0], data):
        return entry.text  # a heading's label ("Respite: ...", "RESPITE - ..."), not a noun in a sentence
    premodifier = _modified(root, run, span) is not None
    post_modified = _post_modified(entry, data)
    owner_led = entry.text.split()[0].endswith(("'s", "’s"))  # "children's social care"
    if possessive and owner_led:
        return None  # "children's social care's decision"
    if owner_led and not premodifier and not _is_bare(root, run):
        return None  # "the CSC" -> "the children's social care": the 's is its determiner
    if premodifier or possessive:
        if post_modified:
            return None  # "the child in care nurse", "the child in care's review"
        if premodifier:
            return entry.modifier or entry.text
    plural = _is_plural(root, run, entry)
    if plural:
        if entry.kind == "mass":
            return None  # "contacts ... have been" -> "family time ... have been": the verb would have to change
        return entry.text if entry.kind == "plural" else _plural(entry)
    if entry.kind == "plural":
        return None
    if entry.kind == "mass" or not _is_bare(root, run):
        return entry.text
    if entry.bare == "never":
        return None
    if entry.bare == "a" or (entry.bare == "plural" and root.dep_ in _SUBJECT_DEPS):
        return "a " + entry.text  # the article is fitted to the word after it below
    if entry.bare == "plural":
        return _plural(entry)
    return entry.text


def _with_article(entry: Entry, new: str, root: Token, run: list[Token], start: int, premodifier: bool,
                  data: Data) -> tuple[str | None, int]:
    """The replacement with "a"/"an" in front agreeing with it, or dropped before a mass noun;
    the start moves back over an article that changes. A leading determiner of the replacement is
    dropped where the match already has one ("update the PEP" -> "the plan for school")."""
    doc = root.doc
    prev = doc[run[0].i - 1] if run[0].i > 0 else None
    words = new.split()
    if prev is not None and prev.lower_ in ("a", "an") and words and words[0] == "a":
        return None, start  # "a respite" is not the bare noun it was taken for
    has_det = prev is not None and (prev.dep_ in ("det", "poss") or prev.tag_ in ("PRP$", "POS", "DT"))
    if has_det and len(words) > 1 and words[0].lower() in data.determiners and words[0] != "a":
        new = " ".join(words[1:])
        words = words[1:]
    if words and words[0] == "a":
        return _article(words[1], data) + " " + " ".join(words[1:]), start
    if prev is None or prev.lower_ not in ("a", "an") or prev.dep_ != "det":
        return new, start
    if entry.kind == "mass" and not premodifier and prev.head.i == root.i:
        return new, prev.idx  # "missed a contact" -> "missed family time"
    article = _article(new.split()[0], data)
    if article == prev.lower_:
        return new, start
    if prev.text[:1].isupper():
        article = article.capitalize()
    return article + " " + new, prev.idx



# -- the sense -------------------------------------------------------------------------------

def _sense_allows(sense: Sense, root: Token, run: list[Token], span: Span, data: Data, entry: Entry) -> bool:
    if sense.not_in_sentence:
        window = root.doc[max(0, root.i - 40):root.i + 40]
        words = [t.lower_ for t in window]
        lemmas = set(words).union(t.lemma_.lower() for t in window)
        near = " " + " ".join(words) + " "
        if any(word in lemmas or (" " in word and f" {word} " in near) for word in sense.not_in_sentence):
            return False
    verb = _governor(root)
    children = [c for c in root.children if c.i < run[0].i or c.i > run[-1].i]
    dets = [c for c in children if c.dep_ in ("det", "predet", "amod", "advmod", "quantmod") and c.i < root.i]
    if any(_lemma(c) in sense.not_determiners for c in dets):
        return False
    end = span.end if span.end > run[-1].i else run[-1].i + 1
    if end < len(root.doc) and root.doc[end].lower_ in sense.not_before:
        return False
    if root.dep_ == "pobj" and _lemma(root.head) in sense.not_after:
        return False
    modified = _modified(root, run, span)
    if modified is not None and sense.modifies is not None and _lemma(modified) not in sense.modifies:
        return False
    if sense.modifiers is not None:
        for c in (c for t in run for c in t.children):  # "a customer contact centre": on "contact"
            if c.dep_ in _PREMODIFIER_DEPS and c.i < run[0].i and not c.is_punct and _lemma(c) not in sense.modifiers:
                return False
    if sense.subject_verbs is not None and root.dep_ in _SUBJECT_DEPS and _lemma(root.head) not in sense.subject_verbs:
        return False
    if sense.not_objects and any(_lemma(o) in sense.not_objects for prep in root.children
                                 if prep.dep_ == "prep" and prep.lower_ in data.host_preps
                                 for o in prep.children if o.dep_ == "pobj"):
        return False  # "a placement at a school", "her placement at a parent and child unit"
    if sense.clause and not any(c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX") for c in root.children):
        return False
    if sense.negation and _negated(root, verb, data):
        return False
    if sense.channels and _by_channel(root, verb, sense.channels, data):
        return False
    subject = _subject(root, verb, entry)
    if subject is not None and (_lemma(subject) in sense.not_subjects or _titled(subject, sense.not_subjects)):
        return False
    if sense.parties is not None:
        parties = _parties(root, verb, data)
        if subject is not None and verb is not None and _lemma(verb) in sense.subject_parties:
            parties.append(subject)  # "I had contact with Mum": the writer's contact, not the child's
        for party in parties:
            if not _is_party(party, sense.parties, sense.names, data):
                return False
    if sense.possessors is not None:
        for owner in (c for c in root.children if c.dep_ == "poss"):
            if owner.tag_ == "PRP$":
                if owner.lower_ in data.writer:
                    return False  # the writer's contact, not the child's
                continue
            if not _is_party(owner, sense.possessors, sense.names, data):
                return False
    return True


def _is_party(tok: Token, allowed: frozenset[str], names: bool, data: Data) -> bool:
    """A family member, the child, or (if `names`) someone named without a title."""
    group = [tok] + [c for c in tok.conjuncts]
    for t in group:
        lemma = _lemma(t)
        if _titled(t, data.known - allowed):
            return False
        if any(c.dep_ == "appos" and not _is_party(c, allowed, names, data) for c in t.children):
            return False  # "contact with Sarah, the school nurse"
        if lemma in allowed or t.lower_ in allowed:
            continue
        if t.pos_ == "PRON" or lemma in data.known:
            return False
        if names and (t.pos_ == "PROPN" or t.text[:1].isupper()) and not _is_acronym(t.text) \
                and not any(c.dep_ == "det" for c in t.children):
            continue  # a person's name; "CAMHS" and "the Local Authority" are organisations
        return False
    return True


def _titled(tok: Token, words: frozenset[str]) -> bool:
    """The word or a word in front of it ("Ms Reed", "her ex-partner") is one of `words`."""
    return _lemma(tok) in words or any(_lemma(c) in words for c in tok.children
                                       if c.dep_ in ("compound", "amod", "nmod") and c.i < tok.i)


def _parties(root: Token, verb: Token | None, data: Data) -> list[Token]:
    """The other party: the object of "with", "from" or "between" on the noun or its verb."""
    out = []
    for holder in (root, verb):
        if holder is None:
            continue
        for prep in holder.children:
            if prep.dep_ == "prep" and prep.lower_ in data.party_preps:
                out.extend(c for c in prep.children if c.dep_ == "pobj")
    return out


def _negated(root: Token, verb: Token | None, data: Data) -> bool:
    if any(c.dep_ == "det" and c.lower_ in data.negators for c in root.children):
        return True
    if root.dep_ == "pobj" and root.head.lower_ in data.negators:
        return True
    v, depth = verb, 0
    while v is not None and depth < 4:
        if any(c.dep_ == "neg" for c in v.children) or _lemma(v) in data.denial:
            return True
        if v.dep_ not in ("xcomp", "ccomp", "advcl", "conj", "relcl", "pcomp", "prep", "pobj") or v.head.i == v.i:
            break
        v, depth = v.head, depth + 1
    return False


def _by_channel(root: Token, verb: Token | None, channels: frozenset[str], data: Data) -> bool:
    if any(c.dep_ in _PREMODIFIER_DEPS and _lemma(c) in channels for c in root.subtree if c.i < root.i):
        return True
    for holder in (root, verb):
        if holder is None:
            continue
        for prep in holder.children:
            if prep.dep_ == "prep" and prep.lower_ in data.channel_preps:
                if any(_lemma(t) in channels for t in prep.subtree):
                    return True
    return False


def _governor(root: Token) -> Token | None:
    """The verb the matched noun is an argument of (through one preposition), or the verb itself."""
    if root.pos_ in ("VERB", "AUX"):
        return root
    t = root
    if t.dep_ in _PREMODIFIER_DEPS and t.head.i > t.i:
        t = t.head
    if t.dep_ == "pobj":
        t = t.head
    h = t.head
    return h if h.i != t.i and h.pos_ in ("VERB", "AUX") else None


def _subject(root: Token, verb: Token | None, entry: Entry) -> Token | None:
    if root.dep_ in _SUBJECT_DEPS:
        return None  # the match is the subject
    holder = root if entry.kind == "verb" else verb
    if holder is None:
        return None
    return next((c for c in holder.children if c.dep_ in _SUBJECT_DEPS), None)


# -- tokens, case and names ------------------------------------------------------------------

def _words(phrase: str) -> tuple[str, ...]:
    return tuple(re.findall(r"'s|[^\s']+", phrase.lower().replace("-", " ")))


def _find_run(span: Span, words: tuple[str, ...]) -> list[Token] | None:
    toks = [t for t in span if t.text not in ("-", "–")]
    for i in range(len(toks) - len(words) + 1):
        if all(_word_matches(toks[i + k], w) for k, w in enumerate(words)):
            first, last = toks[i], toks[i + len(words) - 1]
            return list(span.doc[first.i:last.i + 1])
    return None


def _word_matches(tok: Token, word: str) -> bool:
    low = tok.lower_
    return low == word or tok.lemma_.lower() == word or low in _forms(word) or low.rstrip(".") == word


@lru_cache(maxsize=4096)
def _forms(word: str) -> frozenset[str]:
    return frozenset(f for forms in getAllInflections(word).values() for f in forms)


def _pattern_words(rule: Rule, run: list[Token]) -> tuple[str, ...]:
    """The words of the rule's pattern that matched, in the lexicon's own capitals."""
    texts = [t.text for t in run if t.text not in ("-", "–")]
    low = [t.lower() for t in texts]
    for pattern in rule.patterns:
        words = pattern.replace("-", " ").split()
        if [w.lower() for w in words] == low:
            return tuple(words)
    return tuple(texts)


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _acronym_in_lower_case(run: list[Token], patterns: tuple[str, ...]) -> bool:
    toks = [t for t in run if t.text not in ("-", "–")]
    if len(toks) != len(patterns):
        return any(_is_acronym(p) for p in patterns) and not any(_is_acronym(t.text) for t in toks)
    return any(_is_acronym(p) and not _is_acronym(t.text.rstrip("s")) for t, p in zip(toks, patterns))


def _shouted(run: list[Token], patterns: tuple[str, ...], doc: Doc, data: Data) -> bool:
    """Capitals the writer chose (a heading in capitals), not an acronym's own."""
    letters = [c for t in run for c in t.text if c.isalpha()]
    if not letters or not all(c.isupper() for c in letters):
        return False
    if any(not _is_acronym(p) for p in patterns):
        return True
    text = doc_text(doc)
    line_start = max(text.rfind("\n", max(0, run[0].idx - 200), run[0].idx) + 1, run[0].idx - 200, 0)
    line_end = text.find("\n", run[-1].idx, run[-1].idx + 200)
    line_end = min(len(text), run[-1].idx + 200) if line_end < 0 else line_end
    outside = [c for c in text[line_start:run[0].idx] + text[run[-1].idx + len(run[-1].text):line_end] if c.isalpha()]
    return len(outside) >= 3 and all(c.isupper() for c in outside)


def _at_start(tok: Token, data: Data) -> bool:
    """The token starts a sentence, a line or a heading (after a colon, dash or bullet)."""
    text = doc_text(tok.doc)
    before = text[max(0, tok.idx - 200):tok.idx]
    line = before[before.rfind("\n") + 1:].rstrip()
    if not line.strip():
        return tok.idx - len(before) == 0 or "\n" in before
    stripped = line.rstrip(_CLOSERS)
    last = stripped[-1:] if stripped else ""
    return last in _SENTENCE_ENDS or line[-1] in data.openers


def _is_name(run: list[Token], span: Span, patterns: tuple[str, ...], at_start: bool, end_tok: Token | None) -> bool:
    """A capitalised phrase in mid-sentence ("Oakfield Contact Centre", "the Looked After Children
    Team", "the LAC Team"): a name, which a replacement would falsify."""
    toks = [t for t in run if t.text not in ("-", "–")]
    for k, (t, p) in enumerate(zip(toks, patterns)):
        if _is_acronym(p) or not t.text[:1].isupper():
            continue
        if k > 0 or not at_start:
            return True
    # Words of the match kept beside the replaced ones, in capitals of their own: a title
    # ("Contact Arrangements", "LAC Review") that a lower-case replacement would mangle.
    if any(t.text[:1].isupper() and not _is_acronym(t.text) and t.i > run[0].i for t in span if t.is_alpha):
        return True
    if end_tok is not None and end_tok.text[:1].isupper() and not end_tok.is_sent_start \
            and end_tok.pos_ in ("PROPN", "NOUN") and end_tok.i == _root(run).head.i:
        return True
    return False


def _modified(root: Token, run: list[Token], span: Span) -> Token | None:
    """The noun the matched words stand in front of ("contact" in "contact arrangements"), from
    the match itself when it goes on past them, else from the parse."""
    doc = root.doc
    if run[-1].i + 1 < span.end:
        nxt = doc[run[-1].i + 1]
        return nxt if nxt.tag_ != "POS" else None
    if root.dep_ in _PREMODIFIER_DEPS and root.head.i > run[-1].i and root.head.pos_ in _NOUN_HEADS:
        return root.head
    return None


def _root(run: list[Token]) -> Token:
    ids = {t.i for t in run}
    for t in run:
        if t.head.i not in ids or t.head.i == t.i:
            if not t.is_punct:
                return t
    return run[-1]


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower() or tok.lower_


def _is_plural(root: Token, run: list[Token], entry: Entry) -> bool:
    # The lexicon's own word is the surest guide: "ePEP" is its singular whatever the tagger says,
    # and "placements" is the plural lemminflect gives for "placement".
    if entry.words and len(entry.words) == len(run) and root in run:
        word = entry.words[run.index(root)]
        if root.lower_ == word:
            return entry.kind == "plural"  # the `for` of a plural entry is itself plural ("birth parents")
        if root.lower_ in (_inflect(word, "NNS"), word + "s"):
            return True
    if root.tag_ in ("NNS", "NNPS") or "Plur" in root.morph.get("Number"):
        return not _is_acronym(root.text) or root.text.endswith("s")
    return root.text.endswith("s") and _is_acronym(root.text[:-1]) and len(root.text) > 2


def _is_bare(root: Token, run: list[Token]) -> bool:
    """A singular noun with nothing in front that makes it definite, counted or possessed."""
    if root.dep_ in ("compound", "poss") or any(t.tag_ == "POS" for t in run):
        return False
    for c in root.children:
        if c.i < run[0].i and (c.dep_ in ("det", "poss", "predet", "nummod", "quantmod") or c.tag_ in ("PRP$", "CD")):
            return False
    prev = root.doc[run[0].i - 1] if run[0].i > 0 else None
    return not (prev is not None and (prev.tag_ in ("DT", "PRP$", "POS", "CD") or prev.dep_ in ("det", "poss")))


def _post_modified(entry: Entry, data: Data) -> bool:
    """The replacement's head is not its last word ("child in care", "plan for school", "brothers
    and sisters"): its plural changes an earlier word, or it has no plural and a linking word."""
    if entry.plural:
        return entry.plural.split()[-1] == entry.text.split()[-1]
    words = entry.text.lower().split()
    return entry.kind != "count" and any(w in data.post_modifiers for w in words[1:])


def _plural(entry: Entry) -> str:
    if entry.plural:
        return entry.plural
    head, _, last = entry.text.rpartition(" ")
    return (head + " " + _inflect(last, "NNS")).strip()


@lru_cache(maxsize=4096)
def _inflect(word: str, tag: str) -> str:
    """lemminflect's form of `word` for a Penn tag (its first choice), or the word as it is."""
    forms = getInflection(word, tag)
    return forms[0] if forms else word


def _article(word: str, data: Data) -> str:
    low = word.lower()
    if any(low.startswith(p) for p in data.an_before):
        return "an"
    if any(low.startswith(p) for p in data.a_before):
        return "a"
    if _is_acronym(word):
        return "an" if word[0] in "AEFHILMNORSX" else "a"
    return "an" if low[:1] in "aeiou" else "a"


def _doubled(text: str, start: int, end: int, new: str, data: Data) -> bool:
    """"the the", "her the", "family family time": a word of the replacement repeats its neighbour."""
    before = re.findall(r"[\w'’]+", text[max(0, start - 30):start])
    after = re.findall(r"[\w'’]+", text[end:end + 30])
    words = re.findall(r"[\w'’]+", new)
    if not words:
        return True
    if before and before[-1].lower() == words[0].lower():
        return True
    if after and after[0].lower() == words[-1].lower():
        return True
    prev_det = before and (before[-1].lower() in data.determiners or before[-1].lower().endswith(("'s", "’s")))
    return bool(prev_det and words[0].lower() in data.determiners and not text[start - 1:start].strip())


# -- a parse for sentences the pipeline did not parse ----------------------------------------

def _sentence(span: Span) -> Span:
    """The sentence around `span`, from sentence starts found once per Doc (Span.sent walks back
    token by token: quadratic over many matches in one long sentence)."""
    doc = span.doc
    starts = doc.user_data.get(_STARTS_KEY)
    if starts is None:
        starts = doc.user_data[_STARTS_KEY] = sentence_starts(doc.to_array([SENT_START])) if len(doc) else [0]
    k = bisect.bisect_right(starts, span.start) - 1
    end = starts[k + 1] if k + 1 < len(starts) else len(doc)
    return doc[starts[max(k, 0)]:max(end, span.end)]


def _quotes(sent: Span, data: Data) -> list[tuple[int, int]]:
    cache = sent.doc.user_data.setdefault(_QUOTES_KEY, {})
    if sent.start not in cache:
        cache[sent.start] = quoted_ranges(sent.text, list(data.quote_pairs))
    return cache[sent.start]


def _parsed(span: Span, sent: Span, config) -> tuple[Span, int]:
    """`span` in a parsed sentence, and the offset of that sentence's Doc in the span's Doc.

    The selective runner parses only the sentences a check needs; the first time a sentence it
    left unparsed needs fitting, every such sentence of the Doc holding a rule with
    replacements is parsed in one batch (one at a time costs the model several times more)."""
    doc = span.doc
    if all(t.tag_ for t in sent):
        return span, 0
    cache = doc.user_data.get(_PARSED_KEY)
    if cache is None or sent.start not in cache:
        model_name = getattr(config, "model", None)
        lexicons = tuple(str(p) for p in getattr(config, "lexicons", ()))
        parse, rules = _sentence_parser(model_name, lexicons)
        wanted = {}
        for other in doc.spans.get(SPANS_KEY, []):
            rule = rules.get(other.id_) if other.id_ else None
            if rule is not None and entries(rule):
                s = _sentence(other)
                if len(s) <= MAX_SENTENCE_TOKENS and not all(t.tag_ for t in s):
                    wanted[s.start] = s
        wanted[sent.start] = sent
        norms = doc.to_array([NORM])
        starts = sorted(wanted)
        subs = parse([([t.text for t in wanted[k]], [bool(t.whitespace_) for t in wanted[k]],
                       norms[wanted[k].start:wanted[k].end]) for k in starts])
        cache = doc.user_data.setdefault(_PARSED_KEY, {})
        cache.update(zip(starts, subs))
    sub = cache[sent.start]
    return sub[span.start - sent.start:span.end - sent.start], sent.start_char


@lru_cache(maxsize=4)
def _sentence_parser(model_name: str | None, lexicons: tuple[str, ...]):
    """The pipeline's own model components (tagger, parser, lemmatizer) over sentences' words,
    in a batch, and the rules the pipeline was built with."""
    from .model import get_pipeline

    nlp, rules = get_pipeline(model_name, lexicons)
    from .components import is_langcheck

    langcheck_pipes = [name for name, proc in nlp.pipeline if is_langcheck(proc)]

    def parse(sentences) -> list[Doc]:
        subs = []
        for words, spaces, norms in sentences:
            sub = Doc(nlp.vocab, words=words, spaces=spaces)
            sub.from_array([NORM], norms)
            subs.append(sub)
        subs = list(nlp.pipe(subs, disable=langcheck_pipes)) if subs else subs
        for sub in subs:
            sub.user_data[TEXT_KEY] = sub.text
        return subs

    return parse, rules
