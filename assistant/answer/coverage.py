"""Whether the task a topic search found speaks of what the question is about.

The embedding model finds the nearest task to anything. "Which task sets up the IP
courts in Beijing, Shanghai and Guangzhou?" lands on the task about arbitration
centres in China (0.61), which is near in meaning and says nothing of courts or
those cities. Words the notice never uses catch some such questions
(`Query.unknown_words`); this catches the rest: the question's words that the
found task never uses, neither in its own text and heading nor in the gloss and
sample questions written for it, weighted by how rare each word is among the
tasks. A paraphrase misses the task's words too, but in everyday words that many
tasks share ("cutting", "keep", "year"); a question about another subject misses
them in that subject's rare words ("courts", "investors", "Guangzhou").
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

from assistant.answer.tuning import COVERAGE_RESCUE, COVERAGE_WEIGHT, COVERAGE_WINDOW, UNCOVERED_MIN_SHARE, stem

_WORD_RE = re.compile(r"[A-Za-z]+")


@dataclass(frozen=True)
class Gap:
    """The question's words the task never uses, and their share of the question's weight."""

    share: float
    words: tuple[str, ...]


class TaskWords:
    """Each task's words by stem, and how rare each stem is among the tasks."""

    def __init__(self, texts: Mapping[int, Iterable[str]]):
        # Stemmed on the first topic question, not when the Assistant is made: a new process that answers a
        # structured question never pays for it.
        self._texts = {number: tuple(parts) for number, parts in texts.items()}
        self._tasks = len(self._texts)

    @cached_property
    def _stems(self) -> dict[int, frozenset[str]]:
        return {number: _aliased(frozenset(stem(w.lower()) for text in parts for w in _WORD_RE.findall(text)))
                for number, parts in self._texts.items()}

    @cached_property
    def _count(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for stems in self._stems.values():
            for s in stems:
                counts[s] = counts.get(s, 0) + 1
        return counts

    def weight(self, word: str) -> float:
        """Inverse task frequency: a word no task uses in any form weighs most, one every task uses nearly nothing."""
        return self._weight(stem(word.lower()))

    def _weight(self, word_stem: str) -> float:
        return math.log((self._tasks + 1) / (self._count.get(word_stem, 0) + 0.5))

    def used_anywhere(self, word: str) -> bool:
        """Whether any task uses the word in some form: in its text or heading, or in the gloss and sample
        questions written for it in everyday words."""
        return self._count.get(stem(word.lower()), 0) > 0

    def derives(self, word: str, task: int) -> bool:
        """Whether the word is built on one the task uses ("additional" on its "add", "stockholders" on "stock"), or
        cut from one ("specs" from its "specifications")."""
        word_stem = stem(word.lower())
        return any(len(s) >= 3 and word_stem.startswith(s) or len(word_stem) >= 4 and s.startswith(word_stem)
                   for s in self._stems.get(task, ()))

    def uses_any(self, stems: Iterable[str], task: int) -> bool:
        """Whether the task's own words hold a word starting with one of these stems ("qualif": "qualification")."""
        own = self._stems.get(task, frozenset())
        return any(word.startswith(tuple(stems)) for word in own)

    def gap(self, words: Sequence[str], task: int, within: str | None = None) -> Gap:
        """`within`: the words of this text instead of all the task's (its heading and text alone, say)."""
        own = self._stems.get(task, frozenset()) if within is None else _stems_of(within)
        stems = {stem(w.lower()): w for w in words}
        total = sum(self._weight(s) for s in stems)
        if not total:
            return Gap(0.0, ())
        missing = [s for s in stems if s not in own]
        return Gap(sum(self._weight(s) for s in missing) / total, tuple(stems[s] for s in missing))


@lru_cache(maxsize=256)
def _stems_of(text: str) -> frozenset[str]:
    return _aliased(frozenset(stem(w.lower()) for w in _WORD_RE.findall(text)))


# Users write "IP" and "IPR" where the notice writes "intellectual property": a task saying the one says the other.
_IP_STEMS = frozenset({"ip", "ipr", "iprs"})


def _aliased(stems: frozenset[str]) -> frozenset[str]:
    return stems | _IP_STEMS if "intellectu" in stems else stems


def own_words(task) -> str:
    """What the notice itself says of a task: its heading and text (not the glosses and sample questions)."""
    return f"{task.heading} {task.text}"


def says_all(words: Sequence[str], text: str) -> bool:
    """Whether the text holds every one of the words in some form (by stem)."""
    own = _stems_of(text)
    return bool(words) and all(stem(w.lower()) in own for w in words)


def by_coverage(hits: Sequence, words: TaskWords, topic_words: Sequence[str], refused: bool = False) -> list:
    """The hits with a near-tied one first when it holds more of the question's words than the first does
    (`tuning.COVERAGE_WEIGHT`); the others keep the search's order. A hit keeps its similarity, so a task put first
    over a closer one is a close call for the answer. When the first hit is `refused` (it does not speak of the
    question), a neighbour goes first only if the first was refused for the words it leaves unspoken of
    (`tuning.UNCOVERED_MIN_SHARE`) and the neighbour leaves at most `tuning.COVERAGE_RESCUE`: a first hit refused for
    naming another right or instrument ("cutting trademark registration fees", task 100 on patent fees) is not
    rescued by a neighbour that holds the rest of the words (task 40 on trademark registration)."""
    if len(hits) < 2 or not topic_words or hits[0].similarity is None:
        return list(hits)
    first = hits[0]
    # only the first and the hits near enough in meaning can change places: the gaps of the rest were 0.3 ms of a
    # warm answer (`ipqa bench`, warm path profile) and decided nothing
    near = [h for h in hits if h is first or h.similarity is not None and first.similarity - h.similarity <= COVERAGE_WINDOW]
    gaps = {h.task: words.gap(topic_words, h.task).share for h in near}
    if refused and gaps[first.task] < UNCOVERED_MIN_SHARE:
        return list(hits)
    bar = COVERAGE_RESCUE if refused else gaps[first.task]
    better = [h for h in near[1:] if gaps[h.task] < gaps[first.task] and gaps[h.task] <= bar]
    if not better:
        return list(hits)

    def score(hit) -> float:
        return hit.similarity + COVERAGE_WEIGHT * (1 - gaps[hit.task])

    chosen = max(better if refused else [first, *better], key=score)
    return [chosen, *(h for h in hits if h is not chosen)]
