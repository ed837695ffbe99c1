from datetime import date, datetime

from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestWorkingCalendar(TransactionCase):
    """Working days of state agencies: weekends, public holidays, each year's decisions."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env["tcd.working.calendar"]

    def add(self, start, count):
        return self.calendar.add_working_days(start, count)

    def test_across_tet(self):
        # Tết Bính Ngọ 2026: Monday 16/02 to Friday 20/02 off, between two weekends
        self.assertEqual(self.add(date(2026, 2, 13), 1), date(2026, 2, 23))
        self.assertEqual(self.add(date(2026, 2, 11), 5), date(2026, 2, 25))
        self.assertEqual(self.calendar.subtract_working_days(date(2026, 2, 23), 1), date(2026, 2, 13))
        self.assertEqual(self.calendar.count_working_days(date(2026, 2, 13), date(2026, 2, 23)), 1)
        self.assertEqual(self.calendar.count_working_days(date(2026, 2, 1), date(2026, 2, 28)), 15)
        for day in range(16, 21):
            self.assertFalse(self.calendar.is_working_day(date(2026, 2, day)))

    def test_tet_on_the_vietnamese_lunar_calendar(self):
        # Vietnamese Tết is a day before the Chinese new year in 2007 (17/02) and 2030 (02/02)
        for year, tet in ((2007, date(2007, 2, 17)), (2030, date(2030, 2, 2))):
            reasons = {day: reason for day, worked, reason in self.calendar.year_exceptions(year) if not worked}
            self.assertEqual(reasons[tet], "Lunar New Year")
        self.assertFalse(self.calendar.is_working_day(date(2030, 2, 4)))

    def test_weekend_day_swapped_into_a_working_day(self):
        # 2026: Saturday 22/08 is worked in exchange for Monday 31/08
        self.assertTrue(self.calendar.is_working_day(date(2026, 8, 22)))
        self.assertEqual(self.add(date(2026, 8, 21), 1), date(2026, 8, 22))
        # Monday 31/08 and National Day 01–02/09 off: Friday 28/08 + 1 is Thursday 03/09
        self.assertEqual(self.add(date(2026, 8, 28), 1), date(2026, 9, 3))
        self.assertEqual(self.calendar.count_working_days(date(2026, 8, 20), date(2026, 9, 3)), 8)

    def test_across_30_4_and_1_5(self):
        self.assertEqual(self.add(date(2026, 4, 29), 1), date(2026, 5, 4))
        self.assertEqual(self.calendar.count_working_days(date(2026, 4, 28), date(2026, 5, 4)), 2)
        # 2025: Friday 02/05 off, Saturday 26/04 worked in exchange
        self.assertEqual(self.add(date(2025, 4, 29), 1), date(2025, 5, 5))
        self.assertTrue(self.calendar.is_working_day(date(2025, 4, 26)))

    def test_2_9_and_its_adjacent_day(self):
        # 2025: Monday 01/09 and Tuesday 02/09 off
        self.assertEqual(self.add(date(2025, 8, 29), 1), date(2025, 9, 3))

    def test_holiday_on_a_weekend_is_observed_on_the_next_working_day(self):
        # Giỗ Tổ Hùng Vương 2026 falls on Sunday 26/04: Monday 27/04 off
        self.assertFalse(self.calendar.is_working_day(date(2026, 4, 27)))
        self.assertEqual(self.add(date(2026, 4, 24), 1), date(2026, 4, 28))

    def test_vietnam_culture_day(self):
        self.assertFalse(self.calendar.is_working_day(date(2026, 11, 24)))
        self.assertEqual(self.add(date(2026, 11, 16), 10), date(2026, 12, 1))

    def test_admin_added_day_off_changes_the_result(self):
        self.assertEqual(self.add(date(2026, 12, 30), 1), date(2026, 12, 31))
        exception = self.env["tcd.calendar.exception"].create(
            {"date": date(2026, 12, 31), "kind": "day_off", "name": "Nghỉ thêm (thử)", "decision": "QĐ thử"}
        )
        # 31/12 off, 01/01/2027 New Year, then the weekend
        self.assertEqual(self.add(date(2026, 12, 30), 1), date(2027, 1, 4))
        exception.unlink()
        self.assertEqual(self.add(date(2026, 12, 30), 1), date(2026, 12, 31))

    def test_admin_added_working_weekend_day(self):
        self.assertEqual(self.add(date(2026, 12, 11), 1), date(2026, 12, 14))
        self.env["tcd.calendar.exception"].create(
            {"date": date(2026, 12, 12), "kind": "working_day", "name": "Làm bù (thử)"}
        )
        self.assertEqual(self.add(date(2026, 12, 11), 1), date(2026, 12, 12))

    def test_pointless_decision_refused(self):
        Exception_ = self.env["tcd.calendar.exception"]
        with self.assertRaisesRegex(ValidationError, "already a working day"):
            Exception_.create({"date": date(2026, 12, 9), "kind": "working_day", "name": "Thứ Tư"})
        with self.assertRaisesRegex(ValidationError, "already a day off"):
            Exception_.create({"date": date(2026, 12, 13), "kind": "day_off", "name": "Chủ Nhật"})

    def test_dates_in_vietnam(self):
        # 20:00 UTC on Thursday 12/02 is 03:00 on Friday 13/02 in Vietnam
        self.assertEqual(self.calendar.local_date(datetime(2026, 2, 12, 20, 0)), date(2026, 2, 13))
        self.assertEqual(self.add(datetime(2026, 2, 12, 20, 0), 1), date(2026, 2, 23))
        self.assertEqual(self.calendar.next_working_day(date(2026, 2, 14)), date(2026, 2, 23))

    def test_year_screen_lists_the_days_off(self):
        screen = self.env["tcd.calendar.year"].create({"year": 2026})
        self.assertIn("16/02/2026", screen.days_html)
        self.assertIn("22/08/2026", screen.days_html)
        # 261 weekdays, less 13 holidays and days off on weekdays, plus 1 Saturday worked
        self.assertEqual(screen.day_off_count, 13)
        self.assertEqual(screen.worked_weekend_count, 1)
        self.assertEqual(screen.working_day_count, 261 - 13 + 1)
        screen.action_next_year()
        self.assertEqual(screen.year, 2027)
