"""No question crashes it: generated conversations, and any string with any history (hypothesis).

The generator draws 2-5 turn conversations from templates over every kind of question the README claims,
every agency spelling, task numbers (valid, 0, out of range, negative, huge), parts, junk and Unicode, with
and without assistant replies in the history. Zero exceptions is the bar; `ipqa bench --fuzz N` runs more.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings, strategies as st

from assistant.answer.result import Answer
from assistant.errors import BadArgument
from assistant.lab.fuzz import conversations

CI_CALLS = 3000


@pytest.mark.slow  # 3,000 calls take about 15 s: CI and `make test` run them, the fast tier does not
def test_generated_conversations_never_raise(fast_bot):
    calls = 0
    for history, question in conversations(random.Random(11), CI_CALLS):
        answer = fast_bot.ask(question, history=history)
        assert isinstance(answer, Answer)
        calls += 1
    assert calls == CI_CALLS


history_item = st.one_of(
    st.text(max_size=80),
    st.fixed_dictionaries({"role": st.sampled_from(["user", "assistant", "system", "x"]),
                           "content": st.one_of(st.text(max_size=80), st.integers(), st.none())}),
    st.integers(), st.none(),
)


def test_any_string_and_any_history_give_an_answer(fast_bot, examples):
    @settings(max_examples=examples, deadline=None)
    @given(question=st.text(max_size=300), history=st.one_of(st.none(), st.lists(history_item, max_size=5)))
    def answers(question, history):
        assert isinstance(fast_bot.ask(question, history=history), Answer)

    answers()


@pytest.mark.parametrize("question", [None, b"who leads task 24", ["task 24"], {"q": 1}, True])
def test_a_question_that_is_not_text_is_a_typed_error(notice, question):
    from assistant.answer.chain import Assistant

    bot = Assistant(retriever=object())  # never touched: the error comes before any search
    with pytest.raises(BadArgument, match="question must be a string"):
        bot.ask(question)


@pytest.mark.parametrize("history", [5, "text", b"x"])
def test_a_history_that_is_not_a_list_is_a_typed_error(fast_bot, history):
    with pytest.raises(BadArgument, match="history must be a list"):
        fast_bot.ask("Who leads task 24?", history=history)


def test_a_number_is_read_as_a_question(fast_bot):
    assert fast_bot.ask(24).citations == [24]
