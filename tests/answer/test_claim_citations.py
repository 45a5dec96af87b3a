"""A reviewer's claim that names an agency, a subject and a task number: the citation is right only if the task is
about that subject. When it is not, the answer says so, points to the task that is, and checks the agency there,
so a memo that pairs the right lead with the wrong number is not "fixed" the wrong way."""

from __future__ import annotations

import re

import pytest

from assistant.notice.agencies import BY_ID

pytestmark = pytest.mark.filterwarnings("ignore")

PHRASINGS = ('Our memo says: "The {agency} leads the work to {subject} (Task {n})." Is that citation right?',
             "Report line: '{subject} - task {n}, led by the {agency}.' Correct?",
             "Check this: the {agency} is responsible for task {n}, which is to {subject}.",
             "Is this accurate: 'the {agency} leads the work to {subject} (Task {n})'?",
             'The evaluation memo states that "Task {n} assigns the work to {subject} to the {agency} as lead." '
             'Please verify.')


def subject(task) -> str:
    """The task's own opening words, enough for any search to find it."""
    words = re.findall(r"[A-Za-z][A-Za-z-]*", task.text.split(".")[0])
    return " ".join(words[:10]).lower()


def distinct(notice) -> list:
    """Tasks with one lead and no shared responsibility (there the answer gives the caveat, not "leads"), whose neighbour
    (the number a memo gets wrong) is about something else."""
    found = []
    for task in notice.tasks:
        other = notice.task(task.number + 1 if task.number < notice.last_task else task.number - 1)
        if subject(task) != subject(other) and len(task.lead_ids) == 1 and not task.shared:
            found.append((task, other))
    return found


@pytest.mark.parametrize("phrasing", PHRASINGS)
def test_the_right_lead_with_the_wrong_number_points_to_the_right_task(fast_bot, notice, phrasing, each):
    for task, other in each(distinct(notice)):
        agency = BY_ID[task.lead_ids[0]].name
        answer = fast_bot.ask(phrasing.format(agency=agency, subject=subject(task), n=other.number))
        assert answer.text.startswith(f"**No.** [Task {other.number}] is about something else"), answer.text[:300]
        assert answer.citations[0] == task.number, (answer.query, answer.text[:300])  # the task to cite, first
        assert f"leads [Task {task.number}]" in answer.text, answer.text[:600]


@pytest.mark.parametrize("phrasing", PHRASINGS)
def test_the_right_lead_with_the_right_number_holds(fast_bot, notice, phrasing, each):
    for task, _ in each(distinct(notice)):
        agency = BY_ID[task.lead_ids[0]].name
        answer = fast_bot.ask(phrasing.format(agency=agency, subject=subject(task), n=task.number))
        assert answer.text.startswith("**Yes.**"), (answer.query, answer.text[:300])
        assert answer.citations[:1] == [task.number]


CLOSINGS = ("Is that how the notice assigns it?", "Does that hold up?", "OK to keep?", "Please verify.", "Accurate?",
            "true or not?", "Is that right or not?", "true or false?")


@pytest.mark.parametrize("closing", CLOSINGS)
def test_a_reviewers_closing_question_makes_a_claim(fast_bot, notice, closing, each):
    """A quoted sentence, then the reviewer's question: a verdict on the lead, whatever the bracket says of the
    task (its words "support", "participate" are its subject, not the role claimed)."""
    for task, other in each(distinct(notice)):
        lead, wrong = BY_ID[task.lead_ids[0]], BY_ID[other.lead_ids[0]]
        if wrong.id in task.lead_ids:
            continue
        for agency, verdict in ((lead, "Yes"), (wrong, "No")):
            said = f"\"{agency.abbreviations[0] if agency.abbreviations else agency.name} leads Task {task.number} " \
                   f"(to support and participate in this work) as lead department.\" {closing}"
            answer = fast_bot.ask(said)
            assert answer.text.startswith(f"**{verdict}.**"), (said, answer.query, answer.text[:200])


def test_an_agency_quoted_right_after_the_quote_mark_is_read(fast_bot, notice):
    for agency in notice.agencies_named():
        for name in (agency.name, *agency.abbreviations):
            answer = fast_bot.read(f"A colleague wrote '{name} leads Task 1'. Is that correct?")
            assert answer.claim is not None and answer.claim.agencies, (name, answer.reading())


def test_agencies_said_to_each_have_their_own_part_are_checked_too(fast_bot, notice):
    """"Under task N, X and Y each handle their own part": the task must say so, and name X and Y."""
    for task in notice.tasks:
        on = [BY_ID[i].name for i in task.agency_ids[:2]]
        off = next(a.name for a in notice.agencies_named() if not task.involves(a.id))
        for names, named in ((on, True), ([on[0], off], False)):
            answer = fast_bot.ask(f"Under Task {task.number}, the {' and the '.join(names)} each handle their own part. "
                                  "Correct?")
            verdict = "Yes" if task.shared and named and len(task.agency_ids) > 1 else "No"
            if len(task.agency_ids) > 1:
                assert answer.text.startswith(f"**{verdict}.**"), (task.number, names, answer.text[:200])


COMPANIONS = ("'Task {n} is led by the {lead}, with the {a} and the {b}.' Correct?",
              "Draft: 'The {a} and the {lead} share task {n}, with the {lead} leading.' Does that hold up?",
              "'Task {n} is led by the {lead} together with the {a}.' Please verify.")


@pytest.mark.parametrize("phrasing", COMPANIONS)
def test_agencies_named_with_the_lead_are_claimed_to_take_part(fast_bot, notice, phrasing, each):
    """"Led by X, with Y and Z" claims X leads and Y and Z take part: true when it is so, false when X and Y trade
    places."""
    tasks = [t for t in notice.tasks if len(t.lead_ids) == 1 and len(t.agency_ids) >= 3]
    for task in each(tasks):
        lead, a, b = (BY_ID[i].name for i in (task.lead_ids[0], *[i for i in task.agency_ids if i not in task.lead_ids][:2]))
        right = fast_bot.ask(phrasing.format(n=task.number, lead=lead, a=a, b=b))
        assert right.text.startswith("**Yes.**"), (task.number, right.query, right.text[:200])
        wrong = fast_bot.ask(phrasing.format(n=task.number, lead=a, a=lead, b=b))
        assert wrong.text.startswith("**No.**"), (task.number, wrong.query, wrong.text[:200])


def test_an_agency_that_ever_leads_jointly(fast_bot, notice):
    for agency in notice.agencies_named():
        joint = [t.number for t in notice.tasks if t.led_by(agency.id) and len(t.lead_ids) > 1]
        answer = fast_bot.ask(f"Does the {agency.name} ever lead a task jointly with another agency?")
        assert answer.text.startswith("**Yes.**" if joint else "**No.**"), (agency.name, answer.text[:200])
        if joint:
            assert set(answer.citations) >= set(joint), (agency.name, answer.citations)


def test_a_shared_claim_with_the_wrong_number_points_to_the_right_task(fast_bot, notice, each):
    """"X legislation (task 38) is handled by A, B and C, each for its own part": task 38 is about something else."""
    def neighbour(task):  # a task in another part, about something else
        return notice.task((task.number + 50) % notice.last_task + 1)

    shared = [t for t in notice.tasks if t.shared and subject(t) != subject(neighbour(t))]
    for task in each(shared):
        other = neighbour(task)
        names = " and the ".join(BY_ID[i].name for i in task.agency_ids[:2])
        answer = fast_bot.ask(f"Draft: '{subject(task)} (task {other.number}) is handled by the {names}, each for its "
                              "own part.' Is the task number right?")
        assert answer.text.startswith(f"**No.** [Task {other.number}] is about something else"), answer.text[:200]
        assert answer.citations[0] == task.number


@pytest.mark.parametrize("said", ["Claim: the {agency} has no role in task {n}. Correct?",
                                  'can you confirm this: "The {agency} plays no part in Task {n}"?',
                                  "Is it true that the {agency} is absent from task {n}?"])
def test_a_claim_that_an_agency_has_no_role_holds_only_where_it_is_not_named(fast_bot, notice, said, each):
    registry = notice.agencies_named()
    for task in each(notice.tasks):
        absent = next(a for a in registry[task.number % len(registry):] + registry if not task.involves(a.id))
        for agency, verdict in ((BY_ID[task.agency_ids[-1]], "No"), (absent, "Yes")):
            answer = fast_bot.ask(said.format(agency=agency.name, n=task.number))
            assert answer.text.startswith(f"**{verdict}.**"), (said, agency.name, task.number, answer.text[:200])


@pytest.mark.parametrize("said", ["quick one - a footnote in the review says the work to {subject} is task {n}. "
                                  "is that the right number?",
                                  "The table in annex 2 cites task {n} for the work to {subject}. Is that the right task?"])
def test_a_subject_put_on_a_task_number_in_a_reviewers_words(fast_bot, notice, said, each):
    for task, other in each(distinct(notice)):
        wrong = fast_bot.ask(said.format(subject=subject(task), n=other.number))
        assert wrong.text.startswith(f"**No.** [Task {other.number}] is about something else"), (said, wrong.query)
        assert task.number in wrong.citations, (said, task.number, wrong.text[:300])
        right = fast_bot.ask(said.format(subject=subject(task), n=task.number))
        assert right.text.startswith("**Yes.**"), (said, task.number, right.query)


@pytest.mark.parametrize("opening", ["Pls verify:", "please confirm:", "Kindly check:"])
def test_a_request_to_verify_opens_a_claim(fast_bot, notice, opening, each):
    for task, other in each(distinct(notice)):
        lead, wrong = BY_ID[task.lead_ids[0]], BY_ID[other.lead_ids[0]]
        if wrong.id in task.lead_ids:
            continue
        for agency, verdict in ((lead, "Yes"), (wrong, "No")):
            answer = fast_bot.ask(f'{opening} "The {agency.name} takes the lead on task {task.number}."')
            assert answer.text.startswith(f"**{verdict}.**"), (opening, agency.name, task.number, answer.query)


def test_the_lead_named_by_one_word_of_its_name(fast_bot, notice, each):
    """"... the Ministry of Finance and the Taxation Administration, with Finance leading": Finance is the one."""
    def word(agency, other):
        own = [w for w in agency.name.split() if w[0].isupper() and w not in other.name.split() and len(w) > 3]
        return own[-1] if own else None

    checked = 0
    for task in each([t for t in notice.tasks if len(t.lead_ids) == 1 and len(t.agency_ids) > 1 and not t.shared]):
        lead, other = BY_ID[task.lead_ids[0]], BY_ID[next(i for i in task.agency_ids if i not in task.lead_ids)]
        for said, verdict in ((word(lead, other), "Yes"), (word(other, lead), "No")):
            if said is None:
                continue
            answer = fast_bot.ask(f"Task {task.number} is the responsibility of the {lead.name} and the {other.name}, "
                                  f"with {said} leading. Correct?")
            assert answer.text.startswith(f"**{verdict}.**"), (task.number, said, answer.query)
            checked += 1
    assert checked, "no task had agencies named apart by one word"


@pytest.mark.parametrize("said", ["Is the {agency} on {a} but not {b}?", "Is the {agency} on task {a} but not on task {b}?"])
def test_an_agency_on_one_task_but_not_another(fast_bot, notice, said, each):
    for task in each(notice.tasks[:-1]):
        other = notice.task(task.number + 1)
        for agency_id in (task.agency_ids[0], other.agency_ids[0]):
            holds = task.involves(agency_id) and not other.involves(agency_id)
            answer = fast_bot.ask(said.format(agency=BY_ID[agency_id].name, a=task.number, b=other.number))
            assert answer.text.startswith("**Yes.**" if holds else "**No.**"), (said, task.number, agency_id, answer.query)
            assert set(answer.citations) == {task.number, other.number}, answer.text[:200]


@pytest.mark.parametrize("phrasing", ["Task {n} deals with {subject}.", "Is it true that task {n} covers {subject}?",
                                      "Task {n} is about {subject}"])
def test_a_pasted_statement_or_an_is_it_true_question_is_checked(fast_bot, notice, phrasing, each):
    """"Task 23 deals with trade secret protection." described task 23, and "Is it true that task 86 covers the Hague
    Agreement?" gave task 86's lead: neither said whether the claim holds (hostile-17)."""
    for task, other in each(distinct(notice)):
        right = fast_bot.ask(phrasing.format(n=task.number, subject=subject(task)))
        assert right.text.startswith("**Yes.**"), (phrasing, task.number, right.query)
        wrong = fast_bot.ask(phrasing.format(n=other.number, subject=subject(task)))
        assert wrong.text.startswith("**No.**"), (phrasing, other.number, wrong.query)
