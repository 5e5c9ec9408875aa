"""Plain-English privacy notices for forms, written from what the form declares.

``privacy_notice(...)`` is a pure function: give it a form's purpose, lawful basis, retention
period, who sees the answers and its audience, and it returns the notice to show. When the
audience includes children under 13 the notice follows the ICO Children's Code: short
sentences in words a child knows, what happens told as "we will", a nudge to involve a trusted
adult, parental consent where the form relies on consent, and the full version for grown-ups.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from portal.i18n import isolate_numbers_for_reader

UNDER_13_AUDIENCES = {"children", "under_13"}
HELP_LINE = "the Worcestershire Hub on 01905 765765"


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class PrivacyNotice:
    """A notice as headed sections of plain paragraphs (text, not HTML)."""

    heading: str
    for_children: bool
    needs_parent_consent: bool
    sections: tuple[Section, ...] = field(default_factory=tuple)

    def as_text(self) -> str:
        parts = [self.heading]
        for section in self.sections:
            parts.append(section.heading)
            parts.extend(section.paragraphs)
        return "\n\n".join(parts)


def period_in_words(days: int) -> str:
    """730 -> "2 years", 365 -> "1 year", 180 -> "6 months", 14 -> "14 days"."""
    if days <= 0:
        raise ValueError("a retention period is at least 1 day")
    if days >= 365 and days % 365 in (0, 1, 364):
        years = round(days / 365)
        return ngettext("%(num)d year", "%(num)d years", years)
    if days >= 28 and days < 365 and abs(days - round(days / 30) * 30) <= 2:
        months = round(days / 30)
        return ngettext("%(num)d month", "%(num)d months", months)
    return ngettext("%(num)d day", "%(num)d days", days)


def basis_kind(lawful_basis: str) -> str:
    """The UK GDPR basis named in free text: public_task, consent, legitimate_interests, legal_obligation,
    vital_interests or contract."""
    text = lawful_basis.lower().replace("-", " ")
    for kind, words in (
        ("consent", ("consent", "6(1)(a)")),
        ("contract", ("contract", "6(1)(b)")),
        ("legal_obligation", ("legal obligation", "6(1)(c)")),
        ("vital_interests", ("vital interest", "6(1)(d)")),
        ("public_task", ("public task", "6(1)(e)")),
        ("legitimate_interests", ("legitimate interest", "6(1)(f)")),
    ):
        if any(word in text for word in words):
            return kind
    raise ValueError(f"lawful basis not recognised: {lawful_basis!r}")


ADULT_BASIS = {
    "public_task": _l(
        "We can use your answers because listening to families is part of our job as a council service. "
        "The law calls this our 'public task'."
    ),
    "consent": _l(
        "We only use your answers because you agree to it. "
        "You can change your mind at any time and ask us to delete them."
    ),
    "legitimate_interests": _l(
        "We use your answers because it helps us run our services well, "
        "and we have checked this is fair to you."
    ),
    "legal_obligation": _l("We use your answers because the law says we must."),
    "vital_interests": _l("We use this information to keep someone safe from serious harm."),
    "contract": _l("We use this information to do what we agreed with you."),
}

CHILD_BASIS = {
    "public_task": _l(
        "Listening to children is part of our job. So we are allowed to read what you tell us."
    ),
    "consent": _l("We only use what you tell us if you say yes. You can change your mind at any time."),
    "legitimate_interests": _l("We use what you tell us to make our help better for children."),
    "legal_obligation": _l("The law says we must keep what you tell us."),
    "vital_interests": _l("We use what you tell us to keep you or someone else safe."),
    "contract": _l("We use what you tell us to do what we agreed with you."),
}


def _child_sections(
    purpose: str, kind: str, period: str, who_sees: str, consent_from_parent: bool
) -> list[Section]:
    sections = [
        Section(_("What we do with your answers"), (purpose.strip(), str(CHILD_BASIS[kind]))),
        Section(
            _("Who sees them"),
            (
                who_sees.strip(),
                _("We will not share your answers with your school or your friends."),
                _("If you tell us something that makes us think you are not safe, we will get you help."),
            ),
        ),
        Section(
            _("How long we keep them"),
            (
                _(
                    "We keep your name and how to contact you for %(period)s. Then we delete them.",
                    period=period,
                ),
                _("We keep your answers after that, but nobody can tell they were yours."),
            ),
        ),
        Section(
            _("You are in charge"),
            (
                _("You do not have to answer any question you do not want to."),
                _("You can ask a grown-up you trust, like a parent, carer or teacher, to help you."),
                _(
                    "You can ask to see what we keep about you, or ask us to delete it. Call %(help)s.",
                    help=isolate_numbers_for_reader(HELP_LINE),
                ),
            ),
        ),
    ]
    if consent_from_parent:
        sections.insert(
            0,
            Section(
                _("Ask a grown-up first"),
                (_("You are under 13, so a parent or carer needs to say yes before you send this."),),
            ),
        )
    return sections


def _adult_sections(purpose: str, lawful_basis: str, kind: str, period: str, who_sees: str) -> list[Section]:
    return [
        Section(_("Why we ask"), (purpose.strip(),)),
        Section(
            _("Our reason in law"),
            (str(ADULT_BASIS[kind]), _("Lawful basis: %(basis)s.", basis=lawful_basis.strip())),
        ),
        Section(_("Who sees your answers"), (who_sees.strip(),)),
        Section(
            _("How long we keep them"),
            (
                _(
                    "We keep your contact details for %(period)s, then delete them. "
                    "We keep your answers after that, without anything that says who you are.",
                    period=period,
                ),
            ),
        ),
        Section(
            _("Your rights"),
            (
                _(
                    "You can ask to see what we hold about you, ask us to correct it, "
                    "or ask us to delete it. Call %(help)s.",
                    help=isolate_numbers_for_reader(HELP_LINE),
                ),
                _(
                    "If you are unhappy with how we used your information, you can complain to "
                    "the Information Commissioner's Office at ico.org.uk."
                ),
            ),
        ),
    ]


def privacy_notice(
    *,
    purpose: str,
    lawful_basis: str,
    retention_days: int,
    who_sees: str,
    audience: tuple[str, ...] | list[str],
) -> PrivacyNotice:
    """The privacy notice for a form, in plain English; age-appropriate when it is for under-13s."""
    if not purpose.strip() or not who_sees.strip():
        raise ValueError("a privacy notice needs the form's purpose and who sees the answers")
    kind = basis_kind(lawful_basis)
    period = period_in_words(int(retention_days))
    for_children = bool(UNDER_13_AUDIENCES & set(audience))
    if not for_children:
        return PrivacyNotice(
            heading=_("How we use your information"),
            for_children=False,
            needs_parent_consent=False,
            sections=tuple(_adult_sections(purpose, lawful_basis, kind, period, who_sees)),
        )
    consent_from_parent = kind == "consent"
    sections = _child_sections(purpose, kind, period, who_sees, consent_from_parent)
    grown_ups = _adult_sections(purpose, lawful_basis, kind, period, who_sees)
    sections.append(
        Section(
            _("For parents and carers"),
            tuple(p for section in grown_ups for p in (section.heading + ":", *section.paragraphs)),
        )
    )
    return PrivacyNotice(
        heading=_("What happens to your answers"),
        for_children=True,
        needs_parent_consent=consent_from_parent,
        sections=tuple(sections),
    )
