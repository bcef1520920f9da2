"""The network's roles as Django groups, with Wagtail page and collection permissions.

Every function takes an app registry so the data migrations can run them against the
historical models, and the post_migrate handler can run them again for models added later.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions

MODERATORS = "Network moderators"
ADMINISTRATORS = "Network administrators"

OFFICER_PAGE_PERMISSIONS = ("add_page", "change_page")
MODERATOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
ADMINISTRATOR_PAGE_PERMISSIONS = (*MODERATOR_PAGE_PERMISSIONS, "bulk_delete_page")

OFFICER_COLLECTION_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
)
STAFF_COLLECTION_PERMISSIONS = (
    *OFFICER_COLLECTION_PERMISSIONS,
    ("wagtailimages", "delete_image"),
    ("wagtaildocs", "delete_document"),
)

# Snippets that moderators curate; a model that is not installed (yet) is passed over.
CURATED_SNIPPETS = (("casestudies", "approach"), ("casestudies", "theme"), ("search", "synonym"))
SNIPPET_ACTIONS = ("add", "change", "delete", "view")
ACCESS_ADMIN = ("wagtailadmin", "access_admin")


def _permission(apps, app_label, codename):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _ensure_permissions_exist(apps, using):
    """Create any missing model permissions (on a fresh database they arrive after migrations)."""
    for app_config in apps.get_app_configs():
        # Historical app configs carry no models module, which create_permissions requires.
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        create_permissions(app_config, verbosity=0, using=using, apps=apps)
        app_config.models_module = models_module


def _grant_page_permissions(apps, group, page_id, codenames):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group, page_id=page_id, permission=_permission(apps, "wagtailcore", codename)
        )


def _grant_collection_permissions(apps, group, collection_id, permissions):
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    for app_label, codename in permissions:
        GroupCollectionPermission.objects.get_or_create(
            group=group,
            collection_id=collection_id,
            permission=_permission(apps, app_label, codename),
        )


def _home_page_id(apps):
    HomePage = apps.get_model("casestudies", "HomePage")
    home = HomePage.objects.order_by("pk").first()
    return home.pk if home else None


def _snippet_permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    permissions = []
    for app_label, model_name in CURATED_SNIPPETS:
        try:
            apps.get_model(app_label, model_name)
        except LookupError:
            continue
        permissions += Permission.objects.filter(
            content_type__app_label=app_label,
            codename__in=[f"{action}_{model_name}" for action in SNIPPET_ACTIONS],
        )
    return permissions


def ensure_roles(apps=global_apps, using="default"):
    """Create or top up the moderators and administrators groups; safe to run again."""
    _ensure_permissions_exist(apps, using)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()
    home_id = _home_page_id(apps)

    moderators, _ = Group.objects.get_or_create(name=MODERATORS)
    moderators.permissions.add(_permission(apps, *ACCESS_ADMIN), *_snippet_permissions(apps))
    if home_id:
        _grant_page_permissions(apps, moderators, home_id, MODERATOR_PAGE_PERMISSIONS)
    if root_collection:
        _grant_collection_permissions(
            apps, moderators, root_collection.pk, STAFF_COLLECTION_PERMISSIONS
        )

    # Administrators hold every model permission there is, now and after each migrate.
    administrators, _ = Group.objects.get_or_create(name=ADMINISTRATORS)
    administrators.permissions.add(*Permission.objects.all())
    if root_page:
        _grant_page_permissions(apps, administrators, root_page.pk, ADMINISTRATOR_PAGE_PERMISSIONS)
    if root_collection:
        _grant_collection_permissions(
            apps, administrators, root_collection.pk, STAFF_COLLECTION_PERMISSIONS
        )
    return moderators, administrators


def ensure_officer_group(council, collection, apps=global_apps):
    """The council's officer group: add and edit (never publish) its subtree, use its collection."""
    Group = apps.get_model("auth", "Group")
    group = council_group(council, apps=apps)
    if group is None:
        group, _ = Group.objects.get_or_create(name=f"{council.title[:140]} officers")
    group.permissions.add(_permission(apps, *ACCESS_ADMIN))
    _grant_page_permissions(apps, group, council.pk, OFFICER_PAGE_PERMISSIONS)
    _grant_collection_permissions(apps, group, collection.pk, OFFICER_COLLECTION_PERMISSIONS)
    return group


def council_group(council, apps=global_apps):
    """The officer group that may add pages under this council, or None."""
    Group = apps.get_model("auth", "Group")
    return (
        Group.objects.filter(
            page_permissions__page_id=council.pk,
            page_permissions__permission__codename="add_page",
        )
        .exclude(name__in=[MODERATORS, ADMINISTRATORS])
        .order_by("pk")
        .first()
    )
