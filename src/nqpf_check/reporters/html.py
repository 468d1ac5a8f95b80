"""--format html: one self-contained page (no scripts, fonts or network), for people and print.

The summary, the findings table with diagnosis and suspect, and for each conflicting
group (metric, entity, period) a chart as inline SVG: a dot per claim on a shared axis
(log where the values span orders of magnitude), intervals for qualified and imprecise
values, the suspect in red, and each claim's quote and source on hover and written out
below.

Every text from an input is escaped (``html_text``: no markup, no control or bidi
character) and none reaches a script, a style or a URL attribute. A browser must open the
page whatever the number of findings: the table lists the first ``MAX_ROWS`` findings
(errors first) and counts the rest by rule and severity; at most ``MAX_CHARTS`` groups are
drawn. The page says what it left out; ``--format json`` has every finding.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import TextIO

from nqpf_check.claims.model import Key
from nqpf_check.quantities.units import dimension_name
from nqpf_check.report import SEVERITIES, ClaimDetail, Finding, Report
from nqpf_check.reporters import RenderOptions
from nqpf_check.reporters import html_text as escape
from nqpf_check.reporters.axis import Axis, axis_for

MAX_ROWS = 2_000
"""Findings listed in the table at most; the rest are counted by rule and severity."""
MAX_CHARTS = 200
"""Groups drawn at most."""
MAX_TEXT = 300
"""Characters of a quote, label or value written at most (a longer one ends with …)."""
MAX_MESSAGE = 2_000
"""Characters of a message written at most (one that quotes a huge value ends with …)."""

CSS = """
:root { color-scheme: light; --error: #b3261e; --warning: #8a5a00; --info: #1a5fb4;
  --ink: #1d1d1f; --muted: #5f6368; --line: #d0d4d9; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  color: var(--ink); margin: 0 auto; max-width: 1100px; padding: 1.5rem; line-height: 1.45; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1rem; margin: 1.5rem 0 .5rem; }
.summary { color: var(--muted); margin: 0 0 1rem; }
.counts span { display: inline-block; margin-right: .75rem; font-weight: 600; }
.error { color: var(--error); } .warning { color: var(--warning); } .info { color: var(--info); }
table { border-collapse: collapse; width: 100%; font-size: .9rem; table-layout: fixed; }
col.sev { width: 7%; } col.rule { width: 10%; } col.key { width: 14%; }
col.claims { width: 30%; } col.diag { width: 10%; } col.msg { width: 29%; }
td { overflow-wrap: anywhere; }
th, td { border-bottom: 1px solid var(--line); padding: .45rem .5rem; text-align: left;
  vertical-align: top; }
th { background: #f3f4f6; }
td.claims div { margin-bottom: .2rem; }
.suspect { color: var(--error); font-weight: 600; }
.diagnosis { font-family: ui-monospace, monospace; }
.left-out { background: #fff8e1; border-left: 4px solid var(--warning); padding: .5rem .75rem; }
table.rest { width: auto; table-layout: auto; }
figure { margin: 0; }
svg { width: 100%; height: auto; max-width: 760px; display: block; }
svg text { font-size: 12px; fill: var(--ink); }
svg .tick { fill: var(--muted); font-size: 11px; }
ul.quotes { font-size: .85rem; color: var(--muted); padding-left: 1.1rem; }
ul.quotes li { margin: .2rem 0; }
@media (max-width: 700px) {
  body { padding: .75rem; }
  table, thead, tbody, tr, th, td { display: block; }
  thead { display: none; }
  tr { border: 1px solid var(--line); border-radius: 6px; margin-bottom: .75rem; padding: .25rem; }
  td { border: none; padding: .2rem .4rem; }
  td::before { content: attr(data-label) ": "; font-weight: 600; color: var(--muted); }
}
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  h2 { break-after: avoid; } section.group { break-inside: avoid; }
  tr { break-inside: avoid; }
}
"""

LEFT, RIGHT, ROW, TOP = 200, 620, 26, 14


def clip(text: str, most: int = MAX_TEXT) -> str:
    """``text``, cut to ``most`` characters with … where longer."""
    return text if len(text) <= most else text[: most - 1] + "…"


def _x(axis: Axis, value: float) -> float:
    return LEFT + axis.fraction(value) * (RIGHT - LEFT)


def _svg(details: list[ClaimDetail], suspects: set[str], title: str) -> str:
    axis = axis_for(details)
    if axis is None:
        return ""
    height = TOP + ROW * len(details) + 30
    parts = [
        f'<svg viewBox="0 0 640 {height}" role="img" aria-label="{escape(title)}" '
        'xmlns="http://www.w3.org/2000/svg">'
    ]
    for fraction, label in axis.ticks():
        x = LEFT + fraction * (RIGHT - LEFT)
        parts.append(
            f'<line x1="{x:.1f}" y1="{TOP - 6}" x2="{x:.1f}" y2="{height - 24}" stroke="#e5e7eb"/>'
        )
        parts.append(
            f'<text class="tick" x="{x:.1f}" y="{height - 8}" '
            f'text-anchor="middle">{escape(label)}</text>'
        )
    for i, d in enumerate(details):
        y = TOP + ROW * i + ROW / 2
        suspect = d.id in suspects
        color = "#b3261e" if suspect else "#1a5fb4"
        hover = f"{clip(d.source_label)}: {clip(d.value)}" + (
            f" — “{clip(d.quote)}”" if d.quote else ""
        )
        label = d.source_label if len(d.source_label) <= 26 else d.source_label[:25] + "…"
        parts.append(
            f'<g class="claim{" suspect" if suspect else ""}" data-claim="{escape(d.id)}">'
        )
        parts.append(f"<title>{escape(hover)}</title>")
        parts.append(
            f'<text x="{LEFT - 8}" y="{y + 4:.1f}" text-anchor="end">{escape(label)}</text>'
        )
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{RIGHT}" y2="{y:.1f}" '
            'stroke="#eef0f2" stroke-width="1"/>'
        )
        lo, hi = _x(axis, d.low), _x(axis, d.high)
        if hi - lo >= 1:
            parts.append(
                f'<line x1="{lo:.1f}" y1="{y:.1f}" x2="{hi:.1f}" y2="{y:.1f}" '
                f'stroke="{color}" stroke-width="4" stroke-opacity=".45" '
                'stroke-linecap="round"/>'
            )
        if math.isinf(d.high):
            parts.append(
                f'<path d="M{RIGHT - 2} {y - 5:.1f} L{RIGHT + 6} {y:.1f} '
                f'L{RIGHT - 2} {y + 5:.1f} Z" fill="{color}"/>'
            )
        if math.isinf(d.low):
            parts.append(
                f'<path d="M{LEFT + 2} {y - 5:.1f} L{LEFT - 6} {y:.1f} '
                f'L{LEFT + 2} {y + 5:.1f} Z" fill="{color}"/>'
            )
        radius = 7 if suspect else 5
        ring = ' stroke="#1d1d1f" stroke-width="1.5"' if suspect else ""
        parts.append(
            f'<circle cx="{_x(axis, d.base):.1f}" cy="{y:.1f}" r="{radius}" fill="{color}"{ring}/>'
        )
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)


def _chart_details(findings: list[Finding], report: Report) -> list[ClaimDetail]:
    """The claims one chart of a group draws: those of all its findings where they share a
    dimension, else those of its first finding; none where fewer than two can be drawn."""
    first = [d for cid in findings[0].claims if (d := report.detail(cid)) is not None]
    ids = dict.fromkeys(cid for f in findings for cid in f.claims)
    every = [d for cid in ids if (d := report.detail(cid)) is not None]
    for details in (every, first):
        if len(details) >= 2 and len({d.dimension for d in details}) == 1:
            return details
    return []


def _chart(key: Key, findings: list[Finding], details: list[ClaimDetail]) -> str:
    axis = axis_for(details)
    scale = "log scale" if axis is not None and axis.log else "linear scale"
    title = f"{key} · {dimension_name(details[0].dimension)} ({scale})"
    suspects = {f.suspect for f in findings if f.suspect}
    items = "".join(
        f"<li{' class=suspect' if d.id in suspects else ''}><b>{escape(clip(d.source_label))}</b>: "
        f"{escape(clip(d.value))}"
        + (f" — “{escape(clip(d.quote))}”" if d.quote else "")
        + f" <small>({escape(d.file)}:{d.line}, {escape(d.id)})</small></li>"
        for d in details
    )
    return (
        f'<section class="group"><h3>{escape(title)}</h3><figure>'
        f"{_svg(details, suspects, title)}<figcaption><ul class=quotes>{items}</ul>"
        "</figcaption></figure></section>"
    )


def _row(finding: Finding, report: Report) -> str:
    claims = "".join(
        f"<div{' class=suspect' if loc.claim == finding.suspect else ''}>"
        f"{escape(clip(report.claim_value(loc.claim)))} "
        f"<small>({escape(loc.file)}:{loc.line})</small>"
        + (" ◀ suspect" if loc.claim == finding.suspect else "")
        + "</div>"
        for loc in finding.locations
        if loc.claim
    )
    return (
        "<tr>"
        f'<td data-label="Severity" class="{finding.severity}">{finding.severity}</td>'
        f'<td data-label="Rule">{escape(finding.rule)}</td>'
        f'<td data-label="Metric · entity · period">{escape(str(finding.key or ""))}</td>'
        f'<td data-label="Claims" class="claims">{claims}</td>'
        f'<td data-label="Diagnosis" class="diagnosis">{escape(finding.diagnosis or "")}</td>'
        f'<td data-label="Message">{escape(clip(finding.message, MAX_MESSAGE))}</td></tr>'
    )


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"


def _severities(findings: tuple[Finding, ...]) -> str:
    counts = Counter(f.severity for f in findings)
    return ", ".join(
        f"{counts[s]:,} info" if s == "info" else _plural(counts[s], s)
        for s in SEVERITIES
        if counts[s]
    )


def _rest(findings: tuple[Finding, ...]) -> str:
    """What the table leaves out: how many, and a count per rule and severity."""
    counts = Counter((f.rule, f.severity) for f in findings)
    rows = "".join(
        f'<tr><td>{escape(rule)}</td><td class="{severity}">{severity}</td><td>{n:,}</td></tr>'
        for (rule, severity), n in sorted(
            counts.items(), key=lambda item: (SEVERITIES.index(item[0][1]), item[0][0])
        )
    )
    return (
        f'<p class="left-out">{_plural(len(findings), "more finding")} not listed '
        f"({_severities(findings)}): the table stops at {MAX_ROWS:,} rows to keep the page "
        "light. Run <code>nqpf-check check --format json</code> for every finding.</p>"
        '<table class="rest"><thead><tr><th>Rule</th><th>Severity</th><th>Findings not '
        f"listed</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def _charts(report: Report, out: TextIO) -> None:
    """One chart per group (key) of conflicting claims, errors first, at most MAX_CHARTS."""
    by_key: dict[Key, list[Finding]] = {}
    for finding in report.findings:
        if finding.key:
            by_key.setdefault(finding.key, []).append(finding)
    drawn = skipped = 0
    for key, findings in by_key.items():
        details = _chart_details(findings, report)
        if not details:
            continue
        if drawn == MAX_CHARTS:
            skipped += 1
            continue
        if drawn == 0:
            out.write("<h2>Conflicting figures</h2>")
        out.write(_chart(key, findings, details))
        drawn += 1
    if skipped:
        out.write(
            f'<p class="left-out">{_plural(skipped, "more group")} of conflicting figures not '
            f"drawn: the page draws {MAX_CHARTS:,} at most. <code>nqpf-check show METRIC</code> "
            "draws every claim of one metric.</p>"
        )


def render(report: Report, out: TextIO, options: RenderOptions) -> None:
    """Write the whole page, piece by piece."""
    counts = report.summary()
    out.write(
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>nqpf-check report</title><style>{CSS}</style></head><body>"
        "<h1>nqpf-check report</h1>"
        f'<p class="summary">{escape(report.summary_line())}.'
        + (f" {escape(report.note)}" if report.note else "")
        + "</p>"
        f'<p class="counts"><span class="error">{_plural(counts["error"], "error")}</span>'
        f'<span class="warning">{_plural(counts["warning"], "warning")}</span>'
        f'<span class="info">{counts["info"]:,} info</span></p>'
    )
    if len(report.findings) > MAX_ROWS:
        out.write(
            f'<p class="left-out">The table lists the first {MAX_ROWS:,} of '
            f"{len(report.findings):,} findings, errors first; the rest are counted below it. "
            "<code>nqpf-check check --format json</code> has every finding.</p>"
        )
    if report.findings:
        out.write(
            '<h2>Findings</h2><table><colgroup><col class="sev"><col class="rule">'
            '<col class="key"><col class="claims"><col class="diag"><col class="msg"></colgroup>'
            "<thead><tr><th>Severity</th><th>Rule</th>"
            "<th>Metric · entity · period</th><th>Claims (source: value as written)</th>"
            "<th>Diagnosis</th><th>Message</th></tr></thead><tbody>"
        )
        for finding in report.findings[:MAX_ROWS]:
            out.write(_row(finding, report))
        out.write("</tbody></table>")
        if len(report.findings) > MAX_ROWS:
            out.write(_rest(report.findings[MAX_ROWS:]))
    else:
        out.write("<p>No findings: the claims agree.</p>")
    _charts(report, out)
    out.write("</body></html>\n")
