"""Checking citations against the task records: the task exists, each agency named is on it in the role
claimed, and the sentence's topic is the task's (not clearly another's).

The facts come from the records only (`Notice`, `Task`); the topic check needs the embedding model and
is optional, so a structural check runs without torch.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass

from assistant.check.cite import content_words
from assistant.check.model import SEVERITY, Citation, Claim, Finding, Reference, Role, Verdict
from assistant.check.topic import Fit, TopicJudge
from assistant.notice.agencies import Agency
from assistant.notice.records import Notice, Task

# A sentence needs this many topic words (after its citations, agency names and role words are taken out)
# for its topic to be judged: "SAIC leads task 24." says nothing about what task 24 is.
MIN_TOPIC_WORDS = 2
# Topic mismatch: another task's similarity to the sentence beats every cited task's by at least this
# much, and that task is at least TOPIC_FLOOR close (below it the sentence is about nothing the notice covers
# closely: "Task 24 was discussed at the quarterly meeting"). Chosen on the held-out sets' short topic labels
# cited right and wrong (`ipqa bench --check`, "topic sweep"): margin 0.06 kept precision 0.99 at recall 0.98;
# the floor 0.40 passes 90% of the right topics and most off-topic probes stay under it.
TOPIC_MARGIN = 0.06
TOPIC_FLOOR = 0.40
# An uncited sentence (with --suggest) gets a suggested task only this close to its topic.
SUGGEST_FLOOR = 0.45
# Words that make an uncited sentence about intellectual property, so worth a suggested task.
IP_WORDS_RE = re.compile(
    r"intellectual property|\bIPR?s?\b|patent|trademark|trade mark|copyright|trade secret|know-how|"
    r"geographical indication|counterfeit|infring|piracy|plant variet|licens|brand|知识产权|专利|商标|版权|侵权|假冒",
    re.IGNORECASE,
)
NOTICE_WORDS_WIDTH = 240


@dataclass(frozen=True)
class Pending:
    """A citation waiting for its topic to be judged with the rest of its batch."""

    citation: Citation
    topic: str


def names(agencies: list[Agency]) -> str:
    return "; ".join(a.name for a in agencies) or "none"


def lead_names(task: Task) -> str:
    return names(task.leads)


def notice_words(task: Task, width: int = NOTICE_WORDS_WIDTH) -> str:
    """The task's own text (shortened) and the notice's agency wording, as a reader checks it."""
    text = textwrap.shorten(task.text, width, placeholder=" ...") if width else task.text
    return f"Task {task.number}: “{text}” ({task.agency_text})"


def heading_words(notice: Notice, part: int, heading: int) -> str:
    found = [h for h in notice.headings if h.part == part and h.number == heading]
    tasks = notice.tasks_in(part, heading)
    span = f"tasks {tasks[0].number}–{tasks[-1].number}" if len(tasks) > 1 else f"task {tasks[0].number}"
    return f"Part {part}, heading ({heading}): “{found[0].title}” ({span})"


class Checker:
    """Turns citations into findings; `judge` is None when topics are not checked."""

    def __init__(self, notice: Notice, judge: TopicJudge | None = None, topics: bool = True):
        self.notice = notice
        self.judge = judge
        self.topics = topics and judge is not None

    # --- citations ---------------------------------------------------------------------------------

    def check(self, pending: list[Pending]) -> list[Finding]:
        judged = [p for p in pending if self._judgeable(p)]
        fits = dict(zip(map(id, judged), self.judge.fits([p.topic for p in judged]))) if judged else {}
        return [self._finding(p.citation, fits.get(id(p))) for p in pending]

    def _judgeable(self, pending: Pending) -> bool:
        return self.topics and len(content_words(pending.topic)) >= MIN_TOPIC_WORDS \
            and self._exists(pending.citation.reference)

    def _exists(self, reference: Reference) -> bool:
        if reference.task is not None:
            return self.notice.has_task(reference.task)
        return bool(self.notice.tasks_in(reference.part, reference.heading))

    def _finding(self, citation: Citation, fit: Fit | None) -> Finding:
        reference = citation.reference
        base = dict(location=citation.location, sentence=citation.sentence, reference=reference,
                    as_written=citation.as_written, claims=citation.claims)
        if not self._exists(reference):
            return Finding(**base, verdict=Verdict.NO_SUCH_TASK, problems=(Verdict.NO_SUCH_TASK,),
                           detail=self._missing(reference))
        tasks = self._tasks(reference)
        problems: list[tuple[Verdict, str]] = []
        for claim in citation.claims:
            problem = self._claim_problem(claim, reference, tasks)
            if problem:
                problems.append(problem)
        probably = self._topic_mismatch(citation, fit, tasks)
        if probably is not None:
            task = self.notice.task(probably)
            problems.append((Verdict.TOPIC_MISMATCH,
                             f"the sentence fits task {probably} better (“{textwrap.shorten(task.text, 90, placeholder=' ...')}”; "
                             f"lead: {lead_names(task)})"))
        problems.sort(key=lambda p: SEVERITY.index(p[0]))
        words = notice_words(tasks[0]) if reference.task is not None else heading_words(
            self.notice, reference.part, reference.heading)
        if not problems:
            return Finding(**base, verdict=Verdict.OK, detail=self._facts(reference, tasks), notice_words=words)
        kinds = tuple(dict.fromkeys(p[0] for p in problems))
        probable = self.notice.task(probably) if probably is not None else None
        return Finding(**base, verdict=kinds[0], problems=kinds, detail="; ".join(p[1] for p in problems),
                       notice_words=words, probably=probably,
                       probably_lead=lead_names(probable) if probable else "")

    def _tasks(self, reference: Reference) -> list[Task]:
        if reference.task is not None:
            return [self.notice.task(reference.task)]
        return self.notice.tasks_in(reference.part, reference.heading)

    def _missing(self, reference: Reference) -> str:
        last = self.notice.last_task
        if reference.task is not None:
            return f"the notice has tasks 1 to {last}; there is no task {reference.task}"
        if not any(p.number == reference.part for p in self.notice.parts):
            return f"the notice has parts 1 to {len(self.notice.parts)}; there is no part {reference.part}"
        count = len(self.notice.headings_of(reference.part))
        return f"part {reference.part} has headings (1) to ({count}); there is no heading ({reference.heading})"

    def _facts(self, reference: Reference, tasks: list[Task]) -> str:
        if reference.task is not None:
            return f"lead: {lead_names(tasks[0])}; others: {names(tasks[0].others)}"
        return f"{len(tasks)} tasks; leads: {names(_distinct(a for t in tasks for a in t.leads))}"

    def _claim_problem(self, claim: Claim, reference: Reference, tasks: list[Task]) -> tuple[Verdict, str] | None:
        agency = claim.agency
        what = f"task {reference.task}" if reference.task is not None else reference.label()
        if not any(t.involves(agency.id) for t in tasks):
            if reference.task is not None:
                task = tasks[0]
                return (Verdict.AGENCY_NOT_ON_TASK,
                        f"{agency.name} is not on {what} (lead: {lead_names(task)}; others: {names(task.others)})")
            return Verdict.AGENCY_NOT_ON_TASK, f"{agency.name} is on none of the tasks under {what}"
        if claim.role is Role.LEAD and not any(t.led_by(agency.id) for t in tasks):
            led = [t for t in tasks if t.involves(agency.id)]
            return (Verdict.WRONG_ROLE,
                    f"{agency.name} takes part in {what} but does not lead it (lead: "
                    f"{names(_distinct(a for t in led for a in t.leads))})")
        return None

    def _topic_mismatch(self, citation: Citation, fit: Fit | None, tasks: list[Task]) -> int | None:
        """The task the sentence fits clearly better than every task it cites, or None."""
        if fit is None:
            return None
        cited = {t.number for t in tasks}
        for sibling in citation.siblings:  # "tasks 24 and 25 cover ...": the topic may be either's
            cited |= {t.number for t in self._tasks(sibling)} if self._exists(sibling) else set()
        best = fit.best()
        if best is None or best in cited:
            return None
        closest_cited = max(fit.of(n) for n in cited)
        if fit.of(best) >= TOPIC_FLOOR and fit.of(best) - closest_cited >= TOPIC_MARGIN:
            return best
        return None

    # --- uncited sentences (--suggest) -------------------------------------------------------------------

    def suggestions(self, sentences: list[tuple[Citation, str]]) -> list[Finding]:
        """For sentences that give an IP topic to an agency without a citation: the task they most likely mean,
        among the tasks that agency takes part in (leads, when the sentence says it leads)."""
        if self.judge is None or not sentences:
            return []
        fits = self.judge.fits([topic for _, topic in sentences])
        findings = []
        for (citation, _), fit in zip(sentences, fits):
            claim = citation.claims[0]
            pool = {t.number for t in (self.notice.tasks_led_by(claim.agency.id) if claim.role is Role.LEAD
                                       else self.notice.tasks_involving(claim.agency.id))}
            best = fit.best(pool)
            if best is None or fit.of(best) < SUGGEST_FLOOR:
                continue
            task = self.notice.task(best)
            findings.append(Finding(
                location=citation.location, sentence=citation.sentence, verdict=Verdict.UNCITED, reference=None,
                claims=citation.claims, detail=f"no task cited; {claim.agency.name} "
                f"{'leads' if claim.role is Role.LEAD else 'takes part in'} task {best} on this topic",
                notice_words=notice_words(task), probably=best, probably_lead=lead_names(task)))
        return findings


def is_about_ip(sentence: str) -> bool:
    return bool(IP_WORDS_RE.search(sentence))


def _distinct(agencies) -> list[Agency]:
    seen: dict[str, Agency] = {}
    for agency in agencies:
        seen.setdefault(agency.id, agency)
    return list(seen.values())

