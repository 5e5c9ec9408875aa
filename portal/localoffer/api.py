"""JSON API for the assistant and partners: search services and read one service.

GET /api/v1/services?q=&age=&district=&category=&need=&cost=&limit=
GET /api/v1/services/<id>
"""

from typing import Any

from flask import Flask, jsonify, request, url_for

from portal.api import public_read
from portal.errors import api_error
from portal.localoffer import api_bp
from portal.localoffer.api_schema import PATHS, SCHEMAS
from portal.localoffer.models import Service
from portal.localoffer.records import service_to_record
from portal.localoffer.search import SearchParams, search_services
from portal.localoffer.taxonomy import taxonomy
from portal.localoffer.views import published_service

MAX_LIMIT = 50


def service_summary(service: Service) -> dict[str, Any]:
    """The short form of a service used in search results."""
    return {
        "id": service.slug,
        "name": service.name,
        "summary": service.summary,
        "url": url_for("localoffer.service", slug=service.slug, _external=True),
        "phone": service.phone or None,
        "email": service.email or None,
        "website": service.website or None,
        "districts": service.district_ids,
        "age_min": service.age_min,
        "age_max": service.age_max,
        "categories": service.category_ids,
    }


def service_detail(service: Service) -> dict[str, Any]:
    """The full form of a service."""
    record = service_to_record(service)
    return {
        **service_summary(service),
        "organisation": service.organisation,
        "description": record["description"],
        "eligibility": service.eligibility,
        "needs": service.need_ids,
        "locations": record["locations"],
        "cost": record["cost"],
        "access": service.access,
        "opening_times": service.opening_times,
        "contact_note": service.contact_note,
        "last_reviewed": record["last_reviewed"],
        "sample_data": service.sample_data,
    }


def _parse_params() -> SearchParams | tuple:
    args = request.args
    vocab = taxonomy()
    try:
        age = int(args["age"]) if args.get("age", "") != "" else None
        limit = int(args.get("limit") or 10)
    except ValueError:
        return api_error(400, "age and limit must be whole numbers", code="invalid_parameter")
    if age is not None and not 0 <= age <= 120:
        return api_error(400, "age must be between 0 and 120", code="invalid_parameter")
    if not 1 <= limit <= MAX_LIMIT:
        return api_error(400, f"limit must be between 1 and {MAX_LIMIT}", code="invalid_parameter")
    checks = (("district", vocab.districts), ("need", vocab.needs))
    for name, known in checks:
        if args.get(name) and args[name] not in known:
            return api_error(400, f"unknown {name}: {args[name]}", code="invalid_parameter")
    categories = [c for c in args.getlist("category") if c]
    known_categories = set(vocab.categories) | {t.parent for t in vocab.categories.values() if t.parent}
    unknown = [c for c in categories if c not in known_categories]
    if unknown:
        return api_error(400, f"unknown category: {', '.join(unknown)}", code="invalid_parameter")
    if args.get("cost") and args["cost"] not in ("free", "paid"):
        return api_error(400, "cost must be free or paid", code="invalid_parameter")
    return SearchParams(
        q=args.get("q", "")[:200],
        age=age,
        need=args.get("need", ""),
        district=args.get("district", ""),
        categories=categories,
        cost=args.get("cost", ""),
        limit=limit,
        with_taxonomy=True,
    )


@api_bp.get("/services")
@public_read("the Local Offer is published information")
def list_services():
    """Search published services; the same search as the Local Offer pages."""
    params = _parse_params()
    if not isinstance(params, SearchParams):
        return params
    result = search_services(params)
    query = {key: value for key, value in request.args.items(multi=True) if key != "limit" and value}
    search_url = url_for("localoffer.search", _external=True, **_multi(query))
    return jsonify(
        {
            "data": [service_summary(s) for s in result.services],
            "meta": {"total": result.total, "search_url": search_url},
        }
    )


def _multi(pairs: dict) -> dict:
    categories = request.args.getlist("category")
    return {**pairs, "category": categories} if categories else pairs


@api_bp.get("/services/<slug>")
@public_read("the Local Offer is published information")
def get_service(slug: str):
    """One published service."""
    return jsonify({"data": service_detail(published_service(slug))})


def register_openapi(app: Flask) -> None:
    """Describe these endpoints in the API's OpenAPI document."""
    from portal.api import add_paths

    add_paths(app, PATHS, SCHEMAS)
