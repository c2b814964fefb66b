"""The audit's progress store: one SQLite file in the output folder.

Every checked (or skipped) note is a row keyed by (source, ordinal); every source carries the
fingerprint (size, mtime, SHA-256) it was read with. A rerun skips sources whose fingerprint
still matches and notes already stored, and re-checks a source that changed. The outputs are
always regenerated from this store in a sorted order, so an interrupted-then-resumed audit
writes the same bytes as an uninterrupted one.
"""
from __future__ import annotations

import json
import sqlite3
from typing import Any, Iterator

SCHEMA_VERSION = "1"

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sources (
    key TEXT PRIMARY KEY, display TEXT NOT NULL, fingerprint TEXT NOT NULL,
    complete INTEGER NOT NULL DEFAULT 0, run INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS notes (
    source TEXT NOT NULL, ordinal INTEGER NOT NULL, note_id TEXT NOT NULL,
    status TEXT NOT NULL, kind TEXT, reason TEXT, meta TEXT NOT NULL DEFAULT '{}',
    words INTEGER NOT NULL DEFAULT 0, score INTEGER NOT NULL DEFAULT 0, result TEXT,
    PRIMARY KEY (source, ordinal));
"""


class Store:
    def __init__(self, path: str, settings: dict[str, Any]):
        self.path = path
        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)
        wanted = json.dumps({"schema": SCHEMA_VERSION, **settings}, sort_keys=True)
        row = self.db.execute("SELECT value FROM meta WHERE key='settings'").fetchone()
        self.restarted = row is not None and row[0] != wanted
        self.resumed = row is not None and not self.restarted
        if row is None or self.restarted:
            # Different settings (rules, columns, --no-text): earlier results do not apply.
            self.db.executescript("DELETE FROM notes; DELETE FROM sources; DELETE FROM meta;")
            self.db.execute("INSERT INTO meta VALUES ('settings', ?)", (wanted,))
        run = self.db.execute("SELECT value FROM meta WHERE key='run'").fetchone()
        self.run = int(run[0]) + 1 if run else 1
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('run', ?)", (str(self.run),))

    # -- sources ----------------------------------------------------------------------------
    def begin_source(self, key: str, display: str, fingerprint: str) -> tuple[bool, set[int]]:
        """Mark a source as part of this run; returns (already complete, ordinals done)."""
        row = self.db.execute("SELECT fingerprint, complete FROM sources WHERE key=?", (key,)).fetchone()
        if row and row[0] == fingerprint:
            self.db.execute("UPDATE sources SET run=?, display=? WHERE key=?", (self.run, display, key))
            if row[1]:
                return True, set()
            done = {r[0] for r in self.db.execute("SELECT ordinal FROM notes WHERE source=?", (key,))}
            return False, done
        with self.db:
            self.db.execute("BEGIN")
            self.db.execute("DELETE FROM notes WHERE source=?", (key,))
            self.db.execute("INSERT OR REPLACE INTO sources VALUES (?, ?, ?, 0, ?)", (key, display, fingerprint, self.run))
        return False, set()

    def complete_source(self, key: str) -> None:
        self.db.execute("UPDATE sources SET complete=1 WHERE key=?", (key,))

    def forget_unseen(self) -> None:
        """Drop sources that are not part of this run (removed files, other paths)."""
        with self.db:
            self.db.execute("BEGIN")
            self.db.execute("DELETE FROM notes WHERE source IN (SELECT key FROM sources WHERE run<>?)", (self.run,))
            self.db.execute("DELETE FROM sources WHERE run<>?", (self.run,))

    # -- notes ------------------------------------------------------------------------------
    def add(self, rows: list[tuple]) -> None:
        """rows: (source, ordinal, note_id, status, kind, reason, meta_json, words, score, result_json)."""
        with self.db:
            self.db.execute("BEGIN")
            self.db.executemany("INSERT OR REPLACE INTO notes VALUES (?,?,?,?,?,?,?,?,?,?)", rows)

    def notes(self) -> Iterator[tuple]:
        """All notes of this run in output order: (display, ordinal, note_id, status, kind, reason,
        meta, words, score, result)."""
        return self.db.execute(
            "SELECT s.display, n.ordinal, n.note_id, n.status, n.kind, n.reason, n.meta, n.words, n.score, n.result "
            "FROM notes n JOIN sources s ON s.key = n.source WHERE s.run=? ORDER BY s.display, s.key, n.ordinal",
            (self.run,))

    def most_in_need(self, limit: int) -> list[tuple]:
        return self.db.execute(
            "SELECT s.display, n.ordinal, n.note_id, n.meta, n.words, n.score, n.result "
            "FROM notes n JOIN sources s ON s.key = n.source WHERE s.run=? AND n.status='checked' AND n.score>0 "
            "ORDER BY n.score DESC, s.display, s.key, n.ordinal LIMIT ?", (self.run, limit)).fetchall()

    def close(self) -> None:
        self.db.close()
