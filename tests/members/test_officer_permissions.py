"""Council officers: their own council's pages only, never publishing, no taxonomy or users."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, Page

from tests.factories import CaseStudyPageFactory
from tests.helpers.admin import edit_form_data
from tests.helpers.permissions import assert_denied

pytestmark = pytest.mark.django_db

DENIED_MESSAGE = "Sorry, you do not have permission to access this area."


def follow_message(client, response):
    return [str(m).strip() for m in client.get(response["Location"]).context["messages"]]


@pytest.mark.parametrize(
    "url_name",
    [
        "wagtailadmin_pages:edit",
        "wagtailadmin_pages:delete",
        "wagtailadmin_pages:preview_on_edit",
        "wagtailadmin_pages:history",
        "wagtailadmin_pages:move",
        "wagtailadmin_pages:copy",
        "wagtailadmin_pages:unpublish",
    ],
)
def test_officer_cannot_act_on_other_councils_pages(client_a, draft_b, live_b, url_name):
    """Officer A is turned away from edit, delete, preview, history and move of B's pages."""
    for page in (draft_b, live_b):
        response = client_a.get(reverse(url_name, args=[page.pk]))
        assert_denied(response)


def test_denied_redirect_says_why(client_a, draft_b):
    """The permission-denied redirect carries a clear message, not a blank page."""
    response = client_a.get(reverse("wagtailadmin_pages:edit", args=[draft_b.pk]))
    assert DENIED_MESSAGE in follow_message(client_a, response)


def test_officer_cannot_view_or_compare_other_councils_revisions(client_a, draft_b):
    """B's revisions cannot be listed, viewed or compared by officer A."""
    revision = draft_b.latest_revision
    for url in (
        reverse("wagtailadmin_pages:revisions_index", args=[draft_b.pk]),
        reverse("wagtailadmin_pages:revisions_view", args=[draft_b.pk, revision.pk]),
        reverse("wagtailadmin_pages:revisions_compare", args=[draft_b.pk, "earliest", "latest"]),
    ):
        response = client_a.get(url, follow=True)
        assert draft_b.title not in response.content.decode(), url
        assert response.redirect_chain, url


def test_posting_edits_to_other_councils_page_changes_nothing(client_a, officer_a, draft_b):
    """A forged POST to B's edit view is refused and B's page keeps its title."""
    data = edit_form_data(draft_b, officer_a, title="Hijacked")
    response = client_a.post(reverse("wagtailadmin_pages:edit", args=[draft_b.pk]), data)
    assert_denied(response)
    draft_b.refresh_from_db()
    assert draft_b.draft_title == "Bravo tenants panel"
    assert draft_b.latest_revision.as_object().title == "Bravo tenants panel"


def test_officer_cannot_add_pages_under_other_council(client_a, council_a, council_b):
    """The add-page form opens under A's council and is refused under B's."""

    def add_url(council):
        return reverse("wagtailadmin_pages:add", args=["casestudies", "casestudypage", council.pk])

    assert client_a.get(add_url(council_a)).status_code == 200
    assert_denied(client_a.get(add_url(council_b)))


def test_other_councils_drafts_are_not_listed(client_a, council_a, draft_a, draft_b, live_b):
    """The explorer starts at A's council, lists A's draft, and never shows B's pages."""
    own_listing = reverse("wagtailadmin_explore", args=[council_a.pk])
    assert client_a.get(reverse("wagtailadmin_explore_root"))["Location"] == own_listing
    content = client_a.get(own_listing).content.decode()
    assert draft_a.title in content
    assert draft_b.title not in content and live_b.title not in content

    # Asking for B's council or the shared index lands back on A's council.
    for page in (draft_b.get_parent(), council_a.get_parent()):
        response = client_a.get(reverse("wagtailadmin_explore", args=[page.pk]))
        assert response["Location"] == own_listing


def test_other_councils_drafts_are_not_in_admin_search(client_a, draft_a, draft_b):
    """Wagtail's admin search finds A's own draft but not B's."""
    url = reverse("wagtailadmin_pages:search")
    own = client_a.get(url, {"q": "Alpha"}).content.decode()
    other = client_a.get(url, {"q": "Bravo"}).content.decode()
    assert draft_a.title in own
    assert draft_b.title not in other


def test_other_councils_drafts_are_not_in_page_chooser(client_a, draft_a, draft_b, live_b):
    """The page chooser's search offers live pages and A's drafts, never B's drafts."""
    url = reverse("wagtailadmin_choose_page_search")
    own = client_a.get(url, {"q": "Alpha"}).content.decode()
    other = client_a.get(url, {"q": "Bravo"}).content.decode()
    assert draft_a.title in own
    assert live_b.title in other
    assert draft_b.title not in other


def test_no_publish_action_for_officers(client_a, draft_a):
    """The editor offers 'submit for review' but neither publish nor unpublish to an officer."""
    content = client_a.get(reverse("wagtailadmin_pages:edit", args=[draft_a.pk])).content.decode()
    assert 'name="action-submit"' in content
    assert 'name="action-publish"' not in content
    assert reverse("wagtailadmin_pages:unpublish", args=[draft_a.pk]) not in content


def test_posting_publish_does_not_publish(client_a, officer_a, draft_a):
    """A forged 'publish' POST from an officer leaves the page a draft."""
    data = edit_form_data(draft_a, officer_a, **{"action-publish": "Publish"})
    client_a.post(reverse("wagtailadmin_pages:edit", args=[draft_a.pk]), data)
    draft_a.refresh_from_db()
    assert not draft_a.live
    assert draft_a.live_revision is None


def test_officer_cannot_unpublish_or_delete_own_published_page(client_a, council_a, officer_a):
    """Once live, an officer's own case study can be neither unpublished nor deleted by them."""
    page = CaseStudyPageFactory(parent=council_a, owner=officer_a, title="Alpha live project")
    page.save_revision(user=officer_a).publish()
    for url_name in ("wagtailadmin_pages:unpublish", "wagtailadmin_pages:delete"):
        assert_denied(client_a.get(reverse(url_name, args=[page.pk])))
        assert_denied(client_a.post(reverse(url_name, args=[page.pk])))
    page.refresh_from_db()
    assert page.live and Page.objects.filter(pk=page.pk).exists()


def test_officer_can_delete_own_draft(client_a, draft_a):
    """An officer may still throw away a draft that never went live."""
    response = client_a.post(reverse("wagtailadmin_pages:delete", args=[draft_a.pk]))
    assert response.status_code == 302
    assert not Page.objects.filter(pk=draft_a.pk).exists()


@pytest.mark.parametrize(
    "url",
    [
        "/admin/snippets/casestudies/approach/add/",
        "/admin/snippets/casestudies/theme/add/",
        "/admin/users/new/",
        "/admin/groups/new/",
        "/admin/members/onboard/",
        "/admin/members/invite/",
    ],
)
def test_officer_cannot_add_snippets_users_or_councils(client_a, url):
    """Taxonomy, users, groups, onboarding and invitations are closed to officers."""
    assert_denied(client_a.get(url))


def test_officer_snippet_post_creates_nothing(client_a):
    """A forged POST to add an approach is refused and creates no approach."""
    from casestudies.models import Approach

    before = Approach.objects.count()
    assert_denied(
        client_a.post("/admin/snippets/casestudies/approach/add/", {"name": "Spam", "slug": "spam"})
    )
    assert Approach.objects.count() == before


def _image_in(collection_name, title):
    return get_image_model().objects.create(
        title=title,
        file=get_test_image_file(),
        collection=Collection.objects.get(name=collection_name),
    )


def test_image_chooser_shows_only_own_collection(client_a, council_a, council_b):
    """Officer A's image chooser lists A's images and none of B's."""
    _image_in(council_a.title, "Ashford fridge photo")
    _image_in(council_b.title, "Brampton panel photo")
    content = client_a.get(reverse("wagtailimages_chooser:choose")).content.decode()
    assert "Ashford fridge photo" in content
    assert "Brampton panel photo" not in content


def test_image_chooser_refuses_choosing_other_councils_image(client_a, council_b):
    """Choosing B's image by its id is refused."""
    image = _image_in(council_b.title, "Brampton panel photo")
    assert_denied(client_a.get(reverse("wagtailimages_chooser:chosen", args=[image.pk])))


def test_upload_goes_only_into_own_collection(client_a, council_a, council_b):
    """Officer A can upload into A's collection but not into B's."""
    url = reverse("wagtailimages:add")

    def upload(council, title):
        return client_a.post(
            url,
            {
                "title": title,
                "description": "A test photograph",
                "file": SimpleUploadedFile("p.png", get_test_image_file().file.getvalue()),
                "collection": Collection.objects.get(name=council.title).pk,
            },
        )

    upload(council_b, "Sneaky upload")
    upload(council_a, "Own upload")
    images = get_image_model().objects.filter(title__in=["Sneaky upload", "Own upload"])
    assert images.filter(title="Own upload").exists()
    # Whatever was posted, nothing lands in B's collection.
    assert {image.collection.name for image in images} == {council_a.title}
