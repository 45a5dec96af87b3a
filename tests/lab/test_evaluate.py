"""The eval set and its scoring: the set covers the notice, and the scores read what a user reads."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from assistant.lab import evaluate
from assistant.answer.chain import Assistant
from assistant.errors import AssistantError

SINGLE_TASK_TYPES = {"lead", "participants", "task_text", "topic", "paraphrase", "claim", "followup"}


@pytest.fixture(scope="module")
def pairs():
    return evaluate.load_pairs()


def test_the_set_has_every_type_and_at_least_150_pairs(pairs):
    counts = Counter(p.type for p in pairs)
    assert len(pairs) >= 150
    assert set(counts) <= set(evaluate.TYPES)
    # qa.jsonl and the blind heldout-3.jsonl together cover every type
    blind = evaluate.load_pairs(evaluate.EVAL_DIR / "heldout-3.jsonl")
    assert set(counts) | {p.type for p in blind} == set(evaluate.TYPES)


def test_every_task_is_the_expected_answer_of_some_question(pairs, notice):
    covered = {n for p in pairs if p.type in SINGLE_TASK_TYPES for n in p.expected_tasks}
    assert covered == {t.number for t in notice.tasks}


def test_claims_check_both_ways_and_refusals_expect_nothing(pairs):
    verdicts = Counter(p.expected_verdict for p in pairs if p.type == "claim")
    assert verdicts["yes"] >= 5 and verdicts["no"] >= 5
    for p in pairs:
        if p.refusal_expected:
            assert not (p.expected_tasks or p.expected_leads or p.expected_count)


def test_a_bad_line_names_its_line(tmp_path):
    path = tmp_path / "qa.jsonl"
    good = {"id": "a", "type": "lead", "question": "Who leads task 1?", "expected_tasks": [1]}
    path.write_text(json.dumps(good) + "\n{not json\n")
    with pytest.raises(AssistantError, match="line 2"):
        evaluate.load_pairs(path)
    path.write_text(json.dumps({**good, "expected_leads": ["Patent Office of Atlantis"]}) + "\n")
    with pytest.raises(AssistantError, match="unknown agency 'Patent Office of Atlantis'"):
        evaluate.load_pairs(path)


def test_scores_read_the_answer_a_user_sees(searcher):
    bot = Assistant(retriever=searcher)
    answer = bot.ask("Who leads task 23?")
    pair = evaluate.Pair("x", "lead", "Who leads task 23?", expected_tasks=(23,),
                         expected_leads=("National Development and Reform Commission", "People's Bank of China"))
    assert evaluate.score(pair, answer.text, answer.citations, answer.refused) == {
        "refusal_accuracy": 1.0, "hit@1": 1.0, "citation_recall": 1.0, "citation_precision": 1.0,
        "lead_accuracy": 1.0, "fully_correct": 1.0}
    wrong = evaluate.Pair("y", "lead", "Who leads task 23?", expected_tasks=(24,),
                          expected_leads=("People's Bank of China",))
    scores = evaluate.score(wrong, answer.text, answer.citations, answer.refused)
    assert scores["hit@1"] == 0.0 and scores["lead_accuracy"] == 0.0


def test_a_refusal_where_an_answer_was_due_fails_refusal_accuracy():
    pair = evaluate.Pair("z", "topic", "Who leads trade secrets?", expected_tasks=(24,))
    assert evaluate.score(pair, "The notice does not cover this.", [], True)["refusal_accuracy"] == 0.0
    refuse = evaluate.Pair("w", "out_of_scope", "What is the weather?")
    assert evaluate.score(refuse, "The notice does not cover this.", [], True) == {
        "refusal_accuracy": 1.0, "fully_correct": 1.0}


def test_the_shipped_thresholds_name_real_metrics():
    thresholds = evaluate.load_thresholds()
    assert thresholds and set(thresholds) <= set(evaluate.METRICS)
