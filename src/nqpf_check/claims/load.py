"""Claims inputs: YAML files, JSON Lines, CSV, and folders of them, read into ClaimSets."""

from __future__ import annotations

from pathlib import Path

from nqpf_check.claims.model import ClaimSet
from nqpf_check.errors import InputError

SUFFIXES = (".yaml", ".yml", ".jsonl", ".csv")


def expand(paths: list[Path]) -> list[Path]:
    """Files as given, and the claims files of each folder (sorted)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.suffix in SUFFIXES and p.is_file() and "rules" not in p.relative_to(path).parts
            )
            if not found:
                raise InputError(
                    str(path), 1, 1, "the folder holds no claims file (*.yaml, *.jsonl, *.csv)"
                )
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise InputError(
                str(path), 1, 1, "no such claims file: name one, or run where claims.yaml is"
            )
    return files


def load_inputs(paths: list[Path]) -> list[ClaimSet]:
    """Every claims file of ``paths``; sources declared in any YAML file serve them all."""
    from nqpf_check.claims.reader import load_yaml_files
    from nqpf_check.claims.records import load_records

    files = expand(paths)
    yaml_files = [p for p in files if p.suffix in (".yaml", ".yml")]
    loaded = dict(zip(yaml_files, load_yaml_files(yaml_files), strict=True))
    pool = {sid: s for claimset in loaded.values() for sid, s in claimset.sources.items()}
    declared = dict(pool)  # the first declaration of each source id, in any file
    return [loaded.get(path) or load_records(path, pool, str(path), declared) for path in files]
