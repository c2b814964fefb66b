"""The concise text output (ruff/Vale style) and what the CLI reads: documents, exports, a pipe."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner
from hypothesis import given, settings, strategies as st

from langcheck import Finding, Report, Severity
from langcheck.cli.main import main
from langcheck.cli.output import PIPE_WIDTH, format_text, output_width

from test_audit import docx_bytes, minimal_pdf

# Case notes are often one paragraph a line: this one is 576 characters.
PARAGRAPH = (
    "Home visit to Tyler (8) and his sister Ava (5). Mum was aggressive when I arrived and said that the LAC "
    "review had been cancelled without anyone telling her. I explained that the respite placement was agreed at "
    "the CIN meeting and that there had been some concerns raised by school about attendance recently. Mum "
    "appeared to be under the influence and presented as hostile throughout; she was non-compliant with the "
    "safety plan and it was agreed that contact would be supervised. Tyler kicked off when his sister took his "
    "tablet and the unit staff said he absconded last week.")


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)


def run(*args: str, input: bytes | str | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def finding(text: str, start: int, end: int, rule: str = "J002", suggestions=("a", "b")) -> Finding:
    return Finding(rule=rule, name="lac-review", category="jargon", severity=Severity.WARNING, start=start, end=end,
                   text=text[start:end], message=f"'{text[start:end]}' names the meeting after the child's status.",
                   suggestions=tuple(suggestions), why="why", source=("src",))


def test_a_paragraph_per_line_note_fits_120_columns_in_a_pipe(tmp_path):
    (tmp_path / "visit.txt").write_text(PARAGRAPH + "\n" + PARAGRAPH + "\n", encoding="utf-8")
    out = run("visit.txt").stdout
    lines = out.splitlines()
    assert len(lines) > 20 and max(len(line) for line in lines) <= PIPE_WIDTH   # was 580 columns
    first = lines[0]
    assert first.startswith("visit.txt:1:57: warning L013 aggressive: 'aggressive' is a label")
    assert lines[1].startswith("    …") and lines[1].endswith("…") and "Mum was aggressive when" in lines[1]
    caret = lines[2]
    assert caret.strip() == "^" * len("aggressive")
    assert lines[1][caret.index("^"):caret.index("^") + len("aggressive")] == "aggressive"   # marks the match
    assert lines[3].startswith("    try: describe what was said or done")
    assert "why:" not in out and "source:" not in out
    verbose = run("--verbose", "visit.txt").stdout.splitlines()
    assert "    " + PARAGRAPH in verbose                          # --verbose: today's full context
    assert any(line.startswith("    why: ") for line in verbose)


def test_width_follows_the_terminal(monkeypatch):
    monkeypatch.setenv("COLUMNS", "72")
    assert output_width(to_terminal=True) == 72
    assert output_width(to_terminal=False) == PIPE_WIDTH
    monkeypatch.setenv("COLUMNS", "10")
    assert output_width(to_terminal=True) == 40                    # never narrower than 40
    start = PARAGRAPH.index("LAC review")
    report = Report((finding(PARAGRAPH, start, start + 10),))
    lines = list(format_text("visit.txt", PARAGRAPH, report, width=72))
    assert max(len(line) for line in lines) <= 72
    assert lines[0] == "visit.txt:1:101: warning J002 lac-review: 'LAC review' names the meeting"
    assert lines[1] == "    after the child's status."             # the message wraps, indented


def test_wide_and_control_characters_keep_the_caret_under_the_match():
    text = "Update 😀😀 Mum\x1b[2J said the LAC review\tis on Tuesday."
    start = text.index("LAC review")
    excerpt, caret, _ = list(format_text("n.txt", text, Report((finding(text, start, start + 10, suggestions=("x",)),))))[1:]
    assert "\x1b" not in excerpt and "\t" not in excerpt        # a note cannot drive the terminal
    # Each emoji takes two columns, so the caret sits two columns further right per emoji.
    assert caret.index("^") == 4 + len("Update ") + 2 * 2 + len(" Mum [2J said the ")
    assert caret.count("^") == 10


def test_a_match_wider_than_the_screen_is_cut():
    text = "x " * 10 + "word " * 60
    start = text.index("word")
    lines = list(format_text("n.txt", text, Report((finding(text, start, len(text) - 1),)), width=60))
    excerpt, caret = lines[-3], lines[-2]
    assert len(excerpt) <= 60 and len(caret) <= 60
    assert excerpt.startswith("    …word") and excerpt.endswith("…") and caret.startswith("     ^^^")


LINE_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=400)


@settings(max_examples=200, deadline=None)
@given(text=LINE_TEXT, data=st.data(), width=st.integers(min_value=40, max_value=200))
def test_every_excerpt_line_fits(text, data, width):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    lines = list(format_text("n.txt", text, Report((finding(text, start, end),)), width=width))
    from langcheck.cli.output import _cells

    excerpt, caret = lines[-3], lines[-2]
    assert _cells(excerpt) <= width and _cells(caret) <= width
    assert caret.strip() and set(caret.strip()) == {"^"}


# -- what the CLI reads ------------------------------------------------------------------------
def test_piped_standard_input_needs_no_dash(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "langcheck", "--format", "json"], input="The LAC review is on Tuesday.",
                          capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert proc.returncode == 1, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["files"][0]["path"] == "-" and doc["files"][0]["findings"][0]["rule"] == "J002"
    empty = run()                                                  # nothing named, nothing piped
    assert empty.exit_code == 2 and "pipe a note in" in empty.output


def test_the_cli_reads_documents_and_exports_through_the_audits_readers(tmp_path):
    (tmp_path / "visit.docx").write_bytes(docx_bytes(["Home visit to Ava.", "Dad was aggressive when I arrived."]))
    (tmp_path / "visit.pdf").write_bytes(minimal_pdf("Home visit. Mum presented as hostile."))
    (tmp_path / "export.csv").write_text('id,body\nn1,"The LAC review is due.\nSam said ""hi""."\nn2,\n'
                                         'n3,Mum was aggressive.\n', encoding="utf-8")
    (tmp_path / "export.jsonl").write_text(json.dumps({"body": "Respite was arranged."}) + "\n", encoding="utf-8")
    result = run("--format", "json", "--text-column", "body", "--id-column", "id", "visit.docx", "visit.pdf",
                 "export.csv", "export.jsonl")
    doc = json.loads(result.stdout)
    by_path = {f["path"]: {x["rule"] for x in f["findings"]} for f in doc["files"]}
    assert "L013" in by_path["visit.docx"] and "L014" in by_path["visit.pdf"]
    assert "J002" in by_path["export.csv#n1"] and "L013" in by_path["export.csv#n3"]
    assert "export.csv#n2" not in by_path and "export.csv#n2: row 2: empty 'body'" in result.stderr   # nothing to check
    assert any(path.startswith("export.jsonl#") for path in by_path)
    assert doc["errors"] == [] and result.exit_code == 1
    text = run("--text-column", "body", "--id-column", "id", "export.csv").stdout
    assert "export.csv#n1:1:5: warning J002 lac-review:" in text
    # A column the export does not have is a clear error naming the columns it does have.
    bad = run("export.csv")
    assert bad.exit_code == 2 and "no 'text' column (columns: id, body)" in bad.stderr
    # --fix writes text files back; never a document or an export.
    refused = run("--fix", "visit.docx")
    assert refused.exit_code == 2 and "--fix rewrites text files only" in refused.stderr
    assert "Respite" in run("--diff", "--text-column", "body", "export.jsonl").stdout
