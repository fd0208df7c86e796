"""One reporting round per data year for every plan in force: rounds lose their plan.

(The rounds of one year were merged by 0006, in a migration of its own: PostgreSQL
does not alter a table with pending trigger events from the same transaction.)
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('data', '0007_merge_rounds_of_a_year'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='round',
            name='round_unique_year',
        ),
        migrations.RemoveField(
            model_name='round',
            name='plan',
        ),
        migrations.AlterField(
            model_name='round',
            name='year',
            field=models.PositiveSmallIntegerField(unique=True, verbose_name='data year'),
        ),
    ]
