"""Factories for the content model; every test builds its data through these."""

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import Collection

from casestudies.models import (
    Approach,
    CaseStudyPage,
    CouncilIndexPage,
    CouncilPage,
    HomePage,
    Theme,
)
from casestudies.vocabulary import CouncilType, Region, Status
from members.models import Invitation
from members.onboarding import create_officer, onboard_council
from members.roles import ADMINISTRATORS, MODERATORS


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


def _joins_group(name):
    @factory.post_generation
    def join(user, create, extracted, **kwargs):
        if create:
            user.groups.add(Group.objects.get(name=name))

    return join


class ModeratorFactory(UserFactory):
    """A member of the network moderators group (members.roles)."""

    join_group = _joins_group(MODERATORS)

    class Meta:
        skip_postgeneration_save = True


class AdministratorFactory(UserFactory):
    """A member of the network administrators group (members.roles)."""

    join_group = _joins_group(ADMINISTRATORS)

    class Meta:
        skip_postgeneration_save = True


class OnboardedCouncilFactory(factory.Factory):
    """A council made the way the network onboards one: page, officer group and collection."""

    title = factory.Sequence(lambda n: f"Onboarded Council {n}")
    council_type = CouncilType.DISTRICT
    region = Region.NORTH_WEST

    class Meta:
        model = CouncilPage

    @classmethod
    def _create(cls, model_class, title, **kwargs):
        return onboard_council(title, **kwargs)


class OfficerFactory(factory.Factory):
    """A council officer of ``council`` (an onboarded CouncilPage), made by create_officer."""

    username = factory.Sequence(lambda n: f"officer{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    council = factory.SubFactory(OnboardedCouncilFactory)

    class Meta:
        model = get_user_model()

    @classmethod
    def _create(cls, model_class, council, username, email):
        return create_officer(council, username, email, password="correct-horse-battery")


class InvitationFactory(factory.django.DjangoModelFactory):
    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    council = factory.SubFactory(OnboardedCouncilFactory)

    class Meta:
        model = Invitation


class SynonymFactory(factory.django.DjangoModelFactory):
    """A synonym group for the search, as network staff write it in the admin."""

    terms = factory.Sequence(lambda n: f"term{n}, other term{n}")

    class Meta:
        model = "search.Synonym"
        django_get_or_create = ("terms",)


class FailedTaskResultFactory(factory.django.DjangoModelFactory):
    """A task row as the worker leaves it after the last try raised."""

    status = "FAILED"
    task_path = "operations.mail.send_email"
    args_kwargs = factory.LazyFunction(lambda: {"args": [], "kwargs": {}})
    backend_name = "default"
    run_after = factory.LazyFunction(timezone.now)
    finished_at = factory.LazyFunction(timezone.now)
    exception_class_path = "builtins.RuntimeError"
    traceback = "Traceback (most recent call last):\nRuntimeError: it broke\n"

    class Meta:
        model = DBTaskResult


def council_collection(council):
    """The collection onboarding made for ``council`` (named after it)."""
    return Collection.objects.get(name=council.title)


class CouncilDocumentFactory(wagtail_factories.DocumentFactory):
    """A document uploaded into ``council``'s collection."""

    title = factory.Sequence(lambda n: f"Council report {n}")
    file = factory.django.FileField(filename="report.pdf", data=b"%PDF-1.4 test")
    collection = factory.LazyAttribute(lambda o: council_collection(o.council))

    class Meta:
        exclude = ("council",)


class CouncilImageFactory(wagtail_factories.ImageFactory):
    """An image uploaded into ``council``'s collection."""

    title = factory.Sequence(lambda n: f"Council photo {n}")
    description = factory.Sequence(lambda n: f"Volunteers at work, photograph {n}")
    collection = factory.LazyAttribute(lambda o: council_collection(o.council))

    class Meta:
        exclude = ("council",)


class RejectedDocumentFactory(factory.django.DjangoModelFactory):
    """The record the indexer leaves when the search node refuses a case study's document."""

    page_id = factory.LazyAttribute(lambda o: CaseStudyPageFactory().pk)
    reason = "400 document_parsing_exception: failed to parse field [start_year]"

    class Meta:
        model = "search.RejectedDocument"
