"""ProcessCache: a value kept per process, reloaded when it is old or forgotten."""

from network_site.caching import ProcessCache


def test_copies_are_reloaded_once_they_are_older_than_their_lifetime():
    """A copy whose lifetime has passed is loaded again; a fresh one is not."""
    loads = []
    cache = ProcessCache(lambda: loads.append(1) or len(loads), ttl=60)
    assert (cache.get(), cache.get()) == (1, 1)
    cache.expires = 0
    assert cache.get() == 2


def test_a_forgotten_copy_is_loaded_on_the_next_read():
    """forget() (a signal receiver) makes the next get() load again."""
    loads = []
    cache = ProcessCache(lambda: loads.append(1) or len(loads), ttl=60)
    cache.get()
    cache.forget(sender=object)
    assert cache.get() == 2
