"""Public care-leaver pages: the list of forms, each start page and the shared journey."""

from portal.careleavers import bp
from portal.careleavers.callbacks import from_response
from portal.feedback.form_pages import register_form_pages

register_form_pages(bp, "careleaver", on_submit=from_response)
