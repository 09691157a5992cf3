# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Customer Grading",
    "summary": "Grades customers by contribution (80/20, RFM), rates their credit, explains "
               "every grade and drives follow-up",
    "version": "11.0.1.5.0",
    "category": "Sales",
    "website": "https://github.com/crm-customer360/crm-customer360",
    "author": "CRM Customer 360 contributors",
    "license": "LGPL-3",
    "development_status": "Beta",
    "maintainers": ["crm-customer360"],
    "application": False,
    "installable": True,
    "depends": [
        "crm_customer360",
    ],
    "data": [
        "security/crm_grading_security.xml",
        "security/ir.model.access.csv",
        "security/crm_grading_policy_security.xml",
        "security/crm_customer_grade_history_security.xml",
        "data/crm_customer_grade_data.xml",
        "data/crm_grading_policy_data.xml",
        "views/assets.xml",
        "views/crm_customer_grade_views.xml",
        "views/crm_customer_grade_history_views.xml",
        "views/crm_grading_policy_views.xml",
        "views/crm_grading_run_views.xml",
        "views/res_partner_views.xml",
        "report/customer_briefing_templates.xml",
        "views/crm_lead_views.xml",
        "wizards/crm_customer_grade_lock_views.xml",
        "views/crm_grading_menus.xml",
        # credit rating, credit block and follow-up (h-credit)
        "data/res_partner_follow_up_data.xml",
        "views/res_partner_credit_views.xml",
        "views/res_partner_follow_up_views.xml",
        "views/sale_order_views.xml",
        "views/res_config_settings_views.xml",
        # customer analysis (cube and Pareto)
        "security/crm_customer_analysis_security.xml",
        "data/crm_customer_analysis_data.xml",
        "views/crm_customer_analysis_views.xml",
        "data/crm_customer_analysis_filters.xml",
        "report/customer_analysis_xlsx.xml",
        # the Customers app: menus, dashboard tiles, grade on the customer cards
        "data/crm_customer_dashboard_tile_data.xml",
        "views/res_partner_kanban_views.xml",
        "views/crm_grading_app_menus.xml",
        # credit approvals instead of a bypass group (issue 20)
        "security/crm_credit_approval_security.xml",
        "data/crm_credit_approval_data.xml",
        "wizards/crm_credit_approval_decision_views.xml",
        "wizards/crm_credit_approval_request_views.xml",
        "views/crm_credit_approval_views.xml",
    ],
    "demo": [
        "demo/crm_grading_demo.xml",
    ],
    "post_init_hook": "post_init_hook",
}
