from django.db import migrations


def load(apps, schema_editor):
    from scr.board_defaults import load_default_boards

    load_default_boards(apps.get_model("scr", "Board"), apps.get_model("scr", "Agency"))


class Migration(migrations.Migration):
    dependencies = [("scr", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
