"""The public "Ask the author" form of a case study, and its confirmation."""

from django.conf import settings
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from casestudies.models import CaseStudyPage
from search.ratelimit import retry_after

from .forms import MESSAGE_MAX, AskAuthorForm
from .relay import relay

RATE_SCOPE = "ask-author"


def wait_text(seconds):
    """``Retry-After`` in words: seconds under two minutes, else whole minutes rounded up."""
    if seconds < 120:
        return f"{seconds} seconds"
    return f"{-(-seconds // 60)} minutes"


def published_case_study(page_id):
    return get_object_or_404(
        CaseStudyPage.objects.live().public().select_related("council"), pk=page_id
    )


# No CSRF cookie: public pages set none (tests/test_cookies.py). The form acts for no account
# (it relays only what is typed into it), so a forged post gains nothing a direct one would
# not; the per-address rate limit and the honeypot are what stop abuse.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def ask_view(request, page_id):
    page = published_case_study(page_id)
    form = AskAuthorForm(request.POST or None)
    context = {
        "page": page,
        "form": form,
        "council": page.council,
        "keep_days": settings.ENQUIRY_KEEP_DAYS,
        "message_max": MESSAGE_MAX,
    }
    if request.method == "POST":
        seconds = retry_after(request, RATE_SCOPE, settings.ENQUIRY_RATE_LIMIT)
        if seconds:
            # The form comes back filled in, so nothing typed is lost while waiting.
            form.is_valid()
            context["rate_limited"] = (
                f"Too many questions from your address: wait {wait_text(seconds)}, then send "
                "it again. Your question is still in the form below."
            )
            response = render(request, "enquiries/ask.html", context, status=429)
            response["Retry-After"] = str(seconds)
            return response
        if form.is_valid():
            if not form.is_robot():
                relay(page, form.cleaned_data)
            return redirect("enquiries:sent", page_id=page.pk)
    return render(request, "enquiries/ask.html", context)


@require_GET
def sent_view(request, page_id):
    page = published_case_study(page_id)
    context = {
        "page": page,
        "council": page.council,
        "network_email": settings.NETWORK_CONTACT_EMAIL,
    }
    return render(request, "enquiries/sent.html", context)
