"""Grounded answers in any language: what an answer says is decided here, once; the words are a phrasebook.

A question asked in Chinese gets the English answer's tasks, counts, verdicts and citations. So every
decision about an answer is made here, once: which case of a `Result` applies, which tasks are listed,
cited and shown as evidence, ties, the rows of a ranking, the heading a ranking key names, which caveats a
task needs. The words come from the language's `Phrasebook`: format templates in
`assistant/answer/phrases/<language>.toml`, one key per phrase, the same keys in every language.
`compose.py` (English) and `compose_zh.py` (Chinese) load their phrasebook and add the little a template
cannot say: how the language reads a set of tasks back ("Tasks where the SAIC leads it in part 2"), and,
for Chinese, the Chinese titles of parts and headings.

Why a phrasebook of templates rather than a subclass per language with a method per phrase: with methods,
every language repeats the same seventy-odd signatures in the same order, and logic creeps back into them (it
had: the two composers this replaced had drifted apart in a dozen places). With templates the languages
share every line of logic, and a translation is a file to compare key by key. The languages still differ in
more than words, and a template can say so: it may leave a field out (Chinese rankings do not list the top
agency's tasks), punctuate a list its own way (`ListPattern`), open with a count ("**N.**"), or be empty where
English says something else instead (`not_alone`). A field a template does not use is ignored; a key a
language lacks stops its phrasebook from loading.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from dataclasses import dataclass, replace

from assistant.answer.execute import Result, admits, plays, ranked_value
from assistant.answer.phrasebook import ListPattern, Phrasebook
from assistant.answer import tuning
from assistant.answer.query import (AgencyTerm, Combine, Compare, Field, Op, Position, Query, Rank, Refusal, Role,
                                    TaskSet, ordinal)
from assistant.answer.result import Answer
from assistant.notice.agencies import BY_ID, Agency, Kinship, successor_named, taken_in_by
from assistant.notice.records import Heading, Notice, Task


def _anchor_found(result: Result) -> bool:
    """A neighbour of a task the question named by its subject ("the task before the software copyright one"): the
    answer names that task too, so the reader can check the words found the task they meant. It is not cited: the
    blind sets key only the neighbour (heldout-3, -4, -4-dev, -5: six pairs; heldout-8 keys both in two)."""
    query = result.query
    return query.position in (Position.NEXT, Position.PREVIOUS) and bool(query.tasks.topic) and bool(result.related) \
        and bool(result.tasks) and result.tasks[0] != result.related[0]


def cite(number: int) -> str:
    return f"[Task {number}]"


def short(text: str, words: int = 10) -> str:
    cut = text.split()
    return " ".join(cut[:words]) + ("..." if len(cut) > words else "")


def bold_count(n: int) -> str:
    """How a count answer opens, in either language: the number in bold."""
    return f"**{n}.** "


def quote(task: Task) -> str:
    """The notice's own words, in English in either language: the notice we have is the English translation."""
    return f"> {task.text}\n>\n> ({task.agency_text})"


def capital(text: str) -> str:
    """The first letter upper-cased (a sentence may open with an agency or a reading); Chinese has no case."""
    return text[:1].upper() + text[1:]


def with_notes(body: str, query: Query) -> str:
    """Notes (a cut question, a name read as its 2016 agency) follow the answer: the answer comes first."""
    return "\n\n".join([body, *(f"_{n}_" for n in query.notes)])


def kind(query: Query) -> str:
    return query.op.value if query.op != Op.REFUSE else (query.refusal.value if query.refusal else "refused")


def heading_of(notice: Notice, part: int, number: int) -> Heading:
    return next(h for h in notice.headings if h.part == part and h.number == number)


@dataclass(frozen=True)
class AgencyRanking:
    """The agencies that lead, or take part in, the most (or fewest) tasks, at the place the question asks."""

    by_leads: bool
    most: bool
    place: int                         # 1, or the place asked for ("排第二")
    size: int                          # the number of tasks at that place
    top: list[Agency]                  # every agency at that place (ties)
    tasks: list[Task]                  # the tasks of the top agency, when it is alone at the first place
    rows: list[tuple[Agency, int]]     # the ranking's first rows
    left_out: list[Agency]             # agencies the question sets aside ("after the IP office, ...")
    scope: str                         # the part, in the language's words, or ""
    listed: bool = False               # the ranking was asked for ("the top 5"): the head names its rows


class Composer(ABC):
    """Walks an executed query's `Result` and composes the `Answer` in the words of `say`."""

    say: Phrasebook

    @abstractmethod
    def reading(self, tasks: TaskSet) -> str:
        """A task set as the head of a list: "Tasks where the SAIC leads it in part 2", "第2部分中……牵头的任务"."""

    def conditions(self, tasks: TaskSet) -> str:
        """The agencies and roles a task set asks for, where the language's `among` phrase names them."""
        return ""

    def local_title(self, part: int, heading: int | None = None) -> str:
        """A part's or heading's title in the answer's language, where the notice's English is not enough."""
        return ""

    def compose(self, result: Result, notice: Notice) -> Answer:
        query = result.query
        if result.refusal is not None:
            refused = self._refusal(result, notice)
            # "Is there anything about X?" that the notice does not answer: No, and why
            verdict = f"{self.say.no} " if query.asks_any and query.op in (Op.LOOKUP, Op.LIST, Op.REFUSE) else ""
            return replace(refused, text=verdict + self._missing(query, notice) + refused.text)
        op = query.op
        if op == Op.LOOKUP:
            body = self._lookup(result, notice)
            if query.field == Field.SUCCESSOR and query.asks_any:  # "Did that agency survive 2018?"
                # the verdict opens what became of it; a task's lead statement stays a paragraph of its own
                joined = "\n\n" if result.tasks else " "
                body = f"{self.say.yes if result.verdict else self.say.no}{joined}{body}"
        elif op == Op.UNSTATED:
            body = self._unstated(result, notice)
        elif op == Op.LIST and query.asks_any:  # "Is there any task ...?": yes or no, then the tasks
            body = self.say.gap.join([self.say.yes if result.tasks else self.say.no, self._list(result, notice)])
        elif op in (Op.LIST, Op.OVERVIEW):
            body = self._list(result, notice)
        elif op == Op.COUNT:
            body = bold_count(result.count) + self._list(result, notice, counted=True)
        elif op == Op.RANK:
            body = self._rank(result, notice)
        else:
            body = self._claim(result, notice)
        body = self._premise(result, notice) + body
        missing = self._missing(query, notice)
        verdict = next((v for v in (self.say.yes, self.say.no) if body.startswith(v)), "")
        body = verdict + (" " if verdict else "") + missing + body[len(verdict):].lstrip() if missing else body
        if _anchor_found(result):  # "the task before the software one": which task that is, to check
            anchor = notice.task(result.related[0])
            body += self.say.anchor_found.format(anchor=anchor.number, text=short(anchor.text))
        cited = [n for n in result.tasks if notice.has_task(n)]
        if op == Op.LIST and not result.tasks:
            cited += list(result.related)
        if op == Op.CLAIM and result.closer:  # the right task for a wrong claim is the one to cite: first
            cited.insert(0, result.closer)
        cited = list(dict.fromkeys(cited))
        shown = cited if len(cited) <= 3 else []
        return Answer(
            text=with_notes(body, query), citations=cited, kind=kind(query), notes=list(query.notes),
            query=query.reading(), evidence="\n\n---\n\n".join(self.evidence(notice.task(n)) for n in shown),
        )

    def _missing(self, query: Query, notice: Notice) -> str:
        """"Task 107, the one on ...": that the number does not exist, before the answer for the subject."""
        if not query.missing_tasks:
            return ""
        return self.say.missing_task_described.format(
            shown=self.say.number_list.join([str(n) for n in query.missing_tasks]), last=notice.last_task)

    def _premise(self, result: Result, notice: Notice) -> str:
        """What the question took for granted that the notice contradicts, said before anything else."""
        lines = []
        for n, part, heading, joint in result.not_in:
            task = notice.task(n)
            if (part, heading) != (None, None) and not (part in (None, task.part) and heading in (None, task.heading_number)):
                lines.append(self.say.premise_not_in.format(
                    cite=cite(n), place=self._scope(TaskSet(part=part, heading=heading)).strip()))
            if joint and len(task.lead_ids) < 2:
                lines.append(self.say.premise_one_lead.format(cite=cite(n)))
        if result.miscounted is not None:
            task = notice.task(result.miscounted[0])
            lines.append(self.say.premise_size.format(cite=cite(task.number), size=len(task.agency_ids),
                                                      said=result.miscounted[1]))
        for agency_id, role, number in result.not_so:
            task, agency = notice.task(number), self._as(self.say.plain, BY_ID[agency_id])
            if not task.involves(agency_id):
                lines.append(self.say.premise_not_named.format(agency=agency, cite=cite(number)))
            elif role in (Role.LEAD, Role.SOLE_LEAD) and not task.led_by(agency_id):
                lines.append(self.say.premise_not_lead.format(agency=agency, cite=cite(number)))
        return " ".join(dict.fromkeys(lines)) + "\n\n" if lines else ""

    # --- agencies, titles, counts ---------------------------------------------------------------------

    def name(self, agency: Agency, task: Task | None = None, bold: bool = False) -> str:
        """An agency as answers name it, with the notice's own wording on `task` where it differs."""
        wording = task.wording(agency) if task else ""
        template = self.say.agency_worded if wording else self.say.agency
        return template.format(name=agency.name, chinese=agency.chinese, wording=wording, b="**" if bold else "")

    def _as(self, template: str, agency: Agency) -> str:
        return template.format(name=agency.name, chinese=agency.chinese)

    def _names(self, template: str, agencies: list[Agency], pattern: ListPattern | None = None) -> str:
        return (pattern or self.say.and_list).join([self._as(template, a) for a in agencies])

    def _bold_leads(self, task: Task) -> str:
        return self.say.and_list.join([self.name(a, task, bold=True) for a in task.leads])

    def lead_names(self, task: Task) -> str:
        return self._names(self.say.lead_name, task.leads, self.say.lead_list)

    def titled(self, title: str, part: int, heading: int | None = None) -> str:
        local = self.local_title(part, heading)
        return (self.say.titled_local if local else self.say.titled).format(title=title, local=local)

    def count(self, n: int, noun: str = "task") -> str:
        one, many = (self.say.one_task, self.say.tasks) if noun == "task" else (self.say.one_agency, self.say.agencies)
        return (one if n == 1 else many).format(n=n)

    def _end(self, n: int) -> str:
        """A head that a list follows ends with a colon; one with nothing after it, with a full stop."""
        return self.say.colon if n else self.say.stop

    # --- one task ------------------------------------------------------------------------------------

    def location(self, task: Task) -> str:
        return self.say.location.format(
            part=task.part, part_title=task.part_title, part_titled=self.titled(task.part_title, task.part),
            heading=task.heading_number, heading_title=task.heading,
            heading_titled=self.titled(task.heading, task.part, task.heading_number))

    def task_line(self, task: Task) -> str:
        return self.say.task_line.format(cite=cite(task.number), text=short(task.text, 14), leads=self.lead_names(task),
                                         shared=self.say.line_shared if task.shared else "")

    def statement(self, task: Task, field: Field) -> str:
        """The sentence that answers `field` for one task, with its citation and the lead caveats."""
        if field == Field.AGENCY_COUNT:
            return bold_count(len(task.agencies)) + self.statement(task, Field.AGENCIES)
        say = {Field.AGENCIES: self._agencies_sentence, Field.TEXT: self._text_sentence,
               Field.WHERE: self._where_sentence}.get(field, self._lead_sentence)
        return self.say.gap.join([say(task), *self.caveats(task)])

    def _lead_sentence(self, task: Task) -> str:
        say = self.say
        head = (say.led_jointly_by if len(task.leads) > 1 else say.led_by).format(task=task.number,
                                                                                  leads=self._bold_leads(task))
        others = task.others
        if others:
            names = capital(say.and_list.join([self.name(a, task) for a in others]))
            rest = (say.also_take_part if len(others) > 1 else say.also_takes_part).format(others=names)
        else:
            rest = say.no_others
        return say.gap.join([head, rest, cite(task.number)])

    def _agencies_sentence(self, task: Task) -> str:
        say = self.say
        said = [say.involves.format(task=task.number, agencies=self.count(len(task.agencies), "agency"),
                                    leads=self._bold_leads(task))]
        if task.others:
            said.append(say.taking_part.format(others=say.and_list.join([self.name(a, task) for a in task.others])))
        return say.gap.join([*said, cite(task.number)])

    def _led(self, task: Task) -> str:
        return (self.say.led_jointly if len(task.leads) > 1 else self.say.led).format(leads=self._bold_leads(task))

    def _text_sentence(self, task: Task) -> str:
        others = self._names(self.say.plain, task.others)
        return self.say.text.format(task=task.number, text=task.text, leads=self._bold_leads(task), led=self._led(task),
                                    with_others=self.say.with_others.format(others=others) if task.others else "",
                                    cite=cite(task.number))

    def _where_sentence(self, task: Task) -> str:
        return self.say.where.format(
            task=task.number, part=task.part, part_title=task.part_title, heading=task.heading_number,
            heading_title=task.heading, part_titled=self.titled(task.part_title, task.part),
            heading_titled=self.titled(task.heading, task.part, task.heading_number),
            leads=self._bold_leads(task), led=self._led(task), cite=cite(task.number))

    def caveats(self, task: Task) -> list[str]:
        """What a reader must know about a task's lead: the notice's wording names it (and it is not the agency
        listed first), or the agencies are "responsible for each responsibility", so the first leads only nominally."""
        say = self.say
        said = []
        if task.lead_wording:
            first = task.agencies[0]
            if first.id in task.lead_ids:
                said.append(say.lead_named.format(wording=task.lead_wording))
            else:
                said.append(say.lead_not_first.format(first=self._as(say.plain, first), wording=task.lead_wording,
                                                      leads=self._names(say.plain, task.leads)))
        if task.shared:
            said.append(say.each_responsible.format(first=self._as(say.plain, task.agencies[0])))
        return said

    def evidence(self, task: Task) -> str:
        """The notice's words for one task, where it stands and the 2018 names: shown beside the answer, not in it."""
        parts = [f"**{cite(task.number)}** {self.location(task)}", quote(task)]
        notes = self.reorganisation_notes(task.agencies)
        if notes:
            parts.append(notes)
        return "\n\n".join(parts)

    def reorganisation_notes(self, agencies: list[Agency]) -> str:
        changed = list({a.id: a for a in agencies if a.successor}.values())
        if not changed:
            return ""
        lines = [self.say.successor_line.format(agency=self._as(self.say.labelled, a),
                                                successor=self.say.successors.get(a.id, a.successor)) for a in changed]
        return "\n".join([self.say.since_2018, *lines])

    # --- refusals and look-ups ---------------------------------------------------------------------------

    def _refusal(self, result: Result, notice: Notice) -> Answer:
        query = result.query
        say = self.say
        refusal = result.refusal or Refusal.OUT_OF_SCOPE
        template = say.refusals.of(refusal)
        if result.filtered_out:
            text = say.filtered_out.format(last=notice.last_task)
        elif query.tasks.from_previous and query.tasks.topic and query.tasks.numbers:
            # "which of them is about customs?" after a list without it: the list does not, the notice may
            numbers = query.tasks.numbers
            text = say.not_in_list.format(count=len(numbers), tasks=say.and_list.join([str(n) for n in numbers]),
                                          subject=query.tasks.topic, last=notice.last_task)
        elif refusal == Refusal.BAD_HEADING:
            part, heading = query.refused_value.split(":")
            text = template.format(part=part, heading=heading, count=len(notice.headings_of(int(part))))
        elif refusal == Refusal.UNCOVERED:
            nearest = notice.task(result.nearest)
            text = template.format(task=nearest.number, text=short(nearest.text),
                                   value=say.or_list.join([f'"{w}"' for w in result.uncovered]),
                                   hint=say.scope_hint.format(last=notice.last_task))
        else:
            value = (say.or_list.join(list(query.unmentioned) or [f'"{w}"' for w in query.unknown_words])
                     if refusal == Refusal.UNMENTIONED else query.refused_value)
            text = template.format(value=value, last=notice.last_task, parts=len(notice.parts),
                                   hint=say.scope_hint.format(last=notice.last_task))
        return Answer(with_notes(text, query), [], kind=say.refusal_kinds.get(refusal.value, refusal.value),
                      refused=True, notes=list(query.notes), query=query.reading())

    def _lookup(self, result: Result, notice: Notice) -> str:
        query = result.query
        say = self.say
        if result.out_of_range:
            return self._out_of_range(result)
        if query.field == Field.NOTICE:
            front = notice.front
            if front is None:
                return say.notice_front_missing
            return say.notice_front.format(issuer=front.issuer, date=front.date, document=front.implements,
                                           number=front.number, tasks=len(notice.tasks), parts=len(notice.parts))
        if query.field == Field.SAME_AGENCY and query.names is not None:
            return self._names_compared(result, notice)
        if query.field == Field.LEAD_RULE:
            stated = notice.lead_rule_task()
            if stated is None:
                return say.lead_rule_missing
            explicit = [t for t in notice.tasks if t.lead_wording]
            return say.lead_rule.format(cite=cite(stated.number), rule=notice.lead_rule(), explicit=len(explicit),
                                        example=explicit[-1].number if explicit else "",
                                        shared=sum(t.shared for t in notice.tasks))
        tasks = [notice.task(n) for n in result.tasks]
        if query.field == Field.NAME and query.among and query.asks_any:  # "Is CNIPA mentioned in the notice?"
            answered = replace(result, query=replace(query, asks_any=False))
            return f"{say.yes if result.verdict else say.no} " + self._lookup(answered, notice)
        if query.field == Field.NAME and query.among and not tasks and successor_named(query.among_said):
            # "What is SAMR?": a 2018 body, and the agencies of the notice it took in
            agencies = [BY_ID[i] for i in query.among]
            notes = self.reorganisation_notes(agencies)
            return self._name_is(query.among_said, query.among, True, notice) + (f"\n\n{notes}" if notes else "")
        if query.field == Field.NAME and query.among:
            return self._name_meant(BY_ID[query.among[0]], query.among_said, tasks[0] if tasks else None, notice)
        if query.field == Field.SUCCESSOR and query.among is not None and not tasks:
            fates = self._fates([BY_ID[i] for i in query.among])
            if query.within is None:
                return fates
            # "which of those were merged into SAMR?" after a list: the answer first, then each one's fate
            agencies = [BY_ID[i] for i in query.among]
            head = say.within["fated"].format(count=len(agencies), total=len(query.within), what=query.among_said,
                                              names=self._names(say.plain, agencies) if agencies else say.within["none"])
            return head + ("\n\n" + fates if agencies else "")
        if not tasks:
            return say.no_task
        if query.position is not None:
            return self._position_intro(result, notice) + self.statement(tasks[0], query.field)
        if query.tasks.topic and len(tasks) == 1:
            head = say.covered_by.format(task=tasks[0].number)
            if query.asks_any:  # "Is there anything about ...?": the verdict with where, the statement after
                head = f"{say.yes} {head.rstrip()}\n\n"
            body = head + self.statement(tasks[0], query.field)
            if query.unmentioned:
                body += say.closest_without.format(names=say.or_list.join(list(query.unmentioned)))
            if result.runner_up:
                runner = notice.task(result.runner_up)
                body += say.close_call.format(task=runner.number, text=short(runner.text),
                                              leads=self.lead_names(runner))
            if result.related:
                related = [say.related_task.format(task=n, text=short(notice.task(n).text)) for n in result.related]
                body += say.related.format(tasks=say.related_list.join(related))
            return body
        if len(tasks) > 1 and query.tasks.topic:
            head = say.covered_in.format(tasks=self.count(len(tasks)), n=len(tasks), end=self._end(len(tasks)))
            head = f"{say.yes} {head}" if query.asks_any else head
            return "\n".join([head, *[self.task_line(t) for t in tasks]])
        if (query.among is not None or query.field == Field.SUCCESSOR) and len(tasks) == 1:
            return self._among(tasks[0], query)
        return "\n\n".join(self.statement(t, query.field) for t in tasks)

    def _fates(self, agencies: list) -> str:
        """What became of agencies in 2018, asked without a task ("what is the first agency called today?")."""
        say = self.say
        if not agencies:  # "which of those were merged into SAMR?" when none of them was
            return say.none_reorganised
        lines = [say.successor_line.format(agency=self._as(say.labelled, a), successor=say.successors.get(
            a.id, a.successor) or say.unchanged) for a in agencies]
        return "\n".join([say.since_2018, *lines])

    def _names_compared(self, result: Result, notice: Notice) -> str:
        """"Is CNIPA the same as SIPO?", "Was SAIC merged into SAMR?": the verdict the registry gives, what each name
        stands for, and what the 2018 reorganisation did to the agencies named."""
        say, pair = self.say, result.query.names
        if result.kinship == Kinship.SAME:
            agency = BY_ID[pair.first[0]]
            named_in = len(notice.tasks_involving(agency.id))
            lines = [say.same_agency.format(first=pair.first_said, second=pair.second_said, chinese=agency.chinese,
                                            name=self.name(agency, bold=True), tasks=self.count(named_in)) + self._fate(agency)]
        else:  # each name, and what became of a 2016 agency: the answer to "did it go there?" is in its fate
            lines = [self._name_is(said, ids, later, notice) if later
                     else self._name_is(said, ids, later, notice) + self._fate(BY_ID[ids[0]])
                     for said, ids, later in ((pair.first_said, pair.first, pair.first_later),
                                              (pair.second_said, pair.second, pair.second_later))]
        verdict = say.yes if result.verdict else say.no
        if pair.became:  # "Was A merged into B?" is about A: its fate answers, and B is only what was proposed
            return f"{verdict} {lines[0]}\n\n{lines[1]}"
        return f"{verdict} " + " ".join(lines)

    def _fate(self, agency: Agency) -> str:
        fate = self.say.successors.get(agency.id, agency.successor)
        return self.say.fate_sentence.format(fate=fate) if fate else ""

    def _name_is(self, said: str, ids: tuple[str, ...], later: bool, notice: Notice, listed: bool = True) -> str:
        """What one name stands for: a 2016 agency and the tasks naming it, or a 2018 body and (`listed`) the agencies
        it took in."""
        say = self.say
        successor = successor_named(said) if later else None
        if successor is not None:
            label = "" if said.casefold() in (successor.name.casefold(), successor.chinese) else \
                say.successor_label.format(name=successor.name, chinese=successor.chinese or successor.name)
            if not listed:
                return say.later_name_only.format(said=said, successor=label, year=successor.year)
            return say.later_name.format(said=said, successor=label, year=successor.year,
                                         names=say.and_list.join([self.name(BY_ID[i], bold=True) for i in ids]))
        agency = BY_ID[ids[0]]
        return say.name_in_notice.format(said=said, name=self.name(agency, bold=True), chinese=agency.chinese,
                                         tasks=self.count(len(notice.tasks_involving(agency.id))))

    def _name_meant(self, agency: Agency, said: str, task: Task | None, notice: Notice) -> str:
        """Which agency a name stands for: on the task named (in the notice's own words there), or in the notice."""
        say = self.say
        if task is not None and agency.id in task.agency_ids:
            head = say.name_on_task.format(said=said, cite=cite(task.number), name=self.name(agency, bold=True),
                                           chinese=agency.chinese)
        else:
            named_in = notice.tasks_involving(agency.id)
            head = say.name_in_notice.format(said=said, name=self.name(agency, bold=True), chinese=agency.chinese,
                                             tasks=self.count(len(named_in)))
            if task is not None:
                head = say.name_not_on_task.format(task=task.number) + head
        notes = self.reorganisation_notes([agency])
        return head + (f"\n\n{notes}" if notes else "")

    def _among(self, task: Task, query: Query) -> str:
        """Some of one task's agencies: those the question's 2018 body took in, or their fate in 2018."""
        say = self.say
        if query.among is None:  # "who's responsible, and where does it sit now?": the leads, and their fate
            notes = self.reorganisation_notes(task.leads)
            return self.statement(task, Field.LEAD) + (f"\n\n{notes}" if notes else "")
        chosen = [a for a in task.agencies if a.id in query.among]
        notes = self.reorganisation_notes(chosen)
        if query.field == Field.SUCCESSOR:
            lines = [say.successor_line.format(agency=self._as(say.labelled, a), successor=say.successors.get(
                a.id, a.successor) or say.unchanged) for a in chosen]
            fates = "\n".join([say.fates.format(cite=cite(task.number)), *lines])
            # "what's that lead agency called now?": what became of it, then who leads the task
            leading = any(a.id in task.lead_ids for a in chosen)
            return fates + "\n\n" + self.statement(task, Field.LEAD) if leading else fates
        agencies = self.count(len(task.agencies), "agency")
        # "Is anyone besides SIPO on it?": the verdict first
        verdict = (say.yes if chosen else say.no) + say.gap if query.asks_any else ""
        if not chosen and query.besides:  # "who is on it besides the IP office?" of a task only SIPO is on
            names = say.and_list.join([self.name(a, task, bold=True) for a in task.agencies])
            return verdict + say.among_no_other.format(task=task.number, names=names, cite=cite(task.number))
        if not chosen:
            return verdict + say.among_none.format(task=task.number, agencies=agencies, what=query.among_said,
                                                   cite=cite(task.number))
        what = query.among_said if len(chosen) > 1 else _singular(query.among_said)  # "1 of them is", not "are"
        head = say.among_head.format(task=task.number, agencies=agencies, k=len(chosen), what=what,
                                     cite=cite(task.number), names=self._names(say.plain, chosen))
        return verdict + head + (f"\n\n{notes}" if notes else "")

    def _position_intro(self, result: Result, notice: Notice) -> str:
        query = result.query
        say = self.say
        if query.position in (Position.NEXT, Position.PREVIOUS):
            anchor = result.related[0] if result.related else None
            if anchor and query.nth > 1:  # "two after task 99"
                neighbour = say.next_task_nth if query.position == Position.NEXT else say.previous_task_nth
                return neighbour.format(anchor=anchor, task=result.tasks[0], ordinal=ordinal(query.nth), nth=query.nth)
            neighbour = say.next_task if query.position == Position.NEXT else say.previous_task
            return neighbour.format(anchor=anchor, task=result.tasks[0]) if anchor else ""
        which = {Position.FIRST: say.first, Position.LAST: say.last}.get(query.position) or say.nth.format(
            nth=query.nth, ordinal=ordinal(query.nth))
        return say.nth_task.format(which=which, scope=self._scope_words(query, notice), task=result.tasks[0])

    def _scope_words(self, query: Query, notice: Notice) -> str:
        tasks = query.tasks
        say = self.say
        if tasks.from_previous or tasks.part is None and len(tasks.numbers or notice.tasks) < len(notice.tasks):
            # tasks named or just shown ("the last one" of a list narrowed to task 33), not the whole notice
            return say.on_that_list
        if tasks.part is not None and tasks.heading is not None:
            heading = next((h for h in notice.headings if h.part == tasks.part and h.number == tasks.heading), None)
            if heading is None:
                return say.under_untitled_heading.format(part=tasks.part, heading=tasks.heading)
            return say.under_heading.format(part=tasks.part, heading=tasks.heading,
                                            titled=self.titled(heading.title, tasks.part, tasks.heading))
        if tasks.part is not None:
            return say.in_part.format(part=tasks.part)
        if tasks.all_of or tasks.any_of:
            return say.among.format(conditions=self.conditions(tasks))
        if tasks.joint:
            return say.among_joint_tasks
        if tasks.shared:
            return say.among_shared_tasks
        if tasks.excluded:  # "any task other than task 106": not the whole notice
            return say.other_than_tasks.format(tasks=say.and_list.join([str(n) for n in tasks.excluded]),
                                               count=len(tasks.excluded))
        return say.in_the_notice

    def _out_of_range(self, result: Result) -> str:
        query = result.query
        say = self.say
        if query.position in (Position.NEXT, Position.PREVIOUS) and result.tasks:
            edge = say.last_edge if query.position == Position.NEXT else say.first_edge
            return edge.format(task=result.tasks[0], cite=cite(result.tasks[0]))
        if result.count:
            return say.too_few.format(count=result.count, tasks=self.count(result.count), nth=query.nth,
                                      ordinal=ordinal(query.nth))
        return say.no_position

    def _unstated(self, result: Result, notice: Notice) -> str:
        say = self.say
        tasks = [notice.task(n) for n in result.tasks[:3]]
        numbers = say.unstated_list.join([say.unstated_task.format(task=t.number) for t in tasks])
        head = say.unstated.format(detail=say.details.get(result.query.detail, result.query.detail), tasks=numbers)
        return "\n\n".join([head, *[self.statement(t, Field.TEXT) for t in tasks]])

    # --- lists and overviews ---------------------------------------------------------------------------

    def _list_head(self, result: Result, notice: Notice, n: int) -> str:
        query = result.query
        tasks = query.tasks
        say = self.say
        if query.op != Op.OVERVIEW:
            template = say.covered_in if query.op == Op.LIST and tasks.topic else say.set_head
            return template.format(reading=self.reading(tasks), tasks=self.count(n), n=n, end=self._end(n))
        numbers = list(result.tasks)
        span = (say.span_many if len(numbers) > 1 else say.span_one) if numbers else say.span_none
        counts = {"n": len(numbers), "tasks": self.count(len(numbers)),
                  "span": span.format(first=numbers[0] if numbers else "", last=numbers[-1] if numbers else "")}
        if tasks.part is not None and tasks.heading is not None:
            heading = heading_of(notice, tasks.part, tasks.heading)
            titled = self.titled(heading.title, heading.part, heading.number)
            return say.heading_overview.format(part=heading.part, heading=heading.number, titled=titled, **counts)
        if tasks.part is not None:
            part = notice.part(tasks.part)
            return say.part_overview.format(part=part.number, titled=self.titled(part.title, part.number),
                                            headings=len(notice.headings_of(tasks.part)), **counts)
        return say.heading_everywhere.format(heading=tasks.heading, **counts)

    def _list(self, result: Result, notice: Notice, counted: bool = False) -> str:
        say = self.say
        tasks = [notice.task(n) for n in result.tasks]
        head = self._list_head(result, notice, len(tasks))
        lines = [head]
        query = result.query
        terms = query.tasks
        if (len(terms.all_of) == 1 and not terms.any_of and not terms.none_of and terms.all_of[0].role == Role.ANY
                and len(terms.all_of[0].ids) == 1 and tasks):
            agency_id = terms.all_of[0].ids[0]
            leads = sum(t.led_by(agency_id) for t in tasks)
            lines[0] = head[:-1] + say.leads_and_joins.format(leads=leads, joins=len(tasks) - leads)
        if query.op == Op.OVERVIEW and terms.heading is None and terms.part is not None:
            for heading in notice.headings_of(terms.part):
                lines.append(say.heading_label.format(label=heading.label,
                                                      local=self.local_title(heading.part, heading.number)))
                lines += [self.task_line(t) for t in tasks if t.heading_number == heading.number]
        elif len(tasks) == 1 and query.op == Op.LIST:  # a list of one: say who leads it, as a look-up would
            lines += [self.task_line(tasks[0]), "", self.statement(tasks[0], Field.LEAD)]
        else:
            lines += [self.task_line(t) for t in tasks]
        if not tasks and result.related:
            related = len(result.related)
            lines += [say.only_takes_part.format(n=related, tasks=self.count(related)),
                      *[self.task_line(notice.task(n)) for n in result.related]]
        elif not tasks and terms.all_of and not counted:
            ids = [i for term in terms.all_of for i in term.ids]
            lines.append(say.for_reference.format(agencies=say.reference_list.join([say.reference.format(
                agency=self._as(say.labelled, BY_ID[i]), n=len(notice.tasks_involving(i)),
                tasks=self.count(len(notice.tasks_involving(i))), led=len(notice.tasks_led_by(i))) for i in ids])))
        notes = self.reorganisation_notes([BY_ID[i] for term in (*terms.all_of, *terms.any_of) for i in term.ids])
        return "\n".join(lines) + (f"\n\n{notes}" if notes and not counted else "")

    # --- rankings --------------------------------------------------------------------------------------

    def _rank(self, result: Result, notice: Notice) -> str:
        query = result.query
        say = self.say
        rank = query.rank
        scope = self._scope(query.tasks, by_number=bool(query.versus) or query.within is not None)
        if query.versus and query.within is not None:  # "which of them appear only in part 2?"
            scope = say.only_there.format(scope=scope)
        elif query.versus:
            first = say.or_list.join([self._scope(s, by_number=True).strip() for s in (query.tasks, *query.joined)])
            link = say.and_list if query.combine == Combine.BOTH else say.or_list
            second = link.join([self._scope(s, by_number=True).strip() for s in query.versus])
            if query.versus_by_leads not in (None, query.by_leads):
                second = (say.side_leading if query.versus_by_leads else say.side_named) + second
            if query.versus_member:
                second = say.side_member + second
            scope = say.combine[query.combine.name.lower()].format(first=" " + first, second=" " + second)
        scope += (say.rank_without_joint if query.tasks.unjoint else "") + \
            (say.rank_without_shared if query.tasks.unshared else "")
        if rank not in (Rank.SHARED, Rank.JOINT_LEADS):  # "among the each-responsible tasks, which ..."
            scope += (say.tasks_that.and_shared if query.tasks.shared else "") + \
                (say.among_joint if query.tasks.joint else "")
        word = say.most if query.most else say.fewest
        ranking = result.ranking
        if rank in (Rank.AGENCY_BY_LEADS, Rank.AGENCY_BY_TASKS):
            if not ranking:
                return say.no_agency
            size = ranked_value(ranking, query)  # the count at the place asked, as the executor chose it
            place = query.nth if 1 < query.nth and size != ranking[0][1] else 1
            left_out = [BY_ID[i] for term in query.tasks.none_of for i in term.ids]
            left_out += [BY_ID[i] for i in query.excluding]
            return self._agency_ranking(AgencyRanking(
                by_leads=rank == Rank.AGENCY_BY_LEADS, most=query.most, place=place, size=size,
                top=[BY_ID[a] for a, n in ranking if n == size],
                tasks=[notice.task(n) for n in result.tasks],  # the executor lists those of the place asked
                rows=[(BY_ID[a], n) for a, n in _with_ties(ranking, query.top or tuning.RANKING_ROWS)], left_out=left_out,
                scope=scope, listed=bool(query.top)))
        if rank == Rank.AGENCY_ONE_TASK:
            return self._agencies_by_count(result, notice, scope)
        if rank == Rank.TASK_BY_AGENCIES:
            if not ranking:  # the tasks of a list narrowed to none
                return say.no_task
            size = ranked_value(ranking, query)  # at the place asked, as the executor chose it
            ties = [int(n) for n, s in ranking if s == size]
            number = ties[0]
            if size != ranking[0][1]:  # "the second-largest"
                word = say.rank_place.format(place=query.nth, word=word, ordinal=ordinal(query.nth))
            head = (say.most_agencies if len(ties) == 1 else say.most_agencies_tied).format(
                size=size, task=int(number), cite=cite(int(number)), count=len(ties), word=word, scope=scope,
                cites=say.cite_list.join([cite(n) for n in ties]))
            if len(ties) == 1:  # the task's lead, which a reviewer cites with it
                task = notice.task(number)
                head = say.gap.join([head, (say.led_jointly_by if len(task.leads) > 1 else say.led_by).format(
                    task=task.number, leads=self._bold_leads(task)), *self.caveats(task)])
            rows = [say.agencies_row.format(task=n, size=self.count(s, "agency")) for n, s in ranking[:5]]
            return "\n".join([head, "", *rows])
        if rank == Rank.SAME_AGENCIES:
            anchor = notice.task(result.related[0])
            said = dict(n=len(result.tasks), cite=cite(anchor.number),
                        names=self._names(say.plain, [BY_ID[i] for i in anchor.agency_ids]))
            if not result.tasks:
                return say.same_agencies_none.format(**said)
            return "\n".join([say.same_agencies.format(**said),
                              *[self.task_line(notice.task(n)) for n in result.tasks]])
        if rank in (Rank.TASKS_ONE_AGENCY, Rank.JOINT_LEADS, Rank.SHARED, Rank.EXPLICIT_LEADS, Rank.NOT_FIRST_LEAD,
                    Rank.TASKS_BY_SIZE):
            tasks = [notice.task(n) for n in result.tasks]
            what = say.tasks_that.of(rank).format(compare=say.compare[query.compare.name.lower()], n=query.exactly)
            head = (say.tasks_that_head_one if len(tasks) == 1 else say.tasks_that_head).format(n=len(tasks), scope=scope,
                                                                                              what=what)
            return "\n".join([head, *[self.task_line(t) for t in tasks]])
        if rank == Rank.HEADINGS_IN_PART:
            part = query.tasks.part
            headings = notice.headings_of(part) if part else notice.headings
            head = (say.headings_of_part if part else say.headings_of_notice).format(n=len(headings), part=part)
            row = say.heading_row_in_part if part else say.heading_row
            return "\n".join([head, *[row.format(number=h.number, title=h.title, part=h.part,
                                                 titled=self.titled(h.title, h.part, h.number)) for h in headings]])
        if rank == Rank.HEADING_ONE_TASK:
            headings = [heading_of(notice, *map(int, key.split(":"))) for key, _ in ranking]
            rows = [say.heading_task_row.format(part=h.part, number=h.number, title=h.title,
                                                titled=self.titled(h.title, h.part, h.number),
                                                cite=cite(notice.tasks_in(h.part, h.number)[0].number))
                    for h in headings]
            return "\n".join([say.headings_with_one_task.format(count=result.count, scope=scope), *rows])
        if rank == Rank.HEADING_BY_TASKS:
            size = ranked_value(ranking, query)  # at the place asked ("the second most")
            key = next(k for k, s in ranking if s == size)
            heading = heading_of(notice, *map(int, key.split(":")))
            ties = [k for k, s in ranking if s == size]
            if size != ranking[0][1]:
                word = say.rank_place.format(place=query.nth, word=word, ordinal=ordinal(query.nth))
            head = say.biggest_heading.format(
                size=size, tasks=self.count(size), part=heading.part, number=heading.number, word=word, scope=scope,
                titled=self.titled(heading.title, heading.part, heading.number),
                cites=say.cite_list.join([cite(t.number) for t in notice.tasks_in(heading.part, heading.number)]))
            if len(ties) > 1:
                head += say.headings_tied.format(others=len(ties) - 1)
            rows = [say.heading_size_row.format(part=k.split(":")[0], number=k.split(":")[1], size=s,
                                                tasks=self.count(s)) for k, s in ranking[:6]]
            return "\n".join([head, "", *rows])
        if rank == Rank.PART_BY_TASKS:
            parts = [(notice.part(int(n)), s) for n, s in ranking]

            def said(template: str, part, size: int) -> str:
                return template.format(part=part.number, title=part.title, titled=self.titled(part.title, part.number),
                                       size=size, tasks=self.count(size), word=word)
            rows = [said(say.part_size_row, p, s) for p, s in parts]
            size = ranked_value(ranking, query)  # at the place asked ("the second-highest")
            if size != parts[0][1]:
                word = say.rank_place.format(place=query.nth, word=word, ordinal=ordinal(query.nth))
            return "\n".join([said(say.biggest_part, *next((p, s) for p, s in parts if s == size)), "", *rows])
        if rank == Rank.PARTS:
            rows = [say.part_row.format(part=p.number, title=p.title, titled=self.titled(p.title, p.number))
                    for p in notice.parts]
            return "\n".join([say.parts_count.format(n=len(notice.parts)), *rows])
        return say.agencies_named.format(n=len(notice.agencies_named()))

    def _scope(self, tasks: TaskSet, by_number: bool = False) -> str:
        """Where a ranking looks, in a few words: " in part 5", " under heading (2) of part 4", " on task 30".
        Task numbers are a scope only where agencies of two scopes meet: other rankings look at the whole notice."""
        say = self.say
        if by_number and tasks.numbers is not None and len(tasks.numbers) > tuning.CITED_SCOPE_TASKS:
            numbers = sorted(tasks.numbers)  # the tasks of two parts: a span, not a wall of citations
            return say.rank_scope_span.format(first=numbers[0], last=numbers[-1], count=len(numbers))
        if by_number and tasks.numbers is not None:
            return say.rank_scope_tasks.format(tasks=say.or_list.join([cite(n) for n in tasks.numbers]))
        if by_number and tasks.part is None and tasks.excluded:
            return say.rank_scope_elsewhere
        if tasks.part and tasks.heading:
            return say.rank_scope_heading.format(part=tasks.part, heading=tasks.heading)
        return say.rank_scope.format(part=tasks.part) if tasks.part else ""

    def _times(self, compare: Compare, n: int) -> str:
        say = self.say
        if compare == Compare.EXACTLY and n == 1:
            return say.exactly_one
        return say.exactly_n.format(compare=say.compare[compare.name.lower()], exactly=n)

    def _agencies_by_count(self, result: Result, notice: Notice, scope: str) -> str:
        """Agencies named in (or leading) a number of tasks: each with its tasks, or with its number when the
        question set a threshold ("more than 20 tasks"), where the lists would run to hundreds of citations."""
        query, say = result.query, self.say
        agencies = [BY_ID[a] for a, _ in result.ranking]
        exact = query.compare == Compare.EXACTLY
        times = self._times(query.compare, query.exactly) + "".join(
            say.and_leading_none if c.by_leads and c.n == 0 and c.compare == Compare.EXACTLY else
            (say.and_leading if c.by_leads else say.and_named).format(times=self._times(c.compare, c.n))
            for c in query.also)
        if not agencies and query.within is None:
            empty = say.no_agency_leading if query.by_leads else say.no_agency_counted
            return empty.format(times=times, scope=scope)
        names = self._names(say.plain, agencies)
        if query.within is not None:  # "which of them lead a task in part 3?"
            key = ("not_" if query.combine == Combine.ONLY_FIRST else "") + ("leading" if query.by_leads else "named")
            source = say.within["source"].format(cites=say.and_list.join([cite(n) for n in query.within_from]))
            head = say.within[key].format(count=result.count, total=len(query.within), scope=scope or say.in_notice,
                                          names=self._names(say.plain, agencies) if agencies else say.within["none"],
                                          source=source if query.within_from else "")
            if query.combine == Combine.BOTH and len(result.tasks) > len(query.within_from):  # a few tasks, cited
                in_scope = [n for n in result.tasks if n not in query.within_from or admits(query.tasks, notice.task(n))]
                return "\n".join([head, *self._agency_task_rows(result, notice, agencies, in_scope)])
            return head
        if query.versus and all(s.numbers is not None for s in (query.tasks, *query.joined, *query.versus)):
            # "agencies on both task 30 and task 31": each is on one task or two; the tasks are quoted below
            head = say.leading_on_tasks if query.by_leads else say.named_on_tasks
            return head.format(count=result.count, names=names, scope=scope)
        if query.compare == Compare.AT_LEAST and query.exactly == 1 and not query.also:  # "which agencies are in part 5"
            head = (say.leading_in_scope if query.by_leads else say.named_in_scope).format(
                count=result.count, names=names, scope=scope or say.in_notice)
            if result.tasks:  # a few tasks: each agency's, to cite
                return "\n".join([head, *self._agency_task_rows(result, notice, agencies)])
            return "\n".join([head, *[say.agency_count_row.format(agency=self._as(say.labelled, BY_ID[a]), n=n)
                                       for a, n in result.ranking]])
        verbs = dict(verb=say.is_ if len(agencies) == 1 else say.are,
                     lead_verb=say.lead_verb_one if len(agencies) == 1 else say.lead_verb_many)
        if query.by_leads and exact and query.exactly == 0:
            return say.leading_none.format(count=result.count, names=names, scope=scope, **verbs)
        head = (say.leading_exactly if query.by_leads else say.named_in_exactly).format(
            count=result.count, names=names, times=times, scope=scope, **verbs)
        if not exact:
            return "\n".join([head, *[say.agency_count_row.format(agency=self._as(say.labelled, BY_ID[a]), n=n)
                                       for a, n in result.ranking]])
        return "\n".join([head, *self._agency_task_rows(result, notice, agencies)])

    def _agency_task_rows(self, result: Result, notice: Notice, agencies: list,
                          numbers: list[int] | None = None) -> list[str]:
        """One row an agency: its tasks among the result's (or those given), cited."""
        say, chosen = self.say, [notice.task(n) for n in (result.tasks if numbers is None else numbers)]
        named = [(a, [cite(t.number) for t in chosen if plays(t, a.id, result.query.by_leads)]) for a in agencies]
        return [say.agency_tasks_row.format(agency=self._as(say.labelled, a), tasks=say.and_list.join(cites),
                                            first=cites[0]) for a, cites in named]

    def _agency_ranking(self, ranking: AgencyRanking) -> str:
        say = self.say
        tied = len(ranking.top) > 1
        if ranking.by_leads:
            verb = say.verb_lead_tied if tied else say.verb_lead
        else:
            verb = say.verb_join_tied if tied else say.verb_join
        word = say.most if ranking.most else say.fewest
        which = word if ranking.place == 1 else say.rank_place.format(place=ranking.place, word=word,
                                                                       ordinal=ordinal(ranking.place))
        left_out = (say.left_out.format(names=self._names(say.labelled, ranking.left_out, say.left_out_list))
                    if ranking.left_out else "")
        head = (say.ranking_tied if tied else say.ranking_one).format(
            names=self._names(say.ranked_agency, ranking.top), verb=verb, which=which, scope=ranking.scope,
            left_out=left_out, size=ranking.size, tasks=self.count(ranking.size))
        if ranking.listed:  # "the top 5": the five, in order, each with its number
            head = say.ranking_listed.format(
                n=len(ranking.rows), which=which, scope=ranking.scope, left_out=left_out,
                verb=say.verb_lead_tied if ranking.by_leads else say.verb_join_tied,
                names=say.and_list.join([say.ranked_inline.format(name=self._as(say.plain, a), n=n)
                                         for a, n in ranking.rows]))
        label = (say.ranking_label_most if ranking.most else say.ranking_label_fewest).format(left_out=left_out)
        rows = [say.ranking_row.format(agency=self._as(say.labelled, a), n=n) for a, n in ranking.rows]
        tied = [n for _, n in ranking.rows].count(ranking.rows[-1][1]) if ranking.rows else 0
        if ranking.listed and tied > 1 and len(ranking.rows) > 1:  # "the top three" where the third place is shared
            rows.append(say.ranking_tie_note.format(count=tied, n=ranking.rows[-1][1]))
        text = say.ranking.format(head=head, label=label, rows="\n".join(rows),
                                  theirs="".join(self.task_line(t) + "\n" for t in ranking.tasks))
        return text if ranking.tasks else text.replace("\n\n\n", "\n\n", 1)  # no task list: no gap for one

    # --- claims ---------------------------------------------------------------------------------------

    def _claim(self, result: Result, notice: Notice) -> str:
        query = result.query
        say = self.say
        claim = query.claim
        verdict = say.yes if result.verdict else say.no
        tasks = [notice.task(n) for n in result.tasks]
        if claim is not None and claim.of_notice:  # what the notice says of itself, after the verdict
            return verdict + " " + self._lookup(Result(replace(query, op=Op.LOOKUP, field=Field.NOTICE, claim=None)), notice)
        if claim is not None and claim.than:  # "SAIC leads more tasks than AQSIQ": both numbers
            (first, mine), (second, theirs) = result.ranking
            said = say.agencies_compared_lead if claim.agencies[0].role == Role.LEAD else say.agencies_compared_on
            return say.gap.join([verdict, said.format(first=self._as(say.plain, BY_ID[first]), mine=self.count(mine),
                                                      second=self._as(say.plain, BY_ID[second]), theirs=self.count(theirs))])
        if claim is not None and claim.missing_tasks:
            return self._missing_task(result, notice, verdict)
        if claim is None or not tasks and claim.count is None and not claim.exists and claim.in_parts is None:
            return verdict
        holds = result.verdict != claim.negated  # the set is as the claim, read without its negation, says
        if claim.count is not None:
            head = (say.count_claim_holds if holds else say.count_claim_not).format(
                verdict=verdict, count=result.count, tasks=self.count(result.count),
                claimed=claim.count_said,
                reading=self.reading(query.tasks))
            return "\n".join([head, *[self.task_line(t) for t in tasks]])
        if claim.unknown and not claim.agencies:
            return say.unknown_agency.format(said=claim.unknown[0], statement=self.statement(tasks[0], Field.LEAD))
        if claim.part is not None or claim.heading is not None:
            return say.gap.join([verdict, *[say.placed.format(cite=cite(t.number), location=self.location(t))
                                            for t in tasks]])
        if claim.exists:
            said = say.gap.join([verdict, self._exists(result, notice, tasks)])
            if result.count and query.tasks.joint:  # each joint task's leads, as a look-up states them
                said += "\n\n" + say.tasks_apart.join(self.statement(t, Field.LEAD) for t in tasks)
            return said
        if claim.every:
            return say.gap.join([verdict, self._every(result, notice, tasks)])
        if claim.agencies and result.closer:
            return self._wrong_task(result, notice, tasks[0], verdict)
        if claim.in_parts is not None:  # "Does SIPO appear in every part?": the parts it is in, each with its tasks
            term = claim.agencies[0]
            rows = [say.in_part_row.format(part=part, cites=say.and_list.join(
                [cite(t.number) for t in tasks if t.part == part]) if tasks else self.count(n))
                for part, n in result.ranking]
            head = say.in_parts.format(who=self._names(say.labelled, [BY_ID[i] for i in term.ids]),
                                       n=len(rows), total=len(notice.parts))
            return "\n".join([say.gap.join([verdict, head]), *rows])
        if claim.first_listed:  # "Is the MoF listed first in task 102?": who is, then who leads
            firsts = [say.first_on_task.format(first=self._as(say.plain, BY_ID[t.agency_ids[0]]), cite=cite(t.number))
                      for t in tasks]
            return say.gap.join([verdict, *firsts]) + "\n\n" + say.tasks_apart.join(
                self.statement(t, Field.LEAD) for t in tasks)
        if claim.joint is not None:  # "Is task 33 jointly led?": the verdict, then each task's leads
            return verdict + "\n\n" + say.tasks_apart.join(self.statement(t, Field.LEAD) for t in tasks)
        if claim.shared is not None or claim.agency_count is not None:
            facts = [say.task_fact.format(cite=cite(t.number), count=len(t.agency_ids),
                                          agencies=self.count(len(t.agency_ids), "agency"),
                                          shared=say.fact_shared if t.shared else say.fact_not_shared) for t in tasks]
            facts += [self._role_sentence(BY_ID[i], t, term) for t in tasks for term in claim.agencies for i in term.ids
                      if not t.involves(i)]  # the agencies the claim puts on the task that it does not name
            return say.gap.join([verdict, *facts]) + "\n\n" + say.tasks_apart.join(
                self.statement(t, Field.LEAD) for t in tasks)
        if not claim.agencies:
            task = tasks[0]
            body = (say.covers if holds else say.about_else).format(verdict=verdict, cite=cite(task.number),
                                                                    text=short(task.text, 16))
            if result.unsaid:  # "Task 48 abolishes compulsory licensing": the task's subject, not what it says
                body = (say.said_by_no_task if result.foreign else say.not_as_stated).format(
                    verdict=verdict, cite=cite(task.number), text=task.text,
                    words=say.or_list.join([say.quoted.format(words=w) for w in result.unsaid]))
            if not holds and result.closer:
                closer = notice.task(result.closer)
                body += say.closer_to.format(task=closer.number, cite=cite(closer.number), text=short(closer.text, 16),
                                             leads=self.lead_names(closer))
            return body + "\n\n" + self.statement(task, Field.LEAD)
        details = [self._role_sentence(BY_ID[agency_id], task, term)
                   for task in tasks for term in claim.agencies for agency_id in _said_of(term, task)]
        if result.unsaid:  # "Task 25 has Customs publish a quarterly report": the role may hold, the rest does not
            details.append(say.agency_but_unsaid.format(cite=cite(tasks[0].number), text=tasks[0].text,
                                                        words=say.or_list.join([say.quoted.format(words=w)
                                                                                for w in result.unsaid])))
        statements = say.tasks_apart.join(self.statement(t, Field.LEAD) for t in tasks)
        return say.gap.join([verdict, *details]) + "\n\n" + statements

    def _missing_task(self, result: Result, notice: Notice, verdict: str) -> str:
        """A claim citing a task the notice lacks: that it does not exist, then the task its subject belongs to, with
        the claim's agencies checked there."""
        say, claim = self.say, result.query.claim
        body = say.no_such_cited.format(verdict=verdict, shown=say.number_list.join([str(n) for n in claim.missing_tasks]),
                                        last=notice.last_task)
        if result.closer is None:
            return body
        closer = notice.task(result.closer)
        body += say.closer_to.format(task=closer.number, cite=cite(closer.number), text=short(closer.text, 16),
                                     leads=self.lead_names(closer))
        details = [self._role_sentence(BY_ID[i], closer, term) for term in claim.agencies for i in term.ids]
        return say.gap.join([body, *details]) + "\n\n" + self.statement(closer, Field.LEAD)

    def _wrong_task(self, result: Result, notice: Notice, task: Task, verdict: str) -> str:
        """The cited task is about something else: what it is about, the task that fits, and the claim's agencies
        checked there, so a memo with the right lead and the wrong number is not "fixed" the wrong way."""
        say, claim, closer = self.say, result.query.claim, notice.task(result.closer)
        body = say.about_else.format(verdict=verdict, cite=cite(task.number), text=short(task.text, 16))
        body += say.closer_to.format(task=closer.number, cite=cite(closer.number), text=short(closer.text, 16),
                                     leads=self.lead_names(closer))
        details = [self._role_sentence(BY_ID[i], closer, term) for term in claim.agencies for i in term.ids]
        return say.gap.join([body, *details]) + "\n\n" + self.statement(closer, Field.LEAD)

    def _exists(self, result: Result, notice: Notice, tasks: list[Task]) -> str:
        """"X doesn't lead any task": the tasks where the role holds, or, when none does, where the agency is at all."""
        say = self.say
        term = result.query.claim.agencies[0]
        words = {"who": self._names(say.labelled, [BY_ID[i] for i in term.ids]),
                 "where": self._scope_words(result.query, notice),
                 "role": say.roles.get(term.role.name.lower(), term.role.value),
                 "cites": say.and_list.join([cite(t.number) for t in tasks])}
        if result.count and result.query.tasks.joint and term.role == Role.LEAD:  # "... jointly with another agency?"
            # every lead in bold, as answers name leads: the agency and each co-lead
            words["who"] = say.and_list.join([self.name(BY_ID[i], bold=True) for i in term.ids])
            words["cites"] = say.and_list.join([say.jointly_with.format(
                cite=cite(t.number), others=say.and_list.join(
                    [self.name(a, bold=True) for a in t.leads if a.id not in term.ids])) for t in tasks])
        terms = result.query.claim.agencies
        if len(terms) > 1 and all(t.role == Role.ANY for t in terms):
            # "Do Commerce, Finance and Justice all appear together on any task?": the tasks naming every one
            words["who"] = say.and_list.join([self._names(say.labelled, [BY_ID[i] for i in t.ids]) for t in terms])
            if not result.count:
                return say.holds_on_none_together.format(**words)
            return say.holds_on_together.format(count=result.count, tasks=self.count(result.count).capitalize(),
                                                **words)
        if result.count:
            return say.holds_on.format(count=result.count, tasks=self.count(result.count), **words)
        if tasks:
            return say.holds_on_none_but_is_on.format(count=len(tasks), tasks=self.count(len(tasks)), **words)
        return say.holds_on_none.format(**words)

    def _every(self, result: Result, notice: Notice, tasks: list[Task]) -> str:
        """"X leads every task in part 5": all of them, or the ones where it does not, each with its real lead."""
        say = self.say
        term = result.query.claim.agencies[0]
        words = {"who": self._names(say.labelled, [BY_ID[i] for i in term.ids]),
                 "where": self._scope_words(result.query, notice).rstrip(","),
                 "role": say.roles.get(term.role.name.lower(), term.role.value), "total": self.count(result.count)}
        if result.verdict != result.query.claim.negated:  # it holds: the executor gave every task
            return (say.every_holds_both if len(tasks) == 2 else say.every_holds).format(
                tasks=self.count(len(tasks)), count=len(tasks), cites=say.and_list.join([cite(t.number) for t in tasks]),
                **words)
        rows = "; ".join(say.every_row.format(cite=cite(t.number), leads=self.lead_names(t)) for t in tasks)
        return say.every_fails.format(tasks=self.count(len(tasks)), count=len(tasks), rows=rows, **words)

    def _role_sentence(self, agency: Agency, task: Task, term: AgencyTerm) -> str:
        say = self.say
        name = self.name(agency, task)
        label = capital((say.claimed_said if term.said else say.claimed).format(
            said=term.said, name=name, plain=self._as(say.plain, agency)))
        words = {"label": label, "cite": cite(task.number), "count": len(task.agencies)}
        if term.role in (Role.SOLE, Role.SOLE_LEAD) and task.involves(agency.id) and len(task.agencies) > 1:
            alone = say.not_alone.format(**words)
            if alone:
                return alone
        if task.led_by(agency.id):
            if len(task.lead_ids) > 1:
                others = [a for a in task.leads if a.id != agency.id]
                return say.joint_lead.format(others=self._names(say.plain, others), **words)
            return (say.listed_first if task.shared else say.leads).format(**words)
        if task.involves(agency.id):
            return say.takes_part.format(**words)
        # "Does the Ministry of Justice take part in task 24?": No, and the office it took in in 2018, which is on it
        absorbed = [BY_ID[i] for i in taken_in_by(agency.id) if task.involves(i)]
        return say.not_on.format(**words) + "".join(
            say.not_on_but_taken_in.format(absorbed=self.name(a, task), fate=say.successors.get(a.id, a.successor))
            for a in absorbed)


def _singular(said: str) -> str:
    """What one agency of a task's list is or was ("are not its lead" -> "is not its lead")."""
    return re.sub(r"^(are|were|remain)\b", lambda v: {"are": "is", "were": "was", "remain": "remains"}[v.group(1)], said)


def _with_ties(ranking: list, rows: int) -> list:
    """The first `rows` of a ranking and every row tied with the last of them: a cut inside a tie would hide
    agencies with the same count ("the top three lead agencies", where four lead 4 tasks each)."""
    if len(ranking) <= rows or rows <= 0:
        return list(ranking)
    last = ranking[rows - 1][1]
    return [row for i, row in enumerate(ranking) if i < rows or row[1] == last]


def _said_of(term: AgencyTerm, task: Task) -> tuple[str, ...]:
    """The agencies of a claim's term to say a sentence about on a task: all of them, except that a 2018 name standing
    for several ("CBIRC": the CBRC or the CIRC) is said of those the task names, when it names any (the others'
    "not among the agencies" beside them read as a contradiction)."""
    if len(term.ids) > 1:
        named = tuple(i for i in term.ids if task.involves(i))
        return named or term.ids
    return term.ids
