"""The real server: `langcheck serve` as a subprocess on a free loopback port, spoken to over HTTP
by httpx, by a real LanguageTool client library, and by a headless browser driving the page."""
from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

import httpx
import pytest

from serving import clean_env, serving

MARKER = f"Qvzmarker{uuid.uuid4().hex[:10]}"
EMOJI_NOTE = "Update 😀 Mum was aggressive. The LAC review is on Tuesday."
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    logs = tmp_path_factory.mktemp("server") / "server.log"
    with serving(["--log-level", "debug"], logs, env=clean_env(), ready_seconds=90) as (proc, port):
        yield f"http://127.0.0.1:{port}", proc, logs


def test_real_server_over_http(server) -> None:
    base, _, _ = server
    assert httpx.get(f"{base}/healthz").json() == {"status": "ok"}
    r = httpx.post(f"{base}/v1/check", json={"text": f"Home visit to {MARKER} (8). {MARKER} was aggressive.",
                                             "meta": {"children": [MARKER], "activity_date": "2024-03-04",
                                                      "recorded_date": "2024-03-12"}}, timeout=10)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["decision"] == "warn" and {"L013", "T001"} <= {f["rule"] for f in body["findings"]}
    bad = httpx.post(f"{base}/v1/check", content=f'{{"text": "{MARKER}"', headers={"content-type": "application/json"})
    assert bad.status_code == 400 and MARKER not in bad.text
    assert "server" not in bad.headers  # no server banner
    assert 'route="/v1/check"' in httpx.get(f"{base}/metrics").text


def test_languagetool_client_library_gets_langchecks_matches(server) -> None:
    language_tool_python = pytest.importorskip("language_tool_python")
    base, _, _ = server
    tool = language_tool_python.LanguageTool("en-GB", remote_server=base)
    try:
        matches = tool.check(EMOJI_NOTE)
    finally:
        tool.close()
    by_rule = {m.rule_id: m for m in matches}
    assert {"L013", "J002"} <= set(by_rule)
    # The library turns LanguageTool's UTF-16 offsets back into Python's: they must land exactly.
    m = by_rule["L013"]
    assert EMOJI_NOTE[m.offset:m.offset + m.error_length] == "aggressive"
    lac = by_rule["J002"]
    assert EMOJI_NOTE[lac.offset:lac.offset + lac.error_length] == "LAC review"
    assert lac.replacements[0] == "child in care review" and lac.category == "JARGON"
    assert language_tool_python.utils.correct(EMOJI_NOTE, [lac]).count("child in care review") == 1


def _browser_path() -> str | None:
    for name in ("/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if os.path.exists(name):
            return name
    return shutil.which("chromium") or shutil.which("google-chrome")


def test_the_page_in_a_real_browser(server) -> None:
    executable = _browser_path()
    if executable is None:
        pytest.skip("no chromium binary: install it with `apt-get install -y chromium` to run the page test")
    sync_api = pytest.importorskip("playwright.sync_api")
    base, _, _ = server
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(bypass_csp=True)  # lets the test evaluate its own JS
            context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
            page = context.new_page()
            external = []
            page.on("request", lambda req: external.append(req.url) if not req.url.startswith(base) else None)
            page.goto(base + "/")
            note = page.get_by_label("Case note")
            note.fill(EMOJI_NOTE)
            # Keyboard only: Tab from the note reaches the labelled Check button; Enter presses it.
            note.focus()
            page.keyboard.press("Tab")
            assert page.evaluate("document.activeElement.id") == "check"
            assert page.get_by_role("button", name="Check note").is_visible()
            page.keyboard.press("Enter")
            page.wait_for_selector("li.finding[data-rule='J002']")
            lac = page.locator("li.finding[data-rule='J002']")
            assert "names the meeting" in lac.locator(".message").inner_text()
            assert lac.locator("ul.suggestions li").count() >= 1
            lac.locator("summary").click()
            assert lac.locator(".why").inner_text().strip()
            # Highlighted in place: the marks sit over the exact words, after the emoji.
            marks = page.locator("#backdrop mark")
            assert sorted(marks.all_inner_texts()) == ["LAC review", "aggressive"]
            assert page.locator("#decision-value").text_content() == "warn"
            # Show in note selects the words in the textarea.
            page.locator("li.finding[data-rule='L013'] button.show").click()
            selected = page.evaluate("(() => { const t = document.getElementById('note');"
                                     " return t.value.slice(t.selectionStart, t.selectionEnd); })()")
            assert selected == "aggressive"
            # One click accepts the safe fix, and the note is checked again.
            lac.locator("button.accept").click()
            page.wait_for_function("!document.querySelector(\"li.finding[data-rule='J002']\")")
            value = note.input_value()
            assert value == EMOJI_NOTE.replace("LAC review", "child in care review")
            page.wait_for_selector("li.finding[data-rule='L013']")
            page.get_by_role("button", name="Copy note").click()
            page.wait_for_function("document.getElementById('status').textContent.includes('Copied')")
            assert page.evaluate("navigator.clipboard.readText()") == value
            # Ctrl+Enter checks from inside the note.
            note.fill("The LAC review is on Tuesday.")
            note.press("Control+Enter")
            page.wait_for_selector("li.finding[data-rule='J002']")
            assert external == []  # nothing fetched from anywhere else
        finally:
            browser.close()


def test_nothing_the_server_logged_contains_the_note(server) -> None:
    base, proc, logs = server
    httpx.post(f"{base}/v2/check", data={"text": f"{MARKER} was aggressive.", "language": "en-GB"})
    proc.terminate()
    proc.wait(timeout=10)
    text = Path(logs).read_text(encoding="utf-8", errors="replace")
    assert "check id=" in text and "request id=" in text  # it logs, just not the note
    assert MARKER not in text
