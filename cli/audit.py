"""`langcheck audit`: thin. It parses flags, calls langcheck.audit.run_audit and picks the
exit code (0 when the audit ran, whatever it found; 2 when it could not run)."""
from __future__ import annotations

import sys

import click

from langcheck import Config

EXIT_RAN, EXIT_ERROR, EXIT_INTERRUPTED = 0, 2, 130


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


@click.command("audit")
@click.argument("paths", nargs=-1, metavar="PATH...")
@click.option("--out", "out", required=True, metavar="DIR",
              help="Folder for findings.csv, summary.json, report.html and the progress store.")
@click.option("--text-column", default="text", show_default=True, help="CSV/JSONL column holding the note.")
@click.option("--id-column", default=None, help="CSV/JSONL column holding the note's id (default: row number).")
@click.option("--meta", "meta", multiple=True, metavar="COL",
              help="Metadata column(s) to break results down by, e.g. --meta team --meta author (or team,author).")
@click.option("--date-column", default=None, metavar="COL", help="Column with the note's date, for the trend by month.")
@click.option("--no-text", is_flag=True, help="Leave every excerpt of the notes out of the outputs.")
@click.option("--workers", type=int, default=0, help="Worker processes (default: all cores).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True)
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Dask scheduler (tcp://host:8786); a local cluster when omitted.")
@click.option("--model", default=None, help="spaCy model to load.")
@click.option("--select", multiple=True, help="Rule ids, names, categories or prefixes to use.")
@click.option("--ignore", multiple=True, help="Rule ids, names, categories or prefixes to leave out.")
@click.option("--batch-size", type=click.IntRange(1, 10_000), default=32, show_default=True,
              help="Notes per batch sent to a worker.")
@click.option("--top", type=click.IntRange(0, 10_000), default=25, show_default=True,
              help="Notes listed in the report's 'most in need of attention' table.")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: on a terminal).")
def audit_command(paths, out, text_column, id_column, meta, date_column, no_text, workers, engine, scheduler,
                  model, select, ignore, batch_size, top, progress) -> None:
    """Audit PATH... (folders of .txt, .md, .docx and .pdf notes; .csv and .jsonl exports with one
    note per row) and write findings.csv, summary.json and report.html to DIR.

    \b
    Rerun the same command to resume after an interruption. Examples:
      langcheck audit notes/ --out audit/
      langcheck audit export.csv --out audit/ --id-column note_id --meta team,author --date-column date
      langcheck audit export.jsonl --out audit/ --engine dask --scheduler tcp://10.0.0.5:8786
    """
    try:  # imported here: `langcheck check` must keep working even if the audit package is missing
        from langcheck.audit import AuditError, AuditOptions, Columns, run_audit
    except ImportError as exc:
        click.echo(f"langcheck audit: this installation has no audit package ({exc})", err=True)
        sys.exit(EXIT_ERROR)
    meta_cols = _split(meta)
    try:
        options = AuditOptions(
            paths=tuple(paths), out=out,
            config=Config(model=model, select=_split(select), ignore=_split(ignore)),
            columns=Columns(text=text_column, id=id_column, meta=meta_cols, date=date_column),
            no_text=no_text, workers=workers, engine=engine, scheduler=scheduler, batch_size=batch_size,
            top=top, progress=progress)
        result = run_audit(options, echo=lambda m: click.echo(m, err=True))
    except AuditError as exc:
        click.echo(f"langcheck audit: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    except KeyboardInterrupt:
        click.echo("\nlangcheck audit: interrupted; rerun the same command to resume", err=True)
        sys.exit(EXIT_INTERRUPTED)
    s = result.summary
    click.echo(f"Checked {result.checked:,} notes ({result.words:,} words): {result.findings:,} findings, "
               f"{s['findings_per_1000_words']:.1f} per 1,000 words"
               + (f"; {result.new_notes:,} newly checked (resumed)" if result.resumed else "") + ".")
    cv = s["child_voice"]
    if cv["visit_notes"]:
        click.echo(f"The child's voice is missing from {cv['missing']:,} of {cv['visit_notes']:,} visit notes.")
    if result.skipped or result.failed:
        click.echo(f"Not checked: {result.skipped:,} skipped, {result.failed:,} failed "
                   f"(reasons in {result.out / 'summary.json'}).", err=True)
    click.echo(f"Report: {result.out / 'report.html'}")
    sys.exit(EXIT_RAN)
