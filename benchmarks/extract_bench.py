"""Our extractor against quantulum3, side by side, and its recall on the seed articles.

Run: python benchmarks/extract_bench.py [--repeat N] [--throughput [MB ...]]
(pip install quantulum3 first to compare)

1. Recall on the five seed articles: the share of the article claims in claims.yaml
   that `extract` proposes (same value, read the same, in the sentence of the quote),
   and how often it names the same metric, period and measure.
2. Accuracy and speed on the same sentences for both extractors: the article
   sentences (gold: claims.yaml) and the hand-labelled sentences in
   benchmarks/extraction/sentences.yaml. Value F1 counts a quantity found when its
   number matches; value+unit F1 also needs the unit category (CNY, USD, percent,
   count, power, ...). Sentences per second are measured in the same run.
3. With --throughput: megabytes per second of `extract` (as the command runs, start-up
   aside) on English made from the seed articles (their digits varied, so that no
   phrase repeats), on Chinese made from the labelled Chinese sentences (a number every
   15 characters or so), and on the English with every sentence break made a comma (one
   line, one sentence), at 0.1, 1 and 10 MB; and of `check` on claims whose quotes are a
   few kilobytes each, and on quotes of long runs of Chinese numerals (八折八折...).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import math
import platform
import random
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from nqpf_check.checks.quote import normalized
from nqpf_check.claims.reader import load_claims
from nqpf_check.extract.propose import propose
from nqpf_check.quantities.text import quantities
from nqpf_check.quantities.values import Value, parse_value
from nqpf_check.ruleset import load_ruleset

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "data" / "seeds"
SENTENCES = Path(__file__).parent / "extraction" / "sentences.yaml"

Found = tuple[float, str, str | None]  # value, unit category, qualifier

CURRENCIES = {
    "chinese yuan": "CNY",
    "renminbi": "CNY",
    "yuan": "CNY",
    "dollar": "USD",
    "united states dollar": "USD",
    "euro": "EUR",
    "pound sterling": "GBP",
    "japanese yen": "JPY",
}
DIMENSIONS = {
    "[percent]": "percent",
    "[percentage_point]": "pp",
    "[item]": "count",
    "[rank]": "rank",
    "[person_year]": "person-year",
    "[time]": "time",
    "[mass]": "mass",
    "[length]": "length",
    "[length] ** 2": "area",
    "[length] ** 3": "volume",
    "[mass] * [length] ** 2 / [time] ** 3": "power",
    "[mass] * [length] ** 2 / [time] ** 2": "energy",
}


def category(value: Value) -> str:
    """The unit category of one of our values."""
    if value.dimension.startswith("[currency_"):
        return value.dimension[len("[currency_") : -1]
    return DIMENSIONS.get(value.dimension, value.dimension)


def ours(text: str) -> list[Found]:
    """Our extractor's quantities: number in the unit as written, category, qualifier."""
    result = []
    for q in quantities(text):
        value = q.value
        result.append((value.number, category(value), value.qualifier))
    return result


def quantulum(text: str) -> list[Found]:
    """quantulum3's quantities in the same terms."""
    from quantulum3 import parser

    result = []
    for q in parser.parse(text):
        entity, name = q.unit.entity.name, q.unit.name
        if entity == "currency":
            unit = CURRENCIES.get(name, name)
        elif entity == "dimensionless":
            unit = {"percentage": "percent"}.get(name, "count")
        else:
            unit = entity
        result.append((float(q.value), unit, None))
    return result


def _same(a: float, b: float) -> bool:
    """Equal numbers; 1e-5 relative admits labels such as 33.3333 for a third."""
    return math.isclose(a, b, rel_tol=1e-5, abs_tol=1e-9)


def f1(gold: list[list[Found]], predicted: list[list[Found]], with_unit: bool) -> float:
    """F1 of predicted quantities against gold, one-to-one per sentence."""
    tp = fp = fn = 0
    for want, got in zip(gold, predicted, strict=True):
        left = list(want)
        for value, unit, _ in got:
            match = next(
                (g for g in left if _same(g[0], value) and (not with_unit or g[1] == unit)), None
            )
            if match is None:
                fp += 1
            else:
                tp += 1
                left.remove(match)
        fn += len(left)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def qualifier_accuracy(gold: list[list[Found]], predicted: list[list[Found]]) -> float:
    """Of the gold quantities found (value and unit), the share with the right qualifier."""
    right = total = 0
    for want, got in zip(gold, predicted, strict=True):
        for value, unit, qualifier in want:
            hit = next((g for g in got if _same(g[0], value) and g[1] == unit), None)
            if hit is not None:
                total += 1
                right += hit[2] == qualifier
    return right / total if total else 0.0


def article_sentences() -> tuple[list[str], list[list[Found]]]:
    """The quotes of the article claims, with those claims' values as gold."""
    claimset = load_claims(ROOT / "claims.yaml")
    by_quote: dict[str, list[Found]] = {}
    for claim in claimset.claims:
        if claimset.sources[claim.source].kind == "official" or not claim.quote:
            continue
        value = parse_value(claim.value)
        by_quote.setdefault(claim.quote, []).append(
            (value.number, category(value), value.qualifier)
        )
    return list(by_quote), list(by_quote.values())


def labelled_sentences(lang: str | None = None) -> tuple[list[str], list[list[Found]]]:
    """The hand-labelled sentences (of one language, or all) and their quantities."""
    data = yaml.safe_load(SENTENCES.read_text(encoding="utf-8"))
    data = [item for item in data if lang is None or item["lang"] == lang]
    texts = [item["text"] for item in data]
    gold = [
        [(float(q["value"]), q["unit"], q.get("qualifier")) for q in item["quantities"]]
        for item in data
    ]
    return texts, gold


def forget_phrases() -> None:
    """Empty our caches of phrases read (not the unit words, nor compiled patterns): a
    timed pass reads its sentences as if for the first time."""
    from nqpf_check.quantities import numbers, text, values

    for module in (text, values, numbers):
        for item in vars(module).values():
            info = getattr(item, "cache_info", None)
            if info is not None and info().maxsize is not None:
                item.cache_clear()


def timed(
    extract: Callable[[str], list[Found]],
    texts: list[str],
    repeat: int,
    reset: Callable[[], None] = lambda: None,
) -> tuple[list[list[Found]], float]:
    """The extractor's output and its sentences per second (best of ``repeat`` passes,
    each after ``reset``)."""
    output = [extract(t) for t in texts]  # warm-up: imports, unit words, patterns
    best = math.inf
    for _ in range(repeat):
        reset()
        start = time.perf_counter()
        for text in texts:
            extract(text)
        best = min(best, time.perf_counter() - start)
    return output, len(texts) / best


@dataclass(frozen=True)
class Recall:
    """How many article claims `extract` proposes, and how well it names them."""

    claims: int
    found: int
    metric: int
    period: int
    measure: int


def seed_recall(seeds: Path = SEEDS) -> Recall:
    """Run extract on every seed article and match its proposals with claims.yaml."""
    claimset = load_claims(ROOT / "claims.yaml")
    vocabulary = load_ruleset(ROOT / "rules", "rules").metrics
    texts = {p: p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))}
    articles = [
        c for c in claimset.claims if claimset.sources[c.source].kind != "official" and c.quote
    ]
    found = metric = period = measure = 0
    proposals = {}
    for path, text in texts.items():
        proposals[path] = propose(text, "x", vocabulary, None, set(), path.name)
    for claim in articles:
        quote = normalized(claim.quote or "")
        path = next(p for p, t in texts.items() if quote in normalized(t))
        want = parse_value(claim.value)
        for p in proposals[path]:
            value = f"{p.value} {p.unit}" if p.unit else p.value
            got = parse_value(value)
            if (
                quote in normalized(p.quote)
                and got.dimension == want.dimension
                and _same(got.base, want.base)
                and got.qualifier == want.qualifier
            ):
                found += 1
                metric += p.metric == claim.metric
                period += p.period == claim.period
                measure += p.measure == claim.measure
                break
    return Recall(len(articles), found, metric, period, measure)


def _pct(n: int, d: int) -> str:
    return f"{n}/{d} = {n / d:.0%}" if d else "0/0"


def _varied(text: str, rng: random.Random) -> str:
    """The text with every digit drawn anew: no number phrase repeats, none is cached."""
    return re.sub(r"[0-9]", lambda _: str(rng.randint(1, 9)), text)


def english(size: int, seed: int = 1) -> str:
    """About ``size`` bytes of the seed articles, one after another, digits varied."""
    rng = random.Random(seed)
    articles = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    parts, total = [], 0
    while total < size:
        part = _varied(rng.choice(articles), rng)
        parts.append(part)
        total += len(part.encode()) + 2
    return "\n\n".join(parts)


def chinese(size: int, seed: int = 1) -> str:
    """About ``size`` bytes of the labelled Chinese sentences, digits varied, in paragraphs."""
    rng = random.Random(seed)
    sentences, _ = labelled_sentences("zh")
    parts, total = [], 0
    while total < size:
        part = _varied(rng.choice(sentences), rng) + ("\n\n" if rng.random() < 0.1 else "")
        parts.append(part)
        total += len(part.encode())
    return "".join(parts)


def one_line(size: int, seed: int = 1) -> str:
    """The English with every sentence break a comma: one line, one sentence."""
    return re.sub(r"(?<=[.!?])\s+|\n+", ", ", english(size, seed))


def extract_speed(text: str) -> tuple[float, int]:
    """`extract` on the text as a file: megabytes per second, and claims proposed."""
    from nqpf_check.commands.extract import ExtractOptions, run_extract

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "article.txt"
        path.write_text(text, encoding="utf-8")
        out = io.StringIO()
        start = time.perf_counter()
        with contextlib.redirect_stdout(out):
            run_extract(ExtractOptions(texts=(path,)))
        took = time.perf_counter() - start
    return len(text.encode()) / 1e6 / took, out.getvalue().count("\n  - id: ")


def _claims_file(quotes: list[tuple[str, str]], text_file: str) -> str:
    import json

    lines = ["version: 1", "sources:", f"  a: {{title: t, text: {text_file}}}", "claims:"]
    for i, (value, quote) in enumerate(quotes):
        lines += [
            f"  - id: c{i}",
            "    metric: m",
            "    entity: e",
            '    period: "2023"',
            f"    value: {json.dumps(value, ensure_ascii=False)}",
            "    source: a",
            f"    quote: {json.dumps(quote, ensure_ascii=False)}",
        ]
    return "\n".join(lines) + "\n"


def check_speed(quotes: list[tuple[str, str]], text: str) -> float:
    """`check` of claims with these (value, quote) against the text, in a fresh process:
    megabytes of quotes per second (start-up included)."""
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "article.txt").write_text(text, encoding="utf-8")
        claims = Path(folder, "claims.yaml")
        claims.write_text(_claims_file(quotes, "article.txt"), encoding="utf-8")
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "nqpf_check", "check", str(claims), "--format", "json"],
            capture_output=True,
            check=False,
        )
        took = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise RuntimeError(done.stderr.decode())
    return sum(len(q.encode()) for _, q in quotes) / 1e6 / took


def long_quotes(text: str, count: int, width: int) -> list[tuple[str, str]]:
    """``count`` claims whose quotes are ``width`` characters of the text around a figure."""
    found = [q for q in quantities(text) if q.start > width]
    step = max(1, len(found) // count)
    quotes = []
    for q in found[::step][:count]:
        start = q.start - width // 2
        quotes.append((q.text, text[start : start + width].strip()))
    return quotes


def throughput(sizes: list[float]) -> None:
    """Print extract's and check's megabytes per second."""
    print("\nthroughput (MB/s; extract in this process, start-up aside):")
    print(f"  {'text':<34} {'MB':>6} {'MB/s':>7} {'claims':>8}")
    for name, make in (
        ("English (seed articles)", english),
        ("Chinese (labelled sentences)", chinese),
        ("English, one unbroken line", one_line),
    ):
        for mb in sizes:
            text = make(int(mb * 1e6))
            speed, claims = extract_speed(text)
            print(f"  extract, {name:<25} {mb:>6g} {speed:>7.2f} {claims:>8,}")
    article = english(1_000_000)
    quotes = long_quotes(article, 300, 3000)
    size = sum(len(q.encode()) for _, q in quotes) / 1e6
    speed = check_speed(quotes, article)
    print(f"  check, {len(quotes)} quotes of 3,000 characters {size:>6.2f} {speed:>7.2f}")
    runs = [("八折", "八折" * 4000 + "，八折")] * 20
    size = sum(len(q.encode()) for _, q in runs) / 1e6
    speed = check_speed(runs, "".join(q for _, q in runs))
    print(f"  check, 20 quotes of 八折 x 4,000      {size:>6.2f} {speed:>7.2f}")


def main(argv: Iterable[str] | None = None) -> None:
    """Print recall on the seeds, then both extractors' accuracy and speed."""
    args = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    args.add_argument("--repeat", type=int, default=5, help="timed passes (best is kept)")
    args.add_argument(
        "--throughput",
        type=float,
        nargs="*",
        metavar="MB",
        help="also time extract and check on texts of these sizes (default 0.1 1 10)",
    )
    options = args.parse_args(list(argv) if argv is not None else None)
    print(
        f"machine: {platform.machine()}, {platform.python_implementation()} "
        f"{platform.python_version()}, {platform.system()}"
    )
    r = seed_recall()
    print(f"\nseed articles: {r.claims} article claims in claims.yaml")
    print(f"  proposed by extract: {_pct(r.found, r.claims)}")
    print(
        f"  of those, same metric {_pct(r.metric, r.found)}, period {_pct(r.period, r.found)}, "
        f"measure {_pct(r.measure, r.found)}"
    )
    try:
        import quantulum3  # noqa: F401

        tools: dict[str, Callable[[str], list[Found]]] = {
            "nqpf-check": ours,
            "quantulum3": quantulum,
        }
    except ImportError:
        print("\nquantulum3 is not installed (pip install quantulum3): ours alone")
        tools = {"nqpf-check": ours}
    for name, (texts, gold) in {
        "article sentences": article_sentences(),
        "labelled sentences, English": labelled_sentences("en"),
        "labelled sentences, Chinese": labelled_sentences("zh"),
        "labelled sentences, all": labelled_sentences(),
    }.items():
        print(f"\n{name}: {len(texts)} sentences, {sum(len(g) for g in gold)} quantities")
        print(
            f"  {'extractor':<12} {'value F1':>9} {'value+unit F1':>14} {'qualifiers':>11} "
            f"{'sentences/s':>12}"
        )
        for tool, extract in tools.items():
            reset = forget_phrases if tool == "nqpf-check" else (lambda: None)
            predicted, speed = timed(extract, texts, options.repeat, reset)
            qualifiers = (
                f"{qualifier_accuracy(gold, predicted):.0%}" if tool == "nqpf-check" else "n/a"
            )
            print(
                f"  {tool:<12} {f1(gold, predicted, False):>9.3f} "
                f"{f1(gold, predicted, True):>14.3f} {qualifiers:>11} {speed:>12,.0f}"
            )
    if options.throughput is not None:
        throughput(options.throughput or [0.1, 1, 10])


if __name__ == "__main__":
    main()
