# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Customer grades (A, B, C, D by default) and the policies that hang on them."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .bounds import MAX_COLOR, MAX_DAYS, MAX_SEQUENCE, check_length, check_range


class CrmCustomerGrade(models.Model):
    _name = 'crm.customer.grade'
    _description = 'Customer Grade'
    _order = 'sequence, code'

    code = fields.Char(
        'Code', required=True, size=8,
        help="Short code shown on the badge of the customer card, e.g. A.")
    name = fields.Char('Name', required=True, translate=True)
    sequence = fields.Integer(
        'Sequence', default=10,
        help="Best grade first: the grading policies give the first grade to the customers "
             "who contribute most.")
    color = fields.Integer('Colour Index', default=0)
    active = fields.Boolean('Active', default=True)
    follow_up_days = fields.Integer(
        'Follow-up Every (Days)', default=30,
        help="A customer of this grade must be contacted at least this often; the daily "
             "follow-up job plans an activity for the owner when the last contact is older.")
    pool_release_days = fields.Integer(
        'Pool Release After (Days)',
        help="Release this grade's customers into the public pool after this many days "
             "without a contact; empty or 0 uses the public pool setting of the "
             "customer's company.")
    description = fields.Text('Description', translate=True)
    partner_count = fields.Integer('Customers', compute='_compute_partner_count')

    _sql_constraints = [
        ('code_uniq', 'unique (code)', "A grade with this code already exists."),
    ]

    @api.multi
    def _compute_partner_count(self):
        groups = self.env['res.partner'].read_group(
            [('grade_id', 'in', self.ids)], ['grade_id'], ['grade_id'])
        counts = {group['grade_id'][0]: group['grade_id_count'] for group in groups}
        for grade in self:
            grade.partner_count = counts.get(grade.id, 0)

    @api.constrains('follow_up_days', 'pool_release_days', 'sequence', 'color', 'name',
                    'description')
    def _check_bounds(self):
        """Days within five years (a longer period breaks the card's dates and the pool
        job), sane sequence, colour and text lengths."""
        for grade in self:
            for fname in ('follow_up_days', 'pool_release_days'):
                check_range(grade, fname, 0, MAX_DAYS)
            check_range(grade, 'sequence', 0, MAX_SEQUENCE)
            check_range(grade, 'color', 0, MAX_COLOR)
            check_length(grade, 'name', 64)
            check_length(grade, 'description', 2000)

    @api.multi
    def unlink(self):
        """Refuse to delete a grade that the grade history names: archive it instead."""
        used = self.env['crm.customer.grade.history'].sudo().search(
            ['|', ('old_grade_id', 'in', self.ids), ('new_grade_id', 'in', self.ids)], limit=1)
        if used:
            grade = (used.old_grade_id | used.new_grade_id) & self
            raise UserError(
                _("Grade %(grade)s appears in the grade history of customers and cannot be "
                  "deleted: archive it instead.") % {'grade': grade[0].display_name})
        return super().unlink()

    @api.multi
    def name_get(self):
        return [(grade.id, '%s - %s' % (grade.code, grade.name)) for grade in self]

    @api.multi
    def action_open_customers(self):
        """Open the customers of this grade (for those who may read grades)."""
        self.ensure_one()
        self.check_access_rights('read')
        self.check_access_rule('read')
        action = self.env.ref('base.action_partner_form').read()[0]
        action['domain'] = [('grade_id', '=', self.id)]
        action['context'] = {}
        return action
