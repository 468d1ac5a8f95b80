"""extract: quantities in text, proposed claims, and appending them to a claims file."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from conftest import ROOT, load_benchmark, run_in
from nqpf_check.extract.append import with_claims
from nqpf_check.extract.propose import periods_in, propose
from nqpf_check.quantities.text import quantities

SEEDS = ROOT / "tests" / "data" / "seeds"


def found(text: str) -> list[tuple[str, float, str, str | None]]:
    return [
        (q.text, q.value.number, q.value.unit.name, q.value.qualifier) for q in quantities(text)
    ]


def test_english_quantities_with_qualifiers_currencies_and_brackets() -> None:
    text = (
        "China's trade with Belt and Road partner countries reached 22.07 trillion yuan "
        "($3.09 trillion) in 2024, accounting for more than half of its total trade."
    )
    assert found(text) == [
        ("22.07 trillion yuan", 22.07e12, "CNY", None),
        ("$3.09 trillion", 3.09e12, "USD", None),
        ("more than half", 50.0, "pct", "gt"),
    ]


def test_chinese_quantities() -> None:
    text = (
        "全年研究与试验发展经费支出33278亿元，比上年增长8.1%。"
        "新能源汽车产量1288.8万辆，约占全球的60%以上。"
    )
    assert found(text) == [
        ("33278亿元", 3.3278e12, "CNY", None),
        ("8.1%", 8.1, "pct", None),
        ("1288.8万辆", 1.2888e7, "item", None),
        ("60%以上", 60.0, "pct", "ge"),
    ]


def test_ranges_and_offsets() -> None:
    text = "Output was between 3 and 4 billion yuan, or 3-4 billion yuan."
    quantities_found = quantities(text)
    assert [q.value.qualifier for q in quantities_found] == ["range", "range"]
    first = quantities_found[0]
    assert text[first.start : first.end] == first.text == "between 3 and 4 billion yuan"


@pytest.mark.parametrize(
    "text",
    [
        "In 2023 the economy grew.",
        "The 15th Five-Year Plan period and the 20th Central Committee.",
        "The Fourth Industrial Revolution is here.",
        "5G and COVID-19 and Web3 changed it.",
        "Call 010-85061466 or see licence 10120180008.",
        "The meeting on July 30, 2025 and on 18 November 2024.",
        "2025年7月30日，会议召开。",
        "One important area is industry; the Two Sessions met.",
        "In the first five months of this year and in the first half of the year.",
        "Trade rose in the first three quarters of 2025.",
        "二〇二三年，半成品的价格一成不变，打八折算下来也贵。",
        "把纸对折；占百分之二三十；见 https://www.test.com/search?q=30%25%2020%",
        "三两下就做完了，三两个人，半斤八两，七折八扣，千分之一秒。",
    ],
)
def test_not_quantities(text: str) -> None:
    assert found(text) == []


def test_chinese_as_it_is_written() -> None:
    text = (
        "百分之6酒精含量，收盘价的百分之七十百分位，打對折，"
        "2成,2.5成，２．１成，陸 點 五 折，7 2 折。"
    )
    assert found(text) == [
        ("百分之6", 6.0, "pct", None),
        ("百分之七十", 70.0, "pct", None),
        ("對折", 50.0, "pct", None),
        ("2成", 20.0, "pct", None),
        ("2.5成", 25.0, "pct", None),
        ("２．１成", 21.0, "pct", None),
        ("陸 點 五 折", 65.0, "pct", None),
        ("7 2 折", 72.0, "pct", None),
    ]
    assert found("一 百 五 十 個 百 分 點和百 分 之  ５２.５ k") == [
        ("一 百 五 十 個 百 分 點", 150.0, "percentage_point", None),
        ("百 分 之  ５２.５ k", 52500.0, "pct", None),
    ]
    assert found("价格：$20，300美元") == [
        ("$20", 20.0, "USD", None),
        ("300美元", 300.0, "USD", None),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "一 " * 5000,
        "百分之" * 3400,
        "百 分 之 " * 1700,
        "三成" * 5000,
        "7 2 折" * 2000,
        "1 " * 5000,
    ],
)
def test_long_chinese_text_is_read_in_bounded_time(text: str) -> None:
    start = time.perf_counter()
    quantities(text)
    assert time.perf_counter() - start < 20.0  # about 0.8 ms a character at most, not quadratic


def test_brackets_are_not_negative_signs() -> None:
    assert found("exports (3.5 billion yuan) rose")[0][1] == 3.5e9


def test_a_count_noun_after_other_words() -> None:
    (q,) = quantities("Today there are 10 major national supercomputing centres nationwide.")
    assert q.noun == "centres"


def test_periods_from_the_sentence() -> None:
    assert periods_in("In the first half of 2025 output grew", None) == [(7, "2025-H1")]
    assert periods_in("in the first five months of this year", 2025)[0][1] == "2025-01..2025-05"
    assert periods_in("by the end of 2023, 3.38 million", None)[0][1] == "2023-12-31"
    assert periods_in("last year the economy expanded", 2024)[0][1] == "2023"
    assert periods_in("2025年前三季度", None)[0][1] == "2025-Q1..2025-Q3"


def test_proposals_name_metric_period_and_measure() -> None:
    from nqpf_check.ruleset import load_ruleset

    vocabulary = load_ruleset(ROOT / "rules", "rules").metrics
    text = (
        "According to the National Bureau of Statistics, the total expenditure on R&D in "
        "2023 was 3.327 billion yuan, an increase of 8.1 per cent over the previous year, "
        "accounting for 2.64 per cent of GDP."
    )
    got = [
        (p.metric, p.period, p.measure, p.of, p.value)
        for p in propose(text, "s", vocabulary, 2024, set(), "t.txt")
    ]
    assert got == [
        ("rd_expenditure", "2023", "level", None, "3.327 billion yuan"),
        ("rd_expenditure", "2023", "yoy", None, "8.1 per cent"),
        ("rd_expenditure", "2023", "share", "gdp", "2.64 per cent"),
    ]


def test_a_figure_without_a_declared_alias_gets_the_placeholder() -> None:
    (p,) = propose("Widget output reached 5 million units in 2023.", "s", {}, None, set(), "t")
    assert p.metric == "_todo" and "name the metric" in p.note


# The command line


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    shutil.copy(ROOT / "claims.yaml", tmp_path / "claims.yaml")
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    shutil.copytree(ROOT / "schema", tmp_path / "schema")
    return tmp_path


def test_extract_prints_yaml_ready_to_paste(runner: CliRunner, workspace: Path) -> None:
    article = workspace / "article.txt"
    article.write_text(
        "In 2024, widget exports reached 3.91 billion units, up 12.5%.\n"
        "Solar cell production reached 540 million kilowatts.",
        encoding="utf-8",
    )
    result = run_in(runner, workspace, "extract", "article.txt", "--source", "paper")
    assert result.exit_code == 0
    items = yaml.safe_load(result.stdout)
    assert [i["value"] for i in items] == ["3.91 billion units", "12.5%", "540 million kilowatts"]
    assert items[2]["metric"] == "solar_cell_production" and items[2]["period"] == "2024"
    assert items[1]["measure"] == "yoy"
    assert "characters" in items[0]["note"]


def test_several_files_at_once(runner: CliRunner, workspace: Path) -> None:
    (workspace / "one.txt").write_text("Output reached 5 million units in 2023.", encoding="utf-8")
    (workspace / "two.txt").write_text("出口额约3.5万亿元。", encoding="utf-8")
    result = run_in(runner, workspace, "extract", "one.txt", "two.txt")
    assert result.exit_code == 0
    items = yaml.safe_load(result.stdout)
    assert [(i["source"], i["value"]) for i in items] == [
        ("one", "5 million units"),
        ("two", "约3.5万亿元"),
    ]


def test_append_keeps_the_file_and_adds_at_the_end_of_claims(
    runner: CliRunner, workspace: Path
) -> None:
    article = workspace / "article.txt"
    article.write_text(
        "In 2023, China's annual research and development (R&D) expenditures "
        "were 3,327.8 billion RMB. Service robot production reached 7.9 million "
        "sets in 2023.",
        encoding="utf-8",
    )
    before = (workspace / "claims.yaml").read_text(encoding="utf-8")
    result = run_in(
        runner,
        workspace,
        "extract",
        "article.txt",
        "--source",
        "brecorder-2024-03-31",
        "--append",
        "claims.yaml",
    )
    assert result.exit_code == 0, result.output
    after = (workspace / "claims.yaml").read_text(encoding="utf-8")
    assert after.startswith(before)  # nothing before was rewritten: comments and layout stay
    added = after[len(before) :]
    assert 'value: "7.9 million sets"' in added
    assert "id: service-robot-production-2023-brecorder-2024-03-31" in added
    assert "appended 2 claims" in result.stdout
    again = run_in(
        runner,
        workspace,
        "extract",
        "article.txt",
        "--source",
        "brecorder-2024-03-31",
        "--append",
        "claims.yaml",
    )
    assert "appended 0 claims" in again.stdout and "2 already there were skipped" in again.stdout
    check = run_in(runner, workspace, "check", "-f", "json")
    ids = {cid for f in json.loads(check.stdout)["findings"] for cid in f["claims"]}
    assert "service-robot-production-2023-brecorder-2024-03-31" in ids  # 7.9 vs 7.833


def test_append_skips_claims_already_present(runner: CliRunner, workspace: Path) -> None:
    before = (workspace / "claims.yaml").read_text(encoding="utf-8")
    result = run_in(
        runner,
        workspace,
        "extract",
        str(SEEDS / "001_7606b83641c0bdf1.txt"),
        "--source",
        "brecorder-2024-03-31",
        "--append",
        "claims.yaml",
    )
    assert result.stdout.startswith("appended 0 claims")
    assert (workspace / "claims.yaml").read_text(encoding="utf-8") == before


def test_append_to_an_unknown_source(runner: CliRunner, workspace: Path) -> None:
    (workspace / "a.txt").write_text("It reached 5 million units in 2023.", encoding="utf-8")
    result = run_in(
        runner, workspace, "extract", "a.txt", "--source", "nobody", "--append", "claims.yaml"
    )
    assert result.exit_code == 2
    assert "source 'nobody' is not declared in claims.yaml" in result.stderr


def test_with_claims_inserts_before_the_next_top_level_key() -> None:
    text = "version: 1\nclaims:\n    - id: a\n\n# after\nsources: {}\n"
    assert with_claims(text, "    - id: b\n") == (
        "version: 1\nclaims:\n    - id: a\n    - id: b\n\n# after\nsources: {}\n"
    )
    assert with_claims("claims: []\n", "  - id: b\n") == "claims:\n  - id: b\n"


def test_a_failed_write_leaves_the_file_whole(
    runner: CliRunner, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    (workspace / "a.txt").write_text("Output reached 5.5 million sets in 2023.", encoding="utf-8")
    before = (workspace / "claims.yaml").read_text(encoding="utf-8")

    def broken(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    result = run_in(
        runner, workspace, "extract", "a.txt", "--source", "ecns-2025", "--append", "claims.yaml"
    )
    assert result.exit_code != 0
    assert (workspace / "claims.yaml").read_text(encoding="utf-8") == before
    assert [p.name for p in workspace.glob(".claims.yaml.*")] == []


# Recall on the seed articles, as the README states it

extract_bench = load_benchmark("extract_bench")


def test_extract_proposes_every_figure_of_the_seed_articles() -> None:
    recall = extract_bench.seed_recall(SEEDS)
    assert recall.claims == 45
    assert recall.found == recall.claims
    assert recall.measure == recall.found
    assert recall.metric >= 38 and recall.period >= 32


def test_the_labelled_sentences_and_our_accuracy_on_them() -> None:
    texts, gold = extract_bench.labelled_sentences()
    english, _ = extract_bench.labelled_sentences("en")
    chinese, _ = extract_bench.labelled_sentences("zh")
    assert len(texts) >= 200 and len(english) >= 100 and len(chinese) >= 60
    predicted = [extract_bench.ours(t) for t in texts]
    assert extract_bench.f1(gold, predicted, with_unit=False) >= 0.98
    assert extract_bench.f1(gold, predicted, with_unit=True) >= 0.98
    assert extract_bench.qualifier_accuracy(gold, predicted) >= 0.95
