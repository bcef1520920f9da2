"""The log of questions is for network staff; officers see neither the menu item nor the list."""

import pytest
from django.urls import reverse

from enquiries.models import Enquiry
from enquiries.tasks import purge_due

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged(council_a):
    return Enquiry.objects.create(
        case_study_title="Alpha project",
        council=council_a,
        sender_name="Priya",
        sender_email="priya@example.org",
        body="How did you do it?",
        officers=1,
    )


def test_moderators_see_the_questions_in_reports(client_moderator, logged):
    """A moderator finds the log under Reports and reads sender, question and where it went."""
    url = reverse("enquiries_admin")
    assert url in client_moderator.get(reverse("wagtailadmin_home")).content.decode()
    html = client_moderator.get(url).content.decode()
    assert "Alpha project" in html and "priya@example.org" in html
    assert "How did you do it?" in html and "1 officer" in html


def test_a_cleared_question_shows_no_sender_or_text(client_administrator, logged):
    """After the purge the row says 'Cleared' and keeps only the date and the case study."""
    logged.created_at = logged.created_at.replace(year=logged.created_at.year - 1)
    logged.save()
    assert purge_due() == 1
    html = client_administrator.get(reverse("enquiries_admin")).content.decode()
    assert "Cleared" in html and "priya@example.org" not in html and "Alpha project" in html


def test_officers_see_no_log_at_all(client_a, logged):
    """An officer (even of the council asked) gets no menu item and is turned away."""
    url = reverse("enquiries_admin")
    assert url not in client_a.get(reverse("wagtailadmin_home")).content.decode()
    response = client_a.get(url)
    assert response.status_code == 302 and "priya" not in response.content.decode()
