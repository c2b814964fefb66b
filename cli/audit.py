"""`langcheck audit`: thin. It parses flags, builds the Config with the same settings layer as
`langcheck check` (config file, environment, flags), calls langcheck.audit.run_audit and picks
the exit code (0 when the audit checked notes, whatever it found; 2 when it could not run or
could check nothing)."""
from __future__ import annotations

import sys

import click

EXIT_RAN, EXIT_ERROR, EXIT_INTERRUPTED = 0, 2, 130
REASONS_SHOWN = 5  # inputs not checked, listed on the terminal before "and N more"


def plural(n: int, word: str, many: str | None = None) -> str:
    """"1 note", "2 notes", "1,200 inputs"."""
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


@click.command("audit")
@click.argument("paths", nargs=-1, metavar="PATH...")
@click.option("--out", "out", required=True, metavar="DIR",
              help="Folder for findings.csv, summary.json, report.html, baseline.json and the progress store.")
@click.option("--text-column", default="text", show_default=True, help="CSV/JSONL column holding the note.")
@click.option("--id-column", default=None, help="CSV/JSONL column holding the note's id (default: row number).")
@click.option("--meta", "meta", multiple=True, metavar="COL",
              help="Metadata column(s) to break results down by, e.g. --meta team --meta author (or team,author).")
@click.option("--date-column", default=None, metavar="COL", help="Column with the note's date, for the trend by month.")
@click.option("--no-text", is_flag=True, help="Leave every excerpt of the notes out of the outputs.")
@click.option("--baseline", "baseline", default=None, metavar="FILE_OR_DIR",
              help="A previous audit's folder (or its baseline.json, or a `langcheck check` baseline file): "
                   "summary.json and report.html then count new, still present and resolved findings. "
                   "Default: the config file's baseline.")
@click.option("--workers", type=int, default=0, help="Worker processes (default: all cores).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True)
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Dask scheduler (tcp://host:8786); a local cluster when omitted.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Use this config file instead of searching for .langcheck.yaml or pyproject.toml upward "
                   "from the current folder (as for `langcheck check`).")
@click.option("--no-config", is_flag=True, help="Ignore any config file.")
@click.option("--lexicon", "lexicons", multiple=True, type=click.Path(dir_okay=False), metavar="FILE",
              help="An extra lexicon YAML file with your own terms; repeat for more. Added to the config file's.")
@click.option("--model", default=None, help="spaCy model to load.")
@click.option("--select", multiple=True, help="Rule ids, names, categories or prefixes to use (as for `check`).")
@click.option("--extend-select", multiple=True, help="Rules to use as well as the selected ones.")
@click.option("--ignore", multiple=True, help="Rule ids, names, categories or prefixes to leave out.")
@click.option("--batch-size", type=click.IntRange(1, 10_000), default=32, show_default=True,
              help="Notes per batch sent to a worker.")
@click.option("--top", type=click.IntRange(0, 10_000), default=25, show_default=True,
              help="Notes listed in the report's 'most in need of attention' table.")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: on a terminal).")
def audit_command(paths, out, text_column, id_column, meta, date_column, no_text, baseline, workers, engine,
                  scheduler, config_path, no_config, lexicons, model, select, extend_select, ignore, batch_size,
                  top, progress) -> None:
    """Audit PATH... (folders of .txt, .md, .docx and .pdf notes; .csv and .jsonl exports with one
    note per row) and write findings.csv, summary.json, report.html and baseline.json to DIR.

    The config file (.langcheck.yaml, found upward from the current folder) applies as it does
    to `langcheck check`: its rule selection, severities and local lexicons.

    \b
    Rerun the same command to resume after an interruption. Examples:
      langcheck audit notes/ --out audit/
      langcheck audit export.csv --out audit/ --id-column note_id --meta team,author --date-column date
      langcheck audit export.csv --out audit-q2/ --id-column note_id --baseline audit-q1/
      langcheck audit export.jsonl --out audit/ --engine dask --scheduler tcp://10.0.0.5:8786
    """
    try:  # imported here: `langcheck check` must keep working even if the audit package is missing
        from langcheck.audit import AuditError, AuditOptions, Columns, run_audit
    except ImportError as exc:
        click.echo(f"langcheck audit: this installation has no audit package ({exc})", err=True)
        sys.exit(EXIT_ERROR)
    from langcheck import settings as layer

    try:
        settings = layer.load(config_path, no_config=no_config, flags={
            "model": model, "lexicons": lexicons, "select": select, "extend_select": extend_select,
            "ignore": ignore, "baseline": baseline})
        config, _ = settings.resolve()
    except layer.SettingsError as exc:
        click.echo(f"langcheck audit: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    try:
        options = AuditOptions(
            paths=tuple(paths), out=out, config=config,
            columns=Columns(text=text_column, id=id_column, meta=layer.split_list(meta), date=date_column),
            no_text=no_text, workers=workers, engine=engine, scheduler=scheduler, batch_size=batch_size,
            top=top, progress=progress, baseline=str(settings.baseline) if settings.baseline else None,
            config_file=str(settings.file) if settings.file else None)
        result = run_audit(options, echo=lambda m: click.echo(m, err=True))
    except AuditError as exc:
        click.echo(f"langcheck audit: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    except KeyboardInterrupt:
        click.echo("\nlangcheck audit: interrupted; rerun the same command to resume", err=True)
        sys.exit(EXIT_INTERRUPTED)
    s = result.summary
    click.echo(f"Checked {plural(result.checked, 'note')} ({plural(result.words, 'word')}): "
               f"{plural(result.findings, 'finding')}, {s['findings_per_1000_words']:.1f} per 1,000 words"
               + (f"; {result.new_notes:,} newly checked (resumed)" if result.resumed else "") + ".")
    cv = s["child_voice"]
    if cv["visit_notes"]:
        click.echo(f"The child's voice is missing from {cv['missing']:,} of {plural(cv['visit_notes'], 'visit note')}.")
    compared = s.get("baseline")
    if compared:
        click.echo(f"Against {compared['previous']}: {compared['new']:,} new, {compared['still_present']:,} still "
                   f"present, {compared['resolved']:,} resolved.")
    if result.skipped or result.failed:
        not_checked = s["not_checked"]
        click.echo(f"Not checked: {plural(result.skipped, 'input')} skipped, {result.failed:,} failed:", err=True)
        for entry in not_checked[:REASONS_SHOWN]:
            where = entry["source"] + ("" if entry["note_id"] == entry["source"] else f"#{entry['note_id']}")
            click.echo(f"  {where}: {entry['status']}: {entry['reason']}", err=True)
        rest = result.skipped + result.failed - min(len(not_checked), REASONS_SHOWN)
        if rest > 0:
            click.echo(f"  ... and {rest:,} more (every reason is in {result.out / 'summary.json'})", err=True)
    click.echo(f"Report: {result.out / 'report.html'}")
    if result.checked == 0:
        click.echo("langcheck audit: no note could be checked" + (" (the reasons are above)" if result.skipped
                                                                   or result.failed else " (no notes found)"),
                   err=True)
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_RAN)
