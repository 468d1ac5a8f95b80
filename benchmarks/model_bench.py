"""Pydantic or msgspec for the claims format: validation, import and load cost, and errors.

Run: python benchmarks/model_bench.py [--claims 1000000] [--repeat 3]
msgspec is optional (pip install msgspec): without it, its rows say so and are skipped.

On N synthetic claim records (a fixed seed: ids, metrics, entities and periods of
every form; values as written, "3,327.8 billion yuan", 亿元, percents, or a number
with a unit; some with quote, basis, note, a share with its whole, a suppression),
made once as a list of dicts, it times in one run, each the best of --repeat:

- validating every record with the project's model, ``ClaimEntry.model_validate``;
- ``msgspec.convert(record, ClaimStruct)``, a Struct with the same fields, the same
  accepted types (text or a number, a year as a number, no true/false, finite
  floats for a value), forbid_unknown_fields and the patterns as ``msgspec.Meta``;
  and the same Struct with a ``__post_init__`` that does what ClaimEntry's field
  validators do beyond types and patterns (strip text, a number as its text, a
  period's range checked by ``parse_period``), for a like-for-like row;
- a floor: ``dict(record)``, touching each record and nothing more;
- the import of each library in a fresh process (``python -c``, the import alone);
- the whole load of the same claims written as JSON Lines through
  ``nqpf_check.claims.load.load_inputs``, beside ``json.loads`` of each line alone,
  so the share of validation in a load is visible.

The cyclic garbage collector is paused while timing, as ``nqpf-check check`` does.
The ratio column compares each row with the pydantic row of its group (for the load
rows: with pydantic's validation). Last, one bad record (an unknown key 'vlaue' and
an id with a space) shows what each library's error says, and what the project's
loader makes of pydantic's.
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from nqpf_check.commands.check import bulk

METRICS = [
    "gdp",
    "gdp_growth",
    "retail_sales",
    "fixed_asset_investment",
    "exports.total",
    "imports.total",
    "nev_sales",
    "nev_output",
    "rd_spending",
    "pv_capacity",
    "wind_capacity",
    "fiscal_revenue",
    "cpi",
    "urban_unemployment",
    "population",
    "high-tech_manufacturing",
]
ENTITIES = [
    "China",
    "Guangdong",
    "Jiangsu",
    "Zhejiang",
    "Shandong",
    "Shanghai",
    "Beijing",
    "Shenzhen",
    "Hefei",
    "Chengdu",
    "BYD",
    "CATL",
]
BASES = ["nominal", "constant prices", "current prices", "year to date", "seasonally adjusted"]
FORMS = [
    "{:,.1f} billion yuan",
    "{:,.0f}亿元",
    "about {:,.0f} billion RMB",
    "more than {:,.1f} billion yuan",
    "{:.1f}%",
    "{:.2f} percent",
    "{:,.1f} GW",
    "{:.2f} million units",
    "{:.1f}万辆",
    "nearly {:,.1f} million kilowatts",
]
UNITS = ["billion yuan", "%", "GW", "million units", "trillion yuan", "万辆"]
BAD_RECORD = {
    "id": "bad id",
    "metric": "gdp",
    "entity": "China",
    "period": "2023",
    "vlaue": "126.06 trillion yuan",
    "source": "s00000",
}


def _period(rng: random.Random) -> str | int:
    year = rng.randrange(2015, 2026)
    form = rng.randrange(8)
    if form == 0:
        return year  # a bare year, as YAML and JSON give it
    if form == 1:
        return f"{year}-H{rng.randrange(1, 3)}"
    if form == 2:
        return f"{year}-Q{rng.randrange(1, 5)}"
    if form == 3:
        return f"{year}-{rng.randrange(1, 13):02d}"
    if form == 4:
        return f"{year}-12-31"
    if form == 5:
        return f"{year}-01..{year}-{rng.randrange(2, 13):02d}"
    return str(year)


def generate(n: int, seed: int = 11) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Sources (one per 25 claims) and ``n`` claim records, as a JSON Lines file holds them."""
    rng = random.Random(seed)
    sources = [
        {
            "type": "source",
            "id": f"s{i:05d}",
            "title": f"Statistical communique {i}",
            "publisher": f"Bureau {i % 97}",
            "kind": ("official", "press", "press", "opinion")[i % 4],
        }
        for i in range(max(1, n // 25))
    ]
    claims: list[dict[str, Any]] = []
    for i in range(n):
        metric = METRICS[i % len(METRICS)]
        if i % 7 == 0:
            metric = f"{metric}.{ENTITIES[i % len(ENTITIES)].lower()}"
        record: dict[str, Any] = {
            "id": f"{metric.split('.')[0].replace('_', '-')}-{i:07d}",
            "metric": metric,
            "entity": ENTITIES[rng.randrange(len(ENTITIES))],
            "period": _period(rng),
        }
        draw = rng.random()
        if draw < 0.1:
            record["measure"] = "yoy"
        elif draw < 0.15:
            record["measure"] = "share"
            record["of"] = "gdp@China"
        elif draw < 0.17:
            record["measure"] = "rank"
        elif draw < 0.4:
            record["measure"] = "level"
        amount = rng.uniform(0.5, 130_000)
        if rng.random() < 0.2:  # a number with its unit
            value = round(amount, 1) if rng.random() < 0.5 else int(amount)
            record["value"] = value
            record["unit"] = UNITS[rng.randrange(len(UNITS))]
        else:
            record["value"] = FORMS[rng.randrange(len(FORMS))].format(amount)
        if rng.random() < 0.2:
            record["basis"] = BASES[rng.randrange(len(BASES))]
        record["source"] = sources[rng.randrange(len(sources))]["id"]
        if rng.random() < 0.3:
            written = record["value"]
            record["quote"] = (
                f"{record['entity']}'s {metric.replace('_', ' ')} reached {written}"
                f"{' ' + record['unit'] if 'unit' in record else ''} in {record['period']}, "
                "up from a year earlier."
            )
        if rng.random() < 0.03:
            record["note"] = "figure revised in the later communique"
        if rng.random() < 0.005:
            record["suppress"] = {"agreement": "the press rounds this figure"}
        claims.append(record)
    return sources, claims


# ---------------------------------------------------------------- msgspec side


def msgspec_structs() -> tuple[type, type] | None:
    """(ClaimStruct, ClaimStruct with ClaimEntry's extra checks), or None without msgspec."""
    try:
        import msgspec
    except ImportError:
        return None
    from typing import Annotated, Literal

    from msgspec import Meta
    from msgspec.structs import force_setattr

    from nqpf_check.claims.model import ID_PATTERN, NAME_PATTERN
    from nqpf_check.quantities.periods import PATTERN as PERIOD_PATTERN
    from nqpf_check.quantities.periods import parse_period

    finite = Annotated[float, Meta(ge=-sys.float_info.max, le=sys.float_info.max)]
    ident = Annotated[str, Meta(pattern=f"^{ID_PATTERN}$")] | Annotated[int, Meta(ge=0)]
    name = Annotated[str, Meta(pattern=f"^{NAME_PATTERN}$")]
    text = str | int | float
    period = Annotated[str, Meta(pattern=PERIOD_PATTERN)] | Annotated[int, Meta(ge=1000, le=9999)]
    reason = Annotated[str, Meta(pattern=r"\S")]

    # defstruct, not a class body: under ``from __future__ import annotations`` msgspec
    # would look these local types up by name in the module and not find them.
    fields = [
        ("id", ident),
        ("metric", name),
        ("value", str | int | finite),
        ("source", ident),
        ("entity", text | None, None),
        ("period", period | None, None),
        ("measure", Literal["level", "yoy", "share", "rank"] | None, None),
        ("of", text | None, None),
        ("basis", text | None, None),
        ("unit", text | None, None),
        ("currency", Annotated[str, Meta(pattern="^[A-Za-z]{3}$")] | None, None),
        ("quote", text | None, None),
        ("note", text | None, None),
        ("suppress", dict[str, reason] | None, None),
    ]
    options = {"forbid_unknown_fields": True, "frozen": True}
    plain = msgspec.defstruct("ClaimStruct", fields, **options)
    texts = ("id", "source", "entity", "of", "basis", "unit", "quote", "note")

    def post_init(self: Any) -> None:
        for key in texts:
            value = getattr(self, key)
            if value is not None:
                force_setattr(self, key, value.strip() if type(value) is str else str(value))
        if self.period is not None:
            force_setattr(self, "period", parse_period(str(self.period).strip()).text)
        if self.suppress is not None:
            force_setattr(self, "suppress", {k: v.strip() for k, v in self.suppress.items()})

    checked = msgspec.defstruct(
        "CheckedClaimStruct", fields, namespace={"__post_init__": post_init}, **options
    )
    return plain, checked


# ---------------------------------------------------------------- timing


def best_of(repeat: int, run: Callable[[], Any]) -> float:
    """The least wall time of ``repeat`` runs."""
    times = []
    for _ in range(repeat):
        gc.collect()
        with bulk():  # the cyclic collector paused, as `nqpf-check check` runs
            start = time.perf_counter()
            result = run()
            times.append(time.perf_counter() - start)
        del result
    return min(times)


def copy_all(records: list[dict[str, Any]]) -> None:
    """The floor: touch each record (a shallow copy)."""
    for record in records:
        dict(record)


def pydantic_all(records: list[dict[str, Any]]) -> None:
    """Each record through the project's model."""
    from nqpf_check.claims.format import ClaimEntry

    validate = ClaimEntry.model_validate
    for record in records:
        validate(record)


def msgspec_all(records: list[dict[str, Any]], struct: type) -> None:
    """Each record through ``msgspec.convert``."""
    from msgspec import convert

    for record in records:
        convert(record, struct)


def import_time(statement: str, repeat: int) -> float:
    """Seconds ``statement`` takes in a fresh interpreter (start-up not counted), best of runs."""
    code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
    times = []
    for _ in range(repeat):
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        times.append(float(out.stdout.strip().splitlines()[-1]))
    return min(times)


def json_only(path: Path) -> int:
    """json.loads of each line: the reader's floor."""
    count = 0
    with path.open("rb") as handle:
        for line in handle:
            json.loads(line)
            count += 1
    return count


def write_jsonl(sources: list[dict[str, Any]], claims: list[dict[str, Any]], path: Path) -> None:
    """Sources first, then the claims, one record a line."""
    with path.open("w", encoding="utf-8") as handle:
        for record in (*sources, *claims):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def same_fields(claims: list[dict[str, Any]], checked: type, count: int = 2000) -> int:
    """How many of the first ``count`` records the two sides read differently (expect 0)."""
    from msgspec import convert, structs

    from nqpf_check.claims.format import ClaimEntry

    differ = 0
    for record in claims[:count]:
        ours = ClaimEntry.model_validate(record).model_dump()
        theirs = structs.asdict(convert(record, checked))
        differ += ours != theirs
    return differ


# ---------------------------------------------------------------- errors


def error_quality(struct: type | None, folder: Path) -> list[str]:
    """What each library, and the project's loader, says of BAD_RECORD."""
    from pydantic import ValidationError

    from nqpf_check.claims.format import ClaimEntry
    from nqpf_check.claims.load import load_inputs
    from nqpf_check.errors import InputError

    lines = [f"error quality: one bad record {json.dumps(BAD_RECORD)}"]
    try:
        ClaimEntry.model_validate(BAD_RECORD)
        lines.append("  pydantic: accepted (unexpected)")
    except ValidationError as err:
        errors = err.errors(include_url=False)
        lines.append(f"  pydantic: {len(errors)} errors, each structured (loc, type, msg, input):")
        for error in errors:
            lines.append(
                f"    loc={error['loc']!r} type={error['type']!r} msg={error['msg']!r}"
                f" input={error['input']!r}"
            )
    if struct is None:
        lines.append("  msgspec: skipped: msgspec is not installed (pip install msgspec)")
    else:
        from msgspec import ValidationError as MsgspecError
        from msgspec import convert

        lines.append("  msgspec: the first error only, one message string:")
        alone_id = {k: v for k, v in BAD_RECORD.items() if k != "vlaue"} | {"value": "1"}
        alone_key = BAD_RECORD | {"id": "good-id"}
        for label, record in (
            ("both faults", BAD_RECORD),
            ("the id alone", alone_id),
            ("'vlaue' alone", alone_key),
        ):
            try:
                convert(record, struct)
                lines.append(f"    {label}: accepted (unexpected)")
            except MsgspecError as err:
                lines.append(f"    {label}: {type(err).__name__}: {err}")
    path = folder / "bad.jsonl"
    source = {"type": "source", "id": "s00000", "title": "Communique"}
    path.write_text(f"{json.dumps(source)}\n{json.dumps(BAD_RECORD)}\n", encoding="utf-8")
    try:
        load_inputs([path])
        lines.append("  project loader: accepted (unexpected)")
    except InputError as err:
        where = f"{path.name}:{err.line}:{err.col}"
        lines.append(f"  project loader (from pydantic's loc/type): {where}: {err.message}")
    return lines


# ---------------------------------------------------------------- report


def _row(what: str, seconds: float | None, claims: int | None, ref: float | None) -> str:
    if seconds is None:
        return f"  {what:<52} {'-':>10} {'-':>9} {'-':>11}"
    per = f"{seconds / claims * 1e6:.2f}" if claims else "-"
    ratio = f"{seconds / ref:.2f}" if ref else "-"
    return f"  {what:<52} {seconds:>10.4g} {per:>9} {ratio:>11}"


def versions() -> str:
    """Python, pydantic and (if present) msgspec versions."""
    import pydantic

    try:
        import msgspec

        theirs = msgspec.__version__
    except ImportError:
        theirs = "not installed"
    return (
        f"{platform.python_implementation()} {platform.python_version()}, "
        f"pydantic {pydantic.VERSION}, msgspec {theirs}"
    )


def main(argv: list[str] | None = None) -> None:
    """Generate the claims, time every row, print the table and the errors."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--claims", type=int, default=1_000_000, help="number of claims")
    parser.add_argument("--repeat", type=int, default=3, help="runs per row; the best is kept")
    args = parser.parse_args(argv)
    n, repeat = args.claims, max(1, args.repeat)
    from nqpf_check.claims.load import load_inputs

    structs = msgspec_structs()
    print(f"machine: {platform.machine()}, {platform.system()}, {versions()}")
    sources, claims = generate(n)
    print(f"{n:,} claims, {len(sources):,} sources; best of {repeat}; cyclic GC paused")
    if structs is not None:
        differ = same_fields(claims, structs[1])
        first = min(n, 2000)
        print(
            f"check: pydantic and msgspec+__post_init__ give the same fields for"
            f" {first - differ:,} of the first {first:,} records"
        )
    print(f"  {'what':<52} {'seconds':>10} {'us/claim':>9} {'x pydantic':>11}")

    print(f"validate each record ({n:,} claims)")
    base = best_of(repeat, lambda: copy_all(claims))
    ours = best_of(repeat, lambda: pydantic_all(claims))
    print(_row("baseline: dict(record) copy", base, n, ours))
    print(_row("pydantic: ClaimEntry.model_validate(record)", ours, n, ours))
    if structs is None:
        print("  msgspec: skipped: msgspec is not installed (pip install msgspec)")
    else:
        plain, checked = structs
        plain_t = best_of(repeat, lambda: msgspec_all(claims, plain))
        checked_t = best_of(repeat, lambda: msgspec_all(claims, checked))
        print(_row("msgspec: convert(record, ClaimStruct)", plain_t, n, ours))
        print(_row("msgspec: convert + __post_init__ (same checks)", checked_t, n, ours))

    print("import in a fresh process (start-up not counted)")
    imp = import_time("from pydantic import BaseModel", repeat)
    print(_row("pydantic: from pydantic import BaseModel", imp, None, imp))
    if structs is None:
        print("  msgspec: skipped: msgspec is not installed (pip install msgspec)")
    else:
        print(_row("msgspec: import msgspec", import_time("import msgspec", repeat), None, imp))
    fmt = import_time("import nqpf_check.claims.format", repeat)
    print(_row("project: import nqpf_check.claims.format (models)", fmt, None, imp))

    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        path = folder / "claims.jsonl"
        write_jsonl(sources, claims, path)
        size = path.stat().st_size / 1e6
        print(f"load the same claims as JSON Lines ({size:,.1f} MB, sources first)")
        reader = best_of(repeat, lambda: json_only(path))
        print(_row("json.loads of each line only", reader, n, ours))
        whole = best_of(repeat, lambda: load_inputs([path]))
        print(_row("nqpf_check.claims.load.load_inputs([path])", whole, n, ours))
        share = f"validation share of the load: pydantic {ours:.3g} s of {whole:.3g} s"
        print(f"{share} = {ours / whole:.0%}")
        if structs is not None:
            guess = whole - ours + checked_t
            print(
                f"the load with msgspec+__post_init__ instead (estimate: load - pydantic"
                f" + msgspec): {guess:.3g} s, {guess / whole:.0%} of today's"
            )
        print()
        for line in error_quality(structs[0] if structs else None, folder):
            print(line)


if __name__ == "__main__":
    main()
