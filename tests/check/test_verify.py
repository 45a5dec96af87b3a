"""Each citation checked against the task records (no model: topics off), and the eval's key from the records."""

from __future__ import annotations

from assistant.check import Verdict, check_text
from assistant.lab.check_eval import Annotation, key_verdict


def verdicts(text: str, notice) -> list[tuple[str, str]]:
    report = check_text(text, notice=notice, topics=False)
    return [(f.cited, f.verdict.value) for f in report.findings]


def test_each_verdict_from_the_records(notice):
    text = ("Task 24 (SAIC) covers trade secrets, with the Legislative Affairs Office taking part.\n"
            "Task 112 sets up a national IP court.\n"
            "The Ministry of Agriculture leads task 24.\n"
            "The Legislative Affairs Office leads task 24.\n")
    assert verdicts(text, notice) == [("Task 24", "ok"), ("Task 112", "no such task"),
                                      ("Task 24", "agency not on task"), ("Task 24", "wrong role")]


def test_findings_quote_the_notice_and_say_what_is_wrong(notice):
    report = check_text("The Legislative Affairs Office leads task 24.", notice=notice, topics=False)
    (finding,) = report.findings
    assert finding.notice_words.startswith("Task 24: “Promote the improvement of trade secret protection laws")
    assert "Responsible for the General Administration of Industry and Commerce" in finding.notice_words
    assert "takes part in task 24 but does not lead it (lead: State Administration for Industry and Commerce)" \
        in finding.detail
    assert not report.ok


def test_two_leads_are_both_leads(notice):
    assert verdicts("The Ministry of Commerce and the Ministry of Science and Technology lead task 80.", notice) == [
        ("Task 80", "ok")]


def test_a_heading_is_checked_task_by_task(notice):
    found = verdicts("SIPO leads both tasks under Part 3, heading (2).", notice)
    assert found == [("Task 45 (Part 3, heading (2))", "ok"), ("Task 46 (Part 3, heading (2))", "ok")]
    assert verdicts("Part 2, heading (9) covers everything.", notice) == [("Part 2, heading (9)", "no such task")]


def test_a_document_without_citations(notice):
    report = check_text("The provincial office met on Tuesday to review its budget.", notice=notice, topics=False)
    assert report.findings == [] and report.ok
    assert report.summary() == "no task citations found in 1 file"


def key(notice, task, agencies=(), topic=None, together=None):
    annotation = Annotation("doc.md", 1, task, "...", tuple(agencies), topic if topic is not None else task, "")
    return key_verdict(annotation, notice, together or {task})


def test_the_eval_key_comes_from_the_records(notice):
    saic = "State Administration for Industry and Commerce"
    assert key(notice, 24, [(saic, "lead")]) is Verdict.OK
    assert key(notice, 107) is Verdict.NO_SUCH_TASK
    assert key(notice, 25, [("Ministry of Agriculture", "involved")]) is Verdict.AGENCY_NOT_ON_TASK
    assert key(notice, 25, [(saic, "lead")]) is Verdict.WRONG_ROLE
    assert key(notice, 24, topic=25) is Verdict.TOPIC_MISMATCH
    assert key(notice, 24, topic=25, together={24, 25}) is Verdict.OK  # "tasks 24 and 25 cover ..."
