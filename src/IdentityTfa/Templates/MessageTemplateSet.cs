namespace IdentityTfa.Templates;

/// <summary>The words of one purpose in one language, for every channel. Placeholders: <c>{code}</c>, <c>{company}</c>, <c>{minutes}</c>.</summary>
internal sealed record MessageTemplateSet(string Text, string Voice, string EmailSubject, string EmailText);

/// <summary>Words of a voice call that do not depend on the purpose.</summary>
internal sealed record VoicePhrases(string PressToRepeat, string Goodbye, string TwilioLanguage);
