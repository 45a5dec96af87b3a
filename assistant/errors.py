"""Errors a user may see, each with a one-line message and no traceback.

Everything the CLI, the UI and the chain report to a person goes through
these classes, so the wording lives in one place.
"""

from __future__ import annotations


class AssistantError(Exception):
    """Base class: `str(error)` is the message a user sees."""

    exit_code = 2


class ParseError(AssistantError):
    """The corpus file is not the notice we know how to read."""

    def __init__(self, problem: str, line: int | None = None):
        self.problem = problem
        self.line = line
        where = f"line {line}: " if line is not None else ""
        super().__init__(f"cannot read the notice: {where}{problem}")


class UnknownAgency(AssistantError):
    def __init__(self, name: str, suggestions: list[str]):
        self.name = name
        self.suggestions = suggestions
        hint = f" Did you mean: {'; '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown agency {name!r}.{hint} (`ipqa agencies` lists them all)")


class UnknownTask(AssistantError):
    def __init__(self, number: object, last: int = 106):
        self.number = number
        super().__init__(f"there is no task {number}: the notice has tasks 1 to {last}")


class UnknownPart(AssistantError):
    def __init__(self, number: object, last: int = 6):
        super().__init__(f"there is no part {number}: the notice has parts 1 to {last}")


class BadQuestion(AssistantError):
    """A question or query that cannot be searched (empty, say)."""


class IndexUnavailable(AssistantError):
    """The vector index could not be built or reached."""

    @classmethod
    def unreachable(cls, settings, error: BaseException) -> "IndexUnavailable":
        """The store failed while answering (a Chroma server that went down, a store removed under us)."""
        where = (f"the Chroma server at {settings.chroma_host}:{settings.chroma_port}" if settings.chroma_host
                 else f"the index under {settings.index_dir}")
        return cls(f"cannot reach {where} ({type(error).__name__}); start it again, or run `ipqa index`")


class BadArgument(AssistantError, TypeError):
    """The Python API was called with a value of the wrong kind (`ask(None)`, `history=5`)."""

    def __init__(self, argument: str, expected: str):
        self.argument = argument
        super().__init__(f"{argument} must be {expected}")


class BadSetting(AssistantError):
    """An environment setting that cannot be used: one line naming it and what is wrong."""

    def __init__(self, name: str, value: object, problem: str):
        self.name = name
        super().__init__(f"{name}={shorten(value)}: {problem}")


class ModelUnavailable(AssistantError):
    """The optional chat model (IPQA_LLM) is misconfigured."""


def shorten(value: object, limit: int = 60) -> str:
    """A user's value in an error line: repr (so escape sequences show as text) and cut to `limit` characters."""
    text = value if isinstance(value, str) else str(value)
    if text.isprintable() and len(text) <= limit:
        return text
    text = repr(text)
    return text if len(text) <= limit else text[:limit - 4] + "...'"


class DocumentError(AssistantError):
    """A document given to `ipqa check` that cannot be read as text; the message names the file."""

    def __init__(self, name: str, problem: str):
        self.name = name
        self.problem = problem
        super().__init__(f"{name}: {problem}")


class MissingDocument(DocumentError):
    def __init__(self, name: str):
        super().__init__(name, "no such file")


class EmptyDocument(DocumentError):
    def __init__(self, name: str):
        super().__init__(name, "the document is empty")


class BinaryDocument(DocumentError):
    def __init__(self, name: str):
        super().__init__(name, "not a text document (it holds binary data); give a .txt, .md, .docx or .pdf file")


class UnsupportedDocument(DocumentError):
    def __init__(self, name: str, suffix: str):
        super().__init__(name, f"cannot read {suffix or 'files without an extension'}: "
                               "give a .txt, .md, .docx or .pdf file, or - for standard input")


class MislabelledDocument(DocumentError):
    """The extension says one format and the bytes another (a text file named .pdf, say)."""

    def __init__(self, name: str, claimed: str, found: str):
        super().__init__(name, f"the name says {claimed} but the content is {found}; rename it or save it again")


class DamagedDocument(DocumentError):
    def __init__(self, name: str, kind: str, detail: str = ""):
        tail = f" ({detail})" if detail else ""
        super().__init__(name, f"the {kind} file is damaged and cannot be read{tail}")


class EncryptedDocument(DocumentError):
    def __init__(self, name: str):
        super().__init__(name, "the PDF is encrypted (password-protected): no text layer can be read; "
                               "save an unprotected copy")


class NoTextLayer(DocumentError):
    def __init__(self, name: str):
        super().__init__(name, "no text layer: the PDF holds only images (a scan?); run OCR on it first")
