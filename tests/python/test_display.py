import datetime as dt
import subprocess
import sys
import textwrap

import pytest

import ntmkit


def test_campaign_html(seed):
    html = seed._repr_html_()
    assert "<table" in html and "Hộ xây nhà vệ sinh tự hoại" in html
    assert "15/4/2022" in html


def test_rollup_html_cells_show_done_target_and_status_worked_out_by_hand(
        seed_with_progress, seed_json, expected):
    import re
    day = dt.date(2022, 5, 6)  # day 22 of 46
    html = seed_with_progress.rollup(day)._repr_html_()
    labels = ntmkit.labels("vi")
    fill = {"achieved": "#c6efce", "on_track": "#e2f0d9", "behind": "#ffeb9c",
            "at_risk": "#ffc7ce"}
    done = expected.cumulative(day)
    own = {(t["unit"], t["indicator"]): t["value"] for t in seed_json["targets"]}
    inds = [i["id"] for i in seed_json["indicators"]]
    row = re.search(r"<tr><td>(?:&nbsp;)*Cẩm Trang</td>(.*?)</tr>", html).group(1)
    cells = re.findall(r'background:(#\w+);[^"]*" title="([^;]*); this period [^"]*">([^<]*)<',
                       row)
    assert len(cells) == len(inds)
    for ind, (colour, status_text, text) in zip(inds, cells):
        d, t = done.get(("cam_trang", ind), 0.0), own.get(("cam_trang", ind))
        if t is None:
            assert status_text == labels["status_no_target"] and text == f"{d:g}"
            continue
        pace = t * 22 / 46
        status = ("achieved" if d >= t else "on_track" if d >= 0.9 * pace else
                  "behind" if d >= 0.6 * pace else "at_risk")
        assert text == f"{d:g}/{t:g}", ind
        assert status_text == labels[f"status_{status}"], ind
        assert colour == fill[status], ind


def test_burnup_chart(seed_with_progress):
    import matplotlib
    matplotlib.use("Agg")
    c = seed_with_progress
    fig = c.burnup_chart("cam_trang", "hang_rao_xanh", as_of="6/5/2022")
    ax = fig.axes[0]
    labels = [line.get_label() for line in ax.get_lines()]
    assert any("Chỉ tiêu" in x for x in labels)
    assert "Tiến độ kỳ vọng" in labels and "Đã thực hiện (lũy kế)" in labels
    assert "Ngày báo cáo" in labels
    dates, values = c.cumulative_series("cam_trang", "hang_rao_xanh", "6/5/2022")
    assert dates[0] == c.first and dates[-1] == dt.date(2022, 5, 6)
    assert values == sorted(values)  # cumulative never drops (the correction only lowers
    # a record once it is reported, and values are as known now)
    assert values[-1] == c.rollup("6/5/2022").row("cam_trang", "hang_rao_xanh").cumulative
    fig2 = ntmkit.burnup_chart(c, "xa", "nha_ve_sinh", language="en")
    assert "Target" in " ".join(line.get_label() for line in fig2.axes[0].get_lines())


def test_friday_report(seed_with_progress, expected):
    text = str(seed_with_progress.weekly_report("6/5/2022"))
    assert "Cẩm Trang" in text and "6/5/2022" in text
    assert "Hộ chỉnh trang vườn" in text
    # The commune's septic toilets (its line is the last of the indicator's table): target 38,
    # this week (30/4–6/5) and so far computed from the CSV, the share with a decimal comma.
    so_far = expected.cumulative(dt.date(2022, 5, 6))[("xa", "nha_ve_sinh")]
    week = so_far - expected.cumulative(dt.date(2022, 4, 29)).get(("xa", "nha_ve_sinh"), 0)
    lines = [line for line in text.splitlines() if line.startswith("  Hộ xây nhà vệ sinh tự hoại ")]
    share = f"{100 * so_far / 38:.1f}%".replace(".", ",")
    assert lines[-1].split()[7:11] == ["38", f"{week:g}", f"{so_far:g}", share], lines[-1]


def test_help_is_useful():
    for obj in (ntmkit.Campaign, ntmkit.Campaign.rollup, ntmkit.Campaign.add_progress_arrays,
                ntmkit.Campaign.add_progress_frame, ntmkit.Rollup, ntmkit.Rollup.to_frame,
                ntmkit.UnitTree, ntmkit.parse_date, ntmkit.burnup_chart, ntmkit.Error):
        assert obj.__doc__ and len(obj.__doc__) > 30, obj
    assert ntmkit.Error.__module__ == "ntmkit"
    assert issubclass(ntmkit.ParseError, ntmkit.Error)
    assert issubclass(ntmkit.ValidationError, ntmkit.Error)
    assert issubclass(ntmkit.Error, ValueError)


def test_pandas_is_optional():
    code = textwrap.dedent("""
        import sys
        sys.modules["pandas"] = None  # import pandas now fails
        import ntmkit
        c = ntmkit.Campaign.load(sys.argv[1])
        c.load_progress_csv(sys.argv[2])
        r = c.rollup("6/5/2022")
        assert r.cumulative.sum() > 0
        try:
            r.to_frame()
        except ImportError as e:
            assert "pandas" in str(e)
        else:
            raise SystemExit("to_frame worked without pandas")
    """)
    from conftest import CAMPAIGN_JSON, PROGRESS_CSV
    run = subprocess.run([sys.executable, "-c", code, str(CAMPAIGN_JSON), str(PROGRESS_CSV)],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
