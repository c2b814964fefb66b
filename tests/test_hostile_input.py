"""Hostile input to the core, the CLI's CSV and every YAML loader (issue 17): invisible
characters hiding findings, formulas in CSV cells, YAML alias bombs."""
from __future__ import annotations

import csv
import io
import time

import pytest

import langcheck
from langcheck import LexiconError, textprep
from langcheck.csvsafe import SafeWriter, neutralise
from langcheck.lexicon import parse_lexicon

# --- invisible characters -------------------------------------------------------------------

@pytest.mark.parametrize("text, rule, matched", [
    ("L\u200dA\u200dC review on Tuesday.", "J002", "L\u200dA\u200dC review"),
    ("Mum was aggr\u200cessive.", "L013", "aggr\u200cessive"),
    ("\ufeffLAC review on Tuesday.", "J002", "LAC review"),
    ("LAC\x00 review on Tuesday.", "J002", "LAC\x00 review"),
    ("Mum was aggr\u00adessive.", "L013", "aggr\u00adessive"),          # soft hyphen
    ("The L\u200bAC review is due.", "J002", "L\u200bAC review"),      # zero-width space
    ("Mum was \u2066aggressive\u2069.", "L013", "aggressive"),          # bidi isolates
])
def test_invisible_characters_no_longer_hide_a_finding_and_offsets_index_the_original(text, rule, matched) -> None:
    # Issue 17: each of these gave no findings and `decision: pass`.
    report = langcheck.check(text)
    hits = [f for f in report.findings if f.rule == rule]
    assert hits, [f.rule for f in report.findings]
    f = hits[0]
    assert text[f.start:f.end] == f.text == matched
    assert report.summary["characters"] == len(text)
    for other in report.findings:
        if other.start is not None:
            assert text[other.start:other.end] == other.text


def test_replacements_index_the_original_text_too() -> None:
    text = "An L\u200dAC review was held."
    fixes = [r for f in langcheck.check(text).findings for r in f.replacements]
    assert fixes and all(text[r.start:r.end] == "An L\u200dAC review" for r in fixes)


def test_check_many_equals_check_with_invisible_characters() -> None:
    texts = ["L\u200dA\u200dC review.", "plain LAC review", "\x00\x00", "\u200d"]
    assert list(langcheck.check_many(texts)) == [langcheck.check(t) for t in texts]


def test_the_offset_map() -> None:
    p = textprep.prepare("a\u200db\x00\x00c\ufeff")
    assert p.text == "abc"
    assert [p.to_original(i) for i in range(4)] == [0, 2, 5, 7]
    assert p.span(0, 3) == (0, 6) and p.span(1, 2) == (2, 3)
    plain = textprep.prepare("nothing hidden")
    assert plain.text == "nothing hidden" and plain.span(2, 5) == (2, 5)
    # emoji sequences lose their joiners for checking only; the original is untouched
    assert textprep.prepare("👩\u200d👧 LAC").text == "👩👧 LAC"


# --- CSV ------------------------------------------------------------------------------------

@pytest.mark.parametrize("cell, written", [
    ("=1+1", "'=1+1"), ("+44 7700", "'+44 7700"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"), ("\r=1+1", "'\r=1+1"), (" =1", "' =1"), ("LAC review", "LAC review"),
    ("", ""), (12, 12), (None, None),
])
def test_neutralise(cell, written) -> None:
    assert neutralise(cell) == written


def test_safe_writer_quotes_a_bare_carriage_return() -> None:
    buf = io.StringIO()
    SafeWriter(buf).writerow(["a", "\r=1+1", "x\ny", 3])
    assert buf.getvalue() == 'a,"\'\r=1+1","x\ny",3\n'
    assert list(csv.reader(io.StringIO(buf.getvalue()))) == [["a", "'\r=1+1", "x\ny", "3"]]


def test_cli_csv_never_starts_a_formula(tmp_path, monkeypatch) -> None:
    from click.testing import CliRunner

    from langcheck.cli.main import main

    (tmp_path / "=cmd.txt").write_text("The LAC review is on Tuesday.\nMum was aggressive.", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    out = CliRunner().invoke(main, ["--format", "csv", "=cmd.txt"]).output
    assert "\n'=cmd.txt," in out
    rows = list(csv.reader(io.StringIO(out)))
    assert len(rows) > 1
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@")), row


# --- YAML aliases ---------------------------------------------------------------------------

BOMB = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{','.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8))


def test_a_lexicon_alias_bomb_is_refused_at_once() -> None:
    # Issue 17: 600 bytes of nested aliases grew to 2 GiB.
    assert len(BOMB) < 700
    started = time.perf_counter()
    with pytest.raises(LexiconError, match="aliases"):
        parse_lexicon(BOMB, "bomb.yaml")
    assert time.perf_counter() - started < 1.0


def test_a_config_file_alias_bomb_is_refused(tmp_path, monkeypatch) -> None:
    from langcheck.settings import SettingsError, load

    (tmp_path / ".langcheck.yaml").write_text("select: [jargon]\n" + BOMB.replace("a:", "x_a:", 1), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SettingsError, match="aliases"):
        load()


def test_yaml_without_aliases_still_loads() -> None:
    from langcheck import safeyaml

    assert safeyaml.load("a: [1, {b: c}]\nd: x") == {"a": [1, {"b": "c"}], "d": "x"}
