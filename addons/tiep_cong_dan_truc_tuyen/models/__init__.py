from . import tcd_admin_unit
from . import tcd_duty
from . import tcd_conference_platform
from . import tcd_agency
from . import tcd_agency_scoped_mixin
from . import res_users
from . import tcd_bridge_point
