"""Claims as JSON Lines, CSV and folders: the same checks, the same positions in errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import HERE, run_in

FIXTURES = HERE / "fixtures"

SOURCES = [
    {"type": "source", "id": "nbs", "title": "Communique", "publisher": "NBS", "kind": "official"},
    {"type": "source", "id": "paper", "title": "Report", "publisher": "Paper"},
]
CLAIMS = [
    {
        "id": "a",
        "metric": "rd",
        "entity": "CN",
        "period": "2023",
        "value": "3,327.8 billion yuan",
        "source": "nbs",
    },
    {
        "id": "b",
        "metric": "rd",
        "entity": "CN",
        "period": "2023",
        "value": "3.327 billion yuan",
        "source": "paper",
    },
]


def write_jsonl(path: Path, records: list[dict]) -> None:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )


def test_jsonl_is_checked_like_yaml(runner: CliRunner, tmp_path: Path) -> None:
    write_jsonl(tmp_path / "claims.jsonl", SOURCES + CLAIMS)
    result = run_in(runner, tmp_path, "check", "claims.jsonl", "-f", "json")
    data = json.loads(result.stdout)
    assert result.exit_code == 1
    (finding,) = data["findings"]
    assert finding["diagnosis"] == "scale-slip" and finding["suspect"] == "b"
    assert {loc["line"] for loc in finding["locations"]} == {3, 4}


def test_csv_is_checked_like_yaml(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "claims.csv").write_text(
        "type,id,title,publisher,kind,metric,entity,period,value,source\n"
        "source,nbs,Communique,NBS,official,,,,,\n"
        "source,paper,Report,Paper,,,,,,\n"
        'claim,a,,,,rd,CN,2023,"3,327.8 billion yuan",nbs\n'
        "claim,b,,,,rd,CN,2023,3.327 billion yuan,paper\n",
        encoding="utf-8",
    )
    data = json.loads(run_in(runner, tmp_path, "check", "claims.csv", "-f", "json").stdout)
    (finding,) = data["findings"]
    assert finding["suspect"] == "b"
    assert {loc["line"] for loc in finding["locations"]} == {4, 5}


def test_a_folder_of_files_shares_its_sources(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "claims"
    folder.mkdir()
    (folder / "sources.yaml").write_text(
        "version: 1\nsources:\n  nbs: {title: Communique, kind: official}\n"
        "  paper: {title: Report}\nclaims: []\n",
        encoding="utf-8",
    )
    write_jsonl(folder / "official.jsonl", [CLAIMS[0]])
    (folder / "press.yaml").write_text(
        'version: 1\nsources: {}\nclaims:\n  - {id: b, metric: rd, entity: CN, period: "2023",'
        ' value: "3.327 billion yuan", source: paper}\n',
        encoding="utf-8",
    )
    data = json.loads(run_in(runner, tmp_path, "check", "claims", "-f", "json").stdout)
    (finding,) = data["findings"]
    assert finding["suspect"] == "b"
    assert {loc["file"] for loc in finding["locations"]} == {
        str(Path("claims") / "official.jsonl"),
        str(Path("claims") / "press.yaml"),
    }


def test_a_source_declared_in_a_later_file_serves_the_earlier_ones(
    runner: CliRunner, tmp_path: Path
) -> None:
    """Files are read in name order, and each file's claims are made as it is read (so that a
    folder of many files is never held as YAML trees): a claim whose source a later file
    declares takes that source's language and currency all the same."""
    folder = tmp_path / "claims"
    folder.mkdir()
    (folder / "a-claims.yaml").write_text(
        "version: 1\nsources: {}\nclaims:\n"
        '  - {id: a, metric: rd, entity: DE, period: "2023", value: "1.234,5 Mio.", source: dpa}\n'
        '  - {id: b, metric: rd, entity: DE, period: "2023", value: "1,2345 Mrd. Euro",'
        " source: dpa}\n",
        encoding="utf-8",
    )
    (folder / "z-sources.yaml").write_text(
        "version: 1\nsources:\n  dpa: {title: Meldung, lang: de, currency: EUR}\nclaims: []\n",
        encoding="utf-8",
    )
    result = run_in(runner, tmp_path, "check", "claims", "-f", "json")
    # without the source's German, "1.234,5 Mio." is unreadable; without its euro, a
    # bare figure cannot agree with one in euros
    assert json.loads(result.stdout)["findings"] == [], result.output
    (folder / "a-claims.yaml").write_text(
        "version: 1\nsources: {}\nclaims:\n"
        '  - {id: a, metric: rd, entity: DE, period: "2023", value: "5", source: dpx}\n',
        encoding="utf-8",
    )
    result = run_in(runner, tmp_path, "check", "claims")
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"{Path('claims') / 'a-claims.yaml'}:4:73: unknown source 'dpx': did you mean 'dpa'? "
        "(declared: dpa)"
    )


def test_a_folder_is_not_held_as_yaml_trees(tmp_path: Path, monkeypatch) -> None:
    import gc
    import weakref

    from nqpf_check.claims import reader

    trees: list[weakref.ref] = []
    real = reader.load_yaml

    def remembered(path: Path, shown: str):
        data = real(path, shown)
        trees.append(weakref.ref(data))
        return data

    monkeypatch.setattr(reader, "load_yaml", remembered)
    paths = []
    for k in range(3):
        path = tmp_path / f"c{k}.yaml"
        path.write_text(
            "version: 1\nsources: {s: {title: T}}\nclaims:\n"
            f'  - {{id: c{k}, metric: m, entity: CN, period: "2023", value: "5", source: s}}\n',
            encoding="utf-8",
        )
        paths.append(path)
    claimsets = reader.load_yaml_files(paths)
    gc.collect()
    assert [c.claims[0].id for c in claimsets] == ["c0", "c1", "c2"]
    assert [tree() is None for tree in trees] == [True, True, True]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (['{"id": "a",'], "1:12: invalid JSON: Expecting property name"),
        (['["a"]'], "1:1: each line must be one JSON object"),
        (
            [
                '{"type": "claim", "id": "a", "metric": "rd", "period": "2023", "value": "5%",'
                ' "source": "nobody", "entity": "CN"}'
            ],
            "1:89: unknown source 'nobody'",
        ),
        (['{"type": "thing"}'], "1:10: unknown record type 'thing'"),
        (
            [json.dumps(SOURCES[0]), json.dumps(CLAIMS[0]), json.dumps(CLAIMS[0])],
            "3:1: duplicate claim id 'a' (first at line 2)",
        ),
        (
            [json.dumps(SOURCES[0]), json.dumps({**CLAIMS[0], "valeu": 1})],
            "2:113: unknown key 'valeu' in claim 'a': did you mean 'value'?",
        ),
    ],
)
def test_bad_jsonl(runner: CliRunner, tmp_path: Path, lines: list[str], expected: str) -> None:
    (tmp_path / "c.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_in(runner, tmp_path, "check", "c.jsonl")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"c.jsonl:{expected}"), result.stderr


def test_an_empty_folder(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = run_in(runner, tmp_path, "check", "empty")
    assert result.exit_code == 2
    assert "the folder holds no claims file" in result.stderr


def test_the_jsonl_reader_streams(tmp_path: Path) -> None:
    """Lines are read one at a time: a file is never read whole into memory."""
    from nqpf_check.claims import records as tabular

    write_jsonl(tmp_path / "c.jsonl", SOURCES + CLAIMS)
    records = tabular._records_jsonl(tmp_path / "c.jsonl", "c.jsonl")
    first = next(records)
    assert first[0] == 1 and first[2]["id"] == "nbs"


def test_the_shipped_claims_as_jsonl_give_the_same_findings(
    runner: CliRunner, tmp_path: Path
) -> None:
    from conftest import ROOT
    from nqpf_check.claims.reader import load_claims

    claimset = load_claims(ROOT / "claims.yaml")
    records = [{"type": "defaults", "entity": "CN"}]
    for sid, s in claimset.sources.items():
        fields = {
            k: getattr(s, k)
            for k in ("title", "publisher", "author", "date", "url", "kind", "text")
            if getattr(s, k)
        }
        records.append({"type": "source", "id": sid, **fields})
    for c in claimset.claims:
        fields = {
            k: getattr(c, k)
            for k in (
                "id",
                "metric",
                "entity",
                "period",
                "measure",
                "of",
                "basis",
                "source",
                "quote",
            )
            if getattr(c, k)
        }
        records.append({**fields, "value": c.written, **({"unit": c.unit} if c.unit else {})})
    write_jsonl(tmp_path / "claims.jsonl", records)
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    yaml_run = json.loads(run_in(runner, ROOT, "check", "-f", "json").stdout)
    jsonl_run = json.loads(run_in(runner, tmp_path, "check", "claims.jsonl", "-f", "json").stdout)

    def strip(data: dict) -> list:
        return [(f["rule"], f["diagnosis"], f["suspect"], f["claims"]) for f in data["findings"]]

    assert strip(yaml_run) == strip(jsonl_run)


def test_without_the_c_loader_yaml_still_loads_with_positions(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import yaml

    from nqpf_check.claims import yaml_file as yamlsrc
    from nqpf_check.claims.reader import load_claims

    monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
    yamlsrc._loader.cache_clear()
    try:
        claimset = load_claims(FIXTURES / "claims.yaml")
        loader = yamlsrc._loader()
    finally:
        yamlsrc._loader.cache_clear()
    assert issubclass(loader, yaml.SafeLoader)
    assert claimset.by_id()["rd-2023-b"].line == 30
    assert "no C loader here" in capsys.readouterr().err


def test_with_the_c_loader_yaml_uses_it() -> None:
    import yaml

    from nqpf_check.claims import yaml_file as yamlsrc

    assert yaml.__with_libyaml__  # PyYAML's wheels carry libyaml
    assert issubclass(yamlsrc._loader(), yaml.CSafeLoader)
