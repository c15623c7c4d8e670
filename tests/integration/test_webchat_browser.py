"""The chat page in headless Chromium: rasa-webchat against the running assistant.

Opens the page, opens the widget, asks a question and sees the answer, clicks a button,
completes a red-flag check to an outcome (with the care banner), reloads and sees the history.
Screenshots go to .test-results/webchat/.
"""

import shutil
import tempfile
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

SCREENSHOTS = Path(__file__).resolve().parents[2] / ".test-results" / "webchat"
CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")


@pytest.fixture
def browser():
    if not (CHROMIUM and CHROMEDRIVER):
        pytest.fail("Debian's chromium and chromium-driver are needed (scripts/install-test-tools.sh)")
    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def bot_texts(driver) -> list[str]:
    # Read in one script call: the list is never half re-rendered while it is read.
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('.rw-response'), e => e.innerText);"
    )


# The widget re-renders its message list as replies arrive: an element found a moment ago can be
# gone when its text is read. Waits retry on that instead of failing.
RERENDERED = (StaleElementReferenceException,)


def wait_for_text(driver, text: str, timeout: int = 60) -> None:
    WebDriverWait(driver, timeout, ignored_exceptions=RERENDERED).until(
        lambda d: any(text.lower() in t.lower() for t in bot_texts(d)), f"no bot message with {text!r}"
    )


def click_reply(driver, title: str) -> None:
    def clickable_reply(d):
        replies = [r for r in d.find_elements(By.CSS_SELECTOR, ".rw-reply") if r.text.strip() == title]
        return replies[-1] if replies else False

    for _ in range(3):
        try:
            WebDriverWait(driver, 60, ignored_exceptions=RERENDERED).until(clickable_reply).click()
            return
        except StaleElementReferenceException:
            continue  # the button was re-rendered between finding and clicking it
    pytest.fail(f"the {title!r} button kept being re-rendered before it could be clicked")


def test_chat_page_end_to_end(browser, assistant):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    browser.get(f"{assistant.base_url}/chat/")
    WebDriverWait(browser, 30).until(EC.element_to_be_clickable((By.CSS_SELECTOR, ".rw-launcher"))).click()
    wait_for_text(browser, "hamstring helper")  # greeting on open (initPayload /greet)

    message_box = WebDriverWait(browser, 30).until(
        EC.element_to_be_clickable((By.CSS_SELECTOR, ".rw-new-message"))
    )
    message_box.send_keys("what muscles make up the hamstring?", Keys.ENTER)
    wait_for_text(browser, "semitendinosus")
    browser.save_screenshot(str(SCREENSHOTS / "1-answer.png"))

    click_reply(browser, "Tendinopathy")  # a follow-up button under the answer
    wait_for_text(browser, "not a calf strain")

    message_box.send_keys("check my symptoms", Keys.ENTER)
    wait_for_text(browser, "chest pain, sudden shortness of breath")
    click_reply(browser, "No")
    wait_for_text(browser, "cold, pale or blue")
    click_reply(browser, "Yes")  # an emergency answer ends the check at once
    wait_for_text(browser, "Call 999 now.")
    banner = WebDriverWait(browser, 30).until(EC.visibility_of_element_located((By.ID, "care-banner")))
    assert "call 999 now" in banner.text.lower()
    browser.save_screenshot(str(SCREENSHOTS / "2-emergency-outcome.png"))

    before = bot_texts(browser)
    browser.refresh()
    wait_for_text(browser, "semitendinosus", timeout=30)  # history restored from the session
    wait_for_text(browser, "Call 999 now.", timeout=30)
    assert len(bot_texts(browser)) >= len(before) - 1
    browser.save_screenshot(str(SCREENSHOTS / "3-after-reload.png"))


INJECTED = '<img src=x onerror="window.injected = 1"><script>window.injected = 2</script><b>bold?</b>'


def test_the_page_loads_nothing_from_other_hosts_and_shows_markup_as_text(browser, assistant):
    browser.get(f"{assistant.base_url}/chat/")
    WebDriverWait(browser, 30).until(EC.element_to_be_clickable((By.CSS_SELECTOR, ".rw-launcher"))).click()
    wait_for_text(browser, "hamstring helper")
    message_box = WebDriverWait(browser, 30).until(
        EC.element_to_be_clickable((By.CSS_SELECTOR, ".rw-new-message"))
    )
    message_box.send_keys(INJECTED, Keys.ENTER)
    WebDriverWait(browser, 60).until(lambda d: len(bot_texts(d)) >= 2, "no reply to the markup")
    shown = browser.execute_script(
        "return Array.from(document.querySelectorAll('.rw-client'), e => e.innerText).join(' ');"
    )
    assert "<img src=x" in shown and "<script>" in shown  # shown as typed, not run
    assert browser.execute_script("return window.injected === undefined;")
    loaded = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name);")
    from_elsewhere = [url for url in loaded if not url.startswith((assistant.base_url, "data:", "blob:"))]
    assert loaded and from_elsewhere == []
    imported = browser.execute_script(
        "return Array.from(document.styleSheets).flatMap(s => Array.from(s.cssRules))"
        ".filter(r => r.href).map(r => r.href);"
    )
    assert imported == []
