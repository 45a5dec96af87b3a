"""BM25 over the 106 tasks in numpy: the scores bm25s gave, without importing it.

bm25s imports scipy.sparse, 0.12 to 0.3 s of every new process that answers
(`python -X importtime`), to score 106 short documents whose whole table fits in
a dense array of a few hundred kilobytes. This is the same scoring (bm25s's
default: the Lucene variant, k1 = 1.5, b = 0.75), computed in the same order and
the same float types, so every score is bit for bit the one bm25s gave and every
ranking stays the same; tests/search/test_bm25.py holds it to that against bm25s
on every token and every eval question.
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np

# bm25s's defaults, which the lexical ranking was tuned with (eval/README.md).
K1 = 1.5
B = 0.75


class BM25:
    """Scores of a query's tokens against documents given as lists of tokens."""

    def __init__(self, documents: list[list[str]]):
        self.vocabulary: dict[str, int] = {}
        for words in documents:
            for word in words:
                self.vocabulary.setdefault(word, len(self.vocabulary))
        count = len(documents)
        # As bm25s computes them: the mean length in float64, each idf in Python floats stored as float32,
        # each term's weight in float64 from float32 counts, stored as float32.
        mean_length = np.array([len(words) for words in documents]).mean()
        frequencies = Counter(word for words in documents for word in set(words))
        idf = np.zeros(len(self.vocabulary), dtype=np.float32)
        for word, df in frequencies.items():
            idf[self.vocabulary[word]] = math.log(1 + (count - df + 0.5) / (df + 0.5))
        # One row per word, one column per document: a query adds up the rows of its words.
        self.weights = np.zeros((len(self.vocabulary), count), dtype=np.float32)
        for column, words in enumerate(documents):
            counts = Counter(words)
            ids = np.array([self.vocabulary[w] for w in counts], dtype=np.int32)
            tf = np.array(list(counts.values()), dtype=np.float32)
            saturation = tf / (K1 * ((1 - B) + B * len(words) / mean_length) + tf)
            self.weights[ids, column] = idf[ids] * saturation
        self.count = count

    def get_scores(self, query: list[str]) -> np.ndarray:
        """One float32 score per document; words the documents never use count for nothing."""
        scores = np.zeros(self.count, dtype=np.float32)
        for word in query:
            row = self.vocabulary.get(word)
            if row is not None:
                scores += self.weights[row]
        return scores
