"""The public form: relays a good question, keeps a bad one, limits per address, no cookie."""

import pytest
from django.core import mail
from django.core.cache import caches
from django.test import override_settings

from enquiries.models import Enquiry
from tests.factories import CaseStudyPageFactory
from tests.helpers.enquiries import QUESTION

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(council_a, officer_a):
    return CaseStudyPageFactory(parent=council_a, owner=officer_a, contact_name="Alice Lead")


@pytest.fixture(autouse=True)
def fresh_counters():
    caches["ratelimit"].clear()


def test_the_form_names_who_it_goes_to_without_any_address(client, page):
    """The page says whose team gets it and shows no officer or inbox address; sets no cookie."""
    response = client.get(f"/ask/{page.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ask about " + page.title in html and "Alice Lead" in html
    assert "alice@example.org" not in html
    assert not response.cookies


def test_a_good_question_is_relayed_and_lands_on_the_confirmation(client, page):
    """A valid post stores the question, queues its email and redirects to 'Question sent'."""
    mail.outbox.clear()
    response = client.post(f"/ask/{page.pk}/", QUESTION)
    assert response.status_code == 302 and response["Location"] == f"/ask/{page.pk}/sent/"
    assert Enquiry.objects.get().body == QUESTION["message"]
    # The test settings run tasks inline, so the queued email is already delivered.
    assert [message.to for message in mail.outbox] == [["alice@example.org"]]
    sent = client.get(response["Location"])
    assert "Question sent" in sent.content.decode() and not sent.cookies


def test_bad_input_is_a_form_error_that_keeps_what_was_typed(client, page):
    """A bad address comes back as a linked error with the question still in the form."""
    response = client.post(f"/ask/{page.pk}/", {**QUESTION, "email": "priya-at-example"})
    html = response.content.decode()
    assert response.status_code == 200
    assert '<a href="#id_email">Enter an email address like name@example.org.</a>' in html
    assert "How did you recruit the volunteers?</textarea>" in html
    assert 'value="priya-at-example"' in html
    assert not Enquiry.objects.exists()


def test_the_honeypot_pretends_to_send_and_relays_nothing(client, page):
    """A robot that fills the hidden field sees the confirmation; nothing is stored or sent."""
    mail.outbox.clear()
    response = client.post(f"/ask/{page.pk}/", {**QUESTION, "website": "https://spam.example"})
    assert response.status_code == 302
    assert not Enquiry.objects.exists() and mail.outbox == []


@override_settings(ENQUIRY_RATE_LIMIT="2/h")
def test_over_the_limit_is_429_with_retry_after_and_the_question_kept(client, page):
    """The third question in an hour from one address is refused, still filled in, not sent."""
    for _ in range(2):
        assert client.post(f"/ask/{page.pk}/", QUESTION).status_code == 302
    response = client.post(f"/ask/{page.pk}/", QUESTION)
    html = response.content.decode()
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    assert "Too many questions from your address" in html
    assert "How did you recruit the volunteers?</textarea>" in html
    assert Enquiry.objects.count() == 2
    other = client.post(f"/ask/{page.pk}/", QUESTION, REMOTE_ADDR="192.0.2.9")
    assert other.status_code == 302


def test_unpublished_or_unknown_case_studies_are_404(client, page):
    """Only a live, public case study can be asked about."""
    page.unpublish()
    assert client.get(f"/ask/{page.pk}/").status_code == 404
    assert client.post(f"/ask/{page.pk}/", QUESTION).status_code == 404
    assert client.get("/ask/999999/sent/").status_code == 404
    assert not Enquiry.objects.exists()
