"""The chat page (form posts, for when JavaScript is off) and its JSON twin used by chat.js."""

from flask import current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _

from portal.chat import bp, transcript
from portal.chat.forms import ChatForm
from portal.chat.links import linkify
from portal.extensions import limiter

SEND_LIMIT = "30 per minute"


@bp.app_template_filter("chat_links")
def chat_links(text: str):
    """The assistant's text, escaped, with web addresses as links."""
    return linkify(text or "", current_app.config["PUBLIC_URL"])


def _page(form: ChatForm):
    history = transcript.lines(transcript.sender_id(create=False))
    quick_replies = history[-1].buttons if history and history[-1].author == "assistant" else []
    return render_template("chat/index.html", form=form, lines=history, quick_replies=quick_replies)


@bp.get("/chat")
def index():
    """The conversation so far and the box to type in."""
    return _page(ChatForm())


@bp.post("/chat")
@limiter.limit(SEND_LIMIT)
def send():
    """Send a message (or a quick reply) and show the page again, at the form."""
    form = ChatForm()
    if not form.validate_on_submit():
        return _page(form)
    transcript.send(form.message.data or "", form.payload.data or "")
    return redirect(url_for("chat.index", _anchor="chat-form"))


@bp.post("/chat/messages")
@limiter.limit(SEND_LIMIT)
def send_json():
    """The same as ``send`` for chat.js: JSON in (CSRF token in the X-CSRFToken header), HTML parts out."""
    data = request.get_json(silent=True) or {}
    form = ChatForm(
        formdata=None,
        data={"message": str(data.get("message") or ""), "payload": str(data.get("payload") or "")},
        meta={"csrf": False},  # CSRFProtect has already checked the header
    )
    if not form.validate():
        message = next(iter(form.errors.values()))[0]
        return jsonify({"error": {"code": "invalid", "message": str(message)}}), 400
    new_lines = transcript.send(form.message.data or "", form.payload.data or "")
    latest = new_lines[-1] if new_lines else None
    quick_replies = latest.buttons if latest and latest.author == "assistant" else []
    return jsonify(
        {
            "lines_html": render_template("chat/_lines.html", lines=new_lines),
            "quick_replies_html": render_template("chat/_quick_replies.html", quick_replies=quick_replies),
            "unavailable": any(line.notice == "unavailable" for line in new_lines),
        }
    )


@bp.post("/chat/clear")
def clear():
    """Forget this conversation: the transcript is deleted and the next message starts afresh."""
    transcript.clear()
    flash(_("Your conversation has been cleared."), "success")
    return redirect(url_for("chat.index"))
