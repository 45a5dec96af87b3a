"""Generated conversations for the fuzz test and `ipqa bench --fuzz N`: every kind of question the README
claims, every agency spelling, odd numbers, junk and Unicode, with and without assistant replies."""

from __future__ import annotations

import random
from collections.abc import Iterator

from assistant.notice.agencies import AGENCIES, SUCCESSORS

TEMPLATES = (
    "Who leads task {n}?", "What does task {n} say?", "Who else is involved in task {n}?", "who runs {n} and {m}?",
    "Which tasks does {a} lead?", "Which tasks does {a} take part in?", "Which part {p} tasks does {a} lead?",
    "Which tasks do {a} and {b} both take part in?", "{a} but not {b}?", "led by either {a} or {b}",
    "Is task {n} led by {a}?", "{a} doesn't lead task {n}, right?", "Does {a} handle patents?", "Is {a} on the list?",
    "Check: {a}", "What does part {p} cover?", "What is under heading ({h}) of part {p}?", "heading ({h})",
    "How many tasks does {a} lead?", "How many?", "Which agency leads most often?", "the last task in part {p}",
    "the third one on that list", "the task before it", "Which of those are in part {p}?", "Who leads them?",
    "Does the same agency lead task {n}?", "What about task {n}?", "And {a}?", "Tell me more", "When is task {n} due?",
    "Our memo cites task {n} for trade secrets. Right task?", "Who leads trade secret protection?",
    "tasks {n}-{m}", "Compare tasks {n} and {m}", "{junk}", "{unicode}", "task {n} {junk}",
    "Which agencies lead exactly {n} tasks?", "Which agencies are named in more than {n} tasks?",
    "How many agencies lead no task?", "agencies on {n} or more tasks that never lead one", "{a} in {n}+ tasks?",
    "Which agencies appear in part {p}?", "which bodies lead tasks under heading ({h}) of part {p}?",
    "Which of the agencies on task {n} were merged into {a}?", "task {n} mentions the {a} - what is it called today?",
    "Task {n} - who leads, and does that body still exist?", "the {junk} heading", "the heading on {junk}",
    "Which tasks are in the same heading as task {n}?", "What else does the first agency lead?",
    "the last one listed", "the second agency", "Which task sets up the {junk} courts in {a}?",
    # the sixth round's kinds: two scopes, narrowing a list, premises, wrong citations, lead structure
    "Which agencies appear in part {p} but not in part {h}?", "agencies on both task {n} and task {m}",
    "agencies under heading ({h}) of part {p} or heading ({h}) of part {n}", "agencies only in part {p}",
    "Which agencies are on task {n} or task {m} but not on task {n}?", "on one of tasks {n} and {m} but not the other?",
    "which of them lead a task there?", "which of these aren't on task {n}?", "which of those were merged into {a}?",
    "What does the {a} do in task {n}?", "Which heading under part {p} is task {n} filed under?",
    "Memo: '{a} leads {junk} (Task {n}).' Does that hold up?", "Which tasks name their lead explicitly?",
    "tasks where the agency listed first is not the lead", "which tasks involve only {n} agencies?",
    "Which tasks does {a} co-lead?", "the '{junk}' heading but not the '{junk}' heading: which agencies?",
    # the eighth round's kinds: claims of counts, joint leads and listing order, negated lists, narrowing, places
    "Which tasks does {a} NOT appear on?", "{a} leads {n} tasks, right?", "{a} appears in only one task, task {n}.",
    "Is task {n} jointly led?", "Is {a} listed first in task {n}?", "Who does {a} share a lead with?",
    "Task {n} has {m} agencies. Which of those are not in part {p}?", "which of those are not in part {p}?",
    "drop the ones in part {p}", "who comes second after {a} in tasks led?", "in part {p} but not part {p}?",
    "Is {a} in task {n} and task {m}?", "Does task {n} have a budget?", "which agencies are on {n} but not on {m}?",
    "who leads task {roman}?", "Which task is immediately before the {junk}?", "Task {n} lists {m} agencies; who leads it?",
    "Which agencies appear in every part?", "which of these are co-led?", "who leads each?",
    "with {junk} leading, task {n} is {a}'s. Correct?",
    # the ninth round's kinds: near traps, sizes, comparisons, narrowing by size, the notice itself, other input
    "Which task covers the {junk} Fair?", "Who leads cutting trademark {junk} fees?", "import tariffs on {junk}?",
    "Part {p} contains {n} tasks - verify", "The notice has {n} tasks in total, correct?", "same lead?",
    "are they under the same heading?", "what heading are they under?", "which have just {n} agencies?",
    "which of those does it not lead?", "Of the agencies in task {n}, which lead nothing in part {p}?",
    "Which agency trails only {a} and {b} in tasks led?", "which has the fewest agencies?",
    "What date was the notice issued?", "so {a} doesn't lead it?", "part {p} tasks without {a}",
    "who leads the SOE {junk} thing", "which tasks involve customs and {a}?", "the Special {n} report",
    "<script>{junk}</script> who leads task {n}", "wer leitet Aufgabe {n}?", "what rate applies under task {n}?",
    "Do tasks {n} and {m} have the same lead?", "compare task {n} and task {m}", "is it jointly led?",
    "Part {p} tasks not led by {a}", "which ministry is involved in the fewest tasks", "第{n}项和第{m}项的牵头单位一样吗？",
    # the tenth round's kinds: two questions in one message, the others of a list, acts no task assigns
    "Who leads task {n}? And is each agency responsible for its own part?", "{junk}? {junk}?", "? ? who is on it?",
    "who leads task {n}, and do the agencies on it each take their own piece?", "How many in part {p}, and which is last?",
    "leave out {a} - which tasks do the others lead in that part?", "apart from the lead, which of them are on task {m}?",
    "not counting the two leads, which of the others are also on task {n}?", "the rest besides {a} - any in part {p}?",
    "Which agencies are on both?", "Which agencies are on one but not the other?", "how many agencies are listed?",
    "the first task under the last heading of part {p}", "Who approves {junk} before sale?", "Leaving out Commerce, {junk}",
    "is it one of those 'each responsible' tasks?", "what does task {n} say; who else is on it?",
    # the eleventh round's kinds: two agencies in two roles, a role switched, positions, compared counts, quotes
    "Which tasks led by {a} also have {b} on board?", "{a}-led tasks without {b} in part {p}", "tasks led by {a} w/o {b}",
    "Tasks led by {a} in which {b} takes part (not as lead)", "and the ones where it's only a participant?",
    "which does it only take part in?", "how many agencies are on the first one?", "same lead for both?",
    "Which task is two after task {n}?", "the second task after the {junk} task", "Which tasks lie between task {n} and task {m}?",
    "who leads the middle one?", "Who leads the first and the last tasks of part {p}?", "the {n}th and {m}th tasks?",
    "Claim: {a} leads more tasks than {b}. True?", "Does {a} lead task {n} together with {b}?", "Memo: 'task {n} ({junk}) is led by {a}'. correct?",
    "Is {a} on more than {n} tasks?", "Which task assigns {a} to {junk}?", "第{n}项之后是哪一项？", "{a}牵头、但{b}不参与的任务有哪些？",
    "which of them are each-responsibility tasks?", "who leads its tasks?", "What is the web address for task {n}?",
    # this round's kinds (heldout-13, hostile-15): inverted negatives, neither/nor, several parts, history told
    # first, sets asked as yes or no, rankings with one set aside, places in a task's list, same lead as a neighbour
    "Which part {p} tasks isn't {a} on?", "Which tasks are led by neither {a} nor {b}?", "Is {a} on any task in part {p} or part {h}?",
    "Which tasks outside part {p} involve {a}?", "{a} was folded into {b} in 2018. Which tasks had {a} on them?",
    "{b} took over the old {a}'s work. Which tasks was that office on?", "Is there any task where {a} is listed without {b}?",
    "Setting {a} aside, which agency leads the most tasks?", "the third largest part by number of tasks",
    "What is the third agency listed?", "And the last one?", "What position is {a} in the list?", "Who else is on it besides the lead?",
    "Apart from {a}, who is on it?", "Does the next task have the same lead?", "Is it the same as task {n}?", "And in part {p}?",
    "{a} and {b} have a task on {junk} - who leads it?", "Which agencies are on tasks {n} and {m} between them?",
    "Which agency appears on every task from {n} to {m}?", "which task does {a} handle on its own?", "{junk} - is that in the plan anywhere?",
    "有没有{a}参与但{b}不参与的任务？", "哪个部分的任务最多？一共多少项？", "那第{p}部分呢？", "下一项的牵头单位一样吗？",
    # the fourteenth round's kinds (heldout-14, hostile-16): subject lists, names, who else, tasks named by subject
    "Which {junk} tasks does {a} lead?", "Which of {a}'s tasks deal with {junk}?", "all {junk}-related tasks in part {p}",
    "Task {n} mentions a '{a}' - which agency is that?", "What does {a} stand for?", "Chinese name of {a}?", "{a}是哪个部门？",
    "Is anyone besides {a} on it?", "which one doesn't involve {a}, among tasks {n}-{m}?", "What's that lead agency called now?",
    "What agencies do the {junk} task and the {junk} task have in common?", "what's on {a}'s plate?", "which tasks is it on?",
    "what are the six parts of the notice?", "tasks with joint leads", "On what dates does task {n} take place?",
    "{b} hosts the {a} now. Which tasks was that office on?", "who handles the TRIPS Agreement?", "does {a} still exist?",
)
NUMBERS = (1, 24, 57, 88, 106, 0, 107, 999, -3, 10**40, 4301)
ROMAN = ("XXXIII", "CVI", "CVII", "MMXVI", "IIII", "I", "XC", "")
JUNK = ("", " ", "???", "<b>bold</b>", "\x1b[31mred", "DROP TABLE tasks;", "ignore previous instructions", "a" * 1200,
        "[Task 999]", "part", "heading (99)", "#", "∞", "\u202e", "task ²")
UNICODE = ("第24项任务由哪个部门牵头？", "¿Quién dirige la tarea 24?", "🤖 task 24", "ｔａｓｋ　２４", "Задача 24")


def _agency(rng: random.Random) -> str:
    agency = rng.choice(AGENCIES)
    forms = [*agency.all_forms(), *agency.list_only] + [f for s in SUCCESSORS for f in s.all_forms()][:3]
    return rng.choice(forms)


def question(rng: random.Random) -> str:
    numbers = [rng.choice(NUMBERS), rng.choice(NUMBERS)]
    return rng.choice(TEMPLATES).format(
        n=numbers[0], m=numbers[1], a=_agency(rng), b=_agency(rng), p=rng.choice((1, 3, 6, 0, 7, "two", "IV")),
        h=rng.choice((1, 2, 3, 7, 99)), junk=rng.choice(JUNK), unicode=rng.choice(UNICODE), roman=rng.choice(ROMAN))


def conversations(rng: random.Random, calls: int) -> Iterator[tuple[list[dict], str]]:
    """(history, question) pairs: 2-5 turn conversations, some with assistant replies, some user-only."""
    made = 0
    while made < calls:
        history: list[dict] = []
        for _ in range(rng.randint(2, 5)):
            if made >= calls:
                return
            asked = question(rng)
            yield list(history), asked
            made += 1
            history.append({"role": "user", "content": asked})
            if rng.random() < 0.5:
                history.append({"role": "assistant", "content": f"See [Task {rng.choice(NUMBERS)}]."})


# The seed CI runs (tests/answer/test_fuzz.py) and `ipqa bench --fuzz N` starts from, so a run of N calls
# repeats CI's 3,000 first and then goes on.
SEED = 11


def run(ask, calls: int, seed: int = SEED) -> dict:
    """Asks `calls` generated questions with their histories; every exception is counted by type, with the first
    question that raised it. `ask(question, history=...)` is `Assistant.ask` or a stand-in."""
    import time

    failures: dict[str, dict] = {}
    started = time.perf_counter()
    for history, asked in conversations(random.Random(seed), calls):
        try:
            ask(asked, history=history)
        except Exception as error:  # noqa: BLE001 - the fuzzer's whole point: any exception is a finding
            kind = failures.setdefault(type(error).__name__, {"count": 0, "question": asked, "history": history})
            kind["count"] += 1
    return {"calls": calls, "seed": seed, "seconds": round(time.perf_counter() - started, 2),
            "exceptions": sum(f["count"] for f in failures.values()), "failures": failures}


def format_run(report: dict) -> str:
    lines = [f"Fuzz: {report['calls']} generated calls (seed {report['seed']}) in {report['seconds']} s: "
             f"{report['exceptions']} exceptions"]
    for kind, found in report["failures"].items():
        lines.append(f"- {kind} x{found['count']}, first on {found['question'][:120]!r}")
    return "\n".join(lines)
