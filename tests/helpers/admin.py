"""Using the Wagtail admin as a signed-in user: clients and the page edit form's data."""

from django.test import Client
from django.urls import reverse
from wagtail.blocks.base import BlockField
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield


def signed_in(user):
    """A test client signed in as ``user``."""
    client = Client()
    client.force_login(user)
    return client


def edit_form_data(page, user, **changes):
    """What the page's edit form would post unchanged, plus ``changes`` (body left empty)."""
    form_class = page.specific_class.get_edit_handler().get_form_class()
    form = form_class(instance=page.specific, for_user=user)
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(field, BlockField):
            data.update(nested_form_data({name: streamfield([])}))
        elif name == "tags":
            data[name] = ", ".join(tag.name for tag in value or [])
        elif isinstance(value, list | tuple):
            data[name] = [str(item) for item in value]
        elif value not in (None, False):
            # An unticked checkbox is posted by leaving it out.
            data[name] = value
    for prefix in form.formsets:
        data.update(nested_form_data({prefix: inline_formset([])}))
    data.update(changes)
    return data


def publish_in_admin(user, page):
    """Post ``page``'s edit form with the publish action as ``user``; the admin's response."""
    return signed_in(user).post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        edit_form_data(page, user, **{"action-publish": "Publish"}),
    )
