"""Invitations: how network staff bring a council officer into the admin."""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import models
from django.urls import reverse
from django.utils import timezone

INVITATION_SALT = "members.invitation"
INVITATION_MAX_AGE = timedelta(days=7)


class InvitationError(Exception):
    """An invitation link that cannot be used; the message is shown to the visitor."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.status = status


class Invitation(models.Model):
    """One emailed, signed link that joins its accepter to a council's officers, once."""

    email = models.EmailField()
    council = models.ForeignKey(
        "casestudies.CouncilPage", on_delete=models.CASCADE, related_name="invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="accepted_invitations",
    )

    class Meta:
        ordering = ["-created_at"]
        permissions = [("onboard_council", "Can onboard a council")]

    def __str__(self):
        return f"{self.email} to {self.council}"

    def get_absolute_url(self):
        return reverse("members:accept_invitation", args=[self.token])

    @property
    def token(self):
        # The signature carries its own timestamp: expiry needs no stored date.
        return signing.TimestampSigner(salt=INVITATION_SALT).sign(str(self.pk))

    @classmethod
    def from_token(cls, token):
        """The invitation a link names, or InvitationError saying why it cannot be used."""
        signer = signing.TimestampSigner(salt=INVITATION_SALT)
        try:
            pk = signer.unsign(token, max_age=INVITATION_MAX_AGE)
        except signing.SignatureExpired:
            raise InvitationError(
                "This invitation has expired. Ask the network team for a new one.", status=410
            ) from None
        except signing.BadSignature:
            raise InvitationError(
                "This invitation link is not valid. Check that you copied all of it."
            ) from None
        invitation = cls.objects.filter(pk=pk).select_related("council").first()
        if invitation is None:
            raise InvitationError("This invitation has been withdrawn.", status=410)
        if invitation.accepted_at is not None:
            raise InvitationError(
                "This invitation has already been used. Sign in instead, or ask the network "
                "team for a new one.",
                status=410,
            )
        return invitation
