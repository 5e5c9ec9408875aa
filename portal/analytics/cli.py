"""The ``portal analytics`` command group; each part of the analytics store adds its commands."""

from flask.cli import AppGroup

analytics_cli = AppGroup("analytics", help="Load and summarise the analytics store.")
