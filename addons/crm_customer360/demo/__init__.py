from . import demo_loader
from . import wizard_multi_charts_accounts
