"""The example notebook runs end to end; any cell that raises fails the test."""
from pathlib import Path

import ipykernel  # noqa: F401  (the kernel the notebook runs on)
import nbclient
import nbformat
import pytest

NOTEBOOKS = Path(__file__).resolve().parents[2] / "examples" / "notebooks"


@pytest.mark.parametrize("path", sorted(NOTEBOOKS.glob("*.ipynb")), ids=lambda p: p.name)
def test_notebook_runs(path):
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                                     resources={"metadata": {"path": str(path.parent)}})
    client.execute()  # raises CellExecutionError naming the cell
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    texts = "".join(o.get("text", "") for o in outputs)
    assert "BÁO CÁO" in texts or "Báo cáo" in texts  # the Friday report was printed
    assert any("image/png" in o.get("data", {}) for o in outputs)  # a chart was drawn


def _first_code_cell():
    nb = nbformat.read(NOTEBOOKS / "seed_campaign.ipynb", as_version=4)
    return next(c.source for c in nb.cells if c.cell_type == "code")


def test_notebook_opened_elsewhere_says_where_the_seed_is(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NTMKIT_EXAMPLES", raising=False)
    with pytest.raises(FileNotFoundError, match="set NTMKIT_EXAMPLES"):
        exec(_first_code_cell(), {})
    monkeypatch.setenv("NTMKIT_EXAMPLES", str(NOTEBOOKS.parent))
    found = {}
    exec(_first_code_cell(), found)
    assert found["seed_dir"] == NOTEBOOKS.parent / "seed"
