"""Where a question names the notice's things: read once, before any grammar (`assistant.notice.mentions`)."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from assistant.notice import mentions as M


@pytest.mark.parametrize("text, tasks", [("who leads task 24", [24]), ("tasks 23 and 24", [23, 24]),
                                         ("tasks 1-3", [1, 2, 3]), ("#24 and #25", [24, 25]),
                                         ("tasks 40 thru 42", [40, 41, 42])])
def test_task_numbers_in_every_form(notice, text, tasks):
    assert list(M.find(text, notice).tasks) == tasks


@pytest.mark.parametrize("text, part, heading", [("tasks under II.5", 2, 5), ("heading III(6)", 3, 6),
                                                 ("the IV.5 tasks", 4, 5), ("part 2.3", 2, 3),
                                                 ("part 4 (2)", 4, 2), ("heading (3) of part 2", 2, 3),
                                                 ("section 2.3", 2, 3), ("the tasks in 4(2)", 4, 2)])
def test_part_and_heading_in_outline_form(notice, text, part, heading):
    found = M.find(text, notice)
    assert found.parts[:1] == (part,) and found.headings[:1] == (heading,)


@pytest.mark.parametrize("text", ["version 2.3 of the plan", "see vi(2) of the act", "it is 3.5 times"])
def test_decimals_and_lower_case_numerals_in_running_text_are_no_outline(notice, text):
    found = M.find(text, notice)
    assert not (found.parts and found.headings), text


def test_a_number_in_brackets_beyond_any_heading_is_a_task(notice):
    most = max(h.number for h in notice.headings)
    found = M.find("the listed-company disclosure task (65)", notice)
    assert found.tasks == (65,) and not found.headings and most < 65
    assert M.find("heading (3) of part 2", notice).headings == (3,)


def test_every_heading_title_finds_its_heading_and_a_named_part_narrows_a_loose_one(notice):
    for heading in notice.headings:
        assert M.heading_by_title(heading.title, notice) == (heading.part, heading.number)
    assert M.heading_by_title("new fields / new business forms", notice) is None
    assert M.heading_by_title("new fields / new business forms", notice, part=2) == (2, 4)


def test_a_successor_name_that_holds_a_registry_name_wins():
    (mention,) = M.agency_mentions("Which tasks does today's Ministry of Justice cover?")
    assert set(mention.ids) == {"moj", "lao"} and mention.via == "successor"
    (plain,) = M.agency_mentions("Which tasks does the Ministry of Justice cover?")
    assert plain.ids == ("moj",)


def test_a_word_only_one_heading_title_holds_names_that_heading(notice):
    """"the publicity heading" is "Strengthen publicity and guidance", though "public diplomacy" stems alike."""
    words = {(h.part, h.number): set(re.findall(r"[a-z]+", h.title.lower())) for h in notice.headings}
    seen = Counter(w for ws in words.values() for w in ws)
    for key, ws in words.items():
        for word in sorted(w for w in ws if seen[w] == 1 and len(w) > 6):
            assert M.heading_by_title(word, notice) == key, (word, key)


UNITS = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def in_words(n: int) -> str:
    """English words for 1 to 199, written independently of the code under test."""
    if n >= 100:
        return "one hundred" + (f" and {in_words(n - 100)}" if n > 100 else "")
    if n < 10:
        return UNITS[n]
    if n < 20:
        return TEENS[n - 10]
    return TENS[n // 10] + (f"-{UNITS[n % 10]}" if n % 10 else "")


def test_a_task_number_in_words_is_that_task(notice):
    for number in range(1, notice.last_task + 1):
        text, _ = M.clean(f"who leads task {in_words(number)}?")
        assert M.find(text, notice).tasks == (number,), (number, text)


ROMAN = [(100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def in_roman(n: int) -> str:
    """Roman numerals, written independently of the code under test."""
    said = ""
    for value, numeral in ROMAN:
        while n >= value:
            said, n = said + numeral, n - value
    return said


def test_a_task_number_in_roman_numerals_is_that_task(notice):
    for number in range(2, notice.last_task + 1):
        text, _ = M.clean(f"who leads task {in_roman(number)}?")
        assert M.find(text, notice).tasks == (number,), (number, text)


@pytest.mark.parametrize("said, tasks", [("tasks II to IV", (2, 3, 4)), ("tasks X, XI and XII", (10, 11, 12)),
                                         ("task 5 and I think", (5,)), ("what does task I say", ()),
                                         ("task 3 and I want to know who leads it", (3,))])
def test_roman_numerals_after_a_task_number_continue_the_list_but_the_word_i_does_not(notice, said, tasks):
    text, _ = M.clean(said)
    assert tuple(M.find(text, notice).tasks) == tasks, text


def test_dotted_acronyms_are_read_as_written_without_dots(notice):
    text, _ = M.clean("S.I.P.O. leads which tasks?")
    assert [a.ids for a in M.find(text, notice).agencies] == [("sipo",)]


@pytest.mark.parametrize("said", ["Task 1 has {k} agencies", "{k} departments are on it", "it names {k} bodies",
                                  "the {k} ministries listed", "SIPO leads {k} tasks", "part 3 has {k} headings"])
def test_a_number_that_counts_something_is_not_a_task(notice, said):
    for k in range(2, 40):
        found = M.find(said.format(k=k), notice)
        assert k not in found.bare_numbers and k not in found.tasks, said.format(k=k)


@pytest.mark.parametrize("said, agency_id", [
    ("the Organization Department of the CPC Central Committee", "cod"),
    ("the Publicity Department of the CPC Central Committee", "cpd"),
    ("the Propaganda Department of the CPC Central Committee", "cpd"), ("the Cyberspace Administration", "cac"),
    ("the CMC equipment development dept", "cmc_edd"), ("the State Taxation Administration", "sat"),
    ("the Defence Science and Technology Bureau", "sastind")])
def test_agency_names_as_reviewers_write_them(notice, said, agency_id):
    text, _ = M.clean(f"Does {said} lead task 10?")
    assert [a.ids for a in M.find(text, notice).agencies] == [(agency_id,)], text


@pytest.mark.parametrize("said", ["Which task relaxes IPO listing rules for tech start-ups?",
                                  "Does the notice touch IPO prospectus rules?", "Who eases IPO approvals for firms?"])
def test_an_initial_public_offering_is_no_ip_office(notice, said):
    assert not M.find(M.clean(said)[0], notice).agencies


@pytest.mark.parametrize("said", ["Which tasks does the IPO lead?", "Is the IPO on task 24?"])
def test_the_ipo_is_still_the_ip_office(notice, said):
    assert [a.ids for a in M.find(M.clean(said)[0], notice).agencies] == [("sipo",)]


@pytest.mark.parametrize("said", [
    "Is there a task that lets cities trial running their patent, trademark and copyright administration together?",
    "Who pays for the local copyright bureau?", "Does the notice reform its trademark and copyright administration?"])
def test_an_agency_name_in_lower_case_after_a_possessive_is_the_work_not_the_agency(notice, said):
    assert not M.find(M.clean(said)[0], notice).agencies, said


@pytest.mark.parametrize("said, agency_id", [("which tasks does the copyright administration lead", "nca"),
                                             ("Does the National Copyright Administration run their office?", "nca")])
def test_an_agency_name_without_a_possessive_before_it_is_the_agency(notice, said, agency_id):
    assert [a.ids for a in M.find(M.clean(said)[0], notice).agencies][:1] == [(agency_id,)]


@pytest.mark.parametrize("said, agency", [("the Supreme Peoples Procuratorate", "spp"),
                                          ("the national anti-counterfeiting leading group office", "nlgo"),
                                          ("the Administration of Quality Supervision", "aqsiq")])
def test_words_of_an_agencys_own_name_before_the_part_found_are_the_agency(notice, said, agency):
    found = M.find(f"Which tasks does {said} take part in?", notice).agencies
    assert [m.ids for m in found] == [(agency,)] and found[0].surface == said.removeprefix("the "), found


@pytest.mark.parametrize("subject, agency_id", M.EVERYDAY_AGENCY.items())
@pytest.mark.parametrize("noun", ["people", "ministry", "commission", "authority"])
def test_every_everyday_name_is_its_agency(subject, agency_id, noun):
    """"the health commission", "the environment ministry", "the copyright people": the subject and a body's noun."""
    found = M.agency_mentions(f"Which tasks is the {subject} {noun} on?")
    assert [m.ids for m in found] == [(agency_id,)], (subject, noun)


@pytest.mark.parametrize("text", ["Does the notice implement Guo Fa [2015] No. 71?", "It carries out Guo Fa [2015] No.71.",
                                  "这份通知是为了落实国发〔2015〕71号文件吗？"])
def test_a_document_number_names_no_task(notice, text):
    from assistant.notice import mentions_zh

    found = mentions_zh.find(text, notice) if "国发" in text else M.find(text, notice)
    assert 71 not in found.tasks and 71 not in found.bare_numbers


def test_a_task_number_written_with_no_is_still_a_task(notice):
    assert M.find("Who leads task No. 71?", notice).tasks == (71,)
