# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Opportunities show their customer's grade."""
from odoo import fields, models

from .res_partner import SALES


class CrmLead(models.Model):
    _inherit = 'crm.lead'

    # Not stored: a list reads it through the prefetch of partners and grades, in a constant
    # number of queries, and a stored copy would need rewriting after every grading run.
    partner_grade_id = fields.Many2one(
        'crm.customer.grade', 'Customer Grade',
        related='partner_id.commercial_partner_id.grade_id', readonly=True, groups=SALES)
