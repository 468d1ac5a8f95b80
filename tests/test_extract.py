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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the c $ 300 million charge", [("c $ 300 million", 3e8, "CAD", None)]),
        ("to hk $ 10.05 billion", [("hk $ 10.05 billion", 1.005e10, "HKD", None)]),
        ("It cost C$5 million.", [("C$5 million", 5e6, "CAD", None)]),
        ("the company ' s $ 5 million", [("$ 5 million", 5e6, "USD", None)]),
        ("I paid a $5 fee.", [("$5", 5.0, "USD", None)]),
        ("md . - - $ 75 million of bonds", [("$ 75 million", 7.5e7, "USD", None)]),
        ("the loss was -$3.5 billion", [("-$3.5 billion", -3.5e9, "USD", None)]),
        (
            "The price is 100 ₡ and 100₾.",
            [("100 ₡", 100.0, "CRC", None), ("100₾", 100.0, "GEL", None)],
        ),
        ("it takes more than 10 1/2 miles", [("more than 10 1/2 miles", 10.5, "mile", "gt")]),
        ("a 1/4 mile paved oval", [("1/4 mile", 0.25, "mile", None)]),
        ("the six-mile trip", [("six-mile", 6.0, "mile", None)]),
        ("its one-yen bid", [("one-yen", 1.0, "JPY", None)]),
        ("twenty-two percent of the vote", [("twenty-two percent", 22.0, "pct", None)]),
    ],
)
def test_english_forms_in_running_text(text: str, expected: list) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "It is 20 kg and 30 kg.",
            [("20 kg", 20.0, "kilogram", None), ("30 kg", 30.0, "kilogram", None)],
        ),
        ("The weight is 20 (kg).", [("20 (kg)", 20.0, "kilogram", None)]),
        ("home ranges of 190 km2.", [("190 km2", 190.0, "kilometer ** 2", None)]),
        ('A pen that is 10 " long.', [('10 "', 10.0, "inch", None)]),
        ("I'm 1.8m tall.", [("1.8m tall", 1.8, "meter", None)]),
        ("A tile of 1 m x 1 m.", [("1 m", 1.0, "meter", None), ("1 m", 1.0, "meter", None)]),
        ("1m is equal to 10 dm", [("1m", 1.0, "meter", None), ("10 dm", 10.0, "decimeter", None)]),
        (
            "It is 25 °C, -5 degrees Celsius at night.",
            [
                ("25 °C", 25.0, "degree_Celsius", None),
                ("-5 degrees Celsius", -5.0, "degree_Celsius", None),
            ],
        ),
        ("The file is 100 MB.", [("100 MB", 100.0, "megabyte", None)]),
        ("the 16-bit chip", [("16-bit", 16.0, "bit", None)]),
        ("GDP was $12,000 per capita.", [("$12,000 per capita", 12000.0, "USD per capita", None)]),
        ("per cent of twenty-two", [("per cent of twenty-two", 22.0, "pct", None)]),
        ("the market plummeted 190 points", [("190 points", -190.0, "item", None)]),
        ("it only cost 3 dollars 50 cents.", [("3 dollars 50 cents", 3.5, "USD", None)]),
        (
            "it only cost thirteen dollars forty five",
            [("thirteen dollars forty five", 13.45, "USD", None)],
        ),
        ("and me c $ 100 and fifty.", [("c $ 100 and fifty", 100.5, "CAD", None)]),
        (
            "He paid 5 dollars and three friends paid.",
            [("5 dollars", 5.0, "USD", None), ("three", 3.0, "item", None)],
        ),
        ("I paid $100 and fifty more.", [("$100", 100.0, "USD", None)]),
    ],
)
def test_english_units_in_running_text(text: str, expected: list) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "I have 10" and left.', [("10", 10.0, "item", None)]),  # a quote, no inch
        ("a large percent of 10,000 firms", [("10,000 firms", 10000.0, "item", None)]),
        ("The file is 100 mb.", []),  # megabits, megabytes or millibars: and no count
        ("A metric ton is 2,204.62 pounds.", []),  # sterling or weight: and no count
        ("The baby is over two pounds.", []),
        ("It grew 5m and 3 tons.", []),  # 5 million or 5 metres; which tons?
        ("$5m x 3m", [("$5m", 5e6, "USD", None)]),
        ("Serial 24703L202.", []),
        ("See https://www.test.com/search?q=30%25%2020%", []),
        ("ALL 5 solutions are wrong.", [("5", 5.0, "item", None)]),
        ("it 1 ) explains; 2 ) cautions.", []),
        ("Lend me 100,000 ரூ today.", []),
        ("4人民币5美元", [("4人民币", 4.0, "CNY", None), ("5美元", 5.0, "USD", None)]),
    ],
)
def test_english_look_alikes_are_not_misread(text: str, expected: list) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "On 3/4 the price rose.",
        "Open 24/7 since 2022/23.",
        "Due 5/12/2023.",
        "In the twenty-first century.",
        "We met 3/4 of members.",
    ],
)
def test_dates_and_ratios_with_slashes_are_not_quantities(text: str) -> None:
    assert found(text) == []


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


GERMAN = (
    "Die Inflation lag im Oktober bei 8,1 Prozent. Der Umsatz stieg auf 1.234,5 Mio. Euro; "
    "das Unternehmen beschäftigt 12.500 Menschen."
)


def test_numbers_in_a_language_with_a_decimal_comma() -> None:
    read = [(q.text, q.value.number, q.value.unit.name) for q in quantities(GERMAN, lang="de")]
    assert read == [
        ("8,1 Prozent", 8.1, "pct"),
        ("1.234,5 Mio. Euro", 1234.5e6, "EUR"),
        ("12.500", 12500.0, "item"),
    ]
    french = "Le PIB a atteint 2 639,1 milliards d'euros, soit 2,5 à 3 pour cent de plus."
    assert [(q.text, q.value.number) for q in quantities(french, lang="fr")] == [
        ("2 639,1 milliards d'euros", 2639.1e9),
        ("2,5 à 3 pour cent", 2.5),
    ]
    # Without the language, "8,1" is no English number and "12.500" is refused as ambiguous.
    assert "8,1 Prozent" not in [q.text for q in quantities(GERMAN)]


def test_never_a_part_of_a_number_nor_money_of_an_unknown_currency() -> None:
    def read(text: str, lang: str | None = None) -> list[tuple[str, float]]:
        return [(q.text, q.value.number) for q in quantities(text, lang=lang)]

    assert read("Die Inflation lag bei 8,1 Prozent und 1.234,5 Mio. Euro.") == []  # no lang
    assert read("Im Jahr 2022 waren es 3.5 Prozent.", "de") == []  # "3.5" is no German number
    assert read("Version 1.2.3 came out on 2024.03.31.") == []
    assert read("Spending was Rs 5 crore and 5 kr.") == []  # which rupees, which crowns?
    assert read("It rose 3.5% to 1,234.5 million.") == [
        ("3.5%", 3.5),
        ("1,234.5 million", 1.2345e9),
    ]


def test_digits_with_big_units_between_them_are_one_number() -> None:
    assert [(q.text, q.value.number) for q in quantities("銀行は1兆2,000億円を貸し出した。")] == [
        ("1兆2,000億円", 1.2e12)
    ]
    assert [
        (q.text, q.value.number) for q in quantities("销售额为1兆2000亿元，收入2億3000万円")
    ] == [
        ("1兆2000亿元", 1.2e12),
        ("2億3000万円", 2.3e8),
    ]


def test_extract_reads_the_texts_language(runner: CliRunner, workspace: Path) -> None:
    (workspace / "de.txt").write_text(GERMAN, encoding="utf-8")
    result = run_in(runner, workspace, "extract", "de.txt", "--lang", "de")
    assert result.exit_code == 0, result.output
    assert "declare lang: de on the source" in result.stdout
    items = yaml.safe_load(result.stdout)
    assert [i["value"] for i in items] == ["8,1 Prozent", "1.234,5 Mio. Euro", "12.500"]
    bad = run_in(runner, workspace, "extract", "de.txt", "--lang", "xx-nope")
    assert bad.exit_code == 2 and "--lang" in bad.output


def test_extract_appends_in_the_sources_language_and_check_reads_it_alike(
    runner: CliRunner, tmp_path: Path
) -> None:
    (tmp_path / "de.txt").write_text(GERMAN, encoding="utf-8")
    (tmp_path / "claims.yaml").write_text(
        "version: 1\ndefaults: {entity: DE}\nsources:\n"
        "  zeit: {title: Die Zeit, lang: de, text: de.txt}\nclaims: []\n",
        encoding="utf-8",
    )
    result = run_in(
        runner, tmp_path, "extract", "de.txt", "--source", "zeit", "--append", "claims.yaml"
    )
    assert "appended 3 claims" in result.stdout, result.output
    against = run_in(
        runner,
        tmp_path,
        "extract",
        "de.txt",
        "--source",
        "zeit",
        "--append",
        "claims.yaml",
        "--lang",
        "en",
    )
    assert against.exit_code == 2 and "contradicts lang: de of source 'zeit'" in against.output
    check = run_in(runner, tmp_path, "check", "-f", "json")
    findings = json.loads(check.stdout)["findings"]
    # Every value reads, every quote holds its value and stands in the text.
    assert [f for f in findings if f["rule"] in ("unreadable-value", "quote")] == []


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


def test_the_english_patterns_run_in_linear_time() -> None:
    import time

    from nqpf_check.quantities import text as scanner
    from nqpf_check.quantities import units, values

    hostile = [
        "1" * 10_000 + " m x 1 m",
        "1 1/" * 2_500,
        "20 (" * 2_500,
        "c $ 1 and " * 1_000,
        "3 dollars 50 " * 800,
        "degrees " * 1_250,
        "percent of " * 900,
        "ALL 5 " * 1_600,
        "a" * 10_000,
    ]
    patterns = [
        scanner._NUMBER,
        scanner._TAIL_WORD,
        scanner._BRACKETED,
        scanner._SPOKEN_CENTS,
        scanner._LENGTH_AFTER,
        scanner._LENGTH_BEFORE,
        scanner._WORD_CODE,
        scanner._CURRENCY_BEFORE,
        *scanner._MONEY_TAILS,
        values._CURRENCY_PREFIX,
        values._PER_CAPITA,
        values._PERCENT_OF,
        units._TEMPERATURE_WORD,
    ]
    start = time.perf_counter()
    for text in hostile:
        for pattern in patterns:
            pattern.search(text)
            pattern.match(text)
            sum(1 for _ in pattern.finditer(text))
    assert time.perf_counter() - start < 2.0
    start = time.perf_counter()
    quantities("1 m x " * 600)  # each number's reading looks at a bounded window
    assert time.perf_counter() - start < 6.0


def test_two_appends_at_once_lose_nothing(tmp_path: Path) -> None:
    import subprocess
    import sys

    (tmp_path / "claims.yaml").write_text(
        "version: 1\ndefaults: {entity: CN}\nsources:\n  s: {title: S}\nclaims: []\n",
        encoding="utf-8",
    )
    texts = []
    for n in range(4):
        name = f"t{n}.txt"
        (tmp_path / name).write_text(
            f"Widget exports reached {n + 1}.5 billion units in 2023.",
            encoding="utf-8",
        )
        texts.append(name)
    command = [sys.executable, "-m", "nqpf_check", "extract", "--source", "s"]
    runs = [
        subprocess.Popen([*command, name, "--append", "claims.yaml"], cwd=tmp_path)
        for name in texts
    ]
    assert [run.wait(timeout=120) for run in runs] == [0, 0, 0, 0]
    claims = yaml.safe_load((tmp_path / "claims.yaml").read_text(encoding="utf-8"))["claims"]
    assert sorted(c["value"] for c in claims) == [f"{n + 1}.5 billion units" for n in range(4)]


def test_a_unit_before_a_full_stop_keeps_its_unit() -> None:
    """The dot after "yuan" ends the sentence; it once cost the figure its unit."""
    assert found("It put the figure at 1,625.9 billion yuan. The report said more.") == [
        ("1,625.9 billion yuan", 1625.9e9, "CNY", None)
    ]
    assert found("The line is 5 km. Then it ends.") == [("5 km", 5.0, "kilometer", None)]


def test_a_text_over_the_limit_is_refused_unread(runner: CliRunner, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:  # sparse: 16 MiB and one byte, never written out
        handle.truncate(16 * 1024 * 1024 + 1)
    result = run_in(runner, tmp_path, "extract", "big.txt")
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "big.txt:1:1: the file is 16,777,217 bytes, over the limit of 16,777,216: check reads "
        "no source text that long: split it into its articles and extract from each"
    )


def test_a_long_sentence_is_quoted_around_each_figure(tmp_path: Path) -> None:
    from nqpf_check.extract.propose import QUOTE_WINDOW

    line = ", ".join(f"output of the plant reached {i + 10} million tonnes" for i in range(300))
    proposals = propose(line, "s", {}, 2024, set(), "t.txt")
    assert len(proposals) == 300 and len(line) > 10 * QUOTE_WINDOW
    for p in proposals:
        assert len(p.quote) <= QUOTE_WINDOW and p.quote in line and p.value in p.quote
        assert "characters long: the quote is the part around the figure" in p.note
    assert proposals[0].quote.startswith("output of the plant reached 10 million")
    assert proposals[150].quote.startswith("output of the plant ")  # cut after a comma
    short = propose("It reached 5 million tonnes in 2023.", "s", {}, None, set(), "t")
    assert short[0].quote == "It reached 5 million tonnes in 2023."
    assert "part around the figure" not in short[0].note


def test_ids_go_on_counting_where_they_stopped() -> None:
    from nqpf_check.extract.propose import unique_id

    taken = {"a", "a-2", "a-4"}
    counters: dict[str, int] = {}
    assert [unique_id("a", taken, counters) for _ in range(3)] == ["a-3", "a-5", "a-6"]
    assert unique_id("b", taken, counters) == "b"
    taken.add("a-7")  # another run took one: it is skipped
    assert unique_id("a", taken, counters) == "a-8"
    assert {"a-3", "a-5", "a-6", "a-8", "b"} <= taken


def test_repeats_are_the_same_value_of_the_same_source_with_one_quote_inside_the_other() -> None:
    from nqpf_check.commands.extract import RECENT, Repeats

    present = Repeats()
    present.add_file("s", "GDP grew 5% in 2024, the bureau said.", 5.0)
    assert present.seen("s", "GDP grew 5% in 2024", 5.0)  # inside the file's quote
    assert present.seen("s", "As reported, GDP grew 5% in 2024, the bureau said. More.", 5.0)
    assert not present.seen("s", "GDP grew 5% in 2024", 6.0)  # another value
    assert not present.seen("t", "GDP grew 5% in 2024", 5.0)  # another source
    present.add("s", "Exports rose 7%.", 7.0)
    assert present.seen("s", "Exports rose 7%.", 7.0)
    assert present.seen("s", "In May, Exports rose 7%. Imports fell.", 7.0)
    for i in range(RECENT):
        present.add("s", f"Sentence {i} says 7%.", 7.0)
    assert present.seen("s", "Exports rose 7%.", 7.0)  # the same quote: always found
    assert not present.seen("s", "In May, Exports rose 7%. Imports fell.", 7.0)  # too far back
    assert present.seen("s", f"Then Sentence {RECENT - 1} says 7%.", 7.0)


def test_append_skips_a_repeated_sentence_far_apart(runner: CliRunner, workspace: Path) -> None:
    from nqpf_check.commands.extract import RECENT

    filler = " ".join(f"Item {i} sold 7 million units." for i in range(RECENT + 5))
    text = f"Exports grew 7% in 2024. {filler} Exports grew 7% in 2024."
    (workspace / "a.txt").write_text(text, encoding="utf-8")
    result = run_in(runner, workspace, "extract", "a.txt", "--source", "paper")
    items = yaml.safe_load(result.stdout)
    assert [i["quote"] for i in items].count("Exports grew 7% in 2024.") == 1
