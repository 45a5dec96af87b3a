"""The notice's text into typed records, exactly, or a ParseError naming the line.

The file is read paragraph by paragraph (blank lines separate them). The body
starts at the first part heading ("I. ..."), and every paragraph of the body
is a part, a numbered heading "(n) ..." or a numbered task "n. ... (agencies)".
The first paragraph that is none of these ends the notice: the advertising
text that trails the file is not part of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from assistant.notice import agencies as registry
from assistant.errors import ParseError
from assistant.notice.records import FrontMatter, Heading, Notice, Part, Task

EXPECTED_TASKS = 106
EXPECTED_PARTS = 6

ORDINALS = {
    "i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6,
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
}
PART_RE = re.compile(r"^(I|II|III|IV|V|VI|First|Second|Third|Fourth|Fifth|Sixth)[.,]\s+(\S.*)$")
HEADING_RE = re.compile(r"^\((\d+)\)\s+(\S.*)$")
TASK_RE = re.compile(r"^(\d+)\.\s+(\S.*)$", re.DOTALL)
TITLE_RE = re.compile(r"^Notice on .*$", re.MULTILINE)

# The front matter's lines: the signature, the date under it, and the document the notice carries out.
ISSUER_RE = re.compile(r"^(?:The )?(?:General )?Office of the State Council$")
DATE_RE = re.compile(r"^(?:January|February|March|April|May|June|July|August|September|October|November|December) "
                     r"\d{1,2}, \d{4}$")
IMPLEMENTS_RE = re.compile(r"\bimplement the [\"“](?P<document>[^\"”]+)[\"”]\s*\((?P<number>[^)]*No\. ?\d+)\)")
TAKE_LEAD_RE = re.compile(r"\btakes? the lead\b", re.IGNORECASE)
LED_BY_RE = re.compile(r"\b(?:led|leaded) by\b", re.IGNORECASE)
SHARED_RE = re.compile(r"responsible for each responsibility|responsible separately", re.IGNORECASE)
# Words that may surround agency names inside a task's parenthesis.
FILLER = frozenset(
    "the and are is responsible for each responsibility take takes lead led leaded by etc "
    "separately first one department same below".split()
)


@dataclass(frozen=True)
class Paragraph:
    line: int
    text: str


def paragraphs(text: str) -> list[Paragraph]:
    """Blank-line separated paragraphs, each with the line it starts on."""
    result: list[Paragraph] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            if not current:
                start = number
            current.append(line.strip())
        elif current:
            result.append(Paragraph(start, " ".join(current)))
            current = []
    if current:
        result.append(Paragraph(start, " ".join(current)))
    return result


def load_notice(path: Path | str) -> Notice:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ParseError("no_file", path=path) from None
    except UnicodeDecodeError as error:
        raise ParseError("not_utf8", path=path, reason=error.reason) from None
    return parse_notice(text)


def parse_notice(text: str) -> Notice:
    paras = paragraphs(text)
    title_match = TITLE_RE.search(text)
    title = title_match.group(0).strip() if title_match else ""
    body_start = next((i for i, p in enumerate(paras) if PART_RE.match(p.text)), None)
    if body_start is None:
        raise ParseError("no_parts")

    parts: list[Part] = []
    headings: list[Heading] = []
    tasks: list[Task] = []
    end_index = len(paras)
    for index in range(body_start, len(paras)):
        para = paras[index]
        if match := PART_RE.match(para.text):
            number = ORDINALS[match.group(1).lower()]
            if number != len(parts) + 1:
                raise ParseError("part_order", para.line, number=number, previous=len(parts))
            parts.append(Part(number, _clean_title(match.group(2)), para.line))
        elif match := HEADING_RE.match(para.text):
            number = int(match.group(1))
            expected = len([h for h in headings if h.part == parts[-1].number]) + 1
            if number != expected:
                raise ParseError("heading_order", para.line, number=number, expected=expected)
            headings.append(Heading(parts[-1].number, number, _clean_title(match.group(2)), para.line))
        elif match := TASK_RE.match(para.text):
            number = int(match.group(1))
            if number != len(tasks) + 1:
                raise ParseError("task_order", para.line, number=number, expected=len(tasks) + 1)
            if not headings or headings[-1].part != parts[-1].number:
                raise ParseError("task_before_heading", para.line, number=number)
            tasks.append(_task(number, match.group(2), parts[-1], headings[-1], para.line))
        else:
            end_index = index
            break

    end_line = paras[end_index].line if end_index < len(paras) else len(text.splitlines()) + 1
    if len(tasks) != EXPECTED_TASKS:
        if end_index < len(paras):
            raise ParseError("task_count_stops", end_line, found=len(tasks), expected=EXPECTED_TASKS,
                             text=paras[end_index].text[:60])
        raise ParseError("task_count", end_line, found=len(tasks), expected=EXPECTED_TASKS)
    if len(parts) != EXPECTED_PARTS:
        raise ParseError("part_count", end_line, found=len(parts), expected=EXPECTED_PARTS)
    trailing = "\n\n".join(p.text for p in paras[end_index:])
    return Notice(title, tuple(parts), tuple(headings), tuple(tasks), end_line, trailing,
                  _front_matter(paras[:body_start]))


def _front_matter(paras: list[Paragraph]) -> FrontMatter | None:
    """The signature, date and implemented document before the first part; None when a line is missing."""
    issuer = next((p.text for p in paras if ISSUER_RE.match(p.text)), None)
    date = next((p.text for p in paras if DATE_RE.match(p.text)), None)
    implements = next((m for p in paras if (m := IMPLEMENTS_RE.search(p.text))), None)
    if issuer is None or date is None or implements is None:
        return None
    return FrontMatter(issuer, date, implements.group("document"), implements.group("number"))


def _clean_title(title: str) -> str:
    return title.strip().rstrip(".").strip()


def _task(number: int, body: str, part: Part, heading: Heading, line: int) -> Task:
    open_at = body.rfind("(")
    if open_at == -1:
        raise ParseError("no_agency_list", line, number=number)
    text = body[:open_at].strip()
    agency_text = body[open_at + 1:].strip()
    if agency_text.endswith(")"):
        agency_text = agency_text[:-1].strip()
    found = registry.mentions(agency_text, include_list_only=True)
    _check_fully_resolved(number, agency_text, found, line)
    ids = tuple(dict.fromkeys(m.agency.id for m in found))
    leads, wording = lead_ids(agency_text, found)
    return Task(
        number=number, part=part.number, part_title=part.title, heading_number=heading.number,
        heading=heading.title, text=text, agency_text=agency_text, agency_ids=ids,
        lead_ids=leads, lead_wording=wording, line=line, shared=bool(SHARED_RE.search(agency_text)),
    )


def _check_fully_resolved(number: int, agency_text: str, found: list, line: int) -> None:
    if not found:
        raise ParseError("no_agency", line, number=number, text=agency_text)
    leftover = agency_text
    for mention in reversed(found):
        leftover = leftover[:mention.start] + " " + leftover[mention.end:]
    unknown = [w for w in re.findall(r"[A-Za-z']+", leftover.lower()) if w not in FILLER]
    if unknown:
        raise ParseError("unknown_agency", line, number=number, words=" ".join(unknown))


def lead_ids(agency_text: str, found: list) -> tuple[tuple[str, ...], str]:
    """The lead agencies of one task, and the notice's lead wording if it has any.

    The notice: "the first one is the lead department", unless the task says
    who leads. "X, Y take the lead" makes the agencies before the phrase the
    leads. "Leaded by X, Y, and Z, ..." at the start of the list makes X and Y
    the leads (the "and" begins the other participants, as in tasks 80 and
    84); "..., led by X, ..." inside the list makes X the lead (tasks 20, 102).
    """
    if match := TAKE_LEAD_RE.search(agency_text):
        leads = [m for m in found if m.end <= match.start()]
        return _ids(leads), match.group(0)
    if match := LED_BY_RE.search(agency_text):
        after = [m for m in found if m.start >= match.end()]
        opens_list = not any(m.end <= match.start() for m in found)
        leads = after[:1]
        for previous, current in zip(after, after[1:]):
            between = agency_text[previous.end:current.start]
            joined_by_and = re.fullmatch(r"\s+and\s+(the\s+)?", between, re.IGNORECASE)
            comma_only = re.fullmatch(r"\s*,\s*(the\s+)?", between, re.IGNORECASE)
            if joined_by_and or (opens_list and comma_only):
                leads.append(current)
            else:
                break
        return _ids(leads), match.group(0)
    return (found[0].agency.id,), ""


def _ids(mentions: list) -> tuple[str, ...]:
    return tuple(dict.fromkeys(m.agency.id for m in mentions))
