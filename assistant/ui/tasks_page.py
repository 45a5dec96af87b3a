"""The notice's tasks in one searchable table; a row, or a `?task=N` link, opens the task's card."""

from __future__ import annotations

import zlib

import streamlit as st

from assistant.ui import widgets
from assistant.ui.text import search_tasks, task_rows

SCOPE = "tasks"
QUERY_KEY = "tasks_query"
MATCHED_BY_WORDS = "No task has these words in this order; showing the tasks that have each of them."


def page() -> None:
    notice = widgets.notice_or_stop()
    widgets.task_card_from_url(notice)
    st.title(f"The {len(notice.tasks)} tasks", anchor=False)
    st.caption("Every task of the notice with its lead and other agencies. Search, filter, and select a row "
               "to read the task in full.")

    search, agencies_column, part_column = st.columns([3, 3, 2])
    query = search.text_input("Search the tasks", key=QUERY_KEY, persist_state="session",
                              placeholder="Words or a task number, e.g. customs",
                              help="Words as a phrase first (\"Industry and Commerce\"); if no task has the "
                                   "phrase, tasks with every word. A number finds that task.")
    lead_column, clear_column, _ = st.columns([3, 2, 3], vertical_alignment="center")
    choice = widgets.filter_controls(SCOPE, notice, slots=(agencies_column, lead_column, part_column, clear_column),
                                     agencies_help="Tasks that involve every agency selected.")

    found = search_tasks(notice.tasks, query, choice)
    shown = found.tasks
    caption = f"Showing {len(shown)} of {len(notice.tasks)} tasks."
    if found.matched_by == "words" and shown:
        caption += " " + MATCHED_BY_WORDS
    st.caption(caption)
    if not shown:
        st.info("No task matches. Remove a word or a filter.", icon=":material/search_off:")
        return
    widgets.task_table(
        shown, task_rows(shown), max_height=640,
        columns={
            "number": st.column_config.NumberColumn("Task", width=56, format="%d", pinned=True),
            "part": st.column_config.NumberColumn("Part", width=48, format="%d"),
            "heading": st.column_config.TextColumn("Heading", width=170),
            "text": st.column_config.TextColumn("Text", width=360),
            "leads": st.column_config.TextColumn("Lead", width=170),
            "others": st.column_config.TextColumn("Other agencies", width=240),
        },
        # A new key when the rows change, so a selection never points at a row that moved.
        key=f"tasks_table_{zlib.crc32(repr((query, choice)).encode()):08x}",
    )
