"""The signed-in user as every request needs it (the user row, the active
memberships with their companies, the staff groups and Django permissions),
kept in the cache between requests instead of read with four queries each
time (partner_portal.auth_backends, CurrentCompanyMiddleware).

An entry is valid while the user's token in the cache is the one it was
stored with. Every change the entry depends on gives the affected users a
new token (receivers below), once at the change and again when its
transaction commits: a request that read the database before the commit
stored its entry under the old token, which no one accepts any more. Changes
that concern many users at once (a company, a group or a permission) move a
shared generation instead. So a password change still ends the other
sessions (the session hash is checked against the fresh row), and a
deactivated user, membership or company loses access with the next request.
"""

import hashlib
import itertools
import time

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.db import transaction

_TIMEOUT = 60 * 60 * 24
_GENERATION_KEY = "portal:auth:generation"
_counter = itertools.count()
_schema = None


def _new_token() -> str:
    # Unique across workers and restarts without a shared counter.
    return f"{time.time_ns():x}.{next(_counter)}"


def _schema_mark() -> str:
    """Changes with the cached models' fields, so that a deploy that adds a
    field never unpickles rows without it."""
    global _schema
    if _schema is None:
        from partner_portal.models import Company, Membership

        names = [
            f"{model._meta.label}:{field.attname}"
            for model in (get_user_model(), Membership, Company)
            for field in model._meta.concrete_fields
        ]
        _schema = hashlib.sha256(",".join(names).encode()).hexdigest()[:12]
    return _schema


def _keys(user_id) -> tuple[str, str]:
    base = f"portal:auth:{_schema_mark()}:{user_id}"
    return f"{base}:token", f"{base}:entry"


def _current(key: str, known) -> str | None:
    if known is not None:
        return known
    token = _new_token()
    # add: a worker that just moved the token keeps its newer one.
    if cache.add(key, token, _TIMEOUT):
        return token
    return cache.get(key)


def _load(user_id):
    from partner_portal.permissions import staff_groups_of
    from partner_portal.selectors import memberships_of_user

    user = get_user_model()._default_manager.filter(pk=user_id).first()
    if user is None:
        return None
    memberships = list(
        memberships_of_user(user=user).select_related("company__contact_person")
    )
    for membership in memberships:
        membership.user = user
    user._portal_memberships = memberships
    # Both memoise on the user object (staff_groups_of, ModelBackend's
    # permission caches), so the cached copy carries the answers along.
    staff_groups_of(user)
    ModelBackend().get_all_permissions(user)
    return user


def cached_user(user_id):
    """The user with `_portal_memberships` (active memberships of active
    companies, by company name), the memoised staff groups and permissions
    and its `auth_version`; None for an unknown id."""
    token_key, entry_key = _keys(user_id)
    found = cache.get_many([_GENERATION_KEY, token_key, entry_key])
    generation = _current(_GENERATION_KEY, found.get(_GENERATION_KEY))
    token = _current(token_key, found.get(token_key))
    valid = (generation, token)
    entry = found.get(entry_key)
    if entry is not None and None not in valid and entry[0] == valid:
        return entry[1]
    user = _load(user_id)
    if user is not None and None not in valid:
        user._portal_auth_version = f"{generation}.{token}"
        cache.set(entry_key, (valid, user), _TIMEOUT)
    return user


def auth_version(user) -> str | None:
    """Changes whenever anything the cached user carries changes; None for a
    user not read through the cache. Caches of what follows from the user
    alone (the menus) put it in their keys."""
    return getattr(user, "_portal_auth_version", None)


def _renew(user_ids) -> None:
    if user_ids:
        cache.set_many({_keys(pk)[0]: _new_token() for pk in user_ids}, _TIMEOUT)


def _renew_all() -> None:
    cache.set(_GENERATION_KEY, _new_token(), _TIMEOUT)


def forget_users(user_ids) -> None:
    """Entries of these users are stale now and after the commit."""
    user_ids = set(user_ids)
    _renew(user_ids)
    transaction.on_commit(lambda: _renew(user_ids))


def forget_everyone() -> None:
    _renew_all()
    transaction.on_commit(_renew_all)


def _user_changed(sender, instance, update_fields=None, **kwargs):
    from partner_portal.models import Membership

    if "created" not in kwargs:
        # Deleted: companies lost their contact person by an update that sent
        # no signal.
        forget_everyone()
        return
    forget_users([instance.pk])
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return
    # Members of a company whose contact person this is carry the person's
    # name and address along with their company.
    forget_users(
        Membership.objects.filter(company__contact_person_id=instance.pk)
        .values_list("user_id", flat=True)
        .distinct()
    )


def _membership_changed(sender, instance, **kwargs):
    forget_users([instance.user_id])


def _everyone_changed(sender, **kwargs):
    forget_everyone()


def _user_m2m_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    if not reverse:
        forget_users([instance.pk])
    elif pk_set is not None and action != "post_clear":
        forget_users(pk_set)
    else:
        forget_everyone()


def connect() -> None:
    from django.contrib.auth.models import Group, Permission
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from partner_portal.models import Company, Membership

    user_model = get_user_model()
    for signal in (post_save, post_delete):
        for model, receiver in (
            (user_model, _user_changed),
            (Membership, _membership_changed),
            (Company, _everyone_changed),
            (Group, _everyone_changed),
            (Permission, _everyone_changed),
        ):
            signal.connect(
                receiver,
                sender=model,
                dispatch_uid=f"portal.auth.{model._meta.label}.{signal is post_save}",
            )
    for through in (user_model.groups.through, user_model.user_permissions.through):
        m2m_changed.connect(
            _user_m2m_changed,
            sender=through,
            dispatch_uid=f"portal.auth.{through._meta.label}",
        )
    m2m_changed.connect(
        _everyone_changed,
        sender=Group.permissions.through,
        dispatch_uid="portal.auth.group_permissions",
    )
