"""The `ntmkit` command, driven as a subprocess (python -m ntmkit) on the seed files and on
broken copies. Expected figures come from the JSON and CSV files read here with json/csv (the
conftest fixtures), from the hand-checked Markdown in tests/data, or from the Python API for the
same arguments where the command promises to print exactly what the library renders."""
import csv
import datetime as dt
import io
import json

import openpyxl
import pytest

import ntmkit

from conftest import CAMPAIGN_JSON, PROGRESS_CSV, ROOT, ntmkit_cmd

SEED_ARGS = [str(CAMPAIGN_JSON), "--progress", str(PROGRESS_CSV)]
END = dt.date(2022, 5, 30)


def friday_on_or_after(day):
    return day + dt.timedelta(days=(4 - day.weekday()) % 7)


# ---------------------------------------------------------------- validate

def test_validate_prints_the_counts_of_a_clean_campaign(seed_json, csv_rows):
    p = ntmkit_cmd("validate", *SEED_ARGS)
    assert p.returncode == 0, p.stderr
    assert p.stderr == ""
    lines = dict(line.split(": ", 1) for line in p.stdout.splitlines()[1:])
    levels = {}
    for u in seed_json["units"]:
        levels[u["level"]] = levels.get(u["level"], 0) + 1
    assert levels == {"commune": 1, "village": 10, "household_group": 49, "organisation": 4}
    assert lines["units"] == f"{len(seed_json['units'])} (" + ", ".join(
        f"{level} {n}" for level, n in levels.items()) + ")"
    assert lines["indicators"] == str(len(seed_json["indicators"]))
    assert lines["targets"] == str(len(seed_json["targets"]))
    in_file = len(seed_json.get("progress", []))
    assert lines["records"] == (f"{in_file + len(csv_rows)} ({in_file} in the campaign file, "
                                f"{len(csv_rows)} from {PROGRESS_CSV})")
    # 15/4–30/5/2022 is 46 days; Fridays 15/4, 22/4, 29/4, 6/5, 13/5, 20/5, 27/5.
    assert lines["window"] == "15/4/2022 – 30/5/2022 (46 days), 7 report days"


def test_validate_names_every_bad_csv_file_with_row_and_column(tmp_path):
    bad_number = tmp_path / "thon_a.csv"
    bad_number.write_text("unit,indicator,date,quantity\n"
                          "cam_trang_to_1,hang_rao_xanh,16/4/2022,1\n"
                          "cam_trang_to_1,hang_rao_xanh,17/4/2022,abc\n", encoding="utf-8")
    bad_unit = tmp_path / "thon_b.csv"
    bad_unit.write_text("unit,indicator,date,quantity\nnobody,cong_ngo,16/4/2022,2\n",
                        encoding="utf-8")
    missing = tmp_path / "none.csv"
    p = ntmkit_cmd("validate", CAMPAIGN_JSON, "--progress", bad_number, PROGRESS_CSV,
                   bad_unit, missing)
    assert p.returncode == 1
    assert p.stdout == ""
    assert p.stderr.splitlines() == [
        f'ntmkit: {bad_number} row 3, column quantity: expected a number, got "abc"',
        f'ntmkit: {bad_unit} row 2, column unit: no unit with id or name "nobody" in the '
        "campaign",
        f'ntmkit: file "{missing}": cannot be opened for reading',
    ]


def test_validate_lists_every_bad_row_of_a_file_by_its_spreadsheet_row(tmp_path):
    # Line 1 header; the note of the first record spans lines 2-3, so the rows that follow are
    # 4 (bad number), 5 (unknown unit), 6 (a good correction of record 0), 7 (outside the
    # window). A semicolon file: row 3 is empty (skipped), 4 an unknown unit, 5 "1.234".
    several = tmp_path / "tiendo.csv"
    several.write_text("unit,indicator,date,quantity,note,supersedes\n"
                       'cam_trang_to_1,hang_rao_xanh,16/4/2022,1,"hai\ndòng",\n'
                       "cam_trang_to_1,hang_rao_xanh,17/4/2022,abc,,\n"
                       "nobody,cong_ngo,17/4/2022,1,,\n"
                       "cam_trang_to_2,cong_ngo,17/4/2022,1,,0\n"
                       "cam_trang_to_2,cong_ngo,17/5/2023,1,,\n", encoding="utf-8")
    semicolons = tmp_path / "excel.csv"
    semicolons.write_text("đơn vị;chỉ tiêu;ngày;số lượng\n"
                          "cam_trang_to_1;hang_rao_xanh;16/4/2022;1,5\n;;;\n"
                          "x;hang_rao_xanh;16/4/2022;1\n"
                          "cam_trang_to_1;hang_rao_xanh;16/4/2022;1.234\n", encoding="utf-8")
    p = ntmkit_cmd("validate", CAMPAIGN_JSON, "--progress", several, semicolons)
    assert p.returncode == 1
    assert p.stderr.splitlines() == [
        f'ntmkit: {several} row 4, column quantity: expected a number, got "abc"',
        f'ntmkit: {several} row 5, column unit: no unit with id or name "nobody" in the '
        "campaign",
        f"ntmkit: {several} row 7, column date: day 17/5/2023 is outside the campaign "
        "15/4/2022 to 30/5/2022",
        f'ntmkit: {semicolons} row 4, column unit: no unit with id or name "x" in the campaign',
        f'ntmkit: {semicolons} row 5, column quantity: "1.234" could mean 1.234 or 1234: write '
        "whole numbers without a separator (1234) and decimals with one, two or four digits "
        "(1,5)",
    ]


def test_validate_names_the_json_pointer_of_a_bad_campaign(tmp_path, seed_json):
    broken = json.loads(json.dumps(seed_json))
    broken["targets"][3]["value"] = "ten"
    path = tmp_path / "campaign.json"
    path.write_text(json.dumps(broken, ensure_ascii=False), encoding="utf-8")
    p = ntmkit_cmd("validate", path, "--progress", PROGRESS_CSV)
    assert p.returncode == 1
    lines = p.stderr.splitlines()
    assert lines[0] == f'ntmkit: {path}#/targets/3/value: expected a number, got string "ten"'
    assert lines[1] == f"ntmkit: {PROGRESS_CSV}: not checked (the campaign file could not be read)"
    assert "Traceback" not in p.stderr


# ---------------------------------------------------------------- report

def test_the_default_report_is_the_friday_of_the_last_day_with_work(seed, csv_rows):
    last_done = max(r["date"] for r in csv_rows)
    assert last_done == dt.date(2022, 5, 6)  # a Friday: its own report
    p = ntmkit_cmd("report", *SEED_ARGS)
    assert p.returncode == 0, p.stderr
    seed.load_progress_csv(PROGRESS_CSV)
    assert p.stdout == seed.weekly_report(friday_on_or_after(last_done)).to_text()
    assert "Ngày báo cáo: 6/5/2022" in p.stdout
    daily = ntmkit_cmd("report", *SEED_ARGS, "--kind", "daily", "--format", "csv")
    assert daily.returncode == 0, daily.stderr
    # The loudspeaker list of the last day with work: one CSV row per record done that day.
    on_last_day = [r for r in csv_rows if r["date"] == last_done]
    assert len(list(csv.reader(io.StringIO(daily.stdout)))) == 1 + len(on_last_day)
    # (text=True reads CRLF as \n; the bytes on disk are checked in the --out tests)
    assert daily.stdout == seed.daily_report(last_done).to_csv().replace("\r\n", "\n")


def test_the_default_report_day_is_never_in_the_future(tmp_path):
    today = dt.date.today()
    last_friday = today - dt.timedelta(days=(today.weekday() - 4) % 7)
    doc = {"format": "ntmkit-campaign", "format_version": 1, "id": "now",
           "window": {"first": (today - dt.timedelta(days=30)).isoformat(),
                      "last": (today + dt.timedelta(days=30)).isoformat()},
           "indicators": [{"id": "hedge"}],
           "units": [{"id": "xa", "level": "commune"},
                     {"id": "a", "level": "village", "parent": "xa", "households": 10}],
           "targets": [{"unit": "a", "indicator": "hedge", "value": 10}]}
    campaign = tmp_path / "now.json"
    campaign.write_text(json.dumps(doc), encoding="utf-8")
    progress = tmp_path / "now.csv"
    progress.write_text(f"unit,indicator,date,quantity\na,hedge,{today.isoformat()},3\n",
                        encoding="utf-8")
    p = ntmkit_cmd("report", campaign, "--progress", progress, "--format", "csv")
    assert p.returncode == 0, p.stderr
    rows = list(csv.reader(io.StringIO(p.stdout)))
    # Today's period reports on the coming Friday; until then the last Friday is shown, with
    # nothing done yet (today's 3 count only when today is that Friday).
    done = "3" if today == last_friday else "0"
    village = [r for r in rows[1:] if r[2] == "a"]
    assert {r[0] for r in rows[1:]} == {ntmkit.format_date_vi(last_friday)}
    assert village[0][8] == done


def test_a_campaign_whose_first_report_day_has_not_come_needs_a_date(tmp_path):
    first = dt.date.today() + dt.timedelta(days=3)
    first_friday = friday_on_or_after(first)
    doc = {"format": "ntmkit-campaign", "format_version": 1, "id": "soon",
           "window": {"first": first.isoformat(),
                      "last": (first + dt.timedelta(days=30)).isoformat()},
           "indicators": [{"id": "hedge"}], "units": [{"id": "xa", "level": "commune"}]}
    campaign = tmp_path / "soon.json"
    campaign.write_text(json.dumps(doc), encoding="utf-8")
    empty = tmp_path / "empty.csv"
    empty.write_text("unit,indicator,date,quantity\n", encoding="utf-8")
    p = ntmkit_cmd("report", campaign, "--progress", empty)
    assert p.returncode == 1
    assert p.stderr == ("ntmkit: --date: no report day of the campaign has come yet (the first "
                        f"is {first_friday.day}/{first_friday.month}/{first_friday.year}); "
                        "give one\n")


def test_report_text_equals_the_library_for_the_same_arguments(seed):
    p = ntmkit_cmd("report", *SEED_ARGS, "--date", "2022-05-13", "--lang", "en",
                   "--known-by", "9/5/2022")
    assert p.returncode == 0, p.stderr
    seed.load_progress_csv(PROGRESS_CSV)
    expected = seed.weekly_report(dt.date(2022, 5, 13), language="en",
                                  known_by=dt.date(2022, 5, 9)).to_text()
    assert p.stdout == expected
    daily = ntmkit_cmd("report", *SEED_ARGS, "--kind", "daily", "--date", "6/5/2022")
    assert daily.stdout == seed.daily_report(dt.date(2022, 5, 6)).to_text()
    final = ntmkit_cmd("report", *SEED_ARGS, "--kind", "final", "--format", "md")
    assert final.stdout == seed.final_report().to_markdown()


def test_markdown_written_with_out_is_the_hand_checked_report(tmp_path):
    out = tmp_path / "bao_cao.md"
    p = ntmkit_cmd("report", *SEED_ARGS, "--date", "6/5/2022", "--known-by", "6/5/2022",
                   "--format", "md", "--out", out)
    assert p.returncode == 0 and p.stdout == ""
    assert out.read_bytes() == (ROOT / "tests" / "data" / "seed_report_2022-05-06.md").read_bytes()


def test_csv_and_html_written_with_out_hold_the_figures_of_the_csv(tmp_path, expected):
    day = dt.date(2022, 5, 6)
    by_hand = expected.cumulative(day)
    out = tmp_path / "bao_cao.csv"
    p = ntmkit_cmd("report", *SEED_ARGS, "--date", "6/5/2022", "--format", "csv", "--out", out)
    assert p.returncode == 0, p.stderr
    raw = out.read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n")  # CRLF kept, not doubled
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
    cells = {(r[2], r[4]): r for r in rows[1:]}
    for unit in ("cam_trang", "bong_giang_2", "nam_thinh"):
        for indicator in ("hang_rao_xanh", "nha_ve_sinh"):
            assert float(cells[(unit, indicator)][8]) == by_hand.get((unit, indicator), 0.0)
    html = tmp_path / "report.html"
    p = ntmkit_cmd("report", *SEED_ARGS, "--date", "6/5/2022", "--format", "html", "--lang",
                   "en", "--out", html)
    assert p.returncode == 0, p.stderr
    text = html.read_text(encoding="utf-8")
    assert '<html lang="en">' in text and "Cẩm Trang" in text


def test_xlsx_written_with_out_reads_back_with_the_csv_figures(tmp_path, expected):
    out = tmp_path / "bao_cao.xlsx"
    p = ntmkit_cmd("report", *SEED_ARGS, "--date", "6/5/2022", "--format", "xlsx", "--out", out)
    assert p.returncode == 0, p.stderr
    ws = openpyxl.load_workbook(out).active
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    header = next(r for r in rows if r[1] == "Đơn vị")
    names = next(rows[i + 1] for i, r in enumerate(rows) if r is header)
    hedge = header.index("Hộ trồng mới, bổ sung hàng rào xanh")
    assert names[hedge:hedge + 3] == ["Kế hoạch", "Đã làm (lũy kế)", "%"]
    cam_trang = next(r for r in rows if r[1] == "Cẩm Trang")
    done = expected.cumulative(dt.date(2022, 5, 6))[("cam_trang", "hang_rao_xanh")]
    assert done == 10  # 3 (corrected) + 3 + 1 + 3, docs/reports.md
    assert cam_trang[hedge:hedge + 3] == [21, done, pytest.approx(done / 21)]


# ---------------------------------------------------------------- rank

def village_scores(seed_json, expected, as_of):
    """Each village's score by hand: the mean over its indicators with a target (its own, else
    its children's sum) of min(1, cumulative / target)."""
    targets = {(t["unit"], t["indicator"]): t["value"] for t in seed_json["targets"]}
    children = {}
    for u in seed_json["units"]:
        children.setdefault(u.get("parent"), []).append(u["id"])
    done = expected.cumulative(as_of)
    scores = {}
    for v in (u["id"] for u in seed_json["units"] if u["level"] == "village"):
        ratios = []
        for i in (i["id"] for i in seed_json["indicators"]):
            target = targets.get((v, i))
            if target is None:
                kids = [targets[(k, i)] for k in children.get(v, []) if (k, i) in targets]
                target = sum(kids) if kids else None
            if target:
                ratios.append(min(1.0, done.get((v, i), 0.0) / target))
        scores[v] = sum(ratios) / len(ratios)
    return scores


def test_rank_orders_the_villages_by_the_scores_worked_out_by_hand(seed_json, expected):
    scores = village_scores(seed_json, expected, END)
    p = ntmkit_cmd("rank", *SEED_ARGS, "--date", "30/5/2022", "--format", "csv",
                   "--commend-top-k", "2", "--remind-below", "25%")
    assert p.returncode == 0, p.stderr
    rows = list(csv.DictReader(io.StringIO(p.stdout)))
    tree_order = list(scores)
    by_hand = sorted(tree_order, key=lambda v: (-round(scores[v], 12), tree_order.index(v)))
    assert [r["unit"] for r in rows] == by_hand
    for r in rows:
        assert float(r["score"]) == pytest.approx(scores[r["unit"]])
        # competition rank: 1 + the number of villages scoring strictly more
        better = sum(1 for v in scores if scores[v] > scores[r["unit"]] + 1e-12)
        assert int(r["rank"]) == 1 + better
        reminded = scores[r["unit"]] < 0.25
        assert r["reminded"] == str(int(reminded))
        # top 2 ranks, but a reminded unit is never commended (docs/ranking.md)
        assert r["commended"] == str(int(better < 2 and not reminded))
    assert sum(r["commended"] == "1" for r in rows) == 2  # the two villages sharing rank 1


def test_rank_text_marks_the_units_to_remind(seed_json, expected):
    scores = village_scores(seed_json, expected, END)
    p = ntmkit_cmd("rank", *SEED_ARGS, "--date", "30/5/2022", "--lang", "en")
    assert p.returncode == 0, p.stderr
    lines = p.stdout.splitlines()
    reminded = [v for v in scores if scores[v] < 0.5]
    assert lines[-2] == "★ To commend: none"  # nobody reaches 100% by 30/5
    assert lines[-1].startswith("⚠ To remind: ")
    assert set(lines[-1][len("⚠ To remind: "):].split(", ")) == set(reminded)
    best = max(scores, key=scores.get)
    assert f"{scores[best] * 100:.1f}%" in lines[2] and f"({best})" in lines[2]
    assert all(p.stdout.count(f"({v})") == 1 for v in scores)  # each village listed once


def test_rank_defaults_to_the_last_day_of_a_finished_campaign(seed_json):
    last = dt.date.fromisoformat(seed_json["window"]["last"])
    assert last == END and last < dt.date.today()
    p = ntmkit_cmd("rank", *SEED_ARGS, "--format", "csv")
    assert p.stdout == ntmkit_cmd("rank", *SEED_ARGS, "--format", "csv", "--date",
                                  "30/5/2022").stdout
    p = ntmkit_cmd("rank", *SEED_ARGS)
    assert p.stdout.splitlines()[0].endswith("ngày đánh giá 30/5/2022")


# ---------------------------------------------------------------- allocate

def test_allocate_write_saves_the_proposed_split(tmp_path, seed_json):
    path = tmp_path / "campaign.json"
    path.write_text(CAMPAIGN_JSON.read_text(encoding="utf-8"), encoding="utf-8")
    groups = [(u["id"], u["households"]) for u in seed_json["units"]
              if u.get("parent") == "cam_trang"]
    target = next(t["value"] for t in seed_json["targets"]
                  if (t["unit"], t["indicator"]) == ("cam_trang", "hang_rao_xanh"))
    # Largest remainder by hand: 21 hedges over 229 households.
    total = sum(h for _, h in groups)
    quotas = [target * h / total for _, h in groups]
    values = [int(q) for q in quotas]
    order = sorted(range(len(groups)), key=lambda k: (-(quotas[k] - values[k]), -groups[k][1], k))
    for k in order[:target - sum(values)]:
        values[k] += 1
    assert (target, total, values) == (21, 229, [4, 3, 4, 4, 3, 3])

    p = ntmkit_cmd("allocate", path, "cam_trang", "hang_rao_xanh", "--write")
    assert p.returncode == 0, p.stderr
    printed = [line.split() for line in p.stdout.splitlines()[1:1 + len(groups)]]
    assert printed == [[g, str(h), str(v), "proposed"] for (g, h), v in zip(groups, values)]
    saved = json.loads(path.read_text(encoding="utf-8"))
    written = {t["unit"]: t for t in saved["targets"] if t["indicator"] == "hang_rao_xanh"}
    for (g, _), v in zip(groups, values):
        assert (written[g]["value"], written[g]["basis"]) == (v, "proposed")
    assert len(saved["targets"]) == len(seed_json["targets"]) + len(groups)


def test_allocate_without_write_leaves_the_file_alone(tmp_path):
    path = tmp_path / "campaign.json"
    path.write_bytes(CAMPAIGN_JSON.read_bytes())
    p = ntmkit_cmd("allocate", path, "xa", "hang_rao_xanh", "--method", "equal")
    assert p.returncode == 0, p.stderr
    assert path.read_bytes() == CAMPAIGN_JSON.read_bytes()


# ---------------------------------------------------------------- criteria

def test_criteria_counts_met_criteria_out_of_the_set():
    data = json.loads((ROOT / "data" / "criteria" / "hatinh-kdc-kieu-mau-2014.json")
                      .read_text(encoding="utf-8"))
    n = sum(len(g["criteria"]) for g in data["groups"])
    assert n == 10
    three = next(c for g in data["groups"] for c in g["criteria"] if c["code"] == "3")
    assert [i["code"] for i in three["indicators"]] == ["3.1"]
    assert three["indicators"][0]["threshold"]["general"]["kind"] == "at_least"
    assert three["indicators"][0]["threshold"]["general"]["value"] == 70
    assert three["indicators_complete"] is False
    # 75 ≥ 70 meets 3.1, but criterion 3 stays unknown: the set does not list all its indicators.
    p = ntmkit_cmd("criteria", "hatinh-kdc-kieu-mau-2014", "--met", "1", "--met", "2",
                   "--value", "3.1=75")
    assert p.returncode == 0, p.stderr
    lines = p.stdout.splitlines()
    assert lines[0] == f"hatinh-kdc-kieu-mau-2014: 2/{n} criteria met ({n - 2} unknown)"
    status = {line.split()[0]: line.split()[1] for line in lines[1:]}
    assert (status["1"], status["2"], status["3"], status["4"]) == ("met", "met", "unknown",
                                                                    "unknown")
    assert status["3.1"] == "met:" and len(status) == n + 1
    # 60 misses 3.1, which is enough for criterion 3 not to be met; read from the file's path.
    p = ntmkit_cmd("criteria", ROOT / "data" / "criteria" / "hatinh-kdc-kieu-mau-2014.json",
                   "--value", "3.1=60")
    lines = p.stdout.splitlines()
    assert lines[0] == f"hatinh-kdc-kieu-mau-2014: 0/{n} criteria met ({n - 1} unknown)"
    assert lines[3].split()[:2] == ["3", "not_met"]
    assert lines[4].split()[:3] == ["3.1", "missed:", "60"]


# ---------------------------------------------------------------- errors and usage

@pytest.mark.parametrize("args", [
    [],                                                              # no command
    ["frobnicate"],
    ["report", str(CAMPAIGN_JSON)],                                  # --progress missing
    ["report", *SEED_ARGS, "--date", "31/2/2022"],
    ["report", *SEED_ARGS, "--format", "xlsx"],                      # needs --out
    ["rank", *SEED_ARGS, "--remind-below", "half"],
    ["rank", *SEED_ARGS, "--level", "thon"],                         # not a level name
    ["report", *SEED_ARGS, "--kind", "final", "--date", "6/5/2022"],  # final is the last day
    ["template", str(CAMPAIGN_JSON)],                                # --out missing
    ["export", *SEED_ARGS],                                          # no target (dhis2)
    ["export", "dhis2", *SEED_ARGS],                                 # --date missing
])
def test_usage_errors_exit_2(args):
    p = ntmkit_cmd(*args)
    assert p.returncode == 2
    assert "usage: ntmkit" in p.stderr and p.stdout == ""


def test_library_errors_are_one_line_without_traceback(tmp_path):
    p = ntmkit_cmd("allocate", CAMPAIGN_JSON, "xa", "nothing")
    assert (p.returncode, p.stderr) == (1, 'ntmkit: indicator "nothing": no such indicator in '
                                           "the campaign\n")
    p = ntmkit_cmd("report", *SEED_ARGS, "--out", tmp_path / "no" / "dir.txt")
    assert p.returncode == 1
    assert p.stderr == f"ntmkit: {tmp_path / 'no' / 'dir.txt'}: No such file or directory\n"


def test_help_lists_the_commands_and_the_exit_codes():
    p = ntmkit_cmd("--help")
    assert p.returncode == 0
    for word in ("validate", "report", "in báo cáo tuần", "rank", "allocate", "criteria",
                 "template", "import", "export"):
        assert word in p.stdout
    # The exit codes (docs/cli.md), in Vietnamese with the English in brackets (issue 11).
    lines = p.stdout[p.stdout.index("mã thoát (exit codes):"):].splitlines()[1:]
    codes = [line.split()[0] for line in lines if line.split() and line.split()[0].isdigit()]
    assert codes == ["0", "1", "2", "3", "130"]


def test_criteria_help_lists_every_shipped_set():
    p = ntmkit_cmd("criteria", "--help")
    assert p.returncode == 0
    text = " ".join(p.stdout.split())  # argparse wraps lines
    shipped = sorted(f.stem for f in (ROOT / "data" / "criteria").glob("*.json"))
    assert len(shipped) == 6  # QĐ 318, 319, 51 and three Hà Tĩnh sets
    assert "(" + ", ".join(shipped) + ")" in text


def test_the_installed_script_runs_the_same_main(capsys):
    import importlib
    import re

    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    scripts = pyproject[pyproject.index("[project.scripts]"):]
    module, _, name = re.search(r'^ntmkit = "([^"]+)"$', scripts, re.M).group(1).partition(":")
    main = getattr(importlib.import_module(module), name)
    assert main(["validate", str(CAMPAIGN_JSON)]) == 0
    out = capsys.readouterr().out
    assert "records: 0 (0 in the campaign file)" in out
    assert main(["allocate", str(CAMPAIGN_JSON), "xa", "nothing"]) == 1
    assert capsys.readouterr().err.startswith('ntmkit: indicator "nothing"')
