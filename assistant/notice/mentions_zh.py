"""Where a Chinese question names the notice's things: tasks, parts, headings and agencies.

The same `Mentions` as `assistant.notice.mentions`, read the way the notice's Chinese readers write:
tasks as "第24项", "第二十四项任务", "24号任务", "任务24"; parts as "第五部分"; headings as "第（一）项",
"第一个小标题"; agencies by their full and short Chinese names ("国家知识产权局", "知识产权局", "工商总局",
"最高法"), their 2018 successors ("市场监管总局") and the English names a Chinese question may also use.

An ordinal after a part or heading ("第三部分的第一项任务") is a position in it, not task 1; it is kept
in `nth`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.notice import agencies as registry
from assistant.notice import mentions as M
from assistant.notice.records import Notice
from assistant.notice.segment_zh import CJK_RE, NUMBER, SEGMENTER, has_cjk, zh_number

# Short and everyday Chinese names the registry does not list, by agency id. The registry's own Chinese forms
# (its `chinese` names and Chinese aliases) are read as well.
EXTRA_NAMES: dict[str, tuple[str, ...]] = {
    "sipo": ("国知局", "国家专利局", "专利局"),
    "saic": ("国家工商总局", "工商行政管理总局", "工商局", "工商部门", "工商行政管理部门", "商标局"),
    "aqsiq": ("国家质检总局", "质检局", "质检部门", "质监部门"),
    "nca": ("版权部门", "版权管理部门", "国家版权部门"),
    "spc": ("最高法院", "最高院"),
    "spp": ("最高检察院",),
    "cac": ("国家网信办",),
    "lao": (),
    "scopsr": ("中编办", "编办"),
    "nlgo": ("全国双打办", "双打办", "打击侵权假冒领导小组办公室", "全国打击侵权假冒领导小组办公室"),
    "ndrc": ("国家发改委", "国家发展改革委"),
    "mohrss": ("人力资源社会保障部",),
    "mep": ("环境保护部",),
    "cfda": ("国家食药监总局", "食品药品监管总局", "国家食品药品监管总局", "食药监局"),
    "sfa": ("林业部门",),
    "sasac": ("国务院国资委",),
    "cmc_edd": ("军委装备发展部",),
    "ccpit": ("中国贸促会",),
    "pboc": ("央行",),
    "spb": ("邮政部门",),
    "sat": ("税务局", "税务部门"),
    "nhfpc": ("国家卫生计生委", "卫计委"),
    "mps": ("公安部门",),
}
# 2018 names the registry does not list, by successor name.
EXTRA_SUCCESSOR_NAMES: dict[str, tuple[str, ...]] = {
    "State Administration for Market Regulation": ("市场监管局", "国家市场监管总局", "市场监督管理总局"),
    "National Forestry and Grassland Administration": ("国家林草局",),
    "National Health Commission": ("国家卫生健康委",),
    "China Banking and Insurance Regulatory Commission": ("国家金融监管总局", "金融监管总局", "中国银保监会"),
    "National Medical Products Administration": ("药监局",),
}
# "海关" alone is the General Administration of Customs, except where it is the topic ("海关执法").
CUSTOMS_RE = re.compile(r"海关(?!总署|执法|知识产权|保护|边境|监管|查|扣|备案|进出口|环节)")

_N = NUMBER
_SEP = r"\s*(?:、|,|和|与|及|以及|或|或者|跟|到|至|-|–|—|~)\s*(?:第\s*)?"
# "第24项", "第二十四项任务", "第40、41项", "第40至45项任务", "第24号"
TASK_ORDINAL_RE = re.compile(rf"第\s*({_N}(?:{_SEP}{_N})*)\s*(项|条|号|个)?\s*(任务)?(?!\s*(?:部分|章|个?\s*小?标题|节|大项))")
# "任务24", "任务 24 和 25", "24号任务", "24项任务" is a count, not a task
TASK_AFTER_WORD_RE = re.compile(rf"任务\s*(?:编号\s*)?(?:第\s*)?(\d+(?:{_SEP}\d+)*)\s*(?:号|项)?")
TASK_NUMBERED_RE = re.compile(rf"(?<!月 )(?<![月\d零〇一二两三四五六七八九十百])({_N}(?:{_SEP}{_N})*)\s*号\s*(?:任务)?")
PART_RE = re.compile(rf"第\s*({_N})\s*(?:部分|章|大部分|篇)|(最后一|末一?)\s*(?:个)?\s*部分|part\s+(\d+)", re.IGNORECASE)
# "第（一）项", "（二）", "第一个小标题", "小标题（三）", "第二个标题"
HEADING_RES = (
    re.compile(rf"第?\s*\(\s*({_N})\s*\)\s*(?:项|条|个小标题|小标题|标题|节|部分)?"),
    re.compile(rf"第\s*({_N})\s*个?\s*(?:小标题|分标题|子标题|标题|小节|分项|大项)"),
    re.compile(rf"(?:小标题|分标题|标题)\s*\(?\s*({_N})\s*\)?"),
)
RANGE_WORD_RE = re.compile(rf"({_N})\s*(?:到|至|-|–|—|~)\s*(?:第\s*)?({_N})")
LAST_RE = re.compile(r"最后一\s*(?:项|个|条)")
# "……的第一项", "其中第三个": an ordinal in a set, not a task number (up to this many).
ORDINAL_BEFORE_RE = re.compile(r"(?:的|中|里|其中)\s*$")
ORDINAL_MAX = 20


@dataclass(frozen=True)
class ZhMentions(M.Mentions):
    # "第三部分的第一项任务": the 1st task of the part (0 when no ordinal follows a part or heading).
    nth: int = 0


def spaced(text: str) -> str:
    """Spaces where Chinese meets Latin letters or digits, so "SIPO牵头" and "第24项" read as words."""
    text = re.sub(r"(?<=[\u3400-\u9fff])(?=[A-Za-z0-9#])", " ", text)
    return re.sub(r"(?<=[A-Za-z0-9%])(?=[\u3400-\u9fff])", " ", text)


def _numbers(chunk: str) -> list[int]:
    """"40、41和42" -> [40, 41, 42]; "40至45" -> 40..45."""
    found: list[int] = []
    for a, b in RANGE_WORD_RE.findall(chunk):
        low, high = zh_number(a), zh_number(b)
        if low is not None and high is not None and low < high <= low + 200:
            found += range(low, high + 1)
    for word in re.findall(_N, chunk):
        value = zh_number(word)
        found.append(value if value is not None else 10**6)
    return list(dict.fromkeys(found))


def find(text: str, notice: Notice) -> ZhMentions:
    """Every mention in a (cleaned and `spaced`) Chinese question, resolved against the notice."""
    spans: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in spans)

    parts: list[int] = []
    part_end = -1
    for match in PART_RE.finditer(text):
        if match.group(2):
            value = len(notice.parts)
        else:
            value = zh_number(match.group(1) or match.group(3))
        if value is not None:
            parts.append(value)
            spans.append(match.span())
            part_end = max(part_end, match.end())

    headings: list[int] = []
    for pattern in HEADING_RES:
        for match in pattern.finditer(text):
            if not free(*match.span()):
                continue
            value = zh_number(match.group(1))
            if value is not None:
                headings.append(value)
                spans.append(match.span())
                part_end = max(part_end, match.end())

    numbers: list[int] = []
    nth = 0
    for match in TASK_ORDINAL_RE.finditer(text):
        if not free(*match.span()):
            continue
        chunk, unit, task_word = match.group(1), match.group(2), match.group(3)
        values = _numbers(chunk)
        after_scope = part_end >= 0 and match.start() >= part_end
        value = values[0] if len(values) == 1 else None
        in_scope = False
        if after_scope and value is not None and unit != "号":
            scope_tasks = _scope_tasks(notice, parts, headings)
            in_scope = value in scope_tasks
            if not task_word and unit in ("项", "条") and parts and not headings \
                    and value <= len(notice.headings_of(parts[0])) and not in_scope:
                headings.append(value)  # "第三部分第二项": heading (二) of part 3
                spans.append(match.span())
                continue
            if not in_scope and 1 <= value <= len(scope_tasks):
                nth = value  # "第三部分的第一项任务": a position in the part
                spans.append(match.span())
                continue
        if value is not None and not in_scope and unit != "号" and value <= ORDINAL_MAX and (
                unit == "个" or ORDINAL_BEFORE_RE.search(text[:match.start()])):
            nth = value  # "商务部牵头的第一项任务", "其中第三个": a position in a set
            spans.append(match.span())
            continue
        if unit is None and task_word is None:
            continue  # "第一" alone: an ordinal of something else ("排第一")
        numbers += values
        spans.append(match.span())
    for pattern in (TASK_AFTER_WORD_RE, TASK_NUMBERED_RE):
        for match in pattern.finditer(text):
            if free(*match.span()):
                numbers += _numbers(match.group(1))
                spans.append(match.span())
    english, english_spans = M.task_numbers(text)
    for number, span in zip(english, english_spans):
        if free(*span):
            spans.append(span)
    numbers += [n for n in english if n not in numbers]
    if LAST_RE.search(text) and (parts or headings) and not nth:
        nth = -1

    agencies = tuple(agency_mentions(text))
    spans += [(a.start, a.end) for a in agencies]
    bare: list[int] = []
    for match in M.BARE_NUMBER_RE.finditer(text):
        if free(*match.span()) and not M.NOT_A_TASK_RE.match(match.group(1)):
            bare.append(int(match.group(1)))
    last = notice.last_task
    tasks = tuple(dict.fromkeys(n for n in numbers if 1 <= n <= last))
    bad = tuple(dict.fromkeys(n for n in numbers if not 1 <= n <= last))
    return ZhMentions(tasks, bad, tuple(dict.fromkeys(bare)), tuple(dict.fromkeys(parts)),
                      tuple(dict.fromkeys(headings)), None, agencies, tuple(sorted(spans)), nth=nth)


def _scope_tasks(notice: Notice, parts: list[int], headings: list[int]) -> list[int]:
    if parts and headings:
        return [t.number for t in notice.tasks_in(parts[0], headings[0])] if M.heading_of(notice, parts[0], headings[0]) \
            else []
    if parts:
        return [t.number for t in notice.tasks if t.part == parts[0]]
    return [t.number for t in notice.tasks if t.heading_number == headings[0]] if headings else []


@lru_cache(maxsize=1)
def _scanner() -> tuple[re.Pattern, dict[str, tuple[tuple[str, ...], str]]]:
    """Every Chinese name, longest first: form -> (agency ids, "name" or "successor")."""
    forms: dict[str, tuple[tuple[str, ...], str]] = {}
    for agency in registry.AGENCIES:
        for form in (*agency.all_forms(), *EXTRA_NAMES.get(agency.id, ())):
            if has_cjk(form):
                forms.setdefault(form, ((agency.id,), "name"))
    for successor in registry.SUCCESSORS:
        for form in (*successor.all_forms(), *EXTRA_SUCCESSOR_NAMES.get(successor.name, ())):
            if has_cjk(form):
                forms.setdefault(form, (successor.agency_ids, "successor"))
    pattern = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(pattern), forms


def agency_mentions(text: str) -> list[M.AgencyMention]:
    """Chinese names first, then "海关", then the English names (and typos) in what is left."""
    pattern, forms = _scanner()
    found = []
    for match in pattern.finditer(text):
        ids, via = forms[match.group(0)]
        found.append(M.AgencyMention(ids, match.group(0), *match.span(), via=via))
    taken = [(m.start, m.end) for m in found]

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in taken)

    for match in CUSTOMS_RE.finditer(text):
        if free(*match.span()):
            found.append(M.AgencyMention(("gac",), match.group(0), *match.span()))
            taken.append(match.span())
    for mention in _typos(text, taken):
        found.append(mention)
        taken.append((mention.start, mention.end))
    latin = CJK_RE.sub(" ", text)  # same offsets: English names are read with Chinese blanked out
    for mention in M.agency_mentions(latin):
        if free(mention.start, mention.end):
            found.append(mention)
            taken.append((mention.start, mention.end))
    return sorted(found, key=lambda m: m.start)


# A wrong character in a long name, as a pinyin keyboard gives ("工商总居", "国家知式产权局"), except where the odd
# character is a function word, or the odd one out at an edge of a word of its own ("知识产权的", "知识产权质押"
# are not "知识产权局").
TYPO_MIN_CHARS = 4
_FUNCTION_CHARS = frozenset("的了是在有和与及或也都就还又才只吗呢吧啊么把被给对让为")


def _typos(text: str, taken: list[tuple[int, int]]) -> list[M.AgencyMention]:
    _, forms = _scanner()
    long_forms = [f for f in forms if len(f) >= TYPO_MIN_CHARS]
    found: list[M.AgencyMention] = []
    used: list[tuple[int, int]] = list(taken)
    for form in sorted(long_forms, key=len, reverse=True):
        size = len(form)
        for start in range(0, len(text) - size + 1):
            end = start + size
            if any(s < end and start < e for s, e in used):
                continue
            window = text[start:end]
            differ = [i for i in range(size) if window[i] != form[i]]
            if len(differ) != 1 or not has_cjk(window[differ[0]]) or window[differ[0]] in _FUNCTION_CHARS:
                continue
            if differ[0] in (0, size - 1) and SEGMENTER.is_word(form[1:] if differ[0] == 0 else form[:-1]):
                continue  # "知识产权质押": a word of its own ("知识产权") and the next one, not "知识产权局" mistyped
            ids, via = forms[form]
            found.append(M.AgencyMention(ids, window, start, end, via="typo" if via == "name" else via))
            used.append((start, end))
    return found


def is_chinese(text: str) -> bool:
    """Chinese characters left once agency names are taken out: "Which tasks does 商务部 lead?" stays English."""
    if not has_cjk(text):
        return False
    rest = text
    for mention in sorted(agency_mentions(text), key=lambda a: -a.start):
        rest = rest[:mention.start] + " " + rest[mention.end:]
    return has_cjk(rest)


def successor_label(mention: M.AgencyMention) -> str:
    """The English name of the 2018 body a Chinese successor name stands for."""
    for successor in registry.SUCCESSORS:
        forms = (*successor.all_forms(), *EXTRA_SUCCESSOR_NAMES.get(successor.name, ()))
        if mention.surface in forms:
            return successor.name
    return mention.label
