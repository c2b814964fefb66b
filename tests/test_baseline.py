"""Reviewed findings: fingerprints, the CLI's baseline file, the audit's comparison with a
previous audit, and the service's dismissed list."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

import langcheck
from langcheck.audit import AuditOptions, Columns, run_audit
from langcheck.baseline import compare, fingerprints, note_key
from langcheck.cli.main import main

NOTE = "Home visit to Sam (8). Mum was aggressive when I arrived.\nThe LAC review is on Tuesday.\n"


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def prints(text: str) -> dict[str, str]:
    report = langcheck.check(text)
    return {f.rule: p for f, p in zip(report.findings, fingerprints(text, report))}


def test_fingerprints_survive_edits_elsewhere_and_change_with_the_words():
    before = prints(NOTE)
    moved = prints("Added later: the family were all at home.\n\n" + NOTE.replace("Tuesday", "Friday"))
    assert moved["L013"] == before["L013"]                          # a paragraph above, another sentence edited
    assert prints(NOTE.replace("aggressive when", "AGGRESSIVE  when"))["L013"] == before["L013"]  # case, spacing
    assert prints(NOTE.replace("Mum was aggressive", "Dad was aggressive"))["L013"] != before["L013"]
    assert prints(NOTE.replace("LAC review", "LAC reviews"))["J002"] != before["J002"]
    assert before["L013"].startswith("L013:") and len(before["L013"]) == len("L013:") + 16
    assert note_key("notes/a.txt", Path("."), None) == "notes/a.txt"
    assert note_key("export.csv", Path("."), "n1", by_id=True) == "#n1"
    assert note_key("export.csv", Path("."), "row 3", by_id=True) == "export.csv#row 3"   # no id: by row


def test_cli_baseline_reports_only_new_findings(tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "a.txt").write_text(NOTE, encoding="utf-8")
    (notes / "b.txt").write_text("Dad was hostile.\n", encoding="utf-8")
    first = json.loads(run("--format", "json", "notes").stdout)
    total = sum(len(f["findings"]) for f in first["files"])
    written = run("--baseline", "reviewed.json", "--write-baseline", "notes")
    assert written.exit_code == 0 and f"recorded {total} findings as reviewed" in written.stderr
    stored = (tmp_path / "reviewed.json").read_text(encoding="utf-8")
    assert "aggressive" not in stored and "LAC" not in stored and "notes/a.txt" in stored   # hashes, not text
    again = run("--baseline", "reviewed.json", "notes")
    assert again.exit_code == 0 and again.stdout.startswith(f"0 findings in 2 files; {total} reviewed findings")
    # Edits elsewhere keep the reviewed findings hidden; a new label, or the same words used a
    # second time, is reported.
    (notes / "a.txt").write_text("Phone call first.\n" + NOTE + "Mum was aggressive when I left. Dad was hostile.\n",
                                 encoding="utf-8")
    doc = json.loads(run("--format", "json", "--baseline", "reviewed.json", "notes").stdout)
    new = [(f["rule"], f["text"]) for f in doc["files"][0]["findings"]]
    assert ("L013", "aggressive") in new and ("L014", "hostile") in new and ("J002", "LAC review") not in new
    assert doc["files"][0]["summary"]["findings"] == len(new)       # the summary counts what is shown
    assert all(f["rule"] not in ("L014",) for f in doc["files"][1]["findings"])   # b.txt still reviewed
    # The config file can name it; --write-baseline for one note keeps the others' entries.
    (tmp_path / ".langcheck.yaml").write_text("baseline: reviewed.json\n", encoding="utf-8")
    assert run("--write-baseline", "notes/a.txt").exit_code == 0
    assert run("notes").stdout.startswith("0 findings in 2 files")
    assert "baseline" in run("config").stdout and "reviewed.json" in run("config").stdout
    missing = run("--baseline", "absent.json", "notes")
    assert missing.exit_code == 2 and "absent.json: no such baseline file" in missing.stderr
    (tmp_path / ".langcheck.yaml").unlink()
    usage = run("--write-baseline", "notes")
    assert usage.exit_code == 2 and "--write-baseline needs a file" in usage.output


def audit(tmp_path: Path, out: str, *paths: Path, **kw) -> dict:
    run_audit(AuditOptions(paths=tuple(str(p) for p in paths), out=str(tmp_path / out), workers=1, progress=False,
                           **kw))
    return json.loads((tmp_path / out / "summary.json").read_text(encoding="utf-8"))


def test_an_audit_compares_with_the_previous_one(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(NOTE, encoding="utf-8")                            # L013, J002 ...
    (d / "b.txt").write_text("Dad was hostile. Respite was agreed.\n", encoding="utf-8")
    (d / "gone.txt").write_text("Mum was non-compliant.\n", encoding="utf-8")
    (tmp_path / "q1.csv").write_text("id,text\nn1,Mum was aggressive at the LAC review.\n", encoding="utf-8")
    first = audit(tmp_path, "q1", d, tmp_path / "q1.csv", columns=Columns(id="id"))
    assert "baseline" not in first                                     # nothing to compare with
    base = json.loads((tmp_path / "q1" / "baseline.json").read_text(encoding="utf-8"))
    assert set(base["notes"]) == {"../in/a.txt", "../in/b.txt", "../in/gone.txt", "#n1"}

    (d / "a.txt").write_text("A line added at the top.\n" + NOTE.replace("The LAC review is on Tuesday.", "Dad was "
                             "hostile."), encoding="utf-8")                   # J002 resolved, L014 new
    (d / "gone.txt").unlink()                                            # not in this audit: not "resolved"
    (tmp_path / "q2.csv").write_text("id,text\nn1,Mum was aggressive at the LAC review.\n", encoding="utf-8")
    second = audit(tmp_path, "q2", d, tmp_path / "q2.csv", columns=Columns(id="id"),
                   baseline=str(tmp_path / "q1"))
    c = second["baseline"]
    old_a, new_a = prints(NOTE), prints("A line added at the top.\n" + NOTE.replace("The LAC review is on Tuesday.",
                                                                                     "Dad was hostile."))
    resolved = len(set(old_a) - set(new_a))
    assert c["by_rule"]["L014"]["new"] == 1 and c["by_rule"]["J002"]["resolved"] == 1
    assert c["by_rule"]["L013"] == {"new": 0, "still_present": 2, "resolved": 0}   # a.txt, and n1 in a renamed export
    assert c["new"] == len(set(new_a) - set(old_a)) and c["resolved"] == resolved
    assert c["previous_notes_not_in_this_audit"] == 1 and c["their_findings"] >= 1
    assert c["previous"] == str(tmp_path / "q1" / "baseline.json")
    page = (tmp_path / "q2" / "report.html").read_text(encoding="utf-8")
    assert "Since the previous audit" in page and f"{c['new']:,}</b><span>new findings" in page
    with pytest.raises(Exception, match="no such baseline file"):
        audit(tmp_path, "q3", d, baseline=str(tmp_path / "nowhere"))


def test_a_dismissed_finding_stays_dismissed_in_the_service():
    from langcheck.service.main import create_app
    from langcheck.service.settings import Settings, get_settings

    with TestClient(create_app(Settings())) as client:
        client.app.dependency_overrides[get_settings] = lambda: Settings(block_on=["L013"])
        first = client.post("/v1/check", json={"text": NOTE}).json()
        assert first["decision"] == "block" and first["blocking"] == ["L013"]
        assert len(first["fingerprints"]) == len(first["findings"]) and first["dismissed"] == []
        fp = first["fingerprints"][[f["rule"] for f in first["findings"]].index("L013")]
        # The recording system keeps the fingerprint with the note; the writer edits another
        # sentence and saves again.
        edited = NOTE.replace("Tuesday", "Friday")
        second = client.post("/v1/check", json={"text": edited, "dismissed": [fp]}).json()
        assert "L013" not in {f["rule"] for f in second["findings"]}
        assert second["decision"] == "warn" and second["blocking"] == [] and second["dismissed"] == [fp]
        assert second["summary"]["findings"] == len(second["findings"]) == len(first["findings"]) - 1
        # The same words said again elsewhere are a new finding.
        twice = client.post("/v1/check", json={"text": edited + "Mum was aggressive when I arrived.",
                                                "dismissed": [fp]}).json()
        assert twice["decision"] == "block"
        bad = client.post("/v1/check", json={"text": NOTE, "dismissed": ["not a fingerprint"]})
        assert bad.status_code == 422


def test_compare_counts():
    c = compare({"a": ["X:1", "X:1", "Y:2"], "gone": ["Z:3"]}, {"a": ["X:1", "W:4"], "new": ["W:4"]})
    assert (c["new"], c["still_present"], c["resolved"]) == (2, 1, 2)
    assert c["previous_notes_not_in_this_audit"] == 1 and c["their_findings"] == 1
    assert c["by_rule"]["X"] == {"new": 0, "still_present": 1, "resolved": 1}
