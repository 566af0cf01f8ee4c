namespace IdentityTfa.UI.Text;

/// <summary>
/// Names the resource of a page model whose namespace says otherwise: the restyled stock Identity pages live in the
/// Account folder (their paths are Identity UI's) but their words are the layout's (<see cref="LayoutText"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
internal sealed class PageTextAttribute(Type resource) : Attribute
{
    public Type Resource { get; } = resource;
}
