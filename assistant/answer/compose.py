"""Grounded answers: Markdown composed from an executed query and the records, never from a model.

An answer leads with what was asked, in one or two sentences, with its
citation "[Task N]"; lists follow as bullet lines. The notice's own words, the
task's place and the 2018 names go into `Answer.evidence`, which the CLI
prints under the answer and the app shows in each citation's card, so nothing
is said twice on screen.
"""

from __future__ import annotations

from assistant.answer.execute import Result, ranked_value
from assistant.answer.query import Field, Op, Position, Query, Rank, Refusal
from assistant.answer.result import Answer
from assistant.notice.agencies import BY_ID, Agency
from assistant.notice.records import Notice, Task

SCOPE_HINT = (
    "The notice divides {last} intellectual-property tasks among government agencies. Ask me who leads a task, "
    "what a task says, which tasks an agency leads or takes part in, or what a part of the notice covers."
)
REFUSALS = {
    Refusal.EMPTY: "Please ask a question about the notice, for example: \"Who leads trade secret protection?\"",
    Refusal.INJECTION: "I answer only from the notice and do not follow instructions given inside a question. "
                       + SCOPE_HINT,
    Refusal.ADVERT: "The notice does not cover this. The advertising text for weighted blankets at the end of the "
                    "source file is not part of the notice, and I do not answer from it.",
    Refusal.OTHER_DOCUMENT: "The notice does not cover this: I answer only from the State Council's 2016 notice "
                            "on the division of key intellectual-property tasks, not from other documents.",
    Refusal.OUT_OF_SCOPE: "The notice does not cover this. " + SCOPE_HINT,
    Refusal.BAD_TASK: "There is no task {value}: the notice has tasks 1 to {last}.",
    Refusal.BAD_PART: "There is no part {value}: the notice has parts 1 to {parts}.",
    Refusal.BAD_HEADING: "Part {part} has headings (1) to ({count}); there is no heading ({heading}).",
    Refusal.UNKNOWN_AGENCY: "The notice names no agency called {value}.",
    Refusal.UNMENTIONED: "The notice does not mention {value}, so it does not answer this. " + SCOPE_HINT,
}
FILTERED_OUT = ("None of the tasks your filters allow covers this closely enough. "
                "Clear the filters to search all {last} tasks.")


def cite(number: int) -> str:
    return f"[Task {number}]"


def join(items: list[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + ", and " + items[-1]


def _count(n: int, noun: str = "task") -> str:
    plural = {"agency": "agencies"}.get(noun, noun + "s")
    return f"{n} {noun if n == 1 else plural}"


def _short(text: str, words: int = 10) -> str:
    cut = text.split()
    return " ".join(cut[:words]) + ("..." if len(cut) > words else "")


# --- agency names ---------------------------------------------------------------------------------

def notice_wording(agency: Agency, task: Task) -> str:
    return task.wording(agency)


def name(agency: Agency, task: Task | None = None, bold: bool = False) -> str:
    label = f"**{agency.name}**" if bold else agency.name
    wording = notice_wording(agency, task) if task else ""
    return f'{label} (the notice: "{wording}")' if wording else label


def lead_names(task: Task) -> str:
    return "; ".join(a.name for a in task.leads)


def reorganisation_notes(agency_list: list[Agency]) -> str:
    changed = list({a.id: a for a in agency_list if a.successor}.values())
    if not changed:
        return ""
    return "Since the 2018 reorganisation:\n" + "\n".join(f"- {a.name}: {a.successor}." for a in changed)


# --- one task -------------------------------------------------------------------------------------

def quote(task: Task) -> str:
    return f"> {task.text}\n>\n> ({task.agency_text})"


def location(task: Task) -> str:
    return f"Part {task.part} ({task.part_title}), heading ({task.heading_number}) {task.heading}."


def shared_caveat(task: Task) -> str:
    """Tasks whose agencies are "responsible for each responsibility": the first is the lead only nominally."""
    if not task.shared:
        return ""
    return (f"The notice lists the {task.agencies[0].name} first, but says these agencies are each responsible "
            "for their own part of the task.")


def lead_wording_sentence(task: Task) -> str:
    if not task.lead_wording:
        return ""
    first = task.agencies[0]
    if first.id not in task.lead_ids:
        return (f'The notice lists the {first.name} first, but its wording "{task.lead_wording}" names '
                f"{join([a.name for a in task.leads])} as lead.")
    return f'The notice names the lead explicitly ("{task.lead_wording}").'


def lead_sentence(task: Task) -> str:
    leads = [name(a, task, bold=True) for a in task.leads]
    verb = "is led jointly by" if len(leads) > 1 else "is led by"
    sentence = f"Task {task.number} {verb} {join(leads)}."
    others = task.others
    if others:
        label = "also takes part" if len(others) == 1 else "also take part"
        sentence += f" {_capital(join([name(a, task) for a in others]))} {label}."
    else:
        sentence += " No other agency is listed."
    return f"{sentence} {cite(task.number)}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def statement(task: Task, field: Field) -> str:
    """The sentence that answers `field` for one task, with its citation and the lead caveats."""
    if field == Field.AGENCY_COUNT:
        return f"**{len(task.agencies)}.** " + statement(task, Field.AGENCIES)
    if field == Field.AGENCIES:
        agencies = task.agencies
        head = (f"Task {task.number} involves {_count(len(agencies), 'agency')}. Lead: "
                f"{join([name(a, task, bold=True) for a in task.leads])}.")
        if task.others:
            head += f" Taking part: {join([name(a, task) for a in task.others])}."
        head += f" {cite(task.number)}"
    elif field == Field.TEXT:
        head = (f"Task {task.number} reads: \"{task.text}\" It is led by "
                f"{join([name(a, task, bold=True) for a in task.leads])}"
                + (f", with {join([a.name for a in task.others])}." if task.others else ".") + f" {cite(task.number)}")
    elif field == Field.WHERE:
        head = (f"Task {task.number} is in part {task.part} ({task.part_title}), under heading ({task.heading_number}) "
                f"\"{task.heading}\". It is led by {join([name(a, task, bold=True) for a in task.leads])}. "
                f"{cite(task.number)}")
    else:
        head = lead_sentence(task)
    extra = " ".join(s for s in (lead_wording_sentence(task), shared_caveat(task)) if s)
    return f"{head} {extra}".strip() if field != Field.TEXT or extra else head


def evidence(task: Task) -> str:
    """The notice's words for one task, where it stands and the 2018 names: shown beside the answer, not in it."""
    parts = [f"**{cite(task.number)}** {location(task)}", quote(task)]
    notes = reorganisation_notes(task.agencies)
    if notes:
        parts.append(notes)
    return "\n\n".join(parts)


def task_line(task: Task) -> str:
    caveat = "; each agency has its own part" if task.shared else ""
    return f"- {cite(task.number)} {_short(task.text, 14)} (lead: {lead_names(task)}{caveat})"


# --- answers ----------------------------------------------------------------------------------------

def compose(result: Result, notice: Notice) -> Answer:
    query = result.query
    if result.refusal is not None:
        return _refusal(result, notice)
    op = query.op
    if op == Op.LOOKUP:
        body = _lookup(result, notice)
    elif op == Op.UNSTATED:
        body = _unstated(result, notice)
    elif op in (Op.LIST, Op.OVERVIEW):
        body = _list(result, notice)
    elif op == Op.COUNT:
        body = f"**{result.count}.** " + _list(result, notice, counted=True)
    elif op == Op.RANK:
        body = _rank(result, notice)
    else:
        body = _claim(result, notice)
    cited = [n for n in result.tasks if notice.has_task(n)]
    if op == Op.LIST and not result.tasks:
        cited += list(result.related)
    if op == Op.CLAIM and result.closer:  # the right task for a wrong claim is part of the answer
        cited.append(result.closer)
    cited = list(dict.fromkeys(cited))
    shown = cited if len(cited) <= 3 else []
    return Answer(
        text=_with_notes(body, query), citations=cited, kind=_kind(query), notes=list(query.notes),
        query=query.reading(), evidence="\n\n---\n\n".join(evidence(notice.task(n)) for n in shown),
    )


def _kind(query: Query) -> str:
    return query.op.value if query.op != Op.REFUSE else (query.refusal.value if query.refusal else "refused")


def _with_notes(body: str, query: Query) -> str:
    """Notes (a cut question, a name read as its 2016 agency) follow the answer: the answer comes first."""
    return "\n\n".join([body, *(f"_{n}_" for n in query.notes)])


def _refusal(result: Result, notice: Notice) -> Answer:
    query = result.query
    refusal = result.refusal or Refusal.OUT_OF_SCOPE
    if result.filtered_out:
        text = FILTERED_OUT.format(last=notice.last_task)
    elif refusal == Refusal.BAD_HEADING:
        part, heading = query.refused_value.split(":")
        text = REFUSALS[refusal].format(part=part, heading=heading, count=len(notice.headings_of(int(part))))
    else:
        value = (" or ".join(query.unmentioned or [f'"{w}"' for w in query.unknown_words])
                 if refusal == Refusal.UNMENTIONED else query.refused_value)
        text = REFUSALS[refusal].format(value=value, last=notice.last_task, parts=len(notice.parts))
    kind = {Refusal.BAD_PART: "bad_task", Refusal.BAD_HEADING: "bad_task",
            Refusal.UNMENTIONED: "out_of_scope"}.get(refusal, refusal.value)
    return Answer(_with_notes(text, query), [], kind=kind, refused=True, notes=list(query.notes),
                  query=query.reading())


def _lookup(result: Result, notice: Notice) -> str:
    query = result.query
    if result.out_of_range:
        return _out_of_range(result, notice)
    tasks = [notice.task(n) for n in result.tasks]
    if not tasks:
        return "No task matches that."
    if query.position is not None:
        intro = _position_intro(result, notice)
        return intro + statement(tasks[0], query.field)
    if query.tasks.topic and len(tasks) == 1:
        body = f"The notice covers this in task {tasks[0].number}. " + statement(tasks[0], query.field)
        if query.unmentioned:
            body += (f"\n\nThe notice does not mention {' or '.join(query.unmentioned)}: this is the task closest to the "
                     "rest of your question.")
        if result.runner_up:
            runner = notice.task(result.runner_up)
            body += (f"\n\nClose call: task {runner.number} fits your words almost as well ({_short(runner.text)}; "
                     f"lead: {lead_names(runner)}). Ask about task {runner.number} if that is the one you mean.")
        if result.related:
            body += "\n\nRelated tasks you may also want to check: " + ", ".join(
                f"task {n} ({_short(notice.task(n).text)})" for n in result.related) + "."
        return body
    if len(tasks) > 1 and query.tasks.topic:
        return "\n".join([f"The notice covers this in {len(tasks)} tasks:", *[task_line(t) for t in tasks]])
    return "\n\n".join(statement(t, query.field) for t in tasks)


def _position_intro(result: Result, notice: Notice) -> str:
    query = result.query
    if query.position in (Position.NEXT, Position.PREVIOUS):
        anchor = result.related[0] if result.related else None
        word = "after" if query.position == Position.NEXT else "before"
        return f"The task {word} task {anchor} is task {result.tasks[0]}. " if anchor else ""
    scope = _scope_words(query, notice)
    which = {Position.FIRST: "first", Position.LAST: "last"}.get(query.position, _ordinal(query.nth))
    return f"The {which} task {scope} is task {result.tasks[0]}. "


def _scope_words(query: Query, notice: Notice) -> str:
    tasks = query.tasks
    if tasks.from_previous:
        return "on that list"
    if tasks.part is not None and tasks.heading is not None:
        heading = next((h for h in notice.headings if h.part == tasks.part and h.number == tasks.heading), None)
        return f"under heading ({tasks.heading}) of part {tasks.part}" + (f", \"{heading.title}\"," if heading else "")
    if tasks.part is not None:
        return f"in part {tasks.part}"
    if tasks.all_of or tasks.any_of:
        return "of that set"
    return "in the notice"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _out_of_range(result: Result, notice: Notice) -> str:
    query = result.query
    if query.position in (Position.NEXT, Position.PREVIOUS) and result.tasks:
        edge = "last" if query.position == Position.NEXT else "first"
        return f"Task {result.tasks[0]} is the {edge} task of the notice; there is none {'after' if edge == 'last' else 'before'} it."
    if result.count:
        return f"That set has only {_count(result.count)}, so there is no {_ordinal(query.nth)} one."
    return "No task matches that, so there is no such position."


def _unstated(result: Result, notice: Notice) -> str:
    query = result.query
    tasks = [notice.task(n) for n in result.tasks[:3]]
    numbers = join([f"task {t.number}" for t in tasks])
    head = (f"The notice does not state {query.detail} for {numbers}: it divides the work among agencies and "
            "gives no deadlines, budgets, places, names or figures. What it does say:")
    return "\n\n".join([head, *[statement(t, Field.TEXT) for t in tasks]])


def _list_head(result: Result, notice: Notice, n: int) -> str:
    query = result.query
    tasks = query.tasks
    if query.op == Op.OVERVIEW:
        return _overview_head(result, notice)
    if query.op == Op.LIST and tasks.topic:
        return f"The notice covers this in {_count(n)}" + (":" if n else ".")
    reading = tasks.reading()
    subject = reading[0].upper() + reading[1:]
    if tasks.from_previous:
        subject = subject.replace("The tasks of the previous answer minus those", "Of the tasks in the previous answer, "
                                  "those except").replace("The tasks of the previous answer",
                                                                "Of the tasks in the previous answer, those")
    return f"{subject}: {_count(n)}" + (":" if n else ".")


def _overview_head(result: Result, notice: Notice) -> str:
    tasks = result.query.tasks
    numbers = result.tasks
    span = (f"tasks {numbers[0]} to {numbers[-1]}" if len(numbers) > 1 else f"task {numbers[0]}") if numbers else "no tasks"
    if tasks.part is not None and tasks.heading is not None:
        heading = next(h for h in notice.headings if h.part == tasks.part and h.number == tasks.heading)
        return f"Heading ({tasks.heading}) of part {tasks.part}, \"{heading.title}\", has {_count(len(numbers))} ({span}):"
    if tasks.part is not None:
        part = notice.part(tasks.part)
        return (f"Part {tasks.part}, \"{part.title}\", has {len(notice.headings_of(tasks.part))} headings and "
                f"{_count(len(numbers))} ({span}):")
    return f"Heading ({tasks.heading}) in every part has {_count(len(numbers))}:"


def _list(result: Result, notice: Notice, counted: bool = False) -> str:
    tasks = [notice.task(n) for n in result.tasks]
    head = _list_head(result, notice, len(tasks))
    lines = [head]
    query = result.query
    terms = query.tasks
    if (len(terms.all_of) == 1 and not terms.any_of and not terms.none_of and terms.all_of[0].role.name == "ANY"
            and len(terms.all_of[0].ids) == 1 and tasks):
        agency_id = terms.all_of[0].ids[0]
        leads = sum(t.led_by(agency_id) for t in tasks)
        lines[0] = head[:-1] + f": it leads {leads} and takes part in {len(tasks) - leads} more, where others lead."
    if query.op == Op.OVERVIEW and query.tasks.heading is None and query.tasks.part is not None:
        for heading in notice.headings_of(query.tasks.part):
            lines.append(f"\n**{heading.label}**")
            lines += [task_line(t) for t in tasks if t.heading_number == heading.number]
    elif len(tasks) == 1 and query.op == Op.LIST:
        lines += [task_line(tasks[0]), "", statement(tasks[0], Field.LEAD)]
    else:
        lines += [task_line(t) for t in tasks]
    if not tasks and result.related:
        lines += [f"It takes part in {_count(len(result.related))}, led by other agencies:",
                  *[task_line(notice.task(n)) for n in result.related]]
    elif not tasks and query.tasks.all_of and not counted:
        lines.append(_nearest_hint(query, notice))
    agencies = [BY_ID[i] for term in (*query.tasks.all_of, *query.tasks.any_of) for i in term.ids]
    notes = reorganisation_notes(agencies)
    return "\n".join(lines) + (f"\n\n{notes}" if notes and not counted else "")


def _nearest_hint(query: Query, notice: Notice) -> str:
    ids = [i for term in query.tasks.all_of for i in term.ids]
    counts = [f"the {BY_ID[i].name} takes part in {_count(len(notice.tasks_involving(i)))} and leads "
              f"{len(notice.tasks_led_by(i))}" for i in ids]
    return "For reference: " + "; ".join(counts) + "."


def _rank(result: Result, notice: Notice) -> str:
    query = result.query
    rank = query.rank
    scope = f" in part {query.tasks.part}" if query.tasks.part else ""
    if rank in (Rank.AGENCY_BY_LEADS, Rank.AGENCY_BY_TASKS):
        verb = "leads" if rank == Rank.AGENCY_BY_LEADS else "takes part in"
        ranking = result.ranking
        if not ranking:
            return "No agency matches that."
        best = ranked_value(ranking, query)
        top = [a for a, n in ranking if n == best]
        names = join([f"**{BY_ID[a].name}**" for a in top])
        word = "most" if query.most else "fewest"
        if query.nth > 1 and best != ranking[0][1]:
            word = f"{_ordinal(query.nth)}-{word}"
        left_out = [BY_ID[i].name for term in query.tasks.none_of for i in term.ids] + \
            [BY_ID[i].name for i in query.excluding]
        left_out += [kind for kind, on in (("tasks with joint leads", query.tasks.unjoint),
                                           ("tasks whose agencies are each responsible", query.tasks.unshared)) if on]
        after = f" (leaving out the {join(left_out)})" if left_out else ""
        head = (f"{names} {verb if len(top) == 1 else verb.replace('leads', 'lead').replace('takes', 'take')} the "
                f"{word} tasks{scope}{after}: {best} each." if len(top) > 1 else
                f"{names} {verb} the {word} tasks{scope}{after}: {_count(best)}.")
        table = [f"- {BY_ID[a].name}: {n}" for a, n in ranking[:8]]
        theirs = [task_line(notice.task(n)) for n in result.tasks]
        return "\n".join([head, "", *theirs, "", f"Ranking ({'most' if query.most else 'fewest'} first):", *table])
    if rank == Rank.AGENCY_ONE_TASK:
        rows = [f"- {BY_ID[a].name}: " + join([cite(t.number) for t in notice.tasks if t.involves(a)])
                for a, _ in result.ranking]
        many = "one task" if query.exactly == 1 else f"{query.exactly} tasks"
        return "\n".join([f"**{result.count}.** {join([BY_ID[a].name for a, _ in result.ranking])} "
                          f"{'is' if result.count == 1 else 'are'} named in exactly {many}{scope}:", *rows])
    if rank == Rank.TASK_BY_AGENCIES:
        number, size = result.ranking[0]
        task = notice.task(int(number))
        word = "most" if query.most else "fewest"
        ties = [int(n) for n, s in result.ranking if s == size]
        lead = (f"**{size}.** Task {task.number} names the {word} agencies{scope}: {size}. {cite(task.number)}"
                if len(ties) == 1 else f"**{size}.** {len(ties)} tasks tie for the {word} agencies{scope} ({size} "
                "each): " + ", ".join(cite(n) for n in ties) + ".")
        rows = [f"- task {n}: {s} agencies" for n, s in result.ranking[:5]]
        return "\n".join([lead, "", *rows])
    if rank in (Rank.TASKS_ONE_AGENCY, Rank.JOINT_LEADS, Rank.SHARED):
        what = {Rank.TASKS_ONE_AGENCY: "name exactly one agency",
                Rank.JOINT_LEADS: "have more than one lead agency",
                Rank.SHARED: "say their agencies are each responsible for their own part"}[rank]
        tasks = [notice.task(n) for n in result.tasks]
        return "\n".join([f"**{len(tasks)}.** {len(tasks)} tasks{scope} {what}:", *[task_line(t) for t in tasks]])
    if rank == Rank.HEADINGS_IN_PART:
        part = query.tasks.part
        headings = notice.headings_of(part) if part else notice.headings
        where = f"Part {part}" if part else "The notice"
        rows = [f"- ({h.number}) {h.title}" + ("" if part else f" (part {h.part})") for h in headings]
        return "\n".join([f"**{len(headings)}.** {where} has {len(headings)} headings:", *rows])
    if rank == Rank.HEADING_ONE_TASK:
        rows = []
        for key, _ in result.ranking:
            part, number = map(int, key.split(":"))
            heading = next(h for h in notice.headings if h.part == part and h.number == number)
            task = notice.tasks_in(part, number)[0]
            rows.append(f"- Part {part}, heading ({number}) {heading.title}: {cite(task.number)}")
        return "\n".join([f"**{result.count}.** {result.count} headings{scope} hold exactly one task:", *rows])
    if rank == Rank.HEADING_BY_TASKS:
        key, size = result.ranking[0]
        part, number = map(int, key.split(":"))
        heading = next(h for h in notice.headings if h.part == part and h.number == number)
        ties = [k for k, s in result.ranking if s == size]
        word = "most" if query.most else "fewest"
        head = (f"**{size}.** Heading ({number}) of part {part}, \"{heading.title}\", has the {word} tasks{scope}: "
                f"{_count(size)} "
                + ", ".join(cite(t.number) for t in notice.tasks_in(part, number)) + ".")
        if len(ties) > 1:
            head += f" {len(ties) - 1} other heading(s) tie with it."
        rows = [f"- Part {k.split(':')[0]}, heading ({k.split(':')[1]}): {_count(s)}" for k, s in result.ranking[:6]]
        return "\n".join([head, "", *rows])
    if rank == Rank.PART_BY_TASKS:
        number, size = result.ranking[0]
        part = notice.part(int(number))
        word = "most" if query.most else "fewest"
        rows = [f"- Part {n} ({notice.part(int(n)).title}): {_count(s)}" for n, s in result.ranking]
        return "\n".join([f"**{size}.** Part {part.number}, \"{part.title}\", has the {word} tasks: {_count(size)}.",
                          "", *rows])
    if rank == Rank.PARTS:
        return (f"**{len(notice.parts)}.** The notice has {len(notice.parts)} parts:\n"
                + "\n".join(f"{p.number}. {p.title}" for p in notice.parts))
    named = notice.agencies_named()
    return (f"**{len(named)}.** The notice names {len(named)} agencies (counting each agency once, however the "
            "translation names it). `ipqa agencies` lists them with their tasks.")


def _claim(result: Result, notice: Notice) -> str:
    query = result.query
    claim = query.claim
    verdict = "**Yes.**" if result.verdict else "**No.**"
    tasks = [notice.task(n) for n in result.tasks]
    if claim is None or not tasks:
        return verdict
    if claim.unknown and not claim.agencies:
        task = tasks[0]
        return (f"**No.** The notice names no agency called \"{claim.unknown[0]}\". {statement(task, Field.LEAD)}")
    if claim.part is not None or claim.heading is not None:
        return f"{verdict} " + " ".join(f"{cite(t.number)} is in {location(t)}" for t in tasks)
    if claim.exists:
        return f"{verdict} " + _exists_sentence(result, notice, tasks)
    if claim.every:
        return f"{verdict} " + _every_sentence(result, notice, tasks)
    if claim.shared is not None or claim.agency_count is not None:
        return f"{verdict} " + " ".join(_task_fact(t) for t in tasks) + "\n\n" + \
            "\n\n".join(statement(t, Field.LEAD) for t in tasks)
    if not claim.agencies:
        task = tasks[0]
        if (result.verdict != claim.negated):
            body = f"{verdict} {cite(task.number)} does cover that."
        else:
            body = f"{verdict} {cite(task.number)} is about something else: \"{_short(task.text, 16)}\""
            if result.closer:
                closer = notice.task(result.closer)
                body += (f"\n\nWhat you describe is closer to task {closer.number}: \"{_short(closer.text, 16)}\" "
                         f"(lead: {lead_names(closer)}). {cite(closer.number)}")
        return body + "\n\n" + statement(task, Field.LEAD)
    details = []
    for task in tasks:
        for term in claim.agencies:
            for agency_id in term.ids:
                agency = BY_ID[agency_id]
                details.append(_role_sentence(agency, task, term.said))
    statements = "\n\n".join(statement(t, Field.LEAD) for t in tasks)
    return f"{verdict} " + " ".join(details) + "\n\n" + statements


def _every_sentence(result: Result, notice: Notice, tasks: list[Task]) -> str:
    """"X leads every task in part 5": all of them, or the ones it does not, each with its real lead."""
    term = result.query.claim.agencies[0]
    who = join([BY_ID[i].name for i in term.ids])
    where = _scope_words(result.query, notice).rstrip(",")
    failing = [t for t in tasks if not any(t.involves(i) for i in term.ids) or
               term.role.name.endswith("LEAD") and not any(t.led_by(i) for i in term.ids)]
    if len(tasks) == result.count and not failing:
        return f"The {who} {term.role.value} all {_count(len(tasks))} {where}: " + join([cite(t.number) for t in tasks]) + "."
    return (f"Of the {_count(result.count)} {where}, the {who} does not hold that role on {_count(len(tasks))}: "
            + "; ".join(f"{cite(t.number)} (lead: {lead_names(t)})" for t in tasks) + ".")


def _task_fact(task: Task) -> str:
    shared = ("says its agencies are each responsible for their own part" if task.shared else
              "does not say its agencies are each responsible for their own part")
    return f"{cite(task.number)} names {_count(len(task.agency_ids), 'agency')} and {shared}."


def _exists_sentence(result: Result, notice: Notice, tasks: list[Task]) -> str:
    """"X doesn't lead any task": the tasks where the role holds, or, when none does, where the agency is at all."""
    term = result.query.claim.agencies[0]
    who = join([BY_ID[i].name for i in term.ids])
    where = _scope_words(result.query, notice)
    cites = join([cite(t.number) for t in tasks])
    if result.count:
        return f"The {who} {term.role.value} {_count(result.count)} {where}: {cites}."
    if tasks:
        return f"The {who} {term.role.value} no task {where}. It is on {_count(len(tasks))}: {cites}."
    return f"The {who} {term.role.value} no task {where}."


def _role_sentence(agency: Agency, task: Task, said: str) -> str:
    label = f"{said} ({agency.name})" if said else f"the {name(agency, task)}"
    label = label[0].upper() + label[1:]
    if task.led_by(agency.id):
        if len(task.lead_ids) > 1:
            others = join([a.name for a in task.leads if a.id != agency.id])
            return f"{label} is one of the leads of {cite(task.number)}, jointly with the {others}."
        if task.shared:
            return f"{label} is listed first on {cite(task.number)}, but each agency there has its own part."
        return f"{label} leads {cite(task.number)}."
    if task.involves(agency.id):
        return f"{label} takes part in {cite(task.number)} but does not lead it."
    return f"{label} is not among the agencies of {cite(task.number)}."
