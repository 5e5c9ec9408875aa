"""Health endpoint for load balancers and monitoring: is the database answering?"""

import logging

from flask import Flask, jsonify
from sqlalchemy import text

from portal.extensions import db, limiter

log = logging.getLogger(__name__)


def init_app(app: Flask) -> None:
    app.add_url_rule("/healthz", endpoint="healthz", view_func=limiter.exempt(healthz))


def healthz():
    """Report whether the portal can reach its database."""
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:
        log.exception("Health check could not reach the database")
        db.session.rollback()
        return jsonify({"status": "unavailable", "database": "unreachable"}), 503
    return jsonify({"status": "ok", "database": "ok"})
