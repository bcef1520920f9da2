"""How the site is deployed: loopback-only debug servers, the Site record, uploaded media.

An app of its own (no models) so that its commands, among them the ``runserver`` override,
are found without touching the content or members apps.
"""
