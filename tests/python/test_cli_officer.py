"""The officer's commands driven as a subprocess: `init` (questionnaire piped on stdin, or an
answers file), `submit`, the Vietnamese help, progress bars only on a terminal, and the plain-text
report's numbers and wording. Expected values are written out by hand or read from the seed's
JSON and CSV files with json/csv (conftest)."""
import json
import os
import pty
import shutil
import subprocess
import sys

from conftest import CAMPAIGN_JSON, PROGRESS_CSV, ntmkit_cmd

SEED_ARGS = [str(CAMPAIGN_JSON), "--progress", str(PROGRESS_CSV)]

# Answers one a line, as an officer types them; "31/2/2023" cannot be read and is asked again,
# an empty line takes the default shown in brackets.
QUESTIONNAIRE = "\n".join([
    "Đợt cao điểm 2023",      # name
    "15/4/2023",              # first day
    "31/2/2023", "30/5/2023",  # last day: refused, then given
    "",                       # report day: default 5 (thứ Sáu)
    "Xã Cẩm Bình",            # commune
    "Cẩm Trang, Hợp Phát",    # villages
    "229", "2",               # Cẩm Trang: households, household groups
    "", "",                   # Hợp Phát: households unknown, no groups
    "c",                      # the four organisations
    "4,5",                    # indicators: hedges, gates
    "140", "",                # commune targets: hedges 140, gates not set
]) + "\n"


def test_init_writes_the_campaign_answered_on_stdin(tmp_path):
    out = tmp_path / "dot_moi.json"
    p = ntmkit_cmd("init", "--out", out, input=QUESTIONNAIRE)
    assert p.returncode == 0, p.stderr
    assert p.stderr.count("không đọc được") == 1  # 31/2/2023 asked again
    assert p.stdout.splitlines()[0] == (f"wrote {out}: Đợt cao điểm 2023, 15/4/2023–30/5/2023, "
                                        "2 villages, 2 indicators, 1 target")
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["id"] == "dot-cao-diem-2023"
    assert data["window"] == {"first": "2023-04-15", "last": "2023-05-30"}
    assert data["reporting"]["day"] == "friday"
    units = [(u["id"], u["name"], u["level"], u.get("parent"), u.get("households"))
             for u in data["units"]]
    assert units == [
        ("xa_cam_binh", "Xã Cẩm Bình", "commune", None, None),
        ("cam_trang", "Cẩm Trang", "village", "xa_cam_binh", 229),
        ("cam_trang_to_1", "Tổ liên gia 1", "household_group", "cam_trang", None),
        ("cam_trang_to_2", "Tổ liên gia 2", "household_group", "cam_trang", None),
        ("hop_phat", "Hợp Phát", "village", "xa_cam_binh", None),
        ("hoi_nong_dan", "Hội Nông dân", "organisation", "xa_cam_binh", None),
        ("hoi_phu_nu", "Hội Phụ nữ", "organisation", "xa_cam_binh", None),
        ("hoi_cuu_chien_binh", "Hội Cựu chiến binh", "organisation", "xa_cam_binh", None),
        ("doan_thanh_nien", "Đoàn Thanh niên", "organisation", "xa_cam_binh", None),
    ]
    assert [i["id"] for i in data["indicators"]] == ["hang_rao_xanh", "cong_ngo"]
    assert [(t["unit"], t["indicator"], t["value"]) for t in data["targets"]] == [
        ("xa_cam_binh", "hang_rao_xanh", 140)]
    # The file is one the other commands read: validate passes on it.
    assert ntmkit_cmd("validate", out).returncode == 0


def test_init_stops_when_the_answers_end_and_refuses_to_overwrite(tmp_path):
    out = tmp_path / "dot.json"
    p = ntmkit_cmd("init", "--out", out, input="Đợt A\n15/4/2023\n")
    assert p.returncode == 1
    assert p.stderr.endswith('ntmkit: stdin: no answer to "Ngày kết thúc (last day)" '
                             "(the input ended)\n")
    assert not out.exists()
    out.write_text("{}", encoding="utf-8")
    p = ntmkit_cmd("init", "--out", out, input=QUESTIONNAIRE)
    assert (p.returncode, p.stderr) == (1, f"ntmkit: {out}: already exists; give --force to "
                                           "overwrite it\n")
    # An answers file with a village without a name: located, no traceback, nothing written.
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"name": "Đợt A", "first": "1/3/2023", "last": "30/4/2023",
                                   "commune": "Xã A", "villages": [{"households": 3}],
                                   "indicators": ["cong_ngo"]}), encoding="utf-8")
    p = ntmkit_cmd("init", "--from", answers, "--out", tmp_path / "a.json")
    assert p.returncode == 1
    assert p.stderr.startswith(f"ntmkit: {answers}: cannot read the answers: KeyError('name')")
    assert not (tmp_path / "a.json").exists()


def answers_campaign(tmp_path):
    """A campaign from an answers file: a village of 1 774 households and a target in metres
    with a decimal, so that thousands and decimals show in every format."""
    answers = {"name": "Đợt thử", "first": "1/3/2023", "last": "30/4/2023",
               "commune": "Xã Thử", "villages": [{"name": "Thôn Đông", "households": 1774}],
               "indicators": [{"id": "met_duong", "name_vi": "Mét đường bê tông",
                               "name_en": "Concrete road (m)", "measure": "m",
                               "over_time": "sum", "over_units": "sum"}],
               "targets": {"met_duong": 1620.5}}
    (tmp_path / "answers.json").write_text(json.dumps(answers, ensure_ascii=False),
                                           encoding="utf-8")
    out = tmp_path / "thu.json"
    p = ntmkit_cmd("init", "--from", tmp_path / "answers.json", "--out", out)
    assert p.returncode == 0, p.stderr
    progress = tmp_path / "tien_do.csv"
    progress.write_text("unit,indicator,date,quantity\nthon_dong,met_duong,3/3/2023,120.5\n",
                        encoding="utf-8")
    return [out, "--progress", progress, "--date", "3/3/2023"]


def test_plain_text_writes_numbers_as_the_markdown_does(tmp_path):
    args = answers_campaign(tmp_path)
    text = ntmkit_cmd("report", *args).stdout
    md = ntmkit_cmd("report", *args, "--format", "md").stdout
    # 120,5 of 1 620,5 m is 7,4%; the village (1 774 households) has no target of its own.
    # Before: "1620", "120", "120", "7,4%" and "(1774 hộ)".
    assert "Thôn Đông (1.774 hộ)" in text
    assert "Tổng cộng: Xã Thử (1.774 hộ)" in text
    commune_row = [line.split() for line in text.splitlines()][-1]
    assert commune_row[-7:] == ["1.620,5", "120,5", "120,5", "7,4%", "Đúng", "tiến", "độ"]
    assert "| Tổng cộng | 1.620,5 | 120,5 | 120,5 | 7,4% | Đúng tiến độ |" in md
    en = ntmkit_cmd("report", *args, "--lang", "en").stdout
    assert "Total: Xã Thử (1,774 households)" in en
    assert "1,620.5" in en and "120.5" in en


def test_report_wording_is_the_same_in_text_and_markdown():
    args = ["report", *SEED_ARGS, "--date", "6/5/2022", "--known-by", "6/5/2022"]
    text = ntmkit_cmd(*args).stdout
    md = ntmkit_cmd(*args, "--format", "md").stdout
    assert "Số liệu tính đến ngày 6/5/2022" in text and "Như đã biết" not in text
    for doc in (text, md):
        assert "Kỳ này" in doc and "Tuần này" not in doc
        assert "Tổng cộng" in doc and "Toàn xã" not in doc
        # What is at risk is said: never "Nguy cơ" alone at the end of a row.
        assert "Nguy cơ không đạt chỉ tiêu" in doc
        assert not any(line.rstrip(" |").endswith("Nguy cơ") for line in doc.splitlines())


def test_final_report_names_each_missing_unit_once_and_no_risk_after_the_end(seed_json):
    p = ntmkit_cmd("report", *SEED_ARGS, "--kind", "final")
    assert p.returncode == 0, p.stderr
    assert "Nguy cơ" not in p.stdout and "Không đạt chỉ tiêu" in p.stdout
    # Report days: the seven Fridays 15/4-27/5 and the last day 30/5 closing the last period.
    days = ["2022-04-15", "2022-04-22", "2022-04-29", "2022-05-06", "2022-05-13",
            "2022-05-20", "2022-05-27", "2022-05-30"]
    sent = {(s["unit"], s["period"]) for s in seed_json["submissions"]}
    parts = []
    for u in seed_json["units"]:
        if u["level"] != "village":
            continue
        missed = [d for d in days if (u["id"], d) not in sent]
        if missed:
            vi = ", ".join(f"{int(d[8:])}/{int(d[5:7])}/{d[:4]}" for d in missed)
            parts.append(f"{u['name']} ({len(missed)} kỳ: {vi})")
    line = next(li for li in p.stdout.splitlines() if li.startswith("Chưa báo cáo"))
    assert line == "Chưa báo cáo: " + ", ".join(parts) + "."


def test_daily_and_final_plain_text_are_not_markdown():
    for kind in ("daily", "final"):
        out = ntmkit_cmd("report", *SEED_ARGS, "--kind", kind).stdout
        assert "|" not in out and "\n#" not in out and not out.startswith("#")


def test_corrections_name_the_household_group_with_its_village(seed_json, csv_rows):
    md = ntmkit_cmd("report", *SEED_ARGS, "--date", "6/5/2022", "--known-by", "6/5/2022",
                    "--format", "md").stdout
    revisions = md[md.index("## Bổ sung và đính chính"):]
    units = {u["id"]: u for u in seed_json["units"]}
    friday = csv_rows[0]["date"].replace(month=5, day=6)
    late = [r for r in csv_rows if r["reported"] > friday >= r["date"]
            and units[r["unit"]]["level"] == "household_group"]
    assert late  # record 58: Cẩm Trang's gates done 5/5, reported 9/5 (docs/reports.md)
    for r in late:
        group = units[r["unit"]]
        assert f"| {group['name']} ({units[group['parent']]['name']}) |" in revisions


def test_proposed_targets_are_marked_as_proposed(tmp_path):
    camp = tmp_path / "campaign.json"
    shutil.copy(CAMPAIGN_JSON, camp)
    assert ntmkit_cmd("allocate", camp, "cam_trang", "hang_rao_xanh", "--write").returncode == 0
    text = ntmkit_cmd("report", camp, "--progress", PROGRESS_CSV, "--date", "6/5/2022",
                      "--level", "household_group").stdout
    # 21 hedges over groups of 43, 35, 44, 39, 33, 35 households: 4, 3, 4, 4, 3, 3 (docs/cli.md)
    block = text[text.index("Tổ liên gia 1 (Cẩm Trang)"):]
    hedges = next(li for li in block.splitlines() if "hàng rào xanh" in li)
    assert "4 (đề xuất)" in hedges


def test_submit_records_the_reports_received_in_the_campaign_file(tmp_path, seed_json):
    camp = tmp_path / "campaign.json"
    shutil.copy(CAMPAIGN_JSON, camp)
    p = ntmkit_cmd("submit", camp, "Trung Tiến", "hop_phat", "--received", "7/5/2022",
                   "--reporter", "Thôn trưởng")
    assert p.returncode == 0, p.stderr
    data = json.loads(camp.read_text(encoding="utf-8"))
    added = data["submissions"][len(seed_json["submissions"]):]
    # Saturday 7/5 is after Friday's deadline (deadline_days 0): the 6/5 report, late.
    assert added == [
        {"unit": "trung_tien", "period": "2022-05-06", "submitted": "2022-05-07",
         "reporter": "Thôn trưởng"},
        {"unit": "hop_phat", "period": "2022-05-06", "submitted": "2022-05-07",
         "reporter": "Thôn trưởng"}]
    lines = p.stdout.splitlines()
    assert "Trung Tiến, Hợp Phát" in lines[0] and "muộn, hạn 6/5/2022" in lines[0]
    sent = {s["unit"] for s in data["submissions"] if s["period"] == "2022-05-06"}
    villages = [u for u in seed_json["units"] if u["level"] == "village"]
    missing = [u["name"] for u in villages if u["id"] not in sent]
    assert "already reported" in lines[1] and "Hợp Phát" in lines[1]  # it had sent 6/5 already
    assert lines[2] == (f"kỳ 6/5/2022: đã nhận {len(sent)}/{len(villages)}; chưa gửi (not yet): "
                        + (", ".join(missing) or "không có (none)"))


def test_submitting_the_same_report_again_keeps_it_once_in_the_file(tmp_path, seed_json):
    camp = tmp_path / "campaign.json"
    shutil.copy(CAMPAIGN_JSON, camp)
    args = ("submit", camp, "Trung Tiến", "--received", "7/5/2022", "--reporter", "Thôn trưởng")
    assert ntmkit_cmd(*args).returncode == 0
    once = camp.read_bytes()
    again = ntmkit_cmd(*args)
    assert again.returncode == 0, again.stderr
    assert camp.read_bytes() == once
    data = json.loads(once.decode("utf-8"))
    assert len(data["submissions"]) == len(seed_json["submissions"]) + 1
    # Another day received is another report: kept beside the first.
    assert ntmkit_cmd("submit", camp, "Trung Tiến", "--period", "6/5/2022", "--received",
                      "8/5/2022", "--reporter", "Thôn trưởng").returncode == 0
    data = json.loads(camp.read_text(encoding="utf-8"))
    assert len(data["submissions"]) == len(seed_json["submissions"]) + 2


def test_submit_of_an_unknown_unit_changes_nothing(tmp_path):
    camp = tmp_path / "campaign.json"
    shutil.copy(CAMPAIGN_JSON, camp)
    before = camp.read_bytes()
    p = ntmkit_cmd("submit", camp, "cam_trang", "nowhere", "--period", "13/5/2022",
                   "--received", "13/5/2022")
    assert p.returncode == 1
    assert 'no unit with id or name "nowhere"' in p.stderr
    assert camp.read_bytes() == before


def test_submission_from_python_is_kept_by_save(seed, tmp_path):
    seed.add_submission("Nam Thịnh", "13/5/2022", "14/5/2022", reporter="BT chi bộ")
    seed.save(tmp_path / "c.json")
    back = json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))["submissions"][-1]
    assert back == {"unit": "nam_thinh", "period": "2022-05-13", "submitted": "2022-05-14",
                    "reporter": "BT chi bộ"}
    assert seed.submissions[-1]["unit"] == "nam_thinh"


def test_help_speaks_vietnamese_to_the_officer():
    top = ntmkit_cmd("--help").stdout
    assert "các lệnh (commands)" in top and "mã thoát (exit codes)" in top
    assert "init" in top and "submit" in top
    assert "ngày báo cáo" in ntmkit_cmd("report", "--help").stdout
    assert "sổ nhập tiến độ" in ntmkit_cmd("template", "--help").stdout
    assert "Tất cả hoặc không gì cả" in ntmkit_cmd("import", "--help").stdout
    assert "tệp trả lời" in ntmkit_cmd("init", "--help").stdout


def _on_a_terminal(*args):
    """Runs the command with stdout and stderr on a pseudo-terminal; returns what it showed."""
    leader, follower = pty.openpty()
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    p = subprocess.Popen([sys.executable, "-m", "ntmkit", *map(str, args)], stdin=subprocess.DEVNULL,
                         stdout=follower, stderr=follower, env=env)
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    p.wait()
    os.close(leader)
    return p.returncode, shown.decode("utf-8", "replace")


def test_a_directory_is_imported_with_a_bar_only_on_a_terminal(tmp_path):
    folder = tmp_path / "so"
    folder.mkdir()
    rows = PROGRESS_CSV.read_text(encoding="utf-8").splitlines()
    # Two files: the first 10 records and a second file of one record.
    (folder / "a.csv").write_text("\n".join(rows[:11]) + "\n", encoding="utf-8")
    (folder / "b.csv").write_text("unit,indicator,date,quantity\ncam_trang_to_1,cong_ngo,"
                                  "20/5/2022,1\n", encoding="utf-8")
    p = ntmkit_cmd("import", CAMPAIGN_JSON, folder, "--check")
    assert p.returncode == 0, p.stderr
    assert p.stderr == ""  # piped: no bar
    assert p.stdout.splitlines()[:2] == [f"{folder / 'a.csv'}: 10 records",
                                         f"{folder / 'b.csv'}: 1 record"]
    code, shown = _on_a_terminal("import", CAMPAIGN_JSON, folder, "--check")
    assert code == 0 and "nhập:" in shown and "/2" in shown
    code, shown = _on_a_terminal("import", CAMPAIGN_JSON, folder, "--check", "--quiet")
    assert code == 0 and "nhập:" not in shown
