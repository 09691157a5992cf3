# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The grading tiles of the Customers dashboard: customers by grade, the changes of the last
grading run, the credit approvals waiting for a decision, my quotations the credit block
holds back."""
from odoo import models


class CrmCustomerDashboardTile(models.Model):
    _inherit = 'crm.customer.dashboard.tile'

    def _tile_my_customers(self):
        """My customers, opened by grade."""
        spec = super()._tile_my_customers()
        spec['context'] = dict(spec.get('context', {}), group_by='grade_id')
        return spec

    def _tile_grade_distribution(self):
        """The graded customers, by grade."""
        return {
            'model': 'res.partner',
            'action': 'crm_customer360.res_partner_action_customer_cards',
            'domain': self._tile_customer_domain() + [('grade_id', '!=', False)],
            'context': {'group_by': 'grade_id'},
        }

    def _tile_grade_changes(self):
        """The grade changes since the start of the company's last finished run."""
        run = self.env['crm.grading.run'].search(
            [('state', '=', 'done'), ('company_id', '=', self.env.user.company_id.id)],
            limit=1, order='date_start desc, id desc')
        domain = [('id', '=', 0)]
        if run:
            domain = [('date', '>=', run.date_start), ('company_id', '=', run.company_id.id)]
        return {
            'model': 'crm.customer.grade.history',
            'action': 'crm_grading.crm_customer_grade_history_action',
            'domain': domain, 'context': {'group_by': 'new_grade_id'},
        }

    def _tile_credit_blocks(self):
        """The credit approval requests waiting for a credit approver's decision (under the
        reader's record rules): what a manager acts on. Counting every quotation the block
        would hold back, asked about or not, costs seconds on a large base (every customer's
        receivable and open orders) for quotations nobody is waiting on yet."""
        return {
            'model': 'crm.credit.approval', 'action': 'crm_grading.crm_credit_approval_action',
            'domain': [('state', '=', 'requested')],
        }

    def _tile_my_credit_blocks(self):
        """My quotations the credit block holds back (their customer rated D, or over its
        credit limit with them), no valid credit approval letting them through: I may ask
        for an approval. The block's own test over my quotations, in a fixed number of
        queries (``sale.order._credit_blocked_quotation_ids``)."""
        blocked = self.env['sale.order']._credit_blocked_quotation_ids(
            [('user_id', '=', self.env.uid)])
        return {
            'model': 'sale.order', 'action': 'sale.action_quotations',
            'domain': [('id', 'in', blocked)],
        }
