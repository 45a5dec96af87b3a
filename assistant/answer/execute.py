"""Typed queries executed on the task records: sets, positions, counts, rankings, claims.

Everything here is exact set arithmetic over the parsed notice, except a
topic, which is ranked by the search layer through `search` (a callable, so
tests can pass a fake and the model is loaded only when a topic is asked).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import Callable, Protocol

from assistant.answer import tuning
from assistant.answer.coverage import TaskWords, by_coverage, own_words, says_all
from assistant.answer.query import (AgencyTerm, Claim, Combine, Compare, Field, NamePair, Op, Position, Query, Rank, Refusal,
                                    Role, TaskSet)
from assistant.answer import vocabulary as V
from assistant.answer.vocabulary import TOPIC_WORDS_RE
from assistant.notice.agencies import BY_ID, Kinship, kinship, successor_named
from assistant.notice.records import Notice, Task
from assistant.notice.segment_zh import has_cjk


class Hit(Protocol):
    task: int
    similarity: float | None


Search = Callable[[str, int], list]


@dataclass(frozen=True)
class Result:
    query: Query
    # The tasks the answer gives, in order: a list's members, the looked-up tasks, the claim's task.
    tasks: tuple[int, ...] = ()
    count: int | None = None
    # For rankings: (agency id, or "part:heading", or task number as text) and its number.
    ranking: tuple[tuple[str, int], ...] = ()
    verdict: bool | None = None
    # A claim's better task, when the claimed one is about something else.
    closer: int | None = None
    # What an asserted claim says that its task does not: rare words it never uses, figures it never gives.
    unsaid: tuple[str, ...] = ()
    # ... and they are its whole subject, which no task speaks of ("Task 16 covers cryptocurrency").
    foreign: bool = False
    # For Field.SAME_AGENCY: how the two names relate in the registry (the verdict is in `verdict`).
    kinship: Kinship | None = None
    # A topic look-up's runner-up when it matched nearly as well (a close call).
    runner_up: int | None = None
    related: tuple[int, ...] = ()
    refusal: Refusal | None = None
    # The topic found nothing among the tasks the scope or the filters allow.
    filtered_out: bool = False
    # A position that falls outside its set ("the task after 106").
    out_of_range: bool = False
    # A refused topic's nearest task, and the question's words it never uses (Refusal.UNCOVERED).
    nearest: int | None = None
    uncovered: tuple[str, ...] = ()
    # What the question took for granted and the notice contradicts: (agency id, role, task) for an agency put on
    # a task that does not name it, or said to lead one it does not ("what does the Ministry of Education do in
    # task 25?"). The answer says so first, then answers about the task.
    not_so: tuple[tuple[str, Role, int], ...] = ()
    # Tasks the question placed in a part or heading they are not in ("which heading under Part IV is task 90
    # filed under?"): said first, then where they are.
    # (task, part, heading, whether a joint lead was assumed)
    not_in: tuple[tuple[int, int | None, int | None, bool], ...] = ()
    # The question's number of agencies for its task when the task names another number: (task, number said).
    miscounted: tuple[int, int] | None = None


def plays(task: Task, agency_id: str, by_leads: bool) -> bool:
    """Whether the agency leads the task (`by_leads`) or is named on it."""
    return task.led_by(agency_id) if by_leads else task.involves(agency_id)


def holding(tasks: list[Task], by_leads: bool) -> Counter[str]:
    """How many of the tasks each agency leads (`by_leads`) or is named on: the count every agency ranking and
    comparison of scopes reads."""
    return Counter(i for t in tasks for i in (t.lead_ids if by_leads else t.agency_ids))


def term_holds(term: AgencyTerm, task: Task) -> bool:
    ids = term.ids
    if term.role == Role.ANY:
        return any(task.involves(i) for i in ids)
    if term.role == Role.LEAD:
        return any(task.led_by(i) for i in ids)
    if term.role == Role.MEMBER:
        return any(task.involves(i) and not task.led_by(i) for i in ids)
    if term.role == Role.SOLE:
        return len(task.agency_ids) == 1 and task.agency_ids[0] in ids
    if term.role == Role.SOLE_LEAD:
        return len(task.lead_ids) == 1 and task.lead_ids[0] in ids
    return False


def admits(tasks: TaskSet, task: Task) -> bool:
    """The set's predicates, except the topic (ranked by search) and the numbers (handled by `members`)."""
    if tasks.part is not None and task.part != tasks.part:
        return False
    if tasks.heading is not None and task.heading_number != tasks.heading:
        return False
    if tasks.shared and not task.shared:
        return False
    if tasks.unshared and task.shared:
        return False
    if tasks.unjoint and len(task.lead_ids) > 1:
        return False
    if tasks.joint and len(task.lead_ids) < 2:
        return False
    if task.number in tasks.excluded:
        return False
    together = tasks.only_together
    if together and not (set(task.agency_ids) <= {i for t in together for i in t.ids}
                         and all(any(task.involves(i) for i in t.ids) for t in together)):
        return False
    if not all(term_holds(t, task) for t in tasks.all_of if t not in together):
        return False
    if tasks.any_of and not any(term_holds(t, task) for t in tasks.any_of):
        return False
    return not any(term_holds(t, task) for t in tasks.none_of)


def members(tasks: TaskSet, notice: Notice) -> list[Task]:
    pool = [notice.task(n) for n in tasks.numbers] if tasks.numbers is not None else list(notice.tasks)
    if replace(tasks, numbers=None, topic="").unconstrained:  # a topic's or a number's set: nothing to filter
        return pool
    return [t for t in pool if admits(tasks, t)]


def relevant(similarity: float | None, text: str, names_agency: bool) -> bool:
    """Is the best task close enough to say the notice covers the question? (bars in answer/tuning.py)"""
    if similarity is None:
        return True
    if similarity < tuning.MIN_SIMILARITY:
        return False
    return (similarity >= tuning.MIN_SIMILARITY_WITHOUT_TOPIC or names_agency or bool(TOPIC_WORDS_RE.search(text))
            or (has_cjk(text) and _has_chinese_topic_words(text)))


def _has_chinese_topic_words(text: str) -> bool:
    # Imported here: an English question never loads the Chinese vocabulary (assistant/notice/language.py).
    from assistant.answer.vocabulary_zh import TOPIC_WORDS_RE as TOPIC_WORDS_ZH_RE

    return bool(TOPIC_WORDS_ZH_RE.search(text))


def ranked_by_topic(query: Query, notice: Notice, search: Search, allowed: list[Task]) -> list:
    """Hits for the topic among the allowed tasks, best first; [] when none is close enough."""
    allowed_numbers = {t.number for t in allowed}
    if query.tasks.unlike:  # "..., rather than the search database": not the task that fits that best
        unlike = search(query.tasks.unlike, 1)
        allowed_numbers -= {h.task for h in unlike[:1]}
    hits = [h for h in search(query.tasks.topic, tuning.SEARCH_DEPTH) if h.task in allowed_numbers]
    names_agency = bool(query.tasks.all_of or query.tasks.any_of)
    if not hits:
        return []
    if not relevant(hits[0].similarity, query.text or query.tasks.topic, names_agency):
        # "who handles the TRIPS Agreement?": task 87 names it among eight treaties, which the small model finds
        # near nothing (0.40); the tasks whose own words hold every word of the topic speak of it, and go first
        holding = [h for h in hits if says_all(query.topic_words, own_words(notice.task(h.task)))]
        if not holding:
            return []
        return [*holding, *(h for h in hits if h not in holding)]
    return hits


# Refusals of a topic that a task outside the agency's tasks may still answer.
_TOPIC_REFUSALS = (Refusal.OUT_OF_SCOPE, Refusal.UNCOVERED, Refusal.UNMENTIONED)


def execute(query: Query, notice: Notice, search: Search | None = None, restrict: Callable[[Task], bool] | None = None,
            words: TaskWords | None = None) -> Result:
    """`restrict`: the user's filters (the app's sidebar), applied to topic searches only. `words`: each task's
    own words, to refuse a topic its nearest task never speaks of (`assistant.answer.coverage`)."""
    result = _executed(query, notice, search, restrict, words)
    if query.op == Op.LOOKUP and query.field == Field.SUCCESSOR and query.asks_any and result.refusal is None:
        # "Did that agency survive 2018?", "Does it still exist?": the agencies asked of, or the leads of the task
        asked = [BY_ID[i] for i in query.among] if query.among is not None else \
            [a for n in result.tasks for a in notice.task(n).leads]
        if query.asks_abolished:
            return replace(result, verdict=bool(asked) and all(a.abolished for a in asked))
        return replace(result, verdict=bool(asked) and all(a.survived for a in asked))
    if result.refusal in _TOPIC_REFUSALS and query.op in (Op.LOOKUP, Op.LIST) and query.tasks.topic and query.tasks.all_of \
            and query.tasks.numbers is None and query.position is None and not result.filtered_out \
            and words is not None and query.topic_words:
        elsewhere = _answered_elsewhere(query, notice, search, restrict, words)
        if elsewhere is not None:
            return elsewhere
    return result


def _answered_elsewhere(query: Query, notice: Notice, search: Search | None, restrict: Callable[[Task], bool] | None,
                        words: TaskWords) -> Result | None:
    """"Which task does SIPO lead on patent pledge financing?": none of its tasks speaks of it, but task 102 (led by
    MIIT) does, in nearly all the question's words; answered, with what the question took for granted said first
    (as for a task named by number). A task that only comes near ("SPB inspecting parcels": task 26) is not."""
    relaxed = replace(query, tasks=replace(query.tasks, all_of=(), any_of=()))
    found = _executed(relaxed, notice, search, restrict, words)
    if found.refusal is not None or not found.tasks or not notice.has_task(found.tasks[0]):
        return None
    task = notice.task(found.tasks[0])
    if words.gap(query.topic_words, task.number).share > tuning.ELSEWHERE_MAX_GAP:
        return None
    if query.op == Op.LIST:  # the tasks that speak of it, as among the agency's own (`_speaking_of`)
        kept = tuple(n for n in found.tasks if words.gap(query.topic_words, n).share <= tuning.ELSEWHERE_MAX_GAP)
        found = replace(found, tasks=kept, count=len(kept))
    premise = tuple((term.ids[0], term.role, n) for n in found.tasks[:1] for term in query.tasks.all_of
                    if not term_holds(term, notice.task(n)))
    return replace(found, not_so=premise) if premise else None


def _executed(query: Query, notice: Notice, search: Search | None, restrict: Callable[[Task], bool] | None,
              words: TaskWords | None) -> Result:
    if query.op == Op.REFUSE:
        return Result(query, refusal=query.refusal)
    if query.op == Op.RANK:
        return _rank(query, notice)
    if query.field == Field.NOTICE:  # the notice's own front matter: no task answers it
        return Result(query)
    if query.field == Field.LEAD_RULE:  # the notice's own rule, in a task's list of agencies (task 2's)
        stated = notice.lead_rule_task()
        return Result(query, (stated.number,) if stated is not None else ())
    if query.op == Op.OVERVIEW:
        chosen = members(query.tasks, notice)
        return Result(query, tuple(t.number for t in chosen), count=len(chosen))

    if query.stated_size is not None:  # "Task 29 lists 12 agencies; who leads it?": said first, then answered
        task = next((notice.task(n) for n in query.tasks.numbers or () if notice.has_task(n)), None)
        answered = execute(replace(query, stated_size=None), notice, search, restrict, words)
        wrong = task is not None and len(task.agency_ids) != query.stated_size
        return replace(answered, query=query, miscounted=(task.number, query.stated_size) if wrong else None)
    premise = _false_premise(query, notice)
    if premise:
        relaxed = replace(query, tasks=replace(query.tasks, all_of=(), any_of=(), joint=False))
        return replace(execute(relaxed, notice, search, restrict, words), not_so=premise)
    misplaced = _misplaced(query, notice)
    if misplaced:
        relaxed = replace(query, tasks=replace(query.tasks, part=None, heading=None, joint=False))
        return replace(execute(relaxed, notice, search, restrict, words), not_in=misplaced)
    if query.field == Field.SAME_AGENCY and query.names is not None:  # "Is CNIPA the same as SIPO?": the registry
        pair = query.names
        kin = kinship(pair.first, pair.first_later, pair.second, pair.second_later, pair.second_said)
        return Result(query, verdict=_names_hold(pair, kin), kinship=kin)
    if query.field == Field.NAME and query.among and query.asks_any:  # "Is CNIPA mentioned in the notice?"
        return Result(query, verdict=_name_used(query.among_said, query.among, notice))
    if query.field in (Field.SUCCESSOR, Field.NAME) and query.among is not None and query.tasks.numbers is None:
        return Result(query)  # "what is the first agency called today?", "what does AQSIQ stand for?": the registry
    pool = members(query.tasks, notice)
    topic_hits: list = []
    named: list[int] = []
    if query.tasks.topic:
        allowed = [t for t in pool if restrict is None or restrict(t)]
        filtered = restrict is not None and len(allowed) < len(pool)
        topic_hits = ranked_by_topic(query, notice, search, allowed) if search else []
        named = _speaking_of(query, allowed, topic_hits, words) if query.op in (Op.LIST, Op.COUNT) else []
        if named and (query.tasks.all_of or query.tasks.any_of):
            # "Which tax tasks does the MoF lead?": the agency's tasks that name the subject are the answer, however
            # the search ranked them (task 99's "pre-tax" is no near neighbour of "tax")
            return Result(query, tuple(named), count=len(named))
        elsewhere = _outside_scope(query, notice, search, words, topic_hits) if not filtered else None
        if elsewhere is not None:
            # "the Part VI task about the Boao Forum": the task the words fit is in another part; say so, answer it
            placed = replace(query, tasks=replace(query.tasks, part=None, heading=None, topic="", numbers=(elsewhere,)),
                             op=Op.LOOKUP if query.op in (Op.LIST, Op.COUNT) else query.op)
            result = execute(placed, notice, search, restrict, words)
            return replace(result, not_in=((elsewhere, query.tasks.part, query.tasks.heading, False),))
        if not topic_hits:
            if query.op == Op.COUNT:
                return Result(query, (), count=0)
            return Result(query, refusal=Refusal.OUT_OF_SCOPE, filtered_out=filtered)
        refused = _topic_refusal(query, notice, topic_hits, words, filtered)
        if words is not None:  # a near-tied task holding more of the question's words goes first (coverage.py)
            reordered = by_coverage(topic_hits, words, query.topic_words, refused=refused is not None)
            if reordered[0] is not topic_hits[0] and _topic_refusal(query, notice, reordered, words, filtered) is None:
                topic_hits, refused = reordered, None
        if refused is not None and refused.uncovered and set(refused.uncovered) <= set(query.admin_acts):
            rescued = _speaking_of_the_act(query, notice, topic_hits, words, filtered)
            if rescued is not None:  # "tax incentives for IP-intensive firms": task 56 first, task 99 speaks of tax
                topic_hits, refused = rescued, None
        if refused is not None:
            return refused
        pool = [notice.task(h.task) for h in topic_hits]

    if query.op == Op.CLAIM:
        return _claim(query, notice, pool, topic_hits, search, words)
    given = V.DETAIL_GIVEN.get(query.detail) if query.op == Op.UNSTATED else None
    if given is not None and pool and given.search(pool[0].text):
        # "How often is the annual report released?": the task's own words say it; quote them
        query = replace(query, op=Op.LOOKUP, detail="")
    if query.tasks.whole_heading and topic_hits:  # "the talent heading": the heading of the task the words find
        top = notice.task(topic_hits[0].task)
        heading = replace(query.tasks, part=top.part, heading=top.heading_number, topic="", whole_heading=False)
        chosen = tuple(t.number for t in notice.tasks_in(top.part, top.heading_number))
        return Result(replace(query, op=Op.OVERVIEW, tasks=heading), chosen, count=len(chosen))
    if query.op in (Op.LIST, Op.COUNT):
        if query.tasks.topic:
            near = _clear_matches(topic_hits)
            # One agency's tasks that name the subject were answered above; else its nearest. The whole notice: the
            # search's first and those that name the subject, however far the search put them ("crowdfunding": task
            # 54 first, task 35 beyond the margin); the near hits only when none names it (a paraphrase). For one
            # common word the near hits are noise: "copyright tasks" had 20, three of which say copyright.
            listed = near if query.tasks.all_of or query.tasks.any_of else ([*near[:1], *named] if named else near)
            # In the notice's order, as every other list: "the second one" is then the second in the notice, as a
            # reader checking the notice counts (heldout-16 keyed "the second of the crowdfunding tasks" so)
            pool = [notice.task(n) for n in sorted(dict.fromkeys(listed))]
        chosen = tuple(t.number for t in pool)
        terms = query.tasks.all_of
        unscoped = query.tasks.part is None and query.tasks.heading is None and query.tasks.numbers is None \
            and not query.tasks.shared and not query.tasks.joint  # "SIPO's each-responsible tasks": none is none
        if not chosen and query.op == Op.LIST and len(terms) == 1 and terms[0].role == Role.LEAD and unscoped \
                and not query.tasks.topic and not query.tasks.any_of and not query.tasks.none_of:
            # "Which tasks does CCPIT lead?" -> none; the tasks it takes part in are what the user can use.
            widened = replace(query.tasks, all_of=(replace(terms[0], role=Role.ANY),))
            return Result(query, (), count=0, related=tuple(t.number for t in members(widened, notice)))
        return Result(query, chosen, count=len(chosen))

    # LOOKUP and UNSTATED: one task or a few.
    if query.position is not None:
        return _position(query, notice, pool)
    if query.tasks.topic and not query.tasks.plural:
        close = _close_call(topic_hits)
        related = tuple(h.task for h in topic_hits[1 + bool(close):3 + bool(close)])
        return Result(query, (topic_hits[0].task,), runner_up=topic_hits[1].task if close else None, related=related)
    if query.tasks.topic:
        return Result(query, tuple(_clear_matches(topic_hits)))
    return Result(query, tuple(t.number for t in pool))


def _topic_refusal(query: Query, notice: Notice, hits: list, words: TaskWords | None,
                   filtered: bool) -> Result | None:
    """The refusal of a topic whose first hit does not speak of it, or None when the hit answers it."""
    nearest = hits[0].task
    missing = _named_but_missing(query, notice.task(nearest), words)
    if missing:
        return Result(query, refusal=Refusal.UNCOVERED, nearest=nearest, uncovered=missing)
    if query.unmentioned and _margin(hits) < tuning.UNMENTIONED_MIN_MARGIN:
        return Result(query, refusal=Refusal.UNMENTIONED)
    similarity = hits[0].similarity or 1.0
    if any(query.unknown_share >= share and similarity < bar for share, bar in tuning.UNKNOWN_WORD_BARS):
        return Result(query, refusal=Refusal.UNMENTIONED)
    gap = words.gap(query.topic_words, nearest) if words is not None and query.topic_words else None
    if gap is not None and gap.share >= tuning.UNCOVERED_MIN_SHARE:
        if filtered:
            # the user's filters left only tasks that do not speak of it: say the filters are why
            return Result(query, refusal=Refusal.OUT_OF_SCOPE, filtered_out=True)
        return Result(query, refusal=Refusal.UNCOVERED, nearest=nearest, uncovered=gap.words)
    return None


def _speaking_of_the_act(query: Query, notice: Notice, hits: list, words: TaskWords | None,
                         filtered: bool) -> list | None:
    """The hits with another first that speaks of the administrative act the first hit never does, when one of the
    next `tuning.ACT_RESCUE_DEPTH` is closer in meaning, leaves no more of the question unspoken of, and is not
    refused itself. The fused ranking can put a task first on one rare word ("IP-intensive", task 56) over the task
    that speaks of the act asked about (task 99's "pre-tax" deduction, closer in meaning). A neighbour only nearly
    as close is no reason: "approves a startup's IPO" has task 8's "examination and approval" a little behind."""
    if words is None or hits[0].similarity is None:
        return None
    first = words.gap(query.topic_words, hits[0].task).share
    for hit in hits[1:1 + tuning.ACT_RESCUE_DEPTH]:
        if hit.similarity is None or hit.similarity < hits[0].similarity \
                or words.gap(query.topic_words, hit.task).share > first:
            continue
        reordered = [hit, *(h for h in hits if h is not hit)]
        if _topic_refusal(query, notice, reordered, words, filtered) is None:
            return reordered
    return None


def _acts_unspoken(acts: tuple[str, ...], task: int, words: TaskWords | None) -> tuple[str, ...]:
    """The acts a task's own words (text, heading, gloss, sample questions) never speak of, by their stems."""
    return tuple(act for act in acts if words is not None and not words.uses_any(V.ADMIN_ACTS[act][1], task))


def _named_but_missing(query: Query, nearest: Task, words: TaskWords | None) -> tuple[str, ...]:
    """What the topic names that its nearest task does not cover, however near the rest of its words come: an
    instrument the notice never names ("the Canton Fair"), a fiscal or trade tool the task's own words never use
    ("import tariffs" of task 79; task 7's royalty "tariffs" are its own), an administrative act it never speaks
    of ("approving new drugs" of task 63; task 105's "qualification" is a licence of a person), or a kind of IP right the task does
    not name where it names another ("trademark registration fees" of task 100, which cuts patent fees)."""
    if query.named_instruments:
        return query.named_instruments
    unused = tuple(tool for tool in query.policy_tools
                   if words is not None and words.gap(re.findall(r"[A-Za-z]+", tool), nearest.number).words)
    unused += _acts_unspoken(query.admin_acts, nearest.number, words)
    if unused:
        return unused
    if query.rights:
        own = {right for right, pattern in V.IP_RIGHTS.items() if pattern.search(f"{nearest.heading} {nearest.text}")}
        if own and not own & set(query.rights):
            return query.rights
    # a word of a kind the task has another of: "domestic infringement insurance" of task 101's overseas insurance,
    # "new animal breeds" of task 31's plant varieties (vocabulary.CONTRASTS)
    said = V.CONTRAST_WORD_RE.findall(query.tasks.topic.lower())
    return tuple(dict.fromkeys(w for w in said if _swapped(w, nearest.text)))


def _false_premise(query: Query, notice: Notice) -> tuple[tuple[str, Role, int], ...]:
    """A look-up of tasks named by number, with an agency the question places on them: where the notice does not
    name it there (or it does not lead there), the question's premise is false. Lists and claims are not premises:
    "which tasks does MOE lead in 20-30?" may rightly be empty, and a claim is checked on its own."""
    tasks = query.tasks
    # A premise is about a task or two; "which tasks from 20 to 30 does MOE lead?" filters a range
    if query.op not in (Op.LOOKUP, Op.UNSTATED) or not 1 <= len(tasks.numbers or ()) <= 2 or tasks.from_previous \
            or tasks.topic \
            or query.position is not None or not (tasks.all_of or tasks.any_of):
        return ()
    named = [notice.task(n) for n in tasks.numbers if notice.has_task(n)]
    terms = tasks.all_of if tasks.all_of else tasks.any_of
    wrong = [(term, t) for term in terms for t in named if not term_holds(term, t)]
    if tasks.any_of and not tasks.all_of and len(wrong) < len(terms) * len(named):
        return ()  # "led by either X or Y": one of them holds
    return tuple((term.ids[0], term.role, t.number) for term, t in wrong)


def _outside_scope(query: Query, notice: Notice, search: Search | None, words: TaskWords | None,
                   inside: list) -> int | None:
    """The task outside the part or heading the question names that speaks of its topic, when the best task
    inside it barely does (or none is found there): the task inside leaves at least tuning.SCOPE_MISMATCH_SHARE
    more of the topic's weight unspoken of than the task outside."""
    tasks = query.tasks
    if tasks.part is None and tasks.heading is None or tasks.numbers is not None or search is None \
            or words is None or not query.topic_words:
        return None
    everywhere = ranked_by_topic(query, notice, search, [t for t in notice.tasks if not admits(
        replace(tasks, all_of=(), any_of=(), none_of=()), t)])
    if not everywhere:
        return None
    gap = words.gap(query.topic_words, inside[0].task).share if inside else 1.0
    outside = words.gap(query.topic_words, everywhere[0].task)
    return everywhere[0].task if gap - outside.share >= tuning.SCOPE_MISMATCH_SHARE else None


def _misplaced(query: Query, notice: Notice) -> tuple[tuple[int, int | None, int | None, bool], ...]:
    """Tasks a look-up names by number and places in a part or heading they are not in, or takes to have joint
    leads ("who besides MOE leads task 103 jointly?")."""
    tasks = query.tasks
    if query.op != Op.LOOKUP or not 1 <= len(tasks.numbers or ()) <= 2 or tasks.from_previous \
            or (tasks.part is None and tasks.heading is None and not tasks.joint) or query.position is not None:
        return ()
    placed = replace(tasks, all_of=(), any_of=(), none_of=())
    return tuple((n, tasks.part, tasks.heading, tasks.joint) for n in tasks.numbers
                 if notice.has_task(n) and not admits(placed, notice.task(n)))


def _position(query: Query, notice: Notice, pool: list[Task]) -> Result:
    position = query.position
    if position in (Position.NEXT, Position.PREVIOUS):
        anchor = pool[0].number if pool else None
        steps = max(query.nth, 1)  # "two after task 99": two places on
        target = None if anchor is None else anchor + (steps if position == Position.NEXT else -steps)
        if target is None or not notice.has_task(target):
            return Result(query, (anchor,) if anchor else (), out_of_range=True)
        return Result(query, (target,), related=(anchor,))
    if not pool:
        return Result(query, (), out_of_range=True)
    if position == Position.FIRST:
        return Result(query, (pool[0].number,))
    if position == Position.LAST:
        return Result(query, (pool[-1].number,))
    if 1 <= query.nth <= len(pool):
        return Result(query, (pool[query.nth - 1].number,))
    return Result(query, (), count=len(pool), out_of_range=True)


def _clear_matches(hits: list) -> list[int]:
    """For "which tasks ...": the top hit, and others nearly as close."""
    top = hits[0].similarity or 0.0

    def listed(h) -> bool:
        similarity = h.similarity or 0.0
        if getattr(h, "lexical_rank", None) is not None:  # holds most of the question's words
            return similarity >= tuning.PLURAL_LEXICAL_MIN_SIMILARITY
        return similarity >= tuning.PLURAL_MIN_SIMILARITY and similarity >= top - tuning.PLURAL_MARGIN

    return [h.task for h in hits if h is hits[0] or listed(h)]


def _speaking_of(query: Query, tasks: list[Task], hits: list, words: TaskWords | None) -> list[int]:
    """For "which trademark tasks does SAIC lead?": every one of `tasks` (the agency's) whose heading and text hold
    nearly all of the subject's words (`tuning.ELSEWHERE_MAX_GAP`), nearest first. Among one agency's tasks the small model's
    near neighbours say little ("patent pledges": task 102 at 0.55, then five SIPO tasks on other things within
    0.05), while a task that names the subject is on it, however far down the search put it. The notice's own words
    decide, not the glosses and sample questions: those name patents for all thirteen of NDRC's tasks, and the
    notice for four."""
    if not tasks or words is None or not query.topic_words:
        return []
    order = {h.task: i for i, h in enumerate(hits)}
    spoken = [t.number for t in tasks if words.gap(query.topic_words, t.number, within=own_words(t)).share
              <= tuning.ELSEWHERE_MAX_GAP]
    return sorted(spoken, key=lambda n: (order.get(n, len(order)), n))


def _margin(hits: list) -> float:
    if len(hits) < 2 or hits[0].similarity is None or hits[1].similarity is None:
        return 1.0
    return hits[0].similarity - hits[1].similarity


def _close_call(hits: list) -> bool:
    if len(hits) < 2 or hits[0].similarity is None or hits[1].similarity is None:
        return False
    return hits[0].similarity - hits[1].similarity < tuning.CLOSE_CALL_MARGIN


def _claim(query: Query, notice: Notice, pool: list[Task], topic_hits: list, search: Search | None,
           words: TaskWords | None = None) -> Result:
    claim = query.claim
    assert claim is not None  # the parser builds every CLAIM with one
    if claim.of_notice:  # "the notice was issued on July 8, 2016": its front matter and its records
        holds = all(_notice_fact_holds(fact, said, notice) for fact, said in claim.of_notice)
        return Result(query, (), verdict=holds != claim.negated)
    if claim.in_parts is not None:  # "Does SIPO appear in every part?": the parts the agency is named in
        theirs = [t for t in notice.tasks if any(t.involves(i) for term in claim.agencies for i in term.ids)]
        holds = bool(theirs) and {t.part for t in theirs} == set(claim.in_parts)
        parts = Counter(t.part for t in theirs)  # each part with its number of the agency's tasks, in order
        cited = tuple(t.number for t in theirs) if len(theirs) <= tuning.ROW_TASKS_MAX else ()  # a few: cited
        return Result(query, cited, verdict=holds != claim.negated, ranking=tuple(sorted(parts.items())))
    if claim.missing_tasks:  # "cites Task 112 as the one on patent navigation": wrong; the subject's task to cite
        return Result(query, (), verdict=claim.negated, closer=pool[0].number if pool else None)
    closer = _cited_elsewhere(query, notice, search, words)
    if closer is not None:  # "SAIC leads trade secret protection (Task 25)": task 25 is about something else
        return Result(query, query.tasks.numbers[:1], verdict=False, closer=closer)
    if claim.than:  # "SAIC leads more tasks than AQSIQ": both agencies' numbers of tasks, in the scope named
        term = claim.agencies[0]
        mine = sum(term_holds(term, t) for t in pool)
        theirs = sum(term_holds(AgencyTerm(claim.than, term.role), t) for t in pool)
        holds = claim.compare.holds(mine, theirs)
        return Result(query, (), verdict=holds != claim.negated,
                      ranking=((term.ids[0], mine), (claim.than[0], theirs)))
    if claim.count is not None:  # "……一共牵头50项任务，对吗？": the set's size against the claimed number
        holds = claim.compare.holds(len(pool), claim.count) and (not claim.tasks or {t.number for t in pool} == set(claim.tasks))
        return Result(query, tuple(t.number for t in pool), count=len(pool), verdict=holds != claim.negated)
    if (claim.part, claim.heading, claim.shared, claim.agency_count, claim.joint) != (None, None, None, None, None) \
            or claim.first_listed:
        # where the task sits, or what it says of its own agencies
        tasks = [notice.task(n) for n in query.tasks.numbers or ()]
        holds = bool(tasks) and all(claim.part in (None, t.part) and claim.heading in (None, t.heading_number)
                                    and claim.shared in (None, t.shared)
                                    and claim.agency_count in (None, len(t.agency_ids))
                                    and claim.joint in (None, len(t.lead_ids) > 1)
                                    and (not claim.first_listed or any(t.agency_ids[0] in term.ids
                                                                       for term in claim.agencies))
                                    and all(term_holds(term, t) for term in claim.agencies) for t in tasks)
        return Result(query, tuple(t.number for t in tasks), verdict=holds != claim.negated)
    if claim.every:  # "X leads every task in part 5": the tasks where it does not, if any
        failing = tuple(t.number for t in pool if not all(term_holds(term, t) for term in claim.agencies))
        holds = bool(pool) and not failing
        return Result(query, failing or tuple(t.number for t in pool), verdict=holds != claim.negated,
                      count=len(pool))
    if claim.exists:  # "X doesn't lead any task": the tasks where it holds, else where the agency is at all
        holding = tuple(t.number for t in pool if all(term_holds(term, t) for term in claim.agencies))
        present = tuple(t.number for t in pool if any(t.involves(i) for term in claim.agencies for i in term.ids))
        return Result(query, holding or present, verdict=bool(holding) != claim.negated, count=len(holding))
    if not pool:
        return Result(query, refusal=Refusal.OUT_OF_SCOPE)
    if claim.agencies or claim.unknown:
        tasks = pool if query.tasks.numbers is not None else pool[:1]
        each = any if claim.any_task else all  # "Does SAIC lead task 40 or task 41 or both?": one of them will do
        holds = bool(claim.agencies) and each(all(_claimed(term, t) for term in claim.agencies) for t in tasks)
        apart = [notice.task(n) for n in claim.not_on if notice.has_task(n)]  # "... but not on 90"
        holds = holds and not any(t.involves(i) for t in apart for term in claim.agencies for i in term.ids)
        # "Task 25 has Customs publish a quarterly report": the agency may be right and what it does not
        # (not the words no task uses: a claim about an agency is chattier, "Seems the post office sits on 29?", and
        # that rule moved 7 pairs of 6 sets the wrong way)
        unsaid = _swaps(claim, tasks[0]) if len(tasks) == 1 else ()
        return Result(query, tuple(t.number for t in (*tasks, *apart)), verdict=(holds and not unsaid) != claim.negated,
                      unsaid=unsaid)
    task = pool[0]
    foreign = _foreign(claim, task, words) if words is not None else ()
    if foreign and len(foreign) == len([w for w in claim.asserted if _worded(w)]):
        # "Task 16 covers cryptocurrency": a subject no task speaks of; no other task is nearer to it
        return Result(query, (task.number,), verdict=claim.negated, unsaid=foreign, foreign=True)
    matches, closer = _fits_topic(task, claim.topic, search, notice, query.text, words)
    unsaid = _unsaid(claim, task, words, foreign) if matches and words is not None else ()
    return Result(query, (task.number,), verdict=(matches and not unsaid) != claim.negated, closer=closer, unsaid=unsaid)


def _names_hold(pair: NamePair, kin: Kinship) -> bool:
    """"Is X the same as Y?" holds for one agency, renamed at most; "Did X become (or go into) Y?" also when X was
    merged into or placed under Y, but not the other way round; "Did X merge with Y?" either way round."""
    if pair.mutual:
        return kin in (Kinship.MERGED, Kinship.ABSORBED)
    if pair.became:
        return kin in (Kinship.SAME, Kinship.MERGED) or kin == Kinship.PLACED_UNDER and not pair.merged \
            or kin == Kinship.RENAMED and not pair.first_later
    return kin in (Kinship.SAME, Kinship.RENAMED)


def _name_used(said: str, ids: tuple[str, ...], notice: Notice) -> bool:
    """Whether the notice uses a name: a 2018 name is not the notice's ("SAMR", and "CNIPA", the name SIPO's fate
    gives it); any other name of an agency the notice names is that agency ("SIPO" for its "Intellectual Property
    Office")."""
    later = successor_named(said) is not None or any(
        said.casefold() != BY_ID[i].name.casefold()
        and re.search(rf"\({re.escape(said)}\)", BY_ID[i].successor, re.IGNORECASE) for i in ids)
    return not later and any(notice.tasks_involving(i) for i in ids)


def _unsaid(claim: Claim, task: Task, words: TaskWords, nowhere: tuple[str, ...]) -> tuple[str, ...]:
    """What a claim adds that its task does not say: a word no task uses in any form, not even in the everyday
    words of the glosses and sample questions ("Task 28 uses blockchain", "Task 63 covers video games"); and, where
    the claim says what the task does, a figure, a name ("WIPO", "Beijing") or a word that changes what the task
    does (vocabulary.STRONG_CLAIM_WORDS: "abolishes", "halves"). `nowhere`: its words no task uses (_foreign)."""
    asserted = claim.asserted
    figures = [w for w in asserted if w[0].isdigit() and w.rstrip("%").strip() not in task.text]
    chinese = [w for w in asserted if has_cjk(w)]  # held to English words of the same force
    unused = words.gap([w for w in asserted if not w[0].isdigit() and w not in chinese], task.number).words
    swapped = _swaps(claim, task)
    if claim.subject:
        return tuple(dict.fromkeys([*nowhere, *swapped]))
    added = [*nowhere, *swapped, *(w for w in unused if w[0].isupper() and not _abbreviates(w, task.text)
                                    or w.lower() in V.STRONG_CLAIM_WORDS)]
    if chinese:  # (the Chinese vocabulary is imported with the first Chinese question, not for English ones)
        from assistant.answer.vocabulary_zh import STRONG_CLAIM_WORDS as ZH_STRONG_CLAIM_WORDS

        added += [w for w in chinese if w in ZH_STRONG_CLAIM_WORDS
                  and not words.uses_any([tuning.stem(e) for e in ZH_STRONG_CLAIM_WORDS[w]], task.number)]
    return tuple(dict.fromkeys([*added, *figures]))


def _abbreviates(word: str, text: str) -> bool:
    """Whether the word is the initials of a name the task spells out ("WTO": "the World Trade Organization")."""
    if not (2 <= len(word) <= 6 and word.isupper()):
        return False
    names = re.findall(r"[A-Z][a-z]+(?:(?:\s+|-)(?:(?:of|and|for|the|on)\s+)*[A-Z][a-z]+)+", text)  # "Asia-Pacific ..."
    initials = ["".join(w[0] for w in re.split(r"[\s-]+", name) if w[0].isupper()) for name in names]
    # a run of names joined by "and" ("the Doha Declaration ... and the Beijing Treaty ...") holds each one's
    return any(said == word or len(word) >= 3 and word in said for said in initials)


def _swapped(word: str, text: str) -> bool:
    """Whether the claim's word is one of a kind (vocabulary.CONTRASTS) that the task does not use, where the task
    uses another of that kind: "trademark" for a task that says patent."""
    used = set(V.CONTRAST_WORD_RE.findall(text.lower()))
    for group in V.CONTRASTS:
        sense = next((s for s in group if word in s), None)
        if sense is not None:
            return not sense & used and any(other & used for other in group if other is not sense)
    return False


def _swaps(claim: Claim, task: Task) -> tuple[str, ...]:
    """The claim's words of a kind the task has another of ("trademark" where it says patent; Chinese words by their
    English, vocabulary_zh.CONTRAST_CLAIM_WORDS)."""
    swapped = [w for w in claim.asserted if not has_cjk(w) and _swapped(w.lower(), task.text)]
    if any(has_cjk(w) for w in claim.asserted):  # (imported with the first Chinese claim)
        from assistant.answer.vocabulary_zh import CONTRAST_CLAIM_WORDS

        swapped += [w for w in claim.asserted if w in CONTRAST_CLAIM_WORDS and _swapped(CONTRAST_CLAIM_WORDS[w], task.text)]
    return tuple(dict.fromkeys(swapped))


def _worded(said: str) -> bool:
    """A word or a name, not a bare figure: "G20" and "5G" are names, "175%" is a figure."""
    return not said[0].isdigit() or bool(re.search(r"[A-Za-z]", said))


def _foreign(claim: Claim, task: Task, words: TaskWords) -> tuple[str, ...]:
    """The claim's words that no task uses in any form, nor this task in a word they are built on."""
    asserted = [w for w in claim.asserted if _worded(w) and not has_cjk(w)]
    return tuple(w for w in words.gap(asserted, task.number).words
                 if not words.used_anywhere(w) and not words.derives(w, task.number) and not _abbreviates(w, task.text))


def _notice_fact_holds(fact: str, said: str, notice: Notice) -> bool:
    """One fact a claim states of the notice: its date and year, its numbers of parts and tasks, who issued it (its
    front matter: "Office of the State Council") and who approved it (the State Council)."""
    from assistant.notice.mentions import number_word

    front = notice.front
    if fact in ("parts", "tasks"):
        size = len(notice.parts) if fact == "parts" else len(notice.tasks)
        return (int(said) if said.isdigit() else number_word(said.lower())) == size
    if front is None:
        return False
    if fact == "date":
        return re.sub(r"(?<=\d)(?:st|nd|rd|th)|,", "", said).split() in (
            front.date.replace(",", "").split(), [front.date.replace(",", "").split()[i] for i in (1, 0, 2)])
    if fact == "year":
        return front.date.endswith(said)
    who = re.sub(r"^the\s+|\s+", " ", said.lower()).strip()
    if fact == "approved":
        return who == "state council"
    return who in _ISSUERS  # its General Office signs it "Office of the State Council"


_ISSUERS = frozenset({"general office of the state council", "office of the state council", "state council general office",
                      "state council's general office", "state council"})


def _claimed(term: AgencyTerm, task: Task) -> bool:
    """Whether a task is as a claim says of one agency. "Task 14 is led solely by the SPC" is false though the SPC is
    its only lead: the notice gives each agency of an "each responsible" task its own part, so no one leads it alone."""
    if term.role == Role.SOLE_LEAD and task.shared and len(task.agency_ids) > 1:
        return False
    return term_holds(term, task)


def _cited_elsewhere(query: Query, notice: Notice, search: Search | None, words: TaskWords | None = None) -> int | None:
    """A claim that names agencies, a subject and one task: the task the subject belongs to, when the cited one is
    about something else. The agencies are then checked there, so a memo with the right lead and the wrong number
    is not "fixed" the wrong way."""
    claim, numbers = query.claim, query.tasks.numbers or ()
    if not claim.topic or not claim.agencies or claim.negated or len(numbers) != 1 or not notice.has_task(numbers[0]):
        return None
    fits, closer = _fits_topic(notice.task(numbers[0]), claim.topic, search, notice, query.text, words)
    return None if fits else closer


def _fits_topic(task: Task, topic: str, search: Search | None, notice: Notice,
                said: str = "", words: TaskWords | None = None) -> tuple[bool, int | None]:
    """Whether a task is about what a claim says, and the task that fits it better when it is not. A treaty or
    forum the claim names by name must be named by the task: "Task 87 lists the Rome Convention" is near task 87 in
    every word, and task 87 names six instruments but not that one. They are read from the claim as `said`: the
    topic has lost the "and the" between two names."""
    instruments = V.named_instruments(said or topic)
    if instruments:
        def names_all(t: Task) -> bool:
            return all(name.lower() in own_words(t).lower() for name in instruments)
        if names_all(task):
            return True, None
        return False, next((t.number for t in notice.tasks if t.number != task.number and names_all(t)), None)
    acts = V.acts_named(topic)  # not `said`: "...Inspection and Quarantine leads ..." names no act
    hits = search(topic, tuning.SEARCH_DEPTH) if search and topic else []
    if search and topic and not hits:
        # the search finds no task the subject belongs to ("第87项提到个人所得税吗？": the glossary has no word of
        # it): no task is about it, the claimed one included
        return False, None
    if words is not None and _acts_unspoken(acts, task.number, words):
        # "Task 25 handles customs clearance, right?": task 25 is customs enforcement and never speaks of
        # clearance; the task that fits is the search's nearest that does, if any
        return False, next((h.task for h in hits if h.task != task.number
                            and not _acts_unspoken(acts, h.task, words)), None)
    similarity = {h.task: h.similarity or 0.0 for h in hits}
    best = hits[0].task if hits else None
    foreign = tuning.kinds_of_right(topic) - tuning.kinds_of_right(own_words(task))
    # The claimed task holds if it is the topic's best task, or nearly as close as the best one among the first
    # few, or it shares most of the claim's words and is not clearly beaten (bars in answer/tuning.py).
    gap = similarity.get(best, 0.0) - similarity.get(task.number, 0.0) if best is not None else 0.0
    near = task.number in [h.task for h in hits[:tuning.CLAIM_TOPIC_TOP_K]] and gap <= tuning.CLAIM_TOPIC_MARGIN
    own = tuning.word_overlap(topic, own_words(task))
    worded = own >= tuning.CLAIM_MIN_OVERLAP
    outworded = best is not None and best != task.number and \
        tuning.word_overlap(topic, own_words(notice.task(best))) - own >= tuning.CLAIM_OUTWORDED
    matches = not foreign and not outworded and (best in (None, task.number) or near or
                                                 worded and gap <= tuning.CLAIM_TOPIC_MARGIN)
    return matches, best if not matches and best is not None and best != task.number else None


def ranked_value(ordered: list | tuple, query: Query) -> int | None:
    """The count at the place asked: the first, or the second distinct count for "the second-most"."""
    values = list(dict.fromkeys(n for _, n in ordered))
    if not values:
        return None
    place = query.nth if 1 < query.nth <= len(values) else 1
    return values[place - 1]


def _rank(query: Query, notice: Notice) -> Result:
    rank = query.rank
    # a ranking counts over the whole notice or a part; over the last answer's tasks when it is narrowed to them
    tasks = [t for t in notice.tasks if admits(replace(query.tasks, numbers=None), t)
             and (not query.tasks.from_previous or t.number in (query.tasks.numbers or ()))]
    if rank in (Rank.AGENCY_BY_LEADS, Rank.AGENCY_BY_TASKS, Rank.AGENCY_ONE_TASK):
        counter: Counter[str] = Counter()
        left_out = {i for term in query.tasks.none_of for i in term.ids}
        tasks = [t for t in notice.tasks if admits(replace(query.tasks, numbers=None, none_of=()), t)]
        by_leads = rank == Rank.AGENCY_BY_LEADS or rank == Rank.AGENCY_ONE_TASK and query.by_leads
        if rank == Rank.AGENCY_ONE_TASK and query.within is not None:  # the last list narrowed ("... only there")
            return _within(query, notice, by_leads)
        if rank == Rank.AGENCY_ONE_TASK and query.versus:  # scopes of their own: nothing of the counts below
            return _combined(query, notice, by_leads)
        if query.ministries_only:  # "which ministries ...": the others are left out as if named
            left_out |= {i for t in tasks for i in t.agency_ids if not BY_ID[i].is_ministry}
        counter.update({a: n for a, n in holding(tasks, by_leads).items() if a not in left_out})
        for agency_id in query.excluding:
            counter.pop(agency_id, None)
        if rank == Rank.AGENCY_ONE_TASK:
            # Every agency the scope names counts, in the order the notice first names it; one that leads none of
            # its tasks counts 0 ("lead no task"). Thresholds ("more than 20") list the busiest first.
            named = dict.fromkeys(i for t in tasks for i in t.agency_ids
                                  if i not in left_out and i not in query.excluding)
            counts = {by_leads: counter}
            for condition in query.also:  # "... but never lead one": the other count, on the same tasks
                counts.setdefault(condition.by_leads, holding(tasks, condition.by_leads))
            ones = tuple((a, counter[a]) for a in named if all(c.compare.holds(counts[c.by_leads][a], c.n)
                                                                for c in query.counts))
            if query.compare != Compare.EXACTLY:  # the answer gives each agency's number, and in a few tasks, its tasks
                listed = query.compare == Compare.AT_LEAST and query.exactly == 1 and not query.also \
                    and len(tasks) <= tuning.ROW_TASKS_MAX
                chosen = tuple(t.number for t in tasks if listed and any(plays(t, a, by_leads) for a, _ in ones))
                return Result(query, chosen, count=len(ones), ranking=tuple(sorted(ones, key=lambda p: -p[1])))
            chosen = tuple(t.number for t in tasks if any(plays(t, a, by_leads) for a, _ in ones))
            return Result(query, chosen, count=len(ones), ranking=ones)
        ordered = sorted(counter.items(), key=lambda p: (-p[1], p[0]) if query.most else (p[1], p[0]))
        value = ranked_value(ordered, query)
        top = [a for a, n in ordered if n == value]
        # "rank agencies by ...", "the top 5": the ranking is the answer, not the first agency's tasks
        theirs = tuple(t.number for t in tasks if len(top) == 1 and not query.top and plays(t, top[0], by_leads))
        return Result(query, theirs, ranking=tuple(ordered))
    if rank == Rank.TASK_BY_AGENCIES:
        ordered = sorted(tasks, key=lambda t: (-len(t.agency_ids), t.number) if query.most else (len(t.agency_ids), t.number))
        # the size at the place asked ("the second-largest"): the nth distinct number of agencies
        top = ranked_value([(t.number, len(t.agency_ids)) for t in ordered], query) or 0
        return Result(query, tuple(t.number for t in ordered if len(t.agency_ids) == top),
                      ranking=tuple((str(t.number), len(t.agency_ids)) for t in ordered))
    if rank == Rank.TASKS_ONE_AGENCY:
        chosen = tuple(t.number for t in tasks if len(t.agency_ids) == 1)
        return Result(query, chosen, count=len(chosen))
    if rank == Rank.JOINT_LEADS:
        chosen = tuple(t.number for t in tasks if len(t.lead_ids) > 1)
        return Result(query, chosen, count=len(chosen))
    if rank == Rank.SAME_AGENCIES:  # "which other task has exactly that same pair of agencies?"
        anchor = notice.task(query.tasks.numbers[0])
        chosen = tuple(t.number for t in notice.tasks
                       if t.number != anchor.number and set(t.agency_ids) == set(anchor.agency_ids))
        return Result(query, chosen, count=len(chosen), related=(anchor.number,))
    if rank == Rank.EXPLICIT_LEADS:  # "take the lead", "led by": the lead is not left to the order of the list
        chosen = tuple(t.number for t in tasks if t.lead_wording)
        return Result(query, chosen, count=len(chosen))
    if rank == Rank.NOT_FIRST_LEAD:
        chosen = tuple(t.number for t in tasks if t.agency_ids and t.agency_ids[0] not in t.lead_ids)
        return Result(query, chosen, count=len(chosen))
    if rank == Rank.TASKS_BY_SIZE:
        chosen = tuple(t.number for t in tasks if query.compare.holds(len(t.agency_ids), query.exactly))
        return Result(query, chosen, count=len(chosen))
    if rank == Rank.SHARED:
        chosen = tuple(t.number for t in tasks if t.shared)
        return Result(query, chosen, count=len(chosen))
    headings = [h for h in notice.headings if query.tasks.part is None or h.part == query.tasks.part]
    sizes = [(f"{h.part}:{h.number}", len(notice.tasks_in(h.part, h.number))) for h in headings]
    if rank == Rank.HEADINGS_IN_PART:
        return Result(query, (), count=len(headings), ranking=tuple(sizes))
    if rank == Rank.HEADING_ONE_TASK:
        ones = tuple(s for s in sizes if s[1] == 1)
        chosen = tuple(t.number for key, _ in ones for t in notice.tasks_in(*map(int, key.split(":"))))
        return Result(query, chosen, count=len(ones), ranking=ones)
    if rank == Rank.HEADING_BY_TASKS:
        ordered = sorted(sizes, key=lambda s: -s[1] if query.most else s[1])
        size = ranked_value(ordered, query)  # "the heading with the second most tasks": at the place asked
        part, number = map(int, next(key for key, n in ordered if n == size).split(":"))
        return Result(query, tuple(t.number for t in notice.tasks_in(part, number)), ranking=tuple(ordered))
    if rank == Rank.PART_BY_TASKS:
        sizes = sorted(((str(p.number), len(notice.tasks_in(p.number))) for p in notice.parts),
                       key=lambda s: -s[1] if query.most else s[1])
        return Result(query, (), count=ranked_value(sizes, query) or sizes[0][1], ranking=tuple(sizes))
    if rank == Rank.PARTS:
        return Result(query, (), count=len(notice.parts))
    if rank == Rank.AGENCIES_NAMED:
        return Result(query, (), count=len(notice.agencies_named()))
    return Result(query, refusal=Refusal.OUT_OF_SCOPE)


def _combined(query: Query, notice: Notice, by_leads: bool) -> Result:
    """The agencies of the first scopes against those of the others: in every one, in the first but in none of
    the others, in any, or in one of two only. Each is counted over the tasks it is judged on (the first side's,
    or every side's where another side may hold it), busiest first."""
    first = list(dict.fromkeys(t for scope in (query.tasks, *query.joined) for t in members(scope, notice)))
    others = [members(scope, notice) for scope in query.versus]
    other_leads = by_leads if query.versus_by_leads is None else query.versus_by_leads
    either_side = query.combine in (Combine.EITHER, Combine.ONE_SIDE)
    pool = list(dict.fromkeys([*first, *(t for tasks in others for t in tasks)])) if either_side else first

    ones, rest = set(holding(first, by_leads)), [set(holding(tasks, other_leads)) for tasks in others]
    if query.versus_member:  # named there, leading nothing there
        rest = [set(holding(tasks, False)) - set(holding(tasks, True)) for tasks in others]
    if query.combine == Combine.BOTH:
        keep = ones.intersection(*rest)
    elif query.combine == Combine.ONLY_FIRST:
        keep = ones.difference(*rest)
    elif query.combine == Combine.EITHER:
        keep = ones.union(*rest)
    else:
        keep = ones.symmetric_difference(rest[0]) if len(rest) == 1 else set()
    kept = list(dict.fromkeys(i for t in pool for i in (*t.lead_ids, *t.agency_ids) if i in keep))
    counts = holding(pool, by_leads)
    ranking = tuple(sorted(((a, counts[a]) for a in kept), key=lambda p: -p[1]))
    # Tasks named by number are the evidence, quoted whole; a part's tasks are too many to quote
    scopes = (query.tasks, *query.joined, *query.versus)
    chosen = tuple(n for s in scopes for n in s.numbers or ()) if all(s.numbers for s in scopes) else ()
    return Result(query, tuple(dict.fromkeys(chosen)), count=len(kept), ranking=ranking)


def _within(query: Query, notice: Notice, by_leads: bool) -> Result:
    """The agencies the last answer listed that hold the role in the scope (or do not), in the list's order."""
    scope = members(query.tasks, notice)
    held = holding(scope, by_leads)
    kept = [a for a in query.within or () if (held[a] > 0) == (query.combine == Combine.BOTH)]
    for other in query.versus:  # "... only in part 2": and in no task elsewhere
        kept = [a for a in kept if not holding(members(other, notice), by_leads)[a]]
    checked = query.tasks.numbers or ()
    # the list's task, and the tasks it is checked on when they are few enough to cite
    chosen = (*query.within_from, *(checked if len(checked) <= tuning.CITED_SCOPE_TASKS else ()))
    if query.combine == Combine.BOTH and len(scope) <= tuning.ROW_TASKS_MAX:  # a few tasks: each agency's, cited
        chosen += tuple(t.number for t in scope if any(plays(t, a, by_leads) for a in kept))
    return Result(query, tuple(dict.fromkeys(chosen)), count=len(kept), ranking=tuple((a, held[a]) for a in kept))


def lookup_field(query: Query) -> Field:
    return query.field
