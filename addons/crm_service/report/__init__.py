from . import customer_briefing
