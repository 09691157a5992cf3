# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Service measures in the customer analysis cube (``crm.customer.analysis`` of crm_grading).

Three sources, each on the row of its own month, with the definitions of the customer card
(``res_partner.py``, ``res_partner_rating.py``):

* ``ticket_count``: tickets created in the month;
* ``ticket_closed_count``: tickets closed in the month; of those with an SLA (a resolution
  deadline) ``ticket_sla_met_count`` met it and ``ticket_sla_breached_count`` did not;
  ``ticket_sla_compliance`` is met / (met + breached) of the row;
* ``ticket_rating_sum`` / ``ticket_rating_count``: the answered ratings (1 to 10) given in the
  month (the month of the answer, the last write of the rating), ``ticket_rating_avg`` their
  average on the row.

The two ratios are averaged over rows when grouped (``group_operator='avg'``, rows without a
closed SLA ticket or a rating are empty and left out), like the cube's win rate: the pivot
cannot divide two sums. The exact pooled figures are Met / (Met + Breached) and Rating Sum /
Ratings, which is why the counts are measures too.

The cube's ``init`` rebuilds its rows when the query changes: on installing this module or
updating it (this model is among the module's models). The uninstall hook rebuilds it without
these sources first, so that dropping the tickets' table does not drop the cube with it.
"""
from odoo import api, fields, models

# Context key that leaves the service sources out (uninstall hook).
SKIP_KEY = 'crm_service_analysis_skip'


class CrmCustomerAnalysis(models.Model):
    _inherit = 'crm.customer.analysis'

    ticket_count = fields.Integer(
        'Tickets', readonly=True, help="Service tickets created in the month.")
    ticket_closed_count = fields.Integer(
        'Closed Tickets', readonly=True, help="Service tickets closed in the month.")
    ticket_sla_met_count = fields.Integer(
        'SLA Met', readonly=True,
        help="Tickets closed in the month with a resolution deadline that met their SLA.")
    ticket_sla_breached_count = fields.Integer(
        'SLA Breached', readonly=True,
        help="Tickets closed in the month with a resolution deadline that breached their SLA.")
    ticket_sla_compliance = fields.Float(
        'SLA Compliance (%)', readonly=True, group_operator='avg',
        help="SLA met / (met + breached) of the row; grouped, the average of the rows that "
             "closed any ticket with an SLA. The pooled rate is Met / (Met + Breached).")
    ticket_rating_sum = fields.Float(
        'Rating Sum', readonly=True, help="Sum of the ratings (1 to 10) given in the month.")
    ticket_rating_count = fields.Integer(
        'Ratings', readonly=True, help="Ratings of tickets given in the month.")
    ticket_rating_avg = fields.Float(
        'Average Rating', readonly=True, group_operator='avg',
        help="Average rating of the row; grouped, the average of the rows with a rating. "
             "The pooled average is Rating Sum / Ratings.")

    @api.model
    def _analysis_sources(self):
        sources = super()._analysis_sources()
        if self.env.context.get(SKIP_KEY):
            return sources
        return sources + [
            {'name': 'src_tickets', 'columns': [('ticket_count', '0')], 'query': """
                SELECT t.commercial_partner_id AS partner_id, t.company_id,
                       date_trunc('month', t.create_date)::date AS date,
                       COUNT(*) AS ticket_count
                  FROM crm_service_ticket t
                 WHERE t.commercial_partner_id IS NOT NULL
              GROUP BY 1, 2, 3"""},
            # As the customer card: the SLA counts only tickets with a resolution deadline.
            {'name': 'src_tickets_closed', 'columns': [
                ('ticket_closed_count', '0'), ('ticket_sla_met_count', '0'),
                ('ticket_sla_breached_count', '0'), ('ticket_sla_compliance', None)],
             'query': """
                SELECT partner_id, company_id, date, closed AS ticket_closed_count,
                       met AS ticket_sla_met_count, breached AS ticket_sla_breached_count,
                       CASE WHEN met + breached > 0
                            THEN 100.0 * met / (met + breached) END AS ticket_sla_compliance
                  FROM (SELECT t.commercial_partner_id AS partner_id, t.company_id,
                               date_trunc('month', t.closed_date)::date AS date,
                               COUNT(*) AS closed,
                               COUNT(*) FILTER (WHERE t.resolve_deadline IS NOT NULL
                                                  AND t.sla_status = 'met') AS met,
                               COUNT(*) FILTER (WHERE t.resolve_deadline IS NOT NULL
                                                  AND t.sla_status IS DISTINCT FROM 'met')
                                   AS breached
                          FROM crm_service_ticket t
                         WHERE t.is_closed AND t.closed_date IS NOT NULL
                           AND t.commercial_partner_id IS NOT NULL
                      GROUP BY 1, 2, 3) closed"""},
            # As the customer card: answered ratings only.
            {'name': 'src_ratings', 'columns': [
                ('ticket_rating_sum', '0'), ('ticket_rating_count', '0'),
                ('ticket_rating_avg', None)], 'query': """
                SELECT t.commercial_partner_id AS partner_id, t.company_id,
                       date_trunc('month', COALESCE(r.write_date, r.create_date))::date AS date,
                       SUM(r.rating) AS ticket_rating_sum, COUNT(*) AS ticket_rating_count,
                       AVG(r.rating) AS ticket_rating_avg
                  FROM rating_rating r
                  JOIN crm_service_ticket t ON t.id = r.res_id
                 WHERE r.res_model = 'crm.service.ticket' AND r.consumed AND r.rating >= 1
                   AND t.commercial_partner_id IS NOT NULL
              GROUP BY 1, 2, 3"""},
        ]
