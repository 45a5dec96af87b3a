"""Grounded answers in Chinese, for questions asked in Chinese: the same facts and citations as English.

What an answer says is decided in `compose_common.Composer`, in the words of `phrases/zh.toml` (which
documents the conventions: Chinese names with the English beside them, citations and the notice's words as in
English); this module adds how Chinese reads a set of tasks back, and the Chinese titles of parts and headings.
"""

from __future__ import annotations

from assistant.answer.compose_common import Composer
from assistant.answer.phrasebook import phrasebook
from assistant.answer.query import AgencyTerm, Role, TaskSet
from assistant.notice.agencies import BY_ID, Agency
from assistant.notice.mentions_zh import chinese_title

SAY = phrasebook("zh")


def agency_label(agency: Agency) -> str:
    """"国家工商行政管理总局（State Administration for Industry and Commerce）"."""
    return SAY.labelled.format(name=agency.name, chinese=agency.chinese)


def _term(term: AgencyTerm) -> str:
    names = "或".join(agency_label(BY_ID[i]) for i in term.ids)
    said = f"“{term.said}”（即{names}）" if term.said else names
    return f"{said}{SAY.roles[term.role.name.lower()]}"


def _conditions(tasks: TaskSet) -> str:
    together = tasks.only_together
    bits = [_term(t) for t in tasks.all_of if t not in together]
    if together:  # "只有财政部和国家知识产权局参与": those agencies, and no other
        bits.insert(0, "只有" + "和".join(_term(t).removesuffix(SAY.roles["sole"]) for t in together) + SAY.roles["any"])
    if tasks.any_of:
        bits.append("或".join(_term(t) for t in tasks.any_of))
    text = "且".join(bits)
    if tasks.none_of:
        text += ("，但" if text else "") + "、".join(_term(t).replace("参与", "不参与", 1) if t.role == Role.ANY else "不由" + _term(t)
                                   for t in tasks.none_of)
    return text


def reading(tasks: TaskSet) -> str:
    """The task set in Chinese: "第5部分中商务部（Ministry of Commerce）牵头的任务"."""
    scope = ""
    if tasks.part is not None:
        scope = f"第{tasks.part}部分" + (f"第（{tasks.heading}）项小标题下" if tasks.heading else "")
    elif tasks.heading is not None:
        scope = f"各部分第（{tasks.heading}）项小标题下"
    conditions = _conditions(tasks)
    topic = f"与“{tasks.topic}”有关的" if tasks.topic else ""
    core = scope + (("，" if scope.endswith("下") else "中") if scope and conditions else "") + conditions
    described = f"{core}{'的' if core else ''}{topic}任务"
    if tasks.numbers is not None and tasks.from_previous:
        return "上一个回答中的任务" + (f"里，{described}" if core or topic else "")
    if tasks.numbers is not None:
        named = "、".join(f"第{n}项" for n in tasks.numbers[:12]) + "任务"
        return named + (f"里，{described}" if core or topic else "")
    return described if core or topic else "通知的任务"


class Chinese(Composer):
    say = SAY

    def reading(self, tasks: TaskSet) -> str:
        return reading(tasks)

    def conditions(self, tasks: TaskSet) -> str:
        return _conditions(tasks)

    def local_title(self, part: int, heading: int | None = None) -> str:
        return chinese_title(part, heading)


compose = Chinese().compose
