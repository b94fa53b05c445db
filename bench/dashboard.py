"""The business manager's home page ("my tasks and deadlines") at 10, 100 and 1,000 reviews."""

from django.test import Client
from django.utils import timezone

from bench._harness import measure

SIZES = (10, 100, 1000)


def run() -> dict:
    from scr import services
    from scr.board_defaults import load_default_boards
    from scr.demo import seed_scale
    from scr.models import Agency, Board, BoardRole

    load_default_boards(Board, Agency)
    board = Board.objects.get(slug="luton")
    membership = services.person_add_to_board(
        board=board,
        email="bench.manager@luton.example.org",
        full_name="Bench Manager",
        role=BoardRole.BUSINESS_MANAGER,
        agency=None,
        by=services.system_user(),
    )
    client = Client()
    client.force_login(membership.user, backend="django.contrib.auth.backends.ModelBackend")
    figures, made = {}, 0
    for size in SIZES:
        seed_scale(board=board, count=size - made, today=timezone.localdate())
        made = size

        def view():
            response = client.get("/")
            assert response.status_code == 200, response.status_code

        median_ms, queries = measure(view)
        print(f"{size:>5} reviews: {median_ms:8.2f} ms median, {queries} queries")
        figures[f"median_ms_n{size}"] = median_ms
        figures[f"queries_n{size}"] = queries
    return figures
