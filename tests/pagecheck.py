"""Checks every HTML page a test fetches, like GOV.UK Notify's ``client_request`` fixture does."""

from html.parser import HTMLParser


class PageProblem(AssertionError):
    """A page broke one of the rules every page of the service keeps."""


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.titles: list[str] = []
        self.h1_count = 0
        self.html_lang: str | None = None
        self.forms: list[dict] = []
        self.main_ids: list[str | None] = []
        self.scripts_without_nonce = 0
        self.inline_handlers: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.append(attributes["id"])
        if any(name.startswith("on") for name in attributes):
            self.inline_handlers.append(tag)
        if tag == "html":
            self.html_lang = attributes.get("lang")
        elif tag == "title":
            self._in_title = True
            self.titles.append("")
        elif tag == "h1":
            self.h1_count += 1
        elif tag == "main":
            self.main_ids.append(attributes.get("id"))
        elif tag == "form":
            self.forms.append(
                {
                    "action": attributes.get("action"),
                    "method": (attributes.get("method") or "get").lower(),
                    "has_csrf": False,
                }
            )
        elif tag == "input" and attributes.get("name") == "csrf_token" and self.forms:
            self.forms[-1]["has_csrf"] = True
        elif tag == "script" and "src" not in attributes and "nonce" not in attributes:
            self.scripts_without_nonce += 1

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.titles[-1] += data


def check_page(html: str, path: str = "") -> None:
    """Raise PageProblem if the page breaks a rule every page must keep."""
    parser = _PageParser()
    parser.feed(html)
    problems = []
    if not parser.html_lang:
        problems.append("<html> has no lang")
    if len(parser.titles) != 1 or not parser.titles[0].strip():
        problems.append("page must have exactly one non-empty <title>")
    if parser.h1_count != 1:
        problems.append(f"page must have exactly one <h1>, found {parser.h1_count}")
    if parser.main_ids != ["main-content"]:
        problems.append('page must have one <main id="main-content">')
    duplicates = sorted({i for i in parser.ids if parser.ids.count(i) > 1})
    if duplicates:
        problems.append(f"duplicate ids: {duplicates}")
    for form in parser.forms:
        if form["action"] is None:
            problems.append("a <form> has no action")
        if form["method"] == "post" and not form["has_csrf"]:
            problems.append(f"POST form to {form['action']} has no CSRF token")
    if parser.scripts_without_nonce:
        problems.append("inline <script> without the CSP nonce")
    if parser.inline_handlers:
        problems.append(f"inline event handlers on {parser.inline_handlers}")
    if problems:
        raise PageProblem(f"{path}: " + "; ".join(problems))
