# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The grade badge at the top of the customer card."""
from odoo import api, fields, models
from odoo.tools import html_escape


class ResPartner(models.Model):
    _inherit = 'res.partner'

    grade_badge = fields.Html(
        'Grade Badge', compute='_compute_grade_badge', sanitize=False,
        help="The grade as a coloured badge; the colour is the grade's colour index.")

    @api.depends('grade_id', 'commercial_partner_id.grade_id', 'grade_locked')
    def _compute_grade_badge(self):
        for partner in self:
            grade = partner.commercial_partner_id.grade_id or partner.grade_id
            if not grade:
                partner.grade_badge = False
                continue
            partner.grade_badge = (
                '<span class="o_grading_badge o_grading_color_%d" title="%s">%s</span>'
                % (grade.color or 0, html_escape(grade.name), html_escape(grade.code)))
