"""The analytics store: what families told us and what they asked the assistant, for staff to read.

Each part registers itself here: ``conversations`` ingests the assistant's events and shows
officers what families ask, what went unanswered and how helpful the answers were; ``responses``
keeps answer facts for dashboards, exports and reports; ``service_flags`` counts families' reports
that a Local Offer service's information is wrong.
"""

import importlib
import importlib.util

from flask import Flask

PARTS = ("conversations", "responses", "service_flags")


def init_app(app: Flask) -> None:
    for part in PARTS:
        name = f"{__name__}.{part}"
        # A part is installed when its package is present (deployments and checkouts may lack one).
        if importlib.util.find_spec(name) is not None:
            importlib.import_module(name).init_app(app)
