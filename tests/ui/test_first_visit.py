"""The app as `make run` starts it (`streamlit run serve.py`): its first visitor gets an answer.

`ipqa bench` reports how long the first visit takes, with the same measurement; these tests check
only that it works: the Assistant loads as the server starts, the first page takes that load, and
the page answers with its citation.
"""

from __future__ import annotations

import asyncio
import re

import pytest

from assistant.lab import speed
from assistant.notice.load import notice_for
from assistant.settings import ROOT, Settings, packaged_model_path

# The slow tests import the index and the app's resources themselves: Streamlit makes some sixty loggers that
# pytest's log capture then visits in every phase of every later test, and the fast tier has no use for them.


def make_run_command() -> str:
    """The Makefile's `run` target's streamlit line, continuation lines joined."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8").replace("\\\n", " ")
    target = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    return " ".join(next(line for line in target.splitlines() if "streamlit run" in line).split())


def test_the_bench_serves_the_app_as_make_run_does():
    command = make_run_command()
    assert re.search(rf"streamlit run {speed.MAKE_RUN_SCRIPT.name} ", command), command
    for flag in ("--server.address 127.0.0.1", "--server.headless true", "--browser.gatherUsageStats false"):
        assert flag in command and flag in " ".join(speed.STREAMLIT_FLAGS)
    assert "lifespan=lifespan" in speed.MAKE_RUN_SCRIPT.read_text(encoding="utf-8")


@pytest.mark.slow
def test_the_first_page_takes_the_assistant_the_server_started_loading(tmp_path, embeddings, monkeypatch):
    from assistant.search.index import open_index
    from assistant.ui import resources

    settings = Settings(index_dir=tmp_path / "index", model_path=packaged_model_path())
    open_index(settings, notice_for(settings), embeddings)
    monkeypatch.setenv("IPQA_INDEX_DIR", str(settings.index_dir))
    resources._start_assistant.clear()

    async def start_then_visit():
        async with resources.lifespan(app=None):
            assert list(resources._started_with_server) == [repr(resources.current_settings())]
            started = resources._started_with_server[repr(resources.current_settings())]
            return started, resources.assistant_loader()

    started, taken = asyncio.run(start_then_visit())
    assert taken is started and taken.ready  # loaded while the server started, before any page
    assert resources._started_with_server == {}
    assert taken.get().ask("Who leads trade secret protection?").citations == [24]
    resources._start_assistant.clear()


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.skipif(not speed.CHROMIUM.exists(), reason="no /usr/bin/chromium: run `make browser` to install it")
def test_a_first_visitor_of_the_app_as_make_run_starts_it_gets_an_answer(tmp_path, embeddings):
    from assistant.search.index import open_index

    settings = Settings(index_dir=tmp_path / "index", model_path=packaged_model_path())
    open_index(settings, notice_for(settings), embeddings)  # built beforehand, as `make run` does
    figures = speed.first_visit(settings)
    # first_visit raises if the chat never becomes usable or the answer never cites Task 24.
    assert 0 < figures["page load until usable (s)"] <= figures["page load until first answer (s)"]
    assert figures["server start until it answers (s)"] > 0
