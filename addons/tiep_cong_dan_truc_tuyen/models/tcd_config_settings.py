from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .tcd_session_holding import DEFAULT_START_MINUTES, DEFAULT_STEPS_HOURS, START_MINUTES_PARAM, STEPS_HOURS_PARAM

MODULE = "tiep_cong_dan_truc_tuyen"


class TcdConfigSettings(models.TransientModel):
    """The addon's settings, kept as system parameters.

    Its own model rather than ``res.config.settings``: the addon's
    administrators change these settings without the Settings group, which
    would give them every other setting of the database, its users and their
    groups (and so the confidential handlers' group).  Only they can create
    and save it (ACL); its fields read and write their parameters only.
    """

    _name = "tcd.config.settings"
    _description = "Online citizen reception settings"

    tcd_deadline_warning_days = fields.Integer(
        string="Warn before a legal deadline (working days)",
        config_parameter=f"{MODULE}.deadline_warning_days",
        default=2,
    )
    tcd_review_period_days = fields.Integer(
        string="Review bridge points every (days)",
        config_parameter=f"{MODULE}.review_period_days",
        default=90,
    )
    tcd_recording_retention_years = fields.Integer(
        string="Keep recordings (years)",
        config_parameter=f"{MODULE}.recording_retention_years",
        default=10,
    )
    tcd_recording_copy_check_days = fields.Integer(
        string="Verify each copy every (days)",
        config_parameter=f"{MODULE}.recording_copy_check_days",
        default=180,
    )

    tcd_day_steps_hours = fields.Integer(
        string="Steps of the day open (hours before the start)",
        config_parameter=STEPS_HOURS_PARAM,
        default=DEFAULT_STEPS_HOURS,
    )
    tcd_start_early_minutes = fields.Integer(
        string="Start at the earliest (minutes before)",
        config_parameter=START_MINUTES_PARAM,
        default=DEFAULT_START_MINUTES,
    )

    def _valid_field_parameter(self, field, name):
        return name == "config_parameter" or super()._valid_field_parameter(field, name)

    def _parameter_fields(self):
        return [field for field in self._fields.values() if getattr(field, "config_parameter", None)]

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        parameters = self.env["ir.config_parameter"].sudo()
        for field in self._parameter_fields():
            if field.name in fields_list:
                value = parameters.get_param(field.config_parameter)
                if value not in (None, False, ""):
                    values[field.name] = field.convert_to_cache(int(value), self)
        return values

    @api.constrains(
        "tcd_deadline_warning_days",
        "tcd_review_period_days",
        "tcd_recording_retention_years",
        "tcd_recording_copy_check_days",
        "tcd_day_steps_hours",
        "tcd_start_early_minutes",
    )
    def _check_values(self):
        for settings in self:
            if settings.tcd_deadline_warning_days < 0:
                raise ValidationError(self.env._("The warning before a legal deadline cannot be negative."))
            if settings.tcd_start_early_minutes < 0 or not 1 <= settings.tcd_day_steps_hours <= 24:
                raise ValidationError(
                    self.env._(
                        "The steps of the day open from 1 to 24 hours before the start of a session, and it starts "
                        "at the earliest zero or more minutes before its time."
                    )
                )
            if (
                min(
                    settings.tcd_review_period_days,
                    settings.tcd_recording_retention_years,
                    settings.tcd_recording_copy_check_days,
                )
                < 1
            ):
                raise ValidationError(
                    self.env._("The review period, the retention period and the copies' check are at least one.")
                )

    def execute(self):
        """Save the settings in their parameters (the settings view's Save)."""
        self.ensure_one()
        self.check_access("write")
        parameters = self.env["ir.config_parameter"].sudo()
        for field in self._parameter_fields():
            parameters.set_param(field.config_parameter, str(self[field.name]))
        return {"type": "ir.actions.client", "tag": "reload"}
