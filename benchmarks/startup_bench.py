"""Start-up time: `nqpf-check --help` and `check` on the shipped claims, against `python -c pass`.

Run: python benchmarks/startup_bench.py [--runs N]

Each command runs N times, interleaved with the others so that a noisy machine
weighs on all alike; the table gives the median wall time and its ratio to
`python -c pass` measured in the same run. The first `check` of a fresh machine also
fills the unit-word cache (~/.cache/nqpf-check); one warm-up run of each comes first.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def commands() -> dict[str, list[str]]:
    """The commands to time, by name."""
    cli = shutil.which("nqpf-check") or str(Path(sys.executable).parent / "nqpf-check")
    return {
        "python -c pass": [sys.executable, "-c", "pass"],
        "nqpf-check --help": [cli, "--help"],
        "nqpf-check check (shipped claims)": [cli, "check", "claims.yaml"],
        "nqpf-check parse": [cli, "parse", "3.3278万亿元"],
    }


def main() -> None:
    """Time each command and print the medians."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    todo = commands()
    times: dict[str, list[float]] = {name: [] for name in todo}
    for _ in range(runs + 1):  # the first round warms up
        for name, command in todo.items():
            start = time.perf_counter()
            subprocess.run(
                command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
            )
            times[name].append(time.perf_counter() - start)
    base = statistics.median(times["python -c pass"][1:])
    print(f"{'command':<36} {'median s':>9} {'x python -c pass':>17}")
    for name, values in times.items():
        median = statistics.median(values[1:])
        print(f"{name:<36} {median:>9.3f} {median / base:>17.1f}")


if __name__ == "__main__":
    main()
