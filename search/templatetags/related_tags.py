"""Related case studies on a case study page, asked of the search side by its template."""

from django import template

from search.service import related_later

register = template.Library()


@register.simple_tag
def related_case_studies(page, size=4):
    """Start finding pages like ``page`` (index first, database fallback); the answer comes later.

    Used at the top of the page so the index request runs while the rest of the page renders;
    the template calls what this returns on first use.
    """
    return related_later(page, size) if page.pk else []
