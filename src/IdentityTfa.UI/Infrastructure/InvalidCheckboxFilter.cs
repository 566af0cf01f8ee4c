using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityTfa.UI.Infrastructure;

/// <summary>
/// A checkbox posted with a value other than true or false ("Input.RememberMe=perhaps") fails model binding, and the
/// checkbox tag helper then throws a FormatException converting that value while the page is redrawn: a 500. Before
/// the handler runs, every such entry is set back to false and its error replaced by a message in words, so the page
/// redraws with the box empty and says what to do.
/// </summary>
internal sealed class InvalidCheckboxFilter : IPageFilter
{
    public void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
    }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        var modelState = context.ModelState;
        var invalidBools = modelState
            .Where(e => e.Value is { ValidationState: ModelValidationState.Invalid, AttemptedValue: not null } && !bool.TryParse(e.Value!.AttemptedValue, out _))
            .Select(e => e.Key)
            .Where(key => IsBool(context, key))
            .ToList();
        if (invalidBools.Count == 0)
        {
            return;
        }

        var text = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<LayoutText>>();
        foreach (var key in invalidBools)
        {
            modelState.SetModelValue(key, false, "false");
            modelState[key]!.Errors.Clear();
            modelState.AddModelError(key, text["Tick the box or leave it empty."]);
        }
    }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
    }

    /// <summary>Whether the model-state key names a bool: a handler parameter, or a path of properties from the page model.</summary>
    private static bool IsBool(PageHandlerExecutingContext context, string key)
    {
        if (context.HandlerMethod?.Parameters.FirstOrDefault(p => string.Equals(p.Name, key, StringComparison.OrdinalIgnoreCase)) is { } parameter)
        {
            return IsBool(parameter.ParameterType);
        }

        var type = context.HandlerInstance.GetType();
        foreach (var name in key.Split('.'))
        {
            var property = type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null || property.GetIndexParameters().Length > 0)
            {
                return false;
            }

            type = property.PropertyType;
        }

        return IsBool(type);
    }

    private static bool IsBool(Type type) => (Nullable.GetUnderlyingType(type) ?? type) == typeof(bool);
}
