"""How nqpf-check's cost grows with the number of claims, phase by phase.

Run: python benchmarks/scale_bench.py [--sizes 1000 10000 100000] [--million]

For each size it generates synthetic claims with a fixed seed (200 metrics, 40
entities, years 2015-2025 with halves and quarters, a source per 25 claims of which
a fifth official, three or four claims per figure, values in every form the parser
reads: scale words, 亿 and 万, currencies, percents, GW and kilowatts, qualifiers;
5 % of figures with one claim off by a scale slip), writes them as YAML and JSON
Lines, and checks each in a fresh process, timing loading, parsing, checking and
reporting separately and taking the peak memory. Beside it, in the same process,
the time PyYAML's C loader (or json.loads for JSON Lines) alone takes to read the
same file: our total over that is the ratio to drive down.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import platform
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

METRICS = [f"metric_{i:03d}" for i in range(200)]
ENTITIES = [f"E{i:02d}" for i in range(40)]
PERIODS = (
    [str(y) for y in range(2015, 2026)]
    + [f"{y}-H1" for y in range(2018, 2026)]
    + [f"{y}-Q3" for y in range(2020, 2026)]
)


def _forms(kind: str, truth: float, rng: random.Random) -> str:
    """The truth written in one of the forms the parser reads."""
    if kind == "money":
        form = rng.randrange(5)
        if form == 0:
            return f"{truth / 1e9:,.1f} billion yuan"
        if form == 1:
            return f"{truth / 1e8:,.0f}亿元"
        if form == 2:
            return f"{truth / 1e12:.4f}万亿元"
        if form == 3:
            return f"more than {truth * 0.9 / 1e9:,.0f} billion yuan"
        return f"about {truth / 1e9:,.0f} billion RMB"
    if kind == "count":
        form = rng.randrange(3)
        if form == 0:
            return f"{truth / 1e6:.3f} million units"
        if form == 1:
            return f"{truth / 1e4:.1f}万辆"
        return f"nearly {truth * 1.01 / 1e6:.2f} million vehicles"
    if kind == "percent":
        form = rng.randrange(3)
        suffix = ("%", " percent", " per cent")[form]
        return f"{truth:.1f}{suffix}"
    form = rng.randrange(2)
    return f"{truth / 1e6:.1f} GW" if form == 0 else f"{truth / 1e6:,.1f} million kilowatts"


def generate(n: int, seed: int = 7) -> tuple[dict[str, dict[str, str]], list[dict[str, str]]]:
    """Sources and ``n`` claims, three or four to a figure, 5 % of figures with a slip."""
    rng = random.Random(seed)
    n_sources = max(10, n // 25)
    sources = {
        f"s{i:05d}": {
            "title": f"Report {i}",
            "publisher": f"Publisher {i % 500}",
            "kind": "official" if i % 5 == 0 else "press",
            "lang": "en",  # its figures are English ("11.780 million" is 11.78 million)
        }
        for i in range(n_sources)
    }
    source_ids = list(sources)
    claims: list[dict[str, str]] = []
    kinds = {m: ("money", "count", "percent", "power")[i % 4] for i, m in enumerate(METRICS)}
    figure = 0
    while len(claims) < n:
        metric = METRICS[figure % len(METRICS)]
        entity = ENTITIES[(figure // len(METRICS)) % len(ENTITIES)]
        period = PERIODS[(figure // (len(METRICS) * len(ENTITIES))) % len(PERIODS)]
        if figure >= len(METRICS) * len(ENTITIES) * len(PERIODS):
            entity = f"{entity}-{figure // (len(METRICS) * len(ENTITIES) * len(PERIODS))}"
        kind = kinds[metric]
        truth = {
            "money": rng.uniform(1e10, 5e12),
            "count": rng.uniform(1e5, 2e7),
            "percent": rng.uniform(0.5, 60),
            "power": rng.uniform(1e6, 9e8),
        }[kind]
        measure = "yoy" if kind == "percent" else "level"
        slip = rng.random() < 0.05
        for k, source in enumerate(rng.sample(source_ids, rng.choice((3, 4)))):
            if len(claims) >= n:
                break
            value = _forms(kind, truth, rng)
            if slip and k == 1 and kind == "money":
                value = f"{truth / 1e12:.3f} billion yuan"
            claims.append(_claim(len(claims), metric, entity, period, measure, value, source))
        figure += 1
    return sources, claims


def _source_table(n_sources: int) -> dict[str, dict[str, str]]:
    return {
        f"s{i:05d}": {
            "title": f"Report {i}",
            "publisher": f"Publisher {i % 500}",
            "kind": "official" if i % 5 == 0 else "press",
            "lang": "en",
        }
        for i in range(n_sources)
    }


def _rd(truth: float, form: int) -> str:
    """One yuan figure in the ways articles write it."""
    return (
        f"{truth / 1e9:,.1f} billion yuan",
        f"{truth / 1e12:.2f} trillion yuan",
        f"{truth / 1e8:,.0f}亿元",
        f"about {truth / 1e12:.1f} trillion yuan",
        f"{truth / 1e12:.4f}万亿元",
    )[form % 5]


def generate_one_group(
    n: int, seed: int = 7
) -> tuple[dict[str, dict[str, str]], list[dict[str, str]]]:
    """All ``n`` claims of one metric, entity and period, ten to a source; 2 % slips (a
    billion written for a trillion, two digits swapped)."""
    rng = random.Random(seed)
    sources = _source_table(max(10, n // 10))
    ids = list(sources)
    claims = []
    for k in range(n):
        value = _rd(3.3278e12, rng.randrange(5))
        if rng.random() < 0.02:
            value = "3,327.8 million yuan" if k % 2 else "3,372.8 billion yuan"
        claims.append(_claim(k, "rd_expenditure", "CN", "2023", "level", value, ids[k // 10]))
    return sources, claims


def generate_ten_sources(
    n: int, seed: int = 7, slip_share: float = 0.05
) -> tuple[dict[str, dict[str, str]], list[dict[str, str]]]:
    """Every figure said by ten sources; a share of figures has one claim slipped."""
    rng = random.Random(seed)
    sources = _source_table(max(20, n // 25))
    ids = list(sources)
    claims: list[dict[str, str]] = []
    figure = 0
    while len(claims) < n:
        metric = METRICS[figure % len(METRICS)]
        entity = f"E{figure // len(METRICS) // len(PERIODS):04d}"
        period = PERIODS[(figure // len(METRICS)) % len(PERIODS)]
        truth = rng.uniform(1e10, 5e12)
        slip = rng.random() < slip_share
        for k, source in enumerate(rng.sample(ids, 10)):
            if len(claims) >= n:
                break
            value = _rd(truth, rng.randrange(5))
            if slip and k == 3:
                value = f"{truth / 1e12:.3f} billion yuan"
            claims.append(_claim(len(claims), metric, entity, period, "level", value, source))
        figure += 1
    return sources, claims


def generate_many_findings(
    n: int, seed: int = 7
) -> tuple[dict[str, dict[str, str]], list[dict[str, str]]]:
    """Ten sources a figure, every other figure with a slip: a finding per 20 claims."""
    return generate_ten_sources(n, seed, slip_share=0.5)


def generate_long_quotes(
    n: int, seed: int = 7
) -> tuple[dict[str, dict[str, str]], list[dict[str, str]]]:
    """The mixed shape, every claim with a quote of about 1 KB holding its figure."""
    sources, claims = generate(n, seed)
    filler = (
        "The statistical communique, released on Thursday, set out the year's results in "
        "industry, services and investment, with regional detail and revised earlier data. "
    )
    for k, claim in enumerate(claims):
        pad = filler * (4 + k % 5)
        claim["quote"] = f"{pad[: 400 + k % 300]} It put the figure at {claim['value']}. {pad}"
    return sources, claims


def _claim(
    k: int, metric: str, entity: str, period: str, measure: str, value: str, source: str
) -> dict[str, str]:
    return {
        "id": f"c{k:07d}",
        "metric": metric,
        "entity": entity,
        "period": period,
        "measure": measure,
        "value": value,
        "source": source,
    }


SHAPES = {
    "mixed": generate,
    "one-group": generate_one_group,
    "ten-sources": generate_ten_sources,
    "many-findings": generate_many_findings,
    "long-quotes": generate_long_quotes,
    "many-files": generate,
}
"""Each shape's generator; many-files writes the mixed shape as files of 100 claims."""


def write_yaml(
    sources: dict[str, dict[str, str]], claims: list[dict[str, str]], path: Path
) -> None:
    """The claims as a claims.yaml file (written directly, as a person would lay it out)."""
    out = io.StringIO()
    out.write("version: 1\nsources:\n" if sources else "version: 1\nsources: {}\n")
    for sid, fields in sources.items():
        out.write(f"  {sid}:\n")
        for key, value in fields.items():
            out.write(f"    {key}: {json.dumps(value)}\n")
    out.write("claims:\n" if claims else "claims: []\n")
    for claim in claims:
        out.write(f"  - id: {claim['id']}\n")
        for key in ("metric", "entity", "period", "measure", "value", "source", "quote"):
            if key in claim:
                out.write(f"    {key}: {json.dumps(claim[key], ensure_ascii=False)}\n")
    path.write_text(out.getvalue(), encoding="utf-8")


def write_files(
    sources: dict[str, dict[str, str]], claims: list[dict[str, str]], folder: Path
) -> None:
    """The claims as a folder of YAML files of 100 claims each, the sources in one more."""
    folder.mkdir()
    write_yaml(sources, [], folder / "sources.yaml")
    for start in range(0, len(claims), 100):
        path = folder / f"claims-{start // 100:05d}.yaml"
        write_yaml({}, claims[start : start + 100], path)


def write_jsonl(
    sources: dict[str, dict[str, str]], claims: list[dict[str, str]], path: Path
) -> None:
    """The claims as JSON Lines, sources first."""
    with path.open("w", encoding="utf-8") as handle:
        for sid, fields in sources.items():
            handle.write(json.dumps({"type": "source", "id": sid, **fields}) + "\n")
        for claim in claims:
            handle.write(json.dumps(claim, ensure_ascii=False) + "\n")


def write_csv(sources: dict[str, dict[str, str]], claims: list[dict[str, str]], path: Path) -> None:
    """The claims as CSV, source rows first."""
    fields = [
        "type",
        "id",
        "title",
        "publisher",
        "kind",
        "lang",
        "metric",
        "entity",
        "period",
        "measure",
        "value",
        "source",
    ]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        for sid, source in sources.items():
            writer.writerow({"type": "source", "id": sid, **source})
        for claim in claims:
            writer.writerow({"type": "claim", **claim})


def _read_only(path: Path) -> float:
    """Seconds the plain reader takes: PyYAML's C loader, json.loads, or csv."""
    start = time.perf_counter()
    if path.is_dir():
        import yaml

        for each in sorted(path.glob("*.yaml")):
            yaml.load(each.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    elif path.suffix == ".jsonl":
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                json.loads(line)
    elif path.suffix == ".csv":
        with path.open(encoding="utf-8", newline="") as handle:
            for _ in csv.reader(handle):
                pass
    else:
        import yaml

        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return time.perf_counter() - start


def _peak_mb() -> float:
    """This process's peak resident memory in MB: VmHWM, which starts afresh at exec (the
    rusage figure would keep the peak of the generating parent it was forked from)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_one(path: Path) -> dict[str, float]:
    """Time every phase of checking ``path`` in this process; peak memory at the end."""
    from nqpf_check.claims.load import load_inputs
    from nqpf_check.commands.check import bulk
    from nqpf_check.engine import evaluate, make_context
    from nqpf_check.reporters import RenderOptions, renderer
    from nqpf_check.ruleset import builtin_dir, load_ruleset

    with bulk():  # the reader alone, under the same pause of the cyclic collector as ours
        baseline = _read_only(path)
    ruleset = load_ruleset(builtin_dir(), "built-in")
    pause = bulk()  # as `nqpf-check check` runs: the cyclic collector paused
    pause.__enter__()
    t0 = time.perf_counter()
    claimsets = load_inputs([path])
    t1 = time.perf_counter()
    ctx = make_context(claimsets, ruleset)
    t2 = time.perf_counter()
    report = evaluate(ctx, ruleset, tuple(cs.path for cs in claimsets))
    t3 = time.perf_counter()
    renderer("json")(report, io.StringIO(), RenderOptions())
    t4 = time.perf_counter()
    pause.__exit__(None, None, None)
    peak = _peak_mb()
    return {
        "claims": report.claims,
        "load": t1 - t0,
        "parse": t2 - t1,
        "check": t3 - t2,
        "report": t4 - t3,
        "total": t4 - t0,
        "baseline": baseline,
        "peak_mb": peak,
        "errors": report.counts.get("error", 0),
        "findings": len(report.findings),
    }


def main() -> None:
    """Generate, measure each shape, size and format in a fresh process, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1_000, 10_000, 100_000])
    parser.add_argument(
        "--million", action="store_true", help="also 1,000,000 claims as JSON Lines"
    )
    parser.add_argument(
        "--formats",
        nargs="*",
        default=["yaml", "jsonl"],
        choices=["yaml", "jsonl", "csv"],
        help="input formats to time (the mixed shape; other shapes run as JSON Lines)",
    )
    parser.add_argument(
        "--shapes",
        nargs="*",
        default=["mixed"],
        choices=[*SHAPES, "all"],
        help="claim sets to time: mixed (the default), one-group, ten-sources, many-findings, "
        "long-quotes, many-files (YAML files of 100 claims), or all",
    )
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure_one(args.one)))
        return
    shapes = list(SHAPES) if "all" in args.shapes else args.shapes
    print(
        f"machine: {platform.machine()}, {platform.processor() or 'cpu'}, "
        f"{platform.python_implementation()} {platform.python_version()}"
    )
    sizes = [*args.sizes, *([1_000_000] if args.million else [])]
    runs = []
    for shape in shapes:
        for n in sizes:
            if shape == "mixed":
                formats = args.formats if n < 1_000_000 else ["jsonl"]
            else:
                formats = ["files" if shape == "many-files" else "jsonl"]
            runs += [(shape, n, fmt) for fmt in formats]
    print(
        f"{'shape':<13} {'claims':>9} {'format':<6} {'load s':>7} {'parse s':>7} "
        f"{'check s':>7} {'report s':>8} {'total s':>7} {'us/claim':>8} {'peak MB':>7} "
        f"{'reader s':>8} {'ratio':>6} {'findings':>8}"
    )
    writers = {"yaml": write_yaml, "jsonl": write_jsonl, "csv": write_csv, "files": write_files}
    with tempfile.TemporaryDirectory() as folder:
        cache: dict[tuple[str, int], tuple] = {}
        for shape, n, fmt in runs:
            if (shape, n) not in cache:
                cache = {(shape, n): SHAPES[shape](n)}
            sources, claims = cache[(shape, n)]
            path = Path(folder) / f"claims-{shape}-{n}.{fmt}"
            writers[fmt](sources, claims, path)
            out = subprocess.run(
                [sys.executable, __file__, "--one", str(path)],
                capture_output=True,
                text=True,
                check=True,
            )
            r = json.loads(out.stdout.strip().splitlines()[-1])
            shutil.rmtree(path) if path.is_dir() else path.unlink()
            print(
                f"{shape:<13} {r['claims']:>9,} {fmt:<6} {r['load']:>7.2f} {r['parse']:>7.2f} "
                f"{r['check']:>7.2f} {r['report']:>8.2f} {r['total']:>7.2f} "
                f"{r['total'] / r['claims'] * 1e6:>8.1f} {r['peak_mb']:>7.0f} "
                f"{r['baseline']:>8.2f} {r['total'] / r['baseline']:>6.1f} "
                f"{r['findings']:>8,}",
                flush=True,
            )


if __name__ == "__main__":
    main()
