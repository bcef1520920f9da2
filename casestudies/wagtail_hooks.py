from wagtail.snippets.models import register_snippet

from .models import Approach, Theme

register_snippet(Approach)
register_snippet(Theme)
