"""Hybrid retrieval over the tasks: dense (Chroma) and lexical (BM25), fused by reciprocal rank.

Dense vectors find a task worded nothing like the question; BM25 rescues the
rare exact term the small embedding model blurs ("Madrid", "plant variety").
Reciprocal rank fusion needs no score calibration between the two. A question
that names a task number goes straight to that task: a number a person typed
is what they want, whatever the embeddings think.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from itertools import islice

import numpy as np

from assistant.notice import agencies as registry
from assistant.errors import EMPTY_SEARCH, BadQuestion, UnknownTask
from assistant.notice.records import Notice, Task
from assistant.settings import Settings
from assistant.notice.mentions import clean, task_numbers
from assistant.notice.language import is_chinese
from assistant.search.bm25 import BM25
from assistant.search.filters import Filters

RRF_K = 60  # the constant of Cormack et al.; rank 1 scores 1/61
# A task enters the lexical ranking only if it holds this share of the question's content words: without
# the gate, BM25 ranks every task sharing one common word, and on paraphrased questions that noise
# outvoted the dense ranking (`ipqa bench`, eval/README.md).
LEXICAL_MIN_COVERAGE = 0.6
# A task holding every content word of a topic of at least this many words counts its lexical rank this many
# times over: "IP management in large specialized markets" is task 26's phrase, though the small model puts the
# service-industry task first. Measured on every eval set (eval/README.md).
WHOLE_MATCH_MIN_WORDS = 3
WHOLE_MATCH_WEIGHT = 2.0
MODES = ("hybrid", "dense", "lexical")
LEXICAL_RECIPE = "heading+text+gloss"  # what BM25 reads per task (measured in `ipqa bench --recipes`)
STOPWORDS = frozenset(
    "a an and are as at be by for from has have how in is it its of on or that the their this to was were "
    "which who whom what when where why will with does do did should shall can could would about into "
    "any all each other than then them they these those such not no our we you your i me my "
    # words of asking that task texts use too: BM25 drops them from the tasks as from the topics, so they stay
    # in its word list here (the questions' own asking is taken out before the search, parser.search_topic)
    "lead leads led leading handle handles responsible charge task tasks item items body agency agencies "
    "department notice cover covers deal deals make makes sure".split()
)


@dataclass(frozen=True)
class Hit:
    task: int
    score: float
    # How close question and task are (dense, see Searcher._dense); None for a task named by number.
    similarity: float | None
    dense_rank: int | None = None
    lexical_rank: int | None = None
    via: str = "hybrid"

    def to_dict(self) -> dict:
        return {"task": self.task, "score": round(self.score, 6)}


def tokens(text: str) -> list[str]:
    """Lower-case words without stop words, cut to six letters: a crude stemmer that is enough
    here ("protection", "protecting" and "protect" meet) and needs no extra package."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    return [w[:6] for w in words if w not in STOPWORDS and len(w) > 1]


class Searcher:
    """The notice's tasks behind one `search` call; holds the model, the index and the BM25 table."""

    def __init__(self, notice: Notice, index, embeddings, lexical_recipe: str = "", settings: Settings | None = None):
        from assistant.search.index import RECIPES

        self.settings = settings or Settings()
        self._chinese = None
        self._chinese_lock = threading.Lock()
        self.notice = notice
        self.index = index
        self.embeddings = embeddings
        # BM25 reads the heading and the gloss too: more exact terms to match, and no embedding to blur.
        text_of = RECIPES[lexical_recipe or LEXICAL_RECIPE]
        words = [tokens(text_of(t, index.glosses.get(t.number, ""))) or ["empty"] for t in notice.tasks]
        self.words = [set(w) for w in words]
        self.bm25 = BM25(words)
        # Where each task's own record and its sample questions sit among the index's rows.
        self._slot = {t.number: i for i, t in enumerate(notice.tasks)}
        rows = {int(task): row for row, task in enumerate(index.record_tasks) if not index.record_is_question[row]}
        self._task_rows = np.array([rows[t.number] for t in notice.tasks])
        self._question_rows = np.flatnonzero(index.record_is_question)
        self._question_slots = np.array([self._slot[int(index.record_tasks[row])] for row in self._question_rows],
                                        dtype=np.int64)

    def search(self, query: str, filters: Filters | None = None, k: int = 5, mode: str = "hybrid") -> list[Hit]:
        """The tasks closest to a topic ("trade secret protection"): the answering side takes a question's asking
        out first (`assistant.answer.parser.search_topic`). A task number in it goes straight to that task."""
        text, _notes = clean(query if isinstance(query, str) else "")
        if not text:
            raise BadQuestion(EMPTY_SEARCH)
        if mode not in MODES:
            raise ValueError(mode)  # a programming error: the CLI offers only MODES
        filters = filters or Filters()
        if mode == "hybrid" and is_chinese(text):
            return self.chinese().search(text, filters, k)
        named = self._named_tasks(text)
        candidates = list(self.notice.tasks) if filters.empty else [t for t in self.notice.tasks if filters.admits(t)]
        if not candidates:
            return [Hit(n, 1.0, None, via="task number") for n in named][:k]
        similarity = self._dense(text, candidates)
        dense_ranked = sorted(similarity, key=lambda n: -similarity[n])
        lexical_ranked = self._lexical(text, candidates, gated=mode == "hybrid")
        ranks = {
            "dense": {n: i + 1 for i, n in enumerate(dense_ranked)},
            "lexical": {n: i + 1 for i, n in enumerate(lexical_ranked)},
        }
        used = ("dense", "lexical") if mode == "hybrid" else (mode,)
        scores: dict[int, float] = {}
        whole = self._holding_every_word(text) if mode == "hybrid" else set()
        for source in used:
            for number, rank in ranks[source].items():
                weight = WHOLE_MATCH_WEIGHT if source == "lexical" and number in whole else 1.0
                scores[number] = scores.get(number, 0.0) + weight / (RRF_K + rank)
        # A tie in fused rank (dense 1 + lexical 2 against dense 2 + lexical 1) goes to the task holding more of the
        # question's words: "anti-monopoly enforcement guidelines" is task 36's phrase, though task 37 embeds a hair
        # closer. Measured on every eval set: three held-out pairs fixed, none lost (eval/README.md).
        ordered = sorted(scores, key=lambda n: (-scores[n], ranks["lexical"].get(n, len(candidates) + 1),
                                                -similarity.get(n, 0.0), n))
        hits = [Hit(n, 1.0, None, via="task number") for n in named]
        rest = islice((n for n in ordered if n not in named), max(0, k - len(hits)))  # only the hits returned
        hits += [Hit(n, scores[n], similarity.get(n), ranks["dense"].get(n), ranks["lexical"].get(n), via=mode)
                 for n in rest]
        return hits[:k]

    def chinese(self):
        """The Chinese search over the glossary, built on the first Chinese topic (it loads jieba)."""
        with self._chinese_lock:
            if self._chinese is None:
                from assistant.search.chinese import ChineseSearch, load_lexicon, load_terms

                self._chinese = ChineseSearch(self.notice, load_terms(self.settings.terms_zh),
                                              load_lexicon(self.settings.lexicon_zh), self)
        return self._chinese

    def _named_tasks(self, text: str) -> list[int]:
        numbers, _spans = task_numbers(text)
        for number in numbers:
            if not self.notice.has_task(number):
                raise UnknownTask(number, self.notice.last_task)
        return numbers

    def _dense(self, text: str, admitted: list[Task]) -> dict[int, float]:
        """Task number -> similarity: the mean of the cosine to the task's own document and to its closest
        sample question, so neither a lucky question nor the stilted translation decides alone."""
        return self.similarities(self.embeddings.embed_query(text), admitted)

    def similarities(self, vector, admitted: list[Task] | None = None) -> dict[int, float]:
        """`_dense` for a text embedded already: callers with many texts (a document check) embed them in one
        batch. Scored in memory over every stored vector; `admitted` limits the tasks returned."""
        admitted = list(self.notice.tasks) if admitted is None else admitted
        cosines = self.index.cosines(vector)
        own = cosines[self._task_rows]
        asked = np.full(len(own), -np.inf, dtype=np.float32)
        np.maximum.at(asked, self._question_slots, cosines[self._question_rows])
        combined = np.where(np.isfinite(asked), (own + asked) / 2, own)
        return {t.number: float(combined[self._slot[t.number]]) for t in admitted}

    def _holding_every_word(self, text: str) -> set[int]:
        """Tasks holding every content word of a topic of several words: the question says the task's own words."""
        wanted = set(tokens(text))
        if len(wanted) < WHOLE_MATCH_MIN_WORDS:
            return set()
        return {t.number for t in self.notice.tasks if wanted <= self.words[t.number - 1]}

    def _lexical(self, text: str, candidates: list[Task], gated: bool = True) -> list[int]:
        query = tokens(text)
        if not query:
            return []
        scores = self.bm25.get_scores(query)
        wanted = set(query)
        if gated:
            candidates = [t for t in candidates
                          if len(wanted & self.words[t.number - 1]) / len(wanted) >= LEXICAL_MIN_COVERAGE]
        scored = [(float(scores[t.number - 1]), t.number) for t in candidates]
        return [n for s, n in sorted(scored, key=lambda p: (-p[0], p[1])) if s > 0]


def open_retriever(settings: Settings, notice: Notice, *, rebuild: bool = False, embeddings=None) -> Searcher:
    """Opens (or builds) the index and its encoder: the one slow step, done once per process.

    Questions are embedded with the ONNX export of the model unless `embeddings` is given (the parity
    tests pass sentence-transformers); answering this way never imports torch. A server that called
    `warm.start` as it started gets the searcher opened then."""
    from assistant.search import warm
    from assistant.search.index import open_index

    if not rebuild and embeddings is None:
        warmed = warm.take(settings, notice)
        if warmed is not None:
            return warmed
    index = open_index(settings, notice, embeddings, rebuild=rebuild)
    return Searcher(notice, index, index.embeddings, settings=settings)
