"""The pages, driven headless with AppTest: the real notice, model and a Chroma index in a temp folder.

The whole app (assistant.ui.navigation.run, whose default page is the chat) or one page at a time.
The Assistant is cached per server process (st.cache_resource), so the model loads once for this
module; each test starts a fresh browser session (a new AppTest).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pytest

from assistant.ui.conversation import CONVERSATION_PARAM, Turn, encode_turns
from assistant.ui.text import MAX_CITATION_EXPANDERS, FilterChoice

if TYPE_CHECKING:  # imported where used: 0.4 s of every collection, the fast tier's too
    from streamlit.testing.v1 import AppTest

pytestmark = pytest.mark.slow

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


def whole_app() -> None:
    from assistant.ui.navigation import run

    run()


def tasks_only() -> None:
    from assistant.ui import tasks_page

    tasks_page.page()


def agencies_only() -> None:
    from assistant.ui import agencies_page

    agencies_page.page()


def start(script=whole_app, query_params: dict | None = None) -> AppTest:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(script, default_timeout=TIMEOUT)
    at.query_params.update(query_params or {})
    at.run()
    assert not at.exception, at.exception
    return at


def ask(at: AppTest, question: str) -> AppTest:
    at.chat_input(key="chat_question").set_value(question).run()
    assert not at.exception, at.exception
    return at


def replies(at: AppTest) -> list:
    return [m for m in at.chat_message if m.name == "assistant"]


def answers(at: AppTest) -> list[str]:
    """The Markdown of each assistant message, in order (its first Markdown element is the answer)."""
    return [m.markdown[0].value for m in replies(at) if len(m.markdown)]


def expander_labels(block) -> list[str]:
    return [e.label for e in block.expander]


def turns(at: AppTest) -> list[Turn]:
    return at.session_state["turns"]


@dataclass
class StandIn:
    """An answer as the rewritten answering API returns it: with `query` and `evidence` fields."""

    text: str
    citations: list[int]
    kind: str = "lead"
    refused: bool = False
    notes: list[str] = field(default_factory=list)
    query: str = ""
    evidence: str = ""


def answer_with(monkeypatch, answer) -> None:
    from assistant.answer.chain import Assistant

    monkeypatch.setattr(Assistant, "ask", lambda self, question, history=None, filters=None: answer)


# --- the chat -----------------------------------------------------------------------------------------

def test_first_screen_offers_starters_and_no_conversation():
    at = start()
    labels = [b.label for b in at.button]
    assert "Who leads trade secret protection?" in labels
    assert "What does part 5 cover?" in labels
    assert not at.chat_message
    clear = next(b for b in at.sidebar.button if b.label == "Clear conversation")
    assert clear.disabled
    assert next(b for b in at.sidebar.button if b.label == "Clear filters").disabled
    assert at.sidebar.download_button[0].disabled


def test_an_answer_links_its_citation_and_opens_to_the_task_card():
    at = ask(start(), TRADE_SECRETS)
    [answer] = answers(at)
    assert SAIC in answer
    assert "[Task 24](tasks?task=24)" in answer
    reply = replies(at)[0]
    labels = expander_labels(reply)
    assert labels and labels[0].startswith("Task 24 ")
    card = " ".join(m.value for m in reply.expander[0].markdown)
    assert "Promote the improvement of trade secret protection laws and regulations" in card
    assert "**Part 2:**" in card and "**Heading (3):**" in card
    assert f"**Lead:** {SAIC}" in card
    wording = " ".join(c.value for c in reply.expander[0].caption)
    assert "General Administration of Industry and Commerce" in wording
    assert turns(at)[0].reply.citations[0] == 24


def address_value(at: AppTest) -> str:
    """The `?chat=` value the page writes into the address bar (with a script, see keep_in_address)."""
    import json

    [script] = [h.proto.body for h in at.get("html") if "history.replaceState" in h.proto.body]
    return json.loads(re.search(r"value = (\"[^\"]*\")", script).group(1))


def test_the_conversation_goes_into_the_address_and_comes_back_from_it():
    at = ask(ask(start(), TRADE_SECRETS), "And who else is involved?")
    kept = address_value(at)
    assert kept == encode_turns(turns(at))

    again = start(query_params={CONVERSATION_PARAM: kept})
    assert [t.question for t in turns(again)] == [TRADE_SECRETS, "And who else is involved?"]
    first, follow_up = answers(again)
    assert SAIC in first
    assert "Legislative Affairs Office of the State Council" in follow_up, "answered as a follow-up again"


def test_a_damaged_conversation_link_starts_afresh():
    at = start(query_params={CONVERSATION_PARAM: "not-a-conversation"})
    assert "could not be read" in at.warning[0].value
    assert turns(at) == []
    assert CONVERSATION_PARAM not in at.query_params


def test_a_restored_conversation_restores_its_filters():
    kept = encode_turns([Turn("Who works on patent pledge financing?", FilterChoice(("mofcom",), True, None))])
    at = start(query_params={CONVERSATION_PARAM: kept})
    assert at.multiselect(key="chat_agencies").value == ["mofcom"]
    assert at.checkbox(key="chat_lead_only").value is True
    assert "Filters: tasks led by Ministry of Commerce" in " ".join(c.value for c in replies(at)[0].caption)


def test_follow_up_uses_the_conversation():
    at = ask(ask(start(), TRADE_SECRETS), "And who else is involved?")
    first, follow_up = answers(at)
    assert "[Task 24]" in follow_up
    assert "Legislative Affairs Office of the State Council" in follow_up
    assert turns(at)[1].reply.kind == "lookup"  # the agencies of the task just discussed
    assert expander_labels(replies(at)[1])[0].startswith("Task 24 ")


def test_starter_button_asks_its_question():
    at = start()
    next(b for b in at.button if b.label == "Is task 24 led by the Copyright Bureau?").click().run()
    assert not at.exception
    assert at.chat_message[0].text[0].value == "Is task 24 led by the Copyright Bureau?"
    [answer] = answers(at)
    assert answer.startswith("**No.**")
    assert SAIC in answer
    assert not [b for b in at.button if b.label == "What does part 5 cover?"], "starters hide once a chat starts"


def test_edit_puts_the_question_back_and_ask_again_asks_it_anew():
    at = ask(start(), TRADE_SECRETS)
    at.button(key="edit_0").click().run()
    assert at.chat_input(key="chat_question").value == TRADE_SECRETS
    at.button(key="again_0").click().run()
    assert [t.question for t in turns(at)] == [TRADE_SECRETS, TRADE_SECRETS]
    assert all(SAIC in a for a in answers(at))


def test_agency_filter_changes_a_topic_answer():
    question = "Who works on patent pledge financing?"
    plain = ask(start(), question)
    assert "[Task 102]" in answers(plain)[0]

    at = start()
    at.multiselect(key="chat_agencies").select("mofcom").run()
    at.checkbox(key="chat_lead_only").check().run()
    info = " ".join(i.value for i in at.info)
    assert "Filters on: tasks led by Ministry of Commerce" in info
    ask(at, question)
    [answer] = answers(at)
    assert "[Task 102]" not in answer
    # MOFCOM leads no task on pledge financing: the answer cites nothing and says the filters are why
    assert not turns(at)[0].reply.citations and "filters allow" in answer, answer
    assert "Filters: tasks led by Ministry of Commerce" in " ".join(c.value for c in replies(at)[0].caption)


def test_clear_filters_empties_them():
    at = start()
    at.multiselect(key="chat_agencies").select("sipo").run()
    at.selectbox(key="chat_part").set_value(5).run()
    clear = next(b for b in at.sidebar.button if b.label == "Clear filters")
    assert not clear.disabled
    clear.click().run()
    assert at.multiselect(key="chat_agencies").value == []
    assert at.selectbox(key="chat_part").value == 0
    assert not at.info


def test_a_refusal_under_filters_offers_to_clear_them_and_ask_again():
    at = start()
    at.multiselect(key="chat_agencies").select("nbs").run()
    ask(at, "Who handles customs enforcement?")
    assert turns(at)[0].reply.refused
    at.button(key="unfilter_0").click().run()
    assert at.multiselect(key="chat_agencies").value == []
    assert "[Task 25]" in answers(at)[1]


def test_part_filter_changes_a_topic_answer():
    at = start()
    at.selectbox(key="chat_part").set_value(5).run()
    assert "Part 5" in at.info[0].value
    [answer] = answers(ask(at, "Who leads work on geographical indications?"))
    assert "[Task 32]" not in answer
    task = int(answer.split("[Task ")[1].split("]")[0])
    assert 87 <= task <= 97


def test_many_citations_make_one_compact_table(notice):
    at = ask(start(), "Which tasks does SIPO lead?")
    reply = replies(at)[0]
    led = notice.tasks_led_by("sipo")
    assert len(led) > MAX_CITATION_EXPANDERS
    assert not reply.expander
    table = next(m.value for m in reply.markdown if m.value.startswith("| Task | Lead | Text |"))
    assert table.count("](tasks?task=") == len(led)
    assert reply.get("download_button")[0].proto.label == "Download these tasks (CSV)"


def test_whitespace_input_gets_a_friendly_message():
    at = ask(start(), "   \n  ")
    assert "Please type a question" in at.warning[0].value
    assert not at.error
    assert turns(at) == []
    assert not at.chat_message


def test_clear_conversation_empties_the_history():
    at = ask(ask(start(), TRADE_SECRETS), "And who else is involved?")
    assert len(turns(at)) == 2
    next(b for b in at.sidebar.button if b.label == "Clear conversation").click().run()
    assert not at.exception
    assert turns(at) == []
    assert not at.chat_message
    assert address_value(at) == "", "the address forgets it too"
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


def test_model_written_text_renders_no_image_link_or_html(monkeypatch):
    at = start()
    answer_with(monkeypatch, StandIn(
        text="SAIC leads it ![x](http://evil.example/p.png) <img src=x> [click](http://evil.example) "
             "www.evil.example :red[alarm] [Task 24]",
        citations=[24], notes=["phrased by the language model"]))
    ask(at, TRADE_SECRETS)
    [shown] = answers(at)
    assert "[Task 24](tasks?task=24)" in shown, "our own citation is still a link"
    # Apart from that link, every punctuation mark is escaped: nothing can form Markdown or HTML.
    rest = re.sub(r"\\.", "", shown.replace("[Task 24](tasks?task=24)", ""))
    assert not re.search(r"[!-/:-@\[-`{-~]", rest), rest
    assert "phrased by" not in " ".join(c.value for c in replies(at)[0].caption), "model notes go to the log"


def test_the_reading_of_the_question_is_a_caption_and_the_evidence_stays_out(monkeypatch):
    at = start()
    answer_with(monkeypatch, StandIn(
        text=f"Task 24 is led by the {SAIC}. [Task 24]", citations=[24],
        query="Read as: who leads trade secret protection", evidence="> EVIDENCE-BLOCK the notice's words"))
    ask(at, TRADE_SECRETS)
    reply = replies(at)[0]
    assert "Read as: who leads trade secret protection" in [c.value for c in reply.caption]
    assert not any("EVIDENCE-BLOCK" in m.value for m in at.markdown)


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


# --- the other pages ------------------------------------------------------------------------------------

def test_tasks_page_lists_all_106_tasks_and_filters_them():
    at = start(tasks_only)
    assert at.title[0].value == "The 106 tasks"
    table = at.dataframe[0].value
    assert len(table) == 106
    assert list(table.columns) == ["number", "part", "heading", "text", "leads", "others"]
    assert table.loc[table["number"] == 24, "leads"].item() == SAIC

    at.text_input(key="tasks_query").input("customs").run()
    found = set(at.dataframe[0].value["number"])
    assert 25 in found and len(found) < 106

    at.text_input(key="tasks_query").input("").run()
    at.multiselect(key="tasks_agencies").select("mofcom").run()
    at.checkbox(key="tasks_lead_only").check().run()
    assert list(at.dataframe[0].value["number"]) == [63, 79, 80, 84, 86, 88, 91, 92]

    at.selectbox(key="tasks_part").set_value(5).run()
    assert list(at.dataframe[0].value["number"]) == [88, 91, 92]
    assert not at.exception


def test_tasks_search_reads_words_as_a_phrase(notice):
    at = start(tasks_only)
    at.text_input(key="tasks_query").input("Industry and Commerce").run()
    assert set(at.dataframe[0].value["number"]) == {t.number for t in notice.tasks_involving("saic")}
    at.text_input(key="tasks_query").input("customs enforcement").run()
    assert "showing the tasks that have each of them" in " ".join(c.value for c in at.caption)


def test_tasks_page_says_when_nothing_matches():
    at = start(tasks_only)
    at.text_input(key="tasks_query").input("zzzz-not-in-the-notice").run()
    assert not at.dataframe
    assert "No task matches" in at.info[0].value


def test_a_task_link_opens_its_card_and_a_bad_one_says_so():
    at = start(tasks_only, {"task": "24"})
    card = " ".join(m.value for m in at.markdown)
    assert "Promote the improvement of trade secret protection laws and regulations" in card
    bad = start(tasks_only, {"task": "107"})
    assert "there is no task 107: the notice has tasks 1 to 106" in bad.warning[0].value


def test_agencies_page_renders_chart_and_an_agencys_tasks():
    at = start(agencies_only)
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
    captions = " ".join(c.value for c in at.caption)
    assert "商务部" in captions


def test_index_dir_points_at_the_temporary_folder(index_dir):
    assert os.environ["IPQA_INDEX_DIR"] == str(index_dir)
