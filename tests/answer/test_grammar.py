"""The grammar both parsers share reads question words from the vocabulary module it is given: every name it reads
must exist in the English and the Chinese vocabulary, or a Chinese question that reaches that rule raises
AttributeError (fuzz seed 11 found one: "下一项的牵头单位一样吗？" after a task)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from assistant.answer import vocabulary, vocabulary_zh

GRAMMAR = Path(__file__).resolve().parents[2] / "assistant" / "answer" / "grammar.py"


def names_read() -> set[str]:
    tree = ast.parse(GRAMMAR.read_text(encoding="utf-8"))
    return {node.attr for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "V"}


def test_the_grammar_reads_some_vocabulary():
    assert {"same_as", "SAME_PLAIN_RE", "AFTER_RE", "HAVE_A_TASK_RE"} <= names_read()


@pytest.mark.parametrize("module", [vocabulary, vocabulary_zh], ids=["English", "Chinese"])
def test_every_word_the_grammar_reads_is_in_each_vocabulary(module):
    assert sorted(name for name in names_read() if not hasattr(module, name)) == []
