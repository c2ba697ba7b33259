"""Archives of a delivery (zip, EDIGEO's tar.bz2): extracted entry by entry to
checked paths, within a size and ratio limit (issue 12, point 15), through
the real importers where the store is written."""
import io
import os
import shutil
import struct
import tarfile
import tempfile
import zipfile

import pytest

from sit_chartreuse.core.storage import store
from sit_chartreuse.core.errors import SitError
from sit_chartreuse.core.imports import cadastre, common, raepa
from import_helpers import last_changes, snapshot

MB = 1024 ** 2
ZEROS = 100 * MB       # a bomb's entry: 100 MB of zeros deflate to about 100 KB


@pytest.fixture
def temp_folder(tmp_path, monkeypatch):
    """The temporary folder the imports extract to, watched by the test."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def _size(folder):
    return sum(os.path.getsize(os.path.join(d, n)) for d, _, names in os.walk(folder)
               for n in names)


def _bomb(path, name="reseau_aep.dbf"):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        with z.open(name, "w") as entry:
            chunk = bytes(MB)
            for _ in range(ZEROS // MB):
                entry.write(chunk)
    return path


def test_a_zip_bomb_is_refused_before_anything_is_extracted(store_location, tmp_path,
                                                          temp_folder):
    bomb = _bomb(str(tmp_path / "livraison.zip"))
    assert os.path.getsize(bomb) < 200 * 1024
    conn = store.open_store(store_location)
    before = last_changes(conn)
    with pytest.raises(SitError, match=r"livraison\.zip: reseau_aep\.dbf expands to more than "
                                       r"500 times its compressed size"):
        raepa.import_raepa(conn, bomb)
    assert os.listdir(temp_folder) == [] and last_changes(conn) == before
    # Its directory also tells its total size: refused against a lower limit.
    with pytest.raises(SitError, match=r"livraison\.zip expands to more than 50 MB"):
        with common.delivery(bomb, max_bytes=50 * MB, max_ratio=10 ** 6):
            pass
    assert os.listdir(temp_folder) == []


def test_an_archive_whose_headers_lie_is_refused_while_extracting(tmp_path):
    """The zip's directory says 1 000 bytes for its 100 MB entry: what is
    extracted stops at the declared size, and the zip is refused."""
    bomb = _bomb(str(tmp_path / "menteur.zip"))
    with open(bomb, "r+b") as f:
        data = bytearray(f.read())
        for signature, offset in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):
            at = data.index(signature) + offset
            data[at:at + 4] = struct.pack("<I", 1000)
        f.seek(0)
        f.write(data)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(SitError, match=r"menteur\.zip is not a readable zip"):
        common.extract_zip(bomb, str(out), max_bytes=50 * MB)
    assert _size(out) <= 50 * MB
    # A tar.bz2 whose members grow beyond the limit: stopped at the limit.
    tar = str(tmp_path / "gros.tar.bz2")
    with tarfile.open(tar, "w:bz2") as t:
        for n in range(3):
            member = tarfile.TarInfo("gros/%d.bin" % n)
            member.size = 30 * MB
            t.addfile(member, io.BytesIO(bytes(member.size)))
    with pytest.raises(SitError, match=r"gros\.tar\.bz2 expands to more than 50 MB"):
        common.extract_tar(tar, str(out), max_bytes=50 * MB, max_ratio=10 ** 6)
    assert _size(out) <= 50 * MB


def test_a_bz2_bomb_sheet_leaves_the_store_and_temp_folder_as_they_were(
        store_location, tmp_path, temp_folder):
    sheet = str(tmp_path / "edigeo-25354000AB01.tar.bz2")
    member = tarfile.TarInfo("E000AB01.THF")
    member.size = ZEROS
    with tarfile.open(sheet, "w:bz2") as t:
        t.addfile(member, io.BytesIO(bytes(ZEROS)))
    assert os.path.getsize(sheet) < 10 * 1024
    conn = store.open_store(store_location)
    before = snapshot(conn, ("parcelle",))
    with pytest.raises(SitError, match=r"edigeo-25354000AB01\.tar\.bz2: E000AB01\.THF expands "
                                       r"to more than 500 times"):
        cadastre.import_cadastre(conn, sheet, millesime=2025)
    assert snapshot(conn, ("parcelle",)) == before
    assert _size(temp_folder) == 0


@pytest.mark.parametrize("name", ["../evil.shp", "/tmp/evil.shp", "a/../../evil.shp",
                                  "C:/evil.shp", "..\\evil.shp"])
def test_zip_slip_is_refused(tmp_path, temp_folder, name):
    archive = str(tmp_path / "glissant.zip")
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("ok.txt", "rien")
        z.writestr(zipfile.ZipInfo(name), "pas ici")
    with pytest.raises(SitError, match=r"glissant\.zip: the zip holds a file outside its folder"):
        with common.delivery(archive):
            pass
    assert _size(temp_folder) == 0 and not os.path.exists(str(tmp_path / "evil.shp"))


def test_a_link_in_a_zip_is_refused(tmp_path):
    archive = str(tmp_path / "lien.zip")
    entry = zipfile.ZipInfo("reseau.shp")
    entry.external_attr = 0o120777 << 16          # a symbolic link, to /etc/passwd
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr(entry, "/etc/passwd")
    with pytest.raises(SitError, match=r"lien\.zip: unexpected entry reseau\.shp"):
        with common.delivery(archive):
            pass


@pytest.mark.parametrize("kind", [tarfile.SYMTYPE, tarfile.LNKTYPE, tarfile.CHRTYPE,
                                  tarfile.BLKTYPE, tarfile.FIFOTYPE, "slip", "absolute"])
def test_tar_links_devices_and_slips_are_refused(store_location, tmp_path, kind):
    sheet = str(tmp_path / "edigeo-25354000AB01.tar.bz2")
    member = tarfile.TarInfo({"slip": "../E000AB01.THF",
                              "absolute": "/tmp/E000AB01.THF"}.get(kind, "E000AB01.THF"))
    if kind not in ("slip", "absolute"):
        member.type, member.linkname = kind, "/etc/passwd"
    with tarfile.open(sheet, "w:bz2") as t:
        t.addfile(member, io.BytesIO(b""))
    conn = store.open_store(store_location)
    before = snapshot(conn, ("parcelle",))
    with pytest.raises(SitError, match=r"edigeo-25354000AB01\.tar\.bz2: unexpected entry "):
        cadastre.import_cadastre(conn, sheet, millesime=2025)
    assert snapshot(conn, ("parcelle",)) == before
    assert not os.path.exists(str(tmp_path / "E000AB01.THF"))


def test_real_archives_still_extract(shared_data, tmp_path):
    """Luxiol's sheets and a zip of them, within the default limits."""
    folder = os.path.join(shared_data, "cadastre", "edigeo", "25354")
    archive = shutil.make_archive(str(tmp_path / "feuilles"), "zip", folder)
    with common.delivery(archive) as root:
        sheets = sorted(os.listdir(root))
        assert sheets == sorted(os.listdir(folder))
        out = tmp_path / "ab01"
        common.extract_tar(os.path.join(root, sheets[0]), str(out))
        with tarfile.open(os.path.join(folder, sheets[0])) as t:
            assert sorted(os.listdir(out)) == sorted(m.name for m in t.getmembers())
            assert _size(out) == sum(m.size for m in t.getmembers())
