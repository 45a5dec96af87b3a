"""Parity: the notice's size comes from the records. Only the parser's integrity check states it (a parse that
finds another number of tasks is broken), so a literal 106 in runtime code is a bug waiting for another notice."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import assistant

ROOT = Path(assistant.__file__).parent
# The parser's check of what it read; the model parser's schema cap (a bound on what a model may send, not a size).
ALLOWED = {"notice/parse.py", "answer/model_parser.py"}


def literal_sizes(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and node.body
                  and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and id(node) not in docstrings and (
                node.value == 106 and type(node.value) is int
                or isinstance(node.value, str) and re.search(r"(?<![\d.])106(?!\d)", node.value)):
            lines.append(node.lineno)
    return lines


def test_no_runtime_module_writes_the_notice_size_as_a_literal():
    found = {str(p.relative_to(ROOT)): literal_sizes(p) for p in ROOT.rglob("*.py")
             if str(p.relative_to(ROOT)) not in ALLOWED and not str(p.relative_to(ROOT)).startswith("lab/")}
    assert {path: lines for path, lines in found.items() if lines} == {}
