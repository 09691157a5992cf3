from . import crm_customer_statement
