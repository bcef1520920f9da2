from django import template

from ..feedback import latest_review

register = template.Library()


@register.simple_tag
def review_comment(page):
    """The comment of the page's latest finished review ('' without one), for the emails."""
    review = latest_review(page)
    return (review and review.get_comment()) or ""
