from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged

from .common import activate_vietnamese


@tagged("post_install", "-at_install")
class TestVietnamese(TransactionCase):
    """Users work in Vietnamese: messages and labels come from i18n/vi.po."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        activate_vietnamese(cls.env)
        cls.env = cls.env(context=dict(cls.env.context, lang="vi_VN"))

    def test_error_message_in_vietnamese(self):
        agency = self.env["tcd.agency"].create({"name": "UBND xã Thử", "level": "commune"})
        with self.assertRaisesRegex(ValidationError, "phải lớn hơn 0 Mb/s"):
            self.env["tcd.bridge.point"].create({"name": "ĐC thử", "agency_id": agency.id, "required_bandwidth": 0})
        with self.assertRaisesRegex(ValidationError, "không thể là cấp trên của chính nó"):
            agency.parent_id = agency

    def test_labels_in_vietnamese(self):
        fields = self.env["tcd.bridge.point"].fields_get(["required_bandwidth", "is_central"])
        self.assertEqual(fields["required_bandwidth"]["string"], "Băng thông yêu cầu (Mb/s)")
        self.assertEqual(fields["is_central"]["string"], "Điểm cầu trung tâm")
        menu = self.env.ref("tiep_cong_dan_truc_tuyen.tcd_menu_root")
        self.assertEqual(menu.name, "Tiếp công dân trực tuyến")
        self.assertEqual(self.env.ref("tiep_cong_dan_truc_tuyen.group_tcd_officer").name, "Cán bộ tiếp công dân")
