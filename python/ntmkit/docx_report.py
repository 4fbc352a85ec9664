"""The Friday report (or the final review) as a Word document an officer prints and signs, in
the layout of Nghị định 30/2020/NĐ-CP on administrative documents (Phụ lục I; needs
python-docx): A4 portrait, margins 20/20/30/15 mm, Times New Roman. Top left the superior
body, the issuing body (bold) and the number and symbol line; top right the national name
(bold, 12.5 pt) over the motto (bold, 13.5 pt, underlined as long as its text), then the
place and date in italic; the type "BÁO CÁO" and the subject centred in bold; the report's
body as the library lays it out (render/, the same paragraphs and tables as the Markdown and
HTML); then "Nơi nhận:" (bold italic) with the recipients and "- Lưu: VT." on the left and
the signature block on the right.

Every word comes from the label table (ntmkit.labels), so --lang en gives an English
document of the same shape.
"""
from __future__ import annotations

import datetime as dt
import os

from . import _core

FONT = "Times New Roman"
BODY_PT = 13  # the decree: body 13-14 pt
TABLE_PT = 11  # tables of figures are allowed smaller; 11 keeps 6 columns on A4 portrait


def place_date(place: str, day: dt.date, language: str = "vi") -> str:
    """"Cẩm Trang, ngày 06 tháng 5 năm 2022": the decree writes days below 10 and the months
    1 and 2 with a leading zero."""
    d = f"{day.day:02d}"
    m = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return _core.labels(language)["doc_place_date"].format(place, d, m, day.year)


def write_docx(campaign: _core.Campaign, path, report_date=None, kind: str = "weekly",
               language: str = "vi", known_by=None, level="village", *, number: str = "……",
               place: str = "……", issuer: str | None = None, superior: str | None = None,
               recipients: list[str] | None = None, signer: str = "",
               signer_title: str | None = None):
    """Write the weekly report of ``report_date`` (``kind="final"``: the closing review) as a
    .docx file at ``path``; returns the python-docx Document.

    ``number`` fills "Số: …/BC-BCĐ"; ``place`` the place before the date (the report date);
    ``superior`` and ``issuer`` the two lines of the issuing body (default "UBND <root unit>"
    and "BAN CHỈ ĐẠO XÂY DỰNG NTM"); ``recipients`` the lines of "Nơi nhận" before
    "Lưu: VT."; ``signer`` the name under the signature block (left blank to write by hand).
    """
    try:
        import docx  # python-docx
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("write_docx needs python-docx: pip install python-docx") from e

    lab = _core.labels(language)  # refuses a language but vi or en
    if kind == "final":
        rep = campaign.final_report(language=language, level=level, known_by=known_by)
        day = campaign.last
        subject = lab["doc_subject_final"].format(campaign.name)
    elif kind == "weekly":
        rep = campaign.weekly_report(report_date, language=language, level=level,
                                     known_by=known_by)
        day = rep.report_date
        fmt = _core.format_date_vi
        subject = lab["doc_subject_weekly"].format(
            rep.campaign_name, rep.period_number, rep.period_count, fmt(rep.period.first),
            fmt(rep.period.last))
    else:
        raise ValueError(f"kind: expected weekly or final, got {kind!r}")
    layout = rep.document(language)

    units = campaign.units
    if superior is None:
        superior = lab["doc_superior_body"].format(units.name(units.root)).upper()
    document = docx.Document()
    _page_setup(document, docx)
    _heading_block(document, docx, lab, superior, issuer or lab["doc_issuing_body"], number,
                   place_date(place, day, language))
    _centred(document, docx, lab["doc_report"], bold=True, size=14, before=12)
    _centred(document, docx, subject, bold=True, size=BODY_PT, after=12)
    total = lab["unit_total"]
    for block in layout["blocks"]:
        _block(document, docx, block, total)
    for section in layout["sections"]:
        p = _paragraph(document, docx, section["heading"], bold=True,
                       italic=section["level"] > 2, before=6)
        p.paragraph_format.keep_with_next = True
        for block in section["blocks"]:
            _block(document, docx, block, total)
    recipients = recipients if recipients is not None else [lab["doc_default_recipient"]]
    _closing_block(document, docx, lab, recipients, signer,
                   signer_title or lab["doc_signer_title"])
    document.save(os.fspath(path))
    return document


def _page_setup(document, docx) -> None:
    mm = docx.shared.Mm
    for s in document.sections:
        s.page_width, s.page_height = mm(210), mm(297)
        s.top_margin, s.bottom_margin = mm(20), mm(20)
        s.left_margin, s.right_margin = mm(30), mm(15)
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = docx.shared.Pt(BODY_PT)
    # East Asian text would otherwise fall back to the theme font in Word.
    rpr = style.element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(docx.oxml.ns.qn("w:eastAsia"), FONT)
    style.paragraph_format.space_after = docx.shared.Pt(0)


def _run(p, docx, text, bold=False, italic=False, size=None, underline=False):
    r = p.add_run(text)
    r.bold, r.italic, r.underline = bold or None, italic or None, underline or None
    r.font.name = FONT
    if size is not None:
        r.font.size = docx.shared.Pt(size)
    return r


def _paragraph(container, docx, text="", bold=False, italic=False, size=None, align=None,
               before=0, after=0):
    p = container.add_paragraph()
    if text:
        _run(p, docx, text, bold, italic, size)
    if align is not None:
        p.alignment = align
    p.paragraph_format.space_before = docx.shared.Pt(before)
    p.paragraph_format.space_after = docx.shared.Pt(after)
    return p


def _centred(container, docx, text, **kw):
    return _paragraph(container, docx, text,
                      align=docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER, **kw)


def _cell_paragraph(cell, docx, align=None):
    """The cell's first (empty) paragraph, then new ones."""
    p = cell.paragraphs[0] if not cell.paragraphs[0].text and len(cell.paragraphs[0].runs) == 0 \
        else cell.add_paragraph()
    if align is not None:
        p.alignment = align
    return p


def _borderless_table(document, docx, widths_mm):
    t = document.add_table(rows=1, cols=len(widths_mm))
    t.autofit = False
    for cell, w in zip(t.rows[0].cells, widths_mm):
        cell.width = docx.shared.Mm(w)
    return t


def _heading_block(document, docx, lab, superior, issuer, number, when) -> None:
    """Left: superior body, issuing body (bold), number line; right: national name and motto,
    then the place and date in italic (the decree's boxes 1-4)."""
    center = docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER
    left, right = _borderless_table(document, docx, (70, 95)).rows[0].cells
    _run(_cell_paragraph(left, docx, center), docx, superior.upper(), size=12.5)
    _run(_cell_paragraph(left, docx, center), docx, issuer.upper(), bold=True, size=12.5)
    _run(_cell_paragraph(left, docx, center), docx, "———", size=8)
    _run(_cell_paragraph(left, docx, center), docx, lab["doc_number"].format(number),
         size=BODY_PT)
    _run(_cell_paragraph(right, docx, center), docx, lab["doc_national_name"], bold=True,
         size=12.5)
    _run(_cell_paragraph(right, docx, center), docx, lab["doc_motto"], bold=True, size=13.5,
         underline=True)
    p = _cell_paragraph(right, docx, center)
    p.paragraph_format.space_before = docx.shared.Pt(12)
    _run(p, docx, when, italic=True, size=BODY_PT)


def _block(document, docx, block, total: str) -> None:
    """A paragraph (justified, first line indented) or a table (grid, header and the
    commune's `total` row in bold)."""
    if "text" in block:
        p = _paragraph(document, docx, align=docx.enum.text.WD_ALIGN_PARAGRAPH.JUSTIFY, after=3)
        p.paragraph_format.first_line_indent = docx.shared.Mm(10)
        if block["lead"]:
            _run(p, docx, block["lead"], bold=True)
        _run(p, docx, block["text"])
        return
    header, numeric, rows = block["header"], block["numeric"], block["rows"]
    t = document.add_table(rows=1 + len(rows), cols=len(header))
    t.style = "Table Grid"
    t.alignment = docx.enum.table.WD_TABLE_ALIGNMENT.CENTER
    align = docx.enum.text.WD_ALIGN_PARAGRAPH
    for r, cells in enumerate([header] + rows):
        for k, text in enumerate(cells):
            p = t.cell(r, k).paragraphs[0]
            p.alignment = align.CENTER if r == 0 else align.RIGHT if numeric[k] else align.LEFT
            _run(p, docx, text, bold=r == 0 or cells[0] == total, size=TABLE_PT)
    _paragraph(document, docx, after=3)


def _closing_block(document, docx, lab, recipients, signer, signer_title) -> None:
    """Left: "Nơi nhận:" (bold italic, 12 pt) and its lines (11 pt); right: the signature
    block, with room to sign and seal above the name."""
    center = docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER
    _paragraph(document, docx, after=6)
    left, right = _borderless_table(document, docx, (80, 85)).rows[0].cells
    _run(_cell_paragraph(left, docx), docx, lab["doc_recipients"], bold=True, italic=True,
         size=12)
    for line in list(recipients) + [lab["doc_archive"]]:
        text = line if line.endswith((";", ".")) else line + ";"
        _run(_cell_paragraph(left, docx), docx, "- " + text, size=11)
    _run(_cell_paragraph(right, docx, center), docx, lab["doc_on_behalf"], bold=True,
         size=BODY_PT)
    _run(_cell_paragraph(right, docx, center), docx, signer_title, bold=True, size=BODY_PT)
    for _ in range(4):
        _cell_paragraph(right, docx, center)
    _run(_cell_paragraph(right, docx, center), docx, signer, bold=True, size=BODY_PT)
