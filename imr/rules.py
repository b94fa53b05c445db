"""Who may do what with agency reports, and the fixed lists a report is judged against.

An agency's author and senior manager work on that agency's report only; nobody else knows the
draft exists. The panel (the office, the panel chair and members, the overview author) sees the
versions the senior manager has signed off, and grades them.
"""

from chronology.rules import agencies_written_by, is_panel
from scr.access import GRADERS
from scr.models import ReviewRole, ReviewRoleKind

__all__ = ["agencies_written_by", "is_panel", "is_author", "is_senior_manager", "may_grade"]


def _holds(user, review, agency_id: int, role: str) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return ReviewRole.objects.filter(
        review=review, user=user, role=role, agency_id=agency_id
    ).exists()


def is_author(user, review, agency_id: int) -> bool:
    return _holds(user, review, agency_id, ReviewRoleKind.IMR_AUTHOR)


def is_senior_manager(user, review, agency_id: int) -> bool:
    return _holds(user, review, agency_id, ReviewRoleKind.SENIOR_MANAGER)


def may_grade(user, review) -> bool:
    """Panel members, the panel chair and the overview author grade reports; the office does
    not."""
    if not user.is_authenticated or not user.is_active:
        return False
    return ReviewRole.objects.filter(review=review, user=user, role__in=GRADERS).exists()


# What the author is asked to cover in each section, by section key (the boards' templates share
# most keys). Shown beside the text box; the product's own wording.
SECTION_QUESTIONS: dict[str, list[str]] = {
    "cover": [
        "Who wrote the report, and what is their role in the agency?",
        "Confirm you had no part in the case, or in managing the staff who worked on it.",
    ],
    "front_sheet": [
        "Which agency is this, and when did it first and last have contact with the family?",
        "Who signs the report off for the agency, and at what level?",
    ],
    "introduction": [
        "Why is this report being written, and for which review?",
        "What period does it cover?",
    ],
    "terms_of_reference": [
        "Which of the review's key issues does this agency's report answer?",
        "Were any issues added or left out for this agency, and why?",
    ],
    "author": [
        "What experience and qualifications do you bring to this report?",
        "How are you independent of the case and of its line management?",
    ],
    "agency": [
        "What does the agency do, for whom, and how are its services organised?",
    ],
    "background": [
        "What was the family's situation before the period under review?",
    ],
    "context": [
        "What was happening in the agency at the time (staffing, caseloads, reorganisation)?",
        "Which policies and procedures applied to this work?",
    ],
    "process": [
        "How was the review carried out: records read, staff interviewed, meetings held?",
    ],
    "methodology": [
        "Which records did you read, and whom did you consult?",
        "What information could you not get, and why?",
        "Which staff did you not interview, and why?",
    ],
    "family": [
        "Who are the family members and significant others, by code?",
        "Who lived in the household, and when?",
    ],
    "genogram": [
        "Does the genogram from the review's people match what your records show?",
    ],
    "facts": [
        "What did the agency know about the child and family, and when?",
        "When was the child seen, and were their views and wishes sought?",
    ],
    "involvement": [
        "What did the agency do, and when? Follow the agency's chronology.",
        "Was the child seen, and were their views, wishes and feelings heard?",
    ],
    "analysis": [
        "Which decisions were made or not made, and why?",
        "Was the work consistent with policy, procedure and professional standards?",
        "Where was practice good, and where should it have been different?",
        "How did supervision, recording and contact with other agencies work?",
    ],
    "learning": [
        "What does the agency learn, and why did things happen as they did?",
        "Are any lessons repeated from earlier reviews?",
    ],
    "recommendations": [
        "What will the agency change? Each recommendation should say one thing.",
    ],
    "action_plan": [
        "How will each recommendation be carried out, by whom and by when?",
    ],
    "chronology": [
        "The agency's chronology is attached from the chronology pages: add anything it needs.",
    ],
    "timeline": [
        "The agency's chronology is attached from the chronology pages: add anything it needs.",
    ],
    "scope": [
        "What did the report leave out of its scope, and why?",
    ],
}

DEFAULT_QUESTIONS = ["What does this section need to tell the panel?"]


def questions_for(key: str) -> list[str]:
    return SECTION_QUESTIONS.get(key, DEFAULT_QUESTIONS)


# The senior manager's quality assurance before signing off (the product's own wording of the
# evaluation checklist the boards ask for).
EVALUATION_CHECKLIST: list[tuple[str, str]] = [
    ("terms", "Every key issue in the terms of reference is answered"),
    ("chronology", "The agency's chronology is complete for the period under review"),
    ("child_seen", "The report says when the child was seen and what their views were"),
    ("analysis", "Practice is analysed, not only described"),
    ("learning", "The lessons say why things happened, not only what happened"),
    ("recommendations", "Each recommendation is specific, owned, dated and measurable"),
    ("independence", "The author was independent of the case and its management"),
    ("anonymity", "People are referred to by their codes"),
]

# The standards grid the panel grades a version on (the product's own wording of the Ofsted
# standards for agency reports).
STANDARDS_GRID: list[tuple[str, str]] = [
    ("family_details", "Family details and genogram"),
    ("chronology", "Chronology of the agency's involvement, from files and interviews"),
    ("child_seen", "When the child was seen, and their views, wishes and feelings"),
    ("summary", "Summary of involvement: quality of work, supervision, recording and liaison"),
    ("process", "How the report was completed is explained to the reader"),
    ("analysis", "Analysis of decisions and actions, turning points and good practice"),
    ("lessons", "Lessons learned, with the reasons behind what went wrong"),
    ("recommendations", "Recommendations that are focused, specific and achievable"),
    ("sign_off", "Signed off at chief officer level"),
    ("change", "What will change is clear; repeated recommendations are identified"),
]
