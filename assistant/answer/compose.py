"""Grounded answers: Markdown composed from the task records, never from a model.

Each function answers one kind of question. Facts (leads, lists, counts)
come from the records; the notice's own words are quoted beside them; every
task an answer rests on is cited as "[Task N]" and listed in `citations`.
"""

from __future__ import annotations

import re

from assistant.notice.agencies import BY_ID, Agency, mentions
from assistant.answer.result import Answer
from assistant.notice.records import Notice, Task
from assistant.answer.understand import Question

SCOPE_HINT = (
    "The notice divides 106 intellectual-property tasks among government agencies. Ask me who leads a task, "
    "what a task says, which tasks an agency leads or takes part in, or what a part of the notice covers."
)


def cite(number: int) -> str:
    return f"[Task {number}]"


def refusal(kind: str, text: str, notes: tuple[str, ...] = ()) -> Answer:
    return Answer(text=text, citations=[], kind=kind, refused=True, notes=list(notes))


def refuse(q: Question, last_task: int) -> Answer:
    """Answers for questions the notice cannot answer, by the reason why."""
    messages = {
        "empty": "Please ask a question about the notice, for example: \"Who leads trade secret protection?\"",
        "injection": "I answer only from the notice and do not follow instructions given inside a question. "
        + SCOPE_HINT,
        "advert": "The notice does not cover this. The advertising text for weighted blankets at the end of the "
        "source file is not part of the notice, and I do not answer from it.",
        "other_document": "The notice does not cover this: I answer only from the State Council's 2016 notice "
        "on the division of key intellectual-property tasks, not from other documents.",
        "out_of_scope": "The notice does not cover this. " + SCOPE_HINT,
    }
    if q.kind == "bad_task":
        numbers = ", ".join(str(n) for n in q.bad_tasks)
        plural = "s" if len(q.bad_tasks) > 1 else ""
        text = f"There is no task {numbers}{'' if not plural else ''}: the notice has tasks 1 to {last_task}."
        if plural:
            text = f"There are no tasks {numbers}: the notice has tasks 1 to {last_task}."
        return refusal("bad_task", text, q.notes)
    return refusal(q.kind, messages.get(q.kind, messages["out_of_scope"]), q.notes)


# --- agency names -------------------------------------------------------------------------

def notice_wording(agency: Agency, task: Task) -> str:
    """How this task's agency list names the agency, when that differs from its canonical name."""
    for mention in mentions(task.agency_text, include_list_only=True):
        if mention.agency.id == agency.id:
            surface = mention.surface.strip()
            return "" if surface.casefold() == agency.name.casefold() else surface
    return ""


def name(agency: Agency, task: Task | None = None, bold: bool = False) -> str:
    label = f"**{agency.name}**" if bold else agency.name
    wording = notice_wording(agency, task) if task else ""
    return f'{label} (the notice: "{wording}")' if wording else label


def join(items: list[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + ", and " + items[-1]


def reorganisation_notes(agency_list: list[Agency]) -> str:
    changed = list({a.id: a for a in agency_list if a.successor}.values())
    if not changed:
        return ""
    lines = [f"- {a.name}: {a.successor}." for a in changed]
    return "Since the 2018 reorganisation:\n" + "\n".join(lines)


# --- one task -----------------------------------------------------------------------------

def quote(task: Task) -> str:
    return f"> {task.text}\n>\n> ({task.agency_text})"


def location(task: Task) -> str:
    return f"Part {task.part} ({task.part_title}), heading ({task.heading_number}) {task.heading}."


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


def lead_wording_sentence(task: Task) -> str:
    if not task.lead_wording:
        return ""
    first = task.agencies[0]
    if first.id not in task.lead_ids:
        return (f'The notice lists the {first.name} first, but its wording "{task.lead_wording}" names '
                f"{join([a.name for a in task.leads])} as lead.")
    return f'The notice names the lead explicitly ("{task.lead_wording}").'


def describe(task: Task, focus: str = "lead", intro: str = "", aside: str = "") -> str:
    """One task as an answer: the fact asked first (then `aside`, if any), the notice's own words and where
    they stand."""
    if focus == "participants":
        agencies = task.agencies
        head = (f"Task {task.number} involves {len(agencies)} "
                f"agenc{'ies' if len(agencies) != 1 else 'y'}. Lead: "
                f"{join([name(a, task, bold=True) for a in task.leads])}.")
        if task.others:
            head += f" Taking part: {join([name(a, task) for a in task.others])}."
        head += f" {cite(task.number)}"
    elif focus == "text":
        head = (f"Task {task.number} reads: \"{task.text}\" It is led by "
                f"{join([name(a, task, bold=True) for a in task.leads])}"
                + (f", with {join([a.name for a in task.others])}." if task.others else ".")
                + f" {cite(task.number)}")
    else:
        head = lead_sentence(task)
    parts = [intro + head if intro else head, *([aside] if aside else [])]
    wording = lead_wording_sentence(task)
    if wording:
        parts.append(wording)
    parts += ["The notice's words:\n\n" + quote(task), location(task)]
    notes = reorganisation_notes(task.agencies)
    if notes:
        parts.append(notes)
    return "\n\n".join(parts)


def about_task(q: Question, notice: Notice, focus: str) -> Answer:
    tasks = [notice.task(n) for n in q.tasks]
    body = "\n\n---\n\n".join(describe(t, focus) for t in tasks)
    return Answer(with_notes(body, q), [t.number for t in tasks], kind=q.kind, notes=list(q.notes))


def about_topic(q: Question, notice: Notice, hits: list[int], focus: str = "lead", close_call: bool = False) -> Answer:
    """The best task for a topic; with `close_call`, the runner-up matched nearly as well and is named
    next to the answer, lead and all, because a near tie is where the first choice is most often wrong."""
    task = notice.task(hits[0])
    intro = f"The notice covers this in task {task.number}. "
    warning = ""
    if close_call and len(hits) > 1:
        runner_up = notice.task(hits[1])
        warning = (f"Close call: task {runner_up.number} fits your words almost as well ({_short(runner_up.text)}; "
                   f"lead: {lead_names(runner_up)}). Ask about task {runner_up.number} if that is the one you mean.")
        hits = [hits[0], *hits[2:]]
    body = describe(task, focus, intro, aside=warning)
    related = [n for n in hits[1:3]]
    if related:
        body += "\n\nRelated tasks you may also want to check: " + ", ".join(
            f"task {n} ({_short(notice.task(n).text)})" for n in related) + "."
    return Answer(with_notes(body, q), [task.number], kind=q.kind, notes=list(q.notes))


def about_topics(q: Question, notice: Notice, numbers: list[int], focus: str = "lead") -> Answer:
    """"Which tasks deal with X?": every task that clearly does, each with its lead."""
    if len(numbers) == 1:
        return about_topic(q, notice, numbers, focus)
    lines = [f"The notice covers this in {len(numbers)} tasks:", *[task_line(notice.task(n)) for n in numbers]]
    return Answer(with_notes("\n".join(lines), q), list(numbers), kind=q.kind, notes=list(q.notes))


def _short(text: str, words: int = 10) -> str:
    cut = text.split()
    return " ".join(cut[:words]) + ("..." if len(cut) > words else "")


def with_notes(body: str, q: Question) -> str:
    return "\n\n".join([*(f"_{n}_" for n in q.notes), body])


# --- lists and counts ---------------------------------------------------------------------

def lead_names(task: Task) -> str:
    return "; ".join(a.name for a in task.leads)


def task_line(task: Task) -> str:
    return f"- {cite(task.number)} {_short(task.text, 14)} (lead: {lead_names(task)})"


def agency_forms(agency: Agency, notice: Notice) -> list[str]:
    """The ways the notice names this agency, when they differ from its canonical name."""
    forms: dict[str, str] = {}
    for task in notice.tasks_involving(agency.id):
        wording = notice_wording(agency, task)
        if wording and wording not in agency.list_only:
            forms.setdefault(wording.casefold(), wording)
    return list(forms.values())


def agency_label(agency: Agency, notice: Notice) -> str:
    forms = agency_forms(agency, notice)
    quoted = ", ".join(f'"{f}"' for f in forms[:4])
    return f"**{agency.name}**" + (f" (the notice: {quoted})" if forms else "")


def agency_tasks(q: Question, notice: Notice) -> Answer:
    sections: list[str] = []
    citations: list[int] = []
    for agency_id in q.agency_ids:
        agency = BY_ID[agency_id]
        led = notice.tasks_led_by(agency_id)
        involved = notice.tasks_involving(agency_id)
        others = [t for t in involved if t.number not in {x.number for x in led}]
        if q.restrict_to:
            pool = set(q.restrict_to)
            chosen = [t for t in (led if q.scope == "lead" else involved) if t.number in pool]
            verb = "leads" if q.scope == "lead" else "takes part in"
            head = (f"{agency_label(agency, notice)} {verb} {len(chosen)} of the {len(pool)} tasks in the previous "
                    "answer" + (":" if chosen else "."))
            sections.append("\n".join([head, *[task_line(t) for t in chosen]]))
            citations += [t.number for t in chosen]
            continue
        label = agency_label(agency, notice)
        if q.scope == "lead":
            head = f"{label} leads {_count(len(led))} of the notice's {len(notice.tasks)}" + (":" if led else ".")
            lines = [head, *[task_line(t) for t in led]]
            if others and led:
                lines.append(f"\nIt also takes part in {_count(len(others))} more, led by other agencies.")
            elif others:
                lines += [f"\nIt takes part in {_count(len(others))}, led by other agencies:", *[task_line(t) for t in others]]
                citations += [t.number for t in others]
            citations += [t.number for t in led]
        else:
            head = (f"{label} takes part in {_count(len(involved))} of the notice's {len(notice.tasks)}: "
                    f"it leads {len(led)} and takes part in {len(others)} more, led by other agencies.")
            lines = [head]
            if led:
                lines += [f"\n**Leads ({len(led)}):**", *[task_line(t) for t in led]]
            if others:
                lines += [f"\n**Takes part in ({len(others)}):**", *[task_line(t) for t in others]]
            citations += [t.number for t in involved]
        sections.append("\n".join(lines))
    notes = reorganisation_notes([BY_ID[i] for i in q.agency_ids])
    body = "\n\n".join(sections + ([notes] if notes else []))
    ordered = sorted(dict.fromkeys(citations))
    return Answer(with_notes(body, q), ordered, kind="agency_tasks", notes=list(q.notes))


def _count(n: int) -> str:
    return f"{n} task{'s' if n != 1 else ''}"


def count(q: Question, notice: Notice) -> Answer:
    text = q.text.lower()
    if q.agency_ids:
        answer = agency_tasks(q, notice)
        agency = BY_ID[q.agency_ids[0]]
        led = notice.tasks_led_by(agency.id)
        involved = notice.tasks_involving(agency.id)
        number = len(led) if q.scope == "lead" else len(involved)
        what = "leads" if q.scope == "lead" else "takes part in"
        head = f"**{number}.** The {agency.name} {what} {_count(number)}."
        return Answer(head + "\n\n" + answer.text, answer.citations, kind="count", notes=answer.notes)
    if q.tasks and re.search(r"\bagenc|\bdepartment|\bbod(?:y|ies)|\bministr", text):
        task = notice.task(q.tasks[0])
        n = len(task.agencies)
        head = f"**{n}.** {cite(task.number)} names {n} agenc{'ies' if n != 1 else 'y'}."
        return Answer(head + "\n\n" + describe(task, "participants"), [task.number], kind="count")
    if re.search(r"joint|more than one lead|two leads|co-?lead|several leads|multiple leads", text):
        joint = [t for t in notice.tasks if len(t.lead_ids) > 1]
        body = "\n".join([f"**{len(joint)}.** {len(joint)} tasks have more than one lead agency:",
                          *[task_line(t) for t in joint]])
        return Answer(body, [t.number for t in joint], kind="count")
    if re.search(r"\bagenc|\bdepartment|\bbod(?:y|ies)|\bministr", text):
        named = notice.agencies_named()
        body = (f"**{len(named)}.** The notice names {len(named)} agencies (counting each agency once, however the "
                "translation names it). `ipqa agencies` lists them with their tasks.")
        return Answer(body, [], kind="count")
    if q.part or q.heading:
        answer = part(q, notice)
        scope = notice.tasks_in(q.part or 1, q.heading)
        return Answer(f"**{len(scope)}.** " + answer.text, answer.citations, kind="count")
    if re.search(r"\bparts?\b", text):
        return Answer(f"**{len(notice.parts)}.** The notice has {len(notice.parts)} parts:\n"
                      + "\n".join(f"{p.number}. {p.title}" for p in notice.parts), [], kind="count")
    if re.search(r"\bheadings?\b|\bsections?\b", text):
        return Answer(f"**{len(notice.headings)}.** The notice has {len(notice.headings)} numbered headings "
                      f"across its {len(notice.parts)} parts.", [], kind="count")
    return Answer(f"**{len(notice.tasks)}.** The notice has {len(notice.tasks)} numbered tasks, "
                  f"in {len(notice.parts)} parts.", [], kind="count")


def part(q: Question, notice: Notice) -> Answer:
    number = q.part or 1
    p = notice.part(number)
    headings = notice.headings_of(number)
    if q.heading is not None:
        headings = [h for h in headings if h.number == q.heading]
        if not headings:
            return refusal("part", f"Part {number} has headings (1) to ({len(notice.headings_of(number))}); "
                           f"there is no heading ({q.heading}).")
    tasks = [t for h in headings for t in notice.tasks_in(number, h.number)]
    span = f"tasks {tasks[0].number} to {tasks[-1].number}" if len(tasks) > 1 else f"task {tasks[0].number}"
    if q.heading is not None:
        head = (f"Heading ({q.heading}) of part {number}, \"{headings[0].title}\", has "
                f"{_count(len(tasks))} ({span}):")
    else:
        head = (f"Part {number}, \"{p.title}\", has {len(headings)} headings and {_count(len(tasks))} ({span}):")
    lines = [head]
    for h in headings:
        if q.heading is None:
            lines.append(f"\n**{h.label}**")
        lines += [task_line(t) for t in notice.tasks_in(number, h.number)]
    return Answer(with_notes("\n".join(lines), q), [t.number for t in tasks], kind="part", notes=list(q.notes))


# --- claims -------------------------------------------------------------------------------

def check_claim(q: Question, notice: Notice, task_number: int, content_matches: bool | None = None,
                closer: int | None = None) -> Answer:
    task = notice.task(task_number)
    claim = q.claim
    assert claim is not None
    if claim.relation == "about":
        holds = bool(content_matches)
        verdict = "**Yes.**" if holds != claim.negated else "**No.**"
        if holds:
            body = f"{verdict} {cite(task.number)} does cover that."
        else:
            body = f"{verdict} {cite(task.number)} is about something else."
            if closer:
                body += f" What you describe is closer to task {closer}: \"{_short(notice.task(closer).text, 16)}\""
        body += "\n\n" + describe(task, "text")
        return Answer(with_notes(body, q), [task.number], kind="claim", notes=list(q.notes))

    claimed = [BY_ID[i] for i in claim.agency_ids]
    if claim.relation == "lead":
        holds = all(task.led_by(a.id) for a in claimed)
    else:
        holds = all(task.involves(a.id) for a in claimed)
    verdict = "**Yes.**" if holds != claim.negated else "**No.**"
    details = []
    for agency in claimed:
        if task.led_by(agency.id):
            role = "leads" if len(task.lead_ids) == 1 else "is one of the leads of"
            details.append(f"The {name(agency, task)} {role} {cite(task.number)}.")
        elif task.involves(agency.id):
            details.append(f"The {name(agency, task)} takes part in {cite(task.number)} but does not lead it.")
        else:
            details.append(f"The {agency.name} is not among the agencies of {cite(task.number)}.")
    body = f"{verdict} " + " ".join(details) + "\n\n" + describe(task, "lead")
    return Answer(with_notes(body, q), [task.number], kind="claim", notes=list(q.notes))
