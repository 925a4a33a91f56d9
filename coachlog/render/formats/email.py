"""A page or listing as a complete email (RFC 5322), ready for ``sendmail -t``.

The message is ``multipart/alternative``: the Markdown text first, the same content as HTML
second, built with the standard library's ``email`` package. Headers: From, To, Subject,
Date, Message-ID, MIME-Version.

The ``Envelope`` (From, To, Subject, Date) is data the caller passes in: the CLI takes it
from ``--to``/``--from``/``--subject``, then the journal's config, then git.
"""

from __future__ import annotations

from coachlog.errors import UsageError
from coachlog.render.formats import register
from coachlog.render.formats.markdown import page_markdown
from coachlog.render.page import Envelope, Listing, Page, Terminal, View, cell_text, visible_page


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
    message.set_content(page_markdown(page))
    message.add_alternative(page_html(page), subtype="html")
    return message.as_string(policy=default)


# --- HTML ---------------------------------------------------------------------------------

_STYLE = (
    "body{font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#222}"
    "table{border-collapse:collapse;margin:0 0 1em}"
    "th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}"
    "th{background:#f3f3f3}td.num{text-align:right}"
)


def page_html(page: Page) -> str:
    from html import escape

    parts = [
        "<!DOCTYPE html>",
        '<html><head><meta charset="utf-8">',
        f"<title>{escape(page.title)}</title><style>{_STYLE}</style></head><body>",
    ]
    if page.heading:
        parts.append(f"<h1>{escape(page.title)}</h1>")
        parts += [f"<p>{escape(line)}</p>" for line in page.intro if line.strip()]
    parts += [listing_html(listing) for listing in page.listings]
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def listing_html(listing: Listing) -> str:
    from html import escape

    out = [f"<h2>{escape(listing.title)}</h2>"]
    if not listing.rows:
        out.append(f"<p>{escape(listing.empty)}</p>")
        return "\n".join(out)
    out.append("<table>")
    out.append("<tr>" + "".join(f"<th>{escape(c.header)}</th>" for c in listing.columns) + "</tr>")
    for row in listing.rows:
        cells = []
        for column in listing.columns:
            css = ' class="num"' if column.justify == "right" else ""
            cells.append(f"<td{css}>{escape(cell_text(row.get(column.key)))}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table>")
    if listing.notes:
        items = "".join(f"<li>{escape(n.removeprefix('- '))}</li>" for n in listing.notes)
        out.append(f"<ul>{items}</ul>")
    return "\n".join(out)


@register("email", needs_envelope=True)
def render_email(view: View, _terminal: Terminal, envelope: Envelope | None) -> str:
    if envelope is None:  # the CLI passes one for every email
        raise ValueError("an email needs an envelope")
    return page_email(visible_page(view.page), envelope)
