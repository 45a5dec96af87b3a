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
    path.write_text(json.dumps({**good, "type": "claim", "expected_verdict": True}) + "\n")
    with pytest.raises(AssistantError, match="line 1: expected_verdict that is not yes, no or null: True"):
        evaluate.load_pairs(path)  # a JSON true would score every answer's "Yes." as wrong


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


def test_a_missing_task_cited_for_a_subject_is_judged_by_saying_so_and_giving_the_task_meant():
    """A bad_task pair whose key names a task: say there is no such task, and cite the one meant (only it)."""
    pair = evaluate.Pair("v", "bad_task", "The draft cites Task 112 for patent navigation. Correct?",
                         expected_tasks=(72,), expected_verdict="no")
    said = "**No.** There is no task 112: the notice has tasks 1 to 106. What you describe is task 72. [Task 72]"
    assert evaluate.score(pair, said, [72], False)["fully_correct"] == 1.0
    assert evaluate.score(pair, "There is no task 112: the notice has tasks 1 to 106.", [], True)["fully_correct"] == 0.0
    assert evaluate.score(pair, said, [72, 73], False)["refusal_accuracy"] == 0.0
    plain = evaluate.Pair("u", "bad_task", "Who leads task 112?")
    assert evaluate.score(plain, "There is no task 112: the notice has tasks 1 to 106.", [], True)["fully_correct"] == 1.0


def test_the_shipped_thresholds_name_real_metrics():
    thresholds = evaluate.load_thresholds()
    assert thresholds and set(thresholds) <= set(evaluate.METRICS)


def test_a_list_of_agencies_is_judged_by_its_agencies_and_an_empty_list_by_citing_nothing(searcher):
    bot = Assistant(retriever=searcher)
    history = [{"role": "user", "content": "Who is listed on task 29?"}]
    answer = bot.ask("which of them lead a task in part 4?", history)
    leads_in_part_4 = {a.name for t in bot.notice.tasks if t.part == 4 for a in t.leads}
    on_29 = {a.name for a in bot.notice.task(29).agencies}
    agencies = evaluate.Pair("a", "followup", "which of them lead a task in part 4?", expected_list=True,
                             expected_agencies=tuple(sorted(on_29 & leads_in_part_4)))
    scores = evaluate.score(agencies, answer.text, answer.citations, answer.refused)
    assert scores["agency_exactness"] == 1.0 and scores["fully_correct"] == 1.0
    none = evaluate.Pair("n", "set", "Which tasks does CCPIT lead?", expected_list=True)
    assert evaluate.score(none, "**0.** CCPIT leads no task.", [86], False)["list_precision"] == 0.0
    assert evaluate.score(none, "**0.** CCPIT leads no task.", [], False)["fully_correct"] == 1.0


@pytest.mark.parametrize("asked", ["Which tasks is the {a} on?", "{a}参与了哪些任务？"])
def test_a_list_of_an_agencys_tasks_states_that_agency_not_each_tasks_lead(searcher, asked):
    """"(lead: ...)" after each task is that task's evidence; the list's statement is of the agency asked of. (A
    list of one task goes on to that task's own statement, which names its agencies.)"""
    bot = Assistant(retriever=searcher)
    for agency in [a for a in bot.notice.agencies_named() if len(bot.notice.tasks_involving(a.id)) > 1][::4]:
        answer = bot.ask(asked.format(a=agency.name))
        assert evaluate.stated_agencies(answer.text, 1) == {agency.name}, (agency.name, answer.text[:300])


def test_the_lead_of_a_ranking_is_read_from_its_first_line(searcher):
    bot = Assistant(retriever=searcher)
    led = Counter(a.name for t in bot.notice.tasks for a in t.leads)
    (first, _), (second, count) = led.most_common(2)
    assert count > led.most_common(3)[2][1]  # a clear second, so the answer has one name to state
    answer = bot.ask("Which agency leads the second-most tasks?")
    assert evaluate.stated_leads(answer.text) == {second}


def test_a_false_claim_may_cite_the_task_it_wrongly_named_but_must_cite_the_right_one_first(searcher):
    bot = Assistant(retriever=searcher)
    question = "Quick check: task 57 is the one on geographical indications legislation?"
    answer = bot.ask(question)
    claim = evaluate.Pair("c", "claim", question, expected_tasks=(32,), expected_verdict="no")
    assert evaluate.refuted_tasks(claim) == {57}
    assert 57 in answer.citations and evaluate.score(claim, answer.text, answer.citations, answer.refused)[
        "fully_correct"] == 1.0
    assert evaluate.score(claim, answer.text, [57, 32], False)["hit@1"] == 0.0
    assert evaluate.score(claim, answer.text, [32, 40], False)["citation_precision"] == 0.5
    true_claim = evaluate.Pair("t", "claim", "Task 32 is the GI legislation one?", expected_tasks=(32,),
                               expected_verdict="yes")
    assert evaluate.refuted_tasks(true_claim) == set()
