from django import template
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import slugify

register = template.Library()

CHECKBOX = (
    '<div class="govuk-checkboxes__item">'
    '<input class="govuk-checkboxes__input" id="{}" name="{}" type="checkbox" value="{}"{}{}>'
    '<label class="govuk-label govuk-checkboxes__label" for="{}">'
    '{} <span class="search-facet__count">({}<span class="govuk-visually-hidden"> {}</span>)'
    "</span></label></div>"
)


@register.simple_tag
def facet_checkboxes(name, options):
    """A facet's checkbox items, built in Python: an include per option cost more than the search.

    A broad search lists hundreds of councils (docs/benchmarks.md).
    """

    def rows():
        for number, option in enumerate(options, start=1):
            input_id = f"facet-{name}-{number}-{slugify(option['value'])}"
            count = option["count"]
            yield (
                input_id,
                name,
                option["value"],
                mark_safe(" checked") if option["selected"] else "",
                # A value that would find nothing (listed to keep the list whole) can't be ticked.
                mark_safe(" disabled") if not count and not option["selected"] else "",
                input_id,
                option["label"],
                count,
                "case study" if count == 1 else "case studies",
            )

    return format_html_join("", CHECKBOX, rows())
