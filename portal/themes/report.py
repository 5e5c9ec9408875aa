"""What other parts show of theme coding: the committee report section and the public page."""

from __future__ import annotations

from portal.themes import service


def you_said_we_did(slug: str) -> list[dict] | None:
    """The published "you said, we did" for a consultation's public page (None when unpublished)."""
    return service.published_view(slug)


def report_section(slug: str):
    """Themes with counts, quotes and "you said, we did" for the committee report; None without themes."""
    from portal.analytics.responses.reports import ReportSection

    form = service.form_by_slug(slug)
    if form is None:
        return None
    rows = service.counts(form)
    if not rows:
        return None
    section = ReportSection(heading="Themes in what people wrote")
    section.paragraphs.append(
        "Officers coded each written comment into themes; a comment can raise several themes."
    )
    section.tables.append(
        {
            "caption": "Themes, with the number of comments that raised each",
            "head": ["Theme", "Comments", "Quote"],
            "rows": [[r["theme"].name, r["count"], (r["quotes"] or [""])[0]] for r in rows],
        }
    )
    answered = [r for r in rows if r["theme"].we_did_html or r["theme"].actions]
    if answered:
        section.tables.append(
            {
                "caption": "You said, we did",
                "head": ["You said", "We did", "Actions"],
                "rows": [
                    [
                        r["theme"].you_said or r["theme"].name,
                        _plain(r["theme"].we_did_html),
                        "; ".join(
                            f"{a.description} ({service.STATUS_WORDS[a.status]})" for a in r["theme"].actions
                        ),
                    ]
                    for r in answered
                ],
            }
        )
    for r in rows:
        for question, count in r["by_question"].items():
            section.themes.setdefault(question, []).append({"name": r["theme"].name, "count": count})
    return section


def _plain(html: str) -> str:
    import bleach

    return bleach.clean(html.replace("</p>", "</p>\n"), tags=set(), strip=True).strip()
