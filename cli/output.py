"""Formatting reports for people and machines. The JSON shape is a documented contract
(docs/json-output.md); SARIF follows the OASIS SARIF 2.1.0 schema."""
from __future__ import annotations

import io
import json
import os
import re
import shutil
import unicodedata
from pathlib import Path
from urllib.parse import quote
from typing import Iterable

import click

from langcheck import Finding, Report, Rule, RuleSet, Severity, __version__
from langcheck.csvsafe import SafeWriter
from langcheck.contract import JSON_SCHEMA_VERSION, Results, end_line_col, json_document, line_col  # noqa: F401

FORMATS = ("text", "full", "json", "sarif", "github", "csv")
INFORMATION_URI = "https://github.com/langcheck/langcheck"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_URL = re.compile(r"https?://[^\s,;)\]>\"']+")


PIPE_WIDTH = 120     # text output written to a pipe or a file
MIN_WIDTH = 40
CONTEXT_CELLS = 40   # at most this much of the line either side of the match, by default


def output_width(to_terminal: bool) -> int:
    """The terminal's width (or $COLUMNS) when writing to one; 120 columns in a pipe or a file."""
    if not to_terminal:
        return PIPE_WIDTH
    return max(MIN_WIDTH, shutil.get_terminal_size((PIPE_WIDTH, 24)).columns)


def format_text(path: str, text: str, report: Report, *, verbose: bool = False, colour: bool = False,
                width: int = PIPE_WIDTH) -> Iterable[str]:
    """One finding a line, `path:line:col: severity RULE name: message`, in the manner of ruff
    and Vale; then a few words either side of the match with the match marked, and the first
    suggestion. Every line fits in `width` columns. `verbose` shows today's full context
    instead: the whole line, every suggestion, any safe fix, why it matters and the source."""
    def style(s: str, **kw) -> str:
        return click.style(s, **kw) if colour else s

    for f in report.findings:
        if f.start is not None:
            line, col = line_col(text, f.start)
            where = f"{path}:{line}:{col}:"
        else:
            where = f"{path}:"
        head = [(where, style(where, bold=True)), (f.severity.value, style(f.severity.value, fg=_COLOURS[f.severity],
                                                                             bold=True)),
                (f.rule, style(f.rule, bold=True)), (f"{f.name}:", f"{f.name}:")]
        if verbose:
            yield " ".join(styled for _, styled in head) + " " + f.message
        else:
            yield from _wrap(head, _printable(f.message), width)
        if f.start is not None and f.end is not None:
            yield from _excerpt(text, f.start, f.end, style, f.severity, None if verbose else width)
        if verbose:
            if f.suggestions:
                yield f"    {style('try:', bold=True)} {'; '.join(f.suggestions)}"
            if f.fix is not None:
                yield f"    {style('safe fix:', bold=True)} {f.fix} (apply with --fix)"
            yield f"    {style('why:', bold=True)} {f.why}"
            for s in f.source:
                yield f"    {style('source:', bold=True)} {s}"
        elif f.suggestions:
            more = len(f.suggestions) - 1
            tail = f" (+{more} more: --verbose)" if more else ""
            yield from _wrap([("    try:", f"    {style('try:', bold=True)}")], f.suggestions[0] + tail, width,
                             indent="        ")


def _wrap(head: list[tuple[str, str]], message: str, width: int, indent: str = "    ") -> Iterable[str]:
    """`head` (plain, styled pairs) then the message's words, wrapped at `width` columns (the
    head is never broken, so `path:line:col: severity RULE` stays on the first line for grep)."""
    plain = " ".join(p for p, _ in head)
    line = " ".join(s for _, s in head)
    used = _cells(plain)
    for word in message.split():
        w = _cells(word)
        if used + 1 + w <= width or used <= len(indent):
            line, used = f"{line} {word}" if used else word, used + 1 + w
        else:
            yield line
            line, used = f"{indent}{word}", len(indent) + w
    yield line


def _excerpt(text: str, start: int, end: int, style, severity: Severity, width: int | None) -> Iterable[str]:
    """The match's line (or, within `width`, a few words either side of it) and a caret line
    under the match. Control characters and tabs are shown as spaces: a note can hold anything,
    and a terminal must not act on it."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line_end = len(text) if line_end == -1 else line_end
    source = _printable(text[line_start:line_end].rstrip("\r"))
    a = start - line_start
    b = max(a + 1, min(end, line_start + len(source)) - line_start) if source else a
    before, match, after = source[:a], source[a:b], source[b:]
    cut_left = cut_right = False
    if width is not None:
        room = width - 4
        if _cells(match) > room - 1:  # a match wider than the screen: its start, then "…"
            match, cut_right = _head(match, room - 1)[0] or match[:1], True
            before, after, cut_left = "", "", bool(before)
        else:
            # Each side gets up to CONTEXT_CELLS; what one side does not need, the other may use.
            spare = room - _cells(match)
            left, right = min(_cells(before), CONTEXT_CELLS), min(_cells(after), CONTEXT_CELLS)
            if left + right > spare:
                half = spare // 2
                if left <= half:
                    right = spare - left
                elif right <= spare - half:
                    left = spare - right
                else:
                    left, right = half, spare - half
            if _cells(before) > left:
                before, cut_left = _tail(before, left - 1), True
            if _cells(after) > right:
                after, cut_right = _head(after, right - 1)[0], True
    prefix = ("…" if cut_left else "") + before
    suffix = after + ("…" if cut_right else "")
    yield f"    {prefix}{style(match, fg=_COLOURS[severity], bold=True)}{suffix}"
    yield f"    {' ' * _cells(prefix)}{style('^' * max(1, _cells(match)), fg=_COLOURS[severity], bold=True)}"


def _tail(s: str, room: int) -> str:
    """The end of `s` in at most `room` columns, starting at a word."""
    kept, used = len(s), 0
    while kept > 0 and used + _cell(s[kept - 1]) <= room:
        kept -= 1
        used += _cell(s[kept])
    if kept > 0 and s[kept - 1] != " ":  # it starts inside a word: drop that part
        space = s.find(" ", kept)
        kept = space + 1 if 0 <= space < len(s) - 1 else kept
    return s[kept:]


def _head(s: str, room: int) -> tuple[str, bool]:
    """The start of `s` in at most `room` columns, ending at a word; and whether it was cut."""
    kept, used = 0, 0
    while kept < len(s) and used + _cell(s[kept]) <= room:
        used += _cell(s[kept])
        kept += 1
    if kept == len(s):
        return s, False
    if s[kept] != " ":  # it ends inside a word: drop that part
        space = s.rfind(" ", 0, kept)
        kept = space if space > 0 else kept
    return s[:kept], True


def _printable(s: str) -> str:
    return "".join(" " if (ch == "\t" or unicodedata.category(ch) in ("Cc", "Cs")) else ch for ch in s)


def _cell(ch: str) -> int:
    """Columns a character takes in a terminal: 2 for wide (CJK, most emoji), 0 for combining
    marks and zero-width characters, else 1."""
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _cells(s: str) -> int:
    return len(s) if s.isascii() else sum(_cell(ch) for ch in s)


def text_summary(results: Results, errors: list[dict], known: int = 0) -> str:
    counts = {s: 0 for s in Severity}
    for _, _, report in results:
        for f in report.findings:
            counts[f.severity] += 1
    total = sum(counts.values())
    parts = ", ".join(f"{n} {s.value}" for s, n in sorted(counts.items(), key=lambda kv: -kv[0].rank) if n)
    files = len(results)
    line = (f"{total} finding{'s' if total != 1 else ''}{f' ({parts})' if parts else ''} "
            f"in {files} file{'s' if files != 1 else ''}")
    if known:
        line += f"; {known} reviewed finding{'s' if known != 1 else ''} not shown (baseline)"
    if errors:
        line += f"; {len(errors)} input{'s' if len(errors) != 1 else ''} could not be read"
    return line


# -- sarif ---------------------------------------------------------------------------------
_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def help_uri(rule: Rule) -> str | None:
    for s in rule.source:
        m = _URL.search(s)
        if m:
            return m.group().rstrip(".")
    return None


def sarif_rule(rule: Rule) -> dict:
    help_md = [f"**Why it matters:** {rule.why}"]
    if rule.suggestions:
        help_md.append("**Use instead:** " + "; ".join(rule.suggestions))
    help_md.append("**Source:** " + " ".join(rule.source))
    entry = {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.summary_line()},
        "fullDescription": {"text": rule.why},
        "help": {
            "text": f"{rule.why}\n\nUse instead: {'; '.join(rule.suggestions) or 'see the rule'}\n\n"
                    f"Source: {' '.join(rule.source)}",
            "markdown": "\n\n".join(help_md),
        },
        "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity], "enabled": rule.enabled},
        "properties": {"category": rule.category, "tags": [rule.category, "case-notes"]},
    }
    uri = help_uri(rule)
    if uri:
        entry["helpUri"] = uri
    return entry


def artifact_uri(path: str) -> str:
    """A relative path stays relative (code-scanning tools resolve it against the checkout);
    an absolute one becomes a file: URI."""
    if path == "-":
        return "stdin"
    if os.path.isabs(path):
        return Path(path).as_uri()
    return quote(path.replace("\\", "/"))


def sarif_document(results: Results, errors: list[dict], rules: RuleSet) -> str:
    used = sorted({f.rule for _, _, r in results for f in r.findings})
    index = {rid: n for n, rid in enumerate(used)}
    sarif_results = []
    for path, text, report in results:
        uri = artifact_uri(path)
        for f in report.findings:
            region: dict
            if f.start is not None and f.end is not None:
                line, col = line_col(text, f.start)
                end_line, end_col = end_line_col(text, f.start, f.end)
                region = {"startLine": line, "startColumn": col, "endLine": end_line, "endColumn": end_col,
                          "charOffset": f.start, "charLength": f.end - f.start, "snippet": {"text": f.text or ""}}
            else:
                region = {"startLine": 1}
            result = {
                "ruleId": f.rule,
                "ruleIndex": index[f.rule],
                "level": _SARIF_LEVEL[f.severity],
                "message": {"text": f.message + (f" Try: {'; '.join(f.suggestions)}." if f.suggestions else "")},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region}}],
                "properties": {"category": f.category, "context": list(f.context)},
            }
            if f.fix is not None and f.replacements:
                r = f.replacements[0]  # what --fix applies (langcheck/rewrite.py decided it)
                result["fixes"] = [{
                    "description": {"text": f"Replace with '{r.text}'"},
                    "artifactChanges": [{"artifactLocation": {"uri": uri}, "replacements": [{
                        "deletedRegion": {"charOffset": r.start, "charLength": r.end - r.start},
                        "insertedContent": {"text": r.text}}]}],
                }]
            sarif_results.append(result)
    run = {
        "tool": {"driver": {
            "name": "langcheck", "version": __version__, "semanticVersion": __version__,
            "informationUri": INFORMATION_URI,
            "rules": [sarif_rule(rules[rid]) for rid in used],
        }},
        "columnKind": "unicodeCodePoints",
        "results": sarif_results,
        "invocations": [{
            "executionSuccessful": not errors,
            "toolExecutionNotifications": [
                {"level": "error", "message": {"text": e["error"]},
                 "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(e["path"])}}}]}
                for e in errors
            ],
        }],
    }
    doc = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(doc, ensure_ascii=False, indent=2)


# -- github --------------------------------------------------------------------------------
_GH_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _gh_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(s: str) -> str:
    return _gh_data(s).replace(":", "%3A").replace(",", "%2C")


def github_lines(results: Results, errors: list[dict]) -> Iterable[str]:
    """GitHub Actions workflow commands: one annotation per finding."""
    for path, text, report in results:
        for f in report.findings:
            props = [f"file={_gh_prop(path)}"]
            if f.start is not None and f.end is not None:
                line, col = line_col(text, f.start)
                end_line, end_col = end_line_col(text, f.start, f.end)
                props += [f"line={line}", f"col={col}", f"endLine={end_line}", f"endColumn={end_col}"]
            props.append(f"title={_gh_prop(f'{f.rule} {f.name}')}")
            msg = f.message + (f" Try: {'; '.join(f.suggestions)}." if f.suggestions else "")
            yield f"::{_GH_LEVEL[f.severity]} {','.join(props)}::{_gh_data(msg)}"
    for e in errors:
        yield f"::error file={_gh_prop(e['path'])},title=langcheck::{_gh_data(e['error'])}"


# -- csv -----------------------------------------------------------------------------------
CSV_COLUMNS = ("path", "line", "column", "end_line", "end_column", "start", "end", "rule", "name", "category",
               "severity", "text", "message", "suggestions", "fix")


def csv_document(results: Results) -> str:
    buf = io.StringIO()
    writer = SafeWriter(buf)  # no cell starts a spreadsheet formula; CR and LF are quoted
    writer.writerow(CSV_COLUMNS)
    for path, text, report in results:
        for f in report.findings:
            if f.start is not None and f.end is not None:
                pos = (*line_col(text, f.start), *end_line_col(text, f.start, f.end), f.start, f.end)
            else:
                pos = ("", "", "", "", "", "")
            writer.writerow((path, *pos, f.rule, f.name, f.category, f.severity.value, f.text or "", f.message,
                             "; ".join(f.suggestions), f.fix or ""))
    return buf.getvalue()
