"""Public Local Offer pages: search with filters, a page per service, and the flag form."""

import sqlalchemy as sa
from flask import abort, redirect, render_template, request, url_for

from portal.extensions import db
from portal.localoffer import bp
from portal.localoffer.editing import record_flag
from portal.localoffer.forms import FlagForm, SearchForm
from portal.localoffer.models import Service
from portal.localoffer.search import SearchParams, search_services
from portal.localoffer.taxonomy import COST_TYPES, taxonomy

PAGE_SIZE = 10


def published_service(slug: str) -> Service:
    """The published service with this id, or 404."""
    service = db.session.scalar(sa.select(Service).where(Service.slug == slug, Service.status == "published"))
    if service is None:
        abort(404)
    return service


@bp.get("/")
def search():
    """Search the directory; with no words or filters, list every service."""
    form = SearchForm(request.args)
    page = request.args.get("page", 1, type=int) or 1
    page = max(page, 1)
    result = None
    if form.validate():
        params = SearchParams(
            q=form.q.data or "",
            age=form.age.data,
            need=form.need.data or "",
            district=form.district.data or "",
            categories=form.category.data or [],
            cost=form.cost.data or "",
            limit=PAGE_SIZE,
            offset=(page - 1) * PAGE_SIZE,
        )
        result = search_services(params)
    pages = -(-result.total // PAGE_SIZE) if result else 0
    return render_template(
        "localoffer/search.html", form=form, result=result, page=page, pages=pages, vocab=taxonomy()
    )


@bp.get("/services/<slug>")
def service(slug: str):
    """Everything we know about one service."""
    return render_template(
        "localoffer/service.html", service=published_service(slug), vocab=taxonomy(), cost_types=COST_TYPES
    )


@bp.route("/services/<slug>/report-a-problem", methods=["GET", "POST"])
def report_problem(slug: str):
    """Tell us this information is wrong: goes to the editors' queue."""
    service = published_service(slug)
    form = FlagForm()
    if form.validate_on_submit():
        record_flag(service, form.problem.data, form.details.data or "")
        return redirect(url_for("localoffer.problem_reported", slug=slug))
    return render_template("localoffer/report_problem.html", service=service, form=form)


@bp.get("/services/<slug>/report-a-problem/sent")
def problem_reported(slug: str):
    """Thank the family and say what happens next."""
    return render_template("localoffer/problem_reported.html", service=published_service(slug))
