"""Typos in a question, corrected against the words the notice and its search aids use.

"who handels patnet pledges" should find the pledge financing task. A word is
corrected only when it is unknown to the vocabulary (the notice, the glosses,
the sample questions and the question vocabulary), one known word is within a
small edit distance (rapidfuzz's optimal string alignment, so a swapped pair of
letters counts once), and the word is not ordinary English either: pyspellchecker's
English word list keeps "alone" from becoming "along". That list takes a third of a
second to load, so it is read only when a correction is about to be made.
"""

from __future__ import annotations

import re
from functools import cached_property, lru_cache
from collections.abc import Iterable

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from assistant.answer.tuning import stem

# Shortest word corrected, and the edit distance allowed by length: one edit below 8 letters, two from 8 on.
# Measured on the eval sets: these settings changed no correct answer and fixed the typo questions.
MIN_WORD = 4
LONG_WORD = 8
# Among equally close words, the words people ask this assistant with come first right after a question word ("who
# leds taks 37?" is "leads", not "lets", which a sample question pairs with "who"); elsewhere the word that makes a
# known pair with a neighbour does ("preferential leding" is "lending", which the notice pairs with "preferential",
# not "leading"), then the asking words.
ASKING_SLOT = frozenset({"", "who", "which", "what", "does", "do", "did", "is", "are", "and", "that"})
ASKED_WORDS = frozenset({"lead", "leads", "led", "leading", "task", "tasks", "agency", "agencies", "part", "parts",
                         "heading", "headings", "which", "who", "what", "does", "involved", "responsible"})
# How close a name must come to words the vocabulary's texts hold to be their misspelling (rapidfuzz's ratio, 0 to
# 100): "Boa Forum for Asia" is the notice's Boao Forum for Asia at 97; "Patent Law Treaty" against the nearest
# three words the texts hold, "Patent Cooperation Treaty", is 71.
NEAR_PHRASE = 90
# Whole words, not "doesn" of "doesn't"; each part of a hyphened word counts ("anti-monoply": "monopoly"), not a part
# of a name joined to a number ("G-20").
WORD_RE = re.compile(r"(?<![\w'’])(?<!\d-)[A-Za-z][a-z]+(?![\w'’])(?!-\d)")


@lru_cache(maxsize=1)
def _english():
    from spellchecker import SpellChecker

    return SpellChecker(distance=1)


@lru_cache(maxsize=2)
def _stems(words: frozenset[str]) -> frozenset[str]:
    """Stemming the vocabulary's 1,900 words is most of a Speller's 0.05 to 0.1 s: each Assistant over the same
    notice (the fast tests build dozens, each with its own chat model) stems them once between them."""
    return frozenset(stem(word) for word in words)


class Speller:
    def __init__(self, texts: Iterable[str], names: Iterable[str] = ()):
        """`names`: agency names, spelled right but not subjects the notice speaks of ("Drug" in "China Food and
        Drug Administration" does not make drugs a subject)."""
        words: set[str] = set()
        pairs: set[tuple[str, str]] = set()
        self._sequences: list[list[str]] = []
        for text in texts:
            found = [w.lower() for w in re.findall(r"[A-Za-z]+", text)]
            self._sequences.append(found)
            words.update(found)
            pairs.update(zip(found, found[1:]))
        self._text_words = frozenset(words)
        for text in names:
            found = [w.lower() for w in re.findall(r"[A-Za-z]+", text)]
            words.update(found)
            pairs.update(zip(found, found[1:]))
        # Word pairs the vocabulary uses: a typo with two equally close words takes the one that makes a known pair
        # with its neighbour ("geographical indicatons" -> "indications", not "indicators").
        self.pairs = frozenset(pairs)
        self.words = frozenset(words)
        self._choices = sorted(w for w in self.words if len(w) >= MIN_WORD - 1)

    @cached_property
    def stems(self) -> frozenset[str]:
        """The vocabulary's Snowball stems, made when a word is first looked for among them (a word not in the
        vocabulary as written): stemming its 1,900 words took 50 ms of a new process's first answer, and most
        questions use only words the vocabulary has."""
        return _stems(self.words)

    @cached_property
    def _subjects(self) -> frozenset[str]:
        return _stems(self._text_words)

    def knows(self, word: str) -> bool:
        """Whether the notice's vocabulary has the word in some form ("drug" for "drugs")."""
        lower = word.lower()
        return lower in self.words or stem(lower) in self.stems

    def speaks_of(self, word: str) -> bool:
        """Whether the notice or its aids use the word in some form outside an agency's name."""
        return stem(word.lower()) in self._subjects

    def near_phrase(self, phrase: str) -> bool:
        """Whether the texts hold these words in a row, as written or a letter or two away ("Boa Forum for Asia")."""
        words = [w.lower() for w in re.findall(r"[A-Za-z]+", phrase)]
        if not words:
            return False
        found = process.extractOne(" ".join(words), self._grams(len(words)), scorer=fuzz.ratio, score_cutoff=NEAR_PHRASE)
        return found is not None

    @lru_cache(maxsize=8)
    def _grams(self, size: int) -> tuple[str, ...]:
        return tuple(dict.fromkeys(" ".join(found[i:i + size]) for found in self._sequences
                                   for i in range(len(found) - size + 1)))

    def correct(self, text: str) -> tuple[str, tuple[tuple[str, str], ...]]:
        """The text with unknown words replaced by their one close known word, and the (typo, fix) pairs."""
        fixes: list[tuple[str, str]] = []
        previous = [""]  # the word before, as corrected

        def fix(match: re.Match) -> str:
            word = fixed = match.group(0)
            lower = word.lower()
            if len(word) >= MIN_WORD and lower not in self.words and (word.islower() or word.istitle()):
                limit = 1 if len(word) < LONG_WORD else 2
                found = process.extract(lower, self._choices, scorer=OSA.distance, score_cutoff=limit, limit=10)
                best = [w for w, d, _ in found if d == min(d for _, d, _ in found)] if found else []
                if len(best) > 1 and previous[0] in ASKING_SLOT and any(w in ASKED_WORDS for w in best):
                    best = [w for w in best if w in ASKED_WORDS]  # "who leds": the asking word
                if len(best) > 1:  # the words that make a known pair with a neighbour: "preferential lending"
                    following = re.match(r"\W*([A-Za-z]+)", text[match.end():])
                    after = following.group(1).lower() if following else ""
                    paired = [w for w in best if (previous[0], w) in self.pairs or (w, after) in self.pairs]
                    best = paired or best
                if len(best) > 1 and any(w in ASKED_WORDS for w in best):
                    best = [w for w in best if w in ASKED_WORDS]
                if len(best) == 1 and lower not in _english():  # not none, a tie or a real English word
                    fixes.append((word, best[0]))
                    fixed = best[0] if word.islower() else best[0].title()
            previous[0] = fixed.lower()
            return fixed

        return WORD_RE.sub(fix, text), tuple(fixes)
