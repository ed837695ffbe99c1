from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import MODULE, TcdCommon


@tagged("post_install", "-at_install")
class TestConfigSettings(TcdCommon):
    def _open(self, user):
        """Open the settings as the web client does: its menu, its view, then its defaults."""
        menus = self.env["ir.ui.menu"].with_user(user).load_menus(debug=False)
        menu = self.env.ref(f"{MODULE}.tcd_config_settings_menu")
        self.assertIn(menu.id, menus, f"{user.login} sees the settings' menu")
        Settings = self.env["tcd.config.settings"].with_user(user)
        Settings.get_views([(False, "form")])
        return Settings

    def test_the_addon_administrator_changes_the_settings(self):
        """Quản trị, without Odoo's Settings group, opens and saves the addon's settings."""
        self.assertFalse(self.tcd_admin.has_group("base.group_system"))
        Settings = self._open(self.tcd_admin)
        values = Settings.onchange({}, [], {"tcd_deadline_warning_days": {}, "tcd_review_period_days": {}})["value"]
        self.assertEqual(values["tcd_deadline_warning_days"], 2)
        settings = Settings.create({"tcd_deadline_warning_days": 0, "tcd_review_period_days": 30})
        self.assertEqual(settings.execute()["tag"], "reload")
        parameters = self.env["ir.config_parameter"].sudo()
        # zero is a value: alerts on the day of the deadline itself
        self.assertEqual(parameters.get_param(f"{MODULE}.deadline_warning_days"), "0")
        self.assertEqual(parameters.get_param(f"{MODULE}.review_period_days"), "30")
        reopened = Settings.default_get(["tcd_deadline_warning_days", "tcd_review_period_days"])
        self.assertEqual(reopened, {"tcd_deadline_warning_days": 0, "tcd_review_period_days": 30})
        with self.assertRaises(ValidationError):
            Settings.create({"tcd_recording_retention_years": 0})

    def test_other_users_cannot_change_them(self):
        """Only the addon's administrators save the settings; nobody gets Odoo's other settings by them."""
        for user in (self.leader_a, self.technician_a1, self.officer_a1):
            menus = self.env["ir.ui.menu"].with_user(user).load_menus(debug=False)
            self.assertNotIn(self.env.ref(f"{MODULE}.tcd_config_settings_menu").id, menus)
            with self.assertRaises(AccessError):
                self.env["tcd.config.settings"].with_user(user).create({"tcd_deadline_warning_days": 9})
        with self.assertRaises(AccessError):
            self.env["res.config.settings"].with_user(self.tcd_admin).create({})
        self.assertFalse(
            [name for name in self.env["tcd.config.settings"]._fields if name.startswith(("module_", "group_"))],
            "the addon's settings hold no module or group switch",
        )


@tagged("post_install", "-at_install")
class TestConfigSettingsTour(HttpCase):
    def test_the_addon_administrator_saves_the_settings_in_the_browser(self):
        new_test_user(self.env, login="tour_tcd_admin", groups=f"{MODULE}.group_tcd_admin")
        self.start_tour("/odoo", "tcd_config_settings_tour", login="tour_tcd_admin")
        self.assertEqual(
            self.env["ir.config_parameter"].sudo().get_param(f"{MODULE}.deadline_warning_days"),
            "4",
        )
