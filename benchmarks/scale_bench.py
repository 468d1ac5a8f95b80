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
            claims.append(
                {
                    "id": f"c{len(claims):07d}",
                    "metric": metric,
                    "entity": entity,
                    "period": period,
                    "measure": measure,
                    "value": value,
                    "source": source,
                }
            )
        figure += 1
    return sources, claims


def write_yaml(
    sources: dict[str, dict[str, str]], claims: list[dict[str, str]], path: Path
) -> None:
    """The claims as a claims.yaml file (written directly, as a person would lay it out)."""
    out = io.StringIO()
    out.write("version: 1\nsources:\n")
    for sid, fields in sources.items():
        out.write(f"  {sid}:\n")
        for key, value in fields.items():
            out.write(f"    {key}: {json.dumps(value)}\n")
    out.write("claims:\n")
    for claim in claims:
        out.write(f"  - id: {claim['id']}\n")
        for key in ("metric", "entity", "period", "measure", "value", "source"):
            out.write(f"    {key}: {json.dumps(claim[key], ensure_ascii=False)}\n")
    path.write_text(out.getvalue(), encoding="utf-8")


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
    if path.suffix == ".jsonl":
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
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
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
    }


def main() -> None:
    """Generate, measure each size and format in a fresh process, print the table."""
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
        help="input formats to time",
    )
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure_one(args.one)))
        return
    print(
        f"machine: {platform.machine()}, {platform.processor() or 'cpu'}, "
        f"{platform.python_implementation()} {platform.python_version()}"
    )
    runs = [(n, fmt) for n in args.sizes for fmt in args.formats]
    if args.million:
        runs.append((1_000_000, "jsonl"))
    print(
        f"{'claims':>9} {'format':<6} {'load s':>8} {'parse s':>8} {'check s':>8} "
        f"{'report s':>8} {'total s':>8} {'us/claim':>9} {'peak MB':>8} {'reader s':>9} "
        f"{'ratio':>6} {'errors':>7}"
    )
    with tempfile.TemporaryDirectory() as folder:
        cache: dict[int, tuple] = {}
        for n, fmt in runs:
            if n not in cache:
                cache = {n: generate(n)}
            sources, claims = cache[n]
            path = Path(folder) / f"claims-{n}.{fmt}"
            {"yaml": write_yaml, "jsonl": write_jsonl, "csv": write_csv}[fmt](sources, claims, path)
            out = subprocess.run(
                [sys.executable, __file__, "--one", str(path)],
                capture_output=True,
                text=True,
                check=True,
            )
            r = json.loads(out.stdout.strip().splitlines()[-1])
            path.unlink()
            print(
                f"{r['claims']:>9,} {fmt:<6} {r['load']:>8.2f} {r['parse']:>8.2f} "
                f"{r['check']:>8.2f} {r['report']:>8.2f} {r['total']:>8.2f} "
                f"{r['total'] / r['claims'] * 1e6:>9.1f} {r['peak_mb']:>8.0f} "
                f"{r['baseline']:>9.2f} {r['total'] / r['baseline']:>6.1f} "
                f"{r['errors']:>7,}",
                flush=True,
            )


if __name__ == "__main__":
    main()
