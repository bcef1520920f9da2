"""Driving the "Network review" workflow through the real admin views."""

from django.urls import reverse

from tests.helpers.admin import edit_form_data


def submit(client, page, user, **changes):
    """Submit a page for review through the editor, as an officer presses the button."""
    data = edit_form_data(page, user, **{"action-submit": "Submit", **changes})
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 302, response.content[:2000]
    page.refresh_from_db()
    return page.current_workflow_task_state


def act(client, page, task_state, action, **data):
    """Post a workflow ``action`` (approve, reject) on ``task_state`` of ``page``."""
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    return client.post(url, data)
