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


def changed_claims(paths: list[Path], rev: str) -> set[str]:
    """Ids of claims added or changed since ``rev`` in any of ``paths`` (compared by id)."""
    from nqpf_check.yamlsrc import load_yaml, load_yaml_text

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
        now = _claims_by_id(load_yaml(path, str(path)))
        if old.returncode != 0:  # the file is new since rev
            changed |= set(now)
            continue
        try:
            before = _claims_by_id(load_yaml_text(old.stdout, f"{rev}:{relative}"))
        except InputError:
            before = {}
        changed |= {cid for cid, claim in now.items() if before.get(cid) != claim}
    return changed
