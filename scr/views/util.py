from django.core.exceptions import ValidationError


def apply_errors(form, error: ValidationError) -> None:
    """Put a service's validation errors on the form, so they show in the error summary."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def posted(request):
    """The submitted data on a POST (even an empty one, which must still be validated), else
    None so the form is unbound."""
    return request.POST if request.method == "POST" else None
