"""The answering chain as LangChain sees it: one runnable per question, whose steps are runnables too.

These use the fast tier's fake retriever (`fast_bot`): they are about the chain's shape, not about search.
"""

from __future__ import annotations

import os

import pytest
from langchain_core.callbacks import BaseCallbackHandler
from langchain_core.runnables import Runnable, RunnableLambda

from assistant.answer import chain

from assistant.answer.query import Query
from assistant.answer.result import Answer

QUESTIONS = ("Who leads trade secret protection?", "What does task 57 say?",
             "How many tasks does SIPO lead?", "What is the weather in Beijing?")


class Runs(BaseCallbackHandler):
    """The names of the chain runs LangChain reports."""

    def __init__(self):
        self.names: list[str] = []

    def on_chain_start(self, serialized, inputs, *, name=None, **kwargs):
        self.names.append(name)


def state(question: str) -> dict:
    return {"question": question, "turns": [], "filters": None}


def test_the_chain_is_a_runnable_that_returns_the_answer(fast_bot):
    assert isinstance(fast_bot.chain, Runnable)
    answer = fast_bot.chain.invoke(state("Who leads task 24?"))
    assert isinstance(answer, Answer)
    assert answer == fast_bot.ask("Who leads task 24?")


def test_a_question_asked_inside_a_traced_runnable_is_one_traced_run_of_it(fast_bot):
    runs = Runs()
    answer = RunnableLambda(fast_bot.ask).invoke("Who leads task 24?", config={"callbacks": [runs]})
    assert "answer" in runs.names and answer.citations == [24]


def test_where_nothing_can_listen_ask_calls_the_steps_itself_with_the_same_answer(fast_bot, monkeypatch):
    for name in [name for name in os.environ if name.startswith(chain.TRACING_ENV_PREFIXES)]:
        monkeypatch.delenv(name)
    monkeypatch.setattr(chain, "TRACING_MODULES", ())  # as in a new process: LangChain's tracers not imported
    assert chain._nobody_listens()
    for question in QUESTIONS:
        assert fast_bot.ask(question) == fast_bot.chain.invoke(state(question))
    monkeypatch.setenv("LANGSMITH_TRACING", "true")
    assert not chain._nobody_listens()


def test_a_question_is_one_traced_run(fast_bot):
    runs = Runs()
    fast_bot.chain.invoke(state("Who leads task 24?"), config={"callbacks": [runs]})
    assert runs.names == ["answer"]


@pytest.mark.parametrize("question", QUESTIONS)
def test_the_steps_piped_as_a_sequence_give_the_same_answer(fast_bot, question):
    runs = Runs()
    piped = fast_bot.chain.as_sequence().invoke(state(question), config={"callbacks": [runs]})
    assert piped == fast_bot.chain.invoke(state(question))
    assert [n for n in runs.names if n in fast_bot.chain.steps] == list(fast_bot.chain.steps)  # each step traced


def test_a_step_runs_alone_as_a_runnable(fast_bot):
    read = fast_bot.chain.step("read")
    assert isinstance(read, Runnable)
    query = read.invoke(state("Who leads task 24?"))["query"]
    assert isinstance(query, Query)
    assert query == fast_bot.read("Who leads task 24?")
    with pytest.raises(KeyError):
        fast_bot.chain.step("no such step")
