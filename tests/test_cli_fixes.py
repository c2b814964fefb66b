"""Safe fixes: langcheck.fixes.apply_fixes, and `--diff` / `--fix` through the CLI."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import langcheck
from langcheck import Finding, Replacement, Severity
from langcheck.cli.main import main
from langcheck.fixes import apply_fixes

from test_cli import LOCAL_LEXICON


def finding(text: str, phrase: str, fix: str | None, *, category: str = "jargon", nth: int = 0) -> Finding:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    end = start + len(phrase)
    return Finding(rule="X001", name="x", category=category, severity=Severity.WARNING, start=start,
                   end=end, text=phrase, message="m", suggestions=(), why="w", source=("s",), fix=fix,
                   replacements=(Replacement(start, end, fix),) if fix else ())


@pytest.mark.parametrize("text, expected", [
    # The capital, the number and the article come from the parse (langcheck/rewrite.py).
    ("Respite was arranged.", "A short break was arranged."),
    ("We arranged respite.", "We arranged short breaks."),
    ("The LAC reviews are due.", "The child in care reviews are due."),
    ("LAC reviews are due.", "Child in care reviews are due."),
    ("Ask the DSL.", "Ask the designated safeguarding lead."),
    ("Two contact centres nearby.", "Two family centres nearby."),
    ("- LAC review booked", "- Child in care review booked"),
    ("Mum spoke to an HV at the clinic.", "Mum spoke to a health visitor at the clinic."),
    # Where no replacement keeps the sentence English, --fix leaves it for the writer.
    ("He was placed in respite.", "He was placed in respite."),
    ("Ruby goes to respite every other Saturday.", "Ruby goes to respite every other Saturday."),
])
def test_case_number_and_article_through_the_engine(text, expected):
    # every rule, the roles written short ("DSL", "HV") that are off by default included
    every = langcheck.Config(extend_select=tuple(r.id for r in langcheck.load_rules() if not r.enabled))
    assert apply_fixes(text, langcheck.check(text, every).findings) == expected


def test_right_to_left_overlaps_labels_and_stale_findings():
    text = "The LAC review and the LAC review. She was aggressive."
    fs = [finding(text, "LAC review", "child in care review"),
          finding(text, "LAC review", "child in care review", nth=1),
          finding(text, "LAC", "looked after child"),               # overlaps the first: skipped
          finding(text, "aggressive", None, category="critical_label")]  # no safe fix: never rewritten
    fixed = apply_fixes(text, fs)
    assert fixed == "The child in care review and the child in care review. She was aggressive."
    assert apply_fixes(fixed, fs) == fixed  # stale offsets: nothing is corrupted


def test_a_replacement_wider_than_its_finding_is_applied_over_its_own_range():
    text = "Amira met an HV today."
    start = text.index("HV")
    f = Finding(rule="J057", name="hv", category="jargon", severity=Severity.INFO, start=start, end=start + 2,
                text="HV", message="m", suggestions=(), why="w", source=("s",), fix="health visitor",
                replacements=(Replacement(start - 3, start + 2, "a health visitor"),))
    assert apply_fixes(text, [f]) == "Amira met a health visitor today."


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


@pytest.fixture
def lexicon(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "ours.yaml"
    path.write_text(LOCAL_LEXICON, encoding="utf-8")
    return path


def test_diff_then_fix_round_trip_keeps_bom_and_crlf(tmp_path, lexicon):
    before = "Respite was arranged.\r\nThe LAC reviews are on Tuesday. She was aggressive.\r\n"
    note = tmp_path / "note.txt"
    note.write_bytes(b"\xef\xbb\xbf" + before.encode())
    opts = ["--lexicon", str(lexicon), "--ignore", "J009"]

    diff = run("--diff", *opts, str(note))
    assert diff.exit_code == 1
    assert "-The LAC reviews are on Tuesday." in diff.stdout
    assert "+The child in care reviews are on Tuesday." in diff.stdout
    assert "+Short break was arranged." in diff.stdout
    assert note.read_bytes() == b"\xef\xbb\xbf" + before.encode()  # --diff changes nothing

    fixed = run("--fix", "--format", "json", *opts, str(note))
    assert "fixed 2 findings in 1 file" in fixed.stderr
    after = "Short break was arranged.\r\nThe child in care reviews are on Tuesday. She was aggressive.\r\n"
    assert note.read_bytes() == b"\xef\xbb\xbf" + after.encode()
    assert fixed.exit_code == 1  # the label is left for the writer, and still reported
    assert '"rule": "L013"' in fixed.stdout and '"rule": "J002"' not in fixed.stdout

    again = run("--fix", *opts, str(note))
    assert "fixed 0 findings in 0 files" in again.stderr
    assert note.read_bytes() == b"\xef\xbb\xbf" + after.encode()
    assert run("--diff", *opts, str(note)).exit_code == 0


def test_fix_and_diff_on_stdin(lexicon):
    result = run("--fix", "-", input="The LAC review is due.\n")
    assert result.exit_code == 2 and "--fix cannot rewrite standard input" in result.stderr
    diff = run("--diff", "-", input="The LAC review is due.\n")
    assert diff.exit_code == 1 and "+The child in care review is due." in diff.stdout
