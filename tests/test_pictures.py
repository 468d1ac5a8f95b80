"""Pictures: `show METRIC` in the terminal, and the HTML report opened in a real browser."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import HERE, ROOT, compare_golden, run_in

FIXTURES = HERE / "fixtures"


def test_show_prints_a_table_and_a_chart(runner: CliRunner) -> None:
    result = run_in(runner, FIXTURES, "show", "rd_expenditure")
    assert result.exit_code == 0
    compare_golden("show_rd_expenditure.txt", result.stdout)
    chart = result.stdout.split("rd_expenditure · CN · 2023 · level · currency CNY (log scale)")[1]
    rows = [line for line in chart.splitlines() if "●" in line]
    assert len(rows) == 3
    suspect = next(line for line in rows if "◀ suspect" in line)
    others = [line for line in rows if line is not suspect]
    assert "3.327 billion yuan" in suspect
    # on the log axis the slipped figure sits far left of the two that agree
    assert suspect.index("●") < min(line.index("●") for line in others) - 20


def test_show_draws_intervals_for_qualified_values(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "claims.yaml").write_text(
        "version: 1\ndefaults: {entity: CN}\nsources:\n  a: {title: A}\n  b: {title: B}\n"
        'claims:\n  - {id: x, metric: m, period: "2023", value: "1.06 trillion yuan", source: a}\n'
        '  - {id: y, metric: m, period: "2023", value: "more than 1 trillion yuan", source: b}\n',
        encoding="utf-8",
    )
    out = run_in(runner, tmp_path, "show", "m").stdout
    more = next(
        line for line in out.splitlines() if "more than 1 trillion yuan" in line and "●" in line
    )
    assert "━" in more and "▶" in more  # an open interval runs to the edge


def test_show_filters_and_unknown_metrics(runner: CliRunner) -> None:
    filtered = run_in(runner, FIXTURES, "show", "nev_production", "--period", "2024")
    assert filtered.exit_code == 0 and "nev_production: 2 claims" in filtered.stdout
    none = run_in(runner, FIXTURES, "show", "nev_production", "--entity", "US")
    assert none.exit_code == 0 and "no claim of nev_production matches" in none.stderr
    unknown = run_in(runner, FIXTURES, "show", "rd_expenditur")
    assert unknown.exit_code == 2
    assert "'rd_expenditure'?" in unknown.output


def _report(runner: CliRunner, tmp_path: Path) -> Path:
    out = tmp_path / "report.html"
    result = run_in(runner, ROOT, "check", "--format", "html", "--output", str(out))
    assert result.exit_code == 1
    return out


def test_the_html_report_is_self_contained(runner: CliRunner, tmp_path: Path) -> None:
    html = _report(runner, tmp_path).read_text(encoding="utf-8")
    assert "<script" not in html and "<link" not in html and "@import" not in html
    assert "url(" not in html
    assert re.findall(r"https?://[^\"' ]+", html) == ["http://www.w3.org/2000/svg"] * html.count(
        "<svg"
    )
    assert "@media print" in html and 'name="viewport"' in html


CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.skip("no Chromium on this machine: .ci/run installs Debian's chromium package")
    return found


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_the_html_report_in_a_real_browser(runner: CliRunner, tmp_path: Path) -> None:
    browser = _chromium()
    page = _report(runner, tmp_path).as_uri()
    profile = ["--user-data-dir=" + str(tmp_path / "profile")]
    dom = subprocess.run(
        [browser, *CHROMIUM_FLAGS, *profile, "--dump-dom", page],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    assert "<h1>nqpf-check report</h1>" in dom
    assert dom.count("<tr>") == 11  # the header row, then one row per finding
    assert dom.count("<svg") >= 6  # a chart per conflicting group
    assert 'class="claim suspect" data-claim="rd-expenditure-2023-morningstar"' in dom
    assert "the total expenditure on R&amp;D in 2023 was 3.327 billion yuan" in dom
    for name, size in (("desktop.png", "1280,2000"), ("phone.png", "390,1600")):
        shot = tmp_path / name
        subprocess.run(
            [
                browser,
                *CHROMIUM_FLAGS,
                *profile,
                f"--screenshot={shot}",
                f"--window-size={size}",
                page,
            ],
            capture_output=True,
            timeout=120,
            check=True,
        )
        width, height = _png_size(shot)
        assert (width, height) == tuple(int(x) for x in size.split(","))
        assert shot.stat().st_size > 20_000  # a page was drawn, not a blank
    pdf = tmp_path / "report.pdf"
    subprocess.run(
        [
            browser,
            *CHROMIUM_FLAGS,
            *profile,
            f"--print-to-pdf={pdf}",
            "--no-pdf-header-footer",
            page,
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 10_000
