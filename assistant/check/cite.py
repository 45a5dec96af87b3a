"""Finding citations in a sentence, and the agencies the sentence ties to each, with the role it claims.

A citation is "Task 24", "task No. 24", "tasks 24–26", "tasks 24 and 25", "(Task 24)", "item 24",
"the 24th task", "Part 2, heading (3)", "第24项", "第二十四项", "任务24". An agency is anything the registry
resolves ("SAIC", "工商总局", "the IP Office"). Which agency goes with which citation, and in which role, is
read from the words around them: "led by X", "X takes part in", "with X taking part", "Task 24 (X)".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.check.model import Claim, Reference, Role
from assistant.notice import agencies as registry
from assistant.notice.agencies import Agency

# --- numbers ------------------------------------------------------------------------------------------

CHINESE_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
                  "九": 9}
CHINESE_NUMBER = "[零〇一二两三四五六七八九十百]+"
ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}
PART_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
              "ten": 10, "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6}


def chinese_number(text: str) -> int | None:
    """"二十四" -> 24, "一百零六" -> 106, "24" -> 24."""
    if text.isdigit():
        return int(text)
    total, digit = 0, 0
    for char in text:
        if char in CHINESE_DIGITS:
            digit = CHINESE_DIGITS[char]
        elif char == "十":
            total += (digit or 1) * 10
            digit = 0
        elif char == "百":
            total += (digit or 1) * 100
            digit = 0
        else:
            return None
    return total + digit


def roman_number(text: str) -> int | None:
    if not text or any(c not in ROMAN for c in text.upper()):
        return None
    values = [ROMAN[c] for c in text.upper()]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def part_number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    return PART_WORDS.get(text.lower()) or roman_number(text) or chinese_number(text)


# --- citations ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Cited:
    """One reference as written: where its number is and where the whole citation is."""

    reference: Reference
    start: int  # of this number ("25" in "tasks 24 and 25")
    end: int
    citation_start: int  # of the whole citation ("tasks 24 and 25")
    citation_end: int
    as_written: str


NUMBER = r"\d{1,3}(?![\d]|[.,]\d)"
# "task 24", "tasks No. 24", "Task #24", "task number 24", "items 3 and 4".
TASK_HEAD_RE = re.compile(
    r"(?<![\w-])(?:tasks?|items?)(?:\s*(?:Nos?\.|numbers?|#)\s*|\s+(?:#\s*)?)(?=\d)", re.IGNORECASE)
ORDINAL_RE = re.compile(r"(?<![\w-])(\d{1,3})(?:st|nd|rd|th)\s+(?:key\s+)?(?:task|item)\b", re.IGNORECASE)
RANGE_RE = re.compile(r"\s*(?:[-–—~～]|to|through|thru|until)\s*(?:(?:tasks?|items?|Nos?\.|#)\s*)?(?=\d)",
                      re.IGNORECASE)
LIST_RE = re.compile(r"\s*(?:,\s*(?:and|or|&)\s+|,\s*|\s+(?:and|or|&)\s+|/|、)\s*(?:(?:tasks?|items?|Nos?\.|#)\s*)?(?=\d)",
                     re.IGNORECASE)
NUMBER_RE = re.compile(NUMBER)
# A parenthesis right after a number ("tasks 24 (SAIC), 25 (Customs)") does not end the list.
PAREN_RE = re.compile(r"\s*[(（][^()（）]{0,80}[)）]")
CHINESE_TASK_RE = re.compile(
    rf"第\s*((?:\d{{1,3}}|{CHINESE_NUMBER})(?:\s*(?:[、,，和及与或至到~～\-–—])\s*第?\s*(?:\d{{1,3}}|{CHINESE_NUMBER}))*)"
    rf"\s*项|任务\s*(\d{{1,3}})(?!\d)")
PART_NUMBER = r"(?:\d{1,2}|[IVX]{1,5}|one|two|three|four|five|six|seven|eight|nine|ten)"
HEADING_WORD = r"(?:sub-?)?(?:heading|section)s?"
HEADING_NUMBER = r"(?:\((\d{1,2})\)|（(\d{1,2})）|(\d{1,2})(?![\d.]))"
HEADING_RES = (
    # "Part 2, heading (3)", "Part II (3)", "Part 2 heading 3"
    re.compile(rf"(?<![\w-])[Pp]art\s+(?P<part>{PART_NUMBER})\b\s*[,:]?\s*(?:under\s+|of\s+)?"
               rf"(?:{HEADING_WORD}\s*{HEADING_NUMBER}|\((\d{{1,2}})\)|（(\d{{1,2}})）)"),
    # "heading (3) of Part 2", "section 3 in Part II"
    re.compile(rf"(?<![\w-]){HEADING_WORD}\s*{HEADING_NUMBER}\s*(?:,\s*)?(?:of|in|under)?\s*(?:the\s+notice'?s\s+)?"
               rf"[Pp]art\s+(?P<part>{PART_NUMBER})\b", re.IGNORECASE),
    # "第二部分（三）", "第二部分第（三）项"
    re.compile(rf"第(?P<part>{CHINESE_NUMBER}|\d)部分\s*第?\s*[（(]({CHINESE_NUMBER}|\d{{1,2}})[）)]"),
)
# Tasks written this way never name a part or year: a number this large is a year or an amount.
MAX_CITED = 999


def find_citations(text: str) -> list[Cited]:
    """Every task and heading reference in `text`, in order of position."""
    found: list[Cited] = []
    taken: list[tuple[int, int]] = []
    for match in TASK_HEAD_RE.finditer(text):
        items, end = _scan_list(text, match.end())
        whole = (match.start(), end)
        taken.append(whole)
        found += [Cited(Reference(task=n), s, e, *whole, text[slice(*whole)].strip()) for n, s, e in items]
    for match in ORDINAL_RE.finditer(text):
        if not _inside(match.start(), taken):
            whole = (match.start(), match.end())
            taken.append(whole)
            found.append(Cited(Reference(task=int(match.group(1))), match.start(1), match.end(1), *whole,
                               match.group(0)))
    for match in CHINESE_TASK_RE.finditer(text):
        whole = (match.start(), match.end())
        taken.append(whole)
        if match.group(2):
            found.append(Cited(Reference(task=int(match.group(2))), match.start(2), match.end(2), *whole,
                               match.group(0)))
            continue
        found += [Cited(Reference(task=n), s, e, *whole, match.group(0)) for n, s, e in _chinese_items(match)]
    for pattern in HEADING_RES:
        for match in pattern.finditer(text):
            if _inside(match.start(), taken):
                continue
            part = part_number(match.group("part"))
            numbers = [g for i, g in enumerate(match.groups()) if g and pattern.groupindex.get("part") != i + 1]
            heading = chinese_number(numbers[0]) if numbers else None
            if part is None or heading is None:
                continue
            whole = (match.start(), match.end())
            taken.append(whole)
            found.append(Cited(Reference(part=part, heading=heading), *whole, *whole, match.group(0)))
    return sorted(found, key=lambda c: (c.start, c.end))


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)


def _scan_list(text: str, position: int) -> tuple[list[tuple[int, int, int]], int]:
    """The numbers of "24", "24–26", "24, 25 and 30", "24 (SAIC), 25 (Customs)" from `position`:
    (number, start, end) each, and where the list ends."""
    items: list[tuple[int, int, int]] = []
    end = position
    while True:
        number = NUMBER_RE.match(text, position)
        if not number:
            break
        first = int(number.group(0))
        items.append((first, number.start(), number.end()))
        end = position = number.end()
        ranged = RANGE_RE.match(text, position)
        if ranged:
            last = NUMBER_RE.match(text, ranged.end())
            if last and first < int(last.group(0)) <= first + 30:
                items += [(n, number.start(), last.end()) for n in range(first + 1, int(last.group(0)))]
                items.append((int(last.group(0)), last.start(), last.end()))
                end = position = last.end()
        after = position
        paren = PAREN_RE.match(text, after)
        if paren:
            after = paren.end()
        joined = LIST_RE.match(text, after)
        if not joined:
            break
        position = joined.end()
    return [(n, s, e) for n, s, e in items if n <= MAX_CITED], end


def _chinese_items(match: re.Match) -> list[tuple[int, int, int]]:
    chunk_start = match.start(1)
    items: list[tuple[int, int, int]] = []
    pieces = list(re.finditer(rf"\d{{1,3}}|{CHINESE_NUMBER}", match.group(1)))
    separators = re.findall(r"[、,，和及与或至到~～\-–—]", match.group(1))
    for i, piece in enumerate(pieces):
        value = chinese_number(piece.group(0))
        if value is None:
            continue
        start, end = chunk_start + piece.start(), chunk_start + piece.end()
        if i > 0 and i - 1 < len(separators) and separators[i - 1] in "至到~～-–—" and items:
            previous = items[-1][0]
            items += [(n, start, end) for n in range(previous + 1, value) if value - previous <= 30]
        items.append((value, start, end))
    return items


# --- agencies -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Named:
    agency: Agency
    start: int
    end: int
    surface: str


# Forms the registry keeps out of free text because they are also ordinary words ("customs enforcement"),
# read here as the agency only when written with a capital and followed by what follows an agency.
BARE_FORMS = {"Customs": "gac"}
AGENCY_FOLLOWERS = (r"(?:\s*(?:[),;:.]|$)|\s+(?:leads?|led|is|are|has|have|will|shall|takes?|took|heads?|handles?|"
                    r"owns?|participates?|supports?|assists?|joins?|plays?|and|or|also|as|jointly|together|"
                    r"with|alone|too|in|on)\b)")
BARE_RES = {form: re.compile(rf"(?<![\w'])(?-i:{form})(?={AGENCY_FOLLOWERS})") for form in BARE_FORMS}


@lru_cache(maxsize=256)
def _mentions(text: str) -> tuple[registry.Mention, ...]:
    """The registry's scan, once per sentence (the claims and the topic both need it; it is the slow part)."""
    return tuple(registry.mentions(text))


def find_agencies(text: str) -> list[Named]:
    """Agencies named in `text`, in order; one agency named twice in a row ("MOFCOM (Ministry of Commerce)")
    counts once."""
    return list(_find_agencies(text))


@lru_cache(maxsize=256)
def _find_agencies(text: str) -> tuple[Named, ...]:
    named = [Named(m.agency, m.start, m.end, m.surface) for m in _mentions(text)]
    spans = [(n.start, n.end) for n in named]
    for form, pattern in BARE_RES.items():
        for match in pattern.finditer(text):
            if not any(s <= match.start() < e for s, e in spans):
                named.append(Named(registry.BY_ID[BARE_FORMS[form]], match.start(), match.end(), match.group(0)))
    named.sort(key=lambda n: n.start)
    merged: list[Named] = []
    for item in named:
        if merged and merged[-1].agency.id == item.agency.id and re.fullmatch(
                r"[\s(（,]*(?:the\s+)?", text[merged[-1].end:item.start], re.IGNORECASE):
            continue
        merged.append(item)
    return tuple(merged)


# --- roles --------------------------------------------------------------------------------------------

NEGATION = r"(?:not|n't|never|no longer)"
# Only a word about leading claims the lead. "Responsible" does not: the notice itself writes "(Responsible for
# A, B and C)" over every agency of a task, the lead first; so "X is responsible for task N", like "handled by X"
# or "falls to X", says X is on the task.
LEAD_WORDS = (r"(?:lead(?:s|ing)?(?:\s+(?:agency|department|ministry|body|role|unit|office))?|led|(?:in\s+)?the lead|"
              r"co-?lead(?:s)?|take[s]? the lead|taking the lead|took the lead|head(?:s|ing)?|in charge|"
              r"spearhead(?:s|ing)?|牵头|主导|主责)")
INVOLVED_WORDS = (r"(?:take[s]? part|taking part|took part|participat(?:e|es|ing|ed)|(?:is|are|was|were)\s+involved|"
                  r"involved|support(?:s|ing)?|assist(?:s|ing)?|contribut(?:e|es|ing)|join(?:s|ing)?|"
                  r"co-?operat(?:e|es|ing)|help(?:s|ing)?|partner(?:s|ing)?|(?:is|are)\s+(?:also\s+)?among|"
                  r"(?:(?:is|are|was|were|be|being)\s+(?:(?:also|jointly|mainly|chiefly)\s+)?)?responsib(?:le|ility|ilities)|"
                  r"(?:also\s+)?(?:has|have|play(?:s)?)\s+(?:its\s+own\s+|a\s+)(?:supporting|secondary|minor|part|role|share)|"
                  r"负责|参与|配合|协助|参加)")
AUXILIARY = (r"(?:\s*,?\s*(?:which|who|that)\b)?(?:\s+(?:is|are|was|were|will|shall|would|should|has|have|had|does|"
             r"do|also|jointly|together|currently|formally|alone|now|still|then|the|a|an|as|acts?|serves?|be|been|"
             r"being|remains?|to|its|own)\b)*")
LEAD_AFTER_RE = re.compile(rf"^{AUXILIARY}\s*(?:{NEGATION}\s+)?({LEAD_WORDS})\b", re.IGNORECASE)
INVOLVED_AFTER_RE = re.compile(rf"^{AUXILIARY}\s*(?:{NEGATION}\s+)?({INVOLVED_WORDS})", re.IGNORECASE)
NEGATED_AFTER_RE = re.compile(rf"^{AUXILIARY}\s*{NEGATION}\b", re.IGNORECASE)
# "SIPO plays no part", "the LAO is not involved": the sentence says the agency is not on the task.
EXCLUDED_AFTER_RE = re.compile(
    rf"^{AUXILIARY}\s*(?:{NEGATION}\s+(?:\w+\s+)?{INVOLVED_WORDS}|(?:plays?|has|have|takes?)\s+no\s+(?:part|role|share)|"
    rf"(?:is|are)\s+not\s+(?:among|on|part of))", re.IGNORECASE)
LEAD_BEFORE_RE = re.compile(
    r"(?:\bled|\bheaded|\bcoordinated|\bspearheaded)\s+(?:jointly\s+)?by\s+(?:the\s+)?$|"
    r"\bunder\s+(?:the\s+)?(?:lead(?:ership)?|leading role)\s+of\s+(?:the\s+)?$|"
    r"\blead(?:ing)?(?:\s+(?:agency|agencies|department|departments|ministry|body|unit|role|office))?"
    r"\s*(?:is|are|was|:|–|—|-)?\s*(?:the\s+)?$|"
    r"\bin charge\s*(?:is|are|:)\s*(?:the\s+)?$",
    re.IGNORECASE,
)
INVOLVED_BEFORE_RE = re.compile(
    r"\b(?:together with|along with|alongside|with|including|involving|involves|plus|as well as|besides|"
    r"supported by|assisted by|joined by|helped by|in cooperation with|in co-operation with|in partnership with|"
    r"with the (?:participation|support|help|cooperation) of|with support from|with help from|"
    r"participants?(?:\s+(?:are|is|include))?\s*:?|others?\s*(?:are|:)|also|"
    r"(?:handled|owned|run|assigned|entrusted|shared|covered|implemented|carried out|done)\s+(?:jointly\s+)?(?:by|to)|"
    r"(?:responsibility|responsibilities)\s+(?:lies|lie|rests|rest|falls|fall|sits|sit)\s+(?:with|on)|"
    r"(?:falls?|belongs?|goes|go)\s+to|responsible\s*(?:agency|agencies|department|body|unit)?\s*(?:is|are|:)?)"
    r"\s+(?:the\s+)?$|会同\s*$|由\s*$",
    re.IGNORECASE,
)
EXCLUDED = "excluded"  # an own role meaning "the sentence says this agency is not on the task"
# Between an agency and a citation, the verb nearest the citation says the role ("MOFCOM takes part in
# task 21 and leads task 80").
LEAD_VERB_RE = re.compile(rf"\b{LEAD_WORDS}\b|牵头|主导", re.IGNORECASE)
INVOLVED_VERB_RE = re.compile(rf"\b{INVOLVED_WORDS}|负责|参与|配合|协助", re.IGNORECASE)
NEGATED_VERB_RE = re.compile(rf"\b{NEGATION}\s+(?:\w+\s+)?(?:{LEAD_WORDS})", re.IGNORECASE)
GROUP_JOIN_RE = re.compile(r"^(?:\s*(?:,|、|/|&|\band\b|\bor\b|和|及|与)\s*(?:the\s+)?)+$", re.IGNORECASE)
# A clause boundary after which the agencies talk about another citation.
BOUNDARY_RE = re.compile(r"[;；。]|,?\s+(?:while|whereas|but|although|though)\s+|\.\s", re.IGNORECASE)
NEW_CLAUSE_RE = re.compile(r"(?:,\s*(?:and\s+|while\s+)?|\s+and\s+)(?:the\s+)?$", re.IGNORECASE)
RESPECTIVELY_RE = re.compile(r"\brespectively\b|分别", re.IGNORECASE)
BEFORE_WINDOW = 45
AFTER_WINDOW = 60


@dataclass
class Group:
    """Agencies named one after another ("SAIC, SIPO and the Post Bureau"), which share a role."""

    members: list[Named]
    own_role: Role | str | None = None  # what the words right around the group say (or EXCLUDED)
    parenthetical: bool = False  # "(SAIC, LAO)" right after a citation
    cites: list[int] = field(default_factory=list)  # indexes of the citations it goes with

    @property
    def start(self) -> int:
        return self.members[0].start

    @property
    def end(self) -> int:
        return self.members[-1].end


def _groups(text: str, named: list[Named]) -> list[Group]:
    groups: list[Group] = []
    for item in named:
        if groups and GROUP_JOIN_RE.match(text[groups[-1].end:item.start] or ""):
            groups[-1].members.append(item)
        else:
            groups.append(Group([item]))
    return groups


def _own_role(text: str, group: Group, limit_before: int, limit_after: int) -> Role | str | None:
    """The role the words right around a group give it: "led by X", "X leads", "X takes part", "with X";
    EXCLUDED for "X plays no part". A lead word right after the group wins over a plain "with" before it
    ("with MOFCOM as lead")."""
    before = text[max(limit_before, group.start - BEFORE_WINDOW):group.start]
    after = text[group.end:min(limit_after, group.end + AFTER_WINDOW)]
    after = re.sub(r"^\s*[(（][^()（）]*[)）]", "", after)  # "SAIC (the lead agency) ..." reads past an aside
    if EXCLUDED_AFTER_RE.match(after):
        return EXCLUDED
    if LEAD_BEFORE_RE.search(before):
        return Role.LEAD
    if NEGATED_AFTER_RE.match(after):
        return Role.INVOLVED
    if LEAD_AFTER_RE.match(after):
        return Role.LEAD
    if INVOLVED_AFTER_RE.match(after) or INVOLVED_BEFORE_RE.search(before):
        return Role.INVOLVED
    return None


def _verb_role(span: str) -> Role | None:
    """The role the verb nearest the end of `span` gives (the span runs from an agency to its citation)."""
    best: tuple[int, Role] | None = None
    for pattern, role in ((LEAD_VERB_RE, Role.LEAD), (INVOLVED_VERB_RE, Role.INVOLVED)):
        for match in pattern.finditer(span):
            if best is None or match.start() > best[0]:
                best = (match.start(), role)
    if best and best[1] is Role.LEAD and NEGATED_VERB_RE.search(span[max(0, best[0] - 20):best[0] + 30]):
        return Role.INVOLVED
    return best[1] if best else None


def _segments(text: str, cites: list[Cited], groups: list[Group]) -> list[int]:
    """A segment number per group and per citation (groups first, then citations, in the order given):
    clauses split at ";", "while", "but", and at ", and X leads ..." when the clause before cites a task."""
    cuts = [m.end() for m in BOUNDARY_RE.finditer(text)]
    for group in groups:
        lead_in = NEW_CLAUSE_RE.search(text[max(0, group.start - 12):group.start])
        clause_starts_here = lead_in and group.own_role is not None and not _role_from_before(text, group)
        if clause_starts_here and any(c.citation_end <= group.start for c in cites):
            cuts.append(group.start)
    cuts.sort()

    def segment(position: int) -> int:
        return sum(1 for cut in cuts if cut <= position)

    return [segment(g.start) for g in groups] + [segment(c.citation_start) for c in cites]


def _role_from_before(text: str, group: Group) -> bool:
    before = text[max(0, group.start - BEFORE_WINDOW):group.start]
    return bool(LEAD_BEFORE_RE.search(before) or INVOLVED_BEFORE_RE.search(before))


def claims_for(text: str, cites: list[Cited]) -> list[tuple[Claim, ...]]:
    """For each citation, the agencies the sentence ties to it and the role it claims for each."""
    named = find_agencies(text)
    result: list[list[Claim]] = [[] for _ in cites]
    if not named or not cites:
        return [tuple(c) for c in result]
    groups = _groups(text, named)
    for group in groups:
        group.own_role = _own_role(text, group, 0, len(text))
        group.parenthetical = _parenthetical_after_citation(text, group, cites) is not None
    segments = _segments(text, cites, groups)
    group_segment, cite_segment = segments[:len(groups)], segments[len(groups):]
    citations = _distinct_citations(cites)

    for g, group in enumerate(groups):
        owner = _parenthetical_after_citation(text, group, cites)
        if owner is not None:
            targets = [i for i, c in enumerate(cites) if c.citation_start == cites[owner].citation_start
                       and c.start == cites[owner].start]
        else:
            targets = [i for i, c in enumerate(cites) if cite_segment[i] == group_segment[g]]
            if not targets:
                # A clause with agencies and no citation ("...; SAIC takes part") speaks of the clause before.
                earlier = [s for s in cite_segment if s < group_segment[g]]
                later = [s for s in cite_segment if s > group_segment[g]]
                chosen = max(earlier) if earlier else (min(later) if later else None)
                targets = [i for i, c in enumerate(cites) if cite_segment[i] == chosen]
            targets = [i for i in targets if not _parenthetical_of_other(text, groups, g, cites[i], cites)]
        group.cites = targets

    _pair_respectively(text, groups, cites, citations)
    for group in groups:
        if group.own_role == EXCLUDED:
            continue
        for i in group.cites:
            role = _role(text, group, cites[i])
            for position, member in enumerate(group.members):
                member_role = role
                if group.parenthetical and group.own_role is None and position > 0:
                    member_role = Role.INVOLVED  # "(SAIC, LAO)": the notice's own way, the first one leads
                if not any(c.agency.id == member.agency.id for c in result[i]):
                    result[i].append(Claim(member.agency, member_role, member.surface))
    return [tuple(c) for c in result]


def _role(text: str, group: Group, cite: Cited) -> Role:
    if group.own_role is not None and (_role_from_before(text, group) or cite.citation_start < group.start):
        return group.own_role
    if group.end <= cite.citation_start:
        span = text[group.end:cite.citation_start]
        span = span[max(span.rfind(";"), 0):]
        verb = _verb_role(span)
        if verb is not None:
            return verb
    if group.own_role is not None:
        return group.own_role
    if group.parenthetical:
        return Role.LEAD  # "Task 24 (SAIC)": the agency written beside a task is the one answerable for it
    return Role.INVOLVED


def _parenthetical_after_citation(text: str, group: Group, cites: list[Cited]) -> int | None:
    """The citation whose own parenthesis holds this group ("Task 24 (SAIC, with the LAO)")."""
    for i, cite in enumerate(cites):
        opening = re.match(r"\s*[(（]", text[cite.end:group.start])
        if opening and not re.search(r"[)）]", text[cite.end:group.start]) and group.start - cite.end < 40:
            return i
    return None


def _parenthetical_of_other(text: str, groups: list[Group], g: int, cite: Cited, cites: list[Cited]) -> bool:
    """A group in the parenthesis of one citation is not about the others."""
    owner = _parenthetical_after_citation(text, groups[g], cites)
    return owner is not None and cites[owner].start != cite.start


def _distinct_citations(cites: list[Cited]) -> list[int]:
    return sorted({c.start for c in cites})


def _pair_respectively(text: str, groups: list[Group], cites: list[Cited], starts: list[int]) -> None:
    """"SAIC and Customs lead tasks 24 and 25 respectively": the n-th agency goes with the n-th task."""
    if not RESPECTIVELY_RE.search(text) or len(groups) != 1 or len(groups[0].members) != len(starts) < 2:
        return
    group = groups.pop()
    for member, start in zip(group.members, starts):
        paired = Group([member], own_role=group.own_role)
        paired.cites = [i for i, c in enumerate(cites) if c.start == start]
        groups.append(paired)


def attributions(text: str) -> tuple[Claim, ...]:
    """In a sentence that cites no task, the agencies it gives a role ("SAIC leads trade secret protection")."""
    claims: list[Claim] = []
    for group in _groups(text, find_agencies(text)):
        role = _own_role(text, group, 0, len(text))
        if isinstance(role, Role):
            claims += [Claim(m.agency, role, m.surface) for m in group.members]
    return tuple(claims)


# --- the topic of a sentence ---------------------------------------------------------------------------

ROLE_PHRASES_RE = re.compile(
    rf"\b(?:{LEAD_WORDS}|{INVOLVED_WORDS})\b|\b(?:led|headed|supported|assisted|joined|handled|coordinated)\s+by\b|"
    r"\b(?:the\s+)?notice'?s?\b|\bunder\b|\bper\b|\baccording to\b|\bsee\b|\bcf\.|\bpart\s+\w+\b|\bheading\b",
    re.IGNORECASE,
)
FILLER_WORDS = frozenset(
    "a an the and or of for in on to by with as at is are was were be been being this that these those it its "
    "which who whom whose will shall would should can could may might must also both each all other others "
    "agency agencies ministry ministries department departments body bodies office lead leads role task tasks "
    "item items notice state council key division work plan note report says said per under we our their there "
    "here has have had do does did not no than then so such into from about over between while whereas but "
    "further up out more most only same respectively jointly together alongside along".split()
)


def topic_text(text: str, cites: list[Cited]) -> str:
    """The sentence without its citations, agency names and role words: what it says the task is about."""
    return _clean_topic(_without_names(text, cites), keep_clauses=False)


def topic_views(text: str, cites: list[Cited]) -> tuple[str, ...]:
    """The whole topic, then each of its clauses that says something on its own. A report's sentence often
    adds a clause of its own ("..., which is relevant to your channel in Yiwu"): the cited task must fit
    one view, not the sentence's every word."""
    rest = _without_names(text, cites)
    whole = _clean_topic(rest, keep_clauses=False)
    clauses = [c.strip(" ,;:.-–—") for c in CLAUSE_RE.split(_clean_topic(rest, keep_clauses=True))]
    views = [whole] + [c for c in clauses if len(content_words(c)) >= 2 and c != whole]
    return tuple(dict.fromkeys(views))


# Where a topic's clauses part: punctuation that ends a thought, an aside in brackets, or a new clause
# ("which", "where", "and we").
CLAUSE_RE = re.compile(r"[;:：；]|\s[-–—]\s|\s*\|\s*|,\s*(?=(?:which|where|while|whereas|but|although|though|"
                       r"so|and\s+(?:we|our|it|its|they|their|this|that|these))\b)", re.IGNORECASE)


def _without_names(text: str, cites: list[Cited]) -> str:
    named = {(m.start, m.end) for m in _mentions(text)} | {(n.start, n.end) for n in find_agencies(text)}
    spans = sorted({(c.citation_start, c.citation_end) for c in cites} | named)
    kept, position = [], 0
    for start, end in spans:
        if start >= position:
            kept.append(text[position:start])
            position = end
    kept.append(text[position:])
    return " ".join(kept)


def _clean_topic(rest: str, keep_clauses: bool) -> str:
    rest = re.sub(r"[(（]\s*(?:[,;/、]\s*)*[)）]", " ", rest)
    rest = ROLE_PHRASES_RE.sub(" ", rest)
    if keep_clauses:
        rest = re.sub(r"[\[\]()（）]", " ; ", rest)
    rest = re.sub(r"[\[\]()（）\"“”'‘’*_#>•]" if keep_clauses else r"[\[\]()（）\"“”'‘’*_#|>•]", " ", rest)
    return " ".join(rest.split()).strip(" ,;:.-–—")


def content_words(topic: str) -> list[str]:
    """The words that carry a topic (not fillers, not numbers); CJK characters count one each."""
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'-]+", topic) if w.lower() not in FILLER_WORDS]
    return words + re.findall(r"[\u4e00-\u9fff]", topic)
