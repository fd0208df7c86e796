# Notification now belongs to the core app (core 0001); the table stays.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('data', '0003_validation_rule'),
        ('core', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.DeleteModel(name='Notification'),
        ]),
    ]
