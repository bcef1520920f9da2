"""Factories for the content model; every test builds its data through these."""

import factory
import wagtail_factories
from django.contrib.auth import get_user_model

from casestudies.models import (
    Approach,
    CaseStudyPage,
    CouncilIndexPage,
    CouncilPage,
    HomePage,
    Theme,
)
from casestudies.vocabulary import CouncilType, Region, Status


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password("correct-horse-battery")

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)


class ApproachFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Approach {n}")
    slug = factory.Sequence(lambda n: f"approach-{n}")

    class Meta:
        model = Approach
        django_get_or_create = ("slug",)


class ThemeFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")

    class Meta:
        model = Theme
        django_get_or_create = ("slug",)


def home_page():
    """The network's home page, created by the seed migration."""
    return HomePage.objects.get()


class CouncilIndexPageFactory(wagtail_factories.PageFactory):
    title = "Councils"
    slug = "councils"

    class Meta:
        model = CouncilIndexPage


def council_index():
    """The one council index, made on first use under the home page."""
    existing = CouncilIndexPage.objects.first()
    return existing or CouncilIndexPageFactory(parent=home_page())


class CouncilPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Exampleshire Council {n}")
    official_name = factory.LazyAttribute(lambda o: o.title)
    council_type = CouncilType.UNITARY
    region = Region.NORTH_WEST
    parent = factory.LazyFunction(council_index)

    class Meta:
        model = CouncilPage


class CaseStudyPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Example project {n}")
    summary = "A fictional project used in tests."
    status = Status.RUNNING
    start_year = 2020
    parent = factory.SubFactory(CouncilPageFactory)

    class Meta:
        model = CaseStudyPage
        skip_postgeneration_save = True

    @factory.post_generation
    def approaches(self, create, extracted, **kwargs):
        self.approaches.set(extracted or [ApproachFactory()])

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        self.themes.set(extracted or [ThemeFactory()])
        if create:
            self.save()
