# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import crm_customer_grade_lock
from . import crm_credit_approval_request
from . import crm_credit_approval_decision
