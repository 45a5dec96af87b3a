"""Regexes compiled when first used, not when their module is imported.

The two vocabularies hold about 375 patterns. Compiling them all took 0.22 s of
the 1.5 s a new `ipqa ask` process takes, and one question uses fewer than half
of them (a topic question 149, measured with the vocabularies compiled lazily).
A `LazyPattern` behaves as the compiled pattern does for every method the
project calls; after the first call each method is an attribute of its own, so
the warm path pays nothing for the indirection.
"""

from __future__ import annotations

import re


class LazyPattern:
    """`re.compile(pattern, flags)`, deferred. `.pattern` and `.flags` are there before compiling, so a pattern
    built from another's (`rf"{SHARED_RE.pattern}|..."`) compiles neither."""

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern = pattern
        self.flags = flags

    def __getattr__(self, name: str):
        compiled = re.compile(self.pattern, self.flags)
        for attr in ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split"):
            setattr(self, attr, getattr(compiled, attr))
        self.groups, self.groupindex = compiled.groups, compiled.groupindex
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern[:60]!r})"


def compile_later(pattern: str, flags: int = 0) -> LazyPattern:
    return LazyPattern(pattern, flags)
