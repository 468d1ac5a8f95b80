"""Measure diagnoses and suspects on the labelled sets under benchmarks/.

Run: python benchmarks/evaluate_diagnosis.py [--set NAME ...] [CLAIMS LABELS]

A labelled set is a folder of benchmarks/ holding claims.yaml and labels.yaml:
benchmarks/diagnosis/ (China's R&D and "new quality productive forces") and
benchmarks/diagnosis-world/ (national accounts, company results, public health and
energy, in several currencies and languages). Without arguments every set is scored,
each under its name; `--set NAME` (repeatable) scores the named ones, and a pair of
paths scores that claims file against those labels.

Each claim is labelled `ok` (a reference or a trap that must never be reported at
warning or above), a diagnosis code (an injected error that must be named as the
suspect with that diagnosis), `none` (an error no hypothesis explains), or
`CODE/even` (a difference with no suspect to name, such as basis-differs). The
script runs `nqpf-check check` with the rules `check` would use (a `rules/` folder
beside the claims file extends the built-in rules; neither set has one today) and
prints recall, precision, diagnosis accuracy and false alarms.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

import yaml

from nqpf_check.claims.reader import load_claims
from nqpf_check.engine import run
from nqpf_check.report import Finding, severity_rank
from nqpf_check.ruleset import load_rules_for

BENCHMARKS = Path(__file__).parent
HERE = BENCHMARKS / "diagnosis"


def labelled_sets() -> dict[str, Path]:
    """Every folder of benchmarks/ with claims.yaml and labels.yaml, by name."""
    return {
        folder.name: folder
        for folder in sorted(BENCHMARKS.iterdir())
        if (folder / "claims.yaml").is_file() and (folder / "labels.yaml").is_file()
    }


@dataclass(frozen=True)
class Scores:
    """The figures of one evaluation."""

    claims: int
    errors: int
    traps: int
    detected: int
    correct_diagnosis: int
    suspects: int
    true_suspects: int
    false_alarms: tuple[str, ...]
    misdiagnosed: tuple[str, ...]
    missed: tuple[str, ...]

    @property
    def recall(self) -> float:
        """Labelled errors detected, over labelled errors."""
        return self.detected / self.errors if self.errors else 1.0

    @property
    def precision(self) -> float:
        """Named suspects that are labelled errors, over named suspects."""
        return self.true_suspects / self.suspects if self.suspects else 1.0

    @property
    def accuracy(self) -> float:
        """Detected errors with the labelled diagnosis, over detected errors."""
        return self.correct_diagnosis / self.detected if self.detected else 1.0


def _parse(label: str) -> tuple[str, bool]:
    """(diagnosis or 'ok', whether a suspect is due)."""
    code, _, even = label.partition("/")
    return code, even != "even"


def evaluate(
    claims_path: Path = HERE / "claims.yaml", labels_path: Path = HERE / "labels.yaml"
) -> Scores:
    """Run the checker on the labelled claims and score its findings against the labels."""
    labels = {k: _parse(str(v)) for k, v in yaml.safe_load(labels_path.read_text()).items()}
    claimset = load_claims(claims_path)
    missing = {c.id for c in claimset.claims} ^ set(labels)
    if missing:
        raise SystemExit(f"claims and labels differ on: {', '.join(sorted(missing))}")
    report = run([claimset], load_rules_for(None, claims_path))
    found: dict[str, list[Finding]] = {}
    for finding in report.findings:
        named = [finding.suspect] if finding.suspect else list(finding.claims)
        for claim_id in named:
            found.setdefault(claim_id, []).append(finding)
    errors = {k: v for k, v in labels.items() if v[0] != "ok"}
    detected, correct, misdiagnosed, missed = 0, 0, [], []
    for claim_id, (code, suspect_due) in errors.items():
        hits = [f for f in found.get(claim_id, []) if (f.suspect == claim_id) == suspect_due]
        if not hits:
            missed.append(claim_id)
            continue
        detected += 1
        wanted = None if code == "none" else code
        if any(f.diagnosis == wanted for f in hits):
            correct += 1
        else:
            misdiagnosed.append(f"{claim_id}: {hits[0].diagnosis} for {wanted}")
    suspects = [f.suspect for f in report.findings if f.suspect]
    false_alarms = sorted(
        claim_id
        for claim_id, findings in found.items()
        if labels[claim_id][0] == "ok"
        and any(severity_rank(f.severity) <= severity_rank("warning") for f in findings)
    )
    return Scores(
        claims=len(labels),
        errors=len(errors),
        traps=len(labels) - len(errors),
        detected=detected,
        correct_diagnosis=correct,
        suspects=len(suspects),
        true_suspects=sum(1 for s in suspects if labels[s][0] != "ok"),
        false_alarms=tuple(false_alarms),
        misdiagnosed=tuple(misdiagnosed),
        missed=tuple(sorted(missed)),
    )


def report(scores: Scores) -> None:
    """Print one set's scores."""
    print(
        f"claims: {scores.claims} ({scores.errors} labelled errors, "
        f"{scores.traps} references and traps)"
    )
    print(f"recall:             {scores.detected}/{scores.errors} = {scores.recall:.0%}")
    print(
        f"precision:          {scores.true_suspects}/{scores.suspects} named suspects "
        f"= {scores.precision:.0%}"
    )
    print(
        f"diagnosis accuracy: {scores.correct_diagnosis}/{scores.detected} = {scores.accuracy:.0%}"
    )
    print(f"false alarms (references and traps at warning or above): {len(scores.false_alarms)}")
    for line in (*scores.missed, *scores.misdiagnosed, *scores.false_alarms):
        print(f"  {line}")


def main(argv: list[str] | None = None) -> None:
    """Print the scores of every labelled set, of the sets named, or of one pair of files."""
    sets = labelled_sets()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--set", action="append", choices=sorted(sets), help="a labelled set (repeatable)"
    )
    parser.add_argument("files", nargs="*", type=Path, help="CLAIMS LABELS")
    args = parser.parse_args(argv)
    if args.files:
        if len(args.files) != 2 or args.set:
            parser.error("give CLAIMS and LABELS, or --set NAME, not both")
        report(evaluate(*args.files))
        return
    names = args.set or list(sets)
    for index, name in enumerate(names):
        if index:
            print()
        print(f"== {name} ({sets[name].relative_to(BENCHMARKS.parent)})")
        report(evaluate(sets[name] / "claims.yaml", sets[name] / "labels.yaml"))


if __name__ == "__main__":
    main()
