"""The ntmkit command for data entry and exchange: template, import, export dhis2."""
import csv
import datetime as dt
import json

import openpyxl
import pytest

from conftest import CAMPAIGN_JSON, PROGRESS_CSV, ntmkit_cmd

SEED_ARGS = [str(CAMPAIGN_JSON), "--progress", str(PROGRESS_CSV)]


# ---------------------------------------------------------------- template

def sheet_targets(seed_json, head, language="vi"):
    """(unit name, indicator name, target) of head and every unit below it, from the JSON."""
    below, grew = {head}, True
    while grew:
        more = {u["id"] for u in seed_json["units"] if u.get("parent") in below}
        grew, below = not more <= below, below | more
    name = {u["id"]: u["name"] for u in seed_json["units"]}
    indicators = {i["id"]: i[f"name_{language}"] for i in seed_json["indicators"]}
    targets = {(t["unit"], t["indicator"]): t["value"] for t in seed_json["targets"]}
    return [(name[u["id"]], indicators[i], targets[(u["id"], i)])
            for u in seed_json["units"] if u["id"] in below
            for i in indicators if (u["id"], i) in targets]


def test_template_writes_one_sheet_per_village_with_its_targets(tmp_path, seed_json):
    out = tmp_path / "nhap.xlsx"
    p = ntmkit_cmd("template", CAMPAIGN_JSON, "--out", out)
    assert p.returncode == 0, p.stderr
    wb = openpyxl.load_workbook(out)
    villages = [u for u in seed_json["units"] if u["level"] == "village"]
    commune = next(u for u in seed_json["units"] if "parent" not in u)
    assert wb.sheetnames == (["Hướng dẫn"] + [v["name"] for v in villages]
                             + [commune["name"], "_ntmkit_lists"])
    ws = wb["Cẩm Trang"]
    assert [ws.cell(row=2, column=c).value for c in range(1, 5)] == [
        "Đơn vị", "Chỉ tiêu", "Ngày", "Số lượng"]
    shown = [tuple(ws.cell(row=r, column=c).value for c in (11, 12, 13))  # targets in K–M
             for r in range(3, ws.max_row + 1) if ws.cell(row=r, column=11).value]
    by_hand = sheet_targets(seed_json, "cam_trang")
    assert ("Cẩm Trang", "Hộ trồng mới, bổ sung hàng rào xanh", 21) in by_hand
    assert shown == by_hand


def test_template_for_chosen_units_in_english(tmp_path, seed_json):
    out = tmp_path / "two.xlsx"
    p = ntmkit_cmd("template", CAMPAIGN_JSON, "--out", out, "--unit", "nam_thinh",
                   "--unit", "bong_giang_2", "--lang", "en")
    assert p.returncode == 0, p.stderr
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Instructions", "Nam Thịnh", "Bồng Giang 2", "_ntmkit_lists"]
    ws = wb["Bồng Giang 2"]
    shown = [tuple(ws.cell(row=r, column=c).value for c in (11, 12, 13))  # targets in K–M
             for r in range(3, ws.max_row + 1) if ws.cell(row=r, column=11).value]
    assert shown == sheet_targets(seed_json, "bong_giang_2", "en")
    bad = ntmkit_cmd("template", CAMPAIGN_JSON, "--out", tmp_path / "x.xlsx", "--unit", "ma")
    assert (bad.returncode, bad.stderr) == (1, 'ntmkit: unit "ma": no unit with id or name '
                                               '"ma" in the campaign\n')
    assert not (tmp_path / "x.xlsx").exists()


# ---------------------------------------------------------------- import

# Rows typed into a template: (sheet, unit as typed, indicator as typed, done, quantity,
# reported, note, reporter), and the unit id and indicator id each one means.
TYPED = [
    ("Cẩm Trang", "Tổ liên gia 1", "Hộ trồng mới, bổ sung hàng rào xanh", dt.date(2022, 5, 10),
     2, None, None, None, "cam_trang_to_1", "hang_rao_xanh"),
    ("Cẩm Trang", "cam_trang_to_2", "cong_ngo", dt.date(2022, 5, 11), 1.5,
     dt.date(2022, 5, 13), "cổng mới", "Trưởng thôn", "cam_trang_to_2", "cong_ngo"),
    ("Nam Thịnh", "Tổ liên gia 3", "Hộ chỉnh trang cổng ngõ", dt.date(2022, 5, 20), 3,
     None, None, "Trưởng tổ", "nam_thinh_to_3", "cong_ngo"),
]


def filled_template(tmp_path, openpyxl, rows=TYPED):
    out = tmp_path / "nhap.xlsx"
    assert ntmkit_cmd("template", CAMPAIGN_JSON, "--out", out).returncode == 0
    wb = openpyxl.load_workbook(out)
    for sheet, *cells in rows:
        ws = wb[sheet]
        r = 3 + sum(1 for row in ws.iter_rows(min_row=3, max_col=1) if row[0].value)
        for column, value in zip("ABCDEFG", cells[:7]):  # entry columns A–G, data from row 3
            ws[f"{column}{r}"] = value
    wb.save(out)
    return out


def test_import_writes_the_typed_rows_as_a_progress_csv(tmp_path):
    workbook = filled_template(tmp_path, openpyxl)
    extra = tmp_path / "them.csv"
    # 1,1250 is 1.125 (four decimals); written 1.125 it would be refused as ambiguous.
    extra.write_text('unit,indicator,date,quantity\nnam_thinh_to_1,cong_ngo,21/5/2022,"1,1250"\n',
                     encoding="utf-8")
    out = tmp_path / "nhat_ky.csv"
    p = ntmkit_cmd("import", CAMPAIGN_JSON, workbook, extra, "--write-csv", out)
    assert p.returncode == 0, p.stderr
    with open(out, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["unit", "indicator", "date", "reported", "quantity", "note", "reporter",
                       "supersedes"]
    vi = lambda d: f"{d.day}/{d.month}/{d.year}" if d else ""  # noqa: E731
    assert rows[1:] == [
        [uid, ind, vi(done), vi(rep), "1.5" if q == 1.5 else str(q), note or "", who or "", ""]
        for _, _, _, done, q, rep, note, who, uid, ind in TYPED
    ] + [["nam_thinh_to_1", "cong_ngo", "21/5/2022", "", "1.1250", "", "", ""]]
    lines = p.stdout.splitlines()
    assert lines[:2] == [f"{workbook}: 3 records", f"{extra}: 1 record"]
    # Added per village: Cẩm Trang 2 hedges and 1.5 gates, Nam Thịnh 3 + 1.125 gates.
    added = {tuple(line.split()[:2]): line.split()[2] for line in lines[3:-1]}
    assert added == {("cam_trang", "hang_rao_xanh"): "2", ("cam_trang", "cong_ngo"): "1.5",
                     ("nam_thinh", "cong_ngo"): "4.125"}
    assert lines[-1] == f"wrote {out}"
    again = ntmkit_cmd("validate", CAMPAIGN_JSON, "--progress", out)  # the log reads back
    assert again.returncode == 0 and f"records: 4 (0 in the campaign file, 4 from {out})" \
        in again.stdout


def test_import_of_a_bad_cell_names_it_and_writes_nothing(tmp_path):
    bad = TYPED[:1] + [("Cẩm Trang", "Tổ liên gia 2", "cong_ngo", "32/5/2022", 1, None, None,
                        None, "", "")]
    workbook = filled_template(tmp_path, openpyxl, bad)
    out = tmp_path / "nhat_ky.csv"
    p = ntmkit_cmd("import", CAMPAIGN_JSON, PROGRESS_CSV, workbook, "--write-csv", out)
    assert p.returncode == 1
    assert p.stderr == ("ntmkit: 'Cẩm Trang'!C4: expected a date such as 6/5/2022 or "
                        '2022-05-06, got "32/5/2022" (May 2022 has 31 days, got day 32)\n')
    assert p.stdout == "" and not out.exists()
    p = ntmkit_cmd("import", CAMPAIGN_JSON, filled_template(tmp_path, openpyxl), "--check",
                   "--write-csv", out)
    assert p.returncode == 0 and not out.exists()


# ---------------------------------------------------------------- export dhis2

def saturday_week_id(day):
    """DHIS2 WeeklySaturday id by docs/calendar.md's rule: weeks start on Saturday and belong
    to the year of their 4th day (Tuesday); week 1 is the one holding 4 January."""
    start = day - dt.timedelta(days=(day.weekday() - 5) % 7)
    year = (start + dt.timedelta(days=3)).year
    jan4 = dt.date(year, 1, 4)
    week1 = jan4 - dt.timedelta(days=(jan4.weekday() - 5) % 7)
    return f"{year}SatW{(start - week1).days // 7 + 1}"


def test_export_dhis2_gives_the_cumulatives_of_the_villages(tmp_path, seed_json, expected):
    day = dt.date(2022, 5, 6)
    # Friday reports map to Saturday weeks: 6/5/2022 ends the week 30/4–6/5, whose Tuesday
    # is in 2022; week 1 is 1/1–7/1/2022 (4/1 is a Tuesday), 17 weeks before: week 18.
    assert saturday_week_id(day) == "2022SatW18"
    assert saturday_week_id(dt.date(2018, 12, 31)) == "2019SatW1"  # docs/calendar.md
    out = tmp_path / "dhis2.json"
    p = ntmkit_cmd("export", "dhis2", *SEED_ARGS, "--date", "6/5/2022", "--out", out)
    assert p.returncode == 0, p.stderr
    values = json.loads(out.read_text(encoding="utf-8"))["dataValues"]
    villages = {u["id"] for u in seed_json["units"] if u["level"] == "village"}
    by_hand = {k: v for k, v in expected.cumulative(day).items() if k[0] in villages and v}
    assert by_hand[("cam_trang", "hang_rao_xanh")] == 10  # docs/reports.md
    got = {(v["orgUnit"], v["dataElement"]): v["value"] for v in values}
    assert len(got) == len(values)
    assert got == {k: f"{v:g}" for k, v in by_hand.items()}
    assert {v["period"] for v in values} == {saturday_week_id(day)}
    # Mid-week, the period is that of the Friday the day is reported on.
    p = ntmkit_cmd("export", "dhis2", *SEED_ARGS, "--date", "2/5/2022", "--level", "commune")
    assert p.returncode == 0, p.stderr
    commune = json.loads(p.stdout)["dataValues"]
    assert {v["period"] for v in commune} == {"2022SatW18"}
    assert {(v["orgUnit"], v["dataElement"]): v["value"] for v in commune} == {
        k: f"{v:g}" for k, v in expected.cumulative(dt.date(2022, 5, 2)).items()
        if k[0] == "xa" and v}


def test_export_dhis2_of_a_monday_schedule_uses_tuesday_weeks(tmp_path, seed_json):
    monday = dict(seed_json, reporting={"kind": "weekly", "day": "monday"})
    monday.pop("submissions", None)  # their periods are Fridays
    path = tmp_path / "monday.json"
    path.write_text(json.dumps(monday, ensure_ascii=False), encoding="utf-8")
    p = ntmkit_cmd("export", "dhis2", path, "--progress", PROGRESS_CSV, "--date", "9/5/2022")
    # Monday reports cover Tuesday-to-Monday weeks: 9/5/2022 ends 3/5-9/5, 119 days = 17 weeks
    # after the start of 2022TueW1 (Tuesday 4/1/2022): 2022TueW18 (docs/calendar.md).
    assert p.returncode == 0, p.stderr
    payload = json.loads(p.stdout)
    assert payload["period"] == "2022TueW18"
    assert {v["period"] for v in payload["dataValues"]} == {"2022TueW18"}


def test_export_then_import_dhis2_keeps_the_village_figures(tmp_path, expected):
    # A district data set with one village and one indicator: per-period values add up to the
    # cumulative figure worked out from the CSV, and importing them into the campaign without
    # progress gives that figure back.
    mapping = tmp_path / "map.json"
    mapping.write_text(json.dumps({
        "format": "ntmkit-dhis2-mapping", "format_version": 1, "dataSet": "dsNTM000001",
        "dataElements": {"hang_rao_xanh": "deHangRao01"}, "orgUnits": {"cam_trang": "ouCamTrang1"}}))
    payload = tmp_path / "payload.json"
    p = ntmkit_cmd("export", "dhis2", *SEED_ARGS, "--date", "30/5/2022", "--values",
                   "per-period", "--mapping", mapping, "--out", payload)
    assert p.returncode == 0, p.stderr
    sent = json.loads(payload.read_text(encoding="utf-8"))
    assert sent["dataSet"] == "dsNTM000001"
    assert {(v["orgUnit"], v["dataElement"]) for v in sent["dataValues"]} == {
        ("ouCamTrang1", "deHangRao01")}
    assert all(v["period"].startswith("2022SatW") for v in sent["dataValues"])
    total = expected.cumulative(dt.date(2022, 5, 30))[("cam_trang", "hang_rao_xanh")]
    assert sum(float(v["value"]) for v in sent["dataValues"]) == total
    out = tmp_path / "back.csv"
    p = ntmkit_cmd("import", CAMPAIGN_JSON, payload, "--mapping", mapping, "--values",
                   "per-period", "--write-csv", out)
    assert p.returncode == 0, p.stderr
    added = [line.split() for line in p.stdout.splitlines() if line.startswith("  ")]
    assert added == [["cam_trang", "hang_rao_xanh", f"{total:g}"]]
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == len(sent["dataValues"])
    assert rows[0]["note"].startswith("DHIS2 2022SatW")
