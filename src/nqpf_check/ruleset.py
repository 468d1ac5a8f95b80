"""Rule files: rules/*.yaml (or the built-in set) into validated rule specs and settings.

A rule file is data, never code: it is validated against the rules format
(``ruleset_format.py``), every option against the declared options of its kind,
and a mistake is an InputError with file:line:col and the valid choices.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from nqpf_check.checks.base import RuleSpec
from nqpf_check.claims.yaml_file import LMap, load_yaml
from nqpf_check.errors import InputError
from nqpf_check.names import FirstSeen, did_you_mean
from nqpf_check.quantities.units import Vocabulary
from nqpf_check.reference import ANY_CURRENCY, ExchangeRate, Metric

IMPLICIT = tuple(
    RuleSpec(
        id=kind, kind=kind, severity="error", metrics=None, options={}, file="<built-in>", line=0
    )
    for kind in ("unreadable-value", "placeholder")
)
"""Rules always in force, added where a rules folder does not list them."""


@dataclass(frozen=True)
class RuleSet:
    """The rules in force, the settings they share, and the reference data they read."""

    rules: tuple[RuleSpec, ...]
    settings: dict[str, float] = field(default_factory=dict)
    origin: str = "built-in"
    metrics: dict[str, Metric] | None = None
    exchange_rates: tuple[ExchangeRate, ...] = ()
    vocabulary: Vocabulary = field(default_factory=Vocabulary)
    words: tuple[tuple[str, str, str], ...] = ()
    """The folder's own unit words: (word, what it means, file:line)."""


def builtin_dir() -> Path:
    """The folder of the built-in rule files inside the package."""
    return Path(str(resources.files("nqpf_check") / "data" / "rules"))


def resolve_rules_dir(rules: Path | None, claims_path: Path) -> tuple[Path, str]:
    """The rules folder in force: --rules, else rules/ beside the claims file, else built-in."""
    if rules is not None:
        return rules, str(rules)
    beside = claims_path.parent / "rules"
    if beside.is_dir() and any(beside.glob("*.yaml")):
        return beside, str(beside)
    return builtin_dir(), "built-in"


def load_rules_for(rules: Path | None, claims_path: Path, builtin: bool = True) -> RuleSet:
    """The rules in force for a claims file: --rules, else rules/ beside it, else built-in;
    a folder extends the built-in set unless ``builtin`` is False or a file says
    ``builtin: false``."""
    folder, origin = resolve_rules_dir(rules, claims_path)
    return load_ruleset(folder, origin, builtin)


def load_ruleset(folder: Path, origin: str, builtin: bool = True) -> RuleSet:
    """Load every *.yaml file of ``folder`` into one validated RuleSet.

    A user's folder extends the built-in set: a rule with a built-in id replaces it, new
    ids add to it, and metrics, rates and unit words merge the same way (the user's win).
    """
    data = _read_folder(folder, origin)
    if origin != "built-in" and builtin and not data.no_builtin:
        data = _merge(_read_folder(builtin_dir(), "built-in"), data)
        origin = f"{origin} + built-in"
    return _finish(data, origin)


def _read_folder(folder: Path, origin: str) -> _Collected:
    """Every *.yaml file of one folder, collected."""
    if not folder.is_dir():
        raise InputError(str(folder), 1, 1, "the rules folder does not exist")
    files = sorted(folder.glob("*.yaml"))
    if not files:
        raise InputError(str(folder), 1, 1, "the rules folder holds no *.yaml file")
    data = _new()
    for path in files:
        display = str(path) if origin != "built-in" else f"<built-in>/{path.name}"
        _read(load_yaml(path, display), display, data)
    return data


def _merge(base: _Collected, user: _Collected) -> _Collected:
    """The built-in set with a user's folder over it."""
    mine = {rule.id: rule for rule in user.rules}
    rules = [mine.get(rule.id, rule) for rule in base.rules]
    taken = {rule.id for rule in base.rules}
    rules += [rule for rule in user.rules if rule.id not in taken]
    pairs = {(r.base, r.quote, r.period) for r in user.rates}
    pairs |= {(r.quote, r.base, r.period) for r in user.rates}
    rates = [*user.rates, *(r for r in base.rates if (r.base, r.quote, r.period) not in pairs)]
    return dataclasses.replace(
        user,
        settings={**base.settings, **user.explicit_settings},
        explicit_settings={**base.explicit_settings, **user.explicit_settings},
        rules=rules,
        metrics={**base.metrics, **user.metrics},
        has_vocabulary=base.has_vocabulary or user.has_vocabulary,
        rates=rates,
        count_nouns=base.count_nouns | user.count_nouns,
        aliases={**base.aliases, **user.aliases},
        currencies={**base.currencies, **user.currencies},
        percent_words={**base.percent_words, **user.percent_words},
        ambiguous={**base.ambiguous, **user.ambiguous},
    )


def _new() -> _Collected:
    """Nothing collected yet: the settings at their defaults."""
    from nqpf_check.ruleset_format import SETTINGS

    return _Collected(settings={name: default for name, (default, _) in SETTINGS.items()})


def _finish(data: _Collected, origin: str) -> RuleSet:
    """The RuleSet of what was collected: implicit rules added, metric names checked."""
    for implicit in reversed(IMPLICIT):
        if not any(r.kind == implicit.kind for r in data.rules):
            data.rules.insert(0, implicit)
    metrics = data.metrics if data.has_vocabulary else None
    if metrics is not None:
        _check_metric_references(data.rules, metrics)
    vocabulary = Vocabulary(
        frozenset(data.count_nouns),
        tuple(sorted(data.aliases.items())),
        tuple(sorted(data.currencies.items())),
        tuple(sorted(data.percent_words.items())),
        tuple(sorted(data.ambiguous.items())),
    )
    if data.pending_units:
        _resolve_pending(data, vocabulary)
        metrics = data.metrics if data.has_vocabulary else None
    words = tuple((word, meaning, where) for word, (meaning, where) in data.declared.items())
    return RuleSet(
        tuple(data.rules), data.settings, origin, metrics, tuple(data.rates), vocabulary, words
    )


def _resolve_pending(data: _Collected, vocabulary: Vocabulary) -> None:
    """Metric units read with the folder's own unit words ("tkm" declared in units:)."""
    from nqpf_check.quantities.units import UnitError, resolve_unit, vocabulary_in_force

    with vocabulary_in_force(vocabulary):
        for name, (display, line, col) in data.pending_units.items():
            metric = data.metrics[name]
            try:
                dimension = resolve_unit(metric.unit or "").dimension
            except UnitError as err:
                raise InputError(display, line, col, f"metric '{name}': {err}") from None
            data.metrics[name] = dataclasses.replace(metric, dimension=dimension)


@dataclass
class _Collected:
    """What the files of a rules folder add up to, while they are read."""

    settings: dict[str, float]
    rules: list[RuleSpec] = field(default_factory=list)
    seen: FirstSeen = field(
        default_factory=lambda: FirstSeen("rule id", "rename one of the two rules")
    )
    metric_names: FirstSeen = field(
        default_factory=lambda: FirstSeen("metric", "declare each metric once")
    )
    metrics: dict[str, Metric] = field(default_factory=dict)
    has_vocabulary: bool = False
    rates: list[ExchangeRate] = field(default_factory=list)
    count_nouns: set[str] = field(default_factory=set)
    aliases: dict[str, str] = field(default_factory=dict)
    currencies: dict[str, str] = field(default_factory=dict)
    percent_words: dict[str, str] = field(default_factory=dict)
    ambiguous: dict[str, tuple[str, ...]] = field(default_factory=dict)
    explicit_settings: dict[str, float] = field(default_factory=dict)
    """The settings the files set (the others are at their defaults)."""
    no_builtin: bool = False
    """Whether a file says ``builtin: false``: the folder replaces the built-in set."""
    pending_units: dict[str, tuple[str, int, int]] = field(default_factory=dict)
    """Metrics whose unit only the folder's units: may name, with the unit's place."""
    declared: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Each unit word of the folder's files: its meaning and where it was first declared."""
    rate_places: dict[tuple[str, str, str], tuple[str, int]] = field(default_factory=dict)
    """Where the rate of each pair of currencies (in name order) and period was declared."""


def _check_metric_references(rules: list[RuleSpec], metrics: dict[str, Metric]) -> None:
    """Every metric a rule names must be declared, once a vocabulary exists."""
    for spec in rules:
        named = [(m, "metrics") for m in spec.metrics or ()]
        for option in ("total", "parts"):
            value = spec.options.get(option)
            names = [value] if isinstance(value, str) else list(value or ())
            named += [(m, option) for m in names]
        for metric, where in named:
            if metric not in metrics:
                line, col = spec.positions.get(where, (spec.line, 1))
                raise InputError(
                    spec.file,
                    line,
                    col,
                    f"rule '{spec.id}' names the undeclared metric '{metric}' in '{where}': "
                    f"{did_you_mean(metric, sorted(metrics), 'declared:')}",
                )


def _places(data: Any) -> Any:
    """Where an error of a rules file falls: the file, settings, a rule, metric or rate."""
    from nqpf_check.claims.validation import Place
    from nqpf_check.ruleset_format import METRIC_KEYS, RATE_KEYS, SETTINGS, TOP_KEYS, UNITS_KEYS

    def place(loc: tuple[Any, ...]) -> Place:
        if len(loc) >= 2 and loc[0] == "rules":
            return Place(f"rule #{loc[1] + 1}", (), 2)
        if len(loc) >= 2 and loc[0] == "metrics":
            return Place(f"metric '{loc[1]}'", METRIC_KEYS, 2)
        if len(loc) >= 2 and loc[0] == "exchange_rates":
            return Place(f"exchange rate #{loc[1] + 1}", RATE_KEYS, 2)
        if len(loc) >= 1 and loc[0] == "units":
            return Place("'units'", UNITS_KEYS, 1)
        if len(loc) >= 1 and loc[0] == "settings":
            return Place("'settings'", tuple(SETTINGS), 1)
        return Place("a rules file", TOP_KEYS, 0, whole_file=True)

    return place


def load_ruleset_text(text: str, display: str) -> RuleSet:
    """A RuleSet from the text of one rules file (an example, or a test)."""
    from nqpf_check.claims.yaml_file import load_yaml_text

    return _finish(_read(load_yaml_text(text, display), display, _new()), display)


def _read(data: Any, display: str, into: _Collected) -> _Collected:
    """Add one loaded rules file to what is collected."""
    from nqpf_check.claims.reader import validate
    from nqpf_check.ruleset_format import RulesFile

    if data is None:
        return into
    if not isinstance(data, LMap):
        raise InputError(display, 1, 1, "a rules file must be a mapping with 'rules:'")
    parsed = validate(RulesFile, data, display, _places(data))
    if parsed.builtin is False:
        into.no_builtin = True
    if parsed.settings is not None:
        into.settings.update(parsed.settings.model_dump(exclude_unset=True))
        into.explicit_settings.update(parsed.settings.model_dump(exclude_unset=True))
    if "metrics" in data:
        into.has_vocabulary = True
        for name, entry in (parsed.metrics or {}).items():
            into.metrics[name] = _metric(display, data["metrics"], name, entry, into)
    for index, entry in enumerate(parsed.exchange_rates or ()):
        line = data["exchange_rates"].item_marks[index].line
        if entry.base == entry.quote:
            at = data["exchange_rates"][index].value_mark("quote")
            raise InputError(
                display,
                at.line,
                at.col,
                f"exchange rate #{index + 1} converts {entry.base} to itself (base and quote "
                f"are both {entry.base}): a currency is worth 1 of itself; remove the rate, or "
                "name the other currency",
            )
        pair = (*sorted((entry.base, entry.quote)), entry.period)
        first = into.rate_places.setdefault(pair, (display, line))
        if first != (display, line):
            where = f"line {first[1]}" if first[0] == display else f"{first[0]}:{first[1]}"
            at = data["exchange_rates"].item_marks[index]
            raise InputError(
                display,
                at.line,
                at.col,
                f"a rate between {entry.base} and {entry.quote} for {entry.period} is declared "
                f"twice (first at {where}): keep one of them",
            )
        into.rates.append(
            ExchangeRate(
                base=entry.base,
                quote=entry.quote,
                period=entry.period,
                rate=entry.rate,
                source=entry.source,
                kind=entry.kind,
                verified=entry.verified,
                file=display,
                line=line,
            )
        )
    if parsed.units is not None:
        _units(display, data["units"], parsed.units, into)
    for index, _ in enumerate(parsed.rules or ()):
        item = data["rules"][index]
        spec = _rule(display, item, index)
        into.seen.add(spec.id, display, spec.line, item.mark.col)
        into.rules.append(spec)
    return into


def _units(display: str, block: LMap, entry: Any, into: _Collected) -> None:
    """The words of a ``units:`` block; aliases and readings checked, and no word given a
    second meaning: neither one it has built in ("yuan", "%", an ISO code) nor another in
    the same folder."""
    from nqpf_check.quantities.units import UnitError, check_alias, check_reading

    if not display.startswith("<built-in>"):
        _one_meaning_each(display, block, entry, into)
    into.count_nouns |= {word.lower() for word in entry.count_nouns}
    into.currencies.update(entry.currencies)
    into.percent_words.update(entry.percent_words)
    for word, meaning in entry.aliases.items():
        try:
            check_alias(word, meaning)
        except UnitError as err:
            where = block["aliases"].value_mark(word)
            raise InputError(display, where.line, where.col, f"alias '{word}': {err}") from None
        into.aliases[word] = meaning
    for word, readings in entry.ambiguous.items():
        for reading in readings:
            try:
                check_reading(reading)
            except UnitError as err:
                where = block["ambiguous"].value_mark(word)
                message = f"ambiguous word '{word}': {err}"
                raise InputError(display, where.line, where.col, message) from None
        into.ambiguous[word] = readings


_PERCENT_MEANING = {
    "percent": "percent",
    "percentage_point": "percentage points",
    "basis_point": "basis points",
}


def _one_meaning_each(display: str, block: LMap, entry: Any, into: _Collected) -> None:
    """Refuse a word a rules file gives a meaning it cannot have (InputError at the word)."""
    from nqpf_check.quantities.units import builtin_meaning

    said: list[tuple[str, str, str]] = [
        *(("count_nouns", word, "a count") for word in entry.count_nouns),
        *(("currencies", word, f"the currency {code}") for word, code in entry.currencies.items()),
        *(
            ("percent_words", word, _PERCENT_MEANING[kind])
            for word, kind in entry.percent_words.items()
        ),
        *(("aliases", word, f"the unit {meaning}") for word, meaning in entry.aliases.items()),
        *(("ambiguous", word, "one of " + ", ".join(r)) for word, r in entry.ambiguous.items()),
    ]
    for part, word, meaning in said:
        where = block.value_marks.get(part, block.mark) if part in block else block.mark
        if isinstance(block.get(part), LMap) and word in block[part]:
            where = block[part].key_marks[word]
        key = word.strip().lower()
        built_in = builtin_meaning(word)
        problem = None
        if not any(ch.isalpha() for ch in word) and word.strip() not in ("%", "‰", "‱"):
            problem = f"'{word}' has no letter: a unit word is a word, not a number"
        elif built_in is not None and built_in != meaning:
            problem = (
                f"'{word}' already means {built_in}: a rules file cannot make it {meaning} "
                "(it would change how every claim reads it); use a word of your own"
            )
        elif key in into.declared and into.declared[key][0] != meaning:
            first_meaning, first_at = into.declared[key]
            problem = (
                f"'{word}' is declared twice, as {first_meaning} ({first_at}) and as {meaning}: "
                "keep one"
            )
        if problem is not None:
            raise InputError(display, where.line, where.col, f"units: {part}: {problem}")
        into.declared[key] = (meaning, f"{display}:{where.line}")


def _metric(display: str, block: LMap, name: str, entry: Any, into: _Collected) -> Metric:
    """A declared metric, its unit resolved to a dimension."""
    from nqpf_check.quantities.units import UnitError, resolve_unit

    mark = block.key_marks[name]
    into.metric_names.add(name, display, mark.line, mark.col)
    unit = entry.unit if entry is not None else None
    dimension = None
    if unit is not None and unit != ANY_CURRENCY:
        try:
            dimension = resolve_unit(unit).dimension
        except UnitError:  # perhaps a word of the folder's units: (read at the end)
            where = block[name].value_mark("unit")
            into.pending_units[name] = (display, where.line, where.col)
    return Metric(
        name,
        unit,
        dimension,
        entry.aliases if entry is not None else (),
        (entry.description or "") if entry is not None else "",
        display,
        mark.line,
    )


def _rule(display: str, item: LMap, index: int) -> RuleSpec:
    """One rule, checked first for its kind, then against that kind's options."""
    from nqpf_check.checks import KINDS
    from nqpf_check.claims.reader import validate
    from nqpf_check.claims.validation import Place
    from nqpf_check.ruleset_format import COMMON_KEYS, RuleHead, kind_model

    name = f"rule '{item['id']}'" if isinstance(item.get("id"), str) else f"rule #{index + 1}"
    head = validate(RuleHead, item, display, lambda loc: Place(name, COMMON_KEYS, 0))
    kind = KINDS[head.kind]
    what = f"rule '{head.id}' (kind {head.kind})"
    place = Place(
        what,
        (*COMMON_KEYS, *kind.options),
        0,
        {key: option.doc for key, option in kind.options.items()},
    )
    rule = validate(kind_model(head.kind), item, display, lambda loc: place)
    options = {key: getattr(rule, key) for key in kind.options}
    _refuse_crossed(display, item, what, kind.ordered, options)
    return RuleSpec(
        id=head.id,
        kind=head.kind,
        severity=head.severity,
        metrics=head.metrics,
        options=options,
        file=display,
        line=item.mark.line,
        description=head.description,
        positions={k: (m.line, m.col) for k, m in item.value_marks.items()},
    )


def _refuse_crossed(
    display: str,
    item: LMap,
    what: str,
    ordered: tuple[tuple[str, str], ...],
    options: dict[str, Any],
) -> None:
    """Refuse a lower bound above its upper bound (no value could pass the rule)."""
    from nqpf_check.quantities.values import format_number

    for low, high in ordered:
        least, most = options[low], options[high]
        if least is None or most is None or least <= most:
            continue
        said = {
            key: format_number(options[key]) + ("" if key in item else ", the default")
            for key in (low, high)
        }
        at = item.value_mark(low) if low in item else item.value_mark(high)
        raise InputError(
            display,
            at.line,
            at.col,
            f"option '{low}' ({said[low]}) of {what} is above its '{high}' ({said[high]}): "
            f"no value could pass; make '{low}' at most '{high}'",
        )
