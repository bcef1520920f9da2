"""Public page URLs built in bulk, for search documents and results."""

from wagtail.models import Site


class UrlBuilder:
    """Page URLs from ``url_path`` and the site roots, without a query per page."""

    def __init__(self):
        self.roots = Site.get_site_root_paths()

    def __call__(self, url_path):
        for root in self.roots:
            if url_path.startswith(root.root_path):
                path = url_path[len(root.root_path) - 1 :]
                return path if len(self.roots) == 1 else root.root_url + path
        return None
