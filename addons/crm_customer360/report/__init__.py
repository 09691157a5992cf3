from . import customer_statement
from . import customer_briefing
from . import customer_statement_xlsx
