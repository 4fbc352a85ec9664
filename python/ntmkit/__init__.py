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

How the package is assembled, in one direction:

- ``_core`` (C++, src/module.cpp) binds every class and function; each area of src/register_*.cpp
  adds its part in order. ``_core.__all__`` lists its public names.
- Members written in Python (DataFrames in ``_frames``/``_ranking``, notebook HTML in ``_html``,
  charts in ``_charts``) are attached to the C++ classes from one table, ``_extend.MEMBERS``.
- Functions written in Python live in their module (``burnup_chart``, ``write_xlsx``, the
  data-entry workbooks in ``workbook``) and are listed below in ``_PYTHON_NAMES``.
- ``__all__`` is ``_core.__all__`` plus ``_PYTHON_NAMES``; nothing else is public.
- The shipped criteria sets are found through ``_core._set_default_data_dir`` (the environment
  variable NTMKIT_DATA_DIR still overrides it); importing changes no environment variable.
"""
from . import _core, _extend
from ._charts import burnup_chart
from ._core import *  # noqa: F401,F403 -- every public binding, as listed in _core.__all__
from .workbook import read_entry_workbook, write_entry_workbook
from .xlsx import write_xlsx


def _use_shipped_data() -> None:
    from pathlib import Path

    here = Path(__file__).resolve().parent
    # Installed wheel: ntmkit/data; editable install or source tree: <repo>/data.
    for candidate in (here / "data", here.parents[1] / "data"):
        if (candidate / "criteria").is_dir():
            _core._set_default_data_dir(str(candidate))
            return


_use_shipped_data()
_extend.attach()

_PYTHON_NAMES = ["burnup_chart", "read_entry_workbook", "write_entry_workbook", "write_xlsx"]
__all__ = sorted(_core.__all__ + _PYTHON_NAMES)
__version__ = _core.__version__
