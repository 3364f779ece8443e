# {{name}}: {{description}}
#
# The platform calls main(data, context) once per call with the request's JSON input, and sends
# back what main returns as JSON. See README.md for the context API and the environment.


def main(data, context):
    """Greets the caller and shows where this function would reach the platform's ML service."""
    name = data.get("name") or "World"
    url = ml_service_url(context.sdk)
    context.logger.info("ML service at %s", url or "<not configured>")
    return {
        "greeting": f"Hello, {name}!",
        "mlServiceUrl": url,
        "callId": context.call_id,
    }


def ml_service_url(sdk):
    """FATHOM_SDK_BASE_URL + FATHOM_SDK_SERVICE_PATH_ML + /openapi, or None outside the platform.

    Send FATHOM_SDK_AUTHORIZATION as the Authorization header when you call it.
    """
    base_url = sdk.get("FATHOM_SDK_BASE_URL")
    service_path = sdk.get("FATHOM_SDK_SERVICE_PATH_ML")
    if not base_url or not service_path:
        return None
    return f"{base_url.rstrip('/')}/{service_path.strip('/')}/openapi"
