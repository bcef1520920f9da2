"""A member council's page."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
)
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.search import index

from ..vocabulary import (
    CouncilType,
    Region,
)
from .case_study import CaseStudyPage
from .vocabulary_terms import COUNCIL_PAGE_SIZE, YEAR_VALIDATORS


class CouncilPage(Page):
    official_name = models.CharField(max_length=200)
    council_type = models.CharField(max_length=30, choices=CouncilType.choices)
    region = models.CharField(max_length=30, choices=Region.choices)
    gss_code = models.CharField(
        "ONS GSS code",
        max_length=9,
        blank=True,
        help_text="Optional, e.g. E10000028: links the council to open data.",
    )
    population = models.PositiveIntegerField(null=True, blank=True)
    website = models.URLField(blank=True)
    general_inbox = models.EmailField(
        "General inbox",
        blank=True,
        help_text="The council's general enquiries address. Never shown to visitors: messages "
        'sent from a case study\'s "Ask the author" form are copied to it.',
    )
    logo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    logo_alt = models.CharField("Logo alt text", max_length=200, blank=True)
    introduction = models.TextField(blank=True, max_length=1000)
    member_since = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=YEAR_VALIDATORS
    )
    is_example = models.BooleanField(
        default=False, help_text="A fictional council used for demonstration."
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("official_name"),
        FieldRowPanel([FieldPanel("council_type"), FieldPanel("region")]),
        FieldRowPanel([FieldPanel("gss_code"), FieldPanel("population")]),
        FieldRowPanel([FieldPanel("website"), FieldPanel("general_inbox")]),
        MultiFieldPanel([FieldPanel("logo"), FieldPanel("logo_alt")], heading="Logo"),
        FieldPanel("introduction"),
        FieldRowPanel([FieldPanel("member_since"), FieldPanel("is_example")]),
    ]
    search_fields = [*Page.search_fields, index.SearchField("official_name")]
    api_fields = [
        APIField("official_name"),
        APIField("council_type"),
        APIField("region"),
        APIField("gss_code"),
        APIField("population"),
        APIField("website"),
        APIField("introduction"),
        APIField("member_since"),
        APIField("is_example"),
    ]
    parent_page_types = ["casestudies.CouncilIndexPage"]
    subpage_types = ["casestudies.CaseStudyPage"]

    def clean(self):
        super().clean()
        if self.logo_id and not self.logo_alt:
            raise ValidationError({"logo_alt": "Describe the logo for people who cannot see it."})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        case_studies = (
            CaseStudyPage.objects.live().public().child_of(self).order_by("-first_published_at")
        )
        context["case_studies"] = Paginator(case_studies, COUNCIL_PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        return context

    @property
    def contact_url(self):
        """The council's own website, or "" (its page here has no contact details).

        Without a website the way to reach a council is a case study's "Ask the author" form,
        which relays to its officers and general inbox without showing either address.
        """
        return self.website
