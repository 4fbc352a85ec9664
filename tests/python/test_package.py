"""The package's face: its public names, its version, and what importing it changes."""
import importlib.metadata
import inspect
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import ntmkit
from conftest import ROOT
from ntmkit import _core, _extend


def test_all_lists_every_public_name_and_each_resolves():
    public = {n for n in dir(ntmkit)
              if not n.startswith("_") and not inspect.ismodule(getattr(ntmkit, n))}
    assert set(ntmkit.__all__) == public
    assert len(ntmkit.__all__) == len(set(ntmkit.__all__))
    for name in ntmkit.__all__:
        assert getattr(ntmkit, name) is not None, name
    # Every C++ binding, and the functions written in Python.
    python_names = {"burnup_chart", "write_xlsx", "write_entry_workbook", "read_entry_workbook",
                    "write_docx", "write_pdf"}
    assert {n for n in dir(_core) if not n.startswith("_")} | python_names == set(ntmkit.__all__)
    assert {"CampaignRanking", "WeeklyReport", "TieBreak", "synthetic_country"} <= public


def test_version_is_the_package_metadata_and_the_cmake_project_version():
    cmake = (ROOT / "CMakeLists.txt").read_text(encoding="utf-8")
    project_version = re.search(r"project\(ntmkit VERSION ([0-9.]+)", cmake).group(1)
    assert ntmkit.__version__ == importlib.metadata.version("ntmkit") == project_version


def _python(code, env):
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                          check=True).stdout


def test_import_leaves_the_environment_unchanged_and_finds_the_shipped_sets():
    env = {k: v for k, v in os.environ.items() if k != "NTMKIT_DATA_DIR"}
    out = _python("import os; before = dict(os.environ); import ntmkit; "
                  "assert dict(os.environ) == before; "
                  "print(ntmkit.load_builtin_criteria_set('qd318-2022-xa').criterion_count)", env)
    assert out.strip() == "19"


def test_ntmkit_data_dir_still_overrides_the_shipped_sets(tmp_path):
    shipped = Path(ntmkit.builtin_criteria_dir()) / "qd318-2022-xa.json"
    (tmp_path / "criteria").mkdir()
    shutil.copy(shipped, tmp_path / "criteria" / "mine.json")
    env = dict(os.environ, NTMKIT_DATA_DIR=str(tmp_path))
    out = _python("import ntmkit; print(ntmkit.builtin_criteria_dir()); "
                  "print(ntmkit.list_builtin_criteria_sets())", env)
    assert out.splitlines() == [str(tmp_path / "criteria"), "['mine']"]


def test_members_written_in_python_are_attached_from_one_table():
    for cls, members in _extend.MEMBERS.items():
        for name, function in members.items():
            assert getattr(cls, name) is function, f"{cls.__name__}.{name}"
    # The C++ module never imports the package's Python modules back.
    for source in (ROOT / "src").glob("*.cpp"):
        assert 'import("ntmkit' not in source.read_text(encoding="utf-8"), source.name


def test_in_a_source_tree_the_sets_are_found_in_the_repository_data_dir(tmp_path):
    # The layout of the repository with _core built into python/ntmkit: no ntmkit/data.
    installed = Path(ntmkit.__file__).resolve().parent
    shutil.copytree(installed, tmp_path / "python" / "ntmkit",
                    ignore=shutil.ignore_patterns("data", "__pycache__"))
    shutil.copytree(Path(ntmkit.builtin_criteria_dir()), tmp_path / "data" / "criteria")
    env = {k: v for k, v in os.environ.items() if k != "NTMKIT_DATA_DIR"}
    env["PYTHONPATH"] = str(tmp_path / "python")
    out = _python("import ntmkit; print(ntmkit.__file__); print(ntmkit.builtin_criteria_dir()); "
                  "print(ntmkit.load_builtin_criteria_set('qd318-2022-xa').criterion_count)", env)
    assert out.splitlines() == [str(tmp_path / "python" / "ntmkit" / "__init__.py"),
                                str(tmp_path / "data" / "criteria"), "19"]
