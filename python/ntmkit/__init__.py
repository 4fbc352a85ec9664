"""ntmkit: tracking Vietnam's New Rural Development (Nông thôn mới) campaigns.

The C++ core (``ntmkit._core``) holds campaigns, units, indicators, targets, the progress log
and roll-ups; this package adds pandas DataFrames, HTML for notebooks and burn-up charts.

Quick start::

    import ntmkit
    c = ntmkit.Campaign.load("campaign.json")
    c.load_progress_csv("progress.csv")
    r = c.rollup("6/5/2022")          # dates: datetime.date, ISO text or d/m/yyyy
    r.to_frame()                      # one row per unit × indicator (needs pandas)
    print(c.weekly_report("6/5/2022"))
    c.burnup_chart("cam_trang", "hang_rao_xanh")

Errors derive from :class:`ntmkit.Error` (a ``ValueError``): :class:`ParseError` for text that
cannot be read, :class:`ValidationError` for input that contradicts the campaign,
:class:`DTypeError` for arrays of the wrong dtype. A rejected call changes nothing.
"""
from __future__ import annotations

import os
from pathlib import Path


def _find_data_dir() -> Path | None:
    here = Path(__file__).resolve().parent
    # Installed wheel: ntmkit/data; editable install or source tree: <repo>/data.
    for candidate in (here / "data", here.parents[1] / "data"):
        if (candidate / "criteria").is_dir():
            return candidate
    return None


# The C++ criteria loader reads NTMKIT_DATA_DIR at call time; point it at our copy unless the
# user chose another.
if not os.environ.get("NTMKIT_DATA_DIR"):
    _data = _find_data_dir()
    if _data is not None:
        os.environ["NTMKIT_DATA_DIR"] = str(_data)

from ._core import (  # noqa: E402
    Allocation,
    AllocationMethod,
    AllocationShare,
    Campaign,
    CriteriaSet,
    DateWindow,
    DTypeError,
    Error,
    Evaluation,
    HierarchyAggregation,
    Indicator,
    ParseError,
    ProgressLog,
    ProgressRecord,
    ProgressStatus,
    ProgressTally,
    ReconciliationIssue,
    ReportingSchedule,
    ReportPeriod,
    Rollup,
    RollupRow,
    ScheduleKind,
    ScoringTable,
    TargetBasis,
    TargetSpec,
    TargetTable,
    TimeAggregation,
    UnitLevel,
    UnitSpec,
    UnitTree,
    ValidationError,
    Weekday,
    __version__,
    builtin_criteria_dir,
    compare_evaluations,
    dhis2_period_id,
    dhis2_week_id,
    dhis2_week_start,
    dhis2_weekly_period_type,
    dhis2_weeks_in_year,
    evaluate,
    format_date_iso,
    format_date_vi,
    has_dhis2_weekly_type,
    is_organisational,
    largest_remainder,
    list_builtin_criteria_sets,
    load_builtin_criteria_set,
    load_criteria_set,
    nfc,
    parse_date,
    parse_dhis2_week_id,
    read_progress_csv,
    same_name,
    unicode_version,
    weekday_of,
)
from . import _core  # noqa: E402

# Bindings added by other areas (reports, ranking, ...) appear without editing this list.
for _name in dir(_core):
    if not _name.startswith("_"):
        globals().setdefault(_name, getattr(_core, _name))

from . import _charts, _frames, _html, _report  # noqa: E402
from ._charts import burnup_chart  # noqa: E402
from .xlsx import write_xlsx  # noqa: E402

for _name in (
    "Error",
    "ParseError",
    "ValidationError",
    "DTypeError",
):
    globals()[_name].__module__ = "ntmkit"

_frames.install()
_html.install()
_charts.install()
_report.install()

__all__ = [
    "Allocation", "AllocationMethod", "AllocationShare", "Campaign", "CriteriaSet",
    "DateWindow", "DTypeError", "Error", "Evaluation", "HierarchyAggregation", "Indicator",
    "ParseError", "ProgressLog", "ProgressRecord", "ProgressStatus", "ProgressTally",
    "ReconciliationIssue", "ReportingSchedule", "ReportPeriod", "Rollup", "RollupRow",
    "ScheduleKind", "ScoringTable", "TargetBasis", "TargetSpec", "TargetTable",
    "TimeAggregation", "UnitLevel", "UnitSpec", "UnitTree", "ValidationError", "Weekday",
    "builtin_criteria_dir", "burnup_chart", "compare_evaluations", "dhis2_period_id",
    "dhis2_week_id", "dhis2_week_start", "dhis2_weekly_period_type", "dhis2_weeks_in_year",
    "evaluate", "format_date_iso", "format_date_vi", "has_dhis2_weekly_type",
    "is_organisational", "largest_remainder", "list_builtin_criteria_sets",
    "load_builtin_criteria_set", "load_criteria_set", "nfc", "parse_date",
    "parse_dhis2_week_id", "read_progress_csv", "same_name", "unicode_version", "weekday_of",
    "write_xlsx",
]
