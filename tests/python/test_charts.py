"""Charts read as the reports do: words in the chart's language, whole-number ticks for counts,
dates written 15/4, the done line ending at the latest data, titles that fit a grid."""
import datetime as dt

import matplotlib
import pytest

matplotlib.use("Agg")


def _done_line(ax):
    return next(line for line in ax.get_lines() if line.get_label().startswith("Đã thực hiện")
                or line.get_label().startswith("Done"))


def test_the_done_line_stops_at_the_latest_data(seed_with_progress, csv_rows):
    c = seed_with_progress
    last = max(r["date"] for r in csv_rows)  # 6/5/2022; the window runs to 30/5
    ax = c.burnup_chart("cam_trang", "hang_rao_xanh").axes[0]
    assert _done_line(ax).get_xdata()[-1] == last
    assert any(t.get_text() == "Số liệu đến 6/5" for t in ax.texts)
    ax = c.burnup_chart("cam_trang", "hang_rao_xanh", as_of="20/5/2022").axes[0]
    assert _done_line(ax).get_xdata()[-1] == dt.date(2022, 5, 20)


@pytest.mark.parametrize("language, ylabel", [("vi", "Số hộ"), ("en", "Households")])
def test_axes_speak_the_charts_language_with_whole_counts_and_short_dates(
        seed_with_progress, language, ylabel):
    fig = seed_with_progress.burnup_chart("cam_trang", "cong_ngo", language=language)
    fig.canvas.draw()
    ax = fig.axes[0]
    assert ax.get_ylabel() == ylabel
    assert all(float(t).is_integer() for t in ax.get_yticks())
    days = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert days and all("/" in d and not d.startswith("0") and "/0" not in d for d in days)


def test_a_grid_of_villages_keeps_every_title_apart(seed_with_progress, seed_json):
    fig = seed_with_progress.burnup_grid("hang_rao_xanh")
    fig.canvas.draw()
    villages = [u for u in seed_json["units"] if u["level"] == "village"]
    shown = [ax for ax in fig.axes if ax.get_visible()]
    assert len(shown) == len(villages)
    boxes = [ax.title.get_window_extent() for ax in shown]
    for k, a in enumerate(boxes):
        for b in boxes[k + 1:]:
            assert not a.overlaps(b)


def test_comparison_chart_has_one_bar_per_village_with_a_target(seed_with_progress, seed_json,
                                                                 expected):
    c = seed_with_progress
    fig = c.comparison_chart("hang_rao_xanh", as_of="6/5/2022")
    ax = fig.axes[0]
    targets = {t["unit"]: t["value"] for t in seed_json["targets"]
               if t["indicator"] == "hang_rao_xanh"}
    villages = [u["id"] for u in seed_json["units"]
                if u["level"] == "village" and u["id"] in targets]
    cum = expected.cumulative(dt.date(2022, 5, 6))
    widths = [p.get_width() for p in ax.patches]
    assert widths == pytest.approx([cum.get((v, "hang_rao_xanh"), 0) / targets[v]
                                    for v in villages])
    assert ax.get_title() == "Hộ trồng mới, bổ sung hàng rào xanh: tỷ lệ hoàn thành ngày 6/5/2022"
