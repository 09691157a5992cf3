from . import test_figures_query_count
from . import test_res_partner
from . import test_res_partner_figures
