"""The grammar both question parsers share, so a question means the same in English and in Chinese.

`parser.py` and `parser_zh.py` find what a question names and asks in their own language (mentions,
asking words, clauses in English, segments in Chinese). From there the steps are the same, and live here:
the refusals that need no grammar, the scope a question names by number, how an agency joins the terms, a
task next to another or counted in a set, what a claim checks, and the choice between a detail the notice
does not state, a look-up and a list. A step takes the language's vocabulary module (`vocabulary.py` or
`vocabulary_zh.py`: the same names for the same kinds of words) and what that language's parser read
itself; the notes it writes come from the language's phrasebook.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from types import ModuleType
from typing import Callable

from assistant.answer.phrasebook import phrasebook
from assistant.answer.query import (AgencyTerm, Claim, Field, NamePair, Op, Position, Query, Refusal, Role, TaskSet,
                                    Turn)
from assistant.notice import mentions as M
from assistant.notice.records import Notice


def refuse(refusal: Refusal, value: object = "") -> Query:
    return Query(Op.REFUSE, refusal=refusal, refused_value=str(value))


def refuse_at_once(text: str, V: ModuleType) -> Query | None:
    """Nothing to read, or instructions written into the question: refused before anything is looked for."""
    if not text or not re.search(r"\w", text):
        return refuse(Refusal.EMPTY)
    if V.INJECTION_RE.search(text):
        return refuse(Refusal.INJECTION)
    if M.other_language(text):
        return refuse(Refusal.OTHER_LANGUAGE)
    return None


def resolve_scope(m, notice: Notice, previous: Turn | None) -> tuple[int | None, int | None, Query | None]:
    """The part and heading a question names (by number or by title; a heading's part may come from the turn
    before), or the refusal for a part or heading the notice does not have."""
    for part in m.parts:
        if not 1 <= part <= len(notice.parts):
            return None, None, refuse(Refusal.BAD_PART, part)
    part = m.parts[0] if m.parts else None
    heading = m.headings[0] if m.headings else None
    if m.titled_heading and heading is None:
        part, heading = m.titled_heading
    if heading is not None and part is None and previous is not None and previous.query.tasks.part:
        part = previous.query.tasks.part
    if heading is not None and part is not None and not M.heading_of(notice, part, heading):
        return None, None, refuse(Refusal.BAD_HEADING, f"{part}:{heading}")
    return part, heading, None


@dataclass(frozen=True)
class Scope:
    """The part and heading a question names, and the notes its reading needs."""

    part: int | None
    heading: int | None
    notes: tuple[str, ...]


def counts_where_it(text: str, V: ModuleType, previous: Turn | None) -> bool:
    """"how many tasks does it have?" (它有几项任务？) just after "which part is task 24 in?": "it" is the part or
    heading the answer named, not the task."""
    return previous is not None and previous.query.field == Field.WHERE and bool(V.COUNT_OF_IT_RE.search(text))


def scope_or_refusal(text: str, V: ModuleType, m, notice: Notice, previous: Turn | None, tasks: list[int],
                     language: str, ours: bool = False) -> Scope | Query:
    """The scope, with a note for task numbers the notice lacks (when others are named) and for a heading named
    without its part; or the refusal: only numbers the notice lacks, the advert, another document (unless an
    agency is named or, `ours`, the notice's own years), a subject outside the notice with no task named."""
    say = phrasebook(language)
    notes = []
    if m.bad_tasks:
        shown = say.number_list.join([say.too_long_number if n >= 10**6 else str(n) for n in m.bad_tasks])
        review = getattr(V, "MISSING_TASK_CITED_RE", None)
        if not tasks and not (review is not None and review.search(text)):
            return refuse(Refusal.BAD_TASK, shown)  # a reviewer's citation with a subject is checked (parser._claim)
        notes.append(say.missing_tasks_note.format(shown=shown, last=notice.last_task))
    part, heading, refused = resolve_scope(m, notice, previous)
    if refused is not None:
        return refused
    same = V.SAME_SCOPE_RE.search(text) if part is None and heading is None and not tasks else None
    if same is not None and previous is not None and len(previous.focus) == 1 and notice.has_task(previous.focus[0]):
        # "the first task under that heading?", "这一部分共有几项任务？" after one task: its heading, its part
        task = notice.task(previous.focus[0])
        part, heading = task.part, task.heading_number if V.HEADING_WORD_RE.search(same.group(0)) else None
    elif not tasks and part is None and heading is None and counts_where_it(text, V, previous) \
            and len(previous.focus) == 1 and notice.has_task(previous.focus[0]):
        # "Which part covers X?", "how many tasks does it have?": "it" is the part (or heading) the answer named
        task = notice.task(previous.focus[0])
        asked_heading = bool(V.HEADING_WORD_RE.search(previous.query.text or ""))
        part, heading = task.part, task.heading_number if asked_heading else None
    if heading is not None and part is None:
        notes.append(say.heading_everywhere_note.format(heading=heading))
    if V.ADVERT_RE.search(text) and not tasks and not m.agencies:
        return refuse(Refusal.ADVERT)
    another = V.OTHER_DOCUMENT_RE.search(text) or (V.NAMED_DOCUMENT_RE.search(text) and V.SAYS_RE.search(text))
    if another and not m.agencies and not ours:
        return refuse(Refusal.OTHER_DOCUMENT)
    if V.OUT_OF_SCOPE_RE.search(text) and not tasks:
        return refuse(Refusal.OUT_OF_SCOPE)
    return Scope(part, heading, tuple(notes))


def add_term(term: AgencyTerm, alternative: bool, all_of: list[AgencyTerm], any_of: list[AgencyTerm]) -> None:
    """An agency offered as an alternative ("X or Y"), or a successor standing for any of the agencies it
    replaced, is an any-of term; any other is an all-of term."""
    (any_of if alternative or len(term.ids) > 1 else all_of).append(term)


def inherited_role(text: str, V: ModuleType, m, previous: Turn | None, role: Role, elliptical: bool) -> Role:
    """"Which tasks does the MOE lead?", "and the Ministry of Finance?" (or "财政部呢？"): a short follow-up that only
    swaps the agency keeps the role the list was asked in (before, the MoF's every task came back)."""
    if previous is None or not m.agencies or not elliptical or V.LEAD_RE.search(text) or V.PARTICIPANT_RE.search(text) \
            or V.MEMBER_RE.search(text) or V.SOLE_RE.search(text):
        return role
    asked = previous.query
    if asked.op not in (Op.LIST, Op.COUNT) or len(asked.tasks.all_of) != 1 or asked.tasks.any_of or asked.tasks.none_of:
        return role
    return asked.tasks.all_of[0].role


def neighbour(before: bool, field: Field, scope: TaskSet, tasks: tuple[int, ...], topic: str, names_a_task: bool,
              refs_task: bool, previous: Turn | None) -> Query | None:
    """The task before (or after) the one named, the one just discussed, or the one a topic finds."""
    position = Position.PREVIOUS if before else Position.NEXT
    if tasks:
        return Query(Op.LOOKUP, scope, field, position)
    if refs_task and previous is not None and (not topic or names_a_task):
        return Query(Op.LOOKUP, replace(scope, numbers=previous.focus[:1]), field, position)
    if topic:
        return Query(Op.LOOKUP, replace(scope, topic=topic), field, position)
    if previous is not None and previous.focus:
        return Query(Op.LOOKUP, replace(scope, numbers=previous.focus[:1]), field, position)
    return None


def counted_position(nth: int, field: Field, scope: TaskSet, previous: Turn | None, notice: Notice,
                     whole: bool) -> Query | None:
    """The first, last or nth task (`nth` -1 is the last) of the scope named, else of the previous answer's list,
    else of the whole notice (`whole`: the question says so; or there is no list to count in)."""
    if nth < -1:  # "the second-to-last task in part 2": counted from the front of what is counted in
        size = _size_counted_in(scope, previous, notice)
        if size is None or size + nth + 1 < 1:
            return None
        nth = size + nth + 1
    position = Position.LAST if nth == -1 else (Position.FIRST if nth == 1 else Position.NTH)
    if scope.numbers is not None or scope.part is not None or scope.heading is not None or scope.all_of or scope.any_of:
        return Query(Op.LOOKUP, scope, field, position, nth=max(nth, 0))
    # a list of one counts too ("the fourth one" of the MFA's one task: that set has only 1 task), not one task's look-up
    if previous is not None and previous.tasks and (len(previous.tasks) > 1
                                                   or previous.query.op in (Op.LIST, Op.COUNT, Op.RANK)):
        return Query(Op.LOOKUP, replace(scope, numbers=previous.tasks, from_previous=True), field, position,
                     nth=max(nth, 0))
    # ... and with no list to count in ("Who leads the eighteenth task?", "and the last one?" after one task), the
    # whole notice: its 18th task is task 18
    return Query(Op.LOOKUP, replace(scope, numbers=tuple(t.number for t in notice.tasks)), field, position,
                 nth=max(nth, 0))


def _size_counted_in(scope: TaskSet, previous: Turn | None, notice: Notice) -> int | None:
    """How many tasks a position counts in, where that is known without the records' agencies: the tasks named, a
    part or heading, the previous answer's list, or the whole notice."""
    if scope.all_of or scope.any_of:
        return None
    if scope.numbers is not None:
        return len(scope.numbers)
    if scope.part is not None or scope.heading is not None:
        return len(notice.tasks_in(scope.part, scope.heading)) if scope.part is not None else None
    if previous is not None and len(previous.tasks) > 1:
        return len(previous.tasks)
    return len(notice.tasks)


def without_described_successor(all_of: list[AgencyTerm], any_of: list[AgencyTerm]) -> list[AgencyTerm]:
    """"the former CFDA, now merged into SAMR", "现在已并入市场监管总局的原食药监总局": a successor said beside an
    agency it replaced describes that agency. A task on the agency is on one of the successor's agencies, so the
    successor (the any-of condition, when it is the only one) adds nothing to the set and is left out of the
    reading, which named SAMR's three agencies."""
    if len(any_of) != 1 or not any_of[0].said or any_of[0].role != Role.ANY:
        return any_of
    return [] if any(set(term.ids) <= set(any_of[0].ids) for term in all_of) else any_of


def asked_as_yes_or_no(query: Query, text: str, V: ModuleType) -> Query:
    """A list asked as yes or no ("Is there any task where CCPIT is listed without MOFCOM?", 有没有……的任务): the
    answer opens with the verdict the list decides."""
    if query.op == Op.LIST and not query.tasks.topic and V.ANY_TASK_ASKED_RE.search(text):
        return replace(query, asks_any=True)
    if query.op in (Op.LIST, Op.LOOKUP) and query.tasks.topic and query.tasks.from_previous \
            and V.ANY_TASK_ASKED_RE.search(text):
        return replace(query, asks_any=True)  # "do any of them touch on crowdfunding?": within the last list
    if (query.op == Op.LOOKUP and query.tasks.topic and not query.tasks.numbers and query.position is None
            or query.op == Op.REFUSE) and V.EXISTS_ASKED_RE.search(text):
        return replace(query, asks_any=True)  # "Is there anything about ...?": yes and the task, or no and why
    return query


def scope_swapped(previous: Turn | None, part: int | None, heading: int | None, elliptical: bool,
                  says_more: bool) -> Query | None:
    """"Which tasks in part 1 does SAIC appear on?", "and in part 2?": the same list in the part or heading the
    follow-up names, not an overview of that part. Only an elliptical follow-up that names nothing else
    (`says_more`: an agency, a task or words of a subject of its own) asks it."""
    if previous is None or not elliptical or says_more or (part is None and heading is None):
        return None
    asked = previous.query
    tasks = asked.tasks
    if asked.op in (Op.LIST, Op.COUNT) and tasks.from_previous and tasks.numbers and not tasks.topic:
        # "Which of those are in part 1?", "Any in part 3?": the same list of the turn before, in the other part
        return Query(asked.op, replace(tasks, part=part, heading=heading))
    if asked.op not in (Op.LIST, Op.COUNT) or tasks.numbers is not None or tasks.topic \
            or not (tasks.all_of or tasks.any_of or tasks.none_of or tasks.shared or tasks.joint):
        return None
    return Query(asked.op, replace(tasks, part=part, heading=heading))


# Where the name asked about stood: a Chinese question asks about the name right before its "是哪个部门".
NAME_MARK = "⟪name⟫"


def name_asked(text: str, V: ModuleType, agencies: tuple[M.AgencyMention, ...], tasks: list[int] | tuple[int, ...],
               notice: Notice | None = None) -> Query | None:
    """"Task 28 mentions a 'Network Office' - which agency is that?", "What does AQSIQ stand for?", "网络办是哪个部门？":
    which agency one name stands for, on the task named when there is one. Not a list of the agency's tasks, which
    is what a bare name otherwise asks for."""
    if not agencies and len(tasks) == 1 and notice is not None and notice.has_task(tasks[0]):
        agencies = _worded_on(text, notice.task(tasks[0]))
    if len(agencies) != 1 or len(agencies[0].ids) != 1 and agencies[0].via != "successor" or len(tasks) > 1:
        return None  # (a 2018 name stands for every agency it took in: "What is SAMR?")
    mention = agencies[0]
    unnamed = text[:mention.start] + " " * (mention.end - mention.start) + text[mention.end:]
    if V.LEAD_RE.search(unnamed):  # (not the "Leading" of the National Leading Group Office's name)
        return None  # "Which agency is that, and who leads task 28?": the look-up names every agency, as written
    marked = text[:mention.start] + NAME_MARK + text[mention.end:]
    named = getattr(V, "NAMED_IN_NOTICE_RE", None)
    if named is not None and named.search(marked) and not tasks:  # "Does 'SAMR' appear anywhere in the notice?"
        return Query(Op.LOOKUP, TaskSet(), Field.NAME, among=mention.ids, asks_any=True,
                     among_said=mention.surface.strip("'\"‘’“”「」"))
    if not V.NAME_ASKED_RE.search(marked):
        return None
    return Query(Op.LOOKUP, TaskSet(numbers=tuple(tasks) or None), Field.NAME, among=mention.ids,
                 among_said=mention.surface.strip("'\"‘’“”「」"))


def _said_twice_as_one(text: str, agencies: tuple[M.AgencyMention, ...]) -> tuple[M.AgencyMention, ...]:
    """One name said twice side by side is one name: "the forestry bureau (SFA)", "the 'IP Office' / Intellectual
    Property Office"; the mention runs from the first to the second."""
    merged: list[M.AgencyMention] = []
    for mention in agencies:
        if merged and merged[-1].ids == mention.ids and re.fullmatch(
                r"[\s'\"‘’“”「」]*(?:[(（/]|\bor\b|\baka\b|\bi\.e\.)[\s'\"‘’“”「」]*(?:the\s+)?",
                text[merged[-1].end:mention.start], re.IGNORECASE):
            closes = "(" in text[merged[-1].end:mention.start] and text[mention.end:mention.end + 1] in ")）"
            merged[-1] = replace(merged[-1], end=mention.end + closes)
            continue
        merged.append(mention)
    return tuple(merged)


def names_compared(text: str, V: ModuleType, agencies: tuple[M.AgencyMention, ...],
                   tasks: list[int] | tuple[int, ...]) -> Query | None:
    """"Is CNIPA the same as SIPO?", "Was SAIC merged into SAMR?", "工商总局是不是并入了市场监管总局？": two names
    compared in the registry, not the tasks both agencies share, which is what two names otherwise ask for."""
    agencies = _said_twice_as_one(text, agencies)
    if len(agencies) != 2 or tasks:
        return None
    first, second = agencies
    marked = text[:first.start] + NAME_MARK + text[first.end:second.start] + NAME_MARK + text[second.end:]
    marked = re.sub(rf"{NAME_MARK}\s*[(（][^()（）]{{1,24}}[)）]", NAME_MARK, marked)  # "the forestry bureau (SFA)"
    marked = re.sub(rf"['\"‘’“”「」]*({NAME_MARK})['\"‘’“”「」]*", r"\1", marked)  # "the 'IP Office'"
    mutual = V.MERGED_AGENCIES_RE.search(marked)
    became = mutual or V.BECAME_AGENCY_RE.search(marked)
    absorbed = V.ABSORBED_AGENCY_RE.search(marked)
    if absorbed and not became:
        first, second = second, first  # "Did SAMR absorb SAIC?" asks whether SAIC went into SAMR
    elif not became and not V.SAME_AGENCY_RE.search(marked):
        return None
    said = [a.surface.strip("'\"‘’“”「」") for a in (first, second)]
    pair = NamePair(first.ids, said[0], first.via == "successor", second.ids, said[1], second.via == "successor",
                    became=bool(became or absorbed), mutual=bool(mutual),
                    merged=bool(V.MERGED_WORD_RE.search(marked)))
    return Query(Op.LOOKUP, TaskSet(), Field.SAME_AGENCY, names=pair)


def _worded_on(text: str, task) -> tuple[M.AgencyMention, ...]:
    """A name from the task's own list that names no agency out of it (task 17's bare "Copyright"), quoted or not."""
    for agency in task.agencies:
        said = task.wording(agency)
        found = re.search(rf"(?<!\w){re.escape(said)}(?!\w)", text, re.I) if len(said) > 2 else None
        if found:
            return (M.AgencyMention((agency.id,), found.group(0), found.start(), found.end(), via="name"),)
    return ()


def _all_compared(same: str, listed: list, negated: bool) -> Query:
    """"Same lead on all of them?" after a list: the claim that one lead (heading, part) holds for every task on it,
    each task checked, so "No" comes with who leads each."""
    if same == "lead":
        most = max(listed, key=lambda t: len(t.lead_ids))
        leads = tuple(AgencyTerm((i,), Role.LEAD) for i in most.lead_ids)
        return Query(Op.CLAIM, TaskSet(numbers=tuple(t.number for t in listed)), claim=Claim(leads, negated=negated))
    first = listed[0]
    return Query(Op.CLAIM, TaskSet(numbers=tuple(t.number for t in listed)),
                 claim=Claim(part=first.part, heading=None if same == "part" else first.heading_number, negated=negated))


def neighbour_in_list(before: bool, field: Field, ordered: tuple[int, ...], nth: int, notice: Notice,
                      scope: TaskSet | None = None) -> Query | None:
    """The task before or after the nth of a list ("the one after the third one", "最后一项的下一项"): within the list
    the list's neighbour (after an agency's third task, its fourth); past the list's ends, or after a single task,
    the notice's."""
    if not ordered or not (-len(ordered) <= nth <= len(ordered)) or nth == 0:
        return None
    anchor = ordered[nth] if nth < 0 else ordered[nth - 1]
    at = ordered.index(anchor) + (-1 if before else 1)
    if len(ordered) > 1 and 0 <= at < len(ordered):
        return Query(Op.LOOKUP, replace(scope or TaskSet(), numbers=ordered, from_previous=True if scope is None
                                        else scope.from_previous), field, Position.NTH, nth=at + 1)
    return Query(Op.LOOKUP, TaskSet(numbers=(anchor,)), field, Position.PREVIOUS if before else Position.NEXT)


def two_compared(text: str, V: ModuleType, previous: Turn | None, tasks: list[int], names_more: bool,
                 notice: Notice, negated: bool) -> Query | None:
    """Two tasks compared: named in the question ("Do tasks 24 and 25 have the same lead?"), or the two just asked
    about ("Who leads task 24?", "and task 25?", "same lead?"). "Same lead" asks whether the first's leads lead the
    second, "same heading" whether the second sits where the first does, and "what heading are they under?" where
    both sit. A question naming an agency or a part (`names_more`) compares nothing. `V.same_as` says what is
    compared: "lead", "heading" or "part"."""
    if names_more:
        return None
    same = V.same_as(text)
    if same is None and previous is not None and previous.query.field == Field.LEAD and V.SAME_PLAIN_RE.search(text):
        same = "lead"  # "Who leads task 12?", "is it the same as task 13?": the same of what was just asked
    if len(tasks) == 2 and same:
        first, second = notice.task(tasks[0]), notice.task(tasks[1])
    elif not tasks and previous is not None and previous.earlier and previous.focus:
        first, second = notice.task(previous.earlier[0]), notice.task(previous.focus[0])
        if (previous.query.tasks.numbers or ())[:2] == (second.number, first.number):
            first, second = second, first  # both from one turn ("who runs 40 and 41?"): in the order it named them
    elif not tasks and same and previous is not None and len(previous.tasks) > 1 and not previous.focus \
            and (len(previous.tasks) > 2 or V.ALL_LISTED_RE.search(text)):  # "are they all in the same part?"
        return _all_compared(same, [notice.task(n) for n in previous.tasks if notice.has_task(n)], negated)
    elif not tasks and previous is not None and len(previous.tasks) == 2:  # a list of two: "same lead for both?"
        first, second = (notice.task(n) for n in previous.tasks)
    elif len(tasks) == 1 and same == "lead" and previous is not None and len(previous.focus) == 1 \
            and previous.focus[0] != tasks[0] and notice.has_task(previous.focus[0]) and notice.has_task(tasks[0]):
        # "Who leads task 91?", "same lead as task 88?" (和第88项的牵头单位一样吗？): the task shown against the one
        # named, both in the answer with who leads each (h13-103)
        first, second = notice.task(previous.focus[0]), notice.task(tasks[0])
    elif not tasks and same == "lead" and previous is not None and len(previous.focus) == 1 \
            and notice.has_task(previous.focus[0]) and (V.AFTER_RE.search(text) or V.BEFORE_RE.search(text)):
        # "Who leads task 23?", "does the next task have the same lead?": the task shown against its neighbour
        step = 1 if V.AFTER_RE.search(text) else -1
        if not notice.has_task(previous.focus[0] + step):  # after task 106: the position says there is none
            return Query(Op.LOOKUP, TaskSet(numbers=previous.focus), Field.LEAD,
                         Position.NEXT if step > 0 else Position.PREVIOUS)
        first, second = notice.task(previous.focus[0]), notice.task(previous.focus[0] + step)
    else:
        return None
    if same == "lead":
        # the leads of the task with more of them, checked on both: the same lead only if the sets match. Both
        # tasks are in the answer, so "No" comes with who leads each.
        more = second if len(second.lead_ids) > len(first.lead_ids) else first
        leads = tuple(AgencyTerm((i,), Role.LEAD) for i in more.lead_ids)
        return Query(Op.CLAIM, TaskSet(numbers=(first.number, second.number)), claim=Claim(leads, negated=negated))
    if same in ("heading", "part"):
        return Query(Op.CLAIM, TaskSet(numbers=(second.number,)),
                     claim=Claim(part=first.part, heading=None if same == "part" else first.heading_number,
                                 negated=negated))
    if V.WHERE_RE.search(text) and V.BOTH_TASKS_RE.search(text):  # "what heading are they under?"
        return Query(Op.LOOKUP, TaskSet(numbers=tuple(sorted((first.number, second.number)))), Field.WHERE)
    return None


def claim(numbers: tuple[int, ...] | None, agencies: list[AgencyTerm], unknown: tuple[str, ...], negated: bool,
          topic: str, own_topic: bool, claimed_topic: Callable[[], str]) -> Query | None:
    """What a claim checks: agencies (or names that are no agency) on the tasks named or found by the topic, or
    that the tasks are about what the claim says (`claimed_topic`); None when there is nothing to check."""
    if numbers is None and not agencies and not unknown:
        return None
    if unknown and not agencies:
        target = TaskSet(numbers=numbers) if numbers else TaskSet(topic=topic)
        return Query(Op.CLAIM, target, claim=Claim(unknown=unknown, negated=negated))
    if agencies:
        if numbers is None:
            if not own_topic:
                return None  # "Check: MOFCOM": nothing to check it against; the agency's tasks instead
            return Query(Op.CLAIM, TaskSet(topic=topic), claim=Claim(tuple(agencies), negated=negated))
        return Query(Op.CLAIM, TaskSet(numbers=numbers), claim=Claim(tuple(agencies), negated=negated))
    said = claimed_topic()
    if not said:
        return None
    return Query(Op.CLAIM, TaskSet(numbers=numbers), claim=Claim(topic=said, negated=negated))


@dataclass(frozen=True)
class Asked:
    """What a question asks, as its language's parser read it; the steps that follow are `lookup_or_list`'s."""

    field: Field                                 # what a look-up answers
    detail: str                                  # a detail the notice does not state ("a deadline or date"), or ""
    position: Callable[[], Query | None]         # a task next to another, or counted in a set
    count: Callable[[], Query | None]            # "how many", when the question counts
    overview: Callable[[], Query | None]         # what a part or heading named covers
    lists: bool                                  # an agency's tasks as a list, not the one its topic finds
    own_topic: bool                              # the question has a subject of its own, not only "who else?"
    followup: bool                               # it reads as a follow-up to the turn before
    asks_something: bool                         # it asks for a field ("who", "what", "牵头")
    plural: bool                                 # every task about its topic, not the closest one
    own_words: str = ""                          # the subject's words, the agencies and the asking left out
    listed_subject: str = ""                     # what a list of tasks is said to be about ("trademark tasks")


def lookup_or_list(text: str, V: ModuleType, asked: Asked, scope: TaskSet, tasks: tuple[int, ...], topic: str,
                   previous: Turn | None, names_agencies: bool, refs_task: bool, refs_agency: bool) -> Query:
    """The question once claims and rankings are ruled out: a detail the notice does not state, a position, a
    count, a look-up of the tasks named, an overview, an agency's tasks, the previous answer's tasks, the task
    just discussed, or the tasks its topic finds; out of scope when it has no topic and nothing to follow."""
    if asked.detail and (tasks or topic or refs_task):
        unasked = getattr(V, "without_detail", None)
        topic = unasked(topic) if unasked is not None and topic else topic
        target = scope if tasks else (replace(scope, numbers=previous.focus) if refs_task and not topic else
                                      replace(scope, topic=topic))
        return Query(Op.UNSTATED, target, Field.TEXT, detail=asked.detail)
    position = asked.position()
    if position is not None:
        return position
    if V.COUNT_RE.search(text):
        counted = asked.count()
        if counted is not None:
            return counted
    if tasks:
        return Query(Op.LOOKUP, scope, asked.field)
    overview = asked.overview()
    if overview is not None:
        return overview
    if names_agencies or refs_agency:
        terms = len(scope.all_of) + len(scope.any_of) + len(scope.none_of)
        if asked.lists and terms == 1 and scope.part is None and scope.numbers is None \
                and len(asked.own_words.split()) >= 2 and not asked.plural:
            # "Which task assigns the Ministry of Education to fight academic plagiarism?": the subject among the
            # agency's tasks (refused where none speaks of it), not every task of the agency
            return Query(Op.LOOKUP, replace(scope, topic=asked.own_words), asked.field)
        subject = asked.own_words if len(asked.own_words.split()) >= 2 else topic if not asked.own_words else ""
        if terms > 1 and V.HAVE_A_TASK_RE.search(text) and subject and not asked.plural:
            # "SAIC and the farm ministry have a task about rural trademarks - who leads it?" (Chinese: the parser's
            # topic): that subject among the tasks both are on
            return Query(Op.LOOKUP, replace(scope, topic=subject), asked.field)
        if asked.lists and asked.listed_subject and scope.numbers is None:
            # "Which trademark tasks does SAIC lead?", "Which of SIPO's tasks deal with patent pledges?": the
            # agency's tasks that speak of the subject, not all of them
            return Query(Op.LIST, replace(scope, topic=asked.listed_subject, plural=True))
        if asked.lists or scope.part is not None or scope.numbers is not None or terms > 1:
            return Query(Op.LIST, scope)
        # "Who at SIPO handles patent examination?": the topic, among the agency's tasks.
        return Query(Op.LOOKUP, replace(scope, topic=topic), asked.field)
    subject = " ".join(V.LIST_REF_RE.sub(" ", asked.own_words).split()) if scope.from_previous else ""
    if subject and topic and not (scope.shared or scope.unshared or scope.joint or scope.unjoint or scope.excluded
                                  or scope.part is not None or scope.heading is not None):
        # "which of them deals with trade secrets?": the subject searched among the last list's tasks
        plural = asked.plural or bool(V.LIST_SUBJECT_PLURAL_RE.search(text))
        return Query(Op.LIST if plural else Op.LOOKUP, replace(scope, topic=subject, plural=plural), asked.field)
    if scope.numbers is not None:  # "which of those are in part 4?", "who leads them?"
        if V.WHO_RE.search(text) or V.LEAD_RE.search(text) or V.TEXT_RE.search(text) and not scope.part \
                or asked.field == Field.WHERE:  # "它在哪一部分？": where the task sits
            return Query(Op.LOOKUP, scope, asked.field)
        return Query(Op.LIST, scope)
    # A follow-up with no topic of its own: the task just discussed.
    if previous is not None and previous.focus and (refs_task or not asked.own_topic) and asked.followup:
        inherited = previous.query.field if previous.query.op == Op.LOOKUP and not asked.asks_something \
            and asked.field != Field.WHERE else asked.field  # "what heading is that under?" asks where, whatever came before
        if V.MORE_RE.search(text):
            inherited = Field.TEXT
        return Query(Op.LOOKUP, replace(scope, numbers=previous.focus), inherited)
    if not topic:
        if previous is not None and previous.focus and asked.asks_something:
            return Query(Op.LOOKUP, replace(scope, numbers=previous.focus), asked.field)
        return refuse(Refusal.OUT_OF_SCOPE)
    return Query(Op.LIST if asked.plural else Op.LOOKUP, replace(scope, topic=topic, plural=asked.plural), asked.field)
