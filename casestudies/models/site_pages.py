"""The home page, the councils index and the plain site pages."""

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, Q
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    PageChooserPanel,
)
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from .case_study import CaseStudyPage
from .council import CouncilPage
from .vocabulary_terms import COUNCIL_PAGE_SIZE, Approach, Theme


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
