# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "After-sale Service",
    "summary": "Service tickets with teams, stages, SLA deadlines by customer grade in working "
               "hours, an e-mail channel and service figures on the customer card",
    "version": "11.0.1.3.0",
    "category": "Services",
    "website": "https://github.com/crm-customer360/crm-customer360",
    "author": "CRM Customer 360 contributors",
    "license": "LGPL-3",
    "development_status": "Beta",
    "maintainers": ["crm-customer360"],
    "application": True,
    "installable": True,
    "uninstall_hook": "uninstall_hook",
    "depends": [
        "crm_grading",
        "resource",
        "portal",
        "rating",
    ],
    "data": [
        "security/crm_service_security.xml",
        "security/ir.model.access.csv",
        "data/crm_service_ticket_data.xml",
        "data/crm_service_stage_data.xml",
        "data/crm_service_sla_data.xml",
        "data/crm_service_mail_template_data.xml",
        "views/crm_service_ticket_views.xml",
        "report/customer_briefing_templates.xml",
        "views/crm_service_team_views.xml",
        "views/crm_service_stage_views.xml",
        "views/crm_service_category_views.xml",
        "views/crm_service_sla_views.xml",
        "views/res_partner_views.xml",
        "views/crm_customer_handover_views.xml",
        "views/crm_service_menus.xml",
        # customer portal and satisfaction
        "security/crm_service_portal_security.xml",
        "data/crm_service_rating_data.xml",
        "views/crm_service_portal_templates.xml",
        "views/crm_service_ticket_rating_views.xml",
        "views/crm_customer_analysis_views.xml",
        # the Customers app: menus and dashboard tiles
        "data/crm_customer_dashboard_tile_data.xml",
        "views/crm_service_app_menus.xml",
    ],
    "demo": [
        "demo/crm_service_team_demo.xml",
        "demo/crm_service_sla_demo.xml",
        "demo/crm_service_ticket_demo.xml",
        # customer portal and satisfaction
        "demo/crm_service_portal_demo.xml",
    ],
}
