"""The composer on its own: typed results in, the answer a reader sees out (no search, no model).

Results are built by hand from the records, so each test says exactly which fact the wording must carry."""

from __future__ import annotations

from assistant.answer.compose import compose
from assistant.answer.execute import Result
from assistant.answer.query import AgencyTerm, Claim, Field, Op, Query, Refusal, Role, TaskSet


def lookup(number: int, field: Field = Field.LEAD) -> Result:
    return Result(Query(Op.LOOKUP, TaskSet(numbers=(number,)), field), (number,))


def test_every_lead_is_named_in_bold_and_every_task_quoted(notice):
    for task in notice.tasks:
        answer = compose(lookup(task.number), notice)
        assert answer.citations == [task.number]
        assert all(f"**{a.name}**" in answer.text for a in task.leads), task.number
        assert task.text in answer.evidence.replace("\n> ", " "), task.number


def test_a_shared_task_says_each_agency_has_its_own_part_wherever_a_lead_is_named(notice):
    for task in notice.tasks:
        text = compose(lookup(task.number), notice).text
        assert ("each responsible for their own part" in text) == task.shared, task.number


def test_a_claim_leads_with_its_verdict_and_gives_each_agencys_real_role(notice):
    task = notice.task(24)
    for agency in task.agencies:
        claim = Query(Op.CLAIM, TaskSet(numbers=(24,)), claim=Claim((AgencyTerm((agency.id,), Role.LEAD),)))
        holds = task.led_by(agency.id)
        text = compose(Result(claim, (24,), verdict=holds), notice).text
        assert text.startswith("**Yes.**" if holds else "**No.**")
        assert ("leads [Task 24]" in text) == holds


def test_where_a_task_sits_names_its_part_and_heading(notice):
    task = notice.task(61)
    claim = Query(Op.CLAIM, TaskSet(numbers=(61,)), claim=Claim(part=4))
    text = compose(Result(claim, (61,), verdict=False), notice).text
    assert text.startswith("**No.**") and f"Part {task.part}" in text and f"heading ({task.heading_number})" in text


def test_a_detail_the_notice_does_not_give_says_so_then_quotes_the_task(notice):
    query = Query(Op.UNSTATED, TaskSet(numbers=(57,)), Field.TEXT, detail="a deadline or date")
    answer = compose(Result(query, (57,)), notice)
    assert answer.text.startswith("The notice does not state a deadline or date for task 57")
    assert notice.task(57).text in answer.text and answer.citations == [57]


def test_a_refusal_for_unknown_words_names_them_and_cites_nothing(notice):
    query = Query(Op.LOOKUP, TaskSet(topic="domain name disputes"), unknown_words=("domain",))
    answer = compose(Result(query, refusal=Refusal.UNMENTIONED), notice)
    assert answer.refused and answer.citations == [] and '"domain"' in answer.text


def test_one_agency_of_a_task_s_list_takes_a_singular_verb(fast_bot, notice):
    """"Task 24 names 2 agencies; 1 of them is not its lead", not "1 of them are"."""
    for task in notice.tasks:
        if len(task.agency_ids) == 2 and len(task.lead_ids) == 1:
            answer = fast_bot.ask(f"Which agencies are on task {task.number} apart from the lead?")
            assert "1 of them is not its lead" in answer.text, answer.text[:200]


def test_list_every_task_and_who_leads_each_is_a_list(fast_bot, notice):
    """"Please list, for the LAO, every task it is named in and who leads each" searched "every each" (hostile-15)."""
    answer = fast_bot.ask("Please list, for the Legislative Affairs Office, every task it is named in and who leads each.")
    assert answer.citations == [t.number for t in notice.tasks if t.involves("lao")], answer.query
