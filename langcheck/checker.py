"""The core: `check(text, config) -> Report` and `check_many(texts, config)`."""
from __future__ import annotations

from bisect import bisect_left
import contextlib
import threading
from collections import Counter
from typing import Any, Iterable, Iterator, Mapping

from spacy.tokens import Doc

from .components import CONTEXT_ATTR, SPANS_KEY
from .config import Config
from .findings import Finding, Report, Severity
from .lexicon import Rule, RuleSet
from .model import get_runner
from .notelevel import note_findings
from .people import release
from . import rewrite
from .textprep import prepare

# Long notes are checked in pieces cut at line breaks: the parser's cost and memory grow
# with the length of a document, and spaCy refuses texts over nlp.max_length. Every offset
# is shifted back, so findings still index the original text.
CHUNK_CHARS = 20_000


def check(text: str, config: Config | None = None, *, meta: Mapping[str, Any] | None = None) -> Report:
    """Check one note. `meta` is what a recording system knows (e.g. {"children": ["Sam"]})."""
    return next(check_many([text], config, metas=[meta]))


def check_many(texts: Iterable[str], config: Config | None = None, *,
               metas: Iterable[Mapping[str, Any] | None] | None = None, batch_size: int = 16) -> Iterator[Report]:
    """Check notes as a stream through `nlp.pipe`, yielding one Report per text, in order."""
    config = config or Config()
    runner, rules = get_runner(config.model, tuple(str(p) for p in config.lexicons), config.selective)
    nlp = getattr(runner, "nlp", runner)
    selected = config.selected(rules)
    metas_it = iter(metas) if metas is not None else None
    group: list[tuple[str, Mapping | None]] = []
    for index, text in enumerate(texts):
        if not isinstance(text, str):
            raise TypeError(f"note {index}: expected str, got {type(text).__name__}")
        group.append((text, next(metas_it, None) if metas_it is not None else None))
        if len(group) >= ZONE_NOTES:
            yield from _check_group(group, runner, nlp, rules, selected, config, batch_size)
            group = []
    if group:
        yield from _check_group(group, runner, nlp, rules, selected, config, batch_size)


# Notes per memory zone: each zone starts with an empty cache of the words it will meet, so
# bigger groups cost less speed; 64 notes of a few hundred words each is a few MB at most.
ZONE_NOTES = 64

# One memory zone at a time per process: spaCy's zones must not nest.
_ZONE_LOCK = threading.Lock()


def _check_group(group, runner, nlp, rules: RuleSet, selected: frozenset[str], config: Config,
                 batch_size: int) -> list[Report]:
    """Reports for a few notes, built inside one spaCy memory zone: the words of these notes
    (strings, lexemes, tokenizer cache entries) are freed when it ends, so a long-running
    service or audit does not keep every note it has seen in its vocabulary."""
    zone = nlp.memory_zone() if hasattr(nlp, "memory_zone") else contextlib.nullcontext()
    # Invisible characters (ZWJ, BOM, NUL...) would hide words from the checks: they are taken
    # out here, and each report is mapped back so offsets index the original (textprep.py).
    prepared = [prepare(text) for text, _ in group]
    pieces = [(i, offset, piece) for i, p in enumerate(prepared) for offset, piece in split_text(p.text)]
    with _ZONE_LOCK, zone:
        docs = list(zip(pieces, runner.pipe((p for _, _, p in pieces), batch_size=batch_size)))
        reports = []
        for i, (_, meta) in enumerate(group):
            note_docs = [(offset, doc) for (j, offset, _), doc in docs if j == i]
            report = build_report(prepared[i].text, note_docs, rules, selected, config, meta or {})
            reports.append(prepared[i].restore(report))
    return reports


def split_text(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """Pieces of at most `limit` characters, cut after a line break or a sentence end."""
    if len(text) <= limit:
        return [(0, text)]
    pieces, start = [], 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = max(window.rfind("\n"), window.rfind(". "), window.rfind("? "), window.rfind("! "))
        if cut < limit // 2:
            cut = window.rfind(" ")
        cut = cut + 1 if cut >= limit // 4 else limit
        # Never cut between a surrogate pair or a base character and its combining marks.
        while start + cut < len(text) and _is_continuation(text[start + cut]):
            cut -= 1
        pieces.append((start, text[start:start + cut]))
        start += cut
    pieces.append((start, text[start:]))
    return pieces


def _is_continuation(ch: str) -> bool:
    import unicodedata
    return unicodedata.combining(ch) > 0 or "\udc00" <= ch <= "\udfff"


def build_report(text: str, docs: list[tuple[int, Doc]], rules: RuleSet, selected: frozenset[str],
                 config: Config, meta: Mapping[str, Any]) -> Report:
    findings: list[Finding] = []
    for offset, doc in docs:
        findings.extend(_span_findings(doc, offset, text, rules, selected, config))
    findings = _longest_first(findings)
    notes, figures = note_findings([d for _, d in docs], text, findings, rules, selected, config, meta,
                                   make_finding)
    for _, doc in docs:
        release(doc, keep_flag=True)  # the pipeline's people stage, when the note-level checks did not take it
    findings = [f for f in findings + notes if f.severity.rank >= config.min_severity.rank]
    findings.sort(key=lambda f: (f.start if f.start is not None else len(text) + 1, f.end or 0, f.rule))
    return Report(findings=tuple(findings), summary={**_summary(findings, text), **figures})


def _span_findings(doc: Doc, offset: int, text: str, rules: RuleSet, selected: frozenset[str],
                   config: Config) -> Iterator[Finding]:
    for span in doc.spans.get(SPANS_KEY, []):
        rule_id = span.id_
        if rule_id not in selected:
            continue
        rule = rules[rule_id]
        context = tuple(span._.get(CONTEXT_ATTR) or ())
        start, end = offset + span.start_char, offset + span.end_char
        # The one-click replacements are decided here, from the parse, for every path to apply.
        yield rewrite.fit(make_finding(rule, text, start, end, config, context), rule, span, offset, config)


def make_finding(rule: Rule, text: str, start: int | None, end: int | None, config: Config,
                 context: tuple[str, ...] = (), message: str | None = None) -> Finding:
    matched = text[start:end] if start is not None and end is not None else None
    severity = config.severities.get(rule.id, config.severities.get(rule.category, rule.severity))
    message = (message or rule.message).replace("{match}", matched or "")
    if "negated" in context:
        # A negated label is still read by the family, but the writer has not asserted it.
        severity = Severity.INFO
        message = f"Negated, but still a label: {message}"
    return Finding(
        rule=rule.id, name=rule.name, category=rule.category, severity=severity,
        start=start, end=end, text=matched, message=message, suggestions=rule.suggestions,
        why=rule.why, source=rule.source, context=context, fix=rule.safe_fix,
    )


def _longest_first(findings: list[Finding]) -> list[Finding]:
    """Overlapping matches within a category: keep the longest ("LAC review" over "LAC").

    Across categories both stay: "Respite has been agreed" is jargon and a hidden agent.
    """
    spans = sorted((f for f in findings if f.start is not None), key=lambda f: (-(f.end - f.start), f.start, f.rule))
    # Kept ranges of a category never overlap, so sorted by start their ends are sorted too and
    # only the range starting just before f.end can overlap f. (A scan of every kept range was
    # quadratic: 20,000 "contact" lines took 35 s here.)
    taken: dict[str, tuple[list[int], list[int]]] = {}
    kept = []
    for f in spans:
        starts, ends = taken.setdefault(f.category, ([], []))
        i = bisect_left(starts, f.end)
        if i > 0 and ends[i - 1] > f.start:
            continue
        starts.insert(i, f.start)
        ends.insert(i, f.end)
        kept.append(f)
    return kept + [f for f in findings if f.start is None]


def _summary(findings: list[Finding], text: str) -> dict[str, Any]:
    return {
        "characters": len(text),
        "findings": len(findings),
        "by_category": dict(sorted(Counter(f.category for f in findings).items())),
        "by_severity": dict(sorted(Counter(f.severity.value for f in findings).items())),
    }
