"""HalfSky's one settings file, driven by the environment.

Every setting read here is documented in the README (a test checks it).
SQLite by default; ``DB=postgres`` switches to PostgreSQL with the standard
``PG*`` variables.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    return env(name, "1" if default else "0").lower() in {"1", "true", "yes", "on"}


def env_int(name: str, value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


VAR_DIR = Path(env("HALFSKY_VAR_DIR", str(PROJECT_DIR / "var")))

DEBUG = env_bool("HALFSKY_DEBUG", False)
SECRET_KEY = env("HALFSKY_SECRET_KEY") or "insecure-demo-key-change-me-in-production"
ALLOWED_HOSTS = [h for h in env("HALFSKY_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in env("HALFSKY_CSRF_TRUSTED_ORIGINS").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "halfsky.web.core",
    "rules",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    "halfsky.web.orgs",
    "halfsky.web.plans",
    "halfsky.web.values",
    "halfsky.web.audit",
    "halfsky.web.imports",
    "halfsky.web.assessments",
    "halfsky.web.tokens",
    "halfsky.web.dashboards",
    "halfsky.web.reports",
    "halfsky.web.jobs",
    "halfsky.web.exchange",
    "halfsky.web.security",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "halfsky.web.middleware.SessionRefreshMiddleware",
    "halfsky.web.middleware.ChineseFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "halfsky.web.middleware.InputGuardMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "halfsky.web.middleware.RequestUserMiddleware",
    "halfsky.web.security.middleware.SecurityGateMiddleware",
    "halfsky.web.security.middleware.DownloadAuditMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "halfsky.web.middleware.RememberPlanMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the login page saying so.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "halfsky.web.urls"
WSGI_APPLICATION = "halfsky.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "halfsky.web.navigation.navigation",
            ],
            # {% url %} remembers the addresses it made (halfsky.web.core.addresses).
            "builtins": ["halfsky.web.core.templatetags.addresses"],
        },
    },
]

if env("DB", "sqlite") == "postgres":
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": env("PGDATABASE", "halfsky"),
            "USER": env("PGUSER", "halfsky"),
            "PASSWORD": env("PGPASSWORD"),
            "HOST": env("PGHOST", "127.0.0.1"),
            "PORT": env("PGPORT", "5432"),
        }
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env("HALFSKY_SQLITE_PATH", str(VAR_DIR / "halfsky.sqlite3")),
            # A background job writes while requests do: a transaction takes the write
            # lock when it begins (no failed lock upgrades), waits up to 20 s for it, and
            # readers are not blocked by a writer (write-ahead log). synchronous=NORMAL:
            # a commit is not flushed to disk on its own (SQLite's advice for WAL; safe
            # if the server crashes, only a power cut may lose the last commits) — with
            # FULL each commit (value saves, session refreshes, jobs) waited ~8 ms for the
            # disk holding the write lock, so concurrent requests queued behind each other.
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20,
                        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"},
        }
    }

# Each server process keeps its database connection between requests (up to 5 minutes,
# checked before reuse) instead of opening and closing one per request: on SQLite the
# opening ran the PRAGMAs above and the closing checkpointed the write-ahead log, about
# 2 ms of every page's CPU.
for _database in DATABASES.values():
    _database.update(CONN_MAX_AGE=300, CONN_HEALTH_CHECKS=True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Security for 网络安全等级保护 2.0 level 2 (README, "Security").
# Passwords: at least 8 characters of three of the four classes, not like the user name.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 8}},
    {"NAME": "halfsky.web.security.passwords.CharacterClassesValidator",
     "OPTIONS": {"min_classes": 3}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# A password older than this many days must be changed at the next login (0: never expires).
HALFSKY_PASSWORD_MAX_AGE_DAYS = env_int(
    "HALFSKY_PASSWORD_MAX_AGE_DAYS", env("HALFSKY_PASSWORD_MAX_AGE_DAYS", "0"))

# Login failures: 5 failures lock the account and, separately, the source address for
# 15 minutes (django-axes). The address is the connection's own (REMOTE_ADDR).
# Lockouts first (django-axes), then the permission table (rules), then passwords.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ADMIN = False  # the lockouts page of HalfSky lists and unlocks them
AXES_DISABLE_ACCESS_LOG = True  # logins and logouts are in HalfSky's audit trail
AXES_LOCKOUT_CALLABLE = "halfsky.web.security.views.locked_out"
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]

# Sessions end after this many idle minutes: every request moves the end forward, the
# session being written at most once a minute (halfsky.web.middleware.SessionRefreshMiddleware;
# not SESSION_SAVE_EVERY_REQUEST, which wrote the database on every page).
HALFSKY_SESSION_IDLE_MINUTES = env_int(
    "HALFSKY_SESSION_IDLE_MINUTES", env("HALFSKY_SESSION_IDLE_MINUTES", "30"))
SESSION_COOKIE_AGE = HALFSKY_SESSION_IDLE_MINUTES * 60
HALFSKY_SESSION_REFRESH_SECONDS = 60
SESSION_COOKIE_HTTPONLY = True

# Second factor: with HALFSKY_TOTP the administrator and the coordinator enrol an
# authenticator app (TOTP) and give its code after the password at every login.
HALFSKY_TOTP = env_bool("HALFSKY_TOTP", False)
OTP_TOTP_ISSUER = "HalfSky"

# The audit trail is kept at least this many days; nothing in HalfSky deletes a younger record.
HALFSKY_AUDIT_RETENTION_DAYS = env_int(
    "HALFSKY_AUDIT_RETENTION_DAYS", env("HALFSKY_AUDIT_RETENTION_DAYS", "180"))
if HALFSKY_AUDIT_RETENTION_DAYS < 180:
    raise ImproperlyConfigured(
        "HALFSKY_AUDIT_RETENTION_DAYS must be at least 180 (等级保护 2.0: six months), "
        f"not {HALFSKY_AUDIT_RETENTION_DAYS}")

# Security headers: scripts, styles, images and connections only from this server.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True

# The permission table (halfsky/web/orgs/permissions.py) answers ``user.has_perm``.
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("HALFSKY_TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

# Uploaded files (evaluation evidence) and generated reports; served only through the pages.
MEDIA_ROOT = Path(env("HALFSKY_MEDIA_DIR", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
# Files that can be made again (the report charts kept by content); not backed up.
HALFSKY_CACHE_DIR = Path(env("HALFSKY_CACHE_DIR", str(VAR_DIR / "cache")))

# Background jobs (report generation, reassessment, exchange, imports) are tasks queued in
# the database (django-tasks-db) and run by `halfsky worker` processes; with
# HALFSKY_JOBS_INLINE they run in the request itself through the immediate backend (the
# test suite sets it). A job whose worker stopped (no sign of life for
# HALFSKY_WORKER_TIMEOUT seconds, or its process gone) is started again by another worker
# until it has been tried HALFSKY_JOB_ATTEMPTS times, then shown as failed with the reason.
HALFSKY_JOBS_INLINE = env_bool("HALFSKY_JOBS_INLINE", False)
HALFSKY_JOB_ATTEMPTS = max(1, int(env("HALFSKY_JOB_ATTEMPTS", "2")))
HALFSKY_WORKER_TIMEOUT = max(10, int(env("HALFSKY_WORKER_TIMEOUT", "60")))
TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    "immediate": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}

STATIC_URL = "/static/"
# Static files are served by WhiteNoise. Without collected files (development, tests) they
# come straight from the app directories. `halfsky serve` collects them into STATIC_ROOT
# (compressed, with content hashes in their names so browsers may cache them for ever) and
# starts the server with HALFSKY_STATIC_COLLECTED=1, which serves those copies.
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_COLLECTED = env_bool("HALFSKY_STATIC_COLLECTED", False)
STATIC_COLLECT_DIR = Path(env("HALFSKY_STATIC_ROOT", str(VAR_DIR / "static")))
STATIC_ROOT = STATIC_COLLECT_DIR if STATIC_COLLECTED or env("HALFSKY_STATIC_ROOT") else None
MANIFEST_STATIC_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": MANIFEST_STATIC_STORAGE if STATIC_COLLECTED
                    else "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = not STATIC_COLLECTED

# Serving (`halfsky serve`): gunicorn's address, worker processes and log file.
HALFSKY_BIND = env("HALFSKY_BIND", "127.0.0.1:8000")
# One per core (at least 2, at most 8): the pages are CPU-bound, so more workers than cores
# only share the cores — on 2 cores, 3 workers served no more requests per second than 2
# and took twice the time on each, on SQLite and on PostgreSQL (benchmarks/README.md,
# "One worker per core"); nginx in front takes the downloads' slow clients off them.
HALFSKY_WORKERS = int(env("HALFSKY_WORKERS", str(min(max(os.cpu_count() or 1, 2), 8))))
HALFSKY_LOG_FILE = env("HALFSKY_LOG_FILE")  # empty: the log goes to standard output
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {
        "log": {"class": "logging.FileHandler", "filename": HALFSKY_LOG_FILE,
                "formatter": "plain", "delay": True}
        if HALFSKY_LOG_FILE else {"class": "logging.StreamHandler", "formatter": "plain"},
    },
    "root": {"handlers": ["log"], "level": "WARNING"},
    "loggers": {"halfsky": {"level": "INFO"}},
}

# Behind a reverse proxy that terminates HTTPS (nginx, see deploy/): trust its
# X-Forwarded-Proto header, send cookies over HTTPS only, redirect plain HTTP and tell
# browsers to use HTTPS only (HSTS) for HALFSKY_HSTS_SECONDS.
BEHIND_PROXY = env_bool("HALFSKY_BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(env("HALFSKY_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = False  # other intranet hosts may still be plain HTTP
    SECURE_HSTS_PRELOAD = False
    # Lockouts count the browser's address as the proxy reports it, not the proxy's own.
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    AXES_IPWARE_PROXY_COUNT = 1
    # Subdomains and the browsers' preload list are for public domains, not an intranet.
    SILENCED_SYSTEM_CHECKS = ["security.W005", "security.W021"]

# Backups (`halfsky backup`, `halfsky check`): where archives go, how old the latest may be;
# the plan files kept by this instance (its own plan YAML) are backed up with it.
BACKUP_DIR = Path(env("HALFSKY_BACKUP_DIR", str(VAR_DIR / "backups")))
BACKUP_MAX_AGE_HOURS = float(env("HALFSKY_BACKUP_MAX_AGE_HOURS", "26"))
PLAN_FILES_DIR = Path(env("HALFSKY_PLAN_DIR", str(VAR_DIR / "plans")))
