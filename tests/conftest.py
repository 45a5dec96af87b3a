"""Shared fixtures: the real notice, and settings pointed at temporary folders."""

from __future__ import annotations

import pytest

from assistant.notice import notice_for
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
