"""Every regular expression and every reader of text runs in linear time on hostile input.

Each is timed on inputs of n and 4n characters side by side, in the same run: work in
linear time takes about 4 times as long, quadratic work 16 times. A ratio of 8 or more
fails (after two more tries: the machine is noisy); no absolute time is asserted.

The regular expressions are found, not listed: every compiled pattern of the modules
that read input, and every pattern written inline in a call of ``re`` there. A pattern
used with ``match`` or ``fullmatch`` only is timed so; any other is also searched
through the whole input.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from nqpf_check.extract.propose import periods_in, propose
from nqpf_check.quantities.chinese import squeeze
from nqpf_check.quantities.numbers import read_number
from nqpf_check.quantities.text import quantities, readings, sentences, shadow
from nqpf_check.quantities.values import normalize

MODULES = (
    "nqpf_check.quantities.text",
    "nqpf_check.quantities.numbers",
    "nqpf_check.quantities.chinese",
    "nqpf_check.quantities.units",
    "nqpf_check.quantities.values",
    "nqpf_check.quantities.periods",
    "nqpf_check.quantities.scales",
    "nqpf_check.quantities.languages",
    "nqpf_check.checks.quote",
    "nqpf_check.claims.changes",
    "nqpf_check.claims.fields",
    "nqpf_check.claims.format",
    "nqpf_check.claims.load",
    "nqpf_check.claims.model",
    "nqpf_check.claims.reader",
    "nqpf_check.claims.records",
    "nqpf_check.claims.schema",
    "nqpf_check.claims.validation",
    "nqpf_check.claims.yaml_file",
    "nqpf_check.extract.append",
    "nqpf_check.extract.propose",
    "nqpf_check.commands.extract",
)
UNITS = (
    "1;", "1,", "1.", "1", "1 ", "1-", "1/", "1:", "1%", "1% ", "1a", "a1", "1a ", "a", "a ",
    "Aa ", "A", " ", "\t", "\n", "\n \n", "-", ".", ". ", "(", "(1", "[", '"', '1" ', "'", "$",
    "$1", "$ ", "€1 ", "八折", "八折 ", "八", "一二三四五六七八九十", "一个", "中", "中1", "中 ",
    "，", "1，", "、", "%", "percent of 1 ", "per ", "of ", "to ", "and ", "1 to ", "1 and ",
    "1 m x ", "between ", "more than ", "万", "亿元", "百分之", "第", "1e", "\\", "#", "{",
    "<", "0.", "12,", "1'", "1 000 ", "１", "−1", "US$", "2024..", "2024-", "dollars ",
    "fell ", "Mr. ", "1.1.", "1,1,", "1 1/", "20 (", "c $ 1 and ", "3 dollars 50 ", "ALL 5 ",
    "degrees ", "e", "de ", "1 m", "kg ", "km2 ", "三成", "7 2 折", "负", "零下", "占", "GDP ",
    "1988年", "1—5月", "https://a.b/", "k", "x ", "by ", "0", "00", "+", "+-", "=", "1 = ",
)  # fmt: skip
"""What hostile input is made of: each repeated to the length wanted."""

N = 1500
ANCHORED = frozenset({"match", "fullmatch"})
SCANNING = frozenset({"search", "finditer", "findall", "sub", "subn", "split"})


RUNS = ("a", " ", "1", "八", "A", "-", "'")
"""Runs of one character that end in another: patterns anchored at the end fail there."""


def hostile(size: int) -> list[str]:
    """Every unit repeated to ``size`` characters, and every run ending in something else."""
    runs = [f"{run * size} {end}" for run in RUNS for end in ("x", ":")]
    return [unit * (size // len(unit)) for unit in UNITS] + runs


def ratio(work: Callable[[int], object], n: int = N, tries: int = 3) -> float:
    """How much longer ``work`` takes on 4 n characters than on n (best of three each)."""
    best = float("inf")
    for _ in range(tries):
        times = []
        for size in (n, 4 * n):
            runs = []
            for _ in range(3):
                start = time.perf_counter()
                work(size)
                runs.append(time.perf_counter() - start)
            times.append(min(runs))
        best = min(best, times[1] / max(times[0], 1e-9))
        if best < 8 or best > 12:  # only a ratio near the bound is timed again
            break
    return best


def _patterns_of(name: str) -> Iterator[tuple[str, re.Pattern[str], frozenset[str]]]:
    """(where, pattern, how it is used) for every pattern of a module."""
    module = importlib.import_module(name)
    source = inspect.getsource(module)
    tree = ast.parse(source)
    used: dict[str, set[str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            used.setdefault(node.value.id, set()).add(node.attr)
    loop_used: dict[str, set[str]] = {}
    for node in ast.walk(tree):  # patterns taken in turn: "for pattern in (A, B): pattern.x"
        loops = [(node, node.target, node.iter)] if isinstance(node, ast.For) else []
        if isinstance(node, ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp):
            loops = [(node, loop.target, loop.iter) for loop in node.generators]
        for scope, target, source in loops:
            if isinstance(target, ast.Tuple) and target.elts:
                target = target.elts[0]
            if not isinstance(target, ast.Name):
                continue
            methods = {
                inner.attr
                for inner in ast.walk(scope)
                if isinstance(inner, ast.Attribute)
                and isinstance(inner.value, ast.Name)
                and inner.value.id == target.id
            }
            for name_node in source.elts if isinstance(source, ast.Tuple) else [source]:
                if isinstance(name_node, ast.Name):
                    loop_used.setdefault(name_node.id, set()).update(methods)
    known = set()
    for key, value in vars(module).items():
        found = [value] if isinstance(value, re.Pattern) else []
        if isinstance(value, tuple | list):
            found = [v for v in value if isinstance(v, re.Pattern)]
            found += [
                v[0] for v in value if isinstance(v, tuple) and v and isinstance(v[0], re.Pattern)
            ]
        how = (used.get(key, set()) | loop_used.get(key, set())) & (ANCHORED | SCANNING)
        for pattern in found:
            known.add((pattern.pattern, pattern.flags))
            yield f"{name}.{key}", pattern, frozenset(how or ANCHORED | SCANNING)
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and node.args):
            continue
        func = node.func
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            method = func.attr
            if func.value.id != "re" or method not in ANCHORED | SCANNING | {"compile"}:
                continue
        elif isinstance(func, ast.Name) and func.id == "matching":
            method = "fullmatch"  # claims.fields.matching: a field matched whole
        else:
            continue
        where = f"{name}:{node.lineno}"
        scope = vars(module)
        at = {"compile": 1, "sub": 4, "subn": 4, "split": 3}.get(method, 2)
        flags = eval(ast.unparse(node.args[at]), scope) if len(node.args) > at else 0
        for keyword in node.keywords:
            if keyword.arg == "flags":
                flags = eval(ast.unparse(keyword.value), scope)
        how = ANCHORED | SCANNING if method == "compile" else frozenset({method})
        first = node.args[0]
        for written in (first.body, first.orelse) if isinstance(first, ast.IfExp) else (first,):
            try:
                text = eval(ast.unparse(written), scope)
            except NameError:
                continue  # made from local names: a module's pattern, or a field's, found so
            if isinstance(text, str):
                pattern = re.compile(text, flags)
                if (pattern.pattern, pattern.flags) not in known:  # else timed as used above
                    yield where, pattern, how
            elif not isinstance(text, re.Pattern):
                raise AssertionError(f"{where}: a pattern of an unexpected kind: {text!r}")


PATTERNS = [p for name in MODULES for p in _patterns_of(name)]


def test_the_timing_tells_quadratic_work_from_linear_work() -> None:
    def linear(size: int) -> object:
        return [text.count("1") for text in hostile(size)]

    def quadratic(size: int) -> object:
        text = "1" * size
        return [text.count("1", 0, end) for end in range(0, size, 4)]

    assert ratio(linear) < 8
    assert ratio(quadratic) > 8


def test_the_patterns_are_found() -> None:
    names = {where for where, _, _ in PATTERNS}
    assert len(PATTERNS) >= 150
    assert "nqpf_check.quantities.text._NUMBER" in names
    assert "nqpf_check.quantities.values._CURRENCY_PREFIX" in names
    assert any(where.startswith("nqpf_check.claims.yaml_file") for where in names)
    assert any(where.startswith("nqpf_check.extract.propose:") for where in names)


def _run(pattern: re.Pattern[str], how: frozenset[str]) -> Callable[[int], object]:
    def work(size: int) -> object:
        for text in hostile(size):
            if how & ANCHORED:
                pattern.match(text)
                pattern.fullmatch(text)
            if how & SCANNING:
                for _ in pattern.finditer(text):
                    pass
        return None

    return work


@pytest.mark.parametrize(
    ("where", "pattern", "how"), PATTERNS, ids=[f"{w}" for w, _, _ in PATTERNS]
)
def test_every_pattern_runs_in_linear_time(
    where: str, pattern: re.Pattern[str], how: frozenset[str]
) -> None:
    grows = ratio(_run(pattern, how))
    assert grows < 8, f"{where} ({pattern.pattern[:80]!r}): 4x the input took {grows:.1f}x"


def _each(read: Callable[[str], object], units: tuple[str, ...] = UNITS) -> Callable[[int], object]:
    def work(size: int) -> object:
        for unit in units:
            read(unit * (size // len(unit)))
        return None

    return work


def _propose(text: str) -> object:
    return propose(text, "s", {}, 2024, set(), "t.txt")


READERS: dict[str, Callable[[str], object]] = {
    "quantities": quantities,
    "quantities in German": lambda text: quantities(text, lang="de"),
    "readings": readings,
    "sentences": sentences,
    "shadow": shadow,
    "normalize": normalize,
    "squeeze": squeeze,
    "read_number": read_number,
    "periods_in": lambda text: periods_in(text, 2024),
}


@pytest.mark.parametrize("name", list(READERS))
def test_every_reader_runs_in_linear_time(name: str) -> None:
    grows = ratio(_each(READERS[name]), n=600)  # the readers of numbers look 120 characters
    # around each number: 600 is enough to tell growth inside a window from growth in n
    assert grows < 8, f"{name}: 4x the input took {grows:.1f}x"


CHINESE_RUNS = ("八折", "八折 ", "一二三四五六七八九十", "一个", "三成", "百分之", "7 2 折", "一 ")


def test_extract_runs_in_linear_time_on_hostile_text() -> None:
    units = ("1 ", "1% ", "八折", "一个", "1;", '1" ', "GDP grew 5% ", "占1% of GDP ")
    grows = ratio(_each(_propose, units), n=1000)
    assert grows < 8, f"4x the input took {grows:.1f}x"


def test_extract_runs_in_linear_time_on_a_line_without_a_sentence_break() -> None:
    seed = Path(__file__).parent / "data" / "seeds" / "000_8d561f9d3ddce6e8.txt"
    line = re.sub(r"[.!?]\s+|\n+", ", ", seed.read_text(encoding="utf-8")) * 2
    assert len(sentences(line[: 8 * N])) == 1

    def work(size: int) -> object:
        return _propose(line[: size * 2])

    grows = ratio(work)
    assert grows < 8, f"4x the line took {grows:.1f}x"


@pytest.mark.parametrize("unit", CHINESE_RUNS)
def test_long_runs_of_chinese_numerals_are_linear(unit: str) -> None:
    grows = ratio(_each(quantities, (unit,)))
    assert grows < 8, f"{unit!r}: 4x the input took {grows:.1f}x"


def test_many_figures_with_one_id_take_linear_time() -> None:
    from nqpf_check.extract.propose import unique_id

    def work(size: int) -> object:
        taken: set[str] = set()
        counters: dict[str, int] = {}
        return [unique_id("gdp-2024-paper", taken, counters) for _ in range(size)]

    grows = ratio(work, n=5000)
    assert grows < 8, f"4x the ids took {grows:.1f}x"


def test_many_proposals_of_one_value_are_compared_in_linear_time() -> None:
    from nqpf_check.commands.extract import Repeats

    def work(size: int) -> object:
        present = Repeats()
        for i in range(size):
            quote = f"In region {i} output grew 5 percent over the year before."
            if not present.seen("paper", quote, 5.0):
                present.add("paper", quote, 5.0)
        return present

    grows = ratio(work, n=3000)
    assert grows < 8, f"4x the proposals took {grows:.1f}x"
