"""The field specification the web client sends with ``web_search_read`` / ``web_read`` for a view,
built from the view's arch: the query budgets (tests) and scripts/bench read what the web client reads."""

from lxml import etree

RELATIONAL = ("many2one", "many2many", "one2many")
X2MANY_LIMIT = 40


def arch_spec(Model, node):
    """The specification of the fields under ``node`` (a view arch element) of ``Model``: relational
    fields with their display name, one2many and many2many with the fields of their inline list."""
    spec = {}
    for field in node.iter("field"):
        if any(parent.tag == "field" for parent in field.iterancestors()):
            continue  # a field of a sub-view, read with its x2many
        name = field.get("name")
        definition = Model._fields[name]
        if definition.type in ("one2many", "many2many") and field.find("list") is not None:
            comodel = Model.env[definition.comodel_name]
            spec[name] = {"fields": arch_spec(comodel, field.find("list")), "limit": X2MANY_LIMIT}
        elif definition.type in RELATIONAL:
            spec[name] = {"fields": {"display_name": {}}}
        else:
            spec[name] = {}
    return spec


def view_spec(Model, view_type):
    """The specification the web client reads for ``Model``'s default ``view_type`` view."""
    arch = Model.get_views([(False, view_type)])["views"][view_type]["arch"]
    return arch_spec(Model, etree.fromstring(arch))
