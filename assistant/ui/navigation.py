"""The app's pages and the one run of each script: page config set once, then the chosen page.

`app.py` calls `run()`; tests build the same app with `AppTest.from_function`.
A "Check a document" page joins the navigation when `assistant.ui.check_page` exists.
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass
from typing import Callable, Literal

import streamlit as st

from assistant.logs import log_to_stderr
from assistant.ui import agencies_page, chat_page, resources, tasks_page, widgets
from assistant.ui.text import APP_TITLE



@dataclass(frozen=True)
class Route:
    url_path: str
    title: str
    icon: str
    draw: Callable[[], None]
    # "centered" keeps the chat a readable column; tables and charts use the width.
    layout: Literal["centered", "wide"]


def routes() -> dict[str, Route]:
    found = {
        "chat": Route("chat", "Chat", ":material/forum:", chat_page.page, "centered"),
        "tasks": Route("tasks", "Tasks", ":material/table_rows:", tasks_page.page, "wide"),
        "agencies": Route("agencies", "Agencies", ":material/account_balance:", agencies_page.page, "wide"),
    }
    if importlib.util.find_spec("assistant.ui.check_page") is not None:
        check_page = importlib.import_module("assistant.ui.check_page")
        found["check"] = Route("check", "Check a document", ":material/fact_check:", check_page.page,
                               getattr(check_page, "LAYOUT", "centered"))
    return found


def page_for(name: str) -> st.Page:
    """The st.Page of a route (pages are told apart by their url_path, so a fresh one links to the same)."""
    route = routes()[name]
    return st.Page(route.draw, title=route.title, icon=route.icon, url_path=route.url_path, default=name == "chat")


def run() -> None:
    log_to_stderr("%(asctime)s %(name)s %(levelname)s %(message)s")
    resources.assistant_loader()  # start loading the model now, in the background
    table = routes()
    pages = {name: page_for(name) for name in table}
    current = st.navigation(list(pages.values()))
    route = next(table[name] for name, p in pages.items() if p.url_path == current.url_path)
    st.set_page_config(page_title=f"{route.title} · {APP_TITLE}", page_icon=":material/gavel:",
                       layout=route.layout,  # once per run: a second call made the chat column jump
                       initial_sidebar_state=widgets.SIDEBAR_PX)
    widgets.install_page_behaviour()
    current.run()
