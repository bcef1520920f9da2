"""Signals other apps may listen to without this app knowing them (search depends on us)."""

from django.dispatch import Signal

# Sent after pages were inserted in bulk, bypassing save() and the publish signals.
case_studies_bulk_created = Signal()
