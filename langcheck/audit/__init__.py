"""Batch audit: thousands of exported notes in, findings.csv, summary.json and report.html out.

    >>> from langcheck.audit import AuditOptions, run_audit
    >>> result = run_audit(AuditOptions(paths=("exports/",), out="audit-out"))  # doctest: +SKIP

Built on the one core, `langcheck.check_many`: this package only reads inputs, sends them to
the checker in batches (in this process, a process pool or a Dask cluster), keeps progress in
SQLite so a run can resume, and aggregates the results.
"""
from .engines import EngineError
from .readers import Columns
from .run import AuditError, AuditOptions, AuditResult, run_audit

__all__ = ["AuditError", "AuditOptions", "AuditResult", "Columns", "EngineError", "run_audit"]
