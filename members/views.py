"""Admin views for network administrators, and the public invitation page."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import permission_required

from casestudies.models import CouncilPage

from .forms import AcceptInvitationForm, InviteOfficerForm, OnboardCouncilForm
from .invitations import accept_invitation as accept
from .invitations import send_invitation
from .models import Invitation, InvitationError
from .onboarding import onboard_council


@permission_required("members.onboard_council")
def onboard_council_view(request):
    form = OnboardCouncilForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        existed = CouncilPage.objects.filter(slug=slugify(form.cleaned_data["title"])).exists()
        try:
            council = onboard_council(**form.onboard_kwargs(), user=request.user)
        except ValidationError as error:
            # Model rules the form does not know about (e.g. official name length).
            form.add_error(None, error.messages)
        else:
            if existed:
                messages.warning(
                    request,
                    f"{council.title} was already onboarded: its officer group and collection "
                    "are in place, and nothing else was changed.",
                )
            else:
                messages.success(
                    request,
                    f"{council.title} is onboarded, with its officer group and collection.",
                )
            return redirect("members_admin:invite_officer")
    return render(
        request,
        "members/admin_form.html",
        {
            "form": form,
            "page_title": "Onboard a council",
            "submit_label": "Onboard",
            "intro": "Creates the council's page, its officer group (add and edit, never "
            "publish, on that council's pages only) and its image and document collection.",
        },
    )


@permission_required("members.add_invitation")
def invite_officer_view(request):
    form = InviteOfficerForm(request.POST or None, initial={"council": request.GET.get("council")})
    if request.method == "POST" and form.is_valid():
        invitation = send_invitation(
            form.cleaned_data["council"],
            form.cleaned_data["email"],
            request.user,
        )
        messages.success(
            request, f"Invitation sent to {invitation.email} for {invitation.council.title}."
        )
        return redirect("members_admin:invite_officer")
    return render(
        request,
        "members/admin_form.html",
        {
            "form": form,
            "page_title": "Invite a council officer",
            "submit_label": "Send invitation",
            "intro": "The officer gets an email with a link that works once, for 7 days. "
            "It lets them choose a username and password and joins them to the council.",
            "recent": Invitation.objects.select_related("council")[:10],
        },
    )


@never_cache
def accept_invitation_view(request, token):
    try:
        invitation = Invitation.from_token(token)
    except InvitationError as error:
        return _refused(request, error)
    User = get_user_model()
    form = AcceptInvitationForm(request.POST or None, instance=User(email=invitation.email))
    if request.method == "POST" and form.is_valid():
        try:
            user = accept(token, form)
        except InvitationError as error:
            return _refused(request, error)
        return render(
            request,
            "members/invitation_accepted.html",
            {
                "user": user,
                "council": invitation.council,
                "login_url": reverse("wagtailadmin_login"),
            },
        )
    return render(
        request, "members/invitation_accept.html", {"form": form, "invitation": invitation}
    )


def _refused(request, error):
    return render(
        request,
        "members/invitation_refused.html",
        {"message": str(error)},
        status=error.status,
    )
