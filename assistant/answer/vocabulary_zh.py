"""Every Chinese word a question uses to say what it asks, defined once (the English ones are in vocabulary.py).

The notice's things (tasks, parts, headings, agencies) are found in `assistant.notice.mentions_zh`; this module
holds roles (牵头, 参与, 配合, 负责, 单独负责), operators (和, 或, 但不, 除了, 都), aggregates (多少, 最多, 只有一个),
positions (第一个, 最后一个, 下一个), the fields asked for, details the notice never gives, and the signs of
questions it does not answer. `parser_zh` combines them into the same typed queries as the English parser.
"""

from __future__ import annotations

import re

from assistant.patterns import compile_later

# --- questions the notice does not answer ---------------------------------------------------------
INJECTION_RE = compile_later(
    r"(?:忽略|无视|忘记|忘掉|不要理会|跳过)(?:你|之前|前面|上面|以上|所有|全部|此前)?.{0,12}(?:指令|指示|规则|提示|要求|设定|说明)"
    r"|你现在是|假装你?是|扮演|系统提示|越狱|开发者模式|(?:只|直接|就)(?:回答|回复|说)(?:是|对|好)(?:就行|即可|吧)?$")
ADVERT_RE = compile_later(r"加重毯|重力毯|毯子|被子|床上用品|睡眠毯|杭福|锦绣|weighted|blanket", re.IGNORECASE)
# Other documents: years other than the notice's own, and other plans and laws (when asked what they say).
OTHER_DOCUMENT_RE = compile_later(r"(?<!\d)(?:19\d\d|20(?:0\d|1[0-4]|1[7-9]|[2-9]\d))(?!\d)\s*年|其他(?:文件|通知|规划)"
                               r"|另一(?:份|个)(?:文件|通知|规划)|十三五|十四五|十二五|纲要")
NAMED_DOCUMENT_RE = compile_later(r"专利法|商标法|著作权法|反不正当竞争法|民法典|刑法|五年规划")
SAYS_RE = compile_later(r"(?:怎么|如何)?(?:规定|说|写|要求)")
# Procedures and other countries' offices: the notice divides tasks among Chinese agencies, nothing more.
OUT_OF_SCOPE_RE = compile_later(
    r"(?:怎么|如何|怎样)(?:申请|注册|办理|提交|获得|续展|缴费|交费)|美国专利商标局|USPTO|欧洲专利局|欧盟知识产权局|日本特许厅"
    r"|天气|股价|菜谱|做饭|怎么做菜|宫保鸡丁|足球|篮球|电影票|彩票|机票|火车票")
# Words that tie a question to intellectual property or the notice (the relevance bar, answer/tuning.py).
TOPIC_WORDS_RE = compile_later(
    r"知识产权|专利|商标|版权|著作权|品牌|许可|侵权|假冒|盗版|山寨|地理标志|植物新品种|商业秘密|发明|专有技术|"
    r"通知|任务")

# --- roles and operators ----------------------------------------------------------------------------
LEAD_RE = compile_later(r"牵头|领头|带头|主导|主责|为主|主管|负总责|挂帅|打头|领衔|主办|排(?:在)?第一|列(?:在)?第一|排(?:在)?首位"
                     r"|列(?:在)?首位|第一责任|第一个列出|lead", re.IGNORECASE)
PARTICIPANT_RE = compile_later(r"参与|参加|配合|协助|协同|协办|涉及|在列|列入|名单|有份|其他(?:部门|单位|机构)?|其余|还有(?:谁|哪)"
                            r"|另外(?:还有)?|一起|共同参与|合作|支持|所有(?:的)?(?:部门|单位|机构)|全部(?:部门|单位|机构)"
                            r"|出现|提到|列出的?(?:部门|单位)|参与方")
RESPONSIBLE_RE = compile_later(r"负责|管|主抓|抓|承担|分管|职责")
SOLE_RE = compile_later(r"只有|仅有|单独|独自|独立(?:负责|承担|完成)|唯一|仅由|只由|一家(?:负责|承担)|独家|自己(?:一家|单独)|没有其他(?:部门|单位)")
# "X参与但不牵头": one agency, a member without the lead.
MEMBER_RE = compile_later(r"(?:参与|参加|配合|涉及|在列)[^。？?]{0,8}(?:但|却|而|又)?(?:并)?(?:不|没有?|未)(?:是|作为|担任)?(?:牵头|主导|领头)"
                       r"|(?:不|没有?|未)(?:是)?(?:牵头|主导)[^，,。？?]{0,6}(?:但|却|而|只|仅)[^，,。？?]{0,4}(?:参与|参加|配合|在列)"
                       r"|只(?:是)?(?:参与|配合|协助)|仅(?:仅)?(?:参与|配合|协助)|非牵头|配合(?:单位|部门)|参与(?:单位|部门)(?:而非|不是)牵头")
BOTH_RE = compile_later(r"都|共同|同时|一起|均|皆|二者|两者|两家|三家|这几个部门")
EITHER_RE = compile_later(r"或者|或是|或|还是|任一|其中之一|之一")
# Where an agency follows these, it is taken out of the set ("X但不包括Y", "没有Y", "除了Y", "涉及X但不涉及Y").
EXCLUDE_BEFORE_RE = compile_later(r"(?:去掉|去除|删掉|删去|剔除|不要|但不|但没有?|而不|而没有?|却不|却没有?|不包括|不包含|不含|排除|除了|除去|除|没有|没|不是|并非|不)"
                               r"(?:由|让|是|包括|含|被|涉及|参与|参加|有|列有|提到|提及|列入)?\s*$")
EXCLUDE_AFTER_RE = compile_later(r"^\s*(?:不|没有|没|未|并未|并不)(?:参与|参加|在列|牵头|出现|列入|涉及|在内|在其中)?"
                              r"|^\s*(?:以外|之外|外)")
NEGATION_RE = compile_later(r"不是|不由|并非|不|没有|没|未|并未")
# A tag at the end asks for confirmation ("……，对吗？"); it does not negate the claim.
TAG_RE = compile_later(r"[,，]?\s*(?:对吗|对吧|是吗|是吧|对不对|是不是|没错吧|没错吗|正确吗|准确吗|属实吗|对么|是么|不是吗|不对吗)\s*[?？。!！]*\s*$")
# "第24项不是工商总局牵头的吗？" expects yes: a rhetorical question, not a negated claim.
RHETORICAL_RE = compile_later(r"(?:难道|不就|不正)|不是[^，,。？?]*吗\s*[?？]*\s*$")

# --- what is asked ----------------------------------------------------------------------------------
WHO_RE = compile_later(r"谁|哪(?:个|些|一个|一些|几个|家|几家)?\s*(?:部门|单位|机构|部委|机关|部|局|委|组织)|什么(?:部门|单位|机构)"
                    r"|由谁|是谁|找谁|归谁|哪家")
TEXT_RE = compile_later(r"讲(?:的)?(?:是)?(?:什么|啥)|说(?:的)?(?:是)?(?:什么|啥)|说了(?:什么|啥)|讲了(?:什么|啥)|(?:什么|啥)内容|内容(?:是)?(?:什么|啥)"
                     r"|原文|全文|具体内容|主要内容|关于什么|是关于|要求(?:做)?(?:什么|啥)|做(?:什么|啥)|干(?:什么|啥)|怎么(?:说|写|规定)"
                     r"|写(?:的|了)?(?:是)?(?:什么|啥)|是什么|是啥|什么意思|介绍|解释|讲讲|说说|详细|展开|具体(?:说|讲)|多说|更多")
# The part or heading of the task just discussed: "这一部分共有几项任务？", "这个小标题下有几项？", "同一部分".
SAME_SCOPE_RE = compile_later(r"(?:这|那|该|同|本)\s*(?:一|个)?\s*(?:部分|小标题|标题)")
# "它有几项任务？", "那里一共有几项？" just after the answer named where a task sits: that part or heading's count.
COUNT_OF_IT_RE = compile_later(r"(?:它|那里|这里|其中)(?:一共|总共|共)?有(?:几|多少)")
WHERE_RE = compile_later(r"(?:哪|什么|几)(?:个|一)?\s*(?:部分|小标题|标题|章|节)|第几部分|在哪(?:里|儿)?|位于|属于哪|归在哪|放在哪")
# A list asked as yes or no: "有没有……的任务？", "是否有……任务", "有无……任务", "存在……的任务吗".
ANY_TASK_ASKED_RE = compile_later(r"(?:有没有|是否有|是否存在|有无|存在)[^？?。]{0,40}(?:任务|项)"
                                  r"|有[^？?。有]{1,20}的(?:任务|项)?吗")  # "这些任务里有讲众筹的吗？"
# Words that change what a task does when a Chinese claim adds them ("第104项规定每个省都必须建立……"), each with the
# English words of the same force: the task's text is English, so the claim holds only if the task uses one of them.
STRONG_CLAIM_WORDS: dict[str, tuple[str, ...]] = {
    "必须": ("must", "require", "mandatory", "compulsory", "oblige"), "务必": ("must", "require"),
    "一律": ("all", "every", "uniform"), "每个": ("every", "each"), "每一个": ("every", "each"), "各省": ("every", "each", "province"),
    "一切": ("all", "every", "entire"), "所有": ("all", "every"), "全部": ("all", "entire", "whole", "fully"),
    "取消": ("abolish", "cancel", "eliminate", "remove", "scrap", "repeal"), "废除": ("abolish", "repeal", "scrap"),
    "禁止": ("prohibit", "ban", "forbid"), "严禁": ("prohibit", "ban", "forbid"), "强制": ("compulsory", "mandatory", "force"),
    "减半": ("halve", "half"), "翻倍": ("double",), "完全": ("fully", "completely", "entirely"),
}
# Chinese words of vocabulary.CONTRASTS, in English: "第100项是制定商标费用减缴办法" swaps the task's patent for
# trademark (execute._swapped); the longer of two words that hold one another is matched first (parser_zh).
CONTRAST_CLAIM_WORDS: dict[str, str] = {
    "专利": "patent", "商标": "trademark", "版权": "copyright", "著作权": "copyright",
    "年度": "annual", "每年": "annual", "季度": "quarterly", "每季度": "quarterly", "月度": "monthly", "每月": "monthly",
    "每周": "weekly", "国内": "domestic", "境内": "domestic", "海外": "overseas", "境外": "overseas",
    "鼓励": "encourage", "不鼓励": "discourage", "禁止": "prohibit",
    "限制": "discourage", "故意": "intentional", "非故意": "unintentional", "过失": "negligent", "无意": "unintentional",
    "国有": "state-owned", "民营": "private", "私营": "private", "植物": "plant", "动物": "animal",
    "短期": "short-term", "长期": "long-term",
}
# 通知里有没有讲到某事（“有没有关于……的内容？”）：先答有或没有，再给任务。
EXISTS_ASKED_RE = compile_later(r"(?:有没有|是否有|有无)(?:关于|涉及|提到|讲到|谈到|规定)|(?:提到|讲到|涉及|谈到)(?:了)?[^？?。]{0,40}吗")
# An opening sentence that tells the 2018 history ("现在的国家金融监督管理总局由原银监会和保监会演变而来。"), and
# words after it that point back at the bodies it names ("这两个机构", "它们").
# What became of an agency in 2018 ("农业部现在叫什么？", "国务院法制办被哪个机构取代了？", "工商总局后来并入了哪个机构？",
# "国家版权局现在归哪个部门管理？", "中央综治办现在还存在吗？"): its fate, from the registry (parser_zh).
TODAY_RE = compile_later(r"现在(?:叫|称|名为|是)(?:什么|啥|哪)|(?:被|由)(?:哪个|哪一个|什么|哪家)(?:机构|部门|单位)?(?:取代|接替|接管|合并|吸收|承担)"
                      r"|(?:并入|划入|合并到|合并进|划归|归入|改为|改名为|更名为)(?:了)?(?:哪个|哪一个|什么|哪家|哪里)"
                      r"|(?:职能|职责|工作)[^？?]{0,6}(?:现在|如今|目前)?由(?:哪个|哪一个|什么|哪家)(?:机构|部门|单位)?(?:承担|负责)"
                      r"|(?:职能|职责|工作)[^？?]{0,6}(?:划给|划归|划入|移交|交给|转给)(?:了)?(?:哪个|哪一个|什么|哪家)"
                      r"|现在(?:归|由|隶属于?)(?:哪个|哪一个|什么|哪家)|(?:现在|如今|目前)?还(?:存在|在)吗|(?:2018\s*年)?(?:以后|之后|后来)"
                      r"(?:怎么样|怎样|如何)了?|(?:去哪|去了哪)"
                      # "保监会后来变成什么机构了？", "现在成了哪个部门？"
                      r"|(?:后来|现在|如今|目前|之后|以后)(?:变成|成为|成了|改成|变为|演变成|叫做?)(?:了)?(?:什么|哪个|哪一个|哪家|啥)")
# A task named just before the agency, as where the question found it ("第101项里的保监会后来变成什么了？"): the
# agency's fate is asked, with the task cited.
TASK_BEFORE_AGENCY_RE = compile_later(r"第\s*\d{1,3}\s*(?:项|条|个)(?:任务)?(?:里|中|上|里面|当中)?(?:的|提到的|列出的|列的)\s*$")
SUCCESSION_CLAUSE_RE = compile_later(r"^[^。？?！!；;]*(?:演变而来|合并而成|合并组建|组建|并入|划入|整合|改名|更名|改为|撤销|前身)"
                                  r"[^。？?！!；;]*[。；;，,]")
# Brackets after an agency that add the body it took in: "司法部（包括原法制办）", "（含原法制办）", "（连同……）".
INCLUDING_RE = compile_later(r"\s*(?:包括|包含|含|连同|加上|以及)")
OLD_AGENCY_REF_RE = compile_later(r"(?:这|那|上述|以上)(?:些|两|三|几)?(?:个|家)?(?:机构|部门|单位)|它们|它俩|二者|两者|三者|前身")
TASKS_WORD_RE = compile_later(r"哪些任务|哪几项|哪些项|什么任务|哪些工作|哪几个任务|哪几条|列出|列一下|列举|所有(?:的)?任务|全部(?:的)?任务"
                           r"|清单|名单|哪些(?:事|事情|事项)|有哪些|任务有|的任务|任务是哪些|都(?:负责|牵头|参与)(?:了)?(?:什么|哪些)")
# "第几项" asks which task and "哪几个" which ones: neither is a count.
# "这几项里哪一项……" points back at a list: "这几项" counts nothing
COUNT_RE = compile_later(r"多少|(?<![第哪这那])几\s*(?:项|个|条|家|部分|大)|数量|数目|总数|一共|总共|共有|共计")
COUNTABLE_RE = compile_later(r"任务|项|条|部门|单位|机构|部分|标题|部委|家")
AGENCY_NOUN_RE = compile_later(r"部门|单位|机构|部委|机关|谁|哪家")
HEADING_WORD_RE = compile_later(r"小标题|标题|分项|子项|大项|小节")
PART_WORD_RE = compile_later(r"部分|章")
OVERVIEW_RE = compile_later(r"包括|包含|涵盖|覆盖|讲|说|下面|下边|之下|下有|里面|里有|中有|有哪些|哪些任务|什么任务|内容|是什么|关于|列出|主要")

# --- aggregates ---------------------------------------------------------------------------------------
MOST_RE = compile_later(r"最多|最大|最频繁|最常|最忙|最长|最广|排名第一|数量第一|第一多")
FEWEST_RE = compile_later(r"最少|最小|最短|最不常")
EXACTLY_ONE_RE = compile_later(r"(?:只|仅)[^，,。？?\s]{0,4}?(?:一|1)\s*(?:个|项|家|次|条)|唯一|单独一|就一个|单一|一次")
JOINT_RE = compile_later(r"(?:多个|两个|几个|多家|两家|不止一个|不止一家|一个以上|两个以上|多于一个)(?:部门|单位|机构)?(?:共同|联合)?牵头"
                      r"|联合牵头|共同牵头|双牵头|牵头单位不止|牵头(?:部门|单位)(?:有)?(?:多个|两个|不止一个)")
SHARED_RE = compile_later(r"分别负责|各负其责|各自负责|各司其职|按职责分工|分工负责|各自的部分|按职责分别")
# "排第二", "第二多": a place in a ranking other than the first.
RANK_PLACE_RE = compile_later(r"排(?:名)?(?:在)?第\s*([二三四五六七八九十2-9])|第\s*([二三四五2-5])\s*(?:多|名|位)")
# "是X还是Y": a choice between two answers, asked to learn which one holds.
ALTERNATIVE_RE = compile_later(r"还是")
RANK_LIST_RE = compile_later(r"哪些|哪几|多少|几项|几个|列出|清单|有没有|是否有|有哪")

# --- positions ----------------------------------------------------------------------------------------
FIRST_RE = compile_later(r"第一(?:个|项|条)|首个|头一(?:个|项)|最前面|打头的(?:任务|那项)?")
LAST_RE = compile_later(r"最后一(?:个|项|条)|末尾|最末|最后的(?:任务|那项)|压轴")
NTH_RE = compile_later(r"第\s*([0-9一二三四五六七八九十]+)\s*(?:个|项|条)")
# "倒数第二项": the second from the end
FROM_END_RE = compile_later(r"倒数\s*第\s*([0-9一二三四五六七八九十]+)\s*(?:个|项|条)?")
_UNIT = r"(?:的)?(?:那|这)?(?:一)?(?:个|项|条|任务)"
# "之后是哪一项？", "之前由谁牵头？": the position word right before what is asked of that task
_ASKED_NEXT = r"(?=是|由|谁|呢|[？?]|\s*$)"
NEXT_RE = compile_later(rf"下一(?:个|项|条)|(?<!最)后一(?:个|项|条)|(?:之后|以后|后面|接下来|随后|紧接着)(?:{_UNIT}|{_ASKED_NEXT})"
                     r"|紧随其后")
PREVIOUS_RE = compile_later(rf"上一(?:个|项|条)|前一(?:个|项|条)|(?:之前|以前|前面|此前)(?:{_UNIT}|{_ASKED_NEXT})")
# Several steps from a task: "商业秘密那一项之后的第二项", "往后数两项", "第24项之前的第三项" (parser_zh reads it as the task
# after, or before, that many times).
STEPS_RE = compile_later(r"(?P<way>之后|以后|后面|往后数?|之前|以前|前面|往前数?)\s*(?:的)?\s*(?:第\s*)?(?P<n>[二两三四五六七八九2-9])\s*(?:个|项|条)")
# The same under the names the shared grammar reads (grammar.two_compared: "下一项的牵头单位一样吗？").
AFTER_RE, BEFORE_RE = NEXT_RE, PREVIOUS_RE

# --- claims -----------------------------------------------------------------------------------------
YES_NO_RE = compile_later(r"吗\s*[?？。!！]*\s*$|(?<![什怎这那多])么\s*[?？]*\s*$|是不是|是否|对不对|有没有|对吧|是吧|没错吧|对吗|正确吗|准确吗|属实吗"
                       r"|核实|核对|确认一下|帮我(?:查|看|确认)|真的")
REVIEW_RE = compile_later(r"(?:备忘录|报告|材料|文件|稿子|稿件|草稿|文稿|同事|我们|我|文章|简报|纪要|幻灯片|PPT|汇报)[^，,。？?]{0,20}"
                       r"(?:说|写|称|认为|引用|提到|列|标注|注明|援引|归给|归到)")
# "有没有任务……", "是否有任务……": a list question, not a claim.
EXISTS_RE = compile_later(r"^(?:有没有|是否有|有无|有)(?:哪|任何|什么)?(?:一)?(?:个|项|些)?任务")

# --- follow-ups ---------------------------------------------------------------------------------------
FOLLOWUP_START_RE = compile_later(r"^(?:那|那么|还有|另外|再|同样|此外|而|并且|也|以及|那它|那么它|好的|好|OK|ok)")
FOLLOWUP_END_RE = compile_later(r"呢\s*[?？。!！]*\s*$")
# "其中哪些讲商标？" narrows the last list to several tasks; "其中哪一项讲商业秘密？" to one (vocabulary.LIST_SUBJECT_PLURAL_RE).
LIST_SUBJECT_PLURAL_RE = compile_later(r"哪些|哪几项")
# A question that goes on from the last one with its subject left out ("又参与了哪些任务？", "还牵头了哪些？")
GOES_ON_RE = compile_later(r"\s*(?:那|那么)?(?:又|还|也|另外|再|只是|只|仅仅?)(?:有)?(?:参与|牵头|负责|涉及|列在|出现)")
LIST_REF_RE = compile_later(r"^\s*(?:那|再)?(?:去掉|去除|删掉|删去|剔除|排除|除去|不要)|其中|这些|那些|它们|上述|以上|上面(?:的|那些)|刚才(?:的|那些)|这几项|那几项|这几个|那几个|前面(?:的|那些)")
TASK_REF_RE = compile_later(r"它|这项|那项|该项|此项|这个任务|那个任务|该任务|此任务|这一项|那一项|这条|那条|同一项|这项任务|本项")
AGENCY_REF_RE = compile_later(r"(?:这个|那个|该|此|同一个?|同样的?)(?:牵头)?(?:部门|单位|机构|部委)|他们|它们(?=牵头|参与|还|负责)")
# The tasks of a list that a narrowing left out ("不在第二部分的那项由谁牵头？", "剩下的几项呢？"):
# conversation.rest_of_list.
REST_OF_LIST_RE = compile_later(r"(?:剩下|剩余|其余|另外)的?(?:那|这)?[一两几]?(?:项|个|条)(?:任务)?"
                                r"|不在(?:其中|里面|这(?:一)?部分|那(?:一)?部分|第\S{1,3}部分|这个小标题下)的(?:那|这)?[一两几]?(?:项|个|条)(?:任务)?")
OTHERS_RE = compile_later(r"还有谁|其他(?:部门|单位|机构)|其余|还有哪些|另外还有|别的部门")
MORE_RE = compile_later(r"详细|展开|多说|更多|具体(?:说|讲|点)|再说说|接着说")

# Two tasks just asked about, compared: "牵头单位一样吗？", "是同一个牵头部门吗？", "在同一个小标题下吗？", "它们在哪个部分？".
SAME_LEAD_RE = compile_later(r"(?:牵头(?:单位|部门|机构)?|负责(?:单位|部门))(?:都|全都|全)?(?:是)?(?:一样|相同|同一(?:个|家)?)|同一(?:个|家)?(?:牵头|负责)")
SAME_PLACE_RE = compile_later(r"(?:同一|一样|相同)(?:个)?(?P<what>小标题|标题|部分|章)|(?P<what2>小标题|标题|部分)(?:是)?(?:一样|相同)")
ALL_LISTED_RE = compile_later(r"都|全部|每(?:一)?项|所有")
BOTH_TASKS_RE = compile_later(r"它们|两项|这两|两个任务|都")
# Which part, of the six: "哪个部分的任务最多？", "哪一部分任务最少".
WHICH_PART_RE = compile_later(r"(?:哪|哪一|哪个|什么)\s*(?:个)?\s*(?:部分|章)")
# Agencies said to have a task together, its subject after: "农业部和工商总局有一个关于商标富农的任务，谁牵头？".
HAVE_A_TASK_RE = compile_later(r"(?:有|共同负责|一起负责|都参与)(?:一|一个|一项|个|项)?(?:关于|有关|涉及)[^，,。？?]{1,30}?的?(?:任务|工作|事项)")
# "和第13项一样吗？" just after a lead: the same of what was just asked.
# “网络办是哪个部门？”“‘证监会’指的是谁？”“全称是什么？”: what a name means (grammar.name_asked)
NAME_ASKED_RE = compile_later(r"⟪name⟫[”」’\"'\s]*(?:的全称|全称)?(?:是|指|叫)(?:的是)?(?:哪个|哪一个|什么|哪家|谁)"
                           r"|⟪name⟫[”」’\"'\s]*的?全称"
                           r"|^\s*(?:请问)?(?:什么是|谁是)⟪name⟫\s*[？?]*\s*$")
# Two names compared (grammar.names_compared), each replaced by ⟪name⟫: one agency or not ("CNIPA和国家知识产权局是同一个
# 机构吗？", "国家知识产权局就是CNIPA吗？") ...
# a name, with the space `mentions_zh.spaced` puts beside a Latin one ("CNIPA 和"), and where the notice uses it
# ("这份通知里的农业部")
_N = r"\s*(?:(?:这份|本|该)?通知(?:里|中|上)?(?:的|所说的|提到的|列出的)\s*)?⟪name⟫\s*"
SAME_AGENCY_RE = compile_later(rf"{_N}(?:和|与|跟|同){_N}(?:是|算)?(?:不是)?(?:同一(?:个|家)?(?:机构|部门|单位)?|一回事|一个(?:机构|部门|单位)"
                            rf"|一样(?:的)?(?:机构|部门)?)|^[^⟪]{{0,4}}{_N}(?:就|即)?是{_N}(?:吗|么|嘛)?\s*[？?]*\s*$"
                            rf"|{_N}是不是(?:就是)?{_N}|{_N}(?:就|即)?是{_N}的(?:新|旧|现|原|简|别)(?:名|称|名称|简称)")
# ... whether the first went into the second ("国家工商总局是不是并入了市场监管总局？") ...
_WHEN = r"(?:是否|是不是|有没有|已经|已|后来|现在|如今|也|还|都|在?\s*2018\s*年(?:机构改革)?(?:以后|后)?\s*)*"
BECAME_AGENCY_RE = compile_later(rf"{_N}{_WHEN}(?:被)?(?:并入|划入|合并到|合并进|合并入|改为|改成|改名为|更名为|改称|变成|成为|归入|纳入|划归"
                              rf"|归属|隶属于?|并到)了?{_N}"
                              # "国家知识产权局现在是不是归国家市场监督管理总局管理？"
                              rf"|{_N}{_WHEN}(?:归|由|在){_N}(?:管理|领导|主管|代管)")
MERGED_WORD_RE = compile_later(r"并入|合并|吸收|并到|整合")
# ... or whether the two merged with each other ("银监会和保监会在2018年合并了吗？") ...
MERGED_AGENCIES_RE = compile_later(rf"{_N}(?:和|与|跟|同){_N}{_WHEN}(?:合并|合并成一个|合为一体|整合)")
# ... or whether the first took the second in ("市场监管总局是否吸收了工商总局？").
ABSORBED_AGENCY_RE = compile_later(rf"{_N}{_WHEN}(?:吸收|取代|接管|合并|整合|接替)了?{_N}")
SAME_PLAIN_RE = compile_later(r"(?:和|跟|与|同)[^？?，,]{0,12}(?:一样|相同)|是同一个吗")


def same_as(text: str) -> str | None:
    """What the question compares of the two tasks just asked about: "lead", "heading" or "part"."""
    if SAME_LEAD_RE.search(text):
        return "lead"
    place = SAME_PLACE_RE.search(text)
    if place is None:
        return None
    return "part" if (place.group("what") or place.group("what2")) in ("部分", "章") else "heading"


# A question about the notice itself: its date, who issued or signed it, the document it carries out.
# 通知对牵头部门的规定："排在第一位的是牵头部门吗？"、"牵头部门是怎么确定的？"、"怎么看哪个部门牵头？"
LEAD_RULE_RE = compile_later(r"(?:排在?|列在?)(?:第一|首位|最前)[^？?]{0,6}(?:是|为|就是)?牵头|第一个(?:部门)?(?:是|为|就是)?牵头"
                          r"|牵头(?:部门|单位)?[^？?]{0,4}(?:怎么|如何)(?:确定|规定|定|判断|看)|(?:怎么|如何)(?:知道|看|判断|确定)"
                          r"(?:哪个|谁|哪一个)(?:部门|单位)?(?:是)?牵头")
ABOUT_NOTICE_RE = compile_later(r"(?:通知|文件|这份分工|本分工)[^？?]{0,12}(?:哪天|何时|什么时候|哪一天|哪年|日期|落款|发文|印发|发布|"
                             r"签发|文号)|(?:谁|哪个(?:部门|机构))[^？?]{0,6}(?:印发|发布|签发|下发)[^？?]{0,6}(?:通知|文件)"
                             r"|(?:落实|贯彻)(?:的)?(?:是)?哪(?:个|份)文件|(?:落实|贯彻)[^？?]{0,16}(?:文件|意见)"
                             r"|国发\s*[〔\[(（]\s*2015\s*[〕\])）]\s*71\s*号")

# --- details the notice never gives -----------------------------------------------------------------
# The labels are the English parser's, so a query reads the same in either language; compose_zh says them in Chinese.
UNSTATED_DETAILS: tuple[tuple[str, re.Pattern], ...] = (
    ("a deadline or date", compile_later(r"什么时候|何时|哪年|哪一年|几月|期限|截止|时限|时间表|时间节点|完成时间|多久|多长时间|进度安排|最后期限"
                                      r"|限期|年底前|之前完成")),
    ("a budget or amount of money", compile_later(r"预算|经费|多少钱|规模|多大|拨款|拨多少|投入多少|多少资金|金额|规模多大|多大规模|几亿|多少亿|多少万")),
    ("the people responsible by name", compile_later(r"负责人|联系人|哪位(?:领导|官员|负责人)?|谁具体|具体是谁|姓名|名字叫|哪个人|官员|部长是谁|局长是谁"
                                                  r"|领导是谁|谁是(?:具体)?(?:负责人|主管)")),
    ("places", compile_later(r"哪些(?:产业|工业|科技|高新|经济|试点|开发)?(?:城市|省份|省|地方|地区|国家|市场|园区)|哪(?:几|些)个国家|哪个(?:城市|省|地方)"
                          r"|多少个?(?:国家|城市|省份|地区|园区)|几个(?:国家|城市|省份|地区|园区)|在哪(?:里|儿)?(?:试点|开展|设立|建设|举办)|试点(?:城市|地区)"
                          r"|哪些地方|(?:设|建|放|位于|落户)(?:在)?哪(?:里|儿|个城市|个地方)")),  # "知识产权智库设在哪里？"
    ("the industries or sectors by name", compile_later(r"(?:哪些|什么|哪几个)(?:产业|行业)(?:在|列入|纳入|进入)"
                                                    r"|(?:目录|名录|清单)(?:里|中|上)?(?:包括|有|列了|列入了)(?:哪些|什么)")),
    ("figures or results", compile_later(r"多少(?:件|起|个案件|案件|人|家企业|企业|专利|商标|次|个网点|个人|名)|统计数据|数据是多少|进展|完成了吗|完成得|效果|成效"
                                      r"|百分之多少|百分比|多少个百分点|降低多少|减少多少|降多少|几成|培训多少|新增多少"
                                      r"|成果如何|实施情况|落实情况|去年")),
    ("a rate or ratio", compile_later(r"(?:税率|利率|费率|比例|倍数|几倍|扣除比例|补贴标准|补助标准|标准)(?:上限|下限|要求)?(?:是)?(?:多少|几)")),
    ("penalties or amounts", compile_later(r"罚款(?:是)?多少|赔偿(?:上限|额)?(?:是)?多少|最高(?:罚|赔)|具体(?:数额|金额)|上限是多少")),
)

# Phrases that say what is asked, not what about; cut out before the rest is segmented into the topic.
ASKING_PHRASES_RE = compile_later(
    r"请问|麻烦(?:你)?|帮我|告诉我|我想知道|想知道|想问(?:一下)?|问一下|查一下|看一下|看看|一下"
    r"|(?:这份|该|本|这个|整个)?(?:通知|分工方案|方案|重点任务分工|任务分工)(?:中|里|里面|上|当中)?|(?:文件|原文)(?:中|里)"
    r"|第几(?:项|个|条)?(?:任务)?|重点任务"
    r"|由谁|是谁|找谁|归谁|谁|哪(?:个|些|一个|一些|几个|家|几家|一)?\s*(?:部门|单位|机构|部委|机关|组织)|什么(?:部门|单位|机构)"
    r"|(?:哪|什么|几)(?:个|一)?\s*(?:部分|小标题|标题)"
    r"|讲(?:的|了)?(?:是)?(?:什么|啥)|说(?:的|了)?(?:是)?(?:什么|啥)|(?:什么|啥)内容|内容(?:是)?(?:什么|啥)|是什么|是啥|什么意思"
    r"|牵头(?:单位|部门)?|负责(?:单位|部门)?|参与(?:单位|部门)?|参加|配合|协助|主导|领头|带头|主管|分管|承担|负总责|主责"
    r"|(?:的)?任务(?:是)?|有哪些|哪些|哪几|哪个|哪项|哪条|什么|啥|怎么|如何|是否|是不是|有没有|对不对|对吗|对吧|吗|呢|吧|啊|呀"
    r"|来说明|用来说明|对应|引用")
# Words with no topic of their own, dropped from the segmented rest.
STOP_WORDS = frozenset(
    "的 了 是 在 有 由 对 把 被 给 让 为 和 与 及 跟 同 或 或者 以及 并且 还 还有 另外 也 又 就 才 只 仅 都 均 所 这 那 其 它 该 此 这个 "
    "那个 这项 那项 该项 此项 这些 那些 它们 我们 我 你 您 他们 要 会 能 可以 应该 需要 做 搞 抓 干 管 项 条 号 个 第 任务 工作 事 事情 "
    "事项 重点 方案 第几 归 还是 原 方面 相关 有关 关于 问题 具体 主要 其他 其余 分别 各自 单独 唯一 一个 一项 一共 总共 共 多少 几 最 最多 最少 下面 下 里面 中 上 "
    "之 内 部分 小标题 标题 一下 请 那么 那 么 呢 吗 吧 啊 呀 哦 嗯 如何 怎么 怎样 为什么 哪里 哪儿 这里 是不是 是否 一些 一起 共同 同时 "
    "现在 目前 今天 当时 但 但是 却 而 不 没有 没 未 并 呢 负责 牵头 参与 通知 文件 国务院 列出 列 出来 告诉 说 讲 请问 内容 原文 "
    "接下来 之后 之前 前面 后面 前 后 下一个 上一个 最后 第一 首个 涉及 包括 包含 涵盖 覆盖 属于 位于 列入 名单 清单 提到 出现 来 去 "
    "把 将 对于 关于 给出 写 说明 什么样 哪 哪些 哪个 哪项 部门 单位 机构 部委 机关 谁 多 少 对 错 正确 准确 属实 真的 呢 么".split())

# "第二项" with no "任务" after it: after a list, an item of the list ("第二项谁牵头？" after tasks 93 and 94).
LIST_ITEM_RE = compile_later(r"第\s*[一二三四五六七八九十\d]+\s*(?:项|个|条)(?!\s*任务)")
# A role said right after an agency left out ("……但知识产权局不参与"): it, not the words before, decides the role.
ROLE_SAID_RE = compile_later(r"牵头|参与|参加")
# Words right after one agency that give it its own role when a question names two: "国家知识产权局参与、而商务部是牵头
# 单位的任务" (SIPO takes part, MOFCOM leads).
OWN_LEAD_AFTER_RE = compile_later(r"\s*(?:是|为|作为|担任)?(?:共同)?(?:牵头|主导|领衔|带头)")
OWN_PART_AFTER_RE = compile_later(r"\s*(?:也|还|同时|都)?(?:参与|参加|在列|列名|有份|配合)")
