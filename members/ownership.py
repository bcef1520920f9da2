"""Handing a departing officer's pages over to a colleague."""

from django.db import transaction
from wagtail.models import Page


@transaction.atomic
def hand_over_ownership(from_user, to_user):
    """Make to_user the owner of every page from_user owns; returns how many moved."""
    if from_user.pk == to_user.pk:
        return 0
    return Page.objects.filter(owner=from_user).update(owner=to_user)
