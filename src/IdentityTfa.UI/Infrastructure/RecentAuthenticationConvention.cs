using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace IdentityTfa.UI.Infrastructure;

/// <summary>Adds <see cref="RecentAuthenticationPageFilter"/> to every page whose model carries <see cref="RequireRecentAuthenticationAttribute"/>.</summary>
internal sealed class RecentAuthenticationConvention : IPageApplicationModelConvention
{
    public void Apply(PageApplicationModel model)
    {
        if ((model.ModelType ?? model.HandlerType).GetCustomAttribute<RequireRecentAuthenticationAttribute>(inherit: true) is not null)
        {
            model.Filters.Add(new ServiceFilterAttribute(typeof(RecentAuthenticationPageFilter)));
        }
    }
}
