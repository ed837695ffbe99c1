from collections import Counter

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import MODULE, TcdCommon
from .session_common import utc


@tagged("post_install", "-at_install")
class TestTraining(TcdCommon):
    """Training sessions on online reception record who attended from which agency; the trainees are
    counted per agency (Quyết định 748/QĐ-TTCP, Mô hình thí điểm Phần V mục II.1 điểm g; Kế hoạch
    459/KH-UBND tỉnh Nghệ An, Phần thứ II mục 3)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.officer_b1 = new_test_user(
            cls.env, login="officer_b1", groups=f"{MODULE}.group_tcd_officer", tcd_agency_id=cls.commune_b1.id
        )
        cls.training = cls.env["tcd.training"].create(
            {
                "name": "Tập huấn kỹ năng tiếp công dân trực tuyến tỉnh A",
                "agency_id": cls.board_a.id,
                "coordinating_agency_ids": [(6, 0, cls.dept_a.ids)],
                "date_start": utc("2026-08-12 08:00"),
                "date_end": utc("2026-08-12 17:00"),
                "mode": "both",
                "participant_ids": [
                    (0, 0, {"agency_id": cls.board_a.id, "name": "Nguyễn Thị Hà"}),
                    (0, 0, {"agency_id": cls.board_a.id, "name": "Trần Văn Hải"}),
                    (0, 0, {"user_id": cls.officer_a1.id}),
                    (0, 0, {"agency_id": cls.commune_a1.id, "name": "Lê Thị Mai"}),
                    (0, 0, {"agency_id": cls.commune_a2.id, "name": "Lô Văn Thành"}),
                ],
            }
        )
        cls.participants = cls.training.participant_ids
        cls.training_b = cls.env["tcd.training"].create(
            {
                "name": "Tập huấn tỉnh B",
                "agency_id": cls.prov_b.id,
                "date_start": utc("2026-08-20 08:00"),
                "participant_ids": [(0, 0, {"agency_id": cls.commune_b1.id, "name": "Vi Thị Lan", "attended": True})],
            }
        )

    def test_done_needs_attendance(self):
        with self.assertRaisesRegex(UserError, "Record who attended"):
            self.training.action_done()
        self.participants.filtered(lambda p: p.name != "Lê Thị Mai").attended = True
        self.training.action_done()
        self.assertEqual(self.training.state, "done")
        self.assertEqual(
            (self.training.participant_count, self.training.attended_count, self.training.agency_count), (5, 4, 3)
        )

    def test_trainees_counted_per_agency(self):
        # a user of the system brings their name and agency
        from_user = self.participants.filtered("user_id")
        self.assertEqual((from_user.name, from_user.agency_id), (self.officer_a1.name, self.commune_a1))
        self.participants.filtered(lambda p: p.name != "Lê Thị Mai").attended = True
        Participant = self.env["tcd.training.participant"]
        trainings = self.training | self.training_b
        domain = [("training_id", "in", trainings.ids), ("attended", "=", True)]
        grouped = dict(Participant._read_group(domain, ["agency_id"], ["__count"]))
        expected = Counter(p.agency_id for p in trainings.participant_ids if p.attended)
        self.assertEqual(grouped, dict(expected))
        self.assertEqual(
            {agency.name: count for agency, count in grouped.items()},
            {"Ban TCD tỉnh A": 2, "UBND xã A1": 1, "UBND xã A2": 1, "UBND xã B1": 1},
        )
        # as the pivot reads it: by agency and training
        rows = Participant.read_group(domain, ["agency_id"], ["agency_id", "training_id"], lazy=False)
        pairs = {(row["agency_id"][0], row["training_id"][0]): row["__count"] for row in rows}
        self.assertEqual(pairs[(self.commune_a1.id, self.training.id)], 1)
        self.assertEqual(sum(pairs.values()), sum(trainings.mapped("attended_count")))

    def test_scope(self):
        # the commune sees the training its officers attend, and its own trainees only
        training = self.training.with_user(self.officer_a1)
        self.assertEqual(training.name, "Tập huấn kỹ năng tiếp công dân trực tuyến tỉnh A")
        seen = self.env["tcd.training.participant"].with_user(self.officer_a1).search([])
        self.assertEqual(seen, self.participants.filtered(lambda p: p.agency_id == self.commune_a1))
        with self.assertRaises(AccessError):
            training.write({"location": "Hội trường xã"})
        # the coordinating department reads the training, the organiser's province all its trainees
        self.assertEqual(self.env["tcd.training"].with_user(self.officer_dept_a).search([]), self.training)
        self.assertEqual(
            self.env["tcd.training.participant"].with_user(self.province_officer_a).search([]), self.participants
        )
        # another province sees neither the training nor its trainees
        with self.assertRaises(AccessError):
            self.training.with_user(self.officer_b1).read(["name"])
        with self.assertRaises(AccessError):
            self.participants[0].with_user(self.officer_b1).read(["name"])
        self.assertEqual(self.env["tcd.training"].with_user(self.officer_b1).search([]), self.training_b)
