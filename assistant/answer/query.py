"""What a question asks, as a typed query over the task records.

A question is not sorted into one "kind" by its phrasing. It becomes a small
algebra: a set of tasks built from predicates (agency with a role, part,
heading, topic, numbers; and / or / not), optionally narrowed to a position,
then an operation on that set (list it, count it, look a field up, rank,
check a claim, say a detail is not given). Executing the query on the records
gives the answer, and `reading()` says in one line how the question was read,
so a reviewer can see it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum

from assistant.notice.agencies import BY_ID


class Role(Enum):
    ANY = "takes part in"      # named anywhere in the task's list
    LEAD = "leads"             # a lead (first listed, or named as lead)
    SOLE = "is the only agency on"
    MEMBER = "takes part in but does not lead"
    SOLE_LEAD = "is the only lead of"


class Op(Enum):
    LIST = "list"          # the tasks of a set
    COUNT = "count"        # how many tasks in a set
    LOOKUP = "lookup"      # a field of one or more tasks
    OVERVIEW = "overview"  # what a part or heading covers
    RANK = "rank"          # aggregates over agencies, tasks or headings
    CLAIM = "claim"        # is a statement about a task true?
    UNSTATED = "unstated"  # a detail the notice does not give, then what the task says
    REFUSE = "refuse"


class Field(Enum):
    LEAD = "lead"
    AGENCIES = "agencies"
    TEXT = "text"
    WHERE = "where"
    AGENCY_COUNT = "number of agencies"
    SUCCESSOR = "today's names"
    NOTICE = "the notice's signature, date and the document it carries out"
    LEAD_RULE = "how the notice says which agency leads a task"
    NAME = "which agency a name stands for"
    SAME_AGENCY = "whether two names stand for one agency"


class Position(Enum):
    FIRST = "first"
    LAST = "last"
    NTH = "nth"
    NEXT = "next"
    PREVIOUS = "previous"


class Compare(Enum):
    """How an agency's number of tasks is compared with the number asked ("more than 20 tasks")."""

    EXACTLY = "exactly"
    MORE = "more than"
    AT_LEAST = "at least"
    FEWER = "fewer than"
    AT_MOST = "at most"

    def holds(self, value: int, asked: int) -> bool:
        return {Compare.EXACTLY: value == asked, Compare.MORE: value > asked, Compare.AT_LEAST: value >= asked,
                Compare.FEWER: value < asked, Compare.AT_MOST: value <= asked}[self]


@dataclass(frozen=True)
class TaskCount:
    """A further condition on an agency's number of tasks: "... but never lead one" (led, exactly 0)."""

    n: int
    compare: Compare = Compare.EXACTLY
    by_leads: bool = False

    def reading(self) -> str:
        if self.n == 0 and self.compare == Compare.EXACTLY:
            return f"{'leading' if self.by_leads else 'named in'} no task"
        return f"{'leading' if self.by_leads else 'named in'} {self.compare.value} {self.n} task{'s' * (self.n != 1)}"


class Combine(Enum):
    """How the agencies of one scope meet those of another ("in part 5 but not in part 4")."""
    BOTH = "and also"
    ONLY_FIRST = "but not"
    EITHER = "or"
    ONE_SIDE = "or, but not both,"


class Rank(Enum):
    AGENCY_BY_LEADS = "agencies by tasks led"
    AGENCY_BY_TASKS = "agencies by tasks taken part in"
    AGENCY_ONE_TASK = "agencies named in exactly one task"
    TASK_BY_AGENCIES = "tasks by number of agencies"
    TASKS_ONE_AGENCY = "tasks with exactly one agency"
    HEADING_BY_TASKS = "headings by number of tasks"
    HEADING_ONE_TASK = "headings with exactly one task"
    HEADINGS_IN_PART = "headings of a part"
    PARTS = "parts of the notice"
    PART_BY_TASKS = "parts by number of tasks"
    AGENCIES_NAMED = "agencies the notice names"
    JOINT_LEADS = "tasks with more than one lead"
    EXPLICIT_LEADS = "tasks whose lead the notice names in words"
    NOT_FIRST_LEAD = "tasks led by an agency other than the one listed first"
    TASKS_BY_SIZE = "tasks by their number of agencies"
    SAME_AGENCIES = "other tasks naming the same agencies"
    SHARED = "tasks whose agencies each have their own part"

    @property
    def of_agencies(self) -> bool:
        """A ranking whose rows are agencies ("the third one" after it is an agency); the others list tasks,
        headings or parts."""
        return self in (Rank.AGENCY_BY_LEADS, Rank.AGENCY_BY_TASKS, Rank.AGENCY_ONE_TASK, Rank.AGENCIES_NAMED)


class Refusal(Enum):
    EMPTY = "empty"
    INJECTION = "injection"
    ADVERT = "advert"
    OTHER_DOCUMENT = "other_document"
    OUT_OF_SCOPE = "out_of_scope"
    BAD_TASK = "bad_task"
    BAD_PART = "bad_part"
    BAD_HEADING = "bad_heading"
    UNKNOWN_AGENCY = "unknown_agency"
    UNMENTIONED = "unmentioned"
    # The nearest task never speaks of what the question is about ("IP courts in Beijing"): `answer.coverage`.
    UNCOVERED = "uncovered"
    # A question in a language other than English or Chinese ("wer leitet Aufgabe 24?").
    OTHER_LANGUAGE = "other_language"


@dataclass(frozen=True)
class AgencyTerm:
    """One agency (or the 2016 agencies a successor replaced, any of them) in a role."""

    ids: tuple[str, ...]
    role: Role = Role.ANY
    # How the question named it, when that differs from the 2016 name ("SAMR", "CNIPA").
    said: str = ""

    @property
    def label(self) -> str:
        names = " or ".join(BY_ID[i].name for i in self.ids)
        return f"{self.said} ({names})" if self.said else names


@dataclass(frozen=True)
class TaskSet:
    """Tasks that satisfy every `all_of` term, at least one `any_of` term, no `none_of` term, and the scope."""

    all_of: tuple[AgencyTerm, ...] = ()
    any_of: tuple[AgencyTerm, ...] = ()
    none_of: tuple[AgencyTerm, ...] = ()
    part: int | None = None
    heading: int | None = None
    # Explicit task numbers, or the previous answer's tasks ("those").
    numbers: tuple[int, ...] | None = None
    from_previous: bool = False
    # What to search for; the executor ranks the admitted tasks by it.
    topic: str = ""
    # "Which tasks ..." about a topic: every close task, not only the best.
    plural: bool = False
    # Only the tasks whose agencies are "each responsible" for their own part.
    shared: bool = False
    # Tasks left out by number: "what else does that agency lead?" leaves out the one just discussed.
    excluded: tuple[int, ...] = ()
    # Leave out the tasks whose agencies are "each responsible" ("leaving out the each-responsible tasks").
    unshared: bool = False
    # Leave out the tasks with more than one lead ("leaving out joint leads").
    unjoint: bool = False
    # Only the tasks with more than one lead ("which tasks does SIPO co-lead?").
    joint: bool = False
    # What the topic is said not to be ("the deal-making side rather than the search database"): the task that
    # fits it best is not the answer.
    unlike: str = ""
    # "the talent heading": the whole heading of the task the topic finds, not the task.
    whole_heading: bool = False

    @property
    def only_together(self) -> tuple["AgencyTerm", ...]:
        """Several agencies each asked as "the only one" ("tasks with only the MoF and SIPO on them", "shared by
        exactly X and Y, nobody else"): no task has two only agencies, so they are the task's agencies together."""
        sole = tuple(t for t in self.all_of if t.role == Role.SOLE)
        return sole if len(sole) > 1 else ()

    @property
    def unconstrained(self) -> bool:
        return (not self.all_of and not self.any_of and not self.none_of and self.part is None
                and self.heading is None and self.numbers is None and not self.topic and not self.shared
                and not self.excluded and not self.unshared and not self.unjoint and not self.joint)

    def reading(self) -> str:
        bits: list[str] = []
        if self.numbers is not None:
            bits.append("the tasks of the previous answer" if self.from_previous else _numbers(self.numbers))
        else:
            bits.append("tasks")
        if self.topic:
            from assistant.answer.vocabulary import LEADING_ASKING_RE

            bits.append(f"about \"{LEADING_ASKING_RE.sub('', self.topic).strip() or self.topic}\"")
        if self.unlike:
            bits.append(f"rather than \"{self.unlike}\"")
        together = self.only_together
        conditions = [f"{t.label} {t.role.value} it" for t in self.all_of if t not in together]
        if together:
            labels = [t.label for t in together]
            conditions.insert(0, f"{', '.join(labels[:-1])} and {labels[-1]} are the only agencies")
        if len(self.any_of) > 2 and len({t.role for t in self.any_of}) == 1:  # "the others" of a list of agencies
            labels = [t.label for t in self.any_of]
            conditions.append(f"any of {', '.join(labels[:-1])} or {labels[-1]} {self.any_of[0].role.value} it")
        elif self.any_of:
            conditions.append(" or ".join(f"{t.label} {t.role.value} it" for t in self.any_of))
        if conditions:
            bits.append("where " + " and ".join(conditions))
        if conditions or self.numbers is not None:
            bits += [f"minus those where {t.label} {t.role.value} it" for t in self.none_of]
        elif self.none_of:  # "Which tasks is the IP office not on?"
            bits.append("where " + " and ".join(
                f"{t.label} does not {'lead' if t.role in (Role.LEAD, Role.SOLE_LEAD) else 'take part in'} it"
                for t in self.none_of))
        if self.excluded:
            bits.append("other than " + _numbers(self.excluded))
        if self.shared:
            bits.append("whose agencies are each responsible for their own part")
        if self.unshared:
            bits.append("leaving out those whose agencies are each responsible for their own part")
        if self.unjoint:
            bits.append("leaving out those with joint leads")
        if self.joint:
            bits.append("with more than one lead")
        if self.part is not None:
            bits.append(f"in part {self.part}" + (f", heading ({self.heading})" if self.heading else ""))
        elif self.heading is not None:
            bits.append(f"under heading ({self.heading})")
        return " ".join(bits)


@dataclass(frozen=True)
class NamePair:
    """Two names a question compares ("Is CNIPA the same as SIPO?", "Was SAIC merged into SAMR?"): the 2016
    agencies each stands for, as the question wrote it, and whether it is a 2018 name; `became` when the question
    asks whether the first became (or went into) the second rather than whether they are one agency."""

    first: tuple[str, ...]
    first_said: str
    first_later: bool
    second: tuple[str, ...]
    second_said: str
    second_later: bool
    became: bool = False
    mutual: bool = False  # whether the two merged with each other, either way round ("Did the CBRC merge with the CIRC?")
    # whether the question says merged ("Was SIPO merged into SAMR?"), which a body placed under another was not
    merged: bool = False


@dataclass(frozen=True)
class Claim:
    """A statement to check: the agencies in `role` on each task, or each task is about `topic`."""

    agencies: tuple[AgencyTerm, ...] = ()
    topic: str = ""
    negated: bool = False
    # Facts a claim states of the notice itself, as (fact, what it says): ("date", "July 8, 2016"), ("year", "2015"),
    # ("parts", "6"), ("tasks", "106"), ("issuer", "the Ministry of Finance"), ("approved", "the State Council").
    of_notice: tuple[tuple[str, str], ...] = ()
    # The words and figures of a claim that says what its task does, not only what it is about ("Task 48 abolishes
    # compulsory patent licensing": "abolishes", "compulsory", ...): the task must speak of each rare one.
    asserted: tuple[str, ...] = ()
    # The claim says what the task is about, not what it does ("Task 63 covers films and video games"): its asserted
    # words are the subject in the claimant's own words, held only to what the notice speaks of anywhere.
    subject: bool = False
    # Names the question gives that are no agency of the notice ("the Ministry of Magic").
    unknown: tuple[str, ...] = ()
    # A number to check against the set's size ("国家知识产权局一共牵头50项任务，对吗？"), and how ("on more than one
    # task").
    count: int | None = None
    compare: Compare = Compare.EXACTLY
    # Another agency whose number of tasks the claim's agency is compared with ("SAIC leads more tasks than AQSIQ").
    than: tuple[str, ...] = ()
    # Where the claim says the task sits ("Task 61 sits in Part IV, correct?").
    part: int | None = None
    heading: int | None = None
    # The agencies hold their role on at least one task of the set, not on every one ("X doesn't lead any task").
    exists: bool = False
    # ... or on every task of the set ("the IP Office leads every task in part 5").
    every: bool = False
    # What the claim says of the task itself: its agencies are each responsible ("task 18 is each-responsible"),
    # or it names this many agencies ("task 20 has 12 agencies", "task 27 has no agency but its lead").
    shared: bool | None = None
    agency_count: int | None = None
    # What the claim says of the task's leads: more than one ("Is task 33 jointly led?").
    joint: bool | None = None
    # The claim's agency is the first the task lists, whoever leads ("Is the MoF listed first in task 102?").
    first_listed: bool = False
    # Task numbers the claim cites that the notice does not have ("The draft cites Task 112 as the one on patent
    # navigation"): the claim is wrong, and the task its subject belongs to is the one to cite.
    missing_tasks: tuple[int, ...] = ()
    # The parts the claim says the agency is named in, and no others ("in every part", "in part 2 but nowhere else").
    in_parts: tuple[int, ...] | None = None
    # Tasks the claim says the agencies are NOT on ("on 88 but not 90").
    not_on: tuple[int, ...] = ()
    # The very tasks the claim says the set is ("the Taxation Administration is named only in task 99").
    tasks: tuple[int, ...] = ()
    # The claim holds if it holds on any one of the tasks named ("Does SAIC lead task 40 or task 41 or both?").
    any_task: bool = False


    @property
    def count_said(self) -> str:
        """The number of tasks claimed, as the claim puts it: "50", "more than 1"."""
        return str(self.count) if self.compare == Compare.EXACTLY else f"{self.compare.value} {self.count}"

@dataclass(frozen=True)
class Query:
    op: Op
    tasks: TaskSet = field(default_factory=TaskSet)
    field: Field = Field.LEAD
    position: Position | None = None
    nth: int = 0
    # For RANK over agencies: agencies left out of the ranking ("除了国家知识产权局以外，……最多"); `nth` asks for a place
    # other than the first ("排第二").
    excluding: tuple[str, ...] = ()
    rank: Rank | None = None
    # For Rank.AGENCY_ONE_TASK: a number of tasks ("named in exactly two tasks", "lead no task"), how an agency's
    # count compares with it ("more than 20 tasks"), and whether leads are counted instead of mentions.
    exactly: int = 1
    compare: Compare = Compare.EXACTLY
    by_leads: bool = False
    also: tuple[TaskCount, ...] = ()
    # For Rank.AGENCY_ONE_TASK: scopes whose agencies meet those of `tasks` ("which agencies appear in part 5 but
    # not in part 4", "agencies common to tasks 14, 15 and 17", "on task 74 but on neither 75 nor 83"); `joined`
    # are more scopes on the first side, taken together with `tasks` ("in part 4 or part 5 but not in part 2");
    # `versus_by_leads` says whether the other side counts leads ("lead a task in part 4 but are not on task 84").
    versus: tuple[TaskSet, ...] = ()
    joined: tuple[TaskSet, ...] = ()
    versus_by_leads: bool | None = None
    # ... or whether the other side asks for agencies named there that lead nothing there ("only listed as
    # participants in part 3").
    versus_member: bool = False
    combine: Combine = Combine.BOTH
    # ... or the agencies the last answer listed, those that do (Combine.BOTH) or do not (Combine.ONLY_FIRST) hold
    # the role in this query's scope ("which of them lead a task in part 3?", "which of these aren't on task 17?").
    within: tuple[str, ...] | None = None
    # ... and the task whose agencies they were, when the last answer was about one task (cited with them).
    within_from: tuple[int, ...] = ()
    # For RANK: "most" (True) or "fewest" (False).
    most: bool = True
    # For a ranking of agencies asked as a list ("rank agencies by ...", "the top 5"): how many rows it shows,
    # with no task list for the first; 0 when the question asks who is first.
    top: int = 0
    claim: Claim | None = None
    # For UNSTATED: what was asked that the notice does not give ("a deadline").
    detail: str = ""
    refusal: Refusal | None = None
    # The offending value of a refusal (a task number, a part number, a name).
    refused_value: str = ""
    notes: tuple[str, ...] = ()
    text: str = ""
    # Names the question gives that the notice never uses ("Madrid"): a topic match is then only a guess.
    unmentioned: tuple[str, ...] = ()
    # Those of them that name an instrument or an event ("the Canton Fair", "the Silk Road Fund"): the question asks
    # about that very thing, so no task answers it, however near its other words come.
    named_instruments: tuple[str, ...] = ()
    # The kinds of IP right the topic names ("trademark" in "cutting trademark registration fees"), each as
    # vocabulary.IP_RIGHTS names it: a task about other rights only ("patent fees") does not answer it.
    rights: tuple[str, ...] = ()
    # For a ranking or list of agencies: the ministries only ("which ministry is involved in the fewest tasks?").
    ministries_only: bool = False
    # Instruments of fiscal, trade or price policy the topic asks about and the notice never uses ("import tariffs"):
    # vocabulary.POLICY_TOOLS_RE.
    policy_tools: tuple[str, ...] = ()
    # Administrative acts the topic asks who performs ("approval", "licensing"), as vocabulary.ADMIN_ACTS names them.
    admin_acts: tuple[str, ...] = ()
    # Words of the topic the notice never uses in any form ("privacy", "domain"): a loose match is then a guess.
    unknown_words: tuple[str, ...] = ()
    unknown_share: float = 0.0
    # Task numbers the question gives that the notice lacks, with the subject it meant ("Task 107, the one on the
    # patent prosecution highway - who's responsible?"): the answer says they do not exist, then answers the subject.
    # (A reviewer's citation of such a number is a claim, and wrong: Claim.missing_tasks.)
    missing_tasks: tuple[int, ...] = ()
    # For Field.SAME_AGENCY: the two names compared.
    names: NamePair | None = None
    # For a look-up of one task's agencies: only these agencies are reported ("which of the agencies on task 90 were
    # merged into SAMR?"), described as `among_said`; for Field.SUCCESSOR, the agencies whose 2018 fate is asked;
    # for Field.NAME, the agency a name stands for, the name as the question wrote it in `among_said`.
    among: tuple[str, ...] | None = None
    among_said: str = ""
    # The agencies in `among` are those left once the question set some aside ("who else besides SIPO?", "who
    # besides its lead?"): when none is left, the answer says the task names no other.
    besides: bool = False
    # The topic's content words, for weighing whether the task found speaks of them (`answer.coverage`).
    topic_words: tuple[str, ...] = ()
    # How many agencies the question says its one task has ("Task 29 lists 12 agencies; who leads it?"): a premise,
    # checked against the task before the answer.
    stated_size: int | None = None
    # A list asked as yes or no ("Is there any task where CCPIT is listed without MOFCOM?"): the answer opens with
    # the verdict, then the list that decides it. So is a 2018 fate ("Does it still exist?": Agency.survived).
    asks_any: bool = False
    # With asks_any of a 2018 fate: whether it was abolished outright, rather than whether it went on
    asks_abolished: bool = False

    @property
    def counts(self) -> tuple[TaskCount, ...]:
        """Every condition on an agency's number of tasks (Rank.AGENCY_ONE_TASK): the first, then `also`."""
        return (TaskCount(self.exactly, self.compare, self.by_leads), *self.also)

    def with_notes(self, *notes: str) -> "Query":
        return replace(self, notes=tuple(dict.fromkeys((*self.notes, *notes))))

    def reading(self) -> str:
        """One line saying how the question was read: "Read as: tasks where MOFCOM takes part in it ..."."""
        what = self.tasks.reading()
        if self.position is not None:
            where = f"the {self.position.value if self.position != Position.NTH else ordinal(self.nth)} task"
            if self.position in (Position.NEXT, Position.PREVIOUS):
                steps = f"{ordinal(self.nth)} " if self.nth > 1 else ""
                where = f"the {steps}task {'after' if self.position == Position.NEXT else 'before'}"
                what = what.replace("tasks about", "the task about")
                return f"Read as: {self.field.value} of {where} {what}"
            what = f"{where} of {what}"
        if self.op == Op.LIST and self.asks_any:
            body = f"whether there are {what}"
        elif self.op == Op.LOOKUP and self.asks_any and self.tasks.topic and self.field != Field.SUCCESSOR:
            body = f"whether a task covers \"{self.tasks.topic}\", and {self.field.value} of it"
        elif self.op == Op.LIST:
            body = f"list {what}"
        elif self.op == Op.COUNT:
            body = f"count {what}"
        elif self.op == Op.LOOKUP and self.field == Field.SUCCESSOR and self.among is None:
            body = f"lead of {what}, and what became of it in 2018"
        elif self.op == Op.LOOKUP and self.field == Field.SAME_AGENCY and self.names is not None:
            pair = self.names
            body = (f'whether "{pair.first_said}" and "{pair.second_said}" merged' if pair.mutual
                    else f'whether "{pair.first_said}" became or went into "{pair.second_said}"' if pair.became
                    else f'whether "{pair.first_said}" and "{pair.second_said}" name the same agency')
        elif self.op == Op.LOOKUP and self.field == Field.NAME:
            where = f" on {what}" if self.tasks.numbers else ""
            body = f'which agency "{self.among_said}"{where} is: {", ".join(BY_ID[i].name for i in self.among or ())}'
        elif self.op == Op.LOOKUP and self.field == Field.SUCCESSOR and self.tasks.numbers is None:
            names = ', '.join(BY_ID[i].name for i in self.among or ())
            asked = "whether 2018 abolished" if self.asks_abolished else "whether" if self.asks_any else ""
            body = f"{asked} {names} {'outright, and what became of it' if self.asks_abolished else 'went on after 2018'}" \
                if self.asks_any else f"what became of {names} in 2018"
        elif self.op == Op.LOOKUP and self.among is not None:
            names = ", ".join(BY_ID[i].name for i in self.among)
            body = (f"today's names of {names} on {what}" if self.field == Field.SUCCESSOR
                    else f"agencies of {what} that {self.among_said}")
        elif self.op == Op.LOOKUP and self.field in (Field.NOTICE, Field.LEAD_RULE):
            body = f"what the notice says of itself: {self.field.value}"
        elif self.op == Op.LOOKUP:
            sits = "sit" if len(self.tasks.numbers or ()) > 1 or self.tasks.plural else "sits"
            body = f"where {what} {sits} in the notice" if self.field == Field.WHERE else f"{self.field.value} of {what}"
        elif self.op == Op.OVERVIEW:
            body = f"what {what.replace('tasks in ', '')} covers"
        elif self.op == Op.RANK and self.rank is not None:
            scope = f" in part {self.tasks.part}" if self.tasks.part else ""
            if self.tasks.part and self.tasks.heading:
                scope = f" under heading ({self.tasks.heading}) of part {self.tasks.part}"
            if self.tasks.from_previous and self.rank == Rank.TASK_BY_AGENCIES:
                scope = " among the tasks of the previous answer"
            order = "" if self.rank in _UNORDERED else (" (most first)" if self.most else " (fewest first)")
            excluded = [t.label for t in self.tasks.none_of] + [BY_ID[i].name for i in self.excluding]
            value = self.rank.value
            if self.rank == Rank.AGENCY_ONE_TASK:
                value = "agencies " + " and ".join(c.reading() for c in self.counts)
            if self.rank == Rank.SAME_AGENCIES:
                value, scope = f"{value} as {_numbers(self.tasks.numbers or ())}", ""
            if self.ministries_only:
                value = value.replace("agencies", "ministries", 1)
            if self.rank == Rank.TASKS_BY_SIZE:
                value = f"tasks naming {self.compare.value} {self.exactly} agenc{'y' if self.exactly == 1 else 'ies'}"
            if self.tasks.shared and self.rank != Rank.SHARED:
                scope += " whose agencies are each responsible for their own part"
            if self.versus:
                role = "leading a task" if self.by_leads else "named"
                other = "" if self.versus_by_leads in (None, self.by_leads) else \
                    ("leading a task " if self.versus_by_leads else "named ")
                other = "taking part but leading no task " if self.versus_member else other
                link = " and " if self.combine == Combine.BOTH else " or "
                scope = (f" {' or '.join(_where(s) for s in (self.tasks, *self.joined))} {self.combine.value} {other}"
                         f"{link.join(_where(s) for s in self.versus)}")
                value = f"agencies {role}"
            if self.within is not None:
                role = "leading a task" if self.by_leads else "named"
                negated = "not " if self.combine == Combine.ONLY_FIRST else ""
                scope = f" {negated}{role} {_where(self.tasks)}" + (" and nowhere else" if self.versus else "")
                value = f"of the {len(self.within)} agencies of the last answer, those"
            body = f"{value}{scope}{order}" + (f", leaving out {', '.join(excluded)}" if excluded else "")
            if self.tasks.joint and self.rank not in (Rank.JOINT_LEADS, Rank.SHARED):
                body += ", among the tasks with joint leads"
            body += "".join(f", leaving out the tasks {kind}" for kind, on in (
                ("with joint leads", self.tasks.unjoint),
                ("whose agencies are each responsible", self.tasks.unshared)) if on)
            if self.nth > 1:
                body += f", place {self.nth}"
        elif self.op == Op.CLAIM and self.claim is not None:
            if self.claim.agencies and (self.claim.exists or self.claim.every):
                who = "; ".join(f"{t.label} {t.role.value}" for t in self.claim.agencies)
                many = "every one" if self.claim.every else "at least one"
                body = f"check the claim: {'not ' if self.claim.negated else ''}{who} {many} of the {what}"
            elif self.claim.in_parts is not None:
                who = self.claim.agencies[0].label if self.claim.agencies else "?"
                where = ", ".join(map(str, self.claim.in_parts))
                body = f"check the claim: {'not ' if self.claim.negated else ''}{who} is named in part(s) {where} " \
                       "and in no other"
            elif self.claim.first_listed:
                who = self.claim.agencies[0].label if self.claim.agencies else "?"
                body = f"check the claim: {'not ' if self.claim.negated else ''}{who} is listed first on {what}"
            elif self.claim.joint is not None:
                said = "has more than one lead" if self.claim.joint else "has one lead"
                body = f"check the claim: {'not ' if self.claim.negated else ''}{what} {said}"
            elif self.claim.shared is not None:
                body = f"check the claim: {what} {'does not say' if self.claim.negated else 'says'} its agencies are " \
                       "each responsible for their own part"
                if self.claim.agencies:
                    body += ", " + " and ".join(t.label for t in self.claim.agencies) + " among them"
            elif self.claim.agency_count is not None:
                size = self.claim.agency_count
                body = f"check the claim: {what} {'does not name' if self.claim.negated else 'names'} " \
                       f"{size} agenc{'y' if size == 1 else 'ies'}"
            elif self.claim.agencies and self.claim.than:  # "SAIC leads more tasks than AQSIQ"
                term = self.claim.agencies[0]
                other = AgencyTerm(self.claim.than, term.role)
                verb = "leads" if term.role == Role.LEAD else "is named on"
                body = f"check the claim: {'not ' if self.claim.negated else ''}{term.label} {verb} " \
                       f"{self.claim.compare.value.split()[0]} tasks than {other.label} {_where(replace(self.tasks, all_of=(), any_of=()))}"
            elif self.claim.agencies and self.claim.count is not None:  # "SIPO leads 50 tasks"
                term, n = self.claim.agencies[0], self.claim.count
                verb = "leads" if term.role == Role.LEAD else "is named on"
                which = f" ({_numbers(self.claim.tasks)})" if self.claim.tasks else ""
                body = f"check the claim: {'not ' if self.claim.negated else ''}{term.label} {verb} " \
                       f"{self.claim.count_said} task{'' if n == 1 else 's'}{which} {_where(replace(self.tasks, all_of=(), any_of=()))}"
            elif self.claim.agencies:
                who = "; ".join(f"{t.label} {t.role.value}" for t in self.claim.agencies)
                body = f"check the claim: {'not ' if self.claim.negated else ''}{who} " \
                       f"{what.replace('tasks ', 'at least one of tasks ', 1) if self.claim.any_task else what}"
                if self.claim.not_on:
                    body += f", and not on {_numbers(self.claim.not_on)}"
            elif self.claim.part is not None or self.claim.heading is not None:
                place = ", ".join(f"{kind} {n}" for kind, n in (("part", self.claim.part), ("heading", self.claim.heading))
                                  if n is not None)
                verb = "are" if len(self.tasks.numbers or ()) > 1 else "is"
                body = f"check the claim: {what} {verb}{' not' if self.claim.negated else ''} in {place}"
            elif self.claim.count is not None:
                body = f"check the claim: {what} number {self.claim.count}"
            elif self.claim.unknown:
                body = f"check the claim that {self.claim.unknown[0]} is on {what}"
            elif self.claim.of_notice:
                facts = "; ".join(f"{fact} {said}" for fact, said in self.claim.of_notice)
                body = f"check the claim about the notice itself: {facts}" + (" (negated)" if self.claim.negated else "")
            elif self.claim.asserted:
                body = (f"check the claim: {what} {'does not say' if self.claim.negated else 'says'} "
                        f"{', '.join(self.claim.asserted)}")
            else:
                body = f"check the claim: {what} {'is not' if self.claim.negated else 'is'} about \"{self.claim.topic}\""
        elif self.op == Op.UNSTATED:
            body = f"{self.detail} of {what} (not in the notice), then what it says"
        elif self.op == Op.REFUSE and self.refusal is not None:
            body = f"not answerable from the notice ({self.refusal.value.replace('_', ' ')})"
        else:
            body = what
        if self.missing_tasks:
            body = f"(no task {', '.join(map(str, self.missing_tasks))}) {body}"
        return f"Read as: {body}"


_UNORDERED = {Rank.SAME_AGENCIES, Rank.AGENCY_ONE_TASK, Rank.TASKS_ONE_AGENCY, Rank.EXPLICIT_LEADS, Rank.NOT_FIRST_LEAD, Rank.TASKS_BY_SIZE, Rank.HEADING_ONE_TASK, Rank.HEADINGS_IN_PART, Rank.PARTS,
              Rank.AGENCIES_NAMED, Rank.JOINT_LEADS, Rank.SHARED}


def _where(tasks: TaskSet) -> str:
    """A scope in a few words: "in part 5", "under heading (2) of part 4", "on task 30"."""
    if tasks.numbers is not None:
        return f"on {_numbers(tasks.numbers)}"
    if tasks.heading is not None:
        return f"under heading ({tasks.heading}) of part {tasks.part}"
    if tasks.part is None and tasks.excluded:
        return "anywhere else in the notice"
    return f"in part {tasks.part}" if tasks.part is not None else "in the notice"


def _numbers(numbers: tuple[int, ...]) -> str:
    if len(numbers) == 1:
        return f"task {numbers[0]}"
    if len(numbers) > 2 and list(numbers) == list(range(numbers[0], numbers[-1] + 1)):
        return f"tasks {numbers[0]} to {numbers[-1]}"
    runs: list[list[int]] = []  # "outside part 2": tasks 1 to 13 and 39 to 106, not 81 numbers
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    if any(len(run) > 2 for run in runs) and sorted(numbers) == list(numbers):
        spans = [f"{run[0]} to {run[-1]}" if len(run) > 2 else ", ".join(map(str, run)) for run in runs]
        return "tasks " + ", ".join(spans[:-1]) + f" and {spans[-1]}" if len(spans) > 1 else "tasks " + spans[0]
    return "tasks " + ", ".join(str(n) for n in numbers)


def ordinal(n: int) -> str:
    """"2nd", "11th": readings and English templates say places this way, Chinese ones with the number ("第2项")."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def ordinal_word(n: int, of: int) -> str:
    """A place in a list of `of` in words: "first" .. "tenth", "last" for the last of several, "11th" beyond."""
    if n == of and of > 1:
        return "last"
    words = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
    return words[n - 1] if n <= len(words) else ordinal(n)


@dataclass(frozen=True)
class Turn:
    """What one earlier turn settled, for the follow-ups after it."""

    query: Query
    # Every task the answer gave (a list's members, a lookup's tasks).
    tasks: tuple[int, ...] = ()
    # The task(s) the answer was about ("it").
    focus: tuple[int, ...] = ()
    # The agencies the answer was about ("that agency", "the same lead").
    agencies: tuple[str, ...] = ()
    # The agencies the answer listed, in its order ("the first agency", "the last one listed"), and whether this
    # answer's own list was of agencies (then "the third one" is an agency, not a task).
    listed: tuple[str, ...] = ()
    lists_agencies: bool = False
    # Where that list of agencies was drawn from ("which agencies are in both part 2 and part 3"): "there" in a
    # follow-up ("which of them lead a task there?") means it, even after a turn that narrowed the list.
    scope: TaskSet | None = None
    # The task the turn before was about, when this one moved to another ("Who leads task 36?", "and task 37?"):
    # "same lead?" and "what heading are they under?" compare the two.
    earlier: tuple[int, ...] = ()
    # The list this turn narrowed ("Which of them are in part 2?"): "the one that isn't" is the rest of it.
    narrowed_from: tuple[int, ...] = ()
