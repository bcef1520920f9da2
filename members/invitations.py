"""Sending and accepting officer invitations."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from wagtail.log_actions import log

from .models import INVITATION_MAX_AGE, Invitation, InvitationError
from .onboarding import officer_group


def send_invitation(council, email, invited_by):
    """Record an invitation and email its signed link; returns the invitation.

    The link is built on the configured address, not the request's host: behind a proxy that
    host may be the app server's own (127.0.0.1), which the invitee cannot reach.
    """
    invitation = Invitation.objects.create(council=council, email=email, invited_by=invited_by)
    log(instance=invitation, action="members.invite", user=invited_by)
    context = {
        "invitation": invitation,
        "link": settings.WAGTAILADMIN_BASE_URL + invitation.get_absolute_url(),
        "days": INVITATION_MAX_AGE.days,
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    send_mail(
        subject=f"Your invitation to publish case studies for {council.title}",
        message=render_to_string("members/emails/invitation.txt", context),
        from_email=None,
        recipient_list=[email],
    )
    return invitation


@transaction.atomic
def accept_invitation(token, form):
    """Create the user from a valid form and join the council's officers, once per link."""
    invitation = Invitation.from_token(token)
    # Lock the row so two submissions of one link cannot both create an account.
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise InvitationError("This invitation has already been used.", status=410)
    user = form.save(commit=False)
    user.email = invitation.email
    user.save()
    user.groups.add(officer_group(invitation.council))
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    log(instance=invitation, action="members.accept_invitation", user=user)
    return user
