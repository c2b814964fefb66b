"""Rule documentation from the lexicon YAML: `langcheck rules`, `langcheck explain`, docs/rules.md.

The headings are fixed, as in ruff: What it flags / Why it matters / Example / Use instead /
Source.
"""
from __future__ import annotations

from typing import Iterable

from langcheck import Rule, RuleSet

CATEGORY_TITLES = {
    "jargon": "Jargon", "critical_label": "Blaming and critical labels", "doubt": "Language that casts doubt",
    "vague": "Vague language", "child_voice": "The child's voice", "strengths": "Strengths",
    "readability": "Readability",
}


def rules_table(rules: Iterable[Rule]) -> list[str]:
    rows = [(r.id, r.name, r.category, r.severity.value + ("" if r.enabled else " (off)"), r.summary_line())
            for r in rules]
    if not rows:
        return []
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    return ["  ".join(c.ljust(w) for c, w in zip(row[:4], widths)) + "  " + row[4] for row in rows]


def what_it_flags(rule: Rule) -> str:
    example = rule.patterns[0] if rule.check == "phrase" and rule.patterns else "…"
    text = rule.message.replace("{match}", example)
    if rule.check == "phrase" and rule.patterns:
        text += "\n\nPhrases: " + ", ".join(f"'{p}'" for p in rule.patterns)
        if rule.exceptions:
            text += "\n\nNot inside: " + ", ".join(f"'{p}'" for p in rule.exceptions)
    elif rule.check != "phrase":
        text += "\n\n" + how_it_decides(rule)
    return text


def how_it_decides(rule: Rule) -> str:
    """A check kind's own documentation and the rule's parameters (langcheck/kinds.py)."""
    kind = rule.kind
    lines = [f"Check kind `{kind.name}` (needs {kind.needs_for(rule).name.lower()}): {kind.help}"]
    values = dict(rule.params)
    for key, param in kind.params.items():
        if key not in values:
            continue
        value = values[key]
        if param.type == "words":
            shown = ", ".join(f"'{w}'" for w in value[:12]) + (f" and {len(value) - 12} more" if len(value) > 12 else "")
        elif param.type == "patterns":
            shown = f"{len(value)} token patterns"
        else:
            shown = str(value)
        lines.append(f"- `{key}`: {param.help}: {shown}")
    return "\n".join(lines)


def explain(rule: Rule) -> str:
    """The rule's documentation as plain text with ruff-like headings."""
    state = "" if rule.enabled else " · off by default (turn on with --select " + rule.id + ")"
    out = [f"{rule.id} ({rule.name}) · {rule.category} · {rule.severity.value}{state}", ""]
    out += ["## What it flags", what_it_flags(rule), ""]
    out += ["## Why it matters", rule.why, ""]
    out += ["## Example", "Flagged:"] + [f"  {s}" for s in rule.examples.flag]
    out += ["Fine:"] + [f"  {s}" for s in rule.examples.ok] + [""]
    out += ["## Use instead"]
    out += [f"- {s}" for s in rule.suggestions] or ["Rewrite in your own words: say what happened, who did it, and when."]
    if rule.safe_fix:
        out.append(f"Safe fix (langcheck --fix): '{rule.safe_fix}'")
    out += ["", "## Source"] + [f"- {s}" for s in rule.source]
    return "\n".join(out).rstrip() + "\n"


def _md_escape(s: str) -> str:
    return s.replace("|", "\\|")


def markdown(rules: RuleSet) -> str:
    """docs/rules.md: every rule, including those off by default, grouped by category."""
    all_rules = list(rules)
    cats = [c for c in CATEGORY_TITLES if any(r.category == c for r in all_rules)]
    cats += sorted({r.category for r in all_rules} - set(cats))
    out = [
        "# langcheck rules",
        "",
        "<!-- Generated from the lexicons by `langcheck rules --markdown > docs/rules.md`; do not edit by hand."
        " A test fails when this page is out of date. -->",
        "",
        f"{len(all_rules)} rules. Select or ignore them by id (`J002`), name (`lac-review`), category "
        "(`jargon`) or id prefix (`J`); see `langcheck --help`.",
        "",
    ]
    for cat in cats:
        out.append(f"- [{CATEGORY_TITLES.get(cat, cat)}](#{_anchor(CATEGORY_TITLES.get(cat, cat))})")
    out.append("")
    for cat in cats:
        title = CATEGORY_TITLES.get(cat, cat)
        out += [f"## {title}", "", "| Id | Name | Severity | Flags |", "| --- | --- | --- | --- |"]
        for r in all_rules:
            if r.category == cat:
                sev = r.severity.value + ("" if r.enabled else " (off by default)")
                out.append(f"| [{r.id}](#{r.id.lower()}-{r.name}) | {r.name} | {sev} | {_md_escape(r.summary_line())} |")
        out.append("")
        for r in all_rules:
            if r.category != cat:
                continue
            out += [f"### {r.id} {r.name}", ""]
            meta = f"Category: {r.category} · severity: {r.severity.value}"
            if not r.enabled:
                meta += " · off by default"
            out += [meta, ""]
            out += ["#### What it flags", "", what_it_flags(r), ""]
            out += ["#### Why it matters", "", r.why, ""]
            out += ["#### Example", "", "Flagged:", ""] + [f"- {s}" for s in r.examples.flag]
            out += ["", "Fine:", ""] + [f"- {s}" for s in r.examples.ok] + [""]
            out += ["#### Use instead", ""]
            out += [f"- {s}" for s in r.suggestions] or ["Say what happened, who did it, and when."]
            if r.safe_fix:
                out += ["", f"Safe fix (`langcheck --fix`): {r.safe_fix}"]
            out += ["", "#### Source", ""] + [f"- {s}" for s in r.source] + [""]
    return "\n".join(out).rstrip() + "\n"


def _anchor(title: str) -> str:
    return "".join(ch for ch in title.lower().replace(" ", "-") if ch.isalnum() or ch == "-")
