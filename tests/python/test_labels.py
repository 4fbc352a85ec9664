"""The words Python prints come from the C++ label table (render/labels.hpp)."""
import re

import pytest

import ntmkit
from ntmkit import _core


def test_both_languages_name_the_same_labels_and_none_is_empty():
    vi, en = _core.labels("vi"), _core.labels("en")
    assert vi.keys() == en.keys()
    assert all(vi.values()) and all(en.values())
    # "Nguy cơ" alone did not say what is at risk (issue 11).
    assert vi["status_at_risk"] == "Nguy cơ không đạt chỉ tiêu"
    assert en["status_at_risk"] == "At risk of missing the target"
    with pytest.raises(ntmkit.ValidationError, match='expected "vi" or "en", got "fr"'):
        _core.labels("fr")


def test_the_notebook_status_reads_as_the_cpp_report_says(seed_with_progress):
    c = seed_with_progress
    # Cẩm Trang on livestock pens, 6/5/2022 (0 of 5 done): the C++ report's status cell...
    md = c.weekly_report("6/5/2022").to_markdown()
    table = md[md.index("### Hộ xây, che chắn chuồng trại"):]
    cpp_status = re.search(r"^\| Cẩm Trang \|.*\| ([^|]+) \|$", table, re.M).group(1)
    assert cpp_status == "Nguy cơ không đạt chỉ tiêu"
    # ...is the text of the same cell's tooltip in the notebook display.
    r = c.rollup("6/5/2022")
    html = r._repr_html_()
    u = c.unit_index("cam_trang")
    row = r.row(u, "chuong_trai")
    assert f'title="{cpp_status}; this period {row.done_period:g}"' in html
