from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import MODULE, TcdCaseCommon
from .test_case import due


@tagged("post_install", "-at_install")
class TestResolutionClocks(TcdCaseCommon):
    """The clocks to resolution: Luật Khiếu nại 2011 Điều 28, 33, 37 and Luật Tố cáo 2018 Điều 30, counted in
    days (Bộ luật Dân sự 2015 Điều 147), a period ending on a day off ending on the next working day
    (Điều 148 khoản 5)."""

    def accepted(self, kind="complaint", day=date(2026, 11, 2), **vals):
        case = self.case(self.citizen_a1, self.commune_a1, kind=kind, received_date="2026-10-30 02:00:00", **vals)
        case.write({"accepted_date": day, "reply_date": day})
        return case

    def test_first_complaint_resolved_within_30_45_or_60_days(self):
        case = self.accepted()
        self.assertEqual(due(case, "resolution"), date(2026, 12, 2), "30 days from the acceptance")
        case.is_complex = True
        self.assertEqual(due(case, "resolution"), date(2026, 12, 17), "45 days for a complex case")
        case.is_remote = True
        # 60 days end on 1/1/2027, New Year's Day: the period ends on Monday 4/1
        self.assertEqual(due(case, "resolution"), date(2027, 1, 4))
        case.is_complex = False
        self.assertEqual(due(case, "resolution"), date(2026, 12, 17), "45 days in a remote area")
        self.assertIn(
            "Luật Khiếu nại 2011 Điều 28",
            case.deadline_ids.filtered(lambda line: line.step == "resolution").legal_source,
        )

    def test_no_resolution_clock_before_acceptance(self):
        case = self.case(self.citizen_a1, self.commune_a1, received_date="2026-10-30 02:00:00")
        self.assertFalse(due(case, "resolution"))
        self.assertNotIn("resolution", case.deadline_ids.mapped("step"))

    def test_second_complaint_after_the_first_decision(self):
        first = self.accepted()
        with self.assertRaisesRegex(UserError, "Điều 33"):
            first.action_record_second_complaint()
        first.write({"decision_date": date(2026, 12, 1), "decision_number": "15/QĐ-UBND"})
        self.assertTrue(first.deadline_ids.filtered(lambda line: line.step == "resolution").done)
        # the citizen has 30 days to complain again: shown, not alerted (a time left to the citizen)
        window = first.deadline_ids.filtered(lambda line: line.step == "second_complaint")
        self.assertEqual(window.due_date, date(2026, 12, 31))
        self.assertFalse(window.remind)
        self.assertFalse(first.next_deadline)
        first.is_remote = True
        self.assertEqual(window.due_date, date(2027, 1, 15), "45 days in a remote area")

        action = first.action_record_second_complaint()
        second = self.env["tcd.case"].browse(action["res_id"])
        self.assertEqual(second.first_case_id, first)
        self.assertEqual(first.second_case_ids, second)
        self.assertEqual(second.citizen_ids, first.citizen_ids)
        self.assertIn("15/QĐ-UBND", second.prior_handling)
        self.assertTrue(window.done, "the second complaint was made")
        # the second complaint is resolved within 45 days (60 when complex, 60/70 in a remote area)
        second.write({"accepted_date": date(2026, 11, 2), "is_remote": False})
        self.assertEqual(due(second, "resolution"), date(2026, 12, 17))
        self.assertIn("Điều 37", second.deadline_ids.filtered(lambda line: line.step == "resolution").legal_source)
        second.is_complex = True
        self.assertEqual(due(second, "resolution"), date(2027, 1, 4), "60 days, 1/1 off")
        second.is_remote = True
        self.assertEqual(due(second, "resolution"), date(2027, 1, 11), "70 days")
        self.assertNotIn("second_complaint", second.deadline_ids.mapped("step"), "no third complaint")

    def test_second_complaint_needs_a_resolved_first(self):
        first = self.accepted()
        with self.assertRaisesRegex(ValidationError, "Điều 33"):
            self.case(self.citizen_a1, self.commune_a1, first_case_id=first.id)

    def test_denunciation_resolved_in_30_days_extended_twice_at_most(self):
        case = self.accepted(kind="denunciation")
        self.assertEqual(due(case, "resolution"), date(2026, 12, 2))
        case.extension_count = 1
        self.assertEqual(due(case, "resolution"), date(2027, 1, 4), "60 days, 1/1 off")
        case.extension_count = 2
        self.assertEqual(due(case, "resolution"), date(2027, 2, 1), "90 days end on Sunday 31/1")
        with self.assertRaisesRegex(ValidationError, "2 times at most.*Luật Tố cáo 2018 Điều 30"):
            case.extension_count = 3


@tagged("post_install", "-at_install")
class TestDeadlineRulesAsData(TcdCaseCommon):
    """A new decree is a new rule row: the cases follow the rule in force on the day their deadline counts from."""

    def received(self, day, kind="complaint"):
        return self.case(self.citizen_a1, self.commune_a1, kind=kind, received_date="%s 02:00:00" % day)

    def test_a_new_decree_is_a_new_rule(self):
        Rule = self.env["tcd.deadline.rule"].with_user(self.tcd_admin)
        current = self.env.ref(f"{MODULE}.deadline_rule_acceptance_complaint_2026").with_user(self.tcd_admin)
        before = self.received("2026-12-28")
        self.assertEqual(due(before, "acceptance"), date(2027, 1, 7), "7 working days, 1/1 off")
        values = {
            "step": "acceptance",
            "kind": "complaint",
            "count": 5,
            "unit": "working_days",
            "event": "received",
            "date_from": date(2027, 1, 1),
            "legal_source": "Nghị định thử nghiệm: 05 ngày làm việc",
        }
        # (assertRaises, not assertRaisesRegex: its savepoint rolls the refused rule back)
        with self.assertRaises(ValidationError) as refused:
            Rule.create(values)
        self.assertIn("both apply to the same cases", str(refused.exception))
        current.date_to = date(2026, 12, 31)
        new_rule = Rule.create(values)
        after = self.received("2027-01-05")
        self.assertEqual(due(after, "acceptance"), date(2027, 1, 12))
        self.assertEqual(after.deadline_ids.filtered(lambda line: line.step == "acceptance").rule_id, new_rule)
        self.assertEqual(due(before, "acceptance"), date(2027, 1, 7), "a case received before keeps its rule")
        # a rule's period changed: the open cases counting from it follow
        new_rule.count = 6
        self.assertEqual(due(after, "acceptance"), date(2027, 1, 13))

    def test_a_case_moves_to_the_rule_of_its_new_date(self):
        case = self.received("2026-06-26")
        line = case.deadline_ids.filtered(lambda line: line.step == "acceptance")
        self.assertIn("Luật Khiếu nại 2011 Điều 27", line.legal_source)
        case.received_date = "2026-07-03 02:00:00"
        self.assertIn("Nghị định 155/2026/NĐ-CP", line.legal_source)
        self.assertEqual(line.due_date, date(2026, 7, 14))

    def test_a_day_count_ending_on_a_day_off_ends_on_the_next_working_day(self):
        # 45 days from 18/11/2026 fall on Saturday 2/1/2027: the period ends on Monday 4/1
        case = self.received("2026-11-18", kind="petition")
        self.assertEqual(due(case, "unprocessed"), date(2027, 1, 4))

    def test_only_the_administrator_edits_the_rules(self):
        rule = self.env.ref(f"{MODULE}.deadline_rule_reply")
        self.assertTrue(rule.with_user(self.officer_a1).legal_source)
        with self.assertRaises(AccessError):
            rule.with_user(self.officer_a1).count = 20
        with self.assertRaises(AccessError):
            rule.with_user(self.leader_a1).count = 20

    def test_every_shipped_rule_cites_its_law(self):
        rules = self.env["tcd.deadline.rule"].search([])
        self.assertEqual(len(rules), 19)
        for rule in rules:
            self.assertRegex(rule.legal_source, r"^(Luật|Nghị định) .* Điều \d+")
