"""The notice parses into exactly 106 task records, each with its agencies and leads."""

from __future__ import annotations

import pytest

from assistant.errors import ParseError
from assistant.notice.parse import parse_notice


def test_tasks_are_exactly_1_to_106(notice):
    assert [t.number for t in notice.tasks] == list(range(1, 107))


def test_six_parts_with_their_titles(notice):
    assert [p.number for p in notice.parts] == [1, 2, 3, 4, 5, 6]
    assert notice.part(2).title == "the implementation of strict intellectual property protection"
    assert notice.part(6).title == "strengthen policy protection"


def test_headings_are_numbered_within_each_part(notice):
    counts = {p.number: len(notice.headings_of(p.number)) for p in notice.parts}
    assert counts == {1: 4, 2: 5, 3: 7, 4: 5, 5: 4, 6: 3}
    early_warning = notice.headings_of(2)[2]
    assert early_warning.label == "(3) Establish and improve an early warning mechanism for intellectual property protection"


def test_every_task_belongs_to_the_heading_above_it(notice):
    task = notice.task(24)
    assert (task.part, task.heading_number) == (2, 3)
    assert task.heading.startswith("Establish and improve an early warning mechanism")
    assert [t.number for t in notice.tasks_in(2, 3)] == list(range(23, 31))


def test_task_text_excludes_the_agency_parenthesis(notice):
    task = notice.task(24)
    assert task.text == (
        "Promote the improvement of trade secret protection laws and regulations, and strengthen "
        "the protection of trade secrets in talent exchange and technical cooperation."
    )
    assert task.agency_text == (
        "Responsible for the General Administration of Industry and Commerce and the Legislative Affairs Office"
    )
    assert all("(" not in t.text[-40:] for t in notice.tasks)


def test_every_task_names_at_least_one_agency(notice):
    assert all(t.agency_ids for t in notice.tasks)
    assert all(set(t.lead_ids) <= set(t.agency_ids) for t in notice.tasks)


def test_the_advertising_after_task_106_is_not_part_of_the_notice(notice):
    assert "weighted blanket" in notice.trailing_text.lower()
    assert "blanket" not in notice.task(106).text.lower()
    assert notice.task(106).agency_ids[-1] == "cac"


def test_a_task_missing_its_closing_parenthesis_still_parses(notice):
    # Task 58's agency list has no closing parenthesis in the translation.
    assert notice.task(58).agency_ids == ("saic", "moa")


def test_a_bare_copyright_in_a_list_is_the_copyright_administration(notice):
    # "General Administration of Quality Supervision, Inspection, Copyright, Food and Drug Administration"
    for number in (17, 18):
        ids = notice.task(number).agency_ids
        assert ids.index("aqsiq") + 1 == ids.index("nca") == ids.index("cfda") - 1


def test_an_agency_named_twice_is_listed_once(notice):
    # Task 20 names "the High Court, the High Court".
    assert notice.task(20).agency_ids.count("spc") == 1


# The leads of every task whose wording names them ("take the lead", "led by", "Leaded by").
EXPLICIT_LEADS = {
    20: ("spc",),  # "The National Leading Group Office ..., led by the High Court, ..."
    23: ("ndrc", "pboc"),  # "Development and Reform Commission, the People's Bank of China take the lead"
    33: ("sipo", "spc"),  # "Intellectual Property Office, High Court take the lead"
    80: ("mofcom", "most"),  # "The Ministry of Commerce and the Ministry of Science and Technology take the lead"
    84: ("mofcom", "sipo"),  # "The Ministry of Commerce and the Intellectual Property Office take the lead"
    88: ("sipo", "mofcom"),  # "Leaded by the Intellectual Property Office, the Ministry of Commerce, and the ..."
    92: ("sipo", "mofcom"),  # "Intellectual Property Office, Ministry of Commerce takes the lead"
    102: ("miit",),  # "Ministry of Finance and Intellectual Property, led by the MIIT"
}


@pytest.mark.parametrize("number,leads", sorted(EXPLICIT_LEADS.items()))
def test_explicit_lead_wording_decides_the_leads(notice, number, leads):
    task = notice.task(number)
    assert task.lead_ids == leads
    assert task.lead_wording


def test_only_those_tasks_have_explicit_lead_wording(notice):
    assert {t.number for t in notice.tasks if t.lead_wording} == set(EXPLICIT_LEADS)


PLAIN_LEADS = {
    1: "sipo", 2: "scopsr", 7: "nca", 9: "nbs", 11: "sasac", 14: "spc", 15: "nlgo", 19: "mps",
    22: "moj", 24: "saic", 25: "gac", 29: "miit", 31: "most", 36: "ndrc", 38: "aqsiq", 51: "pboc",
    58: "saic", 63: "mofcom", 65: "csrc", 79: "mofcom", 99: "mof", 101: "circ", 104: "cod", 106: "cpd",
}


@pytest.mark.parametrize("number,lead", sorted(PLAIN_LEADS.items()))
def test_otherwise_the_first_listed_agency_leads(notice, number, lead):
    task = notice.task(number)
    assert task.lead_ids == (lead,)
    assert task.agency_ids[0] == lead


def test_agencies_keep_the_notices_order(notice):
    assert notice.task(24).agency_ids == ("saic", "lao")
    assert notice.task(102).agency_ids == ("mof", "sipo", "miit")


def _drop_paragraph(text: str, starts_with: str) -> str:
    paragraphs = text.split("\n\n")
    return "\n\n".join(p for p in paragraphs if not p.strip().startswith(starts_with))


def test_a_file_that_is_not_the_notice_is_a_parse_error():
    with pytest.raises(ParseError, match="does not look like the notice"):
        parse_notice("Weighted blankets for better sleep.\n\nBuy now.")


def test_a_missing_task_names_the_line(corpus_text):
    broken = _drop_paragraph(corpus_text, "57. Implement patent quality")
    with pytest.raises(ParseError, match=r"line \d+: task 58 where task 57 was expected"):
        parse_notice(broken)


def test_text_inside_the_body_ends_it_and_is_reported(corpus_text):
    broken = corpus_text.replace("\n\n60. Support", "\n\nAn editor's stray remark.\n\n60. Support")
    with pytest.raises(ParseError, match=r"found 59 tasks.*An editor's stray remark"):
        parse_notice(broken)


def test_an_agency_we_do_not_know_is_a_parse_error(corpus_text):
    broken = corpus_text.replace("(Responsible by the Ministry of Finance and the Taxation Administration)",
                                 "(Responsible by the Ministry of Finance and the Space Agency)")
    with pytest.raises(ParseError, match=r"line \d+: task 99 names an agency we do not know: 'space agency'"):
        parse_notice(broken)


def test_the_front_matter_is_read_from_the_notice_s_own_lines(notice, corpus_text):
    text = corpus_text
    front = notice.front
    assert front is not None
    lines = [line.strip() for line in text.splitlines()]
    assert front.issuer in lines and front.date in lines  # the signature and the date, each a line of its own
    assert f'"{front.implements}" ({front.number})' in text
    assert front.date.endswith("2016") and "No." in front.number


def test_a_notice_without_its_signature_has_no_front_matter_but_still_parses(corpus_text):
    damaged = "\n".join(line for line in corpus_text.splitlines() if line.strip() != "Office of the State Council")
    parsed = parse_notice(damaged)
    assert parsed.front is None and len(parsed.tasks) == 106
