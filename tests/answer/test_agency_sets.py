"""The agencies of two scopes against each other: in both, in the first but not the second, in either. Every pair
of parts, and pairs of tasks, each in several phrasings, against the sets computed from the records."""

from __future__ import annotations

from itertools import permutations

import pytest

from assistant.answer.query import Combine
from assistant.lab.evaluate import stated_agencies
from assistant.notice.agencies import BY_ID

pytestmark = pytest.mark.filterwarnings("ignore")

PHRASINGS = {
    Combine.ONLY_FIRST: ("Which agencies appear in {a} but not in {b}?", "agencies named in {a} and not in {b}",
                         "which departments are involved in {a} but never in {b}?",
                         "Which bodies are not in {b} but are in {a}?"),
    Combine.BOTH: ("Which agencies appear in both {a} and {b}?", "agencies named in {a} and also in {b}",
                   "which departments do {a} and {b} have in common?"),
    Combine.EITHER: ("Which agencies appear in either {a} or {b}?", "agencies named in {a} or {b}"),
}
LEADING = ("Which agencies lead tasks in both {a} and {b}?", "agencies that lead a task in {a} but not in {b}")


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
        assert (stated_agencies(answer.text) if want else set()) == want, (answer.query, answer.text[:300])


# Neighbouring tasks share most of their agencies: the differences are small and easy to get wrong.
TASK_PAIRS = [(f"task {n}", f"task {n + 1}") for n in range(1, 106)]


@pytest.mark.parametrize("combine, phrasing", [
    (Combine.BOTH, "which agencies are on both {a} and {b}?"),
    (Combine.ONLY_FIRST, "agencies on {a} but not on {b}"),
    (Combine.BOTH, "who is named on {a} as well as {b}?"),
])
def test_the_agencies_of_two_tasks_cite_both(fast_bot, notice, combine, phrasing, each):
    for a, b in each(TASK_PAIRS):
        answer = fast_bot.ask(phrasing.format(a=a, b=b))
        want = expected(notice, combine, a, b)
        assert set(answer.citations) == {int(a.split()[1]), int(b.split()[1])}, answer.text[:200]
        assert (stated_agencies(answer.text.split("The notice's words")[0]) if want else set()) == want, answer.text[:300]


def test_two_tasks_without_joining_words_are_each_looked_up(fast_bot):
    """"Which agencies are on tasks 30 and 31?" asks for each task's agencies, not for what they share."""
    assert fast_bot.read("which agencies are on tasks 30 and 31?").op.value == "lookup"
