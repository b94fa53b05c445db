"""The business manager's home page ("my tasks and deadlines") at 10, 100 and 1,000 reviews."""

from django.utils import timezone

from bench._harness import manager_client, measure

SIZES = (10, 100, 1000)


def run() -> dict:
    from scr.demo import seed_scale

    board, manager, client = manager_client()
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
