"""The search aids: a gloss and sample questions for every task, read strictly."""

from __future__ import annotations

import pytest

from assistant.errors import AssistantError
from assistant.search.aids import load_glosses, load_questions
from assistant.settings import DEFAULT_GLOSSES, DEFAULT_QUESTIONS
from assistant.notice.mentions import task_numbers


def test_every_task_has_a_gloss(notice):
    glosses = load_glosses(DEFAULT_GLOSSES)
    assert sorted(glosses) == [t.number for t in notice.tasks]
    assert all(len(g.split()) >= 10 for g in glosses.values())


def test_every_task_has_sample_questions_of_its_own(notice):
    questions = load_questions(DEFAULT_QUESTIONS)
    assert sorted(questions) == [t.number for t in notice.tasks]
    assert all(len(q) >= 4 for q in questions.values())
    every = [q for qs in questions.values() for q in qs]
    assert len(every) == len(set(every)), "a question shared by two tasks would find both"


def test_no_sample_question_names_a_task_number():
    # A number in a sample question would tie it to a task by the digits, not by what it asks.
    for number, asked in load_questions(DEFAULT_QUESTIONS).items():
        assert not [q for q in asked if task_numbers(q)[0]], number


def test_no_file_means_no_aids(tmp_path):
    assert load_glosses(tmp_path / "none.jsonl") == {}
    assert load_questions(None) == {}


@pytest.mark.parametrize("loader, line", [
    (load_glosses, '{"task": 3}'),
    (load_glosses, "not json"),
    (load_questions, '{"task": 3, "questions": "one string, not a list"}'),
    (load_questions, '{"task": "three", "questions": []}'),
])
def test_a_malformed_line_is_one_clear_error_naming_the_line(tmp_path, loader, line):
    path = tmp_path / "aids.jsonl"
    path.write_text('{"task": 1, "gloss": "fine", "questions": ["fine?"]}\n\n' + line + "\n", encoding="utf-8")
    with pytest.raises(AssistantError, match=rf"aids.jsonl, line 3: not a"):
        loader(path)


def test_blank_questions_are_dropped(tmp_path):
    path = tmp_path / "questions.jsonl"
    path.write_text('{"task": 5, "questions": ["  Who?  ", "", 7]}\n', encoding="utf-8")
    assert load_questions(path) == {5: ("Who?",)}
