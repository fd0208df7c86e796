# "History" means only a value's change log: the staged import of earlier years is
# named for what it is (the table is renamed with it; its rows are kept).

from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):

    dependencies = [
        ('data', '0004_delete_notification'),
        ('plans', '0002_target_relative_to'),
    ]

    operations = [
        migrations.RenameModel(old_name='HistoryImport', new_name='EarlierYearsImport'),
        migrations.AlterModelOptions(
            name='earlieryearsimport',
            options={'ordering': ['-created_at'], 'verbose_name': 'import of earlier years', 'verbose_name_plural': 'imports of earlier years'},
        ),
        migrations.AlterField(
            model_name='earlieryearsimport',
            name='plan',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='earlier_years_imports', to='plans.plan'),
        ),
    ]
