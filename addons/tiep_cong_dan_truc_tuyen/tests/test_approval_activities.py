from odoo import Command
from odoo.tests import tagged

from .common import MODULE, TcdCaseCommon, activate_vietnamese

APPROVAL = f"{MODULE}.mail_activity_type_tcd_approval"


@tagged("post_install", "-at_install")
class TestApprovalActivities(TcdCaseCommon):
    """Proposing a case or submitting a budget asks its approvers for their decision, an activity each in
    their own language; the decision closes them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        activate_vietnamese(cls.env)
        cls.leader_a1.lang = "vi_VN"
        cls.second_leader_a1 = cls.leader_a1.copy({"login": "leader_a1_bis", "name": "Phó Chủ tịch xã A1"})
        cls.second_leader_a1.lang = "en_US"

    def _approval_activities(self, record):
        activity_type = self.env.ref(APPROVAL)
        return record.activity_ids.filtered(lambda activity: activity.activity_type_id == activity_type)

    def test_a_proposed_case_asks_its_leaders_in_their_language(self):
        case = self.case(self.citizen_a1, self.commune_a1, ground_ids=[Command.set(self.ground.ids)])
        case.with_user(self.officer_a1).action_propose()
        activities = self._approval_activities(case)
        self.assertEqual(activities.user_id, self.leader_a1 | self.second_leader_a1, "the commune's leaders")
        vietnamese = activities.filtered(lambda activity: activity.user_id == self.leader_a1)
        self.assertEqual(vietnamese.summary, f"Phê duyệt tiếp công dân trực tuyến vụ việc {case.name}")
        self.assertIn(self.officer_a1.name, vietnamese.note)
        self.assertIn(self.ground.with_context(lang="vi_VN").name, vietnamese.note)
        english = activities - vietnamese
        self.assertEqual(english.summary, f"Approve the online reception of {case.name}")

        case.with_user(self.leader_a1).action_approve()
        self.assertFalse(self._approval_activities(case), "the decision closes every leader's activity")
        done = case.message_ids.filtered(lambda message: message.mail_activity_type_id == self.env.ref(APPROVAL))
        self.assertEqual(done.author_id, self.leader_a1.partner_id, "the deciding leader's activity is done")

    def test_a_case_returned_or_refused_closes_the_activities(self):
        case = self.case(self.citizen_a1, self.commune_a1, ground_ids=[Command.set(self.ground.ids)])
        case.action_propose()
        case.with_user(self.leader_a1).action_return_to_received()
        self.assertFalse(self._approval_activities(case))
        case.action_propose()
        self.assertEqual(len(self._approval_activities(case)), 2, "proposed again: asked again")
        case._refuse(self.env.ref(f"{MODULE}.refusal_resolved"))
        self.assertFalse(self._approval_activities(case))

    def test_a_submitted_budget_asks_the_province_finance(self):
        budget = (
            self.env["tcd.budget"]
            .with_user(self.officer_a1)
            .create(
                {
                    "name": "Dự toán 2027",
                    "agency_id": self.commune_a1.id,
                    "fiscal_year": 2027,
                    "line_ids": [
                        Command.create(
                            {
                                "line_type": "line_rental",
                                "description": "Đường truyền",
                                "quantity": 12,
                                "unit_price": 1_200_000,
                            }
                        )
                    ],
                }
            )
        )
        budget.action_submit()
        activities = self._approval_activities(budget)
        self.assertEqual(activities.user_id, self.finance_a, "the Sở Tài chính of the province, not the administrators")
        self.assertIn("14.400.000", activities.note.replace("\xa0", " ").replace(",", "."))
        budget.with_user(self.finance_a).action_approve()
        self.assertFalse(self._approval_activities(budget))
