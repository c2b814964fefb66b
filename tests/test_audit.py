"""`langcheck audit`: every input kind, broken inputs, resume after kill -9, the lock, --no-text,
and the Dask engine giving the same findings as the local one."""
from __future__ import annotations

import csv
import fcntl
import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from langcheck.audit import AuditError, AuditOptions, Columns, run_audit
from langcheck.audit.outputs import month_of

ROOT = Path(__file__).resolve().parent.parent
OUTPUTS = ("findings.csv", "summary.json", "report.html")

VISIT = "Home visit to Tyler (8). Mum was non-compliant and the LAC review is on Tuesday."
PHONE = "Phone call with school about Kacey. Attendance is 91% this term."


def minimal_pdf(text: str) -> bytes:
    """A one-page PDF with a text layer, written by hand (correct xref offsets)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def encrypted_pdf(text: str) -> bytes:
    import io

    import pypdf

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(minimal_pdf(text))))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def docx_bytes(paragraphs: list[str]) -> bytes:
    import io

    import docx

    document = docx.Document()
    for p in paragraphs:
        document.add_paragraph(p)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Next steps"
    table.rows[0].cells[1].text = "Core group on Friday"
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def audit(tmp_path: Path, *paths: str, **kw) -> tuple[dict, list[dict], str]:
    out = tmp_path / kw.pop("out", "out")
    run_audit(AuditOptions(paths=tuple(str(p) for p in paths), out=str(out), workers=kw.pop("workers", 1),
                           progress=False, **kw))
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    with open(out / "findings.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return summary, rows, (out / "report.html").read_text(encoding="utf-8")


def reasons(summary: dict) -> dict[str, tuple[str, str]]:
    return {Path(x["source"]).name + ("" if x["note_id"] == x["source"] else f"#{x['note_id']}"):
            (x["status"], x["reason"]) for x in summary["not_checked"]}


def test_each_input_kind(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "visit.txt").write_text(VISIT, encoding="utf-8")
    (d / "phone.md").write_text("# " + PHONE, encoding="utf-8")
    (d / "visit.docx").write_bytes(docx_bytes(["Home visit to Ava.", "Dad was aggressive when I arrived."]))
    (d / "visit.pdf").write_bytes(minimal_pdf("Home visit. Mum presented as hostile."))
    (d / "locked.pdf").write_bytes(encrypted_pdf("Home visit. The LAC review is due."))
    (d / "export.csv").write_text(
        "note_id,team,date,text\n"
        "n1,North,2024-01-05,\"Visit to Sam. Dad was aggressive.\nSam said \"\"I like my school\"\".\"\n"
        "n2,South,05/02/2024,Home visit. Mum was non-compliant.\n"
        "n3,South,2024-02-10,\n", encoding="utf-8")
    (d / "export.jsonl").write_text(
        json.dumps({"note_id": "j1", "team": "North", "date": "2024-03-01", "text": "The LAC review was held."}) + "\n"
        "\n" + json.dumps({"note_id": "j2", "team": "North", "date": "2024-03-09", "text": PHONE}) + "\n",
        encoding="utf-8")
    summary, rows, page = audit(tmp_path, d, columns=Columns(id="note_id", meta=("team",), date="date"))

    by_source = {}
    for r in rows:
        by_source.setdefault((Path(r["source"]).name, r["note_id"]), set()).add(r["rule"])
    assert "J002" in by_source[("visit.txt", str(d / "visit.txt"))]
    assert "L013" in by_source[("visit.docx", str(d / "visit.docx"))]      # python-docx paragraphs
    assert "L014" in by_source[("visit.pdf", str(d / "visit.pdf"))]        # the PDF's text layer
    assert "L013" in by_source[("export.csv", "n1")]                       # a multi-line quoted CSV cell
    assert "J002" in by_source[("export.jsonl", "j1")]
    assert summary["notes"] == {"checked": 8, "skipped": 2, "failed": 0}
    why = reasons(summary)
    assert why["locked.pdf"][0] == "skipped" and "encrypted" in why["locked.pdf"][1]
    assert why["export.csv#n3"][0] == "skipped" and "empty" in why["export.csv#n3"][1]
    # Offsets index the note as read.
    note = "Visit to Sam. Dad was aggressive.\nSam said \"I like my school\"."
    hit = next(r for r in rows if r["note_id"] == "n1" and r["rule"] == "L013")
    assert note[int(hit["start"]):int(hit["end"])] == hit["text"] == "aggressive"
    assert hit["team"] == "North" and hit["date"] == "2024-01-05"
    # Breakdowns by metadata column and by month (ISO and UK dates).
    assert set(summary["by_metadata"]["team"]) == {"North", "South", "(not recorded)"}  # files have no team
    assert list(summary["by_month"]) == ["2024-01", "2024-02", "2024-03"]
    assert summary["words"] > 0 and summary["findings"] == len(rows)
    # The report links each finding's rule to its explanation on the same page.
    assert 'href="#rule-L013"' in page and 'id="rule-L013"' in page
    assert "<script" not in page and "http://" not in page.split("</style>")[0]


def test_broken_inputs_are_listed_and_never_stop_the_run(tmp_path):
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    (d / "good.txt").write_text(VISIT, encoding="utf-8")
    (d / "sub" / "good2.txt").write_text(PHONE, encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    (d / "blank.md").write_text("  \n\n", encoding="utf-8")
    (d / "binary.txt").write_bytes(b"\x00\x01\x02\x03 not text" * 10)
    (d / "latin1.txt").write_bytes("Caf\xe9 visit".encode("latin-1"))
    (d / "broken.docx").write_bytes(b"PK\x03\x04 this is no zip")
    (d / "broken.pdf").write_bytes(b"%PDF-1.4\n garbage with no objects")
    (d / "scan.pdf").write_bytes(minimal_pdf(""))
    (d / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (d / "nocol.csv").write_text("id,body\n1,Home visit.\n", encoding="utf-8")
    (d / "rows.jsonl").write_text('{"text": "Home visit to Leon."}\nnot json\n[1, 2]\n', encoding="utf-8")
    (d / ".hidden.txt").write_text(VISIT, encoding="utf-8")
    summary, rows, page = audit(tmp_path, d, tmp_path / "missing.txt")
    why = reasons(summary)
    assert {k: v[0] for k, v in why.items()} == {
        "empty.txt": "skipped", "blank.md": "skipped", "binary.txt": "failed", "latin1.txt": "failed",
        "broken.docx": "failed", "broken.pdf": "failed", "scan.pdf": "skipped", "photo.png": "skipped",
        "nocol.csv": "failed", "rows.jsonl#line 2": "failed", "rows.jsonl#line 3": "failed", "missing.txt": "failed"}
    assert "binary" in why["binary.txt"][1] and "UTF-8" in why["latin1.txt"][1]
    assert "no text layer" in why["scan.pdf"][1] and "--text-column" in why["nocol.csv"][1]
    assert summary["notes"]["checked"] == 3
    assert summary["not_checked_reasons"]["failed"]["binary"] == 1
    assert {Path(r["source"]).name for r in rows} >= {"good.txt", "rows.jsonl"}
    assert "Inputs not checked" in page and "broken.docx" in page


def test_no_text_leaves_every_excerpt_out(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(VISIT, encoding="utf-8")
    summary, rows, page = audit(tmp_path, tmp_path / "in", no_text=True)
    assert rows and "text" not in rows[0] and "message" not in rows[0]
    for output in OUTPUTS:
        content = (tmp_path / "out" / output).read_text(encoding="utf-8")
        assert "Tyler" not in content and "LAC review is" not in content and "non-compliant and" not in content
    con = sqlite3.connect(tmp_path / "out" / "audit-progress.sqlite")
    assert "Tyler" not in " ".join(str(r) for r in con.execute("SELECT * FROM notes"))


def test_changed_input_is_checked_again_and_removed_input_dropped(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(VISIT, encoding="utf-8")
    (d / "b.txt").write_text(PHONE, encoding="utf-8")
    audit(tmp_path, d)
    (d / "a.txt").write_text("Home visit. Dad was aggressive.", encoding="utf-8")
    (d / "b.txt").unlink()
    summary, rows, _ = audit(tmp_path, d)
    assert {r["rule"] for r in rows if r["source"].endswith("a.txt")} >= {"L013"}
    assert "J002" not in {r["rule"] for r in rows}
    assert summary["notes"]["checked"] == 1


def test_second_audit_into_the_same_folder_refuses(tmp_path):
    (tmp_path / "in.txt").write_text(VISIT, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    with open(out / ".lock", "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        with pytest.raises(AuditError, match="already writing"):
            run_audit(AuditOptions(paths=(str(tmp_path / "in.txt"),), out=str(out), workers=1, progress=False))
        proc = subprocess.run([sys.executable, "-m", "langcheck", "audit", str(tmp_path / "in.txt"), "--out", str(out)],
                              capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "already writing" in proc.stderr


def test_cli_exit_codes(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "langcheck", "audit", str(tmp_path / "nothing"), "--out",
                           str(tmp_path / "out")], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "no such file" in proc.stderr


def test_month_of():
    assert month_of("2024-03-05") == month_of("2024-03-05T10:00:00Z") == month_of("05/03/2024") == "2024-03"
    assert month_of("yesterday") is None and month_of("2024-13-01") is None and month_of(None) is None


def test_audit_never_imports_the_cli_or_the_service():
    for path in (ROOT / "langcheck" / "audit").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert "langcheck.cli" not in source and "langcheck.service" not in source, path


# -- kill -9, resume, engines ---------------------------------------------------------------------

def sixty_notes(folder: Path) -> None:
    folder.mkdir()
    heads = ["Home visit to", "Phone call about", "Direct work with", "Supervised contact for"]
    body = ["Mum was non-compliant.", "The LAC review is next week.", "Dad presented as hostile.",
            "{c} said \"I like my bedroom\".", "School reports good attendance.", "Mum has engaged well with the plan."]
    names = ["Tyler", "Ava", "Leon", "Amira", "Kai", "Ruby"]
    with open(folder / "export.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "team", "date", "text"])
        for i in range(48):
            c = names[i % 6]
            text = f"{heads[i % 4]} {c}. " + " ".join(body[(i + k) % 6].format(c=c) for k in range(1 + i % 4))
            w.writerow([f"r{i:03d}", ["North", "South", "East"][i % 3], f"2024-{1 + i % 6:02d}-1{i % 9}", text])
    for i in range(12):
        (folder / f"note{i:02d}.txt").write_text(f"{heads[i % 4]} {names[i % 6]}. {body[i % 6].format(c=names[i % 6])}",
                                                 encoding="utf-8")


CLI = ["--id-column", "id", "--meta", "team", "--date-column", "date", "--no-progress"]


def cli(tmp_path: Path, out: str, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "langcheck", "audit", "in", "--out", out, *CLI, *extra],
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def stored(db: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.2)
        try:
            return con.execute("SELECT count(*) FROM notes WHERE status='checked'").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def test_kill_9_then_resume_gives_byte_identical_outputs(tmp_path, monkeypatch):
    sixty_notes(tmp_path / "in")
    # The reference: one uninterrupted run, in this process, on the inline engine.
    monkeypatch.chdir(tmp_path)
    run_audit(AuditOptions(paths=("in",), out="clean", columns=Columns(id="id", meta=("team",), date="date"),
                           workers=1, batch_size=4, progress=False))
    # The same audit with two worker processes, killed with SIGKILL once some notes are stored.
    proc = cli(tmp_path, "resumed", "--workers", "2", "--batch-size", "4")
    db = tmp_path / "resumed" / "audit-progress.sqlite"
    deadline = time.monotonic() + 60
    while stored(db) < 8 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert proc.poll() is None, f"finished before it could be killed: {proc.communicate()}"
    proc.send_signal(signal.SIGKILL)  # the audit process only: its workers notice and exit
    proc.wait()
    done_before = stored(db)
    assert 8 <= done_before < 60
    assert not (tmp_path / "resumed" / "findings.csv").exists()
    # The rerun skips the stored notes and ends with the same bytes as the clean run.
    again = cli(tmp_path, "resumed", "--workers", "2", "--batch-size", "4")
    stdout, stderr = again.communicate(timeout=120)
    assert again.returncode == 0, stderr
    assert "(resumed)" in stdout
    newly = int(stdout.split("; ")[1].split()[0])
    assert newly == 60 - done_before
    for name in OUTPUTS:
        assert (tmp_path / "resumed" / name).read_bytes() == (tmp_path / "clean" / name).read_bytes(), name
    # A finished audit rerun checks nothing and rewrites the same bytes.
    run_audit(AuditOptions(paths=("in",), out="clean", columns=Columns(id="id", meta=("team",), date="date"),
                           workers=1, batch_size=7, progress=False))
    for name in OUTPUTS:
        assert (tmp_path / "resumed" / name).read_bytes() == (tmp_path / "clean" / name).read_bytes(), name


def test_dask_engine_on_a_local_cluster_gives_the_same_findings(tmp_path, monkeypatch):
    pytest.importorskip("distributed")
    sixty_notes(tmp_path / "in")
    monkeypatch.chdir(tmp_path)
    cols = Columns(id="id", meta=("team",), date="date")
    run_audit(AuditOptions(paths=("in",), out="local", columns=cols, workers=1, progress=False))
    run_audit(AuditOptions(paths=("in",), out="dask", columns=cols, workers=2, engine="dask", batch_size=8,
                           progress=False))
    for name in OUTPUTS:
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "local" / name).read_bytes(), name


def test_progress_bar_shows_rate_and_time_left(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    for i in range(3):
        (tmp_path / "in" / f"{i}.txt").write_text(VISIT, encoding="utf-8")
    run_audit(AuditOptions(paths=(str(tmp_path / "in"),), out=str(tmp_path / "out"), workers=1, progress=True))
    err = capsys.readouterr().err
    assert "3/3 notes" in err and "notes/s" in err and "ETA" in err


def test_a_dead_worker_stops_the_audit_with_a_resume_hint(tmp_path, monkeypatch):
    from concurrent.futures.process import BrokenProcessPool

    from langcheck.audit import engines

    def broken(self, batches):
        next(iter(batches))
        raise BrokenProcessPool("a child process terminated abruptly")
        yield  # pragma: no cover

    monkeypatch.setattr(engines.InlineEngine, "run", broken)
    (tmp_path / "a.txt").write_text(VISIT, encoding="utf-8")
    with pytest.raises(AuditError, match="rerun the same command"):
        run_audit(AuditOptions(paths=(str(tmp_path / "a.txt"),), out=str(tmp_path / "out"), workers=1, progress=False))
