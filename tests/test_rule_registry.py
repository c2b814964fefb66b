"""The rule registry itself: complete documentation, unique phrases, clear load errors."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from langcheck.lexicon import LexiconError, parse_lexicon

ROOT = Path(__file__).resolve().parent.parent


def test_every_rule_has_why_source_and_examples(rules) -> None:
    for rule in rules:
        assert rule.why.strip(), rule.id
        assert rule.source and all(s.strip() for s in rule.source), rule.id
        assert rule.examples.flag and rule.examples.ok, rule.id
        assert rule.message.strip(), rule.id


def test_no_phrase_belongs_to_two_rules(rules) -> None:
    owner: dict[str, str] = {}
    for rule in rules:
        for phrase in rule.patterns if rule.check == "phrase" else ():
            key = (" ".join(phrase.lower().replace("-", " ").split()), rule.match_case and phrase)
            assert owner.get(key, rule.id) == rule.id, f"{phrase!r} is in both {owner[key]} and {rule.id}"
            owner[key] = rule.id


def test_ids_and_names_are_unique(rules) -> None:
    names = [r.name for r in rules]
    assert len(names) == len(set(names))


def test_rule_lookup_by_id_name_category_and_prefix(rules) -> None:
    assert rules.get("j001").id == "J001"
    assert rules.get(rules["J001"].name).id == "J001"
    jargon = rules.selected(select=["jargon"])
    assert jargon and all(rules[i].category == "jargon" for i in jargon)
    assert rules.selected(select=["V"]) == {r.id for r in rules if r.id.startswith("V")}
    assert "J001" not in rules.selected(ignore=["J001"])
    assert rules.unknown_selectors(["nonsense-rule"]) == ["nonsense-rule"]


GOOD_RULE = """
  - id: X001
    name: example
    patterns: [frobnicate]
    message: found it
    why: because
    source: [somewhere]
    examples: {flag: [we frobnicate], ok: [we do not]}
"""


@pytest.mark.parametrize("body,expected", [
    ("category: jargon\nrules:\n" + GOOD_RULE.replace("name: example", "name: Bad Name"), "rule X001: key 'name'"),
    ("category: jargon\nrules:\n" + GOOD_RULE.replace("    why: because\n", ""), "rule X001: key 'why': required"),
    ("category: jargon\nrules:\n" + GOOD_RULE.replace("source: [somewhere]", "source: []"), "key 'source'"),
    ("category: jargon\nrules:\n" + GOOD_RULE.replace("ok: [we do not]", "ok: []"), "key 'examples'"),
    ("category: jargon\nrules:\n" + GOOD_RULE + "    colour: red\n", "key 'colour': unknown key"),
    ("category: nonsense\nrules:\n" + GOOD_RULE, "key 'category'"),
    ("category: critical_label\nrules:\n" + GOOD_RULE + "    safe_fix: x\n", "key 'safe_fix'"),
    ("category: jargon\nrules:\n" + GOOD_RULE + "    senses: {not_pos: VERB, colour: 1}\n", "senses.colour"),
    ("category: jargon\nrules: [\n", "not valid YAML"),
    # A parameter the rule's check kind does not take (a typo for 'verbs') is an error, not a
    # rule that silently does nothing.
    ("category: vague\nrules:\n" + GOOD_RULE.replace("patterns: [frobnicate]", "check: hedge\n    params: {verb: [seem]}"),
     "rule X001: key 'params.verb': unknown parameter for check 'hedge'"),
    ("category: vague\nrules:\n" + GOOD_RULE.replace("patterns: [frobnicate]", "check: hedge\n    params: {arrival_sense: [at]}"),
     "rule X001: key 'params.verbs': required by check 'hedge'"),
    ("category: vague\nrules:\n" + GOOD_RULE.replace("patterns: [frobnicate]", "check: hedge\n    params: {verbs: 3}"),
     "key 'params.verbs': must be a non-empty list"),
    ("category: vague\nrules:\n" + GOOD_RULE.replace("patterns: [frobnicate]", "check: nonsense"), "key 'check'"),
    ("- just\n- a list\n", "a lexicon is a mapping"),
    # word classes: named in the file, and bounded (an expansion bomb is refused before any work)
    ("category: jargon\nrules:\n" + GOOD_RULE.replace("[frobnicate]", "['<verb> it']"), "no word class <verb>"),
    ("category: jargon\nword_classes: {w: [a, b, c, d, e, f, g, h, i]}\nrules:\n"
     + GOOD_RULE.replace("[frobnicate]", "['<w> <w>']"), "make 81 phrases (at most 64)"),
    ("category: jargon\nword_classes: [a]\nrules:\n" + GOOD_RULE, "key 'word_classes'"),
    # a comma inside an unquoted flow list splits one suggestion into two broken halves
    ("category: jargon\nrules:\n" + GOOD_RULE + '    suggestions: [say it ("a, b")]\n', "key 'suggestions': unbalanced"),
])
def test_bad_lexicons_name_file_rule_and_key(body: str, expected: str) -> None:
    with pytest.raises(LexiconError) as err:
        parse_lexicon(body, "local/terms.yaml")
    assert str(err.value).startswith("local/terms.yaml:")
    assert expected in str(err.value)


def test_a_good_local_lexicon_parses() -> None:
    (rule,) = parse_lexicon("category: jargon\nrules:\n" + GOOD_RULE, "local.yaml")
    assert rule.id == "X001" and rule.category == "jargon"


def test_a_word_class_stands_for_each_of_its_words() -> None:
    body = "category: jargon\nword_classes: {reflexive: [himself, herself]}\nrules:\n" + GOOD_RULE.replace(
        "[frobnicate]", "['put <reflexive> at risk', frobnicate]")
    (rule,) = parse_lexicon(body, "local.yaml")
    assert rule.patterns == ("put himself at risk", "put herself at risk", "frobnicate")


def test_library_never_imports_the_cli_or_the_service() -> None:
    for path in (ROOT / "langcheck").rglob("*.py"):
        if path.name == "__main__.py":  # `python -m langcheck` is the CLI's own entry point
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) and node.level == 0 else [])
            for name in names:
                assert not name.startswith(("langcheck.cli", "langcheck.service", "cli", "service")), \
                    f"{path.relative_to(ROOT)} imports {name}"
    code = "import sys, langcheck; langcheck.check('The LAC review.'); " \
           "print([m for m in sys.modules if m.startswith(('langcheck.cli', 'langcheck.service'))])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_every_check_kind_is_declared_once_with_a_working_implementation(rules) -> None:
    from langcheck.kinds import KINDS

    for kind in KINDS.values():
        if kind.implementation is not None:
            assert callable(kind.function), kind.name
        for key, param in kind.params.items():
            assert param.help.strip(), f"{kind.name}.{key} has no help"
    assert {r.check for r in rules} <= set(KINDS)
