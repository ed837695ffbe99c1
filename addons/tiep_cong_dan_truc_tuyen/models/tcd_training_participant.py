from odoo import api, fields, models


class TcdTrainingParticipant(models.Model):
    """A trainee of a training session: an officer of an agency, a user of the system or not.

    Counted by agency in the trainees' analysis; the trainee's agency sees the line.
    """

    _name = "tcd.training.participant"
    _description = "Training participant"
    _order = "training_id, agency_id, name, id"

    training_id = fields.Many2one("tcd.training", required=True, index=True, ondelete="cascade")
    training_agency_id = fields.Many2one(related="training_id.agency_id", string="Organiser", store=True, index=True)
    date_start = fields.Datetime(related="training_id.date_start", string="Training date", store=True)
    training_state = fields.Selection(related="training_id.state", string="Training state", store=True)
    user_id = fields.Many2one("res.users", index="btree_not_null", ondelete="set null")
    agency_id = fields.Many2one(
        "tcd.agency",
        required=True,
        index=True,
        ondelete="restrict",
        compute="_compute_from_user",
        store=True,
        readonly=False,
        precompute=True,
    )
    name = fields.Char(required=True, compute="_compute_from_user", store=True, readonly=False, precompute=True)
    position = fields.Char()
    phone = fields.Char(compute="_compute_from_user", store=True, readonly=False, precompute=True)
    email = fields.Char(compute="_compute_from_user", store=True, readonly=False, precompute=True)
    attended = fields.Boolean()
    note = fields.Char()

    @api.depends("user_id")
    def _compute_from_user(self):
        """A user of the system brings their name, agency and contact."""
        for participant in self:
            user = participant.user_id.sudo()
            participant.name = user.name or participant.name
            participant.agency_id = user.tcd_agency_id or participant.agency_id
            participant.phone = user.phone or participant.phone
            participant.email = user.email or participant.email
