"""Onboarding councils and their officers; the demo loader and the admin views call these.

Every function is idempotent: running it again returns what exists and fills in only what is
missing (the officer group, its permissions, the collection), never overwriting content.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.text import slugify
from wagtail.log_actions import log
from wagtail.models import Collection

from casestudies.models import CouncilIndexPage, CouncilPage, HomePage
from casestudies.vocabulary import CouncilType, Region

from .roles import council_group, ensure_officer_group


def council_index():
    """The one "Councils" index under the home page, created (and published) when missing."""
    index = CouncilIndexPage.objects.first()
    if index is None:
        home = HomePage.objects.get()
        index = home.add_child(instance=CouncilIndexPage(title="Councils", slug="councils"))
        index.save_revision().publish()
    return index


def council_collection(council):
    """The council's image and document collection, named after it, under the root."""
    root = Collection.get_first_root_node()
    name = council.title[:255]
    return root.get_children().filter(name=name).first() or root.add_child(name=name)


@transaction.atomic
def onboard_council(title, *, council_type, region, user=None, **fields):
    """Create (or find by slug) a published CouncilPage with its officer group and collection.

    ``user``, when given, is recorded as the page's owner and in the audit log.
    """
    if council_type not in CouncilType.values:
        raise ValueError(f"Unknown council type {council_type!r}.")
    if region not in Region.values:
        raise ValueError(f"Unknown region {region!r}.")
    slug = fields.pop("slug", None) or slugify(title)
    if not slug:
        raise ValueError("A council needs a title with letters or digits in it.")
    council = CouncilPage.objects.filter(slug=slug).first()
    if council is None:
        fields.setdefault("official_name", title)
        council = council_index().add_child(
            instance=CouncilPage(
                title=title,
                slug=slug,
                council_type=council_type,
                region=region,
                owner=user,
                **fields,
            )
        )
        log(instance=council, action="wagtail.create", user=user)
        council.save_revision(user=user).publish(user=user)
    ensure_officer_group(council, council_collection(council))
    return council


def officer_group(council):
    """The council's officer group, creating it (and its collection) when missing."""
    return council_group(council) or ensure_officer_group(council, council_collection(council))


@transaction.atomic
def create_officer(council, username, email, password=None):
    """Create (or find) a user, join them to the council's officers and so to the admin."""
    User = get_user_model()
    user, created = User.objects.get_or_create(username=username, defaults={"email": email})
    if created or not user.has_usable_password():
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
    user.groups.add(officer_group(council))
    return user


def officer_councils(user):
    """The councils whose officer groups the user belongs to."""
    groups = Group.objects.filter(user=user)
    return CouncilPage.objects.filter(
        group_permissions__group__in=groups,
        group_permissions__permission__codename="add_page",
    ).distinct()
