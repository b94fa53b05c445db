from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from scr.board_defaults import load_default_boards
from scr.demo import seed_scale
from scr.models import Agency, Board


class Command(BaseCommand):
    help = "Make bulk reviews on one board for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--reviews", type=int, required=True)
        parser.add_argument("--board", default="luton")

    def handle(self, *args, reviews: int, board: str, **options):
        if reviews < 1:
            raise CommandError("--reviews must be at least 1")
        load_default_boards(Board, Agency)
        target = Board.objects.get(slug=board)
        made = seed_scale(board=target, count=reviews, today=timezone.localdate())
        self.stdout.write(self.style.SUCCESS(f"Made {made} reviews on {target.short_name}."))
