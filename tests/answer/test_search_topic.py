"""The search is given topics, never questions: the answering side takes the asking out first.

`parser.search_topic` cuts a question's opening ("Who is in charge of", "Which task covers") and a closing
", and who leads it?"; the chain searches with it, and the search package has no question words of its own.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from assistant.answer.chain import Assistant
from assistant.answer.parser import search_topic
from assistant.settings import Settings
from tests.fakes import FakeSearcher

SEARCH = Path(__file__).resolve().parents[2] / "assistant" / "search"


@pytest.mark.parametrize("question, topic", [
    ("Who is in charge of geographical indications?", "geographical indications"),
    ("Which task covers patent pledge financing?", "patent pledge financing"),
    ("Which agencies deal with customs enforcement?", "customs enforcement"),
    ("trade secret protection, and who leads it?", "trade secret protection"),
    ("  Who   leads\tplant varieties?? ", "plant varieties"),  # cleaned as the search cleans it
    ("Ｗｈｏ leads plant varieties?", "plant varieties"),  # full-width letters folded first (NFKC)
    ("plant varieties", "plant varieties"),
    ("Who leads?", "Who leads?"),  # nothing but asking: the whole text, so the search still has words
    ("谁牵头知识产权质押融资？", "谁牵头知识产权质押融资?"),  # Chinese: the Chinese parser's topic, only cleaned
])
def test_a_question_becomes_its_topic(question, topic):
    assert search_topic(question) == topic


class Recording(FakeSearcher):
    def __init__(self, notice):
        super().__init__(notice)
        self.given: list[str] = []

    def search(self, query, filters=None, k=5, mode="hybrid"):
        self.given.append(query)
        return super().search(query, filters, k, mode)


def test_the_chain_searches_with_the_topic(notice):
    searcher = Recording(notice)
    bot = Assistant(Settings(), retriever=searcher)
    bot.ask("Who is in charge of trade secret protection?")
    bot.ask("Which agency handles customs protection of intellectual property, and who leads it?")
    # a message of two questions is read whole and then in parts: the same topic each time
    assert list(dict.fromkeys(searcher.given)) == ["trade secret protection", "customs protection of intellectual property"]


def test_the_search_package_imports_nothing_from_the_answering_side():
    for path in sorted(SEARCH.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
        imported |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        assert not {name for name in imported if name.startswith("assistant.answer")}, path.name


FRAMES = ["Under the intellectual property power initiative, {q}", "In building an IP power, {q}",
          "For the IP power construction, {q}", "{q} under this plan", "Per the notice, {q}"]


@pytest.mark.parametrize("frame", FRAMES)
def test_the_notice_named_as_a_questions_frame_is_not_searched(notice, frame):
    """"Under the intellectual property power initiative, which ministry cracks down on criminal networks?" searched
    the notice's own name too, and found task 22 instead of 19 (hostile-14)."""
    from assistant.answer.parser import search_topic

    for task in notice.tasks:
        question = f"who leads {task.heading.lower()}?"
        assert search_topic(frame.format(q=question)).strip(" ,?") == search_topic(question).strip(" ,?"), question
