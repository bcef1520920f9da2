"""Purging: sender and message go after ENQUIRY_KEEP_DAYS, by the worker and by the command."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from enquiries.models import Enquiry
from enquiries.relay import relay
from enquiries.tasks import purge_old_enquiries
from tests.factories import CaseStudyPageFactory

pytestmark = pytest.mark.django_db


def enquiry(days_ago):
    return Enquiry.objects.create(
        case_study_title="A project",
        sender_name="Priya",
        sender_email="priya@example.org",
        sender_organisation="A group",
        body="A question",
        created_at=timezone.now() - timedelta(days=days_ago),
    )


def cleared(row):
    row.refresh_from_db()
    return (row.body, row.sender_name, row.sender_email, row.sender_organisation) == ("",) * 4


def test_the_worker_clears_questions_past_the_keep_period_only(task_worker):
    """A 91-day-old question loses its sender and text; a 10-day-old one keeps them."""
    old, recent = enquiry(91), enquiry(10)
    purge_old_enquiries.enqueue()
    task_worker()
    assert cleared(old) and old.purged_at is not None
    assert not cleared(recent) and recent.purged_at is None
    assert old.case_study_title == "A project"


def test_relaying_schedules_its_own_purge_when_it_falls_due(task_worker):
    """Each question queues the sweep for its 90th day: deferred, so the worker leaves it."""
    relay(
        CaseStudyPageFactory(),
        {"name": "P", "email": "p@example.org", "organisation": "", "message": "Hello?"},
    )
    task_worker()
    row = DBTaskResult.objects.get(task_path="enquiries.tasks.purge_old_enquiries")
    assert row.status == "READY"
    due = Enquiry.objects.get().created_at + timedelta(days=90)
    assert due <= row.run_after <= due + timedelta(minutes=2)


@override_settings(ENQUIRY_KEEP_DAYS=30)
def test_the_command_clears_what_is_due_and_says_how_many():
    """purge_enquiries sweeps by ENQUIRY_KEEP_DAYS and reports the count."""
    old, recent = enquiry(31), enquiry(29)
    out = StringIO()
    call_command("purge_enquiries", stdout=out)
    assert out.getvalue().strip() == "Cleared 1 question(s) older than 30 days."
    assert cleared(old) and not cleared(recent)
