"""Chinese questions into the same typed queries as English ones.

Chinese is one more way to produce a `Query`: the same algebra, executor and conversation turns, so a
Chinese question gets exactly the English answer's tasks, counts and verdicts. The steps mirror
`parser.py`, and those that do not depend on the language are the same code (`grammar.py`):

1. Clean the text (NFKC turns full-width brackets and digits into ASCII), put spaces where Chinese meets
   Latin letters or digits, and refuse what the notice cannot answer.
2. Find every mention once (`assistant.notice.mentions_zh`).
3. Build the task set: agencies with their roles and operators, the scope, the topic (the words jieba
   finds once mentions and asking words are taken out), and what a follow-up refers to (这些, 它, 该部门).
4. Pick the operation: a claim, a ranking, an unstated detail, a position, a count, an overview, a list
   or a look-up.
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.answer import grammar as G
from assistant.answer import vocabulary_zh as V
from assistant.answer.query import AgencyTerm, Claim, Field, Op, Position, Query, Rank, Refusal, Role, TaskSet, Turn
from assistant.notice import mentions as M
from assistant.notice import mentions_zh as Z
from assistant.notice.agencies import BY_ID
from assistant.notice.records import Notice
from assistant.notice.segment_zh import SEGMENTER, has_cjk
from assistant.patterns import compile_later



def parse(text: object, notice: Notice, previous: Turn | None = None) -> Query:
    raw, notes = M.clean(text)
    query = _parse(Z.spaced(raw), notice, previous)
    query = G.asked_as_yes_or_no(query, raw, V)
    unnamed = Z.unnamed_instruments(raw) if query.tasks.topic and query.op not in (Op.REFUSE, Op.CLAIM) else ()
    if unnamed:
        query = replace(query, unmentioned=unnamed, named_instruments=unnamed)
    return replace(query, text=raw).with_notes(*notes, *query.notes)


def _without_history(text: str, m: Z.ZhMentions) -> Z.ZhMentions:
    """Agencies named only to explain another, as in English (`parser._without_history`): those in brackets that
    restate a 2018 name before them ("国家市场监督管理总局的前身机构（原工商总局、质检总局、食药监总局）"), and those of an
    opening sentence that tells the 2018 history ("……由原银监会和保监会演变而来。") when the question after it names
    none but points back at them ("这两个机构"): any of those, as a successor's name stands for any of its predecessors."""
    kept: list = []
    for mention in m.agencies:
        opened = max(text.rfind("（", 0, mention.start), text.rfind("(", 0, mention.start))
        inside = opened > max(text.rfind("）", 0, mention.start), text.rfind(")", 0, mention.start))
        glossed = [k for k in kept if k.end <= opened and k.via == "successor"]
        if inside and glossed and set(mention.ids) <= set(glossed[-1].ids):
            continue
        if inside and kept and kept[-1].end <= opened and V.INCLUDING_RE.match(text, opened + 1):
            # "司法部（包括原法制办）": the body and the one it took in, either of them
            kept[-1] = kept[-1].with_also(mention)
            continue
        kept.append(mention)
    clause = V.SUCCESSION_CLAUSE_RE.match(text)
    if clause and kept and not any(a.start >= clause.end() for a in kept) and V.OLD_AGENCY_REF_RE.search(text, clause.end()):
        kept = [kept[0].with_also(*kept[1:])]
    return m if kept == list(m.agencies) else replace(m, agencies=tuple(kept))


def _item_of_the_list(text: str, m: Z.ZhMentions, previous: Turn | None) -> Z.ZhMentions:
    """"第二项谁牵头？" just after a list of tasks is its second item, not task 2; "第2项任务", a number beyond the
    list, or a part or heading named keep the task."""
    if previous is None or len(previous.tasks) < 2 or len(m.tasks) != 1 or m.parts or m.headings or m.nth \
            or previous.query.op not in (Op.LIST, Op.OVERVIEW, Op.COUNT, Op.RANK) and previous.query.position is None \
            or not 1 <= m.tasks[0] <= len(previous.tasks) or not V.LIST_ITEM_RE.search(text):
        return m
    return replace(m, tasks=(), nth=m.tasks[0])


def _parse(text: str, notice: Notice, previous: Turn | None) -> Query:
    refused = G.refuse_at_once(text, V)
    if refused is not None:
        return refused
    steps = V.STEPS_RE.search(text)
    if steps:  # "商业秘密那一项之后的第二项": the task after it, taken twice; "第二项" is no task and no place in a list
        from assistant.notice.segment_zh import zh_number

        way = "之前的一项" if steps.group("way")[0] in "之以前往" and "前" in steps.group("way") else "之后的一项"
        query = _parse(text[:steps.start()] + way + text[steps.end():], notice, previous)
        if query.position in (Position.NEXT, Position.PREVIOUS):
            return replace(query, nth=zh_number(steps.group("n")) or 1)
        return query
    m = _without_history(text, Z.find(text, notice))
    m = _item_of_the_list(text, m, previous)
    tasks = list(m.tasks)
    if not tasks and not m.bad_tasks and not m.parts and not m.headings and m.bare_numbers:
        tasks = _bare_tasks(text, m, notice)
        bad = [n for n in m.bare_numbers if not notice.has_task(n)]
        if bad and not tasks and _asks_about_tasks(text) and not topic_of(re.sub(r"\d+", " ", text), m):
            return G.refuse(Refusal.BAD_TASK, ", ".join(map(str, bad)))
    scope = G.scope_or_refusal(text, V, m, notice, previous, tasks, "zh")
    if isinstance(scope, Query):
        return scope
    part, heading, notes = scope.part, scope.heading, list(scope.notes)
    if V.ABOUT_NOTICE_RE.search(text) and not tasks and not m.agencies and not m.parts:
        return Query(Op.LOOKUP, TaskSet(), Field.NOTICE).with_notes(*notes)  # "这份通知是哪天发布的？"
    if V.LEAD_RULE_RE.search(text) and not tasks and not m.agencies:
        return Query(Op.LOOKUP, TaskSet(), Field.LEAD_RULE).with_notes(*notes)  # "牵头部门是怎么确定的？"

    for mention in m.agencies:
        if mention.via == "successor":
            from assistant.answer.compose_zh import agency_label

            names = "、".join(agency_label(BY_ID[i]) for i in mention.ids)
            notes.append(f"“{mention.surface}”是 2018 年机构改革后的名称，这里按通知中的机构理解：{names}。")
        elif mention.via in ("typo", "everyday"):
            from assistant.answer.compose_zh import agency_label

            notes.append(f"“{mention.surface}”按{agency_label(BY_ID[mention.ids[0]])}理解。")

    compared = G.names_compared(text, V, m.agencies, tasks) or G.name_asked(text, V, m.agencies, tasks, notice) \
        or G.two_compared(text, V, previous, tasks, bool(m.agencies or m.parts), notice, _negated(text))
    if compared is not None:  # "牵头单位一样吗？" after two tasks
        return compared.with_notes(*notes)
    located = len(tasks) == 1 and len(m.agencies) == 1 and V.TASK_BEFORE_AGENCY_RE.search(text[:m.agencies[0].start])
    if len(m.agencies) == 1 and (not tasks or located) and V.TODAY_RE.search(text):  # "农业部现在叫什么？": its 2018 fate
        return Query(Op.LOOKUP, TaskSet(numbers=tuple(tasks) or None), Field.SUCCESSOR, among=m.agencies[0].ids,
                     asks_any=bool(re.search(r"还(?:存在|在)吗", text))).with_notes(*notes)  # "还存在吗？": yes or no first
    query = _build(text, notice, previous, m, tuple(tasks), part, heading, _unknown_agencies(text, m))
    return query.with_notes(*notes)


# --- numbers --------------------------------------------------------------------------------------

def _asks_about_tasks(text: str) -> bool:
    return bool(V.WHO_RE.search(text) or V.LEAD_RE.search(text) or V.TEXT_RE.search(text)
                or V.PARTICIPANT_RE.search(text) or V.RESPONSIBLE_RE.search(text) or V.YES_NO_RE.search(text))


# A number before these is a quantity ("10项任务", "3个部门"), not a task.
_QUANTITY_AFTER_RE = compile_later(r"\s*(?:项|个|条|家|次|年|月|日|号|%|元|万|亿|人|件|名|位|倍)")


def _bare_tasks(text: str, m: Z.ZhMentions, notice: Notice) -> list[int]:
    """"40和41由谁负责？": numbers standing alone are tasks when the question asks about tasks and nothing else."""
    if V.COUNT_RE.search(text) and not V.WHO_RE.search(text):
        return []
    if any(_QUANTITY_AFTER_RE.match(text, match.end()) for match in re.finditer(r"\d+", text)):
        return []
    if not _asks_about_tasks(text) or topic_of(re.sub(r"\d+", " ", text), m):
        return []
    numbers: list[int] = []
    for a, b in M.RANGE_RE.findall(text) + re.findall(r"(\d+)\s*(?:到|至)\s*(\d+)", text):
        if int(a) < int(b) <= int(a) + 200:
            numbers += range(int(a), int(b) + 1)
    return [n for n in dict.fromkeys(numbers + list(m.bare_numbers)) if notice.has_task(n)]


_UNKNOWN_AGENCY_RE = compile_later(r"(?:^|[，,。;；\s]|由|是|归|和|与)\s*([\u4e00-\u9fff]{1,10}?(?:部|局|署|委员会|委|办公室|办|院))"
                                r"\s*(?=牵头|负责|主导|参与|参加|的|吗|来|是|在|也)")
_NOT_AN_AGENCY = frozenset("全部 内部 外部 干部 总部 本部 各部 局部 部 局 委 院 办".split())


def _unknown_agencies(text: str, m: Z.ZhMentions) -> tuple[str, ...]:
    """Names shaped like an agency's that the registry does not know ("魔法部")."""
    taken = [(a.start, a.end) for a in m.agencies]
    found = []
    for match in _UNKNOWN_AGENCY_RE.finditer(text):
        start, end = match.span(1)
        if not any(s < end and start < e for s, e in taken) and match.group(1) not in _NOT_AN_AGENCY \
                and not re.match(r"(?:哪|什么|那|这|该|有关|相关|其他|各)", match.group(1)):
            found.append(match.group(1))
    return tuple(found)


# --- the grammar ----------------------------------------------------------------------------------

def _role(text: str) -> Role:
    if V.MEMBER_RE.search(text):
        return Role.MEMBER
    lead = bool(V.LEAD_RE.search(text))
    part = bool(V.PARTICIPANT_RE.search(text))
    if V.SOLE_RE.search(text) and not V.JOINT_RE.search(text):
        return Role.SOLE_LEAD if lead and not part else Role.SOLE
    return Role.LEAD if lead and not part else Role.ANY


_BESIDES_RE = compile_later(r"(?:除了|除去|除|不算|不计|不包括|排除|刨去|去掉)\s*$")


def _terms(text: str, m: Z.ZhMentions, role: Role, narrowing: bool = False
           ) -> tuple[list[AgencyTerm], list[AgencyTerm], list[AgencyTerm]]:
    """Agencies split into all-of, any-of and none-of terms by the words around them. The first agency is left out
    only when a list is narrowed ("其中不是国家知识产权局牵头的有哪些？", "去掉商务部参与的") or another is named."""
    all_of: list[AgencyTerm] = []
    any_of: list[AgencyTerm] = []
    none_of: list[AgencyTerm] = []
    either = bool(V.EITHER_RE.search(text)) and len(m.agencies) > 1
    member = role == Role.MEMBER
    for index, mention in enumerate(m.agencies):
        said = mention.surface if mention.via == "successor" else ""
        before = text[max(0, mention.start - 8):mention.start]
        after = text[mention.end:mention.end + 8]
        excluded = index > 0 and (V.EXCLUDE_BEFORE_RE.search(before) or V.EXCLUDE_AFTER_RE.search(after))
        # "除了工商总局以外，海关总署还参与了哪些任务？": the first agency named can be the one left out.
        excluded = excluded or (index == 0 and len(m.agencies) > 1 and bool(_BESIDES_RE.search(before))) \
            or index == 0 and narrowing and bool(V.EXCLUDE_BEFORE_RE.search(before) or V.EXCLUDE_AFTER_RE.search(after)) \
            or index == 0 and len(m.agencies) == 1 and not member and bool(V.TASKS_WORD_RE.search(text)) \
            and bool(V.EXCLUDE_AFTER_RE.search(after) or V.EXCLUDE_BEFORE_RE.search(before))
        # "国家知识产权局不参与哪些任务？", "哪些任务不是由国家知识产权局牵头的？", "哪些任务没有外交部？": the tasks it is not on
        if excluded and not (member and len(m.agencies) == 1):
            # "……但知识产权局不参与": what is said after it decides ("不参与" is at all); else the words around it
            said_after = after[:6]
            lead = "牵头" in said_after if V.ROLE_SAID_RE.search(said_after) else "牵头" in before[-4:]
            none_of.append(AgencyTerm(mention.ids, Role.LEAD if lead else Role.ANY, said))
            continue
        having = V.HAVE_A_TASK_RE.search(text)
        # "农业部和工商总局有一个关于商标富农的任务，谁牵头？": they are on it; who leads it is asked of the task
        own = Role.ANY if having is not None and mention.end <= having.start() else _own_role(text, m, index, role)
        term = AgencyTerm(mention.ids, own, said)
        around = text[max(0, mention.start - 4):mention.start] + text[mention.end:mention.end + 4]
        G.add_term(term, either and bool(V.EITHER_RE.search(around)), all_of, any_of)
    return all_of, any_of, none_of


def _own_role(text: str, m: Z.ZhMentions, index: int, role: Role) -> Role:
    """One agency's role by the words right after it, where a question names two in two roles: "国家知识产权局参与、
    而商务部是牵头单位的任务". Elsewhere the question's role."""
    if len(m.agencies) < 2 or role not in (Role.LEAD, Role.ANY):
        return role
    mention = m.agencies[index]
    end = m.agencies[index + 1].start if index + 1 < len(m.agencies) else len(text)
    after = text[mention.end:end]
    if V.OWN_LEAD_AFTER_RE.match(after):
        return Role.LEAD
    if V.OWN_PART_AFTER_RE.match(after):
        return Role.ANY
    return role


_POSITION_WORDS_RE = compile_later("|".join(p.pattern for p in (V.NEXT_RE, V.PREVIOUS_RE, V.FIRST_RE, V.LAST_RE)))
_NOT_TOPIC_RE = compile_later("|".join(p.pattern for p in (V.MEMBER_RE, V.SOLE_RE, V.JOINT_RE, V.SHARED_RE, V.MOST_RE,
                                                          V.FEWEST_RE, V.EXACTLY_ONE_RE, V.COUNT_RE, V.TAG_RE,
                                                          V.REVIEW_RE, V.EXISTS_RE, V.MORE_RE, V.OTHERS_RE)))


def topic_of(text: str, m: Z.ZhMentions) -> str:
    """The words left when mentions and the asking are taken out: "谁牵头知识产权质押融资？" -> "知识产权质押融资"."""
    rest = text
    for start, end in sorted(m.spans, reverse=True):
        rest = rest[:start] + " " + rest[end:]
    for pattern in (_NOT_TOPIC_RE, _POSITION_WORDS_RE, V.ASKING_PHRASES_RE):
        rest = pattern.sub(" ", rest)
    words = []
    for chunk in rest.split():
        cut = SEGMENTER.cut(chunk) if has_cjk(chunk) else [chunk]
        keep = [_content(w) for w in cut]
        for i, word in enumerate(cut):
            # A single character counts only beside a content word ("专利费|用" is cut from "专利费用").
            lone = has_cjk(word) and len(word) == 1 and word not in V.STOP_WORDS
            beside = (i > 0 and keep[i - 1]) or (i + 1 < len(cut) and keep[i + 1])
            if keep[i] or (lone and beside):
                words.append(word)
    joined = ""
    for word in words:
        joined += (" " if joined and not (has_cjk(word) and has_cjk(joined[-1])) else "") + word
    return joined


M_ENGLISH_FILLER = frozenset("the and who what which task tasks lead leads does".split())


def _content(word: str) -> bool:
    if word in V.STOP_WORDS:
        return False
    if has_cjk(word):
        return len(word) >= 2
    return len(word) >= 3 and word.lower() not in M_ENGLISH_FILLER


# An elliptical follow-up ("财政部呢？", "那国家知识产权局在第六部分呢？") is short: a longer question says what it asks.
ELLIPTICAL_MAX_CHARS = 20


def _build(text: str, notice: Notice, previous: Turn | None, m: Z.ZhMentions, tasks: tuple[int, ...],
           part: int | None, heading: int | None, unknown: tuple[str, ...]) -> Query:
    elliptical = bool((V.FOLLOWUP_START_RE.search(text) or V.FOLLOWUP_END_RE.search(text))
                      and len(text) <= ELLIPTICAL_MAX_CHARS)
    role = G.inherited_role(text, V, m, previous, _role(text), elliptical=elliptical)
    refs_list = bool(V.LIST_REF_RE.search(text)) and previous is not None and bool(previous.tasks)
    all_of, any_of, none_of = _terms(text, m, role, narrowing=refs_list)
    any_of = G.without_described_successor(all_of, any_of)
    counts_where = G.counts_where_it(text, V, previous)  # "它有几项任务？" after "第24项在哪一部分？": the part
    # "它参与的任务有哪些？": what takes part or leads is an agency, even after a list of one task
    agency_subject = bool(re.search(r"它(?!们)(?:还|又|也|都|一共|总共)?(?:参与|牵头|负责|主导)", text))
    refs_task = bool(V.TASK_REF_RE.search(text)) and previous is not None and bool(previous.focus) and not counts_where \
        and not (agency_subject and previous.agencies)
    # "它" after a list of an agency's tasks is the agency: no single task was discussed.
    refs_agency = (previous is not None and bool(previous.agencies) and not m.agencies
                   and (bool(V.AGENCY_REF_RE.search(text))
                        or agency_subject
                        or (bool(re.search(r"它(?!们)", text)) and not previous.focus
                            and (previous.query.op in (Op.LIST, Op.COUNT)
                                 # "“Network Office”是哪个部门？它参与了哪些任务？": the agency just named
                                 or previous.query.field in (Field.NAME, Field.SUCCESSOR)))))
    # "第一部分中，版权局牵头了哪些任务？又参与了哪些任务？": the second asks of the same agency, where the first did
    goes_on = (previous is not None and bool(previous.agencies) and not m.agencies and not tasks
               and previous.query.op in (Op.LIST, Op.COUNT) and bool(V.GOES_ON_RE.match(text))
               and bool(V.TASKS_WORD_RE.search(text) or re.search(r"哪些(?:项|个)?\s*[？?]?\s*$", text)))
    if goes_on and part is None and heading is None:
        part, heading = previous.query.tasks.part, previous.query.tasks.heading
    refs_agency = refs_agency or goes_on
    if refs_agency:
        all_of = [AgencyTerm((a,), role) for a in previous.agencies]
    topic = topic_of(text, m)
    swapped = G.scope_swapped(previous, part, heading, elliptical, says_more=bool(m.agencies or tasks or topic))
    if swapped is not None:  # "商务部牵头哪些任务？", "那第五部分呢？": the same list in that part
        return swapped
    # Chinese drops the subject: "有几个部门参与？" after a question about one task is about that task.
    implicit = (previous is not None and bool(previous.focus) and not tasks and not m.parts and not m.headings
                and not m.agencies and not refs_list and not refs_agency and not topic
                and not _WHOLE_OR_RANK_RE.search(text) and not V.TASKS_WORD_RE.search(text)
                and not V.SAME_SCOPE_RE.search(text) and not counts_where  # "这个小标题下有几项？": its heading
                # "最后一项呢？" after "第一项由谁牵头？": a position in the list the last answer counted in
                and not (len(previous.tasks) > 1 and (m.nth or _nth(_no_spans(text, m)))))

    # "工商总局牵头的任务中，哪些是各负其责的？", "其中哪些是各负其责的？": the set narrowed to its each-responsible tasks
    shared = bool(V.SHARED_RE.search(text)) and (bool(m.agencies) or refs_list) and not tasks
    scope = TaskSet(tuple(all_of), tuple(any_of), tuple(none_of), part, heading, shared=shared)
    if tasks:
        scope = replace(scope, numbers=tasks)
    elif (refs_task or implicit) and not V.LIST_REF_RE.search(text) and not topic:
        scope = replace(scope, numbers=previous.focus)
    elif refs_list and (not refs_task or m.nth or _nth(_no_spans(text, m))):
        scope = replace(scope, numbers=previous.tasks, from_previous=True)

    # "是原保监会牵头还是国家知识产权局牵头？": a choice between agencies asks who leads; the answer says it.
    if V.ALTERNATIVE_RE.search(text) and m.agencies and (tasks or topic):
        target = TaskSet(numbers=tasks) if tasks else TaskSet(topic=topic, part=part, heading=heading)
        return Query(Op.LOOKUP, target, Field.AGENCIES if V.PARTICIPANT_RE.search(text) else Field.LEAD)

    counted = _count_claim(text, m, scope, previous)
    if counted is not None:
        return counted

    ranked = _rank_leaving_out(text, m, scope)
    if ranked is not None:
        return ranked

    claim = _claim(text, m, previous, scope, topic, unknown, refs_task, refs_agency, role)
    if claim is not None:
        return claim

    rank = _rank(text, m, scope)
    if rank is not None:
        return replace(rank, nth=_rank_place(text))

    detail = next((label for label, pattern in V.UNSTATED_DETAILS if pattern.search(text)), "")
    if detail == "figures or results" and not tasks and V.COUNT_RE.search(text) and not topic:
        detail = ""  # "那是多少项？" counts the previous answer's tasks
    asks_field = _field(text)
    singular = bool(_ONE_TASK_ASKED_RE.search(text))
    return G.lookup_or_list(text, V, G.Asked(
        field=asks_field, detail=detail,
        position=lambda: _position(text, notice, previous, m, scope, tasks, topic, refs_task),
        count=lambda: _count(text, m, scope, topic, previous, refs_list),
        overview=lambda: _overview(text, m, scope, topic, asks_field),
        lists=bool((V.TASKS_WORD_RE.search(text) and not singular) or not topic), own_topic=bool(topic),
        followup=_is_followup(text), asks_something=_asks_something(text), plural=bool(_TASKS_ASKED_RE.search(text)),
        # "其中有没有涉及众筹的任务？": the subject searched among the last list's tasks
        own_words=V.LIST_REF_RE.sub("", topic).strip() if scope.from_previous and not m.agencies else "",
    ), scope, tasks, topic, previous, bool(m.agencies), refs_task, refs_agency)


def _overview(text: str, m: Z.ZhMentions, scope: TaskSet, topic: str, asks_field: Field) -> Query | None:
    """"第三部分中关于专利审查的任务由谁牵头？" looks a topic up in the part; "……下有哪些任务？" lists it."""
    if (scope.part is not None or scope.heading is not None) and not m.agencies and not scope.numbers \
            and not scope.all_of and not scope.any_of:  # an agency the question points back at lists its tasks
        if topic and not _LISTS_SCOPE_RE.search(text):
            return Query(Op.LOOKUP, replace(scope, topic=topic), asks_field)
        return Query(Op.OVERVIEW, scope)
    return None


_WHOLE_OR_RANK_RE = compile_later("|".join(p.pattern for p in (V.MOST_RE, V.FEWEST_RE, V.EXACTLY_ONE_RE, V.JOINT_RE, V.SHARED_RE))
                               + r"|通知|全部任务|所有任务|整个")


# "……中，哪项是关于专利审查高速路的？": one task asked for by its topic, among the agency's tasks.
_ONE_TASK_ASKED_RE = compile_later(r"哪项|哪一项|哪个任务|哪一个任务|哪条|是哪个")


# "Which tasks ...": several tasks asked for (not "负责部门有哪些", which asks for agencies).
_TASKS_ASKED_RE = compile_later(r"哪些任务|哪几项|哪些项|哪些工作|所有(?:的)?任务|哪几个任务|哪几条|任务(?:都)?有哪些|有哪些任务")
_LISTS_SCOPE_RE = compile_later(r"有哪些|哪些任务|包括|包含|涵盖|下面|下边|下有|下的任务|列出|列一下|有什么|讲(?:的)?(?:是)?什么|主要内容")


def _is_followup(text: str) -> bool:
    return bool(V.FOLLOWUP_START_RE.search(text) or V.FOLLOWUP_END_RE.search(text) or V.TASK_REF_RE.search(text)
                or len(re.sub(r"\s", "", text)) <= 10)


def _asks_something(text: str) -> bool:
    return any(r.search(text) for r in (V.WHO_RE, V.LEAD_RE, V.PARTICIPANT_RE, V.TEXT_RE, V.RESPONSIBLE_RE,
                                         V.MORE_RE, V.WHERE_RE))


_PLURAL_AGENCIES_RE = compile_later(r"哪些(?:部门|单位|机构)|哪几(?:个|家)(?:部门|单位|机构)?|几个部门|几家|所有(?:的)?(?:部门|单位|机构)"
                                 r"|全部(?:部门|单位|机构)|有哪些|都有谁|都有哪些")


def _field(text: str) -> Field:
    if V.WHERE_RE.search(text):
        return Field.WHERE
    lead = bool(V.LEAD_RE.search(text))
    if V.PARTICIPANT_RE.search(text) or V.OTHERS_RE.search(text) or (_PLURAL_AGENCIES_RE.search(text) and not lead):
        return Field.AGENCIES
    if V.WHO_RE.search(text) or lead or V.RESPONSIBLE_RE.search(text):
        return Field.LEAD
    if V.TEXT_RE.search(text) or V.MORE_RE.search(text):
        return Field.TEXT
    return Field.LEAD


def _nth(text: str) -> int:
    from_end = V.FROM_END_RE.search(text)
    if from_end:
        from assistant.notice.segment_zh import zh_number

        return -(zh_number(from_end.group(1)) or 0)
    if V.LAST_RE.search(text):
        return -1
    if V.FIRST_RE.search(text):
        return 1
    match = V.NTH_RE.search(text)
    if match:
        from assistant.notice.segment_zh import zh_number

        return zh_number(match.group(1)) or 0
    return 0


def _position(text: str, notice: Notice, previous: Turn | None, m: Z.ZhMentions, scope: TaskSet,
              tasks: tuple[int, ...], topic: str, refs_task: bool) -> Query | None:
    field = _field(text)
    before, after = bool(V.PREVIOUS_RE.search(text)), bool(V.NEXT_RE.search(text))
    listed = previous.tasks if previous is not None and not tasks and len(previous.tasks) > 1 else ()
    # "最后一项的下一项", "第一项的前一项": the place in the last list names the anchor (the position words taken out)
    anchor_nth = _nth(V.NEXT_RE.sub(" ", V.PREVIOUS_RE.sub(" ", _no_spans(text, m)))) if listed else 0
    if (before or after) and anchor_nth:
        return G.neighbour_in_list(before, field, listed, anchor_nth, notice)
    if before or after:
        return G.neighbour(before, field, scope, tasks, topic, bool(V.TASK_REF_RE.search(text)), refs_task, previous)
    nth = m.nth or (0 if tasks else _nth(_no_spans(text, m)))
    if not nth:
        return None
    # "第三项" counts in the whole notice when nothing narrower is named; "最后一项" only when the question says so.
    return G.counted_position(nth, field, scope, previous, notice, bool(re.search(r"通知|全文|整个|全部任务|所有任务", text)
                                                                          or nth > 0))


def _asks_which_noun(text: str) -> str:
    """"哪些部门只参与一项任务" asks for agencies; "哪些任务只有一个部门" asks for tasks."""
    agency = re.search(r"(?:哪|什么)(?:个|些|几个|一个|家|几家)?\s*(?:部门|单位|机构)|谁|(?:部门|单位|机构)(?:有|是)(?:哪|谁)", text)
    task = re.search(r"(?:哪|什么)(?:个|些|几|一)?\s*(?:项|条)?\s*任务|哪一?项|哪几项|哪些项|任务(?:有|是)(?:哪|几)", text)
    if agency and (not task or agency.start() < task.start()):
        return "agency"
    return "task" if task else ""


_ONE_OF_RE = compile_later(r"(?:只有|仅有|只|仅|唯一|就|单独|只在)?\s*(?:一|1)\s*(个|家|项|次|条)\s*(部门|单位|机构|任务)?")


def _rank(text: str, m: Z.ZhMentions, scope: TaskSet) -> Query | None:
    if m.agencies or scope.numbers and not scope.from_previous:
        return None
    most, fewest = bool(V.MOST_RE.search(text) or V.RANK_PLACE_RE.search(text)), bool(V.FEWEST_RE.search(text))
    if scope.from_previous:  # "这几项里哪一项参与部门最多？": the last list's tasks by their number of agencies
        if (most or fewest) and re.search(r"部门|单位|机构", text) and _asks_which_noun(text) == "task":
            return Query(Op.RANK, scope, rank=Rank.TASK_BY_AGENCIES, most=not fewest)
        return None
    one = bool(V.EXACTLY_ONE_RE.search(text))
    counting = bool(V.COUNT_RE.search(text))
    listing = counting or bool(V.RANK_LIST_RE.search(text))
    agency_noun = bool(re.search(r"部门|单位|机构|部委|谁|哪家", text))
    heading_noun = bool(V.HEADING_WORD_RE.search(text))
    task_noun = bool(re.search(r"任务|哪项|几项|一项", text))
    asks = _asks_which_noun(text)
    if V.JOINT_RE.search(text) and listing and asks != "agency":
        return Query(Op.RANK, scope, rank=Rank.JOINT_LEADS)
    if V.SHARED_RE.search(text) and listing and asks != "agency":
        return Query(Op.RANK, scope, rank=Rank.SHARED)
    if heading_noun and counting and scope.heading is None and not task_noun:
        return Query(Op.RANK, scope, rank=Rank.HEADINGS_IN_PART)
    if heading_noun and (most or fewest) and not agency_noun:
        return Query(Op.RANK, scope, rank=Rank.HEADING_BY_TASKS, most=not fewest)
    if V.WHICH_PART_RE.search(text) and (most or fewest) and not agency_noun and scope.part is None:
        return Query(Op.RANK, scope, rank=Rank.PART_BY_TASKS, most=not fewest)  # "哪个部分的任务最多？"
    if heading_noun and one and task_noun and not agency_noun:
        return Query(Op.RANK, scope, rank=Rank.HEADING_ONE_TASK)
    if one and (agency_noun or task_noun):
        match = _ONE_OF_RE.search(text)
        unit, noun = (match.group(1), match.group(2) or "") if match else ("", "")
        if noun in ("部门", "单位", "机构") or unit == "家":
            return Query(Op.RANK, scope, rank=Rank.TASKS_ONE_AGENCY)
        if noun == "任务" or unit in ("项", "次", "条"):
            return Query(Op.RANK, scope, rank=Rank.AGENCY_ONE_TASK)
        if asks:
            return Query(Op.RANK, scope, rank=Rank.AGENCY_ONE_TASK if asks == "agency" else Rank.TASKS_ONE_AGENCY)
    if task_noun and (most or fewest) and re.search(r"部门|单位|机构", text) and asks == "task":
        return Query(Op.RANK, scope, rank=Rank.TASK_BY_AGENCIES, most=not fewest)
    if (most or fewest) and (agency_noun or asks == "agency"):
        by = Rank.AGENCY_BY_LEADS if V.LEAD_RE.search(text) and not V.PARTICIPANT_RE.search(text) \
            else Rank.AGENCY_BY_TASKS
        return Query(Op.RANK, scope, rank=by, most=not fewest)
    if (most or fewest) and task_noun and re.search(r"部门|单位|机构", text):
        return Query(Op.RANK, scope, rank=Rank.TASK_BY_AGENCIES, most=not fewest)
    if counting and re.search(r"几(?:个|大)?部分|多少(?:个)?部分|分为|分成", text) and not task_noun and scope.part is None:
        return Query(Op.RANK, scope, rank=Rank.PARTS)
    if counting and agency_noun and not task_noun and scope.part is None and scope.heading is None and re.search(
            r"(?:多少|几)(?:个|家)?(?:部门|单位|机构|部委)|(?:部门|单位|机构|部委)(?:一共|总共|共)?(?:有)?(?:多少|几)", text):
        # "通知一共涉及多少个部门？", not "专利代理机构的外资持股比例上限是多少？"
        return Query(Op.RANK, scope, rank=Rank.AGENCIES_NAMED)
    return None


def _rank_place(text: str) -> int:
    match = V.RANK_PLACE_RE.search(text)
    if not match:
        return 0
    from assistant.notice.segment_zh import zh_number

    return zh_number(match.group(1) or match.group(2)) or 0


def _rank_leaving_out(text: str, m: Z.ZhMentions, scope: TaskSet) -> Query | None:
    """"除了国家知识产权局以外，牵头任务最多的是哪个部门？": a ranking of agencies with the named ones left out."""
    if not m.agencies or scope.numbers or not (V.MOST_RE.search(text) or V.FEWEST_RE.search(text)
                                              or V.RANK_PLACE_RE.search(text)):
        return None
    left_out = [a for a in m.agencies if _BESIDES_RE.search(text[max(0, a.start - 6):a.start])
                or re.match(r"\s*(?:以外|之外|外)", text[a.end:a.end + 4])]
    if len(left_out) != len(m.agencies):
        return None
    rest = TaskSet(part=scope.part, heading=scope.heading)
    rank = _rank(text, Z.ZhMentions(parts=m.parts, headings=m.headings), rest)
    if rank is None or rank.rank not in (Rank.AGENCY_BY_LEADS, Rank.AGENCY_BY_TASKS):
        by = Rank.AGENCY_BY_LEADS if V.LEAD_RE.search(text) and not V.PARTICIPANT_RE.search(text) else Rank.AGENCY_BY_TASKS
        rank = Query(Op.RANK, rest, rank=by, most=not V.FEWEST_RE.search(text))
    return replace(rank, excluding=tuple(i for a in left_out for i in a.ids), nth=_rank_place(text))


_CLAIMED_COUNT_RE = compile_later(r"(?<!第)(?<!第 )(?<![\d零一二两三四五六七八九十百])(\d+|[零一二两三四五六七八九十百]+)\s*(?:项|个|条)(?:任务)?")


def _count_claim(text: str, m: Z.ZhMentions, scope: TaskSet, previous: Turn | None) -> Query | None:
    """"国家知识产权局一共牵头50项任务，这个说法对吗？": a number to check against the set's size."""
    if not (V.YES_NO_RE.search(text) or V.REVIEW_RE.search(text)) or scope.numbers and not scope.from_previous:
        return None
    match = _CLAIMED_COUNT_RE.search(_no_spans(text, m))
    if not match or not (scope.all_of or scope.any_of or scope.part or scope.heading or scope.from_previous
                         or _WHOLE_NOTICE_RE.search(text)):
        return None
    from assistant.notice.segment_zh import zh_number

    number = zh_number(match.group(1))
    if number is None:
        return None
    return Query(Op.CLAIM, scope, claim=Claim(count=number, negated=_negated(text)))


def _negated(text: str) -> bool:
    """A claim said in the negative ("第24项不是工商总局牵头的"): not a confirmation tag ("对吗"), not a word that only
    looks negative, and not a rhetorical question ("不是……吗？" expects yes)."""
    return bool(V.NEGATION_RE.search(_NOT_NEGATION_RE.sub(" ", V.TAG_RE.sub("", text)))) \
        and not V.RHETORICAL_RE.search(text)


_WHOLE_NOTICE_RE = compile_later(r"通知|全部|整个|所有(?:的)?任务|方案")


def _count(text: str, m: Z.ZhMentions, scope: TaskSet, topic: str, previous: Turn | None,
           refs_list: bool) -> Query | None:
    if scope.numbers is not None and not scope.from_previous and re.search(r"部门|单位|机构|家", text):
        return Query(Op.LOOKUP, scope, Field.AGENCY_COUNT)
    if scope.numbers is not None and not scope.from_previous and not re.search(r"部门|单位|机构|任务|项|条", _no_spans(text, m)):
        return Query(Op.UNSTATED, scope, Field.TEXT, detail="figures or results")
    bare = not (scope.all_of or scope.any_of or scope.none_of or scope.part or scope.heading or scope.numbers)
    whole = bool(_WHOLE_NOTICE_RE.search(text))
    if bare and previous is not None and previous.tasks and not topic and (refs_list or not whole):
        return Query(Op.COUNT, replace(scope, numbers=previous.tasks, from_previous=True))  # "那是多少项？"
    countable = V.COUNTABLE_RE.search(text) or m.agencies or scope.part is not None or refs_list
    if not countable:
        return None
    if bare and topic:
        return Query(Op.COUNT, replace(scope, topic=topic, plural=True))
    return Query(Op.COUNT, scope)


def _no_spans(text: str, m: Z.ZhMentions) -> str:
    for start, end in sorted(m.spans, reverse=True):
        text = text[:start] + " " + text[end:]
    return text


_IS_THERE_A_LEAD_RE = compile_later(r"有没有(?:牵头|主导)|有(?:牵头|主导)(?:部门|单位)吗|是否有(?:牵头|主导)|有没有(?:一个)?(?:部门|单位)牵头")
_NOT_NEGATION_RE = compile_later(r"是不是|是否|有没有|对不对|不正当|不断|不得|不少|不同|不仅|不再|不良|不对吗|不是吗")
_CLAIM_FILLER_RE = compile_later(r"备忘录|报告|材料|文件|稿子|稿件|草稿|文稿|同事|文章|简报|纪要|幻灯片|汇报|我们|我|说|写|称|认为"
                              r"|引用|提到|标注|注明|援引|归给|归到|用来|来说明|说明|证明|支持|作为|依据|根据|对应|正确|准确|对|错|属实")


def _claim(text: str, m: Z.ZhMentions, previous: Turn | None, scope: TaskSet, topic: str, unknown: tuple[str, ...],
           refs_task: bool, refs_agency: bool, role: Role) -> Query | None:
    yes_no = V.YES_NO_RE.search(text) or V.REVIEW_RE.search(text)
    if not yes_no:
        # "商务部牵头第79项。": a statement with a task and an agency and no question word is a claim to check.
        if not (scope.numbers and not scope.from_previous and (scope.all_of or scope.any_of) and
                not V.WHO_RE.search(text) and not V.TASKS_WORD_RE.search(text) and not V.TEXT_RE.search(text)):
            return None
    if V.COUNT_RE.search(text) and not V.REVIEW_RE.search(text):
        return None
    if V.EXISTS_RE.search(text) and not scope.numbers:
        return None  # "有没有任务……": a list question
    shared = bool(V.SHARED_RE.search(text)) and not (scope.all_of or scope.any_of)
    task = scope.numbers if scope.numbers and not scope.from_previous else \
        previous.focus[:1] if previous is not None and previous.focus else None
    if shared and task:  # "第18项各部门是分别负责吗？", "是各负其责的任务吗？": what the task says of its agencies
        return Query(Op.CLAIM, TaskSet(numbers=task), claim=Claim(shared=True, negated=_negated(text)))
    if (V.WHO_RE.search(text) or V.TASKS_WORD_RE.search(text) or _IS_THERE_A_LEAD_RE.search(text)) \
            and not (scope.all_of or scope.any_of or unknown) and not V.REVIEW_RE.search(text):
        return None  # "是哪个部门牵头的吗", "有没有牵头部门？" ask who
    negated = _negated(text) and role != Role.MEMBER
    numbers = scope.numbers if scope.numbers and not scope.from_previous else None
    if numbers is None and previous is not None and previous.focus and (refs_task or refs_agency or not topic
                                                                         or V.FOLLOWUP_START_RE.search(text)):
        numbers = previous.focus[:1] if not scope.numbers else scope.numbers
    agencies = _local_roles(text, m, [*scope.all_of, *scope.any_of])
    # "X负责第24项吗？" asks about the lead, as "in charge of" does; "由X和Y负责" describes the list, as the notice's
    # own "（X、Y负责）" does.
    if role == Role.ANY and V.RESPONSIBLE_RE.search(text) and not V.PARTICIPANT_RE.search(text) and len(agencies) == 1:
        role = Role.LEAD
    agencies = [a if local else replace(a, role=role) for a, local in agencies]
    query = G.claim(numbers, agencies, unknown, negated, topic, own_topic=bool(topic),
                    claimed_topic=lambda: _claimed_topic(text, m))
    if query is not None and query.claim.agencies and query.tasks.numbers:
        # "第25项要求海关每季度发布……": the agency may be right and what it does not (execute._swaps)
        query = replace(query, claim=replace(query.claim, asserted=_kind_words(_no_spans(text, m))))
    if query is not None and query.claim.topic and not query.claim.agencies and query.tasks.numbers:
        # "报告说第57项要把保护期延长到25年，对吗？": a figure the claim gives must be the task's (Claim.asserted); the
        # Chinese words are not checked one by one, as the task's own words are English
        figures = tuple(f.group(0) for f in re.finditer(r"(?<![\d.])\d+(?:\.\d+)?%?", text)
                        if not any(s <= f.start() < e for s, e in m.spans))
        # ... and so must its words of obligation, of every case and of ending (V.STRONG_CLAIM_WORDS), in English
        strong = tuple(w for w in V.STRONG_CLAIM_WORDS if w in _no_spans(text, m))
        # ... and its words of a kind the task may have another of ("商标" where it says patent)
        kinds = _kind_words(_no_spans(text, m))
        if figures or strong or kinds:
            query = replace(query, claim=replace(query.claim, asserted=figures + strong + kinds))
    return query


def _kind_words(text: str) -> tuple[str, ...]:
    """The claim's words of vocabulary_zh.CONTRAST_CLAIM_WORDS, the longer of two that hold one another first."""
    kinds = []
    for word in sorted(V.CONTRAST_CLAIM_WORDS, key=len, reverse=True):
        if word in text:
            kinds.append(word)
            text = text.replace(word, " ")
    return tuple(kinds)


_CLAUSE_END_RE = compile_later(r"[，,。;；:：?？!！—]")
_JOINED_RE = compile_later(r"^\s*(?:和|与|及|以及|、|跟|同)\s*$")


def _local_roles(text: str, m: Z.ZhMentions, terms: list[AgencyTerm]) -> list[tuple[AgencyTerm, bool]]:
    """Each agency's own role where the claim gives them apart: "第28项：知识产权局和网信办，知识产权局牵头" says both are
    on it and one leads. An agency's clause runs to the next punctuation or the next agency not joined by "和"."""
    mentions = list(m.agencies)
    clauses = []
    for i, mention in enumerate(mentions):
        end = len(text)
        for later in mentions[i + 1:]:
            if not _JOINED_RE.match(text[mention.end:later.start]) and later.start > mention.end:
                end = min(end, later.start)
                break
            mention = later if _JOINED_RE.match(text[mention.end:later.start]) else mention
        stop = _CLAUSE_END_RE.search(text, mention.end, end)
        clauses.append(text[mention.end:stop.start() if stop else end])
    leads = [bool(V.LEAD_RE.search(c)) for c in clauses]
    if not any(leads) or all(leads) or len(mentions) != len(terms):
        return [(t, False) for t in terms]
    by_ids: dict[tuple[str, ...], AgencyTerm] = {}
    out = []
    for mention, lead in zip(mentions, leads):
        term = next(t for t in terms if t.ids == mention.ids)
        out.append((replace(term, role=Role.LEAD if lead else Role.ANY), True))
        by_ids[mention.ids] = term
    return out


def _claimed_topic(text: str, m: Z.ZhMentions) -> str:
    """What a claim says a task is about: "备忘录引用第39项来说明降低专利费用，对吗？" -> "降低专利费用"."""
    rest = _CLAIM_FILLER_RE.sub(" ", _no_spans(V.TAG_RE.sub("", text), m))
    return topic_of(rest, Z.ZhMentions())
