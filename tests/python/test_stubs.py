"""The type stubs parse and name every public binding, and the package is marked typed."""
import ast
from pathlib import Path

import ntmkit
from ntmkit import _core, _extend

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


def test_stubs_list_the_same_public_names_and_python_members_as_the_module():
    tree = ast.parse((PKG / "_core.pyi").read_text(encoding="utf-8"))
    listed = next(n.value for n in tree.body
                  if isinstance(n, ast.AnnAssign) and n.target.id == "__all__")
    assert ast.literal_eval(listed) == _core.__all__
    classes = {n.name: n for n in tree.body if isinstance(n, ast.ClassDef)}
    for cls, members in _extend.MEMBERS.items():
        stubbed = {f.name for f in classes[cls.__name__].body if isinstance(f, ast.FunctionDef)}
        assert set(members) <= stubbed, cls.__name__
