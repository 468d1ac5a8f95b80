"""Bad and hostile input: a clear message at file:line:col, exit 2, nothing lost, nothing run."""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import HERE, run_in
from nqpf_check.checks import KINDS
from nqpf_check.errors import InputError
from nqpf_check.files import write_output
from nqpf_check.quantities.values import ValueParseError, format_number, parse_value

BAD = HERE / "fixtures" / "bad"
BAD_RULES = HERE / "fixtures" / "bad-rules"
CLAIMS_CASES = yaml.safe_load((BAD / "expected.yaml").read_text(encoding="utf-8"))
RULES_CASES = yaml.safe_load((BAD_RULES / "expected.yaml").read_text(encoding="utf-8"))


def test_the_corpus_is_whole() -> None:
    files = {p.name for p in BAD.iterdir()} - {"expected.yaml"}
    folders = {p.name for p in BAD_RULES.iterdir() if p.is_dir()}
    assert files == set(CLAIMS_CASES)
    assert folders == set(RULES_CASES)
    assert len(files) + len(folders) >= 40


@pytest.mark.parametrize("name", sorted(CLAIMS_CASES))
def test_bad_claims_file(runner: CliRunner, name: str) -> None:
    case = CLAIMS_CASES[name]
    result = run_in(runner, BAD, "check", name, "--format", "json")
    assert "Traceback" not in result.output
    assert result.exit_code == case["exit"]
    if case["exit"] == 2:
        assert result.stderr == f"{name}:{case['error']}\n"
        assert result.stdout == ""
    else:
        import json

        findings = json.loads(result.stdout)["findings"]
        assert [[f["rule"], f["message"]] for f in findings] == case["findings"]


def test_a_quote_of_the_longest_length_is_read(runner: CliRunner, tmp_path: Path) -> None:
    from nqpf_check.claims.fields import MAX_QUOTE_LENGTH

    long_quote = (BAD / "long-quote.yaml").read_text(encoding="utf-8")
    quote = long_quote.split('quote: "')[1].split('"')[0]
    assert len(quote) == MAX_QUOTE_LENGTH + 1  # the corpus's case is one over
    longest = long_quote.replace(quote, quote[:MAX_QUOTE_LENGTH])
    (tmp_path / "claims.yaml").write_text(
        longest.replace("    source: a\n", "    entity: e\n    source: a\n"), encoding="utf-8"
    )
    result = run_in(runner, tmp_path, "check", "claims.yaml", "--format", "json")
    assert result.exit_code in (0, 1), result.stderr
    assert result.stderr == ""


@pytest.mark.parametrize("name", sorted(RULES_CASES))
def test_bad_rules_folder(runner: CliRunner, name: str) -> None:
    result = run_in(
        runner, HERE / "fixtures", "check", "claims.yaml", "--rules", f"bad-rules/{name}"
    )
    assert result.exit_code == 2
    expected = RULES_CASES[name]["error"].replace("{kinds}", ", ".join(sorted(KINDS)))
    assert result.stderr == f"bad-rules/{name}/rules.yaml:{expected}\n"


def test_a_file_over_the_size_limit(runner: CliRunner, tmp_path: Path) -> None:
    big = tmp_path / "claims.yaml"
    with big.open("wb") as handle:  # a sparse file: large, but costs no disk
        handle.truncate(65 * 1024 * 1024)
    result = run_in(runner, tmp_path, "check")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "claims.yaml:1:1: the file is 68,157,440 bytes, over the limit of 67,108,864: split it"
    )


def test_a_text_outside_the_folder_is_read_when_allowed(runner: CliRunner, tmp_path: Path) -> None:
    inner = tmp_path / "claims"
    inner.mkdir()
    (tmp_path / "article.txt").write_text("Output was 5 million units.", encoding="utf-8")
    (inner / "claims.yaml").write_text(
        "version: 1\ndefaults: {entity: CN}\nsources:\n  a: {title: t, text: ../article.txt}\n"
        'claims:\n  - {id: x, metric: m, period: "2023", value: "5 million units", source: a,'
        ' quote: "Output was 5 million units."}\n',
        encoding="utf-8",
    )
    refused = run_in(runner, inner, "check")
    assert refused.exit_code == 2 and "lies outside the claims file's folder" in refused.stderr
    allowed = run_in(runner, inner, "check", "--allow-outside-text")
    assert allowed.exit_code == 0 and "No findings" in allowed.stdout


# Properties

VALUE_WORDS = st.sampled_from(
    [
        "",
        " ",
        "billion",
        "million",
        "万",
        "亿",
        "万亿",
        "yuan",
        "$",
        "%",
        "percent",
        "kW",
        "GW",
        "units",
        "more than",
        "about",
        "nearly",
        "B",
        "M",
        "k",
        "-",
        ",",
        ".",
        "第",
        "位",
        "11th",
        "half",
        "between",
        "and",
        "to",
        "（",
        "３",
        "−",
        "e",
        "inf",
        "nan",
        "\x00",
        "年",
        "左右",
    ]
)


@settings(max_examples=400, deadline=None)
@given(
    st.text(max_size=60)
    | st.lists(VALUE_WORDS | st.integers(-(10**6), 10**6).map(str), max_size=6).map("".join)
)
def test_the_parser_raises_nothing_but_its_own_error(text: str) -> None:
    try:
        value = parse_value(text)
    except ValueParseError:
        return
    assert value.low <= value.high


UNITS = ["yuan", "USD", "%", "percentage points", "units", "kW", "GW", "tonnes", "years", "辆"]
SCALES = ["", " thousand", " million", " billion", " trillion", "万", "亿"]


@settings(max_examples=300, deadline=None)
@given(
    st.floats(min_value=0.001, max_value=999_999, allow_nan=False, allow_infinity=False),
    st.sampled_from(SCALES),
    st.sampled_from(UNITS),
)
def test_a_value_formatted_then_parsed_reads_the_same(number: float, scale: str, unit: str) -> None:
    written = f"{format_number(number)}{scale} {unit}"
    again = parse_value(written)
    reread = parse_value(f"{format_number(again.number / (again.scale or 1))}{scale} {unit}")
    assert reread.dimension == again.dimension
    assert reread.low <= again.base <= reread.high
    assert abs(again.number / again.scale - number) <= max(abs(number) * 1e-5, 0.5 * 10**-4)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=400) | st.text(max_size=400).map(lambda t: t.encode("utf-8")))
def test_the_loaders_raise_nothing_but_input_errors(tmp_path: Path, data: bytes) -> None:
    from nqpf_check.claims.load import load_inputs

    for name in ("claims.yaml", "claims.jsonl", "claims.csv"):
        path = tmp_path / name
        path.write_bytes(data)
        with contextlib.suppress(InputError):
            load_inputs([path])


CLAIM_FIELDS = st.fixed_dictionaries(
    {
        "id": st.sampled_from(["a", "b", "c", "B!"]),
        "metric": st.sampled_from(["m", "n", "3x"]),
        "period": st.sampled_from(["2023", "2022", "2023-H1", "23", 2023]),
        "value": VALUE_WORDS
        | st.sampled_from(
            [
                "3,327.8 billion yuan",
                "3.327 billion yuan",
                "5%",
                "more than half",
                "11th",
                5,
                5.5,
                True,
                None,
            ]
        ),
        "source": st.sampled_from(["s", "t", "x"]),
    },
    optional={
        "measure": st.sampled_from(["level", "yoy", "share", "rank", "x"]),
        "of": st.sampled_from(["gdp", "m@WORLD"]),
        "basis": st.sampled_from(["NBS", "CAAM"]),
        "quote": st.text(max_size=30),
        "suppress": st.dictionaries(
            st.sampled_from(["agreement", "x"]), st.sampled_from(["", "why"]), max_size=1
        ),
    },
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(CLAIM_FIELDS, max_size=6))
def test_check_exits_0_1_or_2_and_never_prints_a_traceback(
    tmp_path: Path, claims: list[dict]
) -> None:
    document = {
        "version": 1,
        "defaults": {"entity": "CN"},
        "sources": {"s": {"title": "S", "kind": "official"}, "t": {"title": "T"}},
        "claims": claims,
    }
    (tmp_path / "claims.yaml").write_text(
        yaml.safe_dump(document, allow_unicode=True), encoding="utf-8"
    )
    result = run_in(CliRunner(), tmp_path, "check", "--format", "json")
    assert result.exit_code in (0, 1, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output


# Writes: whole or not at all


def test_a_write_that_fails_half_way_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nqpf_check.files import atomic_write

    target = tmp_path / "report.json"
    target.write_text("old report\n", encoding="utf-8")

    def broken_fsync(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        atomic_write(target, "new report " * 10_000)
    assert target.read_text(encoding="utf-8") == "old report\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_a_streamed_report_that_fails_half_way_leaves_the_old_file(tmp_path: Path) -> None:
    """A report is written to the file as it is rendered, never held whole in memory; a
    renderer that fails after writing part of it leaves the old file and no temporary one."""
    target = tmp_path / "report.json"
    target.write_text("old report\n", encoding="utf-8")
    seen: list[str] = []

    def render(out) -> None:
        out.write("part of a report\n" * 1000)
        seen.append(type(out).__name__)
        raise RuntimeError("the renderer failed")

    with pytest.raises(RuntimeError):
        write_output(target, render)
    assert seen == ["TextIOWrapper"]  # written to the temporary file itself, not a buffer
    assert target.read_text(encoding="utf-8") == "old report\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_a_write_killed_half_way_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "claims.yaml"
    target.write_text("version: 1  # the old file\n", encoding="utf-8")
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import os, sys, time\n"
            "from pathlib import Path\n"
            "from nqpf_check.files import atomic_write\n"
            "def stall(fd):\n"
            "    print('written, not yet renamed', flush=True)\n"
            "    time.sleep(60)\n"
            "os.fsync = stall\n"
            f"atomic_write(Path({str(target)!r}), 'version: 1\\n' * 100000)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "written, not yet renamed"
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert target.read_text(encoding="utf-8") == "version: 1  # the old file\n"


def test_an_input_quoted_in_a_message_cannot_start_a_line_of_its_own(
    runner: CliRunner, tmp_path: Path
) -> None:
    head = "version: 1\nsources:\n  p1: {title: P}\nclaims:\n"
    claim = '  - {id: a, metric: m, entity: CN, period: "2023", value: "5", source: p1'
    cases = {
        "source": claim.replace("source: p1", 'source: "nope\\n::error::pwned"') + "}\n",
        "key": claim + ', "x\\r\\n::warning::pwned\\u001b]52;c;AAAA\\u0007": 1}\n',
    }
    for name, text in cases.items():
        (tmp_path / "claims.yaml").write_text(head + text, encoding="utf-8")
        result = run_in(runner, tmp_path, "check")
        assert result.exit_code == 2, name
        assert result.stderr.count("\n") == 1, (name, result.stderr)  # one line, escaped
        assert "\\n::" in result.stderr and "\x1b" not in result.stderr


def test_a_source_text_is_a_plain_file_never_a_hidden_path_fifo_or_folder(
    runner: CliRunner, tmp_path: Path
) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("token = secret\n", encoding="utf-8")
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "folder").mkdir()
    expected = {
        ".git/config": "is a hidden path",
        "pipe": "is not a regular file",
        "folder": "is not a regular file",
    }
    for text, said in expected.items():
        (tmp_path / "claims.yaml").write_text(
            f'version: 1\nsources:\n  p1: {{title: P, text: "{text}"}}\nclaims:\n'
            '  - {id: a, metric: m, entity: CN, period: "2023", value: "5", source: p1,'
            ' quote: "secret"}\n',
            encoding="utf-8",
        )
        result = run_in(runner, tmp_path, "check")  # a FIFO would hang here if it were opened
        assert result.exit_code == 2, text
        assert result.stderr.startswith("claims.yaml:3:1: the text file") and said in result.stderr


def test_output_never_replaces_an_input_a_link_a_folder_or_a_device(
    runner: CliRunner, tmp_path: Path
) -> None:
    claims = tmp_path / "claims.yaml"
    claims.write_text((HERE / "fixtures" / "claims.yaml").read_text("utf-8"), encoding="utf-8")
    before = claims.read_bytes()
    (tmp_path / "folder").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "elsewhere.json")
    refused = {
        "claims.yaml": "is one of the files being checked",
        "link": "is a symbolic link",
        "folder": "is a folder",
    }
    for target, said in refused.items():
        result = run_in(runner, tmp_path, "check", "-f", "json", "-o", target)
        assert result.exit_code == 2 and said in result.stderr, target
    assert claims.read_bytes() == before
    os.mkfifo(tmp_path / "pipe")
    reader = subprocess.Popen(["cat", str(tmp_path / "pipe")], stdout=subprocess.PIPE)
    written = run_in(runner, tmp_path, "check", "-f", "json", "-o", "pipe")
    out, _ = reader.communicate(timeout=30)
    assert written.exit_code == 1 and out.startswith(b"{")  # written through, not replaced
    assert stat.S_ISFIFO((tmp_path / "pipe").lstat().st_mode)


def test_a_lone_surrogate_and_a_huge_integer_in_the_configuration_exit_2(
    runner: CliRunner, tmp_path: Path
) -> None:
    (tmp_path / "claims.jsonl").write_text(
        '{"type": "source", "id": "s", "title": "T\\ud800"}\n'
        '{"id": "a", "metric": "m", "entity": "CN", "period": "2023", "value": "5", '
        '"source": "s"}\n',
        encoding="utf-8",
    )
    surrogate = run_in(runner, tmp_path, "check", "claims.jsonl")
    assert surrogate.exit_code == 2
    assert surrogate.stderr.startswith("claims.jsonl:1:1: the record holds a lone surrogate")
    (tmp_path / "claims.yaml").write_text(
        (HERE / "fixtures" / "claims.yaml").read_text("utf-8"), encoding="utf-8"
    )
    (tmp_path / "pyproject.toml").write_text(
        "[tool.nqpf-check]\nformat = " + "9" * 5000 + "\n", encoding="utf-8"
    )
    huge = run_in(runner, tmp_path, "check")
    assert huge.exit_code == 2 and "Traceback" not in huge.output
    assert "a number of over 4,300 digits" in huge.stderr
