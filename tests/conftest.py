"""Shared fixtures: the real notice, and settings pointed at temporary folders."""

from __future__ import annotations

import pytest

from assistant.notice.load import notice_for
from assistant.settings import DEFAULT_CORPUS, Settings, packaged_model_path


@pytest.fixture(scope="session")
def notice():
    return notice_for(Settings())


@pytest.fixture(scope="session")
def corpus_text() -> str:
    return DEFAULT_CORPUS.read_text(encoding="utf-8")


@pytest.fixture
def settings(tmp_path) -> Settings:
    """Settings whose index lives in a fresh temporary folder."""
    return Settings(index_dir=tmp_path / "index", model_path=packaged_model_path())


@pytest.fixture(scope="session")
def embeddings():
    """The real all-MiniLM-L6-v2, loaded once for the whole run (it takes seconds)."""
    from assistant.search.embeddings import SentenceEmbeddings

    return SentenceEmbeddings(Settings())


@pytest.fixture(scope="session")
def searcher(tmp_path_factory, notice, embeddings):
    """A real Chroma index of the notice in a temporary folder, with the hybrid searcher over it."""
    from assistant.search.retrieve import open_retriever

    settings = Settings(index_dir=tmp_path_factory.mktemp("index"), model_path=packaged_model_path())
    return open_retriever(settings, notice, embeddings=embeddings)


@pytest.fixture(scope="session")
def fast_bot(notice):
    """An Assistant over the real notice with the fake retriever: no model, no Chroma (the fast tier)."""
    from assistant.answer.chain import Assistant
    from tests.fakes import FakeSearcher

    return Assistant(Settings(), retriever=FakeSearcher(notice))


# How many items of a generated family the fast tier asks each phrasing about (`each` below).
SAMPLE = 8


def spread(items, n: int = SAMPLE) -> list:
    """`n` of the items, evenly spaced from the first to the last (the edges are where off-by-ones live)."""
    items = list(items)
    if len(items) <= n:
        return items
    return [items[round(i * (len(items) - 1) / (n - 1))] for i in range(n)]


@pytest.fixture(params=["sample", pytest.param("every", marks=pytest.mark.slow)])
def each(request):
    """A generated family (each phrasing over every task, agency, heading or text) in both tiers: `each(items)` is
    an even spread of them in the fast tier ("sample") and all of them in the slow tier ("every"), so
    `pytest -m "not slow"` still asks every phrasing and `make test` still asks it about every item."""
    if request.param == "every":
        return lambda items, n=SAMPLE: list(items)
    return spread


@pytest.fixture(params=[pytest.param(100, id="100 examples"),
                        pytest.param(300, id="300 examples", marks=pytest.mark.slow)])
def examples(request) -> int:
    """How many inputs a property test (hypothesis) generates: 100 in the fast tier, 300 in the slow tier."""
    return request.param


# Fixtures that load the embedding model or build a Chroma index (in-process or through the CLI's
# `index_env`): a test that uses one is slow.
SLOW_FIXTURES = {"searcher", "embeddings", "bot", "bot_with", "index_env"}


def pytest_collection_modifyitems(items):
    """Mark the slow tier from what a test uses, so `pytest -m "not slow"` is the fast tier without a list to keep."""
    for item in items:
        uses = set(getattr(item, "fixturenames", ()))
        if uses & SLOW_FIXTURES or item.get_closest_marker("browser") or item.get_closest_marker("server"):
            item.add_marker(pytest.mark.slow)
