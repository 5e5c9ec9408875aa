"""Easy read versions: short sentences, one idea a line, each group with a picture symbol."""

from functools import cache
from pathlib import Path

import yaml

FOLDER = Path(__file__).parent / "easy_read"

# Simple picture symbols (24×24 SVG paths). They sit beside words that say the same, so screen
# readers skip them (aria-hidden) and nothing is only in the picture.
ICONS = {
    "question": '<circle cx="12" cy="12" r="10"/><path d="M9 9a3 3 0 1 1 4 2.8c-.8.4-1 1-1 1.7V15"/>'
    '<circle cx="12" cy="18.5" r=".6"/>',
    "bed": '<path d="M2 18V6M2 14h20v4M22 14v-3a3 3 0 0 0-3-3h-8v6"/><circle cx="6.5" cy="10.5" r="2"/>',
    "house": '<path d="M3 11 12 3l9 8M5 9.5V21h14V9.5M10 21v-6h4v6"/>',
    "cross": '<circle cx="12" cy="12" r="10"/><path d="m8 8 8 8M16 8l-8 8"/>',
    "heart": '<path d="M12 21s-8-5-8-11a4.5 4.5 0 0 1 8-2.8A4.5 4.5 0 0 1 20 10c0 6-8 11-8 11z"/>',
    "calendar": '<rect x="3" y="5" width="18" height="16" rx="2"/><path d="M3 10h18M8 3v4M16 3v4"/>',
    "phone": '<path d="M5 3h4l2 5-2.5 1.5a11 11 0 0 0 6 6L16 13l5 2v4a2 2 0 0 1-2 2'
    'A17 17 0 0 1 3 5a2 2 0 0 1 2-2z"/>',
    "search": '<circle cx="10.5" cy="10.5" r="6.5"/><path d="m15.5 15.5 6 6"/>',
    "pencil": '<path d="M4 20l1-5L16 4l4 4L9 19z M14 6l4 4"/>',
    "smile": '<circle cx="12" cy="12" r="10"/><path d="M8 14a5 5 0 0 0 8 0"/><circle cx="9" cy="9.5" r=".8"/>'
    '<circle cx="15" cy="9.5" r=".8"/>',
    "lock": '<rect x="5" y="11" width="14" height="10" rx="2"/><path d="M8 11V7a4 4 0 0 1 8 0v4"/>',
    "people": '<circle cx="8" cy="8" r="3"/><circle cx="16" cy="8" r="3"/>'
    '<path d="M2 20a6 6 0 0 1 12 0M10 20a6 6 0 0 1 12 0"/>',
}


@cache
def easy_read(slug: str) -> dict | None:
    """The easy read version of a form, or None if there is none."""
    path = FOLDER / f"{slug}.yaml"
    if not path.is_file():
        return None
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for section in data["sections"]:
        if section["icon"] not in ICONS:
            raise ValueError(f"{slug}: unknown picture symbol {section['icon']!r}")
    return data


def easy_read_available(slug: str) -> bool:
    return easy_read(slug) is not None
