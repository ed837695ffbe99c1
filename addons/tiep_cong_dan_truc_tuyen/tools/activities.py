"""Activities that people read in their own language.

An activity's summary and note are stored text: written in the language of whoever scheduled it (a
scheduled action runs in English), they would reach a Vietnamese officer in English. Each assignee's
activity is written in that assignee's language instead.
"""


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
