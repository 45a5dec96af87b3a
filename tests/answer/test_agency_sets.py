"""The agencies of two scopes against each other: in both, in the first but not the second, in either. Every pair
of parts, and pairs of tasks, each in several phrasings, against the sets computed from the records."""

from __future__ import annotations

import re
from itertools import permutations

import pytest

from assistant.answer.query import Combine
from assistant.lab.evaluate import stated_agencies
from assistant.notice.agencies import BY_ID

pytestmark = pytest.mark.filterwarnings("ignore")

PHRASINGS = {
    Combine.ONLY_FIRST: ("Which agencies appear in {a} but not in {b}?", "agencies named in {a} and not in {b}",
                         "which departments are involved in {a} but never in {b}?",
                         "Which bodies are not in {b} but are in {a}?",
                         "Which agencies show up somewhere in {a} but nowhere in {b}?"),
    Combine.BOTH: ("Which agencies appear in both {a} and {b}?", "agencies named in {a} and also in {b}",
                   "which departments do {a} and {b} have in common?"),
    Combine.EITHER: ("Which agencies appear in either {a} or {b}?", "agencies named in {a} or {b}"),
}
LEADING = ("Which agencies lead tasks in both {a} and {b}?", "agencies that lead a task in {a} but not in {b}",
           "Which agencies lead a task in {a} but lead none in {b}?")


def agencies_said(answer, want: set[str]) -> set[str]:
    """The agencies the answer's statement names (an empty answer names none), not those quoted below it."""
    return stated_agencies(answer.text.split("The notice's words")[0]) if want else set()


def named(notice, where: str, by_leads: bool = False) -> set[str]:
    kind, number = where.split()
    tasks = notice.tasks_in(int(number)) if kind == "part" else [notice.task(int(number))]
    return {BY_ID[i].name for t in tasks for i in (t.lead_ids if by_leads else t.agency_ids)}


def expected(notice, combine: Combine, a: str, b: str, by_leads: bool = False) -> set[str]:
    first, second = named(notice, a, by_leads), named(notice, b, by_leads)
    return {Combine.BOTH: first & second, Combine.ONLY_FIRST: first - second, Combine.EITHER: first | second}[combine]


PARTS = [(f"part {a}", f"part {b}") for a, b in permutations(range(1, 7), 2)]


@pytest.mark.parametrize("combine, phrasing", [(c, p) for c, ps in PHRASINGS.items() for p in ps])
def test_the_agencies_of_two_parts(fast_bot, notice, combine, phrasing, each):
    for a, b in each(PARTS):
        answer = fast_bot.ask(phrasing.format(a=a, b=b))
        want = expected(notice, combine, a, b)
        assert answer.query.startswith(f"Read as: agencies named in {a} {combine.value} in {b}"), answer.query
        if want:
            assert stated_agencies(answer.text) == want, (answer.query, answer.text[:300])
        else:
            assert answer.text.startswith("**0.**"), answer.text[:200]


@pytest.mark.parametrize("phrasing", LEADING)
def test_leads_are_compared_when_leading_is_asked(fast_bot, notice, phrasing, each):
    combine = Combine.BOTH if "both" in phrasing else Combine.ONLY_FIRST
    for a, b in each(PARTS):
        answer = fast_bot.ask(phrasing.format(a=a, b=b))
        want = expected(notice, combine, a, b, by_leads=True)
        assert answer.query.startswith("Read as: agencies leading a task"), answer.query
        assert agencies_said(answer, want) == want, (answer.query, answer.text[:300])


# Neighbouring tasks share most of their agencies: the differences are small and easy to get wrong.
TASK_PAIRS = [(f"task {n}", f"task {n + 1}") for n in range(1, 106)]


@pytest.mark.parametrize("combine, phrasing", [
    (Combine.BOTH, "which agencies are on both {a} and {b}?"),
    (Combine.ONLY_FIRST, "agencies on {a} but not on {b}"),
    (Combine.BOTH, "who is named on {a} as well as {b}?"),
    (Combine.ONLY_FIRST, "which agencies are on {a_} but not on {b_}?"),  # bare numbers, as people type them
    (Combine.BOTH, "agencies on both {a_} and {b_}?"),
])
def test_the_agencies_of_two_tasks_cite_both(fast_bot, notice, combine, phrasing, each):
    for a, b in each(TASK_PAIRS):
        answer = fast_bot.ask(phrasing.format(a=a, b=b, a_=a.split()[1], b_=b.split()[1]))
        want = expected(notice, combine, a, b)
        assert set(answer.citations) == {int(a.split()[1]), int(b.split()[1])}, answer.text[:200]
        assert agencies_said(answer, want) == want, answer.text[:300]


def test_two_tasks_without_joining_words_are_each_looked_up(fast_bot):
    """"Which agencies are on tasks 30 and 31?" asks for each task's agencies, not for what they share."""
    assert fast_bot.read("which agencies are on tasks 30 and 31?").op.value == "lookup"


@pytest.mark.parametrize("phrasing", ("Tasks {a} and {b} - who leads each of them?", "who leads each of these: {a}, {b}?",
                                      "{a} and {b}: what agencies are on each of those?"))
def test_each_of_several_tasks_asks_each_one_s_own(fast_bot, notice, phrasing, each):
    """"who leads each of them?" names each task's lead; "on each of tasks 40, 41 and 42" is what they share."""
    for a in each(range(1, len(notice.tasks))):
        answer = fast_bot.ask(phrasing.format(a=a, b=a + 1))
        assert answer.citations == [a, a + 1], (phrasing, a, answer.query)
        for task in (notice.task(a), notice.task(a + 1)):
            assert all(lead.name in answer.text for lead in task.leads), (phrasing, task.number, answer.text[:200])


def _named_by_a_word(notice) -> list[tuple[str, int]]:
    """Content words of nine letters or more that one task's heading and text use, in any form, and no other's: a
    subject that names it."""
    from assistant.answer.parser import topic_words
    from assistant.answer.tuning import stem
    from assistant.answer.vocabulary import NOT_A_SUBJECT

    forms: dict[str, set[int]] = {}
    for task in notice.tasks:
        for word in re.findall(r"[a-z]+", f"{task.heading} {task.text}".lower()):
            forms.setdefault(stem(word), set()).add(task.number)

    where: dict[str, set[int]] = {}
    for task in notice.tasks:
        for word in set(re.findall(r"[a-z]{9,}", f"{task.heading} {task.text}".lower())):
            where.setdefault(word, set()).add(task.number)
    return sorted((word, next(iter(tasks))) for word, tasks in where.items()
                  if len(forms[stem(word)]) == 1 and topic_words(word) and word not in NOT_A_SUBJECT)


@pytest.mark.parametrize("phrasing", ("What agencies do the {a} task and the {b} task have in common?",
                                      "Which agencies are on the {a} one but not on the {b} one?"))
def test_two_tasks_named_by_their_subjects(fast_bot, notice, phrasing, each):
    """Each phrase read as the one task that uses its word, said in a note (h14-153)."""
    words = _named_by_a_word(notice)
    pairs = [(a, b) for (a, b) in zip(words, words[1:] + words[:1]) if a[1] != b[1]]
    for (a, first), (b, second) in each(pairs):
        answer = fast_bot.ask(phrasing.format(a=a, b=b))
        one, two = set(notice.task(first).agency_ids), set(notice.task(second).agency_ids)
        want = {BY_ID[i].name for i in (one & two if "common" in phrasing else one - two)}
        assert f"is read as task {first}" in answer.text and f"is read as task {second}" in answer.text, answer.query
        assert agencies_said(answer, want) == want, (phrasing, a, b, answer.text[:300])


def heading_agencies(notice, part: int, heading: int) -> set[str]:
    return {BY_ID[i].name for t in notice.tasks_in(part, heading) for i in t.agency_ids}


HEADING_PHRASINGS = ("Which agencies appear under heading ({a}) of part {p} but not under heading ({b}) of part {q}?",
                     "Part {p} heading ({a}) vs part {q} heading ({b}): agencies in both?",
                     "agencies named in {P}.{a} or {Q}.{b}")  # outline form: Roman part numbers
ROMAN = ("", "I", "II", "III", "IV", "V", "VI")


@pytest.mark.parametrize("phrasing", HEADING_PHRASINGS)
def test_the_agencies_of_two_headings(fast_bot, notice, phrasing, each):
    pairs = [(h, k) for h in notice.headings for k in notice.headings if (h.part, h.number) < (k.part, k.number)]
    for h, k in each(pairs):
        first, second = heading_agencies(notice, h.part, h.number), heading_agencies(notice, k.part, k.number)
        want = first - second if "but not" in phrasing else first & second if "both" in phrasing else first | second
        answer = fast_bot.ask(phrasing.format(p=h.part, a=h.number, q=k.part, b=k.number, P=ROMAN[h.part],
                                              Q=ROMAN[k.part]))
        assert answer.query.startswith(f"Read as: agencies named under heading ({h.number}) of part {h.part}"), \
            answer.query
        assert agencies_said(answer, want) == want, (answer.query, answer.text[:300])


def test_a_heading_named_by_its_title_in_quotes_takes_the_part_in_brackets_after_it(fast_bot):
    answer = fast_bot.ask("Which agencies turn up both under 'fiscal, taxation and financial support' (Part VI) "
                          "and under 'IP trading platforms' (Part III)?")
    assert answer.query == "Read as: agencies named under heading (1) of part 6 and also under heading (4) of part 3"


@pytest.mark.parametrize("phrasing", ["Which agencies appear only in part {p} and in no other part?",
                                      "agencies named exclusively in part {p}"])
def test_the_agencies_only_one_part_names(fast_bot, notice, phrasing):
    for part in notice.parts:
        elsewhere = {BY_ID[i].name for t in notice.tasks if t.part != part.number for i in t.agency_ids}
        want = named(notice, f"part {part.number}") - elsewhere
        answer = fast_bot.ask(phrasing.format(p=part.number))
        assert answer.query.startswith(f"Read as: agencies named in part {part.number} but not anywhere else")
        assert agencies_said(answer, want) == want, (answer.query, answer.text[:300])


def test_the_agencies_on_one_task_of_two_but_not_both(fast_bot, notice, each):
    for a, b in each(TASK_PAIRS):
        first, second = named(notice, a), named(notice, b)
        answer = fast_bot.ask(f"{a.capitalize()} and {b}: which agencies are on one of them but not the other?")
        want = first ^ second
        assert agencies_said(answer, want) == want, answer.query


def test_two_tasks_together_against_a_third(fast_bot, notice, each):
    for a, b in each(TASK_PAIRS):
        c = f"task {int(b.split()[1]) % 106 + 1}"
        want = (named(notice, a) | named(notice, b)) - named(notice, c)
        answer = fast_bot.ask(f"Which agencies are on {a} or {b} but not on {c}?")
        assert agencies_said(answer, want) == want, answer.query


def part_agencies(notice, part: int, by_leads: bool = False) -> set[str]:
    return named(notice, f"part {part}", by_leads)


@pytest.mark.parametrize("phrasing", ["agencies in part {a} and part {b}", "Which agencies are in part {A} and part {B}?"])
def test_two_parts_joined_by_and_are_both(fast_bot, notice, phrasing, each):
    """"Agencies in part 1 and part 6" are in the one and in the other."""
    for a, b in each([(a, b) for a in range(1, 7) for b in range(1, 7) if a < b]):
        answer = fast_bot.ask(phrasing.format(a=a, b=b, A=ROMAN[a], B=ROMAN[b]))
        want = part_agencies(notice, a) & part_agencies(notice, b)
        assert agencies_said(answer, want) == want, (answer.query, answer.text[:200])


@pytest.mark.parametrize("phrasing", ["Which agencies appear in part {a} but not in part {rest}?",
                                      "agencies in pt {a} excluding those in parts {rest}"])
def test_one_part_against_a_list_of_parts(fast_bot, notice, phrasing):
    for a in range(1, 7):
        others = [p for p in range(1, 7) if p != a]
        rest = ", ".join(map(str, others[:-1])) + f" or {others[-1]}"
        answer = fast_bot.ask(phrasing.format(a=a, rest=rest))
        want = part_agencies(notice, a).difference(*(part_agencies(notice, p) for p in others))
        assert agencies_said(answer, want) == want, (answer.query, answer.text[:200])


def test_two_parts_together_against_a_third(fast_bot, notice):
    for a, b, c in [(4, 5, 2), (1, 6, 3), (2, 3, 5)]:
        answer = fast_bot.ask(f"which agencies are in part {a} or part {b} but not part {c}?")
        want = (part_agencies(notice, a) | part_agencies(notice, b)) - part_agencies(notice, c)
        assert stated_agencies(answer.text) == want, (answer.query, answer.text[:200])


def test_a_heading_against_a_part(fast_bot, notice, each):
    for h in each(notice.headings):
        other = h.part % 6 + 1
        answer = fast_bot.ask(f"Which agencies are in part {ROMAN[h.part]} heading ({h.number}) but not in part {ROMAN[other]}?")
        want = heading_agencies(notice, h.part, h.number) - part_agencies(notice, other)
        assert agencies_said(answer, want) == want, (answer.query, answer.text[:200])


def test_three_tasks_in_common_and_one_against_two(fast_bot, notice, each):
    for n in each(range(1, 104)):
        a, b, c = (named(notice, f"task {k}") for k in (n, n + 1, n + 2))
        common = fast_bot.ask(f"agencies common to tasks {n}, {n + 1} and {n + 2}")
        assert (stated_agencies(common.text.split("The notice's words")[0]) if a & b & c else set()) == a & b & c
        neither = fast_bot.ask(f"Which agencies are on task {n} but on neither task {n + 1} nor task {n + 2}?")
        assert (stated_agencies(neither.text.split("The notice's words")[0]) if a - b - c else set()) == a - b - c


def test_each_side_asks_its_own_role(fast_bot, notice):
    """"lead a task in part 4 but are not on task 84": leads on one side, anyone named on the other."""
    for part in range(1, 7):
        last = notice.tasks_in(part)[-1].number
        answer = fast_bot.ask(f"In part {part}, which agencies lead a task but are not on task {last}?")
        want = part_agencies(notice, part, by_leads=True) - named(notice, f"task {last}")
        assert answer.query.startswith(f"Read as: agencies leading a task in part {part} but not named on task {last}")
        assert agencies_said(answer, want) == want, (answer.query, answer.text[:200])


def test_a_gloss_in_brackets_restates_its_scope(fast_bot):
    answer = fast_bot.ask("Which agencies show up in Part III (creation and use of IP, tasks 39-70) but never in "
                          "Part II (strict protection, tasks 14-38)?")
    assert answer.query == "Read as: agencies named in part 3 but not in part 2"


@pytest.mark.parametrize("phrasing", ["Which departments are in part {a} that dont appear anywhere in part {b}?",
                                      "Agencies that appear in part {a} but have no role at all in part {b}?"])
def test_more_ways_to_exclude_a_part(fast_bot, notice, phrasing, each):
    for a, b in each(PARTS):
        answer = fast_bot.ask(phrasing.format(a=a.split()[1], b=b.split()[1]))
        want = expected(notice, Combine.ONLY_FIRST, a, b)
        assert agencies_said(answer, want) == want, (answer.query, answer.text[:200])


def test_all_three_of_three_tasks(fast_bot, notice, each):
    for n in each(range(1, 104)):
        answer = fast_bot.ask(f"which agencies are on all three of tasks {n}, {n + 1} and {n + 2}?")
        want = named(notice, f"task {n}") & named(notice, f"task {n + 1}") & named(notice, f"task {n + 2}")
        assert agencies_said(answer, want) == want, answer.query


def test_two_headings_by_their_titles_in_quotes_around_a_contraction(fast_bot, notice, each):
    """"under 'X' that isn't also under 'Y'": the apostrophe of "isn't" opens no title."""
    pairs = [(h, k) for h in notice.headings for k in notice.headings if h.part == k.part and h.number != k.number]
    for h, k in each(pairs):
        answer = fast_bot.ask(f"Is there any agency under '{h.title}' that isn't also under '{k.title}'?")
        assert answer.query == (f"Read as: agencies named under heading ({h.number}) of part {h.part} but not under "
                                f"heading ({k.number}) of part {k.part}"), answer.query


@pytest.mark.parametrize("phrasing", ["Which agencies lead a task in part {a} but, in part {b}, only ever appear as a "
                                      "supporting agency?",
                                      "Which agencies take a lead role in part {a} yet are only listed as participants "
                                      "in part {b}?"])
def test_leading_on_one_side_and_only_taking_part_on_the_other(fast_bot, notice, phrasing, each):
    for a, b in each(PARTS):
        answer = fast_bot.ask(phrasing.format(a=a.split()[1], b=b.split()[1]))
        want = named(notice, a, by_leads=True) & (named(notice, b) - named(notice, b, by_leads=True))
        assert agencies_said(answer, want) == want, (answer.query, answer.text[:200])


@pytest.mark.parametrize("phrasing", ["which tasks have the same agencies as task {n}?",
                                      "Is there another task with the identical agency list of task {n}?"])
def test_other_tasks_with_one_task_s_very_agencies(fast_bot, notice, phrasing):
    for task in notice.tasks:
        expected = [t.number for t in notice.tasks if t.number != task.number and set(t.agency_ids) == set(task.agency_ids)]
        answer = fast_bot.ask(phrasing.format(n=task.number))
        assert answer.text.startswith(f"**{len(expected)}.**") and answer.citations == expected, answer.text[:200]


def test_the_same_pair_of_agencies_after_a_task(fast_bot, notice):
    from tests.answer.test_followups import turns

    for task in notice.tasks:
        first = f"Who is on task {task.number}?"
        answer = fast_bot.ask("which other task has exactly that same pair of agencies?",
                              history=turns((first, fast_bot.ask(first))))
        expected = [t.number for t in notice.tasks if t.number != task.number and set(t.agency_ids) == set(task.agency_ids)]
        assert answer.citations == expected, (task.number, answer.query)


@pytest.mark.parametrize("phrasing", ["Which agencies are in {a} and not in {a}?", "agencies that lead tasks in {a} but not {a}"])
def test_a_scope_against_itself_leaves_no_agency(fast_bot, notice, phrasing):
    for part in notice.parts:
        answer = fast_bot.ask(phrasing.format(a=f"part {part.number}"))
        assert answer.text.startswith("**0.**") and not answer.citations, (phrasing, part.number, answer.query)


@pytest.mark.parametrize("phrasing, by_leads", [("Which agencies appear in every one of the six parts?", False),
                                                ("which bodies show up in each part?", False),
                                                ("agencies that lead a task in all six parts", True)])
def test_the_agencies_of_every_part(fast_bot, notice, phrasing, by_leads):
    every = set.intersection(*({i for t in notice.tasks_in(p.number) for i in (t.lead_ids if by_leads else t.agency_ids)}
                               for p in notice.parts))
    answer = fast_bot.ask(phrasing)
    assert stated_agencies(answer.text.split("\n")[0]) == {BY_ID[i].name for i in every}, answer.query


@pytest.mark.parametrize("phrasing, combine", [("Which agencies are on tasks {a} and {b} between them?", Combine.EITHER),
                                               ("Which agencies are on tasks {a}, {b} and {c} combined?", Combine.EITHER),
                                               ("What agencies do tasks {a} and {b} share?", Combine.BOTH),
                                               ("Which agency appears on every task from {a} to {c}?", Combine.BOTH),
                                               ("Which agencies are on every one of tasks {a} to {c}?", Combine.BOTH)])
def test_the_agencies_of_several_tasks_together_or_in_common(fast_bot, notice, phrasing, combine, each):
    """"... between them", "combined": every agency of the tasks; "share", "on every task from 40 to 44": those of
    all of them (hostile-15, h13-052 answered each task apart)."""
    for task in each(notice.tasks[:-2]):
        a, b, c = task.number, task.number + 1, task.number + 2
        asked = [a, b, c] if "{c}" in phrasing else [a, b]
        sets = [set(notice.task(n).agency_ids) for n in asked]
        ids = set.union(*sets) if combine == Combine.EITHER else set.intersection(*sets)
        answer = fast_bot.ask(phrasing.format(a=a, b=b, c=c))
        assert agencies_said(answer, ids) == {BY_ID[i].name for i in ids}, (phrasing, asked, answer.text[:300])


def test_a_range_to_a_huge_number_is_answered_from_the_notice_s_tasks(fast_bot, notice):
    """"every task from 1 to 10^40" once counted through every number of the range (the fuzz test hung on it)."""
    answer = fast_bot.ask(f"Which agency appears on every task from 100 to {10**40}?")
    assert answer.citations and all(notice.has_task(n) for n in answer.citations), answer.text[:300]
