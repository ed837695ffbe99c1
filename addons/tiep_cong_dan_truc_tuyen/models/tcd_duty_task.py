from odoo import api, fields, models

from ..tools.dates import to_local
from .tcd_agency import HOST_LEVELS, KINDS
from .tcd_lead_time_rule import UNITS

AGENCY_ROLES = [
    ("host", "Host agency"),
    ("central", "Central point's agency"),
    ("delegate", "Delegate points' agencies"),
    ("kind", "Agencies of a kind"),
]


class TcdDutyTask(models.Model):
    """A coordination task of the seeds' Chương III, done for each session.

    When a session's plan is approved, the officers of each matching agency get an activity due
    ``offset`` ``unit`` before the session.
    """

    _name = "tcd.duty.task"
    _description = "Coordination task"
    _order = "host_level, sequence, id"

    sequence = fields.Integer(default=10)
    name = fields.Char(string="Task", required=True)
    description = fields.Text()
    duty_id = fields.Many2one("tcd.duty", string="Responsibility", ondelete="set null")
    host_level = fields.Selection(HOST_LEVELS, help="Applies only to sessions hosted at this level.")
    agency_role = fields.Selection(AGENCY_ROLES, required=True, default="host")
    agency_kind = fields.Selection(
        KINDS, help="With 'Agencies of a kind': the kind of agency, in the host's province (or commune)."
    )
    offset = fields.Integer(help="How long before the session start the task is due.")
    unit = fields.Selection(UNITS, required=True, default="working_days")
    source = fields.Char(help="The regulation articles the task comes from.")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("offset_positive", 'CHECK("offset" >= 0)', "A task is due before the session, not after it."),
        (
            "kind_required",
            "CHECK(agency_role != 'kind' OR agency_kind IS NOT NULL)",
            "Choose the kind of agency of the task.",
        ),
    ]

    def _due_at(self, start):
        """The due UTC datetime of the task for a session starting at ``start`` (like the lead-time rules)."""
        self.ensure_one()
        rule = self.env["tcd.lead.time.rule"].new({"offset": self.offset, "unit": self.unit})
        return min(rule._due_at(start), start)

    def _agencies(self, session):
        """The agencies of ``session`` the task falls to."""
        self.ensure_one()
        if self.agency_role == "host":
            return session.agency_id
        if self.agency_role == "central":
            return session.central_point_id.agency_id
        if self.agency_role == "delegate":
            return session.point_line_ids.agency_id
        Agency = self.env["tcd.agency"].sudo()
        if session.host_level == "central":
            domain = [("level", "=", "central")]
        elif session.host_level == "commune":
            domain = [("id", "child_of", session.agency_id.id)]
        else:
            domain = [("id", "child_of", (session.agency_id.province_agency_id or session.agency_id).id)]
        return Agency.search(domain + [("kind", "=", self.agency_kind)])

    @api.model
    def _schedule_duties(self, sessions):
        """Give each matching agency's officers an activity per coordination task of each of ``sessions``, those
        they have not got yet."""
        activity_type = self.env.ref("tiep_cong_dan_truc_tuyen.mail_activity_type_tcd_duty")
        tasks = self.search([])
        # the assignment mails go through the mail queue
        for session in sessions.with_context(mail_notify_force_send=False):
            activities = self.env["mail.activity"]
            planned = {
                (activity.summary, activity.user_id.id) for activity in session.sudo().duty_activity_ids.exists()
            }
            readers = {}  # the readers among the officers of a set of agencies, looked up once per set
            for task in session._applicable_rules(tasks):
                agencies = task._agencies(session)
                if agencies not in readers:
                    readers[agencies] = session._readers(agencies._officers())
                due_at = task._due_at(session.start)
                for user in readers[agencies]:
                    if (task.name, user.id) in planned:
                        continue
                    activities |= session.activity_schedule(
                        activity_type_id=activity_type.id,
                        date_deadline=to_local(due_at).date(),
                        summary=task.name,
                        note=task.description or task.name,
                        user_id=user.id,
                    )
            session.sudo().duty_activity_ids = [fields.Command.link(activity.id) for activity in activities]
