from . import customer_statement
from . import customer_briefing
