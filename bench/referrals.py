"""The referral list as the business manager sees it, at 10, 100 and 1,000 referrals."""

from django.utils import timezone

from bench._harness import manager_client, measure

SIZES = (10, 100, 1000)


def _bulk_referrals(board, by, count: int, start: int) -> None:
    from simple_history.utils import bulk_create_with_history

    from referrals.models import Referral, ReferralStatus

    now = timezone.now()
    statuses = [
        ReferralStatus.SUBMITTED,
        ReferralStatus.GATHERING,
        ReferralStatus.RECOMMENDED,
        ReferralStatus.DECIDED,
    ]
    bulk_create_with_history(
        [
            Referral(
                board=board,
                referred_by=by,
                reference=f"LU-B-{start + n:06d}",
                status=statuses[n % len(statuses)],
                submitted_at=now,
                child_name=f"Child {start + n}",
            )
            for n in range(count)
        ],
        Referral,
        batch_size=500,
        default_user=by,
    )


def run() -> dict:
    board, manager, client = manager_client()
    figures, made = {}, 0
    for size in SIZES:
        _bulk_referrals(board, manager, size - made, made)
        made = size

        def view():
            response = client.get("/referrals/")
            assert response.status_code == 200, response.status_code

        median_ms, queries = measure(view)
        print(f"{size:>5} referrals: {median_ms:8.2f} ms median, {queries} queries")
        figures[f"median_ms_n{size}"] = median_ms
        figures[f"queries_n{size}"] = queries
    return figures
