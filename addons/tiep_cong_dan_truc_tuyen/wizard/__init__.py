from . import tcd_case_stop_wizard
