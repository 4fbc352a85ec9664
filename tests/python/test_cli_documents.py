"""`ntmkit report --format docx` read back with python-docx (the layout of Nghị định
30/2020/NĐ-CP: motto block, number line, place and date, Times New Roman, the village tables,
"Nơi nhận", signature block) and `--format pdf` read back with pdftotext and rendered with
pdftoppm. Figures are checked against the seed's CSV read by hand (conftest)."""
import datetime as dt
import subprocess

import docx
from docx.shared import Pt
from docx.table import Table

from conftest import CAMPAIGN_JSON, PROGRESS_CSV, ntmkit_cmd

SEED_ARGS = [str(CAMPAIGN_JSON), "--progress", str(PROGRESS_CSV)]
FRIDAY = dt.date(2022, 5, 6)
AS_IT_STOOD = ["--date", "6/5/2022", "--known-by", "6/5/2022"]


def texts(cell):
    return [p.text for p in cell.paragraphs if p.text]


def table_after(d, heading):
    """The first table after the paragraph `heading` in the body."""
    seen = False
    for item in d.iter_inner_content():  # paragraphs and tables in document order
        if isinstance(item, Table):
            if seen:
                return item
        else:
            seen = seen or item.text == heading
    raise AssertionError(f"no table after {heading!r}")


def run_of(paragraphs, text):
    for p in paragraphs:
        for r in p.runs:
            if r.text == text:
                return r
    raise AssertionError(f"no run {text!r}")


def test_docx_has_the_administrative_layout_and_the_figures(tmp_path, seed_json, expected):
    out = tmp_path / "bao_cao.docx"
    p = ntmkit_cmd("report", *SEED_ARGS, *AS_IT_STOOD, "--format", "docx", "--out", out,
                   "--number", "12", "--place", "Cẩm Trang", "--signer", "Nguyễn Văn A",
                   "--recipient", "Thường trực Đảng ủy xã", "--recipient", "Các thôn")
    assert p.returncode == 0, p.stderr
    d = docx.Document(out)
    s = d.sections[0]
    # Word keeps lengths in twips (1/1440 inch): 210 mm is stored as 209.99 or 210.01.
    mm = [round(x.mm) for x in (s.page_width, s.page_height, s.top_margin, s.bottom_margin,
                                s.left_margin, s.right_margin)]
    assert mm == [210, 297, 20, 20, 30, 15]
    normal = d.styles["Normal"].font
    assert (normal.name, normal.size) == ("Times New Roman", Pt(13))

    head = d.tables[0].rows[0].cells
    assert texts(head[0]) == ["UBND XÃ (SEED COMMUNE, HÀ TĨNH)", "BAN CHỈ ĐẠO XÂY DỰNG NTM",
                              "———", "Số: 12/BC-BCĐ"]
    assert texts(head[1]) == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                              "Độc lập - Tự do - Hạnh phúc",
                              "Cẩm Trang, ngày 06 tháng 5 năm 2022"]  # day below 10: "06"
    motto = run_of(head[1].paragraphs, "Độc lập - Tự do - Hạnh phúc")
    assert motto.bold and motto.underline and motto.font.size == Pt(13.5)
    assert run_of(head[1].paragraphs, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").bold
    assert run_of(head[1].paragraphs, "Cẩm Trang, ngày 06 tháng 5 năm 2022").italic

    body = [p.text for p in d.paragraphs]
    assert "BÁO CÁO" in body
    assert ("Tiến độ " + seed_json["name"] + ", kỳ 4/8 (30/4/2022–6/5/2022)") in body
    # The hedges table: one row per village, then the commune's total.
    hedges = table_after(d, "Hộ trồng mới, bổ sung hàng rào xanh")
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in hedges.rows}
    cum = expected.cumulative(FRIDAY, known_by=FRIDAY)
    target = {(t["unit"], t["indicator"]): t["value"] for t in seed_json["targets"]}
    assert cum[("cam_trang", "hang_rao_xanh")] == 10  # docs/reports.md walks through it
    assert rows["Cẩm Trang"][1] == str(target[("cam_trang", "hang_rao_xanh")])
    assert rows["Cẩm Trang"][3] == "10"
    assert rows["Tổng cộng"][1:2] == ["140"]
    assert rows["Tổng cộng"][3] == str(int(cum[("xa", "hang_rao_xanh")]))

    closing = d.tables[-1].rows[0].cells
    assert texts(closing[0]) == ["Nơi nhận:", "- Thường trực Đảng ủy xã;", "- Các thôn;",
                                 "- Lưu: VT."]
    where = run_of(closing[0].paragraphs, "Nơi nhận:")
    assert where.bold and where.italic
    assert texts(closing[1]) == ["TM. BAN CHỈ ĐẠO", "TRƯỞNG BAN", "Nguyễn Văn A"]


def test_final_review_as_docx_and_a_daily_list_refused(tmp_path):
    out = tmp_path / "tong_ket.docx"
    p = ntmkit_cmd("report", *SEED_ARGS, "--kind", "final", "--format", "docx", "--out", out)
    assert p.returncode == 0, p.stderr
    d = docx.Document(out)
    head = d.tables[0].rows[0].cells
    assert texts(head[1])[-1] == "……, ngày 30 tháng 5 năm 2022"  # the campaign's last day
    assert "Xếp hạng các đơn vị" in [p.text for p in d.paragraphs]
    p = ntmkit_cmd("report", *SEED_ARGS, "--kind", "daily", "--format", "docx", "--out", out)
    assert p.returncode == 2


def test_pdf_is_a4_with_the_vietnamese_text_and_figures(tmp_path):
    out = tmp_path / "bao_cao.pdf"
    p = ntmkit_cmd("report", *SEED_ARGS, *AS_IT_STOOD, "--format", "pdf", "--out", out)
    assert p.returncode == 0, p.stderr
    info = subprocess.run(["pdfinfo", out], capture_output=True, text=True).stdout
    assert "(A4)" in info
    text = subprocess.run(["pdftotext", "-layout", out, "-"], capture_output=True,
                          text=True, encoding="utf-8").stdout
    # Diacritics intact (NFC, as the library writes them) and the hand-checked figures:
    # toilets 8 of 38 = 21,1%, 8 of 10 village reports in by Friday.
    assert "Báo cáo tiến độ — Đợt phát động" in text  # the title, before it wraps
    assert "Hộ xây nhà vệ sinh tự hoại" in text
    assert "21,1%" in text
    assert "Đã nhận 8/10 báo cáo (80,0%)" in text
    assert "Chưa báo cáo: Cẩm Trang, Trung Tiến." in text
    png = tmp_path / "page"
    subprocess.run(["pdftoppm", "-png", "-r", "30", "-f", "1", "-l", "1", out, png], check=True)
    from PIL import Image

    page = Image.open(tmp_path / "page-1.png").convert("L")
    # A4 at 30 dpi: 248 × 351 pixels; something is printed on it.
    assert abs(page.size[0] - 248) <= 1 and abs(page.size[1] - 351) <= 1
    assert sum(1 for v in page.tobytes() if v < 128) > 500


def test_pdf_without_chromium_is_exit_code_3(tmp_path):
    empty = tmp_path / "bin"
    empty.mkdir()
    p = ntmkit_cmd("report", *SEED_ARGS, "--format", "pdf", "--out", tmp_path / "x.pdf",
                   env={"PATH": str(empty), "NTMKIT_CHROMIUM": ""})
    assert p.returncode == 3
    assert p.stderr.startswith("ntmkit: printing a PDF needs Chromium")
    assert not (tmp_path / "x.pdf").exists()
