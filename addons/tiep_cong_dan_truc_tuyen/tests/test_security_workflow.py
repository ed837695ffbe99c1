from freezegun import freeze_time

from odoo.tests import new_test_user, tagged

from .security_common import MODULE, TcdSecurityCommon


@tagged("post_install", "-at_install")
class TestWorkflowOverRpc(TcdSecurityCommon):
    """No plain officer forces a state, an approval, a number, an answer of an invited unit or a hash through the
    JSON-RPC API: the workflow's fields change only through the actions that check the user's group first, and
    no context key opens them."""

    FORCE = {"tcd_workflow": True, "force": True, "bypass": True}

    def refused(self, model, ids, vals, role="officer"):
        """``vals`` cannot be written on ``model`` ``ids``, with or without context keys."""
        for context in ({}, self.FORCE):
            _result, error = self.rpc(model, "write", ids, vals, context=context)
            self.assertTrue(error, f"{role} wrote {vals} on {model} with context {context}")

    def test_every_guarded_field_of_every_workflow_model_is_refused(self):
        """Discovered, not listed: each model of the addon with a workflow inherits the guard, and every field it
        keeps (a readonly stored field, a computed one, the listed others) is refused to a user's write."""
        Mixin = type(self.env["tcd.workflow.mixin"])
        models = [
            name
            for name in self.env.registry
            if name.startswith("tcd.") and not self.env[name]._abstract and not self.env[name]._transient
        ]
        for name in models:
            if "state" in self.env[name]._fields and not self.env[name]._fields["state"].related:
                self.assertIsInstance(self.env[name], Mixin, f"{name} has a workflow without the guard")
        self.login(self.officer_a1)
        for name in models:
            Model = self.env[name]
            if not isinstance(Model, Mixin):
                continue
            with self.subTest(model=name):
                for field_name in sorted(Model._workflow_guarded_fields()):
                    _result, error = self.rpc(name, "write", [], {field_name: False}, context=self.FORCE)
                    self.assertTrue(error, f"{name}.{field_name} is written")

    def test_a_case_approved_or_a_session_closed_without_the_leader(self):
        self.login(self.officer_a1)
        case = self.case(self.citizen_a1, self.commune_a1, ground_ids=[(6, 0, self.ground.ids)])
        self.refused("tcd.case", case.ids, {"state": "approved", "approved_by_id": self.leader_a1.id})
        _result, error = self.rpc(
            "tcd.case",
            "create",
            {"subject": "Forged", "agency_id": self.commune_a1.id, "state": "approved"},
            context=self.FORCE,
        )
        self.assertTrue(error)
        case.with_user(self.officer_a1).action_propose()
        _result, error = self.rpc("tcd.case", "action_approve", case.ids, context=self.FORCE)
        self.assertTrue(error, "an officer approves")
        self.assertEqual(case.state, "proposed")
        # the session
        self.login(self.province_officer_a)
        self.refused("tcd.session", self.held.ids, {"state": "closed"})
        self.refused("tcd.session", self.held.ids, {"conclusion_number": "99/TB-BTCD"})
        self.refused("tcd.session", self.held.ids, {"plan_approved_by_id": self.province_officer_a.id})
        self.conclude_case()
        with freeze_time("2026-12-15 04:00:00"):
            self.held.action_end()
        _result, error = self.rpc("tcd.session", "action_issue_conclusion", self.held.ids)
        self.assertTrue(error, "a plain officer issues the conclusion notice")
        self.assertIn("Only a leader issues the conclusion notice", error["data"]["message"])
        self.assertFalse(self.held.conclusion_number)
        self.assertEqual(self.held.state, "held")

    def test_budgets(self):
        Budget = self.env["tcd.budget"]
        draft = Budget.create({"name": "Dự toán", "agency_id": self.commune_a1.id})
        line_vals = {"line_type": "other", "description": "A", "unit_price": 10}
        approved = Budget.create({"name": "Đã duyệt", "agency_id": self.commune_a1.id, "line_ids": [(0, 0, line_vals)]})
        approved.action_submit()
        approved.with_user(self.finance_a).action_approve()
        line = approved.line_ids
        self.login(self.officer_a1)
        self.refused("tcd.budget", draft.ids, {"state": "approved", "approved_by_id": self.finance_a.id})
        self.refused("tcd.budget.line", line.ids, {"budget_id": draft.id})
        self.refused("tcd.budget.line", line.ids, {"state": "draft"})
        draft_line = self.env["tcd.budget.line"].create(
            {"budget_id": draft.id, "line_type": "other", "description": "B", "unit_price": 5}
        )
        self.refused("tcd.budget.line", draft_line.ids, {"budget_id": approved.id})
        self.assertEqual((line.budget_id, draft_line.budget_id, approved.state), (approved, draft, "approved"))

    def test_answers_of_the_invited_units_tokens_notices_and_hashes(self):
        line = self.held.point_line_ids[:1]
        self.login(self.province_officer_a)
        for vals in (
            {"attendance": "confirmed"},
            {"confirmed_by": "Tôi"},
            {"reported_readiness": "ready"},
            {"access_token": "x"},
            {"opened_date": "2026-12-10 00:00:00"},
        ):
            self.refused("tcd.session.point", line.ids, vals)
        notice = self.held.notice_ids[:1]
        self.refused("tcd.session.notice", notice.ids, {"state": "sent"})
        self.refused("tcd.session.notice", notice.ids, {"attempts": 0})
        # an address is corrected
        _result, error = self.rpc("tcd.session.notice", "write", notice.ids, {"email": "moi@a1.example.gov.vn"})
        self.assertFalse(error, error)
        with freeze_time("2026-12-15 04:00:00"):
            self.held.action_end()
        recording = self.env["tcd.session.recording"].create(
            {"name": "Ghi hình", "session_id": self.held.id, "point_id": self.point_board_a.id}
        )
        self.login(self.technician_a1)
        self.refused("tcd.session.recording", recording.ids, {"sha256": "0" * 64}, role="technician")
        self.refused("tcd.session.recording", recording.ids, {"integrity_state": "ok"}, role="technician")
        self.refused("tcd.session.milestone", self.held.milestone_ids[:1].ids, {"state": "done"})

    def test_protection_fields_documents_and_scope(self):
        self.login(self.officer_a1_other)
        for vals in ({"is_protected": False}, {"identity_handler_ids": [(4, self.officer_a1_other.id)]}):
            self.refused("tcd.citizen", self.denouncer.ids, vals)
        self.refused("tcd.dossier.document", self.id_card.ids, {"is_restricted": False})
        _result, error = self.rpc(
            "tcd.dossier.document",
            "create",
            {"name": "x", "case_id": self.denunciation.id, "file": "eA==", "is_restricted": False},
        )
        self.assertTrue(error)
        # a case for, or moved to, an agency outside the officer's scope
        _result, error = self.rpc("tcd.case", "create", {"subject": "Khác xã", "agency_id": self.commune_b1.id})
        self.assertTrue(error)
        self.assertIn("outside your scope", error["data"]["message"])
        case = self.case(self.citizen_a1, self.commune_a1)
        self.refused("tcd.case", case.ids, {"agency_id": self.commune_b1.id})
        self.assertEqual(case.agency_id, self.commune_a1)

    def test_platform_credentials_only_where_the_invited_unit_receives_them(self):
        line = self.held.point_line_ids.filtered(lambda point_line: point_line.bridge_point_id == self.point_a1)
        url = f"/report/html/{MODULE}.tcd_session_point_invitation_document/{line.id}"
        self.login(self.province_officer_a)
        page = self.url_open(url).text
        self.assertNotIn("secret-a1", page)
        self.assertIn("in the invitation sent to your unit", page)
        technician = new_test_user(
            self.env,
            login="technician_board_a",
            groups=f"{MODULE}.group_tcd_technician,{MODULE}.group_tcd_province_officer",
            tcd_agency_id=self.board_a.id,
        )
        self.login(technician)
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("secret-a1", response.text)
        # the unit's own mail and its portal page
        invitation = self.held.notice_ids.filtered(lambda notice: notice.point_line_id == line)
        self.assertTrue(invitation.mail_id.attachment_ids)
        self.assertIn(b"secret-a1", invitation.mail_id.attachment_ids.filtered(lambda a: a.name.endswith(".pdf")).raw)
        portal = self.url_open(f"/my/tcd/invitations/{line.id}?access_token={line.access_token}").text
        self.assertIn("secret-a1", portal)
