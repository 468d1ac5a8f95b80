"""Hostile text in every output: whatever a claims file holds, each format stays what it is.

A property test renders reports whose ids, values, quotes, source labels, keys, file paths
and messages are arbitrary text (control and escape sequences, bidi overrides, pipes, tags,
``%``, ``::``, lone surrogates) in every format and parses the result. A fixture corpus
(tests/fixtures/hostile/) runs one reproducer per class through the command line and checks
the escaped snippet each output holds. Large reports keep to their readers' limits.
"""

from __future__ import annotations

import dataclasses
import io
import json
import os
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote_to_bytes
from xml.etree import ElementTree as ET

import jsonschema
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from conftest import DATA, HERE, run_in
from nqpf_check.claims.model import Key
from nqpf_check.errors import printable
from nqpf_check.report import ClaimDetail, Finding, Location, Report, RuleInfo
from nqpf_check.reporters import FORMATS, RenderOptions, renderer, uri
from nqpf_check.reporters.github import escape_data

SARIF_SCHEMA = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
HOSTILE = HERE / "fixtures" / "hostile"

PIECES = [
    "\x1b[31m",
    "\x1b]0;pwned\x07",
    "\x1b]2;pwned\x1b\\",
    "\x1b]52;c;cHduZWQ=\x07",
    "\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\",
    "\x9b31m",
    "\x9d0;t\x9c",
    "\x07",
    "\x08",
    "\r",
    "\n",
    "\r\n::error::pwned",
    "\n::warning file=x::pwned",
    "%0A::error::pwned",
    "::",
    "%",
    ":",
    ",",
    "\x00",
    "\x7f",
    "\u0085",
    "\u2028",
    "\u202e",
    "\u2066",
    "\u200b",
    "\ufeff",
    "\ufffe",
    "\uffff",
    "\ud800",
    "\udcff",
    "|",
    "\\|",
    "\\",
    "`",
    "```",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "</td></tr>",
    "<br>",
    "&",
    "&lt;",
    '"',
    "'",
    "[bold]",
    "[link=https://evil.example]x[/link]",
    "[x](javascript:alert(1))",
    "![i](https://evil.example/t.png)",
    "*em*",
    "_u_",
    "~~s~~",
    "$x$",
    "# h",
    "> q",
    "- l",
    " ",
    "é",
    "亿",
    "👨\u200d👩",
    "]]>",
    "--",
    "{{x}}",
]
HOSTILE_TEXT = st.lists(st.sampled_from(PIECES) | st.text(max_size=4), min_size=0, max_size=6).map(
    "".join
)
NAMES = st.lists(st.sampled_from(PIECES) | st.text(max_size=3), min_size=1, max_size=4).map("".join)


@st.composite
def reports(draw: st.DrawFn) -> Report:
    """A report whose every text from an input is hostile."""
    findings = []
    details = []
    values = []
    for _ in range(draw(st.integers(1, 3))):
        ids = draw(st.lists(NAMES, min_size=1, max_size=3, unique=True))
        key = Key(draw(NAMES), draw(NAMES), draw(NAMES), draw(st.sampled_from(["level", "yoy"])))
        file = draw(NAMES)
        for n, cid in enumerate(ids):
            value = draw(HOSTILE_TEXT)
            values.append((cid, f"{draw(NAMES)}: {value}"))
            details.append(
                ClaimDetail(
                    id=cid,
                    source="s",
                    source_label=draw(HOSTILE_TEXT),
                    value=value,
                    base=10.0**n,
                    low=10.0**n * 0.9,
                    high=10.0**n * 1.1,
                    unit="CNY",
                    dimension="[currency_CNY]",
                    quote=draw(st.none() | HOSTILE_TEXT),
                    file=file,
                    line=n + 1,
                    entity=key.entity,
                    period=key.period,
                    measure=key.measure,
                )
            )
        findings.append(
            Finding(
                rule=draw(NAMES),
                severity=draw(st.sampled_from(["error", "warning", "info"])),
                message=f"{key}: {draw(HOSTILE_TEXT)}",
                claims=tuple(ids),
                key=key,
                diagnosis=draw(st.none() | NAMES),
                suspect=ids[-1],
                locations=tuple(Location(file, i + 1, cid) for i, cid in enumerate(ids)),
            )
        )
    return Report.build(
        findings,
        [],
        claims=len(details),
        sources=1,
        claim_values=tuple(values),
        details=tuple(dict((d.id, d) for d in details).values()),
        rules=(RuleInfo(findings[0].rule, "agreement", "error", "s", "d"),),
        note=draw(HOSTILE_TEXT),
    )


def render(report: Report, format: str, color: bool = False) -> str:
    out = io.StringIO()
    renderer(format)(report, out, RenderOptions(limit=0, width=100, color=color))
    text = out.getvalue()
    text.encode("utf-8")  # no lone surrogate reaches the output
    return text


def _unsafe(ch: str) -> bool:
    """A character no human-facing output may hold raw: a control (but line feed), a format
    or bidi character, a line separator, a surrogate or a noncharacter."""
    if ch == "\n":
        return False
    return unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp") or ch in "\ufffe\uffff"


def raw_controls(text: str) -> list[str]:
    """The unsafe characters of ``text``, escaped for a readable assertion."""
    return [printable(ch) for ch in text if _unsafe(ch)]


# Every format, property-tested


def check_terminal(report: Report) -> None:
    plain = render(report, "table")
    assert raw_controls(plain) == []
    colour = render(report, "table", color=True)
    assert "\x1b]" not in colour  # no OSC: no title, clipboard or link
    assert raw_controls(re.sub(r"\x1b\[[0-9;]*m", "", colour)) == []  # only rich's own SGR


def check_github(report: Report) -> None:
    text = render(report, "github")
    assert text.endswith("\n") and raw_controls(text) == []
    lines = text.split("\n")[:-1]
    commands = [line for line in lines if line.startswith("::")]
    assert len(commands) == len(report.findings) == len(lines) - 1
    assert lines[-1] == report.summary_line() + "."
    for line, finding in zip(commands, report.findings, strict=True):
        head, _, message = line[2:].partition("::")
        kind, _, props = head.partition(" ")
        assert kind == {"error": "error", "warning": "warning", "info": "notice"}[finding.severity]
        names = [p.split("=", 1)[0] for p in props.split(",")]
        assert names == ["file", "line", "col", "title"]  # no property injected
        assert message == escape_data(finding.message)


MARKDOWN = MarkdownIt("commonmark").enable("table")
ALLOWED_INLINE = {"text", "code_inline", "strong_open", "strong_close", "softbreak"}


def check_markdown(report: Report) -> None:
    text = render(report, "markdown")
    assert raw_controls(text) == []
    rows = [line for line in text.splitlines() if line.startswith("| ")][1:]
    assert len(rows) == len(report.findings)  # a row is one line
    for row in rows:
        assert "<" not in row.replace("<br>", "")  # no raw tag
    tokens = MARKDOWN.parse(text)
    cells: list[list[str]] = []
    for token in tokens:
        if token.type == "tr_open":
            cells.append([])
        if token.type == "inline" and cells:
            for child in token.children or []:
                if child.type == "html_inline":
                    assert child.content == "<br>"
                else:
                    assert child.type in ALLOWED_INLINE, (child.type, child.content)
            cells[-1].append("".join(c.content for c in token.children or [] if c.type == "text"))
    assert [len(c) for c in cells] == [6] * (len(report.findings) + 1)
    for row_cells, finding in zip(cells[1:], report.findings, strict=True):
        shown = row_cells[5]
        assert not re.search(r"[@#]\w|(?i:https?|www)[:.]", shown)  # nothing GitHub links
        # shown as written, but for the zero-width spaces that break mentions and links (an
        # input's own U+200B is escaped as text, so every one in the cell is ours)
        assert shown.replace("\u200b", "") == printable(finding.message).strip()


class Tags(HTMLParser):
    """Every tag and attribute of a page, and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attrs: set[str] = set()
        self.claims: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        for name, value in attrs:
            self.attrs.add(name)
            if name == "data-claim":
                self.claims.append(value or "")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


HTML_TAGS = {
    "html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "span",
    "table", "colgroup", "col", "thead", "tbody", "tr", "th", "td", "div", "small",
    "section", "figure", "figcaption", "svg", "line", "text", "g", "circle", "path",
    "ul", "li", "b", "code",
}  # fmt: skip
HTML_ATTRIBUTES = {
    "lang", "charset", "name", "content", "class", "data-label", "viewbox", "role",
    "aria-label", "xmlns", "data-claim", "x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r",
    "d", "fill", "stroke", "stroke-width", "stroke-opacity", "stroke-linecap",
    "text-anchor",
}  # fmt: skip


def check_html(report: Report) -> None:
    text = render(report, "html")
    assert raw_controls(text) == []
    parser = Tags()
    parser.feed(text)
    parser.close()
    assert parser.tags <= HTML_TAGS and parser.attrs <= HTML_ATTRIBUTES
    assert set(parser.claims) <= {printable(d.id) for d in report.details}
    body = "".join(parser.text)
    for finding in report.findings:
        assert printable(finding.message) in body


def check_junit(report: Report) -> None:
    text = render(report, "junit")
    assert raw_controls(text) == []
    root = ET.fromstring(text)  # well-formed XML 1.0
    failures = [f.text or "" for f in root.iter("failure")]
    failing = [f for f in report.findings if f.severity != "info"]
    assert sorted(failures) == sorted(
        f"{printable(loc.file)}:{loc.line}: {printable(f.message)}"
        for f in failing
        if (loc := f.primary())
    )


def check_json(report: Report) -> None:
    text = render(report, "json")
    assert raw_controls(text) == []
    data = json.loads(text)
    assert [f["message"] for f in data["findings"]] == [f.message for f in report.findings]
    assert [f["claims"] for f in data["findings"]] == [list(f.claims) for f in report.findings]
    assert [[loc["file"] for loc in f["locations"]] for f in data["findings"]] == [
        [loc.file for loc in f.locations] for f in report.findings
    ]


URI_REFERENCE = re.compile(r"(?:[A-Za-z0-9\-._~!$&'()*+,;=@/]|%[0-9A-F]{2})*")


def check_sarif(report: Report) -> None:
    text = render(report, "sarif")
    assert raw_controls(text) == []
    log = json.loads(text)
    jsonschema.validate(log, SARIF_SCHEMA)
    results = log["runs"][0]["results"]
    assert [r["message"]["text"] for r in results] == [
        printable(f.message) for f in report.findings
    ]  # shown to people: visible escapes
    assert [r["properties"]["claims"] for r in results] == [list(f.claims) for f in report.findings]
    for result, finding in zip(results, report.findings, strict=True):
        where = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert URI_REFERENCE.fullmatch(where["uri"]) and where["uriBaseId"] == "%SRCROOT%"
        primary = finding.primary()
        assert primary is not None
        file = primary.file.replace("\\", "/")
        try:
            raw = file.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:
            raw = file.encode("utf-8", "surrogatepass")
        assert unquote_to_bytes(where["uri"]) == raw


CHECKS = {
    "table": check_terminal,
    "github": check_github,
    "markdown": check_markdown,
    "html": check_html,
    "junit": check_junit,
    "json": check_json,
    "sarif": check_sarif,
}


def test_every_format_is_property_tested() -> None:
    assert set(CHECKS) == set(FORMATS)


@pytest.mark.parametrize("format", sorted(CHECKS))
@settings(max_examples=60, deadline=None)
@given(report=reports())
def test_no_input_reaches_an_output_unescaped(format: str, report: Report) -> None:
    CHECKS[format](report)


def test_show_prints_no_input_unescaped() -> None:
    from nqpf_check.commands.show import render_show
    from nqpf_check.reporters.console import make_console

    @settings(max_examples=40, deadline=None)
    @given(report=reports())
    def shown(report: Report) -> None:
        for color in (False, True):
            out = io.StringIO()
            details = list(report.details)
            render_show(
                details,
                {details[0].id: "agreement"},
                "m\x1b]0;t\x07",
                make_console(out, 100, color),
            )
            text = re.sub(r"\x1b\[[0-9;]*m", "", out.getvalue())
            assert raw_controls(text) == []

    shown()


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("claims.yaml", "claims.yaml"),
        ("data/claims 2024.yaml", "data/claims%202024.yaml"),
        ("a#b?c%d.yaml", "a%23b%3Fc%25d.yaml"),
        ("C:\\work\\c:1.yaml", "C%3A/work/c%3A1.yaml"),
        ("统计.yaml", "%E7%BB%9F%E8%AE%A1.yaml"),
        (os.fsdecode(b"bad\xff.yaml"), "bad%FF.yaml"),
    ],
)
def test_a_path_is_a_percent_encoded_uri_reference(path: str, expected: str) -> None:
    assert uri(path) == expected


# The corpus: one reproducer per class, through the command line

EXPECTED = yaml.safe_load((HOSTILE / "expected.yaml").read_text(encoding="utf-8"))
CLAIMS = {
    c["id"]: c for c in yaml.safe_load((HOSTILE / "claims.yaml").read_text("utf-8"))["claims"]
}
SNIPPET = {  # which snippet of a class each format holds
    "table": "text",
    "github": "github",
    "junit": "text",
    "markdown": "markdown",
    "html": "html",
    "json": "json",
    "sarif": "sarif",
}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Every format of the corpus, checked under a hostile file name in a wide terminal."""
    folder = tmp_path_factory.mktemp("hostile")
    (folder / EXPECTED["path"]["name"]).write_text(
        (HOSTILE / "claims.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    env = {"NO_COLOR": "1", "COLUMNS": "1000", "FORCE_COLOR": None, "GITHUB_ACTIONS": None}
    found = {}
    for format in FORMATS:
        result = run_in(CliRunner(env=env), folder, "check", EXPECTED["path"]["name"], "-f", format)
        assert result.exit_code == 1, result.output
        found[format] = result.stdout
    return found


def test_the_corpus_is_whole() -> None:
    assert {case["claim"] for case in EXPECTED.values() if "claim" in case} <= set(CLAIMS)
    assert set(CLAIMS) - {case.get("claim") for case in EXPECTED.values()} == {"attribute"}
    assert len(EXPECTED) >= 15


@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_each_class_is_escaped_in_each_format(
    outputs: dict[str, str], case: str, format: str
) -> None:
    expected = EXPECTED[case]
    text = outputs[format]
    if format == "junit":  # the snippets as XML reads them back
        text = "\n".join(
            (node.text or "") + " ".join(node.attrib.values())
            for node in ET.fromstring(text).iter()
        )
    assert expected.get(SNIPPET[format], expected["text"]) in text


@pytest.mark.parametrize("format", FORMATS)
def test_no_hostile_sequence_reaches_an_output_raw(outputs: dict[str, str], format: str) -> None:
    text = outputs[format]
    assert raw_controls(text) == []
    for claim in CLAIMS.values():
        assert str(claim["value"]) not in text or printable(str(claim["value"])) == claim["value"]
    if format in ("markdown", "html"):
        assert "<script" not in text and "<img" not in text
    if format == "html":
        assert 'onload="' not in text  # no attribute ended by an input
    if format == "markdown":
        assert "](https://evil.example" not in text.replace("\\]", "")  # no link, no image
    if format == "github":
        lines = text.splitlines()
        assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines[:-1])


def test_a_sarif_uri_is_percent_encoded(outputs: dict[str, str]) -> None:
    log = json.loads(outputs["sarif"])
    jsonschema.validate(log, SARIF_SCHEMA)
    uris = {
        loc["physicalLocation"]["artifactLocation"]["uri"]
        for result in log["runs"][0]["results"]
        for loc in result["locations"]
    }
    assert uris == {EXPECTED["path"]["uri"]}


# Huge reports: each format keeps to its readers' limits


def many(n: int, message: str = "the figures differ") -> Report:
    """A report of ``n`` findings (info, warning and error in turn), each about two claims."""
    findings, details = [], []
    for i in range(n):
        key = Key(f"m{i:06d}", "CN", "2023", "level")
        ids = (f"c{i}a", f"c{i}b")
        findings.append(
            Finding(
                rule="agreement",
                severity=("info", "warning", "error")[i % 3],
                message=f"{key}: {message}",
                claims=ids,
                key=key,
                diagnosis="scale-slip",
                suspect=ids[1],
                locations=(
                    Location("claims.yaml", 2 * i + 1, ids[0]),
                    Location("claims.yaml", 2 * i + 2, ids[1]),
                ),
            )
        )
        for k, cid in enumerate(ids):
            details.append(
                ClaimDetail(
                    cid,
                    "s",
                    "Source",
                    f"{k + 1} billion yuan",
                    1e9 * (k + 1),
                    1e9 * (k + 1),
                    1e9 * (k + 1),
                    "CNY",
                    "[currency_CNY]",
                    None,
                    "claims.yaml",
                    2 * i + k + 1,
                    "CN",
                    "2023",
                    "level",
                )
            )
    return Report.build(findings, [], claims=2 * n, sources=1, details=tuple(details))


def test_sarif_keeps_the_most_severe_results_and_says_how_many_are_left_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from nqpf_check.reporters import sarif

    assert sarif.MAX_RESULTS == 25_000  # GitHub code scanning's limit of results a run
    monkeypatch.setattr(sarif, "MAX_RESULTS", 10)
    log = json.loads(render(many(30), "sarif"))
    jsonschema.validate(log, SARIF_SCHEMA)
    run = log["runs"][0]
    assert [r["level"] for r in run["results"]] == ["error"] * 10
    assert run["properties"]["resultsLeftOut"] == {
        "findings": 20, "error": 0, "warning": 10, "info": 10
    }  # fmt: skip
    [notification] = run["invocations"][0]["toolExecutionNotifications"]
    assert notification["message"]["text"].startswith(
        "20 findings (10 warning, 10 info) are left out of the results"
    )
    assert "--format json" in notification["message"]["text"]
    whole = json.loads(render(many(9), "sarif"))["runs"][0]
    assert "invocations" not in whole and "resultsLeftOut" not in whole["properties"]


def test_markdown_stops_before_1_mib_with_whole_rows_errors_first() -> None:
    from nqpf_check.reporters.markdown import MAX_BYTES

    assert MAX_BYTES == 1024 * 1024  # GitHub's limit for a job summary
    report = many(3_000, "x" * 500)
    text = render(report, "markdown")
    assert 1_000_000 < len(text.encode("utf-8")) <= MAX_BYTES
    rows = [line for line in text.splitlines() if line.startswith("| ")][1:]
    assert all(row.count(" | ") == 5 and row.endswith(" |") for row in rows)  # whole rows
    assert [row.split(" | ")[0] for row in rows] == ["| ❌ error"] * 1_000 + ["| ⚠️ warning"] * (
        len(rows) - 1_000
    )
    left = len(report.findings) - len(rows)
    assert text.endswith(
        f"\n**{left:,} more findings not shown** ({left - 1_000:,} warnings, 1,000 info): GitHub "
        "takes at most 1 MiB of Markdown in a job summary. Run `nqpf-check check --format json` "
        "(or `--format sarif`) for every finding.\n"
    )


def test_html_lists_and_draws_up_to_its_caps_and_counts_the_rest() -> None:
    from nqpf_check.reporters.html import MAX_CHARTS, MAX_ROWS

    report = many(3_000)
    text = render(report, "html")
    assert len(text.encode("utf-8")) < 3_000_000
    # a header and the rows; a header and a row a rule and severity for the rest (all info)
    assert text.count("<tr>") == 1 + MAX_ROWS + 1 + 1
    assert text.count("<svg") == MAX_CHARTS
    assert "The table lists the first 2,000 of 3,000 findings, errors first" in text
    assert "1,000 more findings not listed (1,000 info)" in text
    assert f"{3_000 - MAX_CHARTS:,} more groups of conflicting figures not drawn" in text
    parser = Tags()
    parser.feed(text)
    assert parser.tags <= HTML_TAGS


def test_one_chart_per_group_not_per_finding() -> None:
    report = many(2)
    first = report.findings[0]
    again = Finding("growth", "warning", "again", first.claims, first.key, None, None,
                    first.locations)  # fmt: skip
    both = Report.build([*report.findings, again], [], details=report.details)
    assert render(both, "html").count("<svg") == 2


def test_json_writes_one_finding_a_line_with_the_same_values() -> None:
    from nqpf_check.reporters.json_report import finding_dict

    report = many(500)
    text = render(report, "json")
    data = json.loads(text)
    assert data["findings"] == [finding_dict(f) for f in report.findings]
    assert data["summary"] == report.summary()
    lines = text.splitlines()
    assert len(lines) == 500 + 14  # the envelope, then a line per finding
    assert lines[3].startswith('    {"rule": "agreement", "severity": "error"')


def test_explain_and_rules_print_a_rules_file_escaped(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "rules.yaml").write_text(
        "version: 1\nrules:\n  - id: agreement\n    kind: agreement\n    severity: error\n"
        '    description: "ours \\e]0;pwned\\a\\u202e [bold]x[/bold]\\n::error::pwned"\n',
        encoding="utf-8",
    )
    (tmp_path / "claims.yaml").write_text(
        (HERE / "fixtures" / "claims.yaml").read_text("utf-8"), encoding="utf-8"
    )
    explained = run_in(runner, tmp_path, "explain", "agreement")
    assert explained.exit_code == 0, explained.output
    assert "ours \\x1b]0;pwned\\x07\\u202e [bold]x[/bold]\\n::error::pwned" in explained.stdout
    listed = run_in(runner, tmp_path, "rules")
    assert listed.exit_code == 0, listed.output
    for output in (explained.stdout, listed.stdout):
        assert raw_controls(output) == []


def test_html_cuts_a_huge_value_quote_or_message() -> None:
    report = many(2, "v" * 1_000_000)
    huge = [dataclasses.replace(d, quote="q" * 1_000_000) for d in report.details]
    text = render(dataclasses.replace(report, details=tuple(huge)), "html")
    assert len(text) < 100_000 and "v" * 1_900 + "…" in text and "q" * 299 + "…" in text
