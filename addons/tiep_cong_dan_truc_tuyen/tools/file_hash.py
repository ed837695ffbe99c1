"""Streaming SHA-256 of files, in fixed-size chunks: a recording of several gigabytes is never
loaded whole into memory (Nghị định 154/2026/NĐ-CP Điều 24). No Odoo import, so that scripts/bench-hash can measure it
alone."""

import hashlib
import os
import tempfile

CHUNK_SIZE = 1024 * 1024


def file_sha256(path, chunk_size=CHUNK_SIZE):
    """The SHA-256 hex digest of the file at ``path``."""
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while chunk := file.read(chunk_size):
            digest.update(chunk)
    return digest.hexdigest()


def store_stream(stream, directory, chunk_size=CHUNK_SIZE):
    """Copy the readable binary ``stream`` into ``directory`` under its SHA-256 (content-addressed),
    hashing it on the way.

    :return: ``(sha256, size, relative path, created)``; ``created`` is False when the same content
        was already stored
    """
    os.makedirs(directory, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    with tempfile.NamedTemporaryFile(dir=directory, prefix=".upload-", delete=False) as temp:
        try:
            while chunk := stream.read(chunk_size):
                digest.update(chunk)
                temp.write(chunk)
                size += len(chunk)
        except BaseException:
            os.unlink(temp.name)
            raise
    sha256 = digest.hexdigest()
    relative = os.path.join(sha256[:2], sha256)
    target = os.path.join(directory, relative)
    if os.path.exists(target):
        os.unlink(temp.name)
        return sha256, size, relative, False
    os.makedirs(os.path.dirname(target), exist_ok=True)
    os.replace(temp.name, target)
    return sha256, size, relative, True
