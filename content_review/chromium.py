"""Debian's Chromium, headless: prints the HTML to PDF and takes screenshots.

Each run gets its own throw-away profile, so it neither reads nor changes anyone's browser data
and two runs at once do not share a profile lock. Nothing is fetched: the page has no outside
resource and background networking is off.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from pathlib import Path

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)
TIMEOUT_SECONDS = 180


class ChromiumMissing(RuntimeError):
    """Chromium is not installed; scripts/install-test-tools.sh installs it."""


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _run(page: Path, *flags: str) -> None:
    browser = chromium_path()
    if browser is None:
        raise ChromiumMissing("chromium is not installed: run scripts/install-test-tools.sh")
    with tempfile.TemporaryDirectory(prefix="content-review-chromium-") as profile:
        subprocess.run(
            [browser, *FLAGS, f"--user-data-dir={profile}", *flags, page.resolve().as_uri()],
            check=True,
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
        )


def print_pdf(html: Path, pdf: Path) -> Path:
    """The page printed as Chromium prints it (A4, the page's own @page rules, no header)."""
    pdf.unlink(missing_ok=True)
    _run(html, f"--print-to-pdf={pdf.resolve()}", "--no-pdf-header-footer")
    if not pdf.is_file() or pdf.stat().st_size == 0:
        raise RuntimeError(f"chromium wrote no PDF for {html}")
    return pdf


def screenshot(page: Path, png: Path, width: int = 1240, height: int = 1754) -> Path:
    """A PNG of an HTML page's first screen."""
    png.unlink(missing_ok=True)
    _run(page, f"--screenshot={png.resolve()}", f"--window-size={width},{height}")
    if not png.is_file() or png.stat().st_size == 0:
        raise RuntimeError(f"chromium wrote no screenshot of {page}")
    return png


def pdf_first_page(pdf: Path, png: Path, width: int = 1000, height: int = 1300) -> Path:
    """A PNG of the PDF's first page in Chromium's own PDF viewer, driven by chromedriver.

    `chromium --screenshot` captures a PDF before its viewer has drawn anything, so the viewer is
    opened through chromedriver and captured once it has drawn the page and stopped changing.
    """
    driver_path = shutil.which("chromedriver")
    if chromium_path() is None or driver_path is None:
        raise ChromiumMissing("chromium and chromedriver are needed: run scripts/install-test-tools.sh")
    from selenium import webdriver  # only here: the rest of the review needs no browser driver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium_path()
    for flag in (*FLAGS, f"--window-size={width},{height}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    try:
        driver.get(pdf.resolve().as_uri() + "#toolbar=0&navpanes=0&view=FitH")
        captured = _settled_capture(driver.get_screenshot_as_png)
    finally:
        driver.quit()
    png.write_bytes(captured)
    return png


def _settled_capture(capture, seconds: float = 30.0, interval: float = 0.5) -> bytes:
    """The first capture that differs from the empty viewer and equals the two before it."""
    empty = capture()
    recent: list[bytes] = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        time.sleep(interval)
        recent = [*recent[-2:], capture()]
        if len(recent) == 3 and recent[0] == recent[1] == recent[2] != empty:
            return recent[-1]
    raise RuntimeError(f"the PDF viewer drew nothing stable within {seconds:.0f} s")
