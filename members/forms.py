"""Forms for onboarding councils, inviting officers and accepting an invitation."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm
from django.utils.text import slugify

from casestudies.models import CouncilPage
from casestudies.vocabulary import CouncilType, Region


class OnboardCouncilForm(forms.Form):
    title = forms.CharField(
        max_length=255, help_text="The council's usual name, as visitors see it."
    )
    official_name = forms.CharField(
        max_length=200, required=False, help_text="Leave empty to use the name above."
    )
    council_type = forms.ChoiceField(choices=CouncilType.choices)
    region = forms.ChoiceField(choices=Region.choices)
    website = forms.URLField(
        required=False,
        assume_scheme="https",
        help_text="The council's public website. Give this, a general inbox, or both.",
    )
    general_inbox = forms.EmailField(
        required=False,
        help_text="The council's general enquiries address, e.g. enquiries@council.gov.uk. "
        "Never shown to visitors: questions from its case studies' contact form are copied to it.",
    )

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not slugify(title):
            raise forms.ValidationError("The name needs at least one letter or digit.")
        return title

    def clean(self):
        data = super().clean()
        if self.has_error("website") or self.has_error("general_inbox"):
            return data
        # Without one of them a visitor could reach the council only through its officers.
        if not data.get("website") and not data.get("general_inbox"):
            self.add_error(
                "website",
                "Give the council's website or its general inbox (or both), so that the public "
                "has a way to contact it.",
            )
        return data

    def onboard_kwargs(self):
        """Keyword arguments for onboard_council, leaving out empty optional fields."""
        data = self.cleaned_data
        optional = ("official_name", "website", "general_inbox")
        fields = {key: data[key] for key in optional if data.get(key)}
        return {
            "title": data["title"],
            "council_type": data["council_type"],
            "region": data["region"],
            **fields,
        }


class InviteOfficerForm(forms.Form):
    council = forms.ModelChoiceField(queryset=CouncilPage.objects.order_by("title"))
    email = forms.EmailField(help_text="The invitation link goes to this address.")


class AcceptInvitationForm(UserCreationForm):
    """Choose a username and a password; Django's password validators apply."""

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username",)
