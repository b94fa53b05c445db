"""Every page that shows case content is in the access log. Views that log their own access
(with a fuller description, or a download) mark the request; for every other page a person opens
under a case's address (a review, a referral, a meeting: each stage registers its prefixes with
``registry.case_page``), this writes the row."""

from django.apps import apps

from scr import registry
from scr.access import log_access
from scr.models.audit import AccessAction


class CaseAccessMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.method == "GET"
            and response.status_code == 200
            and request.user.is_authenticated
            and not getattr(request, "access_logged", False)
            and not request.headers.get("X-Requested-With")  # a page polling itself
        ):
            self._log(request)
        return response

    @staticmethod
    def _log(request) -> None:
        match = request.resolver_match
        pk = match.kwargs.get("pk") if match else None
        if not isinstance(pk, int):
            return
        for prefix, label in registry.case_pages:
            if request.path.startswith(prefix):
                case = apps.get_model(label)._default_manager.filter(pk=pk).first()
                if case is not None:
                    log_access(request, AccessAction.VIEW, case, description=match.url_name)
                return
