import base64
import io

import xlsxwriter

from odoo import api, fields, models
from odoo.exceptions import UserError

REPORT = "tiep_cong_dan_truc_tuyen.tcd_reception_register_report"


class TcdReceptionRegisterWizard(models.TransientModel):
    """The citizen reception register of an agency over a period (Sổ tiếp công dân, Mẫu 03/TCD of Nghị định
    154/2026/NĐ-CP): printed in the register's layout, or exported to a spreadsheet with the same twelve columns.
    Both read the citizens' identity as the user may see it, and are logged (Luật Bảo vệ dữ liệu cá nhân 2025)."""

    _name = "tcd.reception.register.wizard"
    _description = "Print the citizen reception register"

    agency_id = fields.Many2one("tcd.agency", required=True, default=lambda self: self.env.user.tcd_agency_id)
    date_from = fields.Date(
        string="From",
        required=True,
        default=lambda self: self.env["tcd.working.calendar"].today().replace(day=1, month=1),
    )
    date_to = fields.Date(string="To", required=True, default=lambda self: self.env["tcd.working.calendar"].today())
    line_count = fields.Integer(string="Lines in the period", compute="_compute_line_count")

    @api.depends("agency_id", "date_from", "date_to")
    def _compute_line_count(self):
        for wizard in self:
            wizard.line_count = self.env["tcd.reception.register"].search_count(wizard._lines_domain())

    def _lines_domain(self):
        self.ensure_one()
        return [
            ("agency_id", "=", self.agency_id.id),
            ("reception_date", ">=", self.date_from),
            ("reception_date", "<=", self.date_to),
        ]

    def _search_lines(self):
        """The register's lines of the period, in their order, as the user may read them."""
        self.ensure_one()
        if self.date_from > self.date_to:
            raise UserError(self.env._("The period ends before it starts."))
        lines = self.env["tcd.reception.register"].search(self._lines_domain(), order="year, number")
        if not lines:
            raise UserError(
                self.env._(
                    "%(agency)s recorded no reception from %(start)s to %(end)s.",
                    agency=self.agency_id.name,
                    start=self.date_from.strftime("%d/%m/%Y"),
                    end=self.date_to.strftime("%d/%m/%Y"),
                )
            )
        return lines

    def _lines(self):
        """The lines to print or export: their reading is logged."""
        lines = self._search_lines()
        lines._log_export()
        return lines

    def _period_text(self):
        self.ensure_one()
        return self.env._(
            "From %(start)s to %(end)s",
            start=self.date_from.strftime("%d/%m/%Y"),
            end=self.date_to.strftime("%d/%m/%Y"),
        )

    def action_print(self):
        self._search_lines()
        return self.env.ref(REPORT).report_action(self)

    def action_export_xlsx(self):
        """The register's lines in a spreadsheet, with the register's twelve columns (xlsxwriter)."""
        self.ensure_one()
        lines = self._lines()
        columns = self.env["tcd.reception.register"]._columns()
        output = io.BytesIO()
        book = xlsxwriter.Workbook(output, {"in_memory": True})
        sheet = book.add_worksheet(self.env._("Register"))
        bold = book.add_format({"bold": True, "align": "center", "valign": "vcenter"})
        header = book.add_format({"bold": True, "border": 1, "text_wrap": True, "align": "center", "valign": "vcenter"})
        cell = book.add_format({"border": 1, "text_wrap": True, "valign": "top"})
        sheet.merge_range(0, 0, 0, len(columns) - 1, self.env._("CITIZEN RECEPTION REGISTER"), bold)
        sheet.merge_range(1, 0, 1, len(columns) - 1, f"{self.agency_id.name} – {self._period_text()}", bold)
        for col, (label, width, _value) in enumerate(columns):
            sheet.set_column(col, col, width)
            sheet.write(3, col, label, header)
            sheet.write(4, col, f"({col + 1})", header)
        for row, line in enumerate(lines, start=5):
            for col, (_label, _width, value) in enumerate(columns):
                sheet.write(row, col, value(line), cell)
        sheet.freeze_panes(5, 0)
        book.close()
        name = self.env._(
            "Citizen reception register %(agency)s %(start)s-%(end)s.xlsx",
            agency=self.agency_id.name,
            start=self.date_from.strftime("%Y%m%d"),
            end=self.date_to.strftime("%Y%m%d"),
        )
        attachment = self.env["ir.attachment"].create(
            {
                "name": name,
                "datas": base64.b64encode(output.getvalue()),
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            }
        )
        return {"type": "ir.actions.act_url", "url": f"/web/content/{attachment.id}?download=true", "target": "self"}
