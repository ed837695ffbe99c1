from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    tcd_deadline_warning_days = fields.Integer(
        string="Warn before a legal deadline (working days)",
        config_parameter="tiep_cong_dan_truc_tuyen.deadline_warning_days",
        default=2,
    )
    tcd_review_period_days = fields.Integer(
        string="Review bridge points every (days)",
        config_parameter="tiep_cong_dan_truc_tuyen.review_period_days",
        default=90,
    )
    tcd_recording_retention_years = fields.Integer(
        string="Keep recordings (years)",
        config_parameter="tiep_cong_dan_truc_tuyen.recording_retention_years",
        default=10,
    )
    tcd_recording_copy_check_days = fields.Integer(
        string="Verify each copy every (days)",
        config_parameter="tiep_cong_dan_truc_tuyen.recording_copy_check_days",
        default=180,
    )
