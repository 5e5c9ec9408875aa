"""Every word families read is marked for translation, and the Polish, Romanian and Urdu catalogues
are complete and match the text in the code today."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tests.i18n.template_text import (
    ENGLISH_ONLY_TEMPLATES,
    needs_translation,
    template_files,
    unmarked_python_strings,
    unmarked_text,
)

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("pl", "ro", "ur")
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%%|%[sd]|\{[a-z_]*\}")
TAG = re.compile(r"</?([a-z]+)")


def _catalogue(language):
    with open(ROOT / "translations" / language / "LC_MESSAGES" / "messages.po", "rb") as handle:
        return read_po(handle, locale=language)


def _translations(message):
    return list(message.string) if isinstance(message.string, tuple | list) else [message.string]


def test_the_checker_finds_unmarked_words_and_ignores_marked_ones():
    assert unmarked_text("<p>Tell us what you think</p>") == ["Tell us what you think"]
    assert unmarked_text('<img alt="A smiling face" src="x">') == ["A smiling face"]
    assert unmarked_text("<p>{{ _('Tell us') }}</p>{% trans %}Hello {{ name }}{% endtrans %}") == []
    assert unmarked_text("<p>01905 822666</p><p>{{ count }} – 42%</p><p>Childline</p>") == []
    assert not needs_translation("help@example.org")
    assert unmarked_python_strings("flash('Saved')\nStringField(_l('Name'))") == ["'Saved'"]


@pytest.mark.parametrize("path", template_files(ROOT / "portal"), ids=lambda p: str(p.relative_to(ROOT)))
def test_template_text_is_marked_for_translation(path):
    if any(str(path).endswith(name) for name in ENGLISH_ONLY_TEMPLATES):
        pytest.skip("written in English for councillors")
    assert unmarked_text(path.read_text(encoding="utf-8")) == []


def test_labels_flash_messages_and_validation_messages_are_marked():
    found = {
        str(path.relative_to(ROOT)): strings
        for path in sorted((ROOT / "portal").glob("**/*.py"))
        if (strings := unmarked_python_strings(path.read_text(encoding="utf-8")))
    }
    assert found == {}


def test_catalogues_are_not_stale(tmp_path):
    fresh = tmp_path / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "-k",
            "lazy_gettext",
            "-k",
            "_n:1,2",
            "-o",
            str(fresh),
            "--no-location",
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with open(fresh, "rb") as handle:
        wanted = {message.id for message in read_po(handle) if message.id}
    for language in LANGUAGES:
        have = {message.id for message in _catalogue(language) if message.id}
        missing = sorted(str(m) for m in wanted - have)
        assert missing == [], f"{language}: run `make translations` and translate {missing[:5]}"
        # A translation the code no longer marks would be dropped by the next `make translations`.
        unmarked = sorted(str(m) for m in have - wanted)
        assert unmarked == [], f"{language}: mark these for extraction again (N_ or _): {unmarked[:5]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_is_complete(language):
    untranslated = [
        message.id
        for message in _catalogue(language)
        if message.id and (message.fuzzy or not all(_translations(message)))
    ]
    assert untranslated == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_placeholders_and_markup(language):
    wrong = []
    for message in _catalogue(language):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple | list) else (message.id,)
        want_placeholders = sorted(set(PLACEHOLDER.findall(ids[-1])))
        want_tags = sorted(TAG.findall(ids[0]))
        for text in _translations(message):
            if not text:
                continue
            if (
                sorted(set(PLACEHOLDER.findall(text))) != want_placeholders
                or sorted(TAG.findall(text)) != want_tags
            ):
                wrong.append((ids[0], text))
    assert wrong == []
