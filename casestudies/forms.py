"""Admin forms for the content model: clear messages for every rule an officer can break."""

import re

from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks import StreamValue

SUMMARY_MAX_LENGTH = 300

# Messages written for officers; the model's validators say the same for code paths without a form.
MESSAGES = {
    "summary": {
        "required": "Write a short summary of the project.",
        "max_length": f"The summary must be {SUMMARY_MAX_LENGTH} characters or fewer.",
    },
    "approaches": {"required": "Choose at least one approach."},
    "themes": {"required": "Choose at least one theme."},
    "budget": {
        "min_value": "The budget cannot be negative. Leave it empty when it is not stated.",
        "invalid": "Give the budget in whole pounds, using numbers only, for example 25000.",
    },
    "people_reached": {"min_value": "People reached cannot be negative."},
    "volunteers": {"min_value": "The number of volunteers cannot be negative."},
}


# C0 controls except tab, newline and carriage return, then DEL and the C1 controls: invisible,
# usually pasted in by accident, and refused by Elasticsearch's completion field.
CONTROL_CHARACTERS_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
CONTROL_CHARACTER_MESSAGE = (
    "Remove the invisible control characters from this text "
    "(they often come with text pasted from another program)."
)


def has_control_characters(value):
    """Whether a string, or any string inside lists, dicts or a StreamField value, holds one."""
    if isinstance(value, StreamValue):
        value = value.get_prep_value()
    if isinstance(value, str):
        return CONTROL_CHARACTERS_RE.search(value) is not None
    if isinstance(value, dict):
        return any(has_control_characters(item) for item in value.values())
    if isinstance(value, list | tuple):
        return any(has_control_characters(item) for item in value)
    return False


def validate_no_control_characters(value):
    if has_control_characters(value):
        raise ValidationError(CONTROL_CHARACTER_MESSAGE, code="control_characters")


def refuse_control_characters(form):
    """Add a form error to every cleaned field of ``form`` that holds a control character."""
    for name, value in list(getattr(form, "cleaned_data", {}).items()):
        if name not in form.errors and has_control_characters(value):
            form.add_error(name, ValidationError(CONTROL_CHARACTER_MESSAGE))


class CaseStudyPageForm(WagtailAdminPageForm):
    """The case study editing form; the model's clean() adds the date rules."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, messages in MESSAGES.items():
            field = self.fields.get(name)
            if field is not None:
                field.error_messages.update(messages)

    def clean(self):
        cleaned_data = super().clean()
        refuse_control_characters(self)
        return cleaned_data

    def is_valid(self):
        valid = super().is_valid()
        # Inline rows (partners, outcomes, links) are cleaned by their formsets, after clean().
        for formset in self.formsets.values():
            for form in formset.forms:
                refuse_control_characters(form)
                valid = valid and not form.errors
        return valid
