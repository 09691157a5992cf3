# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Grading runs: the log of each run of a policy, and the run itself.

A run rates the credit of every customer of the policy's company
(``res.partner._credit_ratings``), then grades them in one set-based statement (see
``grading_query``) that writes grades and credit ratings in one pass. Only one run per company at a time:
a transaction-level PostgreSQL advisory lock on the company, so a second run (another worker,
the nightly job, a second click) fails at once with a clear message instead of waiting.
Running twice gives the same grades and writes no new history.
"""
import time

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import formatLang

from odoo.addons.crm_customer360.tz import company_today

from ..grading_query import GRADING_SQL

# First key of the advisory lock: "GRAD"; the second one is the company id.
ADVISORY_LOCK_NAMESPACE = 0x47524144


def try_xact_lock(cr, namespace, key):
    """Take the PostgreSQL advisory lock (namespace, key) until the end of the transaction;
    False when another transaction holds it (no waiting: under Odoo's repeatable read, a
    transaction that waited would still not see what the other one wrote)."""
    cr.execute("SELECT pg_try_advisory_xact_lock(%s, %s)", (namespace, key))
    return cr.fetchone()[0]


class RunLocked(UserError):
    """Another run of the same company holds its lock."""


class CrmGradingRun(models.Model):
    _name = 'crm.grading.run'
    _description = 'Grading Run'
    _order = 'date_start desc, id desc'
    _rec_name = 'date_start'

    policy_id = fields.Many2one('crm.grading.policy', 'Policy', required=True,
                                ondelete='cascade', index=True, readonly=True)
    company_id = fields.Many2one('res.company', 'Company', required=True, index=True,
                                 readonly=True)
    method = fields.Selection([
        ('pareto', 'Pareto (80/20 by revenue)'),
        ('rfm', 'RFM (recency, frequency, monetary)'),
    ], 'Method', readonly=True)
    threshold_a = fields.Float('Threshold A (%)', readonly=True)
    threshold_b = fields.Float('Threshold B (%)', readonly=True)
    total_revenue = fields.Float(
        'Total Revenue', readonly=True,
        help="Revenue of the customers with revenue in the period, company currency.")
    ranked_count = fields.Integer('Customers with Revenue', readonly=True)
    user_id = fields.Many2one('res.users', 'Run By', readonly=True,
                              default=lambda self: self.env.uid)
    date_start = fields.Datetime('Started', readonly=True, default=fields.Datetime.now)
    date_end = fields.Datetime('Finished', readonly=True)
    duration = fields.Float('Duration (s)', digits=(16, 2), readonly=True)
    period_from = fields.Date('Period From', readonly=True)
    period_to = fields.Date('Period To', readonly=True)
    customer_count = fields.Integer('Customers', readonly=True)
    change_count = fields.Integer('Grade Changes', readonly=True)
    credit_count = fields.Integer(
        'Credit Ratings', readonly=True,
        help="Customers whose credit was rated after the grades (0 when no credit rating "
             "is installed).")
    state = fields.Selection([
        ('queued', 'Queued'),
        ('running', 'Running'),
        ('done', 'Done'),
        ('failed', 'Failed'),
    ], 'State', default='running', readonly=True)
    message = fields.Text('Message', compute='_compute_message',
                          help="What the run did, in your language; why it failed.")
    # The error of a failed run (its own words), or the text stored by versions before
    # 11.0.1.2.0.
    message_text = fields.Text('Message as Written', readonly=True)

    @api.depends('state', 'customer_count', 'change_count', 'message_text')
    def _compute_message(self):
        for run in self:
            if run.state == 'done' and run.date_end:
                run.message = _("%(graded)d customers graded, %(changes)d grade changes.") % {
                    'graded': run.customer_count, 'changes': run.change_count}
            else:
                run.message = run.message_text or False

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    @api.model
    def _lock_company(self, company):
        """Take the company's run lock until the end of the transaction, or refuse."""
        if not try_xact_lock(self.env.cr, ADVISORY_LOCK_NAMESPACE, company.id):
            raise RunLocked(_("A grading run is already in progress for company %(company)s: try "
                              "again when it has finished.") % {'company': company.name})

    @api.model
    def _period(self, policy, today):
        """First and last day (both included) of the policy's period ending ``today``."""
        date_from = today - relativedelta(months=policy.period_months) + relativedelta(days=1)
        return date_from, today

    @api.model
    def _pareto_grades(self):
        """The grades A, B, C and D that the methods give; override to use other grades."""
        return [self.env.ref('crm_grading.crm_customer_grade_%s' % code)
                for code in ('a', 'b', 'c', 'd')]

    @api.model
    def _explanation_templates(self, method):
        """Translated templates of the explanation's lines, in the reader's language,
        %(name)s naming the values of ``_explanation_values``; override to explain
        differently.

        :param method: the policy's method, ``pareto`` or ``rfm``
        """
        if method == 'rfm':
            rule = _("RFM rule over %(date_from)s to %(date_to)s: recency (days since the "
                     "last order or invoice), frequency (confirmed orders in the period) and "
                     "monetary value (revenue) are each scored 1 to 5 by quintile, 5 being the "
                     "most recent, the most orders, the most revenue; the first rule of the "
                     "policy that the scores reach gives the grade.")
        else:
            rule = _("Pareto rule over %(date_from)s to %(date_to)s: customers are ranked by "
                     "revenue; A while the customers ranked above make less than "
                     "%(threshold_a)s%% of the total revenue of %(total)s, B while they make "
                     "less than %(threshold_b)s%%, C the others with revenue, D without "
                     "revenue.")
        return {
            'rule': rule,
            'ranked': _("Revenue %(revenue)s, rank %(rank)s of %(count)s, cumulative share "
                        "%(before)s%% before this customer and %(after)s%% with it."),
            'unranked': _("Revenue %(revenue)s: no revenue in the period."),
            'rfm': _("RFM score %(score)s: last order or invoice %(recency)s days ago, "
                     "%(frequency)s confirmed orders in the period, revenue %(revenue)s."),
            'no_rfm': _("RFM score: none, the customer has no order or invoice."),
            'locked': _("Grade %(old_grade)s locked by a sales manager until %(until)s: "
                        "%(reason)s. The run kept it."),
            'locked_open': _("Grade %(old_grade)s locked by a sales manager with no end "
                             "date: %(reason)s. The run kept it."),
            'rfm_rule': _("Grade %(grade)s: the scores reach the rule minimum total "
                          "%(min_total)s, R %(min_recency)s, F %(min_frequency)s, "
                          "M %(min_monetary)s."),
            'result': _("Grade %(grade)s."),
        }

    @api.model
    def _explanation_values(self, facts, grade, old_grade, currency):
        """The values the templates name, formatted for the reader, from ``facts`` (the
        figures of a customer's grading, as stored on a history row).

        :param grade: code of the grade the figures gave (or kept)
        :param old_grade: code of the grade before
        :param currency: the company's currency, of the amounts
        """
        def amount(value):
            return formatLang(self.env, value or 0.0, currency_obj=currency)

        def share(value):
            return formatLang(self.env, value or 0.0, digits=2)

        return {
            'date_from': facts.get('date_from'), 'date_to': facts.get('date_to'),
            'threshold_a': facts.get('threshold_a'), 'threshold_b': facts.get('threshold_b'),
            'total': amount(facts.get('total')), 'revenue': amount(facts.get('revenue')),
            'rank': facts.get('rank'), 'count': facts.get('count'),
            'before': share(facts.get('before')), 'after': share(facts.get('after')),
            'score': '%s%s%s' % (facts.get('r_score'), facts.get('f_score'),
                                 facts.get('m_score')),
            'recency': facts.get('recency'), 'frequency': facts.get('frequency'),
            'grade': grade, 'old_grade': old_grade,
            'until': facts.get('until'), 'reason': facts.get('reason'),
            'min_total': facts.get('min_total'), 'min_recency': facts.get('min_recency'),
            'min_frequency': facts.get('min_frequency'),
            'min_monetary': facts.get('min_monetary'),
        }

    @api.model
    def _explanation_lines(self, facts, grade, old_grade, currency):
        """The lines explaining a grade, in the reader's language, from its figures
        (``_explanation_values``); the card and the history rows both show them."""
        templates = self._explanation_templates(facts.get('method'))
        values = self._explanation_values(facts, grade, old_grade, currency)
        lines = [templates['rule'] % values,
                 (templates['ranked'] if (facts.get('revenue') or 0) > 0
                  else templates['unranked']) % values,
                 templates['rfm'] % values if facts.get('scored') else templates['no_rfm']]
        if facts.get('locked'):
            lines.append(templates['locked' if facts.get('until') else 'locked_open']
                         % values)
        elif facts.get('method') == 'rfm' and facts.get('rule_id'):
            lines.append(templates['rfm_rule'] % values)
        elif grade:
            lines.append(templates['result'] % values)
        return lines

    @api.model
    def _run_policy(self, policy, user=None, run=None):
        """Grade every customer of ``policy``'s company; returns the run log.

        :param user: who asked for the run (default: the environment's user), written on the
            run log and the history rows
        :param run: the run log to fill (a queued run), else a new one
        Raises UserError when another run holds the company's lock.
        """
        user = user or self.env.user
        company = policy.company_id
        self._lock_company(company)
        started = time.time()
        # The company's day, whoever runs it and wherever the server is.
        today = company_today(company)
        date_from, date_to = self._period(policy, today)
        values = {
            'policy_id': policy.id, 'company_id': company.id,
            'period_from': fields.Date.to_string(date_from),
            'period_to': fields.Date.to_string(date_to),
            'user_id': user.id,
            'method': policy.method,
            'threshold_a': policy.threshold_a,
            'threshold_b': policy.threshold_b,
            'state': 'running',
            'date_start': fields.Datetime.now(),
        }
        if run:
            run.write(values)
        else:
            run = self.create(values)
        Partner = self.env['res.partner']
        # The credit ratings are written with the grades, in the same pass over the partners:
        # a first run would otherwise rewrite every wide partner row twice.
        credit_ids, credit_ratings, credit_facts = Partner._credit_ratings(
            company, fields.Date.to_string(date_from), fields.Date.to_string(date_to))
        Partner._write_credit_facts(credit_ids, credit_facts, full_run=True)
        customers, changes, ranked, total = self._grade_customers(
            policy, date_from, date_to, user, credit=(credit_ids, credit_ratings))
        credit_count = len([rating for rating in credit_ratings if rating])
        run.write({
            'state': 'done',
            'date_end': fields.Datetime.now(),
            'duration': time.time() - started,
            'customer_count': customers,
            'change_count': changes,
            'ranked_count': ranked,
            'total_revenue': total,
            'credit_count': credit_count,
        })
        return run

    @api.model
    def _grade_customers(self, policy, date_from, date_to, user, credit=([], [])):
        """Write the grades and figures of ``policy``'s customers.

        :param credit: (partner ids, credit ratings) to write with the grades; a customer
            missing there keeps its rating

        :returns: (customers, grade changes, customers with revenue, their total revenue)
        """
        company = policy.company_id
        grade_a, grade_b, grade_c, grade_d = self._pareto_grades()
        self.env.cr.execute("SELECT MIN(id) FROM res_company")
        main_company_id = self.env.cr.fetchone()[0]
        params = {
            'company': company.id,
            'shared': company.id == main_company_id,
            'policy': policy.id,
            'method': policy.method,
            'today': fields.Date.to_string(date_to),
            'date_from': fields.Date.to_string(date_from),
            'period_months': policy.period_months,
            'threshold_a': policy.threshold_a,
            'threshold_b': policy.threshold_b,
            'grade_a': grade_a.id, 'grade_b': grade_b.id,
            'grade_c': grade_c.id, 'grade_d': grade_d.id,
            'uid': user.id,
            'now': fields.Datetime.now(),
            'credit_ids': list(credit[0]), 'credit_ratings': list(credit[1]),
        }
        query = GRADING_SQL
        # Flush pending ORM writes before reading the tables in SQL.
        self.env['res.partner'].recompute()
        # The aggregates over every invoice and the window sorts over every customer stay in
        # memory instead of spilling to disk (PostgreSQL's default is 4 MB); for this
        # transaction only.
        self.env.cr.execute("SET LOCAL work_mem = '64MB'")
        self.env.cr.execute(query, params)
        customers, changes, _updated, _written, _dropped, ranked, total, changed_ids = \
            self.env.cr.fetchone()
        self.env['res.partner'].invalidate_cache(fnames=[
            'credit_rating', 'credit_facts', 'credit_rated_date', 'credit_explanation',
            'credit_explanation_legacy', 'grade_id', 'rfm_score', 'customer_value', 'grade_explanation', 'grade_locked',
            'grade_lock_reason', 'grade_lock_until', 'grade_history_ids', 'grade_badge',
            'write_uid', 'write_date'])
        self.env['crm.customer.grade.history'].invalidate_cache()
        self.env['crm.customer.grading'].invalidate_cache()
        if changed_ids:
            self._grades_changed(self.env['res.partner'].browse(changed_ids))
        return customers, changes, ranked or 0, float(total or 0.0)

    @api.model
    def _grades_changed(self, partners):
        """Called by a run with the customers whose grade it changed (written in SQL, so no
        ``write`` saw it); extend to follow a grade change (crm_service: the SLA of open
        tickets)."""

    @api.model
    def _last_runs(self, companies):
        """The last finished run of each of ``companies``: {company id: run}."""
        runs = {}
        for company in companies:
            runs[company.id] = self.search([('company_id', '=', company.id),
                                            ('state', '=', 'done')], limit=1)
        return runs

    @api.model
    def _log_failure(self, policy, error):
        """Log a failed run of ``policy`` (the run's own work was rolled back)."""
        return self.create({
            'policy_id': policy.id, 'company_id': policy.company_id.id, 'state': 'failed',
            'date_end': fields.Datetime.now(),
            'message_text': getattr(error, 'name', None) or str(error),
        })

