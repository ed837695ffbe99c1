from lxml import etree

from odoo.tests import TransactionCase, tagged
from odoo.tools.safe_eval import safe_eval


def filter_groups(arch):
    """The search view's filters in the groups the web client makes of them.

    As ``search_arch_parser.js`` does in Odoo 18: a separator, a ``<group>``, a
    field or a change between filters and group-bys starts a new group; the
    web client ORs the filters of one group and ANDs the groups.
    """
    groups, current, kind = [], [], None

    def push():
        nonlocal current
        if current:
            groups.append(current)
        current = []

    def visit(node):
        nonlocal kind
        for child in node:
            if child.tag in ("separator", "field"):
                push()
                kind = child.tag
            elif child.tag == "group":
                push()
                visit(child)
                push()
            elif child.tag == "filter":
                child_kind = "groupby" if "group_by" in (child.get("context") or "") else "filter"
                if child_kind != kind:
                    push()
                    kind = child_kind
                current.append(child.get("name"))

    visit(etree.fromstring(arch))
    push()
    return groups


@tagged("post_install", "-at_install")
class TestSearchViews(TransactionCase):
    def _groups(self, model, view=None):
        views = self.env[model].get_views([(view.id if view else False, "search")])
        return filter_groups(views["views"]["search"]["arch"])

    def test_default_filters_each_narrow_the_list(self):
        """An action's default filters are ANDed: none sits in another's group.

        "Today's tests" defaults to today's tests at the technician's points;
        both defaults in one group showed the tests of every date.
        """
        actions = self.env["ir.actions.act_window"].search([("res_model", "like", "tcd.%")])
        checked = 0
        for action in actions:
            context = safe_eval(action.context or "{}", {"uid": self.env.uid, "active_id": False})
            defaults = {
                key.removeprefix("search_default_")
                for key, value in context.items()
                if key.startswith("search_default_") and value
            }
            if len(defaults) < 2:
                continue
            checked += 1
            for group in self._groups(action.res_model, action.search_view_id):
                shared = defaults.intersection(group)
                self.assertLessEqual(len(shared), 1, f"{action.xml_id}: default filters {shared} are ORed")
        self.assertTrue(checked, "the technicians' today's tests have several default filters")

    def test_to_approve_narrows_the_open_cases(self):
        """The cases open on their "Open" filter; "To approve" narrows them."""
        groups = self._groups("tcd.case")
        (open_group,) = [group for group in groups if "open" in group]
        self.assertNotIn("to_approve", open_group)
        (today_group,) = [group for group in self._groups("tcd.connection.test") if "filter_today" in group]
        self.assertEqual(today_group, ["filter_today"])
