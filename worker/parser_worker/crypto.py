"""Encryption at rest of the API's local file store, the layout of its ``ChunkedAesGcm``.

The API writes uploads to its local store encrypted, and reads the records file of a job from
there through the same decryption, so a worker that shares the store must read and write that
layout. It is AES-256-GCM over fixed-size chunks:

    header  = "FPE1" | version (1) | key id length (1) | key id (ASCII) | nonce prefix (8)
              | chunk size (4, big-endian)
    chunk i = AES-GCM(plaintext[i], nonce = nonce prefix | i (4, big-endian),
                      aad = header | 1 if last chunk else 0) = ciphertext | tag (16)

Every chunk but the last holds exactly ``chunk size`` plaintext bytes; the last may be shorter
(or empty, for an empty file). The final-chunk flag in the additional data makes a file cut at a
chunk boundary fail to decrypt instead of reading as a shorter file.

Keys come as ``id=base64key[,id=base64key...]`` (PARSER_LOCAL_KEYS, as the API's key ring), and
files are written with the active one (PARSER_LOCAL_ACTIVE_KEY, by default the last listed).
"""

import base64
import binascii
import io
import os
import re
import struct
from dataclasses import dataclass

MAGIC = b"FPE1"
VERSION = 1
TAG_BYTES = 16
DEFAULT_CHUNK = 64 * 1024
MIN_CHUNK, MAX_CHUNK = 1024, 16 << 20

_KEY_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


class KeyRingError(Exception):
    """The key ring is unusable or lacks a key; a configuration problem, not the file's."""


class DamagedObject(Exception):
    """The object fails its integrity check: damaged, truncated or not written with our keys."""


class KeyRing:
    def __init__(self, keys, active_id):
        if not keys:
            raise KeyRingError("the key ring is empty")
        for key_id, key in keys.items():
            if not _KEY_ID.fullmatch(key_id):
                raise KeyRingError(f"invalid key id {key_id!r}")
            if len(key) != 32:
                raise KeyRingError(f"key {key_id!r} is not 256 bits")
        if active_id not in keys:
            raise KeyRingError(f"the active key {active_id!r} is not in the ring")
        self._keys = dict(keys)
        self.active_id = active_id

    @classmethod
    def parse(cls, spec, active_id=None):
        """``id=base64key,...``; unless ``active_id`` names one, the active key is the last one
        listed (as in the API's ``KeyRing``), so appending a key rotates to it."""
        keys = {}
        for entry in (spec or "").split(","):
            entry = entry.strip()
            if not entry:
                continue
            key_id, separator, encoded = entry.partition("=")
            if not separator or not key_id:
                raise KeyRingError("key ring entries are id=base64key")
            try:
                keys[key_id] = base64.b64decode(encoded, validate=True)
            except (binascii.Error, ValueError) as error:
                raise KeyRingError(f"key {key_id!r} is not base64") from error
        return cls(keys, (active_id or "").strip() or (list(keys)[-1] if keys else None))

    def get(self, key_id):
        try:
            return self._keys[key_id]
        except KeyError:
            raise KeyRingError(f"no key {key_id!r} in the key ring") from None

    @property
    def active(self):
        return self._keys[self.active_id]

    def __repr__(self):
        return f"KeyRing(active={self.active_id}, ids={list(self._keys)})"


@dataclass(frozen=True)
class Header:
    key_id: str
    nonce_prefix: bytes
    chunk_size: int

    def encode(self):
        key_id = self.key_id.encode("ascii")
        return (MAGIC + bytes([VERSION, len(key_id)]) + key_id + self.nonce_prefix
                + struct.pack(">I", self.chunk_size))

    @classmethod
    def read(cls, source):
        magic = source.read(4)
        if magic != MAGIC:
            raise DamagedObject("not an encrypted object of the store")
        fixed = source.read(2)
        if len(fixed) < 2 or fixed[0] != VERSION:
            raise DamagedObject("unknown encryption format version")
        key_id = source.read(fixed[1])
        prefix = source.read(8)
        size = source.read(4)
        if len(key_id) < fixed[1] or len(prefix) < 8 or len(size) < 4:
            raise DamagedObject("the encryption header is truncated")
        chunk_size = struct.unpack(">I", size)[0]
        if not MIN_CHUNK <= chunk_size <= MAX_CHUNK:
            raise DamagedObject(f"implausible chunk size {chunk_size}")
        return cls(key_id.decode("ascii", errors="replace"), prefix, chunk_size)


def is_encrypted(head):
    return head[:4] == MAGIC


def _nonce(prefix, chunk):
    if chunk > 0xFFFFFFFF:
        raise DamagedObject("object too large for one nonce prefix")
    return prefix + struct.pack(">I", chunk)


def _aad(header, last):
    return header + (b"\x01" if last else b"\x00")


def _aesgcm(key):
    # Imported here: only workers that share an encrypted local store need it.
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    return AESGCM(key)


def decrypt(source, sink, keys):
    """Decrypts the binary stream ``source`` onto ``sink``, one chunk in memory at a time."""
    from cryptography.exceptions import InvalidTag

    header = Header.read(source)
    cipher = _aesgcm(keys.get(header.key_id))
    encoded = header.encode()
    sealed_size = header.chunk_size + TAG_BYTES
    chunk = 0
    sealed = source.read(sealed_size)
    while True:
        if len(sealed) < TAG_BYTES:
            raise DamagedObject("the encrypted object is truncated")
        following = source.read(sealed_size) if len(sealed) == sealed_size else b""
        last = not following
        try:
            sink.write(cipher.decrypt(_nonce(header.nonce_prefix, chunk), sealed,
                                      _aad(encoded, last)))
        except InvalidTag:
            raise DamagedObject(f"chunk {chunk} fails its integrity check") from None
        if last:
            return
        chunk += 1
        sealed = following


class EncryptingWriter(io.RawIOBase):
    """A binary sink that encrypts what is written to it onto ``sink`` with the active key.

    ``close()`` seals the last chunk and flushes ``sink`` but leaves it open, so the caller can
    still fsync it.
    """

    def __init__(self, sink, keys, chunk_size=DEFAULT_CHUNK):
        super().__init__()
        self._sink = sink
        self._header = Header(keys.active_id, os.urandom(8), chunk_size)
        self._encoded = self._header.encode()
        self._cipher = _aesgcm(keys.active)
        self._buffer = bytearray()
        self._chunk = 0
        sink.write(self._encoded)

    def writable(self):
        return True

    def write(self, data):
        self._buffer += data
        # A full chunk is sealed only once more data follows it: only then is it known not to
        # be the last one.
        size = self._header.chunk_size
        while len(self._buffer) > size:
            self._seal(bytes(self._buffer[:size]), last=False)
            del self._buffer[:size]
        return len(data)

    def close(self):
        if not self.closed:
            self._seal(bytes(self._buffer), last=True)
            self._buffer.clear()
            self._sink.flush()
        super().close()

    def _seal(self, plaintext, last):
        nonce = _nonce(self._header.nonce_prefix, self._chunk)
        self._sink.write(self._cipher.encrypt(nonce, plaintext, _aad(self._encoded, last)))
        self._chunk += 1
