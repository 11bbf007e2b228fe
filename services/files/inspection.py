"""What an uploaded file really is, decided by its content, not its name.

Allowed: PDF, Office documents (Word, Excel, PowerPoint, OpenDocument text), images, and ZIP archives whose
members are all of these. The name's extension must agree with the content.
"""

import zipfile
from dataclasses import dataclass

import filetype
from django.core.exceptions import ValidationError

from services.reference.validators import validate_no_format_characters

ALLOWED = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt": "application/vnd.ms-powerpoint",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "jpg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "webp": "image/webp",
    "tif": "image/tiff",
    "bmp": "image/bmp",
    "zip": "application/zip",
}
# Extensions that name the same content type.
ALIASES = {"jpeg": "jpg", "tiff": "tif"}
# Old Office formats share one container; any of these extensions fits any of these contents.
OLE_FAMILY = {"doc", "xls", "ppt"}
MAX_ZIP_MEMBERS = 500
MAX_ZIP_RATIO = 100  # refuses zip bombs: uncompressed size over 100× the archive


class FileRefused(ValueError):
    """The upload is not acceptable. The message is for the person who uploaded it."""


@dataclass(frozen=True)
class Inspection:
    extension: str
    mime_type: str


def extension_of(name: str) -> str:
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return ALIASES.get(ext, ext)


def detect(head: bytes) -> str | None:
    kind = filetype.guess(head)
    return kind.extension if kind else None


def inspect(name: str, fileobj, size: int, max_bytes: int) -> Inspection:
    """Check one upload; raise FileRefused with a Chinese message, or return what it is."""
    try:
        validate_no_format_characters(name)
    except ValidationError as exc:
        raise FileRefused(f"文件名{exc.messages[0]}") from exc
    if size <= 0:
        raise FileRefused(f"文件“{name}”为空。")
    if size > max_bytes:
        raise FileRefused(f"文件“{name}”超过大小限制（{max_bytes // (1024 * 1024)} MB）。")
    claimed = extension_of(name)
    if claimed not in ALLOWED:
        raise FileRefused(f"不支持文件“{name}”的类型：仅接受 PDF、Office 文档、图片及其 ZIP 压缩包。")
    fileobj.seek(0)
    head = fileobj.read(8192)
    fileobj.seek(0)
    found = detect(head)
    if found is None or found not in ALLOWED:
        raise FileRefused(f"文件“{name}”的内容不是允许的类型（PDF、Office 文档、图片或 ZIP），已拒绝。")
    if not _agrees(claimed, found):
        raise FileRefused(f"文件“{name}”的扩展名与实际内容不符（内容为 {found.upper()}），已拒绝。")
    if claimed == "zip":
        _inspect_zip(name, fileobj, size)
        fileobj.seek(0)
    return Inspection(extension=claimed, mime_type=ALLOWED[claimed])


def _agrees(claimed: str, found: str) -> bool:
    if claimed == found:
        return True
    if claimed in OLE_FAMILY and found in OLE_FAMILY:
        return True
    # OOXML and ODF files are ZIP containers; some detectors see only the container.
    return found == "zip" and claimed in {"docx", "xlsx", "pptx", "odt"}


def _inspect_zip(name: str, fileobj, size: int) -> None:
    try:
        archive = zipfile.ZipFile(fileobj)
    except zipfile.BadZipFile as exc:
        raise FileRefused(f"压缩包“{name}”已损坏，无法读取。") from exc
    members = [info for info in archive.infolist() if not info.is_dir()]
    if len(members) > MAX_ZIP_MEMBERS:
        raise FileRefused(f"压缩包“{name}”内文件过多（超过 {MAX_ZIP_MEMBERS} 个）。")
    if sum(info.file_size for info in members) > MAX_ZIP_RATIO * max(size, 1):
        raise FileRefused(f"压缩包“{name}”解压后体积异常，已拒绝。")
    for info in members:
        member_ext = extension_of(info.filename)
        if member_ext == "zip" or member_ext not in ALLOWED:
            raise FileRefused(f"压缩包“{name}”中的“{info.filename}”不是允许的类型。")
        with archive.open(info) as member:
            found = detect(member.read(8192))
        if found is None or not _agrees(member_ext, found):
            raise FileRefused(f"压缩包“{name}”中的“{info.filename}”内容与扩展名不符，已拒绝。")
