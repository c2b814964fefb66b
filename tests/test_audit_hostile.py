"""The audit under hostile exports (issue 17): expansion bombs, slow documents, huge rows,
links out of the folder, its own output folder as input, a symlinked lock, formulas in CSV."""
from __future__ import annotations

import csv
import io
import zipfile

import pytest

from langcheck.audit import AuditError, AuditOptions, Columns, readers, run_audit
from test_audit import VISIT, audit, docx_bytes, minimal_pdf, reasons


def _docx_with_body(body_xml: bytes) -> bytes:
    """A real .docx whose word/document.xml body is replaced."""
    src = zipfile.ZipFile(io.BytesIO(docx_bytes(["x"])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for entry in src.infolist():
            data = src.read(entry)
            if entry.filename == "word/document.xml":
                head, _, rest = data.partition(b"<w:body>")
                data = head + b"<w:body>" + body_xml + b"</w:body></w:document>"
            z.writestr(entry.filename, data)
    return out.getvalue()


def test_docx_bombs_are_failed_inputs_with_a_reason_and_the_audit_finishes(tmp_path) -> None:
    # Issue 17: a 1 MB .docx expanding to 1 GB peaked at 2.1 GiB; 177 KB of a million paragraphs
    # became a 30M-character note and the audit never finished. Scaled down, same shapes.
    d = tmp_path / "in"
    d.mkdir()
    (d / "inflates.docx").write_bytes(_docx_with_body(b"<w:p/>" + b" " * (readers.DOCX_MAX_XML + 1024)))
    (d / "paragraphs.docx").write_bytes(_docx_with_body(b"<w:p><w:r><w:t>a</w:t></w:r></w:p>" * 60_000))
    (d / "visit.txt").write_text(VISIT, encoding="utf-8")
    assert (d / "inflates.docx").stat().st_size < 100_000
    summary, rows, _ = audit(tmp_path, d)
    why = reasons(summary)
    assert why["inflates.docx"][0] == "failed" and "expands to" in why["inflates.docx"][1]
    assert why["paragraphs.docx"][0] == "failed" and "paragraphs" in why["paragraphs.docx"][1]
    assert summary["notes"] == {"checked": 1, "skipped": 0, "failed": 2}
    assert {r["source"] for r in rows} == {str(d / "visit.txt")}


def test_extracted_text_over_the_character_budget_is_a_failed_input(tmp_path, monkeypatch) -> None:
    # A 6.6 KB PDF of repeated content streams became 10M characters: extraction stops at the budget.
    monkeypatch.setattr(readers, "MAX_NOTE_CHARS", 100)
    d = tmp_path / "in"
    d.mkdir()
    (d / "long.pdf").write_bytes(minimal_pdf("The LAC review was held. " * 8))
    (d / "long.txt").write_text("The LAC review was held. " * 8, encoding="utf-8")
    (d / "short.txt").write_text("The LAC review.", encoding="utf-8")
    summary, _, _ = audit(tmp_path, d)
    why = reasons(summary)
    assert why["long.pdf"] == ("failed", why["long.pdf"][1]) and "100 characters" in why["long.pdf"][1]
    assert why["long.txt"][0] == "failed" and summary["notes"]["checked"] == 1


def test_a_document_that_reads_for_too_long_is_stopped(tmp_path, monkeypatch) -> None:
    def endless(data: bytes) -> str:
        while True:
            pass

    monkeypatch.setattr(readers, "_docx_text", endless)
    monkeypatch.setattr("langcheck.audit.work.EXTRACT_SECONDS", 0.3)
    d = tmp_path / "in"
    d.mkdir()
    (d / "slow.docx").write_bytes(docx_bytes(["Home visit."]))
    (d / "visit.txt").write_text(VISIT, encoding="utf-8")
    summary, _, _ = audit(tmp_path, d)
    assert reasons(summary)["slow.docx"][0] == "failed" and "took over 0.3 s" in reasons(summary)["slow.docx"][1]
    assert summary["notes"]["checked"] == 1


def test_a_jsonl_row_over_the_limit_is_failed_without_being_read_whole(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(readers, "MAX_ROW_BYTES", 1000)
    export = tmp_path / "export.jsonl"
    export.write_text('{"id": "a", "text": "The LAC review."}\n'
                      '{"id": "b", "text": "' + "x" * 5000 + '"}\n'
                      '{"id": "c", "text": "Mum was aggressive."}\n', encoding="utf-8")
    summary, rows, _ = audit(tmp_path, export, columns=Columns(id="id"))
    assert {r["note_id"] for r in rows} == {"a", "c"}
    assert summary["notes"] == {"checked": 2, "skipped": 0, "failed": 1}
    assert "over 1,000 bytes" in summary["not_checked"][0]["reason"]


def test_links_out_of_the_folder_are_not_followed(tmp_path) -> None:
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("The LAC review of someone else's child.", encoding="utf-8")
    d = tmp_path / "in"
    d.mkdir()
    (d / "visit.txt").write_text(VISIT, encoding="utf-8")
    (d / "inside-link.txt").symlink_to(d / "visit.txt")
    (d / "escape.txt").symlink_to(outside)
    summary, rows, _ = audit(tmp_path, d)
    assert reasons(summary)["escape.txt"][0] == "skipped"
    assert not any("someone else" in (r.get("text") or "") or r["source"].endswith("escape.txt") for r in rows)


def test_out_may_not_be_the_folder_audited(tmp_path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "visit.txt").write_text(VISIT, encoding="utf-8")
    with pytest.raises(AuditError, match="is the folder being audited"):
        run_audit(AuditOptions(paths=(str(d),), out=str(d), workers=1, progress=False))
    assert not (d / "findings.csv").exists()


def test_a_symlinked_lock_is_refused_not_followed(tmp_path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "visit.txt").write_text(VISIT, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    target = tmp_path / "victim"
    (out / ".lock").symlink_to(target)
    with pytest.raises(AuditError, match="symbolic link"):
        run_audit(AuditOptions(paths=(str(d),), out=str(out), workers=1, progress=False))
    assert not target.exists()


def test_findings_csv_never_starts_a_formula(tmp_path) -> None:
    # Issue 17: ids, metadata and matched text starting with = + - @ went out verbatim, and a
    # bare CR in a cell split the row and started a new one with a formula.
    export = tmp_path / "export.csv"
    with open(export, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "author", "team", "text"])
        w.writerow(["=HYPERLINK(\"http://x\",\"a\")", "\r=1+1", "@SUM(A1)", "The LAC review is on Tuesday."])
        w.writerow(["+1", "-2", " =3", "Mum was aggressive."])
    summary, _, _ = audit(tmp_path, export, columns=Columns(id="id", meta=("author", "team")))
    raw = (tmp_path / "out" / "findings.csv").read_bytes()
    with open(tmp_path / "out" / "findings.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert len(rows) - 1 == summary["findings"] >= 2  # no row split by a bare CR
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), row
    assert b"\"'\r=1+1\"" in raw  # the CR inside a quoted cell, after the apostrophe
    assert any(cell == "'=HYPERLINK(\"http://x\",\"a\")" for row in rows for cell in row)


def test_the_cli_reads_a_document_within_the_same_budgets(tmp_path, monkeypatch) -> None:
    # The CLI reads .docx and .pdf through the audit's readers, which now hand a document over
    # unread: the CLI reads it itself, within the byte, character and time budgets.
    from click.testing import CliRunner

    from langcheck.cli.main import main

    (tmp_path / "inflates.docx").write_bytes(_docx_with_body(b"<w:p/>" + b" " * (readers.DOCX_MAX_XML + 1024)))
    (tmp_path / "visit.docx").write_bytes(docx_bytes(["Home visit to Ava.", "Dad was aggressive when I arrived."]))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["--format", "json", "inflates.docx", "visit.docx"])
    assert "inflates.docx: " in result.stderr and "expands to" in result.stderr
    assert result.exit_code == 2 and "L013" in result.stdout
