"""The IP Tasks Assistant: questions about the State Council's 2016 notice on 106 IP tasks.

`Assistant` is imported lazily: `import assistant` must stay cheap for the
structured CLI look-ups, which never load the embedding model.
"""

from __future__ import annotations

__all__ = ["Assistant", "Answer"]


def __getattr__(name: str):
    if name == "Assistant":
        from assistant.answer.chain import Assistant

        return Assistant
    if name == "Answer":
        from assistant.answer.result import Answer

        return Answer
    raise AttributeError(name)
