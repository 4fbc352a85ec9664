"""The reporting cycle from Python: the weekly Markdown against the reviewed C++ file, the
.xlsx workbook read back and checked against sums over progress.csv done here by hand,
completeness, snapshots and period names."""
import datetime as dt

import openpyxl
import pytest

import ntmkit
from conftest import ROOT

FRIDAY = dt.date(2022, 5, 6)


def test_weekly_markdown_matches_reviewed_file(seed_with_progress):
    # Same campaign, progress and known_by as tests/cpp/render.cpp.
    rep = seed_with_progress.weekly_report("6/5/2022", known_by="6/5/2022")
    expected = (ROOT / "tests" / "data" / "seed_report_2022-05-06.md").read_text(encoding="utf-8")
    assert rep.to_markdown() == expected
    assert rep.render("markdown", "vi") == expected
    assert rep.period_key == "2022-04-30/2022-05-06" == ntmkit.period_key(rep.period)
    assert rep.dhis2_period == "2022SatW18"
    assert (rep.period_number, rep.period_count) == (4, 8)


def test_other_formats(seed_with_progress):
    rep = seed_with_progress.weekly_report(FRIDAY, known_by=FRIDAY)
    assert rep.to_html().startswith("<!DOCTYPE html>") or "<html" in rep.to_html()
    assert '<html lang="en">' in rep.to_html(language="en")
    csv_text = rep.to_csv()
    assert csv_text.split("\r\n")[0].startswith("Ngày báo cáo,Mã kỳ,Mã đơn vị")
    assert "Cẩm Trang" in rep.to_text() and str(rep) == rep.to_text()
    assert "Green hedge" in rep.to_markdown(language="en") or "hedge" in rep.to_markdown("en")
    with pytest.raises(ntmkit.Error):
        seed_with_progress.weekly_report(FRIDAY, language="fr")


def test_reporting_completeness(seed_with_progress):
    c = seed_with_progress
    co = c.reporting_completeness(FRIDAY, known_by=FRIDAY)
    assert (co.expected, co.received, co.on_time) == (10, 8, 8)
    assert co.reporting_rate == pytest.approx(0.8)
    assert sorted(c.units.id(m.unit) for m in co.missing) == ["cam_trang", "trung_tien"]
    assert all(m.submitted is None for m in co.missing)
    # Cẩm Trang's report of 6/5 arrived on 9/5: received now, but late.
    now = c.reporting_completeness(FRIDAY)
    assert now.received == 9 and [c.units.id(x.unit) for x in now.late] == ["cam_trang"]
    assert now.late[0].submitted == dt.date(2022, 5, 9)
    assert c.weekly_report(FRIDAY, known_by=FRIDAY).reporting.received == 8
    every = c.reporting_completeness()
    # 8 periods: seven Fridays and the closing days after the last one (30/5).
    assert every.expected == 10 * 8


def test_snapshot_against_now(seed_with_progress, expected):
    c = seed_with_progress
    diff = c.compare_with_now(FRIDAY)
    then = expected.cumulative(FRIDAY, known_by=FRIDAY)
    now = expected.cumulative(FRIDAY)
    changed = {(c.units.id(x.unit), c.indicators[x.indicator].id) for x in diff.changes}
    by_hand = {k for k in set(then) | set(now) if then.get(k, 0) != now.get(k, 0)
               and (expected.level[k[0]] == "village" or expected.parent[k[0]] is None)}
    assert changed == by_hand and ("cam_trang", "cong_ngo") in changed
    for x in diff.changes:
        k = (c.units.id(x.unit), c.indicators[x.indicator].id)
        assert x.reported.cumulative == then.get(k, 0) and x.now.cumulative == now.get(k, 0)
    assert diff.revisions and {r.kind for r in diff.revisions} <= set(ntmkit.RevisionKind)
    assert c.weekly_report(FRIDAY, known_by=FRIDAY).revisions is not None
    assert c.weekly_report(FRIDAY).revisions is None


def test_period_names(seed_with_progress):
    c = seed_with_progress
    p = c.period_from_dhis2("2022SatW18")
    assert (p.first, p.last, p.report_date) == (dt.date(2022, 4, 30), FRIDAY, FRIDAY)
    assert ntmkit.dhis2_period_id(c.schedule, p) == "2022SatW18"
    assert c.period_label(p) == "kỳ 4/8 (30/4/2022–6/5/2022)"
    assert c.period_label(p, "en").startswith("period 4/8")


def test_daily_and_final(seed_with_progress, csv_rows):
    c = seed_with_progress
    day = c.daily_report(FRIDAY)
    done_that_day = [r for r in csv_rows if r["date"] == FRIDAY]
    superseded = {r["supersedes"] for r in csv_rows if r["supersedes"] is not None}
    first = len(c.progress) - len(csv_rows)
    standing = [r for k, r in enumerate(csv_rows) if r["date"] == FRIDAY
                and first + k not in superseded]
    assert len(day) == len(standing) <= len(done_that_day)
    assert day.to_markdown().startswith("# ")
    fin = c.final_report()
    assert fin.totals.report_date == c.last
    assert fin.to_csv() == fin.totals.to_csv()
    # The ranking is rank_units on the last day at the report's level, commending 100% scores.
    rk = fin.ranking
    assert isinstance(rk, ntmkit.CampaignRanking)
    same = c.rank_units(c.last, level="village", commend_at_least=1.0)
    assert [(s.id, s.rank, s.score) for s in rk.ranked] == \
           [(s.id, s.rank, s.score) for s in same.ranked]
    assert (rk.commend, rk.remind) == (same.commend, same.remind)
    assert all(s.score >= 1 - 1e-9 for s in rk.ranked if s.id in rk.commend)
    assert all(s.score < 0.5 for s in rk.ranked if s.id in rk.remind)
    villages = [c.units.id(u) for u in c.units.units_at("village")]
    assert len(rk.ranked) + len(rk.unscored) == len(villages)
    # Per-unit reporting: every village over the 8 periods; together the whole campaign's.
    assert list(fin.unit_reporting) == villages
    assert all(x.expected == 8 for x in fin.unit_reporting.values())
    assert sum(x.received for x in fin.unit_reporting.values()) == fin.reporting.received
    for uid in villages:
        assert fin.unit_reporting[uid].received == \
               c.reporting_completeness(within=uid).received
    # The ranking options reach the ranking.
    top = c.final_report(commend_top_k=1, commend_at_least=None, remind_below=0.0)
    assert top.ranking.commend == [s.id for s in top.ranking.ranked if s.rank == 1]
    assert top.ranking.remind == []
    md = fin.to_markdown()
    assert "Tỷ lệ báo cáo" in md and "Đề nghị khen thưởng (★)" in md
    first = rk.ranked[0]
    assert f"| 1 | {first.name}" in md


def _village_rows(ws, first_row):
    rows = {}
    r = first_row
    while ws.cell(row=r, column=2).value:
        rows[ws.cell(row=r, column=2).value] = r
        r += 1
    return rows


def test_xlsx_layout_and_figures(seed_with_progress, seed_json, expected, tmp_path):
    c = seed_with_progress
    path = tmp_path / "bao_cao.xlsx"
    ntmkit.write_xlsx(c, "6/5/2022", path, known_by="6/5/2022")
    ws = openpyxl.load_workbook(path).active

    assert seed_json["name"] in ws["A1"].value
    assert "6/5/2022" in ws["A2"].value
    assert "kỳ 4/8" in ws["A3"].value and "2022SatW18" in ws["A3"].value

    # Find the header row: "STT" in column A.
    h1 = next(r for r in range(1, 10) if ws.cell(row=r, column=1).value == "STT")
    h2 = h1 + 1
    names_vi = {i["id"]: i["name_vi"] for i in seed_json["indicators"]}
    groups = {}
    col = 3
    while ws.cell(row=h1, column=col).value:
        groups[ws.cell(row=h1, column=col).value] = col
        assert [ws.cell(row=h2, column=col + j).value for j in range(3)] == [
            "Kế hoạch", "Đã làm (lũy kế)", "%"]
        col += 3
    merged = {str(m) for m in ws.merged_cells.ranges}
    hedge = groups[names_vi["hang_rao_xanh"]]
    assert f"{openpyxl.utils.get_column_letter(hedge)}{h1}:" \
           f"{openpyxl.utils.get_column_letter(hedge + 2)}{h1}" in merged
    assert ws.column_dimensions["B"].width and ws.column_dimensions["B"].width > 10

    rows = _village_rows(ws, h2 + 1)
    villages = [u for u in seed_json["units"] if u["level"] == "village"]
    root = next(u for u in seed_json["units"] if u.get("parent") is None)
    assert len(rows) == len(villages) + 1
    total_label = next(k for k in rows if k.startswith("Tổng cộng"))
    assert root["name"] in total_label

    targets = {(t["unit"], t["indicator"]): t["value"] for t in seed_json["targets"]}
    cum = expected.cumulative(FRIDAY, known_by=FRIDAY)
    for uid, label in (("cam_trang", "Cẩm Trang"), (root["id"], total_label)):
        r = rows[label]
        for ind in ("hang_rao_xanh", "nha_ve_sinh"):
            g = groups[names_vi[ind]]
            done = cum.get((uid, ind), 0)
            assert ws.cell(row=r, column=g + 1).value == done
            target = targets.get((uid, ind))
            if target is None:  # the commune's target: its villages' targets summed
                target = sum(targets.get((v["id"], ind), 0) for v in villages)
            assert ws.cell(row=r, column=g).value == target
            pct = ws.cell(row=r, column=g + 2)
            assert pct.value == pytest.approx(done / target)
            assert "%" in pct.number_format
    # Hand-checked in docs/reports.md: Cẩm Trang's hedges 10 as reported on 6/5.
    assert ws.cell(row=rows["Cẩm Trang"], column=groups[names_vi["hang_rao_xanh"]] + 1).value == 10


def test_xlsx_english(seed_with_progress, tmp_path):
    path = tmp_path / "report.xlsx"
    ntmkit.write_xlsx(seed_with_progress, FRIDAY, path, language="en")
    ws = openpyxl.load_workbook(path).active
    assert ws["A2"].value == "Report date: 6/5/2022"
    assert any(ws.cell(row=r, column=1).value == "No." for r in range(1, 10))
