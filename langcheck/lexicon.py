"""Load and validate the YAML lexicons: every rule is data.

A bad file fails with the file, the rule id and the key named, as Vale does, so that a local
authority adding its own terms sees exactly what to mend.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Iterator

import yaml

from .findings import Severity
from .kinds import KINDS, CheckKind, validate_params
from .safeyaml import NoAliasLoader

CATEGORIES = ("jargon", "critical_label", "doubt", "vague", "child_voice", "strengths", "readability", "timeliness")

_RULE_KEYS = {
    "id", "name", "check", "patterns", "match_case", "exceptions", "senses", "message",
    "suggestions", "safe_fix", "why", "source", "examples", "enabled", "severity", "category", "params",
    "replace",
}
_REQUIRED = ("id", "name", "message", "why", "source", "examples")
_SENSE_KEYS = {"not_pos", "not_in_sentence", "not_before", "not_after", "not_object_of", "about_person", "not_with",
               "not_with_subject",
               "only_modifiers",
               "not_after_label", "not_on_label", "not_over_label", "about_child",
               "not_in_name", "not_in_child_speech", "not_in_family_speech", "not_by_professional", "not_as_heading",
               "not_as_title", "not_between_adults"}
_FILE_KEYS = {"category", "severity", "rules", "description", "word_classes"}
# A pattern may name a word class of its file ("put <reflexive> at risk"): one pattern for each
# choice of words. The choices are bounded so that a local lexicon cannot expand into millions.
_CLASS_RE = re.compile(r"<([a-z_]+)>")
MAX_EXPANSIONS = 64
# One-click replacements (`replace:`), read by langcheck/rewrite.py; the data of how each is fitted
# into a sentence lives in lexicons/rewrite.yaml, which is not a rule file.
_REPLACE_KEYS = {"for", "with", "kind", "plural", "modifier", "bare", "sense"}
_REPLACE_CATEGORIES = ("jargon", "doubt", "critical_label")
_SAYING = "reported-speech"
_ID_RE = re.compile(r"^[A-Z][A-Z0-9]*[0-9]{3}$")
_NAME_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


# libyaml's safe loader, refusing YAML aliases (a 600-byte alias bomb grows to gigabytes).
_LOADER = NoAliasLoader


class LexiconError(ValueError):
    """A lexicon file that cannot be used; the message names file, rule and key."""


@dataclass(frozen=True)
class Senses:
    """Context constraints under which a match means something else and is dropped."""

    not_pos: frozenset[str] = frozenset()
    not_in_sentence: tuple[str, ...] = ()
    not_before: frozenset[str] = frozenset()
    not_after: frozenset[str] = frozenset()
    # Not as the object of a preposition with a prepositional phrase of its own, each written as
    # the two prepositions ("in with"), whatever words stand between: "in regular contact with
    # Father" is being in touch, where "in supervised contact at the centre" is family time (the
    # parse's reading, where not_after reads the words).
    not_object_of: frozenset[str] = frozenset()
    about_person: bool = False
    not_with: frozenset[str] = frozenset()
    # Not when the matched verb's subject is one of these words: "What went well:" asks a
    # question (a form's heading); it gives no verdict.
    not_with_subject: frozenset[str] = frozenset()
    # Only with these words, a place's name or none modifying it from before: "the unit", "the
    # residential unit", "Oakfield unit", not "PC Doyle (DV unit)", which names another unit.
    only_modifiers: frozenset[str] = frozenset()
    # Not when a critical label is the subject the match is said of: in "disguised compliance
    # remains a worry" the label carries the problem, and is the finding.
    not_after_label: bool = False
    # Not when a critical label lies within the match: "Mum's engagement remains poor" judges
    # her (a faculty found wanting), and the label is the finding.
    not_on_label: bool = False
    # Not when a critical label lies in the clause the match governs: in "Staff feel Mum is hard
    # to engage" the label is the finding, whoever's opinion it is.
    not_over_label: bool = False
    # Labels about a child only: dropped when the person described is an adult ("Mum is
    # working for Tesco" against "Liam is working for older dealers").
    about_child: bool = False
    # Not inside a name written in capitals mid-sentence ("the Public Protection Unit").
    not_in_name: bool = False
    # Not in what a child is reported to have said about their own life ("he told me he
    # sometimes sits up gaming"): that is the child's account, not the writer's vagueness.
    not_in_child_speech: bool = False
    # Not in what the child or a family member is reported to have said ("Mum said she felt
    # judged", "asked why she was being assessed"): their account, in their words.
    not_in_family_speech: bool = False
    # Not when a professional (people.yaml's professional_nouns) qualifies the word: "HV
    # contact", "the PA's contact" is a worker's call or visit, not a child's family time.
    not_by_professional: bool = False
    # Not when both parties are adults (people.yaml): "Mum has had no contact with Dad since
    # December", "Mr Ahmed's contact with Mrs Ahmed" is the grown-ups' dealings, not a child's.
    not_between_adults: bool = False
    # Not when the match is a line of its own, a form's heading ("Going well" above a list):
    # it names a section; the lines under it say what.
    not_as_heading: bool = False
    # Not in the note's title, its first line when more follows ("Strategy discussion - Zara
    # (14)"): the kind of record, as the recording system names it, not the writer's words.
    not_as_title: bool = False


@dataclass(frozen=True)
class Examples:
    flag: tuple[str, ...]
    ok: tuple[str, ...]


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    category: str
    severity: Severity
    message: str
    why: str
    source: tuple[str, ...]
    examples: Examples
    check: str = "phrase"
    patterns: tuple[str, ...] = ()
    match_case: bool = False
    exceptions: tuple[str, ...] = ()
    senses: Senses = field(default_factory=Senses)
    suggestions: tuple[str, ...] = ()
    safe_fix: str | None = None
    enabled: bool = True
    origin: str = ""
    # The parameters of the rule's check kind, validated against the kind's schema
    # (e.g. the verbs of an agentless passive), as (key, value) pairs.
    params: tuple[tuple[str, Any], ...] = ()
    # One-click replacements, each a tuple of (key, value) pairs (see lexicons/README.md).
    replace: tuple[tuple[tuple[str, str], ...], ...] = ()

    @property
    def kind(self) -> CheckKind:
        return KINDS[self.check]

    def param(self, key: str) -> frozenset[str]:
        """A word-list parameter (empty when the rule does not set it), built once per rule."""
        cache = self.__dict__.get("_words")
        if cache is None:
            cache = {k: frozenset(v) for k, v in self.params if isinstance(v, tuple)}
            self.__dict__["_words"] = cache  # a frozen dataclass may still memoise in its __dict__
        return cache.get(key, frozenset())

    def patterns_param(self, key: str) -> list:
        """A token-patterns parameter (spaCy Matcher patterns)."""
        return next((v for k, v in self.params if k == key), [])

    def number(self, key: str, default: float | None = None) -> float | None:
        """A number parameter."""
        return next((v for k, v in self.params if k == key), default)

    def phrases(self, key: str) -> "PhraseSet":
        """A param's word list ready to search token runs with (built once per rule)."""
        cache = self.__dict__.setdefault("_phrase_sets", {})
        if key not in cache:
            cache[key] = PhraseSet(self.param(key))
        return cache[key]

    def summary_line(self) -> str:
        return self.message.replace("{match}", "…").split(". ")[0].rstrip(".")


class PhraseSet:
    """Word lists from a rule's params, found in a run of tokens: one set look-up per token,
    and a phrase compared only where its first word stands."""

    def __init__(self, phrases: Iterable[str]):
        phrases = [" ".join(p.lower().split()) for p in phrases]
        self.words = frozenset(p for p in phrases if " " not in p)
        self.phrases = [tuple(p.split()) for p in phrases if " " in p]
        self.first = frozenset(p[0] for p in self.phrases)

    def hashed(self, strings) -> "PhraseSet":
        """The same lists as spaCy string hashes, to search a Doc's attribute arrays."""
        cache = self.__dict__.setdefault("_hashed", {})
        key = id(strings)
        if key not in cache:
            h = PhraseSet(())
            h.words = frozenset(strings.add(w) for w in self.words)
            h.phrases = [tuple(strings.add(w) for w in p) for p in self.phrases]
            h.first = frozenset(p[0] for p in h.phrases)
            h._names = {tuple(strings.add(w) for w in p): " ".join(p) for p in self.phrases}
            h._names.update({strings.add(w): w for w in self.words})
            cache[key] = h
        return cache[key]

    def find(self, lowers: list, lemmas: list | None = None) -> str | None:
        """The first phrase in the tokens (lower-case forms, or lemmas for single words)."""
        for i, word in enumerate(lowers):
            if word in self.words:
                return self._name(word)
            if lemmas is not None and lemmas[i] in self.words:
                return self._name(lemmas[i])
            if word in self.first:
                for phrase in self.phrases:
                    if phrase[0] == word and tuple(lowers[i:i + len(phrase)]) == phrase:
                        return self._name(phrase)
        return None

    def sentences_with(self, lowers: list, lemmas: list | None, starts: list[int]) -> set[int]:
        """The sentences (numbered by `starts`, their first tokens) holding one of the phrases;
        the same test as `find` on each sentence's tokens, in one pass over the Doc."""
        out: set[int] = set()
        # Set intersections (in C) first: most notes hold none of a list's words.
        for seq in (lowers, lemmas) if lemmas is not None else (lowers,):
            present = self.words.intersection(seq)
            if present:
                out.update(bisect.bisect_right(starts, i) - 1 for i, w in enumerate(seq) if w in present)
        present = self.first.intersection(lowers)
        if not present:
            return out
        for i in [i for i, w in enumerate(lowers) if w in present]:
            k = bisect.bisect_right(starts, i) - 1
            if k in out:
                continue
            limit = starts[k + 1] if k + 1 < len(starts) else len(lowers)
            for phrase in self.phrases:
                if phrase[0] == lowers[i] and i + len(phrase) <= limit and tuple(lowers[i:i + len(phrase)]) == phrase:
                    out.add(k)
                    break
        return out

    def _name(self, found) -> str:
        names = self.__dict__.get("_names")
        if names is not None:
            return names[found]
        return found if isinstance(found, str) else " ".join(found)


class RuleSet:
    """All rules, by id, with ruff-style selection by id, name, category or prefix."""

    def __init__(self, rules: Iterable[Rule], sources: Iterable[tuple[str, str]] = ()):
        # The lexicon files the rules were read from, as (name, YAML text): what a spaCy
        # component writes to disk, so that a saved pipeline carries its rules as data.
        self.sources: tuple[tuple[str, str], ...] = tuple(sources)
        self._rules: dict[str, Rule] = {}
        for rule in rules:
            if rule.id in self._rules:
                other = self._rules[rule.id].origin
                raise LexiconError(f"{rule.origin}: rule {rule.id}: key 'id': already used in {other}")
            self._rules[rule.id] = rule
        self._in_order = sorted(self._rules.values(), key=lambda r: r.id)  # a RuleSet never changes

    def __iter__(self) -> Iterator[Rule]:
        return iter(self._in_order)

    def __len__(self) -> int:
        return len(self._rules)

    def __getitem__(self, rule_id: str) -> Rule:
        return self._rules[rule_id]

    def get(self, key: str) -> Rule | None:
        """A rule by id (any case) or by name."""
        key_up = key.upper()
        if key_up in self._rules:
            return self._rules[key_up]
        return next((r for r in self._rules.values() if r.name == key.lower()), None)

    def of_scope(self, scope: str) -> list[Rule]:
        """The rules whose check kind has this scope ("span", "note"), in id order (kept: the
        note-level checks ask per note)."""
        cache = self.__dict__.setdefault("_of_scope", {})
        if scope not in cache:
            cache[scope] = [r for r in self if r.kind.scope == scope]
        return cache[scope]

    def selected(self, select: Iterable[str] = (), ignore: Iterable[str] = (),
                 extend_select: Iterable[str] = ()) -> frozenset[str]:
        """Ids of the rules that run, with ruff's semantics: `select` narrows the rules that are
        on by default (a category, prefix or ALL never turns on a rule that is off by default;
        naming a rule by id or name does), `extend_select` adds in the same way, and `ignore`
        removes. An empty `select` means the rules on by default."""
        select, ignore, extend = tuple(select), tuple(ignore), tuple(extend_select)
        chosen = {r.id for r in self if (any(_chooses(s, r) for s in select) if select else r.enabled)
                  or any(_chooses(s, r) for s in extend)}
        return frozenset(i for i in chosen if not any(_selector_matches(s, self._rules[i]) for s in ignore))

    def matching(self, selectors: Iterable[str]) -> frozenset[str]:
        """Ids of every rule a selector matches, on by default or not (for listing and blocking)."""
        selectors = tuple(selectors)
        return frozenset(r.id for r in self if any(_selector_matches(s, r) for s in selectors))

    def unknown_selectors(self, selectors: Iterable[str]) -> list[str]:
        return [s for s in selectors if not any(_selector_matches(s, r) for r in self)]


def _selector_matches(selector: str, rule: Rule) -> bool:
    s = selector.strip()
    if s.upper() == "ALL":
        return True
    return (rule.id.startswith(s.upper()) or s.lower() == rule.name or s.lower() == rule.category)


def _chooses(selector: str, rule: Rule) -> bool:
    """A selector turns on a rule that is off by default only by naming it (id or name)."""
    if rule.enabled:
        return _selector_matches(selector, rule)
    s = selector.strip()
    return s.upper() == rule.id or s.lower() == rule.name


# Data that rules share rather than rules: context modifiers (quotes, mentions, negation), who
# is who in a note (people.yaml) and how one-click replacements fit a sentence (rewrite.yaml).
SHARED_DATA = ("context.yaml", "people.yaml", "rewrite.yaml")


def bundled_lexicon_files() -> list[Path]:
    """The lexicons shipped inside the package, read through importlib.resources."""
    root = resources.files("langcheck.lexicons")
    return sorted((Path(str(p)) for p in root.iterdir() if p.name.endswith(".yaml") and p.name not in SHARED_DATA),
                  key=lambda p: p.name)


def load_context_data() -> dict[str, Any]:
    text = resources.files("langcheck.lexicons").joinpath("context.yaml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=_LOADER)


@lru_cache(maxsize=1)
def quote_pairs() -> tuple[tuple[str, str], ...]:
    """The quotation marks context.yaml pairs, opening and closing, read once."""
    return tuple(tuple(p) for p in load_context_data()["quotes"])


def load_rules(extra: Iterable[Path] = (), bundled: bool = True) -> RuleSet:
    """The bundled lexicons (unless `bundled` is False) and any extra lexicon files."""
    paths = [*(bundled_lexicon_files() if bundled else ()), *[Path(p) for p in extra]]
    sources = [(path.name, read_lexicon(path)) for path in paths]
    return rules_from_sources(sources, [str(p) for p in paths])


def rules_from_sources(sources: Iterable[tuple[str, str]], wheres: Iterable[str] | None = None) -> RuleSet:
    """A RuleSet from lexicon texts, as (name, YAML text) pairs."""
    sources = list(sources)
    wheres = list(wheres) if wheres is not None else [name for name, _ in sources]
    rules: list[Rule] = []
    for (name, raw), where in zip(sources, wheres):
        rules.extend(parse_lexicon(raw, where))
    return RuleSet(rules, sources)


def read_lexicon(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(f"{path}: cannot read lexicon: {exc}") from None


def load_file(path: Path) -> list[Rule]:
    return parse_lexicon(read_lexicon(path), str(path))


def parse_lexicon(raw: str, where: str = "<lexicon>") -> list[Rule]:
    try:
        data = yaml.load(raw, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        loc = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise LexiconError(f"{where}: not valid YAML{loc}: {problem}") from None
    except RecursionError:
        raise LexiconError(f"{where}: not valid YAML: nested too deeply") from None
    except (ValueError, TypeError, OverflowError) as exc:
        # PyYAML's constructors raise plain ValueError for impossible values such as the date
        # 2024-13-45 (found by fuzz/fuzz_lexicon.py).
        raise LexiconError(f"{where}: not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise LexiconError(f"{where}: a lexicon is a mapping with 'category' and 'rules'")
    unknown = set(data) - _FILE_KEYS  # keys may be any YAML scalar (1, true): sorted by their text below
    if unknown:
        raise LexiconError(f"{where}: key {sorted(unknown, key=str)[0]!r}: unknown file key (expected {sorted(_FILE_KEYS)})")
    default_category = data.get("category")
    default_severity = data.get("severity", "warning")
    rules_raw = data.get("rules")
    if not isinstance(rules_raw, list) or not rules_raw:
        raise LexiconError(f"{where}: key 'rules': must be a non-empty list")
    classes = _word_classes(data.get("word_classes", {}), where)
    rules = []
    for n, entry in enumerate(rules_raw, 1):
        rules.append(_parse_rule(entry, n, where, default_category, default_severity, classes))
    return rules


def _word_classes(raw: Any, where: str) -> dict[str, tuple[str, ...]]:
    """The file's named word classes: `reflexive: [himself, herself, themselves]`."""
    if not isinstance(raw, dict):
        raise LexiconError(f"{where}: key 'word_classes': must be a mapping of names to word lists")
    out = {}
    for name, words in raw.items():
        if not isinstance(name, str) or not re.fullmatch(r"[a-z_]+", name):
            raise LexiconError(f"{where}: key 'word_classes': {name!r}: a name is lower-case letters and '_'")
        if not isinstance(words, list) or not words or not all(isinstance(w, str) and w.strip() for w in words):
            raise LexiconError(f"{where}: key 'word_classes.{name}': must be a non-empty list of words")
        out[name] = tuple(w.strip() for w in words)
    return out


def _expand(patterns: tuple[str, ...], classes: dict[str, tuple[str, ...]], fail, key: str) -> tuple[str, ...]:
    """Each pattern with its <class> names replaced by every choice of the class's words."""
    out: list[str] = []
    for pattern in patterns:
        names = _CLASS_RE.findall(pattern)
        if not names:
            out.append(pattern)
            continue
        unknown = [n for n in names if n not in classes]
        if unknown:
            raise fail(key, f"{pattern!r}: no word class <{unknown[0]}> in this file's word_classes")
        total = 1
        for n in names:
            total *= len(classes[n])
        if total > MAX_EXPANSIONS:
            raise fail(key, f"{pattern!r}: its word classes make {total} phrases (at most {MAX_EXPANSIONS})")
        expanded = [pattern]
        for n in names:
            expanded = [p.replace(f"<{n}>", w, 1) for p in expanded for w in classes[n]]
        out.extend(expanded)
    return tuple(dict.fromkeys(out))


def _parse_rule(entry: Any, n: int, where: str, default_category: Any, default_severity: Any,
                classes: dict[str, tuple[str, ...]] | None = None) -> Rule:
    if not isinstance(entry, dict):
        raise LexiconError(f"{where}: rule #{n}: each rule is a mapping")
    rid = entry.get("id")
    label = f"rule {rid}" if isinstance(rid, str) else f"rule #{n}"

    def fail(key: str, problem: str) -> LexiconError:
        return LexiconError(f"{where}: {label}: key {key!r}: {problem}")

    unknown = set(entry) - _RULE_KEYS
    if unknown:
        raise fail(sorted(unknown, key=str)[0], "unknown key")
    for key in _REQUIRED:
        if key not in entry or entry[key] in (None, "", []):
            raise fail(key, "required")
    if not isinstance(rid, str) or not _ID_RE.match(rid):
        raise fail("id", "must look like J001: capital letters then three digits")
    name = entry["name"]
    if not isinstance(name, str) or not _NAME_RE.match(name):
        raise fail("name", "must be kebab-case, e.g. 'lac-review'")
    category = entry.get("category", default_category)
    if category not in CATEGORIES:
        raise fail("category", f"must be one of {', '.join(CATEGORIES)}")
    try:
        severity = Severity.parse(entry.get("severity", default_severity))
    except ValueError as exc:
        raise fail("severity", str(exc)) from None
    check = entry.get("check", "phrase")
    if check not in KINDS:
        raise fail("check", f"must be one of {', '.join(KINDS)}")
    patterns = _expand(_strings(entry.get("patterns", []), fail, "patterns"), classes or {}, fail, "patterns")
    if check == "phrase" and not patterns:
        raise fail("patterns", "a phrase rule needs at least one pattern")
    source = _strings(entry["source"], fail, "source")
    examples = entry["examples"]
    if not isinstance(examples, dict) or set(examples) - {"flag", "ok"}:
        raise fail("examples", "must be a mapping with 'flag' and 'ok' lists")
    flag = _strings(examples.get("flag", []), fail, "examples.flag")
    ok = _strings(examples.get("ok", []), fail, "examples.ok")
    if not flag or not ok:
        raise fail("examples", "needs at least one 'flag' and one 'ok' sentence")
    for key in ("message", "why"):
        if not isinstance(entry[key], str):
            raise fail(key, "must be text")
    safe_fix = entry.get("safe_fix")
    if safe_fix is not None and not isinstance(safe_fix, str):
        raise fail("safe_fix", "must be text")
    if safe_fix is not None and category != "jargon":
        raise fail("safe_fix", "only jargon may be rewritten automatically; labels and vague language need the writer")
    for key in ("match_case", "enabled"):
        if key in entry and not isinstance(entry[key], bool):
            raise fail(key, "must be true or false")
    return Rule(
        id=rid, name=name, category=category, severity=severity, check=check,
        message=entry["message"].strip(), why=" ".join(entry["why"].split()), source=source,
        examples=Examples(flag=flag, ok=ok), patterns=patterns,
        match_case=entry.get("match_case", False),
        exceptions=_expand(_strings(entry.get("exceptions", []), fail, "exceptions"), classes or {}, fail, "exceptions"),
        senses=_parse_senses(entry.get("senses", {}), fail),
        suggestions=_suggestions(entry.get("suggestions", []), fail),
        safe_fix=safe_fix, enabled=entry.get("enabled", True), origin=where,
        params=tuple(validate_params(f"check '{check}'", KINDS[check].params, entry.get("params"), fail).items()),
        replace=_parse_replace(entry.get("replace", []), category, fail),
    )


def _parse_replace(raw: Any, category: str, fail) -> tuple[tuple[tuple[str, str], ...], ...]:
    if raw and category not in _REPLACE_CATEGORIES:
        raise fail("replace", "only jargon, doubt markers and other verbs of saying offer one-click replacements; "
                              "labels and vague language need the writer")
    if not isinstance(raw, list) or not all(isinstance(e, dict) for e in raw):
        raise fail("replace", "must be a list of mappings, each with 'with'")
    out = []
    for n, e in enumerate(raw, 1):
        unknown = set(e) - _REPLACE_KEYS
        if unknown:
            raise fail(f"replace #{n}.{sorted(unknown, key=str)[0]}", f"unknown key (expected {sorted(_REPLACE_KEYS)})")
        if not all(isinstance(v, str) and v.strip() for v in e.values()) or "with" not in e:
            raise fail(f"replace #{n}", "needs 'with', and every value must be non-empty text")
        if category == "critical_label" and e.get("sense") != _SAYING:
            # A label needs the writer; a verb of saying that doubts the speaker ("claims") has a
            # neutral one ("says") that keeps the record as it was.
            raise fail(f"replace #{n}", f"a critical label offers a replacement only as a verb of saying (sense: {_SAYING})")
        out.append(tuple((str(k), " ".join(v.split())) for k, v in e.items()))
    return tuple(out)


def _parse_senses(raw: Any, fail) -> Senses:
    if not isinstance(raw, dict):
        raise fail("senses", "must be a mapping")
    unknown = set(raw) - _SENSE_KEYS
    if unknown:
        raise fail(f"senses.{sorted(unknown, key=str)[0]}", f"unknown sense constraint (expected {sorted(_SENSE_KEYS)})")
    flags = {}
    for key in ("about_person", "about_child", "not_in_name", "not_in_child_speech", "not_in_family_speech",
                "not_by_professional", "not_between_adults",
                "not_after_label", "not_on_label", "not_over_label", "not_as_heading", "not_as_title"):
        flags[key] = raw.get(key, False)
        if not isinstance(flags[key], bool):
            raise fail(f"senses.{key}", "must be true or false")
    about = flags["about_person"]
    low = lambda key: frozenset(s.lower() for s in _strings(raw.get(key, []), fail, f"senses.{key}"))
    return Senses(
        not_pos=frozenset(s.upper() for s in _strings(raw.get("not_pos", []), fail, "senses.not_pos")),
        not_in_sentence=tuple(s.lower() for s in _strings(raw.get("not_in_sentence", []), fail, "senses.not_in_sentence")),
        not_before=low("not_before"), not_after=low("not_after"), not_object_of=low("not_object_of"),
        about_person=about, not_with=low("not_with"),
        not_with_subject=low("not_with_subject"), only_modifiers=low("only_modifiers"),
        about_child=flags["about_child"], not_in_name=flags["not_in_name"],
        not_in_child_speech=flags["not_in_child_speech"], not_in_family_speech=flags["not_in_family_speech"],
        not_by_professional=flags["not_by_professional"],
        not_between_adults=flags["not_between_adults"],
        not_after_label=flags["not_after_label"],
        not_on_label=flags["not_on_label"],
        not_over_label=flags["not_over_label"],
        not_as_heading=flags["not_as_heading"], not_as_title=flags["not_as_title"],
    )


def _suggestions(value: Any, fail) -> tuple[str, ...]:
    suggestions = _strings(value, fail, "suggestions")
    for text in suggestions:
        # A comma inside a YAML flow list ([a ("b, c")]) splits one suggestion into two halves.
        if text.count("(") != text.count(")") or text.count('"') % 2:
            raise fail("suggestions", f"unbalanced brackets or quotes in {text!r}: quote a suggestion that holds a comma")
    return suggestions


def _strings(value: Any, fail, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise fail(key, "must be a list of non-empty strings")
    return tuple(v.strip() for v in value)
