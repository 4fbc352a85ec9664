"""Regenerates python/ntmkit/_core.pyi from the built extension.

    pip install pybind11-stubgen
    PYTHONPATH=python python3 tools/gen_python_stubs.py   # with _core built into python/ntmkit
    python3 tools/gen_python_stubs.py                     # or with ntmkit installed (pip install .)

pybind11-stubgen writes the C++ bindings; this script then declares the exception classes
(created with the C API, so stubgen only sees them as imports) and types the methods that
python/ntmkit/_extend.py attaches to the C++ classes.
"""
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ERRORS = '''class Error(ValueError):
    """Root of ntmkit errors; str(e) is "<where>: <detail>"."""
    where: str
    detail: str
class ParseError(Error): ...
class ValidationError(Error): ...
class DTypeError(Error, TypeError): ...
class ArgumentError(Error, TypeError): ...
class StoreError(Error): ...
class StoreConflict(StoreError): ...
'''
TYPED = {
    "def units_frame(self):": "def units_frame(self) -> pandas.DataFrame:",
    "def indicators_frame(self):": "def indicators_frame(self) -> pandas.DataFrame:",
    "def targets_frame(self):": "def targets_frame(self) -> pandas.DataFrame:",
    "def set_targets_frame(self, frame):":
        "def set_targets_frame(self, frame: pandas.DataFrame) -> None:",
    "def progress_frame(self):": "def progress_frame(self) -> pandas.DataFrame:",
    "def add_progress_frame(self, frame, source: str = 'DataFrame'):":
        "def add_progress_frame(self, frame: pandas.DataFrame, source: str = 'DataFrame') -> None:",
    "def add_progress_workbook(self, path, number_style = None) -> None:":
        "def add_progress_workbook(self, path: os.PathLike | str, number_style: str | None = None)"
        " -> None:",
    "def reconcile_frame(self):": "def reconcile_frame(self) -> pandas.DataFrame:",
    "def burnup_chart(self, unit, indicator, as_of = None, ax = None, language: str = 'vi'):":
        "def burnup_chart(self, unit: int | str, indicator: int | str, as_of: datetime.date | str"
        " | None = None, ax: typing.Any = None, language: str = 'vi') -> matplotlib.figure.Figure:",
    "def cumulative_series(self, unit, indicator, through = None):":
        "def cumulative_series(self, unit: int | str, indicator: int | str, through: datetime.date"
        " | str | None = None) -> tuple[list[datetime.date], list[float]]:",
    "def to_frame(self, level = None, with_target: bool = False):":
        "def to_frame(self, level: str | UnitLevel | list[str] | None = None, with_target: bool ="
        " False) -> pandas.DataFrame:",
    "def to_html(self, level = None, max_units: int = 60):":
        "def to_html(self, level: str | UnitLevel | None = None, max_units: int = 60) -> str:",
    "def _repr_html_(self):": "def _repr_html_(self) -> str:",
    "    def to_frame(self):\n        \"\"\"\n        The proposed split":
        "    def to_frame(self) -> pandas.DataFrame:\n        \"\"\"\n        The proposed split",
    "    def to_frame(self):\n        \"\"\"\n        One row per ranked unit":
        "    def to_frame(self) -> pandas.DataFrame:\n        \"\"\"\n        One row per ranked unit",
    "def evenness_frame(self):": "def evenness_frame(self) -> pandas.DataFrame:",
    "    def to_frame(self):\n        \"\"\"\n        One row per criterion":
        "    def to_frame(self) -> pandas.DataFrame:\n        \"\"\"\n        One row per criterion",
    "def to_frame(self, language: str = 'vi'):":
        "def to_frame(self, language: str = 'vi') -> pandas.DataFrame:",
    "    def to_frame(self):\n        \"\"\"\n        One row per unit and indicator":
        "    def to_frame(self) -> pandas.DataFrame:\n        \"\"\"\n        One row per unit and indicator",
    # Returned as py::object by C++ (the report keeps the campaign alive), so typed here.
    "def ranking(self) -> typing.Any:": "def ranking(self) -> CampaignRanking:",
    "def unit_reporting(self) -> dict:": "def unit_reporting(self) -> dict[str, Completeness]:",
    # Campaign.rollup returns py::object (the `out` roll-up itself, or a new one).
    "= 0.6, out: typing.Any = None) -> typing.Any:":
        "= 0.6, out: Rollup | None = None) -> Rollup:",
    # _core.__all__ is a list of names (module.cpp).
    "__all__: list = [": "__all__: list[str] = [",
}


def main():
    out = Path(tempfile.mkdtemp())
    subprocess.run([sys.executable, "-m", "pybind11_stubgen", "ntmkit._core", "-o", str(out),
                    "--numpy-array-use-type-var", "--enum-class-locations",
                    "Weekday:ntmkit._core"], check=True)
    s = (out / "ntmkit" / "_core.pyi").read_text(encoding="utf-8")
    for n in ("ArgumentError", "DTypeError", "Error", "ParseError", "ValidationError", "StoreError",
              "StoreConflict"):
        s = s.replace(f"from ntmkit import {n}\n", "")
    s = s.replace("import typing\n", "import typing\nif typing.TYPE_CHECKING:\n    import pandas\n"
                  "    import matplotlib.figure\n", 1)
    m = re.search(r"\n(class |def )", s)
    s = s[:m.start() + 1] + ERRORS + s[m.start() + 1:]
    for a, b in TYPED.items():
        s = s.replace(a, b)
    header = ('"""Type stubs for ntmkit._core: generated by tools/gen_python_stubs.py '
              '(pybind11-stubgen, then the Python-attached methods typed)."""\n')
    if s.startswith('"""'):
        s = s.split('"""', 2)[2]
    (ROOT / "python" / "ntmkit" / "_core.pyi").write_text(header + s, encoding="utf-8")


if __name__ == "__main__":
    main()
