"""Views for the public information pages."""

from datetime import date

from flask import render_template

from portal.public import bp

# The day the accessibility statement was last reviewed against the browser tests' results.
STATEMENT_DATE = date(2026, 11, 23)


@bp.get("/")
def start():
    """The start page: what a family can do here."""
    return render_template("public/start.html")


@bp.get("/privacy")
def privacy():
    """How the service uses people's information."""
    return render_template("public/privacy.html")


@bp.get("/cookies")
def cookies():
    """The cookies the service sets: essential ones only."""
    return render_template("public/cookies.html")


@bp.get("/accessibility")
def accessibility():
    """The accessibility statement."""
    return render_template("public/accessibility.html", statement_date=STATEMENT_DATE)


@bp.get("/contact")
def contact():
    """How to reach the council's teams by phone, email and post."""
    return render_template("public/contact.html")
