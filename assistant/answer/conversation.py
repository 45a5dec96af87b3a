"""Conversation state: each earlier turn's resolved query and the tasks its answer gave.

Follow-ups ("those", "the third of those", "the one before it", "that
agency") resolve against the last `Turn`, never by re-reading earlier
questions. History that arrives as plain messages (the API, the eval) is
resolved once per turn, in order: a turn with the assistant's reply takes its
tasks from that reply's citations; a turn without one is answered again.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.answer.execute import Result, members
from assistant.answer.query import Field, Op, Query, TaskSet, Turn
from assistant.answer.vocabulary import MIDDLE_RE, OF_LISTED_RE, WHICH_AGENCIES_RE
from assistant.errors import BadArgument
from assistant.notice.agencies import BY_ID, find_agencies
from assistant.notice.language import is_chinese
from assistant.notice.mentions import MAX_QUESTION_CHARS
from assistant.notice.records import Notice
from assistant.patterns import compile_later

# Turns kept from a long history: follow-ups refer to the last few, and each kept turn without a reply costs a
# search when it is resolved again.
MAX_HISTORY_TURNS = 8
CITATION_RE = compile_later(r"\[Task (\d{1,4})\]")
RANKING_ROW_RE = compile_later(r"^- [^:\[]+: \d+$")


def messages_to_turns(history: Any) -> list[tuple[str, str | None]]:
    """(user text, assistant reply or None) pairs; malformed entries are skipped, a non-list history is an error."""
    if history is None:
        return []
    if isinstance(history, (str, bytes)) or not isinstance(history, (list, tuple)):
        raise BadArgument("history")
    turns: list[tuple[str, str | None]] = []
    for item in history:
        if isinstance(item, str):
            turns.append((item, None))
            continue
        if not isinstance(item, dict) or not isinstance(item.get("content"), str):
            continue
        if item.get("role") == "user":
            turns.append((item["content"], None))
        elif item.get("role") == "assistant" and turns and turns[-1][1] is None:
            turns[-1] = (turns[-1][0], item["content"])
    return turns[-MAX_HISTORY_TURNS:]


# A question that sets up its own list and then narrows it: "Task 29 has 15 agencies on it. Which of those don't
# appear in part 2?" The break before the sentence that refers back.
# The last sentence's words for the list the first set up; a bare "which ones?" asks for the items of the same
# sentence ("Are there headings with only one task? Which ones?"), not for a list to narrow.
# "one of them", "both of them", "either of them" name the items of a comparison, not a list to narrow.
BACK_TO_SETUP_RE = compile_later(r"(?<!\bone )(?<!\bboth )(?<!\beither )(?<!\bneither )(?<!\beach )(?<!\bany )(?<!\ball )"
                              r"\b(?:of|among|from)\s+(?:those|them|these|that list|this list)\b"
                              r"|\b(?:drop|remove|exclude|leave out|take out)\s+(?:the ones|those)\b", re.I)
SENTENCE_BREAK_RE = compile_later(r"(?<=[.?!;:])\s+|\s+[-–—]\s+")


# A list set up in an opening phrase: "Of the agencies in task 88, which lead nothing in part 5?", "Among the
# agencies on tasks 20 to 25, who leads one in part 3?". The set-up is asked as "Which agencies are on task 88?".
OPENING_SETUP_RE = compile_later(r"^\s*(?:of|among|out of|from)\s+(?:all\s+)?(?:the\s+)?(?:\w+\s+)?(?P<noun>agencies|departments|"
                              r"bodies|ministries)\s+(?P<where>(?:on|in|of|for|under|named (?:on|in)|listed (?:on|in))\s+"
                              r"[^,;?]+?)\s*,\s*(?P<asked>which|who|how many|what)\b(?P<rest>.*)$", re.I | re.S)


def setup_and_follow_up(text: str) -> tuple[str, str] | None:
    """The sentences that set up a list and the last one that narrows it ("which of those", "among them"), when
    a question holds both; read as a turn and its follow-up. A message longer than the parser reads is read whole
    (cut, with a note): searching each of 2,000 sentences to the end of the message took 24 s."""
    if len(text) > MAX_QUESTION_CHARS:
        return None
    opening = OPENING_SETUP_RE.match(text)
    if opening:
        asked = "which of them" if opening["asked"].lower() in ("which", "who", "what") else "how many of them"
        return f"Which {opening['noun']} are {opening['where']}?", f"{asked}{opening['rest']}"
    pieces = [(m.start(), m.end()) for m in SENTENCE_BREAK_RE.finditer(text)]
    for start, end in reversed(pieces):
        setup, rest = text[:start].strip(), text[end:].strip()
        if BACK_TO_SETUP_RE.search(rest) and not OF_LISTED_RE.search(setup) and setup and rest:
            return setup, rest
    return None


# Two questions in one message: "Task 18 - are the agencies responsible separately? and who is listed first?". The
# break is a question mark followed by another question; a bare "which ones?" or "who?" (two words at most) asks for
# the items of the first question, which its answer already gives, and so does "which ones are they?".
SECOND_QUESTION_RE = compile_later(r"\?\s+(?=(?:(?:and|also|plus|then|so)[,\s]+)?(?:who|whom|which|what|how|is|are|does|do|did"
                                r"|was|were|can|when|where)\b(?:\W+\w+){2,})"
                                # "... ? and which ones are they": the first question's items, not a second question
                                r"(?!(?:(?:and|also|so)\s+)?(?:which|what|who)(?:\s+ones?)?\s+(?:are|is|were)\s+"
                                r"(?:they|those|these|them|it)\s*[?.!]*$)"
                                # "Is there a fund for ...? Which task sets that up?": the task the first one finds
                                r"(?!(?:(?:and|so)\s+)?(?:which|what) (?:task|item|one|number)\b(?:\s+\w+){0,3}?\s+"
                                r"(?:that|it|this)(?:\s+up|\s+out)?\s*[?.!]*$)", re.I)


_QUESTION_START = r"(?:who|whom|which|what|how|is|are|does|do|did|was|were|can|has|have)\b"
# ... or in one sentence: "who leads task 26, and do the agencies on it each take their own piece?", "Task 37: is each
# agency responsible for its own part, and how many agencies are listed?". A comma, semicolon or dash before the
# second question's first word; two yes/no questions joined so ("is X on it, and is Y?") are one claim of both.
SECOND_CLAUSE_RE = compile_later(rf"(?:,\s*and|;\s*(?:and\s+)?|\s+[-–—]\s+and)\s+(?={_QUESTION_START}(?:\W+\w+){{2,}})", re.I)
FIRST_CLAUSE_RE = compile_later(rf"(?:^|[,:;–—-]\s*){_QUESTION_START}", re.I)
# ... unless the second asks about the first's subject by a pronoun: "Is task 64 led by the MoF, and does it say each
# agency is responsible separately?" asks two things of task 64.
ABOUT_IT_RE = compile_later(r"(?:is|are|does|do|did|was|were|has|have)\s+(?:it|they|that|this)\b", re.I)
YES_NO_START_RE = compile_later(r"(?:^|[,:;–—-]\s*)(?:is|are|does|do|did|was|were|can|has|have)\b", re.I)


# In Chinese: a full-width question mark with a question of four characters or more after it ("第18项谁牵头？各部门是
# 分别负责吗？"); "哪些？" alone asks for the first question's items, and a presumption put back with "吧"
# ("现在应该对应农业农村部吧？") is about the first answer: the message is read whole.
SECOND_QUESTION_ZH_RE = compile_later(r"？\s*(?=[^？?]{4,})(?![^？?]*吧\s*[？?]?\s*$)")


# ... or joined by a bare "and" when the first names a task, a part or an agency ("Who leads task 41 and is the SAIC
# also on task 40?", "How many tasks are in part 1 and who leads the last one?"). A topic question keeps its "and"
# ("rules for how IP data gets gathered and what may go into it" is one subject).
# "... and which ones are they": the first question's items, not a second question (whatever joins them).
ITEMS_OF_FIRST_RE = compile_later(r"\band\s+(?:which|what|who)(?:\s+ones?)?(?:\s+(?:are|is|were)\s+(?:they|those|these|them|it))?"
                               r"\s*[?.!]*\s*$", re.I)
# ... or when the second is a yes/no about what the first found: "Which task covers trade secrets and is the
# Legislative Affairs Office on it?"
YES_NO_ABOUT_IT_RE = compile_later(r"(?:is|are|does|do|did)\b[^?]*\b(?:it|them)\s*\??\s*$", re.I)
# "Which part covers overseas IP risk prevention and how many tasks does it have?": a count of what the first found
COUNT_OF_IT_RE = compile_later(r"how many (?:tasks|items)\b[^?]*\b(?:it|that|there)\b[^?]*\??\s*$", re.I)
BARE_AND_RE = compile_later(rf"\s+and\s+(?={_QUESTION_START}(?:\W+\w+){{2,}})", re.I)


def two_questions(text: str, structured=None) -> tuple[str, str] | None:
    """The two questions of a message that asks two, each to be answered, the second read after the first.
    `structured(first)`: whether a first question names a task, a part or an agency (a bare "and" splits only
    then)."""
    match = SECOND_QUESTION_ZH_RE.search(text.rstrip()) if is_chinese(text) else None
    if match is not None:
        first, second = text[:match.start() + 1].strip(), text[match.end():].strip()
        return (first, second) if first and second else None
    match = SECOND_QUESTION_RE.search(text.rstrip())
    if match is not None:
        first, second = text[:match.start() + 1].strip(), text[match.end():].strip()
        return (first, second) if first and second else None
    match = SECOND_CLAUSE_RE.search(text)
    if match is None and structured is not None and not ITEMS_OF_FIRST_RE.search(text):
        match = next((m for m in BARE_AND_RE.finditer(text) if structured(text[:m.start()])
                      or YES_NO_ABOUT_IT_RE.match(text[m.end():]) or COUNT_OF_IT_RE.match(text[m.end():])), None)
    if match is None:
        return None
    first, second = text[:match.start()].strip(), text[match.end():].strip()
    if not FIRST_CLAUSE_RE.search(first) or (YES_NO_START_RE.search(first) and YES_NO_START_RE.match(second)
                                             and not ABOUT_IT_RE.match(second)):
        return None
    return f"{first}?", second


def citations_in(text: str, notice: Notice) -> tuple[int, ...]:
    """Tasks a reply cites, ignoring numbers the notice does not have ("[Task 999]")."""
    return tuple(dict.fromkeys(n for n in map(int, CITATION_RE.findall(text)) if notice.has_task(n)))


def turn_from(result: Result, notice: Notice, reply: str | None = None, before: Turn | None = None) -> Turn:
    """`before`: the turn before, whose list of agencies stays the one "the second agency" counts in until an
    answer lists others."""
    query = result.query
    tasks = citations_in(reply, notice) if reply is not None else tuple(n for n in result.tasks if notice.has_task(n))
    own = _listed(result, notice, tasks, reply)
    # a list narrowed to nothing ("which of them lead a task there?" -> none) is the list now, empty as it is
    listed = own if own or query.within is not None else (before.listed if before is not None else ())
    # "list the agencies on task 106": a look-up whose question asks for agencies lists them, whatever field it gives
    lists_agencies = bool(own) and (query.op == Op.RANK and (query.rank is None or query.rank.of_agencies)
                                    or query.field in (Field.AGENCIES, Field.SUCCESSOR)
                                    or query.op == Op.LOOKUP and bool(WHICH_AGENCIES_RE.search(query.text)))
    if not own and not tasks and before is not None:  # a turn about one agency of the list keeps it the list
        lists_agencies = before.lists_agencies
    scope = _list_scope(query, notice) if own else None
    scope = scope or (before.scope if before is not None else None)
    # an answer that names one agency as the list it asked for ("of those, 1 is not on task 88: MEP"): "that agency"
    sole = own if query.op == Op.RANK and len(own) == 1 else ()
    if query.field in (Field.NAME, Field.SUCCESSOR) and query.among and not tasks:
        sole = query.among  # "who is the 'Network Office'?", "which tasks is it on?": "it" is that agency
    if query.op == Op.REFUSE or not tasks and query.op not in (Op.LIST, Op.COUNT):
        if query.position is not None and before is not None:  # "the fourth one" of a list of one: the list stays
            return before
        return Turn(query, agencies=sole, listed=listed, lists_agencies=lists_agencies, scope=scope)
    focus = tasks[:1] if query.op in (Op.LOOKUP, Op.CLAIM, Op.UNSTATED) or len(tasks) == 1 else ()
    if query.op == Op.LOOKUP and query.tasks.numbers and not query.tasks.topic and query.position is None:
        focus = tasks[:1]
    agencies: tuple[str, ...] = ()
    if query.op in (Op.LIST, Op.COUNT):
        agencies = tuple(i for term in (*query.tasks.all_of, *query.tasks.any_of) for i in term.ids)
        if not agencies and query.tasks.from_previous and before is not None:
            # "Which tasks is the MoJ on?", "Which of those are in part 2?", "which of those does it lead?": a list
            # narrowed by part or heading is still that agency's
            agencies = before.agencies
    if not agencies and focus:
        agencies = notice.task(focus[0]).lead_ids
    if query.op == Op.LOOKUP and query.among:  # "Who is listed last on task 29?": "it" is that agency
        agencies = query.among
    if query.op == Op.CLAIM and query.claim and query.claim.agencies:
        # "Is MOFCOM on task 90? Does it lead it?": the agency the claim was about, not the task's lead
        agencies = tuple(i for term in query.claim.agencies for i in term.ids)
    earlier = ()
    if before is not None and focus and before.focus and len(before.focus) == 1:
        # a turn about the same task ("same lead?" of task 25) keeps the task before it to compare with
        earlier = before.focus if before.focus != focus else before.earlier
    if query.op == Op.LOOKUP and len(query.tasks.numbers or ()) == 2 and len(tasks) == 2:
        # "compare task 23 and task 30": the two to compare are this turn's; "it" stays the first
        earlier = tasks[1:]
    if (query.position is not None or MIDDLE_RE.search(query.text)) and before is not None \
            and len(before.tasks) > 1 and focus and focus[0] in before.tasks:
        # "who leads the first one?", "the middle one", "the one after that" within a list: the list stays what
        # "the second one" and "the penultimate one" count in
        tasks = before.tasks
    narrowed_from = before.tasks if query.op in (Op.LIST, Op.COUNT) and query.tasks.from_previous \
        and before is not None and not before.lists_agencies else ()
    return Turn(query, tasks, focus, sole or agencies, listed, lists_agencies, scope, earlier, narrowed_from)


def rest_of_list(text: str, previous: Turn | None, rest_said: re.Pattern, one: str,
                 several: str) -> tuple[str, Turn | None, tuple[int, ...]]:
    """"Which of them are in part 2?", then "and the one that isn't - who leads that?": the tasks of the list the
    last turn narrowed, less those it kept, are the list the question is about; the words that point at them
    become a plain "it" (`one`) or "those" (`several`) over that list. Also the tasks so read, for the note."""
    said = rest_said.search(text) if previous is not None and previous.narrowed_from else None
    rest = tuple(n for n in previous.narrowed_from if n not in previous.tasks) if said is not None else ()
    if not rest:
        return text, previous, ()
    listed = Query(Op.LIST, TaskSet(numbers=rest), text="the tasks of the list before, less those kept")
    turn = Turn(listed, rest, rest if len(rest) == 1 else (), previous.agencies)
    return text[:said.start()] + (one if len(rest) == 1 else several) + text[said.end():], turn, rest


def _list_scope(query, notice: Notice) -> TaskSet | None:
    """The part, heading or tasks a list of agencies was drawn from; several scopes as their tasks together."""
    if query.op != Op.RANK:
        return None
    scopes = (query.tasks, *query.joined, *query.versus)
    if query.versus:
        return TaskSet(numbers=tuple(dict.fromkeys(t.number for s in scopes for t in members(s, notice))))
    tasks = query.tasks
    if tasks.part is None and tasks.heading is None and tasks.numbers is None:
        return None
    return TaskSet(part=tasks.part, heading=tasks.heading, numbers=tasks.numbers)


def _listed(result: Result, notice: Notice, tasks: tuple[int, ...], reply: str | None) -> tuple[str, ...]:
    """The agencies an answer listed, in its order: a ranking's rows (as the reply the user saw names them), some
    of a task's agencies, or the agencies of the one task it was about."""
    if result.query.within is not None and result.query.among is not None:  # "which of those were merged into SAMR?"
        return result.query.among
    if result.query.op == Op.RANK:
        if reply is not None:  # a ranking's rows ("- State Intellectual Property Office: 50"), else its first paragraph
            rows = [found[0].id for line in reply.splitlines() if RANKING_ROW_RE.match(line)
                    for found in [find_agencies(line)] if found]
            return tuple(rows) or tuple(a.id for a in find_agencies(reply.split("\n\n")[0]))
        return tuple(a for a, _ in result.ranking if a in BY_ID)
    if len(tasks) == 1 and result.query.op in (Op.LOOKUP, Op.CLAIM, Op.UNSTATED):
        task = notice.task(tasks[0])
        among = result.query.among
        return tuple(i for i in task.agency_ids if among is None or i in among)
    return ()


__all__ = ["MAX_HISTORY_TURNS", "Turn", "citations_in", "messages_to_turns", "turn_from", "Field"]
