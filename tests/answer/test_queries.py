"""Questions that combine things, checked against sets computed from the records (the fast tier: no model).

Each kind is asked in several phrasings, generated over every agency, part and heading, so a fix for one
phrasing that misses its paraphrases fails here.
"""

from __future__ import annotations

import itertools
import random

import pytest

from assistant.notice.agencies import BY_ID

pytestmark = pytest.mark.filterwarnings("ignore")
rng = random.Random(2016)


def cited(answer) -> set[int]:
    return set(answer.citations)


def involved(notice, agency_id):
    return {t.number for t in notice.tasks if t.involves(agency_id)}


def led(notice, agency_id):
    return {t.number for t in notice.tasks if t.led_by(agency_id)}


def agency_pairs(notice, n=25):
    named = [a.id for a in notice.agencies_named() if BY_ID[a.id].abbreviations]
    pairs = list(itertools.combinations(named, 2))
    rng.shuffle(pairs)
    return pairs[:n]


def short(agency_id):
    return BY_ID[agency_id].abbreviations[0]


BOTH = ("Which tasks do {a} and {b} both take part in?", "tasks involving both {a} and {b}",
        "List the tasks where {a} and {b} are both listed.")
BUT_NOT = ("Which tasks involve {a} but not {b}?", "tasks with {a} and without {b}", "{a} tasks excluding {b}")
EITHER = ("Which tasks are led by either {a} or {b}?", "list tasks led by {a} or {b}",
          "tasks where {a} or {b} leads")


@pytest.mark.parametrize("phrasing", BOTH)
def test_two_agencies_both(fast_bot, notice, phrasing):
    for a, b in agency_pairs(notice):
        answer = fast_bot.ask(phrasing.format(a=short(a), b=short(b)))
        assert cited(answer) == involved(notice, a) & involved(notice, b), (phrasing, a, b, answer.query)


@pytest.mark.parametrize("phrasing", BUT_NOT)
def test_one_agency_but_not_another(fast_bot, notice, phrasing):
    for a, b in agency_pairs(notice):
        answer = fast_bot.ask(phrasing.format(a=short(a), b=short(b)))
        assert cited(answer) == involved(notice, a) - involved(notice, b), (phrasing, a, b, answer.query)


@pytest.mark.parametrize("phrasing", EITHER)
def test_led_by_either(fast_bot, notice, phrasing):
    for a, b in agency_pairs(notice):
        answer = fast_bot.ask(phrasing.format(a=short(a), b=short(b)))
        assert cited(answer) == led(notice, a) | led(notice, b), (phrasing, a, b, answer.query)


@pytest.mark.parametrize("phrasing", ("Which tasks does {a} take part in but not lead?",
                                      "tasks {a} is involved in without leading",
                                      "What does {a} take part in but doesn't lead?"))
def test_member_but_not_lead(fast_bot, notice, phrasing):
    for a in {a for pair in agency_pairs(notice, 10) for a in pair}:
        answer = fast_bot.ask(phrasing.format(a=short(a)))
        assert cited(answer) == involved(notice, a) - led(notice, a), (phrasing, a, answer.query)


@pytest.mark.parametrize("phrasing", ("Which part {p} tasks does {a} lead?", "tasks {a} leads in part {p}",
                                      "In part {p}, what does {a} lead?"))
def test_lead_only_list_per_part(fast_bot, notice, phrasing):
    for agency_id in ("sipo", "saic", "mofcom", "nca", "aqsiq", "spc"):
        for part in notice.parts:
            answer = fast_bot.ask(phrasing.format(a=short(agency_id), p=part.number))
            expected = {t.number for t in notice.tasks if t.part == part.number and t.led_by(agency_id)}
            assert cited(answer) == expected, (phrasing, agency_id, part.number, answer.query)


@pytest.mark.parametrize("phrasing", ("What is the {pos} task in part {p}?", "the {pos} task of part {p}",
                                      "Who leads the {pos} task in part {p}?"))
def test_first_and_last_task_of_every_part(fast_bot, notice, phrasing):
    for part in notice.parts:
        tasks = notice.tasks_in(part.number)
        for pos, task in (("first", tasks[0]), ("last", tasks[-1])):
            answer = fast_bot.ask(phrasing.format(pos=pos, p=part.number))
            assert answer.citations[:1] == [task.number], (phrasing, pos, part.number, answer.query)


@pytest.mark.parametrize("phrasing", ("What is the {pos} task under heading ({h}) of part {p}?",
                                      "{pos} task in part {p}, heading {h}"))
def test_first_and_last_task_of_every_heading(fast_bot, notice, phrasing):
    for heading in notice.headings:
        tasks = notice.tasks_in(heading.part, heading.number)
        for pos, task in (("first", tasks[0]), ("last", tasks[-1])):
            answer = fast_bot.ask(phrasing.format(pos=pos, h=heading.number, p=heading.part))
            assert answer.citations[:1] == [task.number], (phrasing, heading, pos, answer.query)


def test_the_agency_that_leads_most_often(fast_bot, notice):
    counts = {a.id: len(led(notice, a.id)) for a in notice.agencies_named()}
    top = max(counts, key=counts.get)
    for phrasing in ("Which agency is the lead most often?", "Who leads the most tasks?",
                     "which department leads the most tasks"):
        answer = fast_bot.ask(phrasing)
        assert answer.text.split("\n")[0].startswith(f"**{BY_ID[top].name}**"), (phrasing, answer.text[:200])


def test_agencies_named_only_once(fast_bot, notice):
    once = {a.name for a in notice.agencies_named() if len(involved(notice, a.id)) == 1}
    for phrasing in ("Which agencies are named only once?", "Which agencies appear in just one task?"):
        first = fast_bot.ask(phrasing).text.split("\n")[0]
        assert {name for name in once if name in first} == once, (phrasing, first)


def test_the_task_with_most_agencies(fast_bot, notice):
    top = max(notice.tasks, key=lambda t: len(t.agency_ids))
    for phrasing in ("Which task involves the largest number of agencies?", "which task has the most agencies?"):
        answer = fast_bot.ask(phrasing)
        assert answer.citations == [top.number] and f"**{len(top.agency_ids)}.**" in answer.text


def test_tasks_with_one_agency_are_counted(fast_bot, notice):
    single = [t.number for t in notice.tasks if len(t.agency_ids) == 1]
    answer = fast_bot.ask("How many tasks have just one agency?")
    assert answer.text.startswith(f"**{len(single)}.**") and answer.citations == single


@pytest.mark.parametrize("part", range(1, 7))
def test_headings_of_a_part_are_counted(fast_bot, notice, part):
    answer = fast_bot.ask(f"How many sub-headings does part {part} have?")
    assert answer.text.startswith(f"**{len(notice.headings_of(part))}.**")


@pytest.mark.parametrize("question", ("who runs 40 and 41?", "leads for 12, 30 and 77?", "tasks 5-7: who leads?",
                                      "what do 99 thru 101 say"))
def test_several_task_numbers_in_casual_form(fast_bot, question):
    import re

    numbers = [int(n) for n in re.findall(r"\d+", question)]
    expected = list(range(numbers[0], numbers[-1] + 1)) if ("-" in question or "thru" in question) else numbers
    assert fast_bot.ask(question).citations == expected


@pytest.mark.parametrize("name, ids", [("CNIPA", {"sipo"}), ("SAMR", {"saic", "aqsiq", "cfda"}),
                                       ("the National Forestry and Grassland Administration", {"sfa"}),
                                       ("the market regulator", {"saic", "aqsiq", "cfda"})])
def test_todays_names_stand_for_the_2016_agencies(fast_bot, notice, name, ids):
    answer = fast_bot.ask(f"Which part 3 tasks does {name} take part in?")
    expected = {t.number for t in notice.tasks if t.part == 3 and any(t.involves(i) for i in ids)}
    assert cited(answer) == expected
    assert "is read as" in answer.text


@pytest.mark.parametrize("question", ("When must task 57 be finished?", "What budget does task 98 have?",
                                      "Which cities host the pilots in task 6?",
                                      "How many infringement cases were handled under task 15 last year?"))
def test_details_the_notice_does_not_give(fast_bot, question):
    answer = fast_bot.ask(question)
    assert "does not state" in answer.text and answer.citations and not answer.refused


@pytest.mark.parametrize("task", [14, 17, 30, 41])
def test_shared_responsibility_is_said_wherever_a_lead_is_named(fast_bot, notice, task):
    answer = fast_bot.ask(f"Who leads task {task}?")
    assert "each responsible for their own part" in answer.text
    assert notice.task(task).shared


def test_every_answer_says_how_it_was_read(fast_bot):
    answer = fast_bot.ask("Which tasks does MOFCOM take part in but not lead?")
    assert answer.query.startswith("Read as: list tasks where Ministry of Commerce takes part in but does not lead")
