using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace IdentityTfa.Api;

/// <summary>
/// Reads an endpoint's JSON body before minimal APIs bind it, and answers what is wrong as a ProblemDetails in words:
/// not JSON (415), broken JSON, a field of the wrong type, a required field missing, a field over its
/// <see cref="MaxLengthAttribute"/>. Minimal APIs answer these with an empty 400 or 415 unless ThrowOnBadRequest is on,
/// which a production app leaves off.
/// </summary>
internal static class JsonBodyCheck
{
    private static readonly NullabilityInfoContext Nullability = new();

    /// <summary>Wraps the endpoint's request delegate when it binds a JSON body; call it as a <c>Finally</c> convention.</summary>
    public static void Apply(EndpointBuilder endpoint)
    {
        if (endpoint.Metadata.OfType<IAcceptsMetadata>().FirstOrDefault(a => a.RequestType is not null) is not { RequestType: { } type } accepts
            || endpoint.RequestDelegate is not { } next)
        {
            return;
        }

        // Routing would answer another content type with an empty 415 before this check runs; last metadata wins, so
        // routing lets every content type through, and the check answers 415 in words. The API description keeps the
        // first (JSON) metadata.
        endpoint.Metadata.Add(new AcceptsMetadata([], type, accepts.IsOptional));
        endpoint.RequestDelegate = async http =>
        {
            if (await ProblemAsync(http, type, accepts.IsOptional) is { } problem)
            {
                await problem.ExecuteAsync(http);
                return;
            }

            await next(http);
        };
    }

    private static async Task<IResult?> ProblemAsync(HttpContext http, Type type, bool optional)
    {
        var request = http.Request;
        var empty = request.ContentLength == 0 || (request.ContentLength is null && !request.Headers.ContainsKey("Transfer-Encoding"));
        if (empty && request.ContentType is null)
        {
            return optional ? null : TokenApiEndpoints.Problem(400, "The request body is empty.", "Send the fields as a JSON object with Content-Type: application/json.");
        }

        if (!request.HasJsonContentType())
        {
            return TokenApiEndpoints.Problem(415, "The request body must be JSON.", "Send the fields as a JSON object with Content-Type: application/json.");
        }

        request.EnableBuffering();
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: http.RequestAborted);
        }
        catch (JsonException broken)
        {
            return TokenApiEndpoints.Problem(400, "The request body is not valid JSON.",
                $"It breaks at line {(broken.LineNumber ?? 0) + 1}, position {(broken.BytePositionInLine ?? 0) + 1}.");
        }

        request.Body.Position = 0;
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return TokenApiEndpoints.Problem(400, "The request body must be a JSON object.", "Send the fields as one JSON object, as the API description shows.");
            }

            var options = http.RequestServices.GetService<IOptions<HttpJsonOptions>>()?.Value.SerializerOptions ?? JsonSerializerOptions.Web;
            object? body;
            try
            {
                body = document.Deserialize(type, options);
            }
            catch (JsonException wrongType)
            {
                var field = wrongType.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "A field";
                return TokenApiEndpoints.Problem(400, "A field has the wrong type.", $"{field} has the wrong type; see the API description.");
            }

            return body is null ? null : FieldProblem(body, options);
        }
    }

    private static IResult? FieldProblem(object body, JsonSerializerOptions options)
    {
        foreach (var property in body.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = options.PropertyNamingPolicy?.ConvertName(property.Name) ?? property.Name;
            var value = property.GetValue(body);
            if (value is null && property.PropertyType.IsClass && Nullability.Create(property).ReadState == NullabilityState.NotNull)
            {
                return TokenApiEndpoints.Problem(400, "A required field is missing.", $"{name} is required.");
            }

            if (value is string text && property.GetCustomAttribute<MaxLengthAttribute>() is { } max && text.Length > max.Length)
            {
                return TokenApiEndpoints.Problem(400, "A field is too long.", $"{name} must be at most {max.Length} characters.");
            }
        }

        return null;
    }
}
