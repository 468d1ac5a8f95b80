"""--changed-since: which claims were added or changed since a git revision."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from nqpf_check.errors import InputError


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, text=True, check=False, timeout=60
        )
    except FileNotFoundError:
        raise InputError(
            str(cwd), 1, 1, "--changed-since needs git, which is not installed"
        ) from None


def _claims_by_id(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict) or not isinstance(data.get("claims"), list):
        return {}
    return {c["id"]: c for c in data["claims"] if isinstance(c, dict) and "id" in c}


def _records(text: str, suffix: str, shown: str) -> dict[str, Any]:
    """Claims by id from a file's text, whatever its format."""
    import csv
    import io
    import json

    from nqpf_check.claims.yaml_file import load_yaml_text

    if suffix == ".jsonl":
        records = []
        for line in text.splitlines():
            if line.strip():
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError:
                    continue
        return {
            r["id"]: r
            for r in records
            if isinstance(r, dict) and r.get("type", "claim") == "claim" and "id" in r
        }
    if suffix == ".csv":
        rows = csv.DictReader(io.StringIO(text))
        return {
            r["id"]: {k: v for k, v in r.items() if v}
            for r in rows
            if r.get("id") and r.get("type", "claim") in ("claim", "", None)
        }
    return _claims_by_id(load_yaml_text(text, shown))


def changed_claims(paths: list[Path], rev: str) -> set[str]:
    """Ids of claims added or changed since ``rev`` in any of ``paths`` (compared by id)."""
    from nqpf_check.files import read_text

    changed: set[str] = set()
    for path in paths:
        folder = path.resolve().parent
        top = _git(["rev-parse", "--show-toplevel"], folder)
        if top.returncode != 0:
            raise InputError(
                str(path), 1, 1, "--changed-since needs the claims file inside a git repository"
            )
        root = Path(top.stdout.strip())
        if _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], root).returncode:
            raise InputError(
                str(path),
                1,
                1,
                f"unknown git revision '{rev}' for --changed-since: name a commit, "
                "branch or tag, e.g. origin/main",
            )
        relative = path.resolve().relative_to(root).as_posix()
        old = _git(["show", f"{rev}:{relative}"], root)
        now = _records(read_text(path, str(path)), path.suffix, str(path))
        if old.returncode != 0:  # the file is new since rev
            changed |= set(now)
            continue
        try:
            before = _records(old.stdout, path.suffix, f"{rev}:{relative}")
        except InputError:
            before = {}
        changed |= {cid for cid, claim in now.items() if before.get(cid) != claim}
    return changed
