"""A rules folder adds unit words: count nouns, aliases and currency words (units:)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from conftest import HERE, run_in
from nqpf_check.quantities.units import Vocabulary, use_vocabulary
from nqpf_check.quantities.values import Hints, ValueParseError, parse_value

FOLDER = HERE / "fixtures" / "vocabulary"


def test_the_words_of_a_rules_folder_read_its_claims(runner: CliRunner) -> None:
    result = run_in(runner, FOLDER, "check", "claims.yaml", "--format", "json")
    findings = json.loads(result.stdout)["findings"]
    assert result.exit_code == 0, findings
    assert findings == []


def test_without_the_words_the_same_claims_are_unreadable(
    runner: CliRunner, tmp_path: Path
) -> None:
    shutil.copy(FOLDER / "claims.yaml", tmp_path / "claims.yaml")
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "rules.yaml").write_text(
        "version: 1\nrules:\n  - {id: unreadable-value, kind: unreadable-value}\n",
        encoding="utf-8",
    )
    result = run_in(runner, tmp_path, "check", "claims.yaml", "--format", "json")
    unreadable = {f["claims"][0] for f in json.loads(result.stdout)["findings"]}
    assert unreadable == {"x", "z", "w", "v", "t"}  # s: kr is SEK by its source's currency
    assert result.exit_code == 1


def test_the_vocabulary_in_force_changes_readings_and_back() -> None:
    try:
        use_vocabulary(Vocabulary(currencies=(("rupees", "PKR"),)))
        assert parse_value("500 crore rupees").unit.name == "PKR"
        use_vocabulary(Vocabulary(currencies=(("rupees", "INR"),)))
        assert parse_value("500 crore rupees").unit.name == "INR"
    finally:
        use_vocabulary(Vocabulary())
    try:
        parse_value("500 crore rupees")
    except ValueParseError as err:
        assert "INR" in str(err) and "units: currencies" in str(err)
    else:
        raise AssertionError("rupees read without a vocabulary")


def test_an_ambiguous_word_of_the_users_is_decided_by_the_claims_currency() -> None:
    try:
        use_vocabulary(Vocabulary(ambiguous=(("kr", ("SEK", "NOK", "DKK")),)))
        assert parse_value("500 kr", hints=Hints(currency="NOK")).unit.name == "NOK"
        assert parse_value("500 kr", hints=Hints(unit="DKK")).unit.name == "DKK"
        try:
            parse_value("500 kr", hints=Hints(currency="EUR"))
        except ValueParseError as err:
            assert "Swedish Krona (SEK), Norwegian Krone (NOK) or Danish Krone (DKK)" in str(err)
            assert "set currency:" in str(err)
        else:
            raise AssertionError("kr read with no currency to decide it")
    finally:
        use_vocabulary(Vocabulary())


def test_a_bad_units_block_is_refused_with_its_place(runner: CliRunner, tmp_path: Path) -> None:
    shutil.copy(FOLDER / "claims.yaml", tmp_path / "claims.yaml")
    (tmp_path / "rules").mkdir()
    cases = {
        "units:\n  aliases:\n    zz: frobnicate\n": "3:9: alias 'zz': 'frobnicate' is no unit",
        "units:\n  currencies:\n    rupees: XYZ\n": "3:13: unknown currency 'XYZ'",
        "units:\n  count_nuns: [a]\n": "2:3: unknown key 'count_nuns' in 'units': did you mean",
        "units:\n  count_nouns: sorties\n": "2:16: 'count_nouns' of 'units' must be a list",
        "units:\n  ambiguous:\n    kr: [SEK, XYZ]\n": "3:9: ambiguous word 'kr': 'XYZ' is no ISO",
        "units:\n  ambiguous:\n    kr: [SEK]\n": "3:9: the readings of",
        "units:\n  percent_words:\n    pc: pourcent\n": "3:9: 'percent_words' is 'pourcent'",
        "units:\n  currencies:\n    yuan: JPY\n": "3:5: units: currencies: 'yuan' already means "
        "the currency CNY",
        "units:\n  currencies:\n    USD: EUR\n": "3:5: units: currencies: 'USD' already means",
        'units:\n  percent_words:\n    "%": percentage_point\n': "3:5: units: percent_words: "
        "'%' already means percent",
        "units:\n  count_nouns: [yuan]\n": "2:16: units: count_nouns: 'yuan' already means",
        'units:\n  count_nouns: ["5"]\n': "2:16: units: count_nouns: '5' has no letter",
        "units:\n  currencies: {kr: SEK}\n  ambiguous: {kr: [SEK, NOK]}\n": "3:15: units: "
        "ambiguous: 'kr' is declared twice",
    }
    for text, expected in cases.items():
        (tmp_path / "rules" / "units.yaml").write_text(text, encoding="utf-8")
        result = run_in(runner, tmp_path, "check", "claims.yaml")
        assert result.exit_code == 2
        assert result.stderr.startswith(f"{Path('rules') / 'units.yaml'}:{expected}"), result.stderr


def test_the_built_in_words_are_in_the_format_users_write() -> None:
    from importlib import resources

    from nqpf_check.quantities import units
    from nqpf_check.ruleset import load_ruleset_text

    text = (resources.files("nqpf_check") / "data" / "units.yaml").read_text(encoding="utf-8")
    vocabulary = load_ruleset_text(text, "<built-in>/units.yaml").vocabulary
    assert vocabulary.count_nouns == units.COUNT_NOUNS
    assert dict(vocabulary.currencies) == {w: c.upper() for w, c in units.CURRENCY_WORDS.items()}
    assert dict(vocabulary.aliases) == units.UNIT_ALIASES
    assert {w: units.PERCENT_KINDS[k] for w, k in vocabulary.percent_words} == units.PERCENT_WORDS
    assert dict(vocabulary.ambiguous) == units.AMBIGUOUS_READINGS


def test_words_in_traditional_characters_read_as_written() -> None:
    vocabulary = Vocabulary(
        count_nouns=frozenset({"間"}),
        aliases=(("公噸", "metric_ton"),),
        currencies=(("港圓", "HKD"),),
    )
    try:
        use_vocabulary(vocabulary)
        readings = [parse_value(t) for t in ("5公噸", "3間", "7港圓", "5個")]
        assert [(v.number, v.unit.name) for v in readings] == [
            (5.0, "metric_ton"),
            (3.0, "item"),
            (7.0, "HKD"),
            (5.0, "item"),
        ]
    finally:
        use_vocabulary(Vocabulary())


def test_a_metric_may_be_declared_in_a_word_of_the_folders_units(
    runner: CliRunner, tmp_path: Path
) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "units.yaml").write_text(
        "version: 1\nunits:\n  aliases:\n    tkm: tonne * kilometer\n", encoding="utf-8"
    )
    (tmp_path / "rules" / "metrics.yaml").write_text(
        "version: 1\nmetrics:\n  freight: {unit: tkm}\n"
        "rules:\n  - {id: dimension, kind: dimension}\n",
        encoding="utf-8",
    )
    (tmp_path / "claims.yaml").write_text(
        'version: 1\ndefaults: {entity: CN, period: "2023"}\nsources:\n  a: {title: A}\n'
        "claims:\n"
        '  - {id: x, metric: freight, value: "3 billion tkm", source: a}\n'
        '  - {id: y, metric: freight, value: "3 billion tonnes", source: a}\n',
        encoding="utf-8",
    )
    result = run_in(runner, tmp_path, "check", "--format", "json")
    findings = json.loads(result.stdout)["findings"]
    assert [(f["rule"], f["claims"]) for f in findings] == [("dimension", ["y"])]
    (tmp_path / "rules" / "metrics.yaml").write_text(
        "version: 1\nmetrics:\n  freight: {unit: frobs}\n", encoding="utf-8"
    )
    bad = run_in(runner, tmp_path, "check")
    assert bad.exit_code == 2
    assert bad.stderr.startswith(f"{Path('rules') / 'metrics.yaml'}:3:19: metric 'freight'")


def test_rules_lists_where_each_rate_and_word_comes_from(runner: CliRunner) -> None:
    listed = run_in(runner, FOLDER, "rules").stdout
    assert "<built-in>/rates.yaml:4" in listed  # the built-in rates stay in force
    assert f"{Path('rules') / 'units.yaml'}:13" in listed and "one of SEK, NOK, DKK" in listed
    assert "from rules + built-in" in listed
    alone = run_in(runner, FOLDER, "rules", "--no-builtin-rules").stdout
    assert "<built-in>/rates.yaml" not in alone and "from rules;" in alone
