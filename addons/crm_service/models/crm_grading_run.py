# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A grading run that changes a customer's grade gives its open tickets the new grade's SLA,
as an edit of the grade on the card does (``res_partner.py``)."""
from odoo import api, models


class CrmGradingRun(models.Model):
    _inherit = 'crm.grading.run'

    @api.model
    def _grades_changed(self, partners):
        super()._grades_changed(partners)
        # The run grades commercial entities: their ids are the tickets' customers.
        self.env['crm.service.ticket']._sla_apply_for_customers(partners.ids)
