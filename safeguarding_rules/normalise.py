"""Turn free text as people type it into one canonical form the risk rules can read.

People disclosing harm rarely write tidy English: they text, misspell and shorten
("my step dad hurts me", "i want to kill myslef", "dnt feel safe at hme"). Normalising first
keeps the rules in ``rules.py`` short and readable: they only ever see lower-case words
separated by single spaces, with text-speak expanded and common misspellings corrected.
"""

import re
import unicodedata
from functools import lru_cache

# Phrases joined or rewritten before words are split, so "step dad" and "step-dad" read alike.
PHRASES: tuple[tuple[str, str], ...] = (
    (r"\bstep[\s-]*(dad|father|daddy)\b", "stepdad"),
    (r"\bstep[\s-]*(mum|mom|mam|mother|mummy)\b", "stepmum"),
    (r"\bself[\s-]*harm", "self harm"),
    (r"\bmy\s+self\b(?![\s-]*(?:esteem|confidence|worth|care|image|belief))", "myself"),
    (r"\bun[\s-]*alive\b", "kill"),
    (r"\bsewer[\s-]*slide\b", "suicide"),
    (r"\bsacred (of|to)\b", r"scared \1"),
    (r"\bany[\s-]*more\b", "anymore"),
    (r"\bno[\s-]*one\b", "nobody"),
)

# Text-speak, contractions (apostrophes already removed) and family words in one spelling.
WORDS: dict[str, str] = {
    "u": "you",
    "ur": "your",
    "r": "are",
    "im": "i am",
    "ive": "i have",
    "id": "i would",
    "dont": "do not",
    "dnt": "do not",
    "cant": "can not",
    "cannot": "can not",
    "carnt": "can not",
    "wont": "will not",
    "didnt": "did not",
    "doesnt": "does not",
    "isnt": "is not",
    "wasnt": "was not",
    "arent": "are not",
    "aint": "is not",
    "havent": "have not",
    "havnt": "have not",
    "hasnt": "has not",
    "wouldnt": "would not",
    "hes": "he is",
    "shes": "she is",
    "theyre": "they are",
    "theyve": "they have",
    "wanna": "want to",
    "wana": "want to",
    "gonna": "going to",
    "gna": "going to",
    "gunna": "going to",
    "goin": "going",
    "gotta": "got to",
    "2": "to",
    "b4": "before",
    "pls": "please",
    "plz": "please",
    "ppl": "people",
    "bf": "boyfriend",
    "gf": "girlfriend",
    "cos": "because",
    "coz": "because",
    "cuz": "because",
    "bc": "because",
    "n": "and",
    "hme": "home",
    "hom": "home",
    "saf": "safe",
    "sfe": "safe",
    "kms": "kill myself",
    "kys": "kill yourself",
    "kil": "kill",
    "kll": "kill",
    "ded": "dead",
    "hitz": "hits",
    "kiks": "kicks",
    "kik": "kick",
    "slapt": "slapped",
    "punchd": "punched",
    "beatn": "beaten",
    "hurtz": "hurts",
    "hrts": "hurts",
    "scard": "scared",
    "mysef": "myself",
    "myslf": "myself",
    "meself": "myself",
    "miself": "myself",
    "mi": "my",
    "mom": "mum",
    "mam": "mum",
    "mummy": "mum",
    "mommy": "mum",
    "mams": "mum",
    "moms": "mum",
    "mums": "mum",
    "daddy": "dad",
    "dads": "dad",
    "stepdads": "stepdad",
    "stepmums": "stepmum",
    "bfs": "boyfriend",
    "boyfriends": "boyfriend",
    "girlfriends": "girlfriend",
    "partners": "partner",
    "uncles": "uncle",
    "brothers": "brother",
    "sisters": "sister",
    "tuched": "touched",
    "tuchd": "touched",
    "touchd": "touched",
    "rapd": "raped",
    "sucide": "suicide",
    "suicde": "suicide",
    "suiside": "suicide",
    "selfharm": "self harm",
    "selfharming": "self harming",
}

# Words worth correcting when misspelled. Short words are left alone: at four letters almost
# every one-letter slip is another real word ("hit" / "hot" / "his").
FUZZY_TARGETS: frozenset[str] = frozenset(
    {
        "myself", "yourself", "suicide", "suicidal", "touched", "touching", "touches",
        "boyfriend", "girlfriend", "stepdad", "stepmum", "abused", "abusing", "abusive",
        "hurting", "punched", "punching", "punches", "kicked", "kicking", "slapped",
        "slapping", "strangled", "strangling", "overdose", "frightened", "killing",
        "beating", "beaten", "hitting", "starving", "neglected", "violence", "violent",
        "threatened", "threatening", "threatens", "molested", "inappropriately",
        "bruises", "bruised", "homeless", "nowhere", "scared", "sexually", "private",
    }
)  # fmt: skip

# Real words one slip away from a target: never "corrected" into something alarming.
PROTECTED: frozenset[str] = frozenset(
    {
        "amused", "amusing", "hunting", "hurling", "hurtling", "slipped", "slopped",
        "violet", "violets", "starting", "staring", "starring", "overdue", "overdone",
        "shared", "snared", "spared", "stared", "scarce", "scored", "scares", "scarred",
        "sacred", "scarfed", "kicker", "kinked", "beater", "beaker", "bearing", "touches",
        "toucher", "punted", "pinched", "punches", "hitting", "fitting", "sitting", "killing",
        "kilting", "abuse", "abuser", "abuses", "private", "privates", "privately", "homeless",
        "myself", "himself", "herself", "itself", "yourself", "beating", "batting", "begging",
        "beaded", "bruiser", "cruised", "violins", "threaten", "threatens", "nowhere",
        "overrode", "overdraw", "overdoes", "strangle", "strangles", "stranger", "strangers",
        "tracked", "touched", "touching", "ticked", "licked", "kicked", "kissed", "kidded",
    }
)  # fmt: skip

# Short words that matter, recognised after repeated letters are squeezed ("hiiiits" -> "hits").
SHORT_WORDS: frozenset[str] = frozenset(
    {"hit", "hits", "kill", "hurt", "hurts", "die", "dead", "safe", "beat", "beats", "rape", "kick",
     "kicks", "slap", "slaps", "punch", "touch", "help", "scared", "knife", "home", "me"}
)  # fmt: skip

LEET = str.maketrans({"1": "i", "3": "e", "0": "o", "4": "a", "5": "s", "@": "a", "$": "s"})


def normalise(text: str) -> str:
    """Return ``text`` as lower-case canonical words separated by single spaces."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    text = re.sub(r"[\u2018\u2019\u02bc\u00b4`']", "", text)  # "don't" -> "dont", "mum's" -> "mums"
    for pattern, replacement in PHRASES:
        text = re.sub(pattern, replacement, text)
    tokens: list[str] = []
    for raw in re.findall(r"[a-z0-9@$]+", text):
        tokens.extend(canonical_word(raw).split())
    joined = " ".join(tokens)
    for pattern, replacement in PHRASES:  # again: expansions can form a phrase ("step" + "dad")
        joined = re.sub(pattern, replacement, joined)
    return joined


@lru_cache(maxsize=8192)
def canonical_word(raw: str) -> str:
    """Expand or correct one lower-case word; unknown words come back unchanged."""
    if raw in WORDS:
        return WORDS[raw]
    word = raw
    # "k1ll" -> "kill", but an age or a time ("12yr", "13yo", "10am") keeps its number.
    mixed = re.search(r"[a-z]", word) and re.search(r"[0-9@$]", word)
    if mixed and not re.fullmatch(r"\d{2,}[a-z]{1,4}", word):
        word = word.translate(LEET)
    candidates = [word]
    if re.search(r"(.)\1\1", word):  # squeeze only letters held down: "hiiiits", not "deed"
        candidates += [re.sub(r"(.)\1{2,}", r"\1\1", word), re.sub(r"(.)\1+", r"\1", word)]
    for candidate in candidates:
        if candidate in WORDS:
            return WORDS[candidate]
        if candidate in FUZZY_TARGETS or candidate in PROTECTED or candidate in SHORT_WORDS:
            return candidate
    word = re.sub(r"(.)\1{2,}", r"\1\1", word)  # "hiiiits" -> "hiits"
    return correct_spelling(word)


def correct_spelling(word: str) -> str:
    """Return the target word ``word`` is a likely misspelling of, or ``word`` itself."""
    if len(word) < 5 or word in PROTECTED or word in FUZZY_TARGETS:
        return word
    best, best_distance = word, 99
    for target in FUZZY_TARGETS:
        if target[0] != word[0] or abs(len(target) - len(word)) > 2:
            continue
        allowed = 2 if len(target) >= 9 else 1
        distance = edit_distance(word, target, limit=allowed)
        if distance <= allowed and distance < best_distance:
            best, best_distance = target, distance
    return best


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Optimal string alignment distance (a swap of neighbours counts as one edit).

    Stops early and returns ``limit + 1`` once every path is already over ``limit``.
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, start=1):
            cost = 0 if char_a == char_b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]
