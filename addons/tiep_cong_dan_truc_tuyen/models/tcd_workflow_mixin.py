from odoo import api, models
from odoo.exceptions import UserError
from odoo.models import MAGIC_COLUMNS

from ..tools import activities

APPROVAL = "tiep_cong_dan_truc_tuyen.mail_activity_type_tcd_approval"


class TcdWorkflowMixin(models.AbstractModel):
    """Records whose state, approvals and other fields kept by the addon's own code change only
    through their actions.

    The guarded fields are the stored fields that are not editable (``readonly``: a state, its
    approver and date, a number, a hash, an answer given on the portal, a computed value) and the
    model's ``_workflow_fields`` (editable-looking ones such as an access token). ``create`` and
    ``write`` refuse them unless ``env.su``: no context key opens the guard. An action checks the
    user's group first, then writes through ``_workflow_write`` (or ``_set_state``), which checks
    that the record rules let the user write the records and writes in sudo. A new record may state
    the default of a guarded field (its first state), never a computed one; ``_workflow_create_vals``
    gives it the values the system sets (its reference).

    A record that enters its ``_approval_state`` asks its ``_approvers()`` for their decision, an
    activity each; once it leaves that state (approved, returned, refused), the decider's activity is
    done and the others' are withdrawn.
    """

    _name = "tcd.workflow.mixin"
    _description = "Record with a guarded workflow"

    # guarded fields that the model does not declare readonly
    _workflow_fields = ()
    # the state in which a record waits for its approvers' decision
    _approval_state = None

    @api.model
    def _workflow_guarded_fields(self):
        readonly = {
            name for name, field in self._fields.items() if field.store and field.readonly and name not in MAGIC_COLUMNS
        }
        return readonly | set(self._workflow_fields)

    @api.model
    def _workflow_error(self):
        """The message of a refused change, naming the actions that make it."""
        return self.env._("This field changes only through the buttons of the record.")

    @api.model
    def _workflow_create_vals(self, vals):
        """Give a new record's ``vals`` the values the system sets (after the guard checked the user's)."""
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            guarded = self._workflow_guarded_fields()
            defaults = self.default_get(list(guarded))
            for vals in vals_list:
                # given at creation, a computed value would be kept: never; a state, only its default
                if any(
                    self._fields[name].compute or (vals[name] and vals[name] != defaults.get(name))
                    for name in guarded & set(vals)
                ):
                    raise UserError(self._workflow_error())
        return super().create([self._workflow_create_vals(dict(vals)) for vals in vals_list])

    def write(self, vals):
        if not self.env.su and self._workflow_guarded_fields() & set(vals):
            raise UserError(self._workflow_error())
        return super().write(vals)

    def _workflow_write(self, vals):
        """Write guarded fields, for an action that checked the user's group: the user must be able to
        write these records."""
        self.check_access("write")
        return self.sudo().write(vals)

    def _set_state(self, state, allowed, **values):
        """Move the records from one of the ``allowed`` states to ``state``, with the other ``values``."""
        states = dict(self._fields["state"]._description_selection(self.env))
        for record in self:
            if record.state not in allowed:
                raise UserError(
                    self.env._(
                        "%(record)s is %(state)s: it cannot become %(new_state)s.",
                        record=record.display_name,
                        state=states[record.state].lower(),
                        new_state=states[state].lower(),
                    )
                )
        approval = self._approval_state
        asking = self.filtered(lambda record: record.state != approval) if state == approval else self.browse()
        decided = self.filtered(lambda record: record.state == approval) if state != approval else self.browse()
        result = self._workflow_write(dict(values, state=state))
        for record in asking:
            activities.schedule(record, record._approvers(), APPROVAL, lambda localized: localized._approval_texts())
        if decided:
            decided.activity_feedback([APPROVAL], user_id=self.env.uid)
            decided.activity_unlink([APPROVAL])
        return result

    def _approvers(self):
        """The users who decide on this record while it is in its approval state."""
        return self.env["res.users"]

    def _approval_texts(self):
        """The ``(summary, note)`` of the activity asking an approver's decision on this record."""
        return self.env._("To approve: %(record)s", record=self.display_name), ""
