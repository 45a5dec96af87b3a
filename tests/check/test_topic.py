"""The topic check with the real embedding model and a real Chroma index (slow), through the Python API."""

from __future__ import annotations

import pytest

from assistant.check import Verdict, check_files, check_text
from assistant.lab.documents import write_docx

pytestmark = pytest.mark.slow


def only(text: str, notice, searcher, **kwargs):
    report = check_text(text, notice=notice, searcher=searcher, **kwargs)
    return report.findings


def test_a_sentence_about_another_task_is_a_topic_mismatch_naming_it(notice, searcher):
    (finding,) = only("Task 24 covers customs enforcement of intellectual property rights at the border.",
                      notice, searcher)
    assert finding.verdict is Verdict.TOPIC_MISMATCH
    assert finding.probably == 25 and finding.probably_lead == "General Administration of Customs"
    assert finding.verdict_label == "topic mismatch, probably task 25"


def test_right_topics_and_topicless_sentences_are_ok(notice, searcher):
    text = ("Task 24 covers trade secret protection laws and regulations.\n"
            "Task 24 was discussed at the quarterly meeting on Tuesday.\n"
            "SAIC leads task 24.\n"
            "Tasks 24 and 25 cover trade secrets and customs enforcement.\n")
    assert [f.verdict for f in only(text, notice, searcher)] == [Verdict.OK] * 5


def test_wrong_agency_and_wrong_topic_report_both_worst_first(notice, searcher):
    (finding,) = only("The Ministry of Agriculture leads task 24 on customs enforcement at the border.",
                      notice, searcher)
    assert finding.problems == (Verdict.AGENCY_NOT_ON_TASK, Verdict.TOPIC_MISMATCH)
    assert finding.probably == 25


def test_suggest_names_the_task_an_uncited_sentence_means(notice, searcher):
    findings = only("The State Administration for Industry and Commerce leads trade secret protection.",
                    notice, searcher, suggest=True)
    (finding,) = findings
    assert finding.verdict is Verdict.UNCITED and finding.probably == 24
    assert check_text("SAIC leads trade secret protection.", notice=notice, searcher=searcher, suggest=True).ok


def test_a_word_file_through_the_api(tmp_path, notice, searcher):
    path = write_docx(tmp_path / "memo.docx", ["Our note on the division of work.",
                                               "Task 24 covers customs enforcement at the border."])
    report = check_files([path], notice=notice, searcher=searcher)
    (finding,) = report.findings
    assert finding.location.paragraph == 2 and finding.probably == 25 and not report.ok
