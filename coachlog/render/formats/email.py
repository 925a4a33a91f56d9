"""A page or listing as a complete email (RFC 5322), ready for ``sendmail -t``.

The message is ``multipart/alternative``, built with the standard library's ``email``
package: plain text first (``render/formats/plain.py``: blocks and aligned columns that read as
text, no Markdown table), then the page ``--format html`` prints (cards per row and inline SVG
charts, laid out for a 600-700 px mail pane). Headers: From, To, Subject,
Date, Message-ID, MIME-Version.

The ``Envelope`` (From, To, Subject, Date) is data the caller passes in: the CLI takes it
from ``--to``/``--from``/``--subject``, then the journal's config, then git.
"""

from __future__ import annotations

from coachlog.errors import UsageError
from coachlog.render.formats import register
from coachlog.render.formats.html import page_html
from coachlog.render.formats.plain import page_plain
from coachlog.render.page import Envelope, Page, Terminal, View, visible_page


def check_envelope(envelope: Envelope) -> None:
    """Every address has a mailbox and a domain; no header spills onto a second line."""
    from email.utils import getaddresses

    for value, field in ((envelope.sender, "sender"), (envelope.to, "to")):
        if any(c in value for c in "\r\n"):
            raise UsageError("an address is one line", field=field)
        found = getaddresses([value])
        if not found or any(
            not addr or "@" not in addr or addr.startswith("@") or addr.endswith("@")
            for _, addr in found
        ):
            raise UsageError(f"{value!r} is not an email address", field=field)
    if len(getaddresses([envelope.sender])) != 1:
        raise UsageError("give one From address", field="sender")
    if any(c in envelope.subject for c in "\r\n") or not envelope.subject.strip():
        raise UsageError("the subject is one line of text", field="subject")


def page_email(page: Page, envelope: Envelope) -> str:
    from email.message import EmailMessage
    from email.policy import default
    from email.utils import format_datetime

    check_envelope(envelope)
    message = EmailMessage()
    message["From"] = envelope.sender
    message["To"] = envelope.to
    message["Subject"] = envelope.subject
    message["Date"] = format_datetime(envelope.date)
    message["Message-ID"] = envelope.message_id
    message["MIME-Version"] = "1.0"
    message.set_content(page_plain(page))
    message.add_alternative(page_html(page), subtype="html")
    return message.as_string(policy=default)


@register("email", needs_envelope=True)
def render_email(view: View, _terminal: Terminal, envelope: Envelope | None) -> str:
    if envelope is None:  # the CLI passes one for every email
        raise ValueError("an email needs an envelope")
    return page_email(visible_page(view.page), envelope)
