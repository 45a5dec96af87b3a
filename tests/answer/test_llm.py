"""The optional chat model: its answer is used only when it checks out against the records.

No model can be downloaded here, so these use langchain-core's fake chat models;
retrieval, the notice and the checks are real.
"""

from __future__ import annotations

import logging

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.answer.chain import Assistant
from assistant.errors import AssistantError
from assistant.answer.llm import chat_model_from_env


@pytest.fixture
def bot_with(searcher, settings):
    def make(*responses: str) -> Assistant:
        return Assistant(settings, chat_model=FakeListChatModel(responses=list(responses)), retriever=searcher)
    return make


def test_a_faithful_model_answer_is_used(bot_with):
    bot = bot_with("Trade secret protection is led by the State Administration for Industry and Commerce, "
                   "with the Legislative Affairs Office of the State Council. [Task 24]")
    answer = bot.ask("Who leads task 24?")
    assert answer.text.startswith("Trade secret protection is led by the State Administration")
    assert answer.citations == [24]
    assert "phrased by the language model" in answer.notes
    # The notice's own words still stand beside the model's phrasing.
    assert "Promote the improvement of trade secret protection laws" in answer.evidence


def test_a_citation_of_a_task_not_retrieved_falls_back(bot_with, caplog):
    bot = bot_with("Trade secrets are handled under [Task 99].")
    with caplog.at_level(logging.WARNING, logger="assistant.answer.chain"):
        answer = bot.ask("Who leads task 24?")
    assert answer.citations == [24]
    assert "State Administration for Industry and Commerce" in f"{answer.text} {answer.evidence}"
    assert "[Task 99]" not in f"{answer.text} {answer.evidence}"
    assert any("task 99, which the grounded answer does not" in n for n in answer.notes)
    assert "set aside" in caplog.text


def test_a_lead_that_contradicts_the_records_falls_back(bot_with, caplog):
    bot = bot_with("Task 24 is led by the Copyright Bureau. [Task 24]")
    with caplog.at_level(logging.WARNING, logger="assistant.answer.chain"):
        answer = bot.ask("Who leads task 24?")
    assert answer.text.startswith("Task 24 is led by **State Administration for Industry and Commerce**")
    assert any("National Copyright Administration, which is not on task 24" in n for n in answer.notes)
    assert "set aside" in caplog.text


def test_an_answer_without_citations_falls_back(bot_with):
    answer = bot_with("The SAIC does.").ask("Who leads task 24?")
    assert answer.citations == [24]
    assert any("cited no task" in n for n in answer.notes)


def test_refusals_never_reach_the_model(bot_with):
    answer = bot_with("Sunny, 25 degrees. [Task 1]").ask("There is no task 300, is there?")
    assert answer.refused and answer.citations == []


def test_no_configuration_means_no_model():
    assert chat_model_from_env("") is None


@pytest.mark.parametrize("spec", ["ollama", "mystery:model"])
def test_a_bad_configuration_is_a_clear_error(spec):
    with pytest.raises(AssistantError, match="IPQA_LLM"):
        chat_model_from_env(spec)


HOSTILE = [
    "Task 24 is headed by the Copyright Bureau. [Task 24]",
    "The State Administration for Industry and Commerce takes part; the lead is the Ministry of Commerce. [Task 24]",
    "Task 24 is led by the Ministry of Magic. [Task 24]",
    "See [Task 24] and [Task 999].",
    "Trade secrets are led by Customs [Task 25].",
    "任务24由商务部牵头。[Task 24]",
    "![x](http://127.0.0.1:9/leak.png?q=secret) [Task 24]" + " Task 24 is led by the Copyright Bureau.",
]


@pytest.mark.parametrize("reply", HOSTILE)
def test_a_hostile_model_is_set_aside_for_the_grounded_answer(bot_with, reply):
    answer = bot_with(reply).ask("Who leads task 24?")
    assert answer.text.startswith("Task 24 is led by **State Administration for Industry and Commerce**")
    assert any("model answer set aside" in n for n in answer.notes)


def test_model_text_is_shown_without_images_links_or_html(bot_with):
    reply = ("The State Administration for Industry and Commerce leads it [Task 24]. "
             "![x](http://127.0.0.1:9/leak.png) [more](http://example.org) <img src=x>")
    answer = bot_with(reply).ask("Who leads task 24?")
    assert "http" not in answer.text and "<img" not in answer.text and "![" not in answer.text


def test_content_blocks_are_read_as_text():
    from assistant.answer.llm import reply_text

    class Reply:
        content = [{"type": "text", "text": "Led by SAIC "}, {"type": "text", "text": "[Task 24]"}]

    assert reply_text(Reply()) == "Led by SAIC [Task 24]"
