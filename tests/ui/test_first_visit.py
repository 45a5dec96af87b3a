"""The app served with the warm start (`st.App(..., lifespan=warm.lifespan)`): a first visitor gets an answer.

`ipqa bench` reports how long the first visit takes, with the same measurement; this test checks
only that it works: the index opens as the server starts, and the page answers with its citation.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.lab import speed
from assistant.notice.load import notice_for
from assistant.search.index import open_index
from assistant.settings import Settings, packaged_model_path

pytestmark = [
    pytest.mark.browser, pytest.mark.slow,
    pytest.mark.skipif(not speed.CHROMIUM.exists(), reason="no /usr/bin/chromium: run `make browser` to install it"),
]


def test_a_first_visitor_of_a_warm_started_server_gets_an_answer(tmp_path, embeddings):
    settings = Settings(index_dir=tmp_path / "index", model_path=packaged_model_path())
    open_index(settings, notice_for(settings), embeddings)  # built beforehand, as `make run` does
    figures = speed.first_visit(settings, speed.warm_launcher(tmp_path))
    # first_visit raises if the chat never becomes usable or the answer never cites Task 24.
    assert 0 < figures["page load until usable (s)"] <= figures["page load until first answer (s)"]
    assert Path(tmp_path / "serve_warm.py").is_file()
