# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The visit briefing (拜访简报): one page per customer to read before a visit.

Identity, the card's figures (``crm.customer.figures``, the card's own computation), open
work (quotations and orders, opportunities, planned activities) and the last contacts. It is
an internal paper: it reads in the reader's language, and it shows what the reader may read
on the card, no more (the figures to salespeople only, the documents through their rules).
Higher addons add sections by inheriting the template ``customer_briefing_document`` (the
grade in crm_grading, the tickets in crm_service) and lists through ``_briefing_lists``.
"""
from collections import defaultdict

from odoo import SUPERUSER_ID, _, api, models
from ..access import readable_report_entities
from ..facts import QUOTATION_STATES
from ..models.res_partner_figures import FIGURE_GROUPS

# How many records of each list one customer's briefing shows (the latest first).
LIST_LIMIT = 10
# The commercial entity of a record whose partner column is ``column`` (SQL).
ENTITY_OF_SQL = "(SELECT rp.commercial_partner_id FROM res_partner rp WHERE rp.id = %s)"


class CustomerBriefingReport(models.AbstractModel):
    """Values of the visit briefing; ``get_report_values`` is what the host calls (the
    report is reachable over HTTP by any logged-in user, so it checks access itself)."""

    _name = 'report.crm_customer360.customer_briefing'
    _description = 'Visit briefing'

    @api.model
    def get_report_values(self, docids, data=None):
        """The briefings of the commercial entities of ``docids``; refused for a customer
        the user may not read. The figures are given only to users who may read them on the
        card (``res.partner._figures_allowed_entities``)."""
        data = dict(data or {})
        commercial = readable_report_entities(self.env, docids, data, _(
            "You may only print the visit briefing of customers you may read: ask their "
            "salesperson or a sales manager."))
        Partner = self.env['res.partner']
        allowed = Partner._figures_allowed_entities(set(commercial.ids))
        figures = (self.env['crm.customer.figures']._compute_figures(sorted(allowed))
                   if allowed else {})
        company = self.env.user.company_id
        return {
            'doc_ids': commercial.ids,
            'doc_model': 'res.partner',
            'docs': commercial,
            'data': data,
            'company': company,
            'currency': company.currency_id,
            'figures': figures,
            # Fields reserved to salespeople (grade, figures) are read only for them.
            'sales_reader': self.env.uid == SUPERUSER_ID or self.env.user.has_group(
                FIGURE_GROUPS),
            'lists': self._briefing_records(commercial.ids),
        }

    # ------------------------------------------------------------------
    # Extension points
    # ------------------------------------------------------------------
    @api.model
    def _briefing_lists(self, entity_ids):
        """The lists of the briefing: ``{key: (model, domain, entity SQL, order SQL)}``.

        ``entity SQL`` gives a row's commercial entity and ``order SQL`` its rank (both on
        the model's table); each list shows the first ``LIST_LIMIT`` rows per customer that
        the reader's rules let them read. Extend to add a list, and show it by inheriting
        the template ``crm_customer360.customer_briefing_document``.
        """
        contacts = self.env['res.partner'].with_context(active_test=False).search(
            [('commercial_partner_id', 'in', entity_ids)]).ids
        return {
            'orders': ('sale.order', [
                ('partner_id.commercial_partner_id', 'in', entity_ids),
                ('state', 'in', QUOTATION_STATES + ('sale',)),
                ('invoice_status', '!=', 'invoiced')],
                ENTITY_OF_SQL % '"sale_order".partner_id',
                '"sale_order".date_order DESC, "sale_order".id DESC'),
            'opportunities': ('crm.lead', [
                ('partner_id.commercial_partner_id', 'in', entity_ids),
                ('type', '=', 'opportunity'), ('probability', '<', 100)],
                ENTITY_OF_SQL % '"crm_lead".partner_id',
                '"crm_lead".date_deadline ASC NULLS LAST, "crm_lead".id DESC'),
            'activities': ('mail.activity', [
                ('res_model', '=', 'res.partner'), ('res_id', 'in', contacts)],
                ENTITY_OF_SQL % '"mail_activity".res_id',
                '"mail_activity".date_deadline ASC, "mail_activity".id ASC'),
            'contacts': ('crm.customer.interaction', [
                ('partner_id', 'in', entity_ids)],
                '"crm_customer_interaction".partner_id',
                '"crm_customer_interaction".date DESC, "crm_customer_interaction".id DESC'),
        }

    # ------------------------------------------------------------------
    # Computation: one query per list for any number of customers
    # ------------------------------------------------------------------
    @api.model
    def _briefing_records(self, entity_ids):
        """``{key: {entity_id: records}}`` for every list of ``_briefing_lists``; a list of
        a model the reader may not read is empty."""
        result = {}
        if not entity_ids:
            return result
        for key, (model, domain, entity_sql, order_sql) in self._briefing_lists(
                entity_ids).items():
            result[key] = self._top_records(model, domain, entity_sql, order_sql)
        return result

    @api.model
    def _top_records(self, model, domain, entity_sql, order_sql):
        """The first ``LIST_LIMIT`` records per commercial entity of ``model`` in
        ``domain``, with the reader's access rules, as ``{entity_id: records}``."""
        Model = self.env[model]
        by_entity = defaultdict(Model.browse)
        if not Model.check_access_rights('read', raise_exception=False):
            return by_entity
        query = Model._where_calc(domain)
        Model._apply_ir_rules(query, 'read')
        from_clause, where_clause, params = query.get_sql()
        # The SQL pieces are the lists' own constants and the ORM's query, never input.
        self.env.cr.execute("""
            SELECT entity_id, id FROM (
                SELECT %(entity)s AS entity_id, "%(table)s".id,
                       row_number() OVER (PARTITION BY %(entity)s ORDER BY %(order)s) AS rank
                  FROM %(from)s WHERE %(where)s
            ) ranked
             WHERE rank <= %(limit)d ORDER BY entity_id, rank
        """ % {'entity': entity_sql, 'table': Model._table, 'order': order_sql,
               'from': from_clause, 'where': where_clause or 'TRUE', 'limit': LIST_LIMIT},
            params)
        rows = self.env.cr.fetchall()
        # One recordset for all, so that the template reads every record's fields at once.
        records = Model.browse([row[1] for row in rows])
        ids = defaultdict(list)
        for entity_id, record_id in rows:
            ids[entity_id].append(record_id)
        for entity_id, record_ids in ids.items():
            by_entity[entity_id] = Model.browse(record_ids, prefetch=records._prefetch)
        return by_entity
