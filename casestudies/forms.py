"""Admin forms for the content model: clear messages for every rule an officer can break."""

from wagtail.admin.forms import WagtailAdminPageForm

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


class CaseStudyPageForm(WagtailAdminPageForm):
    """The case study editing form; the model's clean() adds the date rules."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, messages in MESSAGES.items():
            field = self.fields.get(name)
            if field is not None:
                field.error_messages.update(messages)
