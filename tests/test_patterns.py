"""A pattern compiled later behaves as the one compiled now, for every pattern the vocabularies define."""

from __future__ import annotations

import re

from assistant.answer import vocabulary, vocabulary_zh
from assistant.patterns import LazyPattern

SAMPLES = ("Who leads task 24?", "Which tasks does SIPO lead but not MOFCOM?", "谁牵头第24项任务？",
           "Is CNIPA the same as SIPO?", "the last task in part 2", "")


def _patterns():
    for module in (vocabulary, vocabulary_zh):
        for name, value in vars(module).items():
            if isinstance(value, LazyPattern):
                yield f"{module.__name__}.{name}", value


def test_the_vocabularies_compile_their_patterns_later():
    assert sum(1 for _ in _patterns()) > 300


def test_every_lazy_pattern_finds_what_the_compiled_one_finds():
    for name, lazy in _patterns():
        compiled = re.compile(lazy.pattern, lazy.flags)
        for text in SAMPLES:
            assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in compiled.finditer(text)], name
            assert lazy.sub("_", text) == compiled.sub("_", text), name
        assert lazy.groups == compiled.groups and lazy.groupindex == compiled.groupindex, name


def test_a_pattern_is_built_from_another_without_compiling_either():
    first = LazyPattern(r"\bsame\b", re.IGNORECASE)
    second = LazyPattern(rf"{first.pattern}|\balike\b", re.IGNORECASE)
    assert "search" not in vars(first) and "search" not in vars(second)
    assert second.search("ALIKE") and "search" in vars(second)
