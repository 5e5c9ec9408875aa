"""The standard, optional equality-monitoring questions, stored apart and reported only in aggregate."""

from __future__ import annotations

from portal.forms_engine.definition import FormDefinition, localise, parse_definition


def _text(en: str, pl: str, ro: str, ur: str) -> dict[str, str]:
    """The same words in each language the portal is written in (these questions are the portal's own)."""
    return {"en": en, "pl": pl, "ro": ro, "ur": ur}


PREFER_NOT = {
    "value": "prefer_not_to_say",
    "label": _text(
        "Prefer not to say", "Wolę nie podawać", "Prefer să nu spun", "میں نہیں بتانا چاہتا / چاہتی"
    ),
}

EQUALITY_DATA = {
    "slug": "equality-monitoring",
    "kind": "consultation",
    "version": 1,
    "title": "Equality monitoring",
    "summary": "Optional questions that help us check we hear from everyone.",
    "audience": ["adults", "parents", "young_people"],
    "privacy": {
        "purpose": "To check that we hear from everyone.",
        "lawful_basis": "Public task (UK GDPR Article 6(1)(e)) and Article 9(2)(g)",
        "retention_days": 730,
        "who_sees": "Only totals are ever shown.",
    },
    "pages": [
        {
            "key": "equality",
            "title": _text(
                "About you (optional)",
                "O Tobie (nieobowiązkowe)",
                "Despre dumneavoastră (opțional)",
                "آپ کے بارے میں (اختیاری)",
            ),
            "questions": [
                {
                    "key": "age_band",
                    "text": _text(
                        "How old are you?", "Ile masz lat?", "Câți ani aveți?", "آپ کی عمر کتنی ہے؟"
                    ),
                    "type": "single_choice",
                    "options": [
                        {
                            "value": "under_18",
                            "label": _text("Under 18", "Poniżej 18 lat", "Sub 18 ani", "18 سال سے کم"),
                        },
                        {
                            "value": "age_18_24",
                            "label": _text(
                                "18 to 24", "18 do 24 lat", "Între 18 și 24 de ani", "18 سے 24 سال"
                            ),
                        },
                        {
                            "value": "age_25_44",
                            "label": _text(
                                "25 to 44", "25 do 44 lat", "Între 25 și 44 de ani", "25 سے 44 سال"
                            ),
                        },
                        {
                            "value": "age_45_64",
                            "label": _text(
                                "45 to 64", "45 do 64 lat", "Între 45 și 64 de ani", "45 سے 64 سال"
                            ),
                        },
                        {
                            "value": "age_65_plus",
                            "label": _text(
                                "65 or over",
                                "65 lat lub więcej",
                                "65 de ani sau mai mult",
                                "65 سال یا اس سے زیادہ",
                            ),
                        },
                        PREFER_NOT,
                    ],
                },
                {
                    "key": "disability",
                    "text": _text(
                        "Do you consider yourself to have a disability?",
                        "Czy uważasz, że masz niepełnosprawność?",
                        "Considerați că aveți o dizabilitate?",
                        "کیا آپ سمجھتے ہیں کہ آپ کو کوئی معذوری ہے؟",
                    ),
                    "type": "single_choice",
                    "options": [
                        {"value": "yes", "label": _text("Yes", "Tak", "Da", "ہاں")},
                        {"value": "no", "label": _text("No", "Nie", "Nu", "نہیں")},
                        PREFER_NOT,
                    ],
                },
                {
                    "key": "ethnicity",
                    "text": _text(
                        "What is your ethnic group?",
                        "Jakie jest Twoje pochodzenie etniczne?",
                        "Care este grupul dumneavoastră etnic?",
                        "آپ کا نسلی گروہ کیا ہے؟",
                    ),
                    "type": "single_choice",
                    "options": [
                        {"value": "white", "label": _text("White", "Biała", "Alb", "سفید فام")},
                        {
                            "value": "mixed",
                            "label": _text(
                                "Mixed or multiple ethnic groups",
                                "Mieszana lub kilka grup etnicznych",
                                "Mixt sau mai multe grupuri etnice",
                                "مخلوط یا ایک سے زیادہ نسلی گروہ",
                            ),
                        },
                        {
                            "value": "asian",
                            "label": _text(
                                "Asian or Asian British",
                                "Azjatycka lub brytyjska azjatycka",
                                "Asiatic sau britanic asiatic",
                                "ایشیائی یا ایشیائی برطانوی",
                            ),
                        },
                        {
                            "value": "black",
                            "label": _text(
                                "Black, Black British, Caribbean or African",
                                "Czarna, czarna brytyjska, karaibska lub afrykańska",
                                "Negru, britanic negru, caraibian sau african",
                                "سیاہ فام، سیاہ فام برطانوی، کیریبین یا افریقی",
                            ),
                        },
                        {
                            "value": "other",
                            "label": _text(
                                "Another ethnic group",
                                "Inna grupa etniczna",
                                "Alt grup etnic",
                                "کوئی اور نسلی گروہ",
                            ),
                        },
                        PREFER_NOT,
                    ],
                },
            ],
        }
    ],
}

EQUALITY = parse_definition(EQUALITY_DATA, "equality monitoring")
EQUALITY_PAGE_KEY = "equality"
SMALL_NUMBER = 5


def equality_page(definition: FormDefinition):
    """The equality page for a form that asks for it, else None."""
    return EQUALITY.pages[0] if definition.equality_monitoring else None


def aggregate(rows: list[dict]) -> list[dict]:
    """Counts per question and option; counts under 5 are shown only as "fewer than 5"."""
    result = []
    for question in EQUALITY.questions:
        counts = []
        for option in question.options:
            count = sum(1 for row in rows if row.get(question.key) == option.value)
            shown = str(count) if count == 0 or count >= SMALL_NUMBER else f"fewer than {SMALL_NUMBER}"
            counts.append({"label": localise(option.label), "count": shown})
        result.append({"key": question.key, "text": localise(question.text), "options": counts})
    return result
