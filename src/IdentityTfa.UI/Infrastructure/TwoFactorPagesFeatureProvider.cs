using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Mvc.Razor.Compilation;
using Microsoft.AspNetCore.Razor.Hosting;

namespace IdentityTfa.UI.Infrastructure;

/// <summary>
/// Where a page or layout of this package has the same path as one of Identity UI's (the verify screen, the
/// two-factor settings, the layout), serves this package's. Two class libraries with one path would otherwise leave the
/// choice to the order of their parts. A page of the app itself at that path still wins.
/// </summary>
internal sealed class TwoFactorPagesFeatureProvider : IApplicationFeatureProvider<ViewsFeature>
{
    private static readonly System.Reflection.Assembly Ours = typeof(TwoFactorPagesFeatureProvider).Assembly;
    private static readonly string IdentityUIAssembly = typeof(Microsoft.AspNetCore.Identity.UI.Services.IEmailSender).Assembly.GetName().Name!;

    public void PopulateFeature(IEnumerable<ApplicationPart> parts, ViewsFeature feature)
    {
        foreach (var item in new RazorCompiledItemLoader().LoadItems(Ours))
        {
            var existing = feature.ViewDescriptors.FirstOrDefault(d => string.Equals(d.RelativePath, item.Identifier, StringComparison.OrdinalIgnoreCase));
            if (existing is null)
            {
                feature.ViewDescriptors.Add(new CompiledViewDescriptor(item));
            }
            else if (existing.Item?.Type.Assembly.GetName().Name == IdentityUIAssembly)
            {
                feature.ViewDescriptors.Remove(existing);
                feature.ViewDescriptors.Add(new CompiledViewDescriptor(item));
            }
        }
    }
}
