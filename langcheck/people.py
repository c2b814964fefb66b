"""Who is who in a note: the people stage that the child's voice and strengths checks share.

`find_people` reads the note's Docs and writes each name it places to `doc.spans["langcheck_people"]`
(label "child" or "adult"): a name with an age ("Tyler (8)", "Arlo, 4 months"), a header field
("Young person: Kai (16)", "Re: Tia Marsh, DOB ..."), a relation ("Sam's mum", "her son, Kai"),
"baby Leo", or `meta["children"]`; adults from a title ("Mrs Dunn"), a role beside the name ("her
mum, Kerry"), an age over the oldest a service supports, or what they have ("Donna's children").

`Resolver` says who a token stands for: a child, a family adult (the child's network) or a
professional, by name or role noun, "you" in a letter or record written to the child, and
pronouns by one rule: "he", "she", "they" (and "his", "her", "their" before a noun) stand for the
topic unless the topic's gender, as the note has shown it, clashes; else for the nearest person
before it of the pronoun's gender; else for the nearest person whose gender the note has not
shown; a subject pronoun in a clause joined to one before it in the same sentence ("Mum was
reminded and she agreed", "Dad said he would come") first tries that clause's person, when its
gender is shown to match or is a child's not yet shown and no clause further up has a person
shown to be of the pronoun's gender ("Donna said Kai kicked off when she took his phone"), or,
when that clause's object is a pronoun of the same gender or a child who may be of it, that
object's person ("Gary asked him to come down and he came", "Tom brought Callum back in and he sat
with us": a subject repeated as a pronoun past another "he" is the other); in
reported speech only when the speaker is the child or family (what a professional reports is
about the family, so the professional is passed over).
The topic, after centering theory's ranking, is the person the sentence before is about: the
subject of its last main clause (or the subject's named owner: "Amani's attendance is up ..."),
or its object when the subject is the writer ("I asked Ruby
about school. She said ..."); a possessive first tries the subject of its own sentence ("Harvey
was at school; his mentor ..."). A topic whose gender is not shown gives way to a person that
sentence or this one shows to be of the pronoun's gender ('Yusuf told her, "..." She said').
Genders come from role nouns ("Mum", "his son"), the role or title beside an adult's name
("Mum (Lowri)", "Mrs Begum"), and pronouns already resolved; institutions and groups are never
"he" or "she". A possessive or object pronoun resolved to the child or a named person is a
mention of them ("her placement"), but not itself a person ("her mum" is Mum). A relative
"who" stands for its antecedent; a short form of one person's name for that person ("Seun").

Every word list, pattern and number is in lexicons/people.yaml.
"""
from __future__ import annotations

import copy
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable, Mapping

import numpy
import yaml
from spacy.attrs import IS_ALPHA, IS_SPACE, IS_TITLE, IS_UPPER, LENGTH, LIKE_NUM, LOWER, ORTH, POS, SHAPE
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.parts_of_speech import PROPN
from spacy.matcher import Matcher
from spacy.strings import hash_string
from spacy.tokens import Doc, Span, Token

from .docs import in_sorted, quoted_tokens
from .kinds import Param, validate_params
from .lexicon import LexiconError, _LOADER

PEOPLE_KEY = "langcheck_people"
# doc.user_data: the people stage of one Doc, found once by the first check that needs it (a
# trait label, a sense about children) and reused by the note-level checks. The context filter
# removes it at the end of the pipeline (a Doc's user_data must stay serialisable) unless the
# KEEP flag says langcheck's own checker will read it and remove it itself.
CACHE_KEY = ("langcheck", "people")
KEEP_KEY = ("langcheck", "keep_people")

_PRONOUNS = {"he", "she", "they", "both"}  # ("Both seen.": the two just named, as "they")
_PRONOUN_GENDER = {"he": "m", "she": "f", "his": "m", "her": "f", "him": "m"}
# Possessive determiners ("his views") and object pronouns ("with him") are resolved like
# subject pronouns, but are not mentions themselves: "her mum said" is about Mum.
_POSSESSIVE_PRONOUNS = {"his", "her", "their"}
_OBJECT_PRONOUNS = {"him", "her", "them"}
_OBJECT_DEPS = {"dobj", "pobj", "dative", "iobj"}
_PERSON_DEPS = {"nsubj", "nsubjpass", "dobj", "iobj", "pobj", "conj", "appos", "poss", "compound", "attr", "npadvmod"}
_POSSESSIVE = ("'s", "’s")
_PER_YEAR = ("12", "52")  # months and weeks in a year: "4/12", "6/52" in health visitors' notes


def _words(help: str) -> Param:
    return Param("words", help, required=True)


SCHEMA: dict[str, Param] = {
    "child_patterns": Param("patterns", "a child's name (CAPTURE: name), age (CAPTURE: age) and unit (CAPTURE: unit), "
                            "or school year (CAPTURE: year)", True),
    "adult_patterns": Param("patterns", "an adult's name (CAPTURE: name)", True),
    "child_labels": _words("field labels before a child's name ('Child:', 'YP:', 'Re:')"),
    "age_units": _words("units of age"),
    "months_units": _words("units of age under a year"),
    "titles": _words("titles before an adult's name"),
    "child_nouns": _words("nouns that refer to a child"),
    "group_nouns": _words("nouns of a group of children: the names listed after one are all children"),
    "family_nouns": _words("nouns for adults of the child's network: relatives and carers"),
    "professional_nouns": _words("nouns for professionals"),
    "other_adult_nouns": _words("nouns for other adults: not the child's network, not professionals (ex-partner, dealer)"),
    "female_nouns": _words("role nouns of women and girls (for the pronoun rule)"),
    "collective_nouns": _words("role nouns of a group, never 'he' or 'she' ('staff', 'team'; for the pronoun rule)"),
    "institution_nouns": _words("role nouns of institutions, never 'he' or 'she' (for the pronoun rule)"),
    "male_nouns": _words("role nouns of men and boys (for the pronoun rule)"),
    "adult_kin": _words("what a name possesses that makes it an adult's ('Donna's children')"),
    "kin_modifiers": _words("words before a family noun that keep it one ('maternal grandmother', 'birth mum')"),
    "adult_modifiers": _words("words before a child noun that make a grown-up relation ('her adult son')"),
    "sibling_nouns": _words("a brother or sister: owned by a family adult, an adult of the family ('Mum's sister')"),
    "relation_nouns": _words("relations of a named person ('Ryan (Gemma's brother)'): of the family, unless the one "
                             "named is the child"),
    "family_name_nouns": _words("nouns after a family's surname ('the Mwangi children'): a titled adult with "
                                "that surname is family"),
    "home_verbs": _words("verbs of where a child lives before 'with' and the names of the adults they live with "
                         "('placed with Ngozi and Peter'): those adults are the child's network"),
    "kin_of_child": _words("what a name possesses that makes it a child's ('Sam's mum')"),
    "letter_openers": _words("words a letter opens with before the name ('Dear', or 'To' on the first line)"),
    "greetings": _words("greetings that open a line of a letter or an email below its header ('Dear', 'Hi')"),
    "not_names": _words("capitalised words that are not people's names (days, months, places)"),
    "object_roles": _words("role nouns that, owned or described ('his high chair'), are things"),
    "names_or_months": _words("short forms of months that are names too ('Jan'): next to a number, a date"),
    "denying_prepositions": _words("prepositions whose '-ing' clause did not happen ('without telling his mother'): "
                                   "it has no subject to take from its main clause"),
    "time_determiners": _words("determiners that make a noun phrase a time ('this term'), not the subject, where the "
                               "model gives a clause two"),
    "place_prepositions": _words("prepositions after which a name the note says nothing else about is a place or a "
                                 "topic ('at Bury Interchange', 'about Man City')"),
    "initials_labels": _words("field labels before a child's initials ('YP: JD'); not 'Re:', which may name a topic"),
    "organisation_heads": _words("capitalised words that end an organisation's or a document's name ('Infant "
                                 "Feeding Team'): the capitalised words before them are no one's name"),
    "max_child_age": Param("number", "the oldest age in years of a young person the service supports", True, 1, 30),
    "short_name_letters": Param("number", "the fewest letters of a short form of a child's name ('Seun' for "
                                "'Oluwaseun', 'Sam' for 'Samuel')", True, 2, 10),
    "letterhead_tokens": Param("number", "how far into a note, in tokens, a letter's greeting may stand below a "
                               "letterhead ('Children's Services ... Ref: ...' then 'Dear Ms Begum,')", True, 8, 500),
    "adult_age": Param("number", "the age from which a person named in a family role is an adult ('Mother Chelsea "
                       "(19)'); younger, a parent may be a child the service supports", True, 1, 30),
    "parent_beside_baby_below_age": Param("number", "a person of adult_age or older named beside a child younger "
                                          "than this (in years) is the baby's parent, not a young person", True, 0, 5),
    "body_child_subject_uses": Param("number", "in a note that names no child by any other cue, how many of its "
                                     "sentences a first name must open to be taken for the child ('Harley returned "
                                     "... Harley refused')", True, 1, 10),
    "sentence_ends": _words("the marks that end a sentence, after which a name opens the next"),
    "entry_marks": _words("the marks after a name that opens a line that make the line that person's entry "
                          "('Kai – kicked off at tea')"),
    "seen_words": _words("words after a name that opens a sentence that say the child was seen ('Lily seen at "
                         "home'): the name is the child's, though it is also a word"),
}


class PeopleData:
    """lexicons/people.yaml, validated, with its patterns compiled per vocabulary."""

    def __init__(self, raw: Any, where: str):
        def fail(key: str, problem: str) -> LexiconError:
            return LexiconError(f"{where}: key {key!r}: {problem}")

        values = validate_params("people", SCHEMA, raw, fail)
        self.values = values
        self.child_patterns = values["child_patterns"]
        self.adult_patterns = values["adult_patterns"]
        words = {k: frozenset(v) for k, v in values.items() if SCHEMA[k].type == "words"}
        self.words = {**words, "adult_nouns": words["family_nouns"] | words["professional_nouns"]
                      | words["other_adult_nouns"]}
        self.max_child_age = float(values["max_child_age"])
        self.adult_age = float(values["adult_age"])
        self.parent_beside_baby_below_age = float(values["parent_beside_baby_below_age"])
        self.short_name_letters = int(values["short_name_letters"])
        self.letterhead_tokens = int(values["letterhead_tokens"])
        self.body_child_subject_uses = int(values["body_child_subject_uses"])
        self._compiled: dict[int, _Compiled] = {}

    def __getattr__(self, name: str) -> frozenset[str]:
        try:
            found = self.__dict__["words"][name]
        except KeyError:
            raise AttributeError(name) from None
        setattr(self, name, found)  # a plain attribute from now on
        return found

    def person_word_hashes(self) -> numpy.ndarray:
        """The hashes of the words that may stand for a person (pronouns, role nouns), sorted:
        joined and hashed once, not for every Doc."""
        found = self.__dict__.get("_person_word_hashes")
        if found is None:
            words = _PRONOUNS | _POSSESSIVE_PRONOUNS | _OBJECT_PRONOUNS | self.adult_nouns | self.child_nouns \
                | {"person", "people", "you"}
            found = self.__dict__["_person_word_hashes"] = word_hashes(frozenset(words))
        return found

    def compiled(self, vocab) -> "_Compiled":
        found = self._compiled.get(id(vocab))
        if found is None:
            found = self._compiled[id(vocab)] = compile_patterns(
                vocab, {"child": self.child_patterns, "adult": self.adult_patterns}, self.words)
        return found


@lru_cache(maxsize=1)
def people_data() -> PeopleData:
    text = resources.files("langcheck.lexicons").joinpath("people.yaml").read_text(encoding="utf-8")
    return PeopleData(yaml.load(text, Loader=_LOADER), "lexicons/people.yaml")


# -- token patterns with named captures ---------------------------------------------------
@dataclass
class _Compiled:
    matcher: Matcher
    captures: dict[str, list[str | None]]  # pattern key -> the capture name of each pattern token
    # Match ids to pattern keys, kept here: the key strings may have been added to the vocab
    # inside a memory zone that has since ended.
    keys: dict[int, str] = field(default_factory=dict)
    # pattern key -> its BEFORE spec: how many capitalised words right before the match are the
    # name, at most and at least ({"name": 2, "least": 2}), optionally at a line's start.
    before: dict[str, dict] = field(default_factory=dict)
    # Where matches can be (see _windows): for each pattern, its length, whether it is one of
    # the costly ones (see `cheap`), and its anchors (anchor id, the first and last offset from
    # the match's start it may stand at); None when a pattern has no anchor or no bound on its
    # length; and the set of its anchor ids. (column, value) -> the ids of the anchors it holds.
    anchors: list[tuple[int, bool, list[tuple[int, int, int]], frozenset[int]]] | None = None
    anchor_values: dict[tuple[int, int], list[int]] = field(default_factory=dict)
    # the columns that anchors are read from, each with its anchors' values, sorted (a binary
    # search of the Doc's column, in C, finds the tokens that hold one)
    anchor_columns: list[tuple[int, numpy.ndarray]] = field(default_factory=list)
    # The patterns whose first tokens the Matcher tests in Python (a predicate: an IN list, a
    # regex), in a Matcher of their own: these cost most of its time, and are left out where none
    # of them can match (the others' matches are the same, and in the same order, without them).
    cheap: Matcher | None = None

    def matches(self, doc: Doc) -> Iterable[tuple[str, int, dict[str, list[Token]]]]:
        """(pattern group, start token, captured tokens by capture name) for every match."""
        for a, b, costly in self._windows(doc):
            matcher = self.matcher if costly or self.cheap is None else self.cheap
            for match_id, start, _end, alignment in matcher(doc[a:b], with_alignments=True):
                start += a
                key = self.keys[match_id]
                names = self.captures[key]
                captured: dict[str, list[Token]] = {}
                for offset, index in enumerate(alignment):
                    if names[index]:
                        captured.setdefault(names[index], []).append(doc[start + offset])
                spec = self.before.get(key)
                if spec is not None:
                    words = _title_words_before(doc, start, spec)
                    if not words:
                        continue
                    captured["name"] = words + captured.get("name", [])
                    start = words[0].i
                yield key.split(":")[0], start, captured

    def _windows(self, doc: Doc) -> list[tuple[int, int, bool]]:
        """The stretches of the Doc that hold every match, found from its arrays: the Matcher
        tries every pattern at every token, and most tokens of a note start none.

        Every match holds a token of each of its pattern's anchors (a token that is not optional
        and names its word, or has a flag: a number, a capitalised word), so it starts a known few
        tokens before each: the rarest anchor of each pattern in this Doc gives where its matches
        may start, its other anchors which of those starts are possible, and its length where
        they end. No match crosses the end of a stretch and none starts between them, so
        the Matcher finds in the stretches the same matches, in the same order, as in the whole
        Doc (it finds them as it reaches their ends, token by token). Each says whether one of
        the costly patterns may match in it."""
        n = len(doc)
        if self.anchors is None or not n:
            return [(0, n, True)]
        at: dict[int, list[int]] = {}  # anchor id -> the tokens that hold it
        columns = doc.to_array(_ANCHOR_COLUMNS)
        for column, values in self.anchor_columns:
            # (only the tokens that hold some anchor's value are looked up one by one)
            col = columns[:, column]
            if len(values) == 1:  # a flag's column (or one word): every token found holds the same anchors
                hits = numpy.flatnonzero(col == values[0]).tolist()
                if hits:
                    for anchor in self.anchor_values[column, int(values[0])]:
                        at.setdefault(anchor, []).extend(hits)
                continue
            hits = numpy.flatnonzero(in_sorted(col, values))
            for i, value in zip(hits.tolist(), col[hits].tolist()):
                for anchor in self.anchor_values[column, value]:
                    at.setdefault(anchor, []).append(i)
        # Each pattern from its rarest anchor here: the starts that token allows, kept only where
        # the pattern's other anchors stand at their offsets too ("mum" followed by a capitalised
        # word within two tokens, not every "mum" of the note). A match holds every anchor, so
        # every match still starts at a start kept, and lies in the stretch after it.
        held: dict[int, set[int]] = {}  # anchor id -> the tokens that hold it, as a set (made when asked)
        spans = set()
        found = at.keys()
        for length, costly, anchors, needed in self.anchors:
            if not found >= needed:
                continue  # (an anchor the Doc does not hold: no match, as with most patterns)
            anchors = sorted(anchors, key=lambda a: len(at[a[0]]))
            rarest, first, last = anchors[0]
            starts = [s for i in at[rarest] for s in range(max(0, i - last), i - first + 1)]
            for anchor, first, last in anchors[1:]:
                where = held.get(anchor)
                if where is None:
                    where = held[anchor] = set(at[anchor])
                if first == last:
                    starts = [s for s in starts if s + first in where]
                else:
                    starts = [s for s in starts if any(s + k in where for k in range(first, last + 1))]
                if not starts:
                    break
            spans.update((s, min(n, s + length), costly) for s in starts)
        spans = sorted(spans)
        windows: list[list] = []
        for start, end, costly in spans:
            if windows and start <= windows[-1][1] + _WINDOW_GAP:
                windows[-1][1] = max(windows[-1][1], end)
                windows[-1][2] = windows[-1][2] or costly
            else:
                windows.append([start, end, costly])
        return [(a, b, costly) for a, b, costly in windows]


def _title_words_before(doc: Doc, start: int, spec: dict) -> list[Token]:
    """Up to `name` capitalised words right before token `start` (a hyphenated name's parts
    join it), at least `least` of them, the first at a line's start when the spec asks for that."""
    most = spec["name"]
    words: list[Token] = []
    count = 0  # names, not tokens: "Destiny Walker-Amoah" is two
    joined = False
    i = start - 1
    while i >= 0 and (count < most or joined):
        tok = doc[i]
        # (a surname in capitals after a first name, as records write it: "Pt: Lacey DUNMORE 4y";
        # not a short form after a name, "Kai SV 12/03", as the undefined-acronym check reads it)
        upper_surname = i == start - 1 and tok.is_upper and tok.is_alpha and len(tok) > 3 \
            and i > 0 and doc[i - 1].is_title and doc[i - 1].is_alpha
        if (tok.is_title and (tok.is_alpha or _initials(tok.text) or _apostrophe_name(tok.text))) \
                or _inner_capital_name(tok.text) or upper_surname:
            words.insert(0, tok)
            count += 0 if joined else 1
            joined = False
        elif tok.text == "-" and words and i > 0 and not tok.whitespace_ and doc[i - 1].is_title:
            joined = True  # "Ellie-May": the parts stand as one name
        else:
            break
        i -= 1
    if count < spec.get("least", 1):
        return []
    if words and _inner_capital_name(words[0].text):
        return []  # a surname's shape ("McLeod"): only after a first name ("Callum McLeod (18)")
    if words and spec.get("line_start"):
        first = words[0].i
        if first > 0 and not (doc[first - 1].is_space and "\n" in doc[first - 1].text):
            return []
    return words


# Parts of speech a name never has: "To Kieran (16)", "Before the visit I ...", "Subject: Call to Dad".
_NOT_NAME_POS = {"VERB", "AUX", "PRON", "ADP", "DET", "CCONJ", "SCONJ", "PART"}


def _apostrophe_name(text: str) -> bool:
    """A surname with an apostrophe inside it, one token: "O'Connor", "D'Souza"."""
    inner = text[1:-1]
    return ("'" in inner or "’" in inner) and text.replace("'", "").replace("’", "").isalpha()


def _inner_capital_name(text: str) -> bool:
    """A name with a capital inside it, one token: "McLeod", "MacDonald", "DeShawn" (not a
    word in capitals, "CIN")."""
    return len(text) > 2 and text.isalpha() and text[0].isupper() and text[1].islower() \
        and any(c.isupper() for c in text[2:])


def _initials(text: str) -> bool:
    """A name written as initials with full stops: "T.M.", "J.O."."""
    letters = text.replace(".", "")
    return text.endswith(".") and 0 < len(letters) <= 3 and letters.isalpha() and letters.isupper() \
        and len(text) == 2 * len(letters)


# Stretches fewer tokens apart than this are matched as one: a Matcher call costs as much as a
# few tokens more.
_WINDOW_GAP = 2
_SPLIT_AT_MOST = 12  # words in a first-token list that is split into one pattern per word


def compile_patterns(vocab, groups: Mapping[str, list], words: Mapping[str, frozenset[str]]) -> _Compiled:
    """A Matcher for YAML token patterns: a token spec's CAPTURE names what the token is, and
    "$list" in an IN or NOT_IN stands for the word list of that name."""
    matcher, cheap = Matcher(vocab, validate=True), Matcher(vocab, validate=True)
    captures: dict[str, list[str | None]] = {}
    before: dict[str, dict] = {}
    anchors: dict[tuple[bool, tuple[tuple[int, int, int], ...]], int] | None = {}  # a pattern's anchors -> the longest length
    anchor_ids: dict[tuple[int, frozenset[int]], int] = {}
    for group, patterns in groups.items():
        for n, pattern in enumerate(patterns):
            key = f"{group}:{n}"
            if pattern and set(pattern[0]) == {"BEFORE"}:
                # Captured words before the match: the Matcher starts at the rarer token after
                # them ("(", "'s"), not at every capitalised word of the note.
                before[key] = dict(pattern[0]["BEFORE"])
                pattern = pattern[1:]
            captures[key] = [spec.get("CAPTURE") for spec in pattern]
            tokens = [_expand(spec, words) for spec in pattern]
            first = tokens[0]
            attr = next(iter(first)) if len(first) == 1 else None
            if attr in ("LOWER", "ORTH", "SHAPE") and isinstance(first[attr], dict) and set(first[attr]) == {"IN"} \
                    and len(first[attr]["IN"]) <= _SPLIT_AT_MOST:
                # A predicate on the first token is tried at every token of every note; for a
                # short list, one pattern per word starts with a plain comparison instead (faster;
                # for a long one the many patterns cost more than the predicate, as measured).
                variants = [[{attr: word}] + tokens[1:] for word in first[attr]["IN"]]
            else:
                variants = [tokens]
            matcher.add(key, variants)
            costly = any(_starts_in_python(variant) for variant in variants)
            if not costly:
                cheap.add(key, variants)
            found = _anchors(tokens)
            if not found or anchors is None:
                anchors = None
            else:
                ids = tuple((anchor_ids.setdefault(anchor, len(anchor_ids)), first, last) for anchor, first, last in found)
                anchors[costly, ids] = max(anchors.get((costly, ids), 0), len(tokens))
    anchor_values: dict[tuple[int, int], list[int]] = {}
    for (column, values), anchor in anchor_ids.items():
        for value in values:
            anchor_values.setdefault((column, value), []).append(anchor)
    columns = [(column, numpy.array(sorted({v for c, v in anchor_values if c == column}), dtype="uint64"))
               for column in sorted({c for c, _ in anchor_values})]
    return _Compiled(matcher, captures, {hash_string(k): k for k in captures}, before,
                     None if anchors is None else [(length, costly, ids, frozenset(a for a, _, _ in ids))
                                                for (costly, ids), length in anchors.items()],
                     anchor_values, columns, cheap if len(cheap) else None)


def _starts_in_python(tokens: list[dict]) -> bool:
    """Whether the Matcher tests a pattern's first token (or a token after optional ones) with a
    Python predicate: an attribute given as a dict (IN, NOT_IN, REGEX, a comparison) or an
    extension attribute."""
    for spec in tokens:
        spec = {attr.upper(): value for attr, value in spec.items()}
        if "_" in spec or any(isinstance(value, dict) for attr, value in spec.items() if attr != "OP"):
            return True
        if spec.get("OP") != "?":
            return False
    return False


# What an anchor is read from: the Doc's columns, and the pattern attributes each is (TEXT is ORTH).
# The flags (a number, a capitalised word, a word in capitals, a space) are anchors when true.
_ANCHOR_COLUMNS = [ORTH, LOWER, SHAPE, LIKE_NUM, IS_TITLE, IS_UPPER, IS_SPACE]
_ANCHOR_ATTRS = {"ORTH": 0, "TEXT": 0, "LOWER": 1, "SHAPE": 2, "LIKE_NUM": 3, "IS_TITLE": 4, "IS_UPPER": 5,
                 "IS_SPACE": 6}
_ANCHOR_FLAGS = ("LIKE_NUM", "IS_TITLE", "IS_UPPER", "IS_SPACE")


def _anchors(tokens: list[dict]) -> list[tuple[tuple[int, frozenset[int]], int, int]] | None:
    """A pattern's anchors: each token every match holds that names its word (an ORTH, TEXT,
    LOWER or SHAPE that is a string or an IN list of them) or has one of the flags true (a
    number, LIKE_NUM; a capitalised word, IS_TITLE; capitals, IS_UPPER; a space, IS_SPACE), as a
    column of the Doc's arrays and its values, with the first and last offset from the match's
    start it may stand at (optional tokens before it may be skipped). None for a pattern of
    unbounded length."""
    found = []
    skippable = 0
    for k, spec in enumerate(tokens):
        spec = {attr.upper(): value for attr, value in spec.items()}
        op = spec.get("OP")
        if op == "?":
            skippable += 1
            continue
        if op is not None:
            return None
        for attr, value in spec.items():
            if attr not in _ANCHOR_ATTRS:
                continue
            if attr in _ANCHOR_FLAGS:
                if value is not True:
                    continue
                values = frozenset([1])
            elif isinstance(value, str):
                values = frozenset([hash_string(value)])
            elif isinstance(value, dict) and set(value) == {"IN"} and all(isinstance(w, str) for w in value["IN"]):
                values = frozenset(hash_string(w) for w in value["IN"])
            else:
                continue
            found.append(((_ANCHOR_ATTRS[attr], values), k - skippable, k))
    return found


def _expand(spec: dict, words: Mapping[str, frozenset[str]]) -> dict:
    out = {k: copy.deepcopy(v) for k, v in spec.items() if k != "CAPTURE"}
    for value in out.values():
        if isinstance(value, dict):
            for op in ("IN", "NOT_IN"):
                if isinstance(value.get(op), str) and value[op].startswith("$"):
                    value[op] = sorted(words[value[op][1:]])
    return out


# -- stage: who ---------------------------------------------------------------------------
@dataclass
class Child:
    age_years: float | None = None  # None: the note does not say
    strength: int = 0  # how the name was found: 3 meta or an age, 2 a field or role, 1 a relation


@dataclass
class People:
    children: dict[str, Child] = field(default_factory=dict)
    adults: dict[str, str | None] = field(default_factory=dict)  # name -> "family", "professional" or None
    genders: dict[str, str] = field(default_factory=dict)  # an adult's name -> "f" or "m", from a role or title
    letter_to_child: bool = False

    def add_child(self, name: str, age: float | None, strength: int) -> None:
        known = self.children.get(name)
        if known is None or strength > known.strength:
            self.children[name] = Child(age if age is not None or known is None else known.age_years, strength)

    def child_names(self) -> tuple[str, ...]:
        return tuple(sorted(n for n, c in self.children.items() if n not in self.adults or c.strength >= 2))

    def resolver(self, doc: Doc) -> "Resolver":
        """Who each token of the Doc stands for; made once per Doc for every check."""
        cache = self.__dict__.setdefault("_resolvers", {})
        found = cache.get(id(doc))
        if found is None or found.doc is not doc:
            found = cache[id(doc)] = Resolver(doc, self)
        return found

    def child(self, name: str) -> Child | None:
        found = self.children.get(name)
        if found is None:
            found = next((c for n, c in self.children.items() if name in n.split("-")), None)
        return found


def people_of(doc: Doc) -> People:
    """The people stage of one Doc, found once and kept in its user_data (see CACHE_KEY)."""
    found = doc.user_data.get(CACHE_KEY)
    if found is None:
        from .docs import doc_text

        found = doc.user_data[CACHE_KEY] = find_people([doc], doc_text(doc), {})
    return found


def release(doc: Doc, keep_flag: bool = False) -> People | None:
    """Take the cached people stage out of the Doc's user_data (and the keep flag, when asked)."""
    if keep_flag:
        doc.user_data.pop(KEEP_KEY, None)
    elif doc.user_data.get(KEEP_KEY):
        return doc.user_data.get(CACHE_KEY)
    return doc.user_data.pop(CACHE_KEY, None)


def find_people(docs: list[Doc], text: str, meta: Mapping[str, Any], data: PeopleData | None = None) -> People:
    data = data or people_data()
    people = People()
    for name in meta.get("children") or ():
        for part in str(name).split()[:1]:
            people.add_child(part, None, 3)
    not_names = data.adult_nouns | data.child_nouns | data.titles | data.child_labels | data.not_names
    candidates: list[tuple[list[str], float | None, int, bool]] = []
    titled_together: list[list[str]] = []  # the names of one titled adult, captured together
    relations: list[tuple[list[str], str]] = []  # "Ryan (Gemma's brother)": the names and the one they are kin of
    for doc in docs:
        compiled = data.compiled(doc.vocab)
        spans = []
        # Not a number ("Direct work - Three Houses") nor a word of a part of speech no name has.
        matches = [(group, start, captured, [t for t in captured.get("name", []) if t.lower_ not in not_names
                                             and not t.like_num and t.pos_ not in _NOT_NAME_POS
                                             and t.text[:1].isalpha()  # not "'S" of "CHILDREN'S"
                                             and not _names_a_thing(t)])
                   for group, start, captured in compiled.matches(doc)]
        child_words = {t.i for group, _, _, names in matches if group == "child" and len(names) == 1 for t in names}
        for group, start, captured, names in matches:
            if not names or _names_an_organisation(doc, names, data):
                continue
            if group == "adult" and start and doc[start - 1].pos_ == "DET" and start + 1 < len(doc) \
                    and doc[start + 1].text == ":":
                continue  # a topic, not a field: "We talked about the GP: Ahmad agreed to ..."
            if group == "adult" and start == names[0].i and _listed_before_a_role(doc, names[-1].i, data, not_names):
                # a list, not an apposition: "baby Zainab, mum Hodan and dad Abdirahman" (not a role
                # then its name, "her mum Lisa, her brother Tyler")
                continue
            if group == "child" and names[0].i - 1 in child_words and not any(t.i == names[0].i - 1 for t in
                                                                               captured.get("name", [])):
                # the surname of a child named just before by another field ("Pupil: Yousef
                # Al-Hamdan, age 9"): the age is his
                names = [doc[names[0].i - 1]]
            if group == "child" and start >= 2 and doc[start - 1].lower_ == "of" \
                    and doc[start - 2].lower_ in data.adult_nouns and doc[start].lower_ in data.child_labels:
                # a field of the child's parent: "Father of baby: Dean Carr" names the father
                for name in list(dict.fromkeys(full_name(doc, t) for t in names)):
                    people.adults.setdefault(name, "family" if doc[start - 2].lower_ in data.family_nouns
                                             else "professional")
                continue
            ages = captured.get("age")
            if ages and "/" in ages[0].text and ages[0].text.partition("/")[2] not in _PER_YEAR:
                continue  # "3/10" is a date; "4/12" and "6/52" are months and weeks of age
            if "owner" in captured:
                # settled once the children are known: a relation of the child's is a sibling
                relations.append(([full_name(doc, t) for t in names], captured["owner"][0].text))
                continue
            age = _age_in_years(captured, data)
            is_adult = group == "adult" or (age is not None and age > data.max_child_age)
            full = list(dict.fromkeys(full_name(doc, t) for t in names))  # (a hyphenated name's parts are one name)
            if is_adult:
                role = _role(doc, start, captured, data)
                last = names[-1].i + 1
                if role is not None and last < len(doc) and doc[last].is_title and doc[last].is_alpha \
                        and doc[last].lower_ not in not_names:
                    full.append(doc[last].text)  # the surname too: "FC (Mrs Bernadette Doyle)", later "Mrs Doyle"
                gender = _gender(doc, start, names, data)
                if role is not None and names[0].i > 0 and doc[names[0].i - 1].text == ":":
                    full += _listed_after(doc, names[-1].i, not_names | data.adult_nouns)  # "Parents: Magda and Tomasz Kowalczyk"
                if role == "titled" and len(full) > 1:
                    titled_together.append(full)  # "Ms Mwangi (Esther)": one person, one role
                for name in full:
                    # (a family role settles what a title alone left open: "Ms Nowak" ... "Ms
                    # Nowak's partner")
                    if people.adults.get(name) is None or (role == "family" and people.adults[name] == "titled"):
                        people.adults[name] = role
                    if gender is not None:
                        people.genders.setdefault(name, gender)
            else:
                # How sure: an age, then a field or role in front of the name ("Young person:",
                # "baby", "her son,"), then a relation ("Sam's mum").
                # (a school year is as sure as an age: "Amir Haddad (P3)")
                strength = 3 if age is not None or "year" in captured else 1 if doc[start].i == names[0].i else 2
                # a header field names the child outright ("Re: Kacper Nowak", "Child: Sam")
                # (not an adult's field: "Mother: Kerry Hale (DOB ...)")
                # (and the name the child goes by, in brackets after it: "Young person: Aleksandra (Ola)")
                at = names[0].i - 2 if names[0].i >= 3 and doc[names[0].i - 1].text == "(" else names[0].i
                field = at > 0 and doc[at - 1].text == ":" \
                    and (at < 2 or doc[at - 2].lower_ not in data.adult_nouns)
                # (and a child's role word right before the name: "Baby G (born 02/06), Ms G (Mum)"
                # is a baby, whatever initial the mother shares)
                field = field or (at > 0 and doc[at - 1].lower_ in data.initials_labels)
                first = names[0].i
                if first > 0 and (doc[first - 1].lower_ in data.group_nouns or (
                        first > 1 and doc[first - 1].text in ",(" and doc[first - 2].lower_ in data.group_nouns)):
                    # the rest of the list is children too: "the children, Ava and Isla", "all three
                    # young people (Kofi, Ellie-Mae and Jade)"
                    # (each one a candidate of its own: the names of one capture are one child's)
                    candidates.extend(([name], age, strength, field) for name in _listed_after(doc, names[-1].i, not_names))
                candidates.append((full, age, strength, field))
            spans.extend(Span(doc, t.i, t.i + 1, label="adult" if is_adult else "child") for t in names)
        doc.spans[PEOPLE_KEY] = spans
    # A two-word capture ("Leo Brannigan (10 weeks)", "Visited Jo (6)") is a name and a surname
    # or a word and a name: the parts the note uses again on their own are the name.
    # How often each name stands as a whole word, and how often after a title ("Mr Osei"):
    # counted once over the note's words, not searched for per name (and not at all for a note
    # with no candidate).
    uses: Counter[str] = Counter()
    titled: Counter[str] = Counter()
    surnames: set[str] = set()  # the family's surnames: of children named in full, "the Mwangi children"
    previous = written = ""
    family_nouns = data.family_name_nouns
    for word in re.findall(r"\w+(?:-\w+)*", text) if candidates else ():
        uses[word] += 1
        if previous in data.titles:
            titled[word] += 1
        low = word.lower()
        if low in family_nouns and written.istitle() and previous not in STOP_WORDS and previous not in not_names:
            surnames.add(written)
        previous, written = low, word

    def used_again(name: str) -> bool:
        # a surname again after a title is an adult's ("Emmanuel Osei (15)" ... "Mr Osei")
        return uses[name] - titled[name] > 1

    pairs: list[list[str]] = []  # captures kept whole, both parts used again ("Rowan Gillespie")
    for names, age, strength, field in candidates:
        # (a hyphenated name used again by its first part: "Ellie-May" ... "Ellie"; not a surname's
        # first part, which stands nowhere on its own: "Al-Hamdan")
        # (nor one that is an adult's surname: "Deshawn Morris-Clarke (16)" ... "Mum (Sharon Morris)")
        again = [n for n in names if used_again(n) or (n.split("-")[0] != n and uses[n.split("-")[0]] > 0
                                                        and n.split("-")[0] not in people.adults)]
        # neither part used again: not a function word standing before the name ("To Kieran (16),")
        chosen = again or [n for n in names if n.lower() not in STOP_WORDS] or names
        if not again and len(chosen) == 2 and "-" in chosen[1] and "-" not in chosen[0]:
            chosen = chosen[:1]  # a double-barrelled surname after the name: "Deshawn Morris-Clarke (16)"
        if len(chosen) > 1 and any(not titled[n] for n in chosen):
            chosen = [n for n in chosen if not titled[n]]  # "Nevaeh Campbell (4)" ... "Ms Campbell": her surname
        surnames.update(n for n in names if n not in chosen)
        if age is not None and age >= data.adult_age and any(people.adults.get(n) == "family" for n in names):
            # a parent of age, by any part of the name: "Parent: Shannon Gillespie (19)" is not a
            # child called Gillespie because the surname is used again ("Child: Rowan Gillespie")
            surnames.update(names[1:])
            continue
        if len(chosen) > 1:
            pairs.append(chosen)
        for name in chosen:
            if age is None and strength < 3 and not field and name in people.adults:
                continue  # named as an adult, then only by a relation: "Dad (Gareth)" ... "Nain (Gareth's mum)"
            if age is not None and age >= data.adult_age and people.adults.get(name) == "family":
                continue  # a parent of age: "Mother Chelsea (19) present" (a mother of 16 is a child too)
            people.add_child(name, age, strength)
            if _initials(name) and len(name) > 2:
                people.add_child(name.replace(".", ""), age, strength)  # "T.M. (14)" is then "TM"
    if any(c.age_years is not None and c.age_years < data.parent_beside_baby_below_age for c in people.children.values()):
        # "Kelsey Moran (18) and baby Jaxon (4 weeks)": the grown-up beside a baby is the parent
        for name, child in list(people.children.items()):
            if child.age_years is not None and child.age_years >= data.adult_age:
                del people.children[name]
                people.adults.setdefault(name, "family")
    for pair in pairs:
        # A part that is another person's surname too is the family's name, not a second child:
        # "Child: Rowan Gillespie (12 days)", "Parent: Shannon Gillespie (19)".
        # (or an adult's, named in full: "Lily-Mae Turner, 22 months" ... "Mrs Denise Turner")
        for name in pair[1:]:
            if (name in surnames or name in people.adults) and pair[0] in people.children:
                people.children.pop(name, None)
    for name, role in people.adults.items():
        if role == "titled":
            # A title alone makes a professional, but not one who shares the child's surname:
            # "Re: Nevaeh Campbell (4)" ... "Ms Campbell has completed the course" is her mother.
            # (and the first name given with the surname: "Ms Mwangi (Esther)")
            family = name in surnames or any(name in group and surnames.intersection(group)
                                             for group in titled_together)
            people.adults[name] = "family" if family else "professional"
    for names, owner in relations:
        if owner not in people.children:
            for name in names:
                people.adults.setdefault(name, "family")
    if not people.children:
        for name in _named_in_the_body(docs, people, data, not_names):
            people.add_child(name, None, 1)
    opener = _letter_opener(docs, data)
    lowered = text.lower()
    # "your mum", "your birth dad", "your new school": one word may stand between (the words
    # are split only in a note that holds "your")
    after_your = [w.strip(".,;:!?\"'()") for w in lowered.split()] if "your" in lowered else []
    kin = any(w == "your" and (after_your[i + 1] in data.kin_of_child
                               or (i + 2 < len(after_your) and after_your[i + 2] in data.kin_of_child))
              for i, w in enumerate(after_your[:-1]))
    # "Dear Ms Begum": a title greets an adult
    titled = opener is not None and opener.split()[0].lower().rstrip(".") in data.titles
    people.letter_to_child = kin and (opener is None or (opener not in people.adults and not titled))
    if people.letter_to_child and opener is not None:
        people.add_child(opener, None, 2)
    return people


def _named_in_the_body(docs: list[Doc], people: People, data: PeopleData, not_names: frozenset[str]) -> list[str]:
    """The children of a note that names them by no other cue: a first name that opens its
    sentences again and again ("Harley returned from school. ... Harley refused his tea"), a
    line of its own, or a sentence that says they were seen ("Lily seen at home"). Read from the words alone, so that it is the same whichever sentences the
    model was run on: a capitalised word that no word list knows, that is no adult's and no
    English word (by lemminflect's tables), alone (not "Kerry Mills", "Nathan (RSW)", "Oakfield
    House")."""
    from lemminflect import getAllLemmas

    uses: Counter[str] = Counter()
    for doc in docs:
        # (only the capitalised words of more than one letter become Tokens: from the Doc's arrays)
        flags = doc.to_array([IS_TITLE, IS_ALPHA, LENGTH])
        for i in numpy.flatnonzero((flags[:, 0] != 0) & (flags[:, 1] != 0) & (flags[:, 2] > 1)).tolist():
            tok = doc[i]
            if tok.lower_ in not_names \
                    or tok.lower_ in STOP_WORDS or tok.text in people.adults or tok.lower_ in data.organisation_heads:
                continue
            after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            if after is not None and (after.is_title or after.text == "(" or (after.text == "-" and not tok.whitespace_)):
                continue
            j = tok.i - 1  # (past a time or a bullet to the line's start: "16:00 - Harley returned")
            while j >= 0 and not doc[j].is_space and (doc[j].is_punct or any(c.isdigit() for c in doc[j].text)) \
                    and doc[j].text not in data.sentence_ends:
                j -= 1
            if j >= 0 and not (doc[j].is_space and "\n" in doc[j].text) and doc[j].text not in data.sentence_ends:
                continue
            if after is not None and after.lower_ in data.seen_words:
                # seen, as a child is on a visit, whatever else the name means: "Lily seen at home"
                uses[tok.text] += data.body_child_subject_uses
                continue
            if getAllLemmas(tok.lower_):
                continue
            at_line_start = j < 0 or (doc[j].is_space and "\n" in doc[j].text)
            if at_line_start and after is not None and after.text in data.entry_marks and tok.whitespace_:
                # a line of its own for the person, as a handover gives each child: "Kai – kicked off at tea"
                uses[tok.text] += data.body_child_subject_uses
            else:
                uses[tok.text] += 1
    return [name for name, n in uses.items() if n >= data.body_child_subject_uses]


def _names_an_organisation(doc: Doc, names: list[Token], data: PeopleData) -> bool:
    """Capitalised words that are a role ("Health Visitor, 0-19") or that run on into the name of
    an organisation or a document ("Referral to Infant Feeding Team", "Health Visiting Contact
    Record"), not a person's name."""
    words = " ".join(t.lower_ for t in names)
    after = names[-1].i + 1
    if words in data.adult_nouns or (after < len(doc) and f"{words} {doc[after].lower_}" in data.adult_nouns):
        return True  # a role, or the start of one: "visit with Health Visitor (Jo Pearce)"
    if after < len(doc) and doc[after].is_title and len(doc[after]) > 1 and doc[after].lower_ in data.adult_nouns:
        return True  # a job title: "K. Fenwick (Pastoral Manager, Y8)"
    tok = names[-1]
    for _ in range(3):  # (a name of more than three words after the captured one is no person's)
        if tok.i + 1 >= len(doc) or not (doc[tok.i + 1].is_title and doc[tok.i + 1].is_alpha):
            return False
        tok = doc[tok.i + 1]
        if tok.lower_ in data.organisation_heads:
            return True
    return False


def _listed_after(doc: Doc, last: int, not_names: frozenset[str]) -> list[str]:
    """The names a field goes on to list after its first: "Parents: Magdalena and Tomasz
    Kowalczyk" lists Tomasz too (up to the line's end)."""
    out, i = [], last + 1
    if i < len(doc) and doc[i].text == "-" and not doc[i - 1].whitespace_:
        i = _name_end(doc, i - 1)  # the list's first is hyphenated: "Ellie-Mae, Jade and Kofi"
    while i + 1 < len(doc) and doc[i].text in (",", "and", "&") and doc[i + 1].is_title and doc[i + 1].is_alpha \
            and doc[i + 1].lower_ not in not_names:
        out.append(full_name(doc, doc[i + 1]))  # (a hyphenated name whole: "Kofi, Ellie-Mae and Jade")
        i = _name_end(doc, i + 1)
        while i < len(doc) and doc[i].is_title and doc[i].is_alpha and doc[i].lower_ not in not_names:
            i += 1  # the surname of the one listed
    return out


def _name_end(doc: Doc, i: int) -> int:
    """The token after the name that starts at token i, with its hyphenated parts."""
    end = i + 1
    while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ \
            and not doc[end].whitespace_ and doc[end + 1].is_title:
        end += 2
    return end


def _names_a_thing(tok: Token) -> bool:
    """A capitalised word that modifies the common noun after it names a kind of thing, not a
    person: "PEP meeting - Autumn term"."""
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    return nxt is not None and tok.dep_ == "compound" and tok.head.i == nxt.i and nxt.pos_ == "NOUN" \
        and nxt.is_lower and nxt.is_alpha


def _listed_before_a_role(doc: Doc, last: int, data: PeopleData, not_names: frozenset[str]) -> bool:
    """Whether the role noun after a name and a comma labels the next name instead: "baby
    Zainab, mum Hodan", "baby Inês, Mum (Sofia Ferreira)" list two people ("Kerry, his mum"
    is one)."""
    if last + 2 >= len(doc) or doc[last + 1].text != ",":
        return False
    for tok in doc[last + 2:min(len(doc) - 1, last + 5)]:
        if tok.lower_ in data.adult_nouns:
            nxt = doc[tok.i + 1]
            if nxt.text == "(" and tok.i + 2 < len(doc):
                nxt = doc[tok.i + 2]
            return nxt.is_title and nxt.is_alpha and nxt.lower_ not in not_names
    return False


def _gender(doc: Doc, start: int, names: list[Token], data: PeopleData) -> str | None:
    """The gender the role noun or title beside an adult's name shows: "Mum (Lowri)", "Mrs Hale",
    "Lowri (mum)"; the words the pattern matched before the name first, then a bracket or
    apposition right after it."""
    first, last = names[0].i, names[-1].i
    after = doc[last + 1:last + 4]
    near = [*reversed(doc[start:first]), *(after[1:] if len(after) and after[0].text in ("(", ",") else ())]
    for tok in near:
        low = tok.lower_.rstrip(".")
        if low in data.female_nouns or low in data.male_nouns:
            return "f" if low in data.female_nouns else "m"
    return None


def _role(doc: Doc, start: int, captured: dict[str, list[Token]], data: PeopleData) -> str | None:
    """Family or professional, from the role noun or title the adult pattern matched."""
    name_ids = {t.i for t in captured.get("name", [])}
    end = max(name_ids) + 6 if name_ids else start + 6
    # A family role in apposition before a title: "her nana, Mrs Grace Mensah" is family.
    before = [t for t in doc[max(0, start - 2):start] if not t.is_punct]
    if before and before[-1].lower_ in data.family_nouns:
        return "family"
    # A family role in brackets or apposition right after the name: "Mrs Hartley (mum)" is the
    # child's mother, not a professional because of her title.
    after = [t for t in doc[max(name_ids) + 1:max(name_ids) + 5]
             if t.lower_ not in ("the", "his", "her", "their") and t.lower_ not in data.kin_modifiers] \
        if name_ids else []  # (and "(maternal grandmother)")
    if len(after) >= 2 and after[0].text in ("(", ",") and after[1].lower_ in data.family_nouns \
            and not _heads_a_profession(doc, after[1].i, data):
        return "family"
    if doc[start].lower_ in data.home_verbs:
        return "family"  # "placed with Ngozi and Peter Okafor": the adults the child lives with
    for tok in doc[start:min(end, len(doc))]:
        if tok.i in name_ids:
            continue
        if tok.lower_ in data.family_nouns and not _heads_a_profession(doc, tok.i, data):
            return "family"
        if tok.lower_ in data.professional_nouns:
            return "professional"
        if tok.lower_.rstrip(".") in data.titles:
            return "titled"  # a professional, unless the note shows otherwise (find_people)
    return None


def _heads_a_profession(doc: Doc, i: int, data: PeopleData) -> bool:
    """Whether a family word only modifies a professional's role noun after it: "family support
    worker", "family liaison officer" are professionals."""
    return any(t.lower_ in data.professional_nouns for t in doc[i + 1:i + 3] if not t.is_punct) \
        and not doc[i + 1].is_punct


def _age_in_years(captured: dict[str, list[Token]], data: PeopleData) -> float | None:
    ages = captured.get("age")
    if not ages:
        return None
    number, _, over = ages[0].text.partition("/")
    digits = len(number) - len(number.lstrip("0123456789"))
    try:
        value = float(number[:digits] if digits else number)
    except ValueError:
        return None
    if over in _PER_YEAR:  # "4/12": months (or weeks, /52) over a year
        return value / float(over)
    unit = number[digits:].lower() if digits else ""  # "2y", "6wk": the unit stuck to the number
    if not unit and captured.get("unit"):
        unit = captured["unit"][0].lower_
    if unit in data.months_units:
        return 0.0  # weeks, months or days old: under a year
    return value


def full_name(doc: Doc, tok: Token) -> str:
    """The name a token is part of, with hyphenated parts ("Ellie-May" is three tokens)."""
    start, end = tok.i, tok.i + 1
    while start >= 2 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_ \
            and not doc[start - 2].whitespace_ and doc[start - 2].is_title:
        start -= 2
    while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ \
            and not doc[end].whitespace_ and doc[end + 1].is_title:
        end += 2
    return doc[start:end].text


def _letter_opener(docs: list[Doc], data: PeopleData) -> str | None:
    """The name a letter opens with ("Dear Millie,", "To Kieran,")."""
    if not docs:
        return None
    doc = docs[0]
    words = [t for t in doc[:8] if not t.is_space]
    for i, tok in enumerate(words[:-1]):
        if tok.lower_ in data.letter_openers and words[i + 1].is_title and (i == 0 or tok.lower_ == "dear"):
            return full_name(doc, words[i + 1])
    # below a letterhead ("Children's Services ... Ref: FS/2281") or an email's header fields: a
    # greeting opening a line ("Dear Ms Begum,", "Hi Gloria, just confirming ...")
    # (only the greetings become Tokens: found from the Doc's lower-case column, in order)
    head = doc.to_array(LOWER)[8:data.letterhead_tokens]
    for k in numpy.flatnonzero(in_sorted(head, word_hashes(data.greetings))).tolist():
        tok = doc[8 + k]
        if tok.i + 1 < len(doc) and doc[tok.i + 1].is_title \
                and (doc[tok.i - 1].is_space and "\n" in doc[tok.i - 1].text):
            return full_name(doc, doc[tok.i + 1])
    return None


# -- who a token stands for ---------------------------------------------------------------
@dataclass
class Person:
    kind: str  # "child" or "adult"
    name: str  # the name, or the role noun ("mum", "children")
    gender: str | None = None  # "m", "f", "it" (an institution), or None where the note does not show it
    plural: bool = False
    role: str | None = None  # for adults: "family", "professional" or None (not known)

    @property
    def is_family(self) -> bool:
        """The child or the child's network (ANNOTATION.md: relatives, friends, carers)."""
        return self.kind == "child" or self.role in ("family", None)


class Resolver:
    """Who a token stands for (see the module's pronoun rule)."""

    def __init__(self, doc: Doc, people: People, data: PeopleData | None = None):
        data = data or people_data()
        self.doc = doc
        self.people = people
        self.data = data
        self.named_child = bool(people.child_names())
        self.children = {part for name in people.child_names() for part in name.split("-")}
        # (children named only by their initials: "C.W.", "JB")
        self.initials = sorted(c for c in self.children if len(c.replace(".", "")) <= 3 and c.replace(".", "").isupper())
        self.adults = {part: role for name, role in people.adults.items() for part in name.split("-")
                       if part not in self.children}
        self._pronouns: dict[int, Person | None] | None = None
        self._answers: dict[int, Person | None] = {}
        self._is_child: dict[int, bool] = {}
        self._named_at: dict[int, Person | None] = {}  # token -> _named's answer, never handed out itself

    def person(self, tok: Token) -> Person | None:
        # Asked of the same tokens by every check: answered once per token.
        if tok.i in self._answers:
            return self._answers[tok.i]
        if tok.lower_ in _PRONOUNS or _other_pronoun(tok):
            if self._pronouns is None:
                self._pronouns = self._resolve_pronouns()
            found = self._pronouns.get(tok.i)
        elif tok.tag_ == "WP" and tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ == "relcl" \
                and tok.head.head.i < tok.i:
            found = self.person(tok.head.head)  # a relative "who" is its antecedent: "birth dad, who is ..."
        else:
            found = self._named(tok)
            if found is None and tok.pos_ == "PROPN" and tok.is_lower:
                # a lower-case word the model took for a surname ("Nia alert, held ..."): the
                # name before it is the person
                found = next((self.person(c) for c in tok.children if c.dep_ == "compound" and c.i < tok.i
                              and c.is_title), None)
        self._answers[tok.i] = found
        return found

    def is_child(self, tok: Token) -> bool:
        # (asked of the same tokens by every check too: answered once per token)
        known = self._is_child.get(tok.i)
        if known is not None:
            return known
        found = self.person(tok)
        if (found is None or found.kind != "child") and tok.conjuncts:
            # one of a pair: "Mum and baby seen", "Kai and his sister said"
            known = any((p := self.person(c)) is not None and p.kind == "child" for c in tok.conjuncts)
        else:
            known = found is not None and found.kind == "child"
        self._is_child[tok.i] = known
        return known

    def _named(self, tok: Token) -> Person | None:
        """The person a name or role noun stands for (no pronouns). Asked of the same tokens by
        the pronouns' resolution and by every check: worked out once per token, and returned as a
        new Person each time, as when it was worked out each time (the pronouns' resolution adds
        the gender a pronoun shows to the Person it was given)."""
        if tok.i in self._named_at:
            found = self._named_at[tok.i]
        else:
            found = self._named_at[tok.i] = self._name_of(tok)
        return None if found is None else Person(found.kind, found.name, found.gender, found.plural, found.role)

    def _name_of(self, tok: Token) -> Person | None:
        data = self.data
        text, low = tok.text, tok.lower_
        gender = "f" if low in data.female_nouns else "m" if low in data.male_nouns else \
            "it" if low in data.institution_nouns else None
        if text in self.children:
            before = self.doc[tok.i - 1].lower_.rstrip(".") if tok.i else ""
            if before in data.titles:  # "Mr Osei", the child's father: the role the note gave him
                return Person("adult", text, role=self.people.adults.get(text) or "professional")
            return Person("child", text)
        if tok.pos_ == "PROPN" and text not in self.adults:
            # the rest of a child's name of two words: "Mei Lin built a tower" (the child "Mei")
            first = next((c.text for c in tok.children if c.dep_ == "compound" and c.text in self.children), None)
            if first is not None:
                return Person("child", first)
        if tok.pos_ == "PROPN" and tok.is_title and len(text) >= data.short_name_letters and text not in self.adults \
                and low not in data.family_nouns and low not in data.professional_nouns:
            # (a role noun is no short form of a name: "Dad" is not "Dads" of "Caring Dads")
            # a short form of one child's name, its start or its end: "Seun" for "Oluwaseun"; or
            # of one adult's, its start: "Magda" for "Magdalena"
            longer = {n for n in self.children if len(n) > len(text) and (n.lower().startswith(low) or n.lower().endswith(low))}
            if len(longer) == 1:
                return Person("child", next(iter(longer)))
            longer = {n for n in self.adults if len(n) > len(text) and n.lower().startswith(low)}
            if len(longer) == 1:
                name = next(iter(longer))
                return Person("adult", name, self.people.genders.get(name), role=self.adults[name])
        if len(text) <= 2 and text[:1].isupper() and text[1:] in ("", ".") and text != "I":
            # the first initial of the one child the note names by initials, whatever else the letter
            # may stand for: "Re: M.W. (DOB ...)" ... "M was playing with a toy kitchen"
            # ("M.W." and "MW" are one child)
            by_initials = sorted(n for n in self.children if n[:1] == text[:1] and n.replace(".", "").isupper()
                                 and len(n.replace(".", "")) > 1)
            if by_initials and len({n.replace(".", "") for n in self.children if n[:1] == text[:1]}) == 1:
                return Person("child", by_initials[0])
        if len(text) <= 2 and text[:1].isupper() and text != "I" \
                and (text[1:] == "." or tok.pos_ == "PROPN" or (tok.is_upper and tok.pos_ == "NOUN")) \
                and low[:1] not in data.family_nouns and low[:1] not in data.professional_nouns \
                and low not in data.family_nouns and low not in data.professional_nouns \
                and not (tok.i and self.doc[tok.i - 1].lower_.rstrip(".") in data.titles):
            # an initial for a child named in full ("Oliwia Zielinska, 14 ... O. said"): the one
            # child whose name starts with it
            # ("J.M." and "JM" are one child: "J.M. (Year 9) ... When J joined she said")
            named = {n.replace(".", ""): n for n in self.children if n[:1] == text[:1]}
            if len(named) == 1:
                return Person("child", next(iter(named.values())))
        young = low in ("person", "people") and tok.i and self.doc[tok.i - 1].lower_ == "young"
        if (low in data.child_nouns or young) and any(c.dep_ in ("amod", "compound") and c.lower_ in data.adult_modifiers
                                                      for c in tok.children):
            # a relation grown up: "Mrs A and her adult son" is an adult of the family
            return Person("adult", low, gender, plural=tok.tag_ in ("NNS", "NNPS"), role="family")
        if low in data.sibling_nouns and any(c.dep_ == "poss" and (p := self._named(c)) is not None
                                             and p.kind == "adult" and p.role == "family" for c in tok.children):
            # a parent's brother or sister, the child's uncle or aunt: "Mum's sister Donna said she ..."
            return Person("adult", low, gender, plural=tok.tag_ in ("NNS", "NNPS"), role="family")
        if low in data.child_nouns or young:
            # (plural by the word as well as the tag: a field label "Children:" is often tagged a
            # singular proper noun, and the first mention decides for the rest of the note)
            return Person("child", low, gender, plural=tok.tag_ in ("NNS", "NNPS") or low.endswith("s")
                          or low in ("people", "children"))
        if text in self.adults:
            return Person("adult", text, self.people.genders.get(text), role=self.adults[text])
        if len(low) == 1 and not (tok.is_upper and tok.pos_ in ("PROPN", "NOUN")):
            return None  # "M" and "F" (mother, father) as written in notes, not "1 m" or "m" of a unit
        if low in data.object_roles and (any(c.dep_ in ("poss", "amod") for c in tok.children) or any(
                t.lower_ in _POSSESSIVE_PRONOUNS for t in self.doc[max(0, tok.i - 2):tok.i])):
            return None  # "his high chair": a thing, not the meeting's chair (read from the words too)
        if low in data.family_nouns or low in data.professional_nouns or low in data.other_adult_nouns:
            role = "family" if low in data.family_nouns else "professional" if low in data.professional_nouns else "other"
            return Person("adult", low, gender, plural=tok.tag_ == "NNS" or low in data.collective_nouns, role=role)
        if low == "you":
            return Person("child", "you") if self.people.letter_to_child else None
        if tok.pos_ == "PROPN" and tok.is_title and tok.dep_ in _PERSON_DEPS and low.rstrip(".") not in data.titles \
                and low not in data.not_names and not _a_date(tok, data) and not any(c.isdigit() for c in text) \
                and not (tok.dep_ == "pobj" and tok.head.lower_ in data.place_prepositions):
            # (not a name after "at" or "about": "found at Bury Interchange", "talked about Man City";
            # nor a word with a digit, "TJ (Y3)": a school year)
            # A name the note says nothing else about: the child, in a note that names no child;
            # the child named by initials whose first it starts with ("Re: C.W. (Year 8)" ...
            # "Callum was removed from maths"); otherwise an adult of unknown role (not counted as
            # family).
            if not self.named_child:
                return Person("child", text)
            initials = next((c for c in self.initials if c[0] == text[0]), None)
            return Person("child", initials) if initials is not None else Person("adult", text, role="unknown")
        return None

    def _resolve_pronouns(self) -> dict[int, Person | None]:
        persons: dict[tuple[str, str], Person] = {}
        mentions: list[Person] = []
        resolved: dict[int, Person | None] = {}
        subjects: dict[int, Person] = {}  # subject token -> its person, for topics
        mention_at: dict[int, Person] = {}  # every token that names a person -> the person
        data = self.data
        known = self.children.keys() if isinstance(self.children, dict) else self.children
        # Only the tokens that may be a person become Tokens: a word of the lists, a name the note
        # gave, or a proper noun (the Doc's hash arrays against the words' hashes, in C).
        arr = self.doc.to_array([LOWER, ORTH, POS])
        names = numpy.array(sorted({hash_string(n) for n in (*known, *self.adults)}) or [0], dtype="uint64")
        at = numpy.minimum(numpy.searchsorted(names, arr[:, 1]), len(names) - 1)
        maybe = in_sorted(arr[:, 0], data.person_word_hashes()) | (names[at] == arr[:, 1]) | (arr[:, 2] == PROPN)
        # Someone named in a quotation is the speaker's word for them ("Mummy, I'm a sunflower!"),
        # not a mention a later pronoun of the writer's stands for.
        quoted = quoted_tokens(self.doc)
        for tok in (self.doc[i] for i in numpy.flatnonzero(maybe).tolist()):
            low = tok.lower_
            if tok.i in quoted and low not in _PRONOUNS and not _other_pronoun(tok):
                continue
            if _other_pronoun(tok):
                person = resolved[tok.i] = self._choose(tok, mentions, subjects, mention_at)
                if person is not None and low in _PRONOUN_GENDER and (person.kind == "child" or person.name in self.adults):
                    # "her placement", "with him": a mention of the child or a named person too,
                    # showing their gender (not of a role noun the pronoun may have been wrongly
                    # given: a wrong gender would carry to every later pronoun)
                    if person.gender is None:
                        person.gender = _PRONOUN_GENDER[low]
                    mentions.append(person)
                    mention_at[tok.i] = person
                continue
            if low in _PRONOUNS:
                if tok.dep_ not in ("nsubj", "nsubjpass"):
                    continue
                person = self._choose(tok, mentions, subjects, mention_at)
                if person is not None and person.gender is None and low in _PRONOUN_GENDER:
                    person.gender = _PRONOUN_GENDER[low]  # shown from now on
                resolved[tok.i] = person
                if person is not None:
                    mentions.append(person)
                    subjects[tok.i] = mention_at[tok.i] = person
                continue
            found = self._named(tok)
            if found is None:
                continue
            person = persons.setdefault((found.kind, found.name), found)
            mentions.append(person)
            mention_at[tok.i] = person
            if tok.dep_ in ("nsubj", "nsubjpass") or not tok.tag_:
                subjects[tok.i] = person
        return resolved

    def _choose(self, pronoun: Token, mentions: list[Person], subjects: dict[int, Person],
                mention_at: dict[int, Person]) -> Person | None:
        low = pronoun.lower_
        want = _PRONOUN_GENDER.get(low)
        sentence = pronoun.sent  # (Token.sent scans the Doc for its sentence's bounds: read once)
        # A name in the pronoun's own clause is someone else (binding theory's Principle C): "He
        # smiled at Tom when Tom talked to him" is not Tom.
        bound: set[str] = set()
        if pronoun.dep_ in ("nsubj", "nsubjpass") and pronoun.head.pos_ in ("VERB", "AUX"):
            bound = {named.name for t in pronoun.head.subtree if t.i > pronoun.i and t.pos_ == "PROPN"
                     and (named := self._named(t)) is not None}
            mentions = [m for m in mentions if m.name not in bound]
        if low in ("they", "their", "them", "both"):
            plural = next((p for p in reversed(mentions) if p.plural), None)
            if plural is not None:
                return plural
            last: list[Person] = []  # the last two people named, each once
            for p in reversed(mentions):
                if len(last) == 2:
                    break
                if not any(p is q for q in last):
                    last.append(p)
            if len(last) == 2 and all(p.kind == "child" and not p.plural for p in last) and low != "they":
                # "TJ (Y3) and KJ (Y1) / Both seen in school": the two children just named (not a
                # "they", which may be one child's own pronoun)
                return Person("child", "children", plural=True)
        verbs = [a for a in pronoun.ancestors if a.pos_ in ("VERB", "AUX")]
        local = None
        if pronoun.dep_ != "poss" and pronoun.lower_ not in _PRONOUNS and verbs:
            # An object pronoun is never its own clause's subject ("Dad collected him"):
            # binding theory's Principle B.
            # (any of its subjects: "Mr Okafor and I sat with him", which the model may give two;
            # a clause with none of its own, "by spending time with him", has its governor's:
            # "Alex got to know him by spending time with him")
            own_verb = verbs[0]
            while not any(c.dep_ in ("nsubj", "nsubjpass") for c in own_verb.children) and own_verb.tag_ in ("VBG", "VB"):
                governor = next((a for a in own_verb.ancestors if a.pos_ in ("VERB", "AUX")), None)
                if governor is None:
                    break  # (each step goes up the tree: the loop ends at its root)
                own_verb = governor
            subjects_here = [c for c in own_verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            subjects_here += [j for c in subjects_here for j in c.conjuncts]
            local = next((mention_at[c.i] for c in subjects_here if c.i in mention_at), None)
            if local is None:
                own = self._clause_subject(verbs[0], mention_at)
                local = own[1] if own is not None else None
            verbs = verbs[1:]

        if local is None and pronoun.dep_ == "nsubj" and pronoun.head.dep_ == "relcl" and any(
                t.tag_ == "WP" and t.dep_ in ("dobj", "dative", "pobj") and t.i < pronoun.i
                for t in self.doc[pronoun.head.left_edge.i:pronoun.i]):
            # the subject of a relative clause whose "who" is its object is not that person:
            # "the new resident, Tyler, who he has been helping" (he is not Tyler)
            antecedent = pronoun.head.head
            named = [antecedent, *(c for c in antecedent.children if c.dep_ == "appos")]
            if antecedent.dep_ == "appos":
                named.append(antecedent.head)
            local = next((mention_at[t.i] for t in named if t.i in mention_at), None)

        def fits(person: Person | None) -> bool:
            # "he" and "she" name one person: never "her foster carers" or "the parents"
            return person is not None and person is not local and person.name not in bound and (want is None or (
                person.gender in (None, want) and not person.plural))

        if _other_pronoun(pronoun):
            # "Jo said Ruby becomes upset on her first night": the subject of the nearest clause
            # around it that comes before it, then its sentence's, then the last person who is a
            # subject before it in the sentence ("Harvey was at school; his mentor will ...")
            chain = [*verbs, sentence.root]
            for k, verb in enumerate(chain):
                own = self._clause_subject(verb, mention_at)
                if own is not None and own[0] < pronoun.i and own[1] is not local:
                    if fits(own[1]) and want is not None and own[1].kind == "child" and own[1].gender is None:
                        # the child, unless a clause further up is someone shown to be of the
                        # pronoun's gender: "she told me she used on Saturday while Bobby was at
                        # her mum's" (a wrong gender would carry to every later pronoun)
                        for outer_verb in chain[k + 1:]:
                            outer = self._clause_subject(outer_verb, mention_at)
                            if outer is not None and outer[0] < pronoun.i and outer[1].gender == want \
                                    and not outer[1].plural and outer[1] is not local:
                                return outer[1]
                    if fits(own[1]):
                        return own[1]
                    break
            else:
                before = [i for i in range(sentence.start, pronoun.i) if i in subjects]
                if before and fits(subjects[before[-1]]):
                    return subjects[before[-1]]
        elif want is not None:
            # A subject pronoun in a clause joined to one before it ("Mum was reminded of the
            # plan and she agreed", "Dad said he would come") stands first for that clause's
            # person, when the note has shown that person's gender to be the pronoun's. In
            # reported speech only for the child or the family: what anyone else reports ("Ms
            # Doyle told me she has been in school") is about the family. A plural subject on the
            # way is passed over for the clause above it: "Mum said the children slept through it
            # and she wants them left in bed".
            node = pronoun.head
            if node.dep_ == "relcl" and any(c.tag_ == "WRB" for c in node.children):
                # a relative clause of place or time is about the clause it hangs in, whose person
                # comes before a name set aside in brackets: "I met Amara at the neighbour's flat
                # (Mrs Bello, no. 12), where she had been looked after"
                verb = next((a for a in node.head.ancestors if a.pos_ in ("VERB", "AUX")), None)
                own = self._clause_subject(verb, mention_at) if verb is not None else None
                if own is not None and own[0] < pronoun.i and fits(own[1]):
                    return own[1]
            while node.dep_ in _LINKED_CLAUSES and node.head.i < pronoun.i:
                own = self._clause_subject(node.head, mention_at)
                if own is not None and own[0] < pronoun.i and own[1] is not local and own[1].plural:
                    node = node.head
                    continue
                reporter = own is not None and own[0] < pronoun.i and node.dep_ == "ccomp" \
                    and own[1].kind == "adult" and own[1].role != "family"
                if reporter:
                    # what a professional reports is about the family: "his tutor reports he is
                    # doing well", "Mrs Dunn told me she loves the reading club"
                    local = own[1]
                elif own is not None and own[0] < pronoun.i and own[1] is not local:
                    if own[1].gender == want:
                        # (unless that clause's object is a pronoun of the same gender or a child:
                        # the new subject is then the one acted on, "Gary asked him to come down and
                        # he came", "Tom brought Callum back in and he sat with us")
                        acted_on = next((mention_at[c.i] for c in node.head.children if c.dep_ in ("dobj", "dative")
                                         and c.i in mention_at and mention_at[c.i] is not own[1]
                                         and (_PRONOUN_GENDER.get(c.lower_) == want or (
                                             mention_at[c.i].kind == "child" and not mention_at[c.i].plural
                                             and mention_at[c.i].gender in (None, want)))), None)
                        return acted_on or own[1]
                    if own[1].gender is None and own[1].kind == "adult" and own[1].name in self.adults \
                            and not own[1].plural and node.dep_ != "ccomp":
                        # a named adult whose gender the note has not shown, in the clause this
                        # one is joined to (not reported speech): "Jean asked for the date as she
                        # would like to attend"
                        return own[1]
                    if own[1].gender is None and own[1].kind == "child":
                        # the child, unless a clause further up is someone shown to be of the
                        # pronoun's gender: "Donna said Kai kicked off when she took his phone"
                        above = node.head
                        while above.dep_ in _LINKED_CLAUSES and above.head.i < pronoun.i:
                            outer = self._clause_subject(above.head, mention_at)
                            if outer is not None and outer[0] < pronoun.i and outer[1].gender == want \
                                    and not outer[1].plural and outer[1] is not local:
                                return outer[1]
                            above = above.head
                        return own[1]
                break
            # The note's child as the last subject earlier in the same sentence, in a clause the
            # model did not link to the pronoun's ("Harvey was seen in his bedroom; he said he was
            # fine"), before the topic of sentences past: unless someone before them in the
            # sentence is of the pronoun's gender ("Mum told me Kai was upset and she cried").
            before = [subjects[i] for i in range(sentence.start, pronoun.i) if i in subjects
                      and subjects[i] is not local and not subjects[i].plural]
            if before and before[-1].kind == "child" and before[-1].gender in (None, want) \
                    and before[-1].name in self.children and not any(p.gender == want for p in before[:-1]):
                return before[-1]
        topic = self._topic(sentence, subjects, mention_at)
        if topic is not None and topic.gender is None and want is not None and sentence.start > 0:
            # The topic's gender is not shown, but someone in the sentence before is shown to be
            # of the pronoun's: 'Yusuf told her, "..." She said ...' is about the teacher.
            before = self.doc[sentence.start - 1].sent
            # (from its last line only: a heading or an attendee line the model ran into the
            # sentence is not what the sentence is about: "Present: Mum (Rukhsana), Zainab\n
            # Zainab was awake. She watched my face")
            start = next((i + 1 for i in range(sentence.start - 1, before.start - 1, -1)
                          if self.doc[i].is_space and "\n" in self.doc[i].text), before.start)
            # (not an owner named along the way: "I saw Lily-Mae on Mum's lap. She was sleepy"; nor
            # the one by whom the topic was done to: "Zara was bathed by Kerry. She cried")
            shown = [mention_at[i] for i in range(start, pronoun.i) if i in mention_at
                     and mention_at[i].gender == want and not mention_at[i].plural and mention_at[i] is not local
                     and self.doc[i].dep_ != "poss" and self.doc[i].head.dep_ != "agent"
                     and not (i + 1 < len(self.doc) and self.doc[i + 1].lower_ in _POSSESSIVE)]
            if shown:
                return shown[-1]
        if fits(topic) and topic.role == "professional" and topic.gender is None and want is not None:
            # A worker whose gender the note does not show is no better a "he" than the child named
            # in the same sentence before it: "PC Lewis rang. A shop worker found Deshawn at the
            # station; he said he was trying to get to his dad's" (the note is about the child).
            named = [mention_at[i] for i in range(sentence.start, pronoun.i) if i in mention_at]
            child = next((p for p in reversed(named) if p.kind == "child" and p.gender is None and not p.plural
                          and p.name in self.children and p is not local), None)
            if child is not None and not any(p is topic for p in named):
                return child
        if fits(topic):
            return topic
        unknown_since = False  # someone of unknown gender named since
        for person in reversed(mentions):
            if want is not None and person.plural:
                continue
            if want is not None and person.gender == want and person is not local:
                return person
            if want is not None and person.gender is None and person is not local:
                if person.kind == "child" and not person.plural and person.name in self.children \
                        and not unknown_since:
                    # the note's child, gender not shown, named since anyone of the pronoun's
                    # gender and nobody else of unknown gender since: the note is about them
                    # ("Present: Osian, Tad-cu (Gwyn) ... Osian was on the rug ... He babbles")
                    return person
                unknown_since = True
        return next((p for p in reversed(mentions) if (want is None or (p.gender is None and not p.plural))
                     and p is not local), None)

    def _topic(self, sent: Span, subjects: dict[int, Person], mention_at: dict[int, Person]) -> Person | None:
        """Who the sentence before the pronoun's sentence `sent` is about."""
        if sent.start == 0:
            return None
        previous = self.doc[sent.start - 1].sent
        if not previous.root.tag_:
            # A sentence the model was not run on (langcheck/selective.py): in case notes the
            # subject is nearly always the first person mentioned ("Kai's teacher" is the teacher).
            return next((subjects[i] for i in range(previous.start, previous.end) if i in subjects
                         and not (i + 1 < len(self.doc) and self.doc[i + 1].lower_ in _POSSESSIVE)), None)
        first = next((t for t in previous if not t.is_space), None)
        if first is not None and first.i + 1 < len(self.doc) and self.doc[first.i + 1].text == ":" \
                and first.i in mention_at and first.text in (*self.children, *self.adults):
            # a paragraph headed by the person's name is about them: "Ilinca: Seen awake, lying
            # in Roxana's arms. She babbled ..."
            return mention_at[first.i]
        for verb in reversed([previous.root] + [c for c in previous.root.children if c.dep_ == "conj"]):
            found = self._clause_subject(verb, mention_at)
            if found is not None:
                return found[1]
            subject = subject_of(verb)
            if subject is not None and subject.lower_ not in ("i", "we"):
                return None
            if subject is not None:
                # the writer's own act: who they spoke to or saw is who the note goes on about
                # ("I spoke to Oskar on PC Hale's phone. He said ...")
                other = [c for c in verb.children if c.dep_ == "dobj"] + [
                    g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("to", "with")
                    for g in c.children if g.dep_ == "pobj"]
                found = next((mention_at[o.i] for o in other if o.i in mention_at), None)
                if found is not None:
                    return found
        return None

    def _clause_subject(self, verb: Token, mention_at: dict[int, Person]) -> tuple[int, Person] | None:
        """The person a clause is about, by centering's ranking: its subject, or, when the
        subject is the writer ("I asked Ruby about ..."), its object."""
        subject = subject_of(verb)
        if subject is None:
            return None
        # (the writer with a colleague is the writer: "Mr Okafor and I sat with him" is about him)
        with_writer = any(c.lower_ in ("i", "we") for c in subject.conjuncts) or any(
            c.dep_ == "nsubj" and c.lower_ in ("i", "we") and c.i != subject.i for c in verb.children)
        if subject.i in mention_at and not with_writer:
            return subject.i, mention_at[subject.i]
        owner = next((c for c in subject.children if c.dep_ == "poss" and c.i in mention_at), None)
        if owner is not None and not with_writer:
            return owner.i, mention_at[owner.i]  # "Amani's attendance is 98% ... she": about Amani
        if subject.lower_ in ("i", "we") or with_writer:
            for c in verb.children:
                # "saw Sam", "spoke with Sam", "watched Amani play"
                objects = [c] if c.dep_ in ("dobj", "dative") else \
                    [g for g in c.children if g.dep_ == "pobj"] if c.dep_ == "prep" and c.lower_ == "with" else \
                    [g for g in c.children if g.dep_ in ("nsubj", "compound")] if c.dep_ in ("ccomp", "xcomp") else []
                for obj in objects:
                    # (not a name the note says nothing else about: "We played Uno" is a game)
                    if obj.i in mention_at and mention_at[obj.i].role != "unknown":
                        return obj.i, mention_at[obj.i]
        return None


_LINKED_CLAUSES = ("conj", "ccomp", "advcl")


@lru_cache(maxsize=64)
def word_hashes(words: frozenset[str]):
    """The words' hashes, sorted, for comparing a Doc's hash arrays against in C (kept per
    word list: the lists are the rules' own, the same for every note)."""
    return numpy.array(sorted(hash_string(w) for w in words), dtype="uint64")


def _a_date(tok: Token, data: PeopleData) -> bool:
    """A month's short form that is a name too, next to a number: "Weds 15 Jan", "Mar 2024"."""
    doc = tok.doc
    return tok.lower_ in data.names_or_months and any(
        0 <= j < len(doc) and doc[j].like_num for j in (tok.i - 1, tok.i + 1))


def _other_pronoun(tok: Token) -> bool:
    """A possessive ("his views") or an object pronoun ("with him")."""
    low = tok.lower_
    return (low in _POSSESSIVE_PRONOUNS and tok.dep_ == "poss") or (low in _OBJECT_PRONOUNS and tok.dep_ in _OBJECT_DEPS)


def carried_subject(sent: Span) -> Token | None:
    """Whom a note's sentence with no subject goes on about ("Has been promiscuous per school
    reports.", "Aggressive towards peers, defiant with staff."): the subject of the sentence
    before (of what it reports, if it reports), or its owner ("Kai's behaviour has
    deteriorated." -> Kai). None where the sentence has a subject of its own."""
    doc = sent.doc
    first = next((t for t in sent if not (t.is_space or t.is_punct)), None)
    if sent.start == 0 or first is None or subject_of(sent.root) is not None \
            or first.pos_ in ("NOUN", "PROPN", "PRON", "DET", "NUM", "PART") or sent.root.pos_ in ("NOUN", "PROPN"):
        # (a line that opens with what it is about, "Home conditions poor.", or names a thing,
        # "Non-molestation order in place."; a negation, "Not violent.", denies)
        return None
    before = doc[sent.start - 1].sent.root
    # what a report is about: "School report Jayden's behaviour has got worse." -> Jayden
    reported = next((c for c in before.children if c.dep_ == "ccomp"), None)
    subject = (subject_of(reported) if reported is not None else None) or subject_of(before)
    if subject is not None and subject.pos_ == "NOUN":
        subject = next((c for c in subject.children if c.dep_ == "poss"), subject)
    return subject


def is_purpose(tok: Token) -> bool:
    """An infinitive of purpose, said of its head's subject: "took the morning off work to drive
    him in", "took his hand to show him the sand tray"."""
    return tok.dep_ == "advcl" and tok.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _singular(verb: Token) -> bool:
    """Whether the verb or one of its auxiliaries is marked singular."""
    return any(t.morph.get("Number") == ["Sing"] for t in (verb, *verb.children)
               if t is verb or t.dep_ in ("aux", "auxpass"))


def subject_of(verb: Token) -> Token | None:
    """The verb's subject, or its head's for a conjoined or open-complement verb ("he turned
    his head, babbled and lifted both arms"). A subject that disagrees in number with a
    conjoined verb is not its own: in "she refused to say who the men were and was rude", "was"
    is hers (the model hung it on "were"), so the search goes on up the tree."""
    tok = verb
    # Whether the verb is singular is read from the morphology, which is costly (a MorphAnalysis
    # per token), only when a subject up the tree has to be checked against it: most verbs have
    # their own subject.
    singular: bool | None = None
    for _ in range(4):
        # Two subjects are the model's misreading of a reporting verb as a noun ("Carers report
        # Tyler has been ..."): the one nearest the verb is the clause's own.
        subj = None
        for c in tok.children:
            if c.dep_ in ("nsubj", "csubj", "nsubjpass") and (subj is None or c.i < tok.i):
                if subj is not None and any(g.dep_ == "det" and g.lower_ in people_data().time_determiners
                                            for g in c.children):
                    continue  # "Mia's attendance this term is 78%": a time, not a second subject
                subj = c
        if subj is None:
            # the model sometimes hangs the subject on the auxiliary ("Mum appeared disinterested")
            subj = next((g for c in tok.children if c.dep_ in ("aux", "auxpass") and c.i > 0
                         for g in c.children if g.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None and tok.tag_ in ("VBZ", "VBD", "VBP") and tok.i:
            # or takes it for part of a noun with the verb ("Mum states she is ..." read as "Mum
            # states"): a finite verb has no compound, so the noun right before it is its subject
            subj = next((c for c in tok.children if c.dep_ == "compound" and c.i == tok.i - 1), None)
        if subj is not None:
            if tok is not verb and singular is None:
                singular = _singular(verb)
            if tok is not verb and singular and subj.morph.get("Number") == ["Plur"] and tok.head.i != tok.i:
                tok = tok.head
                continue
            return subj
        before = tok.doc[tok.i - 1] if tok.i else None
        if tok.dep_ == "conj" and before is not None and before.pos_ in ("NOUN", "PROPN", "PRON") \
                and before.head.i != tok.i and before.dep_ not in ("nsubj", "nsubjpass"):
            # a noun right before a conjoined verb that the model hung elsewhere is its subject:
            # "he has completed the course with the service and his tests were negative" (not
            # the first verb's subject, as "Mum minimised and was dismissive" is)
            return before
        if tok.dep_ == "xcomp" and tok.head.i != tok.i:
            # object control: in "she asked me to stop writing", "told Mum to ring", the one asked
            # or told does it
            obj = next((c for c in tok.head.children if c.dep_ == "dobj" and c.i < tok.i), None)
            if obj is not None:
                return obj
        # (an infinitive of purpose is its head's subject's: "took his hand to show him the sand tray")
        if (tok.dep_ in ("conj", "xcomp") or is_purpose(tok)) and tok.head.i != tok.i:
            tok = tok.head
            continue
        if tok.tag_ == "VBG" and tok.dep_ == "pcomp" and tok.head.dep_ == "prep" and tok.head.head.pos_ in ("VERB", "AUX") \
                and tok.head.lower_ not in people_data().denying_prepositions:
            # a subjectless "-ing" clause after a preposition is its main clause subject's: "Amir
            # was removed from Science after being rude to Ms Clarke"
            tok = tok.head.head
            continue
        if tok.tag_ == "VBG" and tok.head.i < tok.i and (
                (tok.dep_ == "advcl" and tok.head.pos_ == "VERB"
                 and not any(c.dep_ in ("mark", "advmod", "nsubj", "nsubjpass") for c in tok.children)
                 and not any(c.dep_ in ("dobj", "dative") for c in tok.head.children))
                or (tok.dep_ == "acl" and tok.head.dep_ == "pobj" and tok.head.head.dep_ == "prep"
                    and tok.head.head.head.pos_ in ("VERB", "AUX"))):
            # a supplementive "-ing" clause after its main clause is that clause subject's ("Mum
            # left, slamming the door"), also where the model hung it on the place the main verb's
            # phrase names ("Leo ran to the door shouting 'Look!'": the door does not shout); not
            # after an object, of whom it may be said ("found him crying"), nor a copula's ("she is
            # manipulative, telling them ...": a description of her)
            tok = tok.head if tok.dep_ == "advcl" else tok.head.head.head
            continue
        if tok.dep_ == "acomp" and tok.tag_ == "VBG" and tok.head.pos_ in ("VERB", "AUX") and tok.head.i < tok.i:
            # a progressive the model read as the copula's complement: "Reece is feral - climbing
            # on the windowsill and shouting" (Reece climbs and shouts)
            tok = tok.head
            continue
        if tok.dep_ == "dep" and tok.pos_ == "VERB" and tok.head.pos_ in ("VERB", "AUX") and tok.head.i < tok.i:
            # a second verb the model left unlabelled, after the first ("seemed flat, then said
            # ..."): a coordination without "and", so the first verb's subject
            tok = tok.head
            continue
        return None
    return None
