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
    "sipo": ("国知局", "国家专利局", "专利局", "知识产权办公室", "国家知识产权办公室"),
    "saic": ("国家工商总局", "工商行政管理总局", "工商行政管理局", "工商局", "工商部门", "工商行政管理部门", "商标局"),
    "aqsiq": ("国家质检总局", "质量监督检验检疫总局", "质量监督总局", "质检局", "质检部门", "质监部门"),
    "nca": ("版权部门", "版权管理部门", "国家版权部门", "版权办公室", "版权管理局", "著作权局"),
    "spc": ("最高法院", "最高院", "高级法院", "高等法院"),
    "spp": ("最高检察院", "高级检察院", "高等检察院", "最高检察机关"),
    "cac": ("国家网信办", "网络办公室", "互联网信息办公室", "网络信息办公室"),
    "lao": ("法制办公室", "法律事务办公室", "法律事务办", "法律办公室"),
    "scopsr": ("中编办", "编办", "中央办公室", "中央机构编制委员会"),
    "cod": ("组织部",),
    "cpd": ("宣传部",),
    "ccmo": ("综治办", "中央综合治理办公室", "综合治理办公室", "中央综合管理办公室"),
    "nlgo": ("全国双打办", "双打办", "打击侵权假冒领导小组办公室", "全国打击侵权假冒领导小组办公室",
             "全国打击侵权假冒工作领导小组", "打击侵权假冒工作领导小组", "领导小组办公室"),
    "ndrc": ("国家发改委", "国家发展改革委", "发展和改革委员会", "发展改革委员会"),
    "most": ("科学技术部",),
    "mohrss": ("人力资源社会保障部", "人力资源部"),
    "mep": ("环境保护部",),
    "cfda": ("国家食药监总局", "食品药品监管总局", "国家食品药品监管总局", "食药监局", "食品药品监督管理局",
             "食品药品管理局", "食品药品监督管理总局"),
    "sfa": ("林业部门",),
    "nbs": ("统计部门",),
    "sasac": ("国务院国资委", "国有资产监督管理委员会"),
    "sastind": ("国防科学技术局", "国防科技局", "国防科技工业局"),
    "cmc_edd": ("军委装备发展部",),
    "ccpit": ("中国贸促会", "国际贸易促进委员会"),
    "pboc": ("央行",),
    "csrc": ("证券期货委员会", "证券监督管理委员会", "中国证监会"),
    "cbrc": ("中国银监会", "银行业监督管理委员会"),
    "circ": ("中国保监会", "保险监督管理委员会"),
    "spb": ("邮政部门", "邮局"),
    "sat": ("税务局", "税务部门", "税务管理局"),
    "nhfpc": ("国家卫生计生委", "卫计委", "卫生和计划生育委员会", "计生委"),
    "mps": ("公安部门",),
    "cas": ("科学院",),
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
# A department by its field alone, as the subject of a role ("财政牵头第52项吗？", "邮政参与第25项吗？", "公安部门
# 负责第19项？"); elsewhere these are subjects of the notice ("财政支持", "公安机关的执法").
BARE_DEPARTMENT = {"财政": "mof", "商务": "mofcom", "公安": "mps", "邮政": "spb", "教育": "moe", "统计": "nbs",
                   "外交": "mfa", "司法": "moj", "农业": "moa", "文化": "moc", "税务": "sat", "林业": "sfa", "质检": "aqsiq",
                   "工商": "saic", "版权": "nca", "科技": "most", "工信": "miit", "网信": "cac", "发改": "ndrc"}
BARE_DEPARTMENT_RE = re.compile(rf"(?:^|[，,。：:；;？?！!]|是|说|认为)\s*(?P<word>{'|'.join(BARE_DEPARTMENT)})(?:部门|方面|口)?"
                                r"(?=\s*(?:也|还|都|单独|独自|共同)?(?:牵头|参与|负责|主导|列名|排在第一)|\s*(?:是|为)(?:第\s*\d+\s*项的?)?牵头)")
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
PART_HEADING_RE = re.compile(rf"(?<![第\d\u3400-\u9fff])([一二三四五六])\s*\(\s*({_N})\s*\)")
RANGE_WORD_RE = re.compile(rf"({_N})\s*(?:到|至|-|–|—|~)\s*(?:第\s*)?({_N})")
LAST_RE = re.compile(r"最后一\s*(?:项|个|条)")
FROM_END_BEFORE_RE = re.compile(r"倒数\s*$")
# "……的第一项", "其中第三个": an ordinal in a set, not a task number (up to this many).
ORDINAL_BEFORE_RE = re.compile(r"(?:的|中|里|其中)\s*$")
ORDINAL_MAX = 20


# Titles named in a question: "“加强知识产权交易平台建设”这个小标题", "职务发明制度那部分". A title matches when the
# question's phrase and the title share this much (F1 over character pairs, "知识产权" left out as it is in most).
TITLE_MIN_SCORE = 0.5
TITLE_NOUN_RE = re.compile(r"小标题|标题|分项|部分|板块|章节|这一节|那一节")
QUOTED_RE = re.compile(r"[“\"'‘「『《]([^”\"'’」』》]{2,40})[”\"'’」』》]")
_TITLE_LEAD_RE = re.compile(r"^(?:在|关于|有关|属于|位于|讲|是|的|就|对于|之|针对)+")
_TITLE_TAIL_RE = re.compile(r"(?:这个|那个|这一|那一|这|那|的|一)+$")


# A law, treaty or regulation named in book-title marks: 《专利法条约》, 《商标法》, 《马德里协定》.
BOOK_TITLE_RE = re.compile(r"《([^》]{2,40})》")
INSTRUMENT_ZH_RE = re.compile(r"(?:条约|协定|公约|议定书|协议|(?<![执司普立])法|条例)$")


@lru_cache(maxsize=1)
def instruments_named_zh() -> frozenset[str]:
    """The instruments the notice names, in the Chinese of its search aids (马拉喀什条约, 海牙协定, TRIPS协定 ...)."""
    import json

    from assistant.settings import DEFAULT_TERMS_ZH

    if not DEFAULT_TERMS_ZH.is_file():
        return frozenset()
    names = set()
    for line in DEFAULT_TERMS_ZH.read_text(encoding="utf-8").splitlines():
        try:
            terms = json.loads(line).get("terms", []) if line.strip() else []
        except (ValueError, AttributeError):
            continue
        names.update(str(t.get("zh", "")) for t in terms if isinstance(t, dict)
                     and INSTRUMENT_ZH_RE.search(str(t.get("zh", ""))))
    return frozenset(names)


def unnamed_instruments(text: str) -> tuple[str, ...]:
    """Laws and treaties a question names in book-title marks that the notice never names: "有没有哪项任务讲加入
    《专利法条约》？" is about a treaty no task speaks of, however near task 87's treaties come."""
    known = instruments_named_zh()
    return tuple(dict.fromkeys(
        title for title in (m.group(1).strip() for m in BOOK_TITLE_RE.finditer(text))
        if INSTRUMENT_ZH_RE.search(title) and not any(name in title or title in name for name in known)))


@lru_cache(maxsize=1)
def chinese_titles() -> dict[tuple[int, int | None], tuple[str, ...]]:
    """(part, heading or None) -> its Chinese titles (corpus/headings-zh.jsonl, translated from the notice)."""
    import json

    from assistant.settings import DEFAULT_HEADINGS_ZH

    if not DEFAULT_HEADINGS_ZH.is_file():
        return {}
    titles = {}
    for line in DEFAULT_HEADINGS_ZH.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            titles[(int(row["part"]), row["heading"])] = tuple(row["titles"])
    return titles


def chinese_title(part: int, heading: int | None = None) -> str:
    return next(iter(chinese_titles().get((part, heading), ())), "")


def _pairs(text: str) -> set[str]:
    text = re.sub(r"知识产权|[^\u3400-\u9fff]", "", text)
    return {text[i:i + 2] for i in range(len(text) - 1)}


def title_of(phrase: str, parts_only: bool = False) -> tuple[tuple[int, int | None], float] | None:
    """The part or heading whose Chinese title best matches a phrase, with its score."""
    wanted = _pairs(phrase)
    if len(wanted) < 2:
        return None
    best: tuple[tuple[int, int | None], float] | None = None
    for key, forms in chinese_titles().items():
        if parts_only and key[1] is not None:
            continue
        for form in forms:
            have = _pairs(form)
            common = len(wanted & have)
            score = 2 * common / (len(wanted) + len(have)) if have else 0.0
            if best is None or score > best[1]:
                best = (key, score)
    return best if best and best[1] >= TITLE_MIN_SCORE else None


_AFTER_QUOTE_RE = re.compile(r"^\s*(?:这个|那个|这一|那一)?\s*(?:下|里|中|之下)")


def _titled(text: str) -> tuple[tuple[int, int | None], tuple[int, int]] | None:
    """A part or heading named by its title next to a heading word (or quoted, with "下" after it), and the span."""
    for quoted in QUOTED_RE.finditer(text):
        after = _AFTER_QUOTE_RE.match(text[quoted.end():])
        if after:
            found = title_of(quoted.group(1))
            if found:
                return found[0], (quoted.start(), quoted.end() + after.end())
    for noun in TITLE_NOUN_RE.finditer(text):
        quoted = [q for q in QUOTED_RE.finditer(text) if q.end() <= noun.start() + 1 and noun.start() - q.end() <= 6]
        if quoted:
            phrase, span = quoted[-1].group(1), quoted[-1].span()
        else:
            before = _TITLE_TAIL_RE.sub("", text[:noun.start()])
            run = re.search(r"[\u3400-\u9fff]{2,30}$", before)
            if not run:
                continue
            phrase = _TITLE_LEAD_RE.sub("", run.group(0))
            span = (run.end() - len(phrase), run.end())
        found = title_of(phrase)
        if found:
            return found[0], (span[0], noun.end())
    return None


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
    spans: list[tuple[int, int]] = [d.span() for d in M.DOCUMENT_NUMBER_RE.finditer(text)]  # "国发〔2015〕71号"

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in spans)

    parts: list[int] = []
    headings: list[int] = []
    part_end = -1
    for match in PART_HEADING_RE.finditer(text):  # "四（五）": the notice's own numbering, part 4, heading (5)
        part, heading = zh_number(match.group(1)), zh_number(match.group(2))
        if part and heading:
            parts.append(part)
            headings.append(heading)
            spans.append(match.span())
            part_end = max(part_end, match.end())
    for match in PART_RE.finditer(text):
        if not free(*match.span()):
            continue
        if match.group(2):
            value = len(notice.parts)
        else:
            value = zh_number(match.group(1) or match.group(3))
        if value is not None:
            parts.append(value)
            spans.append(match.span())
            part_end = max(part_end, match.end())

    for pattern in HEADING_RES:
        for match in pattern.finditer(text):
            if not free(*match.span()):
                continue
            value = zh_number(match.group(1))
            if value is not None:
                headings.append(value)
                spans.append(match.span())
                part_end = max(part_end, match.end())

    titled: tuple[int, int] | None = None
    if not headings:
        named = _titled(text)
        if named is not None:
            (part, heading), span = named
            if heading is None and not parts:
                parts.append(part)
            elif heading is not None and (not parts or parts[0] == part):
                titled = (part, heading)  # "第二部分“……预警防范机制”小标题": the part agrees
            if heading is None and not parts[1:] or titled:
                spans.append(span)
                part_end = max(part_end, span[1])

    numbers: list[int] = []
    nth = 0
    for match in TASK_ORDINAL_RE.finditer(text):
        if not free(*match.span()) or FROM_END_BEFORE_RE.search(text[:match.start()]):
            continue  # taken, or "倒数第二项": counted from the end of a list (the parser's), not task 2
        chunk, unit, task_word = match.group(1), match.group(2), match.group(3)
        values = _numbers(chunk)
        after_scope = part_end >= 0 and match.start() >= part_end
        value = values[0] if len(values) == 1 else None
        in_scope = False
        if after_scope and value is not None and unit != "号":
            scope_tasks = _scope_tasks(notice, parts, headings, titled)
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
                      tuple(dict.fromkeys(headings)), titled, agencies, tuple(sorted(spans)), nth=nth)


def _scope_tasks(notice: Notice, parts: list[int], headings: list[int], titled: tuple[int, int] | None = None
                 ) -> list[int]:
    if titled is not None and not parts and not headings:
        parts, headings = [titled[0]], [titled[1]]
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
    for match in BARE_DEPARTMENT_RE.finditer(text):
        if free(*match.span("word")):
            found.append(M.AgencyMention((BARE_DEPARTMENT[match.group("word")],), match.group("word"),
                                         *match.span("word"), via="everyday"))
            taken.append(match.span("word"))
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
    """Longest names first, each name over the text from the left, a window taken at most once."""
    _, forms = _scanner()
    found: list[M.AgencyMention] = []
    used: list[tuple[int, int]] = list(taken)
    for size, order, form, start, odd in _typo_candidates(text):
        end = start + size
        if any(s < end and start < e for s, e in used):
            continue
        if odd in (0, size - 1) and SEGMENTER.is_word(form[1:] if odd == 0 else form[:-1]):
            continue  # "知识产权质押": a word of its own ("知识产权") and the next one, not "知识产权局" mistyped
        if odd == size - 1 and any(SEGMENTER.is_word(text[end - 1:end + extra]) for extra in (1, 2)):
            continue  # "国家知识产权战略": the odd last character starts a word ("战略"), not "局" mistyped
        ids, via = forms[form]
        found.append(M.AgencyMention(ids, text[start:end], start, end, via="typo" if via == "name" else via))
        used.append((start, end))
    return found


def _typo_candidates(text: str) -> list[tuple[int, int, str, int, int]]:
    """Every window one Chinese character away from a long name, in the order `_typos` tries them: by size
    (longest first), then by the name's place in the registry, then from the left. Looked up through the names
    with one character blanked, so a question costs a few hundred dictionary probes, not a scan per name."""
    by_size = _one_off_names()
    # Which characters may be the odd one out, decided once per character rather than once per window holding it.
    may_be_odd = [has_cjk(char) and char not in _FUNCTION_CHARS for char in text]
    candidates = []
    for size, blanked in by_size.items():
        for start in range(0, len(text) - size + 1):
            window = text[start:start + size]
            for odd in range(size):
                if not may_be_odd[start + odd]:
                    continue
                char = window[odd]
                for order, form in blanked.get(window[:odd] + "\0" + window[odd + 1:], ()):
                    if form[odd] != char:
                        candidates.append((size, order, form, start, odd))
    return sorted(candidates, key=lambda c: (-c[0], c[1], c[3]))


@lru_cache(maxsize=1)
def _one_off_names() -> dict[int, dict[str, list[tuple[int, str]]]]:
    _, forms = _scanner()
    long_forms = sorted((f for f in forms if len(f) >= TYPO_MIN_CHARS), key=len, reverse=True)
    by_size: dict[int, dict[str, list[tuple[int, str]]]] = {}
    for order, form in enumerate(long_forms):
        for odd in range(len(form)):
            key = form[:odd] + "\0" + form[odd + 1:]
            by_size.setdefault(len(form), {}).setdefault(key, []).append((order, form))
    return by_size


def successor_label(mention: M.AgencyMention) -> str:
    """The English name of the 2018 body a Chinese successor name stands for."""
    for successor in registry.SUCCESSORS:
        forms = (*successor.all_forms(), *EXTRA_SUCCESSOR_NAMES.get(successor.name, ()))
        if mention.surface in forms:
            return successor.name
    return mention.label
