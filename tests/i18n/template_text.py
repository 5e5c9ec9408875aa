"""Find words in templates that a family would read but that are not marked for translation."""

import re
from html.parser import HTMLParser
from pathlib import Path

from jinja2 import Environment

# Text that reads the same in every language: names of the council, services and numbers.
ALLOWED = {
    "Worcestershire Children First",
    "Family voice",
    "Childline",
    "GOV.UK",
    "WCF",
    "SEND",
    "EHCP",
    "CSV",
    "JSON",
    "XLSX",
    "NLU",
    "PA",
    "SMS",
    "Rasa",
    "Twilio",
    # The council's postal address and reference prefixes are names, not words to translate.
    "Vulnerable Children and Families Commissioning Team",
    "Worcestershire County Council",
    "County Hall",
    "Spetchley Road",
    "Worcester",
    "WR5 2NE",
    "CB-",
    "family_voice_session",
}
# Documents written for councillors in English only (they set lang="en" themselves).
ENGLISH_ONLY_TEMPLATES = {"analytics_responses/report.html"}
# Attributes people read (screen readers, tooltips, form placeholders).
READ_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder", "value", "aria-description"}
NON_WORD = re.compile(r"^[\W\d_]*$")
CONTACT = re.compile(r"^[\d\s+()-]+$|^\S+@\S+$|^https?://\S+$")
ENTITY = re.compile(r"&[a-z]+;|&#\d+;")


class _TextCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style"}:
            self._skip += 1
        for name, value in attrs:
            if name in READ_ATTRIBUTES and value and name != "value":
                self.found.append(value)

    def handle_endtag(self, tag):
        if tag in {"script", "style"} and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.found.append(data)


def needs_translation(text: str) -> bool:
    """True when the text has words a reader would need in their own language."""
    text = ENTITY.sub(" ", text).strip()
    if text in ALLOWED:
        return False
    if not text or NON_WORD.match(text) or CONTACT.match(text):
        return False
    words = re.sub(
        r"\b(" + "|".join(re.escape(a) for a in sorted(ALLOWED, key=len, reverse=True)) + r")\b", " ", text
    )
    return bool(re.search(r"[^\W\d_]{2,}", words))


def unmarked_text(source: str) -> list[str]:
    """The readable text of a template outside `_()`, `{% trans %}` and Jinja expressions."""
    env = Environment(extensions=["jinja2.ext.i18n"], autoescape=True)
    pieces: list[str] = []
    in_trans = False
    expecting_block_name = False
    for _line, token_type, value in env.lex(source):
        if token_type == "block_begin":
            expecting_block_name = True
            continue
        if expecting_block_name and token_type == "name":
            if value == "trans":
                in_trans = True
            elif value == "endtrans":
                in_trans = False
            expecting_block_name = False
            continue
        if token_type in {"variable_begin", "block_begin"}:
            pieces.append("\0")
        if token_type == "data" and not in_trans:
            pieces.append(value)
        elif token_type != "data":
            pieces.append("")
    # Expressions split the text: treat each as a placeholder so "Hello {{ name }}" stays "Hello".
    html = "".join(pieces).replace("\0", " ")
    collector = _TextCollector()
    collector.feed(html)
    return [text.strip() for text in collector.found if needs_translation(text)]


def template_files(root: Path) -> list[Path]:
    """Every template of the portal that families or staff see."""
    return sorted(path for path in root.glob("**/templates/**/*.html") if "govuk_frontend" not in str(path))


READ_CALLS = re.compile(
    r"^(flash|ValidationError|\w+Field|DataRequired|InputRequired|Length|Email|Optional|NumberRange|EqualTo)$"
)
READ_KEYWORDS = {"message", "label", "description", "render_kw_label"}


def unmarked_python_strings(source: str) -> list[str]:
    """Literal strings passed as labels or messages in Python code (flash, fields, validators)."""
    import ast

    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        if not READ_CALLS.match(name):
            continue
        candidates = list(node.args[:1]) + [kw.value for kw in node.keywords if kw.arg in READ_KEYWORDS]
        for value in candidates:
            if isinstance(value, ast.JoinedStr) or (
                isinstance(value, ast.Constant)
                and isinstance(value.value, str)
                and needs_translation(value.value)
            ):
                found.append(ast.unparse(value))
    return found
