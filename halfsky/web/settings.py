"""HalfSky's one settings file, driven by the environment.

Every setting read here is documented in the README (a test checks it).
SQLite by default; ``DB=postgres`` switches to PostgreSQL with the standard
``PG*`` variables.
"""

from __future__ import annotations

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    return env(name, "1" if default else "0").lower() in {"1", "true", "yes", "on"}


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
    "halfsky.web.orgs",
    "halfsky.web.plans",
    "halfsky.web.data",
    "halfsky.web.audit",
    "halfsky.web.imports",
    "halfsky.web.assessments",
    "halfsky.web.tokens",
    "halfsky.web.dashboards",
    "halfsky.web.reports",
    "halfsky.web.jobs",
    "halfsky.web.exchange",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "halfsky.web.middleware.ChineseFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
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
                "halfsky.web.orgs.context_processors.navigation",
            ],
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
            # readers are not blocked by a writer (write-ahead log).
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20,
                        "init_command": "PRAGMA journal_mode=WAL;"},
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

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

# Background jobs (report generation) run in a thread of the web process; with
# HALFSKY_JOBS_INLINE they run in the request itself (the test suite sets it).
HALFSKY_JOBS_INLINE = env_bool("HALFSKY_JOBS_INLINE", False)

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
HALFSKY_WORKERS = int(env("HALFSKY_WORKERS", str(min(2 * (os.cpu_count() or 1) + 1, 8))))
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
    # Subdomains and the browsers' preload list are for public domains, not an intranet.
    SILENCED_SYSTEM_CHECKS = ["security.W005", "security.W021"]

# Backups (`halfsky backup`, `halfsky check`): where archives go, how old the latest may be;
# the plan files kept by this instance (its own plan YAML) are backed up with it.
BACKUP_DIR = Path(env("HALFSKY_BACKUP_DIR", str(VAR_DIR / "backups")))
BACKUP_MAX_AGE_HOURS = float(env("HALFSKY_BACKUP_MAX_AGE_HOURS", "26"))
PLAN_FILES_DIR = Path(env("HALFSKY_PLAN_DIR", str(VAR_DIR / "plans")))
