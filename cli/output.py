"""Formatting reports for people and machines. The JSON shape is a documented contract
(docs/json-output.md); SARIF follows the OASIS SARIF 2.1.0 schema."""
from __future__ import annotations

import io
import json
import os
import re
from pathlib import Path
from urllib.parse import quote
from typing import Iterable

import click

from langcheck import Finding, Report, Rule, RuleSet, Severity, __version__
from langcheck.csvsafe import SafeWriter
from langcheck.contract import JSON_SCHEMA_VERSION, Results, end_line_col, json_document, line_col  # noqa: F401

FORMATS = ("text", "json", "sarif", "github", "csv")
INFORMATION_URI = "https://github.com/langcheck/langcheck"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_URL = re.compile(r"https?://[^\s,;)\]>\"']+")


def format_text(path: str, text: str, report: Report, *, explain: bool = False,
                colour: bool = False) -> Iterable[str]:
    """`path:line:col: severity [ID name] message`, then the line with a caret under the match."""
    def style(s: str, **kw) -> str:
        return click.style(s, **kw) if colour else s

    for f in report.findings:
        if f.start is not None:
            line, col = line_col(text, f.start)
            where = f"{path}:{line}:{col}"
        else:
            where = f"{path}"
        sev = style(f.severity.value, fg=_COLOURS[f.severity], bold=True)
        yield f"{style(where, bold=True)}: {sev} [{style(f.rule, bold=True)} {f.name}] {f.message}"
        if f.start is not None and f.end is not None:
            yield from _caret(text, f.start, f.end, style, f.severity)
        if explain:
            if f.suggestions:
                yield f"    {style('try:', bold=True)} {'; '.join(f.suggestions)}"
            if f.fix is not None:
                yield f"    {style('safe fix:', bold=True)} {f.fix} (apply with --fix)"
            yield f"    {style('why:', bold=True)} {f.why}"
            for s in f.source:
                yield f"    {style('source:', bold=True)} {s}"
        elif f.suggestions:
            yield f"    {style('try:', bold=True)} {'; '.join(f.suggestions)}"


def _caret(text: str, start: int, end: int, style, severity: Severity) -> Iterable[str]:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line_end = len(text) if line_end == -1 else line_end
    source = text[line_start:line_end].rstrip("\r")
    width = max(1, min(end, line_start + len(source)) - start)
    pad = "".join("\t" if ch == "\t" else " " for ch in source[:start - line_start])
    yield f"    {source}"
    yield f"    {pad}{style('^' * width, fg=_COLOURS[severity], bold=True)}"


def text_summary(results: Results, errors: list[dict]) -> str:
    counts = {s: 0 for s in Severity}
    for _, _, report in results:
        for f in report.findings:
            counts[f.severity] += 1
    total = sum(counts.values())
    parts = ", ".join(f"{n} {s.value}" for s, n in sorted(counts.items(), key=lambda kv: -kv[0].rank) if n)
    files = len(results)
    line = (f"{total} finding{'s' if total != 1 else ''}{f' ({parts})' if parts else ''} "
            f"in {files} file{'s' if files != 1 else ''}")
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
            if f.fix is not None and f.start is not None:
                from langcheck.fixes import replacement
                result["fixes"] = [{
                    "description": {"text": f"Replace with '{replacement(text, f)}'"},
                    "artifactChanges": [{"artifactLocation": {"uri": uri}, "replacements": [{
                        "deletedRegion": {"charOffset": f.start, "charLength": f.end - f.start},
                        "insertedContent": {"text": replacement(text, f)}}]}],
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
