"""The "Ask the author" form: clear errors for bad input, one-line names, the honeypot."""

from enquiries.forms import MESSAGE_MAX, AskAuthorForm
from tests.helpers.enquiries import QUESTION


def test_a_complete_question_is_valid_and_not_a_robot():
    """Name, email and question are enough; the organisation is optional."""
    form = AskAuthorForm(QUESTION)
    assert form.is_valid(), form.errors
    assert not form.is_robot()


def test_missing_and_malformed_fields_get_plain_messages():
    """Each empty or malformed field names what to do, in words a visitor understands."""
    form = AskAuthorForm({"name": "  ", "email": "not-an-address", "message": "   "})
    assert not form.is_valid()
    assert form.errors["name"] == ["Enter your name."]
    assert form.errors["email"] == ["Enter an email address like name@example.org."]
    assert form.errors["message"] == ["Enter your question."]


def test_an_overlong_question_says_how_long_it_is():
    """Over the limit the error gives the limit and the question's length."""
    form = AskAuthorForm({**QUESTION, "message": "x" * (MESSAGE_MAX + 5)})
    assert not form.is_valid()
    assert form.errors["message"] == [
        f"Your question must be {MESSAGE_MAX} characters or fewer (it has {MESSAGE_MAX + 5})."
    ]


def test_names_lose_line_breaks_and_control_characters():
    """A name goes into an email subject, so it is folded onto one line."""
    name = "Priya\r\nBcc: x@y.example\x07"
    form = AskAuthorForm({**QUESTION, "name": name, "organisation": "A\nB"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["name"] == "Priya Bcc: x@y.example"
    assert form.cleaned_data["organisation"] == "A B"


def test_a_filled_honeypot_marks_a_robot():
    """The hidden field filled in is valid input that is flagged, not an error a robot reads."""
    form = AskAuthorForm({**QUESTION, "website": "https://spam.example"})
    assert form.is_valid()
    assert form.is_robot()
