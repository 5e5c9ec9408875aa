"""Tokenizer that reads text-speak and common misspellings as the words they stand for.

People text the assistant the way they text anyone: "wot short breaks r there", "thx", "pls
ring me", "respit", "akorns". The intent model learns from words, so "wot" and "what" would be
two unrelated features, each with half the examples. This tokenizer is Rasa's
WhitespaceTokenizer, with each token's lemma set to the usual spelling. Rasa's
CountVectorsFeaturizer reads the lemma (its `use_lemma` option, on by default), while the
entity extractor and the slot mappings still see exactly what was typed.

Only spellings are mapped, never meanings: "thx" becomes "thanks", but "cheers" stays "cheers".
Digits are left alone ("4" is an age as often as it is "for").
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

SPELLINGS: dict[str, str] = {
    # text-speak, and contractions without their apostrophe (read as the tokenizer splits
    # "what's": "what s")
    "u": "you",
    "ur": "your",
    "r": "are",
    "wot": "what",
    "wat": "what",
    "wht": "what",
    "whats": "what s",
    "wots": "what s",
    "wats": "what s",
    "wen": "when",
    "wer": "where",
    "hw": "how",
    "pls": "please",
    "plz": "please",
    "plse": "please",
    "thx": "thanks",
    "thnx": "thanks",
    "thanx": "thanks",
    "thks": "thanks",
    "ty": "thanks",
    "tysm": "thanks",
    "thankyou": "thanks",
    "im": "i m",
    "ive": "i ve",
    "dont": "don t",
    "dnt": "don t",
    "cant": "can t",
    "cnt": "can t",
    "wont": "won t",
    "didnt": "didn t",
    "doesnt": "doesn t",
    "isnt": "isn t",
    "hes": "he s",
    "shes": "she s",
    "theres": "there s",
    "thats": "that s",
    "wanna": "want",
    "gonna": "going",
    "cud": "could",
    "cld": "could",
    "wud": "would",
    "shud": "should",
    "abt": "about",
    "bout": "about",
    "b4": "before",
    "2day": "today",
    "2moro": "tomorrow",
    "2morrow": "tomorrow",
    "tmrw": "tomorrow",
    "tmr": "tomorrow",
    "tonite": "tonight",
    "nite": "night",
    "l8r": "later",
    "ppl": "people",
    "msg": "message",
    "txt": "text",
    "fone": "phone",
    "num": "number",
    "cos": "because",
    "coz": "because",
    "cuz": "because",
    "bc": "because",
    "sum1": "someone",
    "some1": "someone",
    "any1": "anyone",
    "ne1": "anyone",
    "sumthing": "something",
    "smth": "something",
    "hols": "holidays",
    "yr": "year",
    "yrs": "years",
    "brk": "break",
    "brks": "breaks",
    "shortbreaks": "breaks",
    "hi5": "hi",
    "hiya": "hi",
    "hii": "hi",
    "heyy": "hey",
    "heyyy": "hey",
    "byee": "bye",
    "cya": "bye",
    "yeh": "yeah",
    "yea": "yeah",
    "yep": "yeah",
    "yup": "yeah",
    "nah": "no",
    "nope": "no",
    "defo": "definitely",
    "deffo": "definitely",
    "tyvm": "thanks",
    "laters": "later",
    "g2g": "got to go",
    "gtg": "got to go",
    "gnight": "good night",
    "nighty": "night",
    "tarra": "ta ra",
    "tara": "ta ra",
    "wassup": "what s up",
    "wasup": "what s up",
    "sup": "what s up",
    "hlp": "help",
    "hepl": "help",
    "halp": "help",
    "sumwhere": "somewhere",
    "somewer": "somewhere",
    "wkend": "weekend",
    "wknd": "weekend",
    "wkends": "weekends",
    "appt": "appointment",
    "info": "information",
    "dunno": "don t know",
    "idk": "don t know",
    "kno": "know",
    "noe": "know",
    "luv": "love",
    "gud": "good",
    "gr8": "great",
    "2nite": "tonight",
    "2night": "tonight",
    "lyk": "like",
    "sez": "says",
    "bcoz": "because",
    # misspellings seen in messages about the service
    "respit": "respite",
    "respete": "respite",
    "elegible": "eligible",
    "eligable": "eligible",
    "assesment": "assessment",
    "asessment": "assessment",
    "consulation": "consultation",
    "consultaion": "consultation",
    "advisor": "adviser",
    "advisers": "adviser",
    "advisors": "adviser",
    "overnite": "overnight",
    "akorns": "acorns",
    "acorn": "acorns",
    "provedence": "providence",
    "osbourne": "osborne",
    "bernardos": "barnardos",
    "barnardo": "barnardos",
    "disabilty": "disability",
    "dissabled": "disabled",
    "disabeld": "disabled",
    "autisum": "autism",
    "trasport": "transport",
    "transprot": "transport",
    "complant": "complaint",
    "coucil": "council",
    "councel": "council",
}


def usual_spelling(word: str) -> str:
    """The word as it is usually spelt (lower case)."""
    lower = word.lower()
    return SPELLINGS.get(lower, lower)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class TextSpeakTokenizer(WhitespaceTokenizer):
    """Rasa's WhitespaceTokenizer, with lemmas in their usual spelling for the message text."""

    def tokenize(self, message: Message, attribute: str) -> list[Token]:
        """Split as WhitespaceTokenizer does; the text's tokens get their usual spelling as lemma."""
        tokens = super().tokenize(message, attribute)
        if attribute == TEXT:
            for token in tokens:
                token.lemma = usual_spelling(token.text)
        return tokens
