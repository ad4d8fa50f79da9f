"""Sample files of every kind the worker reads, generated in a test's temporary directory."""

import hashlib
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas


def write(directory, name, data):
    path = Path(directory) / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def file_ref(path, fmt=None, **overrides):
    """The ``file`` kwarg the Java side sends for ``path``."""
    data = Path(path).read_bytes()
    ref = {"uri": Path(path).as_uri(), "sha256": hashlib.sha256(data).hexdigest(),
           "size": len(data), "mime": "text/csv", "format": fmt or "CSV",
           "filename": Path(path).name}
    ref.update(overrides)
    return ref


INVOICES = ("invoice,customer,amount,date,paid\n"
            "INV-001,Acme Corp,120.50,2026-01-05,true\n"
            "INV-002,Globex,99,2026-01-06,false\n"
            "INV-003,\"Initech, Inc.\",7.25,2026-01-07,yes\n"
            "INV-004,Umbrella,10.00,2026-01-08,no\n")

GERMAN_SEMICOLON = ("Kunde;Betrag;Datum;Zeitpunkt\n"
                    "Müller GmbH;12,50;05.01.2026;05.01.2026 10:15\n"
                    "Bäckerei Groß;3,75;06.01.2026;06.01.2026 11:00:30\n"
                    "Café Zürich;100;07.01.2026;07.01.2026 09:05\n")


def asterisk_row(src, dst, start, answer, end, duration, billsec, disposition,
                 unique_id=True):
    def quoted(value):
        return '"' + value.replace('"', '""') + '"'

    cells = [quoted(""), quoted(src), quoted(dst), quoted("from-internal"),
             quoted(f'"Alice, Sales" <{src}>'), quoted(f"SIP/{src}-0000001a"),
             quoted(f"SIP/{dst}-0000001b"), quoted("Dial"), quoted(f"SIP/{dst},30,tT"),
             quoted(start), quoted(answer) if answer else "", quoted(end), str(duration),
             str(billsec), quoted(disposition), quoted("DOCUMENTATION")]
    if unique_id:
        cells += [quoted(f"1705314225.{duration}"), quoted("")]
    return ",".join(cells) + "\n"


def asterisk_master():
    return (asterisk_row("1001", "1002", "2024-01-15 10:23:45", "2024-01-15 10:23:50",
                         "2024-01-15 10:25:12", 87, 82, "ANSWERED")
            + asterisk_row("1003", "004930123456", "2024-01-15 11:00:00", "",
                           "2024-01-15 11:00:30", 30, 0, "NO ANSWER")
            + asterisk_row("1002", "1001", "2024-01-15 11:05:10", "", "2024-01-15 11:05:12", 2,
                           0, "BUSY", unique_id=False)
            + asterisk_row("1004", "1005", "2024-01-15 12:00:00", "", "2024-01-15 12:00:01", 1,
                           0, "FAILED")
            + asterisk_row("1001", "1006", "2024-01-15 12:30:00", "2024-01-15 12:30:09",
                           "2024-01-15 12:41:40", 700, 691, "ANSWERED"))


def fixed_width(lines, compact=True, widths=(16, 16), title=True, trailer=True, labels=False,
                trunk=False):
    """A switch export: start, caller, callee, six-digit seconds, disposition (, trunk)."""
    caller_width, callee_width = widths
    text = "SWITCH 7 CALL EXPORT 2024-01-15\n" if title else ""
    if labels:
        text += (f"{'START':<{19 if not compact else 14}} {'CALLER':<{caller_width}} "
                 f"{'CALLEE':<{callee_width}} {'DURATN'} {'DISP ':<5}"
                 + (" TRUNK" if trunk else "") + "\n")
    for i in range(lines):
        start = f"202401151{2345 + i * 100:05d}" if compact else f"2024-01-15 1{i % 10}:23:45"
        disp = ("NOANS", "ANS", "BUSY")[i % 3]
        text += (f"{start} {'00493012345' + str(i):<{caller_width}} "
                 f"{'0049409876' + str(i * 37):<{callee_width}} {87 + i * 13:06d} {disp:<5}"
                 + (f" TG{i % 2 + 1:02d}" if trunk else "") + " \n")
    if trailer:
        text += f"TOTAL {lines} CALLS\n"
    return text


def pdf_with_table(path):
    """Two pages: prose and a table drawn cell by cell, then a monospaced table."""
    page = canvas.Canvas(str(path), pagesize=A4)
    page.setFont("Helvetica", 11)
    page.drawString(72, 800, "Invoice INV-001 for Acme Corp")
    page.drawString(72, 780, "Thank you for your order.")
    y = 740
    for row in (("Item", "Qty", "Price"), ("Widget", "2", "10.50"),
                ("Gadget large", "10", "3.25")):
        for x, cell in zip((72, 250, 350), row):
            page.drawString(x, y, cell)
        y -= 16
    page.showPage()
    page.setFont("Courier", 10)
    page.drawString(72, 800, "Payments received")
    page.drawString(72, 780, "Name          Amount    Date")
    page.drawString(72, 766, "Alice         12.50     2024-01-01")
    page.drawString(72, 752, "Bob           7.00      2024-01-02")
    page.showPage()
    page.save()
    return path


def pdf_text(path, pages=1, encrypt=None):
    page = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt)
    for number in range(pages):
        page.setFont("Helvetica", 11)
        page.drawString(72, 800, f"Report page {number + 1}")
        page.drawString(72, 780, "Nothing but prose on this page.")
        page.showPage()
    page.save()
    return path


def pdf_without_text(path):
    page = canvas.Canvas(str(path), pagesize=A4)
    page.rect(72, 600, 200, 100, fill=1)
    page.showPage()
    page.save()
    return path
