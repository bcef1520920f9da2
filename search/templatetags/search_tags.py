from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import slugify

register = template.Library()

OPTION = (
    '<div class="govuk-{kind}__item">'
    '<input class="govuk-{kind}__input" id="{{}}" name="{{}}" type="{type}" value="{{}}"{{}}{{}}>'
    '<label class="govuk-label govuk-{kind}__label" for="{{}}">'
    '{{}} <span class="search-facet__count">({{}}<span class="govuk-visually-hidden"> {{}}</span>)'
    "</span></label></div>"
)
CHECKBOX = OPTION.format(kind="checkboxes", type="checkbox")
RADIO = OPTION.format(kind="radios", type="radio")
ANY_RADIO = (
    '<div class="govuk-radios__item">'
    '<input class="govuk-radios__input" id="facet-{}-any" name="{}" type="radio" value=""{}>'
    '<label class="govuk-label govuk-radios__label" for="facet-{}-any">Any</label></div>'
)


@register.simple_tag
def facet_options(name, options, multi_select=True, any_checked=None):
    """A facet's options, built in Python: an include per option cost more than the search.

    A broad search lists hundreds of councils. A facet that takes one value gets radios, led
    (when ``any_checked`` is given) by "Any", so the choice can be undone without JavaScript.
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

    items = format_html_join("", CHECKBOX if multi_select else RADIO, rows())
    if multi_select or any_checked is None:
        return items
    checked = mark_safe(" checked") if any_checked else ""
    return format_html(ANY_RADIO, name, name, checked, name) + items
