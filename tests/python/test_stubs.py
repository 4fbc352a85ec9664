"""The type stubs parse and name every public binding, and the package is marked typed."""
import ast
from pathlib import Path

import ntmkit
from ntmkit import _core

PKG = Path(ntmkit.__file__).resolve().parent


def test_stubs_cover_the_core():
    stub = PKG / "_core.pyi"
    assert (PKG / "py.typed").exists()
    tree = ast.parse(stub.read_text(encoding="utf-8"))
    names = {n.name for n in tree.body if isinstance(n, (ast.ClassDef, ast.FunctionDef))}
    mine = ["Campaign", "UnitTree", "UnitSpec", "Indicator", "Rollup", "RollupRow",
            "ProgressLog", "ProgressRecord", "Allocation", "DateWindow", "ReportingSchedule",
            "Error", "ParseError", "ValidationError", "DTypeError", "parse_date",
            "largest_remainder", "evaluate", "CriteriaSet"]
    assert not [n for n in mine if n not in names]
    campaign = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Campaign")
    methods = {f.name for f in campaign.body if isinstance(f, ast.FunctionDef)}
    assert {"rollup", "add_progress_arrays", "add_progress_frame", "targets_frame",
            "burnup_chart", "propose_allocation"} <= methods


def test_public_names_are_reexported():
    for name in dir(_core):
        if not name.startswith("_"):
            assert hasattr(ntmkit, name), name
