"""Finding citations in a sentence, and which agencies it ties to each, in which role."""

from __future__ import annotations

import pytest

from assistant.check.cite import chinese_number, claims_for, find_citations, topic_views
from assistant.check.model import Reference


def cited(sentence: str) -> list[str]:
    return [c.reference.label() for c in find_citations(sentence)]


def claims(sentence: str) -> dict[str, list[tuple[str, str]]]:
    found = find_citations(sentence)
    return {c.reference.label(): [(x.agency.id, x.role.value) for x in cl] for c, cl in zip(found, claims_for(sentence, found))}


@pytest.mark.parametrize("sentence, expected", [
    ("Task 24 (SAIC) covers trade secrets.", ["Task 24"]),
    ("See task No. 24 on trade secrets.", ["Task 24"]),
    ("Tasks 24–26 are in part 2.", ["Task 24", "Task 25", "Task 26"]),
    ("tasks 24 and 25 concern enforcement", ["Task 24", "Task 25"]),
    ("Enforcement (Task 24) matters.", ["Task 24"]),
    ("Item 24 is about trade secrets.", ["Task 24"]),
    ("The 24th task is about trade secrets.", ["Task 24"]),
    ("Tasks 24 (SAIC), 25 (Customs) and 30 matter.", ["Task 24", "Task 25", "Task 30"]),
    ("Part 2, heading (3) covers early warning.", ["Part 2, heading (3)"]),
    ("Heading (3) of Part II covers early warning.", ["Part 2, heading (3)"]),
    ("商业秘密属于第24项。", ["Task 24"]),
    ("商业秘密属于第二十四项。", ["Task 24"]),
    ("第24至26项属于第二部分。", ["Task 24", "Task 25", "Task 26"]),
    ("Task 112 is led by SIPO.", ["Task 112"]),
])
def test_citation_forms(sentence, expected):
    assert cited(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "In 2016 the plan had 106 key tasks.",
    "The task force met in 2017.",
    "Revenue rose 24.5 percent in part because of licensing.",
])
def test_numbers_that_are_not_citations(sentence):
    assert cited(sentence) == []


def test_chinese_numbers():
    assert [chinese_number(t) for t in ("二十四", "十", "一百零六", "九十九", "24")] == [24, 10, 106, 99, 24]


def test_roles_from_the_words_around_each_agency():
    assert claims("SAIC leads Task 24 on trade secrets, with the Legislative Affairs Office taking part.") == {
        "Task 24": [("saic", "lead"), ("lao", "involved")]}
    assert claims("Task 25 is led by the General Administration of Customs; SAIC and the State Post Bureau "
                  "take part.") == {"Task 25": [("gac", "lead"), ("saic", "involved"), ("spb", "involved")]}
    assert claims("Tasks 80 and 84 are led by the Ministry of Commerce.") == {
        "Task 80": [("mofcom", "lead")], "Task 84": [("mofcom", "lead")]}


def test_each_clause_keeps_its_own_agencies():
    assert claims("The IP Office leads task 1, and the Copyright Bureau leads task 7.") == {
        "Task 1": [("sipo", "lead")], "Task 7": [("nca", "lead")]}
    assert claims("MOFCOM takes part in task 21 and leads task 80.") == {
        "Task 21": [("mofcom", "involved")], "Task 80": [("mofcom", "lead")]}
    assert claims("SAIC and Customs lead tasks 24 and 25 respectively.") == {
        "Task 24": [("saic", "lead")], "Task 25": [("gac", "lead")]}
    assert claims("Tasks 24 (SAIC), 25 (Customs) and 26 concern protection.") == {
        "Task 24": [("saic", "lead")], "Task 25": [("gac", "lead")], "Task 26": []}


def test_only_lead_words_claim_the_lead():
    # The notice writes "(Responsible for A, B and C)" over every agency of a task.
    assert claims("SAIC is responsible for task 25.") == {"Task 25": [("saic", "involved")]}
    assert claims("Task 89 is handled by SIPO and the Ministry of Justice.") == {
        "Task 89": [("sipo", "involved"), ("moj", "involved")]}
    assert claims("Task 74 covers joint overseas filing, with MOFCOM as lead.") == {"Task 74": [("mofcom", "lead")]}
    assert claims("第二十四项由工商总局负责。") == {"Task 24": [("saic", "involved")]}
    assert claims("工商总局牵头第24项，法制办参与。") == {"Task 24": [("saic", "lead"), ("lao", "involved")]}


def test_an_agency_said_to_play_no_part_is_not_claimed():
    assert claims("Task 99 is one where SIPO plays no part: the Ministry of Finance leads it.") == {
        "Task 99": [("mof", "lead")]}


def test_the_topic_leaves_out_citations_agencies_and_role_words():
    sentence = "SAIC leads task 26 on IP management in large specialised markets, which is relevant to your client."
    views = topic_views(sentence, find_citations(sentence))
    assert views[0].startswith("on IP management in large specialised markets")
    assert "on IP management in large specialised markets" in views
    assert all("SAIC" not in v and "26" not in v and "leads" not in v for v in views)


def test_a_heading_reference_is_a_reference_to_a_heading():
    (found,) = find_citations("SIPO leads both tasks under Part 3, heading (2).")
    assert found.reference == Reference(part=3, heading=2)
