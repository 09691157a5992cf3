# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Customer 360 Card",
    "summary": "One customer card: identity, proposals, contracts, invoices, "
               "receivables and overdue amounts",
    "version": "11.0.1.0.0",
    "category": "Sales",
    "website": "https://github.com/crm-customer360/crm-customer360",
    "author": "CRM Customer 360 contributors",
    "license": "LGPL-3",
    "application": False,
    "installable": True,
    "depends": [
        "crm",
        "sale_management",
        "account_invoicing",
        "contacts",
        "portal",
    ],
    "external_dependencies": {
        "python": ["stdnum", "phonenumbers"],
    },
    "data": [
        "security/ir.model.access.csv",
        "views/res_partner_views.xml",
        "views/crm_customer360_menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
        "demo/res_partner_demo.xml",
        "demo/crm_lead_demo.xml",
        "demo/sale_order_demo.xml",
        "demo/account_invoice_demo.xml",
    ],
}
