"""The reporting cycle lives in the C++ module (src/register_report.cpp): Campaign.weekly_report,
daily_report, final_report, reporting_completeness, compare_with_now. This module only keeps
the install hook the package calls."""
from __future__ import annotations


def install() -> None:
    """Nothing to patch: the report methods are bound on Campaign in C++."""
