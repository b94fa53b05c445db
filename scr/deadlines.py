"""The deadline engine: which reminders are due today, and the sweep that sends each exactly once.

Reminders for a deadline: one when it comes within the board's lead time (default 7 days), one on
the day, then one a week while it is overdue (the day after, then every seven days). Each has a key
date; the reminder row (deadline, kind, key date) is unique, so whoever inserts it first sends it.
After downtime the sweep sends only the reminder that applies today, not every one it missed.
"""

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from scr.models import (
    Board,
    BoardMembership,
    BoardRole,
    Deadline,
    Reminder,
    ReminderKind,
    ReviewRole,
    User,
)

BOARD_ROLES = {role.value for role in BoardRole}


@dataclass(frozen=True)
class DueReminder:
    deadline: Deadline
    kind: str
    key_date: date


def reminder_for(deadline: Deadline, today: date, lead_days: int) -> DueReminder | None:
    """The one reminder that applies to ``deadline`` today, if any."""
    due = deadline.due_on
    if today > due:
        weeks_late = (today - due - timedelta(days=1)).days // 7
        return DueReminder(deadline, ReminderKind.OVERDUE, due + timedelta(days=1 + 7 * weeks_late))
    if today == due:
        return DueReminder(deadline, ReminderKind.DUE, due)
    if (due - today).days <= lead_days:
        return DueReminder(deadline, ReminderKind.BEFORE, due)
    return None


def due_reminders(today: date) -> list[DueReminder]:
    longest_lead = Board.objects.aggregate(lead=Max("reminder_days_before"))["lead"] or 0
    candidates = Deadline.objects.filter(
        completed_on__isnull=True, due_on__lte=today + timedelta(days=longest_lead)
    ).select_related("board", "review")
    found = []
    for deadline in candidates:
        reminder = reminder_for(deadline, today, deadline.board.reminder_days_before)
        if reminder is not None:
            found.append(reminder)
    return found


def _recipients(reminders: list[DueReminder]) -> dict[int, set[str]]:
    """Email addresses for each deadline: the people holding its responsible role (on the board,
    or on the review), and the board's business managers once it is overdue."""
    boards = {r.deadline.board_id for r in reminders}
    reviews = {r.deadline.review_id for r in reminders if r.deadline.review_id}
    by_board: dict[tuple[int, str], set[str]] = defaultdict(set)
    for board_id, role, email in BoardMembership.objects.filter(
        board__in=boards, user__is_active=True
    ).values_list("board_id", "role", "user__email"):
        by_board[(board_id, role)].add(email)
    by_review: dict[tuple[int, str], set[str]] = defaultdict(set)
    for review_id, role, email in ReviewRole.objects.filter(
        review__in=reviews, user__is_active=True
    ).values_list("review_id", "role", "user__email"):
        by_review[(review_id, role)].add(email)
    owners = {
        pk: {email}
        for pk, email in User.objects.filter(
            pk__in={r.deadline.responsible_user_id for r in reminders}, is_active=True
        ).values_list("pk", "email")
    }
    result = {}
    for reminder in reminders:
        deadline = reminder.deadline
        role = deadline.responsible_role or BoardRole.BUSINESS_MANAGER
        people = (
            set(by_board[(deadline.board_id, role)])
            if role in BOARD_ROLES
            else set(by_review[(deadline.review_id, role)])
        )
        if deadline.responsible_user_id:
            people = set(owners.get(deadline.responsible_user_id, ()))
        if reminder.kind == ReminderKind.OVERDUE or not people:
            people |= by_board[(deadline.board_id, BoardRole.BUSINESS_MANAGER)]
        result[deadline.pk] = people
    return result


def _message(reminder: DueReminder, recipients: set[str]):
    deadline = reminder.deadline
    case = deadline.review.reference if deadline.review_id else deadline.board.short_name
    when = f"{deadline.due_on:%A %d %B %Y}"
    subject = {
        ReminderKind.BEFORE: f"{case}: {deadline.label} is due on {when}",
        ReminderKind.DUE: f"{case}: {deadline.label} is due today",
        ReminderKind.OVERDUE: f"{case}: {deadline.label} is overdue (due {when})",
    }[reminder.kind]
    body = (
        f"{subject}.\n\nOpen Safeguarding case reviews to see the case and mark the step done. "
        "If the date needs to move, the board's business manager can record an extension.\n"
    )
    return (subject, body, None, sorted(recipients))


def sweep(today: date | None = None) -> int:
    """Send every reminder due today that nobody has sent yet. Returns how many were sent."""
    today = today or timezone.localdate()
    reminders = due_reminders(today)
    if not reminders:
        return 0
    recipients = _recipients(reminders)
    run, now = uuid.uuid4(), timezone.now()
    with transaction.atomic():
        Reminder.objects.bulk_create(
            [
                Reminder(
                    deadline=r.deadline,
                    kind=r.kind,
                    key_date=r.key_date,
                    run=run,
                    sent_at=now,
                    recipients=", ".join(sorted(recipients[r.deadline.pk])),
                )
                for r in reminders
            ],
            ignore_conflicts=True,
        )
        # Only the rows this run inserted are ours to send; the rest were sent before.
        claimed = set(Reminder.objects.filter(run=run).values_list("deadline_id", "kind"))
    messages = [
        _message(r, recipients[r.deadline.pk])
        for r in reminders
        if (r.deadline.pk, r.kind) in claimed and recipients[r.deadline.pk]
    ]
    send_mass_mail(messages, fail_silently=False)
    return len(claimed)
