# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Credit rating of customers from their payment behaviour, in set-based SQL.

``_rate_credit(company, date_from, date_to)`` reads four figures for every customer of the
company in one query, writes ``credit_rating`` where it changed and the figures behind it in
``crm.customer.credit`` (see why there):

* invoices in the period: posted customer invoices dated in [date_from, date_to];
* paid on time: of those invoices that are *due* (paid, or open and past their due date
  today), the share paid on or before the due date. A paid invoice counts as paid on the
  date of the last entry reconciled with its receivable line (a payment or a refund), as the
  customer card's days-to-pay figure does;
* average days late: over the same due invoices, days between due date and payment (0 when
  paid on time); an invoice still open counts the days it is late today;
* overdue share: open overdue invoices / receivable today (all open invoices and refunds of
  the company, in the company currency); 0 when nothing is receivable;
* credit usage: receivable / credit limit, when the customer has a credit limit.

The rules (``CREDIT_RATING_RULES``, returned by the hook ``_credit_rating_rules``):

======  =============  ==============  =============  ============
rating  paid on time   avg. days late  overdue share  credit usage
======  =============  ==============  =============  ============
D       overdue share >= 50 % or average days late > 90 (checked first)
AAA     >= 95 %        <= 2            0 %            <= 80 %
AA      >= 90 %        <= 7            <= 10 %        <= 90 %
A       >= 80 %        <= 15           <= 20 %        <= 100 %
B       >= 60 %        <= 30           <= 35 %        <= 120 %
C       every other rated customer
======  =============  ==============  =============  ============

A criterion without data is met: no due invoice in the period leaves on time and days late
out, no credit limit leaves usage out. A customer with no due invoice in the period and
nothing receivable today (e.g. only refunds) gets no rating: there is nothing to judge.

The rating stores its figures (``credit_facts``, JSON: the period, the company, the counts
and amounts) and when it was computed (``credit_rated_date``); the explanation is composed
from them when it is read, in the reader's language and with the amounts in the company's
currency as the card shows them. The rating follows the documents it comes from: a change
of state or residual of a customer's invoice (validation, payment, refund, cancellation) or
of the customer's credit limit rates that customer again (``account.invoice._write``).
"""
import json
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.tools.misc import formatLang

from odoo.addons.crm_customer360.access import require_group
from odoo.addons.crm_customer360.tz import company_today, format_datetime, main_company

from ..credit_query import CREDIT_FIGURES_SQL

# rating, min % paid on time, max average days late, max % overdue share, max % credit usage
CREDIT_RATING_RULES = (
    ('AAA', 95.0, 2.0, 0.0, 80.0),
    ('AA', 90.0, 7.0, 10.0, 90.0),
    ('A', 80.0, 15.0, 20.0, 100.0),
    ('B', 60.0, 30.0, 35.0, 120.0),
)
# D: overdue share from this % on, or average days late over this many days.
CREDIT_RATING_D = (50.0, 90.0)
CREDIT_RATING_FALLBACK = 'C'
# Months of payment behaviour rated by the card's button when no grading policy says more.
DEFAULT_CREDIT_PERIOD_MONTHS = 12
# ``json.dumps(..., sort_keys=True)`` builds an encoder per call; a full run encodes a row per
# customer. Sorted keys: the stored text is compared with the new one to skip unchanged rows.
FACTS_ENCODER = json.JSONEncoder(sort_keys=True)


class ResPartner(models.Model):
    _inherit = 'res.partner'

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    @api.multi
    def action_rate_credit(self):
        """Rate this customer's credit again now, over the usual period."""
        self.ensure_one()
        require_group(self.env, 'sales_team.group_sale_salesman',
                      _("Only salespeople may rate a customer's credit."))
        commercial = self.commercial_partner_id
        # The rating is written in SQL: the user must at least see the customer.
        commercial.check_access_rule('read')
        # A shared customer is rated by the main company, as the grading runs do.
        company = commercial.company_id or main_company(self.env)
        date_from, date_to = self._credit_rating_period(company)
        self.sudo()._rate_credit(company, date_from, date_to, partner_ids=commercial.ids)
        return True

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    @api.model
    def _credit_rating_period(self, company):
        """Return (date_from, date_to) rated by the card's button; override for another period.

        The active grading policy's period when there is one, else 12 months up to today.
        """
        policy = self.env['crm.grading.policy'].sudo().search(
            [('company_id', '=', company.id), ('active', '=', True)], limit=1)
        months = policy.period_months or DEFAULT_CREDIT_PERIOD_MONTHS
        today = company_today(company)
        date_from = today - relativedelta(months=months) + timedelta(days=1)
        return fields.Date.to_string(date_from), fields.Date.to_string(today)

    @api.model
    def _credit_rating_rules(self):
        """The rating rules, best rating first; override to change or add thresholds.

        :return: dict with ``ratings`` (list of dicts ``rating``, ``min_on_time``,
            ``max_days_late``, ``max_overdue_share``, ``max_usage``; percentages 0-100),
            ``d_overdue_share`` and ``d_days_late`` (rated D from that overdue share on or
            above that average delay) and ``fallback`` (the rating when no rule matches).
        """
        return {
            'ratings': [
                {'rating': rating, 'min_on_time': on_time, 'max_days_late': days_late,
                 'max_overdue_share': overdue_share, 'max_usage': usage}
                for rating, on_time, days_late, overdue_share, usage in CREDIT_RATING_RULES],
            'd_overdue_share': CREDIT_RATING_D[0],
            'd_days_late': CREDIT_RATING_D[1],
            'fallback': CREDIT_RATING_FALLBACK,
        }

    @api.model
    def _credit_rating_of(self, figures, rules):
        """Return the rating (or False) for one customer's figures; override for other logic.

        Called once per customer: it must not query nor translate.

        :param figures: dict with ``rated``, ``due_count``, ``on_time_pct``,
            ``avg_days_late``, ``overdue_share`` and ``usage`` (``None`` without a limit).
        """
        if not figures['rated']:
            return False
        late_known = figures['due_count'] > 0
        if figures['overdue_share'] >= rules['d_overdue_share'] or (
                late_known and figures['avg_days_late'] > rules['d_days_late']):
            return 'D'
        for rule in rules['ratings']:
            if late_known and (figures['on_time_pct'] < rule['min_on_time']
                               or figures['avg_days_late'] > rule['max_days_late']):
                continue
            if figures['overdue_share'] > rule['max_overdue_share']:
                continue
            if figures['usage'] is not None and figures['usage'] > rule['max_usage']:
                continue
            return rule['rating']
        return rules['fallback']

    @api.model
    def _credit_rule_texts(self, rules):
        """The translated rule behind each rating, ``{rating: text}``; False: not rated."""
        texts = {
            False: _("Not rated: no invoice due in the period and nothing receivable."),
            'D': _("Rule D: overdue share %(overdue_share)s%% or more, or more than "
                   "%(days_late)s days late on average.") % {
                'overdue_share': _num(rules['d_overdue_share']),
                'days_late': _num(rules['d_days_late'])},
            rules['fallback']: _("Rule %(rating)s: the conditions of no better rating are "
                                 "met.") % {'rating': rules['fallback']},
        }
        for rule in rules['ratings']:
            texts[rule['rating']] = _(
                "Rule %(rating)s: at least %(on_time)s%% paid on time, at most %(days_late)s "
                "days late on average, overdue share at most %(overdue_share)s%%, credit "
                "usage at most %(usage)s%%.") % {
                'rating': rule['rating'], 'on_time': _num(rule['min_on_time']),
                'days_late': _num(rule['max_days_late']),
                'overdue_share': _num(rule['max_overdue_share']),
                'usage': _num(rule['max_usage'])}
        return texts

    @api.model
    def _rate_credit(self, company, date_from, date_to, partner_ids=None):
        """Rate the credit of every customer of ``company`` from its payment behaviour.

        One query reads the figures of all customers, one upsert stores them with the time
        of the rating, one ``UPDATE ... FROM`` writes the ratings that changed; called by the
        card's button and the changes of the customers' invoices (a grading run writes the
        ratings with the grades, see ``crm.grading.run._run_policy``).

        :param company: ``res.company`` record (or id) whose invoices are rated.
        :param date_from: first invoice date of the period (string or date).
        :param date_to: last invoice date of the period (string or date).
        :param partner_ids: commercial partner ids to rate; ``None`` rates every customer.
        :return: the number of customers given a rating (not counting those left unrated).
        """
        ids, ratings, facts = self._credit_ratings(company, date_from, date_to, partner_ids)
        if not ids:
            return 0
        self._write_credit_facts(ids, facts, full_run=partner_ids is None)
        # The rating itself only where it changed: a partner row is wide and indexed.
        self.env.cr.execute("""
            UPDATE res_partner p
               SET credit_rating = v.rating, credit_explanation_legacy = NULL
              FROM unnest(%s::int[], %s::varchar[]) AS v(id, rating)
             WHERE p.id = v.id
               AND (p.credit_rating IS DISTINCT FROM v.rating
                    OR p.credit_explanation_legacy IS NOT NULL)
        """, [ids, ratings])
        self.invalidate_cache(['credit_rating', 'credit_facts', 'credit_rated_date',
                               'credit_explanation', 'credit_explanation_legacy'], ids)
        return len([rating for rating in ratings if rating])

    @api.model
    def _credit_ratings(self, company, date_from, date_to, partner_ids=None):
        """The ratings of ``company``'s customers (all, or ``partner_ids``) and the figures
        behind them, without writing anything (parameters as ``_rate_credit``).

        :return: three lists in the same order: partner ids, ratings (``None``: not rated)
            and figures (JSON texts, as ``credit_facts`` stores them)
        """
        if isinstance(company, int):
            company = self.env['res.company'].browse(company)
        date_from = fields.Date.to_string(fields.Date.from_string(date_from))
        date_to = fields.Date.to_string(fields.Date.from_string(date_to))
        today = fields.Date.to_string(company_today(company))
        if not self.env.context.get('c360_credit_no_recompute'):
            self.recompute()  # pending stored computes (residuals) must reach the database
        self.env.cr.execute(CREDIT_FIGURES_SQL, {
            'company': company.id, 'shared': company == main_company(self.env),
            'date_from': date_from, 'date_to': date_to,
            'today': today, 'all': partner_ids is None, 'partners': list(partner_ids or [])})
        rows = self.env.cr.fetchall()
        rules = self._credit_rating_rules()
        # Read once, not per row: a full run has a row per customer (100,000 and more).
        digits = company.currency_id.decimal_places
        company_id = company.id
        encode = FACTS_ENCODER.encode
        ids, ratings, facts = [], [], []
        for row in rows:
            figures = self._credit_figures_from_row(row, digits)
            rating = self._credit_rating_of(figures, rules)
            ids.append(row[0])
            ratings.append(rating or None)
            facts.append(encode(dict(
                figures, company_id=company_id, date_from=date_from, date_to=date_to,
                rating=rating or False)))
        return ids, ratings, facts

    @api.model
    def _write_credit_facts(self, ids, facts, full_run=False, date=None):
        """Store the figures ``facts`` (JSON texts) of the customers ``ids`` and the time of
        their rating: where the figures changed, and on every customer rated by a full run
        (the card says when it was last rated)."""
        self.env.cr.execute("""
            INSERT INTO crm_customer_credit AS c (partner_id, facts, rated_date)
                 SELECT v.id, v.facts, %s
                   FROM unnest(%s::int[], %s::text[]) AS v(id, facts)
            ON CONFLICT (partner_id) DO UPDATE
                    SET facts = EXCLUDED.facts, rated_date = EXCLUDED.rated_date
                  WHERE c.facts IS DISTINCT FROM EXCLUDED.facts OR c.rated_date IS NULL OR %s
        """, [date or fields.Datetime.now(), list(ids), list(facts), bool(full_run)])

    def _compute_credit_facts(self):
        """Read the figures and the time of the rating from ``crm.customer.credit``, one query
        for the whole batch."""
        ids = [pid for pid in self.ids if isinstance(pid, int)]
        rows = {}
        if ids:
            self.env.cr.execute("""SELECT partner_id, facts, rated_date FROM crm_customer_credit
                                    WHERE partner_id = ANY(%s)""", [ids])
            rows = {pid: (facts, date) for pid, facts, date in self.env.cr.fetchall()}
        for partner in self:
            facts, date = rows.get(partner.id, (None, None))
            partner.credit_facts = facts or False
            partner.credit_rated_date = date or False  # Odoo's cursor reads timestamps as text

    def _inverse_credit_facts(self):
        """A rating set by hand stores who set it and when (``res_partner_guard.py``)."""
        for partner in self:
            self._write_credit_facts([partner.id], [partner.credit_facts or None],
                                     full_run=True, date=partner.credit_rated_date or None)

    @api.model
    def _rate_credit_all_companies(self):
        """Rate the customers of every company over the card's period (demo data, scripts).

        A customer shared by several companies is rated by the main company (lowest id).
        """
        total = 0
        for company in self.env['res.company'].search([]):
            date_from, date_to = self._credit_rating_period(company)
            total += self._rate_credit(company, date_from, date_to)
        return total

    @api.model
    def _rate_credit_of(self, commercial_ids):
        """Rate these customers again now, each with its company's period: their invoices,
        payments or credit limit changed. Set-based: one rating per company."""
        if not commercial_ids:
            return 0
        self.env.cr.execute("""
            SELECT COALESCE(p.company_id, (SELECT MIN(id) FROM res_company)), array_agg(p.id)
              FROM res_partner p
             WHERE p.id = ANY(%s) AND p.customer AND p.id = p.commercial_partner_id
          GROUP BY 1""", [list(commercial_ids)])
        total = 0
        Partner = self.sudo().with_context(c360_credit_no_recompute=True)
        for company_id, ids in self.env.cr.fetchall():
            company = self.env['res.company'].browse(company_id)
            date_from, date_to = Partner._credit_rating_period(company)
            total += Partner._rate_credit(company, date_from, date_to, partner_ids=ids)
        return total

    @api.model
    def _credit_figures_from_row(self, row, digits):
        """Turn a row of ``CREDIT_FIGURES_SQL`` into the figures a rule looks at.

        :param digits: decimal places of the company currency.
        """
        (_pid, credit_limit, invoice_count, due_count, on_time_count, days_late,
         receivable, overdue) = row
        receivable = round(receivable, digits)
        overdue = round(overdue, digits)
        return {
            'invoice_count': invoice_count,
            'due_count': due_count,
            'on_time_count': on_time_count,
            'on_time_pct': round(100.0 * on_time_count / due_count, 1) if due_count else 0.0,
            'avg_days_late': round(float(days_late) / due_count, 1) if due_count else 0.0,
            'receivable': receivable,
            'overdue': overdue,
            'overdue_share': round(100.0 * overdue / receivable, 1) if receivable > 0 else 0.0,
            'credit_limit': credit_limit,
            'usage': (round(100.0 * max(receivable, 0.0) / credit_limit, 1)
                      if credit_limit > 0 else None),
            'rated': bool(due_count) or receivable > 0,
        }

    # ------------------------------------------------------------------
    # The explanation, composed when it is read
    # ------------------------------------------------------------------
    @api.depends('credit_facts', 'credit_rated_date', 'credit_explanation_legacy')
    def _compute_credit_explanation(self):
        """The explanation of the rating in the reader's language, from its figures; the
        text stored by an older version until the customer is rated again."""
        rules = texts = None
        companies = {}
        for partner in self:
            facts = json.loads(partner.credit_facts) if partner.credit_facts else None
            if not facts:
                partner.credit_explanation = partner.credit_explanation_legacy or False
                continue
            if 'manual' in facts:
                partner.credit_explanation = _(
                    "Credit rating %(rating)s set by hand by %(user)s on %(date)s.") % {
                    'rating': partner.credit_rating or _("none"),
                    'user': self.env['res.users'].sudo().browse(facts['manual']).name,
                    'date': format_datetime(self.env, partner.credit_rated_date)}
                continue
            if rules is None:
                rules = self._credit_rating_rules()
                texts = self._credit_explanation_texts()
                texts['rules'] = self._credit_rule_texts(rules)
            company_id = facts.get('company_id')
            if company_id not in companies:
                companies[company_id] = self.env['res.company'].sudo().browse(company_id)
            partner.credit_explanation = self._credit_explanation(
                facts, facts.get('rating') or False, texts,
                companies[company_id].currency_id, partner.credit_rated_date)

    @api.model
    def _credit_explanation_texts(self):
        """The translated lines of the explanation, for ``_credit_explanation``."""
        return {
            'title': _("Credit rating %(rating)s, from the payment behaviour between "
                       "%(date_from)s and %(date_to)s."),
            'none': _("none"),
            'invoices': _("Invoices in the period: %(count)d"),
            'on_time': _("Paid on time: %(on_time)d of %(due)d due (%(pct)s%%)"),
            'days_late': _("Average days late: %(days)s"),
            'nothing_due': _("Paid on time: no invoice due in the period"),
            'receivable': _("Receivable today: %(receivable)s"),
            'overdue': _("Overdue today: %(overdue)s (%(share)s%% of the receivable)"),
            'no_limit': _("Credit limit: none"),
            'limit': _("Credit limit: %(limit)s, used %(usage)s%%"),
        }

    @api.model
    def _credit_explanation(self, figures, rating, texts, currency, rated_date=False):
        """The text of ``credit_explanation``: the rating, its rule and every figure (amounts
        in ``currency``, formatted for the reader); ``credit_rated_date`` says when."""
        def money(amount):
            return formatLang(self.env, amount, currency_obj=currency)
        lines = [
            texts['title'] % {'rating': rating or texts['none'],
                              'date_from': figures['date_from'],
                              'date_to': figures['date_to']},
            texts['rules'].get(rating, ''),
            texts['invoices'] % {'count': figures['invoice_count']},
        ]
        if figures['due_count']:
            lines += [
                texts['on_time'] % {'on_time': figures['on_time_count'],
                                    'due': figures['due_count'],
                                    'pct': _num(figures['on_time_pct'])},
                texts['days_late'] % {'days': _num(figures['avg_days_late'])},
            ]
        else:
            lines.append(texts['nothing_due'])
        lines += [
            texts['receivable'] % {'receivable': money(figures['receivable'])},
            texts['overdue'] % {'overdue': money(figures['overdue']),
                                'share': _num(figures['overdue_share'])},
        ]
        if figures['usage'] is None:
            lines.append(texts['no_limit'])
        else:
            lines.append(texts['limit'] % {'limit': money(figures['credit_limit']),
                                           'usage': _num(figures['usage'])})
        return '\n'.join(lines)

def _num(value):
    """A figure without a useless decimal: 95.0 -> '95', 66.7 -> '66.7'."""
    value = round(value, 1)
    return ('%d' % value) if value == int(value) else ('%.1f' % value)
