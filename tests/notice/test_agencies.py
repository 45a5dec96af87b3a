"""Every way the notice (or a user) names an agency resolves to one canonical record."""

from __future__ import annotations

import re

import pytest

from assistant.notice import agencies
from assistant.errors import UnknownAgency
from assistant.notice.parse import FILLER

# Surface forms the translation uses, and the agency each means.
NOTICE_FORMS = [
    ("IP Office", "sipo"), ("Intellectual Property Office", "sipo"),
    ("SAIC", "saic"), ("State Administration for Industry and Commerce", "saic"),
    ("General Administration of Industry and Commerce", "saic"), ("Administration for Industry and Commerce", "saic"),
    ("Copyright Bureau", "nca"), ("Copyright Office", "nca"), ("copyright office", "nca"),
    ("Copyright Administration", "nca"),
    ("High Court", "spc"), ("High Procuratorate", "spp"), ("High Prosecutor's Office", "spp"),
    ("Network Office", "cac"), ("Internet Information Office", "cac"),
    ("Legal Affairs Office", "lao"), ("Legislative Affairs Office", "lao"), ("Legal Office", "lao"),
    ("AQSIQ", "aqsiq"), ("General Administration of Quality Supervision", "aqsiq"),
    ("General Administration of Quality Supervision, Inspection and Quarantine", "aqsiq"),
    ("Central Office", "scopsr"), ("Central Organization Department", "cod"),
    ("Central Propaganda Department", "cpd"), ("Central Comprehensive Management Office", "ccmo"),
    ("National Leading Group Office for Combating Infringement and Counterfeiting", "nlgo"),
    ("National Office of the Leading Group for Combating Infringement and Counterfeiting", "nlgo"),
    ("Development and Reform Commission", "ndrc"), ("People's Bank of China", "pboc"), ("People's Bank", "pboc"),
    ("State-owned Assets Supervision and Administration Commission", "sasac"), ("SASAC", "sasac"),
    ("Food and Drug Administration", "cfda"), ("Bureau of Food and Drug Administration", "cfda"),
    ("Forestry Bureau", "sfa"), ("Bureau of Statistics", "nbs"), ("Post Office", "spb"),
    ("Taxation Administration", "sat"), ("China Insurance Regulatory Commission", "circ"),
    ("China Banking Regulatory Commission", "cbrc"), ("China Securities Regulatory Commission", "csrc"),
    ("CSRC", "csrc"), ("Securities and Futures Commission", "csrc"),
    ("Health and Family Planning Commission", "nhfpc"),
    ("Human Resources and Social Security Department", "mohrss"),
    ("Ministry of Human Resources and Social Security", "mohrss"),
    ("National Defense Science and Technology Bureau", "sastind"),
    ("Equipment Development Department of the Central Military Commission", "cmc_edd"),
    ("Chinese Academy of Sciences", "cas"), ("CCPIT", "ccpit"),
]

# What users type: abbreviations, later names, Chinese names.
USER_FORMS = [
    ("SIPO", "sipo"), ("CNIPA", "sipo"), ("State Intellectual Property Office", "sipo"), ("the patent office", "sipo"),
    ("国家知识产权局", "sipo"), ("工商总局", "saic"), ("国家版权局", "nca"), ("最高人民法院", "spc"),
    ("MIIT", "miit"), ("NDRC", "ndrc"), ("MOFCOM", "mofcom"), ("PBOC", "pboc"), ("CAS", "cas"),
    ("AQSIQ", "aqsiq"), ("商务部", "mofcom"), ("Supreme People's Procuratorate", "spp"),
]


@pytest.mark.parametrize("form,agency_id", NOTICE_FORMS + USER_FORMS)
def test_every_form_resolves_to_its_agency(form, agency_id):
    assert agencies.lookup(form).id == agency_id
    assert [a.id for a in agencies.find_agencies(f"Which tasks does {form} lead?")] == [agency_id]


def test_every_agency_mention_in_the_106_tasks_resolves(notice):
    unresolved = []
    for task in notice.tasks:
        found = agencies.mentions(task.agency_text, include_list_only=True)
        leftover = task.agency_text
        for mention in reversed(found):
            leftover = leftover[:mention.start] + leftover[mention.end:]
        unresolved += [(task.number, w) for w in re.findall(r"[A-Za-z']+", leftover.lower()) if w not in FILLER]
    assert unresolved == []


def test_the_registry_lists_no_agency_the_notice_never_names(notice):
    named = {a.id for a in notice.agencies_named()}
    assert named == {a.id for a in agencies.AGENCIES}


def test_every_agency_has_a_chinese_name_and_a_unique_canonical_name():
    assert all(a.chinese for a in agencies.AGENCIES)
    names = [a.name for a in agencies.AGENCIES]
    assert len(names) == len(set(names))


def test_no_surface_form_means_two_agencies():
    owner: dict[str, str] = {}
    for agency in agencies.AGENCIES:
        for form in (*agency.all_forms(), *agency.list_only):
            assert owner.setdefault(form.casefold(), agency.id) == agency.id, form


def test_agencies_merged_or_renamed_in_2018_name_their_successor():
    assert "State Administration for Market Regulation" in agencies.BY_ID["saic"].successor
    assert "State Administration for Market Regulation" in agencies.BY_ID["aqsiq"].successor
    assert "CNIPA" in agencies.BY_ID["sipo"].successor
    assert "Ministry of Justice" in agencies.BY_ID["lao"].successor
    assert agencies.BY_ID["mofcom"].successor == ""


def test_abbreviations_match_in_capitals_only():
    assert agencies.find_agencies("in these cases the mps and cas files") == []


def test_a_bare_copyright_in_a_question_is_a_topic_not_an_agency():
    assert agencies.find_agencies("who handles copyright registration?") == []


@pytest.mark.parametrize("question", ["Who protects folk customs and old crafts?", "Who handles customs enforcement?"])
def test_a_bare_customs_in_a_question_is_a_topic_not_an_agency(question):
    assert agencies.find_agencies(question) == []


def test_customs_the_agency_is_still_found_by_its_names():
    assert [a.id for a in agencies.find_agencies("Which tasks do China Customs and the customs authorities lead?")] \
        == ["gac"]
    assert agencies.lookup("Customs").id == "gac"  # a filter or `--agency customs` names an agency


def test_free_text_names_agencies_in_order():
    found = agencies.find_agencies("Does the Ministry of Commerce or the IP Office lead task 84?")
    assert [a.id for a in found] == ["mofcom", "sipo"]


def test_an_unknown_agency_suggests_the_nearest_names():
    with pytest.raises(UnknownAgency) as error:
        agencies.lookup("Ministry of Comerce")
    assert error.value.suggestions[0] == "Ministry of Commerce"
    assert "Did you mean: Ministry of Commerce" in str(error.value)


def test_nothing_like_an_agency_gets_a_message_without_guesses():
    with pytest.raises(UnknownAgency, match="unknown agency 'zzzz'"):
        agencies.lookup("zzzz")


ENGLISH_FORMS = [(form, a.id) for a in agencies.AGENCIES for form in a.all_forms() if form.isascii()]


@pytest.mark.parametrize("form, agency_id", ENGLISH_FORMS)
def test_a_name_before_a_closing_quote_or_a_possessive_is_the_agency(form, agency_id):
    for text in (f"Memo: 'task 25 is led by {form}'.", f"the report says \u2018led by {form}\u2019",
                 f"{form}'s role", f"{form}\u2019s role"):
        assert [m.agency.id for m in agencies.mentions(text)][-1:] == [agency_id], text


def test_an_apostrophe_inside_a_word_ends_no_name():
    assert agencies.find_agencies("MOST'd say so") == []


def test_long_abbreviations_match_in_any_case_unless_they_spell_an_english_word():
    from spellchecker import SpellChecker

    english = SpellChecker(distance=1)
    long = {f for a in agencies.AGENCIES for f in a.abbreviations if len(f) >= 4}
    assert {f.lower() for f in long if f.lower() in english} == agencies.ENGLISH_ABBREVIATIONS
    for form in long - {f.upper() for f in agencies.ENGLISH_ABBREVIATIONS}:
        assert [a.id for a in agencies.find_agencies(f"tasks led by {form.lower()}")] == [agencies.lookup(form).id]
    assert agencies.find_agencies("the most tasks") == []
