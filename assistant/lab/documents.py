"""Real .docx and .pdf files made with python-docx, fpdf2 and pypdf, for the tests and `ipqa bench --check`.

Never used at run time (fpdf2 is a dev dependency). PDFs use a Unicode font when the machine has one
(DejaVu Sans, or Noto CJK for Chinese); otherwise the core Helvetica, with characters it cannot show replaced.
"""

from __future__ import annotations

from pathlib import Path

FONT_CANDIDATES = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
)
CJK_FONT_CANDIDATES = (
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"),
)


def unicode_font(cjk: bool = False) -> Path | None:
    for path in CJK_FONT_CANDIDATES if cjk else FONT_CANDIDATES:
        if path.is_file():
            return path
    return None


def write_docx(path: Path, paragraphs: list[str], table: list[list[str]] | None = None) -> Path:
    """A Word file: the paragraphs in order, then a table (rows of cells) if given."""
    import docx

    document = docx.Document()
    for text in paragraphs:
        if text.startswith("# "):
            document.add_heading(text[2:], level=1)
        else:
            document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, cells in zip(grid.rows, table):
            for cell, text in zip(row.cells, cells):
                cell.text = text
    document.save(str(path))
    return Path(path)


class _Pdf:
    def __init__(self, cjk: bool = False, chinese_fallback: bool = True):
        from fpdf import FPDF

        self.pdf = FPDF(format="A4")
        self.pdf.set_auto_page_break(auto=True, margin=15)
        font = unicode_font(cjk)
        if font:
            self.pdf.add_font("body", fname=str(font))
            self.pdf.set_font("body", size=11)
            self.unicode = True
            fallback = unicode_font(cjk=True) if chinese_fallback else None
            if fallback and not cjk:  # Chinese citations ("第51项") in an English text
                self.pdf.add_font("cjk", fname=str(fallback))
                self.pdf.set_fallback_fonts(["cjk"])
        else:
            self.pdf.set_font("Helvetica", size=11)
            self.unicode = False
        self.pdf.add_page()

    def text(self, text: str) -> str:
        if self.unicode:
            return text
        replaced = text.replace("“", '"').replace("”", '"').replace("’", "'").replace("–", "-").replace("—", "-")
        return replaced.encode("latin-1", errors="replace").decode("latin-1")

    def paragraph(self, text: str) -> None:
        self.pdf.multi_cell(0, 6, self.text(text), new_x="LMARGIN", new_y="NEXT")
        self.pdf.ln(3)


def write_pdf(path: Path, paragraphs: list[str], *, pages: int | None = None, cjk: bool = False) -> Path:
    """A PDF with a text layer. With `pages`, the paragraphs repeat until exactly that many pages are full."""
    from assistant.notice.segment_zh import has_cjk

    # Loading the CJK font costs 0.2 to 0.4 s a PDF: only a text with Chinese in it needs it.
    doc = _Pdf(cjk, chinese_fallback=any(has_cjk(text) for text in paragraphs))
    if pages is None:
        for text in paragraphs:
            doc.paragraph(text)
    else:
        index = 0
        while True:
            text = paragraphs[index % len(paragraphs)]
            trial = doc.pdf.page_no()
            doc.paragraph(text)
            index += 1
            if doc.pdf.page_no() > pages or (doc.pdf.page_no() == pages and trial == pages and doc.pdf.get_y() > 250):
                break
    doc.pdf.output(str(path))
    return Path(path)


def write_image_pdf(path: Path) -> Path:
    """A PDF holding only a picture (a scan with no text layer)."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (400, 200), "white")
    ImageDraw.Draw(image).text((20, 80), "Task 24 is led by SAIC.", fill="black")
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.image(image, x=10, y=10, w=150)
    pdf.output(str(path))
    return Path(path)


def write_encrypted_pdf(path: Path, paragraphs: list[str], password: str = "secret") -> Path:
    """A PDF that opens only with a password (pypdf's RC4, which needs no extra package)."""
    from pypdf import PdfReader, PdfWriter

    plain = Path(str(path) + ".plain.pdf")
    write_pdf(plain, paragraphs)
    writer = PdfWriter()
    for page in PdfReader(str(plain)).pages:
        writer.add_page(page)
    writer.encrypt(user_password=password, owner_password=password + "-owner", algorithm="RC4-128")
    with open(path, "wb") as handle:
        writer.write(handle)
    plain.unlink()
    return Path(path)
