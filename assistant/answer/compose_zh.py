"""Grounded answers in Chinese, for questions asked in Chinese: the same facts and citations as `compose.py`.

Agencies are named in Chinese with the canonical English name beside them (and the notice's own English
wording where it differs), so a reader can check them against the notice; citations stay "[Task N]"; the
notice's words stay in English, quoted, because the notice we have is the English translation. Lead names
are bold in the sentence that says who leads, as in English; verdicts open with "**是。**" or "**否。**",
counts with "**N.**".
"""

from __future__ import annotations

from assistant.answer import compose as en
from assistant.answer.execute import Result
from assistant.answer.query import AgencyTerm, Field, Op, Position, Query, Rank, Refusal, Role, TaskSet
from assistant.answer.result import Answer
from assistant.notice.agencies import BY_ID, Agency
from assistant.notice.mentions_zh import chinese_title
from assistant.notice.records import Notice, Task

SCOPE_HINT = (f"这份通知把知识产权重点任务分给各政府部门。可以问我：某项任务由谁牵头、某项任务讲什么、某个部门牵头或参与哪些任务、"
              f"通知某一部分包括哪些任务。")
REFUSALS = {
    Refusal.EMPTY: "请提一个关于这份通知的问题，例如：“谁牵头商业秘密保护？”",
    Refusal.INJECTION: "我只根据通知回答，不执行问题里夹带的指令。" + SCOPE_HINT,
    Refusal.ADVERT: "通知不涉及这个问题。源文件末尾关于加重毯（weighted blankets）的广告文字不属于通知，我不据此回答。",
    Refusal.OTHER_DOCUMENT: "通知不涉及这个问题：我只根据国务院办公厅 2016 年印发的知识产权重点任务分工通知回答，不回答其他文件的内容。",
    Refusal.OUT_OF_SCOPE: "通知不涉及这个问题。" + SCOPE_HINT,
    Refusal.BAD_TASK: "没有第{value}项任务：通知的任务编号为 1 至 {last}。",
    Refusal.BAD_PART: "没有第{value}部分：通知只有第 1 至 {parts} 部分。",
    Refusal.BAD_HEADING: "第{part}部分只有第（1）至第（{count}）项小标题，没有第（{heading}）项。",
    Refusal.UNKNOWN_AGENCY: "通知中没有叫“{value}”的部门。",
}
FILTERED_OUT = "在你设置的筛选范围内，没有足够贴近这个问题的任务。清除筛选即可在全部 {last} 项任务中搜索。"
UNSTATED = {
    "a deadline or date": "完成期限或日期",
    "a duration or frequency": "时长或频次",
    "the companies or organisations by name": "具体企业或机构的名称",
    "a budget or amount of money": "预算或资金数额",
    "the people responsible by name": "具体负责人的姓名",
    "places": "具体地点",
    "figures or results": "数字或成效",
    "penalties or amounts": "罚款或赔偿的具体数额",
}
ROLES = {Role.ANY: "参与", Role.LEAD: "牵头", Role.SOLE: "单独负责", Role.MEMBER: "参与但不牵头", Role.SOLE_LEAD: "单独牵头"}
# What became of each 2016 agency in the 2018 reorganisation, in Chinese (the registry says it in English).
SUCCESSORS = {
    "sipo": "2018 年起称国家知识产权局（CNIPA），由国家市场监督管理总局管理",
    "saic": "2018 年并入国家市场监督管理总局",
    "aqsiq": "2018 年并入国家市场监督管理总局，出入境检验检疫职责划入海关总署",
    "nca": "2018 年起由中央宣传部管理",
    "ccmo": "2018 年撤销，职责划归中央政法委",
    "nlgo": "2018 年起设在国家市场监督管理总局",
    "lao": "2018 年并入司法部",
    "moa": "2018 年改为农业农村部",
    "moc": "2018 年与国家旅游局合并为文化和旅游部",
    "cfda": "2018 年并入国家市场监督管理总局，药品监管由国家药品监督管理局负责",
    "sfa": "2018 年改为国家林业和草原局",
    "mep": "2018 年改为生态环境部",
    "cbrc": "2018 年与保监会合并为银保监会，现为国家金融监督管理总局",
    "circ": "2018 年与银监会合并为银保监会，现为国家金融监督管理总局",
    "nhfpc": "2018 年改为国家卫生健康委员会",
}


def cite(number: int) -> str:
    return en.cite(number)


def join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return "、".join(items[:-1]) + "和" + items[-1]


def _short(text: str, words: int = 10) -> str:
    return en._short(text, words)


# --- agency names ---------------------------------------------------------------------------------

def agency_label(agency: Agency) -> str:
    """"国家工商行政管理总局（State Administration for Industry and Commerce）"."""
    return f"{agency.chinese}（{agency.name}）"


def name(agency: Agency, task: Task | None = None, bold: bool = False) -> str:
    chinese = f"**{agency.chinese}**" if bold else agency.chinese
    wording = en.notice_wording(agency, task) if task else ""
    beside = f"{agency.name}；通知原文：“{wording}”" if wording else agency.name
    return f"{chinese}（{beside}）"


def lead_names(task: Task) -> str:
    return "；".join(f"{a.chinese} {a.name}" for a in task.leads)


def reorganisation_notes(agency_list: list[Agency]) -> str:
    changed = list({a.id: a for a in agency_list if a.successor}.values())
    if not changed:
        return ""
    return "2018 年机构改革后：\n" + "\n".join(f"- {agency_label(a)}：{SUCCESSORS.get(a.id, a.successor)}。"
                                           for a in changed)


# --- one task -------------------------------------------------------------------------------------

def titled(english: str, part: int, heading: int | None = None) -> str:
    """A part's or heading's title as the notice gives it, with its Chinese beside it."""
    chinese = chinese_title(part, heading)
    return f"“{english}”" + (f"（{chinese}）" if chinese else "")


def location(task: Task) -> str:
    return (f"第{task.part}部分{titled(task.part_title, task.part)}，第（{task.heading_number}）项小标题"
            f"{titled(task.heading, task.part, task.heading_number)}。")


def shared_caveat(task: Task) -> str:
    if not task.shared:
        return ""
    return (f"通知把{task.agencies[0].chinese}列在第一位，但写明这些部门“各负其责”（“responsible for each "
            "responsibility”），即各自负责自己的那一部分。")


def lead_wording_sentence(task: Task) -> str:
    if not task.lead_wording:
        return ""
    first = task.agencies[0]
    if first.id not in task.lead_ids:
        return (f"通知先列出{first.chinese}，但原文“{task.lead_wording}”写明牵头的是"
                f"{join([a.chinese for a in task.leads])}。")
    return f"通知原文明确写了牵头单位（“{task.lead_wording}”）。"


def _led_by(task: Task) -> str:
    leads = [name(a, task, bold=True) for a in task.leads]
    return f"由{join(leads)}{'共同' if len(leads) > 1 else ''}牵头"


def lead_sentence(task: Task) -> str:
    sentence = f"第{task.number}项任务{_led_by(task)}。"
    if task.others:
        sentence += f"{join([name(a, task) for a in task.others])}也参与。"
    else:
        sentence += "没有列出其他部门。"
    return f"{sentence}{cite(task.number)}"


def statement(task: Task, field: Field) -> str:
    """The sentence that answers `field` for one task, with its citation and the lead caveats."""
    if field == Field.AGENCY_COUNT:
        return f"**{len(task.agencies)}.** " + statement(task, Field.AGENCIES)
    if field == Field.AGENCIES:
        head = (f"第{task.number}项任务涉及 {len(task.agencies)} 个部门。牵头：{join([name(a, task, bold=True) for a in task.leads])}。")
        if task.others:
            head += f"参与：{join([name(a, task) for a in task.others])}。"
        head += cite(task.number)
    elif field == Field.TEXT:
        others = f"，{join([a.chinese for a in task.others])}参与" if task.others else ""
        head = f"第{task.number}项任务原文：“{task.text}”该任务{_led_by(task)}{others}。{cite(task.number)}"
    elif field == Field.WHERE:
        head = (f"第{task.number}项任务位于第{task.part}部分{titled(task.part_title, task.part)}第（{task.heading_number}）"
                f"项小标题{titled(task.heading, task.part, task.heading_number)}之下，{_led_by(task)}。{cite(task.number)}")
    else:
        head = lead_sentence(task)
    extra = "".join(s for s in (lead_wording_sentence(task), shared_caveat(task)) if s)
    return f"{head}{extra}"


def evidence(task: Task) -> str:
    """The notice's words for one task, where it stands and the 2018 names: shown beside the answer."""
    parts = [f"**{cite(task.number)}** {location(task)}", en.quote(task)]
    notes = reorganisation_notes(task.agencies)
    if notes:
        parts.append(notes)
    return "\n\n".join(parts)


def task_line(task: Task) -> str:
    caveat = "；各部门各负其责" if task.shared else ""
    return f"- {cite(task.number)} {_short(task.text, 14)}（牵头单位：{lead_names(task)}{caveat}）"


# --- answers ----------------------------------------------------------------------------------------

def compose(result: Result, notice: Notice) -> Answer:
    query = result.query
    if result.refusal is not None:
        return _refusal(result, notice)
    op = query.op
    if op == Op.LOOKUP:
        body = _lookup(result, notice)
    elif op == Op.UNSTATED:
        body = _unstated(result, notice)
    elif op == Op.OVERVIEW:
        body = f"**{len(result.tasks)}.** " + _list(result, notice)  # how many tasks the part or heading holds
    elif op == Op.LIST:
        body = _list(result, notice)
    elif op == Op.COUNT:
        body = f"**{result.count}.** " + _list(result, notice, counted=True)
    elif op == Op.RANK:
        body = _rank(result, notice)
    else:
        body = _claim(result, notice)
    cited = [n for n in result.tasks if notice.has_task(n)]
    if op == Op.CLAIM and result.closer:
        cited.append(result.closer)  # the task the claim's topic belongs to, cited so it can be checked
    if op == Op.LIST and not result.tasks:
        cited += list(result.related)
    cited = list(dict.fromkeys(cited))
    shown = cited if len(cited) <= 3 else []
    return Answer(
        text=en._with_notes(body, query), citations=cited, kind=en._kind(query), notes=list(query.notes),
        query=query.reading(), evidence="\n\n---\n\n".join(evidence(notice.task(n)) for n in shown),
    )


def _refusal(result: Result, notice: Notice) -> Answer:
    query = result.query
    refusal = result.refusal or Refusal.OUT_OF_SCOPE
    if result.filtered_out:
        text = FILTERED_OUT.format(last=notice.last_task)
    elif refusal == Refusal.BAD_HEADING:
        part, heading = query.refused_value.split(":")
        text = REFUSALS[refusal].format(part=part, heading=heading, count=len(notice.headings_of(int(part))))
    else:
        text = REFUSALS[refusal].format(value=query.refused_value, last=notice.last_task, parts=len(notice.parts))
    kind = refusal.value if refusal != Refusal.BAD_PART else "bad_task"
    return Answer(en._with_notes(text, query), [], kind=kind, refused=True, notes=list(query.notes),
                  query=query.reading())


def _lookup(result: Result, notice: Notice) -> str:
    query = result.query
    if result.out_of_range:
        return _out_of_range(result, notice)
    tasks = [notice.task(n) for n in result.tasks]
    if not tasks:
        return "没有符合条件的任务。"
    if query.position is not None:
        return _position_intro(result, notice) + statement(tasks[0], query.field)
    if query.tasks.topic and len(tasks) == 1:
        body = f"通知在第{tasks[0].number}项任务中讲到这一内容。" + statement(tasks[0], query.field)
        if result.runner_up:
            runner = notice.task(result.runner_up)
            body += (f"\n\n难以区分：第{runner.number}项任务与你的问题几乎同样贴近（{_short(runner.text)}；"
                     f"牵头单位：{lead_names(runner)}）。如果你指的是它，请问第{runner.number}项任务。")
        if result.related:
            body += "\n\n相关任务，也可以看看：" + "；".join(
                f"第{n}项（{_short(notice.task(n).text)}）" for n in result.related) + "。"
        return body
    if len(tasks) > 1 and query.tasks.topic:
        return "\n".join([f"通知在 {len(tasks)} 项任务中讲到这一内容：", *[task_line(t) for t in tasks]])
    return "\n\n".join(statement(t, query.field) for t in tasks)


def _position_intro(result: Result, notice: Notice) -> str:
    query = result.query
    if query.position in (Position.NEXT, Position.PREVIOUS):
        anchor = result.related[0] if result.related else None
        word = "之后" if query.position == Position.NEXT else "之前"
        return f"第{anchor}项{word}的任务是第{result.tasks[0]}项。" if anchor else ""
    which = {Position.FIRST: "第一项", Position.LAST: "最后一项"}.get(query.position, f"第{query.nth}项")
    return f"{_scope_words(query, notice)}的{which}任务是第{result.tasks[0]}项。"


def _scope_words(query: Query, notice: Notice) -> str:
    tasks = query.tasks
    if tasks.from_previous:
        return "上面列出的任务中"
    if tasks.part is not None and tasks.heading is not None:
        heading = next((h for h in notice.headings if h.part == tasks.part and h.number == tasks.heading), None)
        return f"第{tasks.part}部分第（{tasks.heading}）项小标题" + (
            f"{titled(heading.title, tasks.part, tasks.heading)}下" if heading else "下")
    if tasks.part is not None:
        return f"第{tasks.part}部分"
    if tasks.all_of or tasks.any_of:
        return _conditions(tasks) + "的任务中"
    return "通知"


def _out_of_range(result: Result, notice: Notice) -> str:
    query = result.query
    if query.position in (Position.NEXT, Position.PREVIOUS) and result.tasks:
        edge = result.tasks[0]
        if query.position == Position.NEXT:
            return f"第{edge}项{cite(edge)}是通知的最后一项任务，之后没有任务。"
        return f"第{edge}项{cite(edge)}是通知的第一项任务，之前没有任务。"
    if result.count:
        return f"这个范围只有 {result.count} 项任务，没有第{query.nth}项。"
    return "没有符合条件的任务，所以也没有这个位置。"


def _unstated(result: Result, notice: Notice) -> str:
    query = result.query
    tasks = [notice.task(n) for n in result.tasks[:3]]
    numbers = "、".join(f"第{t.number}项" for t in tasks)
    detail = UNSTATED.get(query.detail, query.detail)
    head = (f"通知没有规定{numbers}任务的{detail}：它只在各部门之间分工，没有给出期限、预算、地点、负责人姓名或数字。"
            "通知写的是：")
    return "\n\n".join([head, *[statement(t, Field.TEXT) for t in tasks]])


def _term(term: AgencyTerm) -> str:
    names = "或".join(agency_label(BY_ID[i]) for i in term.ids)
    said = f"“{term.said}”（即{names}）" if term.said else names
    return f"{said}{ROLES[term.role]}"


def _conditions(tasks: TaskSet) -> str:
    bits = [_term(t) for t in tasks.all_of]
    if tasks.any_of:
        bits.append("或".join(_term(t) for t in tasks.any_of))
    text = "且".join(bits)
    if tasks.none_of:
        text += "，但" + "、".join(_term(t).replace("参与", "不参与", 1) if t.role == Role.ANY else "不由" + _term(t)
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


def _list_head(result: Result, notice: Notice, n: int) -> str:
    query = result.query
    if query.op == Op.OVERVIEW:
        return _overview_head(result, notice)
    if query.op == Op.LIST and query.tasks.topic:
        return f"通知在 {n} 项任务中讲到这一内容" + ("：" if n else "。")
    return f"{reading(query.tasks)}：共 {n} 项" + ("：" if n else "。")


def _overview_head(result: Result, notice: Notice) -> str:
    tasks = result.query.tasks
    numbers = result.tasks
    span = (f"第{numbers[0]}至{numbers[-1]}项" if len(numbers) > 1 else f"第{numbers[0]}项") if numbers else "没有任务"
    if tasks.part is not None and tasks.heading is not None:
        heading = next(h for h in notice.headings if h.part == tasks.part and h.number == tasks.heading)
        return (f"第{tasks.part}部分第（{tasks.heading}）项小标题{titled(heading.title, tasks.part, tasks.heading)}下有 "
                f"{len(numbers)} 项任务（{span}）：")
    if tasks.part is not None:
        part = notice.part(tasks.part)
        return (f"第{tasks.part}部分{titled(part.title, tasks.part)}有 {len(notice.headings_of(tasks.part))} 个小标题、"
                f"{len(numbers)} 项任务（{span}）：")
    return f"各部分第（{tasks.heading}）项小标题下共有 {len(numbers)} 项任务："


def _list(result: Result, notice: Notice, counted: bool = False) -> str:
    tasks = [notice.task(n) for n in result.tasks]
    head = _list_head(result, notice, len(tasks))
    lines = [head]
    query = result.query
    terms = query.tasks
    if (len(terms.all_of) == 1 and not terms.any_of and not terms.none_of and terms.all_of[0].role == Role.ANY
            and len(terms.all_of[0].ids) == 1 and tasks):
        agency_id = terms.all_of[0].ids[0]
        leads = sum(t.led_by(agency_id) for t in tasks)
        lines[0] = head[:-1] + f"；其中它牵头 {leads} 项，另外 {len(tasks) - leads} 项由其他部门牵头、它参与："
    if query.op == Op.OVERVIEW and query.tasks.heading is None and query.tasks.part is not None:
        for heading in notice.headings_of(query.tasks.part):
            lines.append(f"\n**{heading.label}**（{chinese_title(heading.part, heading.number)}）")
            lines += [task_line(t) for t in tasks if t.heading_number == heading.number]
    else:
        lines += [task_line(t) for t in tasks]
    if len(tasks) == 1 and query.op == Op.LIST and not query.tasks.topic:
        lines += ["", statement(tasks[0], Field.LEAD)]  # a list of one: say who leads it, as a look-up would
    if not tasks and result.related:
        lines += [f"它参与了 {len(result.related)} 项由其他部门牵头的任务：", *[task_line(notice.task(n)) for n in result.related]]
    elif not tasks and query.tasks.all_of and not counted:
        lines.append(_nearest_hint(query, notice))
    agencies = [BY_ID[i] for term in (*query.tasks.all_of, *query.tasks.any_of) for i in term.ids]
    notes = reorganisation_notes(agencies)
    return "\n".join(lines) + (f"\n\n{notes}" if notes and not counted else "")


def _nearest_hint(query: Query, notice: Notice) -> str:
    ids = [i for term in query.tasks.all_of for i in term.ids]
    counts = [f"{agency_label(BY_ID[i])}参与 {len(notice.tasks_involving(i))} 项任务，牵头 {len(notice.tasks_led_by(i))} 项"
              for i in ids]
    return "供参考：" + "；".join(counts) + "。"


def _rank(result: Result, notice: Notice) -> str:
    query = result.query
    rank = query.rank
    scope = f"第{query.tasks.part}部分中" if query.tasks.part else ""
    word = "最多" if query.most else "最少"
    if rank in (Rank.AGENCY_BY_LEADS, Rank.AGENCY_BY_TASKS):
        verb = "牵头" if rank == Rank.AGENCY_BY_LEADS else "参与"
        ranking = result.ranking
        if not ranking:
            return "没有符合条件的部门。"
        place = query.nth if 1 < query.nth <= len(ranking) else 1
        best = ranking[place - 1][1]
        top = [a for a, n in ranking if n == best]
        names = join([f"**{BY_ID[a].chinese}**（{BY_ID[a].name}）" for a in top])
        where = f"{verb}的任务{'数量排第' + str(place) if place > 1 else word}"
        head = (f"**{best}.** {scope}{names}{where}{'（并列）' if len(top) > 1 else ''}：{'各 ' if len(top) > 1 else ''}{best} 项。")
        table = [f"- {agency_label(BY_ID[a])}：{n}" for a, n in ranking[:8]]
        left_out = (f"（按问题，不计{'、'.join(agency_label(BY_ID[i]) for i in query.excluding)}。）"
                    if query.excluding else "")
        return "\n".join([head, "", f"排名（{'从多到少' if query.most else '从少到多'}）：{left_out}", *table])
    if rank == Rank.AGENCY_ONE_TASK:
        rows = [f"- {agency_label(BY_ID[a])}：{cite(next(t.number for t in notice.tasks if t.involves(a)))}"
                for a, _ in result.ranking]
        return "\n".join([f"**{result.count}.** {scope}以下 {result.count} 个部门只出现在一项任务中：", *rows])
    if rank == Rank.TASK_BY_AGENCIES:
        number, size = result.ranking[0]
        ties = [int(n) for n, s in result.ranking if s == size]
        lead = (f"**{size}.** {scope}第{number}项任务列出的部门{word}：{size} 个。{cite(int(number))}" if len(ties) == 1 else
                f"**{size}.** {scope}{len(ties)} 项任务列出的部门并列{word}（各 {size} 个）：" + "、".join(cite(n) for n in ties) + "。")
        rows = [f"- 第{n}项：{s} 个部门" for n, s in result.ranking[:5]]
        return "\n".join([lead, "", *rows])
    if rank in (Rank.TASKS_ONE_AGENCY, Rank.JOINT_LEADS, Rank.SHARED):
        what = {Rank.TASKS_ONE_AGENCY: "只列出一个部门",
                Rank.JOINT_LEADS: "有不止一个牵头部门",
                Rank.SHARED: "写明各部门“各负其责”（responsible for each responsibility）"}[rank]
        tasks = [notice.task(n) for n in result.tasks]
        return "\n".join([f"**{len(tasks)}.** {scope}有 {len(tasks)} 项任务{what}：", *[task_line(t) for t in tasks]])
    if rank == Rank.HEADINGS_IN_PART:
        part = query.tasks.part
        headings = notice.headings_of(part) if part else notice.headings
        where = f"第{part}部分" if part else "通知"
        rows = [f"- （{h.number}）{titled(h.title, h.part, h.number)}" + ("" if part else f"，第{h.part}部分") for h in headings]
        return "\n".join([f"**{len(headings)}.** {where}共有 {len(headings)} 个小标题：", *rows])
    if rank == Rank.HEADING_ONE_TASK:
        rows = []
        for key, _ in result.ranking:
            part, number = map(int, key.split(":"))
            heading = next(h for h in notice.headings if h.part == part and h.number == number)
            task = notice.tasks_in(part, number)[0]
            rows.append(f"- 第{part}部分第（{number}）项{titled(heading.title, part, number)}：{cite(task.number)}")
        return "\n".join([f"**{result.count}.** {scope}有 {result.count} 个小标题下只有一项任务：", *rows])
    if rank == Rank.HEADING_BY_TASKS:
        key, size = result.ranking[0]
        part, number = map(int, key.split(":"))
        heading = next(h for h in notice.headings if h.part == part and h.number == number)
        ties = [k for k, s in result.ranking if s == size]
        head = (f"**{size}.** {scope}第{part}部分第（{number}）项小标题{titled(heading.title, part, number)}下的任务{word}：{size} 项 "
                + "、".join(cite(t.number) for t in notice.tasks_in(part, number)) + "。")
        if len(ties) > 1:
            head += f"另有 {len(ties) - 1} 个小标题与它并列。"
        rows = [f"- 第{k.split(':')[0]}部分第（{k.split(':')[1]}）项：{s} 项" for k, s in result.ranking[:6]]
        return "\n".join([head, "", *rows])
    if rank == Rank.PARTS:
        return (f"**{len(notice.parts)}.** 通知分为 {len(notice.parts)} 个部分：\n"
                + "\n".join(f"{p.number}. {titled(p.title, p.number)}" for p in notice.parts))
    named = notice.agencies_named()
    return (f"**{len(named)}.** 通知共提到 {len(named)} 个部门（同一部门不论译文怎样称呼只算一次）。"
            "`ipqa agencies` 可列出它们及各自的任务。")


def _claim(result: Result, notice: Notice) -> str:
    query = result.query
    claim = query.claim
    verdict = "**是。**" if result.verdict else "**否。**"
    tasks = [notice.task(n) for n in result.tasks]
    if claim is None or not tasks and claim.count is None:
        return verdict
    if claim.count is not None:
        lines = [f"{verdict}共 {result.count} 项" + ("。" if result.verdict != claim.negated else f"，不是 {claim.count} 项。")
                 + f"{reading(query.tasks)}：", *[task_line(t) for t in tasks]]
        return "\n".join(lines)
    if claim.unknown and not claim.agencies:
        return f"**否。**通知中没有叫“{claim.unknown[0]}”的部门。\n\n{statement(tasks[0], Field.LEAD)}"
    if not claim.agencies:
        task = tasks[0]
        if result.verdict != claim.negated:
            body = f"{verdict}{cite(task.number)} 确实讲到这一内容。"
        else:
            body = f"{verdict}{cite(task.number)} 讲的是别的内容：“{_short(task.text, 16)}”"
            if result.closer:
                closer = notice.task(result.closer)
                body += (f"\n\n你说的内容更接近第{closer.number}项任务{cite(closer.number)}：“{_short(closer.text, 16)}”"
                         f"（牵头单位：{lead_names(closer)}）。")
        return body + "\n\n" + statement(task, Field.LEAD)
    details = [_role_sentence(BY_ID[agency_id], task, term.said, term.role)
               for task in tasks for term in claim.agencies for agency_id in term.ids]
    # One paragraph for every task the claim names, so the reader sees each task's lead together.
    statements = "\n".join(statement(t, Field.LEAD) for t in tasks)
    return f"{verdict}" + "".join(details) + "\n\n" + statements


def _role_sentence(agency: Agency, task: Task, said: str, role: Role = Role.ANY) -> str:
    label = f"“{said}”（即{name(agency, task)}）" if said else name(agency, task)
    if role in (Role.SOLE, Role.SOLE_LEAD) and task.involves(agency.id) and len(task.agencies) > 1:
        return f"{label}不是{cite(task.number)}唯一的部门：该任务列出 {len(task.agencies)} 个部门。"
    if task.led_by(agency.id):
        if len(task.lead_ids) > 1:
            others = join([a.chinese for a in task.leads if a.id != agency.id])
            return f"{label}是{cite(task.number)}的牵头部门之一，与{others}共同牵头。"
        if task.shared:
            return f"{label}在{cite(task.number)}中列第一位，但那里各部门各负其责。"
        return f"{label}牵头{cite(task.number)}。"
    if task.involves(agency.id):
        return f"{label}参与{cite(task.number)}，但不牵头。"
    return f"{label}不在{cite(task.number)}的部门之列。"
