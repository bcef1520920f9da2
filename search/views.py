import dataclasses
import functools

import orjson
from django.conf import settings
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from casestudies.models import CouncilIndexPage

from . import ratelimit, service
from .client import ping
from .facets import FACETS
from .openapi import openapi_schema
from .params import (
    MAX_QUERY_LENGTH,
    SORT_CHOICES,
    InvalidSearch,
    SearchParams,
    clean_query,
    clean_text,
)
from .results import STATUS_LABELS
from .stop_words import ELASTICSEARCH_ENGLISH_STOP_WORDS

# Above this many options a facet shows its top ones and tucks the rest in a <details>.
FACET_VISIBLE = 8


def healthz(request):
    """Report the database and search node; 503 only when the database is down."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database = "ok"
    except Exception:
        database = "unavailable"
    search = "ok" if ping() else "unavailable"
    status = 200 if database == "ok" else 503
    return JsonResponse({"database": database, "search": search}, status=status)


def page_links(params, pages):
    """GOV.UK pagination items: first, last, and two either side of the current page."""
    items, previous = [], 0
    for number in range(1, pages + 1):
        if number in (1, pages) or abs(number - params.page) <= 2:
            if previous and number - previous > 1:
                items.append({"ellipsis": True})
            items.append(
                {
                    "number": number,
                    "href": params.url(page=number),
                    "current": number == params.page,
                }
            )
            previous = number
    return items


def facet_groups(results):
    """Each facet's options in its own order (ticking never moves one), the first few shown and
    the rest tucked in a <details>, open when it holds a selection."""
    groups = []
    for name, options in results.facets.items():
        more = options[FACET_VISIBLE:]
        groups.append(
            {
                "name": name,
                "legend": FACETS[name].legend,
                "top": options[:FACET_VISIBLE],
                "more": more,
                "has_selection": any(option["selected"] for option in more),
                "multi_select": FACETS[name].multi_select,
                "nothing_selected": not any(option["selected"] for option in options),
            }
        )
    return groups


def display_results(results):
    """Results with the labels the page shows beside the slugs the API returns."""
    return [
        {
            **result,
            "status_label": STATUS_LABELS.get(result["status"], ""),
            "example_council": result["council"]["is_example"],
        }
        for result in results.results
    ]


def chips(results):
    params = results.params
    return [
        {
            "legend": FACETS[name].legend,
            "label": option["label"],
            "href": params.without(name, option["value"]),
            "pair": (name, option["value"]),
        }
        for name, options in results.facets.items()
        for option in options
        if option["selected"]
    ]


def feed_url(params):
    """The Atom feed of exactly ``params``, its sort spelt out so it keeps the page's order."""
    return "/search/feed/" + params.url(sort=params.sort)


def loosening(results, chip_list):
    """On an empty page, each selected filter's remove link with what removing it gives (one
    request for them all); otherwise nothing."""
    if results.total or not chip_list:
        return []
    counts = dict(service.loosened(results.params))
    return [{**chip, "count": counts[chip["pair"]]} for chip in chip_list]


def browse_links():
    """Ways on from an empty page: every case study, and the councils."""
    links = [{"href": "/search/", "text": "browse all case studies"}]
    councils = CouncilIndexPage.objects.live().public().first()
    if councils:
        links.append({"href": councils.url, "text": "browse member councils"})
    return links


def page_error(request, message, status):
    context = {
        "error": message,
        "query": clean_text(request.GET.get("q", ""), MAX_QUERY_LENGTH),
        "canonical_url": request.build_absolute_uri("/search/"),
    }
    return render(request, "search/search.html", context, status=status)


def json_error(request, message, status):
    return JsonResponse({"error": message}, status=status)


def rate_limited(scope, setting, error_response):
    """Answer 429 with ``Retry-After`` once a client is over the rate named by ``setting``."""

    def decorate(view):
        @functools.wraps(view)
        def limited(request, *args, **kwargs):
            seconds = ratelimit.retry_after(request, scope, getattr(settings, setting))
            if not seconds:
                return view(request, *args, **kwargs)
            message = (
                f"Too many searches from your address: please wait {seconds} seconds and try again."
            )
            response = error_response(request, message, 429)
            response["Retry-After"] = str(seconds)
            return response

        return limited

    return decorate


def shown_suggestion(suggestion):
    """The spelling suggestion worth offering, or ``None`` when it ends in a stop word."""
    if not suggestion or suggestion.split()[-1].lower() in ELASTICSEARCH_ENGLISH_STOP_WORDS:
        return None
    return suggestion


def sort_for_new_words(params, data):
    """Relevance for new words, unless the form's sort differs from the old words' default.

    The form always sends its sort; ``prev_q`` (the words it was rendered for) tells a sort the
    person chose from the default they never touched.
    """
    if "prev_q" not in data:
        return params
    previous = clean_text(data["prev_q"], MAX_QUERY_LENGTH)
    untouched = params.sort == SearchParams(query=previous).default_sort
    if previous == params.query or not untouched:
        return params
    return dataclasses.replace(params, sort=params.default_sort)


@require_GET
@rate_limited("search", "SEARCH_RATE_LIMIT", page_error)
def search_page(request):
    """The search page: a plain GET form, so every state is a shareable URL."""
    try:
        params = SearchParams.from_querydict(request.GET)
    except InvalidSearch as error:
        return page_error(request, str(error), 400)
    params = sort_for_new_words(params, request.GET)
    results = service.search(params)
    params = results.params
    if params.page > max(results.pages, 1):
        # Past the end (results removed, or a hand-edited URL): the last page there is.
        last = dataclasses.replace(params, page=max(results.pages, 1))
        return redirect("/search/" + last.url())
    chip_list = chips(results)
    context = {
        "params": params,
        "query": params.query,
        "results": results,
        "facet_groups": facet_groups(results),
        "chips": chip_list,
        "loosening": loosening(results, chip_list),
        "browse_links": browse_links() if not results.total else [],
        "result_list": display_results(results),
        "clear_url": SearchParams(query=params.query).url(),
        # The search as understood, not the URL as sent (unknown values are not echoed).
        "canonical_url": request.build_absolute_uri("/search/" + params.url()),
        "feed_url": request.build_absolute_uri(feed_url(dataclasses.replace(params, page=1))),
        "sort_choices": SORT_CHOICES.items(),
        "pagination": page_links(params, results.pages),
        "previous_url": params.url(page=params.page - 1) if params.page > 1 else "",
        "next_url": params.url(page=params.page + 1) if params.page < results.pages else "",
        "first_shown": params.offset + 1,
        "last_shown": params.offset + len(results.results),
        "suggestion": shown_suggestion(results.suggestion),
        "suggestion_url": dataclasses.replace(params, query=results.suggestion or "", page=1).url(),
    }
    return render(request, "search/search.html", context)


def fast_json(data):
    """A JSON response encoded by orjson: the facets of a broad search hold hundreds of options."""
    return HttpResponse(orjson.dumps(data), content_type="application/json")


@require_GET
@rate_limited("search", "SEARCH_RATE_LIMIT", json_error)
def api_search(request):
    """JSON search; the same parameters as the page. See /api/search/openapi.json."""
    try:
        params = SearchParams.from_querydict(request.GET)
    except InvalidSearch as error:
        return json_error(request, str(error), 400)
    return fast_json(service.search(params).as_json())


@require_GET
@rate_limited("suggest", "SEARCH_SUGGEST_RATE_LIMIT", json_error)
def api_suggest(request):
    """Title completions for the search box."""
    try:
        prefix = clean_query(request.GET.get("q", ""))
    except InvalidSearch as error:
        return json_error(request, str(error), 400)
    backend, suggestions = service.suggest(prefix)
    return JsonResponse({"query": prefix, "backend": backend, "suggestions": suggestions})


@require_GET
def api_schema(request):
    return JsonResponse(openapi_schema())
