"""QR codes of the letters' links (the invitation page, the citizen's notice page)."""

import base64
import io

import qrcode


def qr_png(url):
    """A PNG QR code of ``url``, at the size the letters print it."""
    buffer = io.BytesIO()
    qrcode.make(url, box_size=6, border=2).save(buffer)
    return buffer.getvalue()


def qr_data_uri(url):
    """The QR code of ``url`` as a data URI, for a report's <img>."""
    return "data:image/png;base64," + base64.b64encode(qr_png(url)).decode()
