from . import customer_figures
from . import res_partner
from . import res_partner_figures
from . import res_partner_documents
