"""The case study page and what hangs off it: partners, outcomes, attachments, links."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Orderable, Page
from wagtail.search import index

from ..blocks import CaseStudyBodyBlock
from ..compare import MoneyPanel
from ..fields import ChoiceListField
from ..forms import MESSAGES, SUMMARY_MAX_LENGTH, CaseStudyPageForm
from ..serializers import (
    BudgetBandField,
    CouncilSummaryField,
    DocumentSummaryField,
    VocabularyTermsField,
)
from ..vocabulary import (
    BUDGET_BANDS_BY_SLUG,
    BudgetBandChoices,
    EvidenceLevel,
    FundingSource,
    PartnerKind,
    Status,
    budget_band_for,
    strongest_evidence,
)
from ..widgets import CharacterCountTextarea, DescribedCheckboxSelectMultiple
from .vocabulary_terms import MONTH_CHOICES, YEAR_VALIDATORS, Approach, Theme, month_year

HERO_WITHOUT_ALT_TEXT = (
    "This image has no alt text. Add it under Images (edit the image, then 'Alt text'), "
    "or upload it again with one."
)


class CaseStudyTag(TaggedItemBase):
    content_object = ParentalKey(
        "casestudies.CaseStudyPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class CaseStudyPage(Page):
    summary = models.TextField(
        max_length=SUMMARY_MAX_LENGTH,
        validators=[
            MaxLengthValidator(SUMMARY_MAX_LENGTH, MESSAGES["summary"]["max_length"]),
        ],
        help_text=f"At most {SUMMARY_MAX_LENGTH} characters: what was done, where, and why.",
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approaches = ParentalManyToManyField(Approach, related_name="case_studies")
    themes = ParentalManyToManyField(Theme, related_name="case_studies")

    budget = models.PositiveBigIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(0, MESSAGES["budget"]["min_value"])],
        help_text="Total in whole pounds. Leave empty when it is not stated.",
    )
    # Derived from budget on save, stored so the database can count it like the index does.
    budget_band = models.CharField(
        max_length=20, choices=BudgetBandChoices, editable=False, db_index=True
    )
    # The strongest evidence level among the outcomes, kept on the page for the search facet.
    evidence_level = models.CharField(
        max_length=20, choices=EvidenceLevel.choices, blank=True, editable=False
    )
    funding_sources = ChoiceListField(choice_list=FundingSource.choices)

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RUNNING)
    start_year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=YEAR_VALIDATORS, db_index=True
    )
    start_month = models.PositiveSmallIntegerField(null=True, blank=True, choices=MONTH_CHOICES)
    end_year = models.PositiveSmallIntegerField(null=True, blank=True, validators=YEAR_VALIDATORS)
    end_month = models.PositiveSmallIntegerField(null=True, blank=True, choices=MONTH_CHOICES)
    people_reached = models.PositiveIntegerField(null=True, blank=True)
    volunteers = models.PositiveIntegerField("Volunteers involved", null=True, blank=True)

    body = StreamField(CaseStudyBodyBlock(), blank=True)
    tags = ClusterTaggableManager(through=CaseStudyTag, blank=True)

    contact_name = models.CharField(max_length=200, blank=True)
    contact_role = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(
        blank=True, help_text="Shown only to signed-in users, never to the public or the API."
    )
    last_reviewed = models.DateField(
        null=True, blank=True, help_text="When the owner last confirmed this is current."
    )
    # The owning council, kept from the page tree so queries need no tree walk.
    council = models.ForeignKey(
        "casestudies.CouncilPage",
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="own_case_studies",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary", widget=CharacterCountTextarea(SUMMARY_MAX_LENGTH)),
        # Its alt text is the image's own, asked for when it is uploaded.
        FieldPanel("hero_image"),
        MultiFieldPanel(
            [
                FieldPanel("approaches", widget=DescribedCheckboxSelectMultiple),
                FieldPanel("themes", widget=DescribedCheckboxSelectMultiple),
            ],
            heading="Approaches and themes",
        ),
        MultiFieldPanel(
            [MoneyPanel("budget"), FieldPanel("funding_sources")], heading="Budget and funding"
        ),
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldRowPanel([FieldPanel("start_year"), FieldPanel("start_month")]),
                FieldRowPanel([FieldPanel("end_year"), FieldPanel("end_month")]),
                FieldRowPanel([FieldPanel("people_reached"), FieldPanel("volunteers")]),
            ],
            heading="Status and reach",
        ),
        # The story first: the partners and outcomes lists support it.
        FieldPanel("body", heading="The story"),
        InlinePanel("partners", label="Partners"),
        InlinePanel("outcomes", label="Outcomes"),
        InlinePanel("documents", label="Documents"),
        InlinePanel("related_links", label="Related links"),
        FieldPanel("tags"),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_role"), FieldPanel("contact_email")],
            heading="Contact",
        ),
        FieldPanel("last_reviewed"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    api_fields = [
        APIField("council", serializer=CouncilSummaryField()),
        APIField("summary"),
        APIField("hero_image", serializer=ImageRenditionField("width-1200")),
        APIField("hero_alt"),
        APIField("approaches", serializer=VocabularyTermsField()),
        APIField("themes", serializer=VocabularyTermsField()),
        APIField("budget"),
        APIField("budget_band", serializer=BudgetBandField()),
        APIField("funding_sources"),
        APIField("status"),
        APIField("start_year"),
        APIField("start_month"),
        APIField("end_year"),
        APIField("end_month"),
        APIField("people_reached"),
        APIField("volunteers"),
        APIField("partners"),
        APIField("outcomes"),
        APIField("body"),
        APIField("documents"),
        APIField("related_links"),
        APIField("tags"),
        APIField("last_reviewed"),
    ]
    parent_page_types = ["casestudies.CouncilPage"]
    subpage_types = []
    base_form_class = CaseStudyPageForm

    @property
    def budget_band_label(self):
        return BUDGET_BANDS_BY_SLUG[self.budget_band].label

    @cached_property
    def approach_list(self):
        """The approaches, read once per request for the page and its related case studies."""
        return list(self.approaches.all())

    @cached_property
    def theme_list(self):
        return list(self.themes.all())

    @property
    def status_label(self):
        return self.get_status_display()

    @property
    def funding_source_labels(self):
        labels = dict(FundingSource.choices)
        return [labels.get(value, value) for value in self.funding_sources or []]

    @property
    def start_display(self):
        return month_year(self.start_year, self.start_month)

    @property
    def end_display(self):
        return month_year(self.end_year, self.end_month)

    @property
    def hero_alt(self):
        """The hero image's alt text: the image's description, written once at upload."""
        return self.hero_image.description.strip() if self.hero_image_id else ""

    @property
    def owning_council(self):
        """The council page, from the stored link or, before the first save, the tree."""
        if self.council_id:
            return self.council
        parent = self.get_parent() if self.path and self.depth else None
        return parent.specific if parent else None

    def clean(self):
        super().clean()
        errors = {}
        if self.hero_image_id and not self.hero_alt:
            errors["hero_image"] = HERO_WITHOUT_ALT_TEXT
        if self.end_year and self.start_year:
            start = (self.start_year, self.start_month or 1)
            end = (self.end_year, self.end_month or 12)
            if end < start:
                errors["end_year"] = "The end date must not be before the start date."
        elif self.end_year and not self.start_year:
            errors["start_year"] = "Give a start year when there is an end year."
        if self.start_month and not self.start_year:
            errors["start_month"] = "A start month needs a start year."
        if self.end_month and not self.end_year:
            errors["end_month"] = "An end month needs an end year."
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # One query for every document, not one per document.
        context["case_study_documents"] = self.documents.select_related("document")
        return context

    def save(self, *args, **kwargs):
        self.budget_band = budget_band_for(self.budget)
        self.evidence_level = strongest_evidence(
            outcome.evidence_level for outcome in self.outcomes.all()
        )
        parent = self.get_parent() if self.path and self.depth else None
        if parent is not None:
            self.council_id = parent.id
        super().save(*args, **kwargs)


def keep_council_after_move(sender, instance, parent_page_after, **kwargs):
    """A moved case study belongs to its new council (connected in the app config)."""
    CaseStudyPage.objects.filter(pk=instance.pk).update(council_id=parent_page_after.pk)


class CaseStudyPartner(Orderable):
    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=PartnerKind.choices, default=PartnerKind.OTHER)

    panels = [FieldPanel("name"), FieldPanel("kind")]
    api_fields = [APIField("name"), APIField("kind")]


class CaseStudyOutcome(Orderable):
    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="outcomes")
    statement = models.CharField(
        max_length=300, help_text="A figure or a statement, e.g. '76 volunteer champions trained'."
    )
    source = models.CharField(max_length=300, blank=True, help_text="Who says so.")
    source_url = models.URLField("Evidence link", blank=True)
    evidence_level = models.CharField(
        max_length=20, choices=EvidenceLevel.choices, default=EvidenceLevel.SELF_REPORTED
    )

    panels = [
        FieldPanel("statement"),
        FieldRowPanel([FieldPanel("source"), FieldPanel("source_url")]),
        FieldPanel("evidence_level"),
    ]
    api_fields = [
        APIField("statement"),
        APIField("source"),
        APIField("source_url"),
        APIField("evidence_level"),
    ]


class CaseStudyAttachment(Orderable):
    """A document attached to a case study, listed under Documents on its page."""

    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("document")]
    api_fields = [APIField("document", serializer=DocumentSummaryField())]


class CaseStudyLink(Orderable):
    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="related_links")
    title = models.CharField(max_length=200)
    url = models.URLField()

    panels = [FieldPanel("title"), FieldPanel("url")]
    api_fields = [APIField("title"), APIField("url")]
