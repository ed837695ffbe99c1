from odoo import api, fields, models
from odoo.tools import SQL

from ..tools import activities
from .tcd_lead_time_rule import OFFICE_START, to_utc

REMIND = "remind"
ESCALATE = "escalate"


class TcdReminderMixin(models.AbstractModel):
    """Records with something that falls due: whoever must do it is reminded once at its reminder
    time, whoever answers for it is alerted once (escalation) when it is late, by one scheduled
    action that runs in batches and wakes up (``ir.cron._trigger``) at the next such time.

    A model lists its stages (``REMIND``, ``ESCALATE`` or both) in ``_reminder_fields``, each with
    the stored field of its time and the flag set once it is done, and says by its hooks what
    differs: the records still to do (``_reminder_open_domain``), how the time field compares with
    now (``_reminder_threshold``, and its inverse ``_reminder_day`` for a date: what falls due on a
    day is processed at 08:00 in Vietnam that day), who gets which activity
    (``_reminder_activities``, ``_reminder_recipients``), its type (``_reminder_activity_types``),
    texts and values (``_reminder_texts``, ``_reminder_values``).
    """

    _name = "tcd.reminder.mixin"
    _description = "Reminders and escalations"

    # {stage: (time field, flag field)}, in the order a run processes the stages
    _reminder_fields = {}
    # {stage: xml id of the activity type}
    _reminder_activity_types = {}
    # how many records one run (one transaction) processes; the cron runner calls again for the rest
    _reminder_batch_size = 200
    # the xml id of the scheduled action, woken at the next reminder or due time (None: it is not)
    _reminder_cron = None

    # ------------------------------------------------------------------ what falls due

    @api.model
    def _reminder_open_domain(self):
        """The records that still have something to do (an open step, a deadline not met)."""
        return []

    @api.model
    def _reminder_threshold(self, stage, now):
        """The value of ``stage``'s time field up to which a record's ``stage`` falls due at ``now``
        (a naive UTC datetime): ``now`` itself for a datetime field."""
        return now

    def _reminder_moment(self, stage):
        """The naive UTC datetime at which this record's ``stage`` falls due: the value of its time
        field for a datetime field, the start of the office day (08:00 in Vietnam) of its
        ``_reminder_day`` for a date field."""
        self.ensure_one()
        time_field = self._reminder_fields[stage][0]
        if self._fields[time_field].type == "date":
            return to_utc(self._reminder_day(stage, self[time_field]), OFFICE_START)
        return self[time_field]

    @api.model
    def _reminder_day(self, stage, value):
        """The first day on which ``stage`` falls due for a record whose time field is the date
        ``value``: the first day whose ``_reminder_threshold`` reaches ``value``."""
        return value

    @api.model
    def _reminder_pending_domain(self, stage, now):
        """The records whose ``stage`` is still to do at ``now``, whenever it falls due."""
        return [*self._reminder_open_domain(), (self._reminder_fields[stage][1], "=", False)]

    @api.model
    def _reminder_domain(self, stage, now):
        """The records whose ``stage`` falls due at ``now`` and is not done yet."""
        time_field = self._reminder_fields[stage][0]
        return [*self._reminder_pending_domain(stage, now), (time_field, "<=", self._reminder_threshold(stage, now))]

    @api.model
    def _reminder_order(self, stage):
        """The order in which the records due for ``stage`` are processed: the earliest first."""
        return f"{self._reminder_fields[stage][0]}, id"

    @api.model
    def _reminder_batch(self, stage, records):
        """The part of ``records``, due for ``stage``, that this run processes: all of them."""
        return records

    # ------------------------------------------------------------------ the scheduled action

    @api.model
    def _cron_remind(self):
        """Remind and escalate what falls due, a batch per run; then wake up at the next time.

        A batch is written in one transaction, activities and flags together, and its rows are
        locked: a crash rolls the whole batch back, a second run finds nothing left to do.
        """
        now = fields.Datetime.now()
        budget = self._reminder_batch_size
        batches = []
        for stage in self._reminder_fields:
            records = self.browse()
            if budget > 0:
                found = self.search(self._reminder_domain(stage, now), order=self._reminder_order(stage), limit=budget)
                records = self._reminder_batch(stage, self._reminder_lock(found))
            batches.append((stage, records))
            budget -= len(records)
        for stage, records in batches:
            if records:
                records._reminder_send(stage)
        remaining = sum(self.search_count(self._reminder_domain(stage, now)) for stage in self._reminder_fields)
        done = sum(len(records) for _stage, records in batches)
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        if not remaining:
            self._reminder_wake_next(now)

    @api.model
    def _reminder_lock(self, records):
        """Lock ``records`` for this transaction, skipping those another run is processing."""
        if not records:
            return records
        self.env.cr.execute(
            SQL(
                "SELECT id FROM %s WHERE id IN %s FOR UPDATE SKIP LOCKED",
                SQL.identifier(self._table),
                tuple(records.ids),
            )
        )
        locked = {row[0] for row in self.env.cr.fetchall()}
        return records.filtered(lambda record: record.id in locked)

    @api.model
    def _reminder_next_at(self, stage, now):
        """The first moment after ``now`` at which a record's ``stage`` falls due, or None."""
        time_field = self._reminder_fields[stage][0]
        upcoming = self.search(
            [*self._reminder_pending_domain(stage, now), (time_field, ">", self._reminder_threshold(stage, now))],
            order=self._reminder_order(stage),
            limit=1,
        )
        return upcoming._reminder_moment(stage) if upcoming else None

    @api.model
    def _reminder_wake_next(self, now):
        """Wake the scheduled action at the next reminder or due time still to come."""
        if not self._reminder_cron:
            return
        moments = [moment for stage in self._reminder_fields if (moment := self._reminder_next_at(stage, now))]
        if moments:
            self.env.ref(self._reminder_cron).sudo()._trigger(min(moments))

    def _reminder_wake(self):
        """Wake the scheduled action at the times these records' stages fall due (at once for the
        times already past): for records created or moved in time."""
        if not self._reminder_cron:
            return
        now = fields.Datetime.now()
        pending = self.filtered_domain(self._reminder_open_domain())
        moments = {
            max(record._reminder_moment(stage), now)
            for stage, (time_field, flag) in self._reminder_fields.items()
            for record in pending
            if record[time_field] and not record[flag]
        }
        if moments:
            self.env.ref(self._reminder_cron).sudo()._trigger(sorted(moments))

    # ------------------------------------------------------------------ reminding and escalating

    def _reminder_send(self, stage):
        """Give the activities of ``stage`` about these records (tools/activities.py ``schedule``:
        each in its assignee's language), then flag the records. Their assignment mails are queued,
        as a scheduled action's are, not sent one by one within the batch's transaction."""
        activity_type = self._reminder_activity_types[stage]
        for target, records, users in self._reminder_activities(stage):
            activities.schedule(
                target.with_context(mail_notify_force_send=False),
                users,
                activity_type,
                lambda localized, records=records: records.with_env(localized.env)._reminder_texts(stage),
                **records._reminder_values(stage),
            )
        self._reminder_flag(stage)

    def _reminder_activities(self, stage):
        """The activities of ``stage`` for these records, as ``(target, records, users)``: the record
        that carries the activity, the records it is about and who gets it. One per record, on the
        record itself, to its ``_reminder_recipients``; a model may group records in one activity."""
        return [(record, record, record._reminder_recipients(stage)) for record in self]

    def _reminder_recipients(self, stage):
        """Who gets the activity of ``stage`` about this record."""
        raise NotImplementedError

    def _reminder_texts(self, stage):
        """The ``(summary, note)`` of the activity of ``stage`` about these records, in the language
        of their environment (the assignee's)."""
        raise NotImplementedError

    def _reminder_values(self, stage):
        """The other values of the activity of ``stage`` about these records (its deadline)."""
        return {}

    def _reminder_flag(self, stage):
        """Mark ``stage`` done on these records."""
        self.sudo().write({self._reminder_fields[stage][1]: True})
