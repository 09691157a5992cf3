# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Explanations are composed when they are read, in the reader's language, from the figures
stored with the rating or the grade change. The texts stored until now were in the language
of whoever ran the job: they are kept under another name and shown until the customer is
rated again (credit), or for good (the history rows of past grade changes).
"""

from odoo.tools.sql import column_exists, rename_column


def _rename(cr, table, old, new):
    if column_exists(cr, table, old):
        rename_column(cr, table, old, new)


def migrate(cr, version):
    _rename(cr, 'res_partner', 'credit_explanation', 'credit_explanation_legacy')
    _rename(cr, 'crm_customer_grade_history', 'explanation', 'explanation_legacy')
    # a finished run's message is composed from its counts; a failure keeps its error
    _rename(cr, 'crm_grading_run', 'message', 'message_text')
    cr.execute("UPDATE crm_grading_run SET message_text = NULL WHERE state = 'done'")
