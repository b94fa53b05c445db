from django.core.management.base import BaseCommand
from django.test.utils import override_settings
from django.utils import timezone

from scr.demo import DEMO_PASSWORD, DEMO_PEOPLE, seed_demo


class Command(BaseCommand):
    help = "Load fictional demo boards, people and reviews (safe to run again)."

    def handle(self, *args, **options):
        # The demo's own requests to agencies are not worth printing to the console.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            boards = seed_demo(timezone.localdate())
        self.stdout.write(self.style.SUCCESS(f"Demo data ready for {len(boards)} boards."))
        self.stdout.write(f"Sign in as ROLE@BOARD.example.org with password '{DEMO_PASSWORD}':")
        self.stdout.write("  ROLE:  " + ", ".join(DEMO_PEOPLE))
        self.stdout.write("  BOARD: " + ", ".join(b.slug for b in boards))
