"""Data-entry workbooks: the generated layout read back with openpyxl, filled workbooks read
back, and every refusal naming its sheet and cell. Expected values come from the seed files
read by hand (json, csv) or are written out below, never from ntmkit's output."""
import csv
import datetime as dt

import numpy as np
import openpyxl
import pytest

import ntmkit
from conftest import CAMPAIGN_JSON, PROGRESS_CSV, vi_date

COMMUNE_SHEET = "Xã (seed commune, Hà Tĩnh)"
VILLAGES = ["Cẩm Trang", "Bồng Giang 1", "Bồng Giang 2", "Văn Giang 1", "Văn Giang 2",
            "Hợp Phát", "Trung Tiến", "Tân Phúc", "Đông Hòa", "Nam Thịnh"]
HEADINGS_VI = ["Đơn vị", "Chỉ tiêu", "Ngày", "Số lượng", "Ngày báo cáo", "Ghi chú",
               "Người báo cáo", "Thay thế"]


def fill(path, sheet, rows, first_row=3):
    """Types rows into a sheet as an officer would (openpyxl stands in for Excel)."""
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    for r, row in enumerate(rows, start=first_row):
        for c, v in enumerate(row, start=1):
            ws.cell(row=r, column=c).value = v
    wb.save(path)


def list_values(wb, formula):
    """The cells a drop-down's formula ('_ntmkit_lists'!$C$2:$C$8) points at."""
    sheet, cells = formula.rsplit("!", 1)
    ws = wb[sheet.strip("'")]
    return [c.value for row in ws[cells.replace("$", "")] for c in row]


def fields(records):
    """ProgressRecords as comparable tuples (ProgressRecord has no value equality)."""
    return [(r.unit, r.indicator, r.date, r.quantity, r.reported, r.note, r.reporter)
            for r in records]


def validation_at(ws, cell):
    found = [dv for dv in ws.data_validations.dataValidation if cell in dv.sqref]
    assert len(found) == 1
    return found[0]


def shown_targets(ws):
    """{(unit label, indicator name): target} from the table in columns K–M."""
    out = {}
    for unit, indicator, value in ws.iter_rows(min_row=3, min_col=11, max_col=13,
                                               values_only=True):
        if unit is not None:
            out[(unit, indicator)] = value
    return out


@pytest.fixture
def entry_path(seed, tmp_path):
    path = tmp_path / "nhap.xlsx"
    ntmkit.write_entry_workbook(seed, path)
    return path


def test_whole_commune_workbook_has_instructions_one_sheet_per_village_and_the_commune(
        entry_path):
    wb = openpyxl.load_workbook(entry_path)
    assert wb.sheetnames == ["Hướng dẫn", *VILLAGES, COMMUNE_SHEET, "_ntmkit_lists"]
    assert wb["_ntmkit_lists"].sheet_state == "hidden"
    assert wb["Hướng dẫn"]["A1"].value.startswith("Sổ nhập tiến độ: ")
    for title in VILLAGES + [COMMUNE_SHEET]:
        ws = wb[title]
        assert [c.value for c in ws[2][:8]] == HEADINGS_VI
        assert ws.protection.sheet is True
        assert ws["A2"].protection.locked is True  # headings protected
        # The entry columns are unlocked as columns: every row a cell is typed in is open.
        for letter in "ABCDEFGHI":
            assert ws.column_dimensions[letter].protection.locked is False
        assert ws.column_dimensions["K"].protection.locked is True  # the targets shown
        assert ws.column_dimensions["C"].number_format == "d/m/yyyy"
        assert ws.column_dimensions["E"].number_format == "d/m/yyyy"


def test_drop_downs_list_the_sheets_units_by_name_and_the_indicators_by_vietnamese_name(
        entry_path, seed_json):
    wb = openpyxl.load_workbook(entry_path)
    units = seed_json["units"]
    ws = wb["Cẩm Trang"]
    unit_list = validation_at(ws, "A3")
    assert unit_list.type == "list" and "A1048576" in unit_list.sqref
    village_units = [u["name"] for u in units if "cam_trang" in (u["id"], u.get("parent"))]
    assert list_values(wb, unit_list.formula1) == village_units
    assert village_units[:2] == ["Cẩm Trang", "Tổ liên gia 1"]
    indicator_list = validation_at(ws, "B3")
    assert list_values(wb, indicator_list.formula1) == [
        i["name_vi"] for i in seed_json["indicators"]]
    # The commune's sheet: the commune and its organisations, no household group.
    commune_list = validation_at(wb[COMMUNE_SHEET], "A3").formula1
    assert list_values(wb, commune_list) == [
        "Xã (seed commune, Hà Tĩnh)", "Hội Nông dân", "Hội Phụ nữ", "Hội Cựu chiến binh",
        "Đoàn Thanh niên"]
    assert validation_at(ws, "D3").type == "decimal"
    # Days done within 15/4/2022–30/5/2022 (Excel day numbers 44666 and 44711), reports up to
    # 60 days later (29/7/2022 = 44771).
    done, reported = validation_at(ws, "C3"), validation_at(ws, "E3")
    assert (done.type, done.formula1, done.formula2) == ("date", "44666", "44711")
    assert (reported.formula1, reported.formula2) == ("44666", "44771")
    assert done.error == "Ngày thực hiện phải trong đợt 15/4/2022 – 30/5/2022."
    # Warnings, not stops: an id typed instead of a name must stay possible.
    assert {dv.errorStyle for dv in ws.data_validations.dataValidation} == {"warning"}


def test_each_sheet_shows_the_targets_of_its_units_as_the_campaign_file_sets_them(
        entry_path, seed_json):
    wb = openpyxl.load_workbook(entry_path)
    names = {u["id"]: u["name"] for u in seed_json["units"]}
    indicator_names = {i["id"]: i["name_vi"] for i in seed_json["indicators"]}
    for sheet, ids in (("Cẩm Trang", {"cam_trang"}), ("Nam Thịnh", {"nam_thinh"}),
                       (COMMUNE_SHEET, {"xa", "hoi_nong_dan", "hoi_phu_nu",
                                        "hoi_cuu_chien_binh", "doan_thanh_nien"})):
        expected = {(names[t["unit"]], indicator_names[t["indicator"]]): t["value"]
                    for t in seed_json["targets"] if t["unit"] in ids}
        assert shown_targets(wb[sheet]) == expected
    assert shown_targets(wb["Cẩm Trang"])[("Cẩm Trang", "Hộ trồng mới, bổ sung hàng rào xanh")] \
        == 21
    assert len(shown_targets(wb[COMMUNE_SHEET])) == 8 + 4


def test_one_village_in_english_gets_english_words_and_reads_back(seed, tmp_path):
    path = tmp_path / "one.xlsx"
    ntmkit.write_entry_workbook(seed, path, units="cam_trang", language="en")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Instructions", "Cẩm Trang", "_ntmkit_lists"]
    assert [c.value for c in wb["Cẩm Trang"][2][:8]] == [
        "Unit", "Indicator", "Date", "Quantity", "Reported", "Note", "Reporter", "Supersedes"]
    assert list_values(wb, validation_at(wb["Cẩm Trang"], "B3").formula1)[0] == \
        "Model residential area"
    fill(path, "Cẩm Trang", [["Tổ liên gia 2", "Households planting green hedges",
                              dt.datetime(2022, 5, 3), 3]])
    assert fields(ntmkit.read_entry_workbook(seed, path)) == [
        ("cam_trang_to_2", "hang_rao_xanh", dt.date(2022, 5, 3), 3.0, None, "", "")]
    with pytest.raises(ntmkit.ValidationError):
        ntmkit.write_entry_workbook(seed, path, language="fr")


def test_sheet_titles_lose_forbidden_characters_keep_31_characters_and_stay_unique(tmp_path):
    long_name = "Thôn Một Hai Ba Bốn Năm Sáu Bảy Tám"  # 35 characters
    specs = [ntmkit.UnitSpec("xa", "Xã", "commune"),
             ntmkit.UnitSpec("a", "Thôn 1/2: [mới]*?", "village", "xa"),
             ntmkit.UnitSpec("b", long_name, "village", "xa"),
             ntmkit.UnitSpec("c", long_name + " B", "village", "xa"),
             ntmkit.UnitSpec("d", "xã", "village", "xa")]
    c = ntmkit.Campaign("t", "t", "15/4/2022", "30/5/2022", specs,
                        [ntmkit.Indicator("x", "X")])
    ntmkit.write_entry_workbook(c, tmp_path / "t.xlsx")
    names = openpyxl.load_workbook(tmp_path / "t.xlsx").sheetnames
    assert names == ["Hướng dẫn", "Thôn 1-2- -mới---", "Thôn Một Hai Ba Bốn Năm Sáu Bảy",
                     "Thôn Một Hai Ba Bốn Năm Sáu (2)", "xã", "Xã (2)", "_ntmkit_lists"]


def test_a_filled_workbook_reads_back_every_spelling_of_units_indicators_dates_and_numbers(
        seed, entry_path):
    fill(entry_path, "Cẩm Trang", [
        ["Tổ liên gia 3", "Hộ trồng mới, bổ sung hàng rào xanh", dt.datetime(2022, 4, 16), 2,
         None, "làm lại", "Trưởng tổ"],
        ["cam_trang_to_5", "chinh_trang_vuon", "6/5/2022", "1,5", "9/5/2022"],
        [None, None, None, None],  # blank row: skipped
        ["Ca\u0302\u0309m Trang",  # the village itself, typed with combining marks (NFD)
         "Households renovating gate and entrance", "2022-05-06", 4, dt.datetime(2022, 5, 7),
         None, 12],
    ])
    fill(entry_path, COMMUNE_SHEET, [["Hội Phụ nữ", "Vườn sinh thái", "29/4", 1]])
    assert fields(ntmkit.read_entry_workbook(seed, entry_path)) == [
        ("cam_trang_to_3", "hang_rao_xanh", dt.date(2022, 4, 16), 2.0, None, "làm lại",
         "Trưởng tổ"),
        ("cam_trang_to_5", "chinh_trang_vuon", dt.date(2022, 5, 6), 1.5, dt.date(2022, 5, 9),
         "", ""),
        ("cam_trang", "cong_ngo", dt.date(2022, 5, 6), 4.0, dt.date(2022, 5, 7), "", "12"),
        ("hoi_phu_nu", "vuon_sinh_thai", dt.date(2022, 4, 29), 1.0, None, "", ""),
    ]
    seed.add_progress_workbook(entry_path)
    assert len(seed.progress) == 4
    assert seed.rollup("30/5/2022").row("cam_trang", "cong_ngo").tally.cumulative == 4.0


def csv_rows_without_corrections():
    with open(PROGRESS_CSV, encoding="utf-8") as f:
        return [r for r in csv.DictReader(f) if not r["supersedes"]]


def type_seed_csv(entry_path, seed_json):
    """Types the seed CSV's records (corrections left out) into the entry workbook's sheets;
    returns them as fields() tuples, worked out from the CSV itself."""
    units = {u["id"]: u for u in seed_json["units"]}
    indicator_names = {i["id"]: i["name_vi"] for i in seed_json["indicators"]}
    by_sheet, expected = {}, []
    for r in csv_rows_without_corrections():
        unit = units[r["unit"]]
        level = unit["level"]
        sheet = (unit["name"] if level == "village" else
                 units[unit["parent"]]["name"] if level == "household_group" else COMMUNE_SHEET)
        reported = vi_date(r["reported"]) if r["reported"] else None
        by_sheet.setdefault(sheet, []).append([
            unit["name"], indicator_names[r["indicator"]], vi_date(r["date"]),
            int(r["quantity"]), reported, r["note"] or None, r["reporter"]])
        expected.append((r["unit"], r["indicator"], vi_date(r["date"]), float(r["quantity"]),
                         reported, r["note"], r["reporter"]))
    wb = openpyxl.load_workbook(entry_path)
    for sheet, rows in by_sheet.items():
        for i, row in enumerate(rows, start=3):
            for c, v in enumerate(row, start=1):
                wb[sheet].cell(row=i, column=c).value = v
    wb.save(entry_path)
    return expected


def test_the_seed_csv_typed_into_the_workbook_gives_its_records_and_its_roll_up(
        seed, entry_path, seed_json):
    expected = type_seed_csv(entry_path, seed_json)
    got = ntmkit.read_entry_workbook(seed, entry_path)
    assert len(got) == 60
    assert sorted(fields(got)) == sorted(expected)

    from_csv = seed.copy()
    with open(PROGRESS_CSV, encoding="utf-8") as f:
        lines = [line for line in f.read().splitlines() if not line.endswith(",3")]
    from_csv.add_progress_csv("\n".join(lines) + "\n")
    seed.add_progress_workbook(entry_path)
    a, b = seed.rollup("30/5/2022"), from_csv.rollup("30/5/2022")
    for u in range(len(seed.units)):
        for i in range(len(seed.indicators)):
            assert a.row(u, i).tally.cumulative == b.row(u, i).tally.cumulative
    # Cẩm Trang's hedges by hand: 2 + 3 (16/4) + 1 (17/4) + 3 (3/5).
    assert a.row("cam_trang", "hang_rao_xanh").tally.cumulative == 9


def refused(campaign, path, error_class):
    before = campaign.to_json()
    with pytest.raises(error_class) as info:
        campaign.add_progress_workbook(path)
    assert campaign.to_json() == before
    return info.value


GOOD = ["Tổ liên gia 1", "hang_rao_xanh", dt.datetime(2022, 4, 20), 1]


def test_a_date_that_is_no_date_is_refused_at_its_cell(seed, entry_path):
    fill(entry_path, "Cẩm Trang", [GOOD, ["Tổ liên gia 1", "hang_rao_xanh", "32/5/2022", 1]])
    e = refused(seed, entry_path, ntmkit.ParseError)
    assert e.where == "'Cẩm Trang'!C4"
    assert e.detail.startswith('expected a date such as 6/5/2022 or 2022-05-06, got "32/5/2022"')


def test_an_unknown_unit_is_refused_at_its_cell(seed, entry_path):
    fill(entry_path, "Bồng Giang 2", [GOOD, GOOD, ["Thôn Ma", "hang_rao_xanh", "6/5/2022", 1]])
    e = refused(seed, entry_path, ntmkit.ValidationError)
    assert e.where == "'Bồng Giang 2'!A5"
    assert e.detail == 'expected a unit of the list (name or id), got "Thôn Ma"'


def test_an_unknown_indicator_is_refused_at_its_cell(seed, entry_path):
    fill(entry_path, "Cẩm Trang", [["Tổ liên gia 1", "Hàng rào", "6/5/2022", 1]])
    e = refused(seed, entry_path, ntmkit.ValidationError)
    assert e.where == "'Cẩm Trang'!B3"


def test_a_negative_quantity_is_refused_by_the_campaign_and_named_by_its_cell(seed, entry_path):
    fill(entry_path, "Cẩm Trang", [GOOD, GOOD, ["Tổ liên gia 2", "cong_ngo", "6/5/2022", -2]])
    e = refused(seed, entry_path, ntmkit.ValidationError)
    assert e.where == "'Cẩm Trang'!D5"
    assert "0 or more" in e.detail


def test_a_formula_without_a_saved_value_is_refused(seed, entry_path):
    fill(entry_path, "Cẩm Trang", [GOOD, ["Tổ liên gia 2", "cong_ngo", "6/5/2022", "=1+1"]])
    e = refused(seed, entry_path, ntmkit.ParseError)
    assert e.where == "'Cẩm Trang'!D4"
    assert e.detail.startswith("a formula without a saved value (=1+1)")


def test_a_day_outside_the_window_on_a_later_sheet_is_named_by_its_sheet_and_cell(
        seed, entry_path):
    fill(entry_path, "Cẩm Trang", [GOOD, GOOD])
    fill(entry_path, "Bồng Giang 1", [GOOD[:1] + ["cong_ngo", "1/5/2022", 1],
                                      ["Tổ liên gia 4", "cong_ngo", dt.datetime(2022, 6, 1), 1]])
    e = refused(seed, entry_path, ntmkit.ValidationError)
    assert e.where == "'Bồng Giang 1'!C4"
    assert e.detail == "day 1/6/2022 is outside the campaign 15/4/2022 to 30/5/2022"


def test_a_cell_showing_an_excel_error_is_refused(seed, entry_path):
    fill(entry_path, "Cẩm Trang", [["Tổ liên gia 1", "hang_rao_xanh", "6/5/2022", "#REF!"]])
    e = refused(seed, entry_path, ntmkit.ParseError)
    assert e.where == "'Cẩm Trang'!D3"
    assert e.detail == "the cell shows the error #REF!; expected a value"


def test_more_households_than_the_group_has_is_refused_at_the_quantity_cell(seed, entry_path):
    fill(entry_path, "Cẩm Trang", [GOOD, ["Tổ liên gia 1", "hang_rao_xanh", "6/5/2022", 50]])
    e = refused(seed, entry_path, ntmkit.ValidationError)
    assert e.where == "'Cẩm Trang'!D4"
    assert e.detail.endswith("but has 43 households")  # campaign.json: cam_trang_to_1, 43


def test_a_file_that_is_no_workbook_or_has_no_entry_sheet_is_refused(seed, tmp_path):
    bad = tmp_path / "x.xlsx"
    bad.write_text("unit,indicator\n", encoding="utf-8")
    e = refused(seed, bad, ntmkit.ParseError)
    assert e.where == str(bad) and e.detail.startswith("not an Excel workbook (.xlsx)")
    other = tmp_path / "other.xlsx"
    openpyxl.Workbook().save(other)
    e = refused(seed, other, ntmkit.ParseError)
    assert e.where == str(other) and e.detail.startswith("no entry sheet")


def test_a_missing_quantity_and_an_ambiguous_one_are_refused_at_their_cells(seed, entry_path):
    fill(entry_path, "Cẩm Trang", [["Tổ liên gia 1", "hang_rao_xanh", "6/5/2022"]])
    e = refused(seed, entry_path, ntmkit.ParseError)
    assert e.where == "'Cẩm Trang'!D3"
    assert e.detail == "expected a number, the cell is empty"
    fill(entry_path, "Cẩm Trang", [["Tổ liên gia 1", "hang_rao_xanh", "6/5/2022", "1.234"]])
    e = refused(seed, entry_path, ntmkit.ParseError)
    assert e.where == "'Cẩm Trang'!D3"
    assert e.detail.startswith('"1.234" could mean 1.234 or 1234')


def test_one_sheet_for_the_whole_commune_tells_repeated_names_apart_by_id(seed, tmp_path,
                                                                          seed_json):
    path = tmp_path / "xa.xlsx"
    ntmkit.write_entry_workbook(seed, path, units="xa")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Hướng dẫn", COMMUNE_SHEET, "_ntmkit_lists"]
    labels = list_values(wb, validation_at(wb[COMMUNE_SHEET], "A3").formula1)
    assert len(labels) == 64  # every unit of the campaign file
    assert labels[:3] == [COMMUNE_SHEET, "Cẩm Trang", "Tổ liên gia 1 (cam_trang_to_1)"]
    assert "Hội Phụ nữ" in labels  # a name used once stays bare
    fill(path, COMMUNE_SHEET, [["Tổ liên gia 2 (dong_hoa_to_2)", "cong_ngo", "6/5/2022", 1]])
    assert fields(ntmkit.read_entry_workbook(seed, path)) == [
        ("dong_hoa_to_2", "cong_ngo", dt.date(2022, 5, 6), 1.0, None, "", "")]
    fill(path, COMMUNE_SHEET, [["Tổ liên gia 2", "cong_ngo", "6/5/2022", 1]])
    e = refused(seed, path, ntmkit.ValidationError)
    assert e.where == f"'{COMMUNE_SHEET}'!A3"
    # The ids it could mean, as the campaign file lists them: the first five, then a count.
    ids = [u["id"] for u in seed_json["units"] if u["name"] == "Tổ liên gia 2"]
    assert len(ids) == 10
    assert e.detail == (f'"Tổ liên gia 2" is the name of 10 units: {", ".join(ids[:5])} and 5 '
                        "more; give the id, or pick one from the list")


def test_a_bare_number_in_a_date_cell_is_refused_rather_than_guessed(seed, entry_path):
    fill(entry_path, "Cẩm Trang", [["Tổ liên gia 1", "hang_rao_xanh", 44687, 1]])
    e = refused(seed, entry_path, ntmkit.ParseError)
    assert e.where == "'Cẩm Trang'!C3"
    assert e.detail == "expected a date such as 6/5/2022, got 44687; format the cell as a date"


def log_records(campaign):
    """The progress log as (unit id, indicator id, done, reported, quantity, note, reporter,
    supersedes) tuples, from its columns."""
    log, start = campaign.progress, campaign.first
    day = lambda k: start + dt.timedelta(days=int(k))  # noqa: E731
    return [(campaign.units.id(int(u)), campaign.indicators[int(i)].id, day(d), day(r), float(q),
             n, p, None if s < 0 else int(s))
            for u, i, d, r, q, n, p, s in zip(log.units(), log.indicators(), log.done_days(),
                                              log.reported_days(), log.quantities(), log.notes(),
                                              log.reporters(), log.supersedes_column())]


def test_a_correction_typed_in_the_supersedes_column_corrects_its_record(seed, entry_path):
    fill(entry_path, "Cẩm Trang", [GOOD, ["Tổ liên gia 1", "hang_rao_xanh", "20/4/2022", 3,
                                          "22/4/2022", "sửa", None, 0]])
    seed.add_progress_workbook(entry_path)
    assert seed.progress.supersedes(1) == 0
    assert seed.rollup("30/5/2022").row("cam_trang_to_1", "hang_rao_xanh").tally.cumulative == 3
    fill(entry_path, "Cẩm Trang", [GOOD, GOOD[:4] + [None, None, None, "một"]])
    e = refused(seed, entry_path, ntmkit.ParseError)
    assert e.where == "'Cẩm Trang'!H4"
    fill(entry_path, "Cẩm Trang", [GOOD, GOOD[:4] + [None, None, None, 9]])
    e = refused(seed, entry_path, ntmkit.ValidationError)  # record 9 comes after row 4's (3)
    assert e.where == "'Cẩm Trang'!H4"


def test_the_log_exported_into_a_workbook_reads_back_as_the_same_records(
        seed_with_progress, tmp_path, csv_rows):
    c = seed_with_progress
    seed = ntmkit.Campaign.load(CAMPAIGN_JSON)  # the same campaign without progress
    assert len(c.progress) == len(csv_rows) and c.progress.has_corrections
    one = tmp_path / "one.xlsx"  # one sheet for the commune: the same log, in the same order
    ntmkit.write_entry_workbook(c, one, units="xa", progress=True)
    fresh = seed.copy()
    fresh.add_progress_workbook(one)
    assert fresh == c
    assert fresh.to_json() == c.to_json()
    # The rows as the CSV file has them (read by the csv module in conftest).
    expected = [(r["unit"], r["indicator"], r["date"], r["reported"], r["quantity"],
                 r["note"], r["reporter"], r["supersedes"]) for r in csv_rows]
    assert log_records(fresh) == expected
    # One sheet per village: grouped by sheet, corrections renumbered; the same roll-up.
    per_village = tmp_path / "villages.xlsx"
    ntmkit.write_entry_workbook(c, per_village, progress=True)
    again = seed.copy()
    again.add_progress_workbook(per_village)
    assert sorted(r[:7] for r in log_records(again)) == sorted(r[:7] for r in expected)
    for day in ("22/4/2022", "30/5/2022"):
        a, b = again.rollup(day), c.rollup(day)
        assert np.array_equal(a.cumulative, b.cumulative)


def test_a_workbook_imported_into_a_store_twice_adds_nothing(seed, entry_path, seed_json,
                                                             tmp_path):
    expected = type_seed_csv(entry_path, seed_json)
    wb = openpyxl.load_workbook(entry_path)
    assert wb["Cẩm Trang"]["I2"].value == "Mã"
    wb["Cẩm Trang"]["I3"] = "CT-1"  # one row with an id of its own
    wb.save(entry_path)
    store = ntmkit.Store.open(str(tmp_path / "xa.sqlite"))
    store.import_campaign(seed, "campaign.json")
    first = store.import_workbook(entry_path)
    assert (first.read, first.added) == (len(expected), len(expected))
    again = store.import_workbook(entry_path)
    assert (again.added, again.skipped) == (0, len(expected))
    assert len(store.campaign().progress) == len(expected)
    # Rows are known by their id, else by sheet and row: a changed figure is a conflict.
    wb["Cẩm Trang"]["D3"] = wb["Cẩm Trang"]["D3"].value + 1
    wb["Cẩm Trang"]["D4"] = wb["Cẩm Trang"]["D4"].value + 1
    wb.save(entry_path)
    with pytest.raises(ntmkit.StoreConflict) as e:
        store.import_workbook(entry_path)
    assert e.value.detail.startswith("2 records conflict")
    assert "\n  CT-1: already in the store as" in e.value.detail
    assert "\n  nhap.xlsx:Cẩm Trang!4: already in the store as" in e.value.detail


def stored_store(seed, tmp_path):
    """A store holding the seed campaign and its records."""
    store = ntmkit.Store.open(str(tmp_path / "xa.sqlite"))
    store.import_campaign(seed, "campaign.json")
    return store


def refused_by_store(store, path, error_class):
    """The error importing `path` raises; the store holds what it held before."""
    before = store.campaign().to_json()
    with pytest.raises(error_class) as info:
        store.import_workbook(path)
    assert store.campaign().to_json() == before
    return info.value


def test_the_same_id_twice_in_a_workbook_is_refused_at_its_second_cell(seed, entry_path,
                                                                      tmp_path):
    fill(entry_path, "Cẩm Trang", [GOOD + [None] * 4 + ["CT-1"]])
    fill(entry_path, "Bồng Giang 1", [GOOD, GOOD + [None] * 4 + ["CT-1"]])
    e = refused_by_store(stored_store(seed, tmp_path), entry_path, ntmkit.ValidationError)
    assert e.where == "'Bồng Giang 1'!I4"
    assert e.detail == ('the id "CT-1" is already the id of the row at \'Cẩm Trang\'!I3; give '
                        "each record its own id")


@pytest.mark.parametrize("bad", [dt.datetime(2022, 4, 20), 1.5, True, "CT\n1"],
                         ids=["date", "fraction", "boolean", "line break"])
def test_an_id_that_is_no_id_is_refused_at_its_cell(seed, entry_path, tmp_path, bad):
    fill(entry_path, "Cẩm Trang", [GOOD, GOOD + [None] * 4 + [bad]])
    e = refused_by_store(stored_store(seed, tmp_path), entry_path, ntmkit.ParseError)
    assert e.where == "'Cẩm Trang'!I4"
    assert e.detail == ("expected the record's id (text on one line or a whole number), "
                        f"got {bad!r}")


def test_a_whole_number_id_is_kept_as_its_digits(seed, entry_path, tmp_path):
    fill(entry_path, "Cẩm Trang", [GOOD + [None] * 4 + [12.0]])
    import sqlite3
    store = stored_store(seed, tmp_path)
    assert store.import_workbook(entry_path).added == 1
    again = store.import_workbook(entry_path)
    assert (again.added, again.skipped) == (0, 1)
    with sqlite3.connect(tmp_path / "xa.sqlite") as db:
        ids = db.execute("SELECT id FROM record WHERE source = 'nhap.xlsx'").fetchall()
    assert ids == [("12",)]
