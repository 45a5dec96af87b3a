"""The chat: ask the notice, read a short answer, check its citations.

The conversation is a list of `Turn`s in the session, mirrored in the address bar
(`?chat=`, the questions and their filters), so a reload or a copied link replays it.
A turn without a reply (a new question, or one restored from the address) is answered
when the page reaches it; only then does the page wait for the model to load.
"""

from __future__ import annotations

import textwrap

import streamlit as st

from assistant.notice.records import Notice
from assistant.ui import resources, widgets
from assistant.ui.conversation import (
    BAD_CONVERSATION_LINK,
    CONVERSATION_PARAM,
    MAX_KEPT_QUESTION_CHARS,
    Reply,
    Turn,
    conversation_markdown,
    decode_turns,
    encode_turns,
    model_history,
    reply_from,
    reply_markdown,
)
from assistant.ui.text import (
    EMPTY_INPUT_MESSAGE,
    GENERIC_ERROR_MESSAGE,
    STARTER_QUESTIONS,
    FilterChoice,
    answer_markdown,
    escape_markdown,
    plain_text,
)

SCOPE = "chat"
INPUT_KEY = "chat_question"
QUEUED_KEY = "queued_question"
TURNS_KEY = "turns"
# How much of a reply a screen reader reads out when it arrives (the rest is on the page).
ANNOUNCE_CHARS = 600


def turns() -> list[Turn]:
    return st.session_state.setdefault(TURNS_KEY, [])


def search_filters(choice: FilterChoice):
    """The filters for `Assistant.ask`, or None when nothing is chosen."""
    return None if choice.empty else choice.filters


# --- callbacks (they run before the page is drawn) ---------------------------------------------------

def _queue(question: str) -> None:
    st.session_state[QUEUED_KEY] = question


def _edit(question: str) -> None:
    st.session_state[INPUT_KEY] = question


def _clear_filters_and_ask(question: str) -> None:
    widgets.clear_filters(SCOPE)
    _queue(question)


def _clear_conversation() -> None:
    st.session_state[TURNS_KEY] = []
    st.session_state.pop(QUEUED_KEY, None)


# --- the page ----------------------------------------------------------------------------------------

def restore_from_address() -> None:
    """A new session opened on a `?chat=` address: its questions, to be answered again, and their filters."""
    if TURNS_KEY in st.session_state:
        return
    value = st.query_params.get(CONVERSATION_PARAM)
    st.session_state[TURNS_KEY] = []
    if not value:
        return
    try:
        restored = decode_turns(value)
    except ValueError:
        st.warning(BAD_CONVERSATION_LINK, icon=":material/link_off:")
        del st.query_params[CONVERSATION_PARAM]
        return
    st.session_state[TURNS_KEY] = restored
    if restored:
        last = restored[-1].filters  # the sidebar shows the filters the conversation ended with
        agencies, lead_only, part = widgets.filter_keys(SCOPE)
        st.session_state[agencies] = list(last.agency_ids)
        st.session_state[lead_only] = last.lead_only
        st.session_state[part] = last.part or 0


def page() -> None:
    notice = widgets.notice_or_stop()
    restore_from_address()
    conversation = turns()

    with st.sidebar:
        st.subheader("Filters", anchor=False)
        choice = widgets.filter_controls(
            SCOPE, notice, agencies_help="Topic searches look only at tasks that involve every agency selected.")

    st.title("Ask the notice", anchor=False)
    st.caption(f"Who does what in the State Council's 2016 notice dividing {len(notice.tasks)} intellectual-property tasks "
               "among agencies. Every answer cites its tasks; open a citation to check it.")

    question = st.chat_input(f"Ask about the {len(notice.tasks)} tasks, e.g. Who leads trade secret protection?",
                             key=INPUT_KEY, submit_mode="disable")
    if question is None:
        question = st.session_state.pop(QUEUED_KEY, None)

    summary = choice.summary(notice)
    if summary:
        st.info(escape_markdown(
            f"Filters on: {summary}. They narrow topic searches; questions that name a task, list an agency's "
            "tasks, count tasks or ask about a part are answered from the whole notice."),
            icon=":material/filter_alt:")

    fresh = None
    if question is not None:
        if question.strip():
            conversation.append(Turn(question, choice))
            fresh = len(conversation) - 1
        else:
            st.warning(EMPTY_INPUT_MESSAGE, icon=":material/edit_note:")

    if not conversation and question is None:
        welcome()

    for index, turn in enumerate(conversation):
        show_question(turn, index)
        with st.chat_message("assistant"):
            if turn.reply is None:
                turn.reply = answer(turn, conversation[:index])
            show_reply(turn, index, notice, announce=index == fresh)

    widgets.keep_in_address(CONVERSATION_PARAM, encode_turns(conversation))

    with st.sidebar:
        st.divider()
        st.subheader("Conversation", anchor=False)
        st.button("Clear conversation", icon=":material/delete_sweep:", on_click=_clear_conversation,
                  disabled=not conversation, width="stretch")
        st.download_button(
            "Download as Markdown", conversation_markdown(conversation, notice) if conversation else "",
            file_name="ip-tasks-conversation.md", mime="text/markdown", icon=":material/download:",
            disabled=not conversation, on_click="ignore", width="stretch",
        )
        st.caption("Answers are composed from the notice's task records, with its own words quoted. "
                   "Agency names are those of 2016. The conversation is kept in the page's address.")


def welcome() -> None:
    st.markdown("**Try one of these:**")
    columns = st.columns(2)
    for i, starter in enumerate(STARTER_QUESTIONS):
        columns[i % 2].button(starter, key=f"starter_{i}", on_click=_queue, args=(starter,), width="stretch")
    st.caption("Or browse the notice:")
    from assistant.ui.navigation import page_for

    left, right, _ = st.columns([1, 1, 2])
    left.page_link(page_for("tasks"), label=f"All {len(widgets.notice_or_stop().tasks)} tasks", icon=":material/table_rows:")
    right.page_link(page_for("agencies"), label="Agencies", icon=":material/account_balance:")


def show_question(turn: Turn, index: int) -> None:
    with st.chat_message("user"):
        shown = turn.question
        if len(shown) > MAX_KEPT_QUESTION_CHARS:
            shown = textwrap.shorten(shown, MAX_KEPT_QUESTION_CHARS, placeholder=" [...]")
        st.text(shown)  # the user's words as plain text: no Markdown, no HTML
        with st.container(horizontal=True, gap="small"):
            st.button("Edit", icon=":material/edit:", type="tertiary", key=f"edit_{index}", on_click=_edit,
                      args=(turn.question,), help="Put this question back in the box below to change it.")
            st.button("Ask again", icon=":material/replay:", type="tertiary", key=f"again_{index}",
                      on_click=_queue, args=(turn.question,), help="Ask this question again, with the filters now set.")


def answer(turn: Turn, earlier: list[Turn]) -> Reply:
    """The reply to one turn; waits here (with a spinner) if the model is still loading."""
    loader = resources.assistant_loader()
    try:
        if not loader.ready:
            with st.spinner(resources.LOADING_MESSAGE):
                bot = loader.get()
        else:
            bot = loader.get()
    except Exception as error:  # noqa: BLE001 - the user gets one line, the log gets the traceback
        resources.forget_failed_load()
        return Reply(error=widgets.error_line(
            error, "The assistant could not start",
            "The assistant could not start: the model or the index failed to load. "
            "See the server log for details, then ask again."))
    try:
        with st.spinner("Searching the notice..."):
            result = bot.ask(turn.question, history=model_history(earlier), filters=search_filters(turn.filters))
        return reply_from(result)
    except Exception as error:  # noqa: BLE001 - the user gets one line, the log gets the traceback
        return Reply(error=widgets.error_line(error, "Sorry, I could not answer that", GENERIC_ERROR_MESSAGE))


def show_reply(turn: Turn, index: int, notice: Notice, announce: bool = False) -> None:
    reply = turn.reply
    assert reply is not None
    if reply.error:
        st.error(reply.error, icon=":material/error:")
        return
    known = {t.number for t in notice.tasks}
    st.markdown(answer_markdown(reply.text, reply.trusted, known))
    if reply.query:
        st.caption(escape_markdown(reply.query))
    for note in reply.notes:
        st.caption(escape_markdown(note))
    summary = turn.filters.summary(notice)
    if summary:
        st.caption(escape_markdown(f"Filters: {summary}."))
        if reply.refused and reply.kind == "out_of_scope":
            st.button("Clear the filters and ask again", icon=":material/filter_alt_off:", key=f"unfilter_{index}",
                      on_click=_clear_filters_and_ask, args=(turn.question,))
    widgets.citations(reply.citations, notice, key=f"reply_{index}")
    copied = reply_markdown(reply)
    spoken = textwrap.shorten(plain_text(copied), ANNOUNCE_CHARS, placeholder="...") if announce else ""
    widgets.copy_button(copied, f"answer-{reply.uid}", announce=spoken)
