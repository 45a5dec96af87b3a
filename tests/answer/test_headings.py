"""A heading named by what it is about ("the talent heading", "the heading on patent fees", "the same heading as
the trade secrets task"): the heading of the task the words find, listed whole. Asked about every task with words
of its own text, in several phrasings; the fast tier's fake searcher finds a task by its own words."""

from __future__ import annotations

import pytest

from tests.answer.helpers import cited

pytestmark = pytest.mark.filterwarnings("ignore")

ASKED = ("Which tasks sit under the heading on {words}?", "List the tasks in the same heading as the {words} task",
         "what's under the section about {words}")


def own_words(notice, task):
    """Three rare words of the task's own text that no other task's text holds together."""
    from assistant.answer.tuning import stems

    others = [stems(f"{t.heading} {t.text}") for t in notice.tasks if t is not task]
    titles = stems(" ".join(h.title for h in notice.headings))  # words that would name a heading by its title
    words = [w for w in dict.fromkeys(w.strip(",.;()").lower() for w in task.text.split())
             if len(w) > 5 and w.isalpha() and not stems(w) <= titles]
    for start in range(len(words) - 2):
        chosen = words[start:start + 3]
        if not any(stems(" ".join(chosen)) <= s for s in others):
            return " ".join(chosen)
    return None


@pytest.mark.parametrize("phrasing", ASKED)
def test_a_heading_by_what_one_of_its_tasks_says(fast_bot, notice, phrasing, each):
    for task in each(notice.tasks):
        words = own_words(notice, task)
        if words is None:
            continue
        answer = fast_bot.ask(phrasing.format(words=words))
        expected = {t.number for t in notice.tasks_in(task.part, task.heading_number)}
        assert cited(answer) == expected, (task.number, words, answer.query)
        assert f"Heading ({task.heading_number}) of part {task.part}" in answer.text


def test_a_short_phrase_names_a_heading_title_only_if_the_title_holds_every_word(notice):
    from assistant.notice.mentions import heading_by_title

    assert heading_by_title("patent fees", notice) is None
    assert heading_by_title("early warning", notice, part=2) == (2, 3)


@pytest.mark.parametrize("asked", ["which tasks are in the same heading as task {n}", "which tasks share a heading with task {n}",
                                   "what else is under task {n}'s heading"])
def test_the_heading_of_a_task_named_by_number(fast_bot, notice, asked, each):
    for task in each(notice.tasks):
        answer = fast_bot.ask(asked.format(n=task.number))
        assert cited(answer) == {t.number for t in notice.tasks_in(task.part, task.heading_number)}, \
            (task.number, answer.query)


@pytest.mark.parametrize("asked, which", [("What is the first task under the last heading of part {p}?", 0),
                                          ("what's the last task under the final sub-heading of part {p}?", -1),
                                          ("Which tasks are under part {p}'s last heading?", None)])
def test_the_last_heading_of_a_part_is_its_highest_numbered(fast_bot, notice, asked, which):
    for part in notice.parts:
        last = max(h.number for h in notice.headings if h.part == part.number)
        tasks = [t.number for t in notice.tasks_in(part.number, last)]
        answer = fast_bot.ask(asked.format(p=part.number))
        expected = set(tasks) if which is None else {tasks[which]}
        assert cited(answer) == expected, (part.number, asked, answer.query)


def test_its_last_heading_just_after_a_part(fast_bot, notice):
    for part in notice.parts:
        last = max(h.number for h in notice.headings if h.part == part.number)
        history = [{"role": "user", "content": f"What does part {part.number} cover?"}]
        answer = fast_bot.ask("which tasks are under its last heading?", history)
        assert cited(answer) == {t.number for t in notice.tasks_in(part.number, last)}, (part.number, answer.query)


@pytest.mark.parametrize("said", ["What is the second-to-last task in part {p}?", "the penultimate task of part {p}",
                                  "which is the next to last task in part {p}?"])
def test_the_second_to_last_task_of_a_part(fast_bot, notice, said):
    for part in notice.parts:
        tasks = notice.tasks_in(part.number)
        answer = fast_bot.ask(said.format(p=part.number))
        assert answer.citations[:1] == [tasks[-2].number], (part.number, said, answer.query)  # once read as the last


ROMAN = ("I", "II", "III", "IV", "V", "VI")


@pytest.mark.parametrize("asked", ["What's in section {r}?", "Which tasks are in Section {r}?",
                                   "list the tasks of section {r} please"])
def test_a_section_numbered_in_roman_numerals_is_a_part(fast_bot, notice, asked):
    """The notice numbers its parts I to VI and its headings (1), (2) ...: "section V" is part 5."""
    for part in notice.parts:
        answer = fast_bot.ask(asked.format(r=ROMAN[part.number - 1]))
        assert cited(answer) == {t.number for t in notice.tasks if t.part == part.number}, (part.number, answer.query)


@pytest.mark.parametrize("asked", ["What's covered in part ({h}) of section {r}?", "Which tasks sit under ({h}) in section {r}?",
                                   "what tasks are in section {r}, part ({h})"])
def test_a_bracketed_number_in_a_roman_section_is_its_heading(fast_bot, notice, asked):
    for heading in notice.headings:
        answer = fast_bot.ask(asked.format(h=heading.number, r=ROMAN[heading.part - 1]))
        assert cited(answer) == {t.number for t in notice.tasks_in(heading.part, heading.number)}, \
            (heading.part, heading.number, answer.query)


@pytest.mark.parametrize("asked", ["And ({h})?", "({h})?", "what about ({h})"])
def test_a_bare_bracketed_number_after_a_heading_is_the_next_heading_asked(fast_bot, notice, asked):
    for heading in notice.headings:
        first = next(h for h in notice.headings if h.part == heading.part)
        history = [{"role": "user", "content": f"What's under heading ({first.number}) of part {heading.part}?"}]
        answer = fast_bot.ask(asked.format(h=heading.number), history)
        assert cited(answer) == {t.number for t in notice.tasks_in(heading.part, heading.number)}, \
            (heading.part, heading.number, answer.query)


@pytest.mark.parametrize("asked", ["What is the {word} task under heading ({h}) of part {p}?",
                                   "What is the {digits} task under heading ({h}) of part {p}?",
                                   "Which task is {word} under heading ({h}) of part {p}?"])
def test_a_place_in_a_named_heading_is_a_task_not_a_ranking_of_headings(fast_bot, notice, asked):
    """"the second task under heading (4) of part 2" is task 32, not the heading with the second-most tasks."""
    words = {1: ("first", "1st"), 2: ("second", "2nd"), 3: ("third", "3rd"), 4: ("fourth", "4th"), 5: ("fifth", "5th")}
    for heading in notice.headings:
        tasks = notice.tasks_in(heading.part, heading.number)
        for n, task in list(enumerate(tasks, 1))[:5]:
            word, digits = words[n]
            answer = fast_bot.ask(asked.format(word=word, digits=digits, h=heading.number, p=heading.part))
            assert answer.citations[:1] == [task.number], (heading.part, heading.number, n, answer.query)
