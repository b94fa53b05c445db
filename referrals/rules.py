"""Who may do what with a referral. Registered with ``scr.access`` so the question is still asked in
one place."""

from scr.access import board_roles, rules_for
from scr.models import BoardMembership, BoardRole

from .models import DecisionMeeting, InformationRequest, Referral, ReferralStatus

OFFICE = frozenset({BoardRole.BUSINESS_MANAGER, BoardRole.ADMINISTRATOR})
# Who reads referrals: the office, the board chair and the decision body.
OVERSIGHT = OFFICE | {BoardRole.BOARD_CHAIR, BoardRole.DECISION_MEMBER, BoardRole.DECISION_CHAIR}
DECISION_BODY = frozenset({BoardRole.DECISION_MEMBER, BoardRole.DECISION_CHAIR})


class ReferralPerm:
    VIEW = "view_referral"
    EDIT = "edit_referral"
    MANAGE = "manage_referral"  # requests, meetings' agendas, notifications, letters
    DECIDE = "decide_referral"  # the board chair's decision
    RECOMMEND = "recommend_referral"  # the decision body's chair
    ANSWER = "answer_request"
    MANAGE_MEETING = "manage_meeting"
    VIEW_MEETING = "view_meeting"


def _held(user, board_id) -> frozenset[str]:
    return board_roles(user).get(board_id, frozenset())


@rules_for(Referral)
def referral_rule(user, perm: str, referral: Referral) -> bool:
    held = _held(user, referral.board_id)
    own = referral.referred_by_id == user.pk
    match perm:
        case ReferralPerm.VIEW:
            return bool(held & OVERSIGHT) or own
        case ReferralPerm.EDIT:
            return referral.status == ReferralStatus.DRAFT and (own or bool(held & OFFICE))
        case ReferralPerm.MANAGE:
            return bool(held & OFFICE) and not referral.is_draft
        case ReferralPerm.RECOMMEND:
            return BoardRole.DECISION_CHAIR in held and not referral.is_draft
        case ReferralPerm.DECIDE:
            return BoardRole.BOARD_CHAIR in held and not referral.is_draft
    return False


@rules_for(InformationRequest)
def request_rule(user, perm: str, request: InformationRequest) -> bool:
    held = _held(user, request.referral.board_id)
    if perm != ReferralPerm.ANSWER:
        return False
    if held & OFFICE:
        return True
    return BoardMembership.objects.filter(
        user=user, board_id=request.referral.board_id, agency_id=request.agency_id
    ).exists()


@rules_for(DecisionMeeting)
def meeting_rule(user, perm: str, meeting: DecisionMeeting) -> bool:
    held = _held(user, meeting.board_id)
    match perm:
        case ReferralPerm.VIEW_MEETING:
            return bool(held & (OFFICE | DECISION_BODY | {BoardRole.BOARD_CHAIR}))
        case ReferralPerm.MANAGE_MEETING:
            return bool(held & OFFICE)
    return False
