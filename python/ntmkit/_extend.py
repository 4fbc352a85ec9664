"""Every member of a C++ class that is written in Python, in one table.

The C++ module (``_core``) binds everything it can; what needs pandas, matplotlib or notebook
HTML is written in the modules named below and attached here, once, when ``ntmkit`` is imported.
A member is bound in C++ or listed here, never both: ``attach`` refuses a name C++ already bound.
"""
from __future__ import annotations

from . import (_arrow, _charts, _core, _frames, _html, _ranking, _report_frames, _reprs, _store,
               _support, _year, workbook)

MEMBERS = {
    _core.Campaign: {
        "units_frame": _frames.units_frame,
        "indicators_frame": _frames.indicators_frame,
        "targets_frame": _frames.targets_frame,
        "set_targets_frame": _frames.set_targets_frame,
        "progress_frame": _frames.progress_frame,
        "add_progress_frame": _frames.add_progress_frame,
        "reconcile_frame": _frames.reconcile_frame,
        "add_progress_workbook": workbook.add_progress_workbook,
        "burnup_chart": _charts._burnup_method,
        "cumulative_series": _charts.cumulative_series,
        "_repr_html_": _html.campaign_html,
        "rollup_frame": _frames.rollup_frame,
        "burnup_grid": _charts.burnup_grid,
        "comparison_chart": _charts.comparison_chart,
        "add_support": _support.add_support,
        "supporters_frame": _support.supporters_frame,
        "labour_needs_frame": _support.labour_needs_frame,
        "support_records_frame": _support.support_records_frame,
        "support_frame": _support.support_frame,
        "add_funds": _support.add_funds,
        "funds_frame": _support.funds_frame,
        "funds_totals_frame": _support.funds_totals_frame,
        "add_progress_parquet": _arrow.add_progress_parquet,
    },
    _core.Rollup: {
        "to_frame": _frames.rollup_to_frame,
        "to_html": _html.rollup_html,
        "_repr_html_": _html.rollup_html,
        "__repr__": _reprs.rollup_repr,
        "to_arrow": _arrow.rollup_to_arrow,
        "to_polars": _arrow.rollup_to_polars,
        "__arrow_c_stream__": _arrow.rollup_arrow_c_stream,
    },
    _core.Allocation: {
        "to_frame": _frames.allocation_to_frame,
        "__repr__": _reprs.allocation_repr,
        "_repr_html_": _reprs.allocation_html,
    },
    _core.CampaignRanking: {
        "to_frame": _ranking.ranking_frame,
        "evenness_frame": _ranking.evenness_frame,
        "__repr__": _reprs.ranking_repr,
        "_repr_html_": _reprs.ranking_html,
    },
    _core.SnapshotDiff: {"__repr__": _reprs.snapshot_diff_repr},
    _core.WeeklyReport: {"to_frame": _report_frames.weekly_report_frame},
    _core.DailyReport: {"to_frame": _report_frames.daily_report_frame},
    _core.FinalReport: {"to_frame": _report_frames.final_report_frame},
    _core.Completeness: {"to_frame": _report_frames.completeness_frame},
    _core.Evaluation: {
        "to_frame": _frames.evaluation_to_frame,
    },
    _core.Store: {
        "import_frame": _store.import_frame,
        "import_workbook": _store.import_workbook,
    },
    _core.GradingResult: {
        "to_frame": _year.result_frame,
    },
    _core.GradingTable: {
        "set_values_frame": _year.set_values_frame,
    },
    _core.YearSummary: {
        "to_frame": _year.year_frame,
    },
}


def attach() -> None:
    """Sets every member of ``MEMBERS`` on its class (the package calls this once)."""
    for cls, members in MEMBERS.items():
        for name, function in members.items():
            if name in vars(cls) and vars(cls)[name] is not function:
                raise RuntimeError(f"{cls.__name__}.{name} is bound in C++ and listed in "
                                   "ntmkit/_extend.py: keep one")
            setattr(cls, name, function)
