# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The grade on the customer card: a coloured badge and the explanation of the grade.

The explanation is composed when the card is read, in the reader's language, from the
customer's figures of the last run (``crm.customer.grading``), that run's period, thresholds
and total, and the customer's lock: a handful of queries whatever the number of customers.
"""
from odoo import _, api, fields, models
from odoo.tools import html_escape

from .res_partner import SALES


class ResPartner(models.Model):
    _inherit = 'res.partner'

    grade_badge = fields.Html(
        'Grade Badge', compute='_compute_grade_badge', sanitize=False, groups=SALES,
        help="The grade as a coloured badge; the colour is the grade's colour index.")
    # Computed from the figures of the last run instead of stored (see crm.customer.grading).
    grade_explanation = fields.Text(compute='_compute_grade_explanation')
    grade_computed_date = fields.Datetime(
        'Graded On', compute='_compute_grade_explanation', groups=SALES,
        help="When the grading run that gave the figures of the explanation ended.")

    @api.depends('grade_id', 'commercial_partner_id.grade_id')
    def _compute_grade_badge(self):
        for partner in self:
            grade = partner.commercial_partner_id.grade_id or partner.grade_id
            if not grade:
                partner.grade_badge = False
                continue
            partner.grade_badge = (
                '<span class="o_grading_badge o_grading_color_%d" title="%s">%s</span>'
                % (grade.color or 0, html_escape(grade.name), html_escape(grade.code)))

    @api.depends('grade_id', 'grade_locked', 'grade_lock_reason', 'grade_lock_until',
                 'commercial_partner_id')
    def _compute_grade_explanation(self):
        commercial = self.mapped('commercial_partner_id')
        # The figures as the reader may see them (their record rules); one search per page.
        figures = self.env['crm.customer.grading'].search(
            [('partner_id', 'in', commercial.ids)])
        by_partner = {row.partner_id.id: row for row in figures}
        runs = self.env['crm.grading.run'].sudo()._last_runs(figures.mapped('company_id'))
        today = fields.Date.context_today(self)
        for partner in self:
            entity = partner.commercial_partner_id
            row = by_partner.get(entity.id)
            run = runs.get(row.company_id.id) if row else None
            lines = self._grade_explanation_lines(entity, row, run, today)
            partner.grade_explanation = '\n'.join(lines) if lines else False
            partner.grade_computed_date = (run.date_end or run.date_start) if run else False

    @api.model
    def _grade_explanation_lines(self, entity, row, run, today):
        """Lines of the explanation of ``entity``'s grade; override to explain more.

        :param row: the entity's crm.customer.grading figures, or None
        :param run: the crm.grading.run that computed them, or None
        """
        lines = []
        grade = entity.grade_id
        locked = entity.grade_locked and (not entity.grade_lock_until
                                          or entity.grade_lock_until >= today)
        if row and run:
            facts = {
                'method': run.method, 'date_from': run.period_from, 'date_to': run.period_to,
                'threshold_a': run.threshold_a, 'threshold_b': run.threshold_b,
                'total': run.total_revenue, 'revenue': row.revenue, 'rank': row.rank,
                'count': run.ranked_count, 'before': row.share_before,
                'after': row.share_after, 'scored': row.scored, 'r_score': row.r_score,
                'f_score': row.f_score, 'm_score': row.m_score,
                'recency': row.recency_days, 'frequency': row.order_count,
                'locked': locked, 'until': entity.grade_lock_until,
                'reason': entity.grade_lock_reason, 'rule_id': row.rule_id.id,
                'min_total': row.rule_id.min_total, 'min_recency': row.rule_id.min_recency,
                'min_frequency': row.rule_id.min_frequency,
                'min_monetary': row.rule_id.min_monetary,
            }
            lines = self.env['crm.grading.run']._explanation_lines(
                facts, grade.code, grade.code, run.company_id.currency_id)
        elif locked and grade:
            if entity.grade_lock_until:
                lines.append(_("Grade %(grade)s locked by a sales manager until %(until)s: "
                               "%(reason)s.") % {'grade': grade.code,
                                                 'until': entity.grade_lock_until,
                                                 'reason': entity.grade_lock_reason})
            else:
                lines.append(_("Grade %(grade)s locked by a sales manager with no end date: "
                               "%(reason)s.") % {'grade': grade.code,
                                                 'reason': entity.grade_lock_reason})
        return lines
