# "reference" means only the national figures: a relative target's indicator is the
# one it is compared with (relative_to).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('plans', '0001_initial'),
    ]

    operations = [
        migrations.RenameField(model_name='target', old_name='reference', new_name='relative_to'),
        migrations.AlterField(
            model_name='target',
            name='relative_to',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='relative_targets', to='plans.indicator', verbose_name='indicator compared with'),
        ),
    ]
