"""Reads for action plans, scoped to the user and with a bounded number of queries."""

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, F, Max, Prefetch, Q, QuerySet

from scr.access import board_ids_for
from scr.dates import PeriodUnit, add_period
from scr.models import Board, Review

from .models import (
    COMPLETED,
    Action,
    ActionPlan,
    Evidence,
    ProgressUpdate,
    Rag,
    RagChange,
    Recommendation,
    Theme,
    UpdateRequest,
)
from .rules import MONITORS, is_monitor, own_agencies, sits_on_panel

RAG_ORDER = [Rag.RED, Rag.AMBER, Rag.GREEN, Rag.BLUE]
# Action plan columns the product fills from an action; any other column a board adds is typed in.
KNOWN_COLUMNS = frozenset(
    {
        "recommendation",
        "action",
        "how",
        "lead",
        "target_date",
        "outcome",
        "measure",
        "rag",
        "progress",
        "evidence",
        "evidence_audit",
    }
)


def reviews_for_plans(user) -> QuerySet:
    """Reviews whose action plans the user may open: those they may see, and every review of a
    board whose plans they monitor."""
    visible = Review.objects.for_user(user).values("pk")
    return Review.objects.filter(
        Q(pk__in=visible) | Q(board__in=board_ids_for(user, roles=MONITORS))
    ).select_related("board")


def rag_labels(board: Board) -> dict[str, dict]:
    """{code: {code, label, meaning}} in red, amber, green, blue order."""
    known = {r["code"]: r for r in board.rag_statuses}
    return {
        code: known.get(code, {"code": code, "label": Rag(code).label, "meaning": ""})
        for code in RAG_ORDER
    }


def plans_of_review(user, review: Review) -> list[ActionPlan]:
    """The review's plans the user may see (agency people: their own agency's), with their
    actions counted by current rating (adding up to the number of actions)."""
    plans = (
        ActionPlan.objects.filter(review=review)
        .select_related("agency", "signed_off_by")
        .annotate(
            # distinct: the join to updates for last_update repeats each action once per update.
            action_count=Count("actions", distinct=True),
            **{
                f"n_{code}": Count("actions", filter=Q(actions__rag=code), distinct=True)
                for code in RAG_ORDER
            },
            last_update=Max("actions__updates__on"),
        )
        .order_by("agency__name")
    )
    if not (is_monitor(user, review.board_id) or sits_on_panel(user, review.pk)):
        plans = plans.filter(agency__in=own_agencies(user, review.pk))
    plans = list(plans)
    open_requests = {
        r.plan_id: r
        for r in UpdateRequest.objects.filter(plan__in=plans, answered_on__isnull=True)
    }
    for plan in plans:
        plan.review = review
        plan.open_request = open_requests.get(plan.pk)
        plan.counts = [(code, getattr(plan, f"n_{code}")) for code in RAG_ORDER]
    # The board's plan last.
    return sorted(plans, key=lambda p: (p.is_board_plan, p.owner_name))


def recommendations_of_review(user, review: Review, plans: list[ActionPlan]) -> list:
    """The review's recommendations the user may see: all of them for the office, monitors and
    panel; for agency people those with an action in their agency's plan."""
    recs = Recommendation.objects.filter(review=review).select_related("agency")
    if not (is_monitor(user, review.board_id) or sits_on_panel(user, review.pk)):
        recs = recs.filter(actions__plan__in=plans).distinct()
    return list(recs.order_by("number"))


@dataclass
class Cell:
    text: str = ""
    rag: str = ""
    link: str = ""
    lines: list[str] = field(default_factory=list)


def plan_actions(plan: ActionPlan) -> list[Action]:
    """The plan's actions with what the board's columns show: latest update, evidence, requests."""
    latest = ProgressUpdate.objects.select_related("by").prefetch_related("evidence")
    actions = list(
        plan.actions.select_related("recommendation").prefetch_related(
            Prefetch("updates", queryset=latest, to_attr="all_updates")
        )
    )
    for action in actions:
        action.plan = plan
        action.latest_update = action.all_updates[0] if action.all_updates else None
        action.evidence_files = [e for u in action.all_updates for e in u.evidence.all()]
    return actions


def column_cells(board: Board, plan: ActionPlan, action: Action, today: date) -> list[Cell]:
    """One action as the cells of the board's own action plan columns."""
    labels = rag_labels(board)
    cells = []
    for column in board.action_plan_columns:
        key = column.get("key", "")
        match key:
            case "recommendation":
                cell = Cell(f"{action.recommendation.label}. {action.recommendation.text}")
            case "action" | "how":
                cell = Cell(action.description)
            case "lead":
                who = f"{action.lead_role}: {action.lead_name}"
                cell = Cell(f"{plan.owner_name}, {who}" if key == "lead" and plan.agency_id else who)
            case "target_date":
                cell = Cell(f"{action.target_date:%d %b %Y}")
                if action.is_overdue(today):
                    cell.lines.append("Overdue")
            case "outcome":
                cell = Cell(action.intended_outcome)
            case "measure":
                cell = Cell(action.success_measure)
            case "rag":
                cell = Cell(labels[action.rag]["label"], rag=action.rag)
            case "progress":
                update = action.latest_update
                cell = Cell(f"{update.on:%d %b %Y}: {update.text}" if update else "No update yet")
            case "evidence":
                cell = Cell(", ".join(e.name for e in action.evidence_files) or "None yet")
            case "evidence_audit":
                cell = Cell(action.evidence_audit or "Not yet audited")
            case _:
                cell = Cell(str(action.extra.get(key, "")))
        cells.append(cell)
    return cells


def plan_rag_history(plan: ActionPlan) -> QuerySet:
    return (
        RagChange.objects.filter(action__plan=plan)
        .select_related("by", "action__recommendation")
        .order_by("-on", "-pk")
    )


# Monitoring ------------------------------------------------------------------------------------


@dataclass
class Filters:
    review: int | None = None
    agency: str = ""  # an agency id, "board" for the board's plans, or "" for all
    rag: str = ""
    theme: str = ""
    overdue: bool = False


def monitored_boards(user) -> list[Board]:
    return list(Board.objects.filter(pk__in=board_ids_for(user, roles=MONITORS)).order_by("name"))


def board_actions(board: Board, filters: Filters, today: date) -> QuerySet:
    actions = Action.objects.filter(plan__review__board=board)
    if filters.review:
        actions = actions.filter(plan__review_id=filters.review)
    if filters.agency == "board":
        actions = actions.filter(plan__agency__isnull=True)
    elif filters.agency:
        actions = actions.filter(plan__agency_id=filters.agency)
    if filters.rag:
        actions = actions.filter(rag=filters.rag)
    if filters.theme:
        actions = actions.filter(recommendation__theme=filters.theme)
    if filters.overdue:
        actions = actions.filter(target_date__lt=today).exclude(rag=COMPLETED)
    return actions


@dataclass
class Row:
    key: object
    label: str
    counts: dict[str, int]
    overdue: int = 0
    link: str = ""
    hint: str = ""

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def ordered(self) -> list[int]:
        return [self.counts.get(code, 0) for code in RAG_ORDER]


def _grouped(actions: QuerySet, group: list[str], today: date) -> dict[tuple, Row]:
    overdue = Q(target_date__lt=today) & ~Q(rag=COMPLETED)
    rows: dict[tuple, Row] = {}
    for values in (
        actions.values(*group, "rag")
        .annotate(n=Count("pk"), late=Count("pk", filter=overdue))
        .order_by()
    ):
        key = tuple(values[g] for g in group)
        row = rows.setdefault(key, Row(key=key, label="", counts={}))
        row.counts[values["rag"]] = row.counts.get(values["rag"], 0) + values["n"]
        row.overdue += values["late"]
    return rows


@dataclass
class TrendPoint:
    on: date
    counts: dict[str, int]

    @property
    def ordered(self) -> list[int]:
        return [self.counts.get(code, 0) for code in RAG_ORDER]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def ratings_on(actions: QuerySet, days: list[date]) -> list[TrendPoint]:
    """How many actions had each rating at the end of each day in ``days`` (ascending), rebuilt
    from the record of rating changes in one query. Each rating holds from its change until the
    action's next change; it is counted on the days of that span."""
    changes = (
        RagChange.objects.filter(action__in=actions.values("pk"), on__lte=days[-1])
        .order_by("action_id", "on", "pk")
        .values_list("action_id", "on", "to_rag")
    )
    steps = {code: [0] * (len(days) + 1) for code in RAG_ORDER}

    def count(rag: str, start: date, stop: date | None) -> None:
        first = bisect_left(days, start)
        last = len(days) if stop is None else bisect_left(days, stop)
        if first < last and rag in steps:
            steps[rag][first] += 1
            steps[rag][last] -= 1

    held = None
    for action_id, on, rag in changes:
        if held is not None:
            count(held[2], held[1], on if held[0] == action_id else None)
        held = (action_id, on, rag)
    if held is not None:
        count(held[2], held[1], None)
    points = []
    running = dict.fromkeys(RAG_ORDER, 0)
    for index, day in enumerate(days):
        for code in RAG_ORDER:
            running[code] += steps[code][index]
        points.append(TrendPoint(on=day, counts={c: n for c, n in running.items() if n}))
    return points


def trend_days(today: date, months: int = 12) -> list[date]:
    """The last day of each of the past ``months`` months, ending with today."""
    first_of_month = today.replace(day=1)
    days = [
        add_period(first_of_month, -n, PeriodUnit.MONTHS) - timedelta(days=1)
        for n in range(months - 1, 0, -1)
    ]
    return [*days, today]


@dataclass
class Monitoring:
    total: Row
    by_review: list[Row]
    by_agency: list[Row]
    by_theme: list[Row]
    trend: list[TrendPoint]
    listed: QuerySet


def monitoring(board: Board, filters: Filters, today: date) -> Monitoring:
    from django.urls import reverse

    actions = board_actions(board, filters, today)
    total = Row(key=None, label="All actions", counts={})
    for row in _grouped(actions, [], today).values():
        total = Row(key=None, label="All actions", counts=row.counts, overdue=row.overdue)
    reviews = _grouped(actions, ["plan__review_id"], today)
    names = {
        r.pk: r
        for r in Review.objects.filter(pk__in=[k[0] for k in reviews]).only(
            "pk", "reference", "child_code"
        )
    }
    by_review = []
    for (review_id,), row in reviews.items():
        review = names[review_id]
        row.label, row.hint = review.reference, review.child_code
        row.link = reverse("plans_review", args=[review_id])
        by_review.append(row)
    by_review.sort(key=lambda r: r.label)
    agencies = _grouped(actions, ["plan__agency_id", "plan__agency__name"], today)
    by_agency = []
    for (_agency_id, name), row in agencies.items():
        row.label = name or "Board"
        by_agency.append(row)
    by_agency.sort(key=lambda r: (r.key[0] is None, r.label))
    themes = _grouped(actions, ["recommendation__theme"], today)
    by_theme = []
    for (theme,), row in themes.items():
        row.label = Theme(theme).label if theme in Theme.values else theme
        by_theme.append(row)
    by_theme.sort(key=lambda r: r.label)
    listed = (
        actions.select_related("plan__review", "plan__agency", "recommendation")
        .only(
            "pk",
            "description",
            "lead_name",
            "lead_role",
            "target_date",
            "rag",
            "plan__review__reference",
            "plan__review__child_code",
            "plan__agency__name",
            "plan__review_id",
            "recommendation__number",
        )
        .order_by("target_date", "pk")
    )
    return Monitoring(
        total=total,
        by_review=by_review,
        by_agency=by_agency,
        by_theme=by_theme,
        trend=ratings_on(actions, trend_days(today)),
        listed=listed,
    )


@dataclass
class BoardReport:
    board: Board
    on: date
    labels: dict[str, dict]
    total: TrendPoint
    by_review: list[Row]
    by_agency: list[Row]
    overdue: list[Action]
    signed_off: int


def board_report(board: Board, on: date) -> BoardReport:
    """The board meeting's RAG report as things stood at the end of ``on``."""
    actions = Action.objects.filter(plan__review__board=board, created_on__lte=on)
    details = {
        a.pk: a
        for a in actions.select_related("plan__review", "plan__agency", "recommendation").order_by(
            "plan__review__reference", "plan__agency__name", "recommendation__number", "pk"
        )
    }
    history: dict[int, str] = {}
    for action_id, rag in (
        RagChange.objects.filter(action__in=actions.values("pk"), on__lte=on)
        .order_by("action_id", "on", "pk")
        .values_list("action_id", "to_rag")
    ):
        history[action_id] = rag
    reviews: dict[int, Row] = {}
    agencies: dict[str, Row] = {}
    total: Counter = Counter()
    overdue = []
    for action_id, action in details.items():
        rag = history.get(action_id)
        if rag is None:
            continue
        total[rag] += 1
        review = action.plan.review
        row = reviews.setdefault(
            review.pk, Row(key=review.pk, label=review.reference, hint=review.child_code, counts={})
        )
        row.counts[rag] = row.counts.get(rag, 0) + 1
        name = action.plan.owner_name
        agency_row = agencies.setdefault(name, Row(key=name, label=name, counts={}))
        agency_row.counts[rag] = agency_row.counts.get(rag, 0) + 1
        if rag != COMPLETED and action.target_date < on:
            row.overdue += 1
            agency_row.overdue += 1
            action.rag_then = rag
            overdue.append(action)
    signed = ActionPlan.objects.filter(review__board=board, signed_off_on__lte=on).count()
    return BoardReport(
        board=board,
        on=on,
        labels=rag_labels(board),
        total=TrendPoint(on=on, counts=dict(total)),
        by_review=sorted(reviews.values(), key=lambda r: r.label),
        by_agency=sorted(agencies.values(), key=lambda r: (r.label == "Board", r.label)),
        overdue=overdue,
        signed_off=signed,
    )


def evidence_for(user, review: Review, pk: int):
    return (
        Evidence.objects.for_user(user)
        .filter(pk=pk, update__action__plan__review=review)
        .select_related("update__action__plan__agency")
        .first()
    )


# Home-page tasks -------------------------------------------------------------------------------


def plan_tasks(user, reviews) -> list:
    """Agency people: progress asked for on their agency's plan. Senior managers and the board
    chair: plans whose every action is complete, waiting to be signed off."""
    from django.urls import reverse

    from scr import registry
    from scr.access import board_roles
    from scr.models import BoardRole, ReviewRoleKind

    from .rules import AGENCY_ROLES

    by_review = {r.pk: r for r in reviews}
    mine: set[tuple[int, int]] = set()
    senior: set[tuple[int, int]] = set()
    for review in reviews:
        for role in getattr(review, "my_roles", []):
            if role.role in AGENCY_ROLES and role.agency_id:
                mine.add((review.pk, role.agency_id))
                if role.role == ReviewRoleKind.SENIOR_MANAGER:
                    senior.add((review.pk, role.agency_id))
    chaired = {
        board_id
        for board_id, roles in board_roles(user).items()
        if BoardRole.BOARD_CHAIR in roles
    }
    tasks = []
    if mine:
        wanted = Q()
        for review_id, agency_id in mine:
            wanted |= Q(plan__review_id=review_id, plan__agency_id=agency_id)
        for request in (
            UpdateRequest.objects.filter(wanted, answered_on__isnull=True)
            .select_related("plan__agency")
            .order_by("due_on")[:20]
        ):
            review = by_review[request.plan.review_id]
            tasks.append(
                registry.Task(
                    title=f"Report progress on {request.plan.agency.name}'s action plan",
                    url=reverse("plan_detail", args=[review.pk, request.plan_id]),
                    due=request.due_on,
                    review_reference=review.reference,
                )
            )
    ready = Q()
    for review_id, agency_id in senior:
        ready |= Q(review_id=review_id, agency_id=agency_id)
    board_reviews = [r.pk for r in reviews if r.board_id in chaired]
    if board_reviews:
        ready |= Q(review_id__in=board_reviews, agency__isnull=True)
    if senior or board_reviews:
        for plan in (
            ActionPlan.objects.filter(ready, signed_off_on__isnull=True)
            .annotate(
                n=Count("actions"), done=Count("actions", filter=Q(actions__rag=COMPLETED))
            )
            .filter(n__gt=0, n=F("done"))
            .select_related("agency")[:20]
        ):
            review = by_review[plan.review_id]
            tasks.append(
                registry.Task(
                    title=(
                        "Sign off the board's action plan: every action is complete"
                        if plan.is_board_plan
                        else f"Sign off {plan.owner_name}'s action plan: every action is complete"
                    ),
                    url=reverse("plan_sign_off", args=[review.pk, plan.pk]),
                    review_reference=review.reference,
                )
            )
    return tasks


def tracker_cells(review: Review) -> dict[int, str]:
    """Each agency's action plan as the review tracker shows it: asked for, answered, updated."""
    cells = {}
    requests = {}
    for request in UpdateRequest.objects.filter(plan__review=review).order_by("requested_at"):
        requests[request.plan_id] = request
    for plan in ActionPlan.objects.filter(review=review, agency__isnull=False).annotate(
        last=Max("actions__updates__on"), n=Count("actions", distinct=True)
    ):
        request = requests.get(plan.pk)
        if plan.signed_off_on:
            text = f"Signed off {plan.signed_off_on:%d %b %Y}"
        elif request and not request.answered_on:
            text = f"Progress requested, due {request.due_on:%d %b %Y}"
        elif request:
            text = f"Progress received {request.answered_on:%d %b %Y}"
        elif plan.last:
            text = f"Updated {plan.last:%d %b %Y}"
        else:
            text = f"{plan.n} action{'s' if plan.n != 1 else ''}, no update yet"
        cells[plan.agency_id] = text
    return cells

