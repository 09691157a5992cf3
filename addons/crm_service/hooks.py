# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Uninstall hook: the customer analysis cube rebuilt without the service measures."""
from odoo import SUPERUSER_ID, api

from .models.crm_customer_analysis import SKIP_KEY


def uninstall_hook(cr, registry):
    """Rebuild the cube's rows without the ticket sources before the tickets' tables go:
    dropping them with CASCADE would otherwise drop the cube until crm_grading is updated."""
    env = api.Environment(cr, SUPERUSER_ID, {SKIP_KEY: True})
    env['crm.customer.analysis'].init()
