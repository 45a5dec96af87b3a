"""Which language a question is in, without loading the Chinese reading to find out.

The Chinese vocabulary and mention tables take about 0.1 s to import (their
regular expressions compile at import), a twentieth of a new process's answer.
An English question never needs them, so this module reads the script first and
loads them only for text with Chinese characters in it.
"""

from __future__ import annotations

from assistant.notice.segment_zh import has_cjk


def is_chinese(text: str) -> bool:
    """Chinese characters left once agency names are taken out: "Which tasks does 商务部 lead?" stays English."""
    if not has_cjk(text):
        return False
    from assistant.notice.mentions_zh import agency_mentions

    rest = text
    for mention in sorted(agency_mentions(text), key=lambda a: -a.start):
        rest = rest[:mention.start] + " " + rest[mention.end:]
    return has_cjk(rest)
