from . import test_access, test_admin_unit, test_agency, test_bridge_point, test_i18n, test_tour
