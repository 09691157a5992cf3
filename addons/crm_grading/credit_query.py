# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The set-based SQL of a credit rating (see ``res_partner_credit.py``): the figures the
rating rules judge, for every customer of a company (or some), in one statement."""
from odoo.addons.crm_customer360.facts import (
    PURCHASE_INVOICE_TYPE, due_date_sql, not_staff_sql, overdue_invoices_sql,
    receivable_amount_sql, receivable_invoices_sql)

# Figures of every customer of the company, one row each; %(partners)s restricts to some.
# A shared customer (no company) is rated by the main company only, as it is graded.
CREDIT_FIGURES_SQL = """
    WITH cust AS (
        SELECT p.id, COALESCE(p.credit_limit, 0) AS credit_limit
          FROM res_partner p
         WHERE p.customer AND p.active AND p.id = p.commercial_partner_id
           AND (p.company_id = %(company)s OR (p.company_id IS NULL AND %(shared)s))
           AND """ + not_staff_sql('p') + """
           AND (%(all)s OR p.id = ANY(%(partners)s))
    ), inv AS (
        -- The paid date is the card's days to pay's, stored on the invoice when it turned
        -- paid (crm_customer360's account_invoice.py).
        SELECT i.id, i.commercial_partner_id AS pid, i.state, i.c360_paid_date AS pay_date,
               """ + due_date_sql('i') + """ AS due
          FROM account_invoice i
         WHERE i.company_id = %(company)s AND i.type = '""" + PURCHASE_INVOICE_TYPE + """'
           AND (%(all)s OR i.commercial_partner_id = ANY(%(partners)s))
           AND i.state IN ('open', 'paid')
           AND i.date_invoice BETWEEN %(date_from)s AND %(date_to)s
    ), late AS (
        SELECT inv.pid,
               COUNT(*) AS invoice_count,
               COUNT(*) FILTER (WHERE inv.state = 'paid' OR inv.due < %(today)s) AS due_count,
               COUNT(*) FILTER (WHERE inv.state = 'paid'
                                  AND COALESCE(inv.pay_date, inv.due) <= inv.due)
                   AS on_time_count,
               SUM(CASE WHEN inv.state = 'paid'
                        THEN GREATEST(COALESCE(inv.pay_date, inv.due) - inv.due, 0)
                        WHEN inv.due < %(today)s THEN %(today)s::date - inv.due
                        ELSE 0 END) AS days_late
          FROM inv
      GROUP BY inv.pid
    ), open AS (
        SELECT i.commercial_partner_id AS pid,
               SUM(""" + receivable_amount_sql('i') + """) AS receivable,
               SUM(""" + receivable_amount_sql('i') + """) FILTER (
                   WHERE """ + overdue_invoices_sql('i', '%(today)s') + """) AS overdue
          FROM account_invoice i
          JOIN cust ON cust.id = i.commercial_partner_id
         WHERE i.company_id = %(company)s AND """ + receivable_invoices_sql('i') + """
      GROUP BY i.commercial_partner_id
    )
    SELECT cust.id, cust.credit_limit,
           COALESCE(late.invoice_count, 0), COALESCE(late.due_count, 0),
           COALESCE(late.on_time_count, 0), COALESCE(late.days_late, 0),
           COALESCE(open.receivable, 0), COALESCE(open.overdue, 0)
      FROM cust
      LEFT JOIN late ON late.pid = cust.id
      LEFT JOIN open ON open.pid = cust.id
"""
