using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;

namespace IdentityTfa.IntegrationTests.Support;

/// <summary>
/// Twilio's own OpenAPI descriptions (Messages and Calls, the account fetch, Lookup v2's phone number fetch), used to
/// check every request the fake Twilio receives: the operation and its method, path parameters, basic authentication,
/// the query's known parameters, and the form's required and known fields, each against its schema.
/// </summary>
public sealed partial class TwilioOpenApiContract
{
    private readonly List<(string Method, Regex Path, JsonElement Operation)> _operations = [];

    public TwilioOpenApiContract(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            var document = JsonDocument.Parse(File.ReadAllText(path));
            foreach (var pathItem in document.RootElement.GetProperty("paths").EnumerateObject())
            {
                var pattern = new Regex("^" + ParamPattern().Replace(Regex.Escape(pathItem.Name).Replace(@"\{", "{", StringComparison.Ordinal), "(?<$1>[^/]+)") + "$");
                foreach (var method in new[] { "get", "post" })
                {
                    if (pathItem.Value.TryGetProperty(method, out var operation))
                    {
                        _operations.Add((method.ToUpperInvariant(), pattern, operation));
                    }
                }
            }
        }
    }

    /// <summary>Everything about the request that Twilio's descriptions do not allow; empty when it is a valid request.</summary>
    public List<string> Check(HttpRequest request, IReadOnlyList<KeyValuePair<string, string>> form)
    {
        var problems = new List<string>();
        var path = Uri.UnescapeDataString(request.Path.Value ?? string.Empty);
        var match = _operations.Select(o => (o, m: o.Path.Match(path))).FirstOrDefault(x => x.m.Success && x.o.Method == request.Method);
        if (match.m is null)
        {
            problems.Add($"{request.Method} {request.Path} is not an operation of Twilio's API description.");
            return problems;
        }

        var (operation, pathMatch) = (match.o.Operation, match.m);
        var parameters = operation.TryGetProperty("parameters", out var p) ? p.EnumerateArray().ToList() : [];
        foreach (var parameter in parameters.Where(p => p.GetProperty("in").GetString() == "path"))
        {
            var name = parameter.GetProperty("name").GetString()!;
            CheckValue(problems, $"path parameter {name}", pathMatch.Groups[name].Value, parameter.GetProperty("schema"));
        }

        var accountSid = pathMatch.Groups["AccountSid"] is { Success: true } a ? a.Value : pathMatch.Groups["Sid"] is { Success: true } s ? s.Value : null;
        CheckAuthentication(problems, request, accountSid);

        var query = parameters.Where(p => p.GetProperty("in").GetString() == "query").ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("schema"));
        foreach (var (name, values) in request.Query)
        {
            if (!query.TryGetValue(name, out var schema))
            {
                problems.Add($"Query parameter {name} is not in Twilio's description.");
                continue;
            }

            CheckValue(problems, $"query parameter {name}", values.ToString(), schema);
        }

        if (!operation.TryGetProperty("requestBody", out var requestBody))
        {
            if (form.Count > 0 || request.ContentLength > 0)
            {
                problems.Add($"{request.Method} {request.Path} takes no body.");
            }

            return problems;
        }

        var body = requestBody.GetProperty("content");
        if (!body.TryGetProperty("application/x-www-form-urlencoded", out var formContent) || request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal) != true)
        {
            problems.Add($"Content-Type '{request.ContentType}' is not application/x-www-form-urlencoded.");
            return problems;
        }

        var bodySchema = formContent.GetProperty("schema");
        var properties = bodySchema.GetProperty("properties");
        foreach (var required in bodySchema.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(e => e.GetString()!) : [])
        {
            if (!form.Any(f => f.Key == required && f.Value.Length > 0))
            {
                problems.Add($"Required field {required} is missing.");
            }
        }

        foreach (var (name, value) in form)
        {
            if (!properties.TryGetProperty(name, out var property))
            {
                problems.Add($"Field {name} is not in Twilio's description.");
                continue;
            }

            CheckValue(problems, $"field {name}", value, property);
        }

        return problems;
    }

    private static void CheckAuthentication(List<string> problems, HttpRequest request, string? accountSid)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            problems.Add("No HTTP basic authentication.");
            return;
        }

        var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..])).Split(':', 2);
        if (pair.Length != 2 || pair[1].Length == 0 || (pair[0] != (accountSid ?? FakeTwilio.AccountSid) && !pair[0].StartsWith("SK", StringComparison.Ordinal)))
        {
            problems.Add("Basic authentication must be the account SID (or an API key SID) with a secret.");
        }
    }

    private static void CheckValue(List<string> problems, string what, string value, JsonElement schema)
    {
        if (schema.TryGetProperty("minLength", out var min) && value.Length < min.GetInt32())
        {
            problems.Add($"{what} is shorter than {min.GetInt32()}.");
        }

        if (schema.TryGetProperty("maxLength", out var max) && value.Length > max.GetInt32())
        {
            problems.Add($"{what} is longer than {max.GetInt32()}.");
        }

        if (schema.TryGetProperty("pattern", out var pattern) && !Regex.IsMatch(value, pattern.GetString()!))
        {
            problems.Add($"{what} '{value}' does not match {pattern.GetString()}.");
        }

        var type = schema.TryGetProperty("type", out var t) ? t.GetString() : null;
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        var valid = (type, format) switch
        {
            ("integer", _) => int.TryParse(value, out _),
            ("boolean", _) => value is "true" or "false",
            (_, "phone-number") => E164().IsMatch(value),
            (_, "endpoint") => E164().IsMatch(value) || value.StartsWith("client:", StringComparison.Ordinal) || value.StartsWith("sip:", StringComparison.Ordinal),
            (_, "uri") => Uri.TryCreate(value, UriKind.Absolute, out _),
            (_, "twiml") => IsTwiml(value),
            _ => true,
        };
        if (!valid)
        {
            problems.Add($"{what} is not a valid {format ?? type}.");
        }
    }

    private static bool IsTwiml(string value)
    {
        try
        {
            return XDocument.Parse(value).Root?.Name.LocalName == "Response";
        }
        catch (System.Xml.XmlException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex ParamPattern();

    [GeneratedRegex(@"^\+[1-9]\d{1,14}$")]
    private static partial Regex E164();
}
