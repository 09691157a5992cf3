# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The period of a customer statement, for one customer (the card) or several (the list)."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..report.customer_statement import default_period


class CrmCustomerStatement(models.TransientModel):
    """Asks for the period, then prints the statements or opens the e-mail composer."""

    _name = 'crm.customer.statement'
    _description = 'Customer statement period'

    partner_ids = fields.Many2many('res.partner', string='Customers', required=True,
                                   default=lambda self: self._default_partner_ids())
    date_from = fields.Date('Period Start', required=True,
                            default=lambda self: default_period(self.env)[0])
    date_to = fields.Date('Period End', required=True,
                          default=lambda self: default_period(self.env)[1])

    @api.model
    def _default_partner_ids(self):
        """The customers the card or the list was showing."""
        if self.env.context.get('active_model') != 'res.partner':
            return []
        return [(6, 0, self.env.context.get('active_ids') or [])]

    @api.constrains('date_from', 'date_to')
    def _check_period(self):
        for wizard in self:
            if wizard.date_from > wizard.date_to:
                raise UserError(_("The statement period starts on %(start)s, after its end "
                                  "%(end)s.") % {'start': wizard.date_from,
                                                 'end': wizard.date_to})

    @api.multi
    def action_print(self):
        """Print the statements of the period (one per commercial entity)."""
        return self._report_action('crm_customer360.customer_statement_report')

    @api.multi
    def action_export_xlsx(self):
        """The statements of the period as an Excel workbook (one sheet per customer)."""
        return self._report_action('crm_customer360.customer_statement_xlsx_report')

    def _report_action(self, report_xmlid):
        """The action printing the report ``report_xmlid`` for the wizard's customers and
        period (the report checks the reader)."""
        self.ensure_one()
        report = self.env.ref(report_xmlid)
        return report.report_action(self.partner_ids, data=self._report_data(), config=False)

    @api.multi
    def action_send(self):
        """Open the e-mail composer with the statement of the period attached."""
        self.ensure_one()
        if len(self.partner_ids) != 1:
            raise UserError(_("Send the statement to one customer at a time."))
        return self.partner_ids.with_context(
            statement_date_from=self.date_from,
            statement_date_to=self.date_to).action_statement_send()

    def _report_data(self):
        """The report's ``data``: the period and the customers (the web client puts no ids
        in the URL of a report printed with ``data``)."""
        return {'date_from': self.date_from, 'date_to': self.date_to,
                'partner_ids': self.partner_ids.ids}
