import re
from datetime import date
from pathlib import Path

import pytest

from scr.board_defaults import BOARDS
from scr.models import Board
from scr.models.boards import Attendee

pytestmark = pytest.mark.django_db


def test_the_data_migration_loads_all_six_boards_with_their_agencies():
    boards = {b.slug: b for b in Board.objects.prefetch_related("agencies")}
    assert set(boards) == {
        "luton",
        "bedford-borough",
        "central-bedfordshire",
        "rotherham",
        "waltham-forest",
        "milton-keynes",
    }
    for board in boards.values():
        assert board.agencies.count() >= 8
        disciplines = {a.discipline for a in board.agencies.all()}
        assert {"police", "social_care", "health"} <= disciplines


def test_each_board_carries_its_own_rules():
    mk = Board.objects.get(slug="milton-keynes")
    rotherham = Board.objects.get(slug="rotherham")
    assert mk.agency_report_name == "agency report"
    assert mk.panel_min_members == 6
    assert mk.decision_meeting_interval_weeks == 6
    assert {n["name"] for n in mk.notification_recipients} == {
        "Ofsted",
        "Department for Education",
        "National Panel",
    }
    assert [c["label"] for c in mk.chronology_columns][1] == "Contact with the child"
    assert rotherham.completion_months == 4
    assert rotherham.panel_min_agencies == 4
    assert rotherham.imr_sections[0]["title"] == "Introduction"
    assert [r["label"] for r in rotherham.rag_statuses] == ["Red", "Amber", "Green", "Blue"]


def test_completion_is_due_in_the_boards_calendar_months():
    assert Board.objects.get(slug="rotherham").completion_due(date(2026, 1, 31)) == date(
        2026, 5, 31
    )
    assert Board.objects.get(slug="luton").completion_due(date(2026, 8, 31)) == date(2027, 2, 28)


def test_decision_windows_count_in_their_own_units():
    rotherham = Board.objects.get(slug="rotherham")
    assert rotherham.window_due("refer_to_panel", date(2026, 3, 2)) == date(2026, 3, 9)
    assert rotherham.window_due("chair_decides", date(2026, 1, 31)) == date(2026, 2, 28)
    assert Board.objects.get(slug="luton").window_due("refer_to_panel", date(2026, 3, 2)) is None


def _attendee(key, *disciplines, chair=False):
    return Attendee(key=key, disciplines=frozenset(disciplines), is_chair=chair)


class TestRotherhamQuorum:
    @pytest.fixture
    def board(self):
        return Board.objects.get(slug="rotherham")

    def test_chair_police_social_care_and_health_are_quorate(self, board):
        people = [
            _attendee(1, chair=True),
            _attendee(2, "police"),
            _attendee(3, "social_care"),
            _attendee(4, "health"),
        ]
        assert board.decision_quorum(people).quorate

    def test_three_people_are_never_enough(self, board):
        people = [
            _attendee(1, "police", chair=True),
            _attendee(2, "social_care"),
            _attendee(3, "health"),
        ]
        result = board.decision_quorum(people)
        assert not result.quorate
        assert "At least 4 people" in result.problems[0]

    def test_a_police_deputy_may_chair_and_one_person_may_hold_two_roles(self, board):
        people = [
            _attendee(1, "police"),
            _attendee(2, "social_care"),
            _attendee(3, "health"),
            _attendee(4, "education"),
        ]
        # No chair: the police member deputises and so holds two roles; that is allowed once.
        assert board.decision_quorum(people).quorate

    def test_two_people_may_not_both_double_up(self, board):
        people = [
            _attendee(1, "police"),
            _attendee(2, "education"),
            _attendee(3, "education"),
            _attendee(4, "social_care", "health"),
        ]
        # Police must deputise for the chair (two roles) and social care must also cover health.
        result = board.decision_quorum(people)
        assert not result.quorate
        assert "Health" in result.problems[0] or "chair" in result.problems[0]

    def test_a_missing_discipline_is_named(self, board):
        people = [
            _attendee(1, chair=True),
            _attendee(2, "police"),
            _attendee(3, "social_care"),
            _attendee(4, "education"),
        ]
        result = board.decision_quorum(people)
        assert not result.quorate
        assert "Health" in " ".join(result.problems)


def test_a_board_without_a_quorum_rule_is_always_quorate():
    assert Board.objects.get(slug="luton").decision_quorum([_attendee(1)]).quorate


def test_no_code_branches_on_a_boards_name():
    names = {spec["slug"] for spec in BOARDS} | {
        "Luton",
        "Rotherham",
        "Milton Keynes",
        "Waltham Forest",
        "Bedford",
    }
    pattern = re.compile(r"^\s*(if|elif|match|case)\b.*(" + "|".join(map(re.escape, names)) + ")")
    root = Path(__file__).resolve().parents[2]
    offenders = []
    for app in ("scr", "referrals", "imr", "chronology", "actionplans"):
        for path in (root / app).rglob("*.py"):
            if "migrations" in path.parts or path.name == "board_defaults.py":
                continue
            for number, line in enumerate(path.read_text().splitlines(), 1):
                if pattern.search(line):
                    offenders.append(f"{path.relative_to(root)}:{number}: {line.strip()}")
    assert offenders == []


class TestBoardRuleRows:
    """The list-shaped rules an administrator types one row a line."""

    @pytest.fixture
    def board(self):
        return Board.objects.get(slug="milton-keynes")

    def _form(self, board, **changes):
        from scr.forms import BoardForm

        initial = BoardForm(instance=board)
        data = {}
        for name in initial.fields:
            value = initial[name].value()
            if isinstance(value, bool):
                if value:
                    data[name] = "on"
            elif isinstance(value, list):
                data[name] = value
            elif value is not None:
                data[name] = value
        data.update(changes)
        return BoardForm(data, instance=board)

    def test_the_form_round_trips_every_rule_unchanged(self, board):
        form = self._form(board)
        assert form.is_valid(), form.errors
        values = form.list_values()
        for name in (
            "review_types",
            "notification_recipients",
            "rag_statuses",
            "chronology_columns",
            "imr_sections",
            "action_plan_columns",
            "decision_windows",
        ):
            assert values[name] == getattr(board, name), name

    def test_bad_rows_are_named_by_line(self, board):
        form = self._form(
            board,
            notification_recipients="Ofsted | 5 | working days | decision\n"
            "DfE | five | working days | decision\nPanel | 5 | fortnights | decision\n"
            "Coroner | 2",
        )
        assert not form.is_valid()
        errors = form.errors["notification_recipients"]
        assert "Line 2: the number must be a whole number from 1 to 999" in errors
        assert any(e.startswith("Line 3: the unit must be one of") for e in errors)
        assert any(e.startswith("Line 4: write it as recipient | number") for e in errors)

    def test_rag_needs_exactly_four_ratings_and_keeps_their_codes(self, board):
        assert not self._form(board, rag_statuses="Red | bad").is_valid()
        form = self._form(
            board, rag_statuses="Red | behind\nAmber | on track\nGreen | ahead\nBlue | done"
        )
        assert form.is_valid(), form.errors
        assert [r["code"] for r in form.list_values()["rag_statuses"]] == [
            "red",
            "amber",
            "green",
            "blue",
        ]

    def test_renamed_rows_keep_the_keys_of_rows_left_as_they_were(self, board):
        form = self._form(
            board,
            review_types="Multi-agency review | alternative\n"
            "Serious case review | serious case review\nRapid review | alternative",
        )
        assert form.is_valid(), form.errors
        types = form.list_values()["review_types"]
        assert [t["code"] for t in types] == ["mar", "scr", "rapid_review"]
