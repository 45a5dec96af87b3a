"""The conversation's pure parts (assistant/ui/conversation.py): turns, history, the address bar, the export."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from assistant.answer.result import Answer
from assistant.ui.conversation import (MAX_ADDRESS_CHARS, MAX_KEPT_QUESTION_CHARS, MAX_KEPT_TURNS, Reply, Turn,
                                       conversation_markdown, decode_turns, encode_turns, model_history, reply_from)
from assistant.ui.text import FilterChoice

SAIC = "State Administration for Industry and Commerce"


def test_turns_survive_the_address_bar_round_trip():
    turns = [Turn("Who leads trade secret protection?"), Turn("And who else? 中文 “quotes”", FilterChoice(("sipo",), True, 2))]
    back = decode_turns(encode_turns(turns))
    assert [(t.question, t.filters) for t in back] == [(t.question, t.filters) for t in turns]
    assert all(t.reply is None for t in back), "restored questions are answered again"


def test_the_address_bar_keeps_the_last_turns_and_short_questions():
    many = [Turn(f"question {i}") for i in range(MAX_KEPT_TURNS + 5)]
    assert [t.question for t in decode_turns(encode_turns(many))] == [t.question for t in many[-MAX_KEPT_TURNS:]]
    long = decode_turns(encode_turns([Turn("x" * (MAX_KEPT_QUESTION_CHARS * 5))]))
    assert len(long[0].question) == MAX_KEPT_QUESTION_CHARS


def test_long_questions_that_do_not_fit_the_address_drop_the_oldest_turns():
    import random

    letters = random.Random(14)  # text that does not compress, so only dropping turns makes it fit
    turns = [Turn("".join(letters.choice("abcdefghij klmnopqrstuvwxyz") for _ in range(MAX_KEPT_QUESTION_CHARS)))
             for _ in range(MAX_KEPT_TURNS)]
    value = encode_turns(turns)
    assert len(value) <= MAX_ADDRESS_CHARS
    back = decode_turns(value)
    assert 0 < len(back) < len(turns)
    assert [t.question for t in back] == [t.question for t in turns[-len(back):]]


def test_a_crafted_address_cannot_inflate_to_megabytes():
    import base64
    import zlib

    bomb = base64.urlsafe_b64encode(zlib.compress(b"[" + b" " * 5_000_000 + b"]", 9)).decode().rstrip("=")
    with pytest.raises(ValueError):
        decode_turns(bomb)


@pytest.mark.parametrize("value", ["", "not-a-conversation", "eJzLSM3JyVcozy_KSQEAGgQEXQ", "%%%"])
def test_a_damaged_address_is_refused(value):
    with pytest.raises(ValueError):
        decode_turns(value)


def test_model_history_skips_failed_and_unanswered_turns():
    turns = [
        Turn("q1", reply=Reply(text="a1 [Task 24]")),
        Turn("q2", reply=Reply(error="Sorry")),
        Turn("q3"),
    ]
    assert model_history(turns) == [{"role": "user", "content": "q1"}, {"role": "assistant", "content": "a1 [Task 24]"}]


def test_a_reply_keeps_the_notes_for_people_and_knows_who_wrote_it():
    grounded = reply_from(Answer("text [Task 24]", [24], "lead", notes=["Your question was long."]))
    assert grounded.trusted and grounded.notes == ["Your question was long."] and grounded.query == ""
    phrased = reply_from(Answer("text [Task 24]", [24], "lead", notes=["phrased by the language model"]))
    assert not phrased.trusted and phrased.notes == []


def test_download_holds_the_conversation_with_citations(notice):
    turns = [Turn("Who leads trade secret protection?", FilterChoice(("saic",)),
                  Reply(text=f"**{SAIC}** leads it. [Task 24]", citations=[24], query="Read as: lead of trade secrets"))]
    text = conversation_markdown(turns, notice, now=datetime(2026, 1, 2, 3, 4, tzinfo=timezone.utc))
    assert text.startswith("# IP Tasks Assistant: conversation")
    assert "Exported 2026-01-02 03:04 UTC" in text
    assert "## Question 1\n\n> Who leads trade secret protection?" in text
    assert f"_Filters: tasks involving {SAIC}_" in text
    assert "_Read as: lead of trade secrets_" in text
    assert "- **Task 24**, part 2" in text
    assert f"  - Lead: {SAIC}" in text
