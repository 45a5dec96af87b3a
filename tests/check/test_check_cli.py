"""`ipqa check`: formats, exit statuses (0 all ok, 1 any wrong, 2 bad input) and nothing half-written."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from assistant.cli import cli
from assistant.lab.documents import write_docx, write_image_pdf, write_pdf

GOOD = "Task 24 (SAIC) covers trade secrets, with the Legislative Affairs Office taking part.\n"
BAD = "The Legislative Affairs Office leads task 24. Task 112 sets up an IP court.\n"


def run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(cli, ["check", "--no-topic", *args], input=stdin)


def test_all_citations_right_exits_0(tmp_path):
    path = tmp_path / "good.md"
    path.write_text(GOOD, encoding="utf-8")
    result = run(str(path))
    assert result.exit_code == 0, result.output
    assert "1 citation in 1 file: 1 ok" in result.output


def test_any_wrong_citation_exits_1_and_lists_it(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_text(GOOD + BAD, encoding="utf-8")
    result = run(str(path))
    assert result.exit_code == 1
    assert "[wrong role]" in result.output and "[no such task]" in result.output
    assert result.output.strip().splitlines()[-1] == "3 citations in 1 file: 1 ok, 1 no such task, 1 wrong role"


def test_standard_input():
    result = run("-", stdin=BAD)
    assert result.exit_code == 1
    assert "<stdin>, line 1" in result.output


def test_json_csv_and_markdown(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_text(GOOD + BAD, encoding="utf-8")
    data = json.loads(run(str(path), "--json").output)
    assert data["ok"] is False and data["counts"]["wrong role"] == 1
    assert [f["verdict"] for f in data["findings"]] == ["ok", "wrong role", "no such task"]
    assert data["findings"][1]["location"] == {"file": str(path), "page": None, "paragraph": None, "line": 2}
    rows = list(csv.DictReader(io.StringIO(run(str(path), "--csv").output)))
    assert [r["verdict"] for r in rows] == ["ok", "wrong role", "no such task"] and rows[2]["task"] == "112"
    markdown = run(str(path), "--markdown").output
    assert markdown.startswith("# Task citations checked against the notice")
    assert "## To correct" in markdown and "| Task 112 | **no such task**" in markdown


def test_docx_and_pdf(tmp_path):
    docx = write_docx(tmp_path / "memo.docx", [GOOD.strip(), BAD.strip()])
    pdf = write_pdf(tmp_path / "memo.pdf", [GOOD.strip(), BAD.strip()])
    for path, where in ((docx, "para 2"), (pdf, "p.1, line")):
        result = run(str(path))
        assert result.exit_code == 1
        assert "3 citations in 1 file: 1 ok, 1 no such task, 1 wrong role" in result.output
        assert where in result.output


def test_no_citations_is_exit_0_with_a_message(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text("The provincial office met on Tuesday.\n", encoding="utf-8")
    result = run(str(path))
    assert result.exit_code == 0
    assert result.output.strip() == "no task citations found in 1 file"


@pytest.mark.parametrize("name, content, message", [
    ("empty.txt", b"", "the document is empty"),
    ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)) * 8, "not a text document"),
    ("fake.pdf", b"Task 24 is led by SAIC.", "the name says PDF but the content is plain text"),
    ("fake.docx", b"%PDF-1.4 not really", "the name says a Word document (.docx) but the content is a PDF"),
])
def test_bad_input_is_one_line_exit_2_and_nothing_written(tmp_path, name, content, message):
    good = tmp_path / "good.md"
    good.write_text(GOOD, encoding="utf-8")
    bad = tmp_path / name
    bad.write_bytes(content)
    result = CliRunner().invoke(cli, ["check", "--no-topic", str(good), str(bad)])
    assert result.exit_code == 2
    assert result.stdout == ""
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"Error: {bad}: {message}")


def test_an_image_only_pdf_has_no_text_layer(tmp_path):
    result = run(str(write_image_pdf(tmp_path / "scan.pdf")))
    assert result.exit_code == 2 and "no text layer" in result.stderr and result.stdout == ""


def test_output_file_is_written_whole(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_text(BAD, encoding="utf-8")
    report = tmp_path / "report.md"
    result = run(str(path), "--markdown", "-o", str(report))
    assert result.exit_code == 1
    assert report.read_text(encoding="utf-8").startswith("# Task citations checked")
    assert not list(tmp_path.glob("*.part"))
