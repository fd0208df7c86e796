# "reference" means only the national figures: a relative target's indicator is the
# one it is compared with (relative_to).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('imports', '0002_draft_problems_left_out_new_department'),
    ]

    operations = [
        migrations.RenameField(model_name='drafttarget', old_name='reference', new_name='relative_to'),
        migrations.AlterField(
            model_name='drafttarget',
            name='relative_to',
            field=models.CharField(blank=True, max_length=20, verbose_name='indicator compared with'),
        ),
    ]
