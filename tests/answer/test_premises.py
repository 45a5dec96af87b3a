"""Questions that take for granted what the notice contradicts: an agency put on a task that does not name it.
The answer says so first, then answers about the task; where the agency is on the task, nothing is said."""

from __future__ import annotations

import pytest

from assistant.lab.evaluate import stated_leads
from assistant.notice.agencies import BY_ID

pytestmark = pytest.mark.filterwarnings("ignore")

PHRASINGS = ("What does the {agency} do in task {n}?", "what role does the {agency} play in task {n}",
             "In task {n}, what is the {agency} responsible for?", "What is the {agency} on task {n} called today?")


def pairs(notice, on: bool) -> list[tuple[str, int]]:
    """(agency, task) for every task: an agency it names (`on`), or one it does not, the next in the registry."""
    ids = [a.id for a in notice.agencies_named()]
    found = []
    for task in notice.tasks:
        if on:
            found.append((task.agency_ids[-1], task.number))
        else:
            found.append((next(i for i in ids[task.number % len(ids):] + ids if not task.involves(i)), task.number))
    return found


@pytest.mark.parametrize("phrasing", PHRASINGS)
def test_an_agency_the_task_does_not_name_is_said_to_be_absent(fast_bot, notice, phrasing, each):
    for agency_id, number in each(pairs(notice, on=False)):
        agency = BY_ID[agency_id].name
        answer = fast_bot.ask(phrasing.format(agency=agency, n=number))
        assert answer.text.startswith(f"The notice does not name the {agency} on [Task {number}]."), answer.text[:200]
        assert answer.citations[:1] == [number]
        assert stated_leads(answer.text) == {BY_ID[i].name for i in notice.task(number).lead_ids}, answer.text[:300]


@pytest.mark.parametrize("phrasing", PHRASINGS)
def test_an_agency_the_task_names_gets_no_such_line(fast_bot, notice, phrasing, each):
    for agency_id, number in each(pairs(notice, on=True)):
        answer = fast_bot.ask(phrasing.format(agency=BY_ID[agency_id].name, n=number))
        assert "does not name" not in answer.text, answer.text[:200]
        assert answer.citations[:1] == [number]


def test_a_list_that_comes_out_empty_is_no_false_premise(fast_bot):
    """"Which tasks from 20 to 30 does MOE lead?" asks for a list, which may rightly be empty."""
    answer = fast_bot.ask("Which tasks from 20 to 30 does the Ministry of Education lead?")
    assert "does not name" not in answer.text


@pytest.mark.parametrize("phrasing", ["Which heading under part {p} is task {n} filed under?",
                                      "who leads task {n} in part {p}?"])
def test_a_task_placed_in_a_part_it_is_not_in_is_said_to_be_elsewhere(fast_bot, notice, phrasing, each):
    for task in each(notice.tasks):
        wrong = task.part % len(notice.parts) + 1
        answer = fast_bot.ask(phrasing.format(p=wrong, n=task.number))
        assert answer.text.startswith(f"[Task {task.number}] is not in part {wrong}."), answer.text[:200]
        assert answer.citations[:1] == [task.number]
        right = fast_bot.ask(phrasing.format(p=task.part, n=task.number))
        assert "is not in" not in right.text and right.citations[:1] == [task.number]


@pytest.mark.parametrize("phrasing", ["Task {n} is led by the {agency}; who else is on it?",
                                      "Given that the {agency} leads task {n}, which agencies support it?"])
def test_a_lead_named_in_passing_is_checked(fast_bot, notice, phrasing, each):
    for task in each(notice.tasks):
        lead = BY_ID[task.lead_ids[0]].name
        other = next((BY_ID[i].name for i in task.agency_ids if not task.led_by(i)), None)
        right = fast_bot.ask(phrasing.format(n=task.number, agency=lead))
        assert "does not lead" not in right.text and right.citations[:1] == [task.number], right.text[:200]
        if other:
            wrong = fast_bot.ask(phrasing.format(n=task.number, agency=other))
            assert wrong.text.startswith(f"The {other} does not lead [Task {task.number}]."), wrong.text[:200]
            assert wrong.citations[:1] == [task.number]


def test_joint_leads_taken_for_granted_are_said_to_be_one(fast_bot, notice):
    for task in notice.tasks:
        lead = BY_ID[task.lead_ids[0]].name
        answer = fast_bot.ask(f"Who besides the {lead} leads task {task.number} jointly?")
        said = answer.text.startswith(f"[Task {task.number}] has one lead, not joint leads.")
        assert said == (len(task.lead_ids) == 1), (task.number, answer.text[:200])
        assert answer.citations[:1] == [task.number]


def test_an_agency_the_notice_does_not_name_is_said_to_be_no_agency_of_it(fast_bot):
    answer = fast_bot.ask("What does the Ministry of Railways do on task 42?")
    assert 'The notice names no agency called "the Ministry of Railways".' in answer.text
    assert answer.citations == [42]


@pytest.mark.parametrize("said", ["33.5", "1e2", "7.0"])
def test_a_task_number_that_is_no_whole_number_is_no_task(fast_bot, said):
    answer = fast_bot.ask(f"who leads task {said}?")
    assert answer.text.startswith(f"There is no task {said}") and not answer.citations


def test_an_agency_on_a_task_asked_for_its_other_tasks(fast_bot, notice, each):
    """"The EDD is on task 50 - what other task is it on?": its tasks but task 50."""
    for agency in each(notice.agencies_named()):
        tasks = notice.tasks_involving(agency.id)
        answer = fast_bot.ask(f"The {agency.name} is on task {tasks[0].number} - what other task is it on?")
        assert answer.citations[:len(tasks) - 1] == [t.number for t in tasks[1:]], (agency.name, answer.query)


def test_a_task_asked_under_another_part_is_answered_from_where_it_is(searcher, notice):
    """"Who leads the Part VI task about the Boao Forum ...?": the task the words fit is in part 5; the answer says
    so and answers it. Asked under its own part, nothing is said."""
    import re

    from assistant.answer.chain import Assistant
    from assistant.notice.mentions import agency_mentions

    bot = Assistant(retriever=searcher)  # the real model: the bar was measured with it (answer/tuning.py)

    def opening(task) -> str:
        return " ".join(re.findall(r"[A-Za-z][A-Za-z-]*", task.text.split(".")[0])[:12]).lower()

    # openings with no agency in them and no asking word ("publish a list of ..." reads as "list ... part 5")
    plain = [t for t in notice.tasks if not agency_mentions(opening(t))
             and not re.search(r"\b(?:list|lead\w*|which|who)\b", opening(t))]
    for task in plain:
        words = opening(task)
        wrong = task.part % len(notice.parts) + 1
        answer = bot.ask(f"Who leads the part {wrong} task about {words}?")
        assert answer.text.startswith(f"[Task {task.number}] is not in part {wrong}."), (task.number, answer.text[:200])
        assert answer.citations[:1] == [task.number]
        right = bot.ask(f"Who leads the part {task.part} task about {words}?")
        assert "is not in part" not in right.text, (task.number, right.text[:200])


SIZE_PHRASINGS = ("Task {n} lists {k} agencies; who leads it?", "task {n} has {k} agencies on it - who is the lead?",
                  "Since task {n} names {k} agencies, which one leads?")


@pytest.mark.parametrize("phrasing", SIZE_PHRASINGS)
def test_a_wrong_number_of_agencies_is_said_first_and_a_right_one_passes(fast_bot, notice, phrasing, each):
    for task in each(notice.tasks):
        size = len(task.agency_ids)
        for said in (size, size + 1 + task.number % 3):
            answer = fast_bot.ask(phrasing.format(n=task.number, k=said))
            premise = f"[Task {task.number}] names {size} agencies, not {said}."
            assert answer.text.startswith(premise) == (said != size), (phrasing, said, answer.text[:200])
            assert stated_leads(answer.text, 1) == {a.name for a in task.leads}, (phrasing, said, answer.text[:300])
