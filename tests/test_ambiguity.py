"""A sign or word with two readings: decided by the claim's context, else by its neighbours."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from conftest import run_in
from nqpf_check.claims.reader import load_claims_text
from nqpf_check.engine import run
from nqpf_check.report import Report
from nqpf_check.ruleset import builtin_dir, load_ruleset, load_ruleset_text

HEAD = """version: 1
defaults: {entity: JP, period: "2023"}
sources:
  nikkei: {title: Nikkei, publisher: Nikkei}
  reuters: {title: Reuters, publisher: Reuters}
  blog: {title: Blog, publisher: Blog}
claims:
"""


def _check(claims: str, rules: str | None = None) -> Report:
    claimset = load_claims_text(HEAD + claims, "claims.yaml")
    ruleset = (
        load_ruleset(builtin_dir(), "built-in")
        if rules is None
        else load_ruleset_text(rules, "rules/rules.yaml")
    )
    return run([claimset], ruleset)


def _by_rule(report: Report) -> dict[str, list[tuple[str, str]]]:
    found: dict[str, list[tuple[str, str]]] = {}
    for f in report.findings:
        found.setdefault(f.rule, []).append((f.severity, f.message))
    return found


def test_a_yen_figure_beside_it_makes_the_sign_yen_and_the_note_says_so() -> None:
    report = _check(
        '  - {id: a, metric: revenue, value: "¥5.2 trillion", source: reuters}\n'
        '  - {id: b, metric: revenue, value: "5.2 trillion yen", source: nikkei}\n'
    )
    found = _by_rule(report)
    assert list(found) == ["unreadable-value"]
    [(severity, message)] = found["unreadable-value"]
    assert severity == "info"
    assert "read as Japanese Yen (JPY)" in message
    assert "closest to claim b (5.2 trillion yen)" in message
    assert "currency: JPY on the claim, its source or the defaults" in message


def test_a_yuan_figure_beside_it_makes_the_sign_yuan() -> None:
    report = _check(
        '  - {id: a, metric: revenue, value: "¥5.2 trillion", source: reuters}\n'
        '  - {id: b, metric: revenue, value: "5.2 trillion yuan", source: nikkei}\n'
    )
    [(severity, message)] = _by_rule(report)["unreadable-value"]
    assert severity == "info" and "read as Chinese Yuan (CNY)" in message


def test_a_slip_is_still_found_under_the_reading_the_neighbours_share() -> None:
    report = _check(
        '  - {id: a, metric: revenue, value: "¥5.2 billion", source: reuters}\n'
        '  - {id: b, metric: revenue, value: "5.2 trillion yen", source: nikkei}\n'
        '  - {id: c, metric: revenue, value: "5.2 trillion yen", source: blog}\n'
    )
    found = _by_rule(report)
    [(severity, _)] = found["agreement"]
    assert severity == "error"
    agreement = next(f for f in report.findings if f.rule == "agreement")
    assert agreement.suspect == "a"
    assert agreement.diagnosis == "scale-slip"


def test_with_nothing_to_decide_the_claim_is_left_out_and_never_an_error() -> None:
    report = _check('  - {id: a, metric: revenue, value: "¥300 billion", source: blog}\n')
    [(severity, message)] = _by_rule(report)["unreadable-value"]
    assert severity == "info"
    assert "left out of the checks" in message
    assert "currency: CNY or currency: JPY" in message
    assert report.exit_code("error") == 0


def test_a_dollar_figure_decides_through_the_reference_rate() -> None:
    # Only the yuan reading can be compared with dollars (the built-in rates are CNY/USD).
    report = _check(
        '  - {id: a, metric: revenue, value: "¥70 billion", period: "2023", source: blog}\n'
        '  - {id: b, metric: revenue, value: "$10 billion", period: "2023", source: reuters}\n'
    )
    messages = [m for _, m in _by_rule(report)["unreadable-value"]]
    assert len(messages) == 1 and "read as Chinese Yuan (CNY)" in messages[0]


def test_the_claims_currency_decides_and_no_note_is_given() -> None:
    for where in ("claim", "source", "defaults"):
        claim = '  - {id: a, metric: revenue, value: "¥5.2 trillion", source: blog'
        text = HEAD + claim + (", currency: JPY}\n" if where == "claim" else "}\n")
        if where == "source":
            text = text.replace("blog: {title: Blog,", "blog: {title: Blog, currency: jpy,")
        if where == "defaults":
            text = text.replace('period: "2023"}', 'period: "2023", currency: JPY}')
        claimset = load_claims_text(text, "claims.yaml")
        assert claimset.claims[0].currency == "JPY", where
        report = run([claimset], load_ruleset(builtin_dir(), "built-in"))
        assert not report.findings, where


def test_the_metrics_declared_unit_decides_kt_and_pounds() -> None:
    rules = """version: 1
metrics:
  emissions: {unit: tonnes}
  beef: {unit: kg}
  profit: {unit: GBP}
rules:
  - {id: unreadable-value, kind: unreadable-value}
  - {id: agreement, kind: agreement}
"""
    report = _check(
        '  - {id: a, metric: emissions, value: "384.2 kt", source: blog}\n'
        '  - {id: b, metric: emissions, value: "384,200 tonnes", source: nikkei}\n'
        '  - {id: c, metric: beef, value: "2 million pounds", source: blog}\n'
        '  - {id: d, metric: profit, value: "361 million pounds", source: blog}\n'
        '  - {id: e, metric: speed, value: "30 kt", source: blog}\n',
        rules,
    )
    found = _by_rule(report)
    assert list(found) == ["unreadable-value"]  # agreement: 384.2 kt is 384,200 tonnes
    [(severity, message)] = found["unreadable-value"]
    assert severity == "error" and "'30 kt'" in message
    assert "kilotonne (mass) or knot (speed)" in message


def test_an_unknown_currency_code_is_refused_with_its_place(
    runner: CliRunner, tmp_path: Path
) -> None:
    (tmp_path / "claims.yaml").write_text(
        HEAD + '  - {id: a, metric: revenue, value: "¥5", source: blog, currency: YEN}\n',
        encoding="utf-8",
    )
    result = run_in(runner, tmp_path, "check", "claims.yaml")
    assert result.exit_code == 2
    assert result.stderr.startswith("claims.yaml:8:")
    assert "unknown currency 'YEN'" in result.stderr and "ISO 4217" in result.stderr


def test_a_quote_with_the_sign_matches_the_value_as_settled(tmp_path: Path) -> None:
    report = _check(
        '  - {id: a, metric: revenue, value: "¥5.2 trillion", source: reuters,\n'
        '     quote: "Revenue reached ¥5.2 trillion."}\n'
        '  - {id: b, metric: revenue, value: "5.2 trillion yen", source: nikkei}\n'
    )
    assert "quote" not in _by_rule(report)


def test_parse_shows_both_readings_and_takes_a_currency(runner: CliRunner, tmp_path: Path) -> None:
    both = run_in(runner, tmp_path, "parse", "¥5.2 trillion", "--json")
    assert json.loads(both.stdout)["other_units"] == ["JPY"]
    yen = run_in(runner, tmp_path, "parse", "¥5.2 trillion", "--json", "--currency", "jpy")
    assert json.loads(yen.stdout)["unit"] == "JPY"
    assert json.loads(yen.stdout)["other_units"] == []
    kt = run_in(runner, tmp_path, "parse", "384 kt", "--json", "--unit", "tonnes")
    assert json.loads(kt.stdout)["dimension"] == "[mass]"
    bad = run_in(runner, tmp_path, "parse", "¥5", "--currency", "yen")
    assert bad.exit_code == 2 and "ISO 4217" in bad.output


def test_claims_that_all_write_the_sign_are_compared_with_each_other() -> None:
    report = _check(
        '  - {id: a, metric: spend, value: "¥3.3 trillion", source: nikkei}\n'
        '  - {id: b, metric: spend, value: "¥9 trillion", source: reuters}\n'
    )
    found = _by_rule(report)
    # Two sources, no tie-breaker: the conflict is a warning, as for any two such figures.
    assert [severity for severity, _ in found["agreement"]] == ["warning"]
    notes = [m for _, m in found["unreadable-value"]]
    assert len(notes) == 2 and all("compared with each other as one currency" in m for m in notes)


def test_a_metric_declared_in_another_currency_gets_a_dimension_finding() -> None:
    rules = """version: 1
metrics:
  spend: {unit: USD}
rules:
  - {id: unreadable-value, kind: unreadable-value}
  - {id: dimension, kind: dimension}
"""
    report = _check('  - {id: a, metric: spend, value: "¥5 trillion", source: blog}\n', rules)
    found = _by_rule(report)
    assert [severity for severity, _ in found["dimension"]] == ["error"]
    [(severity, note)] = found["unreadable-value"]
    assert severity == "info" and "declared in USD, neither of them" in note
