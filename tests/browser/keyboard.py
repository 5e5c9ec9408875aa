"""Driving the portal with the keyboard alone, as a person who cannot use a mouse does.

Only keys are pressed (Tab, Shift+Tab, Space, Enter, arrow keys and typing): nothing is clicked
or filled in. On every stop the focused element must show GOV.UK's yellow focus style, and every
page can be tabbed round from start to end and back without getting stuck.
"""

import pytest
from flask_babel import force_locale, gettext
from playwright.sync_api import expect

from tests.browser.conftest import check_accessibility, screenshot

# What has focus, and whether it shows it with GOV.UK's focus colour (#fd0): an outline, a box
# shadow or a yellow background; a radio or checkbox draws its ring on its label's ::before.
FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const yellow = 'rgb(255, 221, 0)';
  const outlined = s =>
    s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 && s.outlineColor === yellow;
  const shows = s => outlined(s) || s.boxShadow.includes(yellow) || s.backgroundColor === yellow;
  const styles = [getComputedStyle(el)];
  if (el.matches('.govuk-radios__input, .govuk-checkboxes__input') && el.labels.length) {
    styles.push(getComputedStyle(el.labels[0], '::before'));
  }
  return {
    stop: Array.prototype.indexOf.call(document.querySelectorAll('*'), el),
    visible: styles.some(shows),
    html: el.outerHTML.slice(0, 160),
  };
}"""

SUBMIT = "main form button[type=submit]:not([value=save]), main form input[type=submit]"
STOPS_LIMIT = 150


def focus(page) -> dict | None:
    """The focused element (None when focus is on the page itself, before the first stop)."""
    return page.evaluate(FOCUS)


def press(page, key: str) -> dict | None:
    """Press a key that moves focus, and check the new stop shows where focus is."""
    page.keyboard.press(key)
    now = focus(page)
    if now is not None:
        assert now["visible"], f"focus is not visible on {now['html']} at {page.url}"
    return now


def tab_to(page, selector: str, backwards: bool = False) -> None:
    """Press Tab (or Shift+Tab) until ``selector`` has focus, checking focus is visible at each stop."""
    for _ in range(STOPS_LIMIT):
        press(page, "Shift+Tab" if backwards else "Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"the keyboard never reached {selector} on {page.url}")


def walk_round(page, backwards: bool = False) -> int:
    """Tab through every stop of the page and round to the first again: no stop hides focus and
    none traps it. Returns how many stops the page has."""
    key = "Shift+Tab" if backwards else "Tab"
    first, seen = None, []
    for _ in range(STOPS_LIMIT):
        now = press(page, key)
        if now is None:
            continue  # between the last stop and the browser's own controls
        if first is None:
            first = now["stop"]
        elif now["stop"] == first:
            return len(seen)
        seen.append(now["stop"])
    pytest.fail(f"focus is trapped on {page.url}: {len(seen)} presses never came back round")


def activate(page, selector: str | None = None) -> None:
    """Tab to a link or button (the current one when no selector) and press Enter."""
    if selector:
        tab_to(page, selector)
    page.keyboard.press("Enter")


def type_into(page, selector: str, text: str, replace: bool = False) -> None:
    """Tab to a text box and type; ``replace`` selects what is there first (Ctrl+A)."""
    if not page.evaluate("s => document.activeElement.matches(s)", selector):
        tab_to(page, selector)
    if replace:
        page.keyboard.press("Control+a")
    page.keyboard.type(text)


def choose(page, name: str, value: str) -> None:
    """Tab into a group of radios and use the arrow keys to choose one (Space if none was chosen)."""
    tab_to(page, f"main input[type=radio][name='{name}']")
    for _ in range(20):
        if page.evaluate("v => document.activeElement.value === v", value):
            break
        press(page, "ArrowDown")
    else:
        pytest.fail(f"the arrow keys never reached {name}={value}")
    if not page.evaluate("document.activeElement.checked"):
        page.keyboard.press("Space")
    expect(page.locator(f"main input[name='{name}'][value='{value}']")).to_be_checked()


def tick(page, name: str, value: str) -> None:
    """Tab to a checkbox and tick it with Space."""
    tab_to(page, f"main input[type=checkbox][name='{name}'][value='{value}']")
    page.keyboard.press("Space")
    expect(page.locator(f"main input[name='{name}'][value='{value}']")).to_be_checked()


def check_page(page, name: str | None = None) -> None:
    """What every page in a journey must do: one h1 in one main landmark, headings that never skip a
    level, axe clean (WCAG 2.2 AA), and every stop reachable, visible and escapable by keyboard.
    Callers first expect something of the new page; this then waits for its scripts to have run."""
    page.wait_for_load_state()
    expect(page.locator("main")).to_have_count(1)
    expect(page.locator("main h1")).to_have_count(1)
    skipped = page.evaluate(
        """[...document.querySelectorAll('main h1, main h2, main h3, main h4')]
        .map(h => +h.tagName[1]).filter((level, i, all) => i > 0 && level > all[i - 1] + 1)"""
    )
    assert skipped == [], f"a heading level is skipped on {page.url}"
    check_accessibility(page)
    if name:
        screenshot(page, name)
    assert walk_round(page) > 3


def skip_link_goes_to_main_content(page) -> None:
    """The first Tab on a freshly loaded page shows the skip link; Enter moves focus to the main content."""
    now = press(page, "Tab")
    assert now and 'href="#main-content"' in now["html"], now
    expect(page.locator(".govuk-skip-link")).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("#main-content")).to_be_focused()


def switch_language(page, language: str) -> None:
    """Use the language switcher with the keyboard (English is the default)."""
    if language == "en":
        return
    activate(page, f".app-language-switcher a[hreflang={language}]")
    expect(page.locator("html")).to_have_attribute("lang", language)
    if language == "ur":
        expect(page.locator("[dir=rtl]")).to_have_count(1)
    page.wait_for_load_state()  # GOV.UK Frontend's scripts (the skip link's among them) have run


def submit_and_expect_errors(page) -> None:
    """Send the form; the error summary must take focus, so screen readers announce it."""
    activate(page, SUBMIT)
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    expect(page.locator(".govuk-error-summary a").first).to_be_visible()


def follow_first_error(page, field_id: str) -> None:
    """Tab from the error summary to its first link and press Enter: focus lands on the field."""
    tab_to(page, ".govuk-error-summary a")
    page.keyboard.press("Enter")
    expect(page.locator(f"#{field_id}")).to_be_focused()


def words(app, language: str, english: str) -> str:
    """The portal's own words as the catalogue gives them in ``language``."""
    with app.test_request_context(), force_locale(language):
        return gettext(english)
