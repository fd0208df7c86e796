"""Making and recognising token keys; only the hash of a key is ever stored."""

from __future__ import annotations

import hashlib
import secrets

KEY_START = "hs_"
PREFIX_LENGTH = len(KEY_START) + 8
MAX_KEY_LENGTH = 100


def new_key(start: str = KEY_START) -> str:
    return start + secrets.token_urlsafe(32)


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def looks_like_key(key: str) -> bool:
    return key.startswith(KEY_START) and PREFIX_LENGTH < len(key) <= MAX_KEY_LENGTH
