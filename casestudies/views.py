"""Public views of the case studies app that are not Wagtail pages: comparing case studies."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from .models import CaseStudyPage

MIN_COMPARED = 2
MAX_COMPARED = 3
# A search's query string is bounded by its parameter caps; anything longer is not one.
MAX_BACK_LENGTH = 4000


class InvalidComparison(ValueError):
    """A choice of case studies the visitor can fix; the message says how."""


def compared_ids(data):
    """The page ids in ``?ids=``, in the order given, without repeats."""
    raw = [value.strip() for value in data.getlist("ids") if value.strip()]
    if any(not value.isascii() or not value.isdigit() or len(value) > 12 for value in raw):
        raise InvalidComparison("Case studies are chosen by their number, like ?ids=12&ids=34.")
    ids = list(dict.fromkeys(int(value) for value in raw))
    if not MIN_COMPARED <= len(ids) <= MAX_COMPARED:
        raise InvalidComparison(
            f"Tick {MIN_COMPARED} or {MAX_COMPARED} case studies to compare (you chose {len(ids)})."
        )
    return ids


def compared_pages(ids):
    """The live, public case studies with these ids, in that order, with what the table shows."""
    pages = (
        CaseStudyPage.objects.live()
        .public()
        .filter(pk__in=ids)
        .select_related("council")
        .prefetch_related("approaches", "themes", "partners", "outcomes")
    )
    by_id = {page.pk: page for page in pages}
    if len(by_id) < len(ids):
        raise InvalidComparison(
            "One or more of those case studies is not published: choose them again from the search."
        )
    return [by_id[pk] for pk in ids]


def back_url(data):
    """The search the ticks came from (its query string), else the search page."""
    back = data.get("back", "")
    if back.startswith("?") and len(back) <= MAX_BACK_LENGTH and back.isprintable():
        return "/search/" + back
    return "/search/"


@require_GET
def compare(request):
    """Two or three case studies side by side; any other choice is a 400 saying why."""
    context = {"back_url": back_url(request.GET)}
    try:
        context["pages"] = compared_pages(compared_ids(request.GET))
    except InvalidComparison as error:
        context["error"] = str(error)
        return render(request, "casestudies/compare.html", context, status=400)
    return render(request, "casestudies/compare.html", context)
