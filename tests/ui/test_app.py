"""The Streamlit app, driven headless with AppTest: the real notice, model and a Chroma index in a temp folder.

The Assistant is cached per server process (st.cache_resource), so the model loads
once for this module; each test starts a fresh browser session (a new AppTest).
"""

from __future__ import annotations

import importlib.util
import os
from datetime import datetime, timezone
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
TIMEOUT = 120
TRADE_SECRETS = "Who leads trade secret protection?"
SAIC = "State Administration for Industry and Commerce"


@pytest.fixture(scope="module", autouse=True)
def index_dir(tmp_path_factory):
    """The app's index in a temporary folder (IPQA_INDEX_DIR), restored when the module ends."""
    folder = tmp_path_factory.mktemp("app-index")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("IPQA_INDEX_DIR", str(folder))
        yield folder


@pytest.fixture(scope="module")
def app_module():
    """app.py imported as a module (its drawing code runs only under Streamlit), for its plain helpers."""
    spec = importlib.util.spec_from_file_location("ipqa_app", APP)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def start() -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    assert not at.exception, at.exception
    return at


def ask(at: AppTest, question: str) -> AppTest:
    at.chat_input(key="chat_question").set_value(question).run()
    assert not at.exception, at.exception
    return at


def answers(at: AppTest) -> list[str]:
    """The Markdown of each assistant message, in order (its first Markdown element is the answer)."""
    return [m.markdown[0].value for m in at.chat_message if m.name == "assistant" and len(m.markdown)]


def expander_labels(block) -> list[str]:
    return [e.label for e in block.expander]


def messages(at: AppTest) -> list[dict]:
    return at.session_state["messages"]


def open_page(at: AppTest, key: str) -> AppTest:
    """Go to another page through the welcome screen's buttons (they call st.switch_page)."""
    at.button(key=f"goto_{key}").click().run()
    assert not at.exception, at.exception
    return at


# --- the chat -----------------------------------------------------------------------------------------

def test_first_screen_offers_starters_and_no_conversation():
    at = start()
    labels = [b.label for b in at.button]
    assert "Who leads trade secret protection?" in labels
    assert "What does part 5 cover?" in labels
    assert not at.chat_message
    clear = next(b for b in at.sidebar.button if b.label == "Clear conversation")
    assert clear.disabled
    assert at.sidebar.download_button[0].disabled


def test_question_gets_the_lead_the_citation_and_a_task_expander():
    at = ask(start(), TRADE_SECRETS)
    [answer] = answers(at)
    assert SAIC in answer
    assert "[Task 24]" in answer
    reply = at.chat_message[1]
    assert reply.name == "assistant"
    labels = expander_labels(reply)
    assert labels and labels[0].startswith("Task 24 ")
    card = " ".join(m.value for m in reply.expander[0].markdown)
    assert "Promote the improvement of trade secret protection laws and regulations" in card
    assert "**Part 2:**" in card and "**Heading (3):**" in card
    assert f"**Lead:** {SAIC}" in card
    assert "Legislative Affairs Office of the State Council" in card
    wording = " ".join(c.value for c in reply.expander[0].caption)
    assert "General Administration of Industry and Commerce" in wording
    assert messages(at)[1]["citations"][0] == 24


def test_past_answers_keep_their_citation_expanders():
    at = ask(ask(start(), TRADE_SECRETS), "Who handles customs enforcement?")
    replies = [m for m in at.chat_message if m.name == "assistant"]
    assert len(replies) == 2
    assert expander_labels(replies[0])[0].startswith("Task 24 ")
    assert expander_labels(replies[1])[0].startswith("Task 25 ")


def test_follow_up_uses_the_conversation():
    at = ask(ask(start(), TRADE_SECRETS), "And who else is involved?")
    first, follow_up = answers(at)
    assert "[Task 24]" in follow_up
    assert "Legislative Affairs Office of the State Council" in follow_up
    assert messages(at)[3]["kind"] == "lookup"  # a look-up of the agencies on the task just discussed
    assert expander_labels(at.chat_message[3])[0].startswith("Task 24 ")


def test_starter_button_asks_its_question():
    at = start()
    next(b for b in at.button if b.label == "Is task 24 led by the Copyright Bureau?").click().run()
    assert not at.exception
    assert at.chat_message[0].text[0].value == "Is task 24 led by the Copyright Bureau?"
    [answer] = answers(at)
    assert answer.startswith("**No.**")
    assert SAIC in answer
    assert not [b for b in at.button if b.label == "What does part 5 cover?"], "starters hide once a chat starts"


def test_agency_filter_changes_a_topic_answer(notice):
    question = "Who works on patent pledge financing?"
    plain = ask(start(), question)
    assert "[Task 102]" in answers(plain)[0]

    at = start()
    at.multiselect(key="chat_agencies").select("Ministry of Commerce").run()
    at.checkbox(key="chat_lead_only").check().run()
    info = " ".join(i.value for i in at.info)
    assert "Filters on: tasks led by Ministry of Commerce" in info
    ask(at, question)
    [answer] = answers(at)
    assert "[Task 102]" not in answer
    first = messages(at)[1]["citations"][0]
    assert first != 102 and notice.task(first).led_by("mofcom"), "the answer comes from a task MOFCOM leads"
    assert f"[Task {first}]" in answer and "**Ministry of Commerce**" in answer
    assert expander_labels(at.chat_message[1])[0].startswith(f"Task {first} ")
    assert "Filters: tasks led by Ministry of Commerce" in " ".join(c.value for c in at.chat_message[1].caption)


def test_part_filter_changes_a_topic_answer():
    at = start()
    at.selectbox(key="chat_part").set_value(5).run()
    assert "Part 5" in at.info[0].value
    [answer] = answers(ask(at, "Who leads work on geographical indications?"))
    assert "[Task 32]" not in answer
    task = int(answer.split("[Task ")[1].split("]")[0])
    assert 87 <= task <= 97


def test_whitespace_input_gets_a_friendly_message():
    at = ask(start(), "   \n  ")
    assert "Please type a question" in at.warning[0].value
    assert not at.error
    assert messages(at) == []
    assert not at.chat_message


def test_clear_conversation_empties_the_history():
    at = ask(ask(start(), TRADE_SECRETS), "And who else is involved?")
    assert len(messages(at)) == 4
    next(b for b in at.sidebar.button if b.label == "Clear conversation").click().run()
    assert not at.exception
    assert messages(at) == []
    assert not at.chat_message
    assert "Who leads trade secret protection?" in [b.label for b in at.button]
    # A question after clearing is answered afresh, not as a follow-up of the cleared turns.
    [answer] = answers(ask(at, "And who else is involved?"))
    assert "[Task 24]" not in answer


def test_user_text_is_shown_as_text_never_as_html():
    question = "<b>bold</b> **stars** [link](http://example.com)"
    at = ask(start(), question)
    assert at.chat_message[0].text[0].value == question
    for element in at.markdown:
        assert not element.proto.allow_html
        assert "<b>" not in element.value
    assert not answers(at)[0].startswith("<b>")


def test_answer_errors_show_one_line_not_a_traceback(monkeypatch):
    from assistant.answer.chain import Assistant
    from assistant.errors import IndexUnavailable

    at = start()

    def unavailable(self, question, history=None, filters=None):
        raise IndexUnavailable("the vector index at /somewhere could not be opened")

    monkeypatch.setattr(Assistant, "ask", unavailable)
    ask(at, TRADE_SECRETS)
    assert "could not answer that: the vector index at /somewhere could not be opened" in at.error[0].value
    assert not at.exception

    def broken(self, question, history=None, filters=None):
        raise RuntimeError("boom\nTraceback (most recent call last): ...")

    monkeypatch.setattr(Assistant, "ask", broken)
    ask(at, "And who else is involved?")
    assert "Something went wrong while answering" in at.error[-1].value
    assert "Traceback" not in " ".join(e.value for e in at.error)
    assert not at.exception
    monkeypatch.undo()
    # Failed turns are not context for the next question, and the chat goes on.
    [*_, last] = answers(ask(at, TRADE_SECRETS))
    assert "[Task 24]" in last


def test_download_holds_the_conversation_with_citations(app_module):
    at = ask(start(), TRADE_SECRETS)
    assert not at.sidebar.download_button[0].disabled
    from assistant.notice.load import notice_for
    from assistant.settings import Settings

    text = app_module.conversation_markdown(messages(at), notice_for(Settings()),
                                            now=datetime(2026, 1, 2, 3, 4, tzinfo=timezone.utc))
    assert text.startswith("# IP Tasks Assistant: conversation")
    assert "## Question 1\n\n> Who leads trade secret protection?" in text
    assert "[Task 24]" in text
    assert "- **Task 24**, part 2" in text
    assert f"  - Lead: {SAIC}" in text


# --- the other pages ------------------------------------------------------------------------------------

def test_tasks_page_lists_all_106_tasks_and_filters_them():
    at = open_page(start(), "tasks")
    assert at.title[0].value == "The 106 tasks"
    table = at.dataframe[0].value
    assert len(table) == 106
    assert list(table.columns) == ["number", "part", "heading", "text", "leads", "others"]
    assert table.loc[table["number"] == 24, "leads"].item() == SAIC

    at.text_input(key="tasks_query").input("customs").run()
    found = set(at.dataframe[0].value["number"])
    assert 25 in found and len(found) < 106

    at.text_input(key="tasks_query").input("").run()
    at.multiselect(key="tasks_agencies").select("Ministry of Commerce").run()
    at.checkbox(key="tasks_lead_only").check().run()
    assert list(at.dataframe[0].value["number"]) == [63, 79, 80, 84, 86, 88, 91, 92]

    at.selectbox(key="tasks_part").set_value(5).run()
    assert list(at.dataframe[0].value["number"]) == [88, 91, 92]
    assert not at.exception


def test_tasks_page_says_when_nothing_matches():
    at = open_page(start(), "tasks")
    at.text_input(key="tasks_query").input("zzzz-not-in-the-notice").run()
    assert not at.dataframe
    assert "No task matches" in at.info[0].value


def test_agencies_page_renders_chart_and_an_agencys_tasks():
    at = open_page(start(), "agencies")
    assert not at.exception
    assert at.title[0].value == "Agencies"
    assert at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")
    choice = at.selectbox(key="agency_choice")
    assert choice.value == "sipo"
    table = at.dataframe[0].value
    assert len(table) == 93 and list(table["role"][:50]) == ["Lead"] * 50
    choice.set_value("mofcom").run()
    table = at.dataframe[0].value
    assert list(table["task"][:8]) == [63, 79, 80, 84, 86, 88, 91, 92]
    assert set(table["role"][8:]) == {"Takes part"}


def test_filters_survive_a_visit_to_another_page():
    at = start()
    at.multiselect(key="chat_agencies").select("National Copyright Administration").run()
    open_page(at, "tasks")
    at.run()  # a second run without the chat page's widgets: Streamlit would drop their state here
    assert at.session_state["chat_agencies"] == ["National Copyright Administration"]


# --- the plain helpers ------------------------------------------------------------------------------------

def test_escape_markdown_keeps_text_literal(app_module):
    assert app_module.escape_markdown("<b>x</b> *y* $1 [a](b)") == r"\<b\>x\</b\> \*y\* \$1 \[a\](b)"
    assert app_module.answer_markdown("costs $5 and \\$6") == "costs \\$5 and \\$6"


def test_model_history_skips_failed_turns(app_module):
    turns = [
        {"role": "user", "content": "q1"}, {"role": "assistant", "content": "a1 [Task 24]", "error": ""},
        {"role": "user", "content": "q2"}, {"role": "assistant", "content": "", "error": "Sorry"},
    ]
    assert app_module.model_history(turns) == [
        {"role": "user", "content": "q1"}, {"role": "assistant", "content": "a1 [Task 24]"},
    ]


def test_filter_tasks_by_number_words_and_agency(app_module, notice):
    assert [t.number for t in app_module.filter_tasks(notice.tasks, "task 24")] == [24]
    assert [t.number for t in app_module.filter_tasks(notice.tasks, "#24")] == [24]
    secrets = app_module.filter_tasks(notice.tasks, "TRADE secret")
    assert 24 in [t.number for t in secrets]
    led = app_module.filter_tasks(notice.tasks, agency_names=["Ministry of Commerce"], lead_only=True)
    assert [t.number for t in led] == [63, 79, 80, 84, 86, 88, 91, 92]
    assert len(app_module.filter_tasks(notice.tasks, part=5)) == 11
    assert len(app_module.filter_tasks(notice.tasks, "SAIC")) == len(notice.tasks_involving("saic"))


def test_make_filters(app_module):
    assert app_module.make_filters([], True, None) is None
    filters = app_module.make_filters(["State Intellectual Property Office"], True, 2)
    assert (filters.agency_ids, filters.lead_only, filters.part) == (("sipo",), True, 2)
    assert app_module.make_filters([], True, 3).lead_only is False


def test_index_dir_points_at_the_temporary_folder(index_dir):
    assert os.environ["IPQA_INDEX_DIR"] == str(index_dir)
