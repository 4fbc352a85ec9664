"""A report as PDF: its HTML page (the library's own, render/html.hpp) printed by headless
Chromium on A4 with the margins of Nghị định 30/2020/NĐ-CP. Chromium shapes Vietnamese text
with the system's fonts and keeps it as text, so the PDF can be searched and copied.
Debian: ``apt-get install chromium`` (scripts/setup.sh installs it)."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile

# A4 portrait, margins top/right/bottom/left 20/15/20/30 mm (the decree's ranges 20-25,
# 15-20, 20-25, 30-35); a serif face with Vietnamese glyphs if Times New Roman is absent.
PAGE_CSS = ("<style>@page{size:A4 portrait;margin:20mm 15mm 20mm 30mm}"
            "body{font-family:'Times New Roman','Liberation Serif','DejaVu Serif',serif;"
            "font-size:13pt}table{font-size:11pt}</style>\n")
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_browser() -> str:
    """The headless browser's path; $NTMKIT_CHROMIUM names another one."""
    for name in (os.environ.get("NTMKIT_CHROMIUM"),) + BROWSERS:
        if name and shutil.which(name):
            return shutil.which(name)
    raise FileNotFoundError("printing a PDF needs Chromium: apt-get install chromium "
                            "(or set NTMKIT_CHROMIUM to a Chrome or Chromium binary)")


def write_pdf(html: str, path, timeout: float = 60) -> None:
    """Print the HTML page `html` (UTF-8) to the PDF file `path`, A4 portrait."""
    page = html.replace("</head>", PAGE_CSS + "</head>", 1)
    browser = find_browser()
    out = os.path.abspath(os.fspath(path))
    with tempfile.TemporaryDirectory(prefix="ntmkit-pdf-") as tmp:
        source = os.path.join(tmp, "report.html")
        with open(source, "w", encoding="utf-8") as f:
            f.write(page)
        # A profile of its own: no clash with a browser the officer has open, nothing kept.
        cmd = [browser, "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run",
               f"--user-data-dir={os.path.join(tmp, 'profile')}", "--no-pdf-header-footer",
               f"--print-to-pdf={out}", "file://" + source]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        if done.returncode != 0 or not os.path.exists(out):
            raise OSError(f"{browser} could not print the PDF (exit {done.returncode}): "
                          f"{done.stderr.strip()[-500:]}")
