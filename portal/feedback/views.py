"""Public feedback pages: the list, each form's start page and the shared journey."""

from portal.extensions import db
from portal.feedback import bp
from portal.feedback.context import read_token
from portal.feedback.form_pages import context_for_current_submission, register_form_pages
from portal.feedback.models import ResponseContext


def keep_context(response, answers: dict) -> None:
    """Store the team, service and quarter of the link the person came from with their answers."""
    context = context_for_current_submission()
    if context:
        db.session.add(ResponseContext(response=response, **context))


register_form_pages(bp, "feedback", read_context=read_token, on_submit=keep_context)
