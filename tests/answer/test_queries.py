"""Questions that combine things, checked against sets computed from the records (the fast tier: no model).

Each kind is asked in several phrasings, generated over every agency, part and heading, so a fix for one
phrasing that misses its paraphrases fails here. The fast tier asks each phrasing about an even spread of them,
the slow tier about all (`each` in tests/conftest.py).
"""

from __future__ import annotations

import re

import random

import pytest

from assistant.answer.vocabulary import DETAIL_GIVEN, PARTICIPANT_RE
from assistant.lab.evaluate import stated_leads
from assistant.notice.agencies import BY_ID
from tests.answer import helpers
from tests.answer.helpers import both, cited, either_leads, first_without_second, involved, led

pytestmark = pytest.mark.filterwarnings("ignore")
rng = random.Random(2016)


def agency_pairs(notice, n=25):
    return helpers.agency_pairs([a.id for a in notice.agencies_named() if BY_ID[a.id].abbreviations], n, rng)


def short(agency_id):
    return BY_ID[agency_id].abbreviations[0]


BOTH = ("Which tasks do {a} and {b} both take part in?", "tasks involving both {a} and {b}",
        "List the tasks where {a} and {b} are both listed.")
BUT_NOT = ("Which tasks involve {a} but not {b}?", "tasks with {a} and without {b}", "{a} tasks excluding {b}")
EITHER = ("Which tasks are led by either {a} or {b}?", "list tasks led by {a} or {b}",
          "tasks where {a} or {b} leads", "{a} and {b}: which tasks does any of them lead?",
          "Which tasks does at least one of {a} and {b} lead?")


# Two agencies in two roles, each said right beside it: the first leads, the second takes part (or is left out).
LEADS_WITH = ("Which tasks led by {a} also have {b} on board?", "Which tasks are led by {a} and involve {b}?",
              "tasks {a} leads where {b} is also involved", "Which tasks does {a} lead with {b} taking part?",
              "Tasks leaded by {a} with {b}")
LEADS_WITHOUT = ("tasks {a} leads where {b} isn't involved", "Which tasks led by {a} don't involve {b}?",
                 "{a}-led tasks without {b}?", "tasks led by {a} w/o {b}", "Which tasks are led by {a} excluding {b}?")
LEADS_WITH_MEMBER = ("Tasks led by {a} in which {b} takes part (not as lead)",
                     "tasks {a} leads where {b} takes part but isn't a lead")
BOTH_MEMBERS = ("Which tasks do {a} and {b} both take part in without leading?",)


def first_leads_second_member(notice, a, b):
    return led(notice, a) & (involved(notice, b) - led(notice, b))


def both_members(notice, a, b):
    return (involved(notice, a) - led(notice, a)) & (involved(notice, b) - led(notice, b))


def first_leads_second_on(notice, a, b):
    return led(notice, a) & involved(notice, b)


def first_leads_second_absent(notice, a, b):
    return led(notice, a) - involved(notice, b)


@pytest.mark.parametrize("phrasing, expected", [*((p, both) for p in BOTH),
                                                *((p, first_without_second) for p in BUT_NOT),
                                                *((p, either_leads) for p in EITHER),
                                                *((p, first_leads_second_on) for p in LEADS_WITH),
                                                *((p, first_leads_second_absent) for p in LEADS_WITHOUT),
                                                *((p, first_leads_second_member) for p in LEADS_WITH_MEMBER),
                                                *((p, both_members) for p in BOTH_MEMBERS)])
def test_two_agencies(fast_bot, notice, each, phrasing, expected):
    """Both agencies, the first but not the second, either one leading."""
    helpers.assert_each_pair(fast_bot, notice, phrasing, each(agency_pairs(notice)), short, expected)


@pytest.mark.parametrize("phrasing", ("Which tasks does {a} take part in but not lead?",
                                      "tasks {a} is involved in without leading",
                                      "What does {a} take part in but doesn't lead?"))
def test_member_but_not_lead(fast_bot, notice, phrasing):
    for a in {a for pair in agency_pairs(notice, 10) for a in pair}:
        answer = fast_bot.ask(phrasing.format(a=short(a)))
        assert cited(answer) == involved(notice, a) - led(notice, a), (phrasing, a, answer.query)


@pytest.mark.parametrize("phrasing, by_leads", [("Which tasks does the {a} not take part in?", False),
                                              ("Which tasks does the {a} NOT appear on at all?", False),
                                              ("tasks without the {a}", False), ("Which tasks is the {a} not on?", False),
                                              ("which tasks does the {a} not lead?", True)])
def test_the_tasks_an_agency_is_not_on(fast_bot, notice, phrasing, by_leads, each):
    """The tasks a list question leaves an agency out of: every other task, never the agency's own."""
    for agency in each(notice.agencies_named()):
        answer = fast_bot.ask(phrasing.format(a=agency.name))
        holding = led(notice, agency.id) if by_leads else involved(notice, agency.id)
        assert cited(answer) == {t.number for t in notice.tasks} - holding, (phrasing, agency.name, answer.query)


@pytest.mark.parametrize("phrasing", ("Which part {p} tasks does {a} lead?", "tasks {a} leads in part {p}",
                                      "In part {p}, what does {a} lead?"))
def test_lead_only_list_per_part(fast_bot, notice, phrasing):
    for agency_id in ("sipo", "saic", "mofcom", "nca", "aqsiq", "spc"):
        for part in notice.parts:
            answer = fast_bot.ask(phrasing.format(a=short(agency_id), p=part.number))
            expected = {t.number for t in notice.tasks if t.part == part.number and t.led_by(agency_id)}
            assert cited(answer) == expected, (phrasing, agency_id, part.number, answer.query)


@pytest.mark.parametrize("phrasing", ("Give me every task that names the {a}.", "every single task with the {a} on it",
                                      "Which tasks mention the {a}?", "Give me every task the {a} is named in."))
def test_every_task_an_agency_is_named_in(fast_bot, notice, phrasing, each):
    for agency in each(notice.agencies_named()):
        answer = fast_bot.ask(phrasing.format(a=agency.name))
        assert cited(answer) == involved(notice, agency.id), (phrasing, agency.id, answer.query)


def _rare_words(notice):
    """Long words that two to four tasks use in their text: a subject of a few tasks, named in each. Not the words
    that ask who takes part ("participate"), nor "accordance" ("in accordance with")."""
    where: dict[str, set[int]] = {}
    for task in notice.tasks:
        for word in set(re.findall(r"[a-z]{9,}", task.text.lower())):
            where.setdefault(word, set()).add(task.number)
    return sorted((w, tasks) for w, tasks in where.items()
                  if 2 <= len(tasks) <= 4 and w != "accordance" and not PARTICIPANT_RE.search(w))


@pytest.mark.parametrize("phrasing", ("Which tasks touch on {w}? I need all of them.", "List every task about {w}.",
                                      "what tasks deal with {w}?"))
def test_every_task_that_names_a_subject_is_listed(fast_bot, notice, phrasing, each):
    """However far the search puts one of them ("crowdfunding": task 54, and task 35 beyond the margin)."""
    for word, tasks in each(_rare_words(notice)):
        answer = fast_bot.ask(phrasing.format(w=word))
        assert tasks <= cited(answer), (phrasing, word, answer.query)


@pytest.mark.parametrize("phrasing, by_role", [
    ("Kindly enumerate the tasks for which the {a} bears responsibility.", "any"), ("what's on the {a}'s plate?", "any"),
    ("what is the {a} doing?", "any"), ("which tasks have the {a} as a participant but not lead?", "member"),
    ("tasks the {a} is on without leading", "member"), ("Which tasks list the {a} as a participant?", "any")])
def test_an_agency_s_tasks_asked_in_everyday_or_formal_words(fast_bot, notice, phrasing, by_role, each):
    """hostile-16: refused, cut to one task, or read as the tasks it leads."""
    for agency in each(notice.agencies_named()):
        answer = fast_bot.ask(phrasing.format(a=agency.name))
        want = involved(notice, agency.id) - (led(notice, agency.id) if by_role == "member" else set())
        assert cited(answer) == want, (phrasing, agency.id, answer.query)


@pytest.mark.parametrize("question", ("what are the six parts of the notice?", "list the parts of the notice",
                                      "how is the notice structured?", "give me an overview of the notice",
                                      "what parts does the notice have?"))
def test_the_notice_s_outline(fast_bot, notice, question):
    answer = fast_bot.ask(question)
    assert answer.text.startswith(f"**{len(notice.parts)}.**"), (question, answer.query)
    assert all(part.title in answer.text for part in notice.parts), answer.text[:300]


@pytest.mark.parametrize("question", ("tasks with joint leads", "tasks jointly led by two agencies", "which tasks are co-led?"))
def test_tasks_with_joint_leads_without_an_agency(fast_bot, notice, question):
    answer = fast_bot.ask(question)
    assert cited(answer) == {t.number for t in notice.tasks if len(t.lead_ids) > 1}, (question, answer.query)


def test_a_claim_giving_two_agencies_two_roles_checks_each(fast_bot, notice, each):
    """"X is a participant in task 59, which is led by SIPO": Yes only when X is on it and SIPO leads it (h8-065)."""
    for task in each([t for t in notice.tasks if len(t.agency_ids) > 2 and len(t.lead_ids) == 1]):
        lead, other, third = (BY_ID[i] for i in (task.lead_ids[0], *[i for i in task.agency_ids if i not in task.lead_ids][:2]))
        for member, leader, verdict in ((other, lead, "**Yes.**"), (lead, third, "**No.**")):
            answer = fast_bot.ask(f'fact check: "The {member.name} is a participant in Task {task.number}, which is led '
                                  f'by the {leader.name}."')
            assert answer.text.startswith(verdict), (task.number, member.id, leader.id, answer.query)


INSTRUMENTS = ("TRIPS Agreement", "Doha Declaration", "Beijing Treaty on Audiovisual Performances",
               "Patent Cooperation Treaty", "Treaty on the Protection of Broadcasting Organizations",
               "Convention on Biological Diversity", "Hague Agreement", "Marrakesh Treaty")


def _named_instruments(notice):
    """The treaties and declarations the notice names, each with the one task that names it."""
    return [(name, next(t.number for t in notice.tasks if name in t.text)) for name in INSTRUMENTS]


@pytest.mark.parametrize("phrasing", ("who handles the {name}?", "which task mentions the {name}", "{name} - which task?"))
def test_a_treaty_a_task_names_finds_that_task(fast_bot, notice, phrasing):
    """Task 87 names eight treaties in one sentence; the small model put it near none of them ("TRIPS Agreement":
    0.40, refused)."""
    named = _named_instruments(notice)
    assert len(named) >= 6
    for name, number in named:
        answer = fast_bot.ask(phrasing.format(name=name))
        assert number in answer.citations[:1], (phrasing, name, answer.query)


@pytest.mark.parametrize("phrasing", ("does the {a} still exist?", "what became of the {a}?", "is the {a} still called that?"))
def test_what_became_of_an_agency_asked_without_a_task(fast_bot, notice, phrasing):
    for agency in notice.agencies_named():
        if not agency.successor:
            continue
        answer = fast_bot.ask(phrasing.format(a=agency.name))
        assert agency.successor in answer.text and not answer.citations, (phrasing, agency.id, answer.query)


@pytest.mark.parametrize("phrasing", ("Chinese name of {a}?", "what's {z} in English?"))
def test_an_agency_s_name_in_the_other_language(fast_bot, notice, phrasing, each):
    for agency in each(notice.agencies_named()):
        answer = fast_bot.ask(phrasing.format(a=agency.name, z=agency.chinese))
        assert agency.chinese in answer.text and agency.name in answer.text, (phrasing, agency.id, answer.query)


def test_which_tasks_the_agency_just_named_is_on(fast_bot, notice, each):
    """"who is the 'Network Office'?", "which tasks is it on?" (refused: the name answer left no agency to point at)."""
    for task, agency, said in each(_worded(notice)):
        answer = fast_bot.ask("which tasks is it on?", history=[{"role": "user", "content": f"Who is the '{said}'?"}])
        assert cited(answer) == involved(notice, agency.id), (said, answer.query)


@pytest.mark.parametrize("phrasing, without", [("which one doesn't involve {a}, among tasks {lo}-{hi}?", True),
                                               ("which ones involve {a}, among tasks {lo}-{hi}?", False)])
def test_which_of_a_range_said_after_the_question(fast_bot, notice, phrasing, without, each):
    """hostile-16: the negated form listed the tasks that do involve the agency."""
    for lo in each(range(1, len(notice.tasks) - 5, 6)):
        hi = lo + 5
        for agency_id in ("sipo", "mofcom", "saic"):
            inside = {n for n in range(lo, hi + 1) if notice.task(n).involves(agency_id)}
            want = set(range(lo, hi + 1)) - inside if without else inside
            if not want:
                continue
            answer = fast_bot.ask(phrasing.format(a=short(agency_id), lo=lo, hi=hi))
            assert cited(answer) == want, (phrasing, agency_id, lo, answer.query)


# An agency's tasks on a subject, the subject said where a list names one: before "tasks" or after them.
SUBJECT_LISTS = (("Which {s} tasks does {a} lead?", True), ("List the tasks {a} leads on {s}.", True),
                 ("Which of {a}'s tasks deal with {s}?", False), ("Which tasks on {s} does {a} take part in?", False),
                 ("{a}: which of its tasks are about {s}?", False))
SUBJECTS = ("patent", "trademark", "copyright", "geographical indication", "trade secret", "plant variet")


def _says(task, subject) -> bool:
    return bool(re.search(rf"\b{subject}", f"{task.heading} {task.text}", re.I))


@pytest.mark.parametrize("phrasing", ("all {s}-related tasks in part {p}", "which tasks in part {p} are about {s}s?",
                                      "Which {s} tasks are in part {p}?"))
def test_a_part_s_tasks_on_a_subject(fast_bot, notice, phrasing, each):
    """The part's tasks whose text names the subject are all listed, and none of another part's (hostile-16: the
    whole part came back)."""
    for part in each(notice.parts):
        tasks = [t for t in notice.tasks if t.part == part.number]
        for subject in ("patent", "trademark", "copyright"):
            saying = {t.number for t in tasks if _says(t, subject)}
            if not saying or len(saying) == len(tasks):
                continue
            answer = fast_bot.ask(phrasing.format(s=subject, p=part.number))
            assert saying <= cited(answer) <= {t.number for t in tasks}, (phrasing, part.number, subject, answer.query)


def test_a_three_letter_subject(fast_bot, notice):
    """Task 99 ("pre-tax deduction"), not task 100, on patent fees under the heading on fiscal and taxation support."""
    answer = fast_bot.ask("which tax tasks does the finance ministry lead?")
    assert cited(answer) == {t.number for t in notice.tasks if t.led_by("mof") and re.search(r"\btax\b", t.text)}, \
        answer.query


def _subject_lists(notice, by_leads):
    """(agency, subject) where some but not all of the agency's tasks speak of the subject."""
    found = []
    for agency in notice.agencies_named():
        if not BY_ID[agency.id].abbreviations:
            continue
        mine = [t for t in notice.tasks if (t.led_by(agency.id) if by_leads else t.involves(agency.id))]
        for subject in SUBJECTS:
            saying = {t.number for t in mine if _says(t, subject)}
            if saying and len(saying) < len(mine):
                found.append((agency.id, subject, {t.number for t in mine}, saying))
    return found


@pytest.mark.parametrize("phrasing, by_leads", SUBJECT_LISTS)
def test_an_agency_s_tasks_on_a_subject(fast_bot, notice, phrasing, by_leads, each):
    """Every task of the agency whose text names the subject is listed, none of another agency's, and not the
    agency's whole list."""
    for agency_id, subject, mine, saying in each(_subject_lists(notice, by_leads)):
        said = {"plant variet": "plant varieties"}.get(subject, subject + "s")
        answer = fast_bot.ask(phrasing.format(a=short(agency_id), s=said))
        assert saying <= cited(answer) <= mine and cited(answer) != mine, (phrasing, agency_id, subject, answer.query)


def test_an_agency_s_list_on_a_subject_none_of_its_tasks_has_points_to_the_task_that_has_it(fast_bot):
    answer = fast_bot.ask("Which tasks does SIPO lead on patent pledge financing?")
    assert answer.citations == [102]  # led by MIIT ("led by the Ministry of Industry and Information Technology")
    assert answer.text.startswith("The State Intellectual Property Office does not lead [Task 102].")


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
def test_first_and_last_task_of_every_heading(fast_bot, notice, each, phrasing):
    for heading in each(notice.headings):
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


@pytest.mark.parametrize("asked", ["In Part {p}, which tasks have only a single responsible agency?",
                                   "Which tasks in part {p} have a sole agency?", "part {p} tasks with just one agency listed?",
                                   "Which tasks in part {p} have exactly two agencies?", "第{p}部分哪些任务只有一个部门？"])
def test_tasks_of_a_part_by_their_number_of_agencies(fast_bot, notice, asked):
    """Said with an adjective ("a single responsible agency") or as a number; one task found is one task."""
    size = 2 if "two" in asked else 1
    for part in notice.parts:
        matching = [t.number for t in notice.tasks if t.part == part.number and len(t.agency_ids) == size]
        answer = fast_bot.ask(asked.format(p=part.number))
        assert answer.text.startswith(f"**{len(matching)}.**") and answer.citations == matching, (part.number, answer.query)
        assert "1 tasks" not in answer.text and "1 agencies" not in answer.text


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


# --- claims in a reviewer's words ---------------------------------------------------------------------

ANY_TASK = ("Is it true that {a} doesn't lead any task?", "{a} leads no task, right?",
            "Does {a} lead any task?", "Claim: {a} does not lead a single task. Check?")


@pytest.mark.parametrize("phrasing", ANY_TASK)
def test_whether_an_agency_leads_any_task(fast_bot, notice, each, phrasing):
    """An agency over every task, not one task: the verdict follows from the records, and the answer cites the
    tasks it leads or, when it leads none, the tasks it is on."""
    negative = "n't" in phrasing or " no " in phrasing or " not " in phrasing
    for agency in each(a for a in notice.agencies_named() if BY_ID[a.id].abbreviations):
        answer = fast_bot.ask(phrasing.format(a=short(agency.id)))
        leads = led(notice, agency.id)
        assert answer.text.startswith("**Yes.**" if bool(leads) != negative else "**No.**"), (phrasing, agency.id)
        assert cited(answer) == (leads or involved(notice, agency.id)), (phrasing, agency.id, answer.query)


PLACE = ("Task {n} sits in Part {p}, correct?", "Is task {n} under part {p}?", "Our memo puts task {n} in part {p}. Right?")


@pytest.mark.parametrize("phrasing", PLACE)
def test_where_a_task_sits(fast_bot, notice, phrasing):
    """A claim about where a task sits is checked against its part, for the right part and a wrong one."""
    for task in rng.sample(notice.tasks, 15):
        for part in (task.part, task.part % len(notice.parts) + 1):
            answer = fast_bot.ask(phrasing.format(n=task.number, p=part))
            assert answer.text.startswith("**Yes.**" if part == task.part else "**No.**"), (phrasing, task.number, part)
            assert cited(answer) == {task.number}, (phrasing, task.number, answer.text)


CONCEDED = ("Task {n} is led by {lead} even though {other} is listed first, correct?",
            "Although {other} is on the list, task {n} is led by {lead}, right?")


@pytest.mark.parametrize("phrasing", CONCEDED)
def test_a_conceded_clause_is_not_the_claim(fast_bot, notice, each, phrasing):
    """"... even though X is listed first": X is checked as listed, the claim is the other agency's role."""
    def others(task):
        return [a for a in task.agencies if not task.led_by(a.id) and BY_ID[a.id].abbreviations]

    def leads(task):
        return [a for a in task.leads if BY_ID[a.id].abbreviations]

    for task in each(t for t in notice.tasks if others(t) and leads(t)):
        lead, other = short(leads(task)[0].id), short(others(task)[0].id)
        right = fast_bot.ask(phrasing.format(n=task.number, lead=lead, other=other))
        wrong = fast_bot.ask(phrasing.format(n=task.number, lead=other, other=lead))
        assert right.text.startswith("**Yes.**") and wrong.text.startswith("**No.**"), (phrasing, task.number)


@pytest.mark.parametrize("outline,part,heading", [("II.5", 2, 5), ("IV.5", 4, 5), ("III(6)", 3, 6),
                                                  ("heading VI(2)", 6, 2), ("part 2.3", 2, 3)])
def test_headings_in_outline_form(fast_bot, notice, outline, part, heading):
    answer = fast_bot.ask(f"tasks under {outline}?")
    assert cited(answer) == {t.number for t in notice.tasks_in(part, heading)}, answer.query


def test_a_bracketed_number_no_heading_has_is_a_task(fast_bot):
    answer = fast_bot.ask("Claim: the listed-company IPR disclosure task (65) is led by the CSRC. Check?")
    assert answer.text.startswith("**Yes.**") and cited(answer) == {65}


UNSTATED = ("How many {noun} does task {n} aim to add?", "When is the event in task {n} held?",
            "What's the punishment under task {n}?", "How big is the fund in task {n}?",
            "Which companies will get support under task {n}?", "Which least developed countries does task {n} cover?",
            "Which countries does task {n} extend to?", "What is the exact ceiling set by task {n}?",
            "How often is the work in task {n} reviewed?", "How many days does task {n} allow?",
            "What penalties does task {n} set?", "Does task {n} have a budget?", "Is task {n} funded by the central budget?",
            "Does the notice say how progress on task {n} will be evaluated?", "Does task {n} have a deadline?",
            "Does task {n} say by how much the costs will be reduced?", "Is task {n}'s working group to meet quarterly?",
            "Does task {n} name the stock exchanges?", "Is there a headcount or staffing figure for task {n}?",
            "What satisfaction score did the work in task {n} produce?", "What is the new maximum damages figure in task {n}?",
            "What threshold does task {n} set?", "Which industrial parks will host the work in task {n}?",
            "How big should the fund in task {n} be?", "What is the weight given to IP under task {n}?",
            "What is the web address for the work in task {n}?", "Which foreign agencies will task {n} work with?",
            "Does task {n} say who carries out the fieldwork, and when?", "On what dates does the work in task {n} take place?",
            "Which of the big markets (Yiwu? others?) are covered by task {n}?", "What day is the event in task {n} on?",
            "Which industries are on the list in task {n}?", "Which sectors are included under task {n}?",
            "How many countries will task {n} extend to?",
            "Who, by name, is in charge of the work in task {n}?", "Under task {n}, what share of the revenue goes to the "
            "owners?", "Which LDCs benefit from task {n}?",
            "第{n}项具体要扩展到哪些国家？", "第{n}项覆盖哪些市场？", "第{n}项要扩展到多少个国家？", "第{n}项的目录包括哪些产业？",
            "第{n}项的补贴标准是多少？", "第{n}项的中心具体设在哪些产业园区？")
@pytest.mark.parametrize("follow_up", ["Does it have a deadline?", "what's its budget?", "how much money does it get?",
                                       "which cities does it cover?", "is there a deadline for it?",
                                       "Does it say how big the awards are?", "Does it name the stock exchanges?"])
def test_a_detail_asked_of_the_task_just_shown(fast_bot, notice, follow_up, each):
    for task in each(notice.tasks):
        first = f"What does task {task.number} say?"
        answer = fast_bot.ask(follow_up, history=[{"role": "user", "content": first},
                                                  {"role": "assistant", "content": fast_bot.ask(first).text}])
        assert "does not state" in answer.text and cited(answer) == {task.number}, (follow_up, task.number, answer.query)


COUNTED = ("How many agencies does task {n} have?", "how many leads does task {n} have?")


@pytest.mark.parametrize("phrasing", UNSTATED)
def test_every_kind_of_detail_the_notice_does_not_give(fast_bot, notice, phrasing):
    """Figures, dates, places, durations and penalties: the answer says the notice does not state them and cites
    the task, whatever the thing counted is called."""
    # tasks whose own words give a frequency or a date ("the annual report") are answered from those words
    silent = [t for t in notice.tasks if not any(p.search(t.text) for p in DETAIL_GIVEN.values())]
    for task in random.Random(phrasing).sample(silent, 8):
        noun = rng.choice(["core patents", "new outlets", "pilot cities", "experts", "service centres"])
        answer = fast_bot.ask(phrasing.format(n=task.number, noun=noun))
        said = "does not state" in answer.text or answer.text.startswith(f"通知没有规定第{task.number}项任务的")
        assert said and cited(answer) == {task.number}, (phrasing, task.number, answer.text[:80])


@pytest.mark.parametrize("phrasing", COUNTED)
def test_what_the_records_count_is_still_counted(fast_bot, notice, phrasing):
    for task in rng.sample(notice.tasks, 8):
        answer = fast_bot.ask(phrasing.format(n=task.number))
        assert "does not state" not in answer.text and cited(answer) == {task.number}, (phrasing, task.number)


def test_a_typo_is_corrected_to_its_word_or_left_never_turned_into_another(fast_bot, notice):
    """A dropped letter in any word of the notice, read after the word before it: the neighbour settles a tie
    between equally close words ("geographical indicatons" is "indications", not "indicators")."""
    import re as regex

    speller = fast_bot.speller
    pairs = [(a, b) for t in notice.tasks for a, b in zip(*(lambda w: (w, w[1:]))(regex.findall(r"[a-z]+", t.text.lower())))
             if len(b) >= 7 and len(a) >= 3]
    wrong = []
    for before, word in rng.sample(pairs, 150):
        cut = rng.randrange(1, len(word) - 1)
        typo = word[:cut] + word[cut + 1:]
        if typo in speller.words:
            continue
        fixed, _ = speller.correct(f"{before} {typo}")
        if fixed.split()[-1] not in (word, typo):
            wrong.append((before, typo, fixed))
    assert not wrong, wrong


def test_a_typo_in_a_part_of_a_hyphened_word_is_corrected(fast_bot, notice):
    """"anti-monoply", "cross-boarder": each part of a hyphened word of the notice, a letter dropped or doubled, is
    corrected as a word of its own; the hyphen stays."""
    import re as regex

    speller = fast_bot.speller
    hyphened = sorted({w for t in notice.tasks for w in regex.findall(r"\b[a-z]+-[a-z]{7,}\b", t.text.lower())})
    assert hyphened
    for word in hyphened:
        head, tail = word.split("-", 1)
        for typo in (tail[:3] + tail[4:], tail[:3] + tail[3] + tail[3:]):
            if typo in speller.words:
                continue
            fixed, _ = speller.correct(f"the {head}-{typo} task")
            assert fixed == f"the {word} task", (word, typo, fixed)


def test_plural_topic_lists_every_task_that_names_the_topic(fast_bot, notice):
    for question in ("tasks about geographcal indicatons?", "geographical indications tasks?",
                     "Which tasks are about geographical indications?"):
        answer = fast_bot.ask(question)
        named = {t.number for t in notice.tasks if "geographical indication" in t.text.lower()}
        assert named <= cited(answer), (question, answer.query)


def user(*turns):
    return [{"role": "user", "content": t} for t in turns]


def test_a_list_follow_up_narrows_by_the_agency_it_is_about(fast_bot, notice):
    """"which of them does it lead?" after an agency's list: "it" is the agency, "them" the list."""
    for agency in rng.sample([a for a in notice.agencies_named() if led(notice, a.id)], 12):
        name = BY_ID[agency.id].name
        for follow_up in ("which of them does it actually lead?", "which of those does it lead?"):
            answer = fast_bot.ask(follow_up, history=user(f"list the tasks the {name} is on"))
            assert cited(answer) == led(notice, agency.id), (name, follow_up, answer.query)


def test_what_else_leaves_out_the_task_just_discussed(fast_bot, notice):
    for task in rng.sample([t for t in notice.tasks if len(t.lead_ids) == 1], 12):
        lead = task.lead_ids[0]
        for follow_up in ("what else does that agency lead?", "does it lead anything else?"):
            answer = fast_bot.ask(follow_up, history=user(f"Who leads task {task.number}?"))
            others = led(notice, lead) - {task.number}
            if others:
                assert cited(answer) == others, (task.number, follow_up, answer.query)
            else:  # none: it says so, then where the agency takes part
                assert ": 0 tasks." in answer.text and task.number not in cited(answer), (task.number, follow_up)


def test_which_of_those_are_not_handled_by_an_agency(fast_bot, notice):
    ones = {t.number for t in notice.tasks if len(t.agency_ids) == 1}
    for agency in ("sipo", "saic", "nca"):
        answer = fast_bot.ask(f"which of those aren't handled by {short(agency)}?",
                              history=user("Which tasks have only one agency listed?"))
        assert cited(answer) == ones - involved(notice, agency), (agency, answer.query)


def test_history_told_before_the_question_is_context_not_a_condition(fast_bot, notice):
    lao, moj = involved(notice, "lao"), involved(notice, "moj")
    cases = [("Since the Ministry of Justice absorbed the State Council Legislative Affairs Office, which tasks "
              "were on the LAO's plate?", lao),
             ("Since the legislative affairs office got folded into the Ministry of Justice, which tasks does "
              "today's Ministry of Justice cover (old MOJ plus old legal affairs office)?", lao | moj),
             ("Which tasks does today's Ministry of Justice take part in?", lao | moj),
             ("Which tasks does the Ministry of Justice take part in?", moj)]
    for question, expected in cases:
        assert cited(fast_bot.ask(question)) == expected, question


TITLED = ("Which tasks are in the '{title}' section?", "tasks in the {title} heading",
          "List the tasks under '{title}'")


@pytest.mark.parametrize("phrasing", TITLED)
def test_every_heading_by_its_title_without_its_opening_verb(fast_bot, notice, each, phrasing):
    """Titles as people quote them: lower case, without the opening "Strengthening", "Improve" or "Promote"."""
    for heading in each(notice.headings):
        title = " ".join(heading.title.split()[1:]).lower()
        answer = fast_bot.ask(phrasing.format(title=title))
        expected = {t.number for t in notice.tasks_in(heading.part, heading.number)}
        assert cited(answer) == expected, (heading.part, heading.number, phrasing, answer.query)


@pytest.mark.parametrize("n", [1, 2, 3])
def test_agencies_named_in_exactly_n_tasks(fast_bot, notice, n):
    from collections import Counter

    counts = Counter(i for t in notice.tasks for i in t.agency_ids)
    words = {1: "one", 2: "two", 3: "three"}
    for phrasing in ("Which agencies are named in exactly {w} tasks?", "agencies that appear in just {w} tasks"):
        answer = fast_bot.ask(phrasing.format(w=words[n]).replace("one tasks", "one task"))
        expected = {BY_ID[a].name for a, c in counts.items() if c == n}
        first = answer.text.split("\n")[0]
        assert all(name in first for name in expected) and first.startswith(f"**{len(expected)}.**"), (n, phrasing)


def test_leaving_out_joint_and_shared_tasks(fast_bot, notice):
    for agency in ("mofcom", "sipo", "saic"):
        answer = fast_bot.ask(f"Leaving out joint leads and the 'each responsible' tasks, which tasks does "
                              f"{short(agency)} lead on its own?")
        expected = {t.number for t in notice.tasks if t.lead_ids == (agency,) and not t.shared}
        assert cited(answer) == expected, (agency, answer.query)


def test_before_or_after_an_ordinal_counts_from_the_ordinal(fast_bot, notice):
    for part in range(1, len(notice.parts) + 1):
        numbers = [t.number for t in notice.tasks_in(part)]
        answer = fast_bot.ask("and the one after the second one?", history=user(f"List the tasks in part {part}"))
        assert cited(answer) == {numbers[1] + 1}, (part, answer.query)
        answer = fast_bot.ask(f"Which task comes before the last one in part {part}?")
        assert cited(answer) == {numbers[-1] - 1}, (part, answer.query)


def test_a_task_that_follows_or_precedes_a_described_one(fast_bot, notice):
    for phrasing, step in (("Which task follows task {n}?", 1), ("What precedes task {n}?", -1),
                           ("Which task comes right after task {n}?", 1)):
        for task in rng.sample(notice.tasks[1:-1], 10):
            assert cited(fast_bot.ask(phrasing.format(n=task.number))) == {task.number + step}, phrasing


SHARED_CLAIMS = ("Claim: task {n} is each-responsible.", "Is task {n} an each-responsible task?",
                 "Task {n} says its agencies are each responsible for their own part, right?")


@pytest.mark.parametrize("phrasing", SHARED_CLAIMS)
def test_claims_that_a_task_is_shared(fast_bot, notice, each, phrasing):
    for task in each(t for t in notice.tasks if t.shared) + each(t for t in notice.tasks if not t.shared):
        answer = fast_bot.ask(phrasing.format(n=task.number))
        assert answer.text.startswith("**Yes.**" if task.shared else "**No.**"), (phrasing, task.number)
        assert cited(answer) == {task.number}


def test_claims_on_how_many_agencies_a_task_names(fast_bot, notice, each):
    for task in each(rng.sample(notice.tasks, 30)):
        size = len(task.agency_ids)
        for claimed in (size, size + 1):
            answer = fast_bot.ask(f"Claim: task {task.number} has {claimed} agencies.")
            assert answer.text.startswith("**Yes.**" if claimed == size else "**No.**"), (task.number, claimed)
        alone = fast_bot.ask(f"Claim: task {task.number} has no agency other than its lead.")
        assert alone.text.startswith("**Yes.**" if size == 1 else "**No.**"), task.number


@pytest.mark.parametrize("phrasing", ("Claim: {a} leads every task in part {p}.", "Does {a} lead all the tasks in part {p}?"))
def test_claims_over_every_task_of_a_part(fast_bot, notice, phrasing):
    for agency in ("sipo", "mofcom", "saic"):
        for part in range(1, len(notice.parts) + 1):
            tasks = notice.tasks_in(part)
            answer = fast_bot.ask(phrasing.format(a=short(agency), p=part))
            holds = all(t.led_by(agency) for t in tasks)
            assert answer.text.startswith("**Yes.**" if holds else "**No.**"), (agency, part, answer.query)
            if not holds:  # the counterexamples are cited
                assert cited(answer) == {t.number for t in tasks if not t.led_by(agency)}


def test_every_task_of_a_heading_but_one(fast_bot, notice):
    answer = fast_bot.ask("Reviewer note: 'CNIPA leads every task in heading III(7) except task 65.'")
    assert answer.text.startswith("**Yes.**") and 65 not in cited(answer)


def test_a_claim_naming_an_agency_the_notice_lacks_is_not_checked_on_the_one_it_concedes(fast_bot):
    answer = fast_bot.ask("The NLG office leads task 20, although the High Court is listed — yes?")
    assert answer.text.startswith("**No.**") and "names no agency" in answer.text


def test_rankings_that_set_something_aside(fast_bot, notice):
    from collections import Counter

    def leader(tasks, leaving=()):
        counts = Counter(i for t in tasks for i in t.lead_ids if i not in leaving)
        return counts.most_common(1)[0]

    unjoint = [t for t in notice.tasks if len(t.lead_ids) == 1]
    agency, count = leader(unjoint)
    answer = fast_bot.ask("Which agency leads the most tasks, leaving out joint leads?")
    assert BY_ID[agency].name in answer.text.split("\n")[0] and f": {count} tasks" in answer.text.split("\n")[0]
    agency, count = leader(notice.tasks, leaving=("sipo",))
    for question in ("After the IP office, which agency leads the most tasks?",
                     "Which agency leads the most tasks after the IP Office?"):
        first = fast_bot.ask(question).text.split("\n")[0]
        assert BY_ID[agency].name in first and f": {count} tasks" in first, question
    second = fast_bot.ask("Which agency leads the second-most tasks?").text.split("\n")[0]
    assert BY_ID[agency].name in second


def test_top_agencies_is_a_ranking_not_a_count_of_parts(fast_bot):
    answer = fast_bot.ask("Top 3 agencies by number of tasks they take part in")
    assert "Ranking" in answer.text and "State Intellectual Property Office" in answer.text.split("\n")[0]


def test_a_detail_the_task_does_give_is_answered_with_its_words(fast_bot, notice):
    """"How often is the annual report released?": "annual" is in task 13, so it is quoted, not declared absent."""
    annual = [t for t in notice.tasks if "annual" in t.text.lower()]
    for task in annual:
        answer = fast_bot.ask(f"How often is the work in task {task.number} done?")
        assert "does not state" not in answer.text and task.text in answer.text, task.number


def test_who_convenes_or_chairs_is_answered_with_the_tasks_words(fast_bot, notice):
    for question in ("Who convenes the inter-ministerial joint conference under task 1?",
                     "Who chairs the body in task 1?"):
        answer = fast_bot.ask(question)
        assert notice.task(1).text in answer.text and cited(answer) == {1}, question


@pytest.mark.parametrize("said", ["which single task has the longest list of responsible agencies?",
                                  "Which one task involves the most agencies?"])
def test_a_single_task_asked_for_by_its_size_is_the_largest(fast_bot, notice, said):
    most = max(len(t.agency_ids) for t in notice.tasks)
    answer = fast_bot.ask(said)
    assert answer.text.startswith(f"**{most}.**") and answer.citations[:1] == [
        next(t.number for t in notice.tasks if len(t.agency_ids) == most)], answer.query


def test_a_single_agency_asked_for_by_its_leads_is_the_busiest(fast_bot, notice):
    answer = fast_bot.ask("which single agency leads the most tasks?")
    assert answer.query == "Read as: agencies by tasks led (most first)"


@pytest.mark.parametrize("said, step", [("Which task is immediately before the work to {subject}?", -1),
                                        ("What task comes right after the work to {subject}?", 1)])
def test_the_task_next_to_one_described_in_its_own_words(fast_bot, notice, said, step, each):
    """The anchor is a description, not "the ... one": the neighbour of the task it finds (descriptions the search
    itself finds, so that this tests the position, not the search)."""
    from tests.answer.test_claim_citations import distinct, subject

    asked = each(distinct(notice))
    checked = 0
    for task, _ in asked:
        question = said.format(subject=subject(task))
        anchor = fast_bot.read(question).tasks.topic
        found = fast_bot.ask(f"Which task is about {anchor}?").citations[:1] == [task.number]
        if not notice.has_task(task.number + step) or not found:
            continue
        answer = fast_bot.ask(question)
        assert answer.citations[:1] == [task.number + step], (said, task.number, answer.query)
        checked += 1
    assert checked >= len(asked) // 2, (checked, len(asked))  # most descriptions are found


@pytest.mark.parametrize("said", ["Which international organizations are named in task {n}?",
                                  "Which treaties does task {n} mention?"])
def test_names_a_task_gives_are_quoted_not_denied(fast_bot, notice, said):
    """Where the task's own words name bodies or treaties, the answer is those words, not "the notice does not state"."""
    named = [t for t in notice.tasks if DETAIL_GIVEN["the companies or organisations by name"].search(t.text)]
    assert named
    for task in named:
        answer = fast_bot.ask(said.format(n=task.number))
        assert "does not state" not in answer.text and task.text[:60] in answer.text, (said, task.number, answer.query)


@pytest.mark.parametrize("phrasing, by_leads", [
    ("Which tasks in part {p} don't involve the {a}?", False), ("In part {p}, which tasks does the {a} not lead?", True),
    ("Which part {p} tasks leave out the {a}?", False), ("In Part {p}, which tasks are free of any {a} involvement?", False),
    ("Any task in part {p} without the {a}?", False), ("Which tasks in part {p} exclude the {a}?", False),
    ("Show part {p} tasks that the {a} sits out.", False), ("Which tasks in part {p} lack the {a}?", False)])
def test_the_tasks_of_a_part_an_agency_is_not_on(fast_bot, notice, phrasing, by_leads, each):
    for agency in each(notice.agencies_named()):
        part = next(t.part for t in notice.tasks if t.involves(agency.id))
        answer = fast_bot.ask(phrasing.format(a=agency.name, p=part))
        holding = led(notice, agency.id) if by_leads else involved(notice, agency.id)
        expected = {t.number for t in notice.tasks_in(part)} - holding
        assert cited(answer) == expected, (phrasing, agency.name, answer.query)


def test_taking_part_while_someone_else_leads(fast_bot, notice, each):
    for agency in each(notice.agencies_named()):
        answer = fast_bot.ask(f"List the tasks where the {agency.name} takes part but someone else leads.")
        assert cited(answer) == involved(notice, agency.id) - led(notice, agency.id), (agency.name, answer.query)


@pytest.mark.parametrize("work", ["joint work with other countries on", "joint enforcement against", "jointly building",
                                  "joint research on", "joint efforts to promote"])
@pytest.mark.parametrize("asked", ["Which agencies handle {} geographical indications abroad?",
                                   "Who leads {} trade secret protection?"])
def test_joint_work_is_a_topic_not_a_joint_lead(fast_bot, work, asked):
    query = fast_bot.read(asked.format(work))
    assert not query.tasks.joint, query.reading()


@pytest.mark.parametrize("question", ["Which tasks are jointly led?", "Which tasks have joint leads?",
                                      "Which tasks does SIPO lead jointly with another agency?"])
def test_joint_leading_is_still_joint(fast_bot, question):
    query = fast_bot.read(question)
    assert query.tasks.joint or query.rank is not None, query.reading()


@pytest.mark.parametrize("change", ["when staff change jobs", "as engineers switch jobs", "when people are changing jobs"])
def test_jobs_that_staff_change_are_a_topic_not_an_agencys_list(fast_bot, notice, change):
    answer = fast_bot.ask(f"Does SAIC lead work on trade secrets {change}?")
    assert answer.citations[:1] == [24], answer.text[:200]
    assert "Tasks where" not in answer.text


@pytest.mark.parametrize("phrasing", ["part {p} tasks that don't involve the {a}", "part {p} tasks without the {a}",
                                      "Part {p} tasks that the {a} is not involved in", "part {p} tasks the {a} is not on"])
def test_a_part_s_tasks_an_agency_is_not_on_said_without_a_question_word(fast_bot, notice, phrasing, each):
    """"part 2 tasks without SAIC": the part's tasks the agency is not on, never the ones it is on."""
    for agency in each([a for a in notice.agencies_named() if len(involved(notice, a.id)) >= 3]):
        for part in notice.parts:
            answer = fast_bot.ask(phrasing.format(p=part.number, a=agency.name))
            expected = {t.number for t in notice.tasks_in(part.number)} - involved(notice, agency.id)
            if expected:
                assert cited(answer) == expected, (phrasing, part.number, agency.name, answer.query)
            else:
                assert not cited(answer) and answer.text.startswith(("No task", "**0.**", "None")) \
                    or "0 tasks" in answer.text, (phrasing, part.number, agency.name, answer.text[:200])


@pytest.mark.parametrize("said", ["Does part {p} have {n} tasks?", "Part {p} contains {n} tasks - verify",
                                  "Report: 'Part {p} holds {n} tasks.' Correct?"])
def test_a_claim_on_the_size_of_a_part(fast_bot, notice, said):
    for part in notice.parts:
        size = len(notice.tasks_in(part.number))
        for n in (size, size + 1, size - 1):
            answer = fast_bot.ask(said.format(p=part.number, n=n))
            assert answer.text.startswith("**Yes.**" if n == size else "**No.**"), (said, part.number, n, answer.query)
            assert f"{size} tasks" in answer.text.split("\n")[0]


@pytest.mark.parametrize("said", ["The notice has {n} tasks in total, correct?", "is it true the notice has {n} tasks?"])
def test_a_claim_on_the_size_of_the_notice(fast_bot, notice, said):
    for n in (notice.last_task - 1, notice.last_task, notice.last_task + 4):
        answer = fast_bot.ask(said.format(n=n))
        assert answer.text.startswith("**Yes.**" if n == notice.last_task else "**No.**"), (said, n, answer.query)


@pytest.mark.parametrize("said", ["Report: 'The {a} takes part in {n} of the {total} tasks.' Check",
                                  "Does the {a} lead {k} of the {total} tasks?"])
def test_an_agencys_count_out_of_all_the_tasks_is_a_count_not_a_task_number(fast_bot, notice, said, each):
    for agency in each([a for a in notice.agencies_named() if led(notice, a.id)]):
        n, k = len(involved(notice, agency.id)), len(led(notice, agency.id))
        answer = fast_bot.ask(said.format(a=agency.name, n=n, k=k, total=notice.last_task))
        assert answer.text.startswith("**Yes.**"), (said, agency.name, answer.query)
        assert f"{k if 'lead' in said else n} task" in answer.text.split("\n")[0], (said, agency.name, answer.text[:200])


def test_customs_in_lower_case_where_an_agency_stands_is_the_customs_administration(fast_bot, notice):
    theirs = involved(notice, "gac")
    assert cited(fast_bot.ask("which tasks involve customs?")) == theirs
    for other in ("nca", "saic", "sipo", "mofcom"):
        expected = theirs & involved(notice, other)
        for said in ("which tasks do the {o} and customs both appear in?", "tasks where customs and the {o} are both listed"):
            answer = fast_bot.ask(said.format(o=BY_ID[other].name))
            assert cited(answer) == expected, (said, other, answer.query)
    for topic in ("Who handles customs enforcement?", "Which agency handles folk customs?",
                  "Who is in charge of customs protection of IP?"):
        assert "General Administration of Customs takes part" not in fast_bot.read(topic).reading(), topic


@pytest.mark.parametrize("said", ["who is responsible for the Special 301 report response",
                                  "Which task covers Section 337 investigations?", "Does the notice cite Article 63?"])
def test_a_number_in_a_name_is_no_task_number(fast_bot, said):
    answer = fast_bot.ask(said)
    assert "There is no task" not in answer.text, (said, answer.query)


@pytest.mark.parametrize("short, spelled", [("SOE", "state-owned enterprise"), ("GI", "geographical indication"),
                                            ("SEP", "standard-essential patent"), ("R&D", "research and development"),
                                            ("SMEs", "small and medium-sized enterprises")])
def test_abbreviations_are_searched_spelled_out(fast_bot, short, spelled):
    query = fast_bot.read(f"Who leads the work on {short} protection?")
    assert spelled in query.tasks.topic and short not in query.tasks.topic.split(), query.reading()


@pytest.mark.parametrize("said", ["what extra deduction rate applies under task {n}", "what is the multiplier in task {n}?",
                                  "What interest rate does task {n} set?"])
def test_a_rate_the_notice_does_not_give_is_said_to_be_unstated(fast_bot, notice, said, each):
    for task in each(notice.tasks):
        answer = fast_bot.ask(said.format(n=task.number))
        assert answer.text.startswith(f"The notice does not state a rate or ratio for task {task.number}"), \
            (said, task.number, answer.text[:200])
        assert answer.citations == [task.number]


@pytest.mark.parametrize("question", ["What date was the notice issued?", "when was this notice published",
                                      "who issued the notice", "who signed the notice?", "What is the date of the notice?",
                                      "what's the document number of the Several Opinions it implements",
                                      "What document does the notice implement?", "这份通知是哪天发布的？",
                                      "通知是谁印发的？", "通知落实的是哪份文件？"])
def test_questions_about_the_notice_itself_are_answered_from_its_front_matter(fast_bot, notice, question):
    answer = fast_bot.ask(question)
    front = notice.front
    assert not answer.refused and not answer.citations, answer.text
    for said in (front.issuer, front.date, front.number):
        assert said in answer.text, (question, said)


@pytest.mark.parametrize("question", ["When must task 57 be finished?", "Who issued the guidelines in task 36?",
                                      "When is the Boao Forum held?"])
def test_a_date_or_issuer_asked_of_a_task_is_not_about_the_notice(fast_bot, question):
    from assistant.answer.query import Field

    assert fast_bot.read(question).field != Field.NOTICE, question


@pytest.mark.parametrize("phrasing", ["Part {p} tasks not led by the {a}", "which part {p} tasks are not led by the {a}?"])
def test_a_part_s_tasks_an_agency_does_not_lead(fast_bot, notice, phrasing, each):
    for agency in each([a for a in notice.agencies_named() if len(led(notice, a.id)) >= 2]):
        for part in notice.parts:
            expected = {t.number for t in notice.tasks_in(part.number)} - led(notice, agency.id)
            answer = fast_bot.ask(phrasing.format(p=part.number, a=agency.name))
            assert cited(answer) == expected, (phrasing, part.number, agency.name, answer.query)


def test_names_joined_by_and_are_each_checked_against_the_notice(fast_bot):
    query = fast_bot.read("who leads the process of joining the Hague Agreement and Marrakesh Treaty")
    assert not query.named_instruments, query.unmentioned
    assert fast_bot.read("Which task covers the Canton Fair and the Silk Road Fund?").named_instruments == (
        "Canton Fair", "Silk Road Fund")


@pytest.mark.parametrize("question", ["Where does the notice say the first agency listed is the lead?",
                                      "How are leads decided in the notice?", "how do I tell which agency leads a task?",
                                      "Which task explains that the first one is the lead department?",
                                      "牵头部门是怎么确定的？", "排在第一位的是牵头部门吗？"])
def test_the_notices_own_rule_for_leads_is_quoted_from_where_it_says_it(fast_bot, notice, question):
    stated = notice.lead_rule_task()
    answer = fast_bot.ask(question)
    assert stated is not None and answer.citations == [stated.number], answer.query
    assert notice.lead_rule() in answer.text and notice.lead_rule() in stated.agency_text
    explicit = sum(bool(t.lead_wording) for t in notice.tasks)
    shared = sum(t.shared for t in notice.tasks)
    assert re.search(rf"\b{explicit}\s*(?:tasks|项)", answer.text) and re.search(rf"\b{shared}\s*(?:tasks|项)", answer.text)


def test_a_question_about_one_tasks_lead_is_no_question_about_the_rule(fast_bot):
    from assistant.answer.query import Field

    assert fast_bot.read("Is the first agency listed on task 102 the lead?").field != Field.LEAD_RULE


@pytest.mark.parametrize("phrasing, step", [("Which task comes just before {n}?", -1), ("what comes after {n}?", 1),
                                            ("the item following {n} - who leads it?", 1),
                                            ("Which task comes just befor {n}?", -1)])
def test_a_bare_number_after_before_or_after_is_a_task(fast_bot, notice, phrasing, step, each):
    for task in each(notice.tasks[1:-1]):
        answer = fast_bot.ask(phrasing.format(n=task.number))
        assert answer.citations[:1] == [task.number + step], (phrasing, task.number, answer.query)


@pytest.mark.parametrize("phrasing, step", [("Which task comes right before the one on {words}?", -1),
                                            ("what comes after the task about {words}, and who leads it?", 1)])
def test_the_neighbour_of_a_task_found_by_its_subject_names_that_task_too(fast_bot, notice, phrasing, step, each):
    """The reader can check which task the words found (whatever the search found): it is named after the
    neighbour, which alone is cited."""
    for task in each(notice.tasks[1:-1]):
        words = " ".join(task.text.split()[:8]).rstrip(",.;")
        found = fast_bot.ask(phrasing.format(words=words)).query.split('"')[1]
        looked_up = fast_bot.ask(f"Which task is about {found}?").citations
        if not looked_up or not notice.has_task(looked_up[0] + step):
            continue
        anchor = looked_up[0]
        answer = fast_bot.ask(phrasing.format(words=words))
        assert answer.citations == [anchor + step], (phrasing, task.number, answer.query)
        assert f"found is task {anchor} (" in answer.text, answer.text[:200]


@pytest.mark.parametrize("phrasing, places", [("Who leads the first and the last tasks of part {p}?", (0, -1)),
                                              ("the second and third tasks in part {p} - who runs them?", (1, 2)),
                                              ("who leads the first, second and second-to-last tasks of part {p}?",
                                               (0, 1, -2))])
def test_several_positions_named_together(fast_bot, notice, phrasing, places):
    for part in notice.parts:
        tasks = notice.tasks_in(part.number)
        answer = fast_bot.ask(phrasing.format(p=part.number))
        assert cited(answer) == {tasks[i].number for i in places}, (part.number, phrasing, answer.query)


def test_several_ordinals_of_the_notice(fast_bot, notice, each):
    for n in each(range(1, 105)):
        answer = fast_bot.ask(f"Who leads the {n}th and {n + 1}th tasks?")
        assert cited(answer) == {n, n + 1}, (n, answer.query)


@pytest.mark.parametrize("phrasing, kept", [
    ("Tasks in part {p} led by someone other than {a}", lambda t, a: not t.led_by(a)),
    ("How many part {p} tasks are led by agencies other than {a}?", lambda t, a: not t.led_by(a)),
    ("Which tasks in part {p} are led by departments other than the {a}?", lambda t, a: not t.led_by(a)),
    ("In part {p}, which tasks involve {a} but are led by someone else?", lambda t, a: t.involves(a) and not t.led_by(a)),
    ("tasks in part {p} where {a} takes part but isn't a lead", lambda t, a: t.involves(a) and not t.led_by(a))])
def test_one_agency_left_out_of_the_lead(fast_bot, notice, phrasing, kept, each):
    for a in each(sorted({a for pair in agency_pairs(notice) for a in pair})):
        for part in (1, 5):
            answer = fast_bot.ask(phrasing.format(a=short(a), p=part))
            expected = {t.number for t in notice.tasks_in(part) if kept(t, a)}
            assert cited(answer) == expected, (phrasing, a, part, answer.query)


@pytest.mark.parametrize("phrasing", ["Which task assigns the {a} to {s}?", "Which task makes the {a} responsible for {s}?"])
def test_an_agency_and_a_subject_find_the_agencys_task_on_it_not_its_whole_list(searcher, notice, phrasing, each):
    """With the real model: the subject is searched among the agency's tasks."""
    from assistant.answer.chain import Assistant
    from assistant.notice.mentions import agency_mentions

    fast_bot = Assistant(retriever=searcher)
    for task in each(notice.tasks):
        subject = " ".join(task.text.split()[:12]).rstrip(",.;").lower()
        name = BY_ID[task.lead_ids[0]].name
        question = phrasing.format(a=name, s=subject)
        if len(agency_mentions(question)) > 1 or PARTICIPANT_RE.search(subject) \
                or set(subject.split()) & {w.lower() for w in name.split() if len(w) > 3}:
            continue  # "patent agency", "in customs", "judicial assistance": the subject names an agency or a role
        answer = fast_bot.ask(question)
        assert answer.citations[:1] == [task.number], (task.number, phrasing, answer.query)


@pytest.mark.parametrize("subject", ["fight academic plagiarism", "extradite fugitives abroad",
                                     "regulate cryptocurrency exchanges"])
def test_an_agency_and_a_subject_no_task_speaks_of_are_refused(searcher, notice, subject, each):
    from assistant.answer.chain import Assistant

    bot = Assistant(retriever=searcher)
    for agency in each(notice.agencies_named()):
        answer = bot.ask(f"Which task assigns the {agency.name} to {subject}?")
        assert not answer.citations, (agency.id, subject, answer.query)


@pytest.mark.parametrize("phrasing, step", [("Which task is two after task {n}?", 2), ("what is three before task {n}?", -3),
                                            ("What is the task two before task {n}?", -2),
                                            ("the second task following task {n} - who leads it?", 2)])
def test_a_task_some_places_from_another(fast_bot, notice, phrasing, step, each):
    for task in each(notice.tasks[3:-3]):
        answer = fast_bot.ask(phrasing.format(n=task.number))
        assert answer.citations[:1] == [task.number + step], (phrasing, task.number, answer.query)


@pytest.mark.parametrize("phrasing", ["Which tasks lie between task {a} and task {b}?", "who leads the tasks between {a} and {b}?"])
def test_the_tasks_between_two(fast_bot, notice, phrasing, each):
    for low in each(range(1, 100)):
        answer = fast_bot.ask(phrasing.format(a=low, b=low + 3))
        assert cited(answer) == {low + 1, low + 2}, (phrasing, low, answer.query)


def test_the_middle_task_of_a_heading(fast_bot, notice):
    for heading in notice.headings:
        listed = [t.number for t in notice.tasks_in(heading.part, heading.number)]
        if len(listed) < 3:
            continue
        half = len(listed) // 2
        middle = {listed[half]} if len(listed) % 2 else {listed[half - 1], listed[half]}
        answer = fast_bot.ask(f"What is the middle task of heading ({heading.number}) in part {heading.part}?")
        assert cited(answer) == middle, (heading, answer.query)


@pytest.mark.parametrize("phrasing", ["Which tasks are co-led by two agencies?", "list the tasks jointly led by two agencies in part {p}"])
def test_co_led_by_two_agencies_is_the_joint_lead(fast_bot, notice, phrasing):
    for part in notice.parts:
        answer = fast_bot.ask(phrasing.format(p=part.number))
        joint = {t.number for t in notice.tasks if len(t.lead_ids) > 1 and ("{p}" not in phrasing or t.part == part.number)}
        assert cited(answer) == joint, (phrasing, part.number, answer.query)


def test_a_subject_asked_of_an_agency_that_does_not_lead_it_says_so_and_names_its_task(searcher, notice, each):
    """"Which task does the CCPIT lead on <task 24's subject>?": task 24, after a line saying the CCPIT does not
    lead it (or is not on it); with the real model, over every task, for agencies that lead none."""
    from assistant.answer.chain import Assistant

    bot = Assistant(retriever=searcher)
    never_lead = [a.id for a in notice.agencies_named() if not any(t.led_by(a.id) for t in notice.tasks)][:2]
    for task in each(notice.tasks):
        subject = " ".join(task.text.split()[:12]).rstrip(",.;").lower()
        plain = bot.ask(f"Which task is about {subject}?")
        if plain.citations[:1] != [task.number] or PARTICIPANT_RE.search(subject):
            continue  # the subject alone does not find its task, or its words ask of a role ("cooperation")
        for agency in never_lead:
            answer = bot.ask(f"Which task does the {BY_ID[agency].name} lead on {subject}?")
            assert answer.citations[:1] == [task.number], (task.number, agency, answer.query)
            said = "does not lead" if task.involves(agency) else "does not name"
            assert said in answer.text.split("\n\n")[0], answer.text[:200]


@pytest.mark.parametrize("phrasing, span", [("What are the two tasks after task {n}?", (1, 2)),
                                            ("who leads the three tasks before task {n}?", (-3, -2, -1))])
def test_several_tasks_after_or_before_one(fast_bot, notice, phrasing, span, each):
    for task in each(notice.tasks[3:-3]):
        answer = fast_bot.ask(phrasing.format(n=task.number))
        assert cited(answer) == {task.number + k for k in span}, (phrasing, task.number, answer.query)


# A subject holding a detail's word, asked with "who leads" or "which agency": the agency is asked, not the detail.
SUBJECTS_WITH_DETAIL_WORDS = ["raising the ceiling on statutory damages", "letting provinces try out local IP offices",
                              "counting IP in GDP statistics", "making examination progress public in good time",
                              "the annual budget review of IP funds", "training officials in the cities"]


@pytest.mark.parametrize("asked, detail", [("Who leads {s}?", False), ("Which agency handles {s}?", False),
                                           ("Who is responsible for {s}?", False),
                                           ("Who leads {s}, and by when must it be done?", True),
                                           ("Which agency handles {s}, and how much money does it get?", True)])
def test_a_detail_named_in_the_subject_of_who_leads_is_not_asked(fast_bot, asked, detail):
    from assistant.answer.query import Op

    for subject in SUBJECTS_WITH_DETAIL_WORDS:
        query = fast_bot.read(asked.format(s=subject))
        assert (query.op == Op.UNSTATED) == detail, (asked.format(s=subject), query.reading())


# A part's tasks with one agency's lead taken out, the part said first or in "of the ... tasks".
PART_NOT_LED = ("Which of the part {p} tasks are not led by {a}?", "Of the part {p} tasks, which are led by someone other "
                "than {a}?", "Among the part {p} tasks, which does {a} not lead?", "which of the Part {P} tasks aren't led by {a}")


@pytest.mark.parametrize("phrasing", PART_NOT_LED)
def test_a_part_s_tasks_not_led_by_an_agency(fast_bot, notice, phrasing, each):
    roman = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI"}
    for agency in each(notice.agencies_named()):
        for part in notice.parts:
            answer = fast_bot.ask(phrasing.format(p=part.number, P=roman[part.number], a=agency.name))
            expected = {t.number for t in notice.tasks_in(part.number)} - led(notice, agency.id)
            assert cited(answer) == expected, (phrasing, agency.id, part.number, answer.query)


@pytest.mark.parametrize("phrasing, expected", [
    # a gloss in brackets after an agency does not part it from the "or" after the gloss
    ("Which tasks involve either {a} ({A}) or {b}?", lambda n, a, b: involved(n, a) | involved(n, b)),
    ("tasks led by {a} (the {A}) or by {b}", either_leads),
    # the same agency glossed in brackets is one agency, not two of a list
    ("Which tasks do {a} ({A}) and {b} both take part in?", both),
    # an agency on the task whose lead is someone other than another
    ("Which tasks name {a} but have someone other than {b} as lead?", lambda n, a, b: involved(n, a) - led(n, b)),
])
def test_two_agencies_around_glosses_and_other_leads(fast_bot, notice, each, phrasing, expected):
    for a, b in each(agency_pairs(notice)):
        question = phrasing.format(a=short(a), A=BY_ID[a].name, b=short(b))
        answer = fast_bot.ask(question)
        assert cited(answer) == expected(notice, a, b), (question, answer.query)


ANY_TASK_WHERE = ("Is there any task where {a} is listed without {b} also being listed?",
                  "Does any task list {a} but not {b}?", "Are there tasks involving {a} but not {b}?",
                  "有没有{za}参与但{zb}不参与的任务？")


@pytest.mark.parametrize("phrasing", ANY_TASK_WHERE)
def test_whether_any_task_fits_is_answered_yes_or_no_with_the_tasks(fast_bot, notice, each, phrasing):
    """A list asked as yes or no opens with the verdict the list decides, then the list."""
    for a, b in each(agency_pairs(notice)):
        question = phrasing.format(a=short(a), b=short(b), za=BY_ID[a].chinese, zb=BY_ID[b].chinese)
        answer = fast_bot.ask(question)
        want = first_without_second(notice, a, b)
        verdict = ("**Yes.**", "**是。**") if want else ("**No.**", "**否。**")
        assert answer.text.startswith(verdict), (question, answer.text[:200])
        assert {n for n in cited(answer) if want} == want, (question, answer.query)


@pytest.mark.parametrize("phrasing, by_leads", [("{z}不参与哪些任务？", False), ("哪些任务{z}没有参与？", False),
                                              ("{z}不牵头的任务有哪些？", True)])
def test_the_tasks_an_agency_is_not_on_in_chinese(fast_bot, notice, phrasing, by_leads, each):
    for agency in each(notice.agencies_named()):
        answer = fast_bot.ask(phrasing.format(z=BY_ID[agency.id].chinese))
        holding = led(notice, agency.id) if by_leads else involved(notice, agency.id)
        assert cited(answer) == {t.number for t in notice.tasks} - holding, (phrasing, agency.id, answer.query)
        assert not answer.text.startswith(("，", ",")), answer.text[:80]


NOT_ON_IN_PART = (("Which part {p} tasks isn't {a} on?", False), ("Which tasks in part {p} doesn't {a} lead?", True),
                  ("In part {p}, which tasks have no {a} involvement?", False),
                  ("Which part {p} tasks does {a} not appear on?", False))


@pytest.mark.parametrize("phrasing, by_leads", NOT_ON_IN_PART)
def test_an_agency_left_out_by_an_inverted_negative(fast_bot, notice, phrasing, by_leads, each):
    """"Which part 3 tasks isn't SAIC on?" listed the tasks SAIC is on (hostile-15)."""
    for agency in each(notice.agencies_named()):
        for part in notice.parts:
            answer = fast_bot.ask(phrasing.format(p=part.number, a=short(agency.id) if BY_ID[agency.id].abbreviations
                                                  else agency.name))
            holding = led(notice, agency.id) if by_leads else involved(notice, agency.id)
            expected = {t.number for t in notice.tasks_in(part.number)} - holding
            assert cited(answer) == expected, (phrasing, agency.id, part.number, answer.query)


def _all(notice) -> set[int]:
    return {t.number for t in notice.tasks}


@pytest.mark.parametrize("phrasing, expected", [
    ("Which tasks are led by neither {a} nor {b}?", lambda n, a, b: _all(n) - led(n, a) - led(n, b)),
    ("Which tasks are not led by either {a} or {b}?", lambda n, a, b: _all(n) - led(n, a) - led(n, b)),
    ("Which tasks involve neither {a} nor {b}?", lambda n, a, b: _all(n) - involved(n, a) - involved(n, b)),
    ("Which tasks is {a} on, other than the ones {b} leads?", lambda n, a, b: involved(n, a) - led(n, b)),
    ("Which tasks include {a} but aren't led by {b} or {a}?", lambda n, a, b: involved(n, a) - led(n, b) - led(n, a)),
    ("Which tasks have {a} on them but are led by neither {a} nor {b}?",
     lambda n, a, b: involved(n, a) - led(n, a) - led(n, b)),
])
def test_neither_nor_and_alternatives_left_out_together(fast_bot, notice, each, phrasing, expected):
    """"neither X nor Y" and "not led by either X or Y" were read as both leading (hostile-15)."""
    helpers.assert_each_pair(fast_bot, notice, phrasing, each(agency_pairs(notice)), short, expected)


@pytest.mark.parametrize("question, agency_id, by_leads", [
    ("which tasks does the police ministry lead?", "mps", True), ("Which tasks are the courts on?", "spc", False),
    ("Which tasks does the army's equipment department appear on?", "cmc_edd", False),
    ("What is the internet regulator on?", "cac", False), ("Which tasks does the prosecutors' office appear on?", "spp", False)])
def test_everyday_names_of_the_police_the_courts_and_others(fast_bot, notice, question, agency_id, by_leads):
    answer = fast_bot.ask(question)
    assert cited(answer) == (led if by_leads else involved)(notice, agency_id), (question, answer.query)


def _in_parts(notice, parts) -> set[int]:
    return {t.number for t in notice.tasks if t.part in parts}


@pytest.mark.parametrize("phrasing, parts", [("Is {a} on any task in part {p} or part {q}?", lambda p, q: {p, q}),
                                             ("Is {a} on any task in parts {p} through {q}?", lambda p, q: set(range(p, q + 1))),
                                             ("Does {a} appear anywhere outside parts {p} and {q}?",
                                              lambda p, q: set(range(1, 7)) - {p, q})])
def test_whether_an_agency_is_on_any_task_of_several_parts(fast_bot, notice, phrasing, parts, each):
    """"Is the Ministry of Culture on any task in part 5 or part 6?" said No, checking each task (hostile-15)."""
    for agency in each(notice.agencies_named()):
        for p, q in ((1, 2), (2, 4), (5, 6), (3, 5)):
            answer = fast_bot.ask(phrasing.format(a=agency.name, p=p, q=q))
            want = involved(notice, agency.id) & _in_parts(notice, parts(p, q))
            assert answer.text.startswith("**Yes.**" if want else "**No.**"), (phrasing, agency.id, p, q, answer.text[:200])
            if want:
                assert set(answer.citations) == want, (phrasing, agency.id, p, q, answer.query)


@pytest.mark.parametrize("phrasing", ("Which tasks outside part {p} involve {a}?", "Which tasks list {a}, excluding the ones in part {p}?",
                                      "tasks with {a} not in part {p}"))
def test_an_agency_s_tasks_outside_a_part(fast_bot, notice, phrasing, each):
    for agency in each(notice.agencies_named()):
        for part in notice.parts:
            answer = fast_bot.ask(phrasing.format(a=agency.name, p=part.number))
            want = involved(notice, agency.id) - _in_parts(notice, {part.number})
            assert cited(answer) == want, (phrasing, agency.id, part.number, answer.query)


@pytest.mark.parametrize("phrasing", ("Setting {a} aside, which agency leads the most tasks?", "{a} aside, who leads the most tasks?",
                                      "Excluding {a}, who leads most?", "Leaving {a} out, which agency leads the most tasks?"))
def test_the_agency_that_leads_most_with_one_set_aside(fast_bot, notice, phrasing):
    """"Setting SIPO aside, ..." listed SIPO's own tasks (hostile-15, h13-022)."""
    from assistant.lab.evaluate import stated_agencies

    counts = {a.id: len(led(notice, a.id)) for a in notice.agencies_named()}
    for left in sorted(counts, key=counts.get, reverse=True)[:3]:
        rest = {i: n for i, n in counts.items() if i != left}
        top = {BY_ID[i].name for i, n in rest.items() if n == max(rest.values())}
        answer = fast_bot.ask(phrasing.format(a=short(left) if BY_ID[left].abbreviations else BY_ID[left].name))
        assert stated_agencies(answer.text.split("\n\n")[0]) == top, (phrasing, left, answer.text[:200])


@pytest.mark.parametrize("phrasing, place", [("Which part has the most tasks?", 1), ("哪个部分的任务最多？", 1),
                                             ("Which is the second largest part by number of tasks?", 2),
                                             ("Which is the third largest part by number of tasks?", 3),
                                             ("Rank the parts by number of tasks.", 1)])
def test_parts_ranked_by_their_tasks(fast_bot, notice, phrasing, place):
    from assistant.lab.evaluate import stated_count

    sizes = sorted({len(notice.tasks_in(p.number)) for p in notice.parts}, reverse=True)
    answer = fast_bot.ask(phrasing)
    assert stated_count(answer.text) == sizes[place - 1], (phrasing, answer.text[:200])


def test_the_heading_at_a_place_in_the_ranking(fast_bot, notice):
    from assistant.lab.evaluate import stated_count

    sizes = sorted({len(notice.tasks_in(h.part, h.number)) for h in notice.headings}, reverse=True)
    for place, word in ((2, "second"), (3, "third")):
        answer = fast_bot.ask(f"What's the heading with the {word} most tasks?")
        assert stated_count(answer.text) == sizes[place - 1], (word, answer.text[:200])


@pytest.mark.parametrize("question", ("Which sub-headings contain just a single task, and how many such sub-headings are there?",
                                      "Which part has the most tasks? How many does it have?", "哪个部分的任务最多？一共多少项？"))
def test_a_count_asked_after_a_ranking_is_the_ranking_s(fast_bot, question):
    """The second question counts what the first found; the ranking says it (not all 106 tasks, not a second
    ranking)."""
    answer = fast_bot.ask(question)
    assert answer.query.count("then") == 0 and "106" not in answer.text.split("\n")[0], (question, answer.query)


@pytest.mark.parametrize("said", ("shared-responsibility", "split-by-duties", "divided-responsibility"))
def test_everyday_words_for_each_responsible_tasks(fast_bot, notice, said):
    shared = {t.number for t in notice.tasks if t.shared}
    for agency_id in ("mofcom", "moa", "spc", "sipo"):
        answer = fast_bot.ask(f"Which of them are {said} tasks?", history=[
            {"role": "user", "content": f"Which tasks does {BY_ID[agency_id].name} lead?"}])
        assert cited(answer) == led(notice, agency_id) & shared, (said, agency_id, answer.query)


@pytest.mark.parametrize("asked", ("Which of those divide the work by each agency's own responsibilities?",
                                   "which of them split duties along each department's own responsibilities?",
                                   "Which of these give each agency its own duties?"))
def test_each_agency_s_own_responsibilities_in_other_words(fast_bot, notice, asked, each):
    for part in each(notice.parts):
        answer = fast_bot.ask(asked, history=[{"role": "user", "content": f"Which tasks are in part {part.number}?"}])
        assert cited(answer) == {t.number for t in notice.tasks if t.part == part.number and t.shared}, (
            asked, part.number, answer.query)


def _zh_terms() -> dict[int, list[str]]:
    import json
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "corpus" / "task-terms-zh.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {row["task"]: [term["zh"] for term in row["terms"]] for row in rows}


@pytest.mark.parametrize("phrasing", ("The {a} and the {b} have a task on {topic} - who leads it?",
                                      "{a} and {b} share a task about {topic}; who leads it?",
                                      "{za}和{zb}有一项关于{topic}的任务，谁牵头？"))
def test_two_agencies_that_have_a_task_on_a_subject(fast_bot, notice, phrasing, each):
    """"SAIC and the farm ministry have a task about rural trademarks - who leads it?" read both as leads and found
    no task (h13-120, hostile-15): they are on the task; who leads it is asked of the task the subject finds."""
    for task in each([t for t in notice.tasks if len(t.agency_ids) >= 2]):
        a, b = (BY_ID[i] for i in task.agency_ids[:2])
        topic = _zh_terms()[task.number][0] if "{za}" in phrasing else " ".join(task.text.split()[:8]).strip(" ,.;")
        answer = fast_bot.ask(phrasing.format(a=a.name, b=b.name, za=a.chinese, zb=b.chinese, topic=topic))
        assert f"{a.name} takes part in it and {b.name} takes part in it" in answer.query, answer.query
        if answer.citations:
            found = notice.task(answer.citations[0])
            assert found.involves(a.id) and found.involves(b.id), (task.number, answer.query, answer.citations)


@pytest.mark.parametrize("phrasing, sole", [("Which task does {a} handle on its own?", True),
                                           ("Which tasks does {a} handle completely by itself?", True),
                                           ("Which tasks does {a} lead on its own?", False)])
def test_on_its_own_is_the_only_agency_unless_leading_is_said(fast_bot, notice, phrasing, sole, each):
    """"which task does MOFCOM handle on its own?" listed the tasks it leads alone ("own" was read as a lead word)."""
    for agency in each(notice.agencies_named()):
        answer = fast_bot.ask(phrasing.format(a=agency.name))
        want = {t.number for t in notice.tasks if (t.agency_ids == (agency.id,) if sole else t.lead_ids == (agency.id,))}
        assert cited(answer) == want or not want and not cited(answer) - involved(notice, agency.id), (
            phrasing, agency.id, answer.query)


# --- which agency a name stands for ------------------------------------------------------------------

NAME_ON_TASK = ("Task {n} mentions a '{said}' - which agency is that?", "Task {n} lists the {said}. Who is that?",
                "In task {n}, what does \"{said}\" refer to?", "Which agency is meant by '{said}' in task {n}?",
                "第{n}项里的“{said}”指的是哪个单位？")
NAME_ALONE = ("What does {said} stand for?", "Who is the '{said}'?", "What's the full name of {said}?",
              "{said}是哪个部门？")


def _worded(notice):
    """Every name a task's list gives an agency other than its canonical one ("Network Office"), once each."""
    seen, found = set(), []
    for task in notice.tasks:
        for agency in task.agencies:
            said = task.wording(agency)
            if said and said.casefold() not in seen and not re.search(r"[()]", said):
                seen.add(said.casefold())
                found.append((task, agency, said))
    return found


@pytest.mark.parametrize("phrasing", NAME_ON_TASK)
def test_the_agency_a_task_s_wording_stands_for(fast_bot, notice, phrasing, each):
    """The canonical agency, on the task named, and no list of its tasks."""
    for task, agency, said in each(_worded(notice)):
        answer = fast_bot.ask(phrasing.format(n=task.number, said=said))
        assert answer.citations == [task.number], (phrasing, said, answer.query)
        assert f"**{agency.name}**" in answer.text or f"**{agency.chinese}**" in answer.text, (said, answer.text)


@pytest.mark.parametrize("phrasing", NAME_ALONE)
def test_the_agency_a_name_or_abbreviation_stands_for(fast_bot, notice, phrasing, each):
    for agency in each([a for a in notice.agencies_named() if BY_ID[a.id].abbreviations]):
        said = BY_ID[agency.id].abbreviations[0]
        answer = fast_bot.ask(phrasing.format(said=said))
        assert answer.citations == [] and not answer.refused, (phrasing, said, answer.query)
        named_in = sum(t.involves(agency.id) for t in notice.tasks)
        assert f"**{agency.name}**" in answer.text or f"**{agency.chinese}**" in answer.text, (said, answer.text)
        assert re.search(rf"(?<!\d){named_in}\s*(?:tasks?|项)", answer.text), (said, answer.text)


def test_a_name_the_task_named_does_not_list_is_said_so(fast_bot, notice):
    answer = fast_bot.ask("Task 5 names the Network Office - which agency is that?")
    assert answer.text.startswith("Task 5 does not name it.") and "**Cyberspace Administration of China**" in answer.text


def test_a_name_asked_beside_a_ranking_is_not_a_name_question(fast_bot):
    """"...的是哪个部门" after a ranking asks for the agency ranked, not what a name means (heldoutzh-064)."""
    answer = fast_bot.ask("除了国家知识产权局以外，牵头任务最多的是哪个部门？")
    assert "Ministry of Commerce" in answer.text and "指" not in answer.text.split("。")[0]


@pytest.mark.parametrize("asked", ["Task {bad}, the one on {words} - who's responsible?",
                                   "Can you summarise task {bad} about {words}?",
                                   "who leads task {bad} (the {words} one)?"])
def test_a_missing_task_number_with_its_subject_is_said_missing_then_the_subject_answered(fast_bot, notice, asked, each):
    """"Task 107, the one on the patent prosecution highway": the number does not exist, and the asker said what
    they meant, so the task on that subject is the one to give, after the line that says the number is wrong."""
    from tests.answer.test_headings import own_words

    for task, bad in zip(each(notice.tasks), [107, 150, 0, 999, 120, 200] * 20):
        words = own_words(notice, task)
        if words is None:
            continue
        answer = fast_bot.ask(asked.format(bad=bad, words=words))
        assert answer.text.startswith(f"There is no task {bad}: the notice has tasks 1 to {notice.last_task}."), \
            (task.number, answer.text[:120])
        assert answer.citations[:1] == [task.number], (task.number, words, answer.query)


@pytest.mark.parametrize("asked", ["Who leads task {bad}?", "What does task {bad} say?", "task {bad} agencies"])
def test_a_missing_task_number_alone_is_refused(fast_bot, notice, asked):
    for bad in (0, 107, 150, 999):
        answer = fast_bot.ask(asked.format(bad=bad))
        assert answer.refused and not answer.citations and f"no task {bad}" in answer.text


@pytest.mark.parametrize("asked", ["Which tasks are shared by exactly {a} and {b}, nobody else?",
                                   "Which tasks have only {a} and {b} on them?",
                                   "tasks where {a} and {b} are the only agencies"])
def test_two_agencies_asked_as_the_only_ones_are_a_tasks_whole_list(fast_bot, notice, asked):
    """No task has two only agencies: "only X and Y" asks for the tasks whose agencies are those two, no other."""
    pairs = [(t.agency_ids[0], t.agency_ids[1]) for t in notice.tasks if len(t.agency_ids) == 2]
    pairs += helpers.agency_pairs([a.id for a in notice.agencies_named() if BY_ID[a.id].abbreviations], 10, rng)
    for a, b in dict.fromkeys(pairs):
        answer = fast_bot.ask(asked.format(a=BY_ID[a].name, b=BY_ID[b].name))
        expected = {t.number for t in notice.tasks if set(t.agency_ids) == {a, b}}
        assert cited(answer) == expected, (a, b, answer.query)


@pytest.mark.parametrize("asked", ["What is the deadline for the {words} task?", "What's the budget for the {words} task?",
                                   "What is the completion date for the task on {words}?"])
def test_a_detail_of_a_task_named_by_its_subject_is_unstated_for_that_task(fast_bot, notice, asked, each):
    """"What is the deadline for the trade secret task?": the notice gives none; the task is found by its subject,
    never by the word "deadline", and cited with what it does say."""
    from tests.answer.test_headings import own_words

    for task in each(notice.tasks):
        words = own_words(notice, task)
        if words is None:
            continue
        answer = fast_bot.ask(asked.format(words=words))
        assert answer.text.startswith("The notice does not state"), (task.number, answer.query, answer.text[:100])
        assert answer.citations[:1] == [task.number], (task.number, words, answer.query)


@pytest.mark.parametrize("phrasing", ["Is there anything in there about {said}?", "Does the plan say anything about {said}?",
                                      "Is there a task on {said}? Who leads it?", "有没有关于{said}的内容？"])
def test_whether_the_notice_has_anything_on_a_subject_opens_with_yes(fast_bot, notice, each, phrasing):
    """"Is there anything about ...?" is a yes-or-no question: the verdict with the task, then who leads it."""
    for task in each(notice.tasks):
        said = " ".join(task.text.rstrip(".").split()[:20]).lower().rstrip(",;")
        answer = fast_bot.ask(phrasing.format(said=said))
        assert answer.text.startswith(("**Yes.**", "**是。**")) and task.number in answer.citations[:3], \
            (task.number, answer.query)
        assert stated_leads(answer.text) or len(answer.citations) > 1, (task.number, answer.text[:200])


@pytest.mark.parametrize("question", ["Is there anything in there about the weather in Paris?",
                                      "Is there a task on the 2022 Winter Olympics ticket prices?",
                                      "Does it say anything about squatting on football pitches?",
                                      "通知里有没有提到天气预报？"])
def test_a_subject_the_notice_lacks_is_answered_no(fast_bot, question):
    """Refused, as any subject the notice lacks, and the yes-or-no question gets its No first."""
    answer = fast_bot.ask(question)
    assert answer.refused and answer.text.startswith(("**No.**", "**否。**")), answer.text[:100]


@pytest.mark.parametrize("asked, by_leads", [("I work at the {a}. Which tasks do we lead?", True),
                                             ("We're the {a}; which tasks are we on?", False),
                                             ("I'm new at the {a}, which tasks involve us?", False)])
def test_the_askers_own_agency_said_first_is_we(fast_bot, notice, each, asked, by_leads):
    """"I work at MOFCOM. Which tasks do we lead?": "we" is the agency the asker named."""
    for agency in each([a for a in notice.agencies_named() if led(notice, a.id)]):
        answer = fast_bot.ask(asked.format(a=BY_ID[agency.id].name))
        assert cited(answer) == (led if by_leads else involved)(notice, agency.id), (agency.id, answer.query)
