from odoo import api, fields, models
from odoo.exceptions import ValidationError

OUTCOMES = [
    ("answered", "Answered and explained at the session"),
    ("instructed", "Instructions given"),
    ("guided", "Guided to the competent agency"),
    ("not_heard", "Not heard"),
]


class TcdSessionCase(models.Model):
    """An approved case on a session's agenda, and where its citizens attend (Nghị định 154/2026/NĐ-CP Điều 22)."""

    _name = "tcd.session.case"
    _description = "Case on a session's agenda"
    _order = "session_id, sequence, id"
    _rec_name = "case_id"

    session_id = fields.Many2one("tcd.session", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    case_id = fields.Many2one(
        "tcd.case", required=True, index=True, ondelete="restrict", domain=[("state", "=", "approved")]
    )
    subject = fields.Char(related="case_id.subject")
    kind = fields.Selection(related="case_id.kind", store=True)
    session_start = fields.Datetime(related="session_id.start", string="Session date", store=True)
    host_agency_id = fields.Many2one(related="session_id.agency_id", string="Host agency", store=True, index=True)
    session_state = fields.Selection(related="session_id.state", string="Session state")
    attendance_point_id = fields.Many2one(
        "tcd.bridge.point",
        string="Citizens attend at",
        help="The central point or one of the session's delegate points (Nghị định 154/2026/NĐ-CP Điều 22).",
    )
    allowed_point_ids = fields.Many2many("tcd.bridge.point", compute="_compute_allowed_point_ids")
    # ------------------------------------------------------------------ at the session
    attendee_ids = fields.Many2many(
        "tcd.citizen",
        "tcd_session_case_attendee_rel",
        string="Present",
        help="The citizens who attended for the case: for a crowd, its representatives.",
    )
    allowed_attendee_ids = fields.Many2many("tcd.citizen", compute="_compute_allowed_attendee_ids")
    presentation = fields.Text(string="Citizen's presentation", help="What the citizens presented, for the minutes.")
    agency_opinion = fields.Text(string="Agencies' opinions", help="What the agencies concerned reported.")
    outcome = fields.Selection(OUTCOMES)
    conclusion = fields.Text(string="Leader's conclusion", help="Printed in the minutes and the conclusion notice.")
    followup_ids = fields.One2many("tcd.case.followup", "session_case_id", string="Instructions")

    _sql_constraints = [
        ("session_case_unique", "unique(session_id, case_id)", "A case is on a session's agenda once."),
    ]

    @api.depends("session_id.central_point_id", "session_id.point_line_ids.bridge_point_id")
    def _compute_allowed_point_ids(self):
        for line in self:
            line.allowed_point_ids = line.session_id.central_point_id | line.session_id.point_line_ids.bridge_point_id

    @api.depends("case_id.citizen_ids", "case_id.representative_ids")
    def _compute_allowed_attendee_ids(self):
        for line in self:
            case = line.case_id
            line.allowed_attendee_ids = case.representative_ids or case.citizen_ids

    def _attendee_text(self):
        """Who attended for the case, for the minutes: "Phạm Văn Hùng (representative)"."""
        self.ensure_one()
        names = []
        for citizen in self.attendee_ids:
            if citizen in self.case_id.representative_ids:
                names.append(self.env._("%(name)s (representative)", name=citizen.display_name))
            else:
                names.append(citizen.display_name)
        return ", ".join(names) or self.env._("nobody")

    @api.constrains("attendee_ids", "case_id")
    def _check_attendees(self):
        for line in self.sudo():
            strangers = line.attendee_ids - line.allowed_attendee_ids
            if strangers:
                raise ValidationError(
                    self.env._(
                        "%(citizens)s cannot attend for %(case)s: a crowd attends through its representatives, "
                        "another case through its own citizens.",
                        citizens=", ".join(strangers.mapped("display_name")),
                        case=line.case_id.name,
                    )
                )

    @api.constrains("case_id")
    def _check_case_approved(self):
        for line in self.sudo():
            if line.case_id.state != "approved":
                raise ValidationError(
                    self.env._(
                        "Only a case approved for online reception can be put on a session's agenda; %(case)s is not.",
                        case=line.case_id.name,
                    )
                )

    @api.constrains("attendance_point_id", "session_id")
    def _check_attendance_point(self):
        for line in self.sudo():
            if line.attendance_point_id and line.attendance_point_id not in line.allowed_point_ids:
                raise ValidationError(
                    self.env._(
                        "The citizens of %(case)s attend at the central point or a delegate point of the session, "
                        "not at %(point)s.",
                        case=line.case_id.name,
                        point=line.attendance_point_id.name,
                    )
                )
