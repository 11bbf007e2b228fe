import io
import zipfile

import pytest

from services.files.inspection import FileRefused, inspect

MB = 1024 * 1024
PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
ELF = b"\x7fELF\x02\x01\x01" + b"\x00" * 64
EXE = b"MZ\x90\x00\x03" + b"\x00" * 64


def check(name, data, max_bytes=50 * MB):
    return inspect(name, io.BytesIO(data), len(data), max_bytes)


def zip_of(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buf.getvalue()


def test_pdf_and_image_are_accepted_by_content():
    assert check("申报书.pdf", PDF).mime_type == "application/pdf"
    assert check("现场照片.PNG", PNG).extension == "png"


@pytest.mark.parametrize("payload", [ELF, EXE], ids=["elf", "exe"])
def test_executable_renamed_pdf_is_refused(payload):
    with pytest.raises(FileRefused, match="内容不是允许的类型"):
        check("申报书.pdf", payload)


def test_extension_must_agree_with_content():
    with pytest.raises(FileRefused, match="扩展名与实际内容不符"):
        check("照片.pdf", PNG)


def test_unknown_extension_is_refused():
    with pytest.raises(FileRefused, match="不支持"):
        check("脚本.sh", b"#!/bin/sh\necho hi\n")


def test_size_limit_and_empty_file():
    with pytest.raises(FileRefused, match="超过大小限制（1 MB）"):
        check("大文件.pdf", PDF + b"0" * MB, max_bytes=MB)
    with pytest.raises(FileRefused, match="为空"):
        check("空.pdf", b"")


def test_zip_of_allowed_files_is_accepted():
    assert check("材料.zip", zip_of({"a.pdf": PDF, "图/b.png": PNG})).extension == "zip"


def test_zip_with_an_executable_inside_is_refused():
    with pytest.raises(FileRefused, match="不是允许的类型"):
        check("材料.zip", zip_of({"a.pdf": PDF, "setup.exe": EXE}))
    with pytest.raises(FileRefused, match="内容与扩展名不符"):
        check("材料.zip", zip_of({"a.pdf": ELF}))


def test_nested_zip_and_zip_bomb_are_refused():
    with pytest.raises(FileRefused):
        check("套娃.zip", zip_of({"inner.zip": zip_of({"a.pdf": PDF})}))
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.pdf", PDF + b"\x00" * (20 * MB))
    with pytest.raises(FileRefused, match="体积异常"):
        check("炸弹.zip", bomb.getvalue())
