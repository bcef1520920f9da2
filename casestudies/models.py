"""Member councils and their case studies."""

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Q
from django.utils.functional import cached_property
from django.utils.text import slugify
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Orderable, Page
from wagtail.search import index

from .blocks import CaseStudyBodyBlock
from .fields import ChoiceListField
from .forms import MESSAGES, SUMMARY_MAX_LENGTH, CaseStudyPageForm
from .serializers import (
    BudgetBandField,
    CouncilSummaryField,
    DocumentSummaryField,
    VocabularyTermsField,
)
from .vocabulary import (
    BUDGET_BANDS_BY_SLUG,
    BudgetBandChoices,
    CouncilType,
    EvidenceLevel,
    FundingSource,
    PartnerKind,
    Region,
    Status,
    budget_band_for,
)

YEAR_VALIDATORS = [MinValueValidator(1900), MaxValueValidator(2100)]
MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
MONTH_CHOICES = [(number, name) for number, name in enumerate(MONTH_NAMES, start=1)]
COUNCIL_PAGE_SIZE = 20


def month_year(year, month):
    """'March 2019', or '2019' when the month is not known; '' without a year."""
    if not year:
        return ""
    return f"{MONTH_NAMES[month - 1]} {year}" if month else str(year)


class VocabularyTerm(models.Model):
    """A curated term: the slug is what URLs, the index and the facets use."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:100]
        super().save(*args, **kwargs)


class Approach(VocabularyTerm):
    class Meta(VocabularyTerm.Meta):
        verbose_name_plural = "approaches"


class Theme(VocabularyTerm):
    pass


class HomePage(Page):
    introduction = models.TextField(blank=True, max_length=600)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    subpage_types = ["casestudies.CouncilIndexPage", "casestudies.StandardPage"]
    max_count = 1

    latest_count = 6
    councils_count = 12

    def route(self, request, path_components):
        """Find a page two or more levels down with one lookup on its URL path.

        Wagtail's default walks the tree a level (and two queries) at a time; no page type
        here routes its own sub-paths, so anything not found that way takes the default path.
        """
        if len(path_components) > 1:
            url_path = f"{self.url_path}{'/'.join(path_components)}/"
            # The slug is indexed; url_path, which starts with this page's, is not.
            found = (
                Page.objects.filter(slug=path_components[-1], url_path=url_path)
                .values_list("pk", "content_type_id")
                .first()
            )
            model = found and ContentType.objects.get_for_id(found[1]).model_class()
            if model:
                pages = model.objects.filter(pk=found[0])
                if model is CaseStudyPage:
                    pages = pages.select_related("council")
                return pages.get().route(request, [])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        visible = CaseStudyPage.objects.live().public()
        featured_ids = [item.case_study_id for item in self.featured.all()]
        featured = visible.select_related("council").in_bulk(featured_ids)
        context["featured_case_studies"] = [featured[pk] for pk in featured_ids if pk in featured]
        context["latest_case_studies"] = visible.select_related("council").order_by(
            "-first_published_at"
        )[: self.latest_count]
        in_visible = Q(case_studies__in=visible.values("pk"))
        for name, model in (("approaches", Approach), ("themes", Theme)):
            context[name] = model.objects.annotate(
                case_study_count=Count("case_studies", filter=in_visible, distinct=True)
            ).order_by("name")
        councils = CouncilPage.objects.live().public()
        context["council_total"] = councils.count()
        # Real members before the fictional examples.
        context["councils"] = councils.order_by("is_example", "title")[: self.councils_count]
        context["council_index"] = CouncilIndexPage.objects.live().first()
        return context


class HomePageFeatured(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured")
    case_study = models.ForeignKey(
        "casestudies.CaseStudyPage", on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("case_study")]


HomePage.content_panels = [*HomePage.content_panels, InlinePanel("featured", label="Featured")]


class StandardPage(Page):
    """Plain pages such as About, the accessibility statement and the privacy notice."""

    body = RichTextField(features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])

    content_panels = [*Page.content_panels, FieldPanel("body")]
    parent_page_types = ["casestudies.HomePage"]
    subpage_types = []


class CouncilIndexPage(Page):
    introduction = models.TextField(blank=True, max_length=600)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["casestudies.HomePage"]
    subpage_types = ["casestudies.CouncilPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        councils = (
            CouncilPage.objects.live()
            .public()
            .child_of(self)
            .annotate(
                # Visitors see only live pages outside any view restriction; count nothing else.
                case_study_count=Count(
                    "own_case_studies",
                    filter=Q(own_case_studies__in=CaseStudyPage.objects.live().public()),
                    distinct=True,
                )
            )
            .order_by("is_example", "title")
        )
        context["councils"] = Paginator(councils, COUNCIL_PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        return context


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
        FieldPanel("website"),
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
        """Where the public gets in touch: the council's own website, else its page here."""
        return self.website or self.url


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
    hero_alt = models.CharField("Hero image alt text", max_length=200, blank=True)
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
        CouncilPage,
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="own_case_studies",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("hero_image"), FieldPanel("hero_alt")], heading="Hero image"),
        MultiFieldPanel(
            [
                FieldPanel("approaches", widget=forms.CheckboxSelectMultiple),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
            ],
            heading="Approaches and themes",
        ),
        MultiFieldPanel(
            [FieldPanel("budget"), FieldPanel("funding_sources")], heading="Budget and funding"
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
        InlinePanel("partners", label="Partners"),
        InlinePanel("outcomes", label="Outcomes"),
        FieldPanel("body"),
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
            errors["hero_alt"] = "Describe the image for people who cannot see it."
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
