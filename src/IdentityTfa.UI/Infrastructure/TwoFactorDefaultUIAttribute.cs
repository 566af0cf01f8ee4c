namespace IdentityTfa.UI.Infrastructure;

/// <summary>
/// Names the internal generic page model (over the app's user type) that serves a public abstract page model, as
/// Identity UI's own attribute does.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
internal sealed class TwoFactorDefaultUIAttribute(Type template) : Attribute
{
    public Type Template { get; } = template;
}
