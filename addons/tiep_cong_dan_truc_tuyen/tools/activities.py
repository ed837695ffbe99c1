"""Activities that people read in their own language, and created in batches by scheduled actions.

An activity's summary and note are stored text: written in the language of whoever scheduled it (a
scheduled action runs in English), they would reach a Vietnamese officer in English. Each assignee's
activity is written in that assignee's language instead.
"""

from collections import defaultdict

from markupsafe import Markup

from odoo import Command
from odoo.tools import format_date


def schedule(records, users, activity_type, texts, **values):
    """Schedule an activity of ``activity_type`` (an xml id) on each of ``records`` for each of ``users``.

    ``texts(record)`` returns the activity's ``(summary, note)`` for ``record`` in the language of its
    environment, which is the assignee's; ``values`` are the activity's other values (its deadline).
    Returns the activities.
    """
    activities = records.env["mail.activity"]
    for user in users:
        for record in records:
            summary, note = texts(record.with_context(lang=user.lang or record.env.lang))
            activities |= record.activity_schedule(
                activity_type, summary=summary, note=note or "", user_id=user.id, **values
            )
    return activities


def vals_for(record, users, activity_type, texts, **values):
    """The values of the activities of ``activity_type`` (an xml id) on ``record`` for each of ``users``, their
    ``texts(record)`` (summary, note) in each user's language, as ``schedule`` writes them; for
    ``create_quietly``."""
    activity_type = record.env.ref(activity_type)
    model_id = record.env["ir.model"]._get_id(record._name)
    vals_list = []
    for user in users:
        summary, note = texts(record.with_context(lang=user.lang or record.env.lang))
        vals_list.append(
            dict(
                {
                    "res_model_id": model_id,
                    "res_id": record.id,
                    "activity_type_id": activity_type.id,
                    "summary": summary,
                    "note": note or "",
                    "user_id": user.id,
                },
                **values,
            )
        )
    return vals_list


def create_quietly(env, vals_list):
    """Create the activities of ``vals_list`` in as few batches as possible, without an assignment mail each;
    return them in the order of ``vals_list``.

    A batch holds one activity per user and record: creating an activity subscribes its user to the record,
    which a batch cannot do twice for the same follower.
    """
    rounds = []  # [{(model, record id, user id): (index, vals)}]
    for index, vals in enumerate(vals_list):
        key = (vals["res_model_id"], vals["res_id"], vals["user_id"])
        batch = next((batch for batch in rounds if key not in batch), None)
        if batch is None:
            batch = {}
            rounds.append(batch)
        batch[key] = (index, vals)
    created = [None] * len(vals_list)
    Activity = env["mail.activity"].with_context(mail_activity_quick_update=True)
    for batch in rounds:
        for (index, _vals), activity in zip(batch.values(), Activity.create([vals for _i, vals in batch.values()]),
                                            strict=True):  # fmt: skip
            created[index] = activity
    return Activity.concat(*created)


def notify_assignees(env, activities, texts):
    """One queued mail to each assignee of ``activities`` (instead of one per activity, as Odoo's event.mail
    sends its mails in a batch), in her language, listing hers with their record, deadline and link.
    ``texts(env, count, user)`` returns the mail's ``(subject, introduction)`` in the language of ``env``."""
    base_url = env["ir.config_parameter"].sudo().get_param("web.base.url")
    vals_list = []
    by_user = defaultdict(lambda: activities.browse())
    for activity in activities:
        by_user[activity.user_id] |= activity
    for user, theirs in by_user.items():
        if not user.partner_id.email:
            continue
        user_env = env(context=dict(env.context, lang=user.lang or env.lang))
        hers = theirs.with_env(user_env)
        items = Markup().join(
            Markup('<li><a href="%s">%s</a> – %s (%s)</li>')
            % (
                f"{base_url}/mail/view?model={activity.res_model}&res_id={activity.res_id}",
                activity.summary,
                activity.res_name,
                user_env._("due %(date)s", date=format_date(user_env, activity.date_deadline)),
            )
            for activity in hers.sorted(lambda activity: (activity.date_deadline, activity.id))
        )
        subject, intro = texts(user_env, len(hers), user)
        vals_list.append(
            {
                "subject": subject,
                "body_html": Markup("<p>%s</p><ul>%s</ul>") % (intro, items),
                "email_from": env.company.email_formatted or env.ref("base.user_root").email_formatted,
                "recipient_ids": [Command.link(user.partner_id.id)],
                "auto_delete": True,
            }
        )
    return env["mail.mail"].sudo().create(vals_list)
