"""Agencies by their number of tasks: named in or leading exactly, more than, at least, fewer than or at most N
tasks, and none at all. Every number and comparison, in several phrasings, against counts from the records."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from assistant.answer import tuning
from assistant.answer.query import Compare
from assistant.lab.evaluate import stated_agencies, stated_count
from assistant.notice.agencies import BY_ID
from tests.answer.helpers import cited

pytestmark = pytest.mark.filterwarnings("ignore")

NAMED = ("Which agencies are named in {cmp} {n} tasks?", "agencies that take part in {cmp} {n} tasks",
         "How many departments appear in {cmp} {n} tasks?")
LEADING = ("Which agencies lead {cmp} {n} tasks?", "agencies that are the lead on {cmp} {n} tasks",
           "How many departments lead {cmp} {n} tasks?")
COMPARISONS = {"exactly": Compare.EXACTLY, "more than": Compare.MORE, "at least": Compare.AT_LEAST,
               "fewer than": Compare.FEWER, "at most": Compare.AT_MOST}


def counts(notice, by_leads: bool) -> dict[str, int]:
    mentions = Counter(i for t in notice.tasks for i in (t.lead_ids if by_leads else t.agency_ids))
    return {a.id: mentions[a.id] for a in notice.agencies_named()}


def check(answer, expected: set[str]):
    assert stated_count(answer.text) == len(expected), answer.text[:300]
    assert stated_agencies(answer.text) == expected, (answer.query, answer.text[:300])
    assert not answer.refused


@pytest.mark.parametrize("by_leads, phrasing", [*((False, p) for p in NAMED), *((True, p) for p in LEADING)])
@pytest.mark.parametrize("said, compare", COMPARISONS.items())
def test_agencies_by_a_number_of_tasks(fast_bot, notice, by_leads, phrasing, said, compare):
    numbers = counts(notice, by_leads)
    for n in (1, 2, 3, 5, 10, 20):
        if compare == Compare.EXACTLY and n == 1 and by_leads is False and "How many" in phrasing:
            continue  # "How many departments appear in exactly 1 tasks?" is not English; the one-task wording is tested below
        answer = fast_bot.ask(phrasing.format(cmp=said, n=n))
        check(answer, {BY_ID[a].name for a, c in numbers.items() if compare.holds(c, n)})


@pytest.mark.parametrize("question", ["How many agencies lead no task?", "Which agencies never lead a task?",
                                      "Which departments don't lead any task, though they are listed?",
                                      "agencies that lead zero tasks"])
def test_agencies_that_lead_no_task(fast_bot, notice, question):
    answer = fast_bot.ask(question)
    check(answer, {BY_ID[a].name for a, c in counts(notice, by_leads=True).items() if c == 0})


@pytest.mark.parametrize("question", ["Which agencies lead only one task?", "Which agency leads just a single task?",
                                      "Which agencies are named in only one task?"])
def test_one_task_counts_leads_when_leading_is_asked(fast_bot, notice, question):
    by_leads = "lead" in question
    answer = fast_bot.ask(question)
    check(answer, {BY_ID[a].name for a, c in counts(notice, by_leads).items() if c == 1})


def test_a_number_no_agency_has_says_so(fast_bot):
    answer = fast_bot.ask("Which agencies lead exactly 40 tasks?")
    assert answer.text.startswith("**0.**") and "No agency" in answer.text and not answer.citations


def test_the_reading_says_what_was_counted(fast_bot):
    assert fast_bot.read("Which agencies lead more than 5 tasks?").reading() == \
        "Read as: agencies leading more than 5 tasks"
    assert fast_bot.read("How many agencies lead no task?").reading() == "Read as: agencies leading no task"


IN_SCOPE = ("Which agencies appear in {where}?", "List the departments involved in {where}",
            "which bodies lead tasks in {where}?", "agencies in {where}")


@pytest.mark.parametrize("phrasing", IN_SCOPE)
def test_the_agencies_of_every_part_and_heading(fast_bot, notice, phrasing, each):
    """Agencies asked over a part or heading: all of them, each with its tasks there (or those it leads), cited,
    or in a part of many tasks, with their number."""
    by_leads = "lead" in phrasing
    scopes = [(f"part {p.number}", notice.tasks_in(p.number)) for p in notice.parts]
    scopes += [(f"heading ({h.number}) of part {h.part}", notice.tasks_in(h.part, h.number)) for h in notice.headings]
    scopes += [(f"part {h.part} heading {h.number}", notice.tasks_in(h.part, h.number)) for h in notice.headings]
    for where, tasks in each(scopes):
        answer = fast_bot.ask(phrasing.format(where=where))
        expected = {a.name for t in tasks for a in (t.leads if by_leads else t.agencies)}
        check(answer, expected)
        for agency in expected:
            theirs = [t.number for t in tasks if any(a.name == agency for a in (t.leads if by_leads else t.agencies))]
            row = re.search(rf"^- {re.escape(agency)}: (.*)$", answer.text, re.M)
            assert row, (where, agency, answer.text[:300])
            if len(tasks) <= tuning.ROW_TASKS_MAX:
                assert [int(n) for n in re.findall(r"\[Task (\d+)\]", row.group(1))] == theirs, (where, row.group(0))
            else:
                assert row.group(1) == str(len(theirs)), (where, row.group(0))


@pytest.mark.parametrize("phrasing", ["Which agency leads the most tasks in part {p}?",
                                      "who is the lead most often in part {p}?"])
def test_a_ranking_scoped_to_a_part_is_not_a_ranking_of_parts(fast_bot, notice, phrasing):
    for part in notice.parts:
        leads = Counter(i for t in notice.tasks_in(part.number) for i in t.lead_ids)
        top = max(leads.values())
        answer = fast_bot.ask(phrasing.format(p=part.number))
        assert stated_agencies(answer.text) == {BY_ID[a].name for a, n in leads.items() if n == top}, \
            (part.number, answer.query)


@pytest.mark.parametrize("n", [3, 5, 10])
def test_the_top_n_of_a_ranking_shows_n_rows_and_no_task_list(fast_bot, notice, n):
    ranked = sorted(counts(notice, by_leads=False).values(), reverse=True)
    shown = sum(1 for c in ranked if c >= ranked[n - 1])  # n, and any tied with the n-th
    answer = fast_bot.ask(f"Which agencies take part in the most tasks? Give me the top {n}.")
    rows = [line for line in answer.text.splitlines() if line.startswith("- ")]
    assert len(rows) == shown and not any("[Task" in row for row in rows), answer.text[:400]


@pytest.mark.parametrize("n", [3, 5])
def test_the_top_n_are_named_first_in_order_with_their_numbers(fast_bot, notice, n):
    answer = fast_bot.ask(f"Rank the agencies by number of tasks they appear on - top {n}")
    ranked = sorted(counts(notice, by_leads=False).items(), key=lambda p: -p[1])[:n]
    head = answer.text.split("\n\n")[0]
    assert head.startswith(f"**{n}.** The {n} agencies") and stated_agencies(head) == {BY_ID[a].name for a, _ in ranked}
    assert all(f"{BY_ID[a].name} ({c})" in head for a, c in ranked), head


@pytest.mark.parametrize("said, by_leads", [("The {agency} leads {k} tasks, right?", True),
                                            ("Claim: the {agency} is on {k} tasks in total.", False),
                                            ("Is it true that the {agency} appears in {k} tasks?", False)])
def test_a_claimed_number_of_an_agencys_tasks(fast_bot, notice, said, by_leads, each):
    for agency in each(notice.agencies_named()):
        real = sum(1 for t in notice.tasks if (t.led_by(agency.id) if by_leads else t.involves(agency.id)))
        for k in {real, real + 1, max(real - 1, 1)}:
            answer = fast_bot.ask(said.format(agency=agency.name, k=k))
            assert answer.text.startswith("**Yes.**" if k == real else "**No.**"), (said, agency.name, k, answer.query)
            assert stated_count(answer.text) == real or k == real, (said, agency.name, answer.text[:200])


@pytest.mark.parametrize("said", ["The {agency} appears in only one task, task {n}. Correct?",
                                  "Is it true that the {agency} shows up in just one task (task {n})?",
                                  "The {agency} is named only in task {n} - true?"])
def test_a_claim_that_an_agency_is_on_one_task_only(fast_bot, notice, said, each):
    for agency in each(notice.agencies_named()):
        theirs = [t.number for t in notice.tasks if t.involves(agency.id)]
        answer = fast_bot.ask(said.format(agency=agency.name, n=theirs[0]))
        assert answer.text.startswith("**Yes.**" if len(theirs) == 1 else "**No.**"), (said, agency.name, answer.query)
        assert set(answer.citations) == set(theirs), (said, agency.name, answer.text[:200])


@pytest.mark.parametrize("said, by_leads", [("Who comes {place} in terms of number of tasks led?", True),
                                            ("which agency ranks {place} by tasks led?", True),
                                            ("Who ranks {place} by number of tasks taken part in?", False)])
@pytest.mark.parametrize("place, n", [("second", 2), ("third", 3), ("4th", 4)])
def test_a_place_in_a_ranking_said_without_most(fast_bot, notice, said, by_leads, place, n):
    counts = Counter(i for t in notice.tasks for i in (t.lead_ids if by_leads else t.agency_ids))
    value = sorted(set(counts.values()), reverse=True)[n - 1]
    answer = fast_bot.ask(said.format(place=place))
    assert stated_agencies(answer.text) == {BY_ID[a].name for a, c in counts.items() if c == value}, answer.query


@pytest.mark.parametrize("said", ["Who comes second after the {first} in terms of number of tasks led?",
                                  "Which agency is second only to the {first} in tasks led?"])
def test_second_after_the_first_named_is_the_second_place(fast_bot, notice, said):
    counts = Counter(i for t in notice.tasks for i in t.lead_ids)
    (first, _), = counts.most_common(1)
    second = sorted(set(counts.values()), reverse=True)[1]
    answer = fast_bot.ask(said.format(first=BY_ID[first].name))
    assert stated_agencies(answer.text) == {BY_ID[a].name for a, c in counts.items() if c == second}, answer.query


@pytest.mark.parametrize("said", ["who leads something in part {p}?", "give me only the lead agencies for part {p}",
                                  "For Part {p} (the support part), give me only the lead agencies - who leads there?",
                                  "Which part-{p} tasks does the IP office lead?"])
def test_the_leads_of_a_part_asked_casually(fast_bot, notice, said):
    for part in notice.parts:
        answer = fast_bot.ask(said.format(p=part.number))
        leads = {a.name for t in notice.tasks_in(part.number) for a in t.leads}
        if "IP office" in said:
            assert cited(answer) == {t.number for t in notice.tasks_in(part.number) if t.led_by("sipo")}, answer.query
        else:
            assert stated_agencies(answer.text) == leads, (said, part.number, answer.query)


def test_claims_of_an_agencys_tasks_in_other_words(fast_bot, notice, each):
    for agency in each(notice.agencies_named()):
        theirs = [t.number for t in notice.tasks if t.involves(agency.id)]
        leads = [t.number for t in notice.tasks if t.led_by(agency.id)]
        listed = ", ".join(map(str, theirs[:-1])) + (f" and {theirs[-1]}" if len(theirs) > 1 else str(theirs[0]))
        cases = [(f"Reviewer: 'the {agency.name} appears in tasks {listed} only'. Check.", True),
                 (f"A reviewer says the {agency.name} heads up {len(leads)} tasks. Is that right?", True),
                 (f"A reviewer says the {agency.name} heads up {len(leads) + 1} tasks. Is that right?", False),
                 (f"The {agency.name} is never a lead agency. True?", not leads),
                 (f"Is it false that the {agency.name} leads task {theirs[0]}?", theirs[0] not in leads)]
        for said, holds in cases:
            answer = fast_bot.ask(said)
            assert answer.text.startswith("**Yes.**" if holds else "**No.**"), (said, answer.query)


@pytest.mark.parametrize("n, word", [(2, "second"), (3, "third"), (4, "fourth")])
def test_places_in_rankings_of_parts_tasks_and_appearances(fast_bot, notice, n, word):
    parts = Counter(t.part for t in notice.tasks)
    size = sorted(set(parts.values()), reverse=True)[n - 1]
    answer = fast_bot.ask(f"Which part has the {word}-highest number of tasks?")
    assert answer.text.startswith(f"**{size}.** Part {next(p for p, s in parts.items() if s == size)}"), answer.query
    sizes = sorted({len(t.agency_ids) for t in notice.tasks}, reverse=True)
    answer = fast_bot.ask(f"Which task ranks {word} by the number of agencies?")
    assert answer.text.startswith(f"**{sizes[n - 1]}.**"), answer.query
    named = Counter(i for t in notice.tasks for i in t.agency_ids)
    value = sorted(set(named.values()), reverse=True)[n - 1]
    answer = fast_bot.ask(f"Which agency ranks {word} by appearances in tasks?")
    assert stated_agencies(answer.text) == {BY_ID[a].name for a, c in named.items() if c == value}, answer.query


def test_runner_up_and_behind(fast_bot, notice):
    named = Counter(i for t in notice.tasks for i in t.agency_ids)
    second = sorted(set(named.values()), reverse=True)[1]
    answer = fast_bot.ask("Who is the runner-up by number of tasks an agency appears in?")
    assert stated_agencies(answer.text) == {BY_ID[a].name for a, c in named.items() if c == second}, answer.query
    leads = Counter(i for t in notice.tasks for i in t.lead_ids)
    (top, _), = leads.most_common(1)
    rest = Counter({a: c for a, c in leads.items() if a != top})
    best = max(rest.values())
    answer = fast_bot.ask(f"Behind the {BY_ID[top].name}, which agency leads the most tasks?")
    assert stated_agencies(answer.text.split("(leaving out")[0]) == {BY_ID[a].name for a, c in rest.items() if c == best}


@pytest.mark.parametrize("said, every", [("Does the {agency} appear in every part?", True),
                                         ("Is the {agency} present in all six parts?", True),
                                         ("Is the {agency} in part {p} but nowhere else?", False),
                                         ("Does the {agency} appear only in part {p}?", False)])
def test_claims_of_the_parts_an_agency_is_in(fast_bot, notice, said, every, each):
    for agency in each(notice.agencies_named()):
        parts = Counter(t.part for t in notice.tasks if t.involves(agency.id))
        first = min(parts)
        holds = len(parts) == len(notice.parts) if every else set(parts) == {first}
        answer = fast_bot.ask(said.format(agency=agency.name, p=first))
        assert answer.text.startswith("**Yes.**" if holds else "**No.**"), (said, agency.name, answer.query)
        for part, n in parts.items():
            assert re.search(rf"^- part {part}: ", answer.text, re.M), (said, agency.name, answer.text[:300])


@pytest.mark.parametrize("said", ["Which agency trails only the {named} in number of tasks led?",
                                  "After the {named}, which agency leads the most tasks?",
                                  "Who leads the most tasks, not counting the {named}?"])
@pytest.mark.parametrize("ahead", [1, 2, 3])
def test_a_ranking_behind_the_agencies_named(fast_bot, notice, said, ahead):
    """"Which agency trails only SIPO and SAIC?": the leaders named are set aside, however many, and the next by
    leads is the answer, computed from the records."""
    leads = Counter(i for t in notice.tasks for i in t.lead_ids)
    named = [a for a, _ in sorted(leads.items(), key=lambda p: (-p[1], p[0]))[:ahead]]
    rest = Counter({a: c for a, c in leads.items() if a not in named})
    best = max(rest.values())
    names = " and the ".join(BY_ID[a].name for a in named)
    answer = fast_bot.ask(said.format(named=names))
    assert stated_agencies(answer.text.split("(leaving out")[0]) == {BY_ID[a].name for a, c in rest.items()
                                                                    if c == best}, (said, ahead, answer.query)


@pytest.mark.parametrize("said", ["Which agencies lead nothing in part {p}?", "which agencies lead none of the tasks in part {p}?"])
def test_agencies_that_lead_nothing_in_a_part(fast_bot, notice, said):
    """Of the agencies the part names, those that lead none of its tasks."""
    for part in notice.parts:
        named = {i for t in notice.tasks_in(part.number) for i in t.agency_ids}
        leading = {i for t in notice.tasks_in(part.number) for i in t.lead_ids}
        answer = fast_bot.ask(said.format(p=part.number))
        assert stated_agencies(answer.text) == {BY_ID[a].name for a in named - leading}, (said, part.number, answer.query)


@pytest.mark.parametrize("said", ["Does the {agency} lead nothing in part {p}?", "Is it true the {agency} leads nothing in part {p}?"])
def test_a_claim_that_an_agency_leads_nothing_in_a_part(fast_bot, notice, said, each):
    for agency in each(notice.agencies_named()):
        for part in notice.parts:
            leads = [t.number for t in notice.tasks_in(part.number) if t.led_by(agency.id)]
            answer = fast_bot.ask(said.format(agency=agency.name, p=part.number))
            assert answer.text.startswith("**No.**" if leads else "**Yes.**"), (said, agency.name, part.number,
                                                                               answer.query)


def test_rankings_and_lists_of_ministries_count_the_ministries_only(fast_bot, notice):
    ministries = {a.id for a in notice.agencies_named() if BY_ID[a.id].is_ministry}
    for part in notice.parts:
        answer = fast_bot.ask(f"Which ministries appear in part {part.number}?")
        named = {i for t in notice.tasks_in(part.number) for i in t.agency_ids}
        assert stated_agencies(answer.text) == {BY_ID[a].name for a in named & ministries}, (part.number, answer.query)
        assert any("Only the ministries" in note for note in answer.notes)
    involved_in = Counter(i for t in notice.tasks for i in t.agency_ids if i in ministries)
    fewest = min(involved_in.values())
    answer = fast_bot.ask("which ministry is involved in the fewest tasks")
    assert stated_agencies(answer.text) == {BY_ID[a].name for a, c in involved_in.items() if c == fewest}, answer.query
    leads = Counter(i for t in notice.tasks for i in t.lead_ids if i in ministries)
    most = max(leads.values())
    answer = fast_bot.ask("Which ministry leads the most tasks?")
    assert stated_agencies(answer.text) == {BY_ID[a].name for a, c in leads.items() if c == most}, answer.query
    assert "ministries" not in fast_bot.read("Which agency leads the most tasks?").reading()


@pytest.mark.parametrize("top", [2, 3, 4, 5])
def test_the_top_n_shows_every_agency_tied_at_its_last_place(fast_bot, notice, top):
    from collections import Counter

    led = Counter(a for t in notice.tasks for a in t.lead_ids).most_common()
    cut = led[top - 1][1]
    expected = {a for a, n in led if n >= cut}
    answer = fast_bot.ask(f"Rank the top {top} lead agencies by number of tasks led.")
    rows = [line for line in answer.text.split("\n") if line.startswith("- ")]
    assert len(rows) == len(expected), (top, rows)
    if len(expected) > top:
        assert "tie at" in answer.text, answer.text


OTHER_COUNTS = ("foreign films can be imported each year", "patents a university must file", "cases the courts heard",
                "inspectors work at the border", "trademarks were registered last year", "people visit the fair")


@pytest.mark.parametrize("asked", ["who decides how many {x}?", "Which agency sets how many {x}?",
                                   "who is in charge of how many {x}?"])
def test_how_many_of_something_the_notice_does_not_count_is_not_a_count_of_agencies(fast_bot, asked):
    """"who ... how many foreign films": the "who" asks for an agency, the count is of films; never "42 agencies"."""
    from assistant.answer.query import Op

    for other in OTHER_COUNTS:
        query = fast_bot.read(asked.format(x=other))
        assert query.op != Op.RANK, (asked.format(x=other), query.reading())
        assert not fast_bot.ask(asked.format(x=other)).text.startswith("**"), asked.format(x=other)  # no "**42.**"


@pytest.mark.parametrize("question", ["how many agencies are named?", "how many different agencies does the notice name?",
                                      "How many bodies appear in the notice?", "who are the agencies and how many are there?",
                                      "how many departments are involved in all?"])
def test_how_many_agencies_in_any_words_still_counts_them(fast_bot, notice, question):
    answer = fast_bot.ask(question)
    assert stated_count(answer.text) == len(notice.agencies_named()), (question, answer.text[:200])
