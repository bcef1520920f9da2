"""Sign-in throttling, anonymous access, document uploads and what survives a departing officer."""

import pytest
from axes.models import AccessAttempt
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.documents import get_document_model

from members.ownership import hand_over_ownership
from tests.factories import CaseStudyPageFactory, UserFactory
from tests.helpers.admin import signed_in

pytestmark = pytest.mark.django_db


def sign_in(client, username, password):
    return client.post(reverse("wagtailadmin_login"), {"username": username, "password": password})


def test_five_failed_sign_ins_lock_the_account(client, officer_a, settings):
    """After five wrong passwords the admin login answers with the lockout page, even to the
    right password."""
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = sign_in(client, officer_a.username, "wrong-password")
        assert response.status_code == 200  # the login form again, with its error
    locked = sign_in(client, officer_a.username, "wrong-password")
    assert locked.status_code == 429
    assert "Too many failed sign-in attempts" in locked.content.decode()
    assert "account_locked.html" in [template.name for template in locked.templates]

    right = sign_in(client, officer_a.username, "correct-horse-battery")
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_few_failures_do_not_lock(client, officer_a, settings):
    """Fewer failures than the limit still let the right password in."""
    for _ in range(settings.AXES_FAILURE_LIMIT - 2):
        sign_in(client, officer_a.username, "wrong-password")
    response = sign_in(client, officer_a.username, "correct-horse-battery")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(officer_a.pk)


PROXY = "10.0.0.2"
CLIENT_A = "203.0.113.7"
CLIENT_B = "198.51.100.9"


def test_failures_behind_the_proxy_lock_out_only_that_client(officer_a, settings):
    """Five bad passwords from client A through the trusted proxy leave client B able to sign in."""
    settings.TRUSTED_PROXIES = [PROXY]
    attacker = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=CLIENT_A)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = sign_in(attacker, officer_a.username, "wrong-password")
    assert response.status_code == 429
    assert sign_in(attacker, officer_a.username, "correct-horse-battery").status_code == 429

    colleague = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=CLIENT_B)
    response = sign_in(colleague, officer_a.username, "correct-horse-battery")
    assert response.status_code == 302
    assert colleague.session["_auth_user_id"] == str(officer_a.pk)
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {CLIENT_A}


def test_a_spoofed_forwarded_for_from_an_untrusted_address_is_ignored(officer_a, settings):
    """X-Forwarded-For from an address that is not a trusted proxy cannot dodge the lockout."""
    settings.TRUSTED_PROXIES = [PROXY]
    for number in range(settings.AXES_FAILURE_LIMIT):
        response = sign_in(
            Client(REMOTE_ADDR=CLIENT_A, HTTP_X_FORWARDED_FOR=f"192.0.2.{number}"),
            officer_a.username,
            "wrong-password",
        )
    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {CLIENT_A}


def test_anonymous_visitors_get_no_admin(client, draft_a):
    """Every admin view sends an anonymous visitor to the login page."""
    for url in (
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_pages:edit", args=[draft_a.pk]),
        reverse("wagtailadmin_pages:preview_on_edit", args=[draft_a.pk]),
        reverse("wagtailadmin_pages:view_draft", args=[draft_a.pk]),
        reverse("wagtailadmin_pages:revisions_index", args=[draft_a.pk]),
        reverse("members_admin:invite_officer"),
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("wagtailadmin_login")), url


def test_anonymous_visitors_cannot_see_drafts(client, draft_a, live_b):
    """A draft's public URL is a 404 while a live page opens."""
    assert client.get(draft_a.get_parent().url + draft_a.slug + "/").status_code == 404
    assert client.get(live_b.url).status_code == 200


def test_signed_in_user_without_admin_access_is_kept_out(draft_a):
    """An account with no role (e.g. a removed officer) cannot use the admin."""
    client = signed_in(UserFactory(username="nobody"))
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    assert client.get(reverse("wagtailadmin_pages:edit", args=[draft_a.pk])).status_code == 302


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("report.html", b"<html><script>alert(1)</script></html>"),
        ("report.htm", b"<html><script>alert(1)</script></html>"),
    ],
)
def test_document_upload_refuses_scriptable_types(client_moderator, name, content):
    """SVG and HTML uploads are form errors and store nothing."""
    response = client_moderator.post(
        reverse("wagtaildocs:add"),
        {"title": name, "file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 200
    (error,) = response.context["form"].errors["file"]
    assert "is not allowed" in error and name.rsplit(".", 1)[1] in error
    assert not get_document_model().objects.filter(title=name).exists()


def test_document_upload_accepts_pdf(client_a, council_a):
    """A PDF upload by an officer is stored in their council's collection."""
    client_a.post(
        reverse("wagtaildocs:add"),
        {"title": "Pilot evaluation", "file": SimpleUploadedFile("evaluation.pdf", b"%PDF-1.4\n")},
    )
    document = get_document_model().objects.get(title="Pilot evaluation")
    assert document.collection.name == council_a.title


def test_deleting_an_officer_keeps_their_case_studies(officer_a, draft_a, council_a):
    """Removing an officer's account leaves their pages in place, unowned."""
    live = CaseStudyPageFactory(parent=council_a, owner=officer_a)
    officer_a.delete()
    for page in (draft_a, live):
        page.refresh_from_db()
        assert page.owner is None


def test_hand_over_ownership_moves_pages(officer_a, draft_a, council_a):
    """hand_over_ownership gives all of one user's pages to another, and only theirs."""
    successor = UserFactory(username="successor")
    other = CaseStudyPageFactory(parent=council_a, owner=successor)
    assert hand_over_ownership(officer_a, successor) == 1
    draft_a.refresh_from_db()
    other.refresh_from_db()
    assert draft_a.owner == successor and other.owner == successor


def test_hand_over_command(officer_a, draft_a, capsys):
    """The hand_over_ownership command does the same from the shell and reports the count."""
    UserFactory(username="successor")
    call_command("hand_over_ownership", officer_a.username, "successor")
    draft_a.refresh_from_db()
    assert draft_a.owner.username == "successor"
    assert "Handed over 1 page(s)" in capsys.readouterr().out


def test_hand_over_command_names_unknown_user(officer_a):
    """An unknown username is a clear CommandError."""
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="No user called 'ghost'"):
        call_command("hand_over_ownership", officer_a.username, "ghost")
