"""How the notice names its leads, asked of the whole notice or of a part: leads named in words rather than by
their place in the list, leads that are not the agency listed first, tasks by their number of agencies (among the
"each responsible" tasks too), and an agency's tasks with more than one lead. Against the records."""

from __future__ import annotations

import pytest

from assistant.answer.query import Compare
from assistant.notice.agencies import BY_ID
from assistant.lab.evaluate import stated_agencies, stated_leads
from tests.answer.helpers import cited

pytestmark = pytest.mark.filterwarnings("ignore")

WHERE = [("", None)] + [(f" in part {n}", n) for n in range(1, 7)]


@pytest.mark.parametrize("phrasing", ["Which tasks{where} name their lead explicitly?",
                                      "tasks{where} where the lead is spelled out in words, not just listed first",
                                      "How many tasks{where} have explicit lead wording like 'take the lead'?"])
@pytest.mark.parametrize("where, part", WHERE)
def test_leads_named_in_words(fast_bot, notice, phrasing, where, part):
    answer = fast_bot.ask(phrasing.format(where=where))
    expected = {t.number for t in notice.tasks if t.lead_wording and part in (None, t.part)}
    assert answer.text.startswith(f"**{len(expected)}.**"), (answer.query, answer.text[:200])
    assert cited(answer) == expected


@pytest.mark.parametrize("question", ["Are there any tasks where the agency listed first is NOT the lead?",
                                      "which tasks are led by an agency other than the one listed first?",
                                      "In which tasks is the lead not the first-listed agency?"])
def test_leads_that_are_not_listed_first(fast_bot, notice, question):
    answer = fast_bot.ask(question)
    expected = {t.number for t in notice.tasks if t.agency_ids[0] not in t.lead_ids}
    assert cited(answer) == expected and answer.text.startswith(f"**{len(expected)}.**"), answer.text[:200]


SIZES = {"exactly": Compare.EXACTLY, "only": Compare.EXACTLY, "more than": Compare.MORE, "at least": Compare.AT_LEAST,
         "fewer than": Compare.FEWER}


@pytest.mark.parametrize("said, compare", SIZES.items())
@pytest.mark.parametrize("phrasing", ["Which tasks involve {cmp} {n} agencies?", "how many tasks name {cmp} {n} departments",
                                      "Among the each-responsible tasks, which involve {cmp} {n} agencies?"])
def test_tasks_by_their_number_of_agencies(fast_bot, notice, said, compare, phrasing):
    for n in (2, 3, 5, 12):
        answer = fast_bot.ask(phrasing.format(cmp=said, n=n))
        expected = {t.number for t in notice.tasks if compare.holds(len(t.agency_ids), n)
                    and (t.shared or "each-responsible" not in phrasing)}
        assert answer.text.startswith(f"**{len(expected)}.**"), (phrasing, n, answer.query, answer.text[:200])
        assert cited(answer) == expected


@pytest.mark.parametrize("phrasing", ["Which tasks does the {agency} co-lead with another department?",
                                      "tasks the {agency} leads jointly"])
def test_an_agencys_tasks_with_more_than_one_lead(fast_bot, notice, phrasing):
    for agency in notice.agencies_named():
        expected = {t.number for t in notice.tasks if t.led_by(agency.id) and len(t.lead_ids) > 1}
        answer = fast_bot.ask(phrasing.format(agency=BY_ID[agency.id].name))
        if expected:
            assert cited(answer) == expected, (agency.name, answer.query, answer.text[:200])
        else:  # none: it says so (and shows the joint-lead tasks the agency takes part in, if any)
            assert ": 0 tasks." in answer.text.split("\n")[0], (agency.name, answer.text[:200])


def test_the_each_responsible_task_with_the_most_agencies(fast_bot, notice):
    answer = fast_bot.ask("Which 'each responsible' task has the longest list of agencies?")
    most = max(len(t.agency_ids) for t in notice.tasks if t.shared)
    assert answer.citations[:1] == [next(t.number for t in notice.tasks if t.shared and len(t.agency_ids) == most)]


@pytest.mark.parametrize("said", ["joint leads count", "counting joint leads", "joint leads included"])
def test_joint_leads_counted_in_are_not_a_filter(fast_bot, notice, said):
    answer = fast_bot.ask(f"How many tasks does MOFCOM lead, {said}?")
    assert answer.text.startswith(f"**{len(notice.tasks_led_by('mofcom'))}.**"), (answer.query, answer.text[:200])


@pytest.mark.parametrize("phrasing", ["Which tasks{where} are the 'each agency responsible for its own part' kind?",
                                      "list the each-responsible tasks{where}"])
@pytest.mark.parametrize("where, part", WHERE)
def test_each_responsible_tasks_of_the_notice_or_a_part_are_counted_alike(fast_bot, notice, phrasing, where, part):
    answer = fast_bot.ask(phrasing.format(where=where))
    expected = {t.number for t in notice.tasks if t.shared and part in (None, t.part)}
    assert answer.text.startswith(f"**{len(expected)}.**") and cited(answer) == expected, answer.text[:200]


@pytest.mark.parametrize("phrasing", ["Which tasks does the {agency} lead on its own, without a co-lead?",
                                      "tasks the {agency} leads with no joint lead"])
def test_an_agencys_tasks_without_a_co_lead(fast_bot, notice, phrasing):
    for agency in notice.agencies_named():
        expected = {t.number for t in notice.tasks if t.led_by(agency.id) and len(t.lead_ids) == 1}
        answer = fast_bot.ask(phrasing.format(agency=agency.name))
        if expected:
            assert cited(answer) == expected, (agency.name, answer.query, answer.text[:200])


@pytest.mark.parametrize("kind, holds", [("with joint leads", lambda t: len(t.lead_ids) > 1),
                                         ("each-responsible", lambda t: t.shared)])
@pytest.mark.parametrize("place, word", [(1, "largest"), (2, "second-largest"), (3, "third-largest")])
def test_the_task_of_a_kind_with_the_most_agencies_at_a_place(fast_bot, notice, kind, holds, place, word):
    sizes = sorted({len(t.agency_ids) for t in notice.tasks if holds(t)}, reverse=True)
    answer = fast_bot.ask(f"Among the tasks {kind}, which is the {word} by agency count?")
    expected = {t.number for t in notice.tasks if holds(t) and len(t.agency_ids) == sizes[place - 1]}
    assert answer.text.startswith(f"**{sizes[place - 1]}.**") and set(answer.citations) == expected, answer.text[:200]


def test_tasks_with_more_or_fewer_agencies_than_another(fast_bot, notice, each):
    for task in each(notice.tasks):
        size = len(task.agency_ids)
        for said, holds in (("more", lambda n: n > size), ("fewer", lambda n: n < size)):
            answer = fast_bot.ask(f"which tasks have {said} agencies than task {task.number}?")
            expected = {t.number for t in notice.tasks if holds(len(t.agency_ids))}
            assert answer.text.startswith(f"**{len(expected)}.**") and cited(answer) == expected, answer.text[:200]


def test_the_agencies_that_lead_a_task_jointly(fast_bot, notice):
    answer = fast_bot.ask("Which agencies lead at least one task jointly?")
    expected = {BY_ID[i].name for t in notice.tasks if len(t.lead_ids) > 1 for i in t.lead_ids}
    assert stated_agencies(answer.text) == expected, answer.text[:300]


def test_the_joint_lead_task_with_the_most_agencies(fast_bot, notice):
    answer = fast_bot.ask("Among the joint-lead tasks, which one has the most agencies on it, and how many?")
    most = max(len(t.agency_ids) for t in notice.tasks if len(t.lead_ids) > 1)
    assert answer.text.startswith(f"**{most}.**") and answer.citations == [
        t.number for t in notice.tasks if len(t.lead_ids) > 1 and len(t.agency_ids) == most][:1], answer.text[:200]


@pytest.mark.parametrize("phrasing", ["Does the {agency} ever lead a task jointly with another agency?",
                                      "Does the {agency} share a lead with anyone?",
                                      "Is the {agency} a co-lead with another agency on any task?",
                                      "Does the {agency} lead any task with another department?",
                                      "Who does the {agency} share a lead with?",
                                      "has the {agency} got a joint lead anywhere? with who?"])
def test_whether_an_agency_ever_leads_jointly_names_each_task_and_its_co_lead(fast_bot, notice, phrasing):
    for agency in notice.agencies_named():
        joint = [t for t in notice.tasks if t.led_by(agency.id) and len(t.lead_ids) > 1]
        answer = fast_bot.ask(phrasing.format(agency=agency.name))
        assert answer.text.startswith("**Yes.**" if joint else "**No.**"), (agency.name, answer.query)
        for task in joint:
            others = " and ".join(f"**{a.name}**" for a in task.leads if a.id != agency.id)  # leads in bold
            assert f"[Task {task.number}] (jointly with the {others})" in answer.text, (agency.name, answer.text[:300])
            assert stated_leads(answer.text, len(joint)) >= {a.name for a in task.leads}, (agency.name, answer.text[:300])
        if not joint:
            assert "leads no task among the tasks with joint leads" in answer.text, (agency.name, answer.text[:300])


@pytest.mark.parametrize("said, joint", [("Is task {n} jointly led?", True), ("Does task {n} have two leads?", True),
                                         ("task {n} is co-led, right?", True),
                                         ("Is task {n} led by a single agency, not jointly?", False),
                                         ("Task {n} isn't jointly led, is it?", False)])
def test_whether_a_task_is_jointly_led(fast_bot, notice, said, joint, each):
    for task in each(notice.tasks):
        answer = fast_bot.ask(said.format(n=task.number))
        holds = (len(task.lead_ids) > 1) == joint
        assert answer.text.startswith("**Yes.**" if holds else "**No.**"), (said, task.number, answer.query)
        assert answer.citations[:1] == [task.number], (said, task.number, answer.text[:200])


@pytest.mark.parametrize("said", ["Which tasks in part {p} are co-led?", "Are there any jointly led tasks in part {p}?",
                                  "any joint leads in part {p}?"])
def test_the_jointly_led_tasks_of_a_part(fast_bot, notice, said):
    for part in notice.parts:
        answer = fast_bot.ask(said.format(p=part.number))
        expected = {t.number for t in notice.tasks_in(part.number) if len(t.lead_ids) > 1}
        assert cited(answer) == expected and answer.text.startswith(f"**{len(expected)}.**"), (said, part.number)


@pytest.mark.parametrize("said", ["Does the {agency} lead anything, alone or jointly?",
                                  "Does the {agency} lead any task, whether alone or jointly?"])
def test_alone_or_jointly_counts_every_lead(fast_bot, notice, said, each):
    for agency in each(notice.agencies_named()):
        leads = [t.number for t in notice.tasks if t.led_by(agency.id)]
        answer = fast_bot.ask(said.format(agency=agency.name))
        assert answer.text.startswith("**Yes.**" if leads else "**No.**"), (said, agency.name, answer.query)
        assert not leads or answer.citations == leads, (said, agency.name, answer.text[:200])


@pytest.mark.parametrize("said", ["Is the {agency} listed first in task {n}?", "The {agency} is named first on task {n}, right?"])
def test_whether_an_agency_is_listed_first_whoever_leads(fast_bot, notice, said, each):
    for task in each(notice.tasks):
        for agency_id in task.agency_ids[:2]:
            answer = fast_bot.ask(said.format(agency=BY_ID[agency_id].name, n=task.number))
            first = agency_id == task.agency_ids[0]
            assert answer.text.startswith("**Yes.**" if first else "**No.**"), (said, task.number, answer.query)
            assert f"lists the {BY_ID[task.agency_ids[0]].name} first on [Task {task.number}]" in answer.text


def test_led_by_an_agency_because_it_is_listed_first_claims_the_lead(fast_bot, notice):
    for task in (t for t in notice.tasks if t.agency_ids[0] not in t.lead_ids):
        first = BY_ID[task.agency_ids[0]].name
        answer = fast_bot.ask(f"Our summary says task {task.number} is led by the {first} since it's listed first. "
                              "Is that right?")
        assert answer.text.startswith("**No.**"), (task.number, answer.query)


@pytest.mark.parametrize("asked", ["Which task has the {word} list of agencies?", "what's the task with the {word} agency list?"])
@pytest.mark.parametrize("place, word", [(2, "second-longest"), (3, "third longest"), (2, "2nd-longest")])
def test_the_task_with_the_nth_longest_list_of_agencies(fast_bot, notice, asked, place, word):
    sizes = sorted({len(t.agency_ids) for t in notice.tasks}, reverse=True)
    answer = fast_bot.ask(asked.format(word=word))
    expected = {t.number for t in notice.tasks if len(t.agency_ids) == sizes[place - 1]}
    assert answer.text.startswith(f"**{sizes[place - 1]}.**") and expected <= set(answer.citations), answer.text[:200]
