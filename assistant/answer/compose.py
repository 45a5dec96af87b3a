"""Grounded answers in English: Markdown composed from an executed query and the records, never from a model.

An answer leads with what was asked, in one or two sentences, with its
citation "[Task N]"; lists follow as bullet lines. The notice's own words, the
task's place and the 2018 names go into `Answer.evidence`, which the CLI
prints under the answer and the app shows in each citation's card, so nothing
is said twice on screen. What an answer says is decided in
`compose_common.Composer`, in the words of `phrases/en.toml`; this module adds
how English reads a set of tasks back.
"""

from __future__ import annotations

from assistant.answer.compose_common import Composer, capital
from assistant.answer.phrasebook import phrasebook
from assistant.answer.query import TaskSet


class English(Composer):
    say = phrasebook("en")

    def reading(self, tasks: TaskSet) -> str:
        """`TaskSet.reading()` as a list's head: "Tasks where ...", "Of the tasks in the previous answer, those ..."."""
        subject = capital(tasks.reading())
        if tasks.from_previous and subject == "The tasks of the previous answer":
            return "Those tasks"  # "what about the rest?": the list itself, no narrowing to say
        if tasks.from_previous:
            subject = subject.replace("The tasks of the previous answer minus those",
                                      "Of the tasks in the previous answer, those except").replace(
                "The tasks of the previous answer", "Of the tasks in the previous answer, those")
        return subject


compose = English().compose
