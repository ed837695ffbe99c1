from contextlib import contextmanager

from odoo.tests import TransactionCase, new_test_user

MODULE = "tiep_cong_dan_truc_tuyen"


def activate_vietnamese(env):
    """Install Vietnamese with the addon's translations (a test database may have been made without)."""
    env["res.lang"]._activate_lang("vi_VN")
    env["ir.module.module"].search([("name", "=", MODULE)])._update_translations(filter_lang=["vi_VN"])


class TcdCommon(TransactionCase):
    """Two provinces with their agencies, bridge points and one user per access level.

    Built here rather than taken from the demo data, so that the tests run on a
    database installed without demo data too.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))

        def agency(name, level, kind, parent=None, unit_code=None):
            return cls.env["tcd.agency"].create(
                {
                    "name": name,
                    "level": level,
                    "kind": kind,
                    "parent_id": parent.id if parent else False,
                    "admin_unit_id": cls.env.ref(f"{MODULE}.admin_unit_{unit_code}").id if unit_code else False,
                }
            )

        cls.central = agency("Ban Tiếp công dân Trung ương (test)", "central", "reception_board")
        cls.prov_a = agency("UBND tỉnh A", "province", "people_committee", unit_code="51")
        cls.board_a = agency("Ban TCD tỉnh A", "province", "reception_board", cls.prov_a)
        cls.dept_a = agency("Sở Tài chính tỉnh A", "department", "dept_finance", cls.prov_a)
        cls.commune_a1 = agency("UBND xã A1", "commune", "people_committee", cls.prov_a, "21040")
        cls.commune_a2 = agency("UBND xã A2", "commune", "people_committee", cls.prov_a, "21115")
        cls.prov_b = agency("UBND tỉnh B", "province", "people_committee", unit_code="52")
        cls.commune_b1 = agency("UBND xã B1", "commune", "people_committee", cls.prov_b, "21609")

        Point = cls.env["tcd.bridge.point"]
        cls.point_central = Point.create(
            {
                "name": "ĐC Trung ương",
                "agency_id": cls.central.id,
                "is_central": True,
                "is_delegate": False,
                "platform_account": "tw",
                "platform_password": "secret-tw",
            }
        )
        cls.point_board_a = Point.create(
            {
                "name": "ĐC Ban TCD tỉnh A",
                "agency_id": cls.board_a.id,
                "is_central": True,
                "platform_password": "secret-a",
            }
        )
        cls.point_dept_a = Point.create({"name": "ĐC Sở Tài chính A", "agency_id": cls.dept_a.id})
        cls.point_a1 = Point.create(
            {
                "name": "ĐC xã A1",
                "agency_id": cls.commune_a1.id,
                "platform_account": "a1",
                "platform_password": "secret-a1",
            }
        )
        cls.point_a2 = Point.create({"name": "ĐC xã A2", "agency_id": cls.commune_a2.id})
        cls.point_b1 = Point.create({"name": "ĐC xã B1", "agency_id": cls.commune_b1.id})
        cls.all_points = (
            cls.point_central | cls.point_board_a | cls.point_dept_a | cls.point_a1 | cls.point_a2 | cls.point_b1
        )

        def user(login, groups, agency):
            return new_test_user(cls.env, login=login, groups=groups, tcd_agency_id=agency.id)

        g = f"{MODULE}.group_tcd_"
        cls.officer_a1 = user("officer_a1", g + "officer", cls.commune_a1)
        cls.technician_a1 = user("technician_a1", g + "technician", cls.commune_a1)
        cls.officer_dept_a = user("officer_dept_a", g + "officer", cls.dept_a)
        cls.province_officer_a = user("province_a", g + "province_officer", cls.board_a)
        cls.leader_a = user("leader_a", g + "leader," + g + "province_officer", cls.prov_a)
        cls.finance_a = user("finance_a", g + "finance", cls.dept_a)
        cls.central_officer = user("central", g + "central_officer", cls.central)
        cls.tcd_admin = user("tcd_admin", g + "admin", cls.central)
        cls.internal_user = new_test_user(cls.env, login="plain_internal", groups="base.group_user")

    @contextmanager
    def assertRefused(self, exception, regex):
        """The change is refused with a message matching ``regex``, and rolled back as a request is."""
        with self.assertRaises(exception) as error:
            yield error
        self.assertRegex(str(error.exception), regex)


class TcdCaseCommon(TcdCommon):
    """Adds citizens and helpers to create cases."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        g = f"{MODULE}.group_tcd_"
        cls.officer_a1_other = new_test_user(
            cls.env, login="officer_a1_other", groups=g + "officer", tcd_agency_id=cls.commune_a1.id
        )
        cls.officer_a2 = new_test_user(
            cls.env, login="officer_a2", groups=g + "officer", tcd_agency_id=cls.commune_a2.id
        )
        cls.confidential_a1 = new_test_user(
            cls.env, login="confidential_a1", groups=g + "confidential", tcd_agency_id=cls.commune_a1.id
        )
        cls.leader_a1 = new_test_user(cls.env, login="leader_a1", groups=g + "leader", tcd_agency_id=cls.commune_a1.id)
        cls.citizen_a1 = cls.citizen("Phạm Văn Hùng", "051058901234", cls.commune_a1, birth="1958-03-02")
        cls.citizen_a2 = cls.citizen("Võ Thị Lan", "051175904321", cls.commune_a2, birth="1975-11-20", gender="female")
        cls.ground = cls.env.ref(f"{MODULE}.ground_far_vulnerable")

    @classmethod
    def citizen(cls, name, number, agency, birth=None, gender="male", **vals):
        return cls.env["tcd.citizen"].create(
            dict(
                {"name": name, "id_number": number, "agency_id": agency.id, "birth_date": birth, "gender": gender},
                **vals,
            )
        )

    @classmethod
    def case(cls, citizens, agency, kind="complaint", **vals):
        return cls.env["tcd.case"].create(
            dict(
                {
                    "subject": "Vụ việc thử",
                    "kind": kind,
                    "agency_id": agency.id,
                    "citizen_ids": [(6, 0, citizens.ids)],
                },
                **vals,
            )
        )
