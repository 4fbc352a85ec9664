"""The ntmkit command keeping a campaign in a store: `ntmkit store define/import/info/copy`, and
the reading commands with --store in place of the campaign file and progress files.

What the store gives is checked against what the same JSON and CSV give without a store (the
whole report text), and counts against the files themselves, read here with the csv module."""
import csv
import json
import re

import openpyxl
import pytest

import ntmkit
from ntmkit.cli import main

from conftest import CAMPAIGN_JSON, PROGRESS_CSV, ntmkit_cmd
from test_cli_entry import TYPED, filled_template

FRIDAY = "6/5/2022"  # a report day of the seed campaign with work before and after it


def run(capsys, *args):
    """(exit code, stdout, stderr) of `ntmkit args...` run in this process."""
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def counts(read, added, skipped):
    return f"đọc {read}, thêm {added}, đã có sẵn {skipped} (read, added, skipped: already in " \
           "the store)"


def info_counts(capsys, store):
    """{label: number} of the count lines `ntmkit store info` prints."""
    code, out, err = run(capsys, "store", "info", store)
    assert code == 0, err
    return {line.split(" (")[0]: int(line.rsplit(": ", 1)[1]) for line in out.splitlines()
            if line.split(": ")[-1].isdigit() and not line.startswith(" ")}


def report_from_files(capsys, *progress):
    code, out, err = run(capsys, "report", CAMPAIGN_JSON, "--progress", *progress,
                         "--date", FRIDAY)
    assert code == 0, err
    return out


def report_from_store(capsys, store):
    code, out, err = run(capsys, "report", "--store", store, "--date", FRIDAY)
    assert code == 0, err
    return out


@pytest.fixture
def defined(tmp_path, capsys):
    """A store holding the seed campaign's definition (and its reports received)."""
    store = tmp_path / "xa_cam_binh.sqlite"
    code, out, err = run(capsys, "store", "define", store, CAMPAIGN_JSON)
    assert code == 0, err
    return store


def write_rows(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    return path


def seed_rows():
    with open(PROGRESS_CSV, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def test_define_prints_version_1_then_keeps_it_until_the_definition_changes(
        tmp_path, capsys, seed_json):
    store = tmp_path / "s.sqlite"
    code, out, _ = run(capsys, "store", "define", store, CAMPAIGN_JSON)
    # The file holds no progress but its reports received, kept with the definition.
    submissions = len(seed_json["submissions"])
    assert code == 0
    assert out.splitlines() == [
        f"{store}: định nghĩa phiên bản (definition version) 1 — mới (new)",
        f"{CAMPAIGN_JSON}, bản ghi và báo cáo đã nhận trong tệp: "
        f"{counts(submissions, submissions, 0)}"]
    code, out, _ = run(capsys, "store", "define", store, CAMPAIGN_JSON)
    assert out.splitlines()[0] == (f"{store}: định nghĩa phiên bản (definition version) 1 — "
                                   "không đổi, không thêm phiên bản (unchanged)")
    changed = json.loads(CAMPAIGN_JSON.read_text(encoding="utf-8"))
    changed["targets"][0]["value"] += 5
    (tmp_path / "campaign.json").write_text(json.dumps(changed, ensure_ascii=False),
                                            encoding="utf-8")
    code, out, _ = run(capsys, "store", "define", store, tmp_path / "campaign.json")
    assert out.splitlines()[0] == (f"{store}: định nghĩa phiên bản (definition version) 2 — "
                                   "mới (new)")
    code, out, _ = run(capsys, "store", "info", store)
    assert "định nghĩa (definition versions): 2" in out.splitlines()
    assert info_counts(capsys, store)["báo cáo đã nhận"] == submissions


def test_the_friday_report_from_the_store_is_that_of_the_json_and_csv(defined, capsys, csv_rows,
                                                                      seed_json):
    code, out, err = run(capsys, "store", "import", defined, PROGRESS_CSV)
    assert (code, out, err) == (0, f"{PROGRESS_CSV}: {counts(len(csv_rows), len(csv_rows), 0)}\n",
                                "")
    assert report_from_store(capsys, defined) == report_from_files(capsys, PROGRESS_CSV)
    assert info_counts(capsys, defined) == {
        "định nghĩa": 1, "bản ghi tiến độ": len(seed_json["progress"]) + len(csv_rows),
        "báo cáo đã nhận": len(seed_json["submissions"]), "đánh giá bộ tiêu chí": 0,
        "lược đồ kho": 4, "lần nhập": 2}


def test_importing_the_same_file_again_adds_nothing(defined, capsys, csv_rows):
    run(capsys, "store", "import", defined, PROGRESS_CSV)
    code, out, _ = run(capsys, "store", "import", defined, PROGRESS_CSV)
    assert (code, out) == (0, f"{PROGRESS_CSV}: {counts(len(csv_rows), 0, len(csv_rows))}\n")
    assert info_counts(capsys, defined)["bản ghi tiến độ"] == len(csv_rows)


def halves(tmp_path):
    """The seed CSV as two files. The correction (last row, supersedes record 3: the file's
    4th data row, spreadsheet row 5) goes with the row it corrects and names it by its id,
    a.csv:5, since a record number would count the other half's records first when that is
    imported first."""
    header, rows = seed_rows()
    col = header.index("supersedes")
    corrections = [r for r in rows if r[col]]
    assert [r[col] for r in corrections] == ["3"]  # the seed as this test knows it
    plain = [r for r in rows if not r[col]]
    first, second = plain[:30], plain[30:]
    assert first[3] == rows[3]  # spreadsheet row 5 of a.csv is the record corrected
    fixed = corrections[0][:col] + ["a.csv:5"] + corrections[0][col + 1:]
    a = write_rows(tmp_path / "a.csv", header, first + [fixed])
    b = write_rows(tmp_path / "b.csv", header, second)
    return a, b


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_two_halves_in_either_order_give_the_report_of_the_whole_file(tmp_path, capsys, order,
                                                                     csv_rows):
    files = halves(tmp_path)
    store = tmp_path / "s.sqlite"
    run(capsys, "store", "define", store, CAMPAIGN_JSON)
    code, out, err = run(capsys, "store", "import", store, *(files[k] for k in order))
    assert code == 0, err
    assert len(out.splitlines()) == 2
    assert report_from_store(capsys, store) == report_from_files(capsys, PROGRESS_CSV)
    assert info_counts(capsys, store)["bản ghi tiến độ"] == len(csv_rows)


def test_a_bad_csv_names_its_row_and_leaves_the_store_as_it_was(tmp_path, defined, capsys):
    header, rows = seed_rows()
    good = write_rows(tmp_path / "thon_a.csv", header, rows[:10])
    bad_rows = [list(r) for r in rows[10:20]]
    bad_rows[6][header.index("quantity")] = "abc"  # data row 7: spreadsheet row 8
    bad = write_rows(tmp_path / "thon_b.csv", header, bad_rows)
    other = write_rows(tmp_path / "thon_c.csv", header, rows[20:30])
    run(capsys, "store", "import", defined, good)
    code, out, err = run(capsys, "store", "import", defined, bad, other)
    assert code == 1
    assert err.splitlines() == [
        'ntmkit: thon_b.csv row 8, column quantity: expected a number, got "abc"',
        f"ntmkit: {bad}: không nhập gì từ tệp này (nothing imported from this file)"]
    # Each file is its own import: the next file of the same command still went in.
    assert out == f"{other}: {counts(10, 10, 0)}\n"
    assert info_counts(capsys, defined)["bản ghi tiến độ"] == 20
    code, _, _ = run(capsys, "store", "import", defined, bad)
    assert code == 1
    assert info_counts(capsys, defined)["bản ghi tiến độ"] == 20


def test_copy_to_another_file_gives_the_same_report_and_again_adds_nothing(tmp_path, defined,
                                                                           capsys, seed_json,
                                                                           csv_rows):
    run(capsys, "store", "import", defined, PROGRESS_CSV)
    district = tmp_path / "huyen.sqlite"
    code, out, err = run(capsys, "store", "copy", defined, district)
    # Everything the commune holds: the reports received and the progress records.
    n = len(seed_json["submissions"]) + len(csv_rows)
    assert (code, out, err) == (0, f"{defined} → {district}: {counts(n, n, 0)}\n", "")
    assert report_from_store(capsys, district) == report_from_files(capsys, PROGRESS_CSV)
    code, out, _ = run(capsys, "store", "copy", defined, district)
    assert out == f"{defined} → {district}: {counts(n, 0, n)}\n"


def test_a_filled_workbook_is_one_import_and_again_adds_nothing(tmp_path, defined, capsys):
    workbook = filled_template(tmp_path, openpyxl)
    code, out, err = run(capsys, "store", "import", defined, workbook)
    assert (code, out, err) == (0, f"{workbook}: {counts(3, 3, 0)}\n", "")
    code, out, _ = run(capsys, "store", "import", defined, workbook)
    assert out == f"{workbook}: {counts(3, 0, 3)}\n"
    # The typed rows, by hand: Tổ liên gia 2 of Cẩm Trang built 1.5 gates (cổng ngõ), Tổ
    # liên gia 3 of Nam Thịnh 3; nothing else in the store.
    rollup = ntmkit.Store.open(str(defined)).campaign().rollup("30/5/2022")
    assert rollup.row("cam_trang_to_2", "cong_ngo").cumulative == 1.5
    assert rollup.row("nam_thinh_to_3", "cong_ngo").cumulative == 3
    assert len(TYPED) == 3


def test_reading_commands_take_the_store_in_place_of_the_files(defined, capsys, csv_rows):
    run(capsys, "store", "import", defined, PROGRESS_CSV)
    for command in (["rank"], ["export", "dhis2", "--date", FRIDAY]):
        code, from_store, err = run(capsys, *command, "--store", defined)
        assert code == 0, err
        code, from_files, _ = run(capsys, *command, CAMPAIGN_JSON, "--progress", PROGRESS_CSV)
        assert from_store == from_files
    code, out, _ = run(capsys, "validate", "--store", defined)
    assert code == 0
    assert f"records: {len(csv_rows)} ({len(csv_rows)} in the store)" in out.splitlines()


def test_a_store_that_is_not_there_is_an_error_and_is_not_created(tmp_path, capsys):
    missing = tmp_path / "khong_co.sqlite"
    for args in (["report", "--store", missing], ["store", "info", missing],
                 ["store", "import", missing, PROGRESS_CSV], ["store", "copy", missing,
                                                              tmp_path / "x.sqlite"]):
        code, out, err = run(capsys, *args)
        assert code == 1 and out == ""
        assert err.startswith("ntmkit: ") and f"{missing}: no such store" in err
    assert list(tmp_path.iterdir()) == []


def test_a_mistyped_postgresql_schema_is_an_error_and_is_not_created(capsys, postgres_url):
    missing = f"{postgres_url}#khong_co_xa_nay"
    for args in (["store", "info", missing], ["report", "--store", missing],
                 ["store", "copy", missing, f"{postgres_url}#cli_copy_target"]):
        code, out, err = run(capsys, *args)
        assert code == 1 and out == ""
        assert err.startswith("ntmkit: ") and "no such store" in err
    # Still no such schema (had one been made, it would hold no store, a different answer).
    with pytest.raises(ntmkit.StoreError, match='the database has no schema "khong_co_xa_nay"'):
        ntmkit.Store.open(missing, create=False)


@pytest.mark.parametrize("args", [
    ["report", "--store", "s.sqlite", str(CAMPAIGN_JSON)],  # both
    ["report"],  # neither
    ["report", str(CAMPAIGN_JSON)],  # a campaign file without its progress
])
def test_campaign_and_store_are_one_or_the_other(args):
    with pytest.raises(SystemExit) as e:
        main(args)
    assert e.value.code == 2


def test_the_store_command_runs_as_an_officer_types_it(tmp_path):
    store = tmp_path / "xa.sqlite"
    p = ntmkit_cmd("store", "--help")
    assert p.returncode == 0 and "các việc (actions)" in p.stdout
    listed = ntmkit_cmd("--help").stdout.split("các lệnh (commands)")[1]
    assert "\n    store     giữ đợt phát động trong một kho .sqlite" in listed
    assert ntmkit_cmd("store", "define", store, CAMPAIGN_JSON).returncode == 0
    p = ntmkit_cmd("store", "import", store, PROGRESS_CSV)
    assert p.returncode == 0 and p.stdout.startswith(f"{PROGRESS_CSV}: đọc 61, thêm 61")


def test_progress_files_given_with_the_store_are_added_in_memory_only(tmp_path, defined, capsys):
    header, rows = seed_rows()
    first = write_rows(tmp_path / "dau.csv", header, rows[:20])
    rest = write_rows(tmp_path / "sau.csv", header, rows[20:])
    run(capsys, "store", "import", defined, first)
    code, out, err = run(capsys, "report", "--store", defined, "--progress", rest,
                         "--date", FRIDAY)
    assert code == 0, err
    assert out == report_from_files(capsys, first, rest)
    assert info_counts(capsys, defined)["bản ghi tiến độ"] == 20  # sau.csv was not stored


def test_a_commune_copied_into_a_district_schema_reports_as_at_home(tmp_path, defined, capsys,
                                                                   postgres_url, seed_json,
                                                                   csv_rows):
    run(capsys, "store", "import", defined, PROGRESS_CSV)
    district = f"{postgres_url}#cli_xa_cam_binh"
    n = len(seed_json["submissions"]) + len(csv_rows)
    code, out, err = run(capsys, "store", "copy", defined, district)
    assert (code, out, err) == (0, f"{defined} → {district}: {counts(n, n, 0)}\n", "")
    assert report_from_store(capsys, district) == report_from_files(capsys, PROGRESS_CSV)
    code, out, _ = run(capsys, "store", "copy", defined, district)
    assert out == f"{defined} → {district}: {counts(n, 0, n)}\n"
    assert info_counts(capsys, district)["bản ghi tiến độ"] == len(csv_rows)


def test_a_file_changed_after_its_import_is_refused_and_the_store_keeps_the_first(
        tmp_path, defined, capsys, csv_rows):
    header, rows = seed_rows()
    sent = write_rows(tmp_path / "cam_trang.csv", header, rows)
    run(capsys, "store", "import", defined, sent)
    before = report_from_store(capsys, defined)
    rows[0][header.index("quantity")] = "9"  # spreadsheet row 2 edited in place (was 1)
    assert csv_rows[0]["quantity"] == 1
    write_rows(sent, header, rows)
    code, out, err = run(capsys, "store", "import", defined, sent)
    assert (code, out) == (1, "")
    # The library's message: the file, then one line per conflicting id showing both versions.
    lines = err.splitlines()
    assert lines[0].startswith("ntmkit: cam_trang.csv: 1 record conflicts with the store")
    kept, _, new = lines[1].partition(", this import has ")
    assert kept.startswith("  cam_trang.csv:2: already in the store as {bong_giang_1_to_4, "
                           "hang_rao_xanh, 15/4/2022, reported 15/4/2022, 1,")
    assert new.startswith("{bong_giang_1_to_4, hang_rao_xanh, 15/4/2022, reported 15/4/2022, 9,")
    assert lines[2] == f"ntmkit: {sent}: không nhập gì từ tệp này (nothing imported from this file)"
    assert report_from_store(capsys, defined) == before
    assert info_counts(capsys, defined)["bản ghi tiến độ"] == len(csv_rows)


@pytest.mark.parametrize("argv, quiet", [
    (["store", "-q", "import", "s.sqlite", "a.csv"], True),
    (["store", "import", "-q", "s.sqlite", "a.csv"], True),
    (["store", "import", "s.sqlite", "a.csv"], False),
])
def test_quiet_is_read_before_or_after_the_action(argv, quiet):
    from ntmkit.cli import build_parser
    assert build_parser().parse_args(argv).quiet is quiet


def test_a_campaign_file_renamed_brings_its_records_in_once(tmp_path, capsys, seed_json):
    # A campaign file holding progress of its own: two records typed into the JSON.
    data = json.loads(CAMPAIGN_JSON.read_text(encoding="utf-8"))
    data["progress"] = [
        {"unit": "cam_trang_to_1", "indicator": "hang_rao_xanh", "date": "2022-04-20",
         "quantity": 2},
        {"unit": "cam_trang_to_2", "indicator": "hang_rao_xanh", "date": "2022-04-21",
         "quantity": 3}]
    first, renamed = tmp_path / "dot.json", tmp_path / "dot_ban_sua.json"
    for path in (first, renamed):
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    store = tmp_path / "s.sqlite"
    n = 2 + len(seed_json["submissions"])
    code, out, _ = run(capsys, "store", "define", store, first)
    assert out.splitlines()[1].endswith(counts(n, n, 0))
    code, out, _ = run(capsys, "store", "define", store, renamed)
    assert out.splitlines() == [
        f"{store}: định nghĩa phiên bản (definition version) 1 — không đổi, không thêm phiên "
        "bản (unchanged)",
        f"{renamed}, bản ghi và báo cáo đã nhận trong tệp: {counts(n, 0, n)}"]
    assert info_counts(capsys, store)["bản ghi tiến độ"] == 2
    # Cẩm Trang's hedges (hàng rào xanh) by 30/5/2022: 2 + 3, from the two records alone.
    rollup = ntmkit.Store.open(str(store)).campaign().rollup("30/5/2022")
    assert rollup.row("cam_trang", "hang_rao_xanh").cumulative == 5


def import_lines(capsys, store):
    """The lines `ntmkit store info` prints for the imports, the time (not known ahead) as
    TIME once checked to be d/m/yyyy hh:mm:ss UTC."""
    code, out, err = run(capsys, "store", "info", store)
    assert code == 0, err
    lines = out.splitlines()
    listed = lines[lines.index(next(li for li in lines if li.startswith("lần nhập"))):]
    time = re.compile(r"  \d{1,2}/\d{1,2}/20\d\d \d\d:\d\d:\d\d UTC  ")
    for line in listed[1:]:
        assert time.search(line), line
    return [time.sub("  TIME  ", line) for line in listed]


def test_info_lists_each_import_with_its_source_and_counts(tmp_path, defined, capsys, seed_json,
                                                           csv_rows):
    header, rows = seed_rows()
    sent = write_rows(tmp_path / "cam_trang.csv", header, rows)
    run(capsys, "store", "import", defined, sent)
    run(capsys, "store", "import", defined, sent)  # the same file again adds nothing: no line
    # Re-sent with one row more: all rows read, that one added.
    extra = ["cam_trang_to_1", "hang_rao_xanh", "20/5/2022", "", "1", "", "", ""][:len(header)]
    write_rows(sent, header, rows + [extra])
    run(capsys, "store", "import", defined, sent)
    n = len(seed_json["submissions"])
    assert import_lines(capsys, defined) == [
        "lần nhập (imports): 3",
        f"    1  TIME  campaign — báo cáo đã nhận (reports received): đọc {n}, thêm {n}",
        f"    2  TIME  cam_trang.csv — tiến độ (progress): đọc {len(csv_rows)}, "
        f"thêm {len(csv_rows)}",
        f"    3  TIME  cam_trang.csv — tiến độ (progress): đọc {len(csv_rows) + 1}, thêm 1"]


REPORTS_BEFORE = ["Đã nhận 9/10 báo cáo (90,0%), đúng hạn 8/10 (80,0%)", "Chưa báo cáo: Trung Tiến"]


def test_submit_into_a_store_shows_in_the_report_and_again_adds_nothing(defined, capsys,
                                                                        seed_json):
    before = report_from_store(capsys, defined).splitlines()
    assert before[2:4] == REPORTS_BEFORE  # the seed's 6/5/2022: Trung Tiến had not reported
    code, out, err = run(capsys, "submit", "--store", defined, "Trung Tiến", "--received",
                         FRIDAY, "--reporter", "Thôn trưởng")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"đã ghi (recorded) {defined}: Trung Tiến — báo cáo kỳ 4/8 (30/4/2022–6/5/2022), "
        "nhận ngày 6/5/2022",
        f"{defined}: {counts(1, 1, 0)}",
        "kỳ 6/5/2022: đã nhận 10/10; chưa gửi (not yet): không có (none)"]
    # By hand: 10 of 10 villages, on time 8 + Trung Tiến on its Friday; nobody left to name.
    after = report_from_store(capsys, defined).splitlines()
    assert after[2] == "Đã nhận 10/10 báo cáo (100,0%), đúng hạn 9/10 (90,0%)"
    assert after[3:] == before[4:]
    assert info_counts(capsys, defined)["báo cáo đã nhận"] == len(seed_json["submissions"]) + 1
    assert import_lines(capsys, defined)[-1] == (
        "    2  TIME  ntmkit submit — báo cáo đã nhận (reports received): đọc 1, thêm 1")

    code, out, err = run(capsys, "submit", "--store", defined, "trung_tien", "--received",
                         FRIDAY, "--reporter", "Thôn trưởng")
    assert (code, err) == (0, "")
    assert out.splitlines()[1:] == [
        f"{defined}: {counts(1, 0, 1)}",
        "đã có báo cáo kỳ này, tính một lần (already reported): Trung Tiến",
        "kỳ 6/5/2022: đã nhận 10/10; chưa gửi (not yet): không có (none)"]
    assert report_from_store(capsys, defined).splitlines() == after
    assert info_counts(capsys, defined)["lần nhập"] == 2


def test_submit_into_a_store_a_conflicting_report_is_refused_showing_both(defined, capsys,
                                                                          seed_json):
    run(capsys, "submit", "--store", defined, "Trung Tiến", "--received", FRIDAY, "--reporter",
        "Thôn trưởng")
    code, out, err = run(capsys, "submit", "--store", defined, "Hợp Phát", "Trung Tiến",
                         "--received", FRIDAY, "--reporter", "Bí thư chi bộ")
    assert (code, out) == (1, "")
    # Hợp Phát's report of 6/5 came on 6/5 from "Thôn trưởng" too (campaign.json): both differ.
    assert err.splitlines() == [
        "ntmkit: ntmkit submit: 2 reports received conflict with the store (nothing imported); "
        "a unit's report of a period received on a day is kept once, with the reporter and note "
        "it was first stored with",
        '  hop_phat, period 6/5/2022, received 6/5/2022: reporter "Thôn trưởng", note "" in the '
        'store; this import has reporter "Bí thư chi bộ", note ""',
        '  trung_tien, period 6/5/2022, received 6/5/2022: reporter "Thôn trưởng", note "" in '
        'the store; this import has reporter "Bí thư chi bộ", note ""']
    assert info_counts(capsys, defined)["báo cáo đã nhận"] == len(seed_json["submissions"]) + 1


def test_submit_into_a_store_of_an_unknown_unit_keeps_nothing(defined, capsys, seed_json):
    code, out, err = run(capsys, "submit", "--store", defined, "Trung Tiến", "nowhere",
                         "--received", FRIDAY)
    assert (code, out) == (1, "")
    assert err == ('ntmkit: ntmkit submit, submission 1, field unit: no unit with id or name '
                   '"nowhere" in the campaign\n')
    assert info_counts(capsys, defined)["báo cáo đã nhận"] == len(seed_json["submissions"])
    assert info_counts(capsys, defined)["lần nhập"] == 1


@pytest.mark.parametrize("args", [
    ["submit", "--store", "s.sqlite", str(CAMPAIGN_JSON), "trung_tien"],  # both
    ["submit", "trung_tien"],  # neither: the one word is a unit
])
def test_submit_takes_a_campaign_file_or_a_store(args):
    with pytest.raises(SystemExit) as e:
        main(args)
    assert e.value.code == 2
