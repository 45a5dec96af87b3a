"""Follow-ups that count in the agencies the last answer listed: "What else does the first agency lead?",
"the last one listed", "the second agency". History arrives as plain messages, as from the API and the eval."""

from __future__ import annotations

import pytest

from tests.answer.helpers import cited

pytestmark = pytest.mark.filterwarnings("ignore")

ORDINALS = {"first": 0, "second": 1, "third": 2, "last": -1}


def turns(*pairs):
    history = []
    for question, answer in pairs:
        history += [{"role": "user", "content": question}, {"role": "assistant", "content": answer.text}]
    return history


@pytest.mark.parametrize("word, index", ORDINALS.items())
def test_what_else_an_agency_of_the_task_just_shown_leads(fast_bot, notice, word, index, each):
    for task in each(notice.tasks):
        if len(task.agency_ids) < 3:
            continue
        first = f"Who takes part in task {task.number}?"
        shown = fast_bot.ask(first)
        agency = task.agency_ids[index]
        answer = fast_bot.ask(f"What else does the {word} agency lead?", history=turns((first, shown)))
        expected = {t.number for t in notice.tasks if t.led_by(agency)} - {task.number}
        if expected:
            assert cited(answer) == expected, (task.number, word, agency, answer.query)
        else:  # none: it says so, then shows the tasks the agency takes part in
            assert ": 0 tasks." in answer.text.split("\n")[0], (task.number, word, agency, answer.text[:200])
            assert cited(answer) == {t.number for t in notice.tasks if t.involves(agency)} - {task.number}


@pytest.mark.parametrize("n", [2, 3])
def test_an_agency_of_a_ranking_by_its_place_in_the_list(fast_bot, notice, n):
    from assistant.lab.evaluate import stated_agencies
    from assistant.notice.agencies import find_agencies

    first = f"Which agencies lead exactly {n} tasks?"
    ranking = fast_bot.ask(first)
    listed = [a.id for a in find_agencies(ranking.text.split("\n\n")[0])]
    assert {a for a in stated_agencies(ranking.text)} and listed
    second = "and the last one listed - which tasks does it take part in?"
    answer = fast_bot.ask(second, history=turns((first, ranking)))
    assert cited(answer) == {t.number for t in notice.tasks if t.involves(listed[-1])}
    # a list of tasks in between leaves the agencies' list the one "the second agency" counts in
    third = fast_bot.ask("What does the second agency lead?", history=turns((first, ranking), (second, answer)))
    assert cited(third) == {t.number for t in notice.tasks if t.led_by(listed[1])}


WORDS = {0: "first", 1: "second", 2: "third", 3: "4th"}


@pytest.mark.parametrize("n", [2, 3, 4])
def test_the_nth_one_after_a_list_of_agencies_is_that_agency(fast_bot, notice, n):
    """After "which agencies lead exactly N tasks", "the third one" is the third agency listed, not a task; a
    question about it keeps the list for the next one."""
    from assistant.notice.agencies import BY_ID, find_agencies

    first = f"which agencies lead exactly {n} tasks"
    ranking = fast_bot.ask(first)
    listed = [a.id for a in find_agencies(ranking.text.split("\n\n")[0])]
    for index, word in WORDS.items():
        if index >= len(listed):
            continue
        agency = BY_ID[listed[index]]
        today = fast_bot.ask(f"what is the {word} one called today", history=turns((first, ranking)))
        assert agency.name in today.text and (agency.successor or "neither renamed nor merged") in today.text, \
            (n, word, today.text[:200])
        asked = f"which tasks does the {word} one take part in"
        answer = fast_bot.ask(asked, history=turns((first, ranking), (f"what is the {word} one called today", today)))
        assert cited(answer) == {t.number for t in notice.tasks if t.involves(agency.id)}, (n, word, answer.query)
