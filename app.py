"""The IP Tasks Assistant in the browser: a chat with checkable citations, the task table, the agencies.

Run with `streamlit run app.py` (or `make run`). Three pages share one process-wide
Assistant (the embedding model and the Chroma index load once per server) and a
per-browser-session conversation in `st.session_state`.

The plain helpers at the top make no Streamlit calls, so tests can import this file;
the pages draw only when Streamlit runs it (`main()`).
"""

from __future__ import annotations

import logging
import re
import textwrap
import zlib
from datetime import datetime, timezone
from typing import Any, Iterable

import streamlit as st

from assistant.notice.agencies import AGENCIES, BY_ID, Agency
from assistant.errors import AssistantError
from assistant.logs import log_to_stderr
from assistant.notice.load import notice_for
from assistant.notice.records import Notice, Task
from assistant.settings import Settings

log = logging.getLogger("assistant.app")

APP_TITLE = "IP Tasks Assistant"
STARTER_QUESTIONS = (
    "Who leads trade secret protection?",
    "Which tasks does the Ministry of Commerce lead?",
    "Is task 24 led by the Copyright Bureau?",
    "What does part 5 cover?",
)
EMPTY_INPUT_MESSAGE = (
    'Please type a question first: your message was empty. For example: "Who leads trade secret protection?"'
)
GENERIC_ERROR_MESSAGE = "Something went wrong while answering. Please try again, or rephrase the question."
LOADING_MESSAGE = "Loading the model and index..."
MAX_QUESTION_CHARS = 1000

# Widget keys whose values must survive a visit to another page (Streamlit drops the
# state of widgets a run does not draw, unless it is written back each run).
PERSISTENT_KEYS = (
    "chat_agencies", "chat_lead_only", "chat_part",
    "tasks_query", "tasks_agencies", "tasks_lead_only", "tasks_part",
    "agency_choice",
)

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~$])")
_UNESCAPED_DOLLAR = re.compile(r"(?<!\\)\$")


# --- plain helpers (no Streamlit calls) --------------------------------------------------------------

def escape_markdown(text: str) -> str:
    """Text shown through st.markdown exactly as written: no emphasis, links, HTML or maths."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def answer_markdown(text: str) -> str:
    """The assistant's Markdown, with "$" kept literal (Streamlit would read "$...$" as LaTeX)."""
    return _UNESCAPED_DOLLAR.sub(r"\\$", text)


def sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def agency_label(agency: Agency) -> str:
    return f"{agency.name} ({agency.abbreviations[0]})" if agency.abbreviations else agency.name


NAME_TO_ID = {a.name: a.id for a in AGENCIES}
AGENCY_NAMES = tuple(sorted(NAME_TO_ID))


def agency_name_label(name: str) -> str:
    """How a canonical name is shown in a multiselect: with its abbreviation, so 'SIPO' finds it too."""
    return agency_label(BY_ID[NAME_TO_ID[name]])


ALL_PARTS = 0  # the part selectboxes' first option (a None option would read as "nothing chosen")


def part_label(part: int | None, notice: Notice) -> str:
    if not part:
        return "All parts"
    return f"Part {part}: {sentence_case(notice.part(part).title)}"


def filters_summary(agency_names: Iterable[str], lead_only: bool, part: int | None, notice: Notice) -> str:
    """One line saying what the filters keep, or "" when none is set."""
    names = list(agency_names)
    pieces = []
    if names:
        verb = "led by" if lead_only else "involving"
        pieces.append(f"tasks {verb} {' and '.join(names)}")
    if part:
        pieces.append(part_label(part, notice))
    return "; ".join(pieces)


def make_filters(agency_names: Iterable[str], lead_only: bool, part: int | None):
    """The search filters for the chat, or None when nothing is selected."""
    from assistant.search.retrieve import Filters

    ids = tuple(NAME_TO_ID[name] for name in agency_names)
    if not ids and not part:
        return None
    return Filters(agency_ids=ids, lead_only=lead_only and bool(ids), part=part or None)


def model_history(messages: list[dict]) -> list[dict]:
    """The turns the assistant reads as context: answered ones only, as {"role", "content"}."""
    history: list[dict] = []
    for user, reply in zip(messages[::2], messages[1::2]):
        if reply.get("error"):
            continue
        history += [{"role": "user", "content": user["content"]}, {"role": "assistant", "content": reply["content"]}]
    return history


def names_of(agencies: list[Agency], task: Task) -> str:
    """Canonical names, each with the notice's own wording when it differs."""
    from assistant.answer.compose import notice_wording

    parts = []
    for agency in agencies:
        wording = notice_wording(agency, task)
        parts.append(f'{agency.name} (the notice: "{wording}")' if wording else agency.name)
    return "; ".join(parts)


def task_summary(task: Task, width: int = 80) -> str:
    return textwrap.shorten(task.text, width, placeholder="...")


def citation_label(task: Task) -> str:
    return f"Task {task.number} — {task_summary(task, 70)}"


def task_details_markdown(task: Task) -> str:
    """What a reader needs to check a citation: where the task sits, its words, who does it."""
    lines = [
        f"**Part {task.part}:** {escape_markdown(sentence_case(task.part_title))}  ",
        f"**Heading ({task.heading_number}):** {escape_markdown(task.heading)}",
        "",
        f"> {escape_markdown(task.text)}",
        "",
        f"**Lead:** {escape_markdown(names_of(task.leads, task)) or 'none named'}  ",
        f"**Other agencies:** {escape_markdown(names_of(task.others, task)) or 'none'}",
    ]
    return "\n".join(lines)


def agency_wording_line(task: Task) -> str:
    wording = f"The notice's agency wording: “({task.agency_text})”"
    if task.lead_wording:
        wording += f" — the lead is named explicitly (“{task.lead_wording}”)"
    return escape_markdown(wording)


def conversation_markdown(messages: list[dict], notice: Notice, now: datetime | None = None) -> str:
    """The conversation as a Markdown file: each question, its answer, and the cited tasks in full."""
    now = now or datetime.now(timezone.utc)
    out = [
        f"# {APP_TITLE}: conversation",
        "",
        f"Exported {now:%Y-%m-%d %H:%M} UTC. Answers come from {notice.title or 'the State Council notice'}.",
        "",
    ]
    number = 0
    for message in messages:
        if message["role"] == "user":
            number += 1
            out += [f"## Question {number}", ""]
            out += [f"> {escape_markdown(line)}" if line.strip() else ">" for line in message["content"].splitlines()]
            out.append("")
            continue
        if message.get("filters"):
            out += [f"_Filters: {message['filters']}_", ""]
        if message.get("error"):
            out += [f"**Error:** {message['error']}", ""]
            continue
        out += ["### Answer", "", message["content"].strip(), ""]
        for note in message.get("notes") or []:
            out += [f"_Note: {note}_", ""]
        cited = [notice.task(n) for n in message.get("citations") or [] if notice.has_task(n)]
        if cited:
            out += ["### Cited tasks", ""]
            for task in cited:
                out += [
                    f"- **Task {task.number}**, part {task.part} ({sentence_case(task.part_title)}), "
                    f"heading ({task.heading_number}) {task.heading}",
                    f"  - Text: {task.text}",
                    f"  - Lead: {names_of(task.leads, task) or 'none named'}",
                    f"  - Other agencies: {names_of(task.others, task) or 'none'}",
                    f"  - The notice's agency wording: ({task.agency_text})",
                ]
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def filter_tasks(tasks: Iterable[Task], query: str = "", agency_names: Iterable[str] = (),
                 lead_only: bool = False, part: int | None = None) -> list[Task]:
    """The tasks matching every word of `query` (text, heading, part, agencies, number), every agency, the part."""
    from assistant.search.retrieve import Filters

    filters = Filters(tuple(NAME_TO_ID[name] for name in agency_names), lead_only=lead_only, part=part or None)
    words = [w for w in re.split(r"\s+", query.strip().casefold()) if w and w not in {"task", "tasks"}]
    return [task for task in tasks if filters.admits(task) and all(_matches(word, task) for word in words)]


def _matches(word: str, task: Task) -> bool:
    word = word.lstrip("#")
    if word.isdigit():
        return task.number == int(word)
    haystack = " ".join([
        task.text, task.heading, task.part_title, task.agency_text,
        *(a.name for a in task.agencies), *(abbr for a in task.agencies for abbr in a.abbreviations),
    ]).casefold()
    return word in haystack


def task_rows(tasks: Iterable[Task]) -> list[dict]:
    return [
        {
            "number": t.number,
            "part": t.part,
            "heading": t.heading,
            "text": t.text,
            "leads": "; ".join(a.name for a in t.leads),
            "others": "; ".join(a.name for a in t.others),
        }
        for t in tasks
    ]


def agency_counts(notice: Notice) -> list[dict]:
    """Per agency: tasks it leads and tasks it joins without leading, busiest first."""
    from assistant.cli import agency_table

    return [
        {"agency": row["name"], "id": row["id"], "leads": len(row["leads"]), "takes part": len(row["takes_part"]),
         "total": len(row["involved"])}
        for row in agency_table(notice)
    ]


# --- shared resources -------------------------------------------------------------------------------

def current_settings() -> Settings:
    return Settings.from_env()


def get_notice() -> Notice:
    """The parsed notice (notice_for caches it per corpus file; no model, no index), or a one-line error."""
    try:
        return notice_for(current_settings())
    except AssistantError as error:
        st.error(f"The notice could not be read: {error}", icon=":material/error:")
    except Exception:  # noqa: BLE001 - the user gets one line, the log gets the traceback
        log.exception("the notice could not be read")
        st.error("The notice could not be read. See the server log for details.", icon=":material/error:")
    st.stop()


@st.cache_resource(show_spinner=LOADING_MESSAGE)
def load_assistant(settings_key: str, _settings: Settings):
    """One Assistant per server (and per settings): the model and the index load here, once."""
    from assistant.answer.chain import Assistant

    bot = Assistant(_settings)
    _ = bot.retriever  # load the model and open (or build) the index now, under the spinner
    return bot


def get_assistant():
    """The shared Assistant, or None after showing why it could not start."""
    settings = current_settings()
    try:
        return load_assistant(repr(settings), settings)
    except AssistantError as error:
        st.error(f"The assistant could not start: {error}", icon=":material/error:")
    except Exception:  # noqa: BLE001 - the user gets one line, the log gets the traceback
        log.exception("the assistant could not start")
        st.error("The assistant could not start: the model or the index failed to load. "
                 "See the server log for details, then reload the page.", icon=":material/error:")
    return None


# --- drawing helpers ------------------------------------------------------------------------------

def show_task_card(task: Task) -> None:
    st.markdown(task_details_markdown(task))
    st.caption(agency_wording_line(task))
    changed = [a for a in task.agencies if a.successor]
    if changed:
        st.caption(escape_markdown("Since the 2018 reorganisation: " + " ".join(
            f"{a.name}: {a.successor}." for a in changed)))


def show_citations(citations: list[int], notice: Notice) -> None:
    cited = [notice.task(n) for n in citations if notice.has_task(n)]
    if not cited:
        return
    st.caption("Cited tasks: open one to check it against the notice.")
    for task in cited:
        with st.expander(citation_label(task), icon=":material/format_quote:"):
            show_task_card(task)


def show_assistant_message(message: dict, notice: Notice) -> None:
    if message.get("error"):
        st.error(message["error"], icon=":material/error:")
        return
    st.markdown(answer_markdown(message["content"]))
    for note in message.get("notes") or []:
        st.caption(escape_markdown(note))
    if message.get("filters"):
        hint = ""
        if message.get("refused") and message.get("kind") == "out_of_scope":
            hint = " No task within them may match: clear the filters in the sidebar and ask again."
        st.caption(escape_markdown(f"Filters: {message['filters']}.{hint}"))
    show_citations(message.get("citations") or [], notice)


def show_message(message: dict, notice: Notice) -> None:
    if message["role"] == "user":
        with st.chat_message("user"):
            st.text(message["content"])  # the user's words as plain text: no Markdown, no HTML
    else:
        with st.chat_message("assistant"):
            show_assistant_message(message, notice)


def _queue_question(question: str) -> None:
    st.session_state["queued_question"] = question


def _clear_conversation() -> None:
    st.session_state["messages"] = []
    st.session_state.pop("queued_question", None)


# --- pages ----------------------------------------------------------------------------------------

def chat_page() -> None:
    st.set_page_config(layout="centered")  # a readable column for the conversation
    notice = get_notice()
    messages: list[dict] = st.session_state.setdefault("messages", [])

    with st.sidebar:
        st.subheader("Filters", anchor=False)
        agency_names = st.multiselect(
            "Agencies", AGENCY_NAMES, format_func=agency_name_label, key="chat_agencies",
            placeholder="Any agency (type to search)",
            help="Topic searches look only at tasks that involve every agency selected.",
        )
        lead_only = st.checkbox("Only tasks they lead", key="chat_lead_only", disabled=not agency_names,
                                help="Keep only the tasks the selected agencies lead.")
        part = st.selectbox("Part of the notice", [ALL_PARTS, *(p.number for p in notice.parts)],
                            format_func=lambda p: part_label(p, notice), key="chat_part")

    st.title("Ask the notice", anchor=False)
    st.caption("Who does what in the State Council's 2016 notice dividing 106 intellectual-property tasks "
               "among agencies. Every answer cites its tasks; open a citation to check it.")

    question = st.chat_input("Ask about the 106 tasks, e.g. Who leads trade secret protection?",
                             max_chars=MAX_QUESTION_CHARS, submit_mode="disable", key="chat_question")
    if question is None:
        question = st.session_state.pop("queued_question", None)

    summary = filters_summary(agency_names, lead_only, part, notice)
    if summary:
        st.info(escape_markdown(
            f"Filters on: {summary}. They narrow topic searches; questions that name a task, list an agency's "
            "tasks, count tasks or ask about a part are answered from the whole notice."),
            icon=":material/filter_alt:")

    bot = get_assistant()

    for message in messages:
        show_message(message, notice)

    if not messages and question is None:
        show_welcome()

    if question is not None:
        if not question.strip():
            st.warning(EMPTY_INPUT_MESSAGE, icon=":material/edit_note:")
        elif bot is not None:
            answer_question(bot, question, make_filters(agency_names, lead_only, part), summary, notice)

    with st.sidebar:
        st.divider()
        st.subheader("Conversation", anchor=False)
        st.button("Clear conversation", icon=":material/delete_sweep:", on_click=_clear_conversation,
                  disabled=not messages, width="stretch")
        st.download_button(
            "Download as Markdown", conversation_markdown(messages, notice) if messages else "",
            file_name="ip-tasks-conversation.md", mime="text/markdown", icon=":material/download:",
            disabled=not messages, on_click="ignore", width="stretch",
        )
        st.caption("Answers are composed from the notice's task records, with its own words quoted. "
                   "Agency names are those of 2016.")


def show_welcome() -> None:
    st.markdown("**Try one of these:**")
    columns = st.columns(2)
    for i, starter in enumerate(STARTER_QUESTIONS):
        columns[i % 2].button(starter, key=f"starter_{i}", on_click=_queue_question, args=(starter,),
                              width="stretch")
    st.caption("Or browse the notice:")
    left, right, _ = st.columns([1, 1, 2])
    if left.button("All 106 tasks", icon=":material/table_rows:", type="tertiary", key="goto_tasks"):
        st.switch_page(PAGES["tasks"])
    if right.button("Agencies", icon=":material/account_balance:", type="tertiary", key="goto_agencies"):
        st.switch_page(PAGES["agencies"])


def answer_question(bot, question: str, filters, summary: str, notice: Notice) -> None:
    messages: list[dict] = st.session_state["messages"]
    user = {"role": "user", "content": question}
    show_message(user, notice)
    with st.chat_message("assistant"):
        reply: dict[str, Any] = {"role": "assistant", "content": "", "citations": [], "notes": [], "kind": "",
                                 "refused": False, "filters": summary, "error": ""}
        try:
            with st.spinner("Searching the notice..."):
                answer = bot.ask(question, history=model_history(messages), filters=filters)
            reply.update(content=answer.text, citations=list(answer.citations), kind=answer.kind,
                         refused=answer.refused, notes=[n for n in answer.notes if _for_user(n)])
        except AssistantError as error:
            reply["error"] = f"Sorry, I could not answer that: {error}"
        except Exception:  # noqa: BLE001 - the user gets one line, the log gets the traceback
            log.exception("answering %r failed", question)
            reply["error"] = GENERIC_ERROR_MESSAGE
        show_assistant_message(reply, notice)
    messages += [user, reply]


def _for_user(note: str) -> bool:
    """Notes about the optional language model are for the log, not the reader."""
    return not note.startswith(("phrased by", "model answer set aside"))


def tasks_page() -> None:
    notice = get_notice()
    st.title("The 106 tasks", anchor=False)
    st.caption("Every task of the notice with its lead and other agencies. Search, filter, and select a row "
               "to read the task in full.")

    search, agencies_column, part_column = st.columns([3, 3, 2])
    query = search.text_input("Search the tasks", key="tasks_query",
                              placeholder="Words or a task number, e.g. customs",
                              help="Every word must appear in the task's text, heading, part or agencies.")
    agency_names = agencies_column.multiselect(
        "Agencies", AGENCY_NAMES, format_func=agency_name_label, key="tasks_agencies",
        placeholder="Any agency (type to search)", help="Tasks that involve every agency selected.",
    )
    part = part_column.selectbox("Part", [ALL_PARTS, *(p.number for p in notice.parts)],
                                 format_func=lambda p: part_label(p, notice), key="tasks_part")
    lead_only = st.checkbox("Only tasks the selected agencies lead", key="tasks_lead_only",
                            disabled=not agency_names)

    selected = filter_tasks(notice.tasks, query, agency_names, lead_only and bool(agency_names), part)
    st.caption(f"Showing {len(selected)} of {len(notice.tasks)} tasks.")
    if not selected:
        st.info("No task matches. Remove a word or a filter.", icon=":material/search_off:")
        return
    selectable_tasks(
        selected, task_rows(selected), max_height=640,
        columns={
            "number": st.column_config.NumberColumn("Task", width=56, format="%d", pinned=True),
            "part": st.column_config.NumberColumn("Part", width=48, format="%d"),
            "heading": st.column_config.TextColumn("Heading", width=170),
            "text": st.column_config.TextColumn("Text", width=360),
            "leads": st.column_config.TextColumn("Lead", width=170),
            "others": st.column_config.TextColumn("Other agencies", width=240),
        },
        # A new key when the filters change, so a selection never points at a row that moved.
        key=f"tasks_table_{zlib.crc32(repr((query, agency_names, lead_only, part)).encode()):08x}",
    )


def selectable_tasks(shown: list[Task], rows: list[dict], columns: dict, max_height: int, key: str) -> None:
    """A table of tasks, one row each; selecting a row shows that task's full card below it."""
    event = st.dataframe(rows, hide_index=True, width="stretch",
                         height="auto" if len(shown) <= 10 else max_height, column_config=columns,
                         on_select="rerun", selection_mode="single-row", key=key)
    show_selected_task(event, shown)


def show_selected_task(event, shown: list[Task]) -> None:
    """The full card of the task selected in a table, below it."""
    rows = list(getattr(getattr(event, "selection", None), "rows", []) or [])
    if rows and rows[0] < len(shown):
        task = shown[rows[0]]
        with st.container(border=True):
            st.subheader(f"Task {task.number}", anchor=False)
            show_task_card(task)


def agencies_page() -> None:
    import altair as alt

    notice = get_notice()
    counts = agency_counts(notice)
    st.title("Agencies", anchor=False)
    st.caption(f"The {len(counts)} agencies the notice names: how many of its {len(notice.tasks)} tasks each "
               "leads, and how many more it takes part in.")

    long_rows = [
        {"agency": row["agency"], "role": role, "tasks": row[key], "total": row["total"]}
        for row in counts for role, key in (("Leads", "leads"), ("Takes part", "takes part"))
    ]
    order = [row["agency"] for row in counts]
    chart = (
        alt.Chart(alt.Data(values=long_rows))
        .mark_bar()
        .encode(
            y=alt.Y("agency:N", sort=order, title=None, axis=alt.Axis(labelLimit=380, labelOverlap=False)),
            x=alt.X("tasks:Q", title="Tasks", stack="zero"),
            color=alt.Color("role:N", title=None, sort=["Leads", "Takes part"],
                            scale=alt.Scale(domain=["Leads", "Takes part"], range=["#1f5fa8", "#9cc3e6"]),
                            legend=alt.Legend(orient="top")),
            order=alt.Order("role_order:Q"),
            tooltip=[alt.Tooltip("agency:N", title="Agency"), alt.Tooltip("role:N", title="Role"),
                     alt.Tooltip("tasks:Q", title="Tasks"), alt.Tooltip("total:Q", title="Involved in")],
        )
        .transform_calculate(role_order="datum.role === 'Leads' ? 0 : 1")
        .properties(height=alt.Step(20))
    )
    st.altair_chart(chart, width="stretch")

    ids = [row["id"] for row in counts]
    choice = st.selectbox("Choose an agency to list its tasks", ids, key="agency_choice",
                          format_func=lambda i: agency_label(BY_ID[i]))
    agency = BY_ID[choice]
    led = notice.tasks_led_by(agency.id)
    joined = [t for t in notice.tasks_involving(agency.id) if not t.led_by(agency.id)]
    st.subheader(agency.name, anchor=False)
    facts = [agency.chinese]
    if agency.abbreviations:
        facts.append("also " + ", ".join(agency.abbreviations))
    st.caption(escape_markdown(" · ".join(facts)))
    if agency.successor:
        st.caption(escape_markdown(f"Since 2018: {sentence_case(agency.successor)}."))
    lead_metric, part_metric = st.columns(2)
    lead_metric.metric("Leads", len(led))
    part_metric.metric("Takes part in (without leading)", len(joined))
    listed = [*led, *joined]
    st.caption("Select a row to read the task in full.")
    selectable_tasks(
        listed,
        [{"task": t.number, "role": "Lead" if t.led_by(agency.id) else "Takes part", "part": t.part, "text": t.text,
          "with": "; ".join(a.name for a in t.agencies if a.id != agency.id)} for t in listed],
        max_height=420,
        columns={
            "task": st.column_config.NumberColumn("Task", width=56, format="%d", pinned=True),
            "role": st.column_config.TextColumn("Role", width=90),
            "part": st.column_config.NumberColumn("Part", width=48, format="%d"),
            "text": st.column_config.TextColumn("Text", width=420),
            "with": st.column_config.TextColumn("With", width=300),
        },
        key=f"agency_tasks_{agency.id}",
    )


PAGES: dict[str, Any] = {}


def main() -> None:
    st.set_page_config(page_title=APP_TITLE, page_icon=":material/gavel:", layout="wide")
    log_to_stderr("%(asctime)s %(name)s %(levelname)s %(message)s")
    for key in PERSISTENT_KEYS:  # keep filter choices while the user visits another page
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]
    PAGES.update(
        chat=st.Page(chat_page, title="Chat", icon=":material/forum:", default=True),
        tasks=st.Page(tasks_page, title="Tasks", icon=":material/table_rows:", url_path="tasks"),
        agencies=st.Page(agencies_page, title="Agencies", icon=":material/account_balance:", url_path="agencies"),
    )
    with __import__("contextlib").suppress(ImportError):  # the "Check a document" page, where installed
        from assistant.ui.check_page import TITLE, page as check_page
        PAGES["check"] = st.Page(check_page, title=TITLE, icon=":material/fact_check:", url_path="check")
    st.navigation(list(PAGES.values())).run()


if __name__ == "__main__":
    main()
