"""Whether a message discloses risk to a child or to the person writing.

Two readers, and a message that either flags is a disclosure:
- the service's one safeguarding detector (``safeguarding_rules`` at the top of the repository,
  the same code the portal runs on every free-text answer), which normalises text-speak and
  misspellings and reads structure ("he hits me", not "he hits the ball");
- the patterns below, broader and blunter, for short chat messages that name no one ("hit me",
  "punched me", "child abuse").
A pure module (no Rasa import). The patterns are deliberately specific: "kill bill" or "the unit
is dying" must not match, while "he hits me", "i wanna kil myself" or "self harming" must.
"""

import re
import sys
from pathlib import Path

# The detector is pure Python with no dependencies: the assistant imports it from the repository
# (appended, so nothing of the portal can shadow the assistant's own modules).
_REPOSITORY = str(Path(__file__).resolve().parents[2])
if _REPOSITORY not in sys.path:
    sys.path.append(_REPOSITORY)

from safeguarding_rules import detect_risk  # noqa: E402

_PEOPLE = (
    r"(me|him|her|us|my\s+((little|baby|big|younger|older|step)\s*)?"
    r"(son|daughter|child|kid|kids|children|baby|boy|girl|brother|sister|little\s+one))"
)

_PATTERNS = [
    # Suicide and self-harm.
    r"\b(kill|kil|kll|hang|hurt|harm)\s*(my\s*self|myslf|myself|meself|mysef)\b",
    r"\bsu+i?c+i?de?\b|\bsuicid\w*|\bsucid\w*",
    r"\bself[\s-]*harm\w*|\bselfharm\w*",
    r"\b(cut|cuts|cutting|cuttin)\s+(my\s*self|myself|meself|my\s+(arms?|wrists?|legs?))\b",
    r"\b(want|wanna|going|gonna|wish\s+i\s+could|wish\s+i\s+was)\s+((to|2)\s+)?(die|be\s+dead|end\s+it|end\s+my\s+life)\b",
    r"\bend(ing)?\s+(it\s+all|my\s+life)\b",
    r"\boverdos\w*|\b(take|taken|took|swallowed|taking)\s+(all\s+my|loads\s+of|a\s+load\s+of|too\s+many|lots\s+of)\s+"
    r"(pills|tablets|meds|paracetamol)\b",
    r"\b(dont|don't|do\s+not|dnt)\s+want\s+to\s+(be\s+here|live|be\s+alive|wake\s+up)\b",
    r"\bno\s+(reason|point)\s+(to|in)\s+(live|living|going\s+on)\b",
    # Violence, abuse and neglect.
    r"\b(hit|hits|hitting|hittin|hitin|hurt|hurts|hurting|hurtin|beat|beats|beating|beatin|battered|"
    r"punch\w*|kick|kicks|kicked|kicking|slap\w*|strangl\w*|chok(e|ed|es|ing)|burn(t|s|ed)?)\s+"
    + _PEOPLE
    + r"\b(?!\s+(up|back)\b)"
    # Beaten in a game: "they beat us at football", "he beat me at chess".
    + r"(?!\s+at\s+(chess|cards|football|pool|darts|tennis|snooker|games?|the\s+game|a\s+game|it)\b)"
    # "hit me with your best joke", "hit me with a fun fact": asking for something, not violence.
    + r"(?!\s+with\s+(your|ur|a|an|some|the)\s+((best|worst|good|funny|fun|bad|next|latest)\s+)?"
    r"(jokes?|facts?|riddles?|shot|news|info|details|answers?|questions?)\b)",
    # Passive ("a kid next door who gets beaten"); not "got/were beaten", which is mostly sport.
    r"\b(get|gets|getting|gettin|being|been)\s+(beaten|battered|beat\s+up)\b",
    r"(?<!substance\s)(?<!drug\s)(?<!drugs\s)(?<!alcohol\s)\babu[sz]\w*",
    r"\b(touch(ed|es|ing)?|touchd)\s+" + _PEOPLE + r"\b(?!\s+(up|back|base)\b)",
    r"\binappropriate(ly)?\s+touch\w*|\btouch\w*\s+(me\s+|him\s+|her\s+)?inappropriate\w*",
    r"\b(rape|raped|raping|molest\w*|sexually\s+(assault|abus)\w*)\b",
    r"\bgroom(ed|ing)\s+" + _PEOPLE,
    # Grooming and exploitation, online or not ("dog grooming" and "grooming skills" are not).
    r"\b(being|been|getting|gettin|got|was|is|were|are|get)\s+groomed\b|\bonline\s+grooming\b|\bgroomer\b",
    r"\b(nudes|naked\s+(pics?|pictures?|photos?|selfies?)|sexual\s+(pics?|pictures?|photos?|messages?|texts?))\b",
    r"\bcounty\s+lines\b|\b(sexual(ly)?|criminal(ly)?)\s+exploit\w*|\b(being|been|getting)\s+exploited\b",
    r"\bexploit(s|ed|ing)?\s+" + _PEOPLE + r"\b",
    # An adult or stranger in touch with a child, asking to meet, for pictures or for secrecy.
    r"^(?=.*\b(man|men|guy|bloke|adult|stranger|older\s+(boy|lad|man|guy|girl|woman)|woman|"
    r"(someone|somebody|a\s+person)\s+(\w+\s+){0,2}(online|on\s+(snap\w*|insta\w*|tiktok|a\s+game|xbox|ps\d|"
    r"fortnite|roblox|discord|whatsapp|facebook|the\s+internet)|(i|he|she|they)\s+met))\b)"
    r"(?=.*\b(ask\w*|want\w*|trying|tried|keeps?|told|tells|wants)\s+(\w+\s+){0,3}"
    r"(to\s+meet|2\s+meet|meet\s+up|for\s+(pics|pictures|photos|selfies)|to\s+send\s+(pics|pictures|photos)|"
    r"to\s+keep\s+it\s+(a\s+)?secret|not\s+to\s+tell)\b)"
    r"(?=.*(\bmy\s+\d{1,2}\s*(yr|year)s?\s*old\b|\b" + _PEOPLE + r"\b))",
    r"\b(threat\w*|going|gonna|says?\s+he\s*'?ll|says?\s+she\s*'?ll)\s+(to\s+)?(kill|kil|hurt|hit|stab)\s+"
    + _PEOPLE,
    r"\b(kill|kil|stab|strangle)\s+" + _PEOPLE + r"\b",
    r"\b(not|dont|don't|never|dnt)\s+(feel\s+)?safe\s+(at\s+home|here|with|around)\b",
    r"\b(i\s*am|im|i'm|we\s*are|were|he\s*is|hes|she\s*is|shes|they\s*are)\s+(not\s+safe|unsafe|in\s+danger)\b"
    r"(?!\s+of\b)",
    r"\bscared\s+(to\s+go\s+home|of\s+(my|him|her|mum|mom|dad|step\w*))\b",
    r"\b(lock|locked|locks|locking)\s+(me|him|her|us)\s+(in|out)\b",
    r"\bneglect(ed|ing|s)?\b",
    # A person gone missing or run away: the detector reads who ("my daughter has gone missing", not
    # "my glasses have gone missing").
    r"\b(ran|run|running|has\s+run)\s+away\s+from\s+home\b",
    r"\bnobody\s+is\s+feeding\b|\bno\s+food\s+for\s+(days|the\s+kids)\b",
    # Violence at home, things thrown at people, marks seen on a child, children left alone, a
    # parent too drunk to care ("threw a tantrum", "a bruise from football" are not).
    r"\bdomestic\s+(violence|abuse)\b|\bviolen(ce|t)\s+(at|in\s+(the|our|my))\s+(home|house)\b",
    r"\b(threw|throws|thrown|throwing|chucked|chucks)\s+(\w+\s+){0,3}at\s+" + _PEOPLE + r"\b",
    r"\b(always|often|keeps?\s+(getting|having)|covered\s+in|unexplained)\s+(\w+\s+)?bruis\w*"
    r"|\bbruis\w*\s+all\s+over\b",
    r"\bleft\s+(home\s+)?(alone|on\s+(their|his|her|our)\s+own|by\s+themselves)\s+"
    r"(all\s+the\s+time|for\s+days|all\s+night|every\s+night|overnight)\b",
    r"\b(mum|mom|mam|dad|parents?|step\w*|her\s+boyfriend|his\s+girlfriend)\s+(is|are|gets?|got)\s+"
    r"(drunk|wasted|off\s+(his|her|their)\s+face)\s+(again|all\s+the\s+time|every\s+(day|night))\b",
]

_RISK = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE)


def discloses_risk(text: str) -> bool:
    """Return True when a message contains a phrase that discloses risk of harm."""
    if not text:
        return False
    normalised = re.sub(r"\s+", " ", text.lower().replace("’", "'"))
    return _RISK.search(normalised) is not None or detect_risk(text).flagged
