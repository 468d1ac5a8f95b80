"""The README's table of rule kinds is generated from the kinds' own documentation."""

from __future__ import annotations

import os
import re

from conftest import ROOT
from nqpf_check.checks import KINDS
from nqpf_check.commands.explain import kinds_markdown

README = ROOT / "README.md"
BLOCK = re.compile(r"(<!-- kinds:start -->\n)(.*?)(<!-- kinds:end -->)", re.S)


def test_readme_kinds_table_comes_from_the_kinds() -> None:
    """UPDATE_GOLDEN=1 rewrites the block from the kinds; review the diff."""
    text = README.read_text(encoding="utf-8")
    match = BLOCK.search(text)
    assert match, "README.md has no <!-- kinds:start --> ... <!-- kinds:end --> block"
    table = kinds_markdown()
    if os.environ.get("UPDATE_GOLDEN") == "1":
        README.write_text(text[: match.start(2)] + table + text[match.end(2) :], encoding="utf-8")
        text = README.read_text(encoding="utf-8")
        match = BLOCK.search(text)
        assert match
    assert match.group(2) == table
    for kind in KINDS:
        assert f"| `{kind}` |" in table


def test_readme_tree_names_every_module() -> None:
    text = README.read_text(encoding="utf-8")
    tree = text[text.index("<!-- tree:start -->") : text.index("<!-- tree:end -->")]
    package = ROOT / "src" / "nqpf_check"
    kinds = {f"{kind.replace('-', '_')}.py" for kind in KINDS}  # listed in the kinds table
    for path in sorted(package.rglob("*.py")):
        if path.name == "__init__.py" and path.parent != package:
            continue
        if path.parent.name == "checks" and path.name in kinds:
            continue
        assert re.search(rf"(^|\s){re.escape(path.name)}(\s|$)", tree, re.M), path
    for folder in sorted(p for p in package.iterdir() if p.is_dir() and p.name != "__pycache__"):
        if folder.name != "data":
            assert f"{folder.name}/" in tree, folder
