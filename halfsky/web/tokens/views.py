"""The user's API tokens: create one (its key is shown once), revoke one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from halfsky.web.core.access import permission_required
from halfsky.web.core.errors import ActionError
from halfsky.web.core.text import sentence
from halfsky.web.tokens.actions import do_create_token, do_revoke_token
from halfsky.web.tokens.forms import TokenForm
from halfsky.web.tokens.queries import tokens_of


@never_cache
@login_required
@permission_required("orgs.use_site")
def token_list(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, new_key = do_create_token(request.user, form.cleaned_data["name"],
                                              request.user)
        except ActionError as error:
            form.add_error(None, sentence(error.code, error.params))
        else:
            form = TokenForm()
    return render(request, "tokens/list.html", {
        "form": form, "new_key": new_key, "tokens": tokens_of(request.user),
    }, status=400 if request.method == "POST" and new_key is None else 200)


@require_POST
@login_required
def revoke_token(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(tokens_of(request.user), pk=pk)
    try:
        do_revoke_token(token, request.user)
    except ActionError as error:
        messages.error(request, sentence(error.code, error.params))
    else:
        messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("tokens:list")
