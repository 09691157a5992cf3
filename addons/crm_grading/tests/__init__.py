# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import test_crm_customer_grade
from . import test_res_partner_pool_grade
