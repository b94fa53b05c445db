"""Set-up letters: which letters a review needs, generated from the board's wording, then sent."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from scr import services, setup_letters
from scr.models import AccessLog, SetupLetterKind
from tests.documents import docx_text, pdf_text
from tests.personas import build_referrals


def test_checklist_holds_each_agency_the_named_bodies_and_only_the_letters_asked_for(world):
    manager = world.users["manager"]
    world.luton.agencies.filter(name__icontains="Housing").update(is_active=False)
    added = services.setup_letters_prepare(review=world.review, by=manager)
    letters = list(world.review.setup_letters.all())
    agencies = world.luton.agencies.filter(is_active=True)
    assert added == len(letters) == agencies.count() + len(world.luton.notification_recipients)
    assert {letter.agency for letter in letters if letter.kind == SetupLetterKind.AGENCY} == set(
        agencies
    )
    assert [letter.recipient for letter in letters if letter.kind == SetupLetterKind.OFSTED] == [
        "Ofsted"
    ]
    assert not [letter for letter in letters if letter.kind in ("family", "coroner", "cps")]

    added = services.setup_letters_prepare(
        review=world.review,
        by=manager,
        family_contact="Ms J Doe (mother)",
        no_interview_during_proceedings=True,
        coroner=True,
        cps=True,
    )
    assert added == 3, "family, coroner and CPS only; nothing already there twice"
    assert services.setup_letters_prepare(review=world.review, by=manager, cps=True) == 0
    coroner = world.review.setup_letters.get(kind=SetupLetterKind.CORONER)
    assert coroner.recipient == "HM Coroner"


def test_family_contact_is_needed_for_the_no_interview_flag(world):
    with pytest.raises(ValidationError) as error:
        services.setup_letters_prepare(
            review=world.review, by=world.users["manager"], no_interview_during_proceedings=True
        )
    assert "family_contact" in error.value.message_dict
    assert not world.review.setup_letters.exists()


def test_the_referral_ticks_coroner_and_cps_for_the_manager(world):
    r = build_referrals(world)
    referral = r.decided
    assert referral.review is not None
    assert setup_letters.case_facts(referral.review)["cps"] is False
    referral.child_died = True
    referral.coroner_contact = "Senior Coroner for Bedfordshire and Luton"
    referral.criminal_investigation = True
    referral.save()
    facts = setup_letters.case_facts(referral.review)
    assert facts == {
        "coroner": True,
        "coroner_name": "Senior Coroner for Bedfordshire and Luton",
        "cps": True,
    }
    assert setup_letters.case_facts(world.review)["coroner"] is False


def test_family_letter_says_whether_the_family_will_be_interviewed(world, tmp_path):
    manager = world.users["manager"]
    services.setup_letters_prepare(
        review=world.review,
        by=manager,
        family_contact="Ms J Doe (mother)",
        no_interview_during_proceedings=True,
    )
    family = world.review.setup_letters.get(kind=SetupLetterKind.FAMILY)
    text = pdf_text(setup_letters.as_file(family, "pdf")[0], tmp_path)
    assert "Ms J Doe (mother)" in text
    assert "nobody from the review will ask to interview you until they have finished" in text
    assert "Child A" in text and world.review.reference in text

    services.setup_letters_prepare(
        review=world.review, by=manager, family_contact="Ms J Doe (mother)"
    )
    family.refresh_from_db()
    assert family.no_interview_during_proceedings is False
    text = docx_text(setup_letters.as_file(family, "docx")[0])
    assert "Ms J Doe (mother)" in text
    assert "interview you until" not in text
    assert "arrange a time and a place to talk" in text


def test_agency_letter_uses_the_boards_wording_and_the_agencys_reply_date(world, tmp_path):
    manager = world.users["manager"]
    today = timezone.localdate()
    services.setup_requests_send(
        review=world.review, by=manager, due_on=today + timedelta(days=10), today=today
    )
    services.setup_letters_prepare(review=world.review, by=manager)
    template = setup_letters.template_for(world.luton, SetupLetterKind.AGENCY)
    services.letter_template_update(
        template=template,
        by=world.users["administrator"],
        version=services.version_of(template),
        subject="{reference}: please secure your records",
        body="Dear {recipient},\n\nAnswer by {reply_by}, please.\n\n{{braces}} stay.",
    )
    letter = world.review.setup_letters.filter(kind=SetupLetterKind.AGENCY).first()
    text = pdf_text(setup_letters.as_file(letter, "pdf")[0], tmp_path)
    due = today + timedelta(days=10)
    assert f"{world.review.reference}: please secure your records" in text
    assert f"Answer by {due.day} {due:%B %Y}, please." in text
    assert "{braces} stay." in text
    assert letter.recipient in text


def test_a_letter_is_marked_sent_only_after_it_has_been_generated(world, client_for):
    manager = world.users["manager"]
    services.setup_letters_prepare(review=world.review, by=manager)
    letter = world.review.setup_letters.get(kind=SetupLetterKind.OFSTED)
    today = timezone.localdate()
    with pytest.raises(ValidationError, match="Generate the letter first"):
        services.setup_letter_sent(
            letter=letter, by=manager, sent_on=today, method="Email", today=today
        )

    client = client_for("manager")
    sent_url = reverse("setup_letter_sent", args=[world.review.pk, letter.pk])
    response = client.post(
        sent_url,
        {"sent_on_0": today.day, "sent_on_1": today.month, "sent_on_2": today.year, "method": "x"},
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert "Generate the letter first" in response.content.decode()

    response = client.get(
        reverse("setup_letter_download", args=[world.review.pk, letter.pk, "pdf"])
    )
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    letter.refresh_from_db()
    assert letter.generated_on == today
    assert AccessLog.objects.filter(
        user=manager, action="download", object_type="SetupLetter", object_id=str(letter.pk)
    ).exists()

    tomorrow = today + timedelta(days=1)
    response = client.post(
        sent_url,
        {
            "sent_on_0": tomorrow.day,
            "sent_on_1": tomorrow.month,
            "sent_on_2": tomorrow.year,
            "method": "Secure email",
        },
    )
    assert "The date sent must be today or in the past" in response.content.decode()
    letter.refresh_from_db()
    assert letter.sent_on is None

    response = client.post(
        sent_url,
        {
            "sent_on_0": today.day,
            "sent_on_1": today.month,
            "sent_on_2": today.year,
            "method": "Post",
        },
    )
    assert response.status_code == 302
    letter.refresh_from_db()
    assert (letter.sent_on, letter.method) == (today, "Post")
    assert letter.history.first().history_user == manager
    with pytest.raises(ValidationError, match="already marked sent"):
        services.setup_letter_sent(
            letter=letter, by=manager, sent_on=today, method="Post", today=today
        )


def test_template_with_an_unknown_placeholder_is_refused(world, client_for):
    client = client_for("administrator")
    url = reverse("setup_letter_template_edit", args=["luton", "cps"])
    page = client.get(url)
    assert page.status_code == 200
    version = page.context["form"].initial.get("version") or page.context["form"]["version"].value()
    response = client.post(
        url, {"subject": "Case {reference}", "body": "Dear {recipent}", "version": version}
    )
    assert response.status_code == 200
    assert "Unknown placeholder {recipent}" in response.content.decode()
    template = setup_letters.template_for(world.luton, "cps")
    assert "{recipent}" not in template.body
