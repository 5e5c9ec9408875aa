"""Offline language spotting for messages to the assistant, and help in the family's own language.

The assistant understands English only. When a web chat message or a text is clearly in Polish,
Romanian or Urdu, the portal answers at once, in that language, with how to get help in it,
instead of passing words the assistant cannot understand. Detection is local: Urdu by its own
letters (Unicode range plus letters Urdu has and Arabic does not), Polish and Romanian by their
letters with diacritics and short lists of very common words. Nothing leaves the machine.
"""

import re

from portal.i18n import isolate_numbers

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_URDU_ONLY = set("ٹڈڑںھہےۓگچپژکی")

_POLISH_LETTERS = set("ąćęłńśźżĄĆĘŁŃŚŹŻ")
_ROMANIAN_LETTERS = set("ăâîșțşţĂÂÎȘȚŞŢ")
_POLISH_WORDS = {
    "jest",
    "nie",
    "się",
    "jak",
    "czy",
    "mój",
    "moja",
    "moje",
    "dziecko",
    "dziecka",
    "syn",
    "córka",
    "potrzebuję",
    "pomoc",
    "pomocy",
    "gdzie",
    "dla",
    "jestem",
    "mam",
    "chcę",
    "proszę",
    "dzień",
    "dobry",
    "dziękuję",
    "rodzina",
    "szkoła",
    "przerwy",
    "mogę",
    "kiedy",
    "ile",
    "jaki",
}
_ROMANIAN_WORDS = {
    "este",
    "nu",
    "și",
    "sunt",
    "pentru",
    "copilul",
    "copil",
    "meu",
    "mea",
    "ajutor",
    "unde",
    "cum",
    "vreau",
    "bună",
    "ziua",
    "mulțumesc",
    "familie",
    "școală",
    "pot",
    "când",
    "care",
    "acest",
    "aveți",
    "am",
    "nevoie",
    "sau",
    "dar",
    "poate",
    "fiul",
    "fiica",
}
_ENGLISH_WORDS = {
    "the",
    "is",
    "and",
    "my",
    "i",
    "to",
    "for",
    "of",
    "a",
    "in",
    "what",
    "how",
    "where",
    "can",
    "help",
    "you",
    "it",
    "do",
    "are",
    "child",
    "son",
    "daughter",
    "need",
    "when",
    "with",
    "me",
    "have",
}

# In the Urdu (right-to-left) text each number is isolated left to right (isolate_numbers): plain
# text cannot say dir="ltr", and without it "01905 765765" shows as "765765 01905" in a phone's
# message app or the chat.
HELP = {
    "pl": (
        "Piszesz po polsku. Nasz asystent rozumie tylko angielski. "
        "Aby uzyskać pomoc po polsku, zadzwoń do Worcestershire Hub pod numer 01905 765765 "
        "i powiedz, że potrzebujesz pomocy po polsku. "
        "Ta strona jest też po polsku: wybierz „Polski” u góry strony. "
        "Jeśli dziecko jest teraz w niebezpieczeństwie, zadzwoń pod 999."
    ),
    "ro": (
        "Scrieți în română. Asistentul nostru înțelege doar engleza. "
        "Pentru ajutor în română, sunați la Worcestershire Hub la 01905 765765 "
        "și spuneți că aveți nevoie de ajutor în română. "
        "Acest site este și în română: alegeți „Română” în partea de sus a paginii. "
        "Dacă un copil este în pericol chiar acum, sunați la 999."
    ),
    "ur": isolate_numbers(
        "آپ اردو میں لکھ رہے ہیں۔ ہمارا اسسٹنٹ صرف انگریزی سمجھتا ہے۔ "
        "اردو میں مدد کے لیے Worcestershire Hub کو 01905 765765 پر کال کریں "
        "اور بتائیں کہ آپ کو اردو میں مدد چاہیے۔ "
        "یہ ویب سائٹ اردو میں بھی ہے: صفحے کے اوپر سے 'اردو' چنیں۔ "
        "اگر کوئی بچہ ابھی خطرے میں ہے تو 999 پر کال کریں۔"
    ),
}


def detect_language(text: str) -> str | None:
    """'pl', 'ro' or 'ur' when the message is clearly in that language; None for English or unsure."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return None
    arabic = sum(1 for c in letters if _ARABIC_SCRIPT.match(c))
    if arabic / len(letters) > 0.5:
        return "ur" if any(c in _URDU_ONLY for c in letters) else None
    words = [w.lower() for w in _WORD.findall(text)]
    scores = {
        "pl": sum(w in _POLISH_WORDS for w in words) + 2 * sum(c in _POLISH_LETTERS for c in text),
        "ro": sum(w in _ROMANIAN_WORDS for w in words) + 2 * sum(c in _ROMANIAN_LETTERS for c in text),
    }
    english = sum(w in _ENGLISH_WORDS for w in words)
    best = max(scores, key=scores.get)
    if scores[best] >= 2 and scores[best] > english and scores[best] > scores[min(scores, key=scores.get)]:
        return best
    return None


def help_in_own_language(text: str) -> str | None:
    """The help message in the message's language, or None when the assistant can take it."""
    language = detect_language(text)
    return HELP.get(language) if language else None
