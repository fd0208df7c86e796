from django import template

from halfsky.web.plans import labels, target_words

register = template.Library()


@register.filter
def polarity_label(code: str) -> str:
    return str(labels.POLARITY.get(code, code))


@register.filter
def period_label(code: str) -> str:
    return str(labels.PERIOD.get(code, code))


@register.filter
def cadence_label(code: str) -> str:
    return str(labels.CADENCE.get(code, code))


@register.filter
def disaggregation_labels(codes: list[str]) -> str:
    return "、".join(str(labels.DISAGGREGATION_NAMES.get(c, c)) for c in codes)


@register.filter
def breakdown_label(breakdown: str) -> str:
    return labels.breakdown_label(breakdown)


@register.filter
def number(value: object) -> str:
    """12.5 → '12.5', 95.0 → '95', None or '' → '' (no trailing zeros)."""
    return target_words.number(value)


@register.filter
def step_label(action: str) -> str:
    from halfsky.web.data.labels import STEPS

    return str(STEPS.get(action, action))


@register.filter
def value_status_label(code: str) -> str:
    """A value's state in words (the history stores the code); unknown codes as they are."""
    from halfsky.web.data.models import ValueStatus  # here: data is above plans


    return str(ValueStatus(code).label) if code in ValueStatus.values else code
