"""Relaying a question: to the owner or the officers, the inbox copied, sent by the real worker."""

import pytest
from django.core import mail
from django.test import override_settings

from enquiries.models import Enquiry
from enquiries.relay import recipients, relay
from tests.factories import (
    CaseStudyPageFactory,
    CouncilPageFactory,
    ModeratorFactory,
    OfficerFactory,
)
from tests.helpers.enquiries import QUESTION

pytestmark = pytest.mark.django_db


def test_the_owner_alone_gets_it_when_they_are_an_officer(council_a, officer_a):
    """An owning officer is the one recipient; colleagues and the inbox are not addressed."""
    OfficerFactory(council=council_a, username="colleague")
    council_a.general_inbox = "enquiries@ashford.example"
    council_a.save()
    page = CaseStudyPageFactory(parent=council_a, owner=officer_a)
    route = recipients(page)
    assert (route.to, route.cc, route.officers) == (
        ["alice@example.org"],
        ["enquiries@ashford.example"],
        1,
    )


def test_without_an_officer_owner_every_active_officer_gets_it(council_a, officer_a):
    """A page owned by a moderator goes to the council's active officers with an address."""
    OfficerFactory(council=council_a, username="colleague")
    gone = OfficerFactory(council=council_a, username="gone")
    gone.is_active = False
    gone.save()
    page = CaseStudyPageFactory(parent=council_a, owner=ModeratorFactory())
    route = recipients(page)
    assert route.to == ["alice@example.org", "colleague@example.org"]
    assert route.cc == [] and not route.inbox and not route.network


def test_the_inbox_is_the_addressee_when_there_are_no_officers(council_a):
    """A council with an inbox and no officers gets the question at its inbox."""
    council_a.general_inbox = "enquiries@ashford.example"
    council_a.save()
    route = recipients(CaseStudyPageFactory(parent=council_a))
    assert (route.to, route.cc, route.inbox, route.network) == (
        ["enquiries@ashford.example"],
        [],
        True,
        False,
    )


@override_settings(NETWORK_CONTACT_EMAIL="staff@network.example")
def test_nobody_at_the_council_means_network_staff_pass_it_on():
    """No officer and no inbox: the question still reaches someone, the network's staff."""
    route = recipients(CaseStudyPageFactory(parent=CouncilPageFactory()))
    assert (route.to, route.network) == (["staff@network.example"], True)


def test_relay_logs_it_and_the_worker_sends_it_with_the_visitor_as_reply_to(
    task_worker, council_a, officer_a
):
    """Nothing is sent in the request; the real worker delivers one email, reply-to the visitor."""
    council_a.general_inbox = "enquiries@ashford.example"
    council_a.save()
    page = CaseStudyPageFactory(parent=council_a, owner=officer_a, title="Village food hub")
    mail.outbox.clear()

    enquiry = relay(page, {**QUESTION, "organisation": "Rural Action Network"})

    assert mail.outbox == []
    task_worker()
    (message,) = mail.outbox
    assert message.to == ["alice@example.org"] and message.cc == ["enquiries@ashford.example"]
    assert message.reply_to == ["priya@example.org"]
    assert message.subject == "Question about “Village food hub” from Priya Practitioner"
    assert "How did you recruit the volunteers?" in message.body
    assert "Rural Action Network" in message.body and page.full_url in message.body
    stored = Enquiry.objects.get()
    assert stored == enquiry and stored.body == QUESTION["message"]
    assert (stored.officers, stored.copied_to_inbox, stored.council) == (1, True, council_a)
    assert stored.purged_at is None
