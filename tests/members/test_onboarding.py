"""Onboarding councils and officers: pages, groups, permissions and collections."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, PageLogEntry

from casestudies.models import CouncilIndexPage, CouncilPage
from members.onboarding import create_officer, onboard_council
from members.roles import ADMINISTRATORS, MODERATORS, ensure_roles

pytestmark = pytest.mark.django_db


def test_onboard_council_creates_live_page_group_and_collection():
    """A new council gets a published page under the index, an officer group and a collection."""
    council = onboard_council("Testborough Council", council_type="unitary", region="north-west")

    assert council.live and council.get_parent().specific_class is CouncilIndexPage
    assert council.official_name == "Testborough Council"
    group = Group.objects.get(name="Testborough Council officers")
    page_codenames = set(
        GroupPagePermission.objects.filter(group=group, page=council).values_list(
            "permission__codename", flat=True
        )
    )
    assert page_codenames == {"add_page", "change_page"}
    collection = Collection.objects.get(name="Testborough Council")
    collection_codenames = set(
        GroupCollectionPermission.objects.filter(group=group).values_list(
            "permission__codename", flat=True
        )
    )
    assert "choose_image" in collection_codenames and "add_document" in collection_codenames
    assert set(
        GroupCollectionPermission.objects.filter(group=group).values_list("collection", flat=True)
    ) == {collection.pk}


def test_onboard_council_is_idempotent():
    """Onboarding the same council twice returns the same page and adds nothing twice."""
    first = onboard_council("Twiceshire", council_type="county", region="south-east")
    second = onboard_council("Twiceshire", council_type="district", region="london")

    assert first.pk == second.pk
    assert CouncilPage.objects.get(pk=first.pk).council_type == "county"
    assert Group.objects.filter(name="Twiceshire officers").count() == 1
    assert Collection.objects.filter(name="Twiceshire").count() == 1


def test_onboard_council_rejects_unknown_vocabulary():
    """An unknown council type or region is a ValueError, not a half-made council."""
    with pytest.raises(ValueError, match="council type"):
        onboard_council("Nowhere", council_type="galactic", region="london")
    with pytest.raises(ValueError, match="region"):
        onboard_council("Nowhere", council_type="county", region="mars")
    assert not CouncilPage.objects.filter(slug="nowhere").exists()


def test_create_officer_joins_group_with_admin_access():
    """An officer is in their council's group, may enter the admin and may not publish."""
    council = onboard_council("Officerton", council_type="district", region="wales")
    user = create_officer(council, "olive", "olive@example.org", password="a-long-passphrase")
    again = create_officer(council, "olive", "other@example.org")

    assert again.pk == user.pk
    assert user.check_password("a-long-passphrase")
    assert user.groups.filter(name="Officerton officers").exists()
    assert user.has_perm("wagtailadmin.access_admin")
    assert not council.permissions_for_user(user).can_publish()
    assert council.permissions_for_user(user).can_add_subpage()


def test_roles_exist_after_migrate_and_rerun_safely():
    """Moderators may publish under the home page; administrators hold every permission."""
    ensure_roles()
    moderators = Group.objects.get(name=MODERATORS)
    administrators = Group.objects.get(name=ADMINISTRATORS)

    assert moderators.permissions.filter(codename="change_approach").exists()
    assert not moderators.permissions.filter(content_type__app_label="auth").exists()
    assert GroupPagePermission.objects.filter(
        group=moderators, permission__codename="publish_page"
    ).exists()
    assert administrators.permissions.filter(codename="add_user").exists()


def test_add_council_command_onboards(capsys):
    """The add_council command creates the council, its group and its collection."""
    call_command(
        "add_council",
        "Commandshire Council",
        "--type",
        "county",
        "--region",
        "east-midlands",
        "--general-inbox",
        "enquiries@commandshire.example",
    )
    council = CouncilPage.objects.get(slug="commandshire-council")
    assert council.live and council.council_type == "county" and council.region == "east-midlands"
    assert council.general_inbox == "enquiries@commandshire.example"
    assert Group.objects.filter(name="Commandshire Council officers").exists()
    assert Collection.objects.filter(name="Commandshire Council").exists()
    assert "Onboarded Commandshire Council" in capsys.readouterr().out


def test_add_council_command_is_repeatable(capsys):
    """Running add_council twice reports the existing council instead of failing."""
    for _ in range(2):
        call_command(
            "add_council",
            *("Repeatshire", "--type", "county", "--region", "london"),
            *("--website", "https://repeatshire.example/"),
        )
    assert CouncilPage.objects.filter(slug="repeatshire").count() == 1
    assert "already exists" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["X Council", "--type", "galactic", "--region", "london"], "Unknown council type"),
        (["X Council", "--type", "county", "--region", "mars"], "Unknown region"),
        (["!!!", "--type", "county", "--region", "london"], "letter or digit"),
        (["X Council", "--type", "county", "--region", "london"], "--website or --general-inbox"),
        (
            ["X Council", "--type", "county", "--region", "london", "--general-inbox", "nope"],
            "not an email address",
        ),
        (
            ["X Council", "--type", "county", "--region", "london", "--website", "nope"],
            "not a web address",
        ),
    ],
)
def test_add_council_command_rejects_bad_values(arguments, message):
    """Unknown vocabulary or an empty name is a CommandError that lists the choices."""
    with pytest.raises(CommandError, match=message) as error:
        call_command("add_council", *arguments)
    if "type" in message:
        assert "london-borough" in str(error.value)
    assert not CouncilPage.objects.filter(slug="x-council").exists()


def test_onboard_view_for_administrators(client_administrator, administrator):
    """The admin 'Onboard a council' form does what the command does, and logs who did it."""
    url = reverse("members_admin:onboard_council")
    assert client_administrator.get(url).status_code == 200
    response = client_administrator.post(
        url,
        {
            "title": "Formshire Council",
            "council_type": "district",
            "region": "wales",
            "general_inbox": "enquiries@formshire.example",
        },
    )
    assert response.status_code == 302
    council = CouncilPage.objects.get(slug="formshire-council")
    assert council.live and council.owner == administrator
    assert council.general_inbox == "enquiries@formshire.example" and council.website == ""
    assert Group.objects.filter(name="Formshire Council officers").exists()
    assert PageLogEntry.objects.filter(
        page=council, action="wagtail.create", user=administrator
    ).exists()


def test_onboard_view_reports_bad_input(client_administrator):
    """Bad choices and empty names come back as form errors, not a 500."""
    response = client_administrator.post(
        reverse("members_admin:onboard_council"),
        {"title": "   ", "council_type": "galactic", "region": "wales"},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "title" in errors and "council_type" in errors


def test_onboard_view_requires_a_website_or_a_general_inbox(client_administrator):
    """Without either contact the form says so beside the website field and creates nothing."""
    url = reverse("members_admin:onboard_council")
    data = {"title": "Quietshire Council", "council_type": "district", "region": "wales"}
    response = client_administrator.post(url, data)
    assert response.status_code == 200
    assert "general inbox" in response.context["form"].errors["website"][0]
    assert "Quietshire Council" in response.content.decode()
    assert not CouncilPage.objects.filter(slug="quietshire-council").exists()

    response = client_administrator.post(url, {**data, "general_inbox": "not an address"})
    assert "general_inbox" in response.context["form"].errors
    assert "website" not in response.context["form"].errors

    response = client_administrator.post(url, {**data, "website": "quietshire.example"})
    assert response.status_code == 302
    assert CouncilPage.objects.get(slug="quietshire-council").website == (
        "https://quietshire.example"
    )


def test_onboard_menu_item_only_for_administrators(client_administrator, client_moderator):
    """Only administrators see, and may use, the onboarding view."""
    url = reverse("members_admin:onboard_council")
    assert url in client_administrator.get(reverse("wagtailadmin_home")).content.decode()
    assert url not in client_moderator.get(reverse("wagtailadmin_home")).content.decode()
    assert client_moderator.get(url)["Location"] == reverse("wagtailadmin_home")


def test_onboard_view_reports_model_validation_as_form_error(client_administrator):
    """A name the page model refuses (official name over 200 characters) is a form error."""
    response = client_administrator.post(
        reverse("members_admin:onboard_council"),
        {
            "title": "Long " * 50,
            "council_type": "district",
            "region": "wales",
            "website": "https://long.example/",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not CouncilPage.objects.filter(title__startswith="Long Long").exists()


def test_add_council_command_reports_model_validation():
    """The command turns the page model's validation errors into a CommandError."""
    with pytest.raises(CommandError, match="200 characters"):
        call_command(
            "add_council",
            *("Long " * 50, "--type", "county", "--region", "london"),
            *("--website", "https://long.example/"),
        )
