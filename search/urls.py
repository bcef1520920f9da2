from django.urls import path

from . import feeds, views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("search/", views.search_page, name="search"),
    path("search/feed/", feeds.search_feed, name="search_feed"),
    path("api/search/", views.api_search, name="api_search"),
    path("api/search/suggest/", views.api_suggest, name="api_search_suggest"),
    path("api/search/openapi.json", views.api_schema, name="api_search_schema"),
]
