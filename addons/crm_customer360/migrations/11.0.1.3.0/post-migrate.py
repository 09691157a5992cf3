# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""* ``has_duplicates`` became a stored flag (computing it for the Possible Duplicates list
  took minutes over a large base): the new column is empty, so queue the job that fills it,
  by parts, in the background (it runs once the job runner starts).
"""
from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    env['res.partner']._cron_dup_flags()
