# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The host's partner merge and the public pool: the surviving partner keeps its pool state.

The host copies onto the surviving partner every field it lacks from the merged ones, pool
state included: a customer merged with a pool customer would land in the pool with its owner.
"""
from odoo import models


class BasePartnerMergeAutomaticWizard(models.TransientModel):
    _inherit = 'base.partner.merge.automatic.wizard'

    def _update_values(self, src_partners, dst_partner):
        """Copy values as the host does, but not the pool state, the lock to the owner nor,
        onto a pool customer, an owner (see ``res.partner._merge_survivor_vals``)."""
        return super()._update_values(
            src_partners, dst_partner.with_context(c360_merge_survivor=True))
