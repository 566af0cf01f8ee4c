using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace IdentityTfa.UI.Infrastructure;

/// <summary>Serves each page whose model carries <see cref="TwoFactorDefaultUIAttribute"/> with that model made over the app's user type.</summary>
internal sealed class TwoFactorPageModelConvention(Type userType) : IPageApplicationModelConvention
{
    public void Apply(PageApplicationModel model)
    {
        if (model.ModelType?.GetCustomAttribute<TwoFactorDefaultUIAttribute>() is { } defaultUI)
        {
            model.ModelType = defaultUI.Template.MakeGenericType(userType).GetTypeInfo();
        }
    }
}
