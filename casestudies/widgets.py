"""Admin widgets for the case study form: what each choice means, and how long the summary is."""

from django import forms


class DescribedCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """Checkboxes for vocabulary terms, each with the term's description as its hint."""

    option_template_name = "casestudies/widgets/described_checkbox_option.html"

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        term = getattr(value, "instance", None)
        option["description"] = getattr(term, "description", "")
        if option["description"]:
            option["attrs"]["aria-describedby"] = f"{option['attrs']['id']}-description"
        return option


class CharacterCountTextarea(forms.Textarea):
    """A textarea that counts characters as the officer types instead of cutting text off.

    No maxlength: a browser silently truncates pasted text at it. The form enforces the limit
    with a message; the script shows what is left (and what is over) while typing.
    """

    def __init__(self, max_characters, attrs=None):
        super().__init__(attrs={**(attrs or {}), "data-max-characters": max_characters})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].pop("maxlength", None)
        return context

    class Media:
        js = ["casestudies/js/character-count.js"]
