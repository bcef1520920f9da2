"""The practitioner asks a case study's author a question: from the case study to "Question sent",
with JavaScript on and off, never seeing an address, the email sent and the question logged."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from enquiries.models import Enquiry

from .helpers import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.elasticsearch]

CASE_STUDY = "Village warm spaces network"


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_practitioner_asks_the_author_and_sees_the_confirmation(
    page, page_without_js, site, javascript
):
    """A missing address is a linked error that keeps the question; then the question is sent."""
    tab = page if javascript else page_without_js
    journey = f"ask-author-{'js' if javascript else 'no-js'}"
    case_study = site.case_studies[CASE_STUDY]
    question = f"How did you find volunteers for the halls? ({journey})"
    mail.outbox.clear()

    tab.goto(case_study.url)
    tab.get_by_role("link", name=f"Ask the author a question about {CASE_STUDY}").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text(f"Ask about {CASE_STUDY}")
    assert "@" not in tab.locator("main").inner_text().replace("name@example.org", "")

    tab.get_by_label("Your name").fill("Priya Practitioner")
    tab.get_by_label("Your question").fill(question)
    tab.get_by_role("button", name="Send your question").click()
    summary = tab.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter your email address, so the author can reply.")
    expect(tab.get_by_label("Your question")).to_have_value(question)
    expect(tab).to_have_title(re.compile(r"^Error: "))
    screenshot(tab, journey, "01 form error")

    summary.get_by_role("link", name=re.compile("Enter your email address")).click()
    tab.get_by_label("Your email address").fill("priya@example.org")
    tab.get_by_role("button", name="Send your question").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("Question sent")
    screenshot(tab, journey, "02 question sent")

    tab.get_by_role("link", name=f"Back to {CASE_STUDY}").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text(CASE_STUDY)
    assert tab.locator("a[href^='mailto:']").count() == 0
    (message,) = mail.outbox
    assert message.reply_to == ["priya@example.org"] and question in message.body
    assert Enquiry.objects.filter(body=question, case_study=case_study).exists()
    assert tab.context.cookies() == []
