from django.db import models


class BoardScopedQuerySet(models.QuerySet):
    """The board boundary. Every board-owned model's manager comes from this queryset, and every
    read that a user triggers goes through ``for_user``: never a hand-written board filter."""

    board_field = "board"

    def for_user(self, user):
        from scr.access import board_ids_for

        return self.filter(**{f"{self.board_field}__in": board_ids_for(user)})
