"""A template's ``source.encoding``: files written in it are read in it, with or without a
byte-order mark, and a file that is not text in it fails clearly or is left to other templates."""

import codecs

from parser_worker.content import HEAD_BYTES
from parser_worker.errors import BadFile, UnsupportedLayout
from parser_worker.template_doc import TemplateError, compile_template
from tests.support import ParseCase

ROWS = [("Kunde", "Straße", "Betrag (€)"),
        ("Müller GmbH", "Hauptstraße 5", "1.234,50"),
        ("Café Crème", "Rue de l’Église 2", "99,00"),
        ("Øresund A/S", "Ved Åen 9", "7,25")]
LATIN1_ROWS = [tuple(cell.replace("€", "EUR").replace("’", "'") for cell in row) for row in ROWS]


def document(encoding, header="Betrag (€)"):
    return {
        "name": f"Kundenliste {encoding}", "format": "CSV", "confidenceThreshold": 0.8,
        "source": {"delimiter": ";", "header": True, "encoding": encoding},
        "fields": [
            {"name": "customer", "type": "string", "required": True,
             "locate": {"header": "Kunde"}},
            {"name": "street", "type": "string", "required": True,
             "locate": {"header": "Straße"}},
            {"name": "amount", "type": "decimal", "required": True,
             "locate": {"header": header}, "format": "comma"},
        ],
    }


def template(doc, template_id="tpl-enc", version=1):
    return {"id": template_id, "version": version, "system": False, "document": doc}


def text(rows):
    return "".join(";".join(row) + "\r\n" for row in rows)


class DeclaredEncodingTest(ParseCase):

    def parse_bytes(self, data, doc, **kwargs):
        return self.parse(self.sample("kunden.csv", data), templates=[template(doc)], **kwargs)

    def assert_read(self, result, records, label):
        self.assertEqual("tpl-enc", result["classification"]["templateMatched"])
        self.assertEqual(label, result["encoding"])
        self.assertEqual(["Müller GmbH", "Café Crème", "Øresund A/S"],
                         [r["customer"] for r in records])
        self.assertEqual("Hauptstraße 5", records[0]["street"])
        self.assertEqual([1234.5, 99.0, 7.25], [r["amount"] for r in records])

    def test_windows_1252_letters_and_signs_are_read_as_declared(self):
        data = text(ROWS).encode("cp1252")
        self.assertIn(b"\x80", data)  # the euro sign, a C1 control in Latin-1
        result, _, records = self.parse_bytes(data, document("windows-1252"))

        self.assert_read(result, records, "windows-1252")
        self.assertEqual("Rue de l’Église 2", records[1]["street"])

    def test_iso_8859_1_is_read_as_declared(self):
        result, _, records = self.parse_bytes(text(LATIN1_ROWS).encode("latin-1"),
                                              document("iso-8859-1", "Betrag (EUR)"))

        self.assert_read(result, records, "ISO-8859-1")

    def test_utf_16_with_a_byte_order_mark(self):
        for encoding, label in (("utf-16-le", "UTF-16LE"), ("utf-16-be", "UTF-16BE")):
            with self.subTest(encoding):
                data = codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE
                data += text(ROWS).encode(encoding)
                result, _, records = self.parse_bytes(data, document("utf-16"))

                self.assert_read(result, records, label)

    def test_utf_16_without_a_byte_order_mark_in_either_byte_order(self):
        # Without a template this file is refused as binary (half its bytes are zero).
        for encoding, label in (("utf-16-le", "UTF-16LE"), ("utf-16-be", "UTF-16BE")):
            with self.subTest(encoding):
                data = text(ROWS).encode(encoding)
                with self.assertRaises(UnsupportedLayout):
                    self.parse(self.sample(f"plain-{encoding}.csv", data))
                result, _, records = self.parse_bytes(data, document("utf-16"))

                self.assert_read(result, records, label)

    def test_an_explicit_byte_order_reads_text_without_a_mark(self):
        result, _, records = self.parse_bytes(text(ROWS).encode("utf-16-be"),
                                              document("UTF-16BE"))

        self.assert_read(result, records, "UTF-16BE")

    def test_utf_8_with_a_byte_order_mark_keeps_the_first_header_name(self):
        data = codecs.BOM_UTF8 + text(ROWS).encode("utf-8")
        for declared in ("utf-8", "windows-1252"):  # the mark says what the file is
            with self.subTest(declared):
                result, _, records = self.parse_bytes(data, document(declared))

                self.assert_read(result, records, "UTF-8")

    def test_a_head_that_is_not_text_in_the_declared_encoding_leaves_the_template(self):
        # 0x81 is undefined in windows-1252: the template does not fit, the file is read as
        # the detected Latin-1 table and needs a mapping.
        data = text(ROWS).encode("cp1252").replace("Café".encode("cp1252"), b"Caf\x81")
        result, _, _ = self.parse_bytes(data, document("windows-1252"))

        self.assertIsNone(result["classification"]["templateMatched"])
        self.assertTrue(result["needsMapping"])

    def test_a_pinned_template_whose_encoding_does_not_decode_the_head_fails_the_job(self):
        data = text(ROWS).encode("cp1252").replace("Café".encode("cp1252"), b"Caf\x81")
        with self.assertRaises(BadFile) as raised:
            self.parse_bytes(data, document("windows-1252"), templateId="tpl-enc")

        message = str(raised.exception)
        self.assertIn("not valid windows-1252", message)
        self.assertIn("Kundenliste windows-1252", message)

    def test_a_byte_past_the_head_that_does_not_decode_fails_the_job_saying_where(self):
        body = text(ROWS[1:]).encode("cp1252")
        rows = text(ROWS[:1]).encode("cp1252") + body * (HEAD_BYTES // len(body) + 10)
        bad_at = len(rows)
        data = rows + b"Caf\x81;Somewhere 1;1,00\r\n"
        with self.assertRaises(BadFile) as raised:
            self.parse_bytes(data, document("windows-1252"))

        message = str(raised.exception)
        self.assertIn("not valid windows-1252 near byte", message)
        self.assertIn("template 'Kundenliste windows-1252' declares", message)
        self.assertGreater(bad_at, HEAD_BYTES)


class EncodingDocumentTest(ParseCase):

    def test_unknown_or_non_text_encodings_make_the_template_unusable(self):
        for name in ("klingon-8", "base64", "rot13"):
            with self.subTest(name):
                with self.assertRaises(TemplateError) as raised:
                    compile_template(document(name), "tpl-x", 1)
                self.assertIn("source.encoding", str(raised.exception))

    def test_a_template_with_an_unknown_encoding_is_skipped_with_a_warning(self):
        data = text(ROWS).encode("utf-8")
        result, _, _ = self.parse(self.sample("k.csv", data),
                                  templates=[template(document("klingon-8"))])

        self.assertIsNone(result["classification"]["templateMatched"])
        self.assertTrue(any("source.encoding" in w for w in result["warnings"]),
                        result.get("warnings"))
