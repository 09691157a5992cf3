# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Stages gained ``rating_request`` (default on). The shipped Cancelled stage is ``noupdate``
data, so the update would leave it asking cancelled tickets' contacts for a rating: turn it
off there, as a new database has it."""


def migrate(cr, version):
    cr.execute("""
        UPDATE crm_service_stage s SET rating_request = FALSE
          FROM ir_model_data d
         WHERE d.module = 'crm_service' AND d.name = 'crm_service_stage_cancelled'
           AND d.model = 'crm.service.stage' AND d.res_id = s.id""")
