"""``extract`` survives odd real-world pages: every file gets its line, in order."""

import json
import subprocess
import sys
from pathlib import Path

from scrapers.pages import extract_page

REPO = Path(__file__).resolve().parents[2]


def article(title: str, body: str, charset_decl: str, date: str = "2021-03-04") -> str:
    return (
        "<!DOCTYPE html>\n<html><head>"
        f'<meta http-equiv="Content-Type" content="text/html; charset={charset_decl}">'
        f"<title>{title}</title>"
        f'<meta property="article:published_time" content="{date}T08:00:00+01:00">'
        f"</head><body><h1>{title}</h1><p>{body}</p></body></html>"
    )


# (file name, bytes, title expected in the output or None when only "no crash" is asked)
def corpus() -> list[tuple[str, bytes, str | None]]:
    # cp1006 (IBM Urdu) holds Arabic presentation forms, as old Urdu pages do.
    urdu = "ﺳﺭﻭﺱ ﺑﻧﺩ ۲۰۲۱"
    pages = [
        # Declares a charset Python knows but libxml2 does not (the reported crash).
        (
            "urdu-cp1006.html",
            article(urdu, bytes([0xD0, 0xAE, 0xB8]).decode("cp1006"), "cp1006").encode("cp1006"),
            urdu,
        ),
        # A server that printed a Python bytes object into its meta tag.
        (
            "bytes-repr.html",
            article("Service client fermé", "Réclamations", "b'cp1006'").encode("utf-8"),
            "Service client fermé",
        ),
        (
            "bytes-repr-latin.html",
            article("Kundenservice geschlossen", "Beschwerde über Twitter", "b'iso-8859-1'")
            .replace("geschlossen", "geschlossen für Grüße")
            .encode("latin-1"),
            "Kundenservice geschlossen für Grüße",
        ),
        (
            "sjis.html",
            article("顧客サービス終了", "ツイッターでの苦情", "shift_jis").encode("shift_jis"),
            "顧客サービス終了",
        ),
        (
            "koi8r.html",
            article("Служба поддержки закрыта", "Жалоба в твиттере", "koi8-r").encode("koi8-r"),
            "Служба поддержки закрыта",
        ),
        (
            "arabic-1256.html",
            article("إغلاق خدمة العملاء", "شكوى على تويتر", "windows-1256").encode("cp1256"),
            "إغلاق خدمة العملاء",
        ),
        (
            "gb18030.html",
            article("客服关闭", "微博投诉", "gb2312").encode("gb18030"),
            "客服关闭",
        ),
        (
            "utf16-bom.html",
            article("Service client", "Plainte", "utf-16").encode("utf-16"),
            "Service client",
        ),
        # Unknown and nonsense declarations: content is UTF-8 or cp1252.
        (
            "x-user-defined.html",
            article("Ärger beim Kundendienst", "Text", "x-user-defined").encode("utf-8"),
            "Ärger beim Kundendienst",
        ),
        (
            "base64-decl.html",
            article("Queja en Twitter", "Texto", "base64").encode("utf-8"),
            "Queja en Twitter",
        ),
        (
            "undefined-decl.html",
            article(
                "Réponse à la plainte",
                "La compagnie a répondu à la réclamation du client après trois jours, "
                "précisant que le service après-vente était fermé pendant les fêtes.",
                "undefined",
            ).encode("cp1252"),
            "Réponse à la plainte",
        ),
        (
            "xml-decl.html",
            (
                '<?xml version="1.0" encoding="bogus-8"?>\n' + article("XHTML page", "x", "bogus")
            ).encode("utf-8"),
            "XHTML page",
        ),
        # Broken markup.
        (
            "unclosed.html",
            b"<html><head><title>Unclosed <b>title</head><body><p>para <div><table><tr><td>",
            None,
        ),
        ("nul-bytes.html", b"<html>\x00<title>Nul\x00 bytes</title>\x00<p>x</p>", None),
        ("deep.html", b"<title>Deep</title>" + b"<div>" * 20000 + b"x" + b"</div>" * 20000, None),
        ("png.html", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, None),
        ("only-comment.html", b"<!-- nothing here -->", None),
        ("bad-json-ld.html", b'<script type="application/ld+json">{"@type": [}</script>', None),
        (
            "json-ld-odd-types.html",
            b'<title>T</title><script type="application/ld+json">'
            b'[1, "x", {"@type": 5, "datePublished": ["2021"], "headline": {"a": 1},'
            b' "author": [{"name": 3}], "publisher": "P", "@graph": {"@type": "NewsArticle"}}]'
            b"</script>",
            "T",
        ),
    ]
    return pages


def run_extract(paths: list[Path]) -> subprocess.CompletedProcess:
    argv = [sys.executable, "-m", "scrapers", "extract", *map(str, paths)]
    return subprocess.run(argv, cwd=REPO, capture_output=True, timeout=120)


def test_every_odd_page_gets_its_line_in_order(tmp_path):
    pages = corpus()
    paths = []
    for name, data, _title in pages:
        (tmp_path / name).write_bytes(data)
        paths.append(tmp_path / name)
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    huge = tmp_path / "huge.html"
    huge.write_bytes(b"<p>" + b"x" * (6 * 1024 * 1024))
    paths += [empty, huge, tmp_path / "missing.html"]
    result = run_extract(paths)
    assert result.returncode == 0, result.stderr.decode()
    assert "Traceback" not in result.stderr.decode()
    lines = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    assert [line["input"] for line in lines] == [str(p) for p in paths]
    by_name = {Path(line["input"]).name: line for line in lines}
    for name, _data, title in pages:
        line = by_name[name]
        assert "internal error" not in line.get("error", ""), (name, line)
        if title:
            assert line["title"] == title, name
            if "published_time" in _data.decode("latin-1"):
                assert line["published"] == "2021-03-04", name
    assert "error" in by_name["empty.html"]
    assert "larger than" in by_name["huge.html"]["error"]
    assert "error" in by_name["missing.html"]


def test_declared_charset_of_the_server_is_used_when_the_page_has_none():
    body = "<title>Шикоят: хизмати мизоҷон</title><p>Матн</p>".encode("koi8-r", "replace")
    info = extract_page(body, "https://example.org/a", "koi8-r")
    assert info.title.startswith("Шикоят")


def test_run_survives_odd_feeds_and_pages(server, tmp_path, capsys):
    from tests.scrapers.test_run import read_inbox, run, write_sources

    base = server.base
    urdu_title = bytes([0xB1, 0xC3, 0xC6, 0xB1]).decode("cp1006")
    odd_feed = (
        f'<?xml version="1.0" encoding="cp1006"?><rss version="2.0"><channel><title>t</title>'
        f"<item><title>{urdu_title}</title><link>{base}/p/urdu.html</link></item>"
        "</channel></rss>"
    ).encode("cp1006")
    bytes_decl = (
        '<?xml version="1.0" encoding="b\'utf-8\'"?><rss version="2.0"><channel><title>t</title>'
        f"<item><title>Réclamation sur Twitter</title><link>{base}/p/cp.html</link></item>"
        "</channel></rss>"
    ).encode()
    server.add("/odd.xml", body=odd_feed, content_type="application/rss+xml; charset=b'cp1006'")
    server.add("/bytes.xml", body=bytes_decl, content_type="application/rss+xml")
    server.add("/huge.xml", body=b"<rss>" + b" " * (6 * 1024 * 1024), no_length=True)
    server.add("/garbage.xml", body=bytes(range(256)) * 50, content_type="application/rss+xml")
    # The articles the thin entries point to are odd too.
    server.add("/p/urdu.html", body=article(urdu_title, "x", "cp1006").encode("cp1006"))
    server.add("/p/cp.html", body=b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10)
    sources = write_sources(
        tmp_path / "s.yaml",
        server,
        [
            {"name": "odd", "path": "/odd.xml"},
            {"name": "bytes", "path": "/bytes.xml"},
            {"name": "huge", "path": "/huge.xml"},
            {"name": "garbage", "path": "/garbage.xml"},
        ],
    )
    assert run(tmp_path, sources) == 1  # some sources failed, none crashed the run
    out = capsys.readouterr().out
    assert "internal error" not in out and "Traceback" not in out
    assert "huge: ERROR: response larger than" in out
    assert any(line.startswith("garbage: ERROR") for line in out.splitlines())
    titles = sorted(i["title"] for i in read_inbox(tmp_path / "inbox"))
    assert titles == sorted([urdu_title, "Réclamation sur Twitter"])
