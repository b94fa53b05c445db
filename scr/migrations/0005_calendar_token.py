import uuid

from django.db import migrations, models


def fill(apps, schema_editor):
    User = apps.get_model("scr", "User")
    for user in User.objects.filter(calendar_token__isnull=True):
        user.calendar_token = uuid.uuid4()
        user.save(update_fields=["calendar_token"])


class Migration(migrations.Migration):
    dependencies = [("scr", "0004_deadline_engine")]

    operations = [
        migrations.AddField(
            model_name="user", name="calendar_token", field=models.UUIDField(null=True)
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="user",
            name="calendar_token",
            field=models.UUIDField(
                default=uuid.uuid4, unique=True,
                help_text="The secret in the user's calendar feed address.",
            ),
        ),
    ]
