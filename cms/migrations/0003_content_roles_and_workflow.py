"""Content roles: editors write and submit, approvers review and publish.

"Content editor" (a staff group from partner_portal) may add and edit pages,
documents, images and news categories and copy pages for translation; "Content
approver" may also publish. Pages go through the "Content approval" workflow,
whose one task is approved by the Content approvers (and Wagtail's own
Moderators), from the root page down."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR = "Content editor"
APPROVER = "Content approver"

EDITOR_PAGE = ["add_page", "change_page", "lock_page"]
APPROVER_PAGE = [*EDITOR_PAGE, "publish_page", "unlock_page"]
COLLECTION = [
    ("cms", "portaldocument", ["add", "change", "choose"]),
    ("wagtailimages", "image", ["add", "change", "choose"]),
]
MODEL = [
    ("cms", "newscategory", ["add", "change", "delete", "view"]),
]


def _permission(apps, app_label, model, codename):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(
        content_type__app_label=app_label,
        content_type__model=model,
        codename=codename,
    )


def grant(apps, schema_editor):
    # Permissions are normally made after migrating; these rules need them now.
    for config in apps.get_app_configs():
        config.models_module = True
        create_permissions(config, apps=apps, verbosity=0)
        config.models_module = None

    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model(
        "wagtailcore", "GroupCollectionPermission"
    )
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    editor, _created = Group.objects.get_or_create(name=EDITOR)
    approver, _created = Group.objects.get_or_create(name=APPROVER)
    root = Page.objects.filter(depth=1).first()
    collection = Collection.objects.filter(depth=1).first()
    admin_access = _permission(apps, "wagtailadmin", "admin", "access_admin")
    translate = _permission(
        apps, "simple_translation", "simpletranslation", "submit_translation"
    )

    for group, page_codenames in ((editor, EDITOR_PAGE), (approver, APPROVER_PAGE)):
        group.permissions.add(admin_access, translate)
        for app_label, model, actions in MODEL:
            group.permissions.add(
                *[_permission(apps, app_label, model, f"{a}_{model}") for a in actions]
            )
        if root is not None:
            for codename in page_codenames:
                GroupPagePermission.objects.get_or_create(
                    group=group,
                    page=root,
                    permission=_permission(apps, "wagtailcore", "page", codename),
                )
        if collection is not None:
            for app_label, model, actions in COLLECTION:
                for action in actions:
                    GroupCollectionPermission.objects.get_or_create(
                        group=group,
                        collection=collection,
                        permission=_permission(
                            apps, app_label, model, f"{action}_{model}"
                        ),
                    )

    task_type, _created = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name="Content approver review").first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name="Content approver review", content_type=task_type, active=True
        )
    task.groups.add(approver, *Group.objects.filter(name="Moderators"))
    workflow, _created = Workflow.objects.get_or_create(
        name="Content approval", defaults={"active": True}
    )
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task=task, defaults={"sort_order": 0}
    )
    if root is not None:
        WorkflowPage.objects.update_or_create(
            page=root, defaults={"workflow": workflow}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0002_portal_content"),
        ("partner_portal", "0002_staff_groups"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailadmin", "0006_formstate"),
        ("simple_translation", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
