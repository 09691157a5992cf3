# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import crm_customer_grade
from . import crm_customer_grade_history
from . import crm_customer_grading_figures
from . import crm_customer_credit
from . import res_partner
from . import res_partner_guard
from . import res_partner_grade_lock
from . import res_partner_grade_card
from . import crm_grading_policy
from . import crm_grading_policy_rfm_rule
from . import crm_grading_run
from . import crm_grading_run_batch
from . import res_company
from . import res_config_settings
from . import crm_lead
# credit rating, credit block and follow-up (h-credit)
from . import res_partner_credit
from . import account_invoice
from . import res_partner_follow_up
from . import sale_order
from . import sale_order_line
from . import crm_customer_analysis
from . import crm_customer_pareto
from . import res_partner_pool_grade
from . import crm_customer_analysis_batch
from . import crm_customer_dashboard_tile
# credit approvals instead of a bypass group (issue 20)
from . import crm_credit_approval
from . import sale_order_credit_approval
from . import sale_order_credit_blocked
