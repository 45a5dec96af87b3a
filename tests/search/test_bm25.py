"""The numpy BM25 gives bm25s's scores, bit for bit, so the lexical rankings stay what they were.

bm25s stays installed as the reference (a dev dependency); answering no longer imports it (or scipy).
"""

from __future__ import annotations

import subprocess
import sys

import bm25s
import numpy as np
import pytest

from assistant.answer.parser import search_topic
from assistant.lab import evaluate
from assistant.search.aids import load_glosses
from assistant.search.bm25 import BM25
from assistant.search.index import RECIPES
from assistant.search.retrieve import LEXICAL_RECIPE, tokens
from assistant.settings import DEFAULT_GLOSSES, DEFAULT_LEXICON_ZH, DEFAULT_TERMS_ZH

EVAL_QUESTIONS = [p.question for path in sorted(evaluate.EVAL_DIR.glob("*.jsonl")) for p in evaluate.load_pairs(path)]


def reference(documents: list[list[str]]):
    found = bm25s.BM25()
    found.index(documents, show_progress=False)
    return found


def english_documents(notice) -> list[list[str]]:
    """What the English search's BM25 reads per task (retrieve.Searcher)."""
    glosses, text_of = load_glosses(DEFAULT_GLOSSES), RECIPES[LEXICAL_RECIPE]
    return [tokens(text_of(t, glosses.get(t.number, ""))) or ["empty"] for t in notice.tasks]


def assert_same_scores(documents: list[list[str]], queries: list[list[str]]) -> None:
    ours, theirs = BM25(documents), reference(documents)
    for query in queries:
        assert np.array_equal(ours.get_scores(query), theirs.get_scores(query)), query


def test_every_word_alone_scores_as_bm25s_scores_it(notice):
    documents = english_documents(notice)
    assert_same_scores(documents, [[word] for word in sorted({w for d in documents for w in d})])


def test_every_eval_question_scores_as_bm25s_scores_it(notice):
    queries = [q for q in (tokens(search_topic(question)) for question in EVAL_QUESTIONS) if q]
    assert len(queries) > 500
    assert_same_scores(english_documents(notice), queries)


def test_repeated_and_unknown_words_count_as_in_bm25s(notice):
    assert_same_scores(english_documents(notice), [
        ["trade", "trade", "secret"], ["zzzz", "secret"], ["patent", "qqqq", "patent", "patent"], ["qqqq"]])


def test_the_chinese_key_terms_score_as_bm25s_scores_them(notice):
    from assistant.search.chinese import ChineseSearch, load_lexicon, load_terms

    chinese = ChineseSearch(notice, load_terms(DEFAULT_TERMS_ZH), load_lexicon(DEFAULT_LEXICON_ZH), english=None)
    documents = [chinese._words(" ".join(t.zh for t in load_terms(DEFAULT_TERMS_ZH).get(task.number, ()))) or ["空"]
                 for task in notice.tasks]
    queries = [q for q in (chinese._words(question) for question in EVAL_QUESTIONS) if q]
    assert len(queries) > 100
    assert_same_scores(documents, queries)


# retrieve's new process imports langchain-core too: 1 s, so it is in the slow tier
@pytest.mark.parametrize("module", [pytest.param("assistant.search.retrieve", marks=pytest.mark.slow),
                                    "assistant.search.chinese"])
def test_searching_imports_neither_bm25s_nor_scipy(module):
    code = f"import sys, {module}; print(sorted(m for m in ('bm25s', 'scipy') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["[]"]
