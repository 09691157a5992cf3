# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""* The cube's refresh became private (``_refresh``: any logged-in user could run the heavy
  query over RPC) and runs in the background (``_cron_refresh`` queues it). The nightly job
  is ``noupdate`` data, so the update would leave it calling the old name: point it at the
  new one, as a new database has it.
"""


def migrate(cr, version):
    cr.execute("""
        UPDATE ir_act_server s SET code = 'model._cron_refresh()'
          FROM ir_cron c, ir_model_data d
         WHERE d.module = 'crm_grading' AND d.name = 'crm_customer_analysis_cron_refresh'
           AND d.model = 'ir.cron' AND d.res_id = c.id AND c.ir_actions_server_id = s.id
           AND s.code = 'model.refresh()'""")
