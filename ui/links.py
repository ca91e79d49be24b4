"""Addresses of the app's pages, so every claim links to where it came from.

Page paths match the url_path of each st.Page in ui/app.py; parameters are the Dutch names the
pages read from st.query_params.
"""

from __future__ import annotations

from urllib.parse import urlencode

OB_URL = "https://zoek.officielebekendmakingen.nl/{}.html"


def page_url(page: str, **params: object) -> str:
    """`/page?key=value…`, leaving out empty values (so links stay short and shareable)."""
    kept = {k: str(v) for k, v in params.items() if v is not None and v != ""}
    return f"/{page}" + (f"?{urlencode(kept)}" if kept else "")


def letter_url(document: str, start: int | None = None, end: int | None = None) -> str:
    """The reader at a letter, optionally at the passage `start`..`end` (character offsets)."""
    return page_url("brief", id=document, van=start, tot=end)


def entity_url(node: str) -> str:
    """The network page centred on a graph node key, e.g. "organisation:uwv"."""
    return page_url("netwerk", entiteit=node)


def motion_url(text: str) -> str:
    """The motions page filtered on a motion's name, members or Kamerstuk."""
    return page_url("moties", motie=text)


def kamerstuk_url(kamerstuk: str) -> str:
    """The official publication of a Kamerstuk id (kst-29544-1158) on officielebekendmakingen."""
    return OB_URL.format(kamerstuk)
