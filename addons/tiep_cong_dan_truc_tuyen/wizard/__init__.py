from . import (
    tcd_budget_reopen_wizard,
    tcd_case_protection_wizard,
    tcd_case_stop_wizard,
    tcd_citizen_address_wizard,
    tcd_dossier_redaction_wizard,
    tcd_leader_reception_report_wizard,
    tcd_reception_register_wizard,
    tcd_reception_visit_case_wizard,
    tcd_reception_visit_case_wizard_line,
    tcd_session_reason_wizard,
)
