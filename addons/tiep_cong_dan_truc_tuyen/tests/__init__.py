from . import (
    test_access,
    test_admin_unit,
    test_agency,
    test_bridge_point,
    test_case,
    test_citizen,
    test_deadline_cron,
    test_i18n,
    test_protection,
    test_protection_http,
    test_tour,
    test_working_calendar,
)
