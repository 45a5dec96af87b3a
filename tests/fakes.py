"""A fake retriever for the fast test tier: word overlap instead of the embedding model and Chroma.

It ranks tasks by the share of the query's content words (Snowball stems) found in the task's heading and
text, and reports that share as the similarity, so the chain's relevance bars behave sensibly. The real
retriever is tested in tests/search/ and end to end in tests/answer/test_chain.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from assistant.answer.tuning import stems


@lru_cache(maxsize=None)
def _stems(text: str) -> frozenset[str]:
    """Stemming the 106 tasks takes 0.1 s: the fast tier's many FakeSearchers (one per bot, changed corpora
    included) stem each task's text once between them."""
    return frozenset(stems(text))


@dataclass(frozen=True)
class FakeHit:
    task: int
    score: float
    similarity: float | None
    lexical_rank: int | None = None


class FakeSearcher:
    def __init__(self, notice):
        self.notice = notice
        self.words = {t.number: _stems(f"{t.heading} {t.text}") for t in notice.tasks}

    def search(self, query: str, filters=None, k: int = 5, mode: str = "hybrid") -> list[FakeHit]:
        wanted = stems(query)
        scored = []
        for task in self.notice.tasks:
            if filters is not None and not filters.admits(task):
                continue
            share = len(wanted & self.words[task.number]) / len(wanted) if wanted else 0.0
            scored.append((share, task.number))
        scored.sort(key=lambda p: (-p[0], p[1]))
        return [FakeHit(n, s, 0.3 + 0.5 * s) for s, n in scored[:k]]
