"""The words of an answer in one language: `Phrasebook`, read from `assistant/answer/phrases/<language>.toml`.

Every language has the same keys; `compose_common.Composer` decides what an answer says and formats these
templates with the facts (and the parsers' `grammar.py` its notes, such as a task number the notice lacks). The English file documents the fields each template may use. A key a language
lacks, or one the composer does not know, stops the phrasebook from loading (a TypeError naming it), so a
missing translation is found when the module is imported, not in the middle of an answer.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path

from assistant.answer.query import Rank, Refusal

PHRASES = Path(__file__).with_name("phrases")


@dataclass(frozen=True)
class ListPattern:
    """How a language punctuates a list: "A and B", "A, B, and C"; "A和B", "A、B和C"; or one separator throughout."""

    pair: str   # between the two items of a list of two
    comma: str  # between the items before the last, in a list of three or more
    last: str   # before the last item, in a list of three or more

    @classmethod
    def read(cls, value: str | dict) -> "ListPattern":
        return cls(value, value, value) if isinstance(value, str) else cls(**value)

    def join(self, items: list[str]) -> str:
        if len(items) <= 2:
            return self.pair.join(items)
        return self.comma.join(items[:-1]) + self.last + items[-1]


@dataclass(frozen=True)
class Refusals:
    """What a refusal says, a field per `Refusal` (named by its value), so a phrasebook without one does not load."""

    empty: str
    injection: str
    advert: str
    other_document: str
    out_of_scope: str
    bad_task: str
    bad_part: str
    bad_heading: str
    unknown_agency: str
    unmentioned: str
    uncovered: str
    other_language: str

    def of(self, refusal: Refusal) -> str:
        return getattr(self, refusal.value)


@dataclass(frozen=True)
class RankedTasks:
    """The head's words for the rankings that list tasks, by the `Rank`'s name."""

    tasks_one_agency: str
    joint_leads: str
    shared: str
    explicit_leads: str
    not_first_lead: str
    tasks_by_size: str
    # Added to the others when the question asked only among the "each responsible" tasks.
    and_shared: str

    def of(self, rank: Rank) -> str:
        return getattr(self, rank.name.lower())


@dataclass(frozen=True)
class Phrasebook:
    """Every phrase of an answer in one language; `assistant/answer/phrases/<language>.toml` documents each."""

    # How sentences and paragraphs join, verdicts, list punctuation, counts.
    gap: str
    tasks_apart: str
    yes: str
    no: str
    colon: str
    stop: str
    and_list: ListPattern
    or_list: ListPattern
    cite_list: ListPattern
    related_list: ListPattern
    unstated_list: ListPattern
    left_out_list: ListPattern
    lead_list: ListPattern
    reference_list: ListPattern
    one_task: str
    tasks: str
    one_agency: str
    agencies: str
    # Agencies, titles and one task.
    agency: str
    agency_worded: str
    plain: str
    labelled: str
    lead_name: str
    titled: str
    titled_local: str
    location: str
    task_line: str
    line_shared: str
    led_by: str
    led_jointly_by: str
    also_takes_part: str
    also_take_part: str
    no_others: str
    involves: str
    taking_part: str
    led: str
    led_jointly: str
    with_others: str
    text: str
    where: str
    lead_named: str
    lead_not_first: str
    each_responsible: str
    since_2018: str
    successor_line: str
    # Refusals and look-ups.
    scope_hint: str
    filtered_out: str
    not_in_list: str
    no_task: str
    notice_front: str
    notice_front_missing: str
    lead_rule: str
    lead_rule_missing: str
    covered_by: str
    covered_in: str
    closest_without: str
    close_call: str
    related: str
    related_task: str
    next_task: str
    previous_task: str
    next_task_nth: str
    previous_task_nth: str
    anchor_found: str
    first: str
    last: str
    nth: str
    nth_task: str
    on_that_list: str
    in_the_notice: str
    other_than_tasks: str
    under_heading: str
    under_untitled_heading: str
    in_part: str
    among: str
    among_joint_tasks: str
    among_shared_tasks: str
    jointly_with: str
    last_edge: str
    first_edge: str
    too_few: str
    no_position: str
    unstated: str
    unstated_task: str
    # Lists and overviews.
    set_head: str
    span_none: str
    span_one: str
    span_many: str
    heading_overview: str
    part_overview: str
    heading_everywhere: str
    heading_label: str
    leads_and_joins: str
    only_takes_part: str
    for_reference: str
    reference: str
    # Rankings.
    rank_scope: str
    rank_scope_heading: str
    rank_scope_tasks: str
    rank_scope_elsewhere: str
    rank_scope_span: str
    among_joint: str
    # The other side of two scopes, when it asks another role: "lead a task in part 4 but are not named on task 84"
    side_named: str
    side_leading: str
    side_member: str
    rank_without_joint: str
    rank_without_shared: str
    most: str
    fewest: str
    rank_place: str
    ranked_agency: str
    verb_lead: str
    verb_lead_tied: str
    verb_join: str
    verb_join_tied: str
    ranking_one: str
    ranking_tied: str
    left_out: str
    ranking_label_most: str
    ranking_label_fewest: str
    ranking_row: str
    ranking_tie_note: str
    ranking_listed: str
    same_agencies: str
    same_agencies_none: str
    ranked_inline: str
    ranking: str
    no_agency: str
    named_in_exactly: str
    leading_exactly: str
    leading_none: str
    no_agency_counted: str
    no_agency_leading: str
    lead_verb_one: str
    lead_verb_many: str
    is_: str
    are: str
    exactly_one: str
    exactly_n: str
    agency_count_row: str
    named_in_scope: str
    leading_in_scope: str
    none_reorganised: str
    premise_not_named: str
    premise_not_in: str
    premise_one_lead: str
    premise_not_lead: str
    premise_size: str
    first_on_task: str
    in_parts: str
    only_there: str
    in_part_row: str
    in_notice: str
    named_on_tasks: str
    leading_on_tasks: str
    and_leading: str
    and_named: str
    and_leading_none: str
    among_head: str
    among_none: str
    among_no_other: str
    no_such_cited: str
    missing_task_described: str
    name_on_task: str
    name_in_notice: str
    name_not_on_task: str
    same_agency: str
    later_name: str
    successor_label: str
    later_name_only: str
    fate_sentence: str
    fates: str
    unchanged: str
    agency_tasks_row: str
    most_agencies: str
    most_agencies_tied: str
    agencies_row: str
    tasks_that_head: str
    tasks_that_head_one: str
    headings_of_part: str
    headings_of_notice: str
    heading_row: str
    heading_row_in_part: str
    headings_with_one_task: str
    heading_task_row: str
    biggest_heading: str
    headings_tied: str
    heading_size_row: str
    biggest_part: str
    part_size_row: str
    parts_count: str
    part_row: str
    agencies_named: str
    # Claims.
    count_claim_holds: str
    agencies_compared_lead: str
    agencies_compared_on: str
    count_claim_not: str
    unknown_agency: str
    placed: str
    holds_on: str
    holds_on_none_but_is_on: str
    holds_on_none: str
    holds_on_none_together: str
    holds_on_together: str
    every_holds: str
    every_holds_both: str
    every_fails: str
    every_row: str
    task_fact: str
    fact_shared: str
    fact_not_shared: str
    covers: str
    about_else: str
    not_as_stated: str
    said_by_no_task: str
    agency_but_unsaid: str
    quoted: str
    closer_to: str
    claimed: str
    claimed_said: str
    not_alone: str
    joint_lead: str
    listed_first: str
    leads: str
    takes_part: str
    not_on: str
    not_on_but_taken_in: str
    # Notes a parser adds to its reading: task numbers the notice lacks, a heading named without its part.
    missing_tasks_note: str
    unknown_agency_note: str
    too_long_number: str
    number_list: ListPattern
    heading_everywhere_note: str
    refusals: Refusals
    tasks_that: RankedTasks
    # Tables: by the `Refusal` value, by the agency id, by the `Role` name, by the `Combine` name, by the English wording of an unstated
    # detail. Where a language's table has no entry, the code's own value is said (in English).
    refusal_kinds: dict[str, str]
    compare: dict[str, str]
    combine: dict[str, str]
    within: dict[str, str]
    successors: dict[str, str]
    roles: dict[str, str]
    details: dict[str, str]

    @classmethod
    def load(cls, language: str) -> "Phrasebook":
        """The phrasebook in `phrases/<language>.toml`; a missing or unknown key is a TypeError naming it."""
        raw = tomllib.loads((PHRASES / f"{language}.toml").read_text(encoding="utf-8"))
        read = {"ListPattern": ListPattern.read, "Refusals": lambda table: Refusals(**table),
                "RankedTasks": lambda table: RankedTasks(**table)}
        types = {f.name: f.type for f in fields(cls)}
        return cls(**{key: read[types[key]](value) if types.get(key) in read else value for key, value in raw.items()})


@cache
def phrasebook(language: str) -> Phrasebook:
    """The language's phrasebook ("en", "zh"), read once per process."""
    return Phrasebook.load(language)
