"""The entry workbook in real LibreOffice: a workbook ntmkit wrote, filled, then opened and saved
again by LibreOffice Calc (headless, from Debian's libreoffice-calc-nogui), reads back to the
same records. This is the path of an officer who fills the sheets in LibreOffice."""
import shutil
import subprocess

import ntmkit
from test_workbook import entry_path, fields, type_seed_csv  # noqa: F401 (a fixture)


def resaved_by_libreoffice(path, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is installed by scripts/setup.sh --python"
    out = tmp_path / "resaved"
    # A profile of its own: no first-start dialogs, no lock on the user's profile.
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless",
                    "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out),
                    str(path)], check=True, capture_output=True, timeout=180)
    saved = out / path.name
    assert saved.exists()
    return saved


def test_a_workbook_filled_and_saved_by_libreoffice_reads_back_the_same_records(
        seed, entry_path, seed_json, tmp_path):
    expected = type_seed_csv(entry_path, seed_json)
    saved = resaved_by_libreoffice(entry_path, tmp_path)
    assert saved.read_bytes() != entry_path.read_bytes()  # LibreOffice wrote its own file
    got = ntmkit.read_entry_workbook(seed, saved)
    assert sorted(fields(got)) == sorted(expected)
    seed.add_progress_workbook(saved)
    # Cẩm Trang's hedges by hand: 2 + 3 (16/4) + 1 (17/4) + 3 (3/5).
    assert seed.rollup("30/5/2022").row("cam_trang", "hang_rao_xanh").tally.cumulative == 9
