import factory
from django.utils import timezone

from scr import services
from scr.models import Board, User

PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name", locale="en_GB")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def make_review(board: Board, **overrides):
    values = {
        "board": board,
        "child_code": "Child A",
        "review_type": board.review_types[0]["code"],
        "started_on": timezone.localdate(),
        "by": services.system_user(),
    }
    values.update(overrides)
    return services.review_create(**values)
