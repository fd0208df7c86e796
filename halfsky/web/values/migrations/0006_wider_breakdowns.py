"""Breakdowns become sets of dimension=value pairs (``sex=female;urban_rural=rural``).

The column is widened, and every stored breakdown is written canonically.
One-dimension breakdowns (``sex=female``) are already canonical, so existing
values keep their keys; a breakdown that cannot be read, or whose canonical
form is taken by another value, is left as it is (nothing is lost).
"""

from django.db import migrations, models

from halfsky.domain import breakdowns  # pure: the canonical form of a breakdown


def canonicalise(apps, schema_editor):
    observation = apps.get_model("data", "Observation")
    stored = observation.objects.exclude(breakdown="")
    for row in stored.values("pk", "indicator_id", "area_id", "year", "breakdown").iterator():
        try:
            canonical = breakdowns.canonical(row["breakdown"])
        except breakdowns.BreakdownError:
            continue
        if canonical == row["breakdown"]:
            continue
        taken = observation.objects.filter(indicator_id=row["indicator_id"],
                                           area_id=row["area_id"], year=row["year"],
                                           breakdown=canonical).exists()
        if not taken:
            observation.objects.filter(pk=row["pk"]).update(breakdown=canonical)


class Migration(migrations.Migration):

    dependencies = [
        ('data', '0005_earlier_years_import'),
    ]

    operations = [
        migrations.AlterField(
            model_name='observation',
            name='breakdown',
            field=models.CharField(blank=True, default='', max_length=120, verbose_name='breakdown'),
        ),
        migrations.RunPython(canonicalise, migrations.RunPython.noop),
    ]
