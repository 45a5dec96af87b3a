"""The app's shared resources: the parsed notice and the one Assistant of the server process.

The Assistant (embedding model, Chroma index) is created in ONE place, `_start_assistant`,
cached per server with st.cache_resource. It loads on a background thread, so the first
page of a fresh server draws at once and the user can type; a question waits for the load
only when it needs it (`AssistantLoader.get`).

Served as `make run` serves it (`streamlit run serve.py`: `st.App("app.py", lifespan=lifespan)`),
the load starts with the server instead, before any visitor, and the first page takes it.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from contextlib import asynccontextmanager

import streamlit as st

from assistant.notice.load import notice_for
from assistant.notice.records import Notice
from assistant.settings import Settings

log = logging.getLogger("assistant.ui")

LOADING_MESSAGE = "Loading the model and the index (the first question after a start waits for this)..."


def current_settings() -> Settings:
    return Settings.from_env()


def notice() -> Notice:
    """The parsed notice (notice_for caches it per corpus file; no model, no index)."""
    return notice_for(current_settings())


class AssistantLoader:
    """An Assistant being created on a background thread; `get` waits for it (or raises its error)."""

    def __init__(self, settings: Settings):
        self._settings = settings
        self._done = threading.Event()
        self._assistant = None
        self._error: BaseException | None = None
        threading.Thread(target=self._load, name="ipqa-assistant-load", daemon=True).start()

    def _load(self) -> None:
        try:
            self._assistant = create_assistant(self._settings)
        except BaseException as error:  # noqa: BLE001 - handed to the page that asks for it
            self._error = error
        finally:
            self._done.set()

    @property
    def ready(self) -> bool:
        return self._done.is_set()

    def get(self):
        self._done.wait()
        if self._error is not None:
            raise self._error
        return self._assistant

    def wait(self, seconds: float) -> bool:
        return self._done.wait(seconds)


# ====================================================================================================
# THE place where the app creates its Assistant. A server-start loader can call this (or replace its
# body); everything else in the UI goes through `assistant_loader()` below.
# ====================================================================================================
def create_assistant(settings: Settings):
    from assistant.answer.chain import Assistant

    bot = Assistant(settings)
    _ = bot.retriever  # load the model and open (or build) the index now, not on the first question
    return bot


@st.cache_resource(show_spinner=False)
def _start_assistant(settings_key: str, _settings: Settings) -> AssistantLoader:
    """One loader per server (and per settings): the one `lifespan` started with the server, else one started
    by the first page that runs."""
    with _started_lock:
        started = _started_with_server.pop(settings_key, None)
    return started or AssistantLoader(_settings)


_started_lock = threading.Lock()
_started_with_server: dict[str, AssistantLoader] = {}
# Seconds the server waits, as it starts, for the Assistant it began loading, before it serves pages anyway:
# opening a built index took 1 to 3 s here (`ipqa bench`); a first build takes longer, and pages then show
# LOADING_MESSAGE until it is done, as without a start-up load.
STARTUP_WAIT_S = 20


@asynccontextmanager
async def lifespan(app):
    """For `st.App("app.py", lifespan=resources.lifespan)` (serve.py): the Assistant starts loading as the server
    starts, and the pages' modules are imported then, so the first visitor waits for neither. Under
    `streamlit run app.py` nothing runs before a visitor's page, which then starts the load itself."""
    settings = current_settings()
    loader = AssistantLoader(settings)
    with _started_lock:
        _started_with_server[repr(settings)] = loader
    import assistant.ui.navigation  # noqa: F401 - the first page's imports, paid here instead

    await asyncio.to_thread(loader.wait, STARTUP_WAIT_S)
    yield None


def assistant_loader() -> AssistantLoader:
    """The server's Assistant loader (started by the first page that asks)."""
    settings = current_settings()
    return _start_assistant(repr(settings), settings)


def forget_failed_load() -> None:
    """After a failed load: the next question starts a new one instead of repeating the error."""
    _start_assistant.clear()
