"""Template helpers for the public pages."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def site_name():
    """The network's name, from settings so that error pages need no database."""
    return settings.WAGTAIL_SITE_NAME


@register.filter
def pounds(amount):
    """Whole pounds with thousands separators: 25000 -> '£25,000'."""
    if amount is None or amount == "":
        return ""
    return f"£{int(amount):,}"


@register.filter
def number(value):
    """An integer with thousands separators, or '' when unknown."""
    if value is None or value == "":
        return ""
    return f"{int(value):,}"


NAVIGATION = (
    ("Case studies", "/search/"),
    ("Councils", "/councils/"),
    ("About", "/about/"),
)
DEFAULT_DESCRIPTION = (
    "Case studies from co-operative councils: what they tried, what it cost and what happened."
)


@register.simple_tag(takes_context=True)
def navigation_items(context):
    """The main navigation; fixed paths, so that error pages render without the database."""
    request = context.get("request")
    path = getattr(request, "path", "")
    return [
        {"label": label, "href": href, "active": path.startswith(href)}
        for label, href in NAVIGATION
    ]


@register.simple_tag(takes_context=True)
def page_description(context):
    """The best short description the page has, for search engines and link previews."""
    page = context.get("page")
    for name in ("search_description", "summary", "introduction"):
        value = getattr(page, name, "")
        if value:
            return value
    return DEFAULT_DESCRIPTION


@register.simple_tag(takes_context=True)
def page_title(context):
    """The page's SEO title or title; the network's name where there is no page."""
    page = context.get("page")
    return getattr(page, "seo_title", "") or getattr(page, "title", "") or site_name()


@register.filter
def elided_pages(page_obj):
    """Page numbers around the current one, with ellipses: 1 2 … 7 8 9 … 49 50."""
    return page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)
