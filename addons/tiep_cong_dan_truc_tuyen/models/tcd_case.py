from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

LEADER_GROUP = "tiep_cong_dan_truc_tuyen.group_tcd_leader"
KINDS = [
    ("complaint", "Complaint"),
    ("denunciation", "Denunciation"),
    ("petition", "Petition"),
    ("reflection", "Reflection"),
]
STATES = [
    ("new", "Received"),
    ("proposed", "Proposed for online reception"),
    ("approved", "Approved"),
    ("scheduled", "Scheduled"),
    ("heard", "Received online"),
    ("concluded", "Concluded"),
    ("closed", "Closed"),
    ("refused", "Refused"),
    ("withdrawn", "Withdrawn"),
]
FINISHED_STATES = ("closed", "refused", "withdrawn")
# While proposed, approved or scheduled, a case is on its way to an online session.
ONLINE_STATES = ("proposed", "approved", "scheduled")
CROWD_MIN = 5
SMALL_CROWD_MAX = 10
# The fields that decide which deadline rules apply to a case and from when they count.
DEADLINE_INPUTS = {
    "kind", "received_date", "accepted_date", "refusal_date", "refusal_reason_id", "decision_date", "disposition",
    "is_complex", "is_remote", "needs_wide_verification", "first_case_id",
}  # fmt: skip


class TcdCase(models.Model):
    """A case (vụ việc): one complaint, denunciation, petition or reflection (Nghị định 154/2026/NĐ-CP
    Điều 14 khoản 4; Luật Tiếp công dân 2013 Điều 25 khoản 3)."""

    _name = "tcd.case"
    _description = "Case"
    _inherit = [
        "tcd.agency.scoped.mixin",
        "tcd.workflow.mixin",
        "tcd.case.form.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "received_date desc, id desc"
    _rec_names_search = ["name", "subject"]
    _approval_state = "proposed"

    name = fields.Char(string="Reference", required=True, readonly=True, copy=False, default="/", index=True)
    subject = fields.Char(required=True, tracking=True)
    kind = fields.Selection(KINDS, string="Type of case", required=True, default="complaint", tracking=True)
    state = fields.Selection(
        STATES, required=True, default="new", readonly=True, copy=False, tracking=True, index=True,
        group_expand="_group_expand_states",
    )  # fmt: skip
    agency_id = fields.Many2one(string="Handling agency")
    # the lists' order: the first page is read from the index, newest first
    received_date = fields.Datetime(required=True, default=fields.Datetime.now, tracking=True, index=True)
    received_day = fields.Date(
        string="Received on", compute="_compute_received_day", store=True, index=True, help="Date in Vietnam."
    )
    summary = fields.Html(string="Content")
    prior_handling = fields.Text(
        string="History of handling", help="Agencies that already handled the case and their decisions."
    )
    ground_ids = fields.Many2many("tcd.reception.ground", string="Grounds for online reception")
    citizen_ids = fields.Many2many(
        "tcd.citizen", "tcd_case_citizen_rel", "case_id", "citizen_id", string="Complainants"
    )
    people_count = fields.Integer(
        string="Number of people",
        compute="_compute_people_count",
        store=True,
        readonly=False,
        help="People with the same matter, listed or not (Sổ tiếp công dân, column 7).",
    )
    is_crowd = fields.Boolean(
        string="Crowd", compute="_compute_is_crowd", store=True, help="5 people or more with the same matter."
    )
    representative_ids = fields.Many2many(
        "tcd.citizen",
        "tcd_case_representative_rel",
        "case_id",
        "citizen_id",
        string="Representatives",
        help="5–10 people appoint 1 or 2 representatives, more than 10 at most 5 (Luật Tiếp công dân Điều 29); "
        "a crowd must send representatives to an online session (Nghị định 154/2026/NĐ-CP Điều 22).",
    )
    concerned_agency_ids = fields.Many2many(
        "tcd.agency", "tcd_case_concerned_agency_rel", "case_id", "agency_id", string="Agencies concerned"
    )
    handler_ids = fields.Many2many(
        "res.users",
        "tcd_case_handler_rel",
        "case_id",
        "user_id",
        string="Assigned handlers",
        default=lambda self: self.env.user,
        tracking=True,
    )
    leader_id = fields.Many2one(
        "res.users",
        string="Chairing leader",
        tracking=True,
        domain=lambda self: [("groups_id", "in", self.env.ref(LEADER_GROUP).id), ("tcd_agency_id", "!=", False)],
    )
    protection_requested = fields.Boolean(
        string="Identity protection requested",
        tracking=True,
        help="The denouncer asked to keep their identity secret: the case cannot be received online "
        "(Nghị định 154/2026/NĐ-CP Điều 20).",
    )
    is_protected = fields.Boolean(
        string="Protected denunciation",
        compute="_compute_is_protected",
        store=True,
        index=True,
        help="A denunciation whose denouncer asked for identity protection: a leader assigns its handlers, the "
        "only officers who see her identity with the confidential handlers; only a handler lifts the protection, "
        "at the denouncer's request (Luật Tố cáo 2018 Điều 47, 48, 56).",
    )
    disposition = fields.Selection(
        [("competent", "Within our authority"), ("guide", "Guide to the competent body"), ("forward", "Forward")],
        tracking=True,
        help="Sổ tiếp công dân, columns 9–11.",
    )
    forward_to = fields.Char(string="Competent body")
    forward_document = fields.Char(string="Transfer or guidance document")
    needs_wide_verification = fields.Boolean(
        string="Verification at several places",
        help="The denouncer is verified at several places: acceptance within 10 working days (Luật Tố cáo Điều 24).",
    )
    reply_date = fields.Date(string="Citizen answered on", tracking=True)
    accepted_date = fields.Date(string="Accepted on", tracking=True, help="Ngày thụ lý.")
    forwarded_date = fields.Date(string="Forwarded on", tracking=True)
    refusal_notice_date = fields.Date(string="Refusal notice issued on", readonly=True, tracking=True)
    proposed_by_id = fields.Many2one("res.users", string="Proposed by", readonly=True, copy=False)
    proposed_date = fields.Datetime(string="Proposed on", readonly=True, copy=False)
    approved_by_id = fields.Many2one("res.users", string="Approved by", readonly=True, copy=False, tracking=True)
    approved_date = fields.Datetime(string="Approved on", readonly=True, copy=False)
    refusal_reason_id = fields.Many2one(
        "tcd.refusal.reason", string="Refusal reason", readonly=True, copy=False, tracking=True
    )
    refusal_date = fields.Date(readonly=True, copy=False)
    withdrawal_reason = fields.Text(readonly=True, copy=False)
    outcome = fields.Html(help="Outcome of the reception and the leader's instructions.")
    followup_ids = fields.One2many("tcd.case.followup", "case_id", string="Instructions to follow up")
    document_ids = fields.One2many("tcd.dossier.document", "case_id", string="Dossier")
    document_count = fields.Integer(compute="_compute_document_count")

    next_deadline = fields.Date(compute="_compute_next_deadline", store=True, index=True)
    next_deadline_step = fields.Selection(
        selection="_selection_deadline_steps", string="Next deadline for", compute="_compute_next_deadline", store=True
    )
    deadline_ids = fields.One2many("tcd.case.deadline", "case_id", string="Legal deadlines")
    # what the resolution deadlines depend on (Luật Khiếu nại 2011 Điều 28, 33, 37; Luật Tố cáo 2018 Điều 30)
    is_complex = fields.Boolean(
        string="Complex case",
        tracking=True,
        help="A complex case has a longer resolution period (Luật Khiếu nại 2011 Điều 28, 37; the grounds of "
        "Nghị định 155/2026/NĐ-CP Điều 3a).",
    )
    is_remote = fields.Boolean(
        string="Remote or difficult area",
        tracking=True,
        help="The matter arose in a remote area where travel is difficult (vùng sâu, vùng xa, đi lại khó khăn): "
        "the complaint periods are longer (Luật Khiếu nại 2011 Điều 28, 33, 37).",
    )
    extension_count = fields.Integer(
        string="Extensions of the resolution period",
        tracking=True,
        help="Each written extension decision adds 30 days to the resolution of a denunciation, twice at most for "
        "an especially complex one (Luật Tố cáo 2018 Điều 30 khoản 1).",
    )
    decision_date = fields.Date(
        string="Resolved on",
        tracking=True,
        help="The date of the decision on the complaint or of the conclusion on the denunciation.",
    )
    decision_number = fields.Char(string="Decision or conclusion no.", tracking=True)
    first_case_id = fields.Many2one(
        "tcd.case",
        string="First complaint",
        index="btree_not_null",
        tracking=True,
        domain="[('kind', '=', 'complaint'), ('decision_date', '!=', False), ('id', '!=', id)]",
        help="The complaint resolved at first instance that this second complaint contests (Luật Khiếu nại 2011 "
        "Điều 33).",
    )
    second_case_ids = fields.One2many("tcd.case", "first_case_id", string="Second complaints")
    visit_id = fields.Many2one(
        "tcd.reception.visit",
        string="Reception visit",
        index="btree_not_null",
        tracking=True,
        help="The reception at which the case was brought (lượt tiếp công dân).",
    )

    @api.model
    def _workflow_error(self):
        return self.env._(
            "The state, the proposal, the approval and the refusal of a case change only through its "
            "buttons (Propose, Approve, Refuse…)."
        )

    # ------------------------------------------------------------------ computes

    @api.model
    def _group_expand_states(self, states, domain):
        return [code for code, _label in STATES]

    @api.depends("name", "subject")
    @api.depends_context("tcd_case_with_subject")
    def _compute_display_name(self):
        """The reference, followed by the subject where a case is picked from a list (a session's agenda)."""
        with_subject = self.env.context.get("tcd_case_with_subject")
        for case in self:
            case.display_name = f"{case.name} – {case.subject}" if with_subject and case.subject else case.name

    @api.depends("received_date")
    def _compute_received_day(self):
        calendar = self.env["tcd.working.calendar"]
        for case in self:
            case.received_day = calendar.local_date(case.received_date)

    @api.depends("citizen_ids")
    def _compute_people_count(self):
        for case in self:
            case.people_count = max(case.people_count or 0, len(case.citizen_ids), 1)

    @api.depends("people_count")
    def _compute_is_crowd(self):
        for case in self:
            case.is_crowd = case.people_count >= CROWD_MIN

    @api.depends("kind", "protection_requested")
    def _compute_is_protected(self):
        for case in self:
            case.is_protected = case.kind == "denunciation" and case.protection_requested

    def _compute_document_count(self):
        counts = dict(
            self.env["tcd.dossier.document"]._read_group([("case_id", "in", self.ids)], ["case_id"], ["__count"])
        )
        for case in self:
            case.document_count = counts.get(case, 0)

    @api.model
    def _selection_deadline_steps(self):
        return self.env["tcd.deadline.rule"]._fields["step"]._description_selection(self.env)

    def _deadline_conditions(self):
        """The case's values for the conditions of the deadline rules (tcd.deadline.rule)."""
        self.ensure_one()
        return {
            "kind": self.kind,
            "instance": "second" if self.first_case_id else "first",
            "complex_case": "yes" if self.is_complex else "no",
            "remote_area": "yes" if self.is_remote else "no",
            "wide_verification": "yes" if self.needs_wide_verification else "no",
        }

    def _deadline_applies(self, step):
        """Whether the step is owed at all, whatever its rule: forwarding when the case is forwarded, the
        written notice when the reason of the refusal requires one."""
        self.ensure_one()
        if step == "forward":
            return self.disposition == "forward"
        if step == "refusal_notice":
            return self.refusal_reason_id.requires_notice
        return True

    def _deadline_done(self, step):
        """Whether the deadline of ``step`` is met (or no longer applies)."""
        self.ensure_one()
        if step == "refusal_notice":
            return bool(self.refusal_notice_date)
        if step == "second_complaint":
            return bool(self.second_case_ids)
        if self.state in FINISHED_STATES:
            return True
        if step == "reply":
            return bool(self.reply_date)
        if step == "acceptance":
            return bool(self.accepted_date) or self.disposition in ("guide", "forward")
        if step == "forward":
            return bool(self.forwarded_date)
        if step == "resolution":
            return bool(self.decision_date)
        return self.state != "new" or bool(self.reply_date or self.accepted_date or self.forwarded_date)

    @api.depends("deadline_ids.due_date", "deadline_ids.done", "deadline_ids.remind")
    def _compute_next_deadline(self):
        for case in self:
            open_lines = case.deadline_ids.filtered(lambda line: line.due_date and line.remind and not line.done)
            first = min(open_lines, key=lambda line: (line.due_date, line.id), default=None)
            case.next_deadline, case.next_deadline_step = (first.due_date, first.step) if first else (False, False)

    # ------------------------------------------------------------------ constraints

    @api.constrains("people_count", "citizen_ids", "representative_ids")
    def _check_crowd(self):
        for case in self:
            if case.people_count < len(case.citizen_ids):
                raise ValidationError(
                    self.env._(
                        "The case %(case)s lists %(listed)s complainants but counts %(count)s people: the number "
                        "of people includes every complainant.",
                        case=case.name,
                        listed=len(case.citizen_ids),
                        count=case.people_count,
                    )
                )
            outsiders = case.representative_ids - case.citizen_ids
            if outsiders:
                raise ValidationError(
                    self.env._(
                        "%(names)s cannot represent the case %(case)s: a representative must be one of the "
                        "complainants (Luật Tiếp công dân Điều 29).",
                        names=", ".join(outsiders.mapped("display_name")),
                        case=case.name,
                    )
                )
            limit = case._representative_limit()
            if limit and len(case.representative_ids) > limit:
                raise ValidationError(
                    self.env._(
                        "The case %(case)s has %(count)s people and %(reps)s representatives: %(rule)s "
                        "(Luật Tiếp công dân Điều 29).",
                        case=case.name,
                        count=case.people_count,
                        reps=len(case.representative_ids),
                        rule=case._representative_rule(),
                    )
                )

    @api.constrains("extension_count", "kind", "accepted_date", "is_complex")
    def _check_extensions(self):
        rules = self.env["tcd.deadline.rule"].sudo().search([("step", "=", "resolution")])
        for case in self.filtered("extension_count"):
            rule = next((rule for rule in rules if rule._matches(case, "resolution")), rules.browse())
            if not 0 <= case.extension_count <= rule.max_extensions:
                raise ValidationError(
                    self.env._(
                        "The resolution period of %(case)s can be extended %(max)s times at most (%(law)s).",
                        case=case.name,
                        max=rule.max_extensions,
                        law=rule.legal_source or self.env._("no extension rule in force for this case"),
                    )
                )

    @api.constrains("first_case_id", "kind")
    def _check_first_case(self):
        for case in self.filtered("first_case_id"):
            first = case.first_case_id
            if case.kind != "complaint" or first.kind != "complaint" or not first.decision_date or first == case:
                raise ValidationError(
                    self.env._(
                        "%(case)s can only be the second complaint of a complaint already resolved: %(first)s "
                        "has no decision (Luật Khiếu nại 2011 Điều 33).",
                        case=case.name,
                        first=first.name,
                    )
                )

    def _check_crowd_appointment(self):
        """A crowd's case is accepted or proposed only with the written appointment of its representatives,
        signed by all of them (Luật Tiếp công dân 2013 Điều 29; Nghị định 155/2026/NĐ-CP Điều 10)."""
        for case in self.filtered("is_crowd"):
            documents = case.sudo().document_ids | case.sudo().visit_id.document_ids
            if "appointment" not in documents.mapped("document_type"):
                raise UserError(
                    self.env._(
                        "The case %(case)s concerns %(count)s people: add to its dossier the written appointment of "
                        "their representatives, signed by all of them, before it is accepted or proposed (Luật Tiếp "
                        "công dân 2013 Điều 29; Nghị định 155/2026/NĐ-CP Điều 10).",
                        case=case.name,
                        count=case.people_count,
                    )
                )

    def _representative_limit(self):
        if self.people_count < CROWD_MIN:
            return 0
        return 2 if self.people_count <= SMALL_CROWD_MAX else 5

    def _representative_rule(self):
        if self.people_count <= SMALL_CROWD_MAX:
            return self.env._("5 to 10 people appoint 1 or 2 representatives")
        return self.env._("more than 10 people appoint at most 5 representatives")

    @api.constrains("kind", "protection_requested", "state")
    def _check_protection(self):
        for case in self:
            if case.state in ONLINE_STATES:
                case._check_can_go_online()

    def _check_can_go_online(self):
        self.ensure_one()
        if self.is_protected:
            raise ValidationError(
                self.env._(
                    "The denunciation %(case)s cannot be received online: the denouncer asked for identity "
                    "protection (Nghị định 154/2026/NĐ-CP Điều 20). Receive the denouncer in person.",
                    case=self.name,
                )
            )

    # ------------------------------------------------------------------ CRUD

    @api.model
    def _workflow_create_vals(self, vals):
        if vals.get("name", "/") == "/":
            vals["name"] = self.env["ir.sequence"].next_by_code("tcd.case") or "/"
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        linked = self.env["tcd.citizen"].browse(
            {citizen_id for vals in vals_list for citizen_id in self._command_ids(vals.get("citizen_ids"))}
        )
        readers = self._tcd_identity_readers(linked)
        self._check_visits({vals["visit_id"] for vals in vals_list if vals.get("visit_id")})
        cases = super().create(vals_list)
        cases.filtered("accepted_date")._check_crowd_appointment()
        cases._tcd_check_identity_readers(readers)
        cases._sync_deadline_lines()
        cases.citizen_ids._tcd_protect_contacts()
        cases._flush_citizen_scope()
        if cases._tcd_outside_handlers():
            cases._tcd_refresh_rules()
        return cases

    def write(self, vals):
        self._tcd_check_protection_change(vals)
        if vals.get("visit_id"):
            self._check_visits({vals["visit_id"]})
        linked = self.sudo().citizen_ids | self.env["tcd.citizen"].browse(self._command_ids(vals.get("citizen_ids")))
        readers = self._tcd_identity_readers(linked)
        handlers_changed = {"handler_ids", "agency_id"} & set(vals)
        outside_before = self._tcd_outside_handlers() if handlers_changed else None
        res = super().write(vals)
        if vals.get("accepted_date"):
            self._check_crowd_appointment()
        self._tcd_check_identity_readers(readers)
        if handlers_changed and (outside_before or self._tcd_outside_handlers()):
            self._tcd_refresh_rules()
        if DEADLINE_INPUTS & set(vals):
            self._sync_deadline_lines()
        if {"kind", "protection_requested", "citizen_ids"} & set(vals):
            self.citizen_ids._tcd_protect_contacts()
        if {"citizen_ids", "agency_id"} & set(vals):
            self._flush_citizen_scope()
        return res

    @api.model
    def _check_visits(self, visit_ids):
        """A case is linked to a reception its user may read: none of another agency (whose documents, such as a
        crowd's appointment of representatives, would count for the case)."""
        self.env["tcd.reception.visit"].browse(visit_ids).check_access("read")

    @api.ondelete(at_uninstall=False)
    def _unlink_except_protected(self):
        if not self.env.su and self.filtered("is_protected"):
            raise UserError(
                self.env._(
                    "A protected denunciation cannot be deleted: its denouncer's identity stays protected "
                    "(Luật Tố cáo 2018 Điều 56)."
                )
            )

    # ------------------------------------------------------------------ protected denouncers
    # (Luật Tố cáo 2018 Điều 47, 48, 56; Nghị định 154/2026/NĐ-CP Điều 12 khoản 2)

    @api.model
    def _command_ids(self, commands):
        """The ids of the existing records that x2many ``commands`` link."""
        ids = set()
        for command in commands or ():
            if command[0] == fields.Command.SET:
                ids.update(command[2])
            elif command[0] == fields.Command.LINK:
                ids.add(command[1])
        return ids

    @api.model
    def _tcd_identity_readers(self, citizens):
        """The users who may read the identity of each protected citizen among ``citizens``, now."""
        return {citizen: citizen.identity_handler_ids for citizen in citizens.sudo().exists() if citizen.is_protected}

    def _tcd_check_identity_readers(self, readers):
        """Nobody came to read a protected identity through a change of cases (creating one, adding a citizen
        or a handler, making a case protected): only the assignment by a leader grants it."""
        if self.env.su:
            return
        for citizen, before in readers.items():
            added = citizen.identity_handler_ids - before
            if added:
                raise UserError(
                    self.env._(
                        "%(citizen)s is a protected denouncer: %(users)s cannot become the handlers of her "
                        "denunciations this way. A leader of the agency or a confidential handler assigns them "
                        "(Assign the handlers).",
                        citizen=citizen.display_name,
                        users=", ".join(added.mapped("name")),
                    )
                )

    def _tcd_check_protection_change(self, vals):
        """On a protected denunciation, the handlers, the protection and the denouncers change only through
        their actions: a leader's assignment, or the lifting of the protection at the denouncer's request."""
        protected = self.filtered("is_protected")
        if self.env.su or not protected:
            return
        lifted = vals.get("kind", "denunciation") != "denunciation" or vals.get("protection_requested", True) is False
        removed = any(
            command[0] in (fields.Command.UNLINK, fields.Command.DELETE, fields.Command.CLEAR)
            or (command[0] == fields.Command.SET and not set(protected.sudo().citizen_ids.ids) <= set(command[2]))
            for command in vals.get("citizen_ids", ())
        )
        if lifted or removed or "handler_ids" in vals:
            raise UserError(
                self.env._(
                    "%(case)s is a protected denunciation: a leader of the agency or a confidential handler assigns "
                    "its handlers, and only its handler lifts the protection, at the denouncer's request, or removes "
                    "a denouncer after that.",
                    case=protected[0].display_name,
                )
            )

    def _tcd_check_protection_action(self, action):
        """Who may assign the handlers of a protected denunciation (a leader of its scope, a confidential
        handler) and lift its protection (one of its handlers, a confidential handler)."""
        user = self.env.user
        confidential = user.has_group("tiep_cong_dan_truc_tuyen.group_tcd_confidential")
        for case in self:
            case.check_access("write")
            if action == "assign":
                allowed = confidential or user.has_group(LEADER_GROUP)
            else:
                allowed = confidential or user in case.handler_ids
            if not allowed and action == "assign":
                raise AccessError(
                    self.env._(
                        "Only a leader of the agency or a confidential handler assigns the handlers of %(case)s.",
                        case=case.display_name,
                    )
                )
            if not allowed:
                raise AccessError(
                    self.env._(
                        "Only a handler of %(case)s or a confidential handler lifts its protection, at the "
                        "denouncer's request.",
                        case=case.display_name,
                    )
                )

    def _tcd_assign_handlers(self, users, reason):
        """Make ``users`` the handlers of these cases: logged on the case and in the access log."""
        self._tcd_check_protection_action("assign")
        for case in self:
            case.sudo().write({"handler_ids": [fields.Command.set(users.ids)]})
            note = self.env._(
                "Handlers assigned by %(user)s: %(handlers)s. Reason: %(reason)s",
                user=self.env.user.name,
                handlers=", ".join(users.mapped("name")) or "-",
                reason=reason,
            )
            case.message_post(body=note)
            self.env["tcd.access.log"]._log(case, "assign", note=note)

    def _tcd_lift_protection(self, request_date, reason, document=None):
        """Lift the protection at the denouncer's request (dated, with its note and written request)."""
        self._tcd_check_protection_action("lift")
        for case in self:
            note = self.env._(
                "Protection lifted by %(user)s at the denouncer's request of %(date)s: %(reason)s",
                user=self.env.user.name,
                date=request_date.strftime("%d/%m/%Y"),
                reason=reason,
            )
            self.env["tcd.access.log"]._log(case, "lift", note=note)
            case.sudo().write({"protection_requested": False})
            if document:
                self.env["tcd.dossier.document"].sudo().create(dict(document, case_id=case.id))
            case.message_post(body=note)

    def _tcd_outside_handlers(self):
        """The handlers of these cases outside the scope of the case's agency: they see the case as
        its handlers only (``res.users._tcd_case_rule_domain``)."""
        outside = self.env["res.users"]
        for case in self.sudo():
            for user in case.handler_ids:
                if not case.filtered_domain(user._tcd_scope_domain()):
                    outside |= user
        return outside

    def _tcd_refresh_rules(self):
        """The cases rule of a handler outside the case's scope lists the case: compute the rules again."""
        self.env.registry.clear_cache()

    def _flush_citizen_scope(self):
        """Write the citizens' case agencies now: the citizens' record rule reads them from the
        database, within this transaction too."""
        self.env["tcd.citizen"].flush_model(["case_agency_ids"])

    def _sync_deadline_lines(self):
        """One line per step whose rule is in force for the case (tcd.deadline.rule): created when the
        event it counts from happens, moved to another rule when the case's conditions change, removed
        when no rule applies any more."""
        rules = self.env["tcd.deadline.rule"].sudo().search([])
        Line = self.env["tcd.case.deadline"].sudo()
        new_vals = []
        for case in self.sudo():
            lines = {line.step: line for line in case.deadline_ids}
            for step in {rule.step for rule in rules}:
                rule = case._deadline_applies(step) and next((r for r in rules if r._matches(case, step)), None)
                line = lines.pop(step, Line)
                if not rule:
                    line.unlink()
                elif not line:
                    new_vals.append({"case_id": case.id, "rule_id": rule.id})
                elif line.rule_id != rule:
                    line.rule_id = rule
            Line.concat(*lines.values()).unlink()
        Line.create(new_vals)._reminder_wake()

    @api.model
    def _resync_deadline_rules(self):
        """The rules changed: the open cases follow the rules now in force."""
        self.sudo().search([("state", "not in", FINISHED_STATES)])._sync_deadline_lines()

    @api.model
    def _recompute_deadlines_around(self, days):
        """The working calendar changed on ``days``: recompute the deadlines that may end on or after them."""
        lines = self.env["tcd.case.deadline"].sudo().search([("due_date", ">=", min(days))])
        lines._recompute_due_dates()

    def action_record_second_complaint(self):
        """The complainant contests the first decision: a second complaint, linked to this one, with the
        same citizens and subject, received now."""
        self.ensure_one()
        if self.kind != "complaint" or not self.decision_date:
            raise UserError(
                self.env._(
                    "A second complaint contests a decision on a complaint: record the decision of %(case)s "
                    "(Resolved on) first (Luật Khiếu nại 2011 Điều 33).",
                    case=self.name,
                )
            )
        second = self.create(
            {
                "subject": self.subject,
                "kind": "complaint",
                "agency_id": self.agency_id.id,
                "first_case_id": self.id,
                "citizen_ids": [fields.Command.set(self.citizen_ids.ids)],
                "is_remote": self.is_remote,
                "prior_handling": self.env._(
                    "First complaint %(case)s, decision %(number)s of %(date)s.",
                    case=self.name,
                    number=self.decision_number or "-",
                    date=self.decision_date.strftime("%d/%m/%Y"),
                ),
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "tcd.case",
            "res_id": second.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------------ workflow (Nghị định 154/2026/NĐ-CP Điều 20)

    def _check_leader(self, action):
        if not self.env.user.has_group(LEADER_GROUP):
            raise AccessError(
                self.env._(
                    "Only a leader can %(action)s a case for online reception: selecting a case needs the "
                    "approval of the chairing head (Chủ tịch UBND, Tổng Thanh tra).",
                    action=action,
                )
            )

    def action_propose(self):
        for case in self:
            case._check_can_go_online()
            if not case.ground_ids:
                raise UserError(
                    self.env._("Choose at least one ground for receiving the case %(case)s online.", case=case.name)
                )
            if case.is_crowd and not case.representative_ids:
                raise UserError(
                    self.env._(
                        "The case %(case)s concerns %(count)s people: a crowd attends an online session through "
                        "its representatives (Nghị định 154/2026/NĐ-CP Điều 22); appoint them first (%(rule)s).",
                        case=case.name,
                        count=case.people_count,
                        rule=case._representative_rule(),
                    )
                )
            case._check_crowd_appointment()
        self._set_state("proposed", ("new",), proposed_by_id=self.env.uid, proposed_date=fields.Datetime.now())

    def action_approve(self):
        self._check_leader(self.env._("approve"))
        self._set_state("approved", ("proposed",), approved_by_id=self.env.uid, approved_date=fields.Datetime.now())
        for case in self.filtered(lambda c: not c.leader_id):
            case.leader_id = self.env.user

    def action_return_to_received(self):
        self._check_leader(self.env._("return"))
        self._set_state("new", ("proposed",), proposed_by_id=False, proposed_date=False)

    def action_schedule(self):
        self._set_state("scheduled", ("approved",))

    def action_mark_heard(self):
        self._set_state("heard", ("scheduled",))

    def action_conclude(self):
        for case in self:
            if not case.outcome:
                raise UserError(
                    self.env._("Write the outcome and the leader's instructions of %(case)s first.", case=case.name)
                )
        self._set_state("concluded", ("heard",))

    def action_close(self):
        for case in self:
            pending = case.sudo().followup_ids.filtered(lambda followup: followup.state == "open")
            if pending:
                raise UserError(
                    self.env._(
                        "The case %(case)s still has %(count)s instructions to carry out (first: %(agency)s, due "
                        "%(deadline)s): it is closed once they are done.",
                        case=case.name,
                        count=len(pending),
                        agency=pending[0].agency_id.name,
                        deadline=pending[0].deadline.strftime("%d/%m/%Y"),
                    )
                )
        self._set_state("closed", ("concluded",))

    def _conclude_from_session(self, line):
        """Conclude the case with the leader's conclusion and instructions at the session ``line``."""
        self.ensure_one()
        items = Markup().join(
            Markup("<li>%s</li>")
            % self.env._(
                "%(agency)s: %(content)s (due %(deadline)s)",
                agency=followup.agency_id.name,
                content=followup.content,
                deadline=followup.deadline.strftime("%d/%m/%Y") if followup.deadline else "-",
            )
            for followup in line.followup_ids
        )
        outcome = Markup("<p>%s</p>") % self.env._(
            "Session %(session)s (%(number)s): %(conclusion)s",
            session=line.session_id.name,
            number=line.session_id.conclusion_number,
            conclusion=line.conclusion,
        )
        if items:
            outcome += Markup("<ul>%s</ul>") % items
        self.sudo().write({"outcome": outcome})
        if self.state == "heard":
            self.sudo().action_conclude()

    def action_reopen(self):
        self._check_leader(self.env._("reopen"))
        self._set_state(
            "new", ("refused", "withdrawn"), refusal_reason_id=False, refusal_date=False, withdrawal_reason=False
        )

    def action_open_stop_wizard(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": "tcd.case.stop.wizard",
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Refuse the case")
            if self.env.context.get("default_action") == "refuse"
            else self.env._("Withdraw the case"),
            "context": dict(self.env.context, default_case_ids=self.ids),
        }

    def action_open_protection_wizard(self):
        self.ensure_one()
        assign = self.env.context.get("default_action", "assign") == "assign"
        return {
            "type": "ir.actions.act_window",
            "res_model": "tcd.case.protection.wizard",
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Assign the handlers") if assign else self.env._("Lift the protection"),
            "context": dict(self.env.context, default_case_id=self.id),
        }

    def _refuse(self, reason, note=False):
        self._set_state(
            "refused",
            ("new", "proposed", "approved", "scheduled"),
            refusal_reason_id=reason.id,
            refusal_date=self.env["tcd.working.calendar"].today(),
        )
        for case in self:
            case.message_post(
                body=self.env._(
                    "Reception refused: %(reason)s (%(basis)s). %(note)s",
                    reason=reason.name,
                    basis=reason.legal_basis,
                    note=note or "",
                )
            )

    def _withdraw(self, note):
        self._set_state("withdrawn", ("new", "proposed", "approved", "scheduled", "heard"), withdrawal_reason=note)

    def action_view_documents(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("tiep_cong_dan_truc_tuyen.tcd_dossier_document_action")
        action["domain"] = [("case_id", "=", self.id)]
        action["context"] = {"default_case_id": self.id}
        return action

    def _deadline_recipients(self, overdue):
        """Who is alerted of a deadline: the handlers when it comes near; when it has passed, the
        chairing leader, else the leaders of the nearest agency above the case that has some."""
        self.ensure_one()
        users = self.handler_ids
        if overdue:
            users = self._leaders() or users
        users = users or self.create_uid
        return users.filtered(lambda user: user.active and self.with_user(user).has_access("read"))

    def _leaders(self):
        """The case's chairing leader, else the leaders of the nearest agency above it that has some."""
        self.ensure_one()
        return self.leader_id or self.env["res.users"]._tcd_nearest(LEADER_GROUP, self.agency_id)

    def _approvers(self):
        """The leaders who approve a proposed case (who may read it)."""
        return self._leaders().filtered(lambda user: user.active and self.with_user(user).has_access("read"))

    def _approval_texts(self):
        grounds = ", ".join(self.ground_ids.mapped("name"))
        return (
            self.env._("Approve the online reception of %(case)s", case=self.name),
            self.env._(
                "%(user)s proposes %(case)s (%(subject)s) for online reception. Grounds: %(grounds)s.",
                user=self.proposed_by_id.name,
                case=self.name,
                subject=self.subject,
                grounds=grounds,
            ),
        )

    # ------------------------------------------------------------------ access log (Luật Bảo vệ dữ liệu cá nhân 2025)

    def export_data(self, fields_to_export):
        """Logged before the export reads the records: its entry covers those reads."""
        if any(path.split("/")[0] in ("citizen_ids", "representative_ids") for path in fields_to_export):
            self.env["tcd.access.log"]._log(self, "export", fields_to_export)
        return super().export_data(fields_to_export)
