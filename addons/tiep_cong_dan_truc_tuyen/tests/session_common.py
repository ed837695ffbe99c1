from datetime import datetime, timedelta

import pytz
from freezegun import freeze_time

from odoo.tests import new_test_user

from .common import MODULE, TcdCaseCommon

VN = pytz.timezone("Asia/Ho_Chi_Minh")


def utc(text):
    """The naive UTC datetime of the Vietnam time ``text`` ('YYYY-MM-DD HH:MM')."""
    return VN.localize(datetime.strptime(text, "%Y-%m-%d %H:%M")).astimezone(pytz.utc).replace(tzinfo=None)


def local(value):
    """The Vietnam time of the naive UTC datetime ``value``, as 'YYYY-MM-DD HH:MM'."""
    return pytz.utc.localize(value).astimezone(VN).strftime("%Y-%m-%d %H:%M")


class TcdSessionCommon(TcdCaseCommon):
    """A province-hosted setting: the province reception board's point is central, the communes'
    and the department's points are delegates."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        g = f"{MODULE}.group_tcd_"
        cls.leader_b = new_test_user(cls.env, login="leader_b", groups=g + "leader", tcd_agency_id=cls.board_a.id)
        cls.point_board_a.write({"measured_bandwidth": 40.0, "max_points": 10})
        cls.rule = {
            code: cls.env.ref(f"{MODULE}.lead_time_rule_{code}")
            for code in ("plan", "notify", "invitation", "test_day", "test_2h", "connected")
        }

    @classmethod
    def make_session(cls, start, stop=None, points=None, user=None, now=None, **vals):
        """A session of the province starting at the Vietnam time ``start``, created at ``now``."""
        points = cls.point_a1 if points is None else points
        values = dict(
            {
                "subject": "Tiếp công dân định kỳ",
                "agency_id": cls.board_a.id,
                "chair_id": cls.leader_a.id,
                "start": utc(start),
                "stop": utc(stop) if stop else utc(start) + timedelta(hours=2),
                "central_point_id": cls.point_board_a.id,
                "point_line_ids": [(0, 0, {"bridge_point_id": point.id}) for point in points],
            },
            **vals,
        )
        env = cls.env(user=user) if user else cls.env
        with freeze_time(now or "2026-01-05 01:00:00"):
            return env["tcd.session"].create(values)

    @staticmethod
    def record_tests(session, kind, result="passed", points=None):
        """Record the result of the planned ``kind`` tests of the session (at ``points`` only if given)."""
        tests = session.test_ids.filtered(
            lambda t: t.state == "planned" and t.kind == kind and (points is None or t.bridge_point_id in points)
        )
        quality = "good" if result == "passed" else "poor"
        tests.write(
            {
                "sound": quality,
                "picture": quality,
                "result": result,
                "measured_bandwidth": 8.0,
                "problems": "Mất tiếng" if result == "failed" else False,
            }
        )
        tests.action_record()
        return tests

    @staticmethod
    def due(session, code):
        milestone = session.milestone_ids.filtered(lambda m: m.rule_id.code == code)
        return local(milestone.due_at)
