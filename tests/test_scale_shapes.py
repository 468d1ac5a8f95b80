"""Shapes that stress the algorithm: one huge group, long chains, many findings.

Costs are asserted as counts of comparisons (at n and 4n), never as times: the
machine is noisy, and a count grows the same way on every machine.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from nqpf_check.checks.base import Item
from nqpf_check.checks.consensus import NAMED, Cluster, Reach, clusters, listed
from nqpf_check.checks.series import Series
from nqpf_check.claims.model import Claim
from nqpf_check.cli import app
from nqpf_check.quantities import values as values_module
from nqpf_check.quantities.values import parse_value

runner = CliRunner()


def _item(number: str, cid: str, official: bool = False, period: str = "2023") -> Item:
    claim = Claim(cid, "m", "CN", period, "level", number, f"s-{cid}", "c.yaml", 1, 1, 1)
    return Item(claim, parse_value(number), official, f"S {cid}")


def _old_clusters(items: list[Item]) -> list[Cluster]:
    """The former recursive algorithm, kept as the oracle: chains by overlap with any member,
    split around the representative, the rest re-clustered."""
    finite = sorted(items, key=lambda i: (i.value.low, i.value.high))
    groups: list[list[Item]] = []
    for item in finite:
        if groups and any(item.value.overlaps(o.value) for o in groups[-1]):
            groups[-1].append(item)
        else:
            groups.append([item])
    result: list[Cluster] = []
    for group in groups:
        result.extend(_old_split(group))
    return result


def _old_split(group: list[Item]) -> list[Cluster]:
    if max(i.value.low for i in group) <= min(i.value.high for i in group) or len(group) < 2:
        return [Cluster(tuple(group))]
    core = Cluster(tuple(group)).representative
    inside = [i for i in group if i.value.overlaps(core.value)]
    outside = [i for i in group if i not in inside]
    if not outside:
        return [Cluster(tuple(group))]
    return [*_old_split(inside), *_old_clusters(outside)]


_numbers = st.lists(
    st.tuples(
        st.integers(0, 60),  # the figure in tenths
        st.sampled_from(["{:.1f}", "{:.0f}", "about {:.0f}", "{:.2f}", "{:.1f} to {:.1f}"]),
        st.booleans(),
    ),
    min_size=1,
    max_size=14,
)


@settings(derandomize=True, max_examples=300, deadline=None)
@given(_numbers)
def test_clusters_are_those_of_the_recursive_definition(spec: list) -> None:
    items = []
    for k, (tenths, form, official) in enumerate(spec):
        x = tenths / 10
        text = form.format(x, x + 0.3) if "to" in form else form.format(x)
        items.append(_item(text, f"c{k:02d}", official))
    found, open_ended = clusters(items)
    assert open_ended == []
    expected = {frozenset(c.ids()) for c in _old_clusters(items)}
    assert {frozenset(c.ids()) for c in found} == expected
    lows = [c.items[0].value.low for c in found]
    assert lows == sorted(lows)  # in ascending order of value


@contextlib.contextmanager
def counted_comparisons() -> Iterator[list[int]]:
    """Count the interval comparisons made inside the block (in the list's one item)."""
    count = [0]
    real = values_module.intervals_overlap

    def counting(a: tuple, b: tuple) -> bool:
        count[0] += 1
        return real(a, b)

    values_module.intervals_overlap = counting
    try:
        yield count
    finally:
        values_module.intervals_overlap = real


def _comparisons(items: list[Item]) -> int:
    with counted_comparisons() as count:
        clusters(items)
    return count[0]


@pytest.mark.parametrize(
    "shape",
    [
        lambda k: str(k + 1),  # a chain: each figure overlaps its neighbours only
        lambda k: f"{3327.8 + (k % 7) * 0.1:.1f}",  # one figure in seven near writings
        lambda k: "3,327.8" if k % 50 else "3.3278",  # one figure and its slips
    ],
    ids=["chain", "near", "slips"],
)
def test_clustering_grows_linearly(shape) -> None:
    small = [_item(shape(k), f"c{k:05d}") for k in range(1000)]
    large = [_item(shape(k), f"c{k:05d}") for k in range(4000)]
    ratio = _comparisons(large) / max(1, _comparisons(small))
    assert ratio < 6, f"4x the figures made {ratio:.1f}x the comparisons"


def test_a_chain_of_thousands_of_figures_is_checked(tmp_path: Path) -> None:
    """Values 1..5000 in one key used to end in a RecursionError (a crashed rule)."""
    lines = [json.dumps({"type": "source", "id": "s", "title": "T", "publisher": "P"})]
    lines += [
        json.dumps({"id": f"c{k}", "metric": "m", "entity": "CN", "period": "2023",
                    "value": str(k), "source": "s"})
        for k in range(1, 5001)
    ]  # fmt: skip
    path = tmp_path / "chain.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(path), "--format", "json"])
    report = json.loads(result.stdout)
    assert not [f for f in report["findings"] if "failed" in f["message"]], result.stdout[:500]
    assert result.exit_code in (0, 1)


def test_a_finding_names_a_big_reference_by_its_first_claims(tmp_path: Path) -> None:
    lines = [
        json.dumps({"type": "source", "id": f"s{k}", "title": f"T{k}", "publisher": f"P{k:03d}"})
        for k in range(300)
    ]
    lines += [
        json.dumps({"id": f"c{k:03d}", "metric": "rd", "entity": "CN", "period": "2023",
                    "value": "3,327.8 billion yuan", "source": f"s{k}"})
        for k in range(299)
    ]  # fmt: skip
    lines.append(
        json.dumps({"id": "odd", "metric": "rd", "entity": "CN", "period": "2023",
                    "value": "3.3278 billion yuan", "source": "s299"})
    )  # fmt: skip
    path = tmp_path / "big.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(path), "--format", "json"])
    assert result.exit_code == 1
    (finding,) = json.loads(result.stdout)["findings"]
    assert finding["suspect"] == "odd" and finding["diagnosis"] == "scale-slip"
    assert len(finding["claims"]) == NAMED + 1  # the reference's first ten, and the suspect
    assert "299 sources: P000, P001" in finding["message"]
    assert f"and {299 - NAMED} more" in finding["message"]


def test_listed_counts_what_it_leaves_out() -> None:
    assert listed(["a", "b"]) == "a, b"
    assert listed([str(k) for k in range(12)], 3) == "0, 1, 2 and 9 more"


_figures = st.lists(
    st.tuples(st.sampled_from(["2021", "2022", "2023"]), st.integers(0, 40), st.booleans()),
    max_size=25,
)


@settings(derandomize=True, max_examples=200, deadline=None)
@given(_figures, st.integers(0, 40), st.sampled_from(["2021", "2022", "2023"]))
def test_the_series_index_finds_what_a_scan_finds(figures: list, at: int, besides: str) -> None:
    entries = [
        (period, f"c{k}", parse_value(f"about {n}" if rough else f"{n / 2:.1f}"))
        for k, (period, n, rough) in enumerate(figures)
    ]
    probe = parse_value(f"{at / 2:.1f}")
    seen: set = set()
    scan = []
    for period, cid, value in entries:
        mark = (period, value.low, value.high)
        if period != besides and value.overlaps(probe) and mark not in seen:
            scan.append(cid)
        seen.add(mark)
    found = [f.claim_id for f in Series(entries).overlapping(probe, besides)]
    assert found == scan


def test_the_representative_is_computed_once() -> None:
    cluster = Cluster(tuple(_item("3.3", f"c{k}") for k in range(3)))
    first = cluster.representative
    object.__setattr__(cluster, "items", ())
    assert cluster.representative is first  # cached: findings ask for it again and again


@settings(derandomize=True, max_examples=300, deadline=None)
@given(_numbers, st.integers(0, 60), st.sampled_from(["{:.1f}", "about {:.0f}", "{:.2f}"]))
def test_the_reach_index_answers_as_a_scan(spec: list, at: int, form: str) -> None:
    items = []
    for k, (tenths, written, _official) in enumerate(spec):
        x = tenths / 10
        text = written.format(x, x + 0.3) if "to" in written else written.format(x)
        items.append(_item(text, f"c{k:02d}"))
    items.append(_item("more than 5", "open"))
    probe = parse_value(form.format(at / 10))
    reach = Reach(items)
    assert reach.overlaps(probe) == any(i.value.overlaps(probe) for i in items)
    assert reach.distance(probe) == min(abs(i.value.base - probe.base) for i in items)


def test_figures_with_and_without_a_basis_are_matched_without_a_scan(tmp_path: Path) -> None:
    """Half of a big group on two bases, half on none: each basis-less figure used to be
    compared with every figure on a basis (10,000 x 10,000 comparisons here)."""
    rows = [{"type": "source", "id": f"s{k}", "title": f"T{k}"} for k in range(100)]
    for k in range(20_000):
        basis = ("NBS", "CAAM", None, None)[k % 4]
        value = "31.4 million" if basis != "CAAM" else "30.1 million"
        row = {"id": f"c{k}", "metric": "cars", "entity": "CN", "period": "2023",
               "value": value, "source": f"s{k % 100}"}  # fmt: skip
        rows.append({**row, "basis": basis} if basis else row)
    path = tmp_path / "bases.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    with counted_comparisons() as calls:
        result = runner.invoke(app, ["check", str(path), "--format", "json"])
    findings = json.loads(result.stdout)["findings"]
    assert [f["diagnosis"] for f in findings] == ["basis-differs"]  # CAAM against NBS: info
    assert calls[0] < 20 * 20_000, calls
