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
    answer = bot.ask("Who leads trade secret protection?")
    assert answer.text.startswith("Trade secret protection is led by the State Administration")
    assert answer.citations == [24]
    assert "phrased by the language model" in answer.notes
    # The notice's own words still stand beside the model's phrasing.
    assert "Promote the improvement of trade secret protection laws" in answer.text


def test_a_citation_of_a_task_not_retrieved_falls_back(bot_with, caplog):
    bot = bot_with("Trade secrets are handled under [Task 99].")
    with caplog.at_level(logging.WARNING, logger="assistant.answer.chain"):
        answer = bot.ask("Who leads task 24?")
    assert answer.citations == [24]
    assert "State Administration for Industry and Commerce" in answer.text
    assert "[Task 99]" not in answer.text
    assert any("task 99, which was not among the retrieved tasks" in n for n in answer.notes)
    assert "set aside" in caplog.text


def test_a_lead_that_contradicts_the_records_falls_back(bot_with, caplog):
    bot = bot_with("Task 24 is led by the Copyright Bureau. [Task 24]")
    with caplog.at_level(logging.WARNING, logger="assistant.answer.chain"):
        answer = bot.ask("Who leads task 24?")
    assert answer.text.startswith("Task 24 is led by **State Administration for Industry and Commerce**")
    assert any("National Copyright Administration as lead of task 24" in n for n in answer.notes)
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
