"""What a task's agencies became in 2018: which of them a successor took in, and what one is called today.

Generated over every task and every 2018 successor, in several phrasings, against the registry (the fast tier).
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from assistant.lab.evaluate import stated_agencies, stated_count
from assistant.notice.agencies import BY_ID, SUCCESSORS

pytestmark = pytest.mark.filterwarnings("ignore")

TOOK_IN = ("Which of the agencies on task {n} were merged into {s}?", "which agencies on task {n} are predecessors of {s}?",
           "Which of the agencies that now make up {s} are listed on task {n}?")


@pytest.mark.parametrize("phrasing", TOOK_IN)
def test_which_of_a_tasks_agencies_a_successor_took_in(fast_bot, notice, phrasing, each):
    for successor in SUCCESSORS:
        if successor.name.startswith("Ministry of Justice"):
            continue  # "today's Ministry of Justice" is asked below: the 2016 ministry kept its name
        for task in each(notice.tasks):
            answer = fast_bot.ask(phrasing.format(n=task.number, s=successor.forms[0]))
            expected = {a.name for a in task.agencies if a.id in successor.agency_ids}
            assert answer.citations == [task.number], (phrasing, successor.name, task.number, answer.text[:200])
            head = answer.text.split("\n\n")[0]
            if expected:
                assert stated_agencies(head) == expected, (successor.name, task.number, head)
            else:
                assert "none of them" in head and not stated_agencies(head), head


@pytest.mark.parametrize("asked", ("Which of the other agencies on it were later merged into {s}?",
                                   "which of its agencies became part of {s}?"))
def test_which_of_the_agencies_of_the_task_just_shown_a_successor_took_in(fast_bot, notice, asked, each):
    """"the other agencies" leaves its leads out (h14-176 was searched as a topic)."""
    for successor in SUCCESSORS:
        if successor.name.startswith("Ministry of Justice"):
            continue
        for task in each([t for t in notice.tasks if set(t.agency_ids[1:]) & set(successor.agency_ids)]):
            answer = fast_bot.ask(asked.format(s=successor.forms[0]),
                                  history=[{"role": "user", "content": f"Who leads task {task.number}?"}])
            others = "other" in asked
            expected = {a.name for a in task.agencies if a.id in successor.agency_ids
                        and not (others and a.id in task.lead_ids)}
            assert answer.citations == [task.number], (asked, successor.name, task.number, answer.query)
            assert stated_agencies(answer.text.split("\n\n")[0]) == expected, (task.number, answer.text[:200])


def test_the_justice_ministry_as_a_2018_body_stands_for_the_office_it_absorbed(fast_bot, notice):
    for task in notice.tasks:
        if not {"lao", "moj"} & set(task.agency_ids):
            continue
        answer = fast_bot.ask(f"Which of task {task.number}'s agencies were folded into the justice ministry in 2018?")
        expected = {a.name for a in task.agencies if a.id in ("lao", "moj")}
        assert stated_agencies(answer.text.split("\n\n")[0]) == expected, (task.number, answer.text[:200])


TODAY = ("task {n} mentions the {a} - what is it called today?", "Task {n} lists the {a}. Does it still exist?",
         "What happened to the {a} on task {n}?")


@pytest.mark.parametrize("phrasing", TODAY)
def test_what_an_agency_on_a_task_is_today(fast_bot, notice, phrasing, each):
    for task in each(notice.tasks):
        for agency in task.agencies:
            if not agency.successor or agency.id in ("sipo",):
                continue  # "the State Intellectual Property Office" is asked the same way below, by its own name
            answer = fast_bot.ask(phrasing.format(n=task.number, a=agency.name))
            assert answer.citations == [task.number], (phrasing, agency.id, task.number)
            assert agency.successor in answer.text.split("\n\n")[0], (phrasing, agency.id, answer.text[:300])


@pytest.mark.parametrize("phrasing", ("Task {n} lists the {a} next to the {b}. Which ministry took it over?",
                                      "Task {n} names the {a} beside the {b} - what became of it?",
                                      "task {n} lists the {a} and the {b}; that office was abolished - which body took it over?"))
def test_one_agency_asked_of_where_the_question_names_two_is_the_first(fast_bot, notice, phrasing, each):
    """ "it" is the agency the sentence is about, named first; the second is where the task lists it."""
    for task in each(notice.tasks):
        fated = [a for a in task.agencies if a.successor]
        for agency, other in zip(fated, [*task.agencies[1:], task.agencies[0]]):
            if other.id == agency.id:
                continue
            answer = fast_bot.ask(phrasing.format(n=task.number, a=agency.name, b=other.name))
            head = answer.text.split("\n\n")[0]
            assert answer.citations[:1] == [task.number] and agency.successor in head, (phrasing, task.number, head)
            assert other.name not in head.replace(agency.successor, ""), (phrasing, task.number, head)


@pytest.mark.parametrize("asked", ("What's that lead agency called now?", "what is the lead called today?"))
def test_what_the_lead_of_the_task_just_shown_is_called_now(fast_bot, notice, asked, each):
    """Its fate on that task, cited, with who leads it (h14-172 had the fate alone, uncited)."""
    for task in each([t for t in notice.tasks if len(t.lead_ids) == 1 and t.leads[0].successor]):
        history = [{"role": "user", "content": f"Who leads task {task.number}?"}]
        answer = fast_bot.ask(asked, history=history)
        assert answer.citations == [task.number], (task.number, answer.query)
        assert f"**{task.leads[0].name}**" in answer.text and task.leads[0].successor in answer.text, answer.text[:300]


def test_who_leads_and_where_that_agency_sits_now(fast_bot, notice, each):
    for task in each(notice.tasks):
        answer = fast_bot.ask(f"Task {task.number} - who's responsible, and where does that agency sit now?")
        for lead in task.leads:
            assert f"**{lead.name}**" in answer.text, (task.number, answer.text[:200])
            if lead.successor:
                assert lead.successor in answer.text, (task.number, lead.id)


@pytest.mark.parametrize("phrasing", ["Which bodies appear on {n} or more tasks but never lead one?",
                                      "Which agencies are named in at least {n} tasks but don't lead any?",
                                      "How many agencies take part in more than {m} tasks yet never lead?"])
def test_named_often_but_leading_none(fast_bot, notice, phrasing):
    named = Counter(i for t in notice.tasks for i in t.agency_ids)
    led = Counter(i for t in notice.tasks for i in t.lead_ids)
    for n in (1, 2, 3, 5, 8, 10, 12):
        answer = fast_bot.ask(phrasing.format(n=n, m=n - 1))
        expected = {BY_ID[a].name for a, c in named.items() if c >= n and led[a] == 0}
        assert stated_count(answer.text) == len(expected), (n, answer.query, answer.text[:200])
        assert stated_agencies(answer.text) == expected, (n, answer.query)


@pytest.mark.parametrize("form", ["SAMR", "samr", "the market regulator"])
def test_a_four_letter_acronym_typed_in_lower_case_is_still_the_successor(fast_bot, notice, form):
    samr = next(s for s in SUCCESSORS if s.name.startswith("State Administration for Market"))
    answer = fast_bot.ask(f"which agencies on task 26 were merged into {form}")
    assert stated_agencies(answer.text.split("\n\n")[0]) == {a.name for a in notice.task(26).agencies
                                                            if a.id in samr.agency_ids}


def test_merged_into_or_placed_under_samr_counts_the_office_placed_under_it(fast_bot, notice):
    """SIPO was renamed CNIPA and placed under SAMR, not merged into it: asked "merged into or placed under", it
    counts; asked "merged into", it does not."""
    for task in notice.tasks:
        merged = {a for a in task.agency_ids if a in ("saic", "aqsiq", "cfda")}
        for said, expected in (("merged into", merged), ("merged into or placed under", merged | ({"sipo"} & set(task.agency_ids)))):
            answer = fast_bot.ask(f"Which of the agencies on task {task.number} were {said} SAMR?")
            head = answer.text.split("\n\n")[0]
            assert (stated_agencies(head) if expected else set()) == {BY_ID[a].name for a in expected}, (task.number, said, head)


def test_a_2018_name_for_several_agencies_is_said_only_of_those_a_task_names(fast_bot, notice, each):
    from assistant.notice.agencies import SUCCESSORS

    merged = [s for s in SUCCESSORS if len(s.agency_ids) > 1]
    for task in each(notice.tasks):
        for successor in merged:
            answer = fast_bot.ask(f"Is {successor.name} on task {task.number}?")
            on = any(task.involves(i) for i in successor.agency_ids)
            verdict = answer.text.split("\n\n")[0]
            assert verdict.startswith("**Yes.**" if on else "**No.**"), (task.number, successor.name, answer.query)
            assert not on or "not among" not in verdict, verdict  # "Yes. ... is not among ..." read as a contradiction


def _took_in(notice, ids, by_leads: bool = False) -> set[int]:
    return {t.number for t in notice.tasks if any((t.led_by(i) if by_leads else t.involves(i)) for i in ids)}


# The 2018 history told first, the question after it: the old body is asked about, named again or pointed back at.
HISTORY_TOLD = ("The {old} was folded into the {new} in 2018. Which tasks had the {old} on them?",
                "The {new} took over the old {old}'s work. Which tasks was that office on?",
                "The {old} was absorbed by the {new}. Which tasks was it on?",
                "The {old} was merged into the {new}; which tasks was it on?",
                "The {new} hosts the {old} now. Which tasks was that office on in 2016?")


@pytest.mark.parametrize("phrasing", HISTORY_TOLD)
def test_history_told_before_the_question_asks_about_the_old_body(fast_bot, notice, phrasing):
    for successor in SUCCESSORS:
        for old_id in successor.agency_ids:
            old = BY_ID[old_id]
            if old.name in successor.name:
                continue  # "the Ministry of Justice was folded into the Ministry of Justice (since 2018)"
            question = phrasing.format(old=old.name, new=successor.name)
            answer = fast_bot.ask(question)
            assert set(answer.citations) == _took_in(notice, (old_id,)), (question, answer.query)


def test_several_old_bodies_pointed_back_at_are_any_of_them(fast_bot, notice):
    for successor in SUCCESSORS:
        olds = [BY_ID[i] for i in successor.agency_ids if BY_ID[i].abbreviations]
        if len(olds) < 2:
            continue
        names = ", ".join(a.abbreviations[0] for a in olds[:-1]) + f" and {olds[-1].abbreviations[0]}"
        for part in notice.parts:
            question = f"{successor.forms[0]} absorbed {names}. Which tasks did they lead in part {part.number}?"
            answer = fast_bot.ask(question)
            ids = tuple(a.id for a in olds)
            expected = {n for n in _took_in(notice, ids, by_leads=True) if notice.task(n).part == part.number}
            assert set(answer.citations) == expected, (question, answer.query)


ZH_RESTATED = ("{new}的前身机构（{olds}）牵头了哪些任务？", "{new}（即原{olds}）参与了哪些任务？")


@pytest.mark.parametrize("phrasing", ZH_RESTATED)
def test_predecessors_restated_in_brackets_are_the_successor_not_all_of_them_at_once(fast_bot, notice, phrasing):
    for successor in SUCCESSORS:
        zh = next((f for f in successor.forms if re.search(r"[\u4e00-\u9fff]", f)), None)
        if zh is None or len(successor.agency_ids) < 2:
            continue
        olds = "、".join(BY_ID[i].chinese for i in successor.agency_ids)
        answer = fast_bot.ask(phrasing.format(new=zh, olds=olds))
        expected = _took_in(notice, successor.agency_ids, by_leads="牵头" in phrasing)
        assert set(answer.citations) == expected, (phrasing, successor.name, answer.query)


def test_the_history_told_in_chinese_then_pointed_back_at(fast_bot, notice):
    for successor in SUCCESSORS:
        zh = next((f for f in successor.forms if re.search(r"[\u4e00-\u9fff]", f)), None)
        if zh is None or len(successor.agency_ids) < 2:
            continue
        olds = "和".join(BY_ID[i].chinese for i in successor.agency_ids)
        answer = fast_bot.ask(f"现在的{zh}由原{olds}演变而来。这些机构当年出现在哪些任务里？")
        assert set(answer.citations) == _took_in(notice, successor.agency_ids), (successor.name, answer.query)


@pytest.mark.parametrize("phrasing", ("Which tasks is the {a} (including the former {b}) on?", "{za}（包括原{zb}）参与了哪些任务？"))
def test_a_body_with_the_one_it_took_in_in_brackets_is_either(fast_bot, notice, phrasing):
    answer = fast_bot.ask(phrasing.format(a="Ministry of Justice", b="Legislative Affairs Office", za="司法部", zb="法制办"))
    assert set(answer.citations) == _took_in(notice, ("moj", "lao")), answer.query


@pytest.mark.parametrize("phrasing", ("What became of the {a} and the {b}?", "Are the {a} and the {b} still around?",
                                      "where did the {a} and the {b} end up?"))
def test_what_became_of_two_agencies_named_together(fast_bot, phrasing):
    """Both fates, not the tasks the two share (which "what became of SAIC and AQSIQ?" listed)."""
    fated = [a for a in BY_ID.values() if a.successor]
    for a, b in zip(fated, fated[1:]):
        answer = fast_bot.ask(phrasing.format(a=a.name, b=b.name))
        head = answer.text.split("\n\n")[0]
        assert a.successor in answer.text and b.successor in answer.text, (phrasing, a.id, b.id, head)
        assert not answer.citations, (phrasing, a.id, b.id, answer.citations)


@pytest.mark.parametrize("phrasing", ("Task {n} names the {a} and the {b}. What became of them?",
                                      "Task {n} lists the {a} and the {b}. Do they still exist?"))
def test_agencies_a_statement_named_then_asked_of_by_pronoun(fast_bot, notice, phrasing, each):
    for task in each(notice.tasks):
        fated = [a for a in task.agencies if a.successor][:2]
        if len(fated) < 2:
            continue
        answer = fast_bot.ask(phrasing.format(n=task.number, a=fated[0].name, b=fated[1].name))
        assert answer.citations[:1] == [task.number], (phrasing, task.number, answer.text[:200])
        assert all(a.successor in answer.text for a in fated), (phrasing, task.number, answer.text[:300])


@pytest.mark.parametrize("phrasing", ("Where did the agencies on task {n} end up?",
                                      "What happened to the bodies on task {n} in 2018?"))
def test_every_agency_of_a_task_asked_of_together(fast_bot, notice, phrasing, each):
    for task in each(notice.tasks):
        answer = fast_bot.ask(phrasing.format(n=task.number))
        head = answer.text.split("\n\n")[0]
        assert answer.citations[:1] == [task.number], (phrasing, task.number, answer.text[:200])
        assert stated_agencies(head) >= {a.name for a in task.agencies}, (phrasing, task.number, head)


@pytest.mark.parametrize("asked", ("And where did that agency end up after the 2018 reorganisation?",
                                   "where did it end up?"))
def test_where_the_lead_just_named_ended_up(fast_bot, notice, asked, each):
    for task in each([t for t in notice.tasks if len(t.leads) == 1 and t.leads[0].successor]):
        answer = fast_bot.ask(asked, history=[{"role": "user", "content": f"Who leads task {task.number}?"}])
        assert task.leads[0].successor in answer.text, (task.number, asked, answer.text[:300])


@pytest.mark.parametrize("asked", ("where did it end up?", "What became of it?", "Does it still exist?"))
def test_the_agency_a_list_was_of_asked_of_by_pronoun(fast_bot, asked):
    for agency in [a for a in BY_ID.values() if a.successor]:
        first = f"Which tasks is the {agency.name} on?"
        answer = fast_bot.ask(asked, history=[{"role": "user", "content": first}])
        assert agency.successor in answer.text.split("\n\n")[0] or agency.successor in answer.text, (agency.id, asked)
        assert not answer.refused, (agency.id, asked, answer.text[:200])


SAME_ASKED = ("Is {a} the same as {b}?", "Are {a} and {b} the same agency?", "Is {a} just another name for {b}?",
              "quick q - is {a} the same body as the '{b}' that shows up all over this notice?",
              "Is the '{a}' the {b}?", "Is {a} the {b}?", "Is {a} the same body as the '{b}' in this notice?",
              "Is {a} in the English translation the same as the {b}?")


@pytest.mark.parametrize("asked", SAME_ASKED)
def test_two_names_of_one_agency_are_the_same_agency(fast_bot, notice, asked):
    """"Is CNIPA the same as SIPO?": the registry's answer, not the tasks both names share."""
    from assistant.notice.agencies import BY_ID

    for agency in notice.agencies_named():
        for short in BY_ID[agency.id].abbreviations:
            answer = fast_bot.ask(asked.format(a=short, b=agency.name))
            assert answer.text.startswith("**Yes.**") and "name the same agency" in answer.text, (short, answer.query)


@pytest.mark.parametrize("asked", SAME_ASKED)
def test_two_agencies_of_the_notice_are_not_the_same(fast_bot, notice, asked):
    import itertools

    named = [a for a in notice.agencies_named() if not a.successor]
    for first, second in itertools.islice(itertools.combinations(named, 2), 0, None, 37):
        answer = fast_bot.ask(asked.format(a=first.name, b=second.name))
        assert answer.text.startswith("**No.**") and not answer.citations, (first.id, second.id, answer.query)


@pytest.mark.parametrize("asked, holds", [("Was {old} merged into {new}?", True), ("Is {old} now part of {new}?", True),
                                          ("Did the {old} end up inside {new}?", True),
                                          ("Did {new} absorb {old}?", True), ("Is {old} the same as {new}?", False)])
def test_an_agency_merged_into_a_2018_body_went_into_it_but_is_not_it(fast_bot, asked, holds):
    """SAMR took in SAIC, AQSIQ and CFDA: each went into it, and none of them is it."""
    from assistant.notice.agencies import BY_ID, SUCCESSORS

    for successor in SUCCESSORS:
        if len(successor.agency_ids) < 2:
            continue
        for old in successor.agency_ids:
            answer = fast_bot.ask(asked.format(old=BY_ID[old].name, new=successor.forms[0]))
            assert answer.text.startswith("**Yes.**" if holds else "**No.**"), (old, successor.name, answer.query)


def test_a_2018_name_of_one_agency_is_that_agency_renamed(fast_bot):
    from assistant.notice.agencies import BY_ID, SUCCESSORS

    for successor in SUCCESSORS:
        if len(successor.agency_ids) == 1 and not successor.partial:
            old = BY_ID[successor.agency_ids[0]]
            answer = fast_bot.ask(f"Is the {successor.name} the same as the {old.name}?")
            assert answer.text.startswith("**Yes.**"), (successor.name, answer.query)
            assert "a name from the 2018 reorganisation" in fast_bot.ask(f"What is the {successor.name}?").text


@pytest.mark.parametrize("asked", ["{a}和{b}是同一个机构吗？", "{a}就是{b}吗？", "{a}和{b}是一回事吗？", "{a}就是这份通知里的{b}吗？"])
def test_two_names_compared_in_chinese(fast_bot, notice, asked):
    from assistant.notice.agencies import BY_ID

    named = [BY_ID[a.id] for a in notice.agencies_named() if BY_ID[a.id].abbreviations and BY_ID[a.id].chinese]
    for first, second in zip(named, named[1:] + named[:1]):
        same = fast_bot.ask(asked.format(a=first.abbreviations[0], b=first.chinese))
        assert same.text.startswith("**是。**"), (first.id, same.query)
        apart = fast_bot.ask(asked.format(a=first.chinese, b=second.chinese))
        assert apart.text.startswith("**否。**"), (first.id, second.id, apart.query)


@pytest.mark.parametrize("asked", ["{a}现在叫什么？", "{a}后来并入了哪个机构？", "{a}2018年以后怎么样了？",
                                   "{a}后来变成什么机构了？", "{a}现在成了哪个部门？"])
def test_what_became_of_an_agency_asked_in_chinese(fast_bot, notice, asked):
    from assistant.answer.phrasebook import phrasebook
    from assistant.notice.agencies import BY_ID

    fates = phrasebook("zh").successors
    for agency in notice.agencies_named():
        if agency.id in fates:
            answer = fast_bot.ask(asked.format(a=BY_ID[agency.id].chinese))
            assert fates[agency.id] in answer.text, (agency.id, answer.query)


@pytest.mark.parametrize("asked", ["Does the {name} still exist?", "Did the {name} survive the 2018 reorganisation?",
                                   "{chinese}现在还存在吗？"])
def test_whether_an_agency_went_on_after_2018_opens_with_the_verdict(fast_bot, notice, asked):
    """Merged or abolished: No; renamed, placed under another, or left alone: Yes; then what became of it."""
    from assistant.notice.agencies import BY_ID

    for agency in (BY_ID[a.id] for a in notice.agencies_named()):
        answer = fast_bot.ask(asked.format(name=agency.name, chinese=agency.chinese))
        yes, no = ("**是。**", "**否。**") if "现在" in asked else ("**Yes.**", "**No.**")
        assert answer.text.startswith(yes if agency.survived else no), (agency.id, answer.query, answer.text[:80])


@pytest.mark.parametrize("asked", ["Is {name} named in the notice?", 'Does "{name}" appear anywhere in the notice?'])
def test_whether_the_notice_uses_a_name(fast_bot, notice, asked):
    """A 2018 name is not the notice's ("SAMR", "NFGA"): No, then what it stands for; a 2016 agency's name or
    abbreviation is: Yes."""
    from assistant.notice.agencies import BY_ID, SUCCESSORS

    for successor in SUCCESSORS:
        answer = fast_bot.ask(asked.format(name=successor.forms[0]))
        assert answer.text.startswith("**No.**") and "2018" in answer.text, (successor.name, answer.query)
    for agency in notice.agencies_named():
        answer = fast_bot.ask(asked.format(name=BY_ID[agency.id].name))
        assert answer.text.startswith("**Yes.**"), (agency.id, answer.query)


@pytest.mark.parametrize("asked, chinese", [("Did the {a} merge with the {b}?", False),
                                           ("Was the {a} merged with the {b} in 2018?", False),
                                           ("Did {a} get merged with {b}?", False),
                                           ("{a}和{b}在2018年合并了吗？", True), ("{a}与{b}合并了吗？", True)])
def test_whether_two_agencies_merged_with_each_other(fast_bot, notice, asked, chinese):
    """Two 2016 agencies merged when one 2018 body took in both (the CBRC with the CIRC, SAIC with AQSIQ); the
    insurance regulator did not merge with the securities regulator."""
    import itertools

    def said(agency):
        return agency.chinese if chinese else agency.name

    yes, no = ("**是。**", "**否。**") if chinese else ("**Yes.**", "**No.**")
    named = [BY_ID[a.id] for a in notice.agencies_named() if BY_ID[a.id].chinese]
    for first, second in itertools.islice(itertools.combinations(named, 2), 0, None, 23):
        merged = any({first.id, second.id} <= set(s.agency_ids) for s in SUCCESSORS)
        answer = fast_bot.ask(asked.format(a=said(first), b=said(second)))
        assert answer.text.startswith(yes if merged else no), (first.id, second.id, answer.query)
    for successor in SUCCESSORS:
        for a, b in itertools.combinations(successor.agency_ids, 2):
            answer = fast_bot.ask(asked.format(a=said(BY_ID[a]), b=said(BY_ID[b])))
            assert answer.text.startswith(yes), (a, b, answer.query)


@pytest.mark.parametrize("asked", ["Was the {old} merged into the {other}?", "Did the {old} become part of the {other}?"])
def test_a_wrong_destination_is_answered_with_where_the_agency_went(fast_bot, notice, asked):
    """"Was the LAO merged into the Supreme People's Court?": No, and the first paragraph is the agency asked of and
    its real fate; the destination the question proposed is described apart, after it."""
    unchanged = [BY_ID[a.id] for a in notice.agencies_named() if not BY_ID[a.id].successor]
    for old in (BY_ID[a.id] for a in notice.agencies_named() if BY_ID[a.id].successor):
        other = next(a for a in unchanged if a.id not in old.successor.lower() and a.name not in old.successor)
        answer = fast_bot.ask(asked.format(old=old.name, other=other.name))
        first, _, rest = answer.text.partition("\n\n")
        assert answer.text.startswith("**No.**"), (old.id, other.id, answer.query)
        assert old.id in stated_ids(first) and other.id not in stated_ids(first) and other.name in rest, (old.id, first)


def stated_ids(text: str) -> set[str]:
    from assistant.notice.agencies import find_agencies

    return {a.id for a in find_agencies(text)}


@pytest.mark.parametrize("asked", ["Is the {old} listed on task {n} the ministry that is now called {new}?",
                                   "Is the {old} named in the notice the body now known as {new}?"])
def test_an_agency_described_then_compared_with_its_later_name(fast_bot, notice, asked):
    for successor in SUCCESSORS:
        if len(successor.agency_ids) != 1 or successor.partial:
            continue
        old = BY_ID[successor.agency_ids[0]]
        task = notice.tasks_involving(old.id)[0]
        answer = fast_bot.ask(asked.format(old=old.name, n=task.number, new=successor.forms[0]))
        assert answer.text.startswith("**Yes.**"), (old.id, successor.name, answer.query)


def test_a_name_from_a_later_reorganisation_says_its_year(fast_bot):
    """The CBIRC (2018) became the National Financial Regulatory Administration in 2023: neither is one agency of the
    notice, and each is said with its own year."""
    for successor in SUCCESSORS:
        answer = fast_bot.ask(f"What is the {successor.name}?")
        assert f"a name from the {successor.year} reorganisation" in answer.text, (successor.name, answer.text)
        assert f'"{successor.name}" is the {successor.name}' not in answer.text


@pytest.mark.parametrize("asked", ["I'm at {s} now. Which tasks did our predecessors - the {a} and the {b} - get?",
                                   "We work at {s}. Which tasks did our predecessors, {a} and {b}, take part in?",
                                   "Which tasks were the former {a} and {b} (now {s}) on?"])
def test_a_2018_body_restated_as_its_predecessors_is_any_of_those_named(fast_bot, notice, asked):
    """The predecessors named beside their 2018 body are the body's, any of them: their tasks together, not only the
    tasks all of them share (which is none for the banking and insurance regulators)."""
    from tests.answer.helpers import involved

    for successor in SUCCESSORS:
        if len(successor.agency_ids) < 2:
            continue
        a, b = successor.agency_ids[:2]
        answer = fast_bot.ask(asked.format(s=successor.forms[0], a=BY_ID[a].name, b=BY_ID[b].name))
        assert set(answer.citations) == involved(notice, a) | involved(notice, b), (successor.name, answer.query)


@pytest.mark.parametrize("asked", ["Did the former {old} become part of {new}?", "Was the old {old} merged into the new {new}?"])
def test_a_name_said_as_former_or_old_is_still_compared(fast_bot, asked):
    for successor in SUCCESSORS:
        for old in successor.agency_ids:
            answer = fast_bot.ask(asked.format(old=BY_ID[old].name, new=successor.forms[0]))
            assert answer.text.startswith("**No.**" if successor.partial else "**Yes.**"), (old, successor.name, answer.query)


@pytest.mark.parametrize("asked, holds", [("Task {n} mentions the {a}. Was that {noun} merged into {s}?", True),
                                          ("Task {n} lists the {a}. Is that {noun} the same as {s}?", False),
                                          ("Task {n} names the {a}. Did that {noun} merge with the {other}?", False)])
def test_two_names_compared_after_a_statement_that_names_one(fast_bot, notice, asked, holds):
    """"Task 101 mentions the insurance regulator. Did that regulator merge with ...?": "that regulator" is the
    agency the statement named, and the two names are compared, not checked as a claim about the task."""
    for successor in SUCCESSORS:
        if len(successor.agency_ids) < 2:
            continue
        for old in successor.agency_ids:
            agency = BY_ID[old]
            kind = agency.name.split()[-1].lower()
            noun = kind if kind in ("administration", "commission", "office", "ministry", "bureau") else "agency"
            other = next(BY_ID[a.id] for a in notice.agencies_named() if a.id not in successor.agency_ids)
            task = notice.tasks_involving(old)[0]
            answer = fast_bot.ask(asked.format(n=task.number, a=agency.name, noun=noun, s=successor.forms[0],
                                               other=other.name))
            assert answer.text.startswith("**Yes.**" if holds else "**No.**"), (old, answer.query)
            assert "became or went into" in answer.query or "merged" in answer.query or "same agency" in answer.query


@pytest.mark.parametrize("asked", ["I'm being onboarded at the {s}. Which tasks in the notice involved our predecessor?",
                                   "Hi, I just joined {s}; which tasks were our predecessors on?"])
def test_the_askers_own_2018_body_stands_for_its_predecessors(fast_bot, notice, asked):
    from tests.answer.helpers import involved

    for successor in SUCCESSORS:
        answer = fast_bot.ask(asked.format(s=successor.name))
        expected = set().union(*(involved(notice, a) for a in successor.agency_ids))
        assert set(answer.citations) == expected, (successor.name, answer.query)


@pytest.mark.parametrize("asked", ["Is the {old} the same as the {new}?", "Was the {old} merged into the {new}?",
                                   "{zold}和{znew}是同一个机构吗？"])
def test_a_body_that_took_some_duties_is_not_the_agency(fast_bot, asked):
    """The NMPA took the CFDA's drugs work and the CPLAC the abolished CCMO's duties: neither is that agency, nor
    did the agency merge into it (the CFDA went into SAMR)."""
    for successor in SUCCESSORS:
        if not successor.partial:
            continue
        old = BY_ID[successor.agency_ids[0]]
        answer = fast_bot.ask(asked.format(old=old.name, new=successor.name, zold=old.chinese, znew=successor.chinese))
        assert answer.text.startswith(("**No.**", "**否。**")), (old.id, successor.name, answer.query)


@pytest.mark.parametrize("asked, holds", [("Was the {a} merged into the {b}?", False), ("Is the {a} now under the {b}?", True),
                                          ("{za}并入{zb}了吗？", False), ("{za}现在归{zb}管理吗？", True)])
def test_an_agency_placed_under_another_was_not_merged_into_it(fast_bot, notice, asked, holds):
    """SIPO (renamed CNIPA) was placed under SAMR, the NCA under the Propaganda Department, the NLGO hosted by SAMR:
    under it, yes; merged into it, no."""
    for agency in (BY_ID[a.id] for a in notice.agencies_named()):
        fate = agency.successor or ""
        host = next((s for s in SUCCESSORS if s.name in fate), None) if ("placed under" in fate or "hosted by" in fate) \
            else None
        named = next((BY_ID[a.id] for a in notice.agencies_named() if BY_ID[a.id].name in fate), None) \
            if "placed under" in fate and host is None else None
        if host is None and named is None:
            continue
        other, zother = (host.name, host.chinese) if host else (named.name, named.chinese)
        answer = fast_bot.ask(asked.format(a=agency.name, b=other, za=agency.chinese, zb=zother))
        yes = ("**Yes.**", "**是。**")
        assert answer.text.startswith(yes) == holds and answer.text.startswith(("**", )), (agency.id, answer.query)


@pytest.mark.parametrize("asked", ["Which tasks did our predecessors {a} and {b} get?",
                                   "Which tasks belong to the {a} today, counting its predecessor the {b}?",
                                   "Which tasks were the former {a} and {b} on?"])
def test_agencies_of_one_line_of_succession_asked_together_are_either(fast_bot, notice, asked):
    """Predecessors named together are any of them (the tasks of each), not the tasks they share: SAIC and AQSIQ
    (both into SAMR), the MoJ and the LAO it absorbed, the Propaganda Department and the NCA placed under it."""
    from assistant.notice.agencies import one_line
    from tests.answer.helpers import involved

    named = [a.id for a in notice.agencies_named()]
    pairs = [(a, b) for a in named for b in named if a < b and one_line({a, b})]
    assert len(pairs) >= 5
    for a, b in pairs:
        answer = fast_bot.ask(asked.format(a=BY_ID[a].name, b=BY_ID[b].name))
        assert set(answer.citations) == involved(notice, a) | involved(notice, b), (a, b, answer.query)


@pytest.mark.parametrize("asked", ["Was the {a} abolished in 2018?", "was the {a} dissolved?"])
def test_whether_an_agency_was_abolished_is_yes_only_for_one_abolished_outright(fast_bot, notice, asked):
    """The CCMO was abolished (its duties went to the CPLAC); SAIC was merged into SAMR and the MoA renamed: No."""
    for agency in (BY_ID[a.id] for a in notice.agencies_named()):
        answer = fast_bot.ask(asked.format(a=agency.name))
        holds = (agency.successor or "").startswith("abolished")
        assert answer.text.startswith("**Yes.**" if holds else "**No.**"), (agency.id, answer.query)


@pytest.mark.parametrize("asked", ["What did the {a} become?", "Where did the {a}'s duties go?", "{za}的职责划给了哪个机构？"])
def test_what_an_agency_became_asked_with_its_name(fast_bot, notice, asked):
    for agency in (BY_ID[a.id] for a in notice.agencies_named() if BY_ID[a.id].successor and BY_ID[a.id].chinese):
        answer = fast_bot.ask(asked.format(a=agency.name, za=agency.chinese))
        assert "2018" in answer.text and not answer.refused and not answer.citations, (agency.id, answer.query)


@pytest.mark.parametrize("asked", ["Did the {old} merge into {s}?", "Which agencies were merged into {s}?"])
def test_a_2018_body_and_the_agencies_merged_into_it(fast_bot, asked):
    for successor in SUCCESSORS:
        if successor.partial or len(successor.agency_ids) < 2:
            continue
        for old in successor.agency_ids:
            answer = fast_bot.ask(asked.format(old=BY_ID[old].name, s=successor.forms[0]))
            if asked.startswith("Did"):
                assert answer.text.startswith("**Yes.**"), (old, successor.name, answer.query)
            else:
                assert BY_ID[old].name in answer.text and not answer.refused, (successor.name, answer.query)


@pytest.mark.parametrize("asked", ["第{n}项里的{za}后来变成什么机构了？", "Task {n} lists the {a}. What did it become?"])
def test_what_an_agency_found_on_a_task_became(fast_bot, notice, asked):
    """The task says where the asker saw the agency: its fate from the registry, the task cited."""
    for agency in (BY_ID[a.id] for a in notice.agencies_named() if BY_ID[a.id].successor and BY_ID[a.id].chinese):
        task = notice.tasks_involving(agency.id)[0]
        answer = fast_bot.ask(asked.format(n=task.number, a=agency.name, za=agency.chinese))
        assert "2018" in answer.text and answer.citations[:1] == [task.number], (agency.id, answer.query)


@pytest.mark.parametrize("asked", ["Which tasks is the former {a}, now merged into {s}, on?",
                                   "现在已并入{zs}的原{za}参与了哪些任务？"])
def test_an_agency_described_by_the_body_it_went_into_is_that_agency(fast_bot, notice, asked):
    """"the former CFDA, now merged into SAMR": the CFDA's tasks, read as the CFDA's alone, not as all of SAMR's
    agencies."""
    for successor in SUCCESSORS:
        if successor.partial or len(successor.agency_ids) < 2 or not successor.chinese:
            continue
        for old in (BY_ID[i] for i in successor.agency_ids):
            answer = fast_bot.ask(asked.format(a=old.name, za=old.chinese, s=successor.forms[0], zs=successor.chinese))
            expected = [t.number for t in notice.tasks_involving(old.id)]
            assert answer.citations == expected and " or " not in answer.query, (old.id, successor.name, answer.query)


@pytest.mark.parametrize("first", ["“{said}”是哪个部门？", "{za}现在叫什么？"])
def test_tasks_of_the_agency_just_named_asked_with_ta_in_chinese(fast_bot, notice, first):
    """"“Network Office”是哪个部门？它参与了哪些任务？": 它 is the agency the first question named."""
    for agency in (BY_ID[a.id] for a in notice.agencies_named() if BY_ID[a.id].chinese):
        said = agency.aliases[0] if agency.aliases else agency.name
        question = first.format(said=said, za=agency.chinese) + "它参与了哪些任务？"
        answer = fast_bot.ask(question)
        expected = [t.number for t in notice.tasks_involving(agency.id)]
        assert answer.citations == expected, (agency.id, question, answer.query)


@pytest.mark.parametrize("asked", ["Does the {a} take part in task {n}?", "{za}参与第{n}项吗？"])
def test_an_agency_not_on_a_task_whose_office_it_took_in_is_says_so(fast_bot, notice, asked):
    """"Does the Ministry of Justice take part in task 24?": No, the notice lists the Legislative Affairs Office
    there, which went into the ministry in 2018; the answer says both."""
    from assistant.notice.agencies import taken_in_by

    checked = 0
    for agency in (BY_ID[a.id] for a in notice.agencies_named()):
        for absorbed in (BY_ID[i] for i in taken_in_by(agency.id)):
            for task in notice.tasks_involving(absorbed.id):
                if task.involves(agency.id):
                    continue
                answer = fast_bot.ask(asked.format(a=agency.name, za=agency.chinese, n=task.number))
                assert answer.text.startswith(("**No.**", "**否。**")), (agency.id, task.number, answer.query)
                assert "2018" in answer.text.split("\n\n")[0], (agency.id, task.number, answer.text[:300])
                checked += 1
    assert checked  # the Ministry of Justice and the Legislative Affairs Office at least
