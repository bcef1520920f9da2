"""A visitor's question to a case study's authors, as logged for network staff."""

from django.db import models
from django.utils import timezone


class Enquiry(models.Model):
    """One relayed question. Who sent it and what it said are cleared after ENQUIRY_KEEP_DAYS."""

    case_study = models.ForeignKey(
        "casestudies.CaseStudyPage", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    council = models.ForeignKey(
        "casestudies.CouncilPage", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept as sent, so the log still reads after the page is renamed or deleted.
    case_study_title = models.CharField(max_length=255)
    sender_name = models.CharField(max_length=200, blank=True)
    sender_email = models.EmailField(blank=True)
    sender_organisation = models.CharField(max_length=200, blank=True)
    body = models.TextField(blank=True)
    officers = models.PositiveSmallIntegerField(
        default=0, help_text="How many officers it went to."
    )
    copied_to_inbox = models.BooleanField(default=False)
    sent_to_network = models.BooleanField(
        default=False, help_text="Nobody at the council could be reached: network staff had it."
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    purged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "enquiries"

    def __str__(self):
        return f"Question about {self.case_study_title} on {self.created_at:%Y-%m-%d}"
