"""What a document check finds, as typed values: where a passage is, what it cites and claims, the verdict.

The CLI, the app, the eval and the reports all read these, so a verdict is
named once (`Verdict`) and never compared as a bare string elsewhere.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from assistant.notice.agencies import Agency


class Verdict(enum.Enum):
    """One finding's outcome, worst first in `SEVERITY`."""

    OK = "ok"
    NO_SUCH_TASK = "no such task"
    AGENCY_NOT_ON_TASK = "agency not on task"
    WRONG_ROLE = "wrong role"
    TOPIC_MISMATCH = "topic mismatch"
    # A sentence that gives an IP topic to an agency without citing a task (only with --suggest).
    UNCITED = "uncited"

    @property
    def is_problem(self) -> bool:
        """Whether this finding makes `ipqa check` exit 1: a citation that does not check out."""
        return self not in (Verdict.OK, Verdict.UNCITED)


# When one citation is wrong in several ways, the verdict is the first of these that applies: a task that
# does not exist has no agencies to check, and an agency that is not on the task has no role to check.
SEVERITY = (Verdict.NO_SUCH_TASK, Verdict.AGENCY_NOT_ON_TASK, Verdict.WRONG_ROLE, Verdict.TOPIC_MISMATCH)
CITATION_VERDICTS = (Verdict.OK, *SEVERITY)


class Role(enum.Enum):
    """What a sentence says an agency does on a task."""

    LEAD = "lead"  # "leads", "is responsible for", "takes the lead", "led by"
    INVOLVED = "involved"  # "takes part", "supports", or named beside the task without a role


@dataclass(frozen=True)
class Location:
    """Where a passage is: the file, then the page (PDF), the paragraph (.docx) and the line."""

    file: str
    line: int | None = None
    page: int | None = None
    paragraph: int | None = None

    def label(self) -> str:
        pieces = [self.file]
        if self.page is not None:
            pieces.append(f"p.{self.page}")
        if self.paragraph is not None:
            pieces.append(f"para {self.paragraph}")
        if self.line is not None:
            pieces.append(f"line {self.line}")
        return ", ".join(pieces)

    def to_dict(self) -> dict:
        return {"file": self.file, "page": self.page, "paragraph": self.paragraph, "line": self.line}


@dataclass(frozen=True)
class Claim:
    """An agency a sentence names beside a citation, and the role it gives it."""

    agency: Agency
    role: Role
    surface: str  # the words the sentence used

    def to_dict(self) -> dict:
        return {"agency": self.agency.name, "role": self.role.value, "as_written": self.surface}


@dataclass(frozen=True)
class Reference:
    """What a citation points at: a task, or a heading of a part ("Part 2, heading (3)"). A heading that
    exists is checked task by task, each with the part and heading it was cited by."""

    task: int | None = None
    part: int | None = None
    heading: int | None = None

    @property
    def is_heading(self) -> bool:
        return self.task is None

    def label(self) -> str:
        if self.task is not None and self.part is not None:
            return f"Task {self.task} (Part {self.part}, heading ({self.heading}))"
        if self.task is not None:
            return f"Task {self.task}"
        return f"Part {self.part}, heading ({self.heading})"


@dataclass(frozen=True)
class Citation:
    """One reference found in a sentence, with the agencies the sentence ties to it."""

    location: Location
    sentence: str
    reference: Reference
    as_written: str  # "tasks 24-26", "第二十四项"
    claims: tuple[Claim, ...] = ()
    # The other references cited together with this one ("tasks 24 and 25"): the topic may be any of them.
    siblings: tuple[Reference, ...] = ()


@dataclass(frozen=True)
class Finding:
    """The verdict on one citation (or, with --suggest, on one uncited sentence), with the notice's words."""

    location: Location
    sentence: str
    verdict: Verdict
    reference: Reference | None
    as_written: str = ""
    claims: tuple[Claim, ...] = ()
    # Every problem found, worst first; `verdict` is the first one's.
    problems: tuple[Verdict, ...] = ()
    detail: str = ""
    notice_words: str = ""
    probably: int | None = None  # the task the sentence fits better (topic mismatch, uncited)
    probably_lead: str = ""

    @property
    def cited(self) -> str:
        return self.reference.label() if self.reference else "-"

    @property
    def task(self) -> int | None:
        return self.reference.task if self.reference else None

    @property
    def verdict_label(self) -> str:
        if self.verdict in (Verdict.TOPIC_MISMATCH, Verdict.UNCITED) and self.probably:
            word = "probably" if self.verdict is Verdict.TOPIC_MISMATCH else "suggest"
            return f"{self.verdict.value}, {word} task {self.probably}"
        return self.verdict.value

    def to_dict(self) -> dict:
        return {
            "location": self.location.to_dict(),
            "sentence": self.sentence,
            "cited": self.cited,
            "task": self.task,
            "as_written": self.as_written,
            "verdict": self.verdict.value,
            "problems": [p.value for p in self.problems],
            "claims": [c.to_dict() for c in self.claims],
            "detail": self.detail,
            "probably": self.probably,
            "probably_lead": self.probably_lead or None,
            "notice_words": self.notice_words,
        }


@dataclass
class Report:
    """Every finding of one check, in document order, and what was read."""

    findings: list[Finding]
    files: list[str]
    passages: int = 0  # sentences read
    last_task: int = 0  # the notice's size, for the report's own words

    @property
    def citations(self) -> list[Finding]:
        return [f for f in self.findings if f.verdict is not Verdict.UNCITED]

    @property
    def suggestions(self) -> list[Finding]:
        return [f for f in self.findings if f.verdict is Verdict.UNCITED]

    @property
    def ok(self) -> bool:
        """Every citation checks out (the exit status: 0 when true)."""
        return not any(f.verdict.is_problem for f in self.findings)

    def counts(self) -> dict[Verdict, int]:
        counts = {v: 0 for v in Verdict}
        for finding in self.findings:
            counts[finding.verdict] += 1
        return counts

    def summary(self) -> str:
        cited = self.citations
        files = f"{len(self.files)} file{'s' if len(self.files) != 1 else ''}"
        if not cited:
            line = f"no task citations found in {files}"
        else:
            counts = self.counts()
            pieces = [f"{counts[v]} {v.value}" for v in CITATION_VERDICTS if counts[v]]
            line = f"{len(cited)} citation{'s' if len(cited) != 1 else ''} in {files}: {', '.join(pieces)}"
        if self.suggestions:
            line += f"; {len(self.suggestions)} uncited sentence{'s' if len(self.suggestions) != 1 else ''} " \
                    "with a suggested task"
        return line
