"""Each board's procedure as it stood when the product was configured: the starting point a board
administrator edits. Loaded by a data migration and by the test fixtures.

Facts come from the boards' published procedures (see shared/seeds); wording is the product's own.
"""

from copy import deepcopy

DECISION_OPTIONS = [
    {"code": "a", "label": "Meets the serious case review threshold", "outcome": "scr"},
    {"code": "b", "label": "Does not meet the threshold", "outcome": "not_met"},
    {
        "code": "c",
        "label": "Systems review (SILP)",
        "outcome": "alternative",
        "review_type": "silp",
    },
    {"code": "d", "label": "Multi-agency review", "outcome": "alternative", "review_type": "mar"},
    {"code": "e", "label": "Single-agency review", "outcome": "alternative", "review_type": "sar"},
    {"code": "f", "label": "Multi-agency audit", "outcome": "alternative", "review_type": "maa"},
    {"code": "g", "label": "Single-agency audit", "outcome": "alternative", "review_type": "saa"},
    {"code": "h", "label": "More information needed", "outcome": "more_information"},
    {"code": "i", "label": "No further action", "outcome": "no_further_action"},
]

RAG = [
    {"code": "red", "label": "Red", "meaning": "Poor progress or not started"},
    {"code": "amber", "label": "Amber", "meaning": "On target"},
    {"code": "green", "label": "Green", "meaning": "Good progress"},
    {"code": "blue", "label": "Blue", "meaning": "Completed"},
]

GENERIC_CHRONOLOGY = [
    {"key": "date", "label": "Date"},
    {"key": "time", "label": "Time (24 hour)"},
    {"key": "family_members", "label": "Family member(s)"},
    {"key": "event", "label": "Event and who was present"},
    {"key": "source", "label": "Source of information"},
    {"key": "action", "label": "Action taken"},
    {"key": "child_seen", "label": "Child seen (alone?), views and wishes"},
    {"key": "staff", "label": "Staff involved"},
    {"key": "comment", "label": "Comment"},
]

BEDFORDSHIRE_IMR = [
    {"key": "front_sheet", "title": "Front sheet and evaluation checklist"},
    {"key": "genogram", "title": "Genogram"},
    {"key": "introduction", "title": "Introduction"},
    {"key": "terms_of_reference", "title": "Terms of reference"},
    {"key": "context", "title": "Contextual information"},
    {"key": "methodology", "title": "Methodology"},
    {"key": "facts", "title": "Summary of facts"},
    {"key": "analysis", "title": "Analysis of involvement"},
    {"key": "learning", "title": "What we learn"},
    {"key": "recommendations", "title": "Recommendations"},
    {"key": "chronology", "title": "Chronology"},
]

BEDFORDSHIRE_ACTION_PLAN = [
    {"key": "recommendation", "label": "Recommendation"},
    {"key": "how", "label": "How it will be achieved"},
    {"key": "lead", "label": "Who is responsible"},
    {"key": "target_date", "label": "Target timescale"},
    {"key": "outcome", "label": "How it improves outcomes for children"},
    {"key": "measure", "label": "How we will know"},
    {"key": "rag", "label": "RAG"},
]


# The events that complete each milestone (see scr.lifecycle for how a rule is written); a
# milestone with none is marked done by hand.
MILESTONE_EVENTS = {
    "referred_to_panel": "decision_meeting",
    "recommendation": "recommendation_made + notification_sent:ofsted",
    "agencies_told": "agencies_asked + setup_letters_sent",
    "panel_arranged": "panel_appointed",
    "terms_agreed": "terms_signed",
    "chronologies_due": "all:chronology_submitted",
    "imrs_due": "all:agency_report_signed_off",
    "draft_overview": "overview_drafted",
    "to_board": "overview_to_board",
    "to_ofsted": "summary_to_ofsted",
    "action_plans_qa": "action_plans_quality_assured",
    "progress_check": "",
}


def _weeks(key: str, label: str, weeks: int, role: str, start: str = "referral") -> dict:
    return {
        "key": key,
        "label": label,
        "from_event": start,
        "amount": weeks,
        "unit": "weeks",
        "responsible_role": role,
        "event": MILESTONE_EVENTS[key],
    }


ROTHERHAM_MILESTONES = [
    _weeks("referred_to_panel", "Referred to the standing panel", 1, "business_manager"),
    _weeks("recommendation", "Recommendation made and Ofsted told", 4, "decision_chair"),
    _weeks("agencies_told", "Agencies told, records secured, family told", 5, "business_manager"),
    _weeks("panel_arranged", "Panel meetings arranged and authors briefed", 6, "business_manager"),
    {
        **_weeks("chronologies_due", "Agency chronologies due and merged", 9, "imr_author"),
        "event": "chronology_merged",
    },
    _weeks("imrs_due", "Agency reports due", 11, "imr_author"),
    _weeks("draft_overview", "Draft overview report", 14, "overview_author"),
    _weeks("to_board", "Overview report to the board", 20, "business_manager"),
    _weeks("to_ofsted", "Executive summary and documents to Ofsted", 22, "business_manager"),
    {
        **_weeks(
            "action_plans_qa",
            "Action plans quality assured and debrief held",
            28,
            "business_manager",
        ),
        "event": "action_plans_quality_assured + debrief_held",
    },
    _weeks("progress_check", "First progress check on action plans", 40, "subgroup_member"),
]


def _scaled_milestones(start: str) -> list[dict]:
    # Boards without a week-by-week guide get the same order of work, counted from their own
    # starting event; administrators adjust them.
    return [
        _weeks("agencies_told", "Agencies told and records secured", 1, "business_manager", start),
        _weeks(
            "panel_arranged", "Panel appointed and authors briefed", 3, "business_manager", start
        ),
        _weeks("terms_agreed", "Terms of reference agreed", 4, "panel_chair", start),
        _weeks("chronologies_due", "Agency chronologies due", 7, "imr_author", start),
        _weeks("imrs_due", "Agency reports due", 10, "imr_author", start),
        _weeks("draft_overview", "Draft overview report", 14, "overview_author", start),
        _weeks("to_board", "Overview report to the board", 20, "business_manager", start),
        _weeks("action_plans_qa", "Action plans quality assured", 28, "business_manager", start),
    ]


def _bedfordshire(slug: str, area: str, prefix: str) -> dict:
    return {
        "slug": slug,
        "name": f"{area} Safeguarding Children Board",
        "short_name": f"{prefix}SCB",
        "reference_prefix": prefix,
        "decision_body_name": "Executive Serious Case Review Panel",
        "decision_body_abbreviation": "ESCRP",
        "review_panel_name": "Executive Serious Case Review Panel",
        "author_group_name": "Serious Case Review Project Group",
        "agency_report_name": "IMR",
        "completion_months": 6,
        "completion_starts_from": "decision",
        "ofsted_judges_months": 4,
        "extension_authority": "Government Office",
        "extension_in_writing": True,
        "review_types": [
            {"code": "scr", "label": "Serious case review", "kind": "scr"},
            {"code": "ipr", "label": "Individual practice review", "kind": "alternative"},
            {"code": "nmr", "label": "Near miss review", "kind": "alternative"},
        ],
        "decision_options": DECISION_OPTIONS[:2]
        + [
            {
                "code": "ipr",
                "label": "Individual practice review",
                "outcome": "alternative",
                "review_type": "ipr",
            },
            {
                "code": "nmr",
                "label": "Near miss review",
                "outcome": "alternative",
                "review_type": "nmr",
            },
        ]
        + DECISION_OPTIONS[7:],
        "notification_recipients": [
            {
                "key": "ofsted",
                "name": "Ofsted",
                "amount": 5,
                "unit": "working_days",
                "from_event": "decision",
            },
            {
                "key": "government_office",
                "name": "Government Office",
                "amount": 5,
                "unit": "working_days",
                "from_event": "decision",
            },
        ],
        "chronology_columns": GENERIC_CHRONOLOGY,
        "imr_sections": BEDFORDSHIRE_IMR,
        "action_plan_columns": BEDFORDSHIRE_ACTION_PLAN,
        "rag_statuses": RAG,
        "action_plan_monitored_by": "the board, by RAG rating (Blue when completed)",
        "milestones": _scaled_milestones("decision"),
        "agencies": [
            ("Bedfordshire Police", "police"),
            (f"{area} Council Children's Services", "social_care"),
            ("Bedford Hospital NHS Trust", "health"),
            ("Bedfordshire Community Health Services", "health"),
            ("East London NHS Foundation Trust (mental health)", "health"),
            ("GP practices (via the Clinical Commissioning Group)", "gp"),
            (f"{area} schools and education service", "education"),
            ("Probation Service", "probation"),
            ("CAFCASS", "cafcass"),
            (f"{area} Council Adult Social Care", "adult_social_care"),
        ],
    }


BOARDS = [
    {
        # Luton runs the same process as Bedfordshire under its own group and panel.
        **_bedfordshire("luton", "Luton", "LU"),
        "name": "Luton Local Safeguarding Children Board",
        "short_name": "Luton LSCB",
        "decision_body_name": "Serious Case Review Group",
        "decision_body_abbreviation": "SCRG",
        "review_panel_name": "Serious Case Review Panel",
        "author_group_name": "",
        "action_plan_monitored_by": "the board",
        "action_plan_columns": [
            {"key": "recommendation", "label": "Recommendation"},
            {"key": "action", "label": "Action"},
            {"key": "lead", "label": "Agency responsible (role and name)"},
            {"key": "target_date", "label": "By date"},
            {"key": "measure", "label": "Monitoring and measure of impact"},
            {"key": "progress", "label": "Progress"},
            {"key": "evidence_audit", "label": "Board evidence audit"},
        ],
        "agencies": [
            ("Bedfordshire Police", "police"),
            ("Luton Borough Council Children's Services", "social_care"),
            ("Luton and Dunstable University Hospital NHS Foundation Trust", "health"),
            ("Cambridgeshire Community Services (Luton children's health)", "health"),
            ("East London NHS Foundation Trust (mental health)", "health"),
            ("Luton GP practices", "gp"),
            ("Luton schools and education service", "education"),
            ("Probation Service", "probation"),
            ("CAFCASS", "cafcass"),
            ("Luton Borough Council Housing", "housing"),
        ],
    },
    _bedfordshire("bedford-borough", "Bedford Borough", "BB"),
    _bedfordshire("central-bedfordshire", "Central Bedfordshire", "CB"),
    {
        "slug": "rotherham",
        "name": "Rotherham Safeguarding Children Board",
        "short_name": "RSCB",
        "reference_prefix": "RO",
        "decision_body_name": "Serious Case Review Standing Panel",
        "decision_body_abbreviation": "SCRSP",
        "review_panel_name": "Serious Case Review Overview Panel",
        "author_group_name": "",
        "agency_report_name": "IMR",
        "completion_months": 4,
        "completion_starts_from": "decision",
        "ofsted_judges_months": None,
        "decision_windows": [
            {
                "key": "refer_to_panel",
                "label": "Referred to the standing panel",
                "amount": 1,
                "unit": "weeks",
                "from_event": "referral",
            },
            {
                "key": "panel_meets",
                "label": "Standing panel meets",
                "amount": 2,
                "unit": "weeks",
                "from_event": "referral",
            },
            {
                "key": "recommendation",
                "label": "Recommendation to the board chair",
                "amount": 1,
                "unit": "weeks",
                "from_event": "panel_meeting",
            },
            {
                "key": "chair_decides",
                "label": "Board chair decides",
                "amount": 1,
                "unit": "months",
                "from_event": "incident",
            },
        ],
        "decision_quorum_min_people": 4,
        "decision_quorum_chair_required": True,
        "decision_quorum_deputy_disciplines": ["police", "social_care"],
        "decision_quorum_required_disciplines": ["police", "social_care", "health"],
        "decision_quorum_dual_roles": 1,
        "panel_min_agencies": 4,
        "panel_chair_independent": True,
        "extension_authority": "Government Office for Yorkshire and the Humber",
        "extension_in_writing": True,
        "review_types": [
            {"code": "scr", "label": "Serious case review", "kind": "scr"},
            {
                "code": "practice_standards",
                "label": "Practice Standards sub-committee review",
                "kind": "alternative",
            },
            {
                "code": "single_agency",
                "label": "Single-agency management review",
                "kind": "alternative",
            },
        ],
        "decision_options": DECISION_OPTIONS[:2]
        + [
            {
                "code": "practice_standards",
                "label": "Practice Standards sub-committee review",
                "outcome": "alternative",
                "review_type": "practice_standards",
            },
            {
                "code": "single_agency",
                "label": "Single-agency management review",
                "outcome": "alternative",
                "review_type": "single_agency",
            },
        ]
        + DECISION_OPTIONS[7:],
        "notification_recipients": [
            {
                "key": "ofsted",
                "name": "Ofsted",
                "amount": 4,
                "unit": "weeks",
                "from_event": "referral",
            },
            {
                "key": "government_office",
                "name": "Government Office for Yorkshire and the Humber",
                "amount": 4,
                "unit": "weeks",
                "from_event": "referral",
            },
        ],
        "chronology_columns": [
            {"key": "date", "label": "Date"},
            {"key": "time", "label": "Time"},
            {"key": "family_members", "label": "Family member(s)"},
            {"key": "event", "label": "Event or information"},
            {"key": "source", "label": "Agency (source)"},
            {"key": "action", "label": "Action taken or other agency's response"},
            {"key": "child_seen", "label": "Child seen (views and wishes)"},
            {"key": "note", "label": "Note"},
        ],
        "imr_sections": [
            {"key": "introduction", "title": "Introduction"},
            {"key": "terms_of_reference", "title": "Terms of reference"},
            {"key": "author", "title": "The author"},
            {"key": "process", "title": "Process of the review"},
            {"key": "family", "title": "Family composition and genogram"},
            {"key": "involvement", "title": "Agency involvement"},
            {"key": "analysis", "title": "Analysis"},
            {"key": "learning", "title": "Learning"},
            {"key": "recommendations", "title": "Recommendations"},
            {"key": "action_plan", "title": "Action plan"},
            {"key": "chronology", "title": "Appendix: chronology"},
        ],
        "action_plan_columns": [
            {"key": "recommendation", "label": "Recommendation"},
            {"key": "action", "label": "Action"},
            {"key": "lead", "label": "Responsible individual"},
            {"key": "target_date", "label": "Target date"},
            {"key": "progress", "label": "Evidence and progress (dated)"},
        ],
        "rag_statuses": RAG,
        "action_plan_monitored_by": "the Standing Panel and the Practice Standards sub-committee",
        "milestones": ROTHERHAM_MILESTONES,
        "agencies": [
            ("South Yorkshire Police", "police"),
            (
                "Rotherham Metropolitan Borough Council Children and Young People's Services",
                "social_care",
            ),
            ("The Rotherham NHS Foundation Trust", "health"),
            ("Rotherham Doncaster and South Humber NHS Foundation Trust", "health"),
            ("NHS Rotherham (GP services)", "gp"),
            ("Rotherham schools and education service", "education"),
            ("South Yorkshire Probation", "probation"),
            ("CAFCASS", "cafcass"),
            ("Rotherham Youth Offending Service", "social_care"),
            ("Rotherham Women's Refuge", "voluntary"),
        ],
    },
    {
        "slug": "waltham-forest",
        "name": "Waltham Forest Local Safeguarding Children Board",
        "short_name": "Waltham Forest LSCB",
        "reference_prefix": "WF",
        "decision_body_name": "Serious Case Review Panel",
        "decision_body_abbreviation": "SCRCP",
        "review_panel_name": "Serious Case Review Panel",
        "author_group_name": "",
        "agency_report_name": "IMR",
        "completion_months": 4,
        "completion_starts_from": "decision",
        "ofsted_judges_months": None,
        "extension_authority": "Government Office for London",
        "extension_in_writing": True,
        "review_types": [
            {"code": "scr", "label": "Serious case review", "kind": "scr"},
            {"code": "case_review", "label": "Case review", "kind": "alternative"},
            {"code": "management_review", "label": "Management review", "kind": "alternative"},
        ],
        "decision_options": DECISION_OPTIONS[:2]
        + [
            {
                "code": "case_review",
                "label": "Case review",
                "outcome": "alternative",
                "review_type": "case_review",
            },
            {
                "code": "management_review",
                "label": "Management review",
                "outcome": "alternative",
                "review_type": "management_review",
            },
        ]
        + DECISION_OPTIONS[7:],
        "notification_recipients": [
            {
                "key": "ofsted",
                "name": "Ofsted",
                "amount": 5,
                "unit": "working_days",
                "from_event": "decision",
            },
            {
                "key": "government_office",
                "name": "Government Office for London",
                "amount": 5,
                "unit": "working_days",
                "from_event": "decision",
            },
        ],
        "chronology_columns": GENERIC_CHRONOLOGY,
        "imr_sections": BEDFORDSHIRE_IMR,
        "action_plan_columns": [
            {"key": "recommendation", "label": "Recommendation"},
            {"key": "action", "label": "Action"},
            {"key": "lead", "label": "Lead"},
            {"key": "target_date", "label": "Target date"},
            {"key": "progress", "label": "Progress"},
            {"key": "rag", "label": "RAG"},
        ],
        "rag_statuses": RAG,
        "action_plan_monitored_by": "the Quality Assurance sub-group",
        "milestones": _scaled_milestones("decision"),
        "agencies": [
            ("Metropolitan Police Service", "police"),
            ("Waltham Forest Children and Families Service", "social_care"),
            ("Whipps Cross University Hospital", "health"),
            ("North East London NHS Foundation Trust", "health"),
            ("Waltham Forest GP practices", "gp"),
            ("Waltham Forest schools and education service", "education"),
            ("London Probation Service", "probation"),
            ("CAFCASS", "cafcass"),
            ("Waltham Forest Housing", "housing"),
        ],
    },
    {
        "slug": "milton-keynes",
        "name": "Milton Keynes Safeguarding Children Board",
        "short_name": "MKSCB",
        "reference_prefix": "MK",
        "decision_body_name": "Serious Case Review Sub-Group",
        "decision_body_abbreviation": "SCRSG",
        "review_panel_name": "Serious Case Review Panel",
        "author_group_name": "Reference Group",
        "agency_report_name": "agency report",
        "completion_months": 6,
        "completion_starts_from": "initiation",
        "ofsted_judges_months": None,
        "decision_meeting_interval_weeks": 6,
        "decision_meeting_cutoff_hours": 48,
        "decision_windows": [
            {
                "key": "recommendation",
                "label": "Recommendation to the board chair",
                "amount": 1,
                "unit": "months",
                "from_event": "referral",
            },
        ],
        "panel_min_members": 6,
        "panel_chair_independent": True,
        "extension_authority": "Ofsted and the National Panel",
        "extension_in_writing": True,
        "review_types": [
            {"code": "scr", "label": "Serious case review", "kind": "scr"},
            {
                "code": "silp",
                "label": "Significant incident learning process (SILP)",
                "kind": "alternative",
            },
            {"code": "mar", "label": "Multi-agency review", "kind": "alternative"},
            {"code": "sar", "label": "Single-agency review", "kind": "alternative"},
            {"code": "maa", "label": "Multi-agency audit", "kind": "alternative"},
            {"code": "saa", "label": "Single-agency audit", "kind": "alternative"},
        ],
        "decision_options": DECISION_OPTIONS,
        "notification_recipients": [
            {
                "key": "ofsted",
                "name": "Ofsted",
                "amount": 5,
                "unit": "working_days",
                "from_event": "decision",
            },
            {
                "key": "dfe",
                "name": "Department for Education",
                "amount": 5,
                "unit": "working_days",
                "from_event": "decision",
            },
            {
                "key": "national_panel",
                "name": "National Panel",
                "amount": 5,
                "unit": "working_days",
                "from_event": "decision",
            },
        ],
        "chronology_columns": [
            {"key": "datetime", "label": "Date and time"},
            {"key": "contact_child", "label": "Contact with the child"},
            {"key": "contact_family", "label": "Contact with parents, carers and family"},
            {"key": "communication", "label": "Inter- and intra-agency communication"},
            {"key": "source", "label": "Information source"},
            {"key": "staff", "label": "Staff involved"},
            {"key": "comment", "label": "Comment"},
        ],
        "imr_sections": [
            {"key": "cover", "title": "Cover and declaration of independence"},
            {"key": "introduction", "title": "Introduction"},
            {"key": "author", "title": "The author's background"},
            {"key": "agency", "title": "The agency's background"},
            {"key": "background", "title": "Background"},
            {"key": "family", "title": "Family composition"},
            {"key": "methodology", "title": "Methodology and consultations"},
            {"key": "involvement", "title": "Involvement"},
            {"key": "analysis", "title": "Analysis"},
            {"key": "learning", "title": "What we learnt"},
            {"key": "recommendations", "title": "Recommendations"},
            {"key": "timeline", "title": "Timeline"},
            {"key": "scope", "title": "Scope"},
        ],
        "action_plan_columns": [
            {"key": "recommendation", "label": "Recommendation (SMART)"},
            {"key": "action", "label": "Action"},
            {"key": "lead", "label": "Lead"},
            {"key": "target_date", "label": "Timescale"},
            {"key": "outcome", "label": "Outcome"},
            {"key": "progress", "label": "Progress"},
            {"key": "evidence", "label": "Evidence"},
        ],
        "rag_statuses": RAG,
        "action_plan_monitored_by": "the SCR Sub-Group, with RAG reported at every board meeting",
        "milestones": _scaled_milestones("initiation"),
        "agencies": [
            ("Thames Valley Police", "police"),
            ("Milton Keynes Council Children's Social Care", "social_care"),
            ("Milton Keynes University Hospital NHS Foundation Trust", "health"),
            ("Central and North West London NHS Foundation Trust", "health"),
            ("Milton Keynes GP practices", "gp"),
            ("Milton Keynes schools and education service", "education"),
            ("Thames Valley Probation", "probation"),
            ("CAFCASS", "cafcass"),
            ("Milton Keynes Council Housing", "housing"),
            ("Milton Keynes Council Adult Social Care", "adult_social_care"),
        ],
    },
]


def load_default_boards(board_model, agency_model) -> None:
    """Create or refresh the six boards and their agencies. Safe to run twice."""
    for spec in deepcopy(BOARDS):
        agencies = spec.pop("agencies")
        board, _ = board_model.objects.update_or_create(slug=spec.pop("slug"), defaults=spec)
        for name, discipline in agencies:
            agency_model.objects.get_or_create(
                board=board, name=name, defaults={"discipline": discipline}
            )
