"""Vietnam time: Odoo stores naive UTC datetimes; people read them, and the regulations count them,
in Vietnam (Asia/Ho_Chi_Minh)."""

import pytz

from odoo.tools import format_datetime

from ..models.tcd_working_calendar import TZ

# The pattern (babel's) of the dates and times shown to people: 15/12/2026 09:00.
DATETIME_FORMAT = "dd/MM/yyyy HH:mm"


def to_local(value):
    """The naive Vietnam datetime of the naive UTC datetime ``value``."""
    return pytz.utc.localize(value).astimezone(pytz.timezone(TZ)).replace(tzinfo=None)


def format_local(env, value, pattern=DATETIME_FORMAT):
    """The naive UTC datetime ``value`` shown to people in Vietnam time, in the babel ``pattern``
    ("15/12/2026 09:00" by default); empty without a value.

    In the context's language, else in English: the company's language would be looked up (queries)
    on every list showing such a date.
    """
    return format_datetime(env, value, tz=TZ, dt_format=pattern, lang_code=env.context.get("lang") or "en_US")


def in_period(day, date_from, date_to):
    """Whether ``day`` is within the period from ``date_from`` to ``date_to`` included (either end open
    when empty): a rule in force on that day."""
    return (not date_from or date_from <= day) and (not date_to or day <= date_to)


def periods_overlap(first, second):
    """Whether the periods ``(date_from, date_to)`` ``first`` and ``second`` share a day (ends open when empty)."""
    (first_from, first_to), (second_from, second_to) = first, second
    return (not first_from or not second_to or first_from <= second_to) and (
        not second_from or not first_to or second_from <= first_to
    )
