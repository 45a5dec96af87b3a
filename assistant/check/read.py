"""Documents to located sentences, streamed: .txt and .md line by line, .docx paragraph by paragraph
(python-docx), .pdf page by page (pypdf), and standard input.

A document is opened and its kind checked from its first bytes before any of it
is read, so a file whose extension lies, an empty or binary file, or an
encrypted PDF is refused with one line before anything is written. Only one
paragraph is held at a time: a 1,000-page text streams in bounded memory.
"""

from __future__ import annotations

import bisect
import io
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from assistant.check.model import Location
from assistant import errors
from assistant.errors import (
    BinaryDocument, DamagedDocument, EmptyDocument, EncryptedDocument, MislabelledDocument, MissingDocument,
    NoTextLayer, UnsupportedDocument,
)

STDIN = "-"
TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown")
SUFFIXES = (*TEXT_SUFFIXES, ".docx", ".pdf")
SNIFF_BYTES = 8192
# A text file has almost no control characters; a binary one has many (a JPEG renamed .txt: ~40%).
BINARY_CONTROL_SHARE = 0.10
# A paragraph with no sentence end for this long (a PDF with no blank lines, a run-on list) is cut into
# sentences anyway, keeping its unfinished tail, so memory stays bounded whatever the input.
MAX_PARAGRAPH_CHARS = 20_000
# A PDF line shorter than this share of the page's longest, ending no sentence, is a heading or a title.
# On the blind documents written to PDF, 0.6 kept every heading apart and joined every wrapped sentence.
SHORT_LINE_SHARE = 0.6
# pypdf writes NUL where a text switches fonts (a Chinese "第51项" in an English paragraph).
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

ProgressCallback = Callable[[int], None]


@dataclass(frozen=True)
class Line:
    """One line of a document where it is. `starts_block` marks a line that cannot continue the one before
    (a new .docx paragraph, a table row, a bullet or a heading)."""

    text: str
    location: Location
    starts_block: bool = False


@dataclass(frozen=True)
class Passage:
    """One sentence, with the location of each of its lines (a sentence may wrap over lines or pages)."""

    text: str
    starts: tuple[int, ...]  # offsets in `text` where each line begins
    locations: tuple[Location, ...]

    def location_at(self, offset: int) -> Location:
        return self.locations[max(0, bisect.bisect_right(self.starts, offset) - 1)]

    @property
    def location(self) -> Location:
        return self.locations[0]


# --- opening: the kind from the name, checked against the first bytes ----------------------------------

def _describe(head: bytes) -> str:
    if head.lstrip()[:5] == b"%PDF-" or b"%PDF-" in head[:1024]:
        return "a PDF"
    if head[:4] == b"PK\x03\x04":
        return "a ZIP archive (a .docx, say)"
    if _looks_binary(head):
        return "binary data"
    return "plain text"


def _looks_binary(head: bytes) -> bool:
    if not head:
        return False
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return False  # a byte-order mark: text
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if controls / len(head) > BINARY_CONTROL_SHARE:
        return True
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the end of the sniff is still text; invalid bytes before it are not.
        return error.start < len(head) - 4
    return False


class Document:
    """An opened document: `lines()` streams it; `total` and `unit` size the progress bar."""

    kind = "text"
    unit = "B"

    def __init__(self, name: str, total: int | None):
        self.name = name
        self.total = total

    def lines(self, progress: ProgressCallback | None = None) -> Iterator[Line]:
        raise NotImplementedError


class TextDocument(Document):
    """Plain text or Markdown, from a file or standard input, read line by line."""

    def __init__(self, name: str, stream: BinaryIO, total: int | None, markdown: bool = False):
        super().__init__(name, total)
        self.stream = stream
        self.markdown = markdown

    def lines(self, progress: ProgressCallback | None = None) -> Iterator[Line]:
        encoding = "utf-8"
        seen_text = False
        in_fence = False
        for number, raw in enumerate(self.stream, 1):
            if number == 1:
                if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
                    # UTF-16 (Notepad's "Unicode"): read the rest at once; such files are small.
                    yield from self._utf16(raw + self.stream.read(), progress)
                    return
                if raw.startswith(b"\xef\xbb\xbf"):
                    raw = raw[3:]
            if b"\x00" in raw:
                raise BinaryDocument(self.name)
            text = raw.decode(encoding, errors="replace").rstrip("\r\n")
            if progress:
                progress(len(raw))
            if self.markdown and text.lstrip().startswith(("```", "~~~")):
                in_fence = not in_fence
                continue
            if in_fence:
                continue
            seen_text = seen_text or bool(text.strip())
            yield Line(text, Location(self.name, line=number), starts_block=_starts_block(text))
        if not seen_text:
            raise EmptyDocument(self.name)

    def _utf16(self, data: bytes, progress: ProgressCallback | None) -> Iterator[Line]:
        text = data.decode("utf-16", errors="replace")
        if progress:
            progress(len(data))
        if not text.strip():
            raise EmptyDocument(self.name)
        for number, line in enumerate(text.splitlines(), 1):
            yield Line(line, Location(self.name, line=number), starts_block=_starts_block(line))


class DocxDocument(Document):
    """A Word file: body paragraphs and table rows in order (python-docx), numbered as a reader counts them."""

    kind = "Word"
    unit = "para"

    def __init__(self, name: str, path: Path):
        import docx
        from docx.opc.exceptions import PackageNotFoundError

        try:
            self.document = docx.Document(str(path))
        except PackageNotFoundError:
            raise MislabelledDocument(name, errors.WORD_DOCUMENT, errors.ZIP_WITHOUT_WORD) from None
        except (KeyError, ValueError, OSError) as error:
            raise DamagedDocument(name, "Word", type(error).__name__) from None
        except Exception as error:  # noqa: BLE001 - lxml and zipfile raise many kinds on a broken file
            raise DamagedDocument(name, "Word", type(error).__name__) from None
        blocks = list(self.document.iter_inner_content())
        super().__init__(name, len(blocks))
        self.blocks = blocks

    def lines(self, progress: ProgressCallback | None = None) -> Iterator[Line]:
        from docx.table import Table

        paragraph = 0
        for block in self.blocks:
            rows = ([" | ".join(_cell_text(c) for c in _unique_cells(row)) for row in block.rows]
                    if isinstance(block, Table) else [block.text])
            for text in rows:
                if not text.strip(" |\n"):
                    continue
                paragraph += 1
                for number, piece in enumerate(text.split("\n"), 1):
                    yield Line(piece, Location(self.name, paragraph=paragraph, line=number if "\n" in text else None),
                               starts_block=number == 1)
            if progress:
                progress(1)
        if not paragraph:
            raise EmptyDocument(self.name)


def _unique_cells(row) -> list:
    """A row's cells once each (python-docx repeats a merged cell in every column it spans)."""
    seen: list = []
    for cell in row.cells:
        if not any(cell._tc is other._tc for other in seen):
            seen.append(cell)
    return seen


def _cell_text(cell) -> str:
    return " ".join(p.text.strip() for p in cell.paragraphs if p.text.strip())


class PdfDocument(Document):
    """A PDF's text layer, page by page (pypdf); lines are numbered within their page."""

    kind = "PDF"
    unit = "page"

    def __init__(self, name: str, path: Path):
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError

        try:
            self.reader = PdfReader(str(path))
            encrypted = self.reader.is_encrypted
        except PdfReadError as error:
            raise DamagedDocument(name, "PDF", str(error).splitlines()[0][:80] if str(error) else "") from None
        except Exception as error:  # noqa: BLE001 - a broken PDF raises many kinds
            raise DamagedDocument(name, "PDF", type(error).__name__) from None
        if encrypted:
            self._decrypt(name)
        try:
            total = len(self.reader.pages)
        except Exception as error:  # noqa: BLE001
            raise DamagedDocument(name, "PDF", type(error).__name__) from None
        super().__init__(name, total)

    def _decrypt(self, name: str) -> None:
        """A PDF locked only against editing opens with an empty password; one that needs a password does not."""
        try:
            if not self.reader.decrypt(""):
                raise EncryptedDocument(name)
        except EncryptedDocument:
            raise
        except Exception:  # noqa: BLE001 - wrong password, or a cipher this install cannot read
            raise EncryptedDocument(name) from None

    def lines(self, progress: ProgressCallback | None = None) -> Iterator[Line]:
        seen_text = False
        after_short = True  # a paragraph goes on over a page break, unless the page before ended a block
        for number, page in enumerate(self.reader.pages, 1):
            try:
                text = page.extract_text() or ""
            except Exception as error:  # noqa: BLE001 - one unreadable page spoils the check
                raise DamagedDocument(self.name, "PDF", errors.page_problem(number, error)) from None
            seen_text = seen_text or bool(text.strip())
            lines = [CONTROL_RE.sub("", line) for line in text.splitlines()]
            # A text layer keeps no blank line between paragraphs: a short line that ends no sentence (a
            # heading, a title) ends its block, so it does not run into the next paragraph.
            full = max((len(line.rstrip()) for line in lines), default=0)
            for line_number, line in enumerate(lines, 1):
                yield Line(line, Location(self.name, page=number, line=line_number),
                           starts_block=after_short or _starts_block(line))
                stripped = line.rstrip()
                after_short = bool(stripped) and len(stripped) < SHORT_LINE_SHARE * full \
                    and not stripped.endswith((".", ",", ";", ":", "-", "–", "—", "(", "、", "，"))
            if progress:
                progress(1)
        if not seen_text:
            raise NoTextLayer(self.name)


def open_document(source: str | Path, *, stdin: BinaryIO | None = None, name: str | None = None) -> Document:
    """The document at `source` ("-" is standard input), its kind checked before anything is read. `name` is
    what messages and locations call it (an uploaded file's own name, not its temporary copy's)."""
    if str(source) == STDIN:
        stream = stdin if stdin is not None else sys.stdin.buffer
        return _text_from_stream(name or "<stdin>", stream)
    path = Path(source)
    name = name or str(source)
    try:
        exists = path.is_file()
    except OSError:  # a name longer than the system allows: no such file can exist
        exists = False
    if not exists:
        raise MissingDocument(name)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise UnsupportedDocument(name, suffix)
    if path.stat().st_size == 0:
        raise EmptyDocument(name)
    with path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES)
    found = _describe(head)
    if suffix == ".pdf":
        if found != "a PDF":
            raise MislabelledDocument(name, "PDF", found)
        return PdfDocument(name, path)
    if suffix == ".docx":
        if not found.startswith("a ZIP"):
            raise MislabelledDocument(name, errors.WORD_DOCUMENT, found)
        return DocxDocument(name, path)
    if found in ("a PDF", "a ZIP archive (a .docx, say)"):
        raise MislabelledDocument(name, errors.text_kind(suffix), found)
    if found == "binary data":
        raise BinaryDocument(name)
    return TextDocument(name, path.open("rb"), path.stat().st_size, markdown=suffix in (".md", ".markdown"))


def open_text(text: str, name: str = "<text>") -> Document:
    """Pasted text as a document (the app, `check_text`)."""
    data = text.encode("utf-8")
    if not text.strip():
        raise EmptyDocument(name)
    return TextDocument(name, io.BytesIO(data), len(data), markdown=True)


def _text_from_stream(name: str, stream: BinaryIO) -> Document:
    head = stream.read(SNIFF_BYTES)
    if not head.strip():
        if not stream.read(1):
            raise EmptyDocument(name)
    found = _describe(head)
    if found != "plain text":
        raise BinaryDocument(name) if found == "binary data" else MislabelledDocument(name, "text", found)
    return TextDocument(name, _Rejoined(head, stream), None, markdown=True)


class _Rejoined(io.RawIOBase):
    """The sniffed bytes put back in front of the rest of a stream that cannot seek (a pipe)."""

    def __init__(self, head: bytes, rest: BinaryIO):
        self.head = head
        self.rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self.head:
            n = min(len(buffer), len(self.head))
            buffer[:n] = self.head[:n]
            self.head = self.head[n:]
            return n
        data = self.rest.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)

    def __iter__(self):
        return iter(io.BufferedReader(self))


# --- lines to sentences ------------------------------------------------------------------------------

BLOCK_START_RE = re.compile(r"^\s*(?:[#>|]|[-*+•●▪◦–]\s|\d{1,3}[.)]\s|\(\d{1,3}\)\s|[（(][一二三四五六七八九十]+[）)])")
# Where a sentence ends: . ! ? (and Chinese 。！？), not after an abbreviation or an initial.
ABBREVIATIONS = frozenset(
    "no nos art arts para paras p pp e.g i.e etc cf vs mr mrs ms dr st fig figs approx ca inc co ltd dept "
    "govt jan feb mar apr jun jul aug sep sept oct nov dec u.s p.r".split()
)
END_RE = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9\u4e00-\u9fff])|(?<=[。！？])\s*")
WORD_BEFORE_RE = re.compile(r"([\w.]+)\.$")


def _starts_block(text: str) -> bool:
    return bool(BLOCK_START_RE.match(text))


def passages(lines: Iterable[Line]) -> Iterator[Passage]:
    """Sentences in document order: lines join into paragraphs (a blank line or a new block ends one),
    paragraphs split at sentence ends."""
    pieces: list[tuple[str, Location]] = []
    size = 0
    for line in lines:
        text = " ".join(line.text.split())  # a PDF's text layer often spaces words twice
        if not text or line.starts_block:
            yield from _sentences(pieces)
            pieces, size = [], 0
        if text:
            pieces.append((text, line.location))
            size += len(text)
            if size > MAX_PARAGRAPH_CHARS:
                *done, tail = list(_sentences(pieces)) or [None]
                yield from done
                pieces = list(zip(_split_lines(tail), tail.locations)) if tail else []
                size = sum(len(p[0]) for p in pieces)
                if size > MAX_PARAGRAPH_CHARS:  # one sentence longer than the bound: let it go as it is
                    yield from _sentences(pieces)
                    pieces, size = [], 0
    yield from _sentences(pieces)


def _split_lines(passage: Passage) -> list[str]:
    bounds = [*passage.starts[1:], len(passage.text) + 1]
    return [passage.text[start:end - 1] for start, end in zip(passage.starts, bounds)]


def _join(pieces: list[tuple[str, Location]]) -> tuple[str, list[int], list[Location]]:
    text = ""
    starts: list[int] = []
    locations: list[Location] = []
    for piece, location in pieces:
        if text:
            if re.search(r"[a-z]-$", text) and piece[:1].islower():
                text = text[:-1]  # a word hyphenated at a line break ("pro-" / "tection")
            elif not (_is_cjk(text[-1]) and _is_cjk(piece[0])):
                text += " "
        starts.append(len(text))
        locations.append(location)
        text += piece
    return text, starts, locations


def _is_cjk(char: str) -> bool:
    return "\u3000" <= char <= "\u9fff" or "\uff00" <= char <= "\uffef"


def _sentences(pieces: list[tuple[str, Location]]) -> Iterator[Passage]:
    if not pieces:
        return
    text, starts, locations = _join(pieces)
    begin = 0
    for match in END_RE.finditer(text):
        end = match.start()
        before = WORD_BEFORE_RE.search(text, max(0, end - 30), end) if text[end - 1:end] == "." else None
        if before and (before.group(1).lower() in ABBREVIATIONS or re.fullmatch(r"[A-Z]", before.group(1))):
            continue
        yield _passage(text, begin, match.start(), starts, locations)
        begin = match.end()
    if begin < len(text):
        yield _passage(text, begin, len(text), starts, locations)


def _passage(text: str, begin: int, end: int, starts: list[int], locations: list[Location]) -> Passage:
    sentence = text[begin:end]
    stripped = sentence.rstrip()
    lead = len(sentence) - len(sentence.lstrip())
    begin += lead
    first = max(0, bisect.bisect_right(starts, begin) - 1)
    last = max(0, bisect.bisect_right(starts, begin + len(stripped) - lead - 1) - 1)
    own_starts = tuple(max(0, starts[i] - begin) for i in range(first, last + 1))
    return Passage(stripped.lstrip(), own_starts, tuple(locations[first:last + 1]))


def read_passages(document: Document, progress: ProgressCallback | None = None) -> Iterator[Passage]:
    return passages(document.lines(progress))
