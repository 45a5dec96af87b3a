"""The app's shared resources: the parsed notice and the one Assistant of the server process.

The Assistant (embedding model, Chroma index) is created in ONE place, `_start_assistant`,
cached per server with st.cache_resource. It loads on a background thread, so the first
page of a fresh server draws at once and the user can type; a question waits for the load
only when it needs it (`AssistantLoader.get`).
"""

from __future__ import annotations

import logging
import threading

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
    """One loader per server (and per settings): started by the first page that runs."""
    return AssistantLoader(_settings)


def assistant_loader() -> AssistantLoader:
    """The server's Assistant loader (started by the first page that asks)."""
    settings = current_settings()
    return _start_assistant(repr(settings), settings)


def forget_failed_load() -> None:
    """After a failed load: the next question starts a new one instead of repeating the error."""
    _start_assistant.clear()
