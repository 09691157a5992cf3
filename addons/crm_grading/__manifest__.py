# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Customer Grading",
    "summary": "Grades customers by contribution (80/20, RFM), rates their credit, explains "
               "every grade and drives follow-up",
    "version": "11.0.1.0.0",
    "category": "Sales",
    "website": "https://github.com/crm-customer360/crm-customer360",
    "author": "CRM Customer 360 contributors",
    "license": "LGPL-3",
    "application": False,
    "installable": True,
    "depends": [
        "crm_customer360",
    ],
    "data": [
        "security/crm_grading_security.xml",
        "security/ir.model.access.csv",
        "data/crm_customer_grade_data.xml",
        "views/crm_customer_grade_views.xml",
        "views/crm_customer_grade_history_views.xml",
        "views/res_partner_views.xml",
        "views/crm_grading_menus.xml",
    ],
    "demo": [
    ],
}
