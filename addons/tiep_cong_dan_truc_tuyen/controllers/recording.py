import os

from werkzeug.exceptions import Forbidden, NotFound

from odoo import http
from odoo.exceptions import AccessError, UserError
from odoo.http import Stream, request

# Recordings of a whole session reach several gigabytes; they are streamed to disk, never held in memory.
MAX_UPLOAD = 64 * 1024**3


class TcdRecordingController(http.Controller):
    """Upload, play and download the recordings of sessions (Nghị định 154/2026/NĐ-CP Điều 24): only through these
    routes, so that every opening and download is checked and logged."""

    def _tcd_recording(self, recording_id):
        recording = request.env["tcd.session.recording"].browse(recording_id).exists()
        if not recording:
            raise NotFound()
        return recording

    @http.route("/tcd/recordings/<int:recording_id>/upload", type="http", auth="user", methods=["GET"])
    def tcd_recording_upload_form(self, recording_id, error=None, **kw):
        recording = self._tcd_recording(recording_id)
        try:
            recording._check_can_store()
        except AccessError as exc:
            raise Forbidden() from exc
        return request.render(
            "tiep_cong_dan_truc_tuyen.tcd_recording_upload_page", {"recording": recording, "error": error}
        )

    @http.route(
        "/tcd/recordings/<int:recording_id>/upload",
        type="http",
        auth="user",
        methods=["POST"],
        max_content_length=MAX_UPLOAD,
    )
    def tcd_recording_upload(self, recording_id, **kw):
        recording = self._tcd_recording(recording_id)
        upload = request.httprequest.files.get("file")
        try:
            if not upload or not upload.filename:
                raise UserError(request.env._("Choose the recording's file."))
            recording._store_file(upload.stream, os.path.basename(upload.filename), upload.mimetype)
        except AccessError as exc:
            raise Forbidden() from exc
        except UserError as exc:
            return request.render(
                "tiep_cong_dan_truc_tuyen.tcd_recording_upload_page",
                {"recording": recording, "error": exc.args[0]},
                status=400,
            )
        return request.redirect(f"/odoo/tcd.session.recording/{recording.id}")

    @http.route("/tcd/recordings/<int:recording_id>/open", type="http", auth="user", methods=["GET"])
    def tcd_recording_open(self, recording_id, **kw):
        return self._tcd_send(recording_id, as_attachment=False)

    @http.route("/tcd/recordings/<int:recording_id>/download", type="http", auth="user", methods=["GET"])
    def tcd_recording_download(self, recording_id, **kw):
        return self._tcd_send(recording_id, as_attachment=True)

    def _tcd_send(self, recording_id, as_attachment):
        recording = self._tcd_recording(recording_id)
        try:
            recording._check_can_open()
        except AccessError as exc:
            raise Forbidden() from exc
        except UserError as exc:
            raise NotFound(exc.args[0]) from exc
        # whatever part of the file is asked for (a player asks in ranges): logged once an hour
        recording._log_access("download" if as_attachment else "play")
        path = recording._full_path()
        stream = Stream(
            type="path",
            path=path,
            mimetype=recording.mimetype or "application/octet-stream",
            download_name=recording.filename,
            size=recording.file_size,
            last_modified=os.path.getmtime(path),
            conditional=True,
        )
        return stream.get_response(as_attachment=as_attachment)
