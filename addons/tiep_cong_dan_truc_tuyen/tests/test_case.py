import base64
from datetime import date, datetime

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time
from lxml import etree

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools.safe_eval import safe_eval

from .common import MODULE, TcdCaseCommon


def due(case, step):
    """The due date of the case's deadline for ``step``, False when the case has none."""
    return case.deadline_ids.filtered(lambda line: line.step == step).due_date


@tagged("post_install", "-at_install")
class TestCaseCrowd(TcdCaseCommon):
    """Crowd delegations (Luật Tiếp công dân Điều 29, Nghị định 154/2026 Điều 22)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.crowd = cls.env["tcd.citizen"]
        for index in range(7):
            cls.crowd |= cls.citizen("Người dân %s" % index, "0510800100%02d" % index, cls.commune_a1)

    def test_people_count_follows_the_complainants(self):
        case = self.case(self.crowd[:3], self.commune_a1)
        self.assertEqual(case.people_count, 3)
        self.assertFalse(case.is_crowd)
        case.people_count = 30
        case.citizen_ids = self.crowd
        self.assertEqual(case.people_count, 30, "a larger count entered by hand is kept")
        self.assertTrue(case.is_crowd)
        with self.assertRaisesRegex(ValidationError, "lists 7 complainants but counts 6 people"):
            case.people_count = 6

    def test_five_to_ten_people_one_or_two_representatives(self):
        case = self.case(self.crowd, self.commune_a1, people_count=8)
        case.representative_ids = self.crowd[:2]
        with self.assertRaisesRegex(ValidationError, "8 people and 3 representatives: 5 to 10 people appoint 1 or 2"):
            case.representative_ids = self.crowd[:3]

    def test_more_than_ten_people_at_most_five(self):
        case = self.case(self.crowd, self.commune_a1, people_count=40)
        case.representative_ids = self.crowd[:5]
        with self.assertRaisesRegex(ValidationError, "at most 5 representatives"):
            case.representative_ids = self.crowd[:6]

    def test_representative_must_be_a_complainant(self):
        case = self.case(self.crowd[:5], self.commune_a1)
        with self.assertRaisesRegex(ValidationError, "Người dân 6 cannot represent"):
            case.representative_ids = self.crowd[6]

    def test_crowd_needs_representatives_to_go_online(self):
        case = self.case(self.crowd, self.commune_a1, people_count=12, ground_ids=[(6, 0, self.ground.ids)])
        with self.assertRaisesRegex(UserError, "appoint them first"):
            case.action_propose()
        case.representative_ids = self.crowd[:2]
        with self.assertRaisesRegex(UserError, "written appointment of their representatives"):
            case.action_propose()
        self.env["tcd.dossier.document"].create(
            {
                "name": "Văn bản cử người đại diện",
                "document_type": "appointment",
                "case_id": case.id,
                "file": base64.b64encode(b"scan"),
            }
        )
        case.action_propose()
        self.assertEqual(case.state, "proposed")


@tagged("post_install", "-at_install")
class TestCaseWorkflow(TcdCaseCommon):
    """Received → proposed → approved by the leader (Nghị định 154/2026/NĐ-CP Điều 20) → … → closed;
    refused, withdrawn."""

    def setUp(self):
        super().setUp()
        self.case_a1 = self.case(self.citizen_a1, self.commune_a1, ground_ids=[(6, 0, self.ground.ids)])

    def test_reference_from_a_sequence(self):
        self.assertRegex(self.case_a1.name, r"^VV/\d{4}/\d{5}$")
        other = self.case(self.citizen_a1, self.commune_a1)
        self.assertNotEqual(other.name, self.case_a1.name)

    def test_only_a_leader_approves(self):
        case = self.case_a1.with_user(self.officer_a1)
        case.action_propose()
        self.assertEqual(case.proposed_by_id, self.officer_a1)
        with self.assertRaisesRegex(AccessError, "Only a leader can approve"):
            case.action_approve()
        self.assertEqual(self.case_a1.state, "proposed")
        with freeze_time("2026-11-20 02:00:00"):
            self.case_a1.with_user(self.leader_a1).action_approve()
        self.assertEqual(self.case_a1.state, "approved")
        self.assertEqual(self.case_a1.approved_by_id, self.leader_a1)
        self.assertEqual(self.case_a1.approved_date, datetime(2026, 11, 20, 2, 0))
        self.assertEqual(self.case_a1.leader_id, self.leader_a1)

    def test_state_and_approval_change_only_through_the_buttons(self):
        case = self.case_a1.with_user(self.officer_a1)
        for vals in ({"state": "approved"}, {"approved_by_id": self.officer_a1.id}):
            with self.assertRaisesRegex(UserError, "only through its buttons"):
                case.write(vals)
        with self.assertRaisesRegex(UserError, "only through its buttons"):
            self.env["tcd.case"].with_user(self.officer_a1).create(
                {"subject": "Thử", "agency_id": self.commune_a1.id, "state": "approved"}
            )
        self.assertEqual(self.case_a1.state, "new")

    def test_full_workflow(self):
        self.case_a1.action_propose()
        self.case_a1.with_user(self.leader_a1).action_approve()
        self.case_a1.action_schedule()
        self.case_a1.action_mark_heard()
        with self.assertRaisesRegex(UserError, "Write the outcome"):
            self.case_a1.action_conclude()
        self.case_a1.outcome = "<p>Giao UBND xã A1 xem xét lại mức bồi thường.</p>"
        self.case_a1.action_conclude()
        self.case_a1.action_close()
        self.assertEqual(self.case_a1.state, "closed")
        with self.assertRaisesRegex(UserError, "cannot become"):
            self.case_a1.action_propose()

    def test_leader_returns_a_proposal(self):
        self.case_a1.action_propose()
        with self.assertRaises(AccessError):
            self.case_a1.with_user(self.officer_a1).action_return_to_received()
        self.case_a1.with_user(self.leader_a1).action_return_to_received()
        self.assertEqual(self.case_a1.state, "new")
        self.assertFalse(self.case_a1.proposed_by_id)

    def test_a_ground_is_needed_to_propose(self):
        case = self.case(self.citizen_a1, self.commune_a1)
        with self.assertRaisesRegex(UserError, "at least one ground"):
            case.action_propose()

    def test_protected_denunciation_cannot_go_online(self):
        case = self.case(
            self.citizen_a1, self.commune_a1, kind="denunciation", protection_requested=True,
            ground_ids=[(6, 0, self.ground.ids)],
        )  # fmt: skip
        with self.assertRaisesRegex(ValidationError, "Nghị định 154/2026/NĐ-CP Điều 20"):
            case.action_propose()
        self.assertEqual(case.state, "new")
        # asking for protection once the case is on its way online is refused too
        self.case_a1.kind = "denunciation"
        self.case_a1.action_propose()
        with self.assertRaisesRegex(ValidationError, "Điều 20"):
            self.case_a1.protection_requested = True

    def test_refuse_with_the_legal_reason(self):
        wizard = Form(
            self.env["tcd.case.stop.wizard"].with_context(default_case_ids=self.case_a1.ids, default_action="refuse")
        )
        wizard.reason_id = self.env.ref(f"{MODULE}.refusal_resolved")
        self.assertTrue(wizard.requires_notice)
        with freeze_time("2026-11-20 02:00:00"):
            wizard.save().action_confirm()
        self.assertEqual(self.case_a1.state, "refused")
        self.assertEqual(self.case_a1.refusal_date, date(2026, 11, 20))
        # the written refusal notice within 3 working days (Friday 20/11 → Thursday 26/11, 24/11 off)
        self.assertEqual(due(self.case_a1, "refusal_notice"), date(2026, 11, 26))
        self.assertIn("Luật Tiếp công dân 2013 Điều 9 khoản 3", self.case_a1.message_ids[0].body)

    def test_refusal_needs_a_reason_and_withdrawal_a_note(self):
        wizard = self.env["tcd.case.stop.wizard"].create({"case_ids": self.case_a1.ids, "action": "refuse"})
        with self.assertRaisesRegex(UserError, "legal reason"):
            wizard.action_confirm()
        wizard.action = "withdraw"
        with self.assertRaisesRegex(UserError, "withdraws"):
            wizard.action_confirm()
        wizard.note = "Công dân rút đơn ngày 20/11."
        wizard.action_confirm()
        self.assertEqual(self.case_a1.state, "withdrawn")
        self.assertEqual(self.case_a1.withdrawal_reason, "Công dân rút đơn ngày 20/11.")
        self.case_a1.with_user(self.leader_a1).action_reopen()
        self.assertEqual(self.case_a1.state, "new")


@tagged("post_install", "-at_install")
class TestCaseDeadlines(TcdCaseCommon):
    """Legal deadlines (Luật Tiếp công dân 2013 Điều 28; Luật Khiếu nại 2011 Điều 27; Luật Tố cáo 2018
    Điều 24; Nghị định 154/2026/NĐ-CP Điều 4, 41; Nghị định 155/2026/NĐ-CP Điều 10), counted on the
    working-day calendar in Vietnam."""

    def received(self, day, kind="complaint", **vals):
        # 02:00 UTC is 09:00 in Vietnam
        return self.case(self.citizen_a1, self.commune_a1, kind=kind, received_date="%s 02:00:00" % day, **vals)

    def test_reply_within_10_working_days(self):
        case = self.received("2026-11-16", kind="petition")
        self.assertEqual(due(case, "reply"), date(2026, 12, 1), "24/11 (Vietnam Culture Day) is off")
        self.assertFalse(due(case, "acceptance"))
        self.assertEqual(due(case, "unprocessed"), date(2026, 12, 31))

    def test_received_late_evening_counts_from_the_vietnamese_day(self):
        case = self.case(self.citizen_a1, self.commune_a1, received_date="2026-11-15 18:00:00")
        self.assertEqual(case.received_day, date(2026, 11, 16))
        self.assertEqual(due(case, "reply"), date(2026, 12, 1))

    def test_complaint_acceptance_before_and_after_1_7_2026(self):
        self.assertEqual(due(self.received("2026-06-26"), "acceptance"), date(2026, 7, 6), "10 days")
        self.assertEqual(due(self.received("2026-07-03"), "acceptance"), date(2026, 7, 14), "7 working days")

    def test_denunciation_acceptance_and_forwarding(self):
        case = self.received("2026-11-02", kind="denunciation")
        self.assertEqual(due(case, "acceptance"), date(2026, 11, 11))
        self.assertFalse(due(case, "forward"))
        case.needs_wide_verification = True
        self.assertEqual(due(case, "acceptance"), date(2026, 11, 16))
        case.disposition = "forward"
        self.assertEqual(due(case, "forward"), date(2026, 11, 9))
        self.assertEqual(case.next_deadline, date(2026, 11, 9))
        self.assertEqual(case.next_deadline_step, "forward")

    def test_next_deadline_moves_as_deadlines_are_met(self):
        case = self.received("2026-11-02", kind="denunciation")
        self.assertEqual((case.next_deadline, case.next_deadline_step), (date(2026, 11, 11), "acceptance"))
        case.accepted_date = date(2026, 11, 5)
        self.assertEqual((case.next_deadline, case.next_deadline_step), (date(2026, 11, 16), "reply"))
        case.reply_date = date(2026, 11, 6)
        # resolved within 30 days of the acceptance: 5/12 is a Saturday, the period ends on Monday 7/12
        self.assertEqual((case.next_deadline, case.next_deadline_step), (date(2026, 12, 7), "resolution"))
        case.decision_date = date(2026, 12, 1)
        self.assertFalse(case.next_deadline, "accepted, answered and resolved: nothing left")
        lines = {line.step: line for line in case.deadline_ids}
        self.assertEqual(set(lines), {"reply", "acceptance", "unprocessed", "resolution"})
        self.assertTrue(all(line.done for line in lines.values()))
        self.assertEqual(lines["acceptance"].due_date, date(2026, 11, 11))

    def test_overdue_and_due_soon_filters(self):
        overdue = self.received("2026-10-01", kind="petition")
        soon = self.received("2026-11-09", kind="petition")
        later = self.received("2026-11-20", kind="petition")
        cases = overdue | soon | later
        self.assertEqual(due(soon, "reply"), date(2026, 11, 23))
        search_view = etree.fromstring(self.env.ref(f"{MODULE}.tcd_case_view_search").arch)
        context = {"context_today": lambda: date(2026, 11, 21), "relativedelta": relativedelta}

        def cases_in(filter_name):
            domain = safe_eval(search_view.xpath("//filter[@name='%s']" % filter_name)[0].get("domain"), context)
            return self.env["tcd.case"].search(domain + [("id", "in", cases.ids)])

        self.assertEqual(cases_in("overdue"), overdue)
        self.assertEqual(cases_in("due_soon"), soon)

    def test_day_off_added_later_moves_open_deadlines(self):
        case = self.received("2026-12-16", kind="petition")
        self.assertEqual(due(case, "reply"), date(2026, 12, 30))
        self.env["tcd.calendar.exception"].create({"date": date(2026, 12, 24), "kind": "day_off", "name": "Nghỉ thử"})
        self.assertEqual(due(case, "reply"), date(2026, 12, 31))
