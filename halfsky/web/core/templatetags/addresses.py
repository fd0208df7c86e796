"""``{% url %}`` with the remembered addresses of ``halfsky.web.core.addresses``.

A built-in of the template engine (``TEMPLATES`` in the settings): it replaces Django's
``url`` tag in every template, with the same syntax and the same answers.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.urls import NoReverseMatch
from django.utils.html import conditional_escape

from halfsky.web.core.addresses import reverse

register = template.Library()


class RememberedURLNode(URLNode):
    """Django's URLNode, asking ``addresses.reverse``."""

    def render(self, context: template.Context) -> str:
        args = [arg.resolve(context) for arg in self.args]
        kwargs = {k: v.resolve(context) for k, v in self.kwargs.items()}
        view_name = self.view_name.resolve(context)
        current_app: Any
        try:  # as Django's tag
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
        url = ""
        try:
            url = reverse(view_name, args=args, kwargs=kwargs, current_app=current_app)
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser: template.base.Parser, token: template.base.Token) -> RememberedURLNode:
    """``{% url 'name' arg … [as var] %}``, as Django's."""
    node = django_url(parser, token)
    return RememberedURLNode(node.view_name, node.args, node.kwargs, node.asvar)
