"""The real app in a real browser: `streamlit run app.py` on a free port, driven by headless Chromium.

Asks the first starter question through the chat input, checks the answer and its
citation, opens the Task 24 expander and saves docs/screenshot.png (the README's picture).
Needs /usr/bin/chromium (`make browser` installs it); Playwright's own browsers are never downloaded.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOT = ROOT / "docs" / "screenshot.png"
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
CONTENT_HEIGHT_JS = """() => {
    const main = document.querySelector('[data-testid="stMainBlockContainer"]');
    const bottom = document.querySelector('[data-testid="stBottom"]');
    return (main ? main.scrollHeight : 900) + (bottom ? bottom.offsetHeight : 120);
}"""
STARTUP_SECONDS = 180
ANSWER_MS = 180_000

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium: run `make browser` to install it"),
]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_healthy(url: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"streamlit exited with status {server.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().decode().strip() == "ok":
                    return
        except OSError:
            pass
        time.sleep(0.5)
    pytest.fail(f"streamlit did not answer {url}/_stcore/health within {STARTUP_SECONDS} s:\n"
                f"{log.read_text()[-3000:]}")


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    """The app served on 127.0.0.1 at a free port, its index in a temporary folder; stopped afterwards."""
    folder = tmp_path_factory.mktemp("browser")
    log = folder / "streamlit.log"
    port = free_port()
    env = {**os.environ, "IPQA_INDEX_DIR": str(folder / "index")}
    command = [
        sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
        "--server.address", "127.0.0.1", "--server.port", str(port), "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
    ]
    with log.open("wb") as out:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(url, server, log)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


def test_ask_in_the_browser_and_check_the_citation(app_url):
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(app_url, wait_until="domcontentloaded")

            chat = page.get_by_test_id("stChatInputTextArea")
            expect(chat).to_be_visible(timeout=ANSWER_MS)
            # The first visit loads the model and builds the index behind a spinner.
            expect(page.get_by_text("Loading the model and index...")).to_have_count(0, timeout=ANSWER_MS)
            expect(chat).to_be_enabled(timeout=ANSWER_MS)
            chat.fill("Who leads trade secret protection?")
            chat.press("Enter")

            messages = page.get_by_test_id("stChatMessage")
            expect(messages).to_have_count(2, timeout=ANSWER_MS)
            answer = messages.nth(1)
            expander = answer.get_by_test_id("stExpander").filter(
                has=page.locator("summary", has_text=re.compile(r"Task 24 —")))
            expect(expander).to_have_count(1, timeout=ANSWER_MS)
            expect(answer).to_contain_text("State Administration for Industry and Commerce")
            expect(answer).to_contain_text("[Task 24]")
            expect(messages.nth(0)).to_contain_text("Who leads trade secret protection?")

            expander.locator("summary").click()
            body = expander.get_by_test_id("stExpanderDetails")
            expect(body).to_be_visible()
            expect(body).to_contain_text("Promote the improvement of trade secret protection laws")
            expect(body).to_contain_text("Lead: State Administration for Industry and Commerce")
            expect(page.get_by_test_id("stException")).to_have_count(0)

            # Streamlit scrolls inside its own container, so a "full page" screenshot shows only the
            # viewport: grow the viewport to the conversation's height to picture all of it.
            page.wait_for_timeout(500)  # let the expander finish opening
            height = page.evaluate(CONTENT_HEIGHT_JS)
            page.set_viewport_size({"width": 1280, "height": max(900, min(int(height), 2400))})
            page.wait_for_timeout(500)
            expect(body).to_be_in_viewport()
            SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOT), full_page=True)
        finally:
            browser.close()
    assert SCREENSHOT.stat().st_size > 10_000
