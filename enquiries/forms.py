"""The "Ask the author" form: the visitor's name, reply address and question, and a honeypot."""

from django import forms

MESSAGE_MAX = 3000


class AskAuthorForm(forms.Form):
    name = forms.CharField(
        label="Your name", max_length=200, error_messages={"required": "Enter your name."}
    )
    email = forms.EmailField(
        label="Your email address",
        max_length=254,
        help_text="The author replies to this address. It is not shown on this website.",
        error_messages={
            "required": "Enter your email address, so the author can reply.",
            "invalid": "Enter an email address like name@example.org.",
        },
    )
    organisation = forms.CharField(
        label="Your organisation (optional)",
        max_length=200,
        required=False,
        help_text="For example, the council, group or university you work for.",
    )
    message = forms.CharField(
        label="Your question",
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": "Enter your question.",
            "max_length": f"Your question must be {MESSAGE_MAX} characters or fewer "
            "(it has %(show_value)d).",
        },
    )
    # A honeypot: hidden from people (and screen readers), filled in by form-filling robots.
    website = forms.CharField(required=False, label="Leave this empty")

    def clean_name(self):
        return self._one_line(self.cleaned_data["name"], "Enter your name.")

    def clean_organisation(self):
        return self._one_line(self.cleaned_data["organisation"], None)

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        if not message:
            raise forms.ValidationError("Enter your question.")
        return message

    @staticmethod
    def _one_line(value, empty_message):
        # The name goes into the email's subject: no line breaks or control characters there.
        value = " ".join("".join(c if c.isprintable() else " " for c in value).split())
        if not value and empty_message:
            raise forms.ValidationError(empty_message)
        return value

    def is_robot(self):
        """True when the hidden field was filled in: accept quietly, relay nothing."""
        return bool(self.cleaned_data.get("website"))
