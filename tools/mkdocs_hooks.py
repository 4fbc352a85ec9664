"""MkDocs hooks (mkdocs.yml `hooks:`): the navigation and the two generated reference pages.

- The navigation lists the pages in reading order (ORDER) and then every other page found
  under docs/, so a page added to docs/ appears without editing mkdocs.yml.
- reference/python.md: one mkdocstrings entry per public name of ntmkit, read from the stubs
  (python/ntmkit/_core.pyi) and the Python modules; nothing is imported.
- reference/cpp.md: each public header of include/ntmkit/ with its leading comment and every
  declaration that carries a /// comment, read from the headers themselves.
Both are built in memory at each build, so they cannot go stale.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"

# Reading order; pages not listed here follow, by path.
ORDER = [
    ("Home", "index.md"),
    ("Bắt đầu (cán bộ xã)", "vi/bat-dau.md"),
    ("Tutorial", "tutorial.md"),
    ("Notebook: the seed campaign", "notebooks/seed_campaign.ipynb"),
    ("Concepts", "concepts.md"),
    ("Calendar and periods", "calendar.md"),
    ("File formats", "format.md"),
    ("Reports", "reports.md"),
    ("Criteria", "criteria.md"),
    ("Ranking", "ranking.md"),
    ("The ntmkit command", "cli.md"),
    ("Performance", "performance.md"),
    ("Testing", "testing.md"),
    ("This site", "docs-site.md"),
]
GENERATED = [("Python API", "reference/python.md"), ("C++ headers", "reference/cpp.md")]


def _title(path: Path) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return path.stem


def on_config(config, **kwargs):
    listed = {p for _, p in ORDER}
    nav = [{title: path} for title, path in ORDER if (DOCS / path).exists()]
    for page in sorted(DOCS.rglob("*.md")):
        rel = page.relative_to(DOCS).as_posix()
        if rel not in listed:
            nav.append({_title(page): rel})
    nav.append({"Reference": [{t: p} for t, p in GENERATED]})
    config["nav"] = nav
    return config


def on_files(files, config, **kwargs):
    pages = {"reference/python.md": python_reference(), "reference/cpp.md": cpp_reference()}
    for path, content in pages.items():
        files.append(File.generated(config, path, content=content))
    return files


# --- Python ---------------------------------------------------------------------------------

PYTHON_MODULES = [("ntmkit.workbook", "Data-entry workbooks"), ("ntmkit.xlsx", "The .xlsx report")]


def python_reference() -> str:
    stub = ast.parse((ROOT / "python/ntmkit/_core.pyi").read_text(encoding="utf-8"))
    names = next(ast.literal_eval(n.value) for n in stub.body
                 if isinstance(n, ast.AnnAssign) and getattr(n.target, "id", "") == "__all__")
    kinds = {n.name: type(n).__name__ for n in stub.body
             if isinstance(n, (ast.ClassDef, ast.FunctionDef))}
    out = ["# Python API\n",
           "Generated from the docstrings and the type stubs (`python/ntmkit/_core.pyi`) at each "
           "build. Every name is importable as `ntmkit.<name>`. Methods written in Python "
           "(DataFrames, charts, notebook display) are listed with the C++ class they belong to.\n",
           "## Classes\n"]
    out += [f"::: ntmkit._core.{n}\n" for n in names if kinds.get(n) == "ClassDef"]
    out.append("## Functions\n")
    out += [f"::: ntmkit._core.{n}\n" for n in names if kinds.get(n) == "FunctionDef"]
    out.append("## Written in Python\n")
    out.append("::: ntmkit._charts.burnup_chart\n")
    for module, title in PYTHON_MODULES:
        out.append(f"### {title}\n\n::: {module}\n    options:\n      show_root_heading: false\n")
    return "\n".join(out)


# --- C++ ------------------------------------------------------------------------------------

_DECL_END = re.compile(r"[{;]\s*(//.*)?$")


def _leading_comment(lines: list[str]) -> str:
    text = []
    for line in lines:
        if not line.startswith("//"):
            break
        text.append(line.lstrip("/").strip())
    return " ".join(text)


def _declarations(lines: list[str]) -> list[str]:
    """Every /// comment with the declaration that follows it (up to its { or ;)."""
    out, k = [], 0
    while k < len(lines):
        if not lines[k].strip().startswith("///"):
            k += 1
            continue
        block = []
        while k < len(lines) and lines[k].strip().startswith("///"):
            block.append(lines[k].strip())
            k += 1
        decl = []
        while k < len(lines) and len(decl) < 6:
            line = lines[k].rstrip()
            k += 1
            if not line.strip() or line.strip().startswith("#"):
                break
            decl.append(line.strip())
            if _DECL_END.search(line):
                break
        if decl:
            text = " ".join(decl)
            text = re.sub(r"\s*\{.*$", "", text) if "{" in text else text
            out.append("\n".join(block) + "\n" + text)
    return out


def cpp_reference() -> str:
    headers = sorted((ROOT / "include/ntmkit").glob("*.hpp")) + sorted(
        (ROOT / "include/ntmkit/render").glob("*.hpp"))
    out = ["# C++ headers\n",
           "Generated at each build from `include/ntmkit/`: every public header with its leading "
           "comment, then each declaration that carries a `///` comment, as written in the "
           "header. `#include <ntmkit/ntmkit.hpp>` brings in everything; each header also "
           "compiles on its own. Internals (`detail/`) are left out.\n"]
    for h in headers:
        rel = h.relative_to(ROOT / "include").as_posix()
        lines = h.read_text(encoding="utf-8").splitlines()
        out.append(f"## `{rel}`\n")
        lead = _leading_comment(lines)
        if lead:
            out.append(lead + "\n")
        decls = _declarations(lines)
        if decls:
            out.append("```cpp\n" + "\n\n".join(decls) + "\n```\n")
    return "\n".join(out)
