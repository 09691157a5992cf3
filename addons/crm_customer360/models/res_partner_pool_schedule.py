# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""When each owned customer goes back to the public pool (the nightly job that releases them:
``res_partner_pool_release.py``).

One SQL query (``_pool_schedule_query``) gives, for every owned customer or for a page of
them, the date of its coming release and why: the latest of its last contact logged by its
owner or a co-owner, its last confirmed order and the day it was given to its current owner,
plus the release period; or the exemption that keeps it with its owner. A contact logged by
someone else (any salesperson may log one on a customer they can read) does not put off the
release: otherwise anyone could keep a colleague's neglected customer out of the pool. The card's ``pool_release_date`` and
``pool_release_reason``, the "Released Tomorrow" list and the nightly job all read it, so they
always agree.

The rules are those of each customer's company (``res_company_settings.py``; a customer
without a company follows the main company, as for its calendar, whoever runs the query):
the query joins ``res_company``, so that one statement serves every company. ``settings``
arguments below are the user's current company's (``_pool_settings``); the query does not
read them.

To give some customers another release period, override ``_pool_release_periods`` (the
grading module gives each grade its own period): it returns values, the query is built here.
"""
from datetime import timedelta

from psycopg2 import sql

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..access import require_group
from ..tz import company_tz_sql, local_date_sql, user_today

from ..facts import not_staff_sql, order_sql, unpaid_invoices_sql

# How a release date may be compared (a search, ``_pool_schedule``).
RELEASE_DATE_OPERATORS = ('=', '!=', '<', '<=', '>', '>=')

# Why a customer is kept with its owner, in the order they are checked.
EXEMPTIONS = ('locked', 'open_order', 'unpaid_invoice')


class ResPartner(models.Model):
    _inherit = 'res.partner'

    pool_release_date = fields.Date(
        'Goes to Pool On', compute='_compute_pool_release', search='_search_pool_release_date',
        help="The day the nightly job will release this customer to the public pool, unless "
             "its owner or a co-owner logs a contact or it gets an order before; empty when "
             "the customer is kept with its owner.")
    pool_release_reason = fields.Char(
        'Pool Status', compute='_compute_pool_release',
        help="Why the customer goes back to the public pool on that day, or why it stays "
             "with its owner.")
    pool_days_left = fields.Integer(
        'Days to Pool', compute='_compute_pool_release',
        help="Days left, in your calendar, until the customer goes back to the public pool "
             "(0: today or overdue); empty when it stays with its owner.")

    # ------------------------------------------------------------------
    # The schedule in SQL
    # ------------------------------------------------------------------
    @api.model
    def _pool_release_periods(self, settings):
        """Release periods other than the company's setting, first match wins: a list of
        ``(field, days)``, where ``field`` is an integer or many-to-one column of
        ``res.partner`` and ``days`` either a map ``{value: days}`` or, for a many-to-one,
        the name of an integer field of its model that holds the days (0 or empty: no
        period of its own; read in the schedule's query, so it costs no query).
        Default: none. Override to give some customers another period, for instance::

            periods = super()._pool_release_periods(settings)
            return [('team_id', {team.id: 60})] + periods
        """
        return []

    @api.model
    def _pool_release_days_clause(self, settings):
        """SQL expression of the release period in days of the customer row ``p``
        (``res_partner``), as ``(sql, params)``: the first of ``_pool_release_periods``
        that has the customer's value, else the setting of the customer's company (the row
        ``rc``, ``res_company``)."""
        choices, params = [], []
        for name, days in self._pool_release_periods(settings):
            field = self._fields.get(name)
            if not (field and field.store and field.type in ('many2one', 'integer')):
                raise ValueError("_pool_release_periods: %r is no stored integer or "
                                 "many2one field of res.partner" % name)
            if isinstance(days, dict):
                choices.append(sql.SQL(
                    "(SELECT d.days FROM unnest(%s::int[], %s::int[]) AS d(value, days) "
                    "WHERE d.value = p.{})").format(sql.Identifier(name)))
                params += [list(days), [int(days[value]) for value in days]]
                continue
            comodel = self.env[field.comodel_name] if field.type == 'many2one' else None
            days_field = comodel._fields.get(days) if comodel is not None else None
            if not (days_field and days_field.store and days_field.type == 'integer'):
                raise ValueError("_pool_release_periods: %r is no stored integer field of "
                                 "the model of %r" % (days, name))
            choices.append(sql.SQL(
                "(SELECT NULLIF(d.{}, 0) FROM {} d WHERE d.id = p.{})").format(
                sql.Identifier(days), sql.Identifier(comodel._table), sql.Identifier(name)))
        choices.append(sql.SQL('rc.pool_release_days'))
        return (sql.SQL('COALESCE({})').format(sql.SQL(', ').join(choices))
                .as_string(self.env.cr._obj)), params

    @api.model
    def _pool_schedule_query(self, settings, partner_ids=None):
        """The query of the coming releases, as ``(sql, params)``.

        It returns one row per owned customer that is its own commercial entity and not in
        the pool, of a company whose pool is enabled: ``id, user_id, basis_kind ('contact',
        'order' or 'assigned'), basis_date, basis_day, release_date, today, exempt`` (one of
        ``EXEMPTIONS`` or NULL, by the exemptions the customer's company keeps) and
        ``open_orders_kept`` (whether the company keeps customers with open orders). Days are
        those of the customer's company's calendar (``tz.company_tz_sql``): ``basis_day`` is
        the day of the last contact, order or assignment there, ``release_date`` that day
        plus the period, ``today`` today there. Users' own partners are no customers.

        :param partner_ids: restrict to these customers (a page of a list); None for all
        """
        days_sql, days_params = self._pool_release_days_clause(settings)
        only = partner_ids is not None
        filter_p = "AND p.id = ANY(%s)" if only else ""
        filter_c = "AND c.commercial_partner_id = ANY(%s)" if only else ""
        # Each exemption applies where the customer's company keeps it.
        exempt = """CASE
            WHEN cu.exempt_locked AND cu.pool_locked THEN 'locked'
            WHEN cu.exempt_open_orders AND o.open_order THEN 'open_order'
            WHEN cu.exempt_unpaid_invoices AND EXISTS (
                SELECT 1 FROM account_invoice i
                 WHERE i.commercial_partner_id = cu.id AND %s) THEN 'unpaid_invoice'
            END""" % unpaid_invoices_sql('i')
        sql = """
            WITH cu AS (
                SELECT p.id, p.user_id, p.pool_locked,
                       (SELECT MAX(i.date) FROM crm_customer_interaction i
                         WHERE i.partner_id = p.id
                           AND (i.user_id = p.user_id
                                OR i.user_id IN (SELECT r.user_id
                                                   FROM crm_customer_co_owner_rel r
                                                  WHERE r.partner_id = p.id))
                       ) AS last_contact,
                       COALESCE((SELECT MAX(h.date) FROM crm_customer_ownership_history h
                                  WHERE h.partner_id = p.id AND h.to_user_id = p.user_id),
                                p.create_date) AS assigned_date,
                       ({days}) AS days,
                       {tz} AS tz,
                       rc.pool_exempt_locked AS exempt_locked,
                       rc.pool_exempt_open_orders AS exempt_open_orders,
                       rc.pool_exempt_unpaid_invoices AS exempt_unpaid_invoices
                  FROM res_partner p
                  JOIN res_company rc
                    ON rc.id = COALESCE(p.company_id, (SELECT MIN(id) FROM res_company))
                 WHERE rc.pool_enabled AND p.customer AND p.parent_id IS NULL AND p.active
                   AND p.in_pool IS NOT TRUE AND p.user_id IS NOT NULL AND {not_staff}
                   {filter_p}
            ), o AS (
                SELECT c.commercial_partner_id AS id, MAX(so.date_order) AS last_order,
                       BOOL_OR(so.state = 'sale'
                               AND so.invoice_status IS DISTINCT FROM 'invoiced') AS open_order
                  FROM sale_order so
                  JOIN res_partner c ON c.id = so.partner_id
                 WHERE {confirmed} {filter_c}
              GROUP BY c.commercial_partner_id
            )
            SELECT s.id, s.user_id,
                   CASE WHEN s.basis = s.last_contact THEN 'contact'
                        WHEN s.basis = s.last_order THEN 'order'
                        ELSE 'assigned' END AS basis_kind,
                   s.basis AS basis_date,
                   {basis_day} AS basis_day,
                   {basis_day} + s.days AS release_date,
                   (now() AT TIME ZONE s.tz)::date AS today,
                   s.exempt, s.open_orders_kept
              FROM (SELECT cu.id, cu.user_id, cu.last_contact, o.last_order,
                           GREATEST(cu.last_contact, o.last_order,
                                    cu.assigned_date) AS basis,
                           cu.days, cu.tz, {exempt} AS exempt,
                           COALESCE(cu.exempt_open_orders, FALSE) AS open_orders_kept
                      FROM cu LEFT JOIN o ON o.id = cu.id) s
        """.format(days=days_sql, filter_p=filter_p, filter_c=filter_c,
                   exempt=exempt, tz=company_tz_sql('p.company_id'),
                   not_staff=not_staff_sql('p'), confirmed=order_sql('so'),
                   basis_day=local_date_sql('s.basis', 's.tz'))
        # Positional parameters in the order of the text: period, then the two filters.
        params = list(days_params) + ([list(partner_ids)] * 2 if only else [])
        return sql, params

    @api.model
    def _pool_schedule(self, settings, partner_ids=None, scheduled=False, release_date=None):
        """Rows of ``_pool_schedule_query`` as dicts.

        :param partner_ids: only these customers; None for all
        :param scheduled: only the customers that no exemption keeps with their owner
        :param release_date: ``(operator, date)``: only the customers whose release date
            compares so (``=``, ``!=``, ``<``, ``<=``, ``>``, ``>=``) with ``date``, a date
            string or ``None`` for today in the calendar of each customer's company
        """
        query, params = self._pool_schedule_query(settings, partner_ids)
        # A one-time filter: when no company has a pool, PostgreSQL runs nothing below it
        # (the planner does not know that no row will pass pool_enabled, and aggregated
        # every confirmed order first: 0.6 s for a dashboard tile at SCALE=large).
        conditions = [sql.SQL("EXISTS (SELECT 1 FROM res_company WHERE pool_enabled)")]
        if scheduled:
            conditions.append(sql.SQL("s.exempt IS NULL"))
        if release_date:
            operator, value = release_date
            if operator not in RELEASE_DATE_OPERATORS:
                raise ValueError("_pool_schedule: unknown operator %r" % operator)
            conditions.append(sql.SQL("s.release_date {} {}").format(
                sql.SQL(operator), sql.SQL('s.today') if value is None else sql.Placeholder()))
            if value is not None:
                params = params + [value]
        query = sql.SQL("SELECT s.* FROM ({}) s WHERE {}").format(
            sql.SQL(query), sql.SQL(' AND ').join(conditions)).as_string(self.env.cr._obj)
        self.env.cr.execute(query, params)
        return self.env.cr.dictfetchall()

    @api.model
    def _pool_reason_of(self, facts):
        """The reason of a release to the pool in the reader's language, from its facts:
        ``basis_kind`` (``contact``, ``order``, ``assigned``, ``by_hand``), ``basis_day``,
        ``open_orders`` (whether open orders kept customers back), ``user`` (by hand)."""
        if facts.get('basis_kind') == 'by_hand':
            return _("Released by %(user)s") % {'user': facts.get('user')}
        texts = self._pool_reason_texts(
            {'pool_exempt_open_orders': facts.get('open_orders', False)})
        return texts.get(facts.get('basis_kind'), texts['contact']) % {
            'date': facts.get('basis_day') or '?'}

    @api.model
    def _pool_release_facts(self, row, settings):
        """The facts of a release (``_pool_reason_of``) from a schedule row (whose company
        says whether open orders keep customers back)."""
        return {'basis_kind': row['basis_kind'], 'basis_day': row['basis_day'],
                'open_orders': bool(row['open_orders_kept'])}

    @api.model
    def _pool_reason_texts(self, settings):
        """The reasons in the user's language, by exemption and by basis of the date."""
        texts = {
            'locked': _("Kept with its owner: the customer is locked to its owner"),
            'open_order': _("Kept with its owner: it has an open order"),
            'unpaid_invoice': _("Kept with its owner: it has unpaid invoices"),
        }
        if settings['pool_exempt_open_orders']:
            texts.update({
                'contact': _("No contact since %(date)s and no open order"),
                'order': _("No contact or order since %(date)s and no open order"),
                'assigned': _("No contact since it was assigned on %(date)s and no open order"),
            })
        else:
            texts.update({
                'contact': _("No contact since %(date)s"),
                'order': _("No contact or order since %(date)s"),
                'assigned': _("No contact since it was assigned on %(date)s"),
            })
        return texts

    @api.model
    def _pool_reason(self, row, texts):
        """The readable reason of a schedule row (``texts``: ``_pool_reason_texts`` of the
        row's company's settings, see ``_pool_row_texts``)."""
        if row['exempt']:
            return texts[row['exempt']]
        # Odoo's cursor returns dates as strings; the day in the company's calendar.
        day = row['basis_day'] or '?'
        return texts[row['basis_kind']] % {'date': day}

    @api.model
    def _pool_row_texts(self):
        """``_pool_reason_texts`` by the rows' ``open_orders_kept`` (True or False)."""
        return {kept: self._pool_reason_texts({'pool_exempt_open_orders': kept})
                for kept in (True, False)}

    # ------------------------------------------------------------------
    # Card fields
    # ------------------------------------------------------------------
    def _compute_pool_release(self):
        """One query for the whole page: every record gets its commercial entity's values
        (none where its company's pool is disabled)."""
        settings = self._pool_settings()
        for partner in self:
            partner.pool_release_date = False
            partner.pool_release_reason = False
            partner.pool_days_left = False
        commercial_ids = [pid for pid in set(self.mapped('commercial_partner_id').ids) if pid]
        if not commercial_ids:
            return
        rows = {row['id']: row for row in self.sudo()._pool_schedule(settings, commercial_ids)}
        texts = self._pool_row_texts()
        today = user_today(self.env)
        for partner in self:
            row = rows.get(partner.commercial_partner_id.id)
            if row:
                partner.pool_release_date = False if row['exempt'] else row['release_date']
                partner.pool_release_reason = self._pool_reason(
                    row, texts[bool(row['open_orders_kept'])])
                if partner.pool_release_date:
                    # The kanban's countdown: never negative, the job runs tonight.
                    partner.pool_days_left = max(0, (fields.Date.from_string(
                        partner.pool_release_date) - today).days)

    def _search_pool_release_date(self, operator, value):
        """Search the customers by their coming release date (exempt ones have none)."""
        if operator not in RELEASE_DATE_OPERATORS:
            raise UserError(_("The release date cannot be searched with \"%(operator)s\".") % {
                'operator': operator})
        settings = self._pool_settings()
        if value is False or value is None:
            rows = self.sudo()._pool_schedule(settings, scheduled=True)
            scheduled = [row['id'] for row in rows]
            return [('id', 'in' if operator == '!=' else 'not in', scheduled)]
        rows = self.sudo()._pool_schedule(
            settings, scheduled=True, release_date=(operator, value))
        return [('id', 'in', [row['id'] for row in rows])]

    @api.model
    def action_pool_release_preview(self):
        """The dry run of the nightly job (sales managers): who will be released tomorrow,
        and why."""
        require_group(self.env, 'sales_team.group_sale_manager')
        # Tomorrow in the manager's calendar.
        tomorrow = fields.Date.to_string(user_today(self.env) + timedelta(days=1))
        action = self.env.ref('crm_customer360.res_partner_action_pool_preview').read()[0]
        action['domain'] = [('pool_release_date', '<=', tomorrow), ('parent_id', '=', False)]
        action['display_name'] = action['name'] = _("Released Tomorrow (%(date)s)") % {
            'date': tomorrow}
        return action
