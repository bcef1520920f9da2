"""Per-client search rate limits, counted in a cache that every web worker shares.

A fixed window per client and scope: the first request of a window adds a counter that
expires with it, each request increments it, and above the limit the answer is how many
seconds remain in the window (``Retry-After``).
"""

import ipaddress
import logging
import math
import re
import time
from functools import cache

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured

from network_site.clients import client_address

logger = logging.getLogger(__name__)

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
RATE = re.compile(r"^\s*(\d+)\s*/\s*([smhd])\s*$")


@cache
def parse_rate(rate):
    """``"60/m"`` -> ``(60, 60)``: requests allowed, window in seconds."""
    match = RATE.match(rate)
    if not match:
        raise ImproperlyConfigured(f"Rate {rate!r} must look like 60/m (a number per s, m, h or d)")
    return int(match[1]), PERIODS[match[2]]


def client_bucket(request):
    """The client's address; IPv6 clients by their /64, which one household usually holds."""
    address = client_address(request)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return address


def retry_after(request, scope, rate):
    """Count this request against ``rate``; seconds to wait if it is over, else 0."""
    if not rate:
        return 0
    limit, period = parse_rate(rate)
    now = time.time()
    window = int(now // period)
    key = f"rate:{scope}:{client_bucket(request)}:{window}"
    store = caches[settings.SEARCH_RATE_LIMIT_CACHE]
    try:
        store.add(key, 0, timeout=period + 1)
        try:
            count = store.incr(key)
        except ValueError:  # expired between add and incr
            store.set(key, 1, timeout=period + 1)
            count = 1
    except Exception:
        # A broken cache (say, a missing table) must not take search down with it.
        logger.exception("Search rate limit cache unavailable; request not counted")
        return 0
    if count <= limit:
        return 0
    return max(1, math.ceil((window + 1) * period - now))
