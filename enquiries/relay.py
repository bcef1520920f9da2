"""Relaying a visitor's question to the people behind a case study, without showing addresses.

The question goes to the case study's owner when they are one of its council's officers, else to
all of that council's active officers; the council's general inbox is copied when it has one.
A council with neither (no officer yet, no inbox) is reached through network staff, who pass it
on. The visitor is only ever the Reply-To: they see no address, and the officers reply to theirs.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string

from members.roles import council_group

from .models import Enquiry
from .tasks import purge_old_enquiries


@dataclass(frozen=True)
class Recipients:
    to: list
    cc: list
    officers: int
    inbox: bool
    network: bool


def council_officers(council):
    """The council's active officers with an email address, oldest account first."""
    group = council_group(council) if council else None
    if group is None:
        return []
    return list(group.user_set.filter(is_active=True).exclude(email="").order_by("pk"))


def recipients(page):
    """Who a question about ``page`` goes to: owner or officers, the inbox as a copy."""
    council = page.council
    officers = council_officers(council)
    owner = next((user for user in officers if user.pk == page.owner_id), None)
    to = [owner.email] if owner else list(dict.fromkeys(user.email for user in officers))
    inbox = council.general_inbox if council else ""
    cc = [inbox] if inbox and inbox not in to else []
    if not to and not cc:
        return Recipients([settings.NETWORK_CONTACT_EMAIL], [], 0, False, True)
    if not to:
        # The inbox is the only address: it is who the question is for, not a copy.
        return Recipients(cc, [], 0, True, False)
    return Recipients(to, cc, len(to), bool(cc), False)


def message_for(page, data, route):
    """The email the recipients get; the visitor's address is its Reply-To and nothing else."""
    context = {
        "page": page,
        "data": data,
        "route": route,
        "keep_days": settings.ENQUIRY_KEEP_DAYS,
    }
    return EmailMessage(
        subject=f"Question about “{page.title}” from {data['name']}",
        body=render_to_string("enquiries/emails/question.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=route.to,
        cc=route.cc,
        reply_to=[data["email"]],
    )


def schedule_purge(enquiry):
    """Queue the sweep that clears this question (and any older) once it is due."""
    task = purge_old_enquiries
    if task.get_backend().supports_defer:
        due = enquiry.created_at + timedelta(days=settings.ENQUIRY_KEEP_DAYS, minutes=1)
        task = task.using(run_after=due)
    task.enqueue()


@transaction.atomic
def relay(page, data):
    """Log the question and queue its email (the worker sends it) and its purge."""
    route = recipients(page)
    enquiry = Enquiry.objects.create(
        case_study=page,
        council=page.council,
        case_study_title=page.title,
        sender_name=data["name"],
        sender_email=data["email"],
        sender_organisation=data.get("organisation", ""),
        body=data["message"],
        officers=route.officers,
        copied_to_inbox=route.inbox,
        sent_to_network=route.network,
    )
    # The email backend only writes a task row; the worker delivers it and retries failures.
    message_for(page, data, route).send()
    schedule_purge(enquiry)
    return enquiry
