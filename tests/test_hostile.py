"""Hostile and wrong inputs beyond a claims file: a claims file's copy at a git revision, the
configuration, command-line values, claims folders whose files disagree.

Each corpus folder holds its cases and an expected.yaml with the exact message of each.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner, Result

from conftest import HERE, git, run_in

FIXTURES = HERE / "fixtures"
REVISION = FIXTURES / "bad-revision"
CONFIG = FIXTURES / "bad-config"
FOLDERS = FIXTURES / "bad-folders"
REVISION_CASES = yaml.safe_load((REVISION / "expected.yaml").read_text(encoding="utf-8"))
CONFIG_CASES = yaml.safe_load((CONFIG / "expected.yaml").read_text(encoding="utf-8"))
FOLDER_CASES = yaml.safe_load((FOLDERS / "expected.yaml").read_text(encoding="utf-8"))


def test_the_corpora_are_whole() -> None:
    files = {p.name for p in REVISION.iterdir()} - {"expected.yaml"}
    assert files == {name for name, case in REVISION_CASES.items() if "made" not in case}
    assert {p.name for p in CONFIG.iterdir()} - {"expected.yaml"} == set(CONFIG_CASES)
    assert {p.name for p in FOLDERS.iterdir() if p.is_dir()} == set(FOLDER_CASES)
    assert len(REVISION_CASES) + len(CONFIG_CASES) + len(FOLDER_CASES) >= 60


# --changed-since: the claims file as it stood at the revision

JSONL = (
    '{"type": "source", "id": "nbs", "title": "N", "kind": "official"}\n'
    '{"type": "source", "id": "p", "title": "P"}\n'
    '{"id": "a", "metric": "m", "entity": "CN", "period": "2023", "value": "5 million", '
    '"source": "nbs"}\n'
    '{"id": "b", "metric": "m", "entity": "CN", "period": "2023", "value": "5 billion", '
    '"source": "p"}\n'
)
CSV = (
    "type,id,title,kind,metric,entity,period,value,source\n"
    "source,nbs,N,official,,,,,\n"
    "source,p,P,,,,,,\n"
    "claim,a,,,m,CN,2023,5 million,nbs\n"
    "claim,b,,,m,CN,2023,5 billion,p\n"
)


YAML = (
    "version: 1\n"
    "sources:\n"
    "  nbs: {title: N, kind: official}\n"
    "  p: {title: P}\n"
    "claims:\n"
    '  - {id: a, metric: m, entity: CN, period: "2023", value: "5 million", source: nbs}\n'
    '  - {id: b, metric: m, entity: CN, period: "2023", value: "5 billion", source: p}\n'
)
WORKING = {".yaml": YAML, ".jsonl": JSONL, ".csv": CSV}


def _working(suffix: str) -> bytes:
    """A sound claims file of the format: claim b, a scale slip, disagrees with claim a."""
    return WORKING[suffix].encode("utf-8")


def _commit_old(repo: Path, name: str, made: str | None) -> str:
    """Commit the case's claims file (or what stands in its place); the working file's name."""
    suffix = Path(name).suffix if made is None else ".yaml"
    target = repo / f"claims{suffix}"
    git(repo, "init", "-q", "-b", "main")
    (repo / "README").write_text("a repository\n", encoding="utf-8")
    if made is None:
        shutil.copy(REVISION / name, target)
    elif made == "symlink":
        target.symlink_to("/etc/passwd")
    elif made == "folder":
        target.mkdir()
        (target / "claims.yaml").write_bytes(_working(".yaml"))
    elif made == "over-the-limit":
        with target.open("wb") as handle:  # 80 MiB of zeros: sparse on disk, small in git
            handle.truncate(80 * 1024 * 1024)
    git(repo, "add", "-A")
    if made == "submodule":
        git(repo, "update-index", "--add", "--cacheinfo", f"160000,{'1' * 40},{target.name}")
    git(repo, "commit", "-q", "-m", "old")
    if target.is_symlink() or target.is_file():
        target.unlink()
    elif target.is_dir():
        shutil.rmtree(target)
    target.write_bytes(_working(suffix))
    return target.name


def _findings(result: Result) -> list[tuple[str, tuple[str, ...]]]:
    return [(f["rule"], tuple(f["claims"])) for f in json.loads(result.stdout)["findings"]]


@pytest.mark.parametrize("name", sorted(n for n, c in REVISION_CASES.items() if "error" not in c))
def test_a_copy_at_the_revision_that_cannot_be_read_counts_every_claim_as_changed(
    runner: CliRunner, tmp_path: Path, name: str
) -> None:
    case = REVISION_CASES[name]
    working = _commit_old(tmp_path, name, case.get("made"))
    result = run_in(runner, tmp_path, "check", working, "-f", "json", "--changed-since", "HEAD")
    assert "Traceback" not in result.output
    assert result.exit_code == 1
    note = case["note"]
    assert result.stderr == ("" if note is None else f"{note}\n")
    whole = run_in(runner, tmp_path, "check", working, "-f", "json")
    assert whole.exit_code == 1
    assert _findings(result) == _findings(whole) != []
    assert not (tmp_path / "pwned").exists()


@pytest.mark.parametrize("name", sorted(n for n, c in REVISION_CASES.items() if "error" in c))
def test_a_bad_revision_exits_2(runner: CliRunner, tmp_path: Path, name: str) -> None:
    case = REVISION_CASES[name]
    _commit_old(tmp_path, name, case["made"])
    before = sorted(p.name for p in tmp_path.iterdir())
    result = run_in(runner, tmp_path, "check", "--changed-since", case["revision"])
    assert result.exit_code == 2
    assert result.stderr == f"claims.yaml:{case['error']}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # git wrote nothing


@pytest.mark.parametrize("suffix", [".yaml", ".jsonl", ".csv"])
def test_a_sound_copy_at_the_revision_narrows_the_report(
    runner: CliRunner, tmp_path: Path, suffix: str
) -> None:
    git(tmp_path, "init", "-q", "-b", "main")
    target = tmp_path / f"claims{suffix}"
    target.write_bytes(_working(suffix))
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "old")
    same = run_in(runner, tmp_path, "check", target.name, "-f", "json", "--changed-since", "HEAD")
    assert same.exit_code == 0 and same.stderr == "" and _findings(same) == []
    changed = target.read_text(encoding="utf-8").replace("5 billion", "5.0 billion")
    target.write_text(changed, encoding="utf-8")
    result = run_in(runner, tmp_path, "check", target.name, "-f", "json", "--changed-since", "HEAD")
    assert result.exit_code == 1 and result.stderr == ""
    assert _findings(result) == [("agreement", ("a", "b"))]


# [tool.nqpf-check] in pyproject.toml


@pytest.mark.parametrize("name", sorted(CONFIG_CASES))
def test_bad_configuration(runner: CliRunner, tmp_path: Path, name: str) -> None:
    shutil.copy(CONFIG / name, tmp_path / "pyproject.toml")
    shutil.copy(FIXTURES / "claims.yaml", tmp_path / "claims.yaml")
    result = run_in(runner, tmp_path, "check")
    assert "Traceback" not in result.output
    assert result.exit_code == 2
    assert result.stderr == f"pyproject.toml:{CONFIG_CASES[name]['error']}\n"
    assert result.stdout == ""


def test_limit_from_the_configuration_and_the_command_line(
    runner: CliRunner, tmp_path: Path
) -> None:
    shutil.copy(FIXTURES / "claims.yaml", tmp_path / "claims.yaml")
    (tmp_path / "pyproject.toml").write_text("[tool.nqpf-check]\nlimit = 1\n", encoding="utf-8")
    one = run_in(runner, tmp_path, "check")
    assert one.exit_code == 1 and "3 more findings not shown" in one.stdout
    every = run_in(runner, tmp_path, "check", "--limit", "0")
    assert every.exit_code == 1 and "not shown" not in every.stdout


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("-1", "-1 is below 0: give the most rows the table may show, or 0 for all"),
        ("x", "a valid integer"),
    ],
)
def test_a_limit_out_of_range_on_the_command_line(
    runner: CliRunner, tmp_path: Path, value: str, said: str
) -> None:
    shutil.copy(FIXTURES / "claims.yaml", tmp_path / "claims.yaml")
    result = run_in(runner, tmp_path, "check", "--limit", value)
    assert result.exit_code == 2
    assert "Invalid value for '--limit'" in result.stderr and said in result.stderr


@pytest.mark.parametrize("value", ["", ",", " , "])
def test_a_selection_that_names_nothing_on_the_command_line(
    runner: CliRunner, tmp_path: Path, value: str
) -> None:
    shutil.copy(FIXTURES / "claims.yaml", tmp_path / "claims.yaml")
    result = run_in(runner, tmp_path, "check", "--select", value)
    assert result.exit_code == 2
    assert "names no rule" in result.stderr and "agreement" in result.stderr


# Claims folders whose files disagree


@pytest.mark.parametrize("name", sorted(FOLDER_CASES))
def test_bad_claims_folder(runner: CliRunner, name: str) -> None:
    result = run_in(runner, FOLDERS, "check", name, "--format", "json")
    assert "Traceback" not in result.output
    assert result.exit_code == 2
    assert result.stderr == f"{name}/{FOLDER_CASES[name]['error']}\n"


@pytest.mark.parametrize("count", [1000, 5000])
def test_a_long_chain_of_values_in_one_key_ends_in_no_recursion_error(
    runner: CliRunner, tmp_path: Path, count: int
) -> None:
    """Values 1, 2, ... each overlapping the next: the clustering once recursed twice per
    figure and crashed the rule at 2,500 values (a RecursionError), after ten minutes."""
    sources = [
        '{"type": "source", "id": "s", "title": "S"}',
        '{"type": "source", "id": "t", "title": "T"}',
    ]
    claims = (
        json.dumps(
            {"id": f"c{n}", "metric": "m", "entity": "CN", "period": "2023",
             "value": str(n), "source": "st"[n % 2]}
        )
        for n in range(1, count + 1)
    )  # fmt: skip
    (tmp_path / "claims.jsonl").write_text("\n".join([*sources, *claims]) + "\n", encoding="utf-8")
    result = run_in(runner, tmp_path, "check", "claims.jsonl", "-f", "json", "--fail-on", "warning")
    assert result.exit_code == 1, result.output[-2000:]
    assert "failed (" not in result.output
    assert any(f["rule"] == "agreement" for f in json.loads(result.stdout)["findings"])


def test_a_quote_of_many_numbers_is_not_read(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Numerals with 元 between them cost about a millisecond a number to read: a 10,000
    character quote of them took more than a second, so a quote with over 50 numbers is
    reported, not read."""
    import random

    from nqpf_check.checks import quote

    rng = random.Random(1)
    numerals = "".join(
        rng.choice("一二三四五六七八九十百千万亿零两") + ("元" if k % 9 == 0 else "")
        for k in range(2_000)
    )
    head = "version: 1\nsources:\n  s: {title: S}\nclaims:\n"
    claim = (
        '  - {id: %s, metric: m, entity: CN, period: "2023", value: "5亿元", source: s,'
        ' quote: "%s"}\n'
    )
    (tmp_path / "claims.yaml").write_text(
        head + claim % ("long", f"共5亿元。{numerals}") + claim % ("short", "共5亿元。"),
        encoding="utf-8",
    )
    read: list[str] = []
    real = quote.each_reading
    monkeypatch.setattr(quote, "each_reading", lambda text, *a: read.append(text) or real(text, *a))
    result = run_in(runner, tmp_path, "check", "claims.yaml", "-f", "json")
    (finding,) = json.loads(result.stdout)["findings"]
    assert finding["rule"] == "quote" and finding["suspect"] == "long"
    assert f"holds more than 50 numbers ({len(numerals) + 5:,} characters)" in finding["message"]
    assert read == ["共5亿元。"]  # the long quote was never read; the short one was
