import base64
import subprocess
import tempfile
from pathlib import Path

from freezegun import freeze_time

from odoo.tests import HttpCase, tagged

from .invitation_common import TcdInvitationCommon


def pdf_text(pdf):
    """The text of a PDF, with poppler's pdftotext."""
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def pdf_qr_codes(pdf):
    """The QR codes of a PDF's pages, decoded by zbar from the pages rendered at 150 dpi."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "letter.pdf"
        path.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", "150", "-png", str(path), str(Path(folder) / "page")], check=True)
        pages = sorted(str(page) for page in Path(folder).glob("page*.png"))
        found = subprocess.run(["zbarimg", "--quiet", "--raw", *pages], capture_output=True, check=False)
        return found.stdout.decode().split()


@tagged("post_install", "-at_install")
class TestInvitationLetter(HttpCase, TcdInvitationCommon):
    """The invitation letter is a PDF in the administrative format with what Quy chế tiếp công dân trực
    tuyến của UBND tỉnh Quảng Ngãi (2025) Điều 7 khoản 1 điểm b; Quyết định 748/QĐ-TTCP, Quy chế Điều 6
    khoản 1 điểm a; Quy chế TCD trực tuyến xã An Lão (2026) Điều 12 and Nghị định 154/2026/NĐ-CP Điều 21
    require,
    and its QR code opens the point's invitation page (rendered by wkhtmltopdf, read by poppler,
    decoded by zbar)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.board_a.letter_name = "Ban Tiếp công dân tỉnh A"
        cls.session_a = cls.approved_session(
            "2026-12-15 09:00",
            points=cls.point_a1 | cls.point_a2,
            meeting_url="https://hop.example.gov.vn/tcd-a",
            meeting_code="845 221 907",
            signer_position="Trưởng Ban",
            signer_authority="TM. Ban Tiếp công dân",
        )
        with freeze_time("2026-12-09 02:00:00"):
            cls.session_a.action_send_invitations()
        cls.line_a1 = cls.session_a.point_line_ids.filtered(lambda line: line.bridge_point_id == cls.point_a1)

    def render(self, line, lang="vi_VN"):
        return line.with_context(lang=lang, force_report_rendering=True)._invitation_pdf()

    def test_letter_has_the_required_items_in_the_administrative_format(self):
        pdf = self.render(self.line_a1)
        self.assertTrue(pdf.startswith(b"%PDF"))
        text = " ".join(pdf_text(pdf).split())
        for item in (
            # heading: national title and motto, supervising and issuing agency, number and symbol
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "UBND TỈNH A",
            "BAN TIẾP CÔNG DÂN TỈNH A",
            "Số: 1/GM-BTCD",
            "ngày 09 tháng 12 năm 2026",
            "GIẤY MỜI",
            "Kính gửi: UBND xã A1",
            # the session, its time and its bridge points
            "Tiếp công dân định kỳ",
            "Từ 09:00 đến 11:00 ngày 15/12/2026",
            "Điểm cầu (3)",
            "ĐC Ban TCD tỉnh A",
            "ĐC xã A1",
            "ĐC xã A2",
            # the tests and the final connection
            "17:00 14/12/2026",
            "07:00 15/12/2026",
            "08:00 15/12/2026",
            # this point's login information only
            "https://hop.example.gov.vn/tcd-a",
            "845 221 907",
            "Tài khoản: a1",
            "Mật khẩu: secret-a1",
            # the request to set up the room and test, the conduct rules
            "chuẩn bị phòng tiếp",
            "camera",
            "micro",
            # recipients and signature
            "Nơi nhận:",
            "Lưu: VT",
            "TM. BAN TIẾP CÔNG DÂN",
            "TRƯỞNG BAN",
            self.leader_a.name,
        ):
            self.assertIn(item, text)
        self.assertNotIn("secret-a2", text)

    def test_qr_code_decodes_to_the_invitation_page(self):
        codes = pdf_qr_codes(self.render(self.line_a1))
        self.assertEqual(codes, [self.line_a1._portal_link()])
        self.assertIn(f"/my/tcd/invitations/{self.line_a1.id}?access_token=", codes[0])
        # and that address opens the page of this invitation, without logging in
        path = codes[0][len(self.line_a1.get_base_url()) :]
        response = self.url_open(path)
        self.assertEqual(response.status_code, 200)
        self.assertIn("secret-a1", response.text)
        # in the invited agency's language
        self.assertIn("Thông tin đăng nhập của điểm cầu", response.text)
        self.assertIn("Không tham dự", response.text)

    def test_qr_code_sent_as_a_file_decodes_too(self):
        notice = self.notices(self.session_a, "invitation").filtered(lambda n: n.point_line_id == self.line_a1)
        png = notice.mail_id.attachment_ids.filtered(lambda a: a.name.endswith(".png"))
        with tempfile.NamedTemporaryFile(suffix=".png") as image:
            image.write(base64.b64decode(png.datas))
            image.flush()
            found = subprocess.run(["zbarimg", "--quiet", "--raw", image.name], capture_output=True, check=True)
        self.assertEqual(found.stdout.decode().strip(), self.line_a1._portal_link())
