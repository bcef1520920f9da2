"""The cookies page: every cookie the site can set, named from the settings that name them.

Readers who are not signed in get none: no page they can reach without an account sets one
(tests/test_cookies.py checks the public pages, and that signing in sets only these).
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.shortcuts import render
from django.utils.timesince import timeuntil
from django.utils.timezone import now


def _lifetime(seconds):
    return timeuntil(now() + timedelta(seconds=seconds), now())


def cookies():
    """(name, purpose, who gets it, how long it lasts) for each cookie, in the order set."""
    return [
        (
            settings.CSRF_COOKIE_NAME,
            "Protects forms that change something, such as signing in, against forgery from "
            "other websites.",
            "Anyone who opens the sign-in page, an invitation link or the admin.",
            _lifetime(settings.CSRF_COOKIE_AGE),
        ),
        (
            settings.SESSION_COOKIE_NAME,
            "Keeps you signed in.",
            "Council officers and network staff, when they sign in.",
            "Until you sign out, or " + _lifetime(settings.SESSION_COOKIE_AGE),
        ),
        (
            CookieStorage.cookie_name,
            "Carries a confirmation such as “Page published” to the next page you see.",
            "Signed-in users, after an action in the admin.",
            "Deleted once the message is shown",
        ),
        (
            "wagtail_sidebar_collapsed",
            "Remembers whether you collapsed the admin's side menu.",
            "Signed-in users who collapse or expand that menu.",
            "Kept by your browser between visits",
        ),
    ]


def cookies_view(request):
    return render(request, "cookies.html", {"cookies": cookies()})
