from datetime import date, datetime, timedelta

import holidays
import pytz

from odoo import api, fields, models, tools

TZ = "Asia/Ho_Chi_Minh"


class TcdWorkingCalendar(models.AbstractModel):
    """Working days of Vietnamese state agencies, used by every deadline of the addon.

    Saturday and Sunday are off (QĐ 188/1999/QĐ-TTg). Public holidays come from the ``holidays``
    package's Vietnam calendar (Bộ luật Lao động 2019 Điều 112, lunar Tết and Giỗ Tổ Hùng Vương on
    the Vietnamese lunar calendar, the 2/9 adjacent day, days off observed on the next working day,
    the yearly swaps it knows). The table ``tcd.calendar.exception`` overlays each year's
    government decisions: extra days off and weekend days worked in exchange. Dates are dates in
    Vietnam (Asia/Ho_Chi_Minh); a datetime is read as UTC, as Odoo stores it.
    """

    _name = "tcd.working.calendar"
    _description = "Working-day calendar"

    @api.model
    def local_date(self, value):
        """The date in Vietnam of ``value``: a date, a UTC datetime or a string of either."""
        if not value:
            return False
        if isinstance(value, str):
            value = fields.Datetime.to_datetime(value) if len(value) > 10 else fields.Date.to_date(value)
        if isinstance(value, datetime):
            if value.tzinfo is None:
                value = pytz.utc.localize(value)
            return value.astimezone(pytz.timezone(TZ)).date()
        return value

    @api.model
    def today(self):
        """Today in Vietnam."""
        return self.local_date(fields.Datetime.now())

    @tools.ormcache("year", "lang")
    def _year_days(self, year, lang):
        """The days of ``year`` that differ from the plain Monday–Friday week.

        :return: ``(days_off, days_worked)``: a dict {date: reason} of the holidays and extra days
            off (weekend holidays included), and a frozenset of the weekend days worked
        """
        law = holidays.country_holidays("VN", years=year, language=lang)
        days_off = dict(law.items())
        days_worked = {day for day in law.weekend_workdays if day.year == year}
        exceptions = (
            self.env["tcd.calendar.exception"]
            .sudo()
            .search([("date", ">=", date(year, 1, 1)), ("date", "<=", date(year, 12, 31))])
        )
        for exception in exceptions:
            if exception.kind == "day_off":
                days_off[exception.date] = exception.name
                days_worked.discard(exception.date)
            else:
                days_worked.add(exception.date)
                days_off.pop(exception.date, None)
        return days_off, frozenset(days_worked)

    def _days_of(self, year):
        lang = "vi" if (self.env.lang or "").startswith("vi") else "en_US"
        return self._year_days(year, lang)

    @api.model
    def is_working_day(self, day):
        day = self.local_date(day)
        days_off, days_worked = self._days_of(day.year)
        if day in days_worked:
            return True
        return day.weekday() < 5 and day not in days_off

    @api.model
    def add_working_days(self, start, count):
        """The date ``count`` working days after ``start`` (before it when ``count`` is negative).

        The start day itself is not counted: a time limit of N working days from a day ends on
        the N-th working day after it. ``count`` 0 gives ``start``.
        """
        day = self.local_date(start)
        step = timedelta(days=1 if count >= 0 else -1)
        remaining = abs(count)
        while remaining:
            day += step
            if self.is_working_day(day):
                remaining -= 1
        return day

    @api.model
    def subtract_working_days(self, start, count):
        return self.add_working_days(start, -count)

    @api.model
    def count_working_days(self, start, end):
        """The number of working days after ``start`` up to ``end`` included; negative when
        ``end`` is before ``start``. ``count_working_days(d, add_working_days(d, n)) == n``."""
        start, end = self.local_date(start), self.local_date(end)
        sign = 1
        if end < start:
            start, end, sign = end, start, -1
        count = sum(1 for offset in range(1, (end - start).days + 1) if self.is_working_day(start + timedelta(offset)))
        return sign * count

    @api.model
    def next_working_day(self, day):
        """``day`` itself when it is a working day, else the first working day after it."""
        day = self.local_date(day)
        return day if self.is_working_day(day) else self.add_working_days(day, 1)

    @api.model
    def year_exceptions(self, year):
        """The days of ``year`` that are not plain weekdays or weekend days, in date order.

        :return: list of ``(date, is_working_day, reason)``: holidays and extra days off
            (``False``), weekend days worked (``True``)
        """
        days_off, days_worked = self._days_of(year)
        weekend_worked = self.env._("Weekend day worked in exchange")
        rows = [(day, False, reason) for day, reason in days_off.items()]
        rows += [(day, True, weekend_worked) for day in days_worked]
        return sorted(rows)
