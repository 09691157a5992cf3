# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import test_crm_customer_grade
from . import test_crm_grading_policy
from . import test_crm_grading_run
from . import test_crm_grading_run_lock
from . import test_crm_customer_grade_lock
from . import test_res_partner_credit
from . import test_facts_agree
from . import test_sale_order_credit
from . import test_sale_portal_credit
from . import test_res_partner_follow_up
from . import test_crm_customer_analysis
from . import test_customer_analysis_xlsx
from . import test_res_partner_pool_grade
from . import test_res_partner_views
from . import test_crm_grading_race
from . import test_security_credit
from . import test_security_grade
from . import test_security_grading
from . import test_customer_briefing_grade
from . import test_dashboard_credit_blocks
from . import test_rule_joins_grading
