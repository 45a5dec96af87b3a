"""Every word a question uses to say what it asks, defined once.

The notice's own things (tasks, parts, headings, agencies) are found in
`assistant.notice.mentions`; this module holds the rest: roles, operators,
positions, aggregates, the fields asked for, details the notice never gives,
and the signs of questions it does not answer. The parser combines them.
"""

from __future__ import annotations

import re

from assistant.patterns import compile_later
from assistant.answer.query import Compare

I = re.IGNORECASE

# --- questions the notice does not answer ---------------------------------------------------------
# Instructions aimed at the assistant. "Does the notice say that ..." and "Just answer with the agency name"
# are ordinary questions, not injections.
INJECTION_RE = compile_later(
    r"\b(?:ignore|disregard|forget|override)\b.{0,60}\b(?:instructions?|rules|prompt|everything (?:above|before))\b"
    r"|\bignore (?:the|all|any|previous|prior|above)\b.{0,30}\b(?:notice|context|above)\b"
    r"|\byou are now\b|\bpretend (?:to be|you)\b|\bsystem prompt\b|\bact as\b|\bjailbreak\b|\bdeveloper mode\b"
    r"|\b(?:just|simply|only) (?:say|reply|respond|answer) (?:that|yes|no)\b", I)
ADVERT_RE = compile_later(r"weighted|blanket|hangfu|brocade|erudite|bedding", I)
# Another year is another document ("the 2021 plan"), unless it is a deadline a claim gives ("... by 2020"): that is
# a detail the notice does not give, checked against the task.
OTHER_DOCUMENT_RE = compile_later(
    r"(?<!\bby\s)(?<!\bbefore\s)(?<!\buntil\s)(?<!\bend\sof\s)(?<!\bdeadline\sof\s)"
    r"\b(?:19\d\d|20(?:0\d|1[0-4]|1[7-9]|[2-9]\d))\b|\bother (?:notice|document|plan)|\banother (?:notice|document|plan)", I)
OUR_YEARS_RE = compile_later(r"\b(?:2015|2016|2018)\b")
NAMED_DOCUMENT_RE = compile_later(r"five-year plan|\boutline\b|\bpatent law\b|\btrademark law\b", I)
SAYS_RE = compile_later(r"\b(?:say|says|said|state|states|stated|contain|contains|require|requires|provide|provides)\b", I)
# Procedures and other countries' offices: the notice divides tasks among Chinese agencies, nothing more.
OUT_OF_SCOPE_RE = compile_later(
    r"\bhow (?:do|can|should|would) (?:i|we|you) (?:file|apply|register|submit|get|obtain|renew)\b|\bUSPTO\b"
    r"|\bU\.?S\.? Patent\b|\bUnited States\b|\bEuropean Patent Office\b|\bEUIPO\b|\bJapan Patent Office\b", I)
# Words that tie a question to intellectual property or to the notice itself (refusal bars, answer/tuning.py).
TOPIC_WORDS_RE = compile_later(
    r"intellectual|\bip\b|\bipr|patent|trademark|copyright|\bbrand|licens(?:ing|ees?|ors?)\b|infring|counterfeit|"
    r"\bfakes?\b|knock(?:s|ed|ing)?[- ]?offs?\b|\bcopy-?cats?\b|rip(?:ped|s)?[- ]?offs?\b|\bbootleg|pira(?:cy|ted)|"
    r"\b(?:industrial )?designs?\b|geographical indication|plant variet|trade secret|know-how|invent|royalt|"
    r"\bnotice\b|\btasks?\b|\bitems?\b", I)
# Names shaped like an agency's that the registry does not know ("the Ministry of Magic").
AGENCY_SHAPE_RE = compile_later(
    r"\b(?:the\s+)?(?:(?:Ministry|Bureau|Office|Department|Commission|Administration|Agency)\s+(?:of|for)\s+"
    r"(?:the\s+)?[A-Z][\w'-]*(?:\s+(?:and\s+)?[A-Z][\w'-]*)*"
    r"|(?:[A-Z][\w'-]*\s+){1,3}(?:Ministry|Bureau|Agency|Commission|Administration)"
    # an acronym before a body word: "the NLG office", "the XYZ bureau"
    r"|[A-Z]{2,6}\s+(?:[Oo]ffice|[Bb]ureau|[Aa]gency|[Cc]ommission|[Aa]dministration|[Mm]inistry))\b")

# --- roles and operators ----------------------------------------------------------------------------
LEAD_RE = compile_later(
    r"\blead(?:s|ing|er|ed)?\b|\bled\b|\bin charge\b|\bheads?\b|\bhead(?:s|ed|ing)? up\b|\bheaded\b|\bprimary\b"
    r"|\bmain (?:agency|department|body|responsib\w*)|\bprincipal\b|\bfirst[- ]listed\b|\blisted first\b"
    # "owns" the work, not "on its own" (alone: the only agency, SOLE_RE)
    r"|\bin the lead\b|\bspearhead\w*|\bruns?\b|\brunning\b|(?<!its )(?<!their )(?<!our )\bowns?\b|\bchampion\w*", I)
PARTICIPANT_RE = compile_later(
    r"\bwho else\b|\bothers?\b(?!\s+(?:tasks?|ones?|items?|parts?|headings?|than))|\btakes? part\b|\btaking part\b|\btook part\b|\binvolved\b|\binvolv\w*|\bparticipa(?:t|nt)\w*"
    # "cooperating agencies", not "the IP cooperation task": the verb, not the subject
    r"|\bjoins?\b|\bco-?operat(?:e|es|ed|ing)\b|\bwork(?:s|ing)? on\b|\ball (?:the )?(?:agencies|departments|bodies)\b|\bsupport(?:ing|s)?\b"
    r"|\bbesides\b(?!\s+(?:tasks?\s*)?\d)|\balongside\b|\bas well\b|\bpartners?\b|\bhelps?\b|\bassist(?:s|ed|ing)?\b|\bcontribut(?:e|es|ed|ing)\b|\bon (?:the )?list\b"
    r"|\bnamed\b|\blisted\b(?![- ]compan)|\bappear\w*|\bshow(?:s)? up\b|\bhave a (?:hand|role|part)\b", I)
SOLE_RE = compile_later(r"\b(?:only|sole|solely|alone|by (?:it|them)sel(?:f|ves)|on (?:its|their) own|single-handed\w*"
                     r"|exclusively|no other (?:agency|department|body|agencies|departments|bodies)"
                     r"|(?:and\s+)?(?:nobody|no one|no-one|none) else|and no others?)\b", I)
BOTH_RE = compile_later(r"\bboth\b|\btogether\b|\bin common\b|\bshared? (?:by|between)\b|\beach (?:of|appear)\b"
                     r"|\b(?:all|every one) of (?:them|these)\b|\bas well as\b|\balongside\b|\band also\b", I)
EITHER_RE = compile_later(r"\beither\b|\bor\b", I)
# Every agency named is an alternative: "which tasks did any of those three lead?", "any one of them".
ANY_OF_RE = compile_later(r"\bany (?:one )?of (?:those|these|them|the(?: \w+)?)\b|\bat least one of\b", I)
# Where an agency follows these, it is taken out of the set ("X but not Y", "without Y", "Y isn't on").
EXCLUDE_BEFORE_RE = compile_later(
    r"(?:\bbut not\b|\band not\b|\bnot\b|\bwithout\b|\bexcept(?: for)?\b|\bexcluding\b|\bapart from\b|\bminus\b"
    r"|\bother than\b|\bno\b|\brather than\b|\bbut never\b"
    r"|(?:n't|\bnot)\s+(?:\w+\s+){1,2}?(?=by\b))\s*(?:the\s+|by\s+(?:the\s+)?|involving\s+(?:the\s+)?)?$", I)
# A list narrowed by dropping an agency's tasks: "drop the ones led by SIPO", "remove those SIPO leads", "all except
# those involving MOFCOM", "filter out any tasks headed by the NDRC".
DROP_BEFORE_RE = compile_later(
    r"\b(?:drop|remove|exclude|excluding|leave out|take out|cut out|filter out|get rid of|discard|minus|except(?: for)?"
    r"|other than|apart from|but not)\s+(?:all\s+|any\s+)?(?:of\s+)?(?:the ones?|those|these|them|tasks?|items?)?\s*"
    r"(?:(?:that|which)\s+(?:are\s+|were\s+)?|where\s+)?(?:(?:led|headed|run|chaired|handled)\s+by|involving|with|naming"
    r"|listing|including)?\s*(?:the\s+)?$", I)
DROP_LED_RE = compile_later(r"\b(?:led|headed|run|chaired|handled)\s+by\s+(?:the\s+)?$", I)
EXCLUDE_AFTER_RE = compile_later(r"^\W*(?:is|are|was)?\s*(?:not|n't|never|absent|missing|left out)\b"
                              # "tasks with SIPO not in part 1": the part is left out, not SIPO
                              r"(?!\s+(?:in|from|within|under)\s+(?:the\s+)?(?:parts?|pts?\.?|headings?|sections?)\b)|^\s*(?:isn't|is not|"
                              r"aren't|doesn't|does not|don't)\b|^\s*(?:sits?|stays?) out\b|^\s*(?:has|have) no (?:part|role)\b", I)
# Words right before an agency that leave it out wherever it stands: "tasks without SAIC", "all tasks except SIPO's".
WITHOUT_BEFORE_RE = compile_later(r"(?:\bw/o|\b(?:without(?: any)?|except(?: for)?|excluding|other than|apart from|minus|not involving|"
                               r"(?:(?:that |which )?(?:are |is )?not|(?:that |which )?(?:aren't|isn't)) (?:led|headed|run|chaired) by|"
                               r"(?:that |which )?(?:don't|do not|doesn't|does not) (?:involve|include|name|list|have)|"
                               r"leaves? out|excludes?|lacks?|lacking|free of(?: any)?|with no|(?:have|has|having) no|absent"
                               # "Which part 3 tasks isn't SAIC on?", "which tasks doesn't SIPO lead?": the negative
                               # before the agency of an inverted question
                               r"|(?:isn't|aren't|doesn't|don't|didn't|wasn't|is not|are not|does not|do not|did not)"
                               # "other than the ones SIPO leads", "except those led by SIPO"
                               r"|(?:other than|except(?: for)?|excluding|but not|apart from|aside from)\s+(?:the ones?|"
                               r"those|the tasks?)(?:\s+(?:that|which))?(?:\s+(?:are|is))?(?:\s+(?:led|headed|run) by)?))"
                               r"\s+(?:the\s+)?$", I)
# "neither X nor Y", "not led by either X or Y": every agency of the alternatives is left out.
NEITHER_RE = compile_later(r"\bneither\b|\bnot\s+(?:\w+\s+){0,2}?(?:by\s+)?either\b|\bn't\s+(?:\w+\s+){0,2}?(?:by\s+)?either\b", I)
# "led by someone other than Y": the lead is not Y (Y may still take part).
LED_BY_OTHER_RE = compile_later(r"\b(?:led|headed|run) by (?:someone|somebody|anyone|anybody|an agency|a body|another agency|an?"
                             r" (?:department|ministry)|(?:the\s+)?(?:agencies|departments|bodies|ministries|others))"
                             r"\s+(?:other than|besides|but|except)\s+(?:the\s+)?$", I)
# A question that asks for tasks: "Which tasks does ...", "list the tasks ...", "tasks without SAIC".
TASKS_ASKED_RE = compile_later(
    # "Which of the Part III tasks ...", "Of the part 3 tasks, which ...": a scope's tasks asked for
    r"\b(?:which|what)\s+of\s+(?:the|those|these)\s+(?:[\w-]+\s+){0,3}?(?:tasks|items)\b"
    r"|^\W*(?:of|among|from)\s+(?:the|those|these)\s+(?:[\w-]+\s+){0,3}?(?:tasks|items)\b\s*,?\s*(?:which|what)\b|"
    r"(?:^|[,:;]\s*)(?:(?:which|what|list|show(?: me)?|give me|name|any)\s+(?:all\s+)?(?:the\s+)?"
                            r"(?:[\w-]+\s+){0,2}?(?:tasks?|items?)\b|(?:all\s+)?(?:the\s+)?tasks\b|in which tasks?\b"
                            r"|on which tasks?\b)"
                            # "part 4 tasks that don't involve SIPO", "Part IV tasks without SAIC": a scope, then tasks
                            r"|^\s*(?!(?:who|whom|which|what|how|does|do|is|are|did)\b)(?:[\w().-]+\s+){1,3}?tasks\b"
                            # "which one(s) doesn't involve SIPO, among tasks 87-92?": the scope said after
                            r"|^\W*which ones?\b.*\b(?:among|of|from|in)\s+(?:the\s+)?tasks\b", I)
# "takes part in but does not lead": one agency, member without the lead.
MEMBER_RE = compile_later(
    # (room for an agency's full name between: "involve the National Leading Group Office for ... but are not led")
    r"(?:take|takes|taking|involved?|involves|involving|participa(?:t|nt)\w*|part|join\w*|support\w*|on)\b.{0,100}?\b(?:but|yet|while|and)\s+"
    r"(?:does not|doesn't|do not|don't|not|never|isn't|is not|are not|aren't|without)\s+(?:lead|leading|(?:the|a) lead|in charge"
    r"|head|led by)"
    # "involve SIPO but are led by someone else"
    r"|\b(?:but|yet|while)\s+(?:are|is)\s+(?:led|headed|run)\s+by\s+(?:someone|somebody|others?|another (?:agency|body)"
    r"|other agencies)\b"
    r"|\bnot (?:as|the|a) lead\b|\bwithout (?:leading|being (?:the )?lead)\b|\bnon-?lead\b|\bsupporting (?:role|agency)\b"
    r"|\b(?:takes?|taking) part\b.{0,20}\bbut (?:someone|somebody|another (?:agency|body|department)|others?) (?:else )?leads?\b"
    r"|\b(?:does not|doesn't|do not|don't|not)\s+lead\b.{0,40}\b(?:but|yet)\b.{0,30}\b(?:take|takes|involved|part|"
    r"participat\w*|on)\b|\b(?:only|just|merely) (?:as )?(?:an? )?(?:participant|member|supporter|partner|helper)\b"
    r"|\b(?:only|just|merely) (?:takes? part|taking part|participat\w*|supports?|supporting|helps?|assists?|involved|"
    r"listed|named|a member)\b", I)
# A follow-up asking for tasks in a role: "the ones where ...", "which does it ...", "how many is it on ...".
TASKS_OF_ROLE_RE = compile_later(r"\bones\b|\btasks?\b|\bitems?\b|\bwhich\b|\bwhat\b|\bhow many\b|\bwhere\b", I)
# "it", "they", "that agency": the agency of the last answer, as the subject of a follow-up ("the ones where it's only
# a participant").
AGENCY_PRONOUN_RE = compile_later(r"\b(?:it|it's|it’s|they|they're|they’re)\b|\bthat (?:agency|body|department)\b", I)
# A tag at the end ("..., isn't it?") asks for confirmation; it does not negate the claim.
TAG_QUESTION_RE = compile_later(r",?\s*(?:isn't it|aren't they|doesn't it|don't they|didn't it|is it not|does it not|"
                             r"wasn't it|no|(?:(?:is (?:it|that|this) )?(?:true|right|correct|accurate|so) )?or not"
                             r"|(?:true|right|correct) or (?:false|wrong))\s*[?.!]*\s*$", I)
NEGATION_RE = compile_later(r"\b(?:not|never|no longer|nowhere)\b|n['’]t\b|\b(?:is it|it is|it's) (?:false|untrue|wrong) that\b|\b(?:has|have|had|plays?|with) no (?:role|part|"
                         r"place|involvement|responsibility)\b|\babsent from\b|\bleft off\b", I)
# A question that opens with a negative auxiliary ("Isn't SAIC the lead?") expects "yes"; it is not a negated claim.
LEADING_NEGATIVE_RE = compile_later(r"^\s*(?:isn't|doesn't|didn't|aren't|wasn't|don't|is it not|does it not)\b", I)

# --- what is asked ----------------------------------------------------------------------------------
WHO_RE = compile_later(
    r"\bwho\b|\bwhom\b|\bwhich (?:agenc\w*|department\w*|bod(?:y|ies)|ministr\w*|office\w*|organ\w*|authorit\w*"
    r"|institution\w*|government bod\w*|one)\b|\bwhat (?:agenc\w*|department\w*|bod(?:y|ies)|ministr\w*|office\w*"
    r"|organ\w*|authorit\w*)\b|\bresponsible\b|\bin charge\b|\blead(?:s)?\s*(?:for|of|on)?\s*(?:tasks?|items?)?\s*\d", I)
TEXT_RE = compile_later(
    r"\bwhat (?:does|did|do)\b.*\b(?:say|says|require|ask|cover|mean|involve|entail|want)\b|\bwhat(?:'s| is| was| are)\b.*"
    r"\babout\b|\btell me about\b|\bdescribe\b|\bexplain\b|\btext\b|\bwording\b|\bquote\b|\bsummar\w+|\bcontent\b"
    r"|\bwhat (?:is|'s) (?:in )?task\b|\bshow (?:me )?(?:task|it)\b|\bread\b|\bdetails?\b|\bmore\b|\bsay\b|\bsays\b"
    r"|\bwhat (?:is|'s|are) (?:it|they|that|this)\b|\bwhat (?:is|are) (?:tasks?|items?) \d"
    # the names a task's own words give: "Which treaties does task 87 mention?"
    r"|\bwhich (?:\w+ )?(?:treaties|conventions|agreements|declarations|organi[sz]ations|programmes|programs)\b", I)
# Who convenes or chairs a body a task sets up: the task's own words say it, not its list of agencies.
CONVENER_RE = compile_later(r"\bconven\w*|\bchairs?\b|\bchaired\b|\bchairing\b|\bpresides?\b", I)
# The part or heading of the task just discussed: "the first task under that heading?", "how many tasks are in
# that part?", "what else is under the same heading?".
SAME_SCOPE_RE = compile_later(r"\b(?:that|this|the same|its|the task's)\s+(?:part|(?:sub-?)?heading|section|chapter)\b", I)
# A count of "it" just after the answer named where a task sits: "how many tasks does it have?", "how many are there?"
COUNT_OF_IT_RE = compile_later(r"\bhow many (?:tasks|items)?\s*(?:does|do|are|is)?\s*(?:it|that|there)\b", I)
WHERE_RE = compile_later(r"\bwhich (?:part|heading|section|chapter)\b|\bwhere (?:is|are|does|do|in the notice|can i find)\b"
                      r"|\bunder which\b|\bin which (?:part|heading|section)\b|\bwhat (?:part|heading|section)\b", I)
TASKS_WORD_RE = compile_later(r"\btasks\b|\blist\b|\bevery (?:single )?(?:task|item)\b|\ball (?:the )?(?:tasks|items|things)\b|\bwhich ones\b|\bwhat tasks\b"
                           r"|\bwhich (?:task|item)s?\b|\bwhat items\b|\bportfolio\b|\bresponsibilit\w+\b|\bduties\b"
                           # "jobs" of an agency, not the jobs staff change ("when staff change jobs")
                           r"|(?<!change )(?<!changes )(?<!changing )(?<!switch )(?<!switching )(?<!between )\bjobs\b", I)
# One task named by its subject: "Does the NFGA have a role in the task on plant varieties?", "... in the trade
# secrets task?": a claim about that task, not a question about the agency's tasks (AGENCY_TASKS_RE).
ONE_TASK_BY_SUBJECT_RE = compile_later(r"\b(?:in|on|for|with|to)\s+the\s+(?:[\w'’-]+\s+){0,6}?(?:task|item)\b(?!s)", I)
AGENCY_TASKS_RE = compile_later(
    r"\bwhat (?:does|do|did|is|are|should|must|else does)\b.*\b(?:lead|do|handle|responsible for|in charge of|involved in|"
    r"take part in|work on|charged with|tasked with|own|run)\b|\bwhat (?:are|is) (?:the )?.*(?:'s|s') (?:tasks|duties|"
    r"responsibilities|jobs|role)\b|\b(?:assigned|given|has|have|get|gets|got)\s+(?:anything|any (?:tasks?|work|role)|a role|"
    r"something|work)\b"
    # "what is the forestry bureau doing?", "what's on SAIC's plate?", "the tasks for which X bears responsibility"
    r"|\bwhat(?:'s| is| are)\b.{1,80}?\b(?:doing|up to|working on)\s*[?.!]*\s*$|\bon\b.{1,80}?(?:'s|s')\s+plate\b"
    r"|\b(?:bears?|carr(?:y|ies)|has|have|holds?)\s+(?:the\s+)?responsibilit(?:y|ies)\b", I)
COUNT_RE = compile_later(r"\bhow many\b|\b(?:total |the )?number of (?:tasks|agencies|departments|bodies|ministries|parts"
                      r"|headings|sub-?headings|items|sections)\b|^\s*count\b|\bcount (?:the|all|up|of)\b|\bhow much of\b", I)
# What a count can be of: "How many people live in China?" is not a question about the notice.
COUNTABLE_RE = compile_later(r"\btasks?\b|\bitems?\b|agenc|department|ministr|\bbod(?:y|ies)\b|\bparts?\b|heading|section"
                          r"|\bleads?\b|\bnotice\b|\bones\b", I)
# "who decides how many foreign films can be imported?": a count of something the notice does not count (a plural
# noun of everyday words right after "how many", before anything countable) is a subject, not a count of agencies.
COUNT_OF_OTHER_RE = compile_later(r"\bhow many\s+(?:[a-z]+\s+)?(?P<noun>[a-z]{3,}s|people|children|(?:wo)?men)\b")
AGENCY_NOUN_RE = compile_later(r"\bagenc|\bdepartment|\bbod(?:y|ies)\b|\bministr|\borgani[sz]ations?\b|\bauthorit|\boffices\b"
                            r"|\bwho\b", I)
# "And (3)?" just after a heading: a heading asked by the notice's own bracketed number, nothing else said.
BARE_HEADING_RE = compile_later(r"^\W*(?:and|so|then|now)?\s*(?:what\s+about|how\s+about)?\s*(?:the\s+)?\(\s*\d{1,2}\s*\)\s*[?.!]*\s*$", I)
HEADING_WORD_RE = compile_later(r"\b(?:sub-?)?headings?\b|\b(?:sub-?)?sections?\b|\bcategor(?:y|ies)\b", I)
PART_WORD_RE = compile_later(r"\bparts?\b|\bchapters?\b", I)
OVERVIEW_RE = compile_later(r"\bcover\w*\b|\bunder\b|\bin (?:part|heading|section)\b|\bwhat(?:'s| is| are)\b|\bwhich tasks\b"
                         r"|\blist\b|\bshow\b|\bcontain\w*\b|\binclude\w*\b|\babout\b|\btasks\b|\bsit\b|\bfall\b", I)

# --- aggregates ---------------------------------------------------------------------------------------
# "most" as a ranking, not as an adverb ("depend most heavily") or in "top executives".
MOST_RE = compile_later(r"\bthe most\b|\b(?:largest|biggest)\b[^?]{0,40}\bby (?:agency count|(?:the )?number of agencies)\b|\btop (?:\d+ |three |five |ten )?(?:agencies|departments|bodies|ministries)\b|"
                     r"\brank(?:ing)? (?:the )?(?:agencies|departments|bodies|ministries)\b|\bmost (?:tasks|often|frequently|agencies|bodies|departments|leads?|lead roles|work"
                     r"|items|involved|named|listed)\b|\b(?:largest|biggest|highest|greatest) (?:number|count|share|list)\b"
                     r"|\bmore than any\b|\bbusiest\b|\blongest (?:list|agency list)\b|\b(?:second|third|fourth|fifth|2nd|3rd|4th|5th)[- ]longest\b|\bmaximum number\b"
                     r"|\b(?:leads?|involved in|named in|appears? in|takes? part in) the most\b|\btop (?:agency|lead)\b"
                     r"|\b(?:second|third|fourth|fifth|2nd|3rd|4th|5th)[- ]most\b|\btop (?:\d+|three|five|ten)\b|\brank (?:the )?agencies\b"
                     r"|\branking of (?:the )?agencies\b"
                     # "who leads most?", "which agency appears most?": the verb, then "most" at the end
                     r"|\b(?:leads?|heads?|appears?|features?|shows? up|takes? part|is involved)\s+most\s*[?.!]*\s*$", I)
# "the second-most", "third most": a place in a ranking other than the first.
# A ranking asked as a list: "rank agencies by ...", "top agencies in part 2", "give me the top 5".
RANKING_ASKED_RE = compile_later(r"\btop (?:agencies|departments|bodies|ministries)\b|\brank(?:ing|ed)?\b|\bleague table\b"
                              r"|\btop[- ]\d+\b", I)
TOP_N_RE = compile_later(r"\btop[- ](?P<n>\d+|three|five|ten|twenty)\b", I)
# A place in a ranking said without "most": "who comes second in number of tasks led?", "ranks third by tasks".
PLACE_BY_COUNT_RE = compile_later(r"\b(?:(?:comes?|coming|is|ranks?|ranked|places?|placed|sits?|finish(?:es)?)\s+(?:the\s+)?"
                               r"(?P<place>second|third|fourth|fifth|2nd|3rd|4th|5th)|(?P<runner>runner[- ]up))\b"
                               # not "Is the second one an each-responsibility task?": an item of the last list
                               r"(?!\s+(?:one|task|item|entry)s?\b)"
                               r"(?=[^?]{0,120}\b(?:tasks?|leads?|appearances|agencies|number)\b)", I)
# "..., and how many such headings are there?": a count of what the question before it found, said there already.
COUNT_OF_SUCH_RE = compile_later(r"\bhow many (?:such|of (?:those|these|them))\b|\bhow many (?:are there|is that)\s*[?.!]*\s*$", I)
# A ranking asked for whole: "rank the parts by number of tasks", "parts ordered by size", "sort the headings by tasks".
RANKED_BY_RE = compile_later(r"\b(?:rank|order|sort|list)\s+(?:all\s+)?(?:the\s+)?(?:parts|headings|sub-?headings|sections)\s+by\b"
                          r"|\b(?:parts|headings|sub-?headings|sections)\s+(?:ranked|ordered|sorted)\s+by\b", I)
PLACE_IN_RANK_RE = compile_later(r"\b(second|third|fourth|fifth|2nd|3rd|4th|5th)[- ](?:most|busiest|largest|biggest|highest|longest"
                                 r"|greatest)\b", I)
FEWEST_RE = compile_later(r"\bthe fewest\b|\bfewest\b|\bthe least\b(?! developed)|\bleast (?:tasks|often|frequently|number"
                       r"|agencies)\b|\b(?:smallest|lowest|minimum) (?:number|count|list)\b|\bshortest (?:list|agency list)\b", I)
# "named in exactly two tasks", "appear twice": a number of tasks other than one.
EXACTLY_N_RE = compile_later(r"\b(?:exactly|just|only|precisely)\s+(two|three|four|five|six|seven|eight|nine|ten|\d+)\s+tasks?\b"
                          r"|\b(twice)\b|\b(?:in|on)\s+(two|three|four|five|\d+)\s+tasks?\s+(?:each|apiece|only)\b", I)
# What an agency is today: "what is it called today", "which ministry took it over", "does it still exist",
# "where does that agency sit now".
TODAY_RE = compile_later(
    r"\b(?:called|named|known as)\s+(?:today|now|nowadays)\b|\b(?:today'?s|current|present(?:-day)?|new)\s+name\b"
    r"|\btook (?:it|them|that|this|those)?\s*over\b|\btakes? (?:it|them) over\b|\btaken over\b|\bstill exists?\b|\bsurviv(?:e|es|ed)\b"
    r"|\bstill around\b|\bstill in existence\b|\bstill (?:called|named|known as)\b|\bwhat (?:has )?bec(?:ame|ome) of\b|\bsits? now\b|\b(?:is|are) (?:it|they|that|this) now\b|\bbelongs? now\b"
    r"|\bwhere (?:is|does|do|are) (?:it|they|that|this|those|the)\b.{0,25}\b(?:now|today)\b|\bwhat happened to\b"
    r"|\bsuccessors?\b|\bwhat (?:did|does|has) (?:it|they|that \w+) become\b"
    # "What did the Central Comprehensive Management Office become?", "Who hosts the NLGO today?", "Where did its
    # duties go?", "Was the CCMO abolished?"
    r"|^\W*what\s+(?:did|has|have)\s+[^?]{2,90}?\s+become\b|\bwho\s+(?:hosts|houses|runs|took\s+in)\b[^?]{1,80}?\b(?:today|now)\b"
    r"|^\W*(?:where|who|which\s+(?:agency|body|ministry|department|office))\b[^?]{0,120}?\b(?:duties|functions|"
    r"responsibilities|work)\b[^?]{0,30}?\b(?:go|went|goes|transferred|passed|moved)\b"
    r"|^\W*(?:was|were|has|have|did)\b[^?]{1,90}?\b(?:abolished|dissolved|disbanded|scrapped|shut\s+down|abolish|dissolve)"
    r"(?:\s+(?:in|after|during)\s+(?:the\s+)?2018(?:\s+reorgani[sz]ation)?)?\s*[?.!]*\s*$"
    # "where did that agency end up after the 2018 reorganisation?", "where has it landed?"
    r"|\bwhere (?:did|does|do|has|have)\b[^?]{1,160}?\b(?:end(?:ed)? up|land(?:ed)?)\b"
    # "Which agency replaced the Legislative Affairs Office?", "Where did the LAO go?", "replaced by whom?"
    r"|\b(?:which|what|who)\b(?:\s+\w+){0,2}\s+(?:replaced|succeeded|superseded|absorbed|took over from)\b"
    r"|\b(?:replaced|succeeded|superseded|absorbed|taken over)\s+by\s+(?:which|what|whom)\b"
    r"|\bwhere\s+did\b[^?]{1,80}?\bgo\b", I)
# Whether an agency was abolished outright ("Was the CCMO abolished?"): yes only for one whose fate says so, not for one
# merged into another or renamed.
ABOLISHED_ASKED_RE = compile_later(
    r"^\W*(?:so\s+|and\s+|but\s+)?(?:did|was|were|has|have|is|are)\b[^?]*\b(?:abolish(?:ed)?|dissolve[ds]?|disband(?:ed)?|"
    r"scrapped|shut\s+down)\b", I)
# Whether agencies went on after 2018, asked as yes or no ("Did that agency survive the 2018 reorganisation?", "Does
# it still exist?", "Is the SFA still around?"): the answer opens with the verdict (Agency.survived).
SURVIVAL_ASKED_RE = compile_later(
    r"^\W*(?:so\s+|and\s+|but\s+)?(?:did|does|do|has|have|is|are|was|were)\b[^?]*\b(?:surviv\w*|still\s+(?:exists?|around|there|"
    r"in\s+existence|operating|going)|exists?\s+(?:today|now|any\s*more))\b", I)
# Every task the last answer listed, in a yes/no question about an agency: "Does the MoF appear in both?", "Is SIPO
# on all of them?", "does it lead each of those?"
OVER_LISTED_RE = compile_later(r"\bboth(?: of (?:them|those|these)| tasks| of those tasks| of these tasks)?\b"
                            r"|\ball (?:of )?(?:them|those|these)(?: tasks)?\b|\b(?:each|every one) of (?:them|those|these)"
                            r"(?: tasks)?\b|\bevery one\b", I)
# The agencies a statement just named, pointed back at: "Task 62 names SAIC and AQSIQ. What became of them?"
THEY_RE = compile_later(r"\b(?:they|them|it|both|those two|these two|either)\b", I)
# One agency asked of ("took it over", "is it now"), where the question named several: the first it named.
ONE_AGENCY_ASKED_RE = compile_later(r"\bit\b|\b(?:that|this) (?:one|office|agency|body|ministry|bureau)\b", I)
# Every agency of a task, asked of together: "the agencies on task 90", "its bodies", "all of its departments".
ALL_ITS_AGENCIES_RE = compile_later(r"\b(?:the|its|their|all(?: of)?(?: the| its)?|those|these) (?:agencies|bodies|"
                                 r"departments|ministries|offices|organi[sz]ations)\b", I)
# Words that say agencies were reorganised in 2018 ("merged into", "folded into", "predecessors of").
REORGANISED_RE = compile_later(r"\bmerged\b|\bfolded\b|\babsorbed\b|\babolished\b|\breorgani[sz]\w*|\brestructur\w*"
                            r"|\brenamed\b|\bpredecessors?\b|\bnow (?:make|makes) up\b|\bnow (?:part of|form|sit under)\b"
                            r"|\bbecame part of\b|\bno longer exists?\b|\bin 2018\b|\bsince 2018\b", I)
# "which of the agencies on task 90", "which of its listed bodies", "which agencies on task 51 are ...".
WHICH_OF_AGENCIES_RE = compile_later(r"\bwhich (?:of (?:the|its|their|task \d+'s) )?(?:\w+ )?(?:agencies|bodies|departments"
                                  r"|ministries|organi[sz]ations|offices|members)\b|\bwhich of (?:them|those|its)\b", I)
# "Which agencies appear in part 5?", "list the departments involved in heading (2) of part 4": agencies asked for.
# The agencies of two scopes meeting (answer/parser.py, `Combine`): "in part 5 but not in part 4", "on both task 30
# and task 31", "in either part 1 or part 6". "Parts 1 and 6" names two parts at once.
SCOPES_BUT_NOT_RE = compile_later(r"\b(?:but|and|yet)\s+(?:are\s+|is\s+|do\s+|does\s+)?not\b|\bbut\s+(?:never|none)\b|"
                               r"\b(?:that|which|who)\s+(?:don't|do not|doesn't|does not|never)\b|"
                               r"\b(?:have|has|had|play|plays)\s+no\b|"
                               r"\bneither\b|\bnor\b|"
                               r"\b(?:but|and|yet)\s+(?:don't|doesn't|aren't|isn't|do not|does not)\b|\bnever\b|"
                               r"\bnot\s+(?:also\s+)?(?:in|on|under|named|listed|appear\w*|involved)\b|\bexcept\b|"
                               r"\bexcluding\b|\bminus\b|\babsent from\b|\bmissing from\b|\brather than\b|"
                               r"\bwithout (?:being|appearing|showing up)\b|\bthat (?:aren't|are not|isn't|is not)\b|"
                               r"\b(?:but|and|yet)\s+nowhere\b|\b(?:but|and|yet)\s+(?:lead|leads|leading)\s+none\b", I)
# Every part at once: "which agencies appear in every one of the six parts?", "in all six parts", "in each part".
EVERY_PART_RE = compile_later(r"\b(?:in|across|under)\s+(?:every|each|all)(?: one)?(?: of)?(?: the)?(?: six| 6)? parts?\b", I)
SCOPES_BOTH_RE = compile_later(r"\bboth\b|\ball (?:two|three|four|five) of\b|\bevery one of\b|\balso\b|\bas well as\b|\bin common\b|\bcommon to\b|\bshared? (?:by|between)\b"
                            # "what agencies do tasks 24 and 32 share?", "which agency appears on every task from 40 to 44?"
                            r"|\b(?:do|does)\b[^?]{0,40}\bshare\b|\b(?:on|in) (?:every|each|all)\s+(?:of\s+)?(?:the\s+)?tasks?\b"
                            # "on each of tasks 5 to 7"; "who leads each of them?" asks each one's, not those in common
                            r"|\beach of\b(?!\s+(?:them|those|these|the two|the three)\b)|\boverlap|\bin (?:the )?two\b|\bintersect", I)
# What joins a heading to the part named after it: "heading (3) of part 3", "'IP trading platforms' (Part III)".
HEADING_OF_PART_RE = compile_later(r"[\s,(]*(?:of|in)?[\s(]*(?:the\s+)?", I)
# A bracket right after a part or task number restates it: "Part V (IP cooperation)", "tasks 45 and 46 (...)".
RESTATED_RE = compile_later(r"(?:\b(?:part|pt\.?|tasks?)\s+[\w ,&-]*?\b(?:\d+|[ivx]+))\s*$", I)
ONLY_HERE_RE = compile_later(r"\b(?:no|not (?:in )?any) other (?:part|heading|section)s?\b|\bnowhere else\b|\bexclusively\b|"
                          r"\bonly (?:appear\w*|show\w* up|(?:are |is )?(?:named|listed|found))?\s*(?:in|under)\b", I)
ONE_NOT_BOTH_RE = compile_later(r"\bone (?:of them |of the two )?but not (?:the other|both)\b|\bnot (?:in|on) both\b|"
                             r"\bbut not (?:on |in )?(?:both|the other)\b|\bexactly one of\b|"
                             r"\bsymmetric difference\b|\bonly one of (?:them|the two)\b", I)
# A heading named by its title as a scope: in quotes, in brackets, or before the word "heading".
HEADING_TITLE_SCOPE_RE = compile_later(r"(?<![A-Za-z])[\"“'‘(]([A-Za-z][^\"”'’()]{5,150})[\"”'’)]|\bthe\s+([A-Za-z][\w ,'-]{3,60}?)\s+"
                                    r"(?:sub-?)?heading\b", I)
SCOPES_EITHER_RE = compile_later(r"\beither\b|\bor\b|\bat least one of\b|\bunion\b"
                              # "which agencies are on tasks 52 and 53 between them?", "... combined", "distinct agencies
                              # across tasks 1 to 7", "in total", "altogether"
                              r"|\bbetween them\b|\bcombined\b|\baltogether\b|\bin total\b|\ball told\b|\btaken together\b"
                              r"|\bacross\b|\bdistinct\b|\bput together\b", I)
_PART_NUMBER = r"(?:\d|i{1,3}|iv|vi?|one|two|three|four|five|six)\b"
# Several parts after one word: "parts 1 and 6", "part 2, 3, 4, 5 or 6", "parts III and IV".
PART_LIST_RE = compile_later(rf"\b(?:parts?|pts?\.?)\s+{_PART_NUMBER}(?:\s*(?:,|and|&|or|/)\s*(?:parts?\s+)?{_PART_NUMBER})+", I)
PART_NUMBER_RE = compile_later(rf"(?<![\w-]){_PART_NUMBER}", I)
# A list just shown, narrowed: "which of those are not in part 4?" (not the tasks outside part 4).
OF_THOSE_RE = compile_later(r"\b(?:of|among|from)\s+(?:those|these|them|that list|the list|this list)\b", I)
# A range of parts: "parts 1 through 3", "parts 2-4", "parts II to IV".
PART_RANGE_RE = compile_later(rf"\b(?:parts|pts\.?)\s+(?P<low>{_PART_NUMBER})\s*(?:to|through|thru|-|\u2013|until)\s*"
                           rf"(?:part\s+)?(?P<high>{_PART_NUMBER})", I)
# Parts left out of a scope: "outside part 2", "excluding the ones in part 3", "not in parts 4 and 5".
OUTSIDE_PART_RE = compile_later(r"\b(?:outside(?:\s+of)?|not\s+in|except(?:\s+for)?(?:\s+in)?|excluding|other\s+than(?:\s+in)?|"
                             r"beyond|apart\s+from|leaving\s+out|aside\s+from)\s+(?:the\s+(?:ones|tasks|those)\s+in\s+|"
                             r"(?:those|tasks)\s+in\s+|the\s+)?(?:parts?|pts?\.?)\s", I)

# A reviewer's claim about an agency on a task may also say what the task is about ("SAIC leads the work on trade
# secret protection (Task 25)"); these words frame the claim or name the role, and are not that subject.
# A claim that only says which task a subject belongs to ("task 24 is about trade secrets", "the draft cites task 39
# for ...", "task 87 lists the PCT"); any other verb says what the task does ("Task 48 abolishes compulsory
# licensing", "Task 100 halves patent fees"), which the task's own words must bear out (Claim.asserted).
SUBJECT_CLAIM_RE = compile_later(
    r"\b(?:is|was|are)\s+(?:(?:really|actually|mainly|mostly|all)\s+)?(?:about|on|for)\b|\bcover(?:s|ed|ing)?\b"
    r"|\bdeal(?:s|ing|t)?\s+with\b|\bconcern(?:s|ed|ing)?\b|\bregarding\b|\brelat(?:es|ed|ing)\s+to\b|\bthe\s+one\b"
    # "cites task 65 as the one on ...", not "cites task 65 as requiring ...", which says what the task does
    # "Is task 24 the trade secrets task?", not "Is that what the task says?" nor "Is that in the task?"
    r"|(?<!\bin\s)(?<!what\s)\bthe\s+(?:(?!(?:says?|said|states?|stated|cites?|cited|claims?|that|which)\b)\w+\s+){0,4}?"
    r"(?:task|item)\b(?!\s+(?:says?|said|states?|reads?))"
    r"|\bcit(?:es?|ed|ing)\b(?![^.?!]*?\bas\s+(?!cover|concern|deal|address|relat|"
    r"regard|handl|includ|mention|touch|talk|speak)\w+ing\b)|\bfor\s+the\s+(?:topic|subject)\b|\bmention(?:s|ed)?\b"
    r"|\brefers?\s+to\b|\baddress(?:es|ed)?\b|\bhandles?\b|\btalks?\s+about\b|\bspeaks?\s+(?:of|about)\b"
    r"|\binclud(?:es?|ed|ing)\b|\btouch(?:es)?\s+on\b|\blists?\b|\bnames?\b|\bas\s+the\b|\b(?:is|was)\s+the\b|\bfocus(?:es)?\s+on\b", I)
# Words that change what a task does when a claim adds them ("abolishes", "halves", "criminal penalties", "commits
# China to join", "fully opens"): a claim of what a task does holds only if the task says them too. Other words a
# reviewer puts in are paraphrase ("a fast-track route" for "a fast registration channel", "widens" for "expand"):
# a first rule that held every rare word the task never uses turned down 3 of 12 true claims of heldout-17 at its
# first run ("route", "calls", "widens"); these words and names and figures catch the false ones of hostile-18, and
# the words of obligation and of every case ("requires every province", "compulsory", "obliges") those of heldout-17
# (chosen after its first run: not blind).
# Words a claim swaps for another of the same kind ("Task 100 reduces trademark fees", where the task says patent;
# "domestic" insurance where it says overseas; a "quarterly" report where it says annual). Each group holds senses
# that exclude each other, each sense its words: a claim word of one sense that the task does not use, where the task
# uses a word of another, is not what the task says (execute._swapped). Chosen from hostile-20's false claims (72 of
# 111 got Yes before the rule of words no task uses, and this one).
CONTRASTS: tuple[tuple[frozenset[str], ...], ...] = (
    (frozenset({"patent", "patents", "patented"}), frozenset({"trademark", "trademarks"}),
     frozenset({"copyright", "copyrights"})),
    (frozenset({"annual", "annually", "yearly"}), frozenset({"quarterly"}), frozenset({"monthly"}),
     frozenset({"weekly"})),
    (frozenset({"domestic"}), frozenset({"overseas", "abroad", "foreign", "foreign-related", "international",
                                         "cross-border"})),
    (frozenset({"encourage", "encourages", "encouraging", "encouraged"}),
     frozenset({"discourage", "discourages", "discouraging", "prohibit", "prohibits", "ban", "bans"})),
    (frozenset({"intentional", "intentionally", "deliberate", "deliberately", "wilful", "willful"}),
     frozenset({"unintentional", "unintentionally", "negligent", "accidental", "inadvertent"})),
    (frozenset({"state-owned"}), frozenset({"private", "privately-owned"})),
    (frozenset({"plant", "plants"}), frozenset({"animal", "animals", "livestock"})),
    (frozenset({"short-term"}), frozenset({"long-term"})),
)
CONTRAST_WORD_RE = compile_later(r"[a-z]+(?:-[a-z]+)?")
CONTRAST_WORDS = frozenset(word for group in CONTRASTS for sense in group for word in sense)
# A name with a figure in it, which a claim may say and its task not ("under the G20 framework", "5G", "H7N9").
NAME_WITH_FIGURE_RE = compile_later(r"(?<![\w-])(?:[A-Z]+\d+[A-Z\d]*|\d+[A-Z]+[A-Z\d]*)(?![\w-])")
STRONG_CLAIM_WORDS = frozenset(
    "abolish abolishes abolished abolishing halve halves halved halving double doubles doubled triple triples tripled "
    "ban bans banned prohibit prohibits prohibited forbid forbids mandatory criminal penalty penalties fine fines jail "
    "prison imprison imprisonment commit commits committed commitment ratify ratifies ratified ratification accede "
    "accedes accession fully entirely completely exclusively solely guarantee guarantees guaranteed eliminate "
    "eliminates eliminated scrap scraps scrapped cancel cancels cancelled repeal repeals repealed terminate "
    "terminates blacklist blacklists nationwide binding require requires required requirement requirements oblige "
    "obliges obliged obligation obligations obligatory compulsory mandate mandates mandated must every".split())
# Figures a claim gives ("a 175% super deduction", "30 offices", "5 million yuan"): the task must give them too.
CLAIMED_FIGURE_RE = compile_later(r"(?<![\w.])\d+(?:[.,]\d+)?\s*(?:%|percent\b|per\s+cent\b)?")
CLAIM_FRAME_WORDS_RE = compile_later(
    r"\b(?:leads?|leading|led|lead|jointly|co-?leads?|responsible|responsibility|charge|tasks?|tasked|memo|report|"
    r"citations?|cites?|cited|citing|says?|said|states?|stated|correct|accurate|right|wrong|verify|check\w*|holds?|"
    r"does|that|this|these|those|number|reviewer|flagged|colleague|wrote|written|draft|line|keep|briefing|summary|"
    r"progress|please|quick|assigns?|assigned|attribut\w*|department|agenc(?:y|ies)|ministry|together|with|alone|"
    r"works?|runs?|handles?|runs|sole|solely|only|whether|accurately|notice|item|part|heading|sentence|quote[sd]?|"
    r"claims?|according|under|listed|first|named|takes?|involved|also|both|there|their|they|what|which|where|"
    r"under|okay|fine|true|false|spot|good|document|paper|slide|deck|text|note|says|"
    # what a task is for, said of it: "Task 30 calls for a survey", "aims for world-class offices"
    r"calls?|calling|aims?|aiming|seeks?|seeking|intends?|intended|envisag\w*|envision\w*|proposes?|proposed)\b", I)

# A follow-up that narrows the agencies the last answer listed: "which of them lead a task there?", "and of those,
# which one leads 86?", "which of these aren't on task 17?".
OF_LISTED_RE = compile_later(r"\b(?:which|what|who|how many)\s+(?:ones?\s+)?of\s+(?:them|those|these|the above|that list|"
                          r"this list|the list|the agencies listed|the others|the rest(?: of them)?)\b"
                          r"|\b(?:do|does|did|are|is)\s+any\s+(?:one\s+)?of\s+(?:them|those|these)\b|\bof (?:those|them|these)\b.{0,20}\b(?:which|who)\b"
                          r"|\bwhich ones\b|\bamong (?:them|those|these)\b|\bof (?:them|those|these), (?:which|who)\b"
                          r"|\b(?:drop|remove|exclude|leave out|take out|cut|minus)\s+(?:the ones|those|any|all|them)\b", I)
# ("with no other agency" and "nobody else" say alone, SOLE_RE, and negate nothing)
NOT_HELD_RE = compile_later(r"\b(?:not|never|nothing)\b|\b(?:no|none)\b(?!\s+(?:other|others|one\s+else|else)\b)|n't\b"
                         r"|\bwithout\b(?!\s+(?:any\s+)?other\b)|\bmissing\b|\babsent\b"
                         r"|\b(?:drop|remove|exclude|leave out|take out|cut|minus)\b", I)
THERE_RE = compile_later(r"\bthere\b|\bin it\b|\b(?:in|under|within|inside|from|of) (?:that|the same|this) "
                      r"(?:part|heading|section|sub-?heading|chapter)\b", I)

WHICH_AGENCIES_RE = compile_later(r"\b(?:which|what|list|name|show)(?: all)?(?: of)?(?: the)?\s+(?:agencies|departments"
                               r"|bodies|ministries|organi[sz]ations)\b|\blist every (?:agency|department|body)\b|\bwho (?:is|are|was|were) (?:involved|"
                               r"named|listed)\b|^\s*(?:the\s+)?(?:agencies|departments|bodies|ministries) (?:in|of|under|named|"
                               r"listed)\b|\b(?:every|all|each) (?:agency|agencies|department|body) (?:named|listed|in)\b"
                               r"|^\s*(?:the\s+)?(?:agencies|departments|bodies|ministries) (?:that|which|who) (?:are|is|appear)"
                               r"|\bwho (?:leads|is leading) (?:something|anything|a task|tasks)\b"
                               r"|\b(?:give me|list|show me|name) (?:only |just )?the lead (?:agencies|departments|bodies)\b", I)
ARTICLES = frozenset("the a an of in on for to".split())
# A capitalised name, of one word or several joined by "and", "for", "of" ("Belt and Road Initiative",
# "Anti-Unfair Competition Law").
_NAME_WORD = r"(?:[A-Z][a-z]+|[A-Z]-[A-Z][a-z]+)(?:-[A-Z][a-z]+)*"  # "Competition", "Anti-Unfair", "E-Commerce"
NAME_RE = compile_later(rf"(?<![\w'-]){_NAME_WORD}(?:\s+(?:(?:and|for|of|on)\s+)?{_NAME_WORD})*(?![\w'-])")
# The heading of a task named by number: "the same heading as task 24", "share a heading with task 79", "what
# else is under task 100's heading".
SAME_HEADING_RE = compile_later(r"\bsame (?:sub-?)?(?:heading|section)\b|\bshares? (?:a|its|the) (?:sub-?)?(?:heading|section)\b"
                             r"|\btask \d+'s (?:sub-?)?(?:heading|section)\b|\b(?:heading|section) (?:of|that holds) task \d+\b"
                             r"|\b(?:rest of|what else is (?:in|under)) (?:its|that|the) (?:sub-?)?(?:heading|section)\b", I)
# A heading named by what it is about, not its title or number: "the talent heading", "the heading on customs".
# The words after the heading noun are tried first ("the tasks under the heading on patent fees").
HEADING_TOPIC_RES = (
    compile_later(r"\b(?:sub-?)?(?:heading|section)\s+(?:on|about|for|covering|that covers|dealing with|concerning)\s+"
               r"(?P<words>[^?.,;]+)", I),
    compile_later(r"\bsame (?:sub-?)?(?:heading|section) as\s+(?P<words>[^?.,;]+)", I),
    # up to a whole title: "tasks in the construction of foreign cooperation mechanisms for IP rights heading"
    compile_later(r"\bthe\s+(?P<words>[a-z][\w'-]*(?:\s+[a-z][\w'-]*){0,11}?)\s+(?:sub-?)?(?:heading|section)\b", I),
)
# A number of tasks, in digits or words ("three", "twenty").
COUNT_WORD = (r"\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
              r"|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty")
# A claim about how many tasks an agency holds: "SIPO leads 50 tasks", "the NHFPC appears in only one task",
# "the Taxation Administration is named only in task 99".
AGENCY_TASK_COUNT_RE = compile_later(
    r"\b(?P<verb>leads?|heads?(?: up)?|is (?:on|in|named in|named on|listed (?:in|on))|are (?:on|in)|appears? (?:in|on)|"
    r"shows? up (?:in|on)|features? in|takes? part in|is involved in|is named|appears?|shows? up"
    r"|on|in)\s+"  # "Is SIPO on fewer than 10 tasks?"
    r"(?:(?P<compare>more than|more then|fewer than|less than|over|above|under|at least|at most|no more than|"
    r"no fewer than)\s+)?"
    rf"(?:(?:only|just|exactly|a total of|in total)\s+)?(?:(?P<n>{COUNT_WORD})\s+(?:of (?:the |all )?(?:\d+ )?)?tasks?\b"
    r"|(?:only|solely|just)\s+(?:in|on)\s+tasks?\s+\d|tasks?\s+\d[\d,\s]*(?:(?:and|&)\s+\d+\s+)?only\b)", I)
# One agency's number of tasks against another's: "SAIC leads more tasks than AQSIQ", "is SIPO on fewer tasks than".
THAN_AGENCY_RE = compile_later(r"\b(?P<compare>more|fewer|less)\s+(?:tasks?|items?)\s+than\b", I)
# "Is task 39 the only task the copyright office leads?", "Does the COD lead only task 10?": the tasks named are all
# the agency's, not the agency the task's only lead ("Is SIPO the only lead of task 1?").
ONLY_TASK_RE = compile_later(r"\bthe only (?:task|one|item)\b(?! (?:with|where|that has|having|whose))|\bonly tasks?\s+\d", I)
# A claim on the size of the notice, a part or a heading: "the notice has 105 tasks", "Part 6 contains 10 tasks".
SCOPE_SIZE_RE = compile_later(r"\b(?:has|have|had|contains?|includes?|holds?|lists?|comprises?|consists of|is made up of|"
                           rf"there (?:are|is))\s+(?:only\s+|just\s+|exactly\s+|a total of\s+)?(?P<n>{COUNT_WORD})\s+"
                           r"(?:tasks?|items?)\b", I)
# "named in more than 20 tasks", "lead at least five tasks", "over 10 tasks" ("more then": a common typo).
TASK_THRESHOLD_RE = compile_later(r"\b(?P<cmp>more th[ae]n|over|above|at least|no fewer than|fewer than|less than|under|"
                               rf"at most|no more than)\s+(?P<n>{COUNT_WORD})\s+(?:of the\s+)?tasks?\b", I)
# "10 or more tasks", "five or fewer tasks", "5+ tasks".
TASK_OR_MORE_RE = compile_later(rf"\b(?P<n>{COUNT_WORD})(?:\s+or\s+(?P<cmp>more|fewer|less)|\+)\s+tasks?\b", I)
# A bare number of tasks after a role: "who leads 8 tasks", "agencies that show up in 6 tasks", "lead three tasks
# each"; a number of leads: "exactly 2 lead roles", "zero leads".
BARE_COUNT_RE = compile_later(rf"\b(?:leads?|leading|heads?|in|on|appears? in|shows? up in|named in|takes? part in|"
                           rf"involved in)\s+(?:exactly\s+|just\s+|only\s+)?(?P<n>{COUNT_WORD})\s+tasks?\b", I)
LEAD_COUNT_RE = compile_later(rf"\b(?P<n>{COUNT_WORD}|zero|no)\s+(?:lead(?:s|ing)?(?:\s+roles?|\s+positions?)?|lead"
                           rf"(?:ership)? roles?)\b", I)
# "... but never lead one", "that never take the lead", "without leading any": a second condition, on leads.
BUT_NO_LEAD_RE = compile_later(r"\b(?:but|yet|while|and|that|who|which)\s+(?:never|not|don't|do not|doesn't|does not|did not|"
                            r"didn't)\s+(?:take the lead\b|as (?:a |the )?lead\b|(?:the )?lead(?:s|ing)?\b|head(?:s|ing)?\b"
                            r"|run(?:s|ning)?\b)|\bbut (?:lead|head) (?:none|no task)|\bwithout (?:leading|heading|taking the lead)"
                            r"|\band lead none\b|\bbut (?:lead|head) nothing\b", I)
COMPARE_WORDS = {"more": Compare.AT_LEAST, "fewer": Compare.AT_MOST, "less": Compare.AT_MOST, "more than": Compare.MORE,
                 "more then": Compare.MORE, "over": Compare.MORE, "above": Compare.MORE, "at least": Compare.AT_LEAST,
                 "no fewer than": Compare.AT_LEAST, "fewer than": Compare.FEWER, "less than": Compare.FEWER,
                 "under": Compare.FEWER, "at most": Compare.AT_MOST, "no more than": Compare.AT_MOST}
# "lead no task", "never lead a task", "don't lead any task", "zero tasks", "never take the lead", "zero leads".
NO_TASK_RE = compile_later(r"\b(?:no|zero|not a single|not one)\s+tasks?\b|\bnever (?:lead|leads|head|heads|run|runs)\b"
                        r"|\b(?:do not|don't|does not|doesn't|did not|didn't) (?:lead|head|run) (?:any|a single|a|one)\b"
                        r"|\bnot (?:the )?lead (?:on )?any\b|\bnever (?:take|takes|took) the lead\b|\b(?:zero|no) lead"
                        r"(?:s|\s+roles?)\b|\bwithout (?:leading|heading) (?:a|any)\b"
                        r"|\b(?:lead|leads|leading|head|heads|run|runs)\s+(?:nothing|none)\b", I)
EXACTLY_ONE_RE = compile_later(r"\b(?:only|just|exactly|a single|precisely) (?:once|one|1)\b|\bonce\b|\bsingle (?:task|agency)\b"
                            r"|\bone (?:task|agency) (?:only|alone)\b|\bno other\b|\balone\b|\bsolo\b", I)
# "joint" of a task's work, not of its leading: "joint work with other countries", "joint enforcement", "jointly build".
_JOINT_WORK = (r"(?!\s+(?:work|enforcement|conference|cooperation|co-operation|development|training|overseas|research|"
               r"efforts?|actions?|operations?|campaigns?|projects?|ventures?|inspections?|investigations?|meetings?|"
               r"mechanisms?|patenting|exercises?|statements?|committees?|build\w*|promot\w*|carr\w*|establish\w*|"
               r"construct\w*|develop\w*|formulat\w*|organi[sz]\w*|hold\w*|launch\w*|fund\w*|stud\w*)\b)")
JOINT_RE = compile_later(rf"\bjoint(?:ly)?\b{_JOINT_WORK}|\bmore than one lead|\btwo leads|\btwo lead (?:departments|agencies|bodies)"
                      r"|\bco-?led\b|\bco-?lead|\bseveral leads|\bmultiple leads"
                      r"|\blead\w* (?:\w+ ){0,3}with (?:another|any other|a second) (?:agency|department|ministry|body|office)\b"
                      r"|\bshared lead|\bshar(?:e|es|ing) (?:a |the |its |their )?lead|\blead\w* (?:it )?together\b", I)
# Where an agency stands in a task's list, which is not always who leads: "Is the MoF listed first in task 102?".
FIRST_LISTED_RE = compile_later(r"\b(?:listed|named|mentioned|put|placed|comes?|appears?) first\b|\bfirst[- ](?:listed|named)\b"
                             r"|\b(?:at the (?:top|head|front) of|first (?:on|in)) (?:the|its) (?:list|bracket)\b", I)
# A named agency said to lead by one word of its name: "MOF and the Taxation Administration, with Finance leading".
SHORT_LEADING_RE = compile_later(r"\bwith (?:the )?(?P<word>[A-Z][a-z]+) (?:leading|as (?:the )?lead(?: department| agency)?|in the lead)\b")
# A ranking of tasks by their agencies: "the longest agency list", "the most agencies", "the fewest bodies".
TASKS_BY_AGENCIES_RE = compile_later(r"\blongest (?:agency )?list\b|\bmost (?:agencies|departments|bodies|participants)\b"
                                  r"|\bfewest (?:agencies|departments|bodies)\b|\bshortest (?:agency )?list\b", I)
# A place in a ranking said by who comes before it: "trails only SIPO and SAIC".
TRAILS_RE = compile_later(r"\btrails?\b|\btrailing\b", I)
# Abbreviations people search with that the model and the notice spell out: a topic is searched with them spelled
# out ("the SOE evaluation model" finds task 11's state-owned enterprises). Agency abbreviations are agencies, not
# topics, and are never here.
TOPIC_ABBREVIATIONS = {
    "SOE": "state-owned enterprise", "SOEs": "state-owned enterprises", "GI": "geographical indication",
    "GIs": "geographical indications", "SME": "small and medium-sized enterprise",
    "SMEs": "small and medium-sized enterprises", "R&D": "research and development",
    "TCM": "traditional Chinese medicine", "SEP": "standard-essential patent", "SEPs": "standard-essential patents",
    "IPR": "intellectual property rights", "IPRs": "intellectual property rights", "WIPO": "World Intellectual Property "
    "Organization", "WTO": "World Trade Organization", "LDC": "least developed country",
    "LDCs": "least developed countries", "FRAND": "fair, reasonable and non-discriminatory",
    # treaties task 87 names in full
    "PCT": "Patent Cooperation Treaty", "CBD": "Convention on Biological Diversity"}
TOPIC_ABBREVIATION_RE = compile_later(r"(?<![\w&])(" + "|".join(sorted(map(re.escape, TOPIC_ABBREVIATIONS), key=len,
                                                                      reverse=True)) + r")(?![\w&])")
# Two tasks just asked about, compared: "same lead?", "do they have the same lead?", "are they under the same heading?".
SAME_AS_RE = compile_later(r"\b(?:the\s+)?same\s+(?P<what>lead(?:s|er|ers| agency| agencies| department)?|heading|"
                        r"sub-?heading|section|part|chapter|agency|department|body|ministry)\b"
                        r"|\bshare\s+(?:a\s+|the\s+|one\s+)?(?P<shared>lead\w*|heading|part|section)\b", I)


# "Is it the same as task 13?", "same for 13?": the same of what was just asked, with no field said.
# "which agency is that?", "who is the 'Network Office'?", "what does AQSIQ stand for?": what a name means (grammar.name_asked)
NAME_ASKED_RE = compile_later(
    r"\b(?:which|what)\s+(?:agency|body|office|department|ministry|organi[sz]ation|institution|entity|authority)\s+"
    r"(?:is|was)\s+(?:that|this|it|meant|being referred to)\b|\bwho\s+(?:is|are|was)\s+(?:that|this|they)\s*[?.!]*\s*$"
    r"|\bwho(?:'s|\s+is)\s+(?:(?:exactly|really|actually)\s+)?(?:the\s+|a\s+|an\s+)?['\"‘“]"
    r"|\bwhat(?:'s|\s+is)\s+(?:(?:exactly|really|actually)\s+)?(?:the\s+|a\s+|an\s+)?['\"‘“]"
    r"|\b(?:who|what)\s+(?:exactly|really|actually)\s+(?:is|was)\s+(?:the\s+|a\s+|an\s+)?['\"‘“]"
    r"|\b(?:stand|stands)\s+for\b|\brefers?\s+to\s*[?.!]*\s*$|\bwhat\s+(?:does|do)\b.{1,80}?\bmean\s*[?.!]*\s*$"
    r"|\bfull\s+name\s+of\b|\bwhat(?:'s|\s+is)\s+meant\s+by\b"
    r"|\b(?:chinese|english)\s+name\b|\bin\s+(?:english|chinese)\s*[?.!]*\s*$"
    # "Which agencies were merged into SAMR?", "which bodies make up SAMR?": what a 2018 name stands for
    r"|^\W*(?:which|what)\s+(?:agencies|bodies|departments|offices|ones)\s+(?:were\s+|got\s+)?(?:merged|folded|absorbed|"
    r"combined|went)\s+(?:into|to\s+form)\s+(?:the\s+)?⟪name⟫|^\W*(?:which|what)\s+(?:agencies|bodies|departments)\s+"
    r"(?:make|made)\s+up\s+(?:the\s+)?⟪name⟫"
    # "What is SAMR?", "Who is MOFCOM?": the name and nothing else asked of it
    r"|^\W*(?:so\s+|and\s+)?(?:what|who)(?:'s|\s+is|\s+are|\s+was)\s+(?:the\s+|a\s+|an\s+)?⟪name⟫\s*(?:[?.!].*)?$", I)
SAME_PLAIN_RE = compile_later(r"\b(?:the\s+)?same\s+(?:as|for|with)\b|\bsame\s*\?", I)
# What a claim states of the notice itself ("Our report states the notice has six parts. Right?", "Is it accurate that
# the notice was issued on July 8, 2016?", "Report: 'The notice was issued by the Ministry of Finance.'"): each fact
# by its pattern, checked against the notice's front matter and its records (execute._claim).
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
NOTICE_FACT_RES: tuple[tuple[str, re.Pattern], ...] = (
    ("date", compile_later(rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{{2}}\b|\b\d{{1,2}}\s+{_MONTH}\s+(?:19|20)\d{{2}}\b", I)),
    ("year", compile_later(r"(?<![\[〔\d])\b(?:19|20)\d{2}\b(?!\s*[\]〕])", I)),
    ("parts", compile_later(r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+parts\b", I)),
    ("tasks", compile_later(r"\b(\d+)\s+(?:numbered\s+|key\s+)?tasks\b", I)),
    ("issuer", compile_later(r"\b(?:issued|signed|sent|put\s+out|released|published|promulgated)\s+by\s+(?:the\s+)?"
                          r"([^,.;?\"'”’]+?)(?=\s+on\b|\s+in\b|\s+and\b|[,.;?\"'”’]|$)", I)),
    ("approved", compile_later(r"\bapproved\s+by\s+(?:the\s+)?([^,.;?\"'”’]+?)(?=\s+on\b|\s+in\b|[,.;?\"'”’]|$)", I)),
)
NOTICE_SUBJECT_RE = compile_later(r"\b(?:the|this|that)\s+(?:notice|document|circular)\b", I)
# The asker saying where they work, first ("I'm being onboarded at the NHC.", "We work at SAMR;", "I'm new at
# MOFCOM,"), and the words of the question that then stand for that agency ("our predecessor", "we", "us").
SELF_INTRO_RE = compile_later(r"^\W*(?:hi|hello|hey)?\W*(?:I'm|I\s+am|we're|we\s+are|I\s+work|we\s+work|I've\s+(?:just\s+)?"
                              r"(?:joined|started)|I\s+(?:just\s+)?(?:joined|started))\b[^.?!;]{0,80}?[.;!,:]\s+", I)
OUR_AGENCY_RE = compile_later(r"\bour\s+(?:(?:old|former|2016|previous)\s+)?(?:(?P<kin>predecessors?)|agency|agencies|ministry|office|"
                              r"commission|administration|bureau|department|organi[sz]ation|body|bodies|team|people)\b"
                              r"|\bwe\b|\bus\b", I)
# The sentences of a message ("Task 101 mentions the insurance regulator. Did that regulator merge ...?"), and an
# agency the last one points back at by its kind ("that regulator", "this office").
SENTENCE_END_RE = compile_later(r"(?<=[.?!])\s+(?=[A-Z\"'‘“])")
THAT_AGENCY_RE = compile_later(r"\b(?:that|this|the\s+same|said)\s+(?P<noun>regulator|office|agency|body|ministry|administration"
                               r"|bureau|commission|department|court|authority)\b", I)
# Whether the notice uses a name at all ("Does 'SAMR' appear anywhere in the notice?", "Is CNIPA mentioned in the
# notice?"): the name asked with grammar.NAME_MARK, answered yes or no by the notice's own words.
NAMED_IN_NOTICE_RE = compile_later(
    r"^\W*(?:so\s+|and\s+)?(?:is|are|does|do|was)\s+(?:the\s+)?['\"‘“]?⟪name⟫['\"’”]?\s+(?:ever\s+|actually\s+|even\s+)?"
    r"(?:named|mentioned|listed|used|cited|appear|appears|show\s+up|shows\s+up|feature|features)\s+"
    r"(?:anywhere\s+|at\s+all\s+|somewhere\s+)?(?:in\s+)?(?:the\s+)?(?:notice|document|text)(?:\s+at\s+all)?\s*[?.!]*\s*$", I)
# Two names compared (grammar.names_compared), each replaced by grammar.NAME_MARK: one agency or not ("Is CNIPA the
# same as SIPO?", "Are SAIC and SAMR the same agency?", "Is CNIPA just the new name for SIPO?", "Is CNIPA SIPO?") ...
# A name, with what the question says of where it stands ("the Ministry of Agriculture listed on these tasks")
_WHERE_NAMED = (r"(?:(?:(?:that|which)\s+(?:is|was|are)\s+)?(?:named|listed|mentioned|used|cited)\s+(?:in|on)\s+(?:the\s+)?"
                r"(?:notice|document|text|(?:these|those|this|that|the|its)\s+tasks?|tasks?\s+\d{1,3})"
                # "... that shows up all over this notice", "which appears throughout the notice"
                r"|(?:that|which)\s+(?:shows?|turns?|crops?)\s+up\s+(?:all\s+over|throughout|in|across)\s+(?:the|this)\s+"
                r"(?:notice|document|text)|(?:that|which)\s+appears?\s+(?:all\s+over|throughout|in|across)\s+(?:the|this)\s+"
                r"(?:notice|document|text)"
                # "... the 'Intellectual Property Office' in this notice", "... of the English version"
                r"|(?:in|from|of)\s+(?:the|this)\s+(?:notice|document|text|plan|(?:English\s+)?(?:translation|version)))")
_NAMED = rf"(?:(?:the|that|this)\s+)?(?:(?:former|old|then|erstwhile|new|current|present)\s+)?⟪name⟫(?:\s+{_WHERE_NAMED})?"
_NOW = r"(?:(?:really|actually|just|basically|simply|also|now|still|today|officially)\s+)*"
# How such a question may open: "so", "and", "quick q -", "hey,", "question:"
_OPENING = r"^\W*(?:(?:so|and|but|then|quick\s+q(?:uestion)?|question|hi|hey|hello|ok(?:ay)?|sorry)\W+)*"
# "... the SIPO named in the notice?", "... in 2018?", "... now?": what may close such a question
_CLOSING = (rf"(?:\s+(?:{_WHERE_NAMED}"
            r"|(?:in|since|after)\s+(?:the\s+)?2018(?:\s+reorgani[sz]ation)?|now|today))*\s*(?:[?.!].*)?$")
SAME_AGENCY_RE = compile_later(
    rf"{_OPENING}(?:is|are|was|were)\s+{_NAMED}\s+(?:and\s+{_NAMED}\s+)?{_NOW}"
    rf"(?:(?:one\s+and\s+)?the\s+same(?:\s+(?:thing|agency|body|office|department|ministry|organi[sz]ation|institution"
    rf"|entity|authority|one))?(?:\s+as\s+{_NAMED})?|identical(?:\s+(?:to|with)\s+{_NAMED})?"
    rf"|(?:an?\s+|the\s+)?(?:other|another|new|old|former|later|current|different|alternative|official)\s+name\s+(?:for|of)\s+{_NAMED}"
    rf"|(?:an?\s+|the\s+)?(?:abbreviation|acronym|short\s+(?:form|name))\s+(?:for|of)\s+{_NAMED}|{_NAMED}"
    rf"|(?:the\s+|an?\s+)?(?:ministry|agency|body|office|one|administration|bureau|commission|department|regulator|"
    rf"organi[sz]ation)\s+(?:(?:that|which)\s+(?:is|was|are|were)\s+|that's\s+)?{_NOW}(?:called|named|known\s+as)"
    rf"\s+{_NAMED}){_CLOSING}", I)
# ... or whether the first became, or went into, the second ("Was SAIC merged into SAMR?", "Did SIPO become CNIPA?",
# "Is the LAO now part of the Ministry of Justice?") ...
BECAME_AGENCY_RE = compile_later(
    rf"{_OPENING}(?:did|has|have|was|were|is|are)\s+{_NAMED}\s+{_NOW}(?:(?:been|get|got)\s+)?"
    rf"(?:become(?:\s+part\s+of)?|turn(?:ed)?\s+into|go\s+(?:into|to|under)|gone\s+(?:into|to|under)|part\s+of"
    rf"|(?:renamed|merged|folded|absorbed|incorporated|placed|put|moved|transferred)(?:\s+(?:into|in|to|as|under|within))?"
    rf"|(?:merge|fold|go|get\s+merged|get\s+folded)\s+(?:into|under)"
    rf"|under|within|inside|replaced\s+by|succeeded\s+by|taken\s+over\s+by|run\s+(?:out\s+of|by|from)|hosted\s+(?:by|in|at)"
    rf"|(?:end|ended|wind|wound)\s+up\s+(?:in|inside|within|under|as\s+part\s+of|part\s+of|at)"
    rf"|housed\s+(?:in|at|under)|based\s+(?:in|at))\s+{_NAMED}{_CLOSING}", I)
# The words that say merged, not placed under ("Was SIPO merged into SAMR?": no, it was placed under it).
MERGED_WORD_RE = compile_later(r"\b(?:merged?|merging|folded|absorb(?:ed)?|incorporated|swallowed|combined)\b", I)
# ... or whether the two merged with each other, either into the other or both into one body ("Did the CBRC and the
# CIRC merge?", "Did the CIRC merge with the CSRC?") ...
MERGED_AGENCIES_RE = compile_later(
    rf"{_OPENING}(?:did|were|have|had)\s+{_NAMED}\s+and\s+{_NAMED}\s+(?:been\s+|get\s+)?"
    rf"(?:merge[d]?|combine[d]?|join(?:ed)?\s+(?:up|together)|fold(?:ed)?\s+together)(?:\s+(?:together|into\s+one))?{_CLOSING}"
    rf"|^\W*(?:so\s+|and\s+)?(?:did|was|were|has|had)\s+{_NAMED}\s+(?:been\s+|get\s+)?(?:merge[d]?|combine[d]?|join(?:ed)?"
    rf"|fold(?:ed)?(?:\s+together)?)\s+(?:together\s+)?with\s+{_NAMED}{_CLOSING}", I)
# ... or whether the first took the second in ("Did SAMR absorb SAIC?", "Has the Ministry of Justice taken over the LAO?").
ABSORBED_AGENCY_RE = compile_later(
    rf"{_OPENING}(?:did|has|have|does)\s+{_NAMED}\s+{_NOW}(?:take\s+over|taken\s+over|absorb(?:ed)?|replace[ds]?"
    rf"|swallow(?:ed)?|take\s+in|taken\s+in|succeed(?:ed)?|incorporate[ds]?)\s+{_NAMED}"
    rf"{_CLOSING}", I)


def same_as(text: str) -> str | None:
    """What "the same ..." compares of two tasks: "lead", "heading" or "part"; None when nothing is compared."""
    same = SAME_AS_RE.search(text)
    if same is None:
        return None
    what = (same.group("what") or same.group("shared")).lower()
    if what.startswith(("lead", "agency", "department", "body", "ministry")):
        return "lead"
    return "part" if what.startswith(("part", "chapter")) else "heading"


# Every task of the last list, however many: "are they all in the same part?", "same lead on each of them?"
# Every task of the last list, asked of together ("Do they all involve the IP Office?", "Are both of them co-led?",
# "all of them in part 2?"): parser._every_listed.
THEY_ALL_RE = compile_later(r"\b(?:are|do|were|did|have|does|is)\s+(?:they|those|these|them|both(?:\s+of\s+(?:them|those))?)"
                            r"\s+(?:all|both|each)\b|\ball\s+of\s+(?:them|those|these)\b|\b(?:they|those|these)\s+all\b"
                            r"|\bevery\s+one\s+of\s+(?:them|those|these)\b|\b(?:are|do)\s+both\s+of\s+(?:them|those)\b", I)
ALL_LISTED_RE = compile_later(r"\ball\b|\beach\b|\bevery\b", I)
# "they" or "both" of the two tasks just asked about: "what heading are they under?", "which part are both in?".
BOTH_TASKS_RE = compile_later(r"\b(?:they|them|both|the two|these two|those two)\b", I)
# How the notice says which agency leads ("Where does the notice say the first agency listed is the lead?", "how are
# leads decided?"): its own rule, in task 2's list of agencies.
LEAD_RULE_RE = compile_later(r"\bfirst (?:one|agency|department|body|name)s?(?: (?:listed|named|mentioned))? (?:is|are|counts? as|"
                          r"as|being) (?:the )?(?:lead|leading)\w*|\blead(?:ership)? (?:convention|rule)s?\b|\bhow (?:is|are|does|do)"
                          r" (?:the notice )?(?:the )?leads? (?:get )?(?:decided|determined|chosen|identified|named|read|assigned|"
                          r"shown|indicated)\b|\bhow (?:do|can|would) (?:i|you|we|one) (?:tell|know|see) (?:which|who|what)"
                          r" (?:agency |department |body )?(?:is the )?leads?\b", I)
# A question about the notice itself, not its tasks: its date, who issued it, what it carries out.
_NOTICE_WORD = r"(?:the|this|that) (?:notice|document|circular|division of (?:work|labou?r))"
ABOUT_NOTICE_RE = compile_later(
    rf"\b(?:when|what date|which date|what day|what year|on what date)\b[^?]{{0,40}}\b{_NOTICE_WORD}\b[^?]{{0,25}}"
    r"\b(?:issued|published|released|dated|signed|adopted|approved|out|promulgated|announced)\b"
    rf"|\bwho\b[^?]{{0,25}}\b(?:issued|issues|signed|signs|published|released|wrote|approved|put out|sent)\b[^?]{{0,15}}\b{_NOTICE_WORD}\b"
    rf"|\b(?:date|issuer|signatory|document number|reference number|source) of {_NOTICE_WORD}\b"
    rf"|\b{_NOTICE_WORD}['’]s (?:date|issuer|signatory|document number)\b"
    rf"|\bwhat (?:document|opinions?|policy|decision)\b[^?]{{0,40}}\b(?:does|is|did) (?:the notice|this notice|it)\b[^?]{{0,10}}"
    r"\b(?:implement\w*|carry out|based on|follow\w*)\b"
    r"|\bdocument number\b|\bGuo Fa\b"
    # "what is this document?", "what number is the State Council opinion the notice implements?"
    r"|\bwhat is (?:this|the) (?:document|notice)\s*[?.!]*\s*$|\bwhat number is\b[^?]{0,60}\bimplement\w*\b", I)
# A ranking or list of agencies asked of ministries: "which ministries appear in part 1?", "which ministry is
# involved in the fewest tasks?". A ministry's own name ("the Ministry of Commerce") is blanked before this is read.
MINISTRIES_RE = compile_later(r"\bministr(?:y|ies)\b", I)
# "Leading" in an agency's name ("the National Leading Group Office"): no role.
LEADING_IN_NAME_RE = compile_later(r"\bleading (?:small )?group\b", I)
# "Which has the most agencies?": a subject that has agencies is a task, not an agency; after a list, one of its tasks.
WHICH_HAS_AGENCIES_RE = compile_later(r"^\s*(?:and\s+|so\s+|ok\s+)?(?:which|what)(?: one)?\s+(?:has|have|had|lists|names|"
                                   r"involves|carries)\s+(?:the\s+)?(?:most|fewest|least|largest number of|"
                                   r"smallest number of|longest list of|shortest list of)\s+(?:agencies|departments|"
                                   r"bodies|participants)\b", I)
# "which have just two agencies?", "which ones name more than four?": after a list of tasks, of those tasks.
WHICH_HAVE_RE = compile_later(r"^\W*(?:and\s+|so\s+|ok\s+)?which(?: ones?)?\s+(?:have|has|had|name|names|list|lists|"
                           r"involve|involves)\b", I)
# A claim that puts an agency on one task and not on another: "Is the MFA on 88 but not 90?".
BUT_NOT_TASK_RE = compile_later(r"\b(?:but|and|yet)\s+not\s+(?:on\s+|in\s+)?(?:tasks?\s+)?(\d{1,3})\b", I)
# Joint leads said of a task's leading, not any "joint" ("the joint conference system"): "Is task 33 jointly led?".
JOINT_LEAD_RE = compile_later(r"\bjointly[- ](?:led|run|headed)\b|\bled jointly\b|\bjoint(?:ly)? leads?\b|\bco-?lead|\bco-?led\b"
                           r"|\btwo leads?\b|\bmore than one lead|\bshared lead|\bseveral leads|\bmultiple leads"
                           r"|\bsingle (?:lead|agency)\b[^?]{0,20}\bjointly\b", I)
SHARED_RE = compile_later(r"each[- ]responsib|\bresponsible separately\b|\beach (?:agency|department|body) (?:has|is responsible)"
                       r"|\bshared[- ]responsib|\bown part\b|\bseparately\b|\bsplit(?:s|ting)? (?:the )?responsibilit|"
                       # "a split-by-duties task", "divided responsibility", "responsibility-split", "shared duty"
                       r"\bsplit[- ]by[- ](?:duties|duty|responsibilit\w*|agency)\b|\bdivided[- ]responsibilit|"
                       r"\bresponsibility[- ]split\b|\bshared[- ](?:duty|duties)\b|\beach[- ]their[- ]own\b|"
                       r"\b(?:its|their) own (?:piece|share|portion|bit)s?\b|"
                       # "divide the work by each agency's own responsibilities"
                       r"\bdivid(?:e|es|ed|ing)\s+(?:up\s+)?(?:the\s+)?(?:work|tasks?|responsibilit\w*|duties)\s+(?:by|according to|along|"
                       r"among|between)\b|\beach (?:agency|department|body|ministry)['’]s own\b"
                       r"|\b(?:its|their) own (?:responsibilit\w*|dut(?:y|ies)|roles?)\b", I)
# Joint leads counted in, not asked for: "joint leads count", "counting joint leads", "joint leads included".
JOINT_INCLUDED_RE = compile_later(r"\b(?:joint(?:ly)?|co-?lead\w*)\b(?: leads?| roles?)?\s*(?:count(?:ed|s)?|includ\w*|too|as well)\b"
                               r"|\b(?:counting|including|incl\.?|plus)\s+(?:the\s+|any\s+)?(?:joint|co-?lead)"
                               r"|\blead\w* or (?:co-?lead|jointly lead)\w*|\bco-?lead\w* or lead"
                               r"|\b(?:alone|solely|on (?:its|their) own) or (?:jointly|together)\b|\bjointly or (?:alone|solely)\b"
                               r"|\bwhether (?:alone|jointly)\b|\beither alone or\b", I)
# A claim's agencies in their own roles: "... with SIPO and SAIC" names those taking part, "with SAIC leading"
# (right after the name) the one leading.
WITH_AGENCIES_RE = compile_later(r"\b(?:together with|along with|alongside|supported by|assisted by|helped by|joined by"
                              r"|with|plus)\b", I)
# ... except where the lead itself is shared: "SIPO leads task 88 together with the MFA" (the verb's subject is both),
# "led by SIPO jointly with the SPC", "co-leads with" (read with the agencies' names blanked, so a name's own commas do
# not end the clause). "Task 24 is led by SAIC together with the LAO" names the lead and one taking part.
CO_LEAD_WITH_RE = compile_later(r"\b(?:lead|leads|leading|heads?|runs?)\b[^,;]{0,120}?\btogether with\b|\bjointly with\b"
                             r"|\bco-?lead\w*\b[^,;]{0,40}?\bwith\b|\bshares? the lead\b[^,;]{0,20}?\bwith\b", I)
LEADING_AFTER_RE = compile_later(r"\W{0,3}(?:\([^)]*\)\W*)?(?:leading|in the lead|as (?:the )?lead(?: department| agency)?"
                              r"|taking the lead|takes the lead|heading it|in charge)\b", I)
# "merged into or placed under SAMR": a 2018 body's agencies include those placed under it.
PLACED_UNDER_RE = compile_later(r"\bplaced under\b|\bput under\b|\bnow (?:sits?|sitting) under\b", I)
# Other tasks with one task's very agencies: "which other task has exactly that same pair of agencies?".
SAME_AGENCIES_RE = compile_later(r"\bsame (?:pair|set|list|group|combination|line-?up) of (?:agencies|departments|bodies)\b"
                              r"|\b(?:exactly |the )?same (?:agencies|departments|bodies)\b|\bidentical (?:agency )?(?:lists?|sets?)\b", I)
# A lead without a co-lead: "leads on its own, without a co-lead", "alone (no joint lead)".
JOINT_EXCLUDED_RE = compile_later(r"\b(?:without|no|not)\s+(?:a\s+|any\s+)?(?:co-?leads?|joint(?:ly)?(?: leads?)?|shared leads?)\b"
                               r"|\bnot jointly\b", I)
# Contractions typed without the apostrophe ("arent", "dont"): the speller would make them other words.
BARE_CONTRACTION_RE = compile_later(r"\b(are|is|was|were|do|does|did|has|have|had|could|would|should|wo|ca)nt\b", I)
# What the second scope of two asks of its agencies, right after the word that joins them: "but are not on task
# 84" (named there), "but don't lead anything in part 3" (leading there); otherwise the first scope's role.
SIDE_NAMED_RE = compile_later(r"\W*(?:\w+\W+){0,3}?(?:are|is|appear\w*|show\w* up|named|listed|involved|mentioned)\b", I)
# The other side taking part only: "only ever appear as a supporting (non-lead) agency", "only listed as
# participants", "take part without leading".
SIDE_MEMBER_RE = compile_later(r"\bonly (?:ever )?(?:appear\w*|listed|named|serve\w*|act\w*|show\w* up)\s+as (?:a |an )?"
                            r"(?:supporting|participa\w*|non-lead|member|helper)|\bonly as (?:a )?(?:participant|supporting)"
                            r"|\b(?:take|takes|taking) part (?:there )?without leading\b", I)
SIDE_LEADS_RE = compile_later(r"\W*(?:\w+\W+){0,3}?(?:lead|leads|leading|head|heads)\b", I)
# A lead word in the few words around an agency left out: "not led by Y", "Y doesn't lead" leave out its lead.
LEAD_WORD_RE = compile_later(r"\blead|\bled\b", I)
# "tasks led by SIPO with MIIT": "with" right before the second agency.
WITH_BEFORE_RE = compile_later(r"\bwith\s+(?:the\s+)?$", I)
# The words between agencies named in one list ("SIPO and MOFCOM", "SIPO, the MOF"): they share what follows.
LISTED_WITH_RE = compile_later(r"\s*(?:,|and|or|&|/|,\s*and)?\s*(?:the\s+)?", I)
# "the two tasks after task 99": a number of tasks, not of places.
PLURAL_ITEMS_RE = compile_later(r"\b(?:tasks|items|ones)\b", I)
# Words right around one agency that give it its own role when a question names two: "tasks led by CNIPA that also
# have CAS on board", "SIPO-led tasks that include MOFCOM", "tasks SIPO leads where CAS is also involved".
OWN_LEAD_AFTER_RE = compile_later(r"-led\b|\W{0,2}(?:leads?|heads?|runs?|is (?:the )?lead(?:ing)?|takes the lead)\b", I)
OWN_MEMBER_BEFORE_RE = compile_later(r"\b(?:also |too )?(?:ha(?:ve|s|ving)|involv(?:e|es|ing)|includ(?:e|es|ing)|featur(?:e|es|ing)"
                                  r"|nam(?:e|es|ing)|list(?:s|ing)?)\s+(?:the\s+)?$", I)
OWN_MEMBER_AFTER_RE = compile_later(r"\W{0,2}(?:(?:is|are)\s+)?(?:also\s+)?(?:on board|on\b(?!\s+(?:its|their)\s+own)"
                                 r"|involved|taking part|takes part"
                                 r"|participat\w*|in the mix|among (?:them|the agencies)|as (?:a )?(?:participant|partner))\b", I)
# An agency said to lead where it is named, in a question that asks something else (a premise to check).
LED_BY_BEFORE_RE = compile_later(r"\b(?:led|leaded|headed|run) by (?:the )?$", I)  # "leaded by": the notice's own word
LEADS_AFTER_RE = compile_later(r"\W{0,2}(?:leads|heads|is (?:the )?lead(?:ing)?|takes the lead|as (?:its |the |a )?(?:lead|co-?lead)\b)", I)
# "which tasks have more agencies than task 88?": tasks by their number of agencies against one task's.
MORE_AGENCIES_THAN_RE = compile_later(r"\b(?P<cmp>more|fewer|less) (?:agencies|departments|bodies) than (?:task|item|no\.?) ?"
                                   r"(?P<n>\d{1,3})\b", I)
# A task number that is no whole number: "task 33.5", "task 1e2".
ODD_TASK_NUMBER_RE = compile_later(r"\btasks?\s*#?\s*(\d+(?:\.\d+|e\d+))\b", I)
# Lead structure: a lead named in words ("take the lead", "led by") rather than by its place in the list, and a
# lead that is not the agency listed first (tasks 20 and 102).
EXPLICIT_LEAD_RE = compile_later(r"\bexplicit\w*\b|\bspell(?:s|ed)? out\b|\bin (?:so many )?words\b|\bwording\b|"
                              r"[\"“']take the lead[\"”']|\bnamed as (?:the )?lead\b", I)
NOT_FIRST_LEAD_RE = compile_later(
    r"(?:first[- ]listed|listed first|named first|first (?:agency|one|department|body|name)(?: listed| named)?)\b"
    r"[^?]{0,30}\b(?:not|isn't|n't)\b[^?]{0,12}\blead|\blead\w*\b[^?]{0,25}\b(?:isn't|is not|not)\b[^?]{0,15}"
    r"\b(?:first[- ]listed|listed first|the first (?:agency|one|listed))|\bother than the (?:one|agency) listed first\b", I)
# Tasks by their number of agencies: "tasks that involve only two agencies", "tasks with more than 10 agencies".
TASK_SIZE_RE = compile_later(r"\b(?:(?P<cmp>exactly|only|just|more than|over|at least|fewer than|less than|under|at most)\s+)?"
                          r"(?P<n>\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)\s+"
                          r"(?:(?:responsible|listed|named|participating)\s+)?"
                          r"(?:agencies|departments|bodies|ministries|organi[sz]ations)\b"
                          # "only a single responsible agency", "just one agency"
                          r"|\b(?:(?P<cmp1>exactly|only|just)\s+)?(?P<n1>one|a single|single|a sole|sole)\s+"
                          r"(?:(?:responsible|listed|named|participating)\s+)?"
                          r"(?:agency|department|body|ministry|organi[sz]ation)\b(?!\s+(?:of|in|on|from)\b)", I)
# "Leaving out joint leads and the 'each responsible' tasks, ...": kinds of task the question sets aside, up to
# the next comma or question mark.
LEAVING_OUT_RE = compile_later(r"\b(?:leaving out|leave out|excluding|exclude|not counting|setting aside|ignoring|apart from"
                            r"|other than|except(?: for)?|minus)\b[^,?]*", I)

# --- positions ----------------------------------------------------------------------------------------
_ORDINAL = (r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ])?(?:first|second|third|fourth|fifth|sixth|"
            r"seventh|eighth|ninth)|second[- ]to[- ]last|next[- ]to[- ]last|penultimate|last|final|opening|closing|tenth|"
            r"eleventh|twelfth|"
            r"(?:thir|four|fif|six|seven|eigh|nine)teenth|(?:twen|thir|for|fif|six|seven|eigh|nine)tieth|\d+(?:st|nd|rd|th)")
ORDINAL_ITEM_RE = compile_later(
    rf"\b({_ORDINAL})"
    r"\s+(?:one|task|item|entry|point|thing)s?\b(?!\s+(?:listed|named))"
    # "which one is the last?", "which task comes first?", "which one is second?"
    rf"|^\W*(?:and\s+|but\s+)?(?:(?:what|how)\s+about\s+|who\s+leads\s+|who\s+runs\s+)?the\s+({_ORDINAL})\s*[?.!]*$"
    rf"|\b(?:which|what)(?:\s+(?:one|task|item))?\s+(?:is|comes|was)\s+(?:the\s+)?({_ORDINAL})\b"
    r"(?![- ]to[- ])(?!\s+(?:one|task|item|entry|point|thing)s?\b)"
    r"(?!\s+(?:agenc|department|body|bodies|ministr|part|heading|section|listed|named))"
    # "the task right after the last of those", "the second of them"
    rf"|\bthe\s+({_ORDINAL})\s+(?:of|in|on)\s+(?:those|these|them|that\s+list|the\s+list|this\s+list|your\s+list)\b", I)
# Several ordinals before one noun: "the 18th and 19th tasks", "the first and the last tasks of part 5".
ORDINALS_RE = compile_later(rf"\b(?P<all>(?:{_ORDINAL})(?:\s*,\s*(?:the\s+)?(?:{_ORDINAL}))*\s*,?\s*(?:and|&)\s+(?:the\s+)?"
                         rf"(?:{_ORDINAL}))\s+(?:ones|tasks|items|entries)\b", I)
ONE_ORDINAL_RE = compile_later(rf"\b(?:second[- ]to[- ]last|next[- ]to[- ]last|{_ORDINAL})\b", I)  # the longer first
# "before"/"after" as positions only next to a task ("the task before it", "after task 57", "before the trade
# secrets one"), not as conjunctions ("before the state commits", "after it has been granted").
_NEAR_WORDS = r"right|just|immediately|directly"
_NEAR = rf"(?:(?:{_NEAR_WORDS}) )?"
# How many places away: "two after task 99", "the second task after the think tank task", "three before 10" (the
# ordinal before the noun counts the steps; after the position word it names the anchor: "after the second one").
STEPS_RE = compile_later(r"\b(?:(?P<word>two|three|four|five|2|3|4|5)|(?P<ordinal>second|third|fourth|fifth|2nd|3rd|4th|5th)"
                      r"\s+(?:task|one|item))\s+(?:tasks?\s+|places?\s+|items?\s+|ones\s+|positions?\s+)?"
                      r"(?:right |just |immediately |directly )?(?P<direction>after|before|following|preceding)\b", I)
# "co-led by two agencies": the joint lead, not a number of agencies on the task (blanked to its first words).
JOINT_BY_TWO_RE = compile_later(r"\b(co-?led|jointly led|led jointly|co-?headed)\s+by\s+(?:two|2|both|a pair of|more than one)"
                             r"\s+(?:agencies|departments|bodies|ministries|leads)\b", I)
# "the tasks between task 84 and task 87": those strictly between.
BETWEEN_RE = compile_later(r"\bbetween\s+(?:tasks?\s+)?(?P<low>\d{1,3})\s+and\s+(?:task\s+)?(?P<high>\d{1,3})\b", I)
# "the middle one", "the middle task of heading (2)": the one in the middle of the list or scope.
MIDDLE_RE = compile_later(r"\b(?:the\s+)?middle\s+(?:one|task|item)s?\b|\bin the middle\b", I)
# How near a position is, said before its anchor: not the anchor's subject ("immediately before the ...").
NEAR_RE = compile_later(rf"\b(?:{_NEAR_WORDS})\b", I)
_ANCHOR = (r"(?:tasks?\s*(?:no\.?\s*)?#?\d+|#\d+|\d+\b|it\s*[?.!]*$|that(?: one| task)?\s*[?.!]*$|this(?: one| task)?\s*[?.!]*$"
           r"|the (?:\w+[ -]){0,5}?(?:one|task|item)\b"
           r"|the \w+(?:[ -]\w+){0,2} (?:of|in|on) (?:those|these|them|th(?:at|is|e|your) list)\b)")
BEFORE_RE = compile_later(rf"\b(?:task|one|item|entry)\s+{_NEAR}(?:before|preceding|above)\b|\b{_NEAR}(?:before|preceding|"
                       rf"prior to)\s+{_ANCHOR}|\bprevious (?:task|one|item)\b|\bthe one before\b"
                       r"|^\W*(?:(?:and|ok|okay|so|then|what about|how about)\W+)?(?:the\s+)?(?:previous|preceding)\W*$"
                       rf"|\b{_NEAR}(?:precedes|comes before|is before)\s+{_ANCHOR}"
                       rf"|^\W*(?:which|what) (?:task|one|item)(?: number)? (?:is|comes|sits|falls|lies) {_NEAR}(?:before|"
                       r"preceding)\b", I)
AFTER_RE = compile_later(rf"\b(?:task|one|item|entry)\s+{_NEAR}(?:after|following|below)\b|\b{_NEAR}(?:after|following)"
                      rf"\s+{_ANCHOR}|\bnext (?:task|one|item)\b|\bthe next one\b|\bthe one after\b"
                      # "and the next?", "next?", "the one after that?": the bare word, ending a follow-up
                      r"|^\W*(?:(?:and|ok|okay|so|then|what about|how about)\W+)?(?:the\s+)?(?:next|following)\W*$"
                      rf"|\b{_NEAR}(?:follows|comes after|is after|succeeds)\s+{_ANCHOR}"
                      rf"|^\W*(?:which|what) (?:task|one|item)(?: number)? (?:is|comes|sits|falls|lies) {_NEAR}(?:after|"
                      r"following)\b", I)

# --- claims -----------------------------------------------------------------------------------------
CLAIM_START_RE = compile_later(
    r"^(?:is|isn't|does|doesn't|do|are|aren't|was|did|can you (?:check|confirm|verify)|check|verify|confirm|true or false"
    r"|correct me|am i right|fact[- ]check|(?:quick|just a|a quick|sanity|double)[- ]check"
    r"|(?:pls|plz|please|kindly)\s+(?:check|verify|confirm)"
    # "so the leading group office doesn't lead it?": a conclusion put back to be confirmed
    r"|(?:so|and so|then)(?=\s[^?]*\b(?:lead|leads|led|is|are|isn't|aren't|doesn't|does not|takes? part)\b[^?]*\?\s*$)"
    # "In the customs annual report one, is the post office involved?": the task set out first, then the question
    r"|(?:in|for|on|regarding|about|as for|as to|with)\s[^?]{3,120}?,\s*(?:is|isn't|are|aren't|does|doesn't|do|was|did)"
    r"(?=\s[^?]*\?\s*$))\b"
    # "task 57 is the one on geographical indications?": a task said to be about something
    r"|^\s*tasks?\s*\d+\s+is the one (?:on|about|for|that|covering|dealing with)\b"
    # a report's sentence pasted as it stands: "Task 88 lists the Patent Cooperation Treaty.", "Task 47 is the
    # compulsory licensing task." (no question mark: a statement to check, not a question about the task)
    r"|^\s*tasks?\s*\d+\s+(?:is about|is on|lists|names|mentions|covers|deals with|concerns|handles|is the [\w -]{3,40}? task)"
    # ... but "Task 1 names 5 agencies; which of them ...": a list set up for the question after it
    r"\b(?!\s+\S+\s+(?:agenc|department|bod|ministr))[^?]*$", I)
# A statement about a task asked back with a question mark alone ("Task 30 is a public satisfaction survey on IP
# protection?", "Task 101 deals with overseas insurance?"): a claim to check.
STATEMENT_ASKED_RE = compile_later(
    r"\s*tasks?\s*(?:no\.?\s*)?\d{1,3}\s+(?:(?:also|only|mainly|just)\s+)?(?:(?:will|would|shall|should|must)\s+[a-z]+|is|was|covers?|deals?\s+with|concerns?|relates?\s+to|handles?|includes?|"
    r"address(?:es)?|mentions?|focus(?:es)?\s+on|talks?\s+about|sets?\s+up|establish(?:es)?|promotes?|requires?|calls?\s+for|"
    r"aims?\s+(?:to|at|for)|encourages?|supports?|builds?|creates?|improves?|strengthens?|pilots?|explores?|expands?|"
    r"releases?|publish(?:es)?|launch(?:es)?|protects?|reduces?|raises?|develops?)\b[^?]*\?\s*$", I)
CLAIM_END_RE = compile_later(r"(?:right|correct|true|accurate|right one|correct one|isn't it|is that so|yes or no|no|ok|okay|valid|the right task|"
                          r"yes|yeah|yep|check|agreed|confirm|"
                          r"a valid citation|properly cited|does it|doesn't it|is it|right or wrong|true or false|"
                          r"correct or not|accurate or not|"
                          # a reviewer's closing question: "is that how the notice assigns it?", "does that hold up?"
                          r"(?:is|was) (?:that|this) how [^?]{0,40}|(?:does|do) (?:that|this|it) (?:hold up|check out|stand)|"
                          r"ok(?:ay)? to keep|(?:please )?verify|hold up|check out|spot on|fine|"
                          r"the right (?:task )?(?:number|task|citation|reference))\s*[?.!]*\s*$", I)
# "the deal-making side rather than the search database": what the topic is not, to the end of the sentence.
CONTRAST_RE = compile_later(r",?\s*\b(?:rather than|instead of|as opposed to|and not|but not|not)\s+(the\s+(?:\w+[ -]){0,5}?"
                         r"(?:one|side|part|task|database|platform|system|mechanism|work|bit)\b[^?.!]*)", I)
# A clause that grants something in passing ("... even though the Ministry of Finance is listed first"): what it
# says of an agency is context, checked only as "listed", not as the claim's role.
# "Is SIPO the lead on task 38? If not, who is?": what to say if the claim fails, which no claim answer leaves out;
# its "not" is no negation of the claim.
CONDITIONAL_TAIL_RE = compile_later(r"(?<=[?.!,;])\s*(?:and\s+)?if (?:not|so|yes|no|it isn'?t|it is)\b.*$", I | re.S)
CONCESSIVE_RE = compile_later(r"\b(?:even though|even if|although|though|despite|whereas|while)\b", I)
# A clause that tells the 2018 history before the question ("Since the Ministry of Justice absorbed the LAO, ..."):
# the agencies in it are context; the question names the one it asks about after the comma.
SUCCESSION_CLAUSE_RE = compile_later(
    r"^(?=[^?]*?\b(?P<verb>absorbed|took over|taken over|folded into|merged into|merged with|became|was renamed|renamed|"
    r"incorporated into|subsumed|replaced|now part of|restructured|reorgani[sz]ed|succeeded|split into|went to|"
    r"hosts|houses|took in|oversees)\b)"
    # ... up to the comma where the question starts, not a comma inside a list ("SAMR absorbed SAIC, AQSIQ and
    # CFDA, so which ..."), or up to the sentence's end, commas and all
    r"(?:[^?]*?,|[^?.;]*?[.;:](?=\s))"
    r"(?=\s*(?:so\s+)?(?:which|what|who|whom|how|does|do|did|is|are|was|were|list|name|tell|show|give|can|could|"
    r"in which|on which)\b)", I)
# The verbs of such a clause whose subject is the new body ("SAMR absorbed SAIC"): the old one comes after them.
NEW_FIRST_VERBS = frozenset({"absorbed", "took over", "replaced", "succeeded", "hosts", "houses", "took in", "oversees"})
# The lead of the task just shown, named by its role: "what is the lead called today?"
THE_LEAD_RE = compile_later(r"\b(?:the|its|that|their)\s+lead(?:\s+(?:agency|department|body|ministry))?\b", I)
# A question after such a clause that names no agency points back at the old one: "Which tasks was that office on?"
OLD_AGENCY_REF_RE = compile_later(r"\b(?:that|this|the old|the former|those|these|the two|both)\s+(?:two\s+|three\s+)?"
                               r"(?:agenc(?:y|ies)|departments?|bod(?:y|ies)|ministr(?:y|ies)|offices?|administrations?|"
                               r"authorit(?:y|ies)|organi[sz]ations?|commissions?|bureaus?|ones?)\b|\b(?:it|they|them)\b", I)
# Brackets after an agency that add the body it took in: "the Ministry of Justice (including the old LAO)".
# Words that restate a 2018 body as the agencies it replaced ("our predecessors", "the former ...", "what used to be").
PREDECESSORS_RE = compile_later(r"\bpredecessors?\b|\bformer(?:ly)?\b|\bused\s+to\s+be\b|\bthe\s+old\b|\bback\s+then\b"
                                r"|\bbefore\s+(?:the\s+)?(?:2018|merger|reorgani[sz]ation)\b", I)
# Another agency counted in with the first ("counting its predecessor the LAO", "including the NCA now under us")
COUNTING_IN_RE = compile_later(r"\bcounting\b|\bnow\s+under\b", I)
INCLUDING_RE = compile_later(r"\s*(?:including|incl\.?|plus|with|and|together with|as well as)\b", I)
# A claim about an agency over a set of tasks, not one task: "X doesn't lead any task", "X leads no task in part 2".
EXISTS_RE = compile_later(r"\bever (?:lead|leads|take|takes|head|heads)\b|\b(?:a )?lead anywhere\b|\banywhere\b|\bany (?:of the |other )?tasks?\b|\bno tasks?\b|\bat least one\b|\ba single task\b|\bany items?\b"
                       r"|\bnot one task\b|\bnone of the tasks\b|\b(?:lead|leads|head|heads) (?:anything|nothing|none)\b|"
                       r"\bnever (?:a |the |any )?(?:lead|leads|leading)\b|\bever (?:share|shares|co-?leads?|jointly)\b"
                       r"|\bwith (?:anyone|anybody|any other|another (?:agency|department|body|ministry))\b", I)
# A list asked as yes or no: "Is there any task where ...", "Are there tasks that ...", "Does any task list ...",
# "Do any of the part 5 tasks ...".
ANY_TASK_ASKED_RE = compile_later(
    r"^\W*(?:so\s+|and\s+|but\s+)?(?:is there|are there|is there ever|are there ever|does any|do any|is any|are any|has any"
    r"|have any|can you find any|could there be any)\b(?:\s+(?:\w+\s+){0,4}?)?(?:tasks?|items?|one)\b"
    # "any of those in part 5?", "are any of them under heading 2?": the last list, narrowed, asked yes or no
    r"|^\W*(?:so\s+|and\s+|but\s+)?(?:(?:are|is|were|do|does|did|has|have)\s+)?any(?:\s+of)?\s+(?:them|those|these)\b", I)
# Whether the notice has anything on a subject ("Is there anything in there about insurance for ...?", "Is there a
# fund that covers ...?", "Does the plan say anything about ...?"): yes or no, then the task found.
EXISTS_ASKED_RE = compile_later(
    r"^\W*(?:so\s+|and\s+|but\s+)?(?:is|are)\s+there\b|^\W*anything\b"
    r"|\b(?:does|do)\s+(?:the\s+notice|this\s+notice|the\s+plan|this\s+plan|the\s+document|the\s+text|it)\s+"
    r"(?:say|mention|cover|have|contain)\s+(?:anything|something)\b", I)
EVERY_RE = compile_later(r"\bevery (?:single )?task\b|\ball (?:the |of the )?tasks\b|\beach task\b|\bevery one of the tasks\b", I)
# "except task 65", "other than tasks 64 and 66": task numbers left out of a set, not the set.
EXCEPT_TASKS_RE = compile_later(r"\b(?:except(?: for)?|other than|apart from|aside from|besides|but not|excluding|save for)\s+"
                             r"(?:tasks?\s+)?"
                             r"(\d+(?:\s*(?:,|and|or)\s*\d+)*)", I)
# "task 27 has no agency other than its lead", "task 20 has 12 agencies": a claim on the size of a task's list.
AGENCY_COUNT_RE = compile_later(r"\b(?:has|have|lists?|names?|involves?|with)\s+(?:only\s+|just\s+|exactly\s+)?"
                             rf"({COUNT_WORD}|a single)\s+agenc", I)
ONLY_LEAD_RE = compile_later(r"\bno (?:other )?agenc\w* (?:other than|besides|but|apart from) (?:its|the) lead\b"
                          r"|\bonly (?:its|the|one) (?:lead|agency)\b", I)
NONE_RE = compile_later(r"\bno tasks?\b|\bnone of the tasks\b|\bnot one task\b|\b(?:lead|leads|head|heads) (?:nothing|none)\b", I)
# Words that say where a task sits ("Task 61 sits in Part IV", "task 24 is under heading (3)").
PLACE_RE = compile_later(r"\b(?:in|under|sits?|belongs?|falls?|placed|located|part of|filed)\b", I)
# A claim quoted in a reviewer's frame: "Claim: ...", "Reviewer note: '...'".
CLAIM_FRAME_RE = compile_later(r"^\s*(?:claim|reviewer'?s? note|review note|reviewer|note|statement|assertion)\s*:", I)
REVIEW_RE = compile_later(
    r"\b(?:memo|report|draft|note|brief\w*|document|slide|paper|colleague|we|i|text|deck|minutes|summary|article|"
    r"footnote|review|reviewer|chapter|submission|table|annex|appendix)\b.{0,40}"
    r"\b(?:says?|said|cites?|cited|citing|quoting|quotes?|using|uses|states?|claims?|attributes?|lists?|puts?|assigns?|writes?|wrote|credits?|reads?|"
    r"refers? to|references?|mentions?)\b"
    r"|\b(?:is|was) (?:that|this|it) (?:right|correct|accurate|true)\b|\bright task\b|\bthe right citation\b"
    r"|\bis (?:that|this|it) what the notice (?:says|said|states)\b|\bdoes the notice (?:really |actually )?say (?:that|so)\b"
    # "Does the task say that?", "Does task 99 actually say so?", "Is that in the task?"
    r"|\b(?:does|did) (?:the task|it|task \d{1,3}) (?:really |actually )?say (?:that|so|this)\b"
    r"|\b(?:is|was) (?:that|this|it) (?:actually |really )?(?:in|what) (?:the task|task \d{1,3}|it)(?: says)?\b"
    r"|\bcorrect (?:task|citation)\b|\bfor (?:the )?(?:topic|subject) of\b", I)
# A reviewer's citation of a task the notice lacks, with the subject it was cited for: "The draft cites Task 112 as
# the one that has SIPO draw patent navigation maps. Is the citation correct?"
MISSING_TASK_CITED_RE = compile_later(r"\b(?:cites?|cited|citing|references?|refers? to|attributes?|credits?)\b.{0,20}"
                                   r"\btask\s*\d+\b.{0,12}\b(?:as|for|on|about|regarding|which|that)\b\s+\S+(?:\s+\S+){2,}", I)
# A task number the notice lacks, with the subject the asker meant by it: "Task 107, the one on expanding the patent
# prosecution highway network - who's responsible?", "task 150 about building an IP think tank", "In task 120, the
# customs IP annual report one, ...". The number is said not to exist; the subject is answered (parser.parse).
MISSING_TASK_SUBJECT_RE = compile_later(
    r"(?P<number>\b(?:task|item)\s*(?:no\.?\s*|number\s*|#\s*)?\d+)"
    r"(?=\s*(?:[,(:]\s*|[-\u2013\u2014]\s+|\s+)(?:(?:which|that)\s+(?:is|was|covers|deals\s+with)\s+|the\s+(?:one|task|item)\s+|"
    r"i\.e\.?\s+)?(?:on|about|covering|concerning|regarding|dealing\s+with|re:?)\s+(?:the\s+|a\s+|an\s+)?[A-Za-z]"
    r"|\s*,\s*(?:the|that|this)\s+[A-Za-z][\w\s'-]{2,60}?\s+(?:one|task|item)\b"
    r"|\s*\(\s*(?:the\s+|on\s+|about\s+)?[A-Za-z][^)]{6,}\))", I)
# "Does SIPO handle patents?": yes/no about an agency and a topic, with no task named.
HANDLES_RE = compile_later(r"\b(?:handle|handles|deal with|deals with|cover|covers|work on|works on|responsible for|"
                        r"look after|looks after|take care of|takes care of|do|does)\b", I)

# --- follow-ups ---------------------------------------------------------------------------------------
# "Any in part 3?", "any of them under heading (2)?": the last list again, in another scope (grammar.scope_swapped).
ANY_IN_SCOPE_RE = compile_later(r"^\W*any(?:\s+(?:of\s+)?(?:them|those|these|ones))?(?:\s+(?:also|too))?\s+(?:in|under|from|within)\b", I)
FOLLOWUP_START_RE = compile_later(
    r"^(?:and|also|so|then|ok|okay|what about|how about|and what about|same for|and for|what of|now)\b", I)
# "Who is listed last on task 29?", "which agency comes second in task 20's list?": one agency of a task by its place
# in the list ("listed first" is the lead's question, answered with the listing order).
LISTED_AT_RE = compile_later(r"\b(?:listed|named|mentioned|comes?|appears?|is)\s+(last|second|third|fourth|fifth|2nd|3rd|4th|"
                          r"5th)\b(?!\s+(?:task|part|heading))", I)
# Which agency stands at a place, asked of the task just shown: "What is the third agency listed?", "who's the
# last one on it?", "and the second?" (the agency itself, not the tasks it is on).
IDENTITY_NTH_RE = compile_later(r"^\W*(?:and\s+|so\s+)?(?:(?:what|which|who)(?:'s|\s+is|\s+was|\s+comes)?\s+)?(?:the\s+)?"
                             r"(first|second|third|fourth|fifth|sixth|seventh|eighth|last|1st|2nd|3rd|4th|5th|6th)\s*"
                             r"(?:agency|department|body|one|name|entry)?(?:\s+(?:listed|named|on (?:it|the list)|in the list))?"
                             r"\s*[?.!]*\s*$", I)
# Where an agency stands in the list of the task just shown: "What position is the Copyright Bureau in the list?",
# "where is SIPO listed?", "how far down the list is MOFCOM?".
POSITION_OF_AGENCY_RE = compile_later(r"\bwhat (?:position|place|number|rank)\b|\bwhere (?:is|does)\b.{0,60}\b(?:listed|named|come|"
                                   r"sit|appear|stand)\b|\bhow far down\b|\bwhich place\b", I)
# "And 17?", "what about 40?" just after a task: the number is the next task asked about.
BARE_NUMBER_FOLLOW_UP_RE = compile_later(r"^\W*(?:and|what about|how about|same for|and for|then|ok|okay)?[\s,]*(?:#|no\.?\s*)?"
                                      r"\d{1,3}\s*[?.!]*\s*$", I)
# "task 40 or task 41 or both", "either task 40 or 41": a claim that holds if it holds on one of the tasks.
EITHER_TASK_RE = compile_later(r"\btasks?\s*\d+\s*,?\s*or\s+(?:task\s*)?\d+|\beither (?:of )?(?:tasks?\s*)?\d+|\bor both\b|"
                            r"\bany of (?:tasks?\s*)?\d+", I)
# "How many tasks ...": the tasks are counted, whatever agency the question names.
HOW_MANY_TASKS_RE = compile_later(r"\bhow many (?:of (?:the|those|these) )?(?:part \w+ |heading \S+ )?(?:tasks|items)\b|\bnumber of tasks\b", I)
# "how many agencies does the notice name in all?": the whole notice, even just after a task.
# The notice's outline asked for: its parts, listed with their titles and sizes.
STRUCTURE_RE = compile_later(r"\bwhat (?:are|is) (?:the |its )?(?:\w+ )?parts\b|\b(?:list|name|show|give)(?: me)? (?:all )?(?:the |its )?"
                          r"(?:\w+ )?parts\b|\bwhat parts\b|\bwhich parts (?:does|are there|make up)\b|\bstructur\w*\b|"
                          r"\boutline of\b|\boverview of (?:the|this) (?:notice|document|plan)\b"
                          r"|\bhow is (?:the|this) (?:notice|document|plan) (?:organi[sz]ed|laid out|arranged|divided)\b", I)
WHOLE_NOTICE_RE = compile_later(r"\bnotice\b|\bin (?:total|all)\b|\boverall\b|\baltogether\b|\bwhole\b|\bdocument\b"
                             r"|\bacross\b|\bevery part\b|\ball (?:the )?(?:tasks|parts)\b", I)
# "one of those 'each responsible' tasks" is a kind of task, not the last list.
# A follow-up that narrows the last list by a subject asks for several tasks when its verb is plural ("which of
# those are about trademarks?") and for one when it is singular ("which of them deals with trade secrets?").
LIST_SUBJECT_PLURAL_RE = compile_later(r"\b(?:which|what|any) (?:ones? )?(?:of|among) (?:them|those|these|that list|the list)"
                                    r"\s+(?:are|have|deal|cover|concern|involve|mention|relate|touch|speak|talk)\b"
                                    r"|\bwhich ones\b", I)
LIST_REF_RE = compile_later(r"(?<!\bone )\b(?:of|among|from|in|on) (?:those|these|them|the above|that list|the list|this list|the ones)\b"
                         r"|\bwhich of\b|(?<!\bone of )\bthose\b|(?<!\bone of )\bthese\b|\bthem\b|\bthe others\b|\bthat list\b|\bthe list\b"
                         r"|\beach of them\b|\ball of them\b|\bthe rest\b|\bthe ones (?:in|under|on|that|which|where|led|headed|run|involving|with|naming|including)\b"
                         r"|\b(?:its|their) tasks\b"
                         r"|^\W*(?:only|just|keep)\b|\beach(?: one)?\s*[?.!]*\s*$"
                         r"|^\W*(?:and\s+)?which (?:ones?\s+)?(?:are|is)\s+(?:in|outside|not in|under)\b"
                         r"|^\W*(?:and\s+)?which ones\b|\bwhich one of (?:those|these|them)\b"
                         # "Which one doesn't involve SIPO at all?", "which one names the CCPIT?" just after a list
                         r"|^\W*(?:and\s+)?which one (?:doesn't|does not|isn't|is not|has no|never|involves|includes|names|"
                         r"lists|mentions|is about|deals with|covers)\b"
                         r"|^\W*(?:and\s+)?(?:now\s+)?(?:drop|remove|exclude|filter out|get rid of|leave out|take out|discard)\b", I)
# A part or heading a follow-up leaves out of the list: "which of those are not in part 4?", "drop the ones in part
# 5", "outside part 3".
PLACE_LEFT_OUT_RE = compile_later(r"\b(?:not|n't|never|outside(?: of)?|except(?: for)?(?: those)?|other than|apart from|"
                               r"excluding|(?:drop|remove|exclude|leave out|take out|minus|without)(?: the ones| those| any| all)?"
                               r")\s+(?:(?:\w+\s+){0,2}?(?:in|under|from|of)\s+)?(?:the\s+)?(?:part|pt|heading|section)\b", I)
TASK_REF_RE = compile_later(r"\bit\b|\bits\b|\bthat task\b|\bthis task\b|\bthat one\b|\bthis one\b|\bthe same task\b"
                         r"|\bsaid task\b|\bthe task\b", I)
AGENCY_REF_RE = compile_later(
    r"\b(?:that|this|the same|same) (?:lead )?(?:agency|department|body|ministry|office|administration|authority|lead"
    r"|leader|organisation|organization)\b|\bthey\b|\bthe lead agency\b", I)
# A pronoun after "the second agency" (read as that agency): "which tasks in Part V is that one on?"
AGENCY_PRONOUN_RE = compile_later(r"\b(?:that one|this one|it)\b", I)
# "the first agency", "the second one listed", "the last department": an agency of the previous answer's list.
NTH_AGENCY_RE = compile_later(r"\bthe (first|second|third|fourth|fifth|sixth|last|1st|2nd|3rd|4th|5th|6th)(?:[- ]listed|[- ]named)?"
                           r" (?:agency|department|body|ministry|office|administration|one (?:listed|named|on (?:the|that) list))\b"
                           # "the second agency listed on it": where it is listed is the task shown, not the scope asked
                           r"(?:\s+(?:listed|named)?\s*(?:on|in|for) (?:it|that task|this task|that one))?", I)
# "the third one", "the last one listed": after a list of agencies, an agency of it.
NTH_ONE_RE = compile_later(r"\bthe (first|second|third|fourth|fifth|sixth|last|1st|2nd|3rd|4th|5th|6th) one\b", I)
# "does it actually lead", "they take part in": a pronoun that is the agency, as the subject of a role verb.
AGENCY_SUBJECT_RE = compile_later(r"\bhow many (?:tasks|items) (?:is|are|was|were) (?:it|they) (?:on|in|named (?:in|on)|"
                               r"listed (?:in|on)|involved in)\b|\b(?:does|do|did|is|are|was)(?:n't|n’t)?\s+(?:it|they)\s+(?:\w+\s+){0,2}?(?:lead|leading|head|heading|run|"
                               r"running|chair|take part|taking part|handle|handling|own|do|doing|work on)\b"
                               r"|\b(?:has|have)\s+(?:it|they)\s+got\b"
                               r"|\b(?:it|they)\s+(?:\w+\s+)?(?:leads|heads|runs|chairs|takes part|handles"
                               r"|owns)\b"
                               # "which tasks is it on?", "what tasks are they named in?" (after an agency)
                               r"|\btasks?\s+(?:is|are|was|were)\s+(?:it|they)\s+(?:(?:only|just|merely|also|actually)\s+)?"
                               r"(?:on|in|named (?:in|on)|listed (?:in|on)|involved in)\b", I)
# "What else does that agency lead?": everything but the task just discussed.
# Another task of the agency named with one: "X is on task 50 - what other task is it on?".
OTHER_TASKS_RE = compile_later(r"\b(?:what|which) (?:other|else|more)\s+tasks?\b|\bwhat other\b|\bany other tasks?\b", I)
ELSE_RE = compile_later(r"\belse\b|\bother (?:tasks?|ones?|items?)\b|\b(?:besides|apart from|other than) (?:it|that|this)"
                     r"(?: (?:one|task))?\b", I)
# "which tasks do the others lead?", "what tasks are the rest of them on?": the tasks of the rest of a list of agencies.
OTHERS_TASKS_RE = compile_later(r"\b(?:which|what|list|show|name)\s+(?:\w+\s+)?tasks?\b|\btasks? (?:do|does|are|is)\b"
                             r"|\b(?:lead|leads|on|in)\s+(?:a|any|one)\s+task\b", I)
# The words that set an agency aside ("besides the IP office"): not "taking part" (PARTICIPANT_RE has "besides").
SET_ASIDE_WORDS_RE = compile_later(r"\b(?:besides|apart from|aside from|other than|except(?: for)?|not counting|leaving out"
                                r"|leave out|excluding|without)\b", I)
# An agency set aside by a word after it: "Setting SIPO aside, ...", "..., SIPO aside?", "leaving MOFCOM out".
ASIDE_AFTER_RE = compile_later(r"\s*(?:aside|apart|out of it|excluded|left out|out)\b(?!\s+(?:of|from)\b)", I)
# Right before an agency set aside: "apart from SIPO", "besides the MOF", "other than SAIC", "not counting customs".
SET_ASIDE_BEFORE_RE = compile_later(r"\b(?:besides|apart from|aside from|other than|except(?: for)?|not counting|leaving out"
                                 r"|leave out|excluding|bar|setting|putting|leaving)\s+(?:the\s+)?$", I)
# Between two agencies set aside together: "besides SIPO and the LAO", "apart from MOFCOM, MOST or the MOF".
JOINED_NAME_RE = compile_later(r"\s*(?:,\s*)?(?:(?:and|or|&)\s+)?(?:the\s+)?", I)
# "SIPO itself": the agency, set aside from those named with it.
ITSELF_AFTER_RE = compile_later(r"\s+itself\b", I)
# "which other task ...?" asks for a task, not for the other agencies on one
A_TASK_WORD_RE = compile_later(r"\b(?:tasks?|items?)\b", I)
WHO_ELSE_RE = compile_later(r"\bwho else\b|\bwhich other\b|\bwhat other\b|\b(?:any|some)(?:one|body)\b"
                         r"|\bany other (?:agenc|department|bod(?:y|ies)|ministr)", I)
# Agencies said to have a task together, its subject after: "SAIC and the farm ministry have a task on rural
# trademarks", "the customs and the post office share a task on ...", "SIPO is on a task about ...".
HAVE_A_TASK_RE = compile_later(r"\b(?:have|has|share|shares|are on|is on|work on|works on|appear on|appears on|sit on|sits on)\s+"
                            r"(?:a|an|one|some|the)\s+(?:\w+\s+)?(?:task|item|job)\s+(?:on|about|for|covering|regarding|"
                            r"concerning|dealing with|to do with)\b", I)
# "besides the lead", "not counting the two leads": the lead(s) of the task the last list came from, set aside.
LEADS_LEFT_OUT_RE = compile_later(r"\b(?:apart from|aside from|besides|except(?: for)?|not counting|leaving out|leave out|"
                               r"other than|excluding|without|bar)\s+(?:the\s+)?(?:two\s+|joint\s+|co-?)?"
                               r"(?:leads?|lead agenc(?:y|ies)|leaders?)\b", I)
# The tasks of a list that a narrowing left out, asked of after it ("Which of them are in part 2?", "and the one that
# isn't?", "what about the rest?"): conversation.rest_of_list.
REST_OF_LIST_RE = compile_later(
    r"\bthe\s+(?:one|ones|task|tasks|item|items)\s+(?:that|which)\s+(?:is|are|was|were|does|do)\s*(?:n['’]?t|not)\b"
    r"(?:\s+(?:in\s+(?:it|there|that\s+part|(?:part|heading)\s+\w+)|on\s+(?:it|there)))?"
    r"|\bthe\s+(?:one|ones|task|tasks|item|items)\s+(?:left(?:\s+(?:over|out))?|not\s+in\s+(?:it|there|that\s+part|"
    r"(?:part|heading)\s+\w+)|outside\s+(?:it|that\s+part|(?:part|heading)\s+\w+))"
    r"|\bthe\s+other\s+(?:one|ones|task|tasks)\b|\bthe\s+others\b|\bthe\s+rest(?:\s+of\s+(?:them|those|the\s+list))?\b"
    r"|\bthe\s+remaining\s+(?:one|ones|tasks?)\b|\bthe\s+remainder\b", I)
OTHERS_RE = compile_later(r"\b(?:and )?the others\b|\bthe rest\b|\bthe remaining\b|\bthe other ones\b", I)
MORE_RE = compile_later(r"\btell me more\b|^\s*more\b|\bmore (?:detail|details|about it|on (?:it|that))\b|\belaborate\b", I)

# --- details the notice never gives -----------------------------------------------------------------
# A claim of what a task is about ("task 9 is about IP statistics"), whatever detail word its subject holds.
ABOUT_RE = compile_later(r"\b(?:is|are|was) (?:about|on|for)\b|\bcovers?\b|\bdeals? with\b|\bconcerns?\b", I)
UNSTATED_DETAILS: tuple[tuple[str, re.Pattern], ...] = (
    ("a deadline or date", compile_later(
        r"\bwhen (?:must|should|will|is|are|was|do|does|did|has|have)\b|\bdeadlines?\b|\bdue (?:date|by)\b|\bby when\b"
        r"|\b(?:on )?what (?:year|date|month|day)s?\b|\btimelines?\b|\btime ?frames?\b|\bschedule\w*\b|\b(?:completed|finished|done|"
        r"achieved|implemented) by\b|\bstart date\b|\bend date\b|\bhow long\b|\btarget date\b"
        r"|\bwhen\b.{0,50}\b(?:held|take place|happen\w*|start\w*|begin\w*|launch\w*|open\w*|due|set up|established|"
        r"introduced|issued|published|released)\b|\bwhich (?:year|month|quarter)\b|\bin what year\b"
        r"|\bcompletion date\b|\bdate of completion\b|\bwhen\b.{0,60}\b(?:completed?|finish(?:ed)?|done)\b", I)),
    ("a duration or frequency", compile_later(
        r"\bhow (?:often|frequently)\b|\bfrequency\b|\bhow many (?:days|weeks|months|years|hours)\b|\bwithin how\b"
        r"|\bturnaround\b|\bprocessing time\b|\bhow quickly\b|\bhow fast\b", I)),
    ("a budget or amount of money", compile_later(
        r"\bbudgets?\b|\bfunding (?:level|amount)\b|\bhow much (?:money|funding|will|does|is|was|did|has)\b|\bamount of "
        r"(?:money|funding|funds)\b|\byuan\b|\bRMB\b|\bdollars?\b|\bhow much (?:is|was) (?:allocated|set aside)\b"
        r"|\bsize of (?:the |its |each )?(?:[\w-]+ ){0,5}?funds?\b|\bhow (?:big|large) (?:is|are|will be) (?:the |its )?(?:[\w-]+ ){0,5}?funds?\b", I)),
    ("the people responsible by name", compile_later(
        r"\bwho(?:'s| is| was) the (?:named )?(?:person|official|minister|director|head|contact)\b|\bnamed (?:official|person|"
        r"individual|officer)\b|\bofficial(?:'s)? name\b|\bwhich (?:\w+ ){0,2}?(?:official|person|minister|"
        r"director|officials|leaders?|premier|vice[- ]premier|councill?ors?)\b|\bname of the (?:person|official|minister|director|head)\b|\bcontact (?:person|details)\b"
        r"|\bwhich individual\b|\bwhat (?:is|'s) the name of\b"
        # "Who, by name, is the convener ...?", "who exactly chairs it, by name?"
        r"|\bby name\b|\b(?:whose|which) name\b", I)),
    ("places", compile_later(
        r"\bwhich (?:\w+ ){0,2}?(?:cities|city|provinces?|regions?|places?|localities|locations?|towns?|areas?|countries|country|nations?"
        r"|parks?|zones?|districts?|campuses|LDCs)\b|\bwhich (?:of (?:the|its|these) )?(?:(?!tasks?\b|items?\b)[\w-]+ ){0,3}?"
        r"(?:markets|exhibitions|fairs|ports)\b|\bhow many (?:countries|cities|provinces|regions|zones)\b|\bwhere (?:will|are|is"
        r"|were|was)\b.{0,80}?\b(?:pilot\w*|held|located|based|take place|carried out|set up|built|run)\b|\bin which "
        r"(?:cities|provinces|regions|countries)\b|\bwhat (?:cities|provinces|locations|countries)\b", I)),
    ("figures or results", compile_later(
        r"\bhow many (?:cases|people|patents|trademarks|applications|enterprises|companies|firms|seizures|complaints|staff"
        r"|times|infringement|investigations|prosecutions|lawsuits|products|experts|students|centres|centers)\b"
        r"|\bstatistics\b|\blast year\b|\bpercentage\b|\bper ?cent\b|\bresults? (?:so far|achieved)\b|\bprogress\b"
        r"|\bhas (?:it|this|that) been (?:done|completed|achieved|implemented)\b|\bsuccess rate\b|\bhow effective\b"
        # "how many" of anything the records do not count ("how many core patents", "how many new outlets")
        r"|\bhow many\b(?!\s+(?:does|do|did|is|are|was|were|of|in|altogether|total)\b)(?!\s+(?:\S+\s+){0,2}?(?:tasks?|items?|"
        r"agenc\w*|departments?|bod(?:y|ies)|ministr\w*|parts?|(?:sub-?)?headings?|(?:sub-?)?sections?|leads?|times|"
        r"organi[sz]ations?|offices?|authorit\w*|participants|names)\b)"
        r"|\b(?:sample size|target number|quota|how many .{0,30} (?:added|built|set up|cultivated|trained|created))\b"
        r"|\bhow (?:big|large) (?:is|are|will|was|should|must)\b"
        # a measured value by its kind: "what satisfaction score did the survey produce?", "the damages figure"
        r"|\bwhat\b(?:\s+(?:is|are|was|were|'s))?\s+(?:the\s+)?(?:[\w-]+\s+){0,4}?(?:scores?|ratings?|figures?|sums?|"
        r"values?|thresholds?)\b(?!\s+(?:of\s+)?(?:tasks?|agenc|parts?|headings?))", I)),
    # the entries of a list a task calls for: "Which industries are on the IP-intensive industry catalogue?"
    ("the industries or sectors by name", compile_later(
        r"\bwhich (?:specific |particular |exact )?(?:industries|sectors|fields|technologies)\b(?!\s+(?:tasks?|does|do)\b)"
        r"(?=.{0,60}\b(?:on|in|listed|included|named|covered|chosen|selected|count|qualify)\b)", I)),
    ("the companies or organisations by name", compile_later(
        r"\bwhich (?:\w+ ){0,2}?(?:companies|company|enterprises|firms|businesses|banks|universities|organi[sz]ations)\b"
        r".{0,40}\b(?:get|gets|receive|will|are|were|chosen|selected|covered|named|included|benefit)\b"
        # "Which foreign law enforcement agencies will China work with?": bodies abroad, which no task names
        r"|\bwhich foreign (?:[\w-]+ ){0,3}?(?:agencies|bodies|authorities|organi[sz]ations|partners|offices)\b", I)),
    ("an address or contact", compile_later(
        r"\b(?:web ?(?:site|address|page|link)|website|URL|e-?mail(?: address)?|phone number|telephone|hotline|"
        r"postal address|street address|contact (?:point|address))\b", I)),
    # a detail asked of what a task says: "Does task 100 say by how much fees will be cut?", "Does it name the stock
    # exchanges?", "Is task 1's conference to meet quarterly?"
    ("that detail", compile_later(
        r"\b(?:say|says|specify|specifies|set|sets|give|gives|state|states|fix|fixes|define|defines)\s+(?:\w+\s+){0,2}?"
        r"(?:how (?:much|many|big|large|often|long|soon)|by how much|when|where)\b"
        # "lists the (LAO) next to ...": an agency's blanked name is a run of spaces after "the", never a detail
        r"|\b(?:name|names|list|lists|identify|identifies)\s+(?:the\s(?!\s)|which\s+)(?!agenc|department|bod|ministr|office|lead"
        r"|part|heading|task|organi[sz]ation|international|treat|convention|agreement|declaration"
        # an agency's blanked name before a joining word: "tasks that name the (LAO) but have ..."
        r"|(?:but|and|or|as|of|in|on|to|for|with|that|who|whom|which)\b)(?-i:[a-z]+)\s*\w*"
        r"|\b(?:quarterly|monthly|weekly|biannual\w*|headcount|staffing|prize money|award money|how big the)\b"
        r"|,?\s+and when\s*[?.!]*\s*$", I)),
    ("a rate or ratio", compile_later(
        r"\bwhat(?:\s+is|\s+are|['’]s|\s+will be)?\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:rates?|ratios?|multipliers?|"
        r"multiples?|weights?|weightings?|proportions?|shares?|percentages?|cuts?|splits?)\b(?!\s+(?:of\s+)?(?:tasks?|agenc))"
        r"|\bhow many times (?:the|its|their)\b", I)),
    ("penalties or amounts", compile_later(r"\bhow (?:much|large|high) (?:is|are|will) the (?:fine|penalt|compensation|damages)"
                                        r"|\b(?:maximum|minimum|statutory) (?:[\w-]+ )?(?:fines?|penalt\w*|compensation|damages)\b"
                                        r"|\bexact (?:amount|limit)\b"
                                        r"|\bwhat (?:penalt\w*|fines?|sanctions?|punishments?)\b"
                                        r"|\bwhat(?:\s+is|\s+are|['’]s|\s+will be) the (?:\w+ ){0,3}(?:ceiling|cap|limit|amount|penalt\w*|"
                                        r"fines?|sanctions?|punishments?|sentences?)\b", I)),
)


# The words that only name a detail ("the deadline for the trade secret task", "the size of the patent storage funds"),
# taken out of the topic the task is searched by: no task speaks of deadlines. Not the words of the detail patterns
# above, which hold subject words too ("the new maximum statutory damages figure", "the VAT rate").
DETAIL_WORDS_RE = compile_later(
    r"\b(?:deadlines?|due\s+dates?|completion\s+dates?|target\s+dates?|end\s+dates?|start\s+dates?|timelines?"
    r"|time\s*frames?|schedules?|budgets?|funding\s+(?:level|amount)|size\s+of|how\s+(?:big|large)\s+(?:is|are|will\s+be)"
    r"|how\s+much\s+money)\b", I)


def without_detail(topic: str) -> str:
    """The topic without the words that only ask for a detail ("the deadline for the trade secret task" -> "trade
    secret task"): the task is found by its subject."""
    if not DETAIL_WORDS_RE.search(topic):
        return topic
    rest = " ".join(DETAIL_WORDS_RE.sub(" ", topic).split())
    rest = re.sub(r"^(?:(?:what|which|where|how)(?:'s|\s+is|\s+are)?\s+)?(?:the\s+)?(?:for|of|on)?\s*(?:the\s+)?", "", rest,
                  flags=I)
    return rest if len(rest.split()) >= 2 else topic
# Words in a task's own text that do give a detail of that kind ("the annual report": how often), so the question
# is answered with the task's words instead of "the notice does not state".
DETAIL_GIVEN: dict[str, re.Pattern] = {
    "a duration or frequency": compile_later(r"\bannual\w*|\byearly\b|\bevery year\b|\bregular(?:ly)?\b|\bmonthly\b", I),
    "a deadline or date": compile_later(r"\b(?:by|before|in|until) (?:the end of )?20\d\d\b", I),
    # named bodies and instruments: "the World Intellectual Property Organization", "the Doha Declaration"
    "the companies or organisations by name": compile_later(r"\b(?:[A-Z][a-z]+ ){1,5}(?:Organization|Forum|Treaty|Agreement|"
                                                         r"Convention|Declaration|Association|Council)\b"),
    # industries named in a list: task 57's "light industry, textiles, clothing and other industries"
    "the industries or sectors by name": compile_later(r"\b(?:\w+ )?\w+, (?:\w+, )*\w+ and other (?:industries|sectors|fields)\b",
                                                   I),
}
# Words right before a bare number that make it a task's place: "Which task comes just before 71?".
BEFORE_A_PLACE_RE = compile_later(r"\b(?:before|after|following|preceding|prior to|next to|ahead of|behind)\s+(?:no\.?\s*|#)?$", I)
# ... in a question about a task's place ("the task", "what comes", "the item"), not "after 2018".
PLACE_ASKED_RE = compile_later(r"\btasks?\b|\bitems?\b|\b(?:comes?|came|sits?|goes)\b|\bone\b", I)
# Nouns after a bare number that make it a quantity, not a task ("tasks with 1 agency").
QUANTITY_NOUN_RE = compile_later(r"^\s*(?:agenc|tasks?\b|or (?:more|fewer|less)\b|\+|lead(?:s|ership)?\b|lead roles?\b|times\b|headings?\b|parts?\b|years?\b|days?\b|%|per|million|"
                              r"billion|percent|departments?\b|bod|ministr|people\b|cases\b|yuan\b)", I)
# The notice named as the frame of a question, not its subject: "under this plan", "in this division of work".
FRAME_RE = compile_later(r"\b(?:under|in|according to|by|within|of|per|for) (?:this|the|that) (?:plan|division of (?:work|labou?r)|"
                      r"notice|document|programme|program|scheme|circular)\b"
                      # the notice's own name: "Under the intellectual property power initiative, which ministry ..."
                      r"|\b(?:under|in|for|within|of) (?:the |this )?(?:building of an? |construction of an? |building an? )?"
                      r"(?:intellectual property|IP) (?:power|powerhouse)(?: (?:initiative|construction|building|plan|"
                      r"programme|program|drive|push|effort|agenda))?\b", I)
# A question that asks which agency does something ("Who leads raising the ceiling on statutory damages?", "Which
# agency lets provinces try out ...?") names a detail as part of its subject, not as what it asks; it asks for the
# detail only with a question word on it ("how much", "by when", "which provinces", "who will head").
AGENCY_ASKED_START_RE = compile_later(
    r"^\W*(?:who(?:'s|\s+is)?\s+(?:leads?|leading|handles?|heads?|runs?|makes?|studies|responsible|in charge|oversees?|"
    r"coordinates?|promotes?|works?\s+on|does)\b|which\s+(?:agency|department|body|ministry|office|bureau|administration|"
    r"organi[sz]ation)\b)", I)
DETAIL_ASKED_RE = compile_later(
    r"\b(?:how\s+(?:much|many|long|big|large|often|soon|far)|when\b|where\b|what\s+(?:budget|amount|deadline|date|year|"
    r"figure|number|percentage|target|timeline|schedule)|which\s+(?:provinces?|cities|city|places?|regions?|companies|"
    r"firms|people|persons?|officials?|years?)|whose\b|who\s+will\b|by\s+what\b)", I)
# Words that say what is asked, not what about; what is left is the question's topic.
ASKING_RES = (WHO_RE, LEAD_RE, PARTICIPANT_RE, TEXT_RE, COUNT_RE)
# "the insurance one", "the tax ones": the pronoun after a subject, which the search should not read.
ONE_AFTER_SUBJECT_RE = compile_later(r"(?<=[A-Za-z])\s+ones?(?=\s*(?:[?.!,;]|$))", I)
# The subject of an agency's tasks, said where a list names it: before "tasks" ("Which trademark tasks does SAIC
# lead?", "its geographical-indication tasks") or after them ("tasks on patent pledges", "which of SIPO's tasks deal
# with trade secrets?"). Read on the question with its mentions blanked out, so a part, an agency or a number is
# never the subject; only words that are left and are not asking words are (parser._listed_subject).
SUBJECT_BEFORE_TASKS_RE = compile_later(
    r"\b(?:which|what|list|all|any|the|its|their|(?:\w+['’]s?))\s+(?:of\s+(?:the|its|their)\s+)?"
    # words of a modifier only: "the lead departments for the tasks" has none
    r"(?P<subject>(?:(?!(?:for|of|the|in|on|to|with|by|and|or|a|an|under|from|at)\b)[A-Za-z][\w-]*\s+){1,4}?)"
    r"(?:tasks|items)\b", I)
SUBJECT_AFTER_TASKS_RE = compile_later(
    # ("tasks in part 3 are about patents": the part is blanked, its "in" is left)
    r"\b(?:tasks|items)\s+(?:(?:in|under|of|from|within)\s+)?(?:(?:that|which)\s+)?(?:(?:are|is)\s+)?"
    r"(?:on|about|concerning|regarding|covering|cover|deal(?:ing)? with|deals with|relat(?:ed|ing|e) to|"
    r"touch(?:ing)? on|address(?:ing)?|concern)\s+(?P<subject>[^?.;,(]+)", I)
SUBJECT_AFTER_ROLE_RE = compile_later(  # "Which tasks does SIPO lead on patent pledge financing?"
    r"\b(?:tasks|items)\b[^?.;]*?\b(?:lead|leads|led|head|heads|run|runs|handle|handles|work|works)\s+on\s+"
    r"(?P<subject>[^?.;,(]+)", I)
# A task named by its subject: "the trade secrets task", "the geographical indications legislation one".
TASK_BY_SUBJECT_RE = compile_later(r"\bthe\s+(?P<subject>(?:[A-Za-z][\w'’-]*\s+){1,6}?)(?:task|item|one)\b", I)
# Words that say which of the tasks, not what they are about ("each-responsibility tasks", "co-led tasks"), to the
# end of the word.
SCOPE_WORDS_RE = compile_later(rf"(?:{SHARED_RE.pattern}|{JOINT_RE.pattern})[\w-]*", I)
# Three-letter subjects ("which tax tasks does the MoF lead?"); longer words are subjects unless they are asking words.
SHORT_SUBJECTS = frozenset("tax fee law gis sme soe ipr tcm pct".split())
# Short words written in capitals for stress, not acronyms: "On which ones is it named but NOT the lead?"
SHOUTED_GLUE = frozenset("not and the all any who how but for yes nor off out own why was are".split())
# Words before "tasks" that say which of them, not what they are about ("other tasks", "joint tasks").
NOT_A_SUBJECT = frozenset("other others more remaining such same different joint shared co-led each-responsible "
                          "related relevant oriented based focused connected linked "
                          "departments agencies bodies ministries offices lead leading "
                          "separate listed named numbered first last next previous following these those".split())
ASKING_FILLER = frozenset(
    "does that this them they those these what which there then also else anywhere anything covers cover covered every each "
    "predecessor predecessors their about handles handle handled deals "
    "deal with takes take tell please agency agencies body bodies ministry department office task tasks item items "
    "notice list show give find both either neither where when here whose responsible charge other others only "
    "same just exactly right correct true accurate memo says cites claim check verify confirm part parts heading "
    "headings section sections under within first last next previous before after sole single altogether total "
    "overall combined many much have been here anything something follows comes precedes succeeds mention mentions "
    "mentioned mentioning refer refers referring contain contains containing include includes comprise comprises "
    # the assigning, not the subject: "Which task assigns the MOE to ...", "makes SPB responsible for ..."
    "assign assigns assigned assigning require requires required gives give given makes make tasked charged entrust "
    "entrusts entrusted responsibility responsibilities duty duties "
    # "Which tasks touch on crowdfunding? I need all of them.", "tasks MIIT is on without leading"
    "touch touches touching need needs without "
    # "Kindly enumerate the tasks for which X bears responsibility", "what's on SAIC's plate?"
    "kindly enumerate bears bear plate doing "
    # "and which of those does it actually lead?": the asker's emphasis
    "actually really truly indeed currently personally directly even "
    # "which of them does it do alone, with nobody else?": the role (SOLE_RE), not a subject
    "alone nobody solely exclusively single-handedly ones "
    "it's isn't aren't doesn't don't wasn't weren't hasn't haven't they're that's what's who's where's there's".split())

# The last word of a name that names an instrument or an event ("the Patent Law Treaty", "the Canton Fair", "the Silk
# Road Fund", "the World Internet Conference"). Laws are left out: a task's "laws and regulations on trade secrets"
# is what a question naming the Anti-Unfair Competition Law asks about, though the notice never names that law.
INSTRUMENT_HEADS = frozenset("treaty treaties convention conventions protocol protocols agreement agreements accord "
                             "charter fund funds conference conferences fair fairs expo exhibition summit forum olympics "
                             "games academy".split())
# An instrument named by name in a claim: "the Marrakesh Treaty", "the Hague Agreement", "the Boao Forum for Asia".
NAMED_INSTRUMENT_RE = compile_later(r"\b((?:[A-Z][\w'-]*\s+){1,4})(" + "|".join(sorted(
    {h.capitalize() for h in INSTRUMENT_HEADS}, key=len, reverse=True)) + r")\b")
NOT_IN_A_NAME = frozenset("The Task Tasks Is Does Do Did Are Was A An Our My This That Which What".split())


def named_instruments(text: str) -> list[str]:
    """The instruments a text names ("Marrakesh Treaty"), without a sentence's first word that is no part of them."""
    found = []
    for match in NAMED_INSTRUMENT_RE.finditer(text):
        words = match.group(1).split()
        while words and (words[0] in NOT_IN_A_NAME or words[0].isdigit()):
            words = words[1:]
        if words:
            found.append(" ".join([*words, match.group(2)]))
    return found


# Instruments of fiscal, trade and price policy a question can be about, which the notice's tasks never use: a topic
# on one ("import tariffs on high-tech equipment", "subsidies to seed breeding companies", "a lower corporate tax
# rate", "the prices of patented medicines") finds a task on nearby words, but no task sets it. Refused where the
# nearest task's own words (text, heading, gloss, sample questions) never use it (answer/execute.py): task 7's royalty
# "tariffs" are its own. "fines", "duties" and a bare "rate" or "price" are ordinary words ("puts a price on a
# brand", "rates their inventions") and are not here.
POLICY_TOOLS_RE = compile_later(r"\b(?:tariffs?|subsid(?:y|ies|ise|ize|ised|ized|ising|izing)|quotas?|census(?:es)?|visas?|"
                             r"blacklists?|anti-dumping|(?:tax|interest|VAT|income tax|exchange) rates?|prices|"
                             r"price (?:caps?|controls?|ceilings?))\b", I)
# Administrative acts a question can ask who performs: approving, certifying, licensing, permitting, inspecting,
# quarantining, controlling exports. The notice assigns policy work, and a question about an approval or a licence
# ("who approves new drugs", "certifies organic labels", "licenses practitioners of Chinese medicine", "the
# quarantine inspection of crop seeds") finds a task on its other words. Each act is said in a question by the
# first pattern; a task speaks of it when its own words (text, heading, gloss, sample questions) hold one of the
# Snowball stems beside it: task 40's "paperless approval", task 47's "licensing", task 105's "qualification" (a
# licence or certificate of a person). Refused where the nearest task holds none (answer/execute.py).
ADMIN_ACTS = {
    "approval": (compile_later(r"\bapprov(?:e|es|ed|ing|al|als)\b", I), ("approv", "author", "examin", "review")),
    "certification": (compile_later(r"\bcertif(?:y|ies|ied|ying|icates?|ication)\b", I),
                      ("certif", "qualif", "accredit")),
    "licensing": (compile_later(r"\blicen[cs](?:e|es|ed|ing)\b", I), ("licens", "licenc", "licenc", "qualif", "permit")),
    "permits": (compile_later(r"\bpermits?\b", I), ("permit", "licens", "licenc", "approv")),
    "inspection": (compile_later(r"\binspect(?:s|ed|ing|ions?)?\b|\bquarantine\b", I), ("inspect", "quarantin")),
    "export control": (compile_later(r"\bexport controls?\b|\bcontrols? (?:the )?exports?\b", I), ("export",)),
    "taxation": (compile_later(r"\btax(?:es|ed|ing|ation|payers?)?\b", I), ("tax",)),
    "fees": (compile_later(r"\bfees?\b", I), ("fee", "charg")),
    "rewards": (compile_later(r"\brewards?\b|\bbount(?:y|ies)\b", I), ("reward", "remuner", "incent")),
    "destruction": (compile_later(r"\bdestr(?:oy|oys|oyed|oying|uction)\b|\bdispos(?:e|ed|al) of\b", I), ("destr", "dispos")),
    "privacy": (compile_later(r"\bprivacy\b|\bpersonal (?:data|information)\b|\bprivate (?:data|information)\b", I),
                ("privac",)),
    # regulation next to IP that no task assigns: security reviews of investment, customs clearance, social
    # insurance, merger control (task 81's due diligence "before mergers" is its own)
    "security review": (compile_later(r"\b(?:national )?security reviews?\b|\bnational security\b", I), ("secur",)),
    "customs clearance": (compile_later(r"\bcustoms (?:clearance|declarations?|formalities|procedures)\b"
                                     r"|\bclearance (?:procedures|formalities)\b|\bclear(?:ing|ed)? (?:\w+ )?through customs\b", I),
                          ("clearanc", "declar")),
    "social insurance": (compile_later(r"\bsocial (?:insurance|security)\b|\bpensions?\b|\bhealth insurance\b", I), ("pension",)),
    "merger control": (compile_later(r"\bmerger (?:control|reviews?|filings?|notifications?)\b|\bconcentrations? of undertakings\b"
                                  r"|\b(?:review|approv)\w* (?:of )?(?:mergers|acquisitions)\b", I), ("merger", "concentr")),
    # acts of the offices and markets themselves: invalidating a granted patent, recognising a well-known mark,
    # listing on a stock exchange, relieving debt, moving data abroad
    "invalidation": (compile_later(r"\binvalidat\w*|\b(?:struck|strike|striking) down\b|\brevo(?:c|k)\w*", I),
                     ("invalid", "revoc", "revok")),
    "recognition": (compile_later(r"\brecogni[sz]\w* (?:as )?(?:an? )?(?:officially )?well-known\b"
                               r"|\bwell-known (?:trademark|mark|brand)s? (?:status|recognition)\b", I), ("recogn",)),
    "stock listing": (compile_later(r"\bIPOs?\b|\binitial public offerings?\b|\blisting rules\b|\bstock (?:exchange )?listings?\b", I),
                      ("ipo",)),
    "debt relief": (compile_later(r"\bdebts?\b", I), ("debt",)),
    "data transfer": (compile_later(r"\b(?:cross-border|across borders?|abroad|overseas) (?:data|transfers? of data)\b"
                                 r"|\bdata (?:transfers?|flows?|exports?) (?:abroad|across borders?|overseas)\b"
                                 r"|\b(?:mov|transfer|send|sent|ship|export|stor)\w* (?:\w+ )?data (?:across|abroad|overseas|out of)\b",
                                 I), ("data",)),
}
# An example inside a topic ("eligible costs like filing fees", "such as ...") is not what it is about: an act or
# tool named there does not make the topic one about that act.
EXAMPLE_RE = compile_later(r"\b(?:like|such as|e\.g\.|for example|for instance|including)\b[^,;.?!()]*", I)


def acts_named(topic: str) -> tuple[str, ...]:
    """The administrative acts a topic is about (`ADMIN_ACTS`), leaving out those it names only as an example."""
    subject = EXAMPLE_RE.sub(" ", topic)
    return tuple(act for act, (said, _) in ADMIN_ACTS.items() if said.search(subject))

# The kinds of IP right a topic can name, each with the words that name it in a question or a task's text. A task
# that names other kinds only does not answer a question about this one ("cutting trademark registration fees" is
# not task 100's "patent fees").
IP_RIGHTS = {"patents": compile_later(r"\bpatent", I), "trademarks": compile_later(r"\btrade ?mark", I),
             "copyright": compile_later(r"\bcopyright", I),
             "geographical indications": compile_later(r"\bgeographical indications?\b", I),
             "plant varieties": compile_later(r"\bplant variet|\bnew (?:plant )?variet", I),
             "trade secrets": compile_later(r"\btrade secrets?\b|\bbusiness secrets?\b", I)}

# Everyday words a question uses around its topic; never a sign that it asks about something the notice lacks.
COMMON_WORDS = frozenset(
    "what which who does that this with from into have been will would should could their there about under over "
    "more most some such than then them they these those when where your make made also only very just like need "
    "needs want wants help helps doesn isn aren didn thing things stuff really actually".split())

# The opening of a question ("Who is in charge of", "Which task is about") says what is asked, not
# what about; the embedding of the rest finds the task better (measured in `ipqa bench`). Cut from what a
# search is given (parser.search_topic), with a closing "..., and who leads it?".
ASKING_OPENING_RE = compile_later(
    r"^(?:who|which (?:body|agency|agencies|task|tasks|item|items|department|ministry|one)|what)\s+"
    r"(?:is\s+|are\s+)?(?:in charge of|responsible for|leads?|handles?|is about|are about|about|covers?|"
    r"deals? with|does|do|plans?|wants?|sets? up|makes? sure|runs?|helps?|works? on)?\s*",
    re.IGNORECASE,
)
# "list all copyright tasks", "Kindly enumerate the tasks on ...", "give me every task about ...": the asking
LIST_OPENING_RE = compile_later(
    r"^(?:(?:please|kindly)\s+)?(?:list|show|give|enumerate|name|find)(?:\s+(?:me|us))?\s+(?:(?:all|every|each|the|any)\s+)*"
    r"(?:of\s+the\s+)?(?:(?:tasks?|items?)\s+(?:on|about|for|concerning|covering|regarding|related to|that\s+"
    r"(?:cover|mention|deal with|concern))\s+)?", re.IGNORECASE)
# A topic said first, then a short question about it: "Bundling royalties into bonds - is that in the plan
# anywhere?", "I want a certificate for my app's code quicker - which task promises that, and who does it?", "Our
# exporters need a directory of firms abroad. Which item is that?". The question after the break asks, it does not
# say what about (task 39 at 0.33 with it, 0.44 without); the break is a dash, a colon or a sentence's end, and the
# question points back ("that", "it") or asks for a task or an agency.
TRAILING_ASK_RE = compile_later(
    r"(?:\s+[-\u2013\u2014]+\s+|\s*[\u2013\u2014]\s*|[.!?:;]\s+)(?P<ask>(?:and\s+)?(?:which|what|who|who's|whom|is|are|does|do|"
    r"any|anything|where|has|have)\b[^.!?]*\?*)\s*$", re.IGNORECASE)
# ... and is about the topic before it: it points back at it, or says nothing of its own (one content word at most;
# "Patent financing - which task covers pledge loans from rural banks?" says its subject after the break).
TRAILING_ASK_POINTS_RE = compile_later(r"\b(?:that|this|it|them|those|these)\b", re.IGNORECASE)
TRAILING_ASK_OWN_WORDS = 1
TRAILING_ASK_MAX_WORDS = 14  # longer, and the question holds its own subject
AND_WHO_RE = compile_later(r",?\s*and who (?:leads|is in charge of|handles) (?:it|them|that)\s*\?*$", re.IGNORECASE)

# Opening words that ask rather than say what about; cut from a topic when it is shown in a reading.
LEADING_ASKING_RE = compile_later(
    r"^(?:(?:who|what|which|whom|does|do|did|is|are|was|can|could|would|should|how|and|so|please|tell me|the|leads?"
    r"|led|handles?|runs?|in charge of|responsible for|deals? with|covers?|takes? care of|looks? after|about|of|body|"
    r"agency|department|ministry|office|task|tasks|one|ones)\b\s*)+", I)
