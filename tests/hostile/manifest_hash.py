"""The build manifest's content hash: XXH3-128 of a file's bytes, high half first, in hex (as
src/batch/content_hash.cpp computes it with libxxhash). Shared by the hostile tests' checkers."""
import ctypes


class _Hash128(ctypes.Structure):
    _fields_ = [("low64", ctypes.c_uint64), ("high64", ctypes.c_uint64)]


_xxh = ctypes.CDLL("libxxhash.so.0")
_xxh.XXH3_128bits.restype = _Hash128
_xxh.XXH3_128bits.argtypes = [ctypes.c_char_p, ctypes.c_size_t]


def digest(data):
    """The manifest's hash of data (bytes)."""
    h = _xxh.XXH3_128bits(data, len(data))
    return "%016x%016x" % (h.high64, h.low64)
