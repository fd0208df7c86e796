"""The user's own security pages: change password, second factor, the lockout notice."""

from __future__ import annotations

from base64 import b32encode
from typing import Any

import segno
from django import forms
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from halfsky.web.security import actions
from halfsky.web.security.middleware import totp_required
from halfsky.web.security.passwords import password_change_reason


def next_page(request: HttpRequest) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(wanted, {request.get_host()}):
        return wanted
    return "/"


def locked_out(request: HttpRequest, original_response: Any = None,
               credentials: Any = None) -> HttpResponse:
    """django-axes answers a locked-out login with the login page saying why (status 429)."""
    return render(request, "registration/login.html", {
        "locked_out": True, "next": request.POST.get("next", ""),
    }, status=429)


@never_cache
@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.do_change_password(request.user, form.cleaned_data["new_password1"], request)
        update_session_auth_hash(request, request.user)
        messages.success(request, _("Your password is changed."))
        return redirect(next_page(request))
    return render(request, "security/password_change.html", {
        "form": form, "reason": password_change_reason(request.user),
        "next": next_page(request),
    })


class CodeForm(forms.Form):
    code = forms.RegexField(label=gettext_lazy("Code from your authenticator app"),
                            regex=r"^\s*\d{6}\s*$", max_length=12,
                            widget=forms.TextInput(attrs={"autocomplete": "one-time-code",
                                                          "inputmode": "numeric"}))


def qr_svg(text: str) -> str:
    return str(segno.make(text, error="m").svg_inline(scale=4, omitsize=False))


@never_cache
@login_required
def totp_enrol(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: scan the code (or type the key), then give one code."""
    if not totp_required(request.user):
        return redirect("/")
    device = (TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
              or TOTPDevice.objects.create(user=request.user, name="HalfSky", confirmed=False))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"].strip()):
            actions.do_confirm_totp(device, request.user)
            otp_login(request, device)
            messages.success(request, _("Your authenticator app is set up."))
            return redirect(next_page(request))
        actions.do_record_totp_failure(request.user, request)
        form.add_error("code", _("This code is not right. Check the time on your phone and try again."))
    return render(request, "security/totp_enrol.html", {
        "form": form, "qr": qr_svg(device.config_url),
        "key": b32encode(device.bin_key).decode("ascii"), "next": next_page(request),
    })


@never_cache
@login_required
def totp_verify(request: HttpRequest) -> HttpResponse:
    """After the password, the code of the authenticator app."""
    devices = TOTPDevice.objects.filter(user=request.user, confirmed=True)
    if not totp_required(request.user) or not devices.exists():
        return redirect("/")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"].strip()
        for device in devices:
            if device.verify_token(code):
                otp_login(request, device)
                return redirect(next_page(request))
        actions.do_record_totp_failure(request.user, request)
        form.add_error("code", _("This code is not right. Check the time on your phone and try again."))
    return render(request, "security/totp_verify.html", {"form": form, "next": next_page(request)})
