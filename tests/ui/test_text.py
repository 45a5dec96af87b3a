"""The app's pure parts (assistant/ui/text.py), on the real notice: no Streamlit, no model."""

from __future__ import annotations

import csv
import io

import pytest

from assistant.errors import UnknownTask
from assistant.ui.text import (
    FilterChoice,
    agency_counts,
    agency_option_label,
    answer_markdown,
    compact_markdown,
    escape_all,
    escape_markdown,
    link_citations,
    notice_wording,
    parse_task_param,
    plain_text,
    search_tasks,
    tasks_csv,
)

SAIC = "State Administration for Industry and Commerce"


# --- Markdown -------------------------------------------------------------------------------------------

def test_escape_markdown_keeps_text_literal():
    assert escape_markdown("<b>x</b> *y* $1 [a](b)") == r"\<b\>x\</b\> \*y\* \$1 \[a\](b)"


def test_escape_all_leaves_no_markup_of_any_kind():
    escaped = escape_all("![i](http://x.org/i.png) www.x.org &lt; :red[a] 1. # h")
    assert escaped == (r"\!\[i\]\(http\:\/\/x\.org\/i\.png\) www\.x\.org \&lt\; \:red\[a\] 1\. \# h")


def test_citations_link_to_the_task_cards():
    text = "Task 24 is led by the SAIC. [Task 24]\n\nRelated tasks: task 27 (...), task 26 (...)."
    assert link_citations(text) == (
        "Task 24 is led by the SAIC. [Task 24](tasks?task=24)\n\n"
        "Related tasks: [task 27](tasks?task=27) (...), [task 26](tasks?task=26) (...)."
    )


def test_only_real_tasks_are_linked_and_only_once():
    text = "There is no task 107. [Task 3](tasks?task=3) stays as it is. See task 5 and task 5 again."
    linked = link_citations(text, known=range(1, 107))
    assert "no task 107." in linked
    assert linked.count("(tasks?task=3)") == 1
    assert linked.count("(tasks?task=5)") == 1


def test_trusted_answers_keep_their_markdown_and_a_literal_dollar():
    assert answer_markdown("**SAIC** costs $5 and \\$6 [Task 24]") == "**SAIC** costs \\$5 and \\$6 [Task 24](tasks?task=24)"


def test_model_text_is_escaped_except_for_its_citations():
    shown = answer_markdown("**Bold** <i>x</i> [Task 24] [Task 200]", trusted=False, known=range(1, 107))
    assert shown == r"\*\*Bold\*\* \<i\>x\<\/i\> [Task 24](tasks?task=24) \[Task 200\]"


def test_plain_text_is_what_a_screen_reader_should_read():
    markdown = "**SAIC** leads it. [Task 24](tasks?task=24)\n\n> The notice's *words*.\n- one\n- two"
    assert plain_text(markdown) == "SAIC leads it. Task 24 The notice's words. one two"


# --- agencies and filters -------------------------------------------------------------------------------

def test_agency_options_start_with_the_abbreviation():
    assert agency_option_label("sipo") == "SIPO · State Intellectual Property Office"
    from assistant.notice.agencies import AGENCIES

    plain = next(a for a in AGENCIES if not a.abbreviations)
    assert agency_option_label(plain.id) == plain.name


def test_agency_counts_match_the_records(notice):
    counts = agency_counts(notice)
    assert len(counts) == len(notice.agencies_named())
    first = counts[0]
    assert first.agency.id == "sipo"
    assert (first.leads, first.takes_part) == (len(notice.tasks_led_by("sipo")), 93 - 50)
    assert [c.leads for c in counts] == sorted((c.leads for c in counts), reverse=True)


def test_notice_wording_is_the_task_lists_own_name(notice):
    task = notice.task(24)
    assert notice_wording(task.leads[0], task) == "General Administration of Industry and Commerce"


def test_filter_choice_drops_what_cannot_apply(notice):
    assert FilterChoice((), lead_only=True).lead_only is False
    assert FilterChoice(("sipo", "nonsense", "sipo")).agency_ids == ("sipo",)
    assert FilterChoice(part=0).part is None and FilterChoice().empty
    choice = FilterChoice(("mofcom",), True, 5)
    assert choice.summary(notice) == "tasks led by Ministry of Commerce; Part 5: " + notice.part(5).title[:1].upper() + \
        notice.part(5).title[1:]
    assert [t.number for t in notice.tasks if choice.admits(t)] == [88, 91, 92]
    assert FilterChoice.from_list(choice.to_list()) == choice


# --- the task search ------------------------------------------------------------------------------------

@pytest.mark.parametrize("query", ["24", "task 24", "Task 24", "#24", " tasks 24 "])
def test_a_number_finds_its_task(notice, query):
    found = search_tasks(notice.tasks, query)
    assert [t.number for t in found.tasks] == [24] and found.matched_by == "number"


def test_words_are_a_phrase_first_then_each_on_its_own(notice):
    phrase = search_tasks(notice.tasks, "Industry and Commerce")
    assert phrase.matched_by == "phrase"
    assert [t.number for t in phrase.tasks] == [t.number for t in notice.tasks_involving("saic")]
    words = search_tasks(notice.tasks, "customs enforcement")
    assert words.matched_by == "words" and 25 in [t.number for t in words.tasks]
    assert search_tasks(notice.tasks, '"customs enforcement"').tasks == [], "quotes ask for the phrase alone"
    assert search_tasks(notice.tasks, "TRADE secret").matched_by == "phrase"


def test_search_keeps_to_the_filters(notice):
    found = search_tasks(notice.tasks, "cooperation", FilterChoice(part=5))
    assert found.tasks and all(t.part == 5 for t in found.tasks)
    assert len(search_tasks(notice.tasks, "", FilterChoice(("saic",))).tasks) == len(notice.tasks_involving("saic"))


# --- a long answer's list -------------------------------------------------------------------------------

def test_compact_list_links_each_task_and_the_csv_holds_them_in_full(notice):
    led = notice.tasks_led_by("mofcom")
    table = compact_markdown(led).splitlines()
    assert table[0] == "| Task | Lead | Text |"
    assert table[2].startswith(f"| [{led[0].number}](tasks?task={led[0].number}) | MOFCOM |")
    assert len(table) == 2 + len(led)
    rows = list(csv.DictReader(io.StringIO(tasks_csv(led))))
    assert [int(r["task"]) for r in rows] == [t.number for t in led]
    assert rows[0]["text"] == led[0].text


def test_a_task_link_names_a_real_task(notice):
    assert parse_task_param("24", notice) == 24
    assert parse_task_param(None, notice) is None and parse_task_param(" ", notice) is None
    for bad in ("107", "0", "abc", "-3"):
        with pytest.raises(UnknownTask):
            parse_task_param(bad, notice)
