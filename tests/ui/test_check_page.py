"""The "Check a document" page driven headless with AppTest: paste or upload, read the table, filter, open a
card, download the report. Loads the real model and a Chroma index in a temporary folder (slow)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from assistant.lab.documents import write_docx

if TYPE_CHECKING:  # imported where used: 0.4 s of every collection, the fast tier's too
    from streamlit.testing.v1 import AppTest

pytestmark = pytest.mark.slow
TIMEOUT = 180
SCRIPT = "from assistant.ui.check_page import page\npage()\n"
TEXT = ("Task 24 (SAIC) covers trade secret protection, with the Legislative Affairs Office taking part.\n"
        "The Legislative Affairs Office leads task 24.\n"
        "Task 112 sets up a national IP court.\n")


@pytest.fixture(scope="module", autouse=True)
def index_dir(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("IPQA_INDEX_DIR", str(tmp_path_factory.mktemp("check-page-index")))
        yield


def start() -> AppTest:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_string(SCRIPT, default_timeout=TIMEOUT).run()
    assert not at.exception, at.exception
    return at


def test_pasted_text_gives_a_table_with_filters_and_downloads():
    at = start()
    at.text_area(key="check_text").input(TEXT).run()
    at.button(key="check_run").click().run()
    assert not at.exception, at.exception
    assert at.error[0].value == "3 citations in 1 file: 1 ok, 1 no such task, 1 wrong role"
    table = at.dataframe[0].value
    assert list(table["cited"]) == ["Task 24", "Task 24", "Task 112"]
    assert list(table["verdict"]) == ["✅ ok", "⚠️ wrong role", "❌ no such task"]
    at.multiselect(key="check_verdicts").unselect("ok").unselect("no such task").run()
    assert list(at.dataframe[0].value["verdict"]) == ["⚠️ wrong role"]
    assert len(at.get("download_button")) == 3


def test_an_uploaded_word_file_is_checked_under_its_own_name(tmp_path):
    path = write_docx(tmp_path / "memo.docx", ["Note.", "The Legislative Affairs Office leads task 24."])
    at = start()
    at.file_uploader(key="check_upload").set_value(("memo.docx", path.read_bytes(), "application/octet-stream")).run()
    at.checkbox(key="check_topics").uncheck().run()
    at.button(key="check_run").click().run()
    assert not at.exception, at.exception
    assert list(at.dataframe[0].value["where"]) == ["memo.docx, para 2"]


def test_nothing_to_check_and_bad_files_get_one_line():
    at = start()
    at.button(key="check_run").click().run()
    assert "Upload a file or paste some text first." in at.warning[0].value
    at.file_uploader(key="check_upload").set_value(("scan.pdf", b"not a pdf at all", "application/pdf")).run()
    at.button(key="check_run").click().run()
    assert at.error[0].value == "scan.pdf: the name says PDF but the content is plain text; rename it or save it again"
