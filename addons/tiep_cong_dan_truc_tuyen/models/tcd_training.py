from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

TRAINING_STATES = [
    ("planned", "Planned"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]
MODES = [
    ("in_person", "In person"),
    ("online", "Online"),
    ("both", "In person and online"),
]


class TcdTraining(models.Model):
    """A training session on online citizen reception: tập huấn, bồi dưỡng kiến thức, kỹ năng tổ chức
    tiếp công dân trực tuyến (Quyết định 748/QĐ-TTCP, Mô hình thí điểm Phần V mục II.1 điểm g; Kế hoạch
    459/KH-UBND tỉnh Nghệ An, Phần thứ II mục 3).

    The organiser records who attended from which agency, so that the trainees of each agency can
    be counted; the agencies invited see the sessions their staff attend.
    """

    _name = "tcd.training"
    _description = "Training session"
    _inherit = ["tcd.agency.scoped.mixin", "tcd.workflow.mixin", "mail.thread"]
    _order = "date_start desc, id desc"

    name = fields.Char(required=True, tracking=True)
    agency_id = fields.Many2one(string="Organiser", tracking=True)
    coordinating_agency_ids = fields.Many2many("tcd.agency", string="Coordinating agencies")
    phase_id = fields.Many2one(
        "tcd.deployment.phase",
        string="Deployment task",
        index="btree_not_null",
        ondelete="set null",
        help="The task of a deployment plan this training carries out.",
    )
    plan_id = fields.Many2one(related="phase_id.plan_id", string="Deployment plan")
    date_start = fields.Datetime(string="Start", required=True, tracking=True)
    date_end = fields.Datetime(string="End", tracking=True)
    location = fields.Char(tracking=True)
    mode = fields.Selection(MODES, required=True, default="in_person", tracking=True)
    trainers = fields.Char(help="The trainers and their agencies.")
    content = fields.Html(string="Topics")
    state = fields.Selection(
        TRAINING_STATES, required=True, default="planned", readonly=True, index=True, tracking=True
    )
    participant_ids = fields.One2many("tcd.training.participant", "training_id", string="Participants", copy=False)
    participant_count = fields.Integer(string="Registered", compute="_compute_counts", store=True)
    attended_count = fields.Integer(string="Attended", compute="_compute_counts", store=True)
    agency_count = fields.Integer(
        string="Agencies", compute="_compute_counts", store=True, help="The agencies whose staff take part."
    )

    @api.depends("participant_ids.attended", "participant_ids.agency_id")
    def _compute_counts(self):
        for training in self:
            participants = training.participant_ids
            training.participant_count = len(participants)
            training.attended_count = len(participants.filtered("attended"))
            training.agency_count = len(participants.agency_id)

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for training in self:
            if training.date_end and training.date_end < training.date_start:
                raise ValidationError(
                    self.env._("The training %(training)s ends before it starts.", training=training.name)
                )

    def action_done(self):
        for training in self:
            if training.state != "planned":
                raise UserError(self.env._("Only a planned training can be marked done."))
            if not training.participant_ids.filtered("attended"):
                raise UserError(
                    self.env._("Record who attended %(training)s before marking it done.", training=training.name)
                )
        self._workflow_write({"state": "done"})
        return True

    def action_cancel(self):
        self.filtered(lambda training: training.state == "planned")._workflow_write({"state": "cancelled"})
        return True

    def action_reset(self):
        self.filtered(lambda training: training.state != "planned")._workflow_write({"state": "planned"})
        return True
