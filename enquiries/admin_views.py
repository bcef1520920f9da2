"""Network staff's log of questions to case study authors (officers see none of it)."""

from django.conf import settings
from django.contrib.auth.decorators import user_passes_test
from django.core.paginator import Paginator
from django.shortcuts import render

from operations.views import is_network_staff

from .models import Enquiry

PAGE_SIZE = 50


@user_passes_test(is_network_staff)
def enquiries_view(request):
    enquiries = Enquiry.objects.select_related("case_study", "council")
    return render(
        request,
        "enquiries/admin_list.html",
        {
            "page_title": "Questions to case study authors",
            "keep_days": settings.ENQUIRY_KEEP_DAYS,
            "enquiries": Paginator(enquiries, PAGE_SIZE).get_page(request.GET.get("p")),
        },
    )
