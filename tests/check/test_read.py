"""Documents to located sentences: real .txt, .md, .docx and .pdf files made here, standard input, and every
kind of bad input refused with one line before anything is read."""

from __future__ import annotations

import io
import tracemalloc

import pytest

from assistant.check.model import Location
from assistant.check.read import open_document, read_passages
from assistant.errors import (
    BinaryDocument, EmptyDocument, EncryptedDocument, MislabelledDocument, MissingDocument, NoTextLayer,
    UnsupportedDocument,
)
from assistant.lab.documents import write_docx, write_encrypted_pdf, write_image_pdf, write_pdf

PARAGRAPHS = [
    "Briefing note on the 2016 division of work.",
    "Task 24 (SAIC) covers trade secret protection, with the Legislative Affairs Office taking part. "
    "The Ministry of Commerce leads task 80.",
]


def sentences(source, **kwargs) -> list[tuple[str, object]]:
    return [(p.text, p.location) for p in read_passages(open_document(source, **kwargs))]


def test_text_sentences_keep_their_line_even_when_wrapped(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("Title line\n\nTask 24 is led by the State Administration\nfor Industry and Commerce. "
                    "Task 25 is\nabout customs.\n", encoding="utf-8")
    found = sentences(path)
    assert [t for t, _ in found] == ["Title line", "Task 24 is led by the State Administration for Industry and "
                                     "Commerce.", "Task 25 is about customs."]
    assert [loc.line for _, loc in found] == [1, 3, 4]


def test_abbreviations_do_not_end_a_sentence(tmp_path):
    path = tmp_path / "note.md"
    path.write_text("See task No. 25, e.g. customs. Next one.\n", encoding="utf-8")
    assert [t for t, _ in sentences(path)] == ["See task No. 25, e.g. customs.", "Next one."]


def test_markdown_bullets_are_separate_sentences_and_code_is_skipped(tmp_path):
    path = tmp_path / "slides.md"
    path.write_text("# Tasks\n- Task 24: trade secrets\n- Task 25: customs\n```\nTask 99 in code\n```\n",
                    encoding="utf-8")
    assert [t for t, _ in sentences(path)] == ["# Tasks", "- Task 24: trade secrets", "- Task 25: customs"]


def test_docx_paragraphs_and_table_rows_are_numbered(tmp_path):
    path = write_docx(tmp_path / "memo.docx", PARAGRAPHS, table=[["Task", "Lead"], ["Task 25", "Customs"]])
    found = sentences(path)
    texts = [t for t, _ in found]
    assert texts[0] == PARAGRAPHS[0]
    assert "Task 25 | Customs" in texts
    assert found[1][1].paragraph == 2 and found[1][1].page is None
    assert found[-1][1].paragraph == 4  # the table's second row


def test_pdf_sentences_carry_page_and_line(tmp_path):
    path = write_pdf(tmp_path / "report.pdf", PARAGRAPHS * 40)
    found = sentences(path)
    assert found[1][0].startswith("Task 24 (SAIC) covers trade secret protection")
    assert found[1][1].page == 1
    assert max(loc.page for _, loc in found) >= 2


def test_standard_input_is_read_as_text():
    stream = io.BytesIO("Task 24 (SAIC) protects trade secrets.\n".encode())
    assert sentences("-", stdin=stream) == [("Task 24 (SAIC) protects trade secrets.", Location("<stdin>", line=1))]


@pytest.mark.parametrize("content, error", [
    (b"", EmptyDocument),
    (b"   \n\n  \n", EmptyDocument),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, BinaryDocument),
    (b"%PDF-1.7\n%binary", MislabelledDocument),
    (b"PK\x03\x04rest of a zip", MislabelledDocument),
])
def test_bad_text_files_get_one_clear_error(tmp_path, content, error):
    path = tmp_path / "note.txt"
    path.write_bytes(content)
    with pytest.raises(error) as raised:
        list(read_passages(open_document(path)))
    assert "note.txt" in str(raised.value) and "\n" not in str(raised.value)


def test_a_file_whose_extension_lies_is_refused(tmp_path):
    fake_pdf = tmp_path / "report.pdf"
    fake_pdf.write_text("Task 24 is led by SAIC.", encoding="utf-8")
    fake_docx = tmp_path / "memo.docx"
    fake_docx.write_text("Task 24 is led by SAIC.", encoding="utf-8")
    with pytest.raises(MislabelledDocument, match="the name says PDF but the content is plain text"):
        open_document(fake_pdf)
    with pytest.raises(MislabelledDocument, match="Word document"):
        open_document(fake_docx)


def test_encrypted_and_image_only_pdfs_have_no_text_layer(tmp_path):
    with pytest.raises(EncryptedDocument, match="encrypted"):
        open_document(write_encrypted_pdf(tmp_path / "locked.pdf", PARAGRAPHS))
    with pytest.raises(NoTextLayer, match="no text layer"):
        list(read_passages(open_document(write_image_pdf(tmp_path / "scan.pdf"))))


def test_missing_and_unsupported_files(tmp_path):
    with pytest.raises(MissingDocument):
        open_document(tmp_path / "nowhere.txt")
    odt = tmp_path / "memo.odt"
    odt.write_text("x")
    with pytest.raises(UnsupportedDocument, match=r"\.odt"):
        open_document(odt)


@pytest.mark.slow  # 31,000 sentences read under tracemalloc: 1.4 to 2 s
def test_a_thousand_page_text_streams_in_bounded_memory(tmp_path):
    page = ("The provincial office reviewed its annual work plan and the budget for training. " * 30 + "\n\n"
            "Task 24 (SAIC) covers trade secret protection.\n\n")
    path = tmp_path / "long.txt"
    with path.open("w", encoding="utf-8") as handle:
        for _ in range(1000):
            handle.write(page)
    size = path.stat().st_size
    tracemalloc.start()
    count = sum(1 for _ in read_passages(open_document(path)))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == 1000 * 31
    assert peak < size / 10, f"peak {peak:,} bytes for a {size:,}-byte file"  # reading it whole takes > size


def test_a_pdf_heading_does_not_run_into_its_paragraph_and_a_page_break_does_not_cut_a_sentence(tmp_path):
    long = ("The provincial office reviewed the plan for training and the budget for the coming year in detail "
            "with every bureau. ") * 60
    path = write_pdf(tmp_path / "note.pdf", ["Tasks where Customs leads", "Customs leads task 25 on border "
                                             "enforcement.", long + "Research on online rules is the subject of "
                                             "task 35 as the note says."])
    found = sentences(path)
    texts = [t for t, _ in found]
    assert texts[:2] == ["Tasks where Customs leads", "Customs leads task 25 on border enforcement."]
    assert texts[-1] == "Research on online rules is the subject of task 35 as the note says."
    assert max(loc.page for _, loc in found) >= 2
    assert all(t.endswith(".") for t in texts[1:])  # the sentence the page break falls in is whole
