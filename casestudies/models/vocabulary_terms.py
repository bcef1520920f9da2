"""Shared field helpers and the curated vocabulary terms (approaches, themes)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.text import slugify
from wagtail.admin.panels import (
    FieldPanel,
)

YEAR_VALIDATORS = [MinValueValidator(1900), MaxValueValidator(2100)]
MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
MONTH_CHOICES = [(number, name) for number, name in enumerate(MONTH_NAMES, start=1)]
COUNCIL_PAGE_SIZE = 20


def month_year(year, month):
    """'March 2019', or '2019' when the month is not known; '' without a year."""
    if not year:
        return ""
    return f"{MONTH_NAMES[month - 1]} {year}" if month else str(year)


class VocabularyTerm(models.Model):
    """A curated term: the slug is what URLs, the index and the facets use."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:100]
        super().save(*args, **kwargs)


class Approach(VocabularyTerm):
    class Meta(VocabularyTerm.Meta):
        verbose_name_plural = "approaches"


class Theme(VocabularyTerm):
    pass
