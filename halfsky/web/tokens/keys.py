"""Making and recognising token keys; only the hash of a key is ever stored.

Personal API tokens start with ``hs_``, the exchange tokens a parent issues
to a child area with ``hsx_``; both keep the start and 8 more characters as
the prefix they are recognised by.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import NamedTuple

KEY_START = "hs_"
PREFIX_CHARACTERS = 8  # after the start
PREFIX_LENGTH = len(KEY_START) + PREFIX_CHARACTERS
MAX_KEY_LENGTH = 100


class NewKey(NamedTuple):
    """A key as issued: the key (shown once), its prefix and its hash (stored)."""

    key: str
    prefix: str
    key_hash: str


def new_key(start: str = KEY_START) -> str:
    return start + secrets.token_urlsafe(32)


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def issue_key(start: str = KEY_START) -> NewKey:
    key = new_key(start)
    return NewKey(key, key[:len(start) + PREFIX_CHARACTERS], hash_key(key))


def looks_like_key(key: str, start: str = KEY_START) -> bool:
    return key.startswith(start) and len(start) + PREFIX_CHARACTERS < len(key) <= MAX_KEY_LENGTH
