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
# Topic mismatch: in every view of the sentence's topic (cite.topic_views) that is about something the notice
# covers (its closest task at least TOPIC_FLOOR close), another task beats every cited one by TOPIC_MARGIN in
# similarity AND holds more of the topic's own words. The word check keeps the embedding's near misses on short,
# specific phrases ("IP management in large specialised markets" is task 26's wording; the model preferred
# task 77) from being called mismatches. Measured by the topic sweep in `ipqa bench --check` (held-out topic
# labels cited right, as a neighbour and as a far task; eval/README.md): similarity alone at margin 0.04 gave
# precision 0.992, recall 0.988; with the word check, precision 1.000 and recall 0.971 for margins 0 to 0.04,
# 0.958 at 0.06. The floor: 0.40 and 0.35 score the same there (0.45 drops recall to 0.933), and 0.40 keeps
# most sentences about nothing in the notice ("... was discussed at the quarterly meeting", 0.38) out.
TOPIC_MARGIN = 0.04
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
    topics: tuple[str, ...]  # the whole topic, then its clauses (cite.topic_views)


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
        # A mismatch needs a task holding more of the topic's words than the cited ones; where none does in any
        # view, the citation's topic is cleared without the model (most right citations, on a long document).
        judged = [p for p in pending if self._judgeable(p) and not self._cleared_by_words(p)]
        if not judged:
            return [self._finding(p.citation, None) for p in pending]
        # The whole topic first; a clause is embedded only when the whole does not clear the citation
        # (the model is the slow part of a long document's check).
        fits = dict(zip((p.topics[0] for p in judged), self.judge.fits([p.topics[0] for p in judged])))
        doubtful = [t for p in judged if self._topic_mismatch(p.citation, [fits[p.topics[0]]]) is not None
                    or fits[p.topics[0]].of(fits[p.topics[0]].best()) < TOPIC_FLOOR for t in p.topics[1:]]
        fits.update(zip(doubtful, self.judge.fits(doubtful)))
        chosen = {id(p) for p in judged}
        return [self._finding(p.citation, [fits[t] for t in p.topics if t in fits] if id(p) in chosen else None)
                for p in pending]

    def _cleared_by_words(self, pending: Pending) -> bool:
        cited = self._cited(pending.citation)
        for topic in pending.topics:
            coverage = self.judge.coverage(topic)
            if coverage and max(coverage.get(n, 0.0) for n in cited) < max(coverage.values()):
                return False
        return True

    def _cited(self, citation: Citation) -> set[int]:
        """The tasks a sentence cites with this one ("tasks 24 and 25 cover ..."): its topic may be any of them."""
        cited = {t.number for t in self._tasks(citation.reference)}
        for sibling in citation.siblings:
            cited |= {t.number for t in self._tasks(sibling)} if self._exists(sibling) else set()
        return cited

    def _judgeable(self, pending: Pending) -> bool:
        return self.topics and bool(pending.topics) and len(content_words(pending.topics[0])) >= MIN_TOPIC_WORDS \
            and self._exists(pending.citation.reference)

    def _exists(self, reference: Reference) -> bool:
        if reference.task is not None:
            return self.notice.has_task(reference.task)
        return bool(self.notice.tasks_in(reference.part, reference.heading))

    def _finding(self, citation: Citation, fit: list[Fit] | None) -> Finding:
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
        probably = self._topic_mismatch(citation, fit)
        if probably is not None:
            task = self.notice.task(probably)
            text = textwrap.shorten(task.text, 90, placeholder=" ...")
            problems.append((Verdict.TOPIC_MISMATCH,
                             f"the sentence fits task {probably} better (“{text}”; lead: {lead_names(task)})"))
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

    def _topic_mismatch(self, citation: Citation, fits: list[Fit] | None) -> int | None:
        """The task the sentence fits clearly better than every task it cites, in every view of its topic that
        is about something the notice covers; or None."""
        if not fits:
            return None
        cited = self._cited(citation)
        better: list[int] = []
        for fit in fits:
            best = fit.best()
            if best is None or fit.of(best) < TOPIC_FLOOR:
                continue  # this view is about nothing the notice covers closely
            rival = self._rival(fit, cited)
            if rival is None:
                return None  # this view fits a cited task as well as any other
            better.append(rival)
        return better[0] if better else None

    @staticmethod
    def _rival(fit: Fit, cited: set[int]) -> int | None:
        """The closest task that beats every cited one both in similarity (by TOPIC_MARGIN) and in the share
        of the topic's words it holds."""
        top_similarity = max(fit.of(n) for n in cited)
        top_words = max(fit.covered(n) for n in cited)
        for number in fit.ranked:
            if fit.of(number) - top_similarity < TOPIC_MARGIN:
                return None
            if number not in cited and fit.covered(number) > top_words:
                return number
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

