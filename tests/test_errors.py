"""Every message a person can see is written in assistant/errors.py: no `raise` elsewhere builds one.

A message is an f-string or a constant of three words or more at the raise; keys ("no_file"), kinds ("PDF")
and argument names are not messages.
"""

from __future__ import annotations

import ast
from pathlib import Path

from assistant.settings import ROOT

PACKAGE = ROOT / "assistant"


def message_raises(path: Path) -> list[str]:
    """`raise X("...")` or `raise X(f"...")` with a string built at the raise."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            for arg in [*node.exc.args, *(k.value for k in node.exc.keywords)]:
                if isinstance(arg, ast.JoinedStr) or (isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                                                      and len(arg.value.split()) >= 3):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_no_raise_outside_errors_py_builds_a_message():
    offenders = [hit for path in sorted(PACKAGE.rglob("*.py")) if path.name != "errors.py"
                 for hit in message_raises(path)]
    assert offenders == []
