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
def test_what_else_an_agency_of_the_task_just_shown_leads(fast_bot, notice, word, index):
    for task in notice.tasks[::5]:
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
