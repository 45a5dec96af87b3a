"""Whether a sentence's topic fits the task it cites, by the search layer's similarity to every task.

All the topics of a batch of citations are embedded in one call (the model is the slow part), and the
same topic is embedded once however often a document repeats it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

# Topics remembered between batches; past this the memory is dropped, so a long document stays bounded.
CACHE_SIZE = 4096


@dataclass(frozen=True)
class Fit:
    """A topic's similarity to each task (the search layer's dense score), best first."""

    similarity: dict[int, float]
    # Share of the topic's words (search.retrieve.tokens) found in each task's heading, text and gloss.
    coverage: dict[int, float] = field(default_factory=dict)

    @property
    def ranked(self) -> list[int]:
        return sorted(self.similarity, key=lambda n: (-self.similarity[n], n))

    def best(self, among: set[int] | None = None) -> int | None:
        ranked = [n for n in self.ranked if among is None or n in among]
        return ranked[0] if ranked else None

    def of(self, task: int) -> float:
        return self.similarity.get(task, 0.0)

    def covered(self, task: int) -> float:
        return self.coverage.get(task, 0.0)


class TopicJudge:
    """Embeds topics in batches and scores them against the index the searcher holds."""

    def __init__(self, searcher=None, opener: Callable[[], object] | None = None):
        """`opener` loads the searcher on first use: a document with nothing to judge never loads the model."""
        self._searcher = searcher
        self._opener = opener
        self._fits: dict[str, Fit] = {}

    @property
    def searcher(self):
        if self._searcher is None and self._opener is not None:
            self._searcher = self._opener()
        return self._searcher

    def fits(self, topics: list[str]) -> list[Fit]:
        if not topics:
            return []
        new = [t for t in dict.fromkeys(topics) if t not in self._fits]
        if len(self._fits) + len(new) > CACHE_SIZE:
            kept = set(topics)
            self._fits = {t: f for t, f in self._fits.items() if t in kept}
        if new:
            vectors = self.searcher.embeddings.embed_documents(new)
            for topic, vector in zip(new, vectors):
                self._fits[topic] = Fit(self.searcher.similarities(vector), self.coverage(topic))
        return [self._fits[t] for t in topics]

    def coverage(self, topic: str) -> dict[int, float]:
        """Per task, the share of the topic's words it holds (no model needed: the searcher's word table)."""
        from assistant.search.retrieve import tokens

        words = set(tokens(topic))
        if not words:
            return {}
        return {number: len(words & task_words) / len(words)
                for number, task_words in enumerate(self.searcher.words, 1)}
