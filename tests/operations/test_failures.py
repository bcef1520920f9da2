"""Summaries of failed tasks' arguments: useful to staff, without bodies or tokens."""

from operations.failures import summarise_arguments


def test_short_arguments_are_shown():
    """Ids and model names (as Wagtail's own tasks take them) are shown as they are."""
    summary = summarise_arguments("wagtail.tasks.update_reference_index_task", ["pages", 4], {})

    assert summary == "'pages', 4"


def test_long_text_is_shown_by_length_only():
    """A long string (a body, a signed link) is described by its length, never printed."""
    token = "x" * 80

    summary = summarise_arguments("search.tasks.sync", [[1, 2, 3]], {"token": token})

    assert summary == "[1, 2, 3], token=<text, 80 characters>"


def test_try_counter_is_not_an_argument():
    """The retry helper's try number is left out of the summary (it has its own column)."""
    assert summarise_arguments("any.task", [], {"_attempt": 3}) == "no arguments"


def test_email_with_unexpected_arguments_falls_back_to_the_generic_summary():
    """An email row in an older shape is still described, generically."""
    assert summarise_arguments("operations.mail.send_email", [], {"old": 1}) == "old=1"
