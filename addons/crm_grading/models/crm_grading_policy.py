# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Grading policies: how a company turns its customers' figures into grades.

One policy is active per company. ``pareto`` ranks the customers by revenue (the 80/20 rule);
``rfm`` scores recency, frequency and monetary value 1-5 by quintile and maps the scores to
grades with the policy's rules (``crm.grading.policy.rfm.rule``). The work itself is done by
``crm.grading.run`` (one run log per call of :meth:`action_run`).
"""
import logging

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.crm_customer360.access import require_group

from .bounds import check_length, check_range, number

_logger = logging.getLogger(__name__)


class CrmGradingPolicy(models.Model):
    _name = 'crm.grading.policy'
    _description = 'Grading Policy'
    _order = 'company_id, active desc, name'

    name = fields.Char('Name', required=True, translate=True)
    company_id = fields.Many2one(
        'res.company', 'Company', required=True, index=True,
        default=lambda self: self.env.user.company_id)
    active = fields.Boolean(
        'Active', default=True,
        help="Only one policy per company is active: the nightly job and the card use it.")
    method = fields.Selection([
        ('pareto', 'Pareto (80/20 by revenue)'),
        ('rfm', 'RFM (recency, frequency, monetary)'),
    ], 'Method', required=True, default='pareto')
    period_months = fields.Integer(
        'Period (Months)', required=True, default=12,
        help="Revenue and orders are counted over this many months up to the day of the run.")
    threshold_a = fields.Float(
        'Threshold A (%)', default=80.0,
        help="Pareto: a customer is graded A while the customers ranked above it make less "
             "than this share of the revenue.")
    threshold_b = fields.Float(
        'Threshold B (%)', default=95.0,
        help="Pareto: graded B while the customers ranked above it make less than this share; "
             "the other customers with revenue are C, those without are D.")
    rfm_rule_ids = fields.One2many(
        'crm.grading.policy.rfm.rule', 'policy_id', 'RFM Rules', copy=True,
        help="RFM: the first rule (by sequence) whose minimums a customer reaches gives its "
             "grade; a customer that reaches none, or has no order or invoice, gets the last "
             "grade (D).")
    run_ids = fields.One2many('crm.grading.run', 'policy_id', 'Runs', readonly=True)
    run_count = fields.Integer('Run Count', compute='_compute_run_count')
    last_run_date = fields.Datetime('Last Run', compute='_compute_run_count')

    # In the database, not in Python: two requests activating a policy of the same company at
    # once would both pass a Python check (neither sees the other's row). Over RPC and in the
    # web client the refusal reads as the message below.
    _sql_constraints = [
        ('one_active_per_company', 'EXCLUDE USING btree (company_id WITH =) WHERE (active)',
         "A company has only one active grading policy: archive the active one before "
         "activating another."),
    ]

    @api.multi
    def _compute_run_count(self):
        data = {}
        if self.ids:
            # Odoo 11's read_group has no maximum of a date: one grouped query instead.
            self.env['crm.grading.run'].check_access_rights('read')
            self.env.cr.execute(
                "SELECT policy_id, COUNT(*), MAX(date_start) FROM crm_grading_run "
                "WHERE policy_id IN %s GROUP BY policy_id", [tuple(self.ids)])
            data = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        for policy in self:
            policy.run_count, policy.last_run_date = data.get(policy.id, (0, False))

    @api.constrains('period_months', 'threshold_a', 'threshold_b', 'name')
    def _check_figures(self):
        """A period of 1 to 120 months; thresholds 0 < A < B <= 100 (equal thresholds leave
        grade B empty)."""
        for policy in self:
            check_range(policy, 'period_months', 1, 120)
            check_length(policy, 'name', 128)
            if not 0 < policy.threshold_a < policy.threshold_b <= 100:
                raise ValidationError(
                    _("The thresholds of policy %(policy)s must satisfy 0 < A < B <= 100 "
                      "(A is %(a)s, B is %(b)s).")
                    % {'policy': policy.name, 'a': number(policy.threshold_a),
                       'b': number(policy.threshold_b)})

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    @api.multi
    def action_run(self):
        """Grade every customer of the policy's company now; returns the run log's form."""
        self.ensure_one()
        require_group(self.env, 'sales_team.group_sale_manager', _(
            "Only sales managers may run a grading policy; the nightly job grades every "
            "customer anyway."))
        self.check_access_rule('write')
        if not self.active:
            raise UserError(_("Policy %(policy)s is archived: only the active policy of a company "
                              "can run.") % {'policy': self.name})
        # The run writes every customer and the log in SQL: as superuser, on behalf of the
        # user, in the background (it may take longer than a web request may).
        run = self.env['crm.grading.run'].sudo()._queue_policy(self.sudo(), self.env.user)
        return {
            'type': 'ir.actions.act_window',
            'res_model': 'crm.grading.run',
            'res_id': run.id,
            'view_mode': 'form',
            'target': 'current',
        }

    @api.multi
    def action_open_runs(self):
        """The runs of this policy (for those who may read the policy)."""
        self.ensure_one()
        self.check_access_rights('read')
        self.check_access_rule('read')
        action = self.env.ref('crm_grading.crm_grading_run_action').read()[0]
        action['domain'] = [('policy_id', '=', self.id)]
        return action

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    @api.model
    def _default_policy_values(self, company):
        """Values of the default policy of ``company``; override to change the defaults."""
        return {
            'name': _("Default: 80/20 by revenue"),
            'company_id': company.id,
            'method': 'pareto',
            'period_months': 12,
            'threshold_a': 80.0,
            'threshold_b': 95.0,
            # Used once a manager switches the policy to RFM (scores 3 to 15).
            'rfm_rule_ids': [
                (0, 0, {'sequence': 10, 'min_total': 13,
                        'grade_id': self.env.ref('crm_grading.crm_customer_grade_a').id}),
                (0, 0, {'sequence': 20, 'min_total': 10,
                        'grade_id': self.env.ref('crm_grading.crm_customer_grade_b').id}),
                (0, 0, {'sequence': 30, 'min_total': 6,
                        'grade_id': self.env.ref('crm_grading.crm_customer_grade_c').id}),
            ],
        }

    @api.model
    def _ensure_default_policies(self, companies=None):
        """Give each of ``companies`` (all by default) without a policy an active default one."""
        companies = companies or self.env['res.company'].search([])
        with_policy = self.with_context(active_test=False).search(
            [('company_id', 'in', companies.ids)]).mapped('company_id')
        for company in companies - with_policy:
            self.create(self._default_policy_values(company))

    @api.model
    def _cron_run_active_policies(self):
        """Nightly job: queue the run of every company's active policy (each in the
        background, see ``crm_grading_run_batch.py``)."""
        Run = self.env['crm.grading.run']
        runs = Run.browse()
        for policy in self.search([]):
            runs |= Run._queue_policy(policy, self.env.user)
        _logger.info("Grading: %d runs queued", len(runs))
        return runs

    @api.model
    def _run_active_policies(self):
        """Run every company's active policy now, in this transaction (the demo data and
        the tests); a failed company does not stop the others, and its failure is logged as a
        failed run."""
        for policy in self.search([]):
            try:
                with self.env.cr.savepoint():
                    self.env['crm.grading.run']._run_policy(policy)
            except Exception as error:  # pylint: disable=broad-except
                _logger.warning("Grading run of policy %s (company %s) failed: %s",
                                policy.id, policy.company_id.id, error)
                self.env['crm.grading.run']._log_failure(policy, error)
