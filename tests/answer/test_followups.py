"""Follow-ups that count in the agencies the last answer listed: "What else does the first agency lead?",
"the last one listed", "the second agency". History arrives as plain messages, as from the API and the eval."""

from __future__ import annotations

import random
import re

import pytest

from assistant.lab.evaluate import stated_agencies, stated_leads
from assistant.notice.agencies import BY_ID
from tests.answer.helpers import cited, involved, led

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


# --- narrowing the list: "which of them lead a task there?" ---------------------------------------------------

NARROWING = {  # follow-up -> (scope of the check: "part" of the first question, "task" next to it, or "notice";
    #                          whether leads count; whether the agencies that do NOT hold it are asked for)
    "which of them lead a task there?": ("part", True, False),
    "and which of those are also on task {n}?": ("task", False, False),
    "Which of these aren't on task {n}?": ("task", False, True),
    "which of them don't lead any task anywhere in the notice?": ("notice", True, True),
    "of those, which ones lead a task somewhere in the notice?": ("notice", True, False),
}


@pytest.mark.parametrize("follow_up, how", NARROWING.items())
def test_which_of_them_narrows_the_agencies_just_listed(fast_bot, notice, follow_up, how, each):
    where, by_leads, negated = how
    for part in each(notice.parts):
        first = f"Which agencies appear in part {part.number}?"
        shown = fast_bot.ask(first)
        listed = [a.id for a in notice.agencies_named() if any(t.involves(a.id) for t in notice.tasks_in(part.number))]
        n = notice.tasks_in(part.number)[-1].number % notice.last_task + 1  # the first task of the next part
        scope = {"part": notice.tasks_in(part.number), "task": [notice.task(n)], "notice": notice.tasks}[where]
        held = {a for a in listed if any(t.led_by(a) if by_leads else t.involves(a) for t in scope)}
        expected = [a for a in listed if (a in held) != negated]
        answer = fast_bot.ask(follow_up.format(n=n), history=turns((first, shown)))
        assert answer.text.startswith(f"**{len(expected)}.** Of the {len(listed)} agencies in the last answer"), \
            (follow_up, part.number, answer.query, answer.text[:300])
        assert stated_agencies(answer.text) == {BY_ID[a].name for a in expected}, (follow_up, part.number)


@pytest.mark.parametrize("follow_up", ["Which of those got renamed or merged in 2018?",
                                       "which of them were merged into SAMR?"])
def test_which_of_them_by_their_2018_fate(fast_bot, notice, follow_up, each):
    samr = {"saic", "aqsiq", "cfda"}
    for task in each(notice.tasks):
        first = f"Which agencies are on task {task.number}?"
        shown = fast_bot.ask(first)
        answer = fast_bot.ask(follow_up, history=turns((first, shown)))
        expected = {a for a in task.agency_ids if (a in samr if "SAMR" in follow_up else BY_ID[a].successor)}
        # said of that task, as "which of the agencies on task 90 were merged into SAMR?" is
        assert answer.citations == [task.number], (task.number, answer.query)
        head = answer.text.split("\n\n")[0]
        assert (stated_agencies(head) if expected else set()) == {BY_ID[a].name for a in expected}, (task.number, head)


@pytest.mark.parametrize("number, follow_up, edge", [(1, "the task before it", "first"), (106, "and the next one?", "last")])
def test_no_task_past_the_notice_s_edge_and_the_edge_task_is_cited(fast_bot, number, follow_up, edge):
    first = f"Who leads task {number}?"
    answer = fast_bot.ask(follow_up, history=turns((first, fast_bot.ask(first))))
    assert answer.text.startswith(f"Task {number} is the {edge} task of the notice") and answer.citations == [number]


def test_a_contraction_typed_without_its_apostrophe_keeps_its_negation(fast_bot, notice):
    first = "Which agencies are on task 18?"
    answer = fast_bot.ask("which of those arent on task 17?", history=turns((first, fast_bot.ask(first))))
    expected = {BY_ID[a].name for a in notice.task(18).agency_ids if not notice.task(17).involves(a)}
    assert stated_agencies(answer.text) == expected, answer.text[:300]


@pytest.mark.parametrize("first, by_leads", [("rank agencies by how many tasks they lead", True),
                                             ("Which agencies take part in the most tasks? Give me the top 5.", False),
                                             ("top agencies by number of tasks in part 2", False)])
@pytest.mark.parametrize("word, index", [("second", 1), ("third", 2)])
def test_the_nth_one_after_a_ranking_is_its_nth_row(fast_bot, notice, first, by_leads, word, index):
    shown = fast_bot.ask(first)
    rows = [line[2:].split(":")[0] for line in shown.text.splitlines() if line.startswith("- ") and "[Task" not in line]
    agency = next(a for a in notice.agencies_named() if a.name == rows[index])
    answer = fast_bot.ask(f"the {word} one - what else does it lead?", history=turns((first, shown)))
    assert answer.query.startswith(f"Read as: list tasks where {agency.name} leads it"), answer.query


def test_a_fate_asked_of_a_part_s_agencies_answers_first_then_each_fate(fast_bot, notice):
    for part in notice.parts:
        first = f"Which agencies are in part {part.number}?"
        answer = fast_bot.ask("which of them were merged into SAMR?", history=turns((first, fast_bot.ask(first))))
        named = {a for a in notice.agencies_named() if any(t.involves(a.id) for t in notice.tasks_in(part.number))}
        expected = {a.name for a in named if a.id in ("saic", "aqsiq", "cfda")}
        head = answer.text.split("\n\n")[0]
        assert head.startswith(f"**{len(expected)}.** Of the {len(named)} agencies in the last answer"), head
        assert (stated_agencies(head) if expected else set()) == expected, head


@pytest.mark.parametrize("follow_up, negated", [("among them, who isn't on task {n}?", True),
                                                ("drop the ones that are on task {n}", True),
                                                ("of those, which are on task {n}?", False)])
def test_narrowing_in_other_words(fast_bot, notice, follow_up, negated, each):
    for task in each([t for t in notice.tasks if t.number < notice.last_task]):
        first = f"who's on task {task.number}"
        answer = fast_bot.ask(follow_up.format(n=task.number + 1), history=turns((first, fast_bot.ask(first))))
        nxt = notice.task(task.number + 1)
        expected = {BY_ID[a].name for a in task.agency_ids if nxt.involves(a) != negated}
        head = answer.text.split("\n\n")[0]
        assert (stated_agencies(head) if expected else set()) == expected, (task.number, answer.query, head)


def test_that_agency_after_a_list_narrowed_to_one(fast_bot, notice):
    history = []
    for question in ("who's on task 87", "among them, who isn't on task 88?"):
        history += turns((question, fast_bot.ask(question, history=history)))
    answer = fast_bot.ask("what does that agency do elsewhere?", history=history)
    assert "Ministry of Environmental Protection" in answer.query, answer.query


def test_there_is_where_the_list_came_from_even_two_parts_or_a_narrowed_list(fast_bot, notice):
    first = "which agencies appear in both part 2 and part 3?"
    history = turns((first, fast_bot.ask(first)))
    answer = fast_bot.ask("which of them lead a task there?", history=history)
    both = [t for t in notice.tasks if t.part in (2, 3)]
    listed = {a for a in notice.agencies_named() if any(t.involves(a.id) for t in notice.tasks_in(2))
              and any(t.involves(a.id) for t in notice.tasks_in(3))}
    expected = {a.name for a in listed if any(t.led_by(a.id) for t in both)}
    assert stated_agencies(answer.text.split("\n\n")[0]) == expected, answer.text[:300]
    history = []
    for question in ("which agencies are in part 6?", "which of them were reorganised in 2018?"):
        history += turns((question, fast_bot.ask(question, history=history)))
    answer = fast_bot.ask("which of them lead a task there?", history=history)
    assert "in part 6" in answer.query, answer.query


@pytest.mark.parametrize("follow_up", ["which of them lead a task there?", "Which of these take part in a task there?",
                                       "of those, who leads something under that heading?"])
def test_narrowed_to_a_heading_each_agency_cites_its_tasks_there(fast_bot, notice, follow_up, each):
    """A heading has a few tasks: each agency kept gets a row citing its tasks there, so the answer can be cited."""
    by_leads = "lead" in follow_up
    for heading in each(notice.headings):
        first = f"Which agencies appear under heading ({heading.number}) of part {heading.part}?"
        answer = fast_bot.ask(follow_up, history=turns((first, fast_bot.ask(first))))
        tasks = notice.tasks_in(heading.part, heading.number)
        for agency in notice.agencies_named():
            theirs = [t.number for t in tasks if (t.led_by(agency.id) if by_leads else t.involves(agency.id))]
            row = re.search(rf"^- {re.escape(agency.name)}: (.*)$", answer.text, re.M)
            assert bool(row) == bool(theirs), (first, follow_up, agency.name, answer.text[:400])
            if row:
                assert [int(n) for n in re.findall(r"\[Task (\d+)\]", row.group(1))] == theirs, (first, row.group(0))


@pytest.mark.parametrize("setup, follow_up", [
    ("Task {n} has {k} agencies on it.", "Which of those are not on task {m}?"),
    ("List the agencies on task {n} -", "which of them lead a task in part {p}?"),
    ("Task {n} names {k} agencies;", "among them, who isn't on task {m}?"),
])
def test_a_list_set_up_and_narrowed_in_one_question_is_narrowed_as_a_follow_up(fast_bot, notice, setup, follow_up,
                                                                               each):
    """"Task 29 has 15 agencies on it. Which of those don't appear in part 2?": the first sentence is the list, as if
    asked before, and the last narrows it."""
    for task in each(notice.tasks):
        words = dict(n=task.number, k=len(task.agency_ids), m=task.number % notice.last_task + 1, p=task.part % 6 + 1)
        first, then = setup.format(**words), follow_up.format(**words)
        asked = fast_bot.ask(f"{first} {then}")
        expected = fast_bot.ask(then, history=turns((first.rstrip(" -;."), fast_bot.ask(first.rstrip(" -;.")))))
        assert asked.query == expected.query and asked.text == expected.text, (first, then, asked.text[:300])
        assert asked.text.startswith("**") and f"agencies in the last answer ([Task {task.number}])" in asked.text, \
            (first, then, asked.text[:300])


@pytest.mark.parametrize("follow_up, kept", [("which of those are not in part {p}?", False),
                                             ("drop the ones in part {p}", False),
                                             ("which of those are outside part {p}?", False),
                                             ("only the ones in part {p}", True), ("just the ones in part {p}", True),
                                             ("which of those are in part {p}?", True),
                                             ("which are outside part {p}?", False), ("and which ones are in part {p}?", True)])
def test_a_list_of_tasks_narrowed_to_a_part_or_away_from_it(fast_bot, notice, follow_up, kept, each):
    for agency in each(notice.agencies_named()):
        first = f"Which tasks does the {agency.name} take part in?"
        theirs = [t for t in notice.tasks if t.involves(agency.id)]
        part = theirs[0].part
        answer = fast_bot.ask(follow_up.format(p=part), history=turns((first, fast_bot.ask(first))))
        expected = {t.number for t in theirs if (t.part == part) == kept}
        assert cited(answer) == expected, (follow_up, agency.name, answer.query)


@pytest.mark.parametrize("follow_up", ["which of them involves the most agencies?",
                                       "which of those has the longest agency list?"])
def test_the_largest_task_of_the_last_list(fast_bot, notice, follow_up, each):
    for agency in each(notice.agencies_named()):
        first = f"Which tasks does the {agency.name} take part in?"
        theirs = [t for t in notice.tasks if t.involves(agency.id)]
        most = max(len(t.agency_ids) for t in theirs)
        answer = fast_bot.ask(follow_up, history=turns((first, fast_bot.ask(first))))
        assert answer.citations[:1] == [next(t.number for t in theirs if len(t.agency_ids) == most)], \
            (follow_up, agency.name, answer.query)
        assert answer.text.startswith(f"**{most}.**"), (follow_up, agency.name, answer.text[:200])


def test_who_leads_each_after_a_list_of_tasks(fast_bot, notice, each):
    for heading in each(notice.headings):
        first = f"what's under heading ({heading.number}) of part {heading.part}?"
        answer = fast_bot.ask("who leads each?", history=turns((first, fast_bot.ask(first))))
        assert answer.citations == [t.number for t in notice.tasks_in(heading.part, heading.number)], answer.query


@pytest.mark.parametrize("follow_up", ["ok and the ones that aren't - who leads them?", "what about the rest?",
                                       "and the others?", "the ones not in part {p}: which are they?",
                                       "剩下的几项呢？", "不在第{p}部分的那几项由谁牵头？"])
def test_the_rest_of_a_list_after_narrowing_it_to_a_part(fast_bot, notice, follow_up, each):
    """"Which of them are in part 2?", then "and the one that isn't?": the tasks the narrowing left out, in the
    list's order, and the answer says which it took them to be."""
    for agency in each(notice.agencies_named()):
        listed = [t.number for t in notice.tasks_involving(agency.id)]
        parts = sorted({t.part for t in notice.tasks_involving(agency.id)})
        if len(parts) < 2:
            continue
        part = parts[0]
        first = f"Which tasks is the {agency.name} on?"
        history = turns((first, fast_bot.ask(first)))
        narrowing = f"Which of them are in part {part}?"
        history += turns((narrowing, fast_bot.ask(narrowing, history=history)))
        answer = fast_bot.ask(follow_up.format(p=part), history=history)
        rest = [n for n in listed if notice.task(n).part != part]
        assert answer.citations == rest, (agency.id, follow_up, answer.query)
        assert ", ".join(map(str, rest)) in answer.text, (agency.id, follow_up, answer.text[-200:])


@pytest.mark.parametrize("follow_up", ["do any of them touch on {s}?", "does any of those deal with {s}?",
                                       "这些任务里有讲{s}的吗？", "其中有没有涉及{s}的任务？"])
def test_whether_any_task_of_the_last_list_speaks_of_a_subject_opens_yes_or_no(searcher, notice, follow_up, each):
    """After an agency's tasks, "do any of them touch on crowdfunding?": Yes and the task, from that list only;
    a subject none of them speaks of ("blockchain", "区块链"): No. The real search: Chinese subjects are found
    through the Chinese glossary."""
    import json

    from assistant.answer.chain import Assistant
    from assistant.settings import ROOT

    bot = Assistant(retriever=searcher)
    chinese = bool(re.search(r"[\u4e00-\u9fff]", follow_up))
    yes, no = ("**是。**", "**否。**") if chinese else ("**Yes.**", "**No.**")
    terms = {row["task"]: max((t["zh"] for t in row["terms"]), key=len) for row in map(json.loads, (ROOT / "corpus" / "task-terms-zh.jsonl")
                                                               .read_text(encoding="utf-8").splitlines())}
    for agency in each([a for a in notice.agencies_named() if len(notice.tasks_involving(a.id)) > 2]):
        listed = notice.tasks_involving(agency.id)
        first = f"Which tasks is the {agency.name} on?"
        history = turns((first, bot.ask(first)))
        subject = terms[listed[-1].number] if chinese else " ".join(listed[-1].text.rstrip(".").split()[1:5]).rstrip(",;")
        answer = bot.ask(follow_up.format(s=subject), history=history)
        assert answer.text.startswith(yes) and set(answer.citations) <= {t.number for t in listed}, \
            (agency.id, subject, answer.query, answer.text[:200])
        foreign = "区块链" if yes == "**是。**" else "blockchain"
        answer = bot.ask(follow_up.format(s=foreign), history=history)
        assert answer.text.startswith(no), (agency.id, answer.query, answer.text[:200])


@pytest.mark.parametrize("follow_up, holds", [
    ("Do they all involve the {b}?", lambda t, b, p: t.involves(b)),
    ("are all of them led by the {b}?", lambda t, b, p: t.led_by(b)),
    ("Are they all tasks where each agency has its own part?", lambda t, b, p: t.shared),
    ("Are all of them in part {p}?", lambda t, b, p: t.part == p)])
def test_a_claim_over_every_task_of_the_last_list(fast_bot, notice, follow_up, holds, each):
    """"Do they all involve Customs?" after an agency's tasks: Yes or No over each task of that list, not over the
    whole notice, nor about the agency the list was of."""
    for agency in each([a for a in notice.agencies_named() if len(notice.tasks_involving(a.id)) > 1]):
        listed = notice.tasks_involving(agency.id)
        other = next(a for a in listed[0].agency_ids if a != agency.id) if len(listed[0].agency_ids) > 1 else agency.id
        first = f"Which tasks is the {agency.name} on?"
        history = turns((first, fast_bot.ask(first)))
        answer = fast_bot.ask(follow_up.format(b=BY_ID[other].name, p=listed[0].part), history=history)
        expected = all(holds(t, other, listed[0].part) for t in listed)
        assert answer.text.startswith("**Yes.**" if expected else "**No.**"), (agency.id, follow_up, answer.query)
        assert set(answer.citations) <= {t.number for t in listed}, (agency.id, follow_up, answer.citations)


@pytest.mark.parametrize("follow_up, holds", [("Is the second one an each-responsibility task?", lambda t: t.shared),
                                              ("is the second one jointly led?", lambda t: len(t.lead_ids) > 1),
                                              ("Is the last one each-responsible?", lambda t: t.shared)])
def test_a_yes_no_about_one_task_of_the_last_list_by_its_place(fast_bot, notice, follow_up, holds, each):
    """"Is the second one an each-responsibility task?": that task of the list, Yes or No (had been read as "the
    each-responsible task with the second-most agencies")."""
    for agency in each([a for a in notice.agencies_named() if len(notice.tasks_involving(a.id)) > 1]):
        listed = notice.tasks_involving(agency.id)
        first = f"Which tasks is the {agency.name} on?"
        answer = fast_bot.ask(follow_up, history=turns((first, fast_bot.ask(first))))
        task = listed[-1] if "last" in follow_up else listed[1]
        assert answer.text.startswith("**Yes.**" if holds(task) else "**No.**"), (agency.id, follow_up, answer.query)
        assert answer.citations[:1] == [task.number], (agency.id, follow_up, answer.citations)


@pytest.mark.parametrize("follow_up", ["它参与的任务有哪些？", "它一共参与了几项任务？"])
def test_ta_that_takes_part_is_the_agency_even_after_a_list_of_one_task(fast_bot, notice, follow_up):
    """"文化部牵头哪些任务？" (one task), then "它参与的任务有哪些？": what takes part is the agency, not the task."""
    for agency in notice.agencies_named():
        if not any(t.led_by(agency.id) for t in notice.tasks):
            continue
        first = f"{BY_ID[agency.id].chinese}牵头哪些任务？"
        answer = fast_bot.ask(follow_up, history=turns((first, fast_bot.ask(first))))
        expected = [t.number for t in notice.tasks_involving(agency.id)]
        assert answer.citations == expected or answer.text.startswith(f"**{len(expected)}.**"), (agency.id, answer.query)


@pytest.mark.parametrize("follow_up", ["For the second one, who else is on it?", "who else is on the second one?",
                                       "the second one: who else is listed besides the lead?"])
def test_who_else_on_the_nth_task_of_a_list_after_who_leads_each(fast_bot, notice, follow_up, each):
    """The list stays the list after "Who leads each of them?": "the second one" is its second task, not the
    first task that answer showed."""
    for agency in each([a for a in notice.agencies_named() if len(notice.tasks_involving(a.id)) > 1]):
        first = f"Which tasks does the {agency.name} appear in?"
        history = turns((first, fast_bot.ask(first)))
        history += turns(("Who leads each of them?", fast_bot.ask("Who leads each of them?", history=history)))
        answer = fast_bot.ask(follow_up, history=history)
        second = notice.tasks_involving(agency.id)[1]
        assert answer.citations[:1] == [second.number], (agency.id, follow_up, answer.query)
        others = [a for a in second.agency_ids if a not in second.lead_ids]
        assert all(BY_ID[a].name in answer.text for a in others), (agency.id, follow_up, answer.text[:300])


@pytest.mark.parametrize("follow_up", ["Which of these are joint leads?", "which of these are co-led?",
                                       "which of them have two leads?"])
def test_a_list_of_tasks_narrowed_to_its_jointly_led_ones(fast_bot, notice, follow_up, each):
    for agency in each(notice.agencies_named()):
        first = f"List the tasks the {agency.name} takes part in"
        answer = fast_bot.ask(follow_up, history=turns((first, fast_bot.ask(first))))
        expected = {t.number for t in notice.tasks if t.involves(agency.id) and len(t.lead_ids) > 1}
        assert cited(answer) == expected, (follow_up, agency.name, answer.query)


@pytest.mark.parametrize("follow_up", ["which of them appear only in part {p}?", "which of those are named only in part {p}?"])
def test_the_listed_agencies_named_in_one_part_only(fast_bot, notice, follow_up, each):
    for task in each(notice.tasks):
        first = f"Which agencies are on task {task.number}?"
        answer = fast_bot.ask(follow_up.format(p=task.part), history=turns((first, fast_bot.ask(first))))
        only = [a for a in task.agency_ids if {t.part for t in notice.tasks if t.involves(a)} == {task.part}]
        assert answer.text.startswith(f"**{len(only)}.**"), (follow_up, task.number, answer.query)
        assert not only or stated_agencies(answer.text.split("\n")[0]) == {BY_ID[a].name for a in only}, \
            (follow_up, task.number, answer.text[:300])


@pytest.mark.parametrize("phrase, negated", [
    ("Of the agencies in task {n}, which lead nothing in part {p}?", True),
    ("Among the agencies on task {n}, who leads a task in part {p}?", False),
    ("Of the {k} agencies listed on task {n}, which don't lead any task in part {p}?", True),
    ("Out of the agencies on task {n}, which ones lead something in part {p}?", False)])
def test_a_list_set_up_in_an_opening_phrase_is_narrowed(fast_bot, notice, phrase, negated, each):
    """"Of the agencies in task 88, which lead nothing in part 5?": the agencies of the task, narrowed by their
    leads in the part, computed from the records."""
    for task in each([t for t in notice.tasks if len(t.agency_ids) >= 3]):
        p = task.part % 6 + 1
        asked = phrase.format(n=task.number, k=len(task.agency_ids), p=p)
        leading = {a for a in task.agency_ids if any(t.led_by(a) for t in notice.tasks_in(p))}
        expected = {BY_ID[a].name for a in task.agency_ids if (a in leading) != negated}
        answer = fast_bot.ask(asked)
        assert answer.text.startswith(f"**{len(expected)}.**"), (asked, answer.query, answer.text[:300])
        assert stated_agencies(answer.text) == expected, (asked, answer.text[:300])


@pytest.mark.parametrize("asked", ["which has the fewest agencies?", "Which one has the most agencies?",
                                   "and which has the longest list of agencies?", "这几项里哪一项参与部门最多？",
                                   "其中哪一项参与部门最少？"])
def test_which_has_the_most_agencies_after_a_list_ranks_its_tasks(fast_bot, notice, asked, each):
    """A subject that has agencies is a task: after a list of tasks, one of them; the answer cites the one (or the
    ties) the records give."""
    most = "fewest" not in asked and "最少" not in asked
    for agency in each([a for a in notice.agencies_named() if len([t for t in notice.tasks if t.led_by(a.id)]) >= 2]):
        first = f"Which tasks does the {BY_ID[agency.id].name} lead?"
        listed = [t for t in notice.tasks if t.led_by(agency.id)]
        sizes = {t.number: len(t.agency_ids) for t in listed}
        best = (max if most else min)(sizes.values())
        answer = fast_bot.ask(asked, history=turns((first, fast_bot.ask(first))))
        assert answer.citations and set(answer.citations) <= set(sizes), (first, asked, answer.text[:300])
        assert {n for n in answer.citations[:1]} <= {n for n, s in sizes.items() if s == best}, (first, asked)


@pytest.mark.parametrize("follow_up, negated", [("which of those does it not lead?", True),
                                                ("which ones doesn't it lead?", True),
                                                ("which of those isn't it leading?", True),
                                                ("which ones does it lead?", False)])
def test_an_agencys_list_narrowed_by_its_own_lead_said_with_it(fast_bot, notice, follow_up, negated, each):
    """After "Which tasks is the MOJ on?", "which of those does it not lead?" keeps the tasks it is on and others
    lead; the negation is never dropped."""
    for agency in each([a for a in notice.agencies_named() if any(t.led_by(a.id) for t in notice.tasks)]):
        first = f"Which tasks is the {agency.name} on?"
        on = {t.number for t in notice.tasks if t.involves(agency.id)}
        leads = {t.number for t in notice.tasks if t.led_by(agency.id)}
        answer = fast_bot.ask(follow_up, history=turns((first, fast_bot.ask(first))))
        assert cited(answer) == (on - leads if negated else leads), (agency.name, follow_up, answer.query)


@pytest.mark.parametrize("follow_up", ["which of those doesn't involve the {a}?", "which of them don't include the {a}?"])
def test_a_parts_tasks_narrowed_to_those_an_agency_is_not_on(fast_bot, notice, follow_up, each):
    for part in notice.parts:
        first = f"What tasks are in part {part.number}?"
        shown = fast_bot.ask(first)
        for agency in each([a for a in notice.agencies_named()
                            if any(t.involves(a.id) for t in notice.tasks_in(part.number))]):
            answer = fast_bot.ask(follow_up.format(a=agency.name), history=turns((first, shown)))
            expected = {t.number for t in notice.tasks_in(part.number) if not t.involves(agency.id)}
            assert cited(answer) == expected, (part.number, agency.name, follow_up, answer.query)


def _conversation(bot, *questions):
    history, answer = [], None
    for question in questions:
        answer = bot.ask(question, history=history)
        history += [{"role": "user", "content": question}, {"role": "assistant", "content": answer.text}]
    return answer


@pytest.mark.parametrize("asked", ["same lead?", "is it the same lead?", "do they have the same lead?",
                                   "same lead for both?"])
@pytest.mark.parametrize("before", [("Who leads task {a}?", "and task {b}?"), ("who runs {a} and {b}?",)])
def test_same_lead_compares_the_two_tasks_just_asked_about(fast_bot, notice, asked, before, each):
    """"Who leads task 24?", "and task 25?", "same lead?" (or "who runs 24 and 25?", "same lead?"): Yes only when
    the two tasks have the same leads, and the answer says who leads each, citing both."""
    for task in each(notice.tasks[:-1]):
        other = notice.task(task.number + 1)
        said = [b.format(a=task.number, b=other.number) for b in before]
        answer = _conversation(fast_bot, *said, asked)
        same = set(task.lead_ids) == set(other.lead_ids)
        assert answer.text.startswith("**Yes.**" if same else "**No.**"), (task.number, asked, answer.query)
        assert cited(answer) == {task.number, other.number}, (task.number, asked, answer.query)
        assert stated_leads(answer.text, 2) == {BY_ID[i].name for i in (*task.lead_ids, *other.lead_ids)}, \
            answer.text[:400]


@pytest.mark.parametrize("asked, where", [("are they under the same heading?", "heading"),
                                          ("are they in the same part?", "part")])
def test_same_heading_or_part_compares_the_two_tasks_just_asked_about(fast_bot, notice, asked, where, each):
    for task in each(notice.tasks[:-3]):
        other = notice.task(task.number + 3)
        answer = _conversation(fast_bot, f"Who leads task {task.number}?", f"what about task {other.number}?", asked)
        same = task.part == other.part and (where == "part" or task.heading_number == other.heading_number)
        assert answer.text.startswith("**Yes.**" if same else "**No.**"), (task.number, asked, answer.query)


def test_what_heading_are_they_under_places_both_tasks(fast_bot, notice, each):
    for task in each(notice.tasks[:-5]):
        other = notice.task(task.number + 5)
        answer = _conversation(fast_bot, f"Who leads task {task.number}?", f"and task {other.number}?",
                               "what heading are they under?")
        assert cited(answer) == {task.number, other.number}, answer.query
        assert f"Task {task.number} is in part {task.part}" in answer.text, answer.text[:300]


@pytest.mark.parametrize("follow_up, kept", [("which have just {n} agencies?", lambda size, n: size == n),
                                             ("which of them have more than {n} agencies?", lambda size, n: size > n)])
def test_a_list_of_tasks_narrowed_by_their_number_of_agencies(fast_bot, notice, follow_up, kept):
    for part in notice.parts:
        first = f"What tasks are in part {part.number}?"
        shown = fast_bot.ask(first)
        for n in (2, 4):
            answer = fast_bot.ask(follow_up.format(n=n), history=turns((first, shown)))
            expected = {t.number for t in notice.tasks_in(part.number) if kept(len(t.agency_ids), n)}
            assert cited(answer) == expected, (part.number, follow_up, n, answer.query)


def test_after_a_ranking_of_tasks_the_third_one_is_a_task_and_which_of_those_narrows_tasks(fast_bot, notice):
    first = "Which tasks have only one agency?"
    single = [t.number for t in notice.tasks if len(t.agency_ids) == 1]
    shown = fast_bot.ask(first)
    for part in notice.parts:
        answer = fast_bot.ask(f"which of those are in part {part.number}?", history=turns((first, shown)))
        assert cited(answer) == {n for n in single if notice.task(n).part == part.number}, (part.number, answer.query)
    answer = fast_bot.ask("the last one?", history=turns((first, shown)))
    assert answer.citations[:1] == [single[-1]], answer.query
    answer = fast_bot.ask("how many of them does SIPO lead?", history=turns((first, shown)))
    assert answer.text.startswith(f"**{len([n for n in single if notice.task(n).led_by('sipo')])}.**"), answer.query


def test_an_ordinal_past_the_end_of_a_list_of_one_says_so_and_keeps_the_list(fast_bot, notice):
    first = "Which tasks does the Ministry of Foreign Affairs lead?"
    only = [t.number for t in notice.tasks if t.led_by("mfa")]
    assert len(only) == 1
    shown = fast_bot.ask(first)
    beyond = fast_bot.ask("the fourth one?", history=turns((first, shown)))
    assert "only 1 task" in beyond.text and not beyond.citations, beyond.text
    again = fast_bot.ask("the first one?", history=turns((first, shown), ("the fourth one?", beyond)))
    assert again.citations[:1] == only, again.query


@pytest.mark.parametrize("said, holds", [("so the {other} doesn't lead it?", True), ("so the {lead} leads it?", True),
                                         ("so the {other} leads it?", False)])
def test_a_conclusion_put_back_about_the_task_just_shown(fast_bot, notice, said, holds, each):
    for task in each([t for t in notice.tasks if len(t.agency_ids) > 1 and len(t.lead_ids) == 1]):
        lead = BY_ID[task.lead_ids[0]].name
        other = BY_ID[next(a for a in task.agency_ids if a not in task.lead_ids)].name
        first = f"Who leads task {task.number}?"
        answer = fast_bot.ask(said.format(lead=lead, other=other), history=turns((first, fast_bot.ask(first))))
        assert answer.text.startswith("**Yes.**" if holds else "**No.**"), (task.number, said, answer.query)


def test_compare_two_tasks_in_one_question_then_same_lead(fast_bot, notice, each):
    for task in each(notice.tasks[:-7]):
        other = notice.task(task.number + 7)
        answer = _conversation(fast_bot, f"compare task {task.number} and task {other.number}", "same lead?")
        same = set(task.lead_ids) == set(other.lead_ids)
        assert answer.text.startswith("**Yes.**" if same else "**No.**"), (task.number, other.number, answer.query)


def test_is_it_jointly_led_asks_of_the_task_just_shown(fast_bot, notice, each):
    for task in each(notice.tasks):
        answer = _conversation(fast_bot, f"Who leads task {task.number}?", "is it jointly led?")
        assert answer.text.startswith("**Yes.**" if len(task.lead_ids) > 1 else "**No.**"), (task.number, answer.query)
        assert answer.citations[:1] == [task.number], answer.text[:200]


def test_the_last_one_of_a_list_narrowed_to_one_says_the_list(fast_bot, notice):
    answer = _conversation(fast_bot, "what does the Supreme People's Court lead?", "which of those are also joint leads?",
                           "the last one, what is it about?")
    joint = [t.number for t in notice.tasks if t.led_by("spc") and len(t.lead_ids) > 1]
    assert answer.citations[:1] == joint[-1:] and "on that list" in answer.text, answer.text[:200]


@pytest.mark.parametrize("asked, what", [("Do tasks {a} and {b} have the same lead?", "lead"),
                                        ("Is task {a} led by the same agency as task {b}?", "lead"),
                                        ("Do task {a} and task {b} share a lead?", "lead"),
                                        ("Are tasks {a} and {b} under the same heading?", "heading"),
                                        ("Are tasks {a} and {b} in the same part?", "part"),
                                        ("第{a}项和第{b}项的牵头单位一样吗？", "lead")])
def test_two_tasks_named_in_one_question_compared(fast_bot, notice, asked, what, each):
    for task in each(notice.tasks[:-4]):
        other = notice.task(task.number + 4)
        answer = fast_bot.ask(asked.format(a=task.number, b=other.number))
        same = {"lead": set(task.lead_ids) == set(other.lead_ids),
                "heading": (task.part, task.heading_number) == (other.part, other.heading_number),
                "part": task.part == other.part}[what]
        yes, no = ("**是。**", "**否。**") if "项" in asked else ("**Yes.**", "**No.**")
        assert answer.text.startswith(yes if same else no), (asked, task.number, answer.query)


@pytest.mark.parametrize("follow_up, by_leads", [
    ("leave out the {a} - which tasks do the others lead in that part?", True),
    ("apart from the {a}, what tasks do the rest of them lead there?", True),
    ("not counting the {a}, which tasks are the remaining ones on in that part?", False)])
def test_the_tasks_of_the_others_of_a_list_of_agencies(fast_bot, notice, follow_up, by_leads, each):
    for part in each(notice.parts):
        first = f"Which agencies lead tasks in part {part.number}?"
        leads = list(dict.fromkeys(a for t in notice.tasks_in(part.number) for a in t.lead_ids))
        if len(leads) < 2:
            continue
        left_out = leads[0]
        answer = _conversation(fast_bot, first, follow_up.format(a=BY_ID[left_out].name))
        holds = (lambda t, a: t.led_by(a)) if by_leads else (lambda t, a: t.involves(a))
        expected = {t.number for t in notice.tasks_in(part.number) if any(holds(t, a) for a in leads[1:])}
        assert cited(answer) == expected, (part.number, follow_up, answer.query)


@pytest.mark.parametrize("asked", ["Task {n} - are the agencies responsible separately? and who is listed first?",
                                   "Is task {n} an each-responsible task? Who leads it?",
                                   "Does task {n} give each agency its own part? Also, which agency is listed first?"])
def test_two_questions_in_one_message_are_both_answered_in_order(fast_bot, notice, asked, each):
    for task in each(notice.tasks):
        answer = fast_bot.ask(asked.format(n=task.number))
        assert answer.text.startswith("**Yes.**" if task.shared else "**No.**"), (task.number, answer.query)
        assert "; then " in answer.query and answer.citations[:1] == [task.number], (task.number, answer.query)
        assert re.search(rf"\*\*{re.escape(task.leads[0].name)}\*\*", answer.text), (task.number, answer.text[:300])


@pytest.mark.parametrize("asked", ["Which task comes right before {n}? who leads it", "What is the first task in part {p}? "
                                   "Who leads it?", "What does task {n} say? Who else is on it?",
                                   "What does task {n} say? Which task is that?"])
def test_a_second_question_the_first_answer_already_answers_adds_nothing(fast_bot, notice, asked, each):
    for task in each(notice.tasks[1:]):
        answer = fast_bot.ask(asked.format(n=task.number, p=task.part))
        assert "; then " not in answer.query and len(answer.citations) == 1, (asked, task.number, answer.query)
        assert answer.text.count("\n\nTask ") == 0 or answer.text.count(" is led by ") <= 1, answer.text[:400]


@pytest.mark.parametrize("then", ["which one is the last?", "And which comes first?", "which task is the last?"])
def test_which_one_is_last_after_a_list_is_its_end(fast_bot, notice, then, each):
    for part in each(notice.parts):
        numbers = [t.number for t in notice.tasks_in(part.number)]
        answer = _conversation(fast_bot, f"How many tasks are in part {part.number}?", then)
        expected = numbers[0] if "first" in then else numbers[-1]
        assert answer.citations[:1] == [expected], (part.number, then, answer.query)


@pytest.mark.parametrize("asked", ["who leads task {n}, and is each agency responsible for its own part?",
                                   "For task {n}, which agency is named first, and do the agencies each take their "
                                   "own piece of the work?",
                                   "Task {n}: is each agency responsible for its own part, and how many agencies are "
                                   "listed?"])
def test_two_questions_in_one_sentence_say_the_verdict_first(fast_bot, notice, asked, each):
    for task in each(notice.tasks):
        answer = fast_bot.ask(asked.format(n=task.number))
        assert answer.text.startswith("**Yes.**" if task.shared else "**No.**"), (task.number, answer.query)
        if "how many" in asked:
            assert f"**{len(task.agency_ids)}.**" in answer.text, (task.number, answer.query)
        else:
            assert f"**{task.leads[0].name}**" in answer.text, (task.number, answer.text[:300])


@pytest.mark.parametrize("follow_up, role", [("apart from the lead, which of them are also on task {m}?", "any"),
                                            ("not counting the leads, which of the others are on task {m}?", "any")])
def test_the_rest_of_one_tasks_agencies_besides_its_leads(fast_bot, notice, follow_up, role, each):
    for task in each(notice.tasks[:-1]):
        other = notice.task(task.number + 1)
        rest = [a for a in task.agency_ids if a not in task.lead_ids]
        answer = _conversation(fast_bot, f"Who is on task {task.number}?", follow_up.format(m=other.number))
        expected = {BY_ID[a].name for a in rest if other.involves(a)}
        assert stated_agencies(answer.text) == expected, (task.number, follow_up, answer.query)


@pytest.mark.parametrize("said", ["Is the {lower} among the agencies on task {n}?", "is the {lower} on task {n}?"])
def test_an_agency_named_in_lower_case_words_of_its_own_name_is_no_topic(fast_bot, notice, said, each):
    for task in each(notice.tasks):
        for agency in ("nlgo", "sipo"):
            lower = {"nlgo": "national anti-counterfeiting leading group office", "sipo": "state intellectual property office"}[agency]
            answer = fast_bot.ask(said.format(lower=lower, n=task.number))
            assert answer.text.startswith("**Yes.**" if task.involves(agency) else "**No.**"), (task.number, agency,
                                                                                            answer.query)


@pytest.mark.parametrize("asked", ["is it one of those 'each responsible for its own part' tasks?",
                                   "how many agencies are listed?"])
def test_a_follow_up_about_the_task_just_shown(fast_bot, notice, asked, each):
    for task in each(notice.tasks):
        answer = _conversation(fast_bot, f"Who leads task {task.number}?", asked)
        if "how many" in asked:
            assert answer.text.startswith(f"**{len(task.agency_ids)}.**"), (task.number, answer.query)
        else:
            assert answer.text.startswith("**Yes.**" if task.shared else "**No.**"), (task.number, answer.query)


@pytest.mark.parametrize("asked, kept", [("Which agencies are on both?", lambda a, b: a and b),
                                        ("which agencies do they have in common?", lambda a, b: a and b),
                                        ("Which agencies are on one but not the other?", lambda a, b: a != b)])
def test_the_agencies_of_the_two_tasks_just_asked_about_met(fast_bot, notice, asked, kept, each):
    for task in each(notice.tasks[:-3]):
        other = notice.task(task.number + 3)
        answer = _conversation(fast_bot, f"Who is on task {task.number}?", f"And task {other.number}?", asked)
        expected = {BY_ID[a].name for a in {*task.agency_ids, *other.agency_ids}
                    if kept(task.involves(a), other.involves(a))}
        assert stated_agencies(answer.text) == expected, (task.number, asked, answer.query)


@pytest.mark.parametrize("asked", ["do any of them lead in part {p}?", "Do any of those lead a task in part {p}?"])
def test_do_any_of_them_narrows_the_listed_agencies(fast_bot, notice, asked, each):
    for part in each(notice.parts):
        other = part.number % len(notice.parts) + 1
        leads = list(dict.fromkeys(a for t in notice.tasks_in(part.number) for a in t.lead_ids))
        answer = _conversation(fast_bot, f"Which agencies lead tasks in part {part.number}?", asked.format(p=other))
        expected = {BY_ID[a].name for a in leads if any(t.led_by(a) for t in notice.tasks_in(other))}
        assert stated_agencies(answer.text) == expected, (part.number, other, answer.query)


@pytest.mark.parametrize("asked, at", [("how many agencies are on the first one?", 0),
                                       ("how many agencies does the second one have?", 1),
                                       ("and the last one - how many agencies are listed on it?", -1)])
def test_how_many_agencies_on_an_item_of_the_list_just_shown(fast_bot, notice, asked, at):
    for heading in notice.headings:
        listed = notice.tasks_in(heading.part, heading.number)
        if len(listed) < 2:
            continue
        answer = _conversation(fast_bot, f"Show me the tasks under heading ({heading.number}) of part {heading.part}.",
                               asked)
        task = listed[at]
        assert answer.citations[:1] == [task.number], (heading, asked, answer.query)
        assert f"**{len(task.agency_ids)}.**" in answer.text, answer.text[:300]


@pytest.mark.parametrize("asked, role", [("and the ones where it's only a participant?", "member"),
                                         ("which does it only take part in?", "member"),
                                         ("what about the ones it just supports, in part {p}?", "member"),
                                         ("and the ones it takes part in, in part {p}?", "any")])
def test_the_same_agency_in_another_role_after_its_list(fast_bot, notice, asked, role, each):
    """"Which tasks does SASAC lead?", "and the ones where it's only a participant?": the agency's other tasks, not
    the list just shown narrowed."""
    for agency in each(sorted({a for t in notice.tasks for a in t.lead_ids})):
        for part in (2, 3):
            def kept(t):
                holds = t.involves(agency) and (role == "any" or not t.led_by(agency))
                return holds and ("{p}" not in asked or t.part == part)
            answer = _conversation(fast_bot, f"Which tasks does the {BY_ID[agency].name} lead?", asked.format(p=part))
            assert cited(answer) == {t.number for t in notice.tasks if kept(t)}, (agency, asked, answer.query)


def test_ordinals_after_an_ordinal_still_count_in_the_list(fast_bot, notice, each):
    """"Which tasks involve X?", "who leads the first one?", "who leads the second one?", "and the last one?"."""
    for agency in each([a for a in notice.agencies_named() if sum(t.involves(a.id) for t in notice.tasks) >= 3]):
        listed = [t.number for t in notice.tasks if t.involves(agency.id)]
        first = _conversation(fast_bot, f"Which tasks involve the {agency.name}?", "who leads the first one?")
        second = _conversation(fast_bot, f"Which tasks involve the {agency.name}?", "who leads the first one?",
                               "who leads the second one?")
        last = _conversation(fast_bot, f"Which tasks involve the {agency.name}?", "who leads the first one?",
                             "how many agencies are on the last one?")
        assert (first.citations[:1], second.citations[:1], last.citations[:1]) == ([listed[0]], [listed[1]],
                                                                                   [listed[-1]]), agency.id


def test_a_list_narrowed_to_its_each_responsible_tasks(fast_bot, notice, each):
    for agency in each([a for a in notice.agencies_named() if any(t.led_by(a.id) for t in notice.tasks)]):
        answer = _conversation(fast_bot, f"Tasks led by the {agency.name}?",
                               "which of them are each-responsibility tasks?")
        assert cited(answer) == {t.number for t in notice.tasks if t.led_by(agency.id) and t.shared}, agency.id


def test_the_same_agency_in_another_role_keeps_the_scope_of_the_list(fast_bot, notice):
    for part in notice.parts:
        for agency in ("sipo", "mofcom"):
            answer = _conversation(fast_bot, f"Which tasks are in part {part.number}?",
                                   f"which of them does the {BY_ID[agency].name} lead?", "and which does it only take part in?")
            expected = {t.number for t in notice.tasks_in(part.number) if t.involves(agency) and not t.led_by(agency)}
            assert cited(answer) == expected, (part.number, agency, answer.query)


def test_same_lead_for_both_after_a_list_of_two(fast_bot, notice):
    for agency in notice.agencies_named():
        for part in notice.parts:
            two = [t for t in notice.tasks_in(part.number) if t.led_by(agency.id)]
            if len(two) != 2:
                continue
            answer = _conversation(fast_bot, f"Which tasks does the {agency.name} lead in part {part.number}?",
                                   "same lead for both?")
            same = set(two[0].lead_ids) == set(two[1].lead_ids)
            assert answer.text.startswith("**Yes.**" if same else "**No.**"), (agency.id, part.number, answer.query)
            assert cited(answer) == {two[0].number, two[1].number}, answer.query


def test_who_leads_its_tasks_after_a_heading(fast_bot, notice):
    for heading in notice.headings:
        answer = _conversation(fast_bot, f"What's heading ({heading.number}) of part {heading.part}?", "who leads its tasks?")
        assert cited(answer) == {t.number for t in notice.tasks_in(heading.part, heading.number)}, (heading, answer.query)


def test_an_agencys_each_responsible_tasks_are_none_when_it_leads_none(fast_bot, notice):
    """"Which tasks does SIPO lead that are each-responsibility tasks?": none, not the tasks it takes part in."""
    for agency in notice.agencies_named():
        expected = {t.number for t in notice.tasks if t.led_by(agency.id) and t.shared}
        answer = fast_bot.ask(f"Which tasks does the {agency.name} lead that are each-responsibility tasks?")
        assert cited(answer) == expected, (agency.id, answer.query)


def _own_subject(notice, task, others) -> str:
    """Two words of the task's text that no other task of the list uses: the subject a follow-up asks about."""
    from assistant.answer.tuning import stem

    theirs = {stem(w.lower()) for t in others for w in re.findall(r"[A-Za-z]+", t.text)}
    rare = [w.lower() for w in re.findall(r"[A-Za-z]{6,}", task.text)
            if stem(w.lower()) not in theirs and sum(stem(w.lower()) in _stems(t.text) for t in notice.tasks) <= 3]
    return " ".join(list(dict.fromkeys(rare))[:2])


def _stems(text: str) -> set[str]:
    from assistant.answer.tuning import stem

    return {stem(w.lower()) for w in re.findall(r"[A-Za-z]+", text)}


@pytest.mark.parametrize("follow_up", ["which of them deals with {s}?", "Which of those is about {s}?",
                                       "which one of these covers {s}?", "and which of them is on {s}?"])
def test_which_of_them_is_about_a_subject_is_searched_in_the_list(fast_bot, notice, follow_up, each):
    """Every agency's list of tasks, asked which of them is about a subject only one of its tasks speaks of: that
    task, cited first, and no task outside the list."""
    asked = 0
    for agency in each(notice.agencies_named()):
        theirs = [t for t in notice.tasks if t.involves(agency.id)]
        if len(theirs) < 3:
            continue
        task = theirs[len(theirs) // 2]
        subject = _own_subject(notice, task, [t for t in theirs if t is not task])
        if len(subject.split()) < 2:
            continue
        first = f"Which tasks does the {agency.name} take part in?"
        answer = fast_bot.ask(follow_up.format(s=subject), history=turns((first, fast_bot.ask(first))))
        assert answer.citations[:1] == [task.number], (agency.name, subject, answer.query, answer.text[:200])
        assert cited(answer) <= {t.number for t in theirs}, (agency.name, subject, answer.query)
        asked += 1
    assert asked >= 1


@pytest.mark.parametrize("follow_up", ["which of them deals with {s}?", "which of those are about {s}?"])
def test_a_subject_none_of_the_list_speaks_of_is_said_to_be_outside_it(fast_bot, notice, follow_up, each):
    """A subject only a task outside the list speaks of: the answer says no task of the list does, cites none."""
    asked = 0
    for agency in each(notice.agencies_named()):
        theirs = [t for t in notice.tasks if t.lead_ids[:1] == (agency.id,) or agency.id in t.lead_ids]
        outside = [t for t in notice.tasks if t not in theirs]
        if len(theirs) < 2:
            continue
        subject = _own_subject(notice, outside[len(outside) // 2], theirs)
        if len(subject.split()) < 2:
            continue
        first = f"Which tasks does the {agency.name} lead?"
        answer = fast_bot.ask(follow_up.format(s=subject), history=turns((first, fast_bot.ask(first))))
        assert answer.refused and not answer.citations, (agency.name, subject, answer.text[:200])
        assert "of the last answer" in answer.text and subject.split()[-1] in answer.text, answer.text
        asked += 1
    assert asked >= 1


# Two questions in one message, the second asked of the first's list: the count is said, the task asked for cited.
COUNT_THEN_ONE = {"How many tasks are there in part {p}, and which one comes last?": -1,
                  "how many tasks does part {p} have and which is the first of them?": 0,
                  "How many items are in part {p}? And which one is second?": 1}


@pytest.mark.parametrize("asked, index", COUNT_THEN_ONE.items())
def test_a_count_then_one_of_the_counted_tasks_cites_that_task_alone(fast_bot, notice, asked, index):
    from assistant.lab.evaluate import stated_count

    for part in notice.parts:
        numbers = [t.number for t in notice.tasks if t.part == part.number]
        answer = fast_bot.ask(asked.format(p=part.number))
        assert stated_count(answer.text) == len(numbers), (asked, part.number, answer.text[:200])
        assert answer.citations == [numbers[index]], (asked, part.number, answer.query)


def test_an_agencys_count_then_its_first_task(fast_bot, notice, each):
    from assistant.lab.evaluate import stated_count

    for agency in each(notice.agencies_named()):
        theirs = [t.number for t in notice.tasks if agency.id in t.lead_ids]
        if len(theirs) < 2:
            continue
        answer = fast_bot.ask(f"How many tasks does the {agency.name} lead, and which is the first of them?")
        assert stated_count(answer.text) == len(theirs), (agency.name, answer.text[:200])
        assert answer.citations == [theirs[0]], (agency.name, answer.query)


def test_a_count_then_an_unrelated_question_keeps_the_counted_list(fast_bot, notice):
    """The second question asks of another task: the count's list stays, and both are cited."""
    answer = fast_bot.ask("How many tasks are in part 5, and who leads task 3?")
    numbers = [t.number for t in notice.tasks if t.part == 5]
    assert set(numbers) | {3} == set(answer.citations), answer.citations


DROP_LED = ["drop the ones led by {y}", "remove the ones led by {y}", "all except those {y} leads",
            "exclude the ones led by {y}", "get rid of the ones headed by {y}", "filter out any tasks led by {y}"]
DROP_ANY = ["drop the ones involving {y}", "remove those with {y}", "exclude the ones with {y} on them"]


@pytest.mark.parametrize("follow_up, by_lead", [(f, True) for f in DROP_LED] + [(f, False) for f in DROP_ANY])
def test_dropping_an_agencys_tasks_from_the_list_leaves_the_others(fast_bot, notice, follow_up, by_lead, each):
    """Every agency's list of tasks, less the tasks another agency on it leads (or is on): never the reverse."""
    asked = 0
    for agency in each(notice.agencies_named()):
        theirs = [t for t in notice.tasks if t.involves(agency.id)]
        others = [i for t in theirs for i in (t.lead_ids if by_lead else t.agency_ids) if i != agency.id]
        if len(theirs) < 3 or not others:
            continue
        dropped = BY_ID[others[0]]
        first = f"Which tasks does the {agency.name} take part in?"
        answer = fast_bot.ask(follow_up.format(y=dropped.name), history=turns((first, fast_bot.ask(first))))
        expected = {t.number for t in theirs if dropped.id not in (t.lead_ids if by_lead else t.agency_ids)}
        assert cited(answer) == expected, (follow_up, agency.name, dropped.name, answer.query)
        asked += 1
    assert asked >= 1


def test_that_heading_and_that_part_are_the_last_tasks(fast_bot, notice, each):
    """After any one task: its heading's first task, its part's count, where it sits, in English and Chinese."""
    from assistant.lab.evaluate import stated_count

    for task in each(notice.tasks):
        first = f"Who leads task {task.number}?"
        heading = [t.number for t in notice.tasks_in(task.part, task.heading_number)]
        part = [t.number for t in notice.tasks if t.part == task.part]
        assert _conversation(fast_bot, first, "first task under that heading?").citations[:1] == heading[:1], task.number
        assert stated_count(_conversation(fast_bot, first, "how many tasks are in that part?").text) == len(part), task.number
        where = _conversation(fast_bot, first, "what heading is that under?")
        assert where.citations == [task.number] and f"part {task.part}" in where.text, (task.number, where.text[:200])
        zh_first = f"第{task.number}项由谁牵头？"
        assert stated_count(_conversation(fast_bot, zh_first, "这一部分共有几项任务？").text) == len(part), task.number
        assert stated_count(_conversation(fast_bot, zh_first, "这个小标题下有几项任务？").text) == len(heading), task.number
        assert f"第{task.part}部分" in _conversation(fast_bot, zh_first, "它在哪一部分？").text, task.number


@pytest.mark.parametrize("chain, index", [
    (("What does part {p} cover?", "who leads the third task?", "and the last?"), -1),
    (("What does part {p} cover?", "who leads the first one?", "the penultimate one"), -2),
    (("What does part {p} cover?", "the middle one", "the one after that", "and the first?"), 0),
    (("第{p}部分有哪些任务？", "第一项由谁牵头？", "最后一项呢？"), -1),
    (("第{p}部分有哪些任务？", "第一项由谁牵头？", "倒数第二项呢？"), -2),
    (("第{p}部分有哪些任务？", "最后一项是哪一项？", "第一项呢？"), 0)])
def test_positions_after_a_position_keep_counting_in_the_list(fast_bot, notice, chain, index):
    """An ordinal, "the middle one" or "the one after that" answered from a part's list: the next ordinal still
    counts in that list, not in the notice (hostile-14: "and the last?" repeated the third, "倒数第二项" was task 2)."""
    for part in notice.parts:
        numbers = [t.number for t in notice.tasks if t.part == part.number]
        answer = _conversation(fast_bot, *(q.format(p=part.number) for q in chain))
        assert answer.citations[:1] == [numbers[index]], (part.number, chain, answer.query)


@pytest.mark.parametrize("first, follow_up", [("Which tasks does the {a} lead?", "and the {b}?"),
                                              ("Which tasks does the {a} lead?", "what about the {b}?"),
                                              ("Which tasks does the {a} take part in?", "and the {b}?"),
                                              ("{za}牵头哪些任务？", "{zb}呢？"), ("{za}参与哪些任务？", "那{zb}呢？")])
def test_swapping_the_agency_keeps_the_role_the_list_was_asked_in(fast_bot, notice, first, follow_up, each):
    """Every pair of neighbouring agencies: the second agency's tasks in the first question's role."""
    agencies = [a for a in notice.agencies_named() if a.chinese]
    leads = "lead" in first or "牵头" in first
    pairs = [(a, b) for a, b in zip(agencies, agencies[1:]) if not leads or any(b.id in t.lead_ids for t in notice.tasks)]
    for a, b in each(pairs):
        answer = _conversation(fast_bot, first.format(a=a.name, za=a.chinese), follow_up.format(b=b.name, zb=b.chinese))
        expected = {t.number for t in notice.tasks if (b.id in t.lead_ids if leads else t.involves(b.id))}
        assert cited(answer) == expected, (first, follow_up, a.name, b.name, answer.query)


@pytest.mark.slow
@pytest.mark.parametrize("follow_up", ["and the {s} one?", "what about {s}?", "and the {s}?"])
def test_a_follow_ups_opening_does_not_change_what_its_subject_finds(searcher, notice, follow_up, each):
    """With the real model: "and the insurance one?" after another task finds what "Who handles insurance?" finds
    (its opening cost task 101 a third of its similarity, and the answer)."""
    from assistant.answer.chain import Assistant

    bot = Assistant(retriever=searcher)
    for task in each(notice.tasks):
        subject = _own_subject(notice, task, [t for t in notice.tasks if t is not task])
        if len(subject.split()) < 2:  # one rare word may be an asking word ("content" asks for a task's text)
            continue
        alone = bot.ask(f"Who handles {subject}?")
        followed = _conversation(bot, "Who leads task 1?", follow_up.format(s=subject))
        assert followed.citations[:1] == alone.citations[:1], (task.number, subject, followed.query, alone.query)


@pytest.mark.parametrize("follow_up, by_lead, kept", [("去掉{y}牵头的", True, False), ("其中不是{y}牵头的有哪些？", True, False),
                                                     ("去掉{y}参与的", False, False), ("其中{y}牵头的有哪些？", True, True)])
def test_a_chinese_list_narrowed_to_or_away_from_an_agencys_tasks(fast_bot, notice, follow_up, by_lead, kept, each):
    """Every agency's list in Chinese, less (or only) another agency's tasks: 不是 and 去掉 are never the reverse."""
    for agency in each([a for a in notice.agencies_named() if a.chinese]):
        theirs = [t for t in notice.tasks if t.involves(agency.id)]
        others = [i for t in theirs for i in (t.lead_ids if by_lead else t.agency_ids) if i != agency.id]
        if len(theirs) < 3 or not others or not BY_ID[others[0]].chinese:
            continue
        other = BY_ID[others[0]]
        answer = _conversation(fast_bot, f"{agency.chinese}参与哪些任务？", follow_up.format(y=other.chinese))
        expected = {t.number for t in theirs if (other.id in (t.lead_ids if by_lead else t.agency_ids)) == kept}
        assert cited(answer) == expected, (follow_up, agency.name, other.name, answer.query)


@pytest.mark.parametrize("follow_up", ["same lead as task {m}?", "does it have the same lead as task {m}?",
                                       "和第{m}项的牵头单位一样吗？", "Is it the same as task {m}?", "和第{m}项一样吗？",
                                       "Does the next task have the same lead?", "same lead as the one after it?"])
def test_the_task_shown_against_a_task_named_by_its_leads(fast_bot, notice, follow_up, each):
    """Every task against the next: Yes exactly when their leads are the same, both cited with who leads each
    (hostile-14: 91 against 88 was "Yes" though 88 has a second lead; h13-103 cited only the task named;
    hostile-15: "does the next task have the same lead?" compared task 23 with itself)."""
    from assistant.lab.evaluate import stated_leads, stated_verdict

    for task, other in each(list(zip(notice.tasks, notice.tasks[1:]))):
        answer = _conversation(fast_bot, f"Who leads task {task.number}?", follow_up.format(m=other.number))
        same = set(task.lead_ids) == set(other.lead_ids)
        assert stated_verdict(answer.text) == ("yes" if same else "no"), (task.number, other.number, answer.text[:200])
        assert set(answer.citations) == {task.number, other.number}, (task.number, answer.citations)
        leads = {BY_ID[i].name for t in (task, other) for i in t.lead_ids}
        assert stated_leads(answer.text, 2) == leads, (task.number, other.number, answer.text[:300])


def test_the_last_task_has_no_next_to_compare(fast_bot, notice):
    last = notice.tasks[-1].number
    answer = _conversation(fast_bot, f"Who leads task {last}?", "Does the next task have the same lead?")
    assert not answer.text.startswith(("**Yes.**", "**No.**")) and "none after it" in answer.text, answer.text[:200]


@pytest.mark.parametrize("where, count, of_heading", [("Which part is task {n} in?", "how many tasks does it have?", False),
                                                      ("Which heading is task {n} under?", "how many tasks are there?", True),
                                                      ("第{n}项在哪一部分？", "它有几项任务？", False)])
def test_how_many_in_it_after_where_a_task_sits_counts_that_part(fast_bot, notice, where, count, of_heading, each):
    """"it" after an answer naming a task's part or heading is that part or heading, not the task (which has one)."""
    from assistant.lab.evaluate import stated_count

    for task in each(notice.tasks):
        answer = _conversation(fast_bot, where.format(n=task.number), count)
        expected = len(notice.tasks_in(task.part, task.heading_number if of_heading else None))
        assert stated_count(answer.text) == expected, (task.number, where, answer.query)


def test_where_and_how_many_in_one_question_are_both_answered(fast_bot, notice, each):
    from assistant.lab.evaluate import stated_count

    for task in each(notice.tasks):
        answer = fast_bot.ask(f"Which part is task {task.number} in and how many tasks does it have?")
        size = len([t for t in notice.tasks if t.part == task.part])
        assert f"part {task.part}" in answer.text and f"**{size}.**" in answer.text, (task.number, answer.query)


@pytest.mark.parametrize("follow_up, by_lead", [("Who else is on it besides the lead?", True),
                                                ("Who else is on it?", True), ("And who else is listed on it?", True),
                                                ("Does anyone else take part?", True),
                                                ("Apart from {a}, who is on it?", False),
                                                ("Which other agencies are on it, not counting {a}?", False)])
def test_the_agencies_of_the_task_shown_but_the_one_set_aside(fast_bot, notice, follow_up, by_lead, each):
    """"Apart from SAIC, who is on it?" after task 26 was refused; "who else is on it besides the lead?" named the
    lead too (hostile-15, h13-112)."""
    for task in each([t for t in notice.tasks if len(t.agency_ids) > 1]):
        first = BY_ID[task.agency_ids[0]]
        name = first.abbreviations[0] if first.abbreviations else first.name
        answer = _conversation(fast_bot, f"Who leads task {task.number}?", follow_up.format(a=name))
        left = set(task.lead_ids) if by_lead else {first.id}
        want = {BY_ID[i].name for i in task.agency_ids if i not in left}
        head = answer.text.split("\n\n")[0]
        if want:
            assert stated_agencies(head) == want, (task.number, follow_up, answer.text[:300])
        else:  # the leads are all the task has: it says so, naming them
            assert "No other agency" in head, (task.number, follow_up, head)
        assert answer.citations == [task.number], answer.citations


@pytest.mark.parametrize("follow_up", ("Is anyone besides {a} on it?", "Are any other agencies on it apart from {a}?",
                                       "Is anybody other than {a} listed?"))
def test_whether_anyone_besides_an_agency_is_on_the_task_shown(fast_bot, notice, follow_up, each):
    """Yes with the others named, or No when it is the only agency (h14-174)."""
    for task in each(notice.tasks):
        first = BY_ID[task.agency_ids[0]]
        name = first.abbreviations[0] if first.abbreviations else first.name
        answer = _conversation(fast_bot, f"What does task {task.number} say?", follow_up.format(a=name))
        alone = len(task.agency_ids) == 1
        assert answer.text.startswith("**No.**" if alone else "**Yes.**"), (task.number, follow_up, answer.text[:200])
        assert answer.citations == [task.number], answer.citations


@pytest.mark.parametrize("follow_up", ("And who is on it besides {a}?", "who else, apart from {a}?",
                                       "Which agencies are on it other than {a}?"))
def test_several_agencies_set_aside_together_and_none_left(fast_bot, notice, follow_up, each):
    """"besides SIPO and the LAO": both set aside, not a list of the tasks they share; when they are all the task
    has, the answer says no other agency is on it and names them (h15-103 read "none of them remain")."""
    for task in each(notice.tasks):
        for kept in (0, 1) if len(task.agency_ids) > 1 else (0,):
            aside = [BY_ID[i] for i in task.agency_ids[:len(task.agency_ids) - kept][:3]]
            names = ", ".join(a.abbreviations[0] if a.abbreviations else f"the {a.name}" for a in aside[:-1])
            last = aside[-1].abbreviations[0] if aside[-1].abbreviations else f"the {aside[-1].name}"
            said = f"{names} and {last}" if names else last
            answer = _conversation(fast_bot, f"Who leads task {task.number}?", follow_up.format(a=said))
            head = answer.text.split("\n\n")[0]
            assert answer.citations == [task.number], (task.number, follow_up.format(a=said), head[:200])
            want = {BY_ID[i].name for i in task.agency_ids if i not in {a.id for a in aside}}
            if want:
                assert stated_agencies(head) == want, (task.number, follow_up.format(a=said), head[:300])
            else:
                assert head.startswith("No other agency") and stated_agencies(head) == {a.name for a in aside}, head


def test_an_agency_set_aside_on_a_task_named(fast_bot, notice, each):
    for task in each([t for t in notice.tasks if len(t.agency_ids) > 1]):
        for agency_id in task.agency_ids[:2]:
            agency = BY_ID[agency_id]
            answer = fast_bot.ask(f"Apart from the {agency.name} itself, which agencies are named alongside it on task "
                                  f"{task.number}?")
            want = {BY_ID[i].name for i in task.agency_ids if i != agency_id}
            assert stated_agencies(answer.text.split("\n\n")[0]) == want, (task.number, agency.name, answer.text[:300])


@pytest.mark.parametrize("first, then, by_lead", [("Which tasks in part 1 does {a} appear on?", "And in part {p}?", False),
                                                  ("Which tasks does {a} lead?", "what about part {p}?", True),
                                                  ("{z}牵头哪些任务？", "那第{p}部分呢？", True),
                                                  ("第一部分中{z}参与哪些任务？", "第{p}部分呢？", False)])
def test_the_same_list_in_another_part(fast_bot, notice, first, then, by_lead, each):
    """"And in part 2?" after an agency's list gave an overview of part 2 (hostile-15): the same list, in that part."""
    for agency in each(notice.agencies_named()):
        for part in (2, 5):
            answer = _conversation(fast_bot, first.format(a=agency.name, z=agency.chinese), then.format(p=part))
            holding = {t.number for t in notice.tasks if (t.led_by(agency.id) if by_lead else t.involves(agency.id))}
            assert cited(answer) == {n for n in holding if notice.task(n).part == part}, (agency.id, part, answer.query)


def test_places_in_the_list_of_the_task_shown(fast_bot, notice, each):
    """"What is the third agency listed?" listed that agency's tasks; "and the last one?" after "who is second?" and
    "What position is the Copyright Bureau in the list?" were not read as places in the task's list (hostile-15)."""
    words = ("first", "second", "third", "fourth", "fifth")
    for task in each([t for t in notice.tasks if len(t.agency_ids) >= 3]):
        ids = task.agency_ids
        third = _conversation(fast_bot, f"Who leads task {task.number}?", "What is the third agency listed?")
        assert stated_agencies(third.text.split("\n\n")[0]) == {BY_ID[ids[2]].name}, (task.number, third.text[:200])
        last = _conversation(fast_bot, f"Who leads task {task.number}?", "Who is second?", "And the last one?")
        assert stated_agencies(last.text.split("\n\n")[0]) == {BY_ID[ids[-1]].name}, (task.number, last.text[:200])
        for index, agency_id in enumerate(ids[:5]):
            agency = BY_ID[agency_id]
            where = _conversation(fast_bot, f"Who leads task {task.number}?",
                                  f"What position is the {agency.name} in the list?")
            said = "last" if index == len(ids) - 1 else words[index]
            assert f"is listed {said}" in where.text, (task.number, agency.name, where.text[:200])


@pytest.mark.parametrize("asked, role", [("Does the {a} appear in both?", "any"), ("Is the {a} on all of them?", "any"),
                                         ("does the {a} lead each of them?", "lead")])
def test_an_agency_asked_of_every_task_of_a_heading_just_listed(fast_bot, notice, asked, role, each):
    """After a heading's tasks, "does the MoF appear in both?" is a claim about those tasks (h15-119 listed every
    task of the MoF's instead)."""
    for heading in each([h for h in notice.headings if 2 <= len(notice.tasks_in(h.part, h.number)) <= 4]):
        tasks = notice.tasks_in(heading.part, heading.number)
        for agency in {a.id: a for t in tasks for a in t.agencies}.values():
            holds = all(t.led_by(agency.id) if role == "lead" else t.involves(agency.id) for t in tasks)
            answer = _conversation(fast_bot, f"Which tasks are under heading {heading.number} of part {heading.part}?",
                                   asked.format(a=agency.name))
            assert answer.text.startswith("**Yes.**" if holds else "**No.**"), (heading, agency.id, answer.text[:200])
            assert set(answer.citations) <= {t.number for t in tasks}, (heading, agency.id, answer.citations)


@pytest.mark.parametrize("asked", ("The {nth} agency listed on it - which tasks in Part {p} is that one on?",
                                   "which tasks in part {p} is the {nth} agency on it on?"))
def test_an_agency_by_its_place_on_the_task_shown_asked_of_another_part(fast_bot, notice, asked, each):
    """ "listed on it" says where the agency is listed; the tasks asked are its own in the part named (h15-120
    filtered task 12 itself)."""
    for task in each([t for t in notice.tasks if len(t.agency_ids) >= 2]):
        for place, nth in ((1, "second"), (len(task.agency_ids) - 1, "last")):
            agency, part = task.agency_ids[place], 5 if task.part != 5 else 1
            want = [t.number for t in notice.tasks_in(part) if t.involves(agency)]
            answer = _conversation(fast_bot, f"Who leads task {task.number}?", asked.format(nth=nth, p=part))
            assert sorted(answer.citations) == want, (task.number, nth, asked, answer.query, answer.citations)


@pytest.mark.parametrize("second", ["Which task sets that up?", "Which task is it?", "Which item covers that?"])
def test_which_task_asked_after_a_subject_is_the_task_the_subject_finds(searcher, notice, second):
    """"Is there a fund for lenders' losses on IP-backed loans? Which task sets that up?": one task, the one the
    first question finds (the second was read on its own and cited task 12)."""
    from assistant.answer.chain import Assistant

    bot = Assistant(retriever=searcher)
    for task in random.Random(second).sample(notice.tasks, 10):
        subject = " ".join(task.text.rstrip(".").split()[:9])
        alone = bot.ask(f"Is there anything on {subject}?").citations[:1]
        answer = bot.ask(f"Is there anything on {subject}? {second}")
        assert "; then " not in answer.query and answer.citations[:1] == alone, (task.number, answer.query)


@pytest.mark.parametrize("follow_up, step", [("and the next?", 1), ("next?", 1), ("ok, next?", 1),
                                             ("and the previous?", -1), ("previous?", -1)])
def test_a_bare_next_or_previous_after_a_task(fast_bot, notice, follow_up, step, each):
    """"and the next?" after task 50 answered task 50 again (hostile-17): "next" alone is the task after it."""
    for task in each(notice.tasks[1:-1]):
        answer = _conversation(fast_bot, f"What does task {task.number} say?", follow_up)
        assert answer.citations[:1] == [task.number + step], (task.number, follow_up, answer.query)


@pytest.mark.parametrize("asked", ["Any in part {p}?", "And in part {p}?", "any of them in part {p}?"])
def test_a_filtered_list_asked_again_in_another_part(fast_bot, notice, asked):
    """"Which of those are in part 1?", then "Any in part 3?": the same agency's list, in part 3, not part 3 whole."""
    from assistant.notice.agencies import BY_ID

    for agency in notice.agencies_named()[::3]:
        theirs = [t for t in notice.tasks if t.involves(agency.id)]
        history = [{"role": "user", "content": f"Which tasks does the {BY_ID[agency.id].name} take part in?"},
                   {"role": "user", "content": "Which of those are in part 1?"}]
        for part in (2, 3, 5):
            answer = fast_bot.ask(asked.format(p=part), history)
            assert set(answer.citations) == {t.number for t in theirs if t.part == part}, (agency.id, part, answer.query)


@pytest.mark.parametrize("narrowing", [None, "Which of those are in part {p}?"])
@pytest.mark.parametrize("follow_up", ["and which of those does it actually lead?", "which of them does it really lead?"])
def test_an_agencys_list_narrowed_twice_is_still_that_agencys(fast_bot, notice, narrowing, follow_up, each):
    """"Which tasks is the MoJ on?", "Which of those are in part 2?", "which of those does it lead?": "it" is still the
    agency of the list, and the asker's emphasis ("actually") is no subject."""
    for agency in each([a for a in notice.agencies_named() if any(t.led_by(a.id) for t in notice.tasks)]):
        first = f"Which tasks is the {agency.name} on?"
        history = turns((first, fast_bot.ask(first)))
        kept = involved(notice, agency.id)
        if narrowing:
            part = notice.task(min(led(notice, agency.id))).part
            asked = narrowing.format(p=part)
            history += turns((asked, fast_bot.ask(asked, history=history)))
            kept = {n for n in kept if notice.task(n).part == part}
        answer = fast_bot.ask(follow_up, history=history)
        assert cited(answer) == kept & led(notice, agency.id), (agency.name, follow_up, answer.query)


@pytest.mark.parametrize("follow_up, step, end", [("what's the task right after the last of those?", 1, -1),
                                                  ("What's the task that follows the last of them, and who leads it?", 1, -1),
                                                  ("which task comes just before the first of those?", -1, 0)])
def test_the_neighbour_of_the_first_or_last_of_a_list(fast_bot, notice, follow_up, step, end, each):
    """The position is the list's (its first or last task), the neighbour the notice's."""
    for agency in each([a for a in notice.agencies_named() if len(involved(notice, a.id)) > 1]):
        first = f"Which tasks is the {agency.name} on?"
        anchor = sorted(involved(notice, agency.id))[end]
        if not notice.has_task(anchor + step):
            continue
        answer = fast_bot.ask(follow_up, history=turns((first, fast_bot.ask(first))))
        assert answer.citations[:1] == [anchor + step], (agency.name, follow_up, answer.query)


@pytest.mark.parametrize("asked, same", [("same lead on all of them?", lambda t: t.lead_ids),
                                         ("do they all have the same lead?", lambda t: t.lead_ids),
                                         ("这些任务的牵头单位一样吗？", lambda t: t.lead_ids),
                                         ("这几项任务的牵头单位都一样吗？", lambda t: t.lead_ids),
                                         ("are they all under the same heading?", lambda t: (t.part, t.heading_number)),
                                         ("are all of them in the same part?", lambda t: t.part)])
def test_whether_every_task_of_a_list_shares_one_lead_heading_or_part(fast_bot, notice, asked, same, each):
    """After a list of three or more tasks, "same lead?" asks it of all of them: Yes only if every task's is one."""
    for agency in each([a for a in notice.agencies_named() if len(involved(notice, a.id)) > 2]):
        first = f"Which tasks is the {agency.name} on?"
        tasks = [notice.task(n) for n in sorted(involved(notice, agency.id))]
        answer = fast_bot.ask(asked, history=turns((first, fast_bot.ask(first))))
        holds = len({same(t) for t in tasks}) == 1
        assert answer.text.startswith(("**Yes.**", "**是。**") if holds else ("**No.**", "**否。**")), \
            (agency.name, asked, answer.query)
        assert cited(answer) == {t.number for t in tasks}, (agency.name, asked, answer.query)


@pytest.mark.parametrize("asked, same", [("are they all in the same part?", lambda t: t.part),
                                         ("do all of them have the same lead?", lambda t: t.lead_ids)])
def test_all_of_a_list_of_two_compared_cites_both(fast_bot, notice, asked, same):
    """A list of two asked "all in the same part?" checks and cites both tasks, as a longer list does."""
    for agency in notice.agencies_named():
        listed = sorted(involved(notice, agency.id))
        if len(listed) != 2:
            continue
        first = f"Which tasks is the {agency.name} involved in?"
        answer = fast_bot.ask(asked, history=turns((first, fast_bot.ask(first))))
        holds = len({same(notice.task(n)) for n in listed}) == 1
        assert answer.text.startswith("**Yes.**" if holds else "**No.**") and cited(answer) == set(listed), \
            (agency.name, answer.query)


@pytest.mark.parametrize("follow_up", ["which of those does it handle on its own, with no other agency?",
                                       "which of them does it do alone, with nobody else?",
                                       "and which ones has it got with no other agencies?"])
def test_an_agencys_list_narrowed_to_the_tasks_it_has_alone(fast_bot, notice, follow_up, each):
    """"with no other agency" says alone; it negates nothing (it took the agency's lone tasks out)."""
    for agency in each([a for a in notice.agencies_named() if len(involved(notice, a.id)) > 1]):
        first = f"Which tasks does the {agency.name} take part in?"
        alone = {n for n in involved(notice, agency.id) if notice.task(n).agency_ids == (agency.id,)}
        answer = fast_bot.ask(follow_up, history=turns((first, fast_bot.ask(first))))
        assert cited(answer) == alone, (agency.name, follow_up, answer.query)


@pytest.mark.parametrize("follow_up", ["Any of those led by the {b}?", "which of them does the {b} lead?",
                                       "which has the fewest agencies?", "which of these has the most agencies?",
                                       "which of those are jointly led?"])
def test_a_list_narrowed_to_nothing_stays_empty(fast_bot, notice, follow_up, each):
    """After "Which of those are in part N?" finds none, "those" is still that empty list: no tasks, and "any of
    those" is No (it had answered Yes with the other agency's tasks everywhere)."""
    for agency in each([a for a in notice.agencies_named() if led(notice, a.id)]):
        empty = next((p for p in range(1, len(notice.parts) + 1)
                      if not any(notice.task(n).part == p for n in involved(notice, agency.id))), None)
        if empty is None:
            continue
        first, second = f"Which tasks is the {agency.name} on?", f"Which of those are in part {empty}?"
        history = turns((first, fast_bot.ask(first)))
        history += turns((second, fast_bot.ask(second, history=history)))
        answer = fast_bot.ask(follow_up.format(b="State Intellectual Property Office"), history=history)
        assert not answer.citations and not answer.text.startswith("**Yes.**"), (agency.name, answer.query)


@pytest.mark.parametrize("follow_up, step, end", [("最后一项的下一项是什么？", 1, -1), ("最后一项之后的那项任务由谁牵头？", 1, -1)])
def test_the_neighbour_of_the_last_of_a_list_in_chinese(fast_bot, notice, follow_up, step, end, each):
    for agency in each([a for a in notice.agencies_named() if len(involved(notice, a.id)) > 1 and BY_ID[a.id].chinese]):
        first = f"{BY_ID[agency.id].chinese}参与了哪些任务？"
        anchor = sorted(involved(notice, agency.id))[end]
        if not notice.has_task(anchor + step):
            continue
        answer = fast_bot.ask(follow_up, history=turns((first, fast_bot.ask(first))))
        assert answer.citations[:1] == [anchor + step], (agency.name, follow_up, answer.query)


@pytest.mark.parametrize("together", [False, True])
def test_an_agencys_tasks_in_a_part_asked_by_role_twice(fast_bot, notice, together, each):
    """"Which tasks does AQSIQ lead in part 3, and which part-3 tasks is it only involved in?": the second is the
    tasks of the part it is on without leading them."""
    for agency in each([a for a in notice.agencies_named() if led(notice, a.id)]):
        part = notice.task(min(led(notice, agency.id))).part
        first = f"Which tasks does the {agency.name} lead in part {part}"
        second = f"which part-{part} tasks is it only involved in?"
        only = {n for n in involved(notice, agency.id) - led(notice, agency.id) if notice.task(n).part == part}
        if together:
            answer = fast_bot.ask(f"{first}, and {second}")
            assert only <= cited(answer), (agency.name, answer.query)
        else:
            answer = fast_bot.ask(second, history=turns((first + "?", fast_bot.ask(first + "?"))))
            assert cited(answer) == only, (agency.name, answer.query)
