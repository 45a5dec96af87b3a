"""The answer's words (assistant/answer/phrases/*.toml) and the one composer that uses them (the fast tier: no model).

Every language has every phrase, and since what an answer says is decided once for both languages, a query
either parser reads is answered in either language, citing the same tasks.
"""

from __future__ import annotations

from dataclasses import fields

import pytest

from assistant.answer import compose, compose_zh, phrasebook
from assistant.answer.execute import execute
from assistant.answer.query import Op, Refusal
from assistant.notice.segment_zh import has_cjk
from tests.fakes import FakeSearcher

pytestmark = pytest.mark.filterwarnings("ignore")


@pytest.mark.parametrize("key", ["covers", "advert"])  # a phrase, and a refusal's phrase
def test_a_phrasebook_missing_a_phrase_does_not_load(tmp_path, monkeypatch, key):
    chinese = (phrasebook.PHRASES / "zh.toml").read_text(encoding="utf-8").splitlines()
    (tmp_path / "zh.toml").write_text("\n".join(line for line in chinese if not line.startswith(f"{key} =")),
                                      encoding="utf-8")
    monkeypatch.setattr(phrasebook, "PHRASES", tmp_path)
    with pytest.raises(TypeError, match=key):
        phrasebook.Phrasebook.load("zh")


def test_every_refusal_has_its_words():
    assert [f.name for f in fields(phrasebook.Refusals)] == [r.value for r in Refusal]


@pytest.mark.parametrize("question", [
    "Task 61 sits in part 4, correct?",                        # where a task sits (English reads it, Chinese says it)
    "Which part has the most tasks?",
    "Which agencies are named in exactly two tasks?",
    "Who leads task 24?",
    "国家知识产权局一共牵头50项任务，这个说法对吗？",                  # a claimed count (Chinese reads it, English says it)
    "除了国家知识产权局以外，牵头任务最多的是哪个部门？",
    "参与任务数量排第二的是哪个部门？",
    "第三部分第（二）项下面有哪些任务？",
])
def test_either_language_answers_a_query_either_parser_reads(fast_bot, notice, question):
    query = fast_bot.read(question)
    assert query.op != Op.REFUSE, query.reading()
    searcher = FakeSearcher(notice)
    result = execute(query, notice, lambda text, k: searcher.search(text, k=k), None)
    english, chinese = compose.compose(result, notice), compose_zh.compose(result, notice)
    assert english.citations == chinese.citations and english.kind == chinese.kind
    assert has_cjk(chinese.text) and not has_cjk(english.text), (english.text, chinese.text)
