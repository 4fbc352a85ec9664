"""Every ```python block of README.md and docs/ runs, so no snippet goes stale.

A page's blocks run in order in one namespace (a later block may use an earlier one's names),
from a scratch folder where examples/ and data/ are the repository's, so the paths the docs use
(examples/seed/campaign.json) work and the files they write land in the scratch folder. A block
preceded by the line ``<!-- skip-snippet -->`` is not run (for one that needs a server); every
other block must run without raising. New pages are picked up without changing this file.
"""
import os
import re
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402 - after choosing the backend

ROOT = Path(__file__).resolve().parents[2]
SKIP_MARKER = "<!-- skip-snippet -->"
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
FENCE = re.compile(r"^```python[ \t]*\n(.*?)^```[ \t]*$", re.M | re.S)


def snippets(text: str) -> list[tuple[int, str]]:
    """(line number, code) of each ```python block not marked to skip."""
    out = []
    for m in FENCE.finditer(text):
        before = text[:m.start()].rstrip("\n").rsplit("\n", 1)[-1].strip()
        if before != SKIP_MARKER:
            out.append((text.count("\n", 0, m.start()) + 1, m.group(1)))
    return out


def test_the_extractor_finds_blocks_and_honours_the_skip_marker():
    text = ("# t\n```python\nx = 1\n```\n\n" + SKIP_MARKER + "\n```python\nserver()\n```\n"
            "```sh\nls\n```\n```python\ny = x + 1\n```\n")
    assert snippets(text) == [(2, "x = 1\n"), (13, "y = x + 1\n")]


def _page_ids():
    return [str(p.relative_to(ROOT)) for p in PAGES]


@pytest.mark.parametrize("page", PAGES, ids=_page_ids())
def test_every_python_snippet_runs(page, tmp_path, monkeypatch):
    blocks = snippets(page.read_text(encoding="utf-8"))
    if not blocks:
        return  # a page without Python (C++ or shell only)
    for name in ("examples", "data"):
        os.symlink(ROOT / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    namespace: dict = {"__name__": "__snippet__"}
    ran = 0
    for line, code in blocks:
        try:
            exec(compile(code, f"{page.relative_to(ROOT)}:{line}", "exec"), namespace)
        except Exception as e:  # noqa: BLE001 - the block and its error, whatever it raised
            pytest.fail(f"{page.relative_to(ROOT)}, the ```python block at line {line}: "
                        f"{type(e).__name__}: {e}")
        finally:
            plt.close("all")
        ran += 1
    assert ran == len(blocks)
