# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""* Stages gained ``rating_request`` (default on). The shipped Cancelled stage is ``noupdate``
  data, so the update would leave it asking cancelled tickets' contacts for a rating: turn it
  off there, as a new database has it.
* Tickets gained ``response_risk_date`` / ``resolve_risk_date``: 80 % of the working hours to
  each deadline. Existing tickets get 80 % of the clock time from the start to the deadline,
  what the status used to count, until their SLA is next recomputed (a change of priority,
  team, category, customer or grade).
"""


def migrate(cr, version):
    cr.execute("""
        UPDATE crm_service_stage s SET rating_request = FALSE
          FROM ir_model_data d
         WHERE d.module = 'crm_service' AND d.name = 'crm_service_stage_cancelled'
           AND d.model = 'crm.service.stage' AND d.res_id = s.id""")
    cr.execute("""
        UPDATE crm_service_ticket
           SET response_risk_date = date_trunc(
                   'second', sla_start_date + (response_deadline - sla_start_date) * 0.8),
               resolve_risk_date = date_trunc(
                   'second', sla_start_date + (resolve_deadline - sla_start_date) * 0.8)
         WHERE response_risk_date IS NULL AND resolve_risk_date IS NULL
           AND (response_deadline IS NOT NULL OR resolve_deadline IS NOT NULL)""")
