"""report.html: one self-contained page (inline CSS and SVG, no scripts, no network)."""
from __future__ import annotations

from html import escape
from typing import Any

from ..lexicon import RuleSet

NOT_RECORDED = "(not recorded)"  # the group of notes with no value in a metadata column
PALETTE = ["#1f5f8b", "#c2562f", "#2e7d4f", "#7a4f9a", "#b08a1e", "#3d7f86", "#a33b63", "#5a6270"]
CSS = """
body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1d2430;margin:0;background:#f6f7f9}
main{max-width:1120px;margin:0 auto;padding:24px 28px 60px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:34px 0 8px;border-bottom:2px solid #dde2e8;padding-bottom:4px}
h3{font-size:16px;margin:18px 0 4px}.sub{color:#5a6270;margin:0 0 18px}
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(160px,1fr));gap:12px}
.tile{background:#fff;border:1px solid #dde2e8;border-radius:8px;padding:12px 14px}
.tile b{display:block;font-size:24px}.tile span{color:#5a6270;font-size:13px}
.grid{display:grid;grid-template-columns:1fr 1fr;gap:18px}.card{background:#fff;border:1px solid #dde2e8;border-radius:8px;padding:14px 16px}
.card h3{margin-top:0}svg text{font:12px system-ui,sans-serif;fill:#1d2430}svg .muted{fill:#5a6270}
table{border-collapse:collapse;width:100%;background:#fff;font-size:14px}th,td{border-bottom:1px solid #e3e7ec;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#eef1f4;font-weight:600}th.n{text-align:right}td.n{text-align:right;font-variant-numeric:tabular-nums}
a{color:#1f5f8b}.rule{display:inline-block;margin:1px 4px 1px 0;padding:0 6px;border-radius:10px;background:#eef1f4;text-decoration:none;font-size:13px}
.excerpt{color:#5a6270;font-size:13px}.explain{background:#fff;border:1px solid #dde2e8;border-radius:8px;padding:10px 16px;margin:10px 0}
.explain h3 a{text-decoration:none}.tag{font-size:12px;color:#5a6270;font-weight:normal}.note{color:#5a6270;font-size:13px}
details{margin-top:8px}summary{cursor:pointer;font-weight:600}
@media (max-width:800px){.grid{grid-template-columns:1fr}}
"""


def _fmt(x: float | int | None, digits: int = 1) -> str:
    if x is None:
        return "–"
    return f"{x:,.{digits}f}" if isinstance(x, float) else f"{x:,}"


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.0f}%"


def hbars(items: list[tuple[str, float, str | None]], unit: str = "", width: int = 500, colour: str = PALETTE[0],
          label_width: int = 170) -> str:
    """A horizontal bar chart; each item is (label, value, link or None)."""
    if not items:
        return '<p class="note">Nothing to show.</p>'
    top = max(v for _, v, _ in items) or 1
    row = 24
    bar_w = width - label_width - 60
    parts = [f'<svg role="img" viewBox="0 0 {width} {row * len(items) + 6}" width="100%" '
             f'style="max-width:{width}px">']
    for i, (label, value, link) in enumerate(items):
        y = i * row + 4
        w = max(1.0, bar_w * value / top) if value else 0
        text = escape(label if len(label) <= 26 else label[:25] + "…")
        lab = f'<text x="{label_width - 6}" y="{y + 14}" text-anchor="end">{text}</text>'
        if link:
            lab = f'<a href="{escape(link)}">{lab}</a>'
        parts.append(f'<title>{escape(label)}</title>{lab}'
                     f'<rect x="{label_width}" y="{y + 2}" width="{w:.1f}" height="16" rx="2" fill="{colour}"/>'
                     f'<text x="{label_width + w + 5:.1f}" y="{y + 14}" class="muted">{escape(_fmt(value, 1) if isinstance(value, float) else _fmt(value))}{unit}</text>')
    parts.append("</svg>")
    return "".join(parts)


def columns(items: list[tuple[str, float]], width: int = 500, height: int = 200, colour: str = PALETTE[0]) -> str:
    """A column chart over time (months on the x axis)."""
    if not items:
        return '<p class="note">No dated notes: name a date column with --date-column to see the trend.</p>'
    top = max(v for _, v in items) or 1
    left, bottom, plot_h = 36, 34, height - 50
    step = (width - left - 10) / len(items)
    bw = max(2.0, min(40.0, step * 0.7))
    parts = [f'<svg role="img" viewBox="0 0 {width} {height}" width="100%" style="max-width:{width}px">',
             f'<line x1="{left}" y1="{height - bottom}" x2="{width - 6}" y2="{height - bottom}" stroke="#b7bec7"/>']
    for frac in (0.5, 1.0):
        y = height - bottom - plot_h * frac
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - 6}" y2="{y:.1f}" stroke="#e3e7ec"/>'
                     f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" class="muted">{top * frac:.1f}</text>')
    every = max(1, len(items) // 8)
    for i, (label, value) in enumerate(items):
        h = plot_h * value / top
        x = left + i * step + (step - bw) / 2
        parts.append(f'<rect x="{x:.1f}" y="{height - bottom - h:.1f}" width="{bw:.1f}" height="{h:.1f}" '
                     f'fill="{colour}"><title>{escape(label)}: {value:.1f}</title></rect>')
        if i % every == 0:
            parts.append(f'<text x="{x + bw / 2:.1f}" y="{height - bottom + 16}" text-anchor="middle" '
                         f'class="muted">{escape(label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def voice_bar(missing: int, present: int, width: int = 500) -> str:
    total = missing + present
    if not total:
        return '<p class="note">No notes recorded direct work with a child.</p>'
    w = width - 20
    mw = w * missing / total
    return (f'<svg role="img" viewBox="0 0 {width} 70" width="100%" style="max-width:{width}px">'
            f'<rect x="10" y="8" width="{w - mw:.1f}" height="26" fill="{PALETTE[2]}"/>'
            f'<rect x="{10 + w - mw:.1f}" y="8" width="{mw:.1f}" height="26" fill="{PALETTE[1]}"/>'
            f'<rect x="10" y="48" width="12" height="12" fill="{PALETTE[2]}"/>'
            f'<text x="27" y="58">child\'s voice recorded: {present:,} ({100 * present / total:.0f}%)</text>'
            f'<rect x="{width // 2 + 10}" y="48" width="12" height="12" fill="{PALETTE[1]}"/>'
            f'<text x="{width // 2 + 27}" y="58">missing: {missing:,} ({100 * missing / total:.0f}%)</text></svg>')


def render(summary: dict[str, Any], top: list[dict], rules: RuleSet, group_cols: list[str], keep_text: bool) -> str:
    ids = {r.id: r for r in rules}
    notes = summary["notes"]
    cv = summary["child_voice"]
    not_checked = notes["skipped"] + notes["failed"]
    cats = sorted(summary["by_category"].items(), key=lambda kv: (-kv[1]["per_1000_words"], kv[0]))
    colour = {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(sorted(summary["by_category"]))}
    out = [f'<!doctype html><html lang="en-GB"><head><meta charset="utf-8">'
           f'<meta name="viewport" content="width=device-width,initial-scale=1">'
           f'<title>langcheck audit</title><style>{CSS}</style></head><body><main>',
           '<h1>Case-note language audit</h1>',
           f'<p class="sub">langcheck {escape(summary["tool"]["version"])} · inputs: '
           f'{escape(", ".join(summary["inputs"]))}</p>',
           '<div class="tiles">',
           _tile(f'{notes["checked"]:,}', "notes checked"),
           _tile(f'{summary["words"]:,}', "words"),
           _tile(f'{summary["findings_per_1000_words"]:.1f}', "findings per 1,000 words"),
           _tile(_pct(cv["missing_share"]), f'of {cv["visit_notes"]:,} visit notes miss the child\'s voice'),
           _tile(f'{not_checked:,}', f'inputs not checked ({notes["skipped"]:,} skipped, {notes["failed"]:,} failed)'),
           '</div>']

    if summary.get("baseline"):
        out.append(_comparison(summary["baseline"], ids))

    out.append('<h2>Where the language needs attention</h2><div class="grid">')
    cat_items = [(c.replace("_", " "), v["per_1000_words"], None) for c, v in cats]
    out.append('<div class="card"><h3>Findings per 1,000 words, by category</h3>' + _cat_bars(cat_items, colour, cats) + '</div>')
    rule_items = [(f'{r} {v["name"]}', v["findings"], f"#rule-{r}") for r, v in list(summary["by_rule"].items())[:12]]
    out.append('<div class="card"><h3>Top rules (findings)</h3>' + hbars(rule_items, colour=PALETTE[5], label_width=210) + '</div>')
    out.append('<div class="card"><h3>The child\'s voice in visit notes</h3>' + voice_bar(cv["missing"], cv["present"])
               + '<p class="note">Notes that record direct work with a child (visits, sessions, reviews) and whether '
                 'they record what the child said, felt or showed.</p></div>')
    months = [(m, g["findings_per_1000_words"]) for m, g in summary["by_month"].items()]
    out.append('<div class="card"><h3>Over time: findings per 1,000 words by month</h3>' + columns(months) + '</div>')
    out.append('</div>')

    for col in group_cols:
        groups = summary["by_metadata"].get(col, {})
        ordered = sorted(groups.items(), key=lambda kv: (-kv[1]["notes"], kv[0]))
        largest = [(v, g) for v, g in ordered if v != NOT_RECORDED][:20]
        by_rate = sorted(largest, key=lambda vg: (-vg[1]["findings_per_1000_words"], vg[0]))
        by_voice = sorted((vg for vg in largest if vg[1]["visit_notes"]),
                          key=lambda vg: (-(vg[1]["child_voice_missing_share"] or 0), vg[0]))
        out.append(f'<h2>By {escape(col)}</h2><div class="grid"><div class="card"><h3>Findings per 1,000 words by '
                   f'{escape(col)}</h3>' +
                   hbars([(f'{v} ({g["notes"]:,})', g["findings_per_1000_words"], None) for v, g in by_rate]) +
                   '<p class="note">In brackets: notes.</p></div><div class="card"><h3>Visit notes missing the '
                   'child\'s voice</h3>' +
                   hbars([(f'{v} ({g["visit_notes"]:,})', round(100 * (g["child_voice_missing_share"] or 0), 1), None)
                          for v, g in by_voice], unit="%", colour=PALETTE[1]) +
                   '<p class="note">In brackets: visit notes. Small groups swing widely.</p></div></div>')
        if len(largest) < len([v for v in groups if v != NOT_RECORDED]):
            out.append(f'<p class="note">The 20 largest of {len(groups):,} values; summary.json has them all.</p>')
        out.append('<table><tr><th>' + escape(col) + '</th><th class="n">notes</th><th class="n">words</th>'
                   '<th class="n">findings per 1,000 words</th><th class="n">visit notes missing the child\'s voice</th></tr>')
        rows = largest + [(v, g) for v, g in ordered if v == NOT_RECORDED]
        for v, g in rows:
            out.append(f'<tr><td>{escape(v)}</td><td class="n">{g["notes"]:,}</td><td class="n">{g["words"]:,}</td>'
                       f'<td class="n">{g["findings_per_1000_words"]:.1f}</td>'
                       f'<td class="n">{_pct(g["child_voice_missing_share"])} of {g["visit_notes"]:,}</td></tr>')
        out.append('</table>')

    out.append('<h2>Notes most in need of attention</h2><p class="note">Ranked by findings weighted by severity '
               '(error 9, warning 3, info 1). Each rule links to its explanation below.</p>')
    if top:
        head = '<tr><th>#</th><th>note</th>' + ''.join(f'<th>{escape(c)}</th>' for c in group_cols) + \
               '<th>words</th><th>findings</th><th>rules</th></tr>'
        out.append('<table>' + head)
        for i, note in enumerate(top, 1):
            found = note["result"]["findings"]
            counts: dict[str, int] = {}
            excerpts: dict[str, list[str]] = {}
            for f in found:
                counts[f[0]] = counts.get(f[0], 0) + 1
                if keep_text and f[6] and len(excerpts.setdefault(f[0], [])) < 3 and f[6] not in excerpts[f[0]]:
                    excerpts[f[0]].append(f[6])
            links = []
            for r in sorted(counts, key=lambda r: (-counts[r], r)):
                label = f'{r} {ids[r].name if r in ids else ""}'.strip() + (f' ×{counts[r]}' if counts[r] > 1 else '')
                ex = (' <span class="excerpt">' + escape(", ".join(f'“{e}”' for e in excerpts[r])) + '</span>'
                      if excerpts.get(r) else '')
                links.append(f'<a class="rule" href="#rule-{escape(r)}">{escape(label)}</a>{ex}')
            where = escape(note["note_id"]) + ('' if note["note_id"] == note["source"] else
                                               f'<br><span class="note">{escape(note["source"])}</span>')
            out.append(f'<tr><td class="n">{i}</td><td>{where}</td>' +
                       ''.join(f'<td>{escape(note["meta"].get(c, ""))}</td>' for c in group_cols) +
                       f'<td class="n">{note["words"]:,}</td><td class="n">{len(found)}</td><td>{"<br>".join(links)}</td></tr>')
        out.append('</table>')
    else:
        out.append('<p class="note">No note has a finding.</p>')

    out.append('<h2>What each rule means</h2>')
    for rid in sorted(summary["by_rule"]):
        rule = ids.get(rid)
        if rule is None:
            continue
        stats = summary["by_rule"][rid]
        out.append(f'<section class="explain" id="rule-{escape(rid)}"><h3><a href="#rule-{escape(rid)}">{escape(rid)}</a> '
                   f'{escape(rule.name)} <span class="tag">{escape(rule.category.replace("_", " "))} · '
                   f'{escape(rule.severity.value)} · {stats["findings"]:,} findings in {stats["notes"]:,} notes</span></h3>'
                   f'<p>{escape(rule.why.strip())}</p>')
        if rule.suggestions:
            out.append('<p><b>Use instead</b></p><ul>' + ''.join(f'<li>{escape(s)}</li>' for s in rule.suggestions) + '</ul>')
        if rule.source:
            out.append('<p><b>Source</b></p><ul class="note">' + ''.join(f'<li>{escape(s)}</li>' for s in rule.source) + '</ul>')
        out.append('</section>')

    out.append('<h2>Inputs not checked</h2>')
    if not_checked:
        reasons = summary["not_checked_reasons"]
        out.append('<p>' + '; '.join(f'{st}: ' + ', '.join(f'{escape(k)} {n:,}' for k, n in kinds.items())
                                      for st, kinds in reasons.items() if kinds) + '</p>')
        listed = summary["not_checked"][:500]
        out.append(f'<details><summary>List ({len(listed):,} shown; summary.json lists up to 10,000)</summary>'
                   '<table><tr><th>source</th><th>note</th><th>status</th><th>reason</th></tr>' +
                   ''.join(f'<tr><td>{escape(x["source"])}</td><td>{escape(x["note_id"])}</td><td>{escape(x["status"])}</td>'
                           f'<td>{escape(x["reason"] or "")}</td></tr>' for x in listed) + '</table></details>')
    else:
        out.append('<p class="note">Every input was read.</p>')
    out.append('<p class="note" style="margin-top:30px">Generated by langcheck audit. Findings are prompts for a '
               'practitioner\'s judgement, not a measure of practice quality.</p></main></body></html>\n')
    return "".join(out)


def _comparison(c: dict[str, Any], ids: dict) -> str:
    """New, still present and resolved findings against a previous audit (its baseline.json)."""
    out = ['<h2>Since the previous audit</h2>',
           f'<p class="sub">Compared with {escape(c["previous"])}: findings are matched by rule, note and the '
           'words around them, so an edit elsewhere in a note does not make them new.</p><div class="tiles">',
           _tile(f'{c["new"]:,}', "new findings"), _tile(f'{c["still_present"]:,}', "still present"),
           _tile(f'{c["resolved"]:,}', "resolved (in notes checked both times)"),
           _tile(f'{c["previous_notes_not_in_this_audit"]:,}',
                 f'earlier notes not in this audit ({c["their_findings"]:,} findings, not compared)'), '</div>']
    rows = sorted(c["by_rule"].items(), key=lambda kv: (-kv[1]["new"], -kv[1]["still_present"], kv[0]))
    if rows:
        out.append('<table><tr><th>rule</th><th class="n">new</th><th class="n">still present</th>'
                   '<th class="n">resolved</th></tr>')
        for rid, n in rows:
            name = ids[rid].name if rid in ids else ""
            out.append(f'<tr><td>{escape(rid)} {escape(name)}</td><td class="n">{n["new"]:,}</td>'
                       f'<td class="n">{n["still_present"]:,}</td><td class="n">{n["resolved"]:,}</td></tr>')
        out.append('</table>')
    return "".join(out)


def _tile(value: str, label: str) -> str:
    return f'<div class="tile"><b>{escape(value)}</b><span>{escape(label)}</span></div>'


def _cat_bars(items, colour, cats) -> str:
    # One colour per category, consistent with the rest of the page.
    svgs = []
    if not items:
        return hbars([])
    top = max(v for _, v, _ in items) or 1
    width, label_width, row = 500, 170, 24
    bar_w = width - label_width - 60
    svgs.append(f'<svg role="img" viewBox="0 0 {width} {row * len(items) + 6}" width="100%" style="max-width:{width}px">')
    for i, ((label, value, _), (cat, _)) in enumerate(zip(items, cats)):
        y = i * row + 4
        w = max(1.0, bar_w * value / top) if value else 0
        svgs.append(f'<text x="{label_width - 6}" y="{y + 14}" text-anchor="end">{escape(label)}</text>'
                    f'<rect x="{label_width}" y="{y + 2}" width="{w:.1f}" height="16" rx="2" fill="{colour[cat]}"/>'
                    f'<text x="{label_width + w + 5:.1f}" y="{y + 14}" class="muted">{value:.1f}</text>')
    svgs.append('</svg>')
    return "".join(svgs)
