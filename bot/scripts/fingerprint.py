"""Print a sha256 fingerprint of everything a trained model depends on.

`make bot-train` retrains only when this changes: config.yml, domain.yml, every file under
data/ and the Python files under addons/ (the model's own components), names and contents, in a
stable order.
"""

import hashlib
import sys
from pathlib import Path

BOT = Path(__file__).resolve().parents[1]


def fingerprint(bot: Path = BOT) -> str:
    """The sha256 of config.yml, domain.yml, data/** and addons/**/*.py, with their relative paths."""
    digest = hashlib.sha256()
    files = [
        bot / "config.yml",
        bot / "domain.yml",
        *sorted(p for p in (bot / "data").rglob("*") if p.is_file()),
        *sorted((bot / "addons").rglob("*.py")),
    ]
    for path in files:
        digest.update(path.relative_to(bot).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


if __name__ == "__main__":
    sys.stdout.write(fingerprint() + "\n")
