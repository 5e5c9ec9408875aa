"""Walk any forms-engine journey through HTTP, filling every field found on each page.

Radios and checkboxes take their first option; free-text fields take the text a test chooses; a
field the page rejects is refilled with a plain valid value, so the walk always reaches the end.
"""

import re

FORM = re.compile(r'<form[^>]*method="post"[^>]*>(.*?)</form>', re.S | re.I)
FIELD = re.compile(r"<(input|textarea|select)\b([^>]*)>", re.I)
ATTR = re.compile(r'([a-zA-Z_:-]+)="([^"]*)"')
REFERENCE = re.compile(r"<strong>([A-Z0-9-]{6,})</strong>")
SKIP_TYPES = {"hidden", "submit", "button"}
VALID = {"email": "parent@example.com", "tel": "07700 900123", "number": "9"}


def fields(html: str) -> list[dict]:
    """The named fields of the page's main POST form, with their attributes."""
    forms = [f for f in FORM.findall(html) if "csrf_token" in f]
    if not forms:
        return []
    found = []
    for tag, attrs in FIELD.findall(max(forms, key=len)):
        attributes = dict(ATTR.findall(attrs))
        if "name" in attributes and attributes.get("type", "").lower() not in SKIP_TYPES:
            attributes["tag"] = tag.lower()
            found.append(attributes)
    return found


def is_free_text(field: dict) -> bool:
    kind = field.get("type", "text").lower()
    name = field["name"]
    if field["tag"] == "textarea":
        return True
    if field["tag"] != "input" or kind != "text":
        return False
    return not re.search(r"-(day|month|year)$", name) and field.get("inputmode") != "numeric"


def fill(page_fields: list[dict], text: str, safe: bool = False) -> dict:
    """Form data: first options, ``text`` in free-text fields (a plain value when ``safe``)."""
    data: dict[str, object] = {}
    for field in page_fields:
        name, kind = field["name"], field.get("type", "text").lower()
        if kind in {"radio", "checkbox"}:
            data.setdefault(name, field.get("value", "yes"))
        elif field["tag"] == "select":
            data.setdefault(name, "")
        elif name.endswith("-day") or name.endswith("-month"):
            data[name] = "1"
        elif name.endswith("-year"):
            data[name] = "2026"
        elif kind in VALID or field.get("inputmode") == "numeric":
            data[name] = VALID.get(kind, "9")
        else:
            data[name] = "A plain answer" if safe else text
    return data


def walk(client, start_page: str, begin_url: str, text: str, max_pages: int = 30) -> tuple[str, list]:
    """Start a journey and answer every page; returns (confirmation HTML, statuses seen)."""
    statuses = []
    page = client.get(start_page)
    statuses.append(page.status_code)
    response = client.post(begin_url, data={})
    statuses.append(response.status_code)
    url = response.headers.get("Location", "")
    for _ in range(max_pages):
        page = client.get(url)
        statuses.append(page.status_code)
        if page.status_code in (302, 303):
            url = page.headers["Location"]
            continue
        html = page.get_data(as_text=True)
        token = re.search(r'name="submission_token" value="([^"]+)"', html)
        if token:
            done = client.post(url, data={"submission_token": token.group(1)})
            statuses.append(done.status_code)
            final = client.get(done.headers["Location"])
            statuses.append(final.status_code)
            return final.get_data(as_text=True), statuses
        page_fields = fields(html)
        response = client.post(url, data=fill(page_fields, text))
        statuses.append(response.status_code)
        if response.status_code == 200:  # re-shown with errors: plain values this time
            response = client.post(url, data=fill(page_fields, text, safe=True))
            statuses.append(response.status_code)
        assert response.status_code == 303, response.get_data(as_text=True)[:1500]
        url = response.headers["Location"]
    raise AssertionError(f"journey from {begin_url} did not reach check your answers")
