# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Access checks shared by the addons' public methods (see SECURITY.md).

Any logged-in user, portal included, can call a public model method over RPC with any
arguments: a public method that is not plain ORM checks the caller's rights with these.
"""
from odoo import SUPERUSER_ID, _
from odoo.exceptions import AccessError


def require_superuser(env):
    """Refuse every caller but the superuser: for hooks that must keep a public name, such as
    ``init`` (which the server calls on install and update as the superuser)."""
    if env.uid != SUPERUSER_ID:
        raise AccessError(_("Only the server itself may run this operation."))


def require_group(env, xmlid, message=None):
    """Refuse callers outside the group ``xmlid`` (the superuser always passes).

    :param message: the translated refusal; by default one naming the group
    """
    if env.uid == SUPERUSER_ID or env.user.has_group(xmlid):
        return
    if message is None:
        group = env.ref(xmlid).sudo()
        message = _("This operation is reserved to the group %(group)s.") % {
            'group': group.full_name}
    raise AccessError(message)


def is_internal_user(env):
    """Whether the current user is an employee (or the superuser), not a portal or public
    user: for computed fields, which show nothing rather than refuse."""
    return env.uid == SUPERUSER_ID or not env.user.share


def require_internal_user(env):
    """Refuse portal and public users: the operation serves employees only."""
    if not is_internal_user(env):
        raise AccessError(_("This operation is not available on the customer portal."))


def readable_ids(records):
    """The ids of ``records`` that the current user may read: access rights and record rules,
    archived records included, in one query; all of them for the superuser."""
    if records.env.uid == SUPERUSER_ID:
        return set(records.ids)
    if not records.check_access_rights('read', raise_exception=False):
        return set()
    return set(records.with_context(active_test=False)._search(
        [('id', 'in', records.ids)], order='id'))


def acting_user_id(env):
    """The user to name as the author of a change (history rows, chatter notes).

    The server's own paths run as the superuser after their checks and name the real user in
    the context key ``c360_acting_user_id``; anyone else is named as themselves, whatever the
    context says (RPC callers control the context).
    """
    if env.uid == SUPERUSER_ID:
        return env.context.get('c360_acting_user_id') or env.uid
    return env.uid


def readable_report_entities(env, docids, data, message):
    """The commercial entities of the partners a report prints (``docids``, else
    ``data['partner_ids']``), refused with ``message`` (an AccessError) unless the user may
    read every one of them and their companies: for reports, which ``/report/...`` serves to
    any logged-in user."""
    require_internal_user(env)
    partners = env['res.partner'].browse(docids or (data or {}).get('partner_ids') or [])
    partners = partners | partners.sudo().mapped('commercial_partner_id').sudo(env.uid)
    if readable_ids(partners) != set(partners.ids):
        raise AccessError(message)
    return partners.mapped('commercial_partner_id')


def readable_sql(model, domain, column='id'):
    """SQL selecting ``column`` of the records of ``model`` that match ``domain`` and that the
    current user may read (access rights, record rules), as ``(sql, params)``: a subquery
    for code that counts or sums in SQL without listing the records first. Refuses (as a
    search does) a user without the read right."""
    model.check_access_rights('read')
    query = model._where_calc(domain)
    model._apply_ir_rules(query, 'read')
    from_clause, where_clause, params = query.get_sql()
    return ('SELECT "%s".%s FROM %s WHERE %s' % (
        model._table, column, from_clause, where_clause or 'TRUE'), list(params))
