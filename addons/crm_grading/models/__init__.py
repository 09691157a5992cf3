# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import crm_customer_grade
from . import crm_customer_grade_history
from . import res_partner
from . import res_partner_pool_grade
