"""Run `rasa data validate` and fail on any warning except the ones this design expects.

Responses that the action server fills in (contact numbers, references, links) are uttered by
custom actions, so Rasa's validator reports them as "not used in any story or rule". Those, and Rasa's
notice that the retrieval intent `faq` is declared both in the domain and by the NLU data, are
allowed; every other warning fails, like `--fail-on-warnings` would.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

BOT = Path(__file__).resolve().parents[1]


def responses_used_by_actions() -> set:
    """Names of responses that appear in the action server's code (utter_* strings)."""
    used = {"utter_faq"}
    for path in (BOT / "actions").glob("*.py"):
        used.update(re.findall(r'"(utter_[a-z_]+)"', path.read_text(encoding="utf-8")))
    domain = (BOT / "domain.yml").read_text(encoding="utf-8")
    used.update(re.findall(r"^  (utter_faq/[a-z_0-9]+):", domain, flags=re.MULTILINE))
    # Forms ask for each slot with utter_ask_<slot>.
    used.update(re.findall(r"^  (utter_ask_[a-z_]+):", domain, flags=re.MULTILINE))
    return used


def main() -> int:
    """Validate the data; print unexpected warnings and return non-zero if there are any."""
    result = subprocess.run(
        [str(BOT / ".venv" / "bin" / "rasa"), "data", "validate"],
        cwd=BOT,
        capture_output=True,
        text=True,
        check=False,
    )
    output = result.stdout + result.stderr
    allowed = responses_used_by_actions()
    unexpected = []
    for warning in re.findall(r"UserWarning: (.*)", output):
        if warning.startswith(
            "The following duplicated intents have been found across multiple domain files: faq"
        ):
            # Rasa adds retrieval intents found in the NLU data to the domain that already lists them.
            continue
        match = re.match(r"The utterance '([^']+)' is not used in any story or rule\.", warning)
        if match and match.group(1) in allowed:
            continue
        unexpected.append(warning)
    for warning in unexpected:
        print(f"data validation warning: {warning}")
    if result.returncode != 0:
        print(output[-3000:])
        print("rasa data validate failed")
        return 1
    if unexpected:
        return 1
    print(f"rasa data validate: OK ({len(allowed)} responses are uttered by custom actions)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
