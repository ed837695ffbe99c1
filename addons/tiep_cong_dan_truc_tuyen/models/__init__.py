from . import (
    res_users,
    tcd_admin_unit,
    tcd_agency,
    tcd_agency_scoped_mixin,
    tcd_bridge_point,
    tcd_conference_platform,
    tcd_duty,
)
