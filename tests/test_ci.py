"""In CI: the machine formats, fail levels, changed claims, suppressions, config, schema, hooks."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from conftest import DATA, HERE, ROOT, compare_golden, git, run_in
from nqpf_check.reporters import FORMATS
from nqpf_check.reporters.github import escape_data, escape_property
from nqpf_check.reporters.markdown import cell

FIXTURES = HERE / "fixtures"


@pytest.mark.parametrize(
    ("format", "golden"),
    [
        ("sarif", "check.sarif"),
        ("github", "check_github.txt"),
        ("junit", "check_junit.xml"),
        ("markdown", "check.md"),
        ("html", "check.html"),
    ],
)
def test_format_golden(runner: CliRunner, format: str, golden: str) -> None:
    result = run_in(runner, FIXTURES, "check", "claims.yaml", "--format", format)
    assert result.exit_code == 1
    compare_golden(golden, result.stdout)


def test_every_format_has_a_golden_file() -> None:
    goldens = {p.name for p in (HERE / "golden").iterdir()}
    expected = {
        "table": "check_table.txt",
        "json": "check.json",
        "sarif": "check.sarif",
        "github": "check_github.txt",
        "junit": "check_junit.xml",
        "markdown": "check.md",
        "html": "check.html",
    }
    assert set(expected) == set(FORMATS)
    assert set(expected.values()) <= goldens


def test_sarif_is_valid_against_the_official_schema(runner: CliRunner) -> None:
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    log = json.loads(run_in(runner, ROOT, "check", "--format", "sarif").stdout)
    jsonschema.validate(log, schema)
    run = log["runs"][0]
    ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert "agreement" in ids and "growth" in ids
    assert all(rule.get("help", {}).get("text") for rule in run["tool"]["driver"]["rules"])
    slip = next(r for r in run["results"] if r["properties"]["diagnosis"] == "scale-slip")
    region = slip["locations"][0]["physicalLocation"]
    assert region["artifactLocation"]["uri"] == "claims.yaml"
    line = region["region"]["startLine"]
    text = (ROOT / "claims.yaml").read_text(encoding="utf-8").splitlines()
    assert text[line - 1].strip() == "- id: rd-expenditure-2023-morningstar"
    assert ids[slip["ruleIndex"]] == "agreement"


def test_github_annotations_are_escaped() -> None:
    assert escape_data("50% of a\nb") == "50%25 of a%0Ab"
    assert escape_property("a:b,c") == "a%3Ab%2Cc"


def test_github_puts_errors_first(runner: CliRunner) -> None:
    lines = run_in(runner, FIXTURES, "check", "-f", "github").stdout.splitlines()
    kinds = [line.split(" ", 1)[0] for line in lines if line.startswith("::")]
    assert kinds == sorted(kinds, key=["::error", "::warning", "::notice"].index)


def test_format_auto_follows_github_actions(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert run_in(runner, FIXTURES, "check", "-f", "auto").stdout.startswith("::error ")
    monkeypatch.delenv("GITHUB_ACTIONS")
    assert "nqpf-check findings" in run_in(runner, FIXTURES, "check", "-f", "auto").stdout


def test_junit_has_a_test_case_per_rule_and_key(runner: CliRunner) -> None:
    root = ET.fromstring(run_in(runner, FIXTURES, "check", "-f", "junit").stdout)
    cases = [(c.get("classname"), c.get("name")) for c in root.iter("testcase")]
    assert ("agreement", "rd_expenditure · CN · 2023") in cases
    assert ("growth", "all claims") in cases
    assert root.get("failures") == "3"


def test_markdown_cells_are_escaped() -> None:
    assert cell("a | b\nc <d>") == "a \\| b\\\\nc &lt;d&gt;"  # one line (\\n), no tag


@pytest.mark.parametrize("format", FORMATS)
def test_output_writes_every_format_to_a_file(
    runner: CliRunner, tmp_path: Path, format: str
) -> None:
    out = tmp_path / f"report.{format}"
    out.write_text("old", encoding="utf-8")
    result = run_in(runner, FIXTURES, "check", "-f", format, "-o", str(out))
    assert result.exit_code == 1
    written = out.read_text(encoding="utf-8")
    assert written != "old" and "3.327 billion yuan" in written
    assert "nqpf-check findings" in result.stdout  # the table still goes to the terminal
    assert [p.name for p in tmp_path.iterdir()] == [out.name]


def test_strict_is_fail_on_warning(runner: CliRunner) -> None:
    args = ("check", "--ignore", "agreement", "--ignore", "unreadable-value")
    assert run_in(runner, FIXTURES, *args).exit_code == 0
    only_warning = ("check", "--select", "agreement", "--fail-on", "never")
    assert run_in(runner, FIXTURES, *only_warning).exit_code == 0
    assert run_in(runner, FIXTURES, "check", "--strict", "--select", "agreement").exit_code == 1
    both = run_in(runner, FIXTURES, "check", "--strict", "--fail-on", "error")
    assert both.exit_code == 2


# Suppressions


def _with(tmp_path: Path, old: str, new: str) -> Path:
    text = (FIXTURES / "claims.yaml").read_text(encoding="utf-8")
    assert old in text
    (tmp_path / "claims.yaml").write_text(text.replace(old, new), encoding="utf-8")
    return tmp_path


SLIP = '    value: "3.327 billion yuan"\n'


def test_suppressed_findings_are_listed_with_show_suppressed(
    runner: CliRunner, tmp_path: Path
) -> None:
    folder = _with(tmp_path, SLIP, SLIP + '    suppress: {agreement: "misprint, reported"}\n')
    plain = json.loads(run_in(runner, folder, "check", "-f", "json").stdout)
    assert "suppressed" not in plain and plain["summary"]["suppressed"] == 1
    shown = json.loads(run_in(runner, folder, "check", "-f", "json", "--show-suppressed").stdout)
    assert shown["suppressed"][0]["diagnosis"] == "scale-slip"
    assert "[suppressed: rd-2023-b: misprint, reported]" in shown["suppressed"][0]["message"]
    table = run_in(runner, folder, "check", "--show-suppressed").stdout
    assert "Suppressed findings" in table


def test_a_suppression_that_matches_nothing_is_reported(runner: CliRunner, tmp_path: Path) -> None:
    folder = _with(
        tmp_path,
        '    value: "3.38 million"\n',
        '    value: "3.38 million"\n    suppress: {agreement: "was wrong once"}\n',
    )
    data = json.loads(run_in(runner, folder, "check", "-f", "json").stdout)
    unused = [f for f in data["findings"] if f["rule"] == "unused-suppression"]
    assert len(unused) == 1 and unused[0]["severity"] == "warning"
    assert "no 'agreement' finding involves it any more" in unused[0]["message"]
    assert unused[0]["locations"][0]["line"] == 51


def test_a_suppression_of_an_unknown_rule_is_reported(runner: CliRunner, tmp_path: Path) -> None:
    folder = _with(tmp_path, SLIP, SLIP + '    suppress: {agrement: "typo"}\n')
    data = json.loads(run_in(runner, folder, "check", "-f", "json").stdout)
    unused = [f for f in data["findings"] if f["rule"] == "unused-suppression"]
    assert "'agrement' is not a rule in force" in unused[0]["message"]


# --changed-since


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository whose first commit holds the fixture claims."""
    shutil.copy(FIXTURES / "claims.yaml", tmp_path / "claims.yaml")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "claims.yaml")
    git(tmp_path, "commit", "-q", "-m", "claims")
    return tmp_path


def test_changed_since_reports_only_findings_of_changed_claims(
    runner: CliRunner, repo: Path
) -> None:
    unchanged = json.loads(
        run_in(runner, repo, "check", "-f", "json", "--changed-since", "HEAD").stdout
    )
    assert unchanged["findings"] == []
    text = (repo / "claims.yaml").read_text(encoding="utf-8")
    (repo / "claims.yaml").write_text(
        text.replace('value: "3.38 million"', 'value: "3.38 billion"'), encoding="utf-8"
    )
    result = run_in(runner, repo, "check", "-f", "json", "--changed-since", "HEAD")
    data = json.loads(result.stdout)
    assert result.exit_code == 1
    assert [f["suspect"] for f in data["findings"]] == ["stations-2023-b"]
    assert data["findings"][0]["diagnosis"] == "scale-slip"
    table = run_in(runner, repo, "check", "--changed-since", "HEAD").stdout
    assert "Only findings of the 1 claims added or changed since HEAD" in table


def test_a_crashing_rule_fails_the_run_under_changed_since(
    runner: CliRunner, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dataclasses

    from nqpf_check.checks import KINDS

    def crash(ctx: object, spec: object) -> list[object]:
        raise OverflowError("math range error")

    monkeypatch.setitem(KINDS, "bounds", dataclasses.replace(KINDS["bounds"], check=crash))
    result = run_in(runner, repo, "check", "-f", "json", "--changed-since", "HEAD")
    data = json.loads(result.stdout)
    assert result.exit_code == 1  # no claim changed, and still the run fails
    [crashed] = data["findings"]
    assert crashed["rule"] == "bounds" and crashed["severity"] == "error"
    assert "failed (OverflowError: math range error)" in crashed["message"]


def test_changed_since_an_unknown_revision(runner: CliRunner, repo: Path) -> None:
    result = run_in(runner, repo, "check", "--changed-since", "no-such-branch")
    assert result.exit_code == 2
    assert result.stderr.startswith("claims.yaml:1:1: unknown git revision 'no-such-branch'")


def test_changed_since_outside_a_repository(runner: CliRunner, tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "claims.yaml", tmp_path / "claims.yaml")
    env_ceiling = {"GIT_CEILING_DIRECTORIES": str(tmp_path.parent)}
    old = {k: os.environ.get(k) for k in env_ceiling}
    os.environ.update(env_ceiling)
    try:
        result = run_in(runner, tmp_path, "check", "--changed-since", "HEAD")
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    assert result.exit_code == 2
    assert "needs the claims file inside a git repository" in result.stderr


# [tool.nqpf-check] in pyproject.toml


def test_config_in_pyproject_with_the_command_line_first(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    shutil.copy(FIXTURES / "claims.yaml", tmp_path / "data" / "mine.yaml")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.nqpf-check]\nclaims = ["data/mine.yaml"]\nformat = "json"\nfail-on = "never"\n',
        encoding="utf-8",
    )
    result = run_in(runner, tmp_path, "check")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["summary"]["claims"] == 10
    overridden = run_in(runner, tmp_path, "check", "--fail-on", "error", "-f", "markdown")
    assert overridden.exit_code == 1 and overridden.stdout.startswith("## nqpf-check")


def test_config_with_a_mistake(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.nqpf-check]\nfail_on = "never"\n', encoding="utf-8"
    )
    result = run_in(runner, tmp_path, "check")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "pyproject.toml:5:1: unknown key 'fail_on' in [tool.nqpf-check]: did you mean 'fail-on'?"
    )


# schema


def _plain_yaml(path: Path) -> object:
    class Loader(yaml.SafeLoader):
        pass

    Loader.yaml_implicit_resolvers = {  # dates stay text, as editors read them
        k: [r for r in v if r[0] != "tag:yaml.org,2002:timestamp"]
        for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)


def _schema_copy(name: str, printed: str) -> dict:
    """The copy of a schema in schema/; UPDATE_GOLDEN=1 rewrites it from the command first."""
    path = ROOT / "schema" / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(printed, encoding="utf-8")
    return json.loads(path.read_text(encoding="utf-8"))


def test_schema_command_matches_the_copy_in_the_repository(runner: CliRunner) -> None:
    output = runner.invoke(__import__("nqpf_check.cli").cli.app, ["schema"]).stdout
    printed = json.loads(output)
    copy = _schema_copy("claims.schema.json", output)
    assert printed == copy
    jsonschema.Draft202012Validator.check_schema(copy)


def test_rules_schema_command_matches_the_copy_and_the_rule_files(runner: CliRunner) -> None:
    result = runner.invoke(__import__("nqpf_check.cli").cli.app, ["schema", "--rules"])
    printed = json.loads(result.stdout)
    copy = _schema_copy("rules.schema.json", result.stdout)
    assert printed == copy
    validator = jsonschema.Draft202012Validator(copy)
    builtin = ROOT / "src" / "nqpf_check" / "data" / "rules"
    for path in [*sorted((ROOT / "rules").glob("*.yaml")), *sorted(builtin.glob("*.yaml"))]:
        assert validator.is_valid(_plain_yaml(path)), path


# Refused by the loader for what a JSON Schema cannot see: a YAML tag, a unit pint reads
# ambiguously, a rule id used twice, a metric named but not declared, YAML's .inf (JSON has
# no infinity, so its schema cannot refuse one), one option above another, a rate from a
# currency to itself or declared twice.
LOADER_ONLY_RULES = {
    "python-tag",
    "bad-metric-unit",
    "duplicate-rule",
    "undeclared-metric",
    "rate-infinite",
    "option-infinite",
    "bounds-crossed",
    "bounds-min-over-max",
    "bounds-share-min-over-default",
    "rate-same-currency",
    "rate-twice",
}


@pytest.mark.parametrize(
    "name", sorted(p.name for p in (HERE / "fixtures" / "bad-rules").iterdir() if p.is_dir())
)
def test_the_rules_schema_refuses_what_the_loader_refuses(name: str) -> None:
    schema = json.loads((ROOT / "schema" / "rules.schema.json").read_text(encoding="utf-8"))
    path = HERE / "fixtures" / "bad-rules" / name / "rules.yaml"
    if name == "python-tag":
        with pytest.raises(yaml.YAMLError):
            _plain_yaml(path)
        return
    valid = jsonschema.Draft202012Validator(schema).is_valid(_plain_yaml(path))
    assert valid is (name in LOADER_ONLY_RULES)


def test_the_shipped_claims_are_valid_against_the_schema() -> None:
    schema = json.loads((ROOT / "schema" / "claims.schema.json").read_text(encoding="utf-8"))
    claims = _plain_yaml(ROOT / "claims.yaml")
    jsonschema.validate(claims, schema, cls=jsonschema.Draft202012Validator)
    first = (ROOT / "claims.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=schema/claims.schema.json"


def test_the_schema_refuses_what_the_loader_refuses() -> None:
    schema = json.loads((ROOT / "schema" / "claims.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema)
    for bad in (
        "unknown-key.yaml",
        "bad-period.yaml",
        "bad-measure.yaml",
        "share-without-of.yaml",
        "wrong-version.yaml",
        "missing-value.yaml",
    ):
        assert list(validator.iter_errors(_plain_yaml(FIXTURES / "bad" / bad))), bad


# pre-commit


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_pre_commit_hook_runs_on_a_repository(tmp_path: Path) -> None:
    repo = tmp_path / "work"
    repo.mkdir()
    shutil.copy(FIXTURES / "claims.yaml", repo / "claims.yaml")
    git(repo, "init", "-q")
    git(repo, "add", "claims.yaml")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "NO_COLOR": "1",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    command = [
        sys.executable,
        "-m",
        "pre_commit",
        "try-repo",
        str(ROOT),
        "nqpf-check",
        "--all-files",
    ]
    failing = subprocess.run(
        command, cwd=repo, capture_output=True, text=True, env=env, check=False, timeout=600
    )
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "nqpf-check" in failing.stdout and "Failed" in failing.stdout
    assert "scale-slip" in failing.stdout
    text = (repo / "claims.yaml").read_text(encoding="utf-8")
    keep = text.split("  - id: rd-2023-b")[0]  # drop the slipped claim and those after it
    (repo / "claims.yaml").write_text(keep, encoding="utf-8")
    git(repo, "add", "claims.yaml")
    passing = subprocess.run(
        command, cwd=repo, capture_output=True, text=True, env=env, check=False, timeout=600
    )
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert "Passed" in passing.stdout
