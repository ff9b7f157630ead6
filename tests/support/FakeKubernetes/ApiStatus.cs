using System.Text.Json.Nodes;

namespace BudgetBuddy.TestSupport.FakeKubernetes;

/// <summary>
/// The <c>Status</c> objects the real API server answers errors with (<c>k8s.io/apimachinery/pkg/api/errors</c>),
/// with the same reasons, codes and message wording, so clients that branch on them behave as against a cluster.
/// </summary>
internal static class ApiStatus
{
    public static JsonObject Failure(int code, string reason, string message, JsonObject? details = null)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
        };
        if (details is not null)
        {
            status["details"] = details;
        }

        status["code"] = code;
        return status;
    }

    public static JsonObject Success(ApiResource resource, string name, string? uid) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Success",
        ["details"] = Details(resource, name, uid),
    };

    public static ApiStatusException NotFound(ApiResource resource, string name) =>
        new(Failure(404, "NotFound", $"{resource.QualifiedName} \"{name}\" not found", Details(resource, name)));

    public static ApiStatusException NotFoundPath() =>
        new(Failure(404, "NotFound", "the server could not find the requested resource", new JsonObject()));

    public static ApiStatusException AlreadyExists(ApiResource resource, string name) =>
        new(Failure(409, "AlreadyExists", $"{resource.QualifiedName} \"{name}\" already exists", Details(resource, name)));

    public static ApiStatusException Conflict(ApiResource resource, string name, string detail) =>
        new(Failure(409, "Conflict", $"Operation cannot be fulfilled on {resource.QualifiedName} \"{name}\": {detail}", Details(resource, name)));

    public static ApiStatusException StaleResourceVersion(ApiResource resource, string name) =>
        Conflict(resource, name, "the object has been modified; please apply your changes to the latest version and try again");

    public static ApiStatusException Invalid(ApiResource resource, string name, string field, string causeReason, string detail)
    {
        var details = new JsonObject
        {
            ["name"] = name,
            ["group"] = resource.Group,
            ["kind"] = resource.Kind,
            ["causes"] = new JsonArray(new JsonObject { ["reason"] = causeReason, ["message"] = detail, ["field"] = field }),
        };
        return new(Failure(422, "Invalid", $"{resource.Kind} \"{name}\" is invalid: {field}: {detail}", details));
    }

    public static ApiStatusException BadRequest(string message) => new(Failure(400, "BadRequest", message));

    public static ApiStatusException UnprocessableEntity(string message) => new(Failure(422, "", message));

    public static ApiStatusException MethodNotAllowed(string method) =>
        new(Failure(405, "MethodNotAllowed", $"the server does not allow this method on the requested resource ({method})", new JsonObject()));

    public static ApiStatusException UnsupportedMediaType(string contentType) =>
        new(Failure(415, "UnsupportedMediaType",
            $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml (got {contentType})"));

    public static ApiStatusException InternalError(string message) =>
        new(Failure(500, "InternalError", $"Internal error occurred: {message}",
            new JsonObject { ["causes"] = new JsonArray(new JsonObject { ["message"] = message }) }));

    /// <summary>The Status a watch sends as an ERROR event when the requested resourceVersion left the history.</summary>
    public static JsonObject Expired(long requested, long oldest) =>
        Failure(410, "Expired", $"too old resource version: {requested} ({oldest})");

    /// <summary>The Status of a fault injected by a test: the reason the real server gives for that code.</summary>
    public static JsonObject Injected(int code) => Failure(code, ReasonFor(code), $"injected fault: HTTP {code}");

    private static string ReasonFor(int code) => code switch
    {
        400 => "BadRequest",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        409 => "Conflict",
        410 => "Gone",
        415 => "UnsupportedMediaType",
        422 => "Invalid",
        429 => "TooManyRequests",
        500 => "InternalError",
        503 => "ServiceUnavailable",
        504 => "Timeout",
        _ => "",
    };

    private static JsonObject Details(ApiResource resource, string name, string? uid = null)
    {
        // The real server puts the plural resource name under "kind" here, not the kind.
        var details = new JsonObject { ["name"] = name };
        if (resource.Group.Length > 0)
        {
            details["group"] = resource.Group;
        }

        details["kind"] = resource.Plural;
        if (uid is not null)
        {
            details["uid"] = uid;
        }

        return details;
    }
}
