"""Claims worded the way people put them: a clause granted in passing, what to say if the claim fails, a second
yes/no about the same agency or task, an agency by its subject alone, several agencies together. Each is asked of
every task (or every agency and task) and held to the records."""

from __future__ import annotations

import random
import re

import pytest

from assistant.notice.agencies import BY_ID

pytestmark = pytest.mark.filterwarnings("ignore")

YES, NO = "**Yes.**", "**No.**"


@pytest.mark.parametrize("asked", ["Is the {a} the lead on task {n}? If not, who is?",
                                   "Claim: the {a} leads task {n} even though it is not listed first. True?",
                                   "The {a} leads task {n}, although others are named too - correct?"])
def test_what_is_granted_or_asked_if_not_negates_nothing(fast_bot, notice, asked, each):
    for task in each(notice.tasks):
        for agency in task.agency_ids[:2]:
            answer = fast_bot.ask(asked.format(a=BY_ID[agency].name, n=task.number))
            assert answer.text.startswith(YES if task.led_by(agency) else NO), (task.number, agency, answer.query)


@pytest.mark.parametrize("asked", ["Is the {a} on task {n}? Does it lead it?", "Is the {a} on task {n}, and does it lead it?"])
def test_a_second_yes_no_about_the_same_agency(fast_bot, notice, asked, each):
    for task in each(notice.tasks):
        agency = task.agency_ids[-1]
        answer = fast_bot.ask(asked.format(a=BY_ID[agency].name, n=task.number))
        verdicts = [line.split()[0] for line in answer.text.split("\n\n") if line.startswith(("**Yes.**", "**No.**"))]
        # where it leads, "Yes. The X leads task N." answers both, and is said once
        assert verdicts == ([YES] if task.led_by(agency) else [YES, NO]), (task.number, agency, answer.text[:300])


def test_two_yes_no_questions_about_the_same_task(fast_bot, notice, each):
    for task in each(notice.tasks):
        agency = task.agency_ids[0]
        answer = fast_bot.ask(f"Is task {task.number} led by the {BY_ID[agency].name}, and does it say each agency is "
                              "responsible separately?")
        verdicts = [line.split()[0] for line in answer.text.split("\n\n") if line.startswith(("**Yes.**", "**No.**"))]
        assert verdicts == [YES if task.led_by(agency) else NO, YES if task.shared else NO], (task.number, answer.query)


BY_SUBJECT = {"mof": "finance", "mofcom": "commerce", "moj": "justice", "spb": "the post", "saic": "Industry and Commerce",
              "moe": "education", "moa": "agriculture"}


@pytest.mark.parametrize("agency, said", BY_SUBJECT.items())
def test_an_agency_by_its_subject_alone_in_a_claim(fast_bot, notice, agency, said, each):
    for task in each(notice.tasks):
        answer = fast_bot.ask(f"is {said} on task {task.number}?")
        assert answer.text.startswith(YES if task.involves(agency) else NO), (task.number, said, answer.query)
        answer = fast_bot.ask(f"does {said} lead task {task.number}?")
        assert answer.text.startswith(YES if task.led_by(agency) else NO), (task.number, said, answer.query)


def test_a_subject_in_a_list_of_topics_is_no_agency(fast_bot):
    assert not fast_bot.read("Which tasks cover patents and agriculture?").tasks.all_of
    assert not fast_bot.read("Last task under 'Strengthening fiscal, taxation and financial support'?").tasks.all_of


@pytest.mark.parametrize("said", ["Do {a}, {b} and {c} all appear together on any task?",
                                  "Do {a}, {b} and {c} appear together in any task?"])
def test_several_agencies_together_on_one_task(fast_bot, notice, said):
    names = {"mofcom": "Commerce", "mof": "Finance", "moj": "Justice", "moe": "Education", "moa": "Agriculture"}
    ids = list(names)
    for i in range(len(ids) - 2):
        trio = ids[i:i + 3]
        together = [t for t in notice.tasks if all(t.involves(a) for a in trio)]
        answer = fast_bot.ask(said.format(**dict(zip("abc", (names[a] for a in trio)))))
        assert answer.text.startswith(YES if together else NO), (trio, answer.query)


@pytest.mark.parametrize("asked", ["How many tasks are in parts {p} and {q} combined?",
                                   "How many tasks are in part {p} and part {q} together?"])
def test_several_parts_counted_together(fast_bot, notice, asked):
    for p in notice.parts:
        for q in notice.parts:
            if q.number <= p.number:
                continue
            answer = fast_bot.ask(asked.format(p=p.number, q=q.number))
            expected = len(notice.tasks_in(p.number)) + len(notice.tasks_in(q.number))
            assert answer.text.startswith(f"**{expected}.**"), (p.number, q.number, answer.query)


@pytest.mark.parametrize("asked", ["Is task {n} the only task the {a} leads?", "Does the {a} lead only task {n}?"])
def test_the_only_task_an_agency_leads(fast_bot, notice, asked, each):
    for task in each(notice.tasks):
        agency = task.lead_ids[0]
        led = [t.number for t in notice.tasks if t.led_by(agency)]
        answer = fast_bot.ask(asked.format(a=BY_ID[agency].name, n=task.number))
        assert answer.text.startswith(YES if led == [task.number] else NO), (task.number, agency, answer.query)


def test_the_lead_on_any_other_task_leaves_out_the_task_just_shown(fast_bot, notice, each):
    for task in each(notice.tasks):
        agency = task.lead_ids[0]
        history = [{"role": "user", "content": f"Who leads task {task.number}?"}]
        answer = fast_bot.ask(f"is the {BY_ID[agency].name} the lead on any other task?", history)
        others = {t.number for t in notice.tasks if t.led_by(agency)} - {task.number}
        if others:
            assert set(answer.citations) == others, (task.number, answer.query)
        else:  # none: it says so, then the tasks the agency takes part in, for reference
            assert ": 0 tasks." in answer.text.split("\n")[0], (task.number, answer.text[:200])


@pytest.mark.parametrize("asked", ["Who leads task {n} and is the {a} also on task {m}?",
                                   "How many tasks are in part {p} and who leads the last one?"])
def test_two_questions_joined_by_a_bare_and(fast_bot, notice, asked, each):
    for task in each(notice.tasks[:-1]):
        other = notice.task(task.number + 1)
        agency = other.agency_ids[-1]
        answer = fast_bot.ask(asked.format(n=task.number, m=other.number, a=BY_ID[agency].name, p=task.part))
        if "{p}" in asked:
            last = notice.tasks_in(task.part)[-1]
            assert answer.text.startswith(f"**{len(notice.tasks_in(task.part))}.**"), answer.query
            assert f"**{last.leads[0].name}**" in answer.text, answer.query
        else:
            assert answer.text.startswith(YES), (task.number, answer.query)  # the verdict first
            assert f"**{task.leads[0].name}**" in answer.text, (task.number, answer.text[:300])


def test_a_topic_question_keeps_its_and(fast_bot):
    answer = fast_bot.ask("Who should I ask about the rules for how IP data gets gathered and what may go into it?")
    assert "; then " not in answer.query, answer.query


ORDINAL_WORDS = {1: "first", 2: "second", 3: "third", 12: "twelfth", 18: "eighteenth", 20: "twentieth", 40: "40th",
                 106: "106th"}


@pytest.mark.parametrize("n, word", ORDINAL_WORDS.items())
def test_the_nth_task_with_nothing_else_to_count_in_is_the_notices(fast_bot, notice, n, word):
    answer = fast_bot.ask(f"Who leads the {word} task?")
    assert answer.citations[:1] == [n] and f"**{notice.task(n).leads[0].name}**" in answer.text, answer.query


def test_a_lead_anywhere_and_how_many_tasks_it_is_on(fast_bot, notice, each):
    for agency in each([a.id for a in notice.agencies_named()]):
        name = BY_ID[agency].name
        answer = fast_bot.ask(f"Is the {name} a lead anywhere? How many tasks is it on?")
        leads = any(t.led_by(agency) for t in notice.tasks)
        assert answer.text.startswith(YES if leads else NO), (agency, answer.query)
        on = sum(t.involves(agency) for t in notice.tasks)
        assert f"**{on}.**" in answer.text, (agency, answer.query)


@pytest.mark.parametrize("word, index", [("last", -1), ("second", 1), ("third", 2)])
def test_the_agency_listed_at_a_place_on_a_task(fast_bot, notice, word, index, each):
    for task in each(notice.tasks):
        if len(task.agency_ids) <= max(index, 0):
            continue
        answer = fast_bot.ask(f"Who is listed {word} on task {task.number}?")
        assert answer.text.endswith(f": {BY_ID[task.agency_ids[index]].name}. [Task {task.number}]") or \
            f": {BY_ID[task.agency_ids[index]].name}. [Task {task.number}]" in answer.text, (task.number, answer.text[:200])


@pytest.mark.parametrize("word, n", [("twenty-fourth", 24), ("thirty first", 31), ("ninety-ninth", 99)])
def test_a_compound_ordinal_is_read_whole(fast_bot, word, n):
    answer = fast_bot.ask(f"Who leads the {word} task?")
    assert answer.citations[:1] == [n], (word, answer.query)  # "twenty-fourth" once read as the fourth task


def test_leading_any_task_other_than_or_besides_one(fast_bot, notice, each):
    for agency in each([a.id for a in notice.agencies_named()]):
        led = [t.number for t in notice.tasks if t.led_by(agency)]
        if not led:
            continue
        name = BY_ID[agency].name
        answer = fast_bot.ask(f"Does the {name} lead any task other than {led[0]}?")
        assert answer.text.startswith(YES if len(led) > 1 else NO), (agency, answer.query)
        answer = fast_bot.ask(f"Besides task {led[0]}, which tasks does the {name} lead?")
        assert set(answer.citations) == set(led[1:]) or not led[1:] and ": 0 tasks." in answer.text, answer.query


def test_an_agency_anywhere_in_a_part(fast_bot, notice, each):
    for agency in each([a.id for a in notice.agencies_named()]):
        for part in notice.parts:
            answer = fast_bot.ask(f"Does the {BY_ID[agency].name} appear anywhere in part {part.number}?")
            on = any(t.involves(agency) for t in notice.tasks_in(part.number))
            assert answer.text.startswith(YES if on else NO), (agency, part.number, answer.query)


@pytest.mark.parametrize("said, agency", [("the securities regulator", "csrc"), ("the insurance regulator", "circ"),
                                          ("the trade promotion council", "ccpit"), ("the defence science bureau", "sastind")])
def test_an_agency_by_what_it_does(fast_bot, notice, said, agency):
    answer = fast_bot.ask(f"Does {said} lead any task?")
    assert answer.text.startswith(YES if any(t.led_by(agency) for t in notice.tasks) else NO), answer.query
    assert BY_ID[agency].name in answer.text, answer.text[:200]


def test_three_agencies_in_a_list_are_each_checked(fast_bot, notice, each):
    for task in each(notice.tasks):
        answer = fast_bot.ask(f"Are customs, the post and the Procuratorate all on task {task.number}?")
        on = all(task.involves(a) for a in ("gac", "spb", "spp"))
        assert answer.text.startswith(YES if on else NO) and "State Post Bureau" in answer.text, (task.number, answer.query)


def test_how_many_tasks_an_agency_does_not_lead_or_is_not_on(fast_bot, notice, each):
    for agency in each([a.id for a in notice.agencies_named()]):
        name = BY_ID[agency].name
        answer = fast_bot.ask(f"How many tasks does the {name} not lead?")
        assert answer.text.startswith(f"**{sum(not t.led_by(agency) for t in notice.tasks)}.**"), answer.query
        answer = fast_bot.ask(f"How many tasks is the {name} not on?")
        assert answer.text.startswith(f"**{sum(not t.involves(agency) for t in notice.tasks)}.**"), answer.query


def test_are_they_each_responsible_just_after_a_task_is_about_the_task(fast_bot, notice, each):
    for task in each(notice.tasks):
        answer = fast_bot.ask(f"Who leads task {task.number}? Are they each responsible separately?")
        assert answer.text.startswith(YES if task.shared else NO), (task.number, answer.query)


def test_a_bare_number_just_after_a_task_is_the_next_task_asked_about(fast_bot, notice, each):
    for task in each(notice.tasks[:-3]):
        other = notice.task(task.number + 3)
        history = [{"role": "user", "content": f"Who leads task {task.number}?"}]
        for said in (f"And {other.number}?", f"what about {other.number}?"):
            answer = fast_bot.ask(said, history)
            assert answer.citations[:1] == [other.number], (task.number, said, answer.query)


def test_none_other_than_a_task_says_so(fast_bot, notice, each):
    for agency in each([a.id for a in notice.agencies_named()]):
        on = [t.number for t in notice.tasks if t.involves(agency)]
        answer = fast_bot.ask(f"Is the {BY_ID[agency].name} on any task other than task {on[0]}?")
        assert answer.text.startswith(YES if len(on) > 1 else NO), (agency, answer.query)
        if len(on) == 1:
            assert f"other than task {on[0]}" in answer.text.split("\n")[0], answer.text[:200]


@pytest.mark.parametrize("asked, each_one", [("Does the {a} lead task {n} or task {m} or both?", any),
                                             ("Does the {a} lead either task {n} or {m}?", any),
                                             ("Does the {a} lead tasks {n} and {m}?", all)])
def test_a_claim_over_two_tasks_joined_by_or_holds_on_either(fast_bot, notice, asked, each_one, each):
    for task in each(notice.tasks[:-1]):
        other = notice.task(task.number + 1)
        agency = task.lead_ids[0]
        answer = fast_bot.ask(asked.format(a=BY_ID[agency].name, n=task.number, m=other.number))
        holds = each_one(t.led_by(agency) for t in (task, other))
        assert answer.text.startswith(YES if holds else NO), (task.number, asked, answer.query)


def test_led_by_an_agency_named_by_its_subject(fast_bot, notice, each):
    for task in each(notice.tasks):
        answer = fast_bot.ask(f"Task {task.number} isn't led by finance, is it?")
        assert answer.text.startswith(NO if task.led_by("mof") else YES), (task.number, answer.query)


@pytest.mark.parametrize("asked", ["How many agencies are on task {n} apart from the lead?",
                                   "Which agencies are on task {n} besides the leads?"])
def test_a_tasks_agencies_other_than_its_leads(fast_bot, notice, asked, each):
    for task in each(notice.tasks):
        rest = [a for a in task.agency_ids if a not in task.lead_ids]
        answer = fast_bot.ask(asked.format(n=task.number))
        if rest:
            assert f"{len(rest)} of them" in answer.text and all(BY_ID[a].name in answer.text for a in rest), answer.text
        else:
            assert "No other agency" in answer.text, (task.number, answer.text[:200])


def test_tasks_of_a_part_that_involve_an_agency_but_are_not_led_by_it(fast_bot, notice, each):
    for agency in each([a.id for a in notice.agencies_named()]):
        for part in notice.parts:
            answer = fast_bot.ask(f"Which of the tasks in part {part.number} involve the {BY_ID[agency].name} but "
                                  "are not led by it?")
            expected = {t.number for t in notice.tasks_in(part.number) if t.involves(agency) and not t.led_by(agency)}
            shown = set(answer.citations) if expected else set()
            assert shown == expected, (agency, part.number, answer.query)


def test_its_not_true_that_customs_leads_a_task(fast_bot, notice, each):
    for task in each(notice.tasks):
        answer = fast_bot.ask(f"It's not true that customs leads task {task.number}, is it?")
        assert answer.text.startswith(NO if task.led_by("gac") else YES), (task.number, answer.query)


@pytest.mark.parametrize("asked", ["Memo: 'task {n} ({topic}) is led by {a}'. correct?",
                                   "The report says \u2018{a} leads task {n} ({topic})\u2019 - right?"])
def test_a_quoted_lead_claim_with_the_topic_beside_it_is_judged_on_the_lead(fast_bot, notice, asked, each):
    """The topic holds, so only the agency can make the claim false: an abbreviation before the closing quote is
    still the agency ("... led by SAIC'")."""
    for task in each(notice.tasks):
        topic = " ".join(task.text.split()[:5]).rstrip(",.;")
        for agency in task.agency_ids[:2]:
            named = (BY_ID[agency].abbreviations or (BY_ID[agency].name,))[0]
            answer = fast_bot.ask(asked.format(a=named, n=task.number, topic=topic))
            assert answer.text.startswith(YES if task.led_by(agency) else NO), (task.number, named, answer.query)


@pytest.mark.parametrize("asked", ["Does the {a} lead task {n} together with the {b}?",
                                   "The {a} co-leads task {n} with the {b}, right?",
                                   "Is task {n} led by the {a} jointly with the {b}?"])
def test_a_lead_shared_with_a_partner_claims_both_lead(fast_bot, notice, asked, each):
    for task in each([t for t in notice.tasks if len(t.agency_ids) > 1]):
        lead, partner = task.lead_ids[0], next(a for a in task.agency_ids if a != task.lead_ids[0])
        answer = fast_bot.ask(asked.format(a=BY_ID[lead].name, b=BY_ID[partner].name, n=task.number))
        holds = task.led_by(lead) and task.led_by(partner)
        assert answer.text.startswith(YES if holds else NO), (task.number, partner, answer.query)


@pytest.mark.parametrize("asked, role, holds", [
    ("Does the {a} lead more than {k} tasks?", "lead", lambda n, k: n > k),
    ("Is the {a} on fewer than {k} tasks?", "any", lambda n, k: n < k),
    ("Does the {a} appear in at least {k} tasks?", "any", lambda n, k: n >= k),
    ("The {a} leads at most {k} tasks, correct?", "lead", lambda n, k: n <= k)])
def test_a_number_of_tasks_compared_is_a_claim(fast_bot, notice, asked, role, holds, each):
    for agency in each(notice.agencies_named()):
        count = sum(t.led_by(agency.id) if role == "lead" else t.involves(agency.id) for t in notice.tasks)
        for k in {1, count, count + 1}:
            answer = fast_bot.ask(asked.format(a=agency.name, k=k))
            assert answer.text.startswith(YES if holds(count, k) else NO), (agency.id, k, answer.query)


@pytest.mark.parametrize("asked, role, more", [("Claim: the {a} leads more tasks than the {b}. True?", "lead", True),
                                               ("Does the {a} appear in fewer tasks than the {b}?", "any", False),
                                               ("Is the {a} on more tasks than the {b} in part 3?", "any", True)])
def test_one_agencys_number_of_tasks_against_anothers(fast_bot, notice, asked, role, more, each):
    agencies = [a.id for a in notice.agencies_named()]
    pairs = [(a, b) for a, b in zip(agencies, agencies[1:] + agencies[:1])]
    for a, b in each(pairs):
        within = notice.tasks_in(3) if "part 3" in asked else notice.tasks
        count = {x: sum(t.led_by(x) if role == "lead" else t.involves(x) for t in within) for x in (a, b)}
        holds = count[a] > count[b] if more else count[a] < count[b]
        answer = fast_bot.ask(asked.format(a=BY_ID[a].name, b=BY_ID[b].name))
        assert answer.text.startswith(YES if holds else NO), (a, b, count, answer.query)


SOLE_CLAIMS = ["Task {n} is led solely by the {a}. Correct?", "Does the {a} lead task {n} alone?",
               "Our memo says the {a} leads task {n} on its own - right?"]


@pytest.mark.parametrize("claim", SOLE_CLAIMS)
def test_no_agency_leads_an_each_responsible_task_alone(fast_bot, notice, claim, each):
    """Every task whose agencies are each responsible for their own part: its first agency does not lead it alone,
    and the answer says why. A task with one lead among several agencies: that lead does lead it alone."""
    from assistant.lab.evaluate import stated_verdict

    for task in each([t for t in notice.tasks if len(t.agency_ids) > 1 and len(t.lead_ids) == 1]):
        lead = BY_ID[task.lead_ids[0]]
        answer = fast_bot.ask(claim.format(n=task.number, a=lead.name))
        expected = "no" if task.shared else "yes"
        assert stated_verdict(answer.text) == expected, (task.number, claim, answer.text[:200])
        if task.shared:
            assert "its own part" in answer.text, answer.text


NEVER_NAMED = ["Rome Convention", "Madrid Protocol", "Berne Convention", "Paris Convention", "Lisbon Agreement"]


@pytest.mark.parametrize("claim", ["Does task {n} mention the {x}?", "Is the {x} in task {n}?",
                                   "A reviewer wrote that Task {n} lists the {x}. Is that what the notice says?"])
def test_a_claim_that_a_task_names_a_treaty_holds_only_where_it_does(fast_bot, notice, claim):
    """Task 87 names six instruments, so every treaty is near it in meaning: "Is the Rome Convention in task 87?"
    said Yes. A named instrument holds where the task's own words name it, and nowhere else."""
    from assistant.answer import vocabulary as V

    named = {x: t.number for t in notice.tasks for x in V.named_instruments(t.text)}
    assert len(named) >= 6, named
    for x, n in named.items():
        assert fast_bot.ask(claim.format(n=n, x=x)).text.startswith("**Yes.**"), (x, n)
        other = n + 1 if n < 106 else n - 1
        if x.lower() not in notice.task(other).text.lower():
            assert fast_bot.ask(claim.format(n=other, x=x)).text.startswith("**No.**"), (x, other)
    for x in NEVER_NAMED:
        answer = fast_bot.ask(claim.format(n=87, x=x))
        assert answer.text.startswith("**No.**"), (x, answer.text[:200])


def test_a_claim_naming_two_treaties_holds_only_if_the_task_names_both(fast_bot, notice):
    from assistant.answer import vocabulary as V

    own = V.named_instruments(notice.task(87).text)
    for x, y in zip(own, own[1:]):
        answer = fast_bot.ask(f"A report says task 87 covers joining the {x} and the {y}. Is that so?")
        assert answer.text.startswith("**Yes.**"), (x, y, answer.text[:200])
    for x in own:
        for never in NEVER_NAMED:
            answer = fast_bot.ask(f"A report says task 87 covers the {x} and the {never}. Is that so?")
            assert answer.text.startswith("**No.**"), (x, never, answer.text[:200])


@pytest.mark.parametrize("claim", ["The draft cites Task {bad} as the one on {subject}. Is the citation correct?",
                                   "Our report cites task {bad} for {subject}. Right?"])
def test_a_citation_of_a_task_the_notice_lacks_is_wrong_and_the_subjects_task_is_given(searcher, notice, claim):
    """"cites Task 112 as the one that has SIPO draw patent navigation maps" said only that there is no task 112;
    the reviewer needs the task to cite: the one a plain question on the subject finds."""
    from assistant.answer.chain import Assistant

    bot = Assistant(retriever=searcher)
    for task in random.Random(claim).sample(notice.tasks, 12):
        subject = " ".join(task.text.rstrip(".").split()[:9])
        found = bot.ask(f"Which task is about {subject}?").citations[:1]
        answer = bot.ask(claim.format(bad=task.number + 200, subject=subject))
        assert answer.text.startswith(f"**No.** There is no task {task.number + 200}"), answer.text[:200]
        assert answer.citations[:1] == found, (task.number, subject, answer.citations, found)


@pytest.mark.parametrize("asked", ["Does {agency} have a role in the task on {words}?",
                                   "Is {agency} involved in the {words} task?",
                                   "For the task about {words}, is {agency} on it?"])
def test_an_agency_on_a_task_named_by_its_subject_is_a_claim(fast_bot, notice, asked, each):
    """"Does the NFGA have a role in the task on plant varieties?": a yes or no about the one task the words find,
    not the agency's list of tasks, nor that task's look-up without a verdict."""
    from assistant.notice.agencies import BY_ID
    from tests.answer.test_headings import own_words

    outsider = BY_ID["spb"]
    for task in each(notice.tasks):
        words = own_words(notice, task)
        if words is None:
            continue
        for agency, verdict in ((task.agencies[-1], "**Yes.**"), (outsider, "**No.**")):
            if agency is outsider and task.involves(outsider.id):
                continue
            answer = fast_bot.ask(asked.format(agency=agency.name, words=words))
            assert answer.text.startswith(verdict) and answer.citations[:1] == [task.number], \
                (task.number, agency.id, answer.query, answer.text[:150])


def _said_of(task, n=8):
    """The task's own first words, as a report would restate what the task does."""
    words = task.text.rstrip(".").split()[:n]
    return " ".join([words[0].lower(), *words[1:]]).rstrip(",;")


@pytest.mark.parametrize("added, holds", [("", True), (" in Madagascar", False), (" within 175 days", False)])
def test_a_claim_of_what_a_task_does_holds_only_if_the_task_says_all_of_it(fast_bot, notice, each, added, holds):
    """"Report: 'Task 48 abolishes compulsory patent licensing.'": the task must say it, not just be on its subject.
    The task's own words hold; a place or a figure it never gives does not."""
    from assistant.answer.vocabulary import SUBJECT_CLAIM_RE

    for task in each(notice.tasks):
        said = _said_of(task)
        if SUBJECT_CLAIM_RE.search(said):  # "Include ...": a claim of what the task is about, checked by subject
            continue
        answer = fast_bot.ask(f'Report: "Task {task.number} will {said}{added}." Correct?')
        assert answer.text.startswith("**Yes.**" if holds else "**No.**"), (task.number, answer.query, answer.text[:200])
        assert answer.citations[:1] == [task.number]


@pytest.mark.parametrize("frame", ["The report states that task {n} will {said} with a budget of RMB {figure} million. Is "
                                   "that what the task says?",
                                   "Our memo cites task {n} as requiring agencies to {said} by {year}. Is that in the task?",
                                   "Draft: 'Task {n} will {said} for {figure}% of firms.' Correct?"])
def test_a_figure_a_report_gives_a_task_is_checked_against_the_task(fast_bot, notice, each, frame):
    """A reviewer's figure is a claim of what the task says, not a question for a detail: "No", and the figure the
    task does not give, even where the figure is an amount or a deadline the notice never states."""
    from assistant.answer.vocabulary import SUBJECT_CLAIM_RE

    for task in each(notice.tasks):
        said = _said_of(task)
        if SUBJECT_CLAIM_RE.search(said):
            continue
        answer = fast_bot.ask(frame.format(n=task.number, said=said, figure=task.number + 3, year=2020))
        assert answer.text.startswith("**No.**") and answer.citations[:1] == [task.number], (task.number, answer.query)


@pytest.mark.parametrize("frame", ["Memo: 'Task {n} requires every province to {said}.' Correct?",
                                   "Per task {n}, every province is required to {said}. Is that in the task?",
                                   "Draft report: 'Task {n} will {said}.' Does the task say that?",
                                   "Task {n} will {said}. Is that in the task?"])
def test_an_obligation_a_report_adds_to_a_task_is_not_what_it_says(fast_bot, notice, each, frame):
    """"requires every province" where the task only asks agencies to act: No; the task's own words: Yes."""
    from assistant.answer.vocabulary import SUBJECT_CLAIM_RE

    for task in each(notice.tasks):
        said = _said_of(task)
        words = set(re.findall(r"[a-z]+", task.text.lower()))
        if SUBJECT_CLAIM_RE.search(said) or {"require", "requires", "required", "every", "province"} & words:
            continue
        answer = fast_bot.ask(frame.format(n=task.number, said=said))
        holds = "every province" not in frame
        assert answer.text.startswith("**Yes.**" if holds else "**No.**"), (task.number, answer.query)


@pytest.mark.parametrize("frame, strong", [("第{n}项规定每个省都必须{said}，对吗？", ("must", "every", "each", "require")),
                                           ("第{n}项要求取消一切{said}，任务里有这个说法吗？", ("abolish", "cancel", "all", "every"))])
def test_a_chinese_claim_that_adds_an_obligation_is_held_to_the_english_task(fast_bot, notice, each, frame, strong):
    """The task's text is English: "必须" and "每个" hold only if the task says "must", "every" or the like."""
    from assistant.answer.tuning import stem

    for task in each(notice.tasks):
        own = {stem(w) for w in re.findall(r"[a-z]+", task.text.lower())}
        if any(o.startswith(stem(w)) for o in own for w in strong):
            continue
        answer = fast_bot.ask(frame.format(n=task.number, said=_said_of(task)))
        assert answer.text.startswith("**否。**") and answer.citations[:1] == [task.number], (task.number, answer.query)


@pytest.mark.parametrize("frame", ['Our report states that {fact}. Right?', 'Is it accurate that {fact}?',
                                   'Memo: "{fact}." Correct?'])
def test_a_claim_about_the_notice_itself_is_checked_against_it(fast_bot, notice, frame):
    """The notice's date, year, size, issuer and approval, claimed rightly and wrongly."""
    from assistant.notice.agencies import BY_ID

    parts, tasks = len(notice.parts), len(notice.tasks)
    facts = [(f"the notice has {parts} parts", True), (f"the notice has {parts + 1} parts", False),
             (f"the notice has {tasks} tasks", True), (f"the notice has {tasks - 1} tasks", False),
             ("the notice was issued on July 8, 2016", True), ("the notice was issued on July 9, 2016", False),
             ("the notice dates from 2016", True), ("the notice dates from 2015", False),
             ("the notice was issued by the General Office of the State Council", True),
             ("the notice was approved by the State Council", True)]
    facts += [(f"the notice was issued by the {BY_ID[a.id].name}", False) for a in notice.agencies_named()[::6]]
    for fact, holds in facts:
        answer = fast_bot.ask(frame.format(fact=fact))
        assert answer.text.startswith("**Yes.**" if holds else "**No.**"), (fact, answer.query)
        assert not answer.citations or fact.endswith(" tasks")  # a count of all tasks lists them


# Subjects no task speaks of in any form, not even in the everyday words of the glosses and sample questions.
FOREIGN_SUBJECTS = ("blockchain", "cryptocurrency", "lottery tickets", "espionage", "automobiles", "scholarships")


def test_the_foreign_subjects_are_foreign_to_every_task(fast_bot):
    for subject in FOREIGN_SUBJECTS:
        assert not any(fast_bot.task_words.used_anywhere(w) for w in subject.split()), subject


@pytest.mark.parametrize("frame", ["Report says task {n} will {said} using {foreign}. Correct?",
                                   "Memo: 'Task {n} covers {foreign}.' Is that right?",
                                   "Our draft cites task {n} as the one on {heading} and {foreign}. Correct?",
                                   "Task {n} calls for work on {foreign} - does the task say that?"])
def test_a_claim_that_adds_a_subject_the_notice_never_speaks_of_is_not_what_the_task_says(fast_bot, notice, each,
                                                                                          frame):
    """"Task 28 uses blockchain to protect online creativity": the task is on that subject, and says nothing of
    blockchain, nor does any other task. No, naming the word; never "Yes, it covers that"."""
    for index, task in enumerate(each(notice.tasks)):
        foreign = FOREIGN_SUBJECTS[index % len(FOREIGN_SUBJECTS)]
        asked = frame.format(n=task.number, said=_said_of(task), foreign=foreign, heading=task.heading.lower())
        answer = fast_bot.ask(asked)
        assert answer.text.startswith(NO) and answer.citations[:1] == [task.number], (asked, answer.text[:200])
        assert any(f'"{w}"' in answer.text for w in foreign.split()), (asked, answer.text[:200])


@pytest.mark.parametrize("frame", ["Report says task {n} calls for efforts to {said}. Correct?",
                                   "Memo: 'Task {n} aims to {said}.' Is that right?",
                                   "Our draft cites task {n} as the one on {heading}. Correct?"])
def test_a_claim_in_the_tasks_own_words_with_a_framing_verb_holds(fast_bot, notice, each, frame):
    """"calls for", "aims to" and the heading's words say what the task is for; they add nothing to it."""
    for task in each(notice.tasks):
        asked = frame.format(n=task.number, said=_said_of(task), heading=task.heading.lower())
        answer = fast_bot.ask(asked)
        assert answer.text.startswith(YES) and answer.citations[:1] == [task.number], (asked, answer.text[:200])


def _kinds_swappable(task):
    """(the task's word, another of its kind the task never uses) for each contrast the task's text holds."""
    from assistant.answer import vocabulary as V

    used = set(V.CONTRAST_WORD_RE.findall(task.text.lower()))
    for group in V.CONTRASTS:
        held = [s for s in group if s & used]
        if len(held) == 1:
            own = sorted(held[0] & used)[0]
            other = next(s for s in group if s is not held[0])
            yield own, sorted(other)[0]


def _swapped_text(task, own, other):
    """The task's own words up to a few past its word, with the word swapped for the other."""
    words = task.text.rstrip(".").split()
    at = next(i for i, w in enumerate(words) if re.sub(r"[^\w-]", "", w.lower()) == own)
    said = words[:max(at + 4, 8)]
    said[at] = re.sub(re.escape(own), other, said[at], flags=re.I)
    return " ".join([said[0].lower(), *said[1:]]).rstrip(",;")


@pytest.mark.parametrize("frame", ["Report says task {n} will {said}. Correct?",
                                   "Memo: 'Task {n} is the one to {said}.' Is that right?"])
def test_a_claim_that_swaps_a_word_for_another_of_its_kind_is_no(fast_bot, notice, frame):
    """"Task 100 reduces trademark fees" where the task says patent fees; "domestic" where it says overseas; a
    "quarterly" report where it says annual: No, citing the task. The task's own words: Yes."""
    checked = 0
    for task in notice.tasks:
        for own, other in _kinds_swappable(task):
            for word, holds in ((other, False), (own, True)):
                asked = frame.format(n=task.number, said=_swapped_text(task, own, word))
                answer = fast_bot.ask(asked)
                assert answer.text.startswith(YES if holds else NO), (asked, answer.text[:200])
                assert answer.citations[:1] == [task.number], (asked, answer.citations)
                checked += 1
    assert checked > 40


@pytest.mark.parametrize("chinese, english", [("商标", "trademark"), ("专利", "patent"), ("每季度", "quarterly"),
                                              ("国内", "domestic"), ("民营", "private")])
def test_a_chinese_claim_that_swaps_a_word_of_a_kind_is_held_to_the_english_task(fast_bot, notice, chinese, english):
    from assistant.answer import vocabulary as V

    for task in notice.tasks:
        swaps = dict((o, own) for own, o in _kinds_swappable(task))
        if english not in swaps:
            continue
        answer = fast_bot.ask(f"第{task.number}项讲的是{chinese}方面的工作，对吗？")
        assert answer.text.startswith("**否。**") and task.number in answer.citations, (task.number, answer.query)


@pytest.mark.parametrize("frame, holds", [("Task {n} will {said}?", True), ("Task {n} is about {heading}?", True),
                                          ("Task {n} deals with {foreign}?", False)])
def test_a_statement_about_a_task_asked_back_with_a_question_mark_is_a_claim(fast_bot, notice, each, frame, holds):
    """"Task 101 deals with overseas insurance?": Yes or No first, as "..., right?" would be."""
    for index, task in enumerate(each(notice.tasks)):
        asked = frame.format(n=task.number, said=_said_of(task), heading=task.heading.lower(),
                             foreign=FOREIGN_SUBJECTS[index % len(FOREIGN_SUBJECTS)])
        answer = fast_bot.ask(asked)
        assert answer.text.startswith(YES if holds else NO) and answer.citations[:1] == [task.number], \
            (asked, answer.text[:200])


def test_an_abbreviation_of_a_name_the_task_spells_out_is_what_it_says(fast_bot, notice):
    """"Task 88 is cooperation with WIPO and WTO": the task names the World Trade Organization in full."""
    checked = 0
    for task in notice.tasks:
        for name in re.findall(r"[A-Z][a-z]+(?:\s+(?:(?:of|and|for|the|on)\s+)*[A-Z][a-z]+){2,}", task.text):
            initials = "".join(w[0] for w in name.split() if w[0].isupper())
            if len(initials) > 6:
                continue
            answer = fast_bot.ask(f"Report: 'Task {task.number} will {_said_of(task)}, with the {initials}.' Correct?")
            assert answer.text.startswith(YES), (task.number, name, answer.text[:200])
            checked += 1
    assert checked >= 5


@pytest.mark.parametrize("frame, role", [("{w} leads task {n}. Right?", "lead"), ("Report says {w} takes part in task {n}. Correct?", "any"),
                                         ("{z}牵头第{n}项，对吗？", "lead"), ("{z}参与第{n}项吗？", "any")])
def test_a_department_named_by_its_field_alone_as_the_subject_of_a_claim(fast_bot, notice, frame, role):
    """"Finance leads task 99", "邮政参与第25项吗？": the field alone names the department where it leads or takes
    part; the answer is the records' (it had been read as a topic: "task 99 is about something else")."""
    from assistant.notice.mentions import BARE_MINISTRY
    from assistant.notice.mentions_zh import BARE_DEPARTMENT

    chinese = "{z}" in frame
    words = BARE_DEPARTMENT if chinese else {w.title(): i for w, i in BARE_MINISTRY.items()}
    for word, agency_id in words.items():
        on = notice.tasks_involving(agency_id)
        if not on:
            continue
        off = next(t for t in notice.tasks if not t.involves(agency_id))
        for task in (on[0], on[-1], off):
            answer = fast_bot.ask(frame.format(w=word, z=word, n=task.number))
            holds = task.led_by(agency_id) if role == "lead" else task.involves(agency_id)
            yes, no = ("**是。**", "**否。**") if chinese else (YES, NO)
            assert answer.text.startswith(yes if holds else no), (word, task.number, answer.query)


def test_a_topic_that_swaps_a_word_of_a_kind_is_not_answered_by_the_task_that_says_the_other(fast_bot, notice):
    """"Who leads domestic IP infringement insurance?": task 101 insures overseas infringement; the notice has no
    task on the domestic kind, and the answer names the word the nearest task never says."""
    checked = 0
    for task in notice.tasks:
        for own, other in _kinds_swappable(task):
            said = _swapped_text(task, own, other)
            answer = fast_bot.ask(f"Which task is about this: {said}?")
            if answer.citations[:1] == [task.number]:
                pytest.fail(f"{task.number}: {said!r} answered by the task that says {own!r}")
            checked += 1
    assert checked > 20


def test_a_claim_of_what_the_lead_does_on_a_task_holds_only_if_the_task_says_it(fast_bot, notice, each):
    """"Task 25 has Customs publish a quarterly report": the lead is right, the report is annual: No, saying which
    word the task does not say; its own words: Yes."""
    for task in each(notice.tasks):
        lead = BY_ID[task.lead_ids[0]].name
        for own, other in _kinds_swappable(task):
            for word, holds in ((other, False), (own, True)):
                asked = f"Task {task.number} has the {lead} {_swapped_text(task, own, word)}. Correct?"
                answer = fast_bot.ask(asked)
                assert answer.text.startswith(YES if holds else NO), (asked, answer.text[:200])


@pytest.mark.parametrize("name", ["G20", "5G", "H7N9"])
def test_a_name_with_a_figure_the_task_never_gives_is_not_what_it_says(fast_bot, notice, each, name):
    """"Task 91 promotes IP cooperation under the G20 framework": task 91 says APEC. The name's figure had dropped it
    from the words checked, and the claim got Yes."""
    for task in each(notice.tasks):
        if name in task.text:
            continue
        answer = fast_bot.ask(f"Report: 'Task {task.number} will {_said_of(task)} under the {name} framework.' Correct?")
        assert answer.text.startswith(NO) and f'"{name}"' in answer.text, (task.number, answer.text[:200])
