"""What `langcheck audit` says on the terminal: exit status when nothing was checked, the
reasons of inputs not checked, column names checked against the export, progress in rows,
singular and plural."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from langcheck.audit import AuditOptions, run_audit
from langcheck.audit.readers import Source, count_estimate
from langcheck.cli.main import main

VISIT = "Home visit to Tyler (8). Mum was non-compliant and the LAC review is on Tuesday."
# Three rows whose cells span seven lines.
MULTILINE = ('id,team,text\n'
             'a,North,"Home visit.\nMum was aggressive.\nSam said ""hi""."\n'
             'b,South,"Phone call.\nAll well."\n'
             'c,North,"Visit to Ava.\nShe was happy."\n')


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


def audit(*args: str):
    return CliRunner().invoke(main, ["audit", *args, "--workers", "1", "--no-progress"], catch_exceptions=False)


def test_a_column_no_export_has_is_a_clear_error_before_any_work(tmp_path):
    (tmp_path / "export.csv").write_text(MULTILINE, encoding="utf-8")
    for flags, named in ((["--text-column", "body"], "'body' column (named by --text-column)"),
                         (["--meta", "team,teem"], "'teem' column (named by --meta)"),
                         (["--date-column", "date"], "'date' column (named by --date-column)"),
                         (["--id-column", "note_id"], "'note_id' column (named by --id-column)")):
        result = audit("export.csv", "--out", "out", *flags)
        assert result.exit_code == 2, result.output                 # was 0: "Checked 0 notes ... 1 failed"
        assert f"no export has a {named}" in result.stderr and "its columns are: id, team, text" in result.stderr
        assert not (tmp_path / "out" / "summary.json").exists()
    # A column only some exports lack: a warning, and the audit runs.
    (tmp_path / "other.csv").write_text("id,text\nz,Dad was hostile.\n", encoding="utf-8")
    result = audit("export.csv", "other.csv", "--out", "out", "--meta", "team")
    assert result.exit_code == 0 and "warning: 1 of 2 exports have no 'team' column" in result.stderr


def test_nothing_checked_exits_non_zero_with_the_reasons(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    for i in range(7):
        (d / f"bin{i}.txt").write_bytes(b"\x00\x01 not text" * 5)
    result = audit("in", "--out", "out")
    assert result.exit_code == 2                                    # was 0
    err = result.stderr
    assert "Not checked: 0 inputs skipped, 7 failed:" in err
    assert err.count("looks like a binary file") == 5              # the first few reasons
    assert "... and 2 more (every reason is in" in err and "no note could be checked" in err
    assert "Checked 0 notes (0 words): 0 findings" in result.stdout


def test_singular_and_plural(tmp_path):
    (tmp_path / "one.txt").write_text("Home visit to Sam. Sam said, \"I like my room.\" The LAC review is on Tuesday.",
                                      encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = audit("one.txt", "empty.txt", "--out", "out", "--select", "J002")
    assert result.exit_code == 0
    assert result.stdout.startswith("Checked 1 note (")                # was "Checked 1 notes"
    assert ": 1 finding," in result.stdout                           # was "1 findings"
    assert "Not checked: 1 input skipped, 0 failed:" in result.stderr   # was "1 inputs"
    assert "empty.txt: skipped: empty file" in result.stderr


def test_progress_counts_rows_not_lines(tmp_path, capsys):
    export = tmp_path / "export.csv"
    export.write_text(MULTILINE, encoding="utf-8")
    st = export.stat()
    assert count_estimate(Source(str(export), str(export), ".csv", st.st_size, st.st_mtime_ns)) == 3   # was 7
    jsonl = tmp_path / "export.jsonl"
    jsonl.write_text(json.dumps({"text": "a"}) + "\n\n" + json.dumps({"text": "b"}) + "\n", encoding="utf-8")
    st = jsonl.stat()
    assert count_estimate(Source(str(jsonl), str(jsonl), ".jsonl", st.st_size, st.st_mtime_ns)) == 2
    run_audit(AuditOptions(paths=(str(export),), out=str(tmp_path / "out"), workers=1, progress=True))
    err = capsys.readouterr().err
    assert "3/3 notes" in err and "/7 notes" not in err


def test_audit_takes_config_and_lexicon_like_the_cli(tmp_path):
    from test_cli import LOCAL_LEXICON

    (tmp_path / "ours.yaml").write_text(LOCAL_LEXICON, encoding="utf-8")
    (tmp_path / "org.yaml").write_text("ignore: [J002, J009]\n", encoding="utf-8")  # J009: the built-in respite
    (tmp_path / "n.txt").write_text("Respite was arranged. " + VISIT, encoding="utf-8")
    result = audit("n.txt", "--out", "out", "--config", "org.yaml", "--lexicon", "ours.yaml")
    assert result.exit_code == 0, result.output
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert "X001" in summary["by_rule"] and "J002" not in summary["by_rule"]
    assert summary["settings"]["config_file"] == str((tmp_path / "org.yaml").resolve())
    assert summary["settings"]["lexicons"] == [str((tmp_path / "ours.yaml").resolve())]
    bad = audit("n.txt", "--out", "out2", "--lexicon", "absent.yaml")
    assert bad.exit_code == 2 and "absent.yaml: no such lexicon file" in bad.stderr
