"""Before rounds lose their plan (0007): one round per data year.

Existing rounds keep their year. Should two plans have had a round of the same
year, they become one: the earlier-opened round stays; the other's tasks move to
it (a department's values join its task there when it has one).
"""

from django.db import migrations


def merge_rounds_of_a_year(apps, schema_editor):
    Round = apps.get_model("data", "Round")
    Task = apps.get_model("data", "Task")
    Observation = apps.get_model("data", "Observation")
    kept = {}
    for round_ in Round.objects.order_by("year", "opened_at", "pk"):
        keep = kept.setdefault(round_.year, round_)
        if keep.pk == round_.pk:
            continue
        for task in Task.objects.filter(round=round_):
            other = Task.objects.filter(round=keep, department_id=task.department_id).first()
            if other is None:
                task.round = keep
                task.save(update_fields=["round"])
            else:
                Observation.objects.filter(task=task).update(task=other)
                task.delete()
        round_.delete()


class Migration(migrations.Migration):

    dependencies = [
        ('data', '0006_wider_breakdowns'),
    ]

    operations = [
        migrations.RunPython(merge_rounds_of_a_year, migrations.RunPython.noop),
    ]
