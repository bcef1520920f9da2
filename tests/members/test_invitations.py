"""Inviting officers by email: signed, expiring, single-use links that join a council."""

import re
import time

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from wagtail.models import ModelLogEntry

from members.models import INVITATION_MAX_AGE, Invitation
from tests.factories import InvitationFactory

pytestmark = pytest.mark.django_db

PASSWORD = "plum-orchard-lantern-42"


def accept_data(username="newofficer", password=PASSWORD, confirm=None):
    return {"username": username, "password1": password, "password2": confirm or password}


def emailed_invitation(message):
    """The invitation the emailed link opens (its signature's timestamp is the sending second)."""
    token = re.search(r"https?://\S+/invitations/(\S+)/", message.body).group(1)
    return Invitation.from_token(token)


def test_administrator_invites_officer_by_email(client_administrator, administrator, council_a):
    """The invite view emails a one-time link naming the council, and records who sent it."""
    mail.outbox.clear()
    response = client_administrator.post(
        reverse("members_admin:invite_officer"),
        {"council": council_a.pk, "email": "new.officer@example.org"},
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get(email="new.officer@example.org")
    assert invitation.council_id == council_a.pk and invitation.invited_by == administrator
    (message,) = mail.outbox
    assert message.to == ["new.officer@example.org"]
    assert council_a.title in message.subject
    assert emailed_invitation(message) == invitation
    # The configured public address, not the request's host (testserver here).
    assert f"https://network.test{invitation.get_absolute_url()}" in message.body
    assert ModelLogEntry.objects.filter(
        action="members.invite", object_id=str(invitation.pk), user=administrator
    ).exists()


def test_invitation_is_sent_by_the_worker(task_worker, client_administrator, council_a):
    """The invite request only queues the email; the worker sends it with the working link."""
    response = client_administrator.post(
        reverse("members_admin:invite_officer"),
        {"council": council_a.pk, "email": "queued.officer@example.org"},
    )
    assert response.status_code == 302
    assert not mail.outbox
    (queued,) = DBTaskResult.objects.ready().filter(task_path="operations.mail.send_email")

    task_worker()

    (message,) = mail.outbox
    assert message.to == ["queued.officer@example.org"]
    invitation = Invitation.objects.get(email="queued.officer@example.org")
    assert emailed_invitation(message) == invitation
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"


def test_invite_form_rejects_bad_email(client_administrator, council_a):
    """A malformed address is a form error, and nothing is sent."""
    mail.outbox.clear()
    response = client_administrator.post(
        reverse("members_admin:invite_officer"), {"council": council_a.pk, "email": "not-an-email"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert not mail.outbox and not Invitation.objects.exists()


def test_moderators_cannot_invite(client_moderator, council_a):
    """Moderators manage content, not people: the invite view turns them away."""
    response = client_moderator.post(
        reverse("members_admin:invite_officer"), {"council": council_a.pk, "email": "x@example.org"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert not Invitation.objects.exists()


def test_accepting_creates_officer_in_council_group(client, council_a):
    """A valid link lets the invitee choose a username and password and joins them up."""
    invitation = InvitationFactory(council=council_a, email="fresh@example.org")
    url = invitation.get_absolute_url()
    page = client.get(url)
    assert page.status_code == 200 and council_a.title in page.content.decode()

    response = client.post(url, accept_data())
    assert response.status_code == 200
    assert "Your account is ready" in response.content.decode()
    user = get_user_model().objects.get(username="newofficer")
    assert user.email == "fresh@example.org"
    assert user.check_password(PASSWORD)
    assert user.groups.filter(name=f"{council_a.title} officers").exists()
    assert council_a.permissions_for_user(user).can_add_subpage()
    invitation.refresh_from_db()
    assert invitation.accepted_by == user and invitation.accepted_at is not None
    assert ModelLogEntry.objects.filter(
        action="members.accept_invitation", object_id=str(invitation.pk), user=user
    ).exists()
    # The new officer can sign in through the admin's login page.
    signed = client.post(
        reverse("wagtailadmin_login"), {"username": "newofficer", "password": PASSWORD}
    )
    assert signed.status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_reused_link_is_refused(client, council_a):
    """The second use of a link is refused with a clear message and makes no second account."""
    invitation = InvitationFactory(council=council_a)
    url = invitation.get_absolute_url()
    client.post(url, accept_data("first"))
    for response in (client.get(url), client.post(url, accept_data("second"))):
        assert response.status_code == 410
        assert "already been used" in response.content.decode()
    assert not get_user_model().objects.filter(username="second").exists()


def test_expired_link_is_refused(client, council_a, monkeypatch):
    """A link older than its lifetime is refused with an 'expired' message."""
    invitation = InvitationFactory(council=council_a)
    issued = time.time() - INVITATION_MAX_AGE.total_seconds() - 60
    with monkeypatch.context() as patch:
        patch.setattr(time, "time", lambda: issued)
        url = invitation.get_absolute_url()
    for response in (client.get(url), client.post(url, accept_data())):
        assert response.status_code == 410
        assert "expired" in response.content.decode()
    assert not get_user_model().objects.filter(username="newofficer").exists()


def test_link_still_valid_just_before_expiry(client, council_a, monkeypatch):
    """A link a minute short of its lifetime still opens the form."""
    invitation = InvitationFactory(council=council_a)
    issued = time.time() - INVITATION_MAX_AGE.total_seconds() + 60
    with monkeypatch.context() as patch:
        patch.setattr(time, "time", lambda: issued)
        url = invitation.get_absolute_url()
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: "9999" + token[token.index(":") :],
        lambda token: "garbage",
    ],
    ids=["signature", "invitation-id", "garbage"],
)
def test_tampered_link_is_refused(client, council_a, tamper):
    """Altering any part of the link is refused with a clear message, not a 500."""
    invitation = InvitationFactory(council=council_a)
    url = reverse("members:accept_invitation", args=[tamper(invitation.token)])
    response = client.get(url)
    assert response.status_code == 400
    assert "not valid" in response.content.decode()
    assert client.post(url, accept_data()).status_code == 400
    assert not get_user_model().objects.filter(username="newofficer").exists()


def test_withdrawn_invitation_is_refused(client, council_a):
    """A link to a deleted invitation says it was withdrawn."""
    invitation = InvitationFactory(council=council_a)
    url = invitation.get_absolute_url()
    invitation.delete()
    response = client.get(url)
    assert response.status_code == 410 and "withdrawn" in response.content.decode()


@pytest.mark.parametrize(
    ("password", "confirm", "message"),
    [
        ("short1", None, "too short"),
        ("password1234", None, "too common"),
        ("83749201836452", None, "entirely numeric"),
        (PASSWORD, "something-else-entirely", "didn"),
    ],
)
def test_password_validators_apply(client, council_a, password, confirm, message):
    """Weak or mismatched passwords are form errors; the link stays unused."""
    invitation = InvitationFactory(council=council_a)
    response = client.post(
        invitation.get_absolute_url(), accept_data(password=password, confirm=confirm)
    )
    assert response.status_code == 200
    assert message in response.content.decode().replace("&#x27;", "'")
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_password_may_not_resemble_email(client, council_a):
    """The similarity validator sees the invitation's email address."""
    invitation = InvitationFactory(council=council_a, email="margaret.hollingsworth@example.org")
    response = client.post(
        invitation.get_absolute_url(), accept_data(password="margaret.hollingsworth")
    )
    assert "too similar" in response.content.decode()


def test_taken_username_is_a_form_error(client, council_a, officer_a):
    """Choosing an existing username is a form error, not a crash."""
    invitation = InvitationFactory(council=council_a)
    response = client.post(invitation.get_absolute_url(), accept_data(username=officer_a.username))
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
