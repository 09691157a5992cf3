from . import test_crm_service_sla
from . import test_crm_service_ticket
from . import test_crm_service_team
from . import test_crm_service_team_concurrency
from . import test_crm_service_ticket_mail
from . import test_res_partner
from . import test_crm_customer_handover
from . import test_crm_service_security
