from odoo import SUPERUSER_ID, api

# The identity columns that tcd.citizen held before tcd.citizen.identity (18.0.1.1.0).
IDENTITY_COLUMNS = (
    "name",
    "id_type",
    "id_number",
    "id_issue_date",
    "id_issue_place",
    "id_warning",
    "birth_date",
    "gender",
    "street",
    "admin_unit_id",
    "province_unit_id",
    "phone",
    "email",
)


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    _move_identities(env)
    # the notices' scheduled action sends the notices created while the modules loaded, and the failed
    # ones again: its code (a record of data loaded once) calls the new method
    cron = env.ref("tiep_cong_dan_truc_tuyen.ir_cron_tcd_session_notice", raise_if_not_found=False)
    if cron:
        cron.write({"code": "model._cron_send()"})
    # the references of cases and sessions are numbered without gaps (records of data loaded once)
    for xmlid in ("seq_tcd_case", "seq_tcd_session"):
        sequence = env.ref(f"tiep_cong_dan_truc_tuyen.{xmlid}", raise_if_not_found=False)
        if sequence:
            sequence.implementation = "no_gap"


def _move_identities(env):
    """Move each citizen's identity from its row to its tcd.citizen.identity, under the identity's record rules,
    then drop the columns: the citizens' table keeps no identity. The names stored with the citizens' messages
    and activities become their pseudonyms where the citizen is protected."""
    cr = env.cr
    cr.execute(
        "SELECT count(*) FROM information_schema.columns WHERE table_name = 'tcd_citizen' AND column_name = 'id_number'"
    )
    if not cr.fetchone()[0]:
        return
    columns = ", ".join(IDENTITY_COLUMNS)
    cr.execute(
        f"""
        INSERT INTO tcd_citizen_identity (citizen_id, {columns}, create_uid, create_date, write_uid, write_date)
        SELECT c.id, {", ".join(f"c.{column}" for column in IDENTITY_COLUMNS)}, c.create_uid, c.create_date,
               c.write_uid, c.write_date
          FROM tcd_citizen c
         WHERE NOT EXISTS (SELECT 1 FROM tcd_citizen_identity i WHERE i.citizen_id = c.id)
        """
    )
    Citizen = env["tcd.citizen"].with_context(active_test=False)
    citizens = Citizen.search([])
    cases = env["tcd.case"].search([])
    env.add_to_compute(env["tcd.case"]._fields["is_protected"], cases)
    for field_name in ("is_protected", "handler_user_ids", "identity_handler_ids", "public_name"):
        env.add_to_compute(Citizen._fields[field_name], citizens)
    identities = env["tcd.citizen.identity"].search([])
    env.add_to_compute(identities._fields["is_protected"], identities)
    documents = env["tcd.dossier.document"].search([])
    for field_name in ("is_restricted", "allowed_user_ids"):
        env.add_to_compute(documents._fields[field_name], documents)
    env.flush_all()
    cr.execute(f"ALTER TABLE tcd_citizen {', '.join(f'DROP COLUMN IF EXISTS {column}' for column in IDENTITY_COLUMNS)}")
    protected = citizens.filtered("is_protected")
    for citizen in protected:
        cr.execute(
            "UPDATE mail_message SET record_name = %s WHERE model = 'tcd.citizen' AND res_id = %s",
            [citizen.public_name, citizen.id],
        )
        cr.execute(
            "UPDATE mail_activity SET res_name = %s WHERE res_model = 'tcd.citizen' AND res_id = %s",
            [citizen.public_name, citizen.id],
        )
