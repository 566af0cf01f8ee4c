using System.Text;
using System.Text.Encodings.Web;
using IdentityTfa.Delivery;
using IdentityTfa.Delivery.DevInbox;
using IdentityTfa.Entities;
using IdentityTfa.Persistence;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Shows the development inbox at <c>/dev/inbox</c>.</summary>
public static class DevInboxEndpoint
{
    /// <summary>Maps <c>/dev/inbox</c> in the Development environment only; elsewhere it maps nothing, so the path is not found.</summary>
    public static IEndpointRouteBuilder MapIdentityTfaDevInbox(this IEndpointRouteBuilder endpoints, string path = "/dev/inbox")
    {
        if (!endpoints.ServiceProvider.GetRequiredService<IHostEnvironment>().IsDevelopment())
        {
            return endpoints;
        }

        endpoints.MapGet(path, async (string? to, TwoFactorDbContextAccessor db, CancellationToken cancellationToken) =>
        {
            // ?to= shows one phone number's or address's messages.
            var query = db.Context.Set<DevInboxMessage>().AsNoTracking();
            if (!string.IsNullOrEmpty(to))
            {
                query = query.Where(m => m.To == to);
            }

            var messages = await query.OrderByDescending(m => m.Id).Take(100).ToListAsync(cancellationToken);
            return Results.Content(Render(messages), "text/html; charset=utf-8");
        }).ExcludeFromDescription();

        return endpoints;
    }

    private static string Render(IReadOnlyList<DevInboxMessage> messages)
    {
        var html = HtmlEncoder.Default;
        var page = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Development inbox</title></head><body><main>");
        page.Append("<h1>Development inbox</h1><p>Messages kept instead of sent. Development only.</p>");
        if (messages.Count == 0)
        {
            page.Append("<p>No messages yet.</p>");
        }

        page.Append("<ol class=\"messages\">");
        foreach (var m in messages)
        {
            page.Append("<li class=\"message\"><article>")
                .Append("<p><span class=\"channel\">").Append(html.Encode(m.Channel.ToString())).Append("</span> to <span class=\"to\">")
                .Append(html.Encode(m.To)).Append("</span> at <time>").Append(html.Encode(m.CreatedAt.ToString("u"))).Append("</time></p>");
            if (m.Subject.Length > 0)
            {
                page.Append("<h2 class=\"subject\">").Append(html.Encode(m.Subject)).Append("</h2>");
            }

            page.Append("<p class=\"body\">").Append(html.Encode(m.Body)).Append("</p></article></li>");
        }

        return page.Append("</ol></main></body></html>").ToString();
    }
}
