"""`show METRIC`: every claim of one metric, as a table and as a chart in the terminal."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from nqpf_check.errors import EXIT_OK, UsageError
from nqpf_check.names import did_you_mean
from nqpf_check.quantities.units import dimension_name
from nqpf_check.report import ClaimDetail
from nqpf_check.reporters import visible
from nqpf_check.reporters.axis import Axis, axis_for, groups

WIDTH = 48


def collect(
    claimsets: list[Any], ruleset: Any, metric: str, entity: str | None, period: str | None
) -> tuple[list[ClaimDetail], dict[str, str]]:
    """The metric's claims as picture data, and the suspects the rules name (id: rule)."""
    from nqpf_check.engine import details_of, evaluate, make_context

    claims = [c for cs in claimsets for c in cs.claims]
    known = sorted({c.metric for c in claims})
    if metric not in known:
        hint = did_you_mean(metric, known, "claimed:")
        raise UsageError("METRIC", f"no claim speaks of the metric '{metric}': {hint}")
    ctx = make_context(claimsets, ruleset)
    report = evaluate(ctx, ruleset, tuple(cs.path for cs in claimsets))
    chosen = [
        c.id
        for c in claims
        if c.metric == metric
        and (entity is None or c.entity == entity)
        and (period is None or c.period == period)
    ]
    suspects = {f.suspect: f.rule for f in report.findings if f.suspect}
    return list(details_of(ctx, chosen)), suspects


def _row(axis: Axis, detail: ClaimDetail, suspect: bool) -> Any:
    """One claim drawn on the axis: its interval as a bar, its figure as a dot."""
    from rich.text import Text

    cells = ["·"] * WIDTH
    start = round(axis.fraction(detail.low) * (WIDTH - 1))
    end = round(axis.fraction(detail.high) * (WIDTH - 1))
    for i in range(start, end + 1):
        cells[i] = "━"
    if math.isinf(detail.high):
        cells[-1] = "▶"
    if math.isinf(detail.low):
        cells[0] = "◀"
    cells[round(axis.fraction(detail.base) * (WIDTH - 1))] = "●"
    style = "bold red" if suspect else "cyan"
    text = Text()
    text.append(f"{visible(detail.source_label)[:26]:<26} ", style="bold" if suspect else "")
    text.append("".join(cells), style=style)
    text.append(f"  {visible(detail.value)}")
    if suspect:
        text.append("  ◀ suspect", style="bold red")
    return text


def _axis_line(axis: Axis) -> str:
    line = [" "] * (WIDTH + 12)
    free = 0
    for fraction, label in axis.ticks():
        at = round(fraction * (WIDTH - 1))
        if at < free:
            continue  # the labels would overlap: keep the first
        for i, ch in enumerate(label):
            if at + i < len(line):
                line[at + i] = ch
        free = at + len(label) + 2
    return " " * 27 + "".join(line).rstrip()


def render_show(
    details: list[ClaimDetail], suspects: dict[str, str], metric: str, console: Any
) -> None:
    """Print the table of claims, then one chart per group that can share an axis."""
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(f"{visible(metric)}: {len(details)} claims"), title_justify="left")
    for name in ("Claim", "Source", "Entity", "Period", "Measure", "Value as written", ""):
        table.add_column(name, overflow="fold")
    order = sorted(details, key=lambda d: (d.entity, d.period, d.measure, d.base))
    for d in order:
        mark = Text("◀ suspect", style="bold red") if d.id in suspects else Text("")
        table.add_row(
            *(Text(visible(t)) for t in (d.id, d.source_label, d.entity, d.period, d.measure)),
            Text(visible(d.value)),
            mark,
        )
    console.print(table)
    for (entity, period, measure, dimension), members in sorted(groups(order).items()):
        axis = axis_for(members)
        if axis is None:
            continue
        scale = "log scale" if axis.log else "linear scale"
        console.print()
        console.print(
            Text(
                visible(f"{metric} · {entity} · {period} · {measure} · ")
                + f"{dimension_name(dimension)} ({scale})",
                style="bold",
            )
        )
        for d in members:
            console.print(_row(axis, d, d.id in suspects))
        console.print(Text(_axis_line(axis), style="dim"))


def run_show(
    metric: str,
    claims: list[Path],
    entity: str | None,
    period: str | None,
    rules: Path | None,
    builtin: bool = True,
) -> int:
    """Print every claim of ``metric`` (of one entity or period if given) with charts."""
    import sys

    from nqpf_check.claims.load import load_inputs
    from nqpf_check.reporters.console import make_console
    from nqpf_check.ruleset import load_rules_for

    claimsets = load_inputs(claims)
    ruleset = load_rules_for(rules, claims[0], builtin)
    details, suspects = collect(claimsets, ruleset, metric, entity, period)
    if not details:
        said = visible(f"no claim of {metric} matches --entity {entity} --period {period}")
        print(said, file=sys.stderr)
        return EXIT_OK
    render_show(details, suspects, metric, make_console())
    return EXIT_OK
