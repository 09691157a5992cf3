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


def _amount(value, currency):
    return '%s %s' % ('{:,.2f}'.format(value or 0.0), currency.name)


class ResPartner(models.Model):
    _inherit = 'res.partner'

    grade_badge = fields.Html(
        'Grade Badge', compute='_compute_grade_badge', sanitize=False, groups=SALES,
        help="The grade as a coloured badge; the colour is the grade's colour index.")
    # Computed from the figures of the last run instead of stored (see crm.customer.grading).
    grade_explanation = fields.Text(compute='_compute_grade_explanation')

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
            templates = self.env['crm.grading.run']._explanation_templates(run.method)
            currency = run.company_id.currency_id
            values = {
                'date_from': run.period_from, 'date_to': run.period_to,
                'threshold_a': run.threshold_a, 'threshold_b': run.threshold_b,
                'total': _amount(run.total_revenue, currency),
                'revenue': _amount(row.revenue, currency),
                'rank': row.rank, 'count': run.ranked_count,
                'before': '%.2f' % row.share_before, 'after': '%.2f' % row.share_after,
                'score': '%s%s%s' % (row.r_score, row.f_score, row.m_score),
                'recency': row.recency_days, 'frequency': row.order_count,
                'grade': grade.code, 'old_grade': grade.code,
                'until': entity.grade_lock_until, 'reason': entity.grade_lock_reason,
                'min_total': row.rule_id.min_total, 'min_recency': row.rule_id.min_recency,
                'min_frequency': row.rule_id.min_frequency,
                'min_monetary': row.rule_id.min_monetary,
            }
            lines.append(templates['rule'] % values)
            lines.append((templates['ranked'] if row.revenue > 0 else templates['unranked'])
                         % values)
            lines.append(templates['rfm'] % values if row.scored else templates['no_rfm'])
            if locked:
                key = 'locked' if entity.grade_lock_until else 'locked_open'
                lines.append(templates[key] % values)
            elif run.method == 'rfm' and row.rule_id:
                lines.append(templates['rfm_rule'] % values)
            elif grade:
                lines.append(templates['result'] % values)
        elif locked and grade:
            if entity.grade_lock_until:
                lines.append(_("Grade %s locked by a sales manager until %s: %s.") % (
                    grade.code, entity.grade_lock_until, entity.grade_lock_reason))
            else:
                lines.append(_("Grade %s locked by a sales manager with no end date: %s.")
                             % (grade.code, entity.grade_lock_reason))
        return lines
