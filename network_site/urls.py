from django.urls import include, path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from .api import api_router
from .cookies import cookies_view
from .deployment.media import media_urlpatterns
from .deployment.views import security_txt

urlpatterns = [
    # Before Wagtail's admin: narrower permissions for a few of its views.
    path("admin/", include("members.admin_overrides")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("invitations/", include("members.urls")),
    path("", include("search.urls")),
    path("", include("casestudies.urls")),
    path("", include("enquiries.urls")),
    path("sitemap.xml", sitemap),
    path(".well-known/security.txt", security_txt),
    path("cookies/", cookies_view, name="cookies"),
    path("robots.txt", TemplateView.as_view(template_name="robots.txt", content_type="text/plain")),
]

urlpatterns += media_urlpatterns()
urlpatterns.append(path("", include(wagtail_urls)))
