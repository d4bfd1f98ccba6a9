"""schema.org JSON-LD (NewsArticle, BreadcrumbList, Organization, WebSite, Event, ProfilePage)
safe inside <script>."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

from .model import FeedImage

_SCRIPT_SAFE = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def script_json(data: dict | list) -> str:
    """JSON for a `<script type="application/ld+json">` block.

    `<`, `>` and `&` are written as JSON escapes, so a title containing
    `</script>` cannot end the block and the parsed value is unchanged.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.translate(_SCRIPT_SAFE)


def organization(name: str, url: str, logo_url: str, email: str = "", address: str = "") -> dict:
    org: dict = {
        "@type": "GovernmentOrganization",
        "@id": f"{url.rstrip('/')}/#organisasi",
        "name": name,
        "url": url,
        "logo": {"@type": "ImageObject", "url": logo_url},
    }
    if email:
        org["email"] = email
    if address:
        org["address"] = {"@type": "PostalAddress", "streetAddress": address, "addressCountry": "ID"}
    return org


def image_object(image: FeedImage) -> dict:
    data = {"@type": "ImageObject", "url": image.url, "width": image.width, "height": image.height}
    if image.alt:
        data["caption"] = image.alt
    return data


def news_article(
    *,
    headline: str,
    url: str,
    published: datetime,
    modified: datetime,
    author: dict,
    publisher: dict,
    description: str = "",
    image: FeedImage | None = None,
    section: str = "",
    keywords: Sequence[str] = (),
) -> dict:
    article: dict = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": headline,
        "datePublished": published.isoformat(timespec="seconds"),
        "dateModified": modified.isoformat(timespec="seconds"),
        "author": [author],
        "publisher": publisher,
        "inLanguage": "id",
    }
    if description:
        article["description"] = description
    if image is not None:
        article["image"] = [image_object(image)]
    if section:
        article["articleSection"] = section
    if keywords:
        article["keywords"] = list(keywords)
    return article


def person_or_team(name: str, team_names: Sequence[str], url: str = "") -> dict:
    """Bylines are people, except the media team's own byline."""
    kind = "Organization" if name in team_names else "Person"
    data = {"@type": kind, "name": name}
    if url:
        data["url"] = url
    return data


def breadcrumb_list(trail: Sequence[tuple[str, str]]) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(trail, start=1)
        ],
    }


def home_graph(org: dict, site_name: str, url: str) -> dict:
    """The home page: the committee as an organization, plus the WebSite it runs."""
    return {"@context": "https://schema.org", "@graph": [org, website(org, site_name, url)]}


def website(org: dict, site_name: str, url: str, search_path: str = "cari/") -> dict:
    """The site as a `WebSite` whose search box takes `?q=` on the search page."""
    base = url.rstrip("/")
    return {
        "@type": "WebSite",
        "@id": f"{base}/#situs",
        "name": site_name,
        "url": url,
        "inLanguage": "id",
        "publisher": {"@id": org["@id"]},
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": f"{base}/{search_path.strip('/')}/?q={{search_term_string}}",
            },
            "query-input": "required name=search_term_string",
        },
    }


def place(kecamatan: str, kabupaten: str, provinsi: str) -> dict:
    """The kecamatan a committee serves, as a schema.org `Place`."""
    return {
        "@type": "Place",
        "name": f"Kecamatan {kecamatan}",
        "address": {
            "@type": "PostalAddress",
            "addressLocality": f"Kecamatan {kecamatan}",
            "addressRegion": f"Kabupaten {kabupaten}, {provinsi}",
            "addressCountry": "ID",
        },
    }


def event(
    *,
    name: str,
    url: str,
    start: datetime,
    end: datetime,
    location: dict,
    organizer: dict,
    description: str = "",
    super_event: str = "",
) -> dict:
    """An election stage as a schema.org `Event` (dates with their time zone)."""
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": name,
        "url": url,
        "startDate": start.isoformat(timespec="seconds"),
        "endDate": end.isoformat(timespec="seconds"),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": location,
        "organizer": organizer,
        "inLanguage": "id",
    }
    if description:
        data["description"] = description
    if super_event:
        data["superEvent"] = {"@type": "Event", "name": super_event}
    return data


def person_page(name: str, url: str, org: dict, team_names: Sequence[str] = ()) -> dict:
    """An author page: the `Person` (the media team's byline: its `Organization`) whose
    profile page it is."""
    kind = "Organization" if name in team_names else "Person"
    data: dict = {
        "@context": "https://schema.org",
        "@type": kind,
        "name": name,
        "url": url,
        "mainEntityOfPage": {"@type": "ProfilePage", "@id": url},
    }
    if kind == "Person":
        data["worksFor"] = {"@id": org["@id"]}
    return data
