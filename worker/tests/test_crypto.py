import base64
import io
import json
import unittest
from pathlib import Path

from parser_worker.crypto import (DamagedObject, EncryptingWriter, KeyRing, KeyRingError, decrypt,
                                  is_encrypted)
from parser_worker.errors import BadFile, StorageUnavailable
from parser_worker.settings import Settings
from tests import samples
from tests.support import ParseCase

FIXTURES = Path(__file__).parent / "fixtures"
KEY = bytes(range(32))
SPEC = "k0=" + base64.b64encode(bytes(32)).decode() + ",k1=" + base64.b64encode(KEY).decode()


def plaintext(size):
    """The plaintext of the fixtures the API encrypted."""
    text, i = "id,name,amount\n", 0
    while len(text) < size:
        text += f"{i},Customer {i},{i}.50\n"
        i += 1
    return text[:size].encode()


def decrypted(data, keys=None):
    sink = io.BytesIO()
    decrypt(io.BytesIO(data), sink, keys or KeyRing.parse(SPEC))
    return sink.getvalue()


def encrypted(data, chunk_size=1024, keys=None):
    sink = io.BytesIO()
    writer = EncryptingWriter(sink, keys or KeyRing.parse(SPEC), chunk_size)
    writer.write(data)
    writer.close()
    return sink.getvalue()


class LayoutTest(unittest.TestCase):

    def test_decrypts_what_the_api_encrypted(self):
        for size, name in ((2500, "java-2500-bytes.fpe"), (2048, "java-2048-bytes.fpe"),
                           (0, "java-empty.fpe")):
            with self.subTest(name):
                self.assertEqual(plaintext(size), decrypted((FIXTURES / name).read_bytes()))

    def test_writes_the_api_layout(self):
        for size, name in ((2500, "java-2500-bytes.fpe"), (2048, "java-2048-bytes.fpe"),
                           (0, "java-empty.fpe")):
            with self.subTest(name):
                ours = encrypted(plaintext(size))
                theirs = (FIXTURES / name).read_bytes()
                self.assertEqual(len(theirs), len(ours))
                self.assertEqual(theirs[:8], ours[:8])  # magic, version, key id
                self.assertEqual(theirs[16:20], ours[16:20])  # chunk size, after the nonce prefix

    def test_round_trip_over_chunk_boundaries(self):
        for size in (1, 1023, 1024, 1025, 5000):
            with self.subTest(size=size):
                data = bytes(i % 251 for i in range(size))
                self.assertEqual(data, decrypted(encrypted(data)))

    def test_reads_full_chunks_followed_by_an_empty_final_chunk(self):
        # The API's local store appends a resumable upload's parts, sealed as not final, and seals
        # an empty final chunk after a last part that filled its chunks.
        from parser_worker.crypto import Header, _aad, _aesgcm, _nonce
        keys = KeyRing.parse(SPEC)
        header = Header("k1", bytes(range(8)), 1024)
        encoded = header.encode()
        cipher = _aesgcm(keys.get("k1"))
        data = plaintext(2048)
        body = b"".join(
            cipher.encrypt(_nonce(header.nonce_prefix, i), data[i * 1024:(i + 1) * 1024],
                           _aad(encoded, False)) for i in range(2))
        final = cipher.encrypt(_nonce(header.nonce_prefix, 2), b"", _aad(encoded, True))
        self.assertEqual(data, decrypted(encoded + body + final))
        with self.assertRaises(DamagedObject):
            decrypted(encoded + body)

    def test_a_file_cut_at_a_chunk_boundary_does_not_read_as_shorter(self):
        whole = (FIXTURES / "java-2500-bytes.fpe").read_bytes()
        header = 20
        with self.assertRaises(DamagedObject):
            decrypted(whole[:header + 2 * (1024 + 16)])

    def test_a_changed_byte_is_detected(self):
        data = bytearray((FIXTURES / "java-2500-bytes.fpe").read_bytes())
        data[100] ^= 1
        with self.assertRaises(DamagedObject):
            decrypted(bytes(data))

    def test_uses_the_key_the_object_names(self):
        with self.assertRaises(KeyRingError):
            decrypted((FIXTURES / "java-2500-bytes.fpe").read_bytes(),
                      KeyRing.parse("k0=" + base64.b64encode(bytes(32)).decode()))

    def test_active_key_is_the_last_listed_unless_named(self):
        self.assertEqual("k1", KeyRing.parse(SPEC).active_id)
        self.assertEqual("k1", KeyRing.parse(SPEC, " ").active_id)
        self.assertEqual("k0", KeyRing.parse(SPEC, "k0").active_id)

    def test_appending_a_key_makes_it_active(self):
        k2 = "k2=" + base64.b64encode(bytes(range(1, 33))).decode()
        self.assertEqual("k2", KeyRing.parse(SPEC + "," + k2 + ",").active_id)

    def test_key_ring_parsing(self):
        for bad in ("k1", "k1=%%%", "k1=" + base64.b64encode(b"short").decode(), ""):
            with self.subTest(bad=bad), self.assertRaises(KeyRingError):
                KeyRing.parse(bad)
        self.assertTrue(is_encrypted(b"FPE1\x01"))
        self.assertFalse(is_encrypted(b"id,name"))


class EncryptedLocalStoreTest(ParseCase):

    def parse_encrypted(self, data, settings):
        path = self.sample("stored", data)
        ref = samples.file_ref(self.sample("plain.csv", plaintext(2500)))
        ref["uri"] = path.as_uri()
        return self.parse_ref(ref, settings)

    def parse_ref(self, ref, settings):
        from parser_worker import pipeline
        from parser_worker.progress import ProgressReporter
        from parser_worker.request import ParseRequest
        output = self.dir / "results" / "1.ndjson"
        request = ParseRequest.from_task("j", {"file": ref,
                                               "output": {"recordsUri": output.as_uri()}})
        return pipeline.run(request, ProgressReporter(lambda meta: None), settings), output

    def test_reads_an_encrypted_upload_and_writes_encrypted_records(self):
        settings = Settings(work_dir=str(self.dir), local_keys=SPEC)
        result, output = self.parse_encrypted((FIXTURES / "java-2500-bytes.fpe").read_bytes(),
                                              settings)

        self.assertEqual("generic-csv", result["classification"]["layout"])
        stored = output.read_bytes()
        self.assertTrue(is_encrypted(stored))
        records = [json.loads(line) for line in decrypted(stored).decode().splitlines()]
        self.assertEqual(result["recordCount"], len(records))
        self.assertEqual({"id": 0, "name": "Customer 0", "amount": 0.5}, records[0])
        self.assertEqual([], [p.name for p in self.dir.iterdir() if p.name.startswith("parse-")])

    def test_writes_records_with_the_last_listed_key_unless_one_is_named(self):
        settings = Settings.from_env({"PARSER_LOCAL_KEYS": SPEC, "PARSER_WORK_DIR": str(self.dir)})
        _, output = self.parse_ref(samples.file_ref(self.sample("a.csv", samples.INVOICES)),
                                   settings)

        only_k1 = KeyRing.parse("k1=" + base64.b64encode(KEY).decode())
        self.assertIn(b"INV-001", decrypted(output.read_bytes(), only_k1))

    def test_writes_plain_records_without_keys(self):
        result, output = self.parse_ref(samples.file_ref(self.sample("a.csv", samples.INVOICES)),
                                        Settings(work_dir=str(self.dir)))
        self.assertEqual("INV-001", json.loads(output.read_text().splitlines()[0])["invoice"])

    def test_encrypted_upload_without_keys_is_retryable(self):
        with self.assertRaises(StorageUnavailable) as raised:
            self.parse_encrypted((FIXTURES / "java-2500-bytes.fpe").read_bytes(),
                                 Settings(work_dir=str(self.dir)))
        self.assertIn("PARSER_LOCAL_KEYS", str(raised.exception))

    def test_upload_under_an_unknown_key_is_retryable(self):
        settings = Settings(work_dir=str(self.dir),
                            local_keys="k0=" + base64.b64encode(bytes(32)).decode())
        with self.assertRaises(StorageUnavailable):
            self.parse_encrypted((FIXTURES / "java-2500-bytes.fpe").read_bytes(), settings)

    def test_damaged_encrypted_upload_is_a_bad_file(self):
        data = bytearray((FIXTURES / "java-2500-bytes.fpe").read_bytes())
        data[-1] ^= 1
        with self.assertRaises(BadFile) as raised:
            self.parse_encrypted(bytes(data), Settings(work_dir=str(self.dir), local_keys=SPEC))
        self.assertIn("upload the file again", str(raised.exception))


if __name__ == "__main__":
    unittest.main()
