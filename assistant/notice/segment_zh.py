"""Chinese text basics: telling Chinese from English, Chinese numerals, and word segmentation with jieba.

jieba is loaded only when a question holds Chinese characters, and once per process: its dictionary ships
inside the package (nothing is downloaded), and loading it takes about a second. The notice's agency names
and the search aids' key terms are added to its dictionary, so "知识产权质押融资" or "国家知识产权局" is
never cut in the wrong place.
"""

from __future__ import annotations

import logging
import re
import threading
from typing import Iterable

CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
# A number as a question writes it: Arabic digits or Chinese numerals ("二十四", "一百零六", "两").
NUMBER = r"(?:\d+|[零〇一二两三四五六七八九十百千]+)"


def has_cjk(text: str) -> bool:
    return bool(CJK_RE.search(text or ""))


def zh_number(word: str | None) -> int | None:
    """"24", "二十四", "一百零六", "十" -> the number; None for anything else."""
    if not word:
        return None
    word = word.strip()
    if word.isdecimal():
        return int(word) if len(word) < 7 else None
    if not all(c in _DIGITS or c in _UNITS for c in word):
        return None
    if all(c in _DIGITS for c in word) and len(word) > 1:  # "二四" read digit by digit
        return int("".join(str(_DIGITS[c]) for c in word))
    total, current = 0, 0
    for char in word:
        if char in _DIGITS:
            current = _DIGITS[char]
        else:
            total += (current or 1) * _UNITS[char]
            current = 0
    return total + current


class Segmenter:
    """One jieba tokenizer for the process, created on first use, with the notice's own words added."""

    def __init__(self) -> None:
        self._tokenizer = None
        self._lock = threading.Lock()
        self._pending: set[str] = set()
        self._added: set[str] = set()

    def add_words(self, words: Iterable[str]) -> None:
        """Words to keep whole (agency names, key terms); added when the tokenizer is next used."""
        fresh = {w for w in words if w and has_cjk(w)} - self._added
        with self._lock:
            self._pending |= fresh

    def _ready(self):
        with self._lock:
            if self._tokenizer is None:
                import jieba

                jieba.setLogLevel(logging.WARNING)
                self._tokenizer = jieba.Tokenizer()
                self._pending |= {w for w in _aid_words() if has_cjk(w)} - self._added
            for word in sorted(self._pending):
                self._tokenizer.add_word(word, freq=None)
            self._added |= self._pending
            self._pending = set()
            return self._tokenizer

    def is_word(self, word: str) -> bool:
        """A word of jieba's dictionary or of the notice's own words."""
        return bool(self._ready().FREQ.get(word))

    def cut(self, text: str) -> list[str]:
        """Words, without spaces and punctuation."""
        return [w for w in self._ready().lcut(text) if re.search(r"\w", w)]

    def cut_for_search(self, text: str) -> list[str]:
        """Words and the shorter words inside long ones ("知识产权质押融资" also gives "质押", "融资")."""
        return [w for w in self._ready().lcut_for_search(text) if re.search(r"\w", w)]


SEGMENTER = Segmenter()


def _aid_words() -> list[str]:
    """The Chinese search aids' words (corpus/task-terms-zh.jsonl, corpus/lexicon-zh.tsv), so a question is cut
    the same way whether or not the search has loaded them yet."""
    import json

    from assistant.settings import DEFAULT_LEXICON_ZH, DEFAULT_TERMS_ZH

    words: list[str] = []
    if DEFAULT_TERMS_ZH.is_file():
        for line in DEFAULT_TERMS_ZH.read_text(encoding="utf-8").splitlines():
            if line.strip():
                words += [str(t.get("zh", "")) for t in json.loads(line).get("terms", [])]
    if DEFAULT_LEXICON_ZH.is_file():
        words += [line.split("\t")[0] for line in DEFAULT_LEXICON_ZH.read_text(encoding="utf-8").splitlines()
                  if line.strip() and not line.startswith("#")]
    return words


def _agency_words() -> list[str]:
    from assistant.notice import agencies as registry

    words = [f for a in registry.AGENCIES for f in a.all_forms() if has_cjk(f)]
    words += [f for s in registry.SUCCESSORS for f in s.all_forms() if has_cjk(f)]
    return words


SEGMENTER.add_words(_agency_words())
