from . import customer_analysis_xlsx
