"""Audit faults: the disk fills while results or outputs are written, an input is deleted or
changed mid-run, two audits start into the same --out. Never a corrupt output, never a lost
result: an audit that cannot finish says so clearly (AuditError, exit 2), leaves the earlier
outputs whole, and the same command run again finishes the job."""
from __future__ import annotations

import csv
import errno
import fcntl
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from langcheck.audit import AuditError, AuditOptions, run_audit
from langcheck.audit import outputs as audit_outputs
from langcheck.audit import readers
from langcheck.audit.store import Store

OUTPUTS = ("findings.csv", "summary.json", "report.html")
NOTES = {
    "a.txt": "Home visit to Tyler (8). Mum was non-compliant and the LAC review is on Tuesday.",
    "b.txt": "Phone call with school about Kacey. Attendance is 91% this term.",
    "c.txt": "Home visit to Ava (6). Contact with Dad was agreed. Ava appeared tired.",
    "d.txt": "Home visit to Leo (4). Leo was manipulative at tea time.",
}


def options(inp: Path, out: Path) -> AuditOptions:
    return AuditOptions(paths=(str(inp),), out=str(out), workers=1, progress=False, batch_size=1)


def make_inputs(tmp_path: Path, notes: dict[str, str] = NOTES) -> Path:
    d = tmp_path / "in"
    d.mkdir(exist_ok=True)
    for name, text in notes.items():
        (d / name).write_text(text, encoding="utf-8")
    return d


def outputs_of(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def assert_whole(out: Path) -> None:
    """Every output parses, and no temporary file is left beside them."""
    json.loads((out / "summary.json").read_text(encoding="utf-8"))
    with open(out / "findings.csv", newline="", encoding="utf-8") as fh:
        list(csv.DictReader(fh))
    assert (out / "report.html").read_text(encoding="utf-8").rstrip().endswith("</html>")
    assert not [p.name for p in out.iterdir() if p.name.endswith(".tmp")]


def rows(out: Path) -> list[tuple]:
    with open(out / "findings.csv", newline="", encoding="utf-8") as fh:
        return sorted((Path(r["source"]).name, r["rule"], r["start"]) for r in csv.DictReader(fh))


def enospc(*_a, **_k):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> list[tuple]:
    """The findings of one uninterrupted audit of all four notes."""
    tmp = tmp_path_factory.mktemp("ref")
    run_audit(options(make_inputs(tmp), tmp / "out"))
    return rows(tmp / "out")


@pytest.mark.parametrize("where", ["replace", "fsync"])
def test_disk_full_while_writing_outputs(tmp_path, monkeypatch, reference, where):
    inp = make_inputs(tmp_path, {k: NOTES[k] for k in ("a.txt", "b.txt")})
    out = tmp_path / "out"
    run_audit(options(inp, out))
    before = outputs_of(out)
    make_inputs(tmp_path)  # two more notes for the next run
    calls = {"n": 0}
    real = getattr(os, where)

    def second_fails(*a, **k):  # findings.csv goes through, summary.json hits a full disk
        calls["n"] += 1
        return enospc() if calls["n"] == 2 else real(*a, **k)

    monkeypatch.setattr(audit_outputs.os, where, second_fails)
    with pytest.raises(AuditError, match="No space left on device") as err:
        run_audit(options(inp, out))
    assert "rerun" in str(err.value)
    monkeypatch.undo()
    assert_whole(out)
    # Each output is the old file or the new one, never part of either.
    assert (out / "summary.json").read_bytes() == before["summary.json"]
    # Nothing lost: the results are in the store, so the rerun writes all four notes.
    run_audit(options(inp, out))
    assert_whole(out)
    assert rows(out) == reference


def test_disk_full_while_storing_results(tmp_path, monkeypatch, reference):
    inp = make_inputs(tmp_path)
    out = tmp_path / "out"
    calls = {"n": 0}
    real_add = Store.add

    def add(self, batch):
        calls["n"] += 1
        if calls["n"] == 3:
            raise sqlite3.OperationalError("database or disk is full")
        return real_add(self, batch)

    monkeypatch.setattr(Store, "add", add)
    with pytest.raises(AuditError, match="disk is full") as err:
        run_audit(options(inp, out))
    assert "rerun" in str(err.value)
    monkeypatch.undo()
    result = run_audit(options(inp, out))
    assert result.resumed and 0 < result.new_notes < 4
    assert_whole(out)
    assert rows(out) == reference


def test_input_deleted_or_changed_mid_run(tmp_path, monkeypatch):
    inp = make_inputs(tmp_path)
    out = tmp_path / "out"
    real_read = readers.read

    def read(source, columns):
        if source.display.endswith("a.txt"):
            (inp / "c.txt").unlink()  # deleted before the audit reaches it
        if source.display.endswith("d.txt"):  # changed after its fingerprint was taken
            (inp / "d.txt").write_text("Home visit to Leo (4). Dad was aggressive.", encoding="utf-8")
        yield from real_read(source, columns)

    monkeypatch.setattr(readers, "read", read)
    run_audit(options(inp, out))
    monkeypatch.undo()
    assert_whole(out)
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    # The deleted note is not lost silently: it is listed as not checked, with the reason.
    gone = [x for x in summary["not_checked"] if x["source"].endswith("c.txt")]
    assert gone and gone[0]["status"] == "failed" and "No such file" in gone[0]["reason"]
    assert summary["notes"]["checked"] == 3
    # The changed note was checked as it was read; a rerun checks it again as it is now.
    assert ("d.txt", "L013") in {(s, r) for s, r, _ in rows(out)}  # aggressive
    result = run_audit(options(inp, out))
    assert result.new_notes == 1
    assert ("d.txt", "L013") in {(s, r) for s, r, _ in rows(out)}
    assert ("d.txt", "L010") not in {(s, r) for s, r, _ in rows(out)}


def test_two_audits_into_the_same_out_at_once(tmp_path, reference):
    many = {f"n{i:03d}.txt": NOTES["abcd"[i % 4] + ".txt"] for i in range(120)}
    inp = make_inputs(tmp_path, many)
    out = tmp_path / "out"
    first = subprocess.Popen([sys.executable, "-m", "langcheck", "audit", str(inp), "--out", str(out),
                              "--workers", "1", "--no-progress"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    try:
        deadline = time.monotonic() + 120
        while True:  # wait until the first audit holds the lock
            assert first.poll() is None, first.communicate()
            assert time.monotonic() < deadline
            if (out / ".lock").exists():
                with open(out / ".lock", "a") as fh:
                    try:
                        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                        fcntl.flock(fh, fcntl.LOCK_UN)
                    except OSError:
                        break
            time.sleep(0.05)
        # Paused while it holds the lock, so it cannot finish before the second one starts
        # (120 short notes take well under the second process's start-up time).
        first.send_signal(signal.SIGSTOP)
        try:
            second = subprocess.run([sys.executable, "-m", "langcheck", "audit", str(inp), "--out", str(out),
                                     "--workers", "1", "--no-progress"], capture_output=True, text=True, timeout=120)
        finally:
            first.send_signal(signal.SIGCONT)
        assert second.returncode == 2
        assert "another langcheck audit is already writing" in second.stderr
        _, err = first.communicate(timeout=300)
    finally:
        if first.poll() is None:
            first.kill()
    assert first.returncode == 0, err
    assert_whole(out)
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["notes"]["checked"] == 120
