using IdentityTfa.Entities;


namespace IdentityTfa.Templates;

/// <summary>
/// The built-in messages in English, Spanish and German. Text messages keep to the GSM-7 alphabet and under 160
/// characters (with a company name of up to 30), so each is one SMS segment.
/// </summary>
internal static class BuiltInTemplates
{
    public const string DefaultLanguage = "en";

    public static readonly IReadOnlyDictionary<string, VoicePhrases> Voice = new Dictionary<string, VoicePhrases>
    {
        ["en"] = new("Press 1 to hear the code again.", "Goodbye.", "en-US"),
        ["es"] = new("Pulse 1 para escuchar el código otra vez.", "Adiós.", "es-ES"),
        ["de"] = new("Drücken Sie die 1, um den Code noch einmal zu hören.", "Auf Wiederhören.", "de-DE"),
    };

    private static readonly Dictionary<(string Language, ChallengePurpose Purpose), MessageTemplateSet> Sets = new()
    {
        [("en", ChallengePurpose.SignIn)] = new(
            "{code} is your {company} sign-in code. It expires in {minutes} min. Never share it.",
            "Your {company} sign-in code is {code}.",
            "Your {company} sign-in code",
            "Your sign-in code is {code}.\n\nIt expires in {minutes} minutes. Never share it: {company} will never ask you for it.\n\nIf you did not try to sign in, change your password."),
        [("en", ChallengePurpose.PhoneVerification)] = new(
            "{code} is your {company} code to verify this phone. It expires in {minutes} min.",
            "Your {company} code to verify this phone is {code}.",
            "Verify your phone for {company}",
            "Your code to verify your phone is {code}.\n\nIt expires in {minutes} minutes."),
        [("en", ChallengePurpose.EmailVerification)] = new(
            "{code} is your {company} code to verify your email. It expires in {minutes} min.",
            "Your {company} code to verify your email is {code}.",
            "Verify your email address for {company}",
            "Your code to verify this email address is {code}.\n\nIt expires in {minutes} minutes. If you did not ask for it, ignore this mail."),

        [("es", ChallengePurpose.SignIn)] = new(
            "{code} es tu codigo de acceso a {company}. Caduca en {minutes} min. No lo compartas.",
            "Tu código de acceso a {company} es {code}.",
            "Tu código de acceso a {company}",
            "Tu código de acceso es {code}.\n\nCaduca en {minutes} minutos. No lo compartas: {company} nunca te lo pedirá.\n\nSi no intentaste entrar, cambia tu contraseña."),
        [("es", ChallengePurpose.PhoneVerification)] = new(
            "{code} es tu codigo de {company} para verificar este telefono. Caduca en {minutes} min.",
            "Tu código de {company} para verificar este teléfono es {code}.",
            "Verifica tu teléfono en {company}",
            "Tu código para verificar tu teléfono es {code}.\n\nCaduca en {minutes} minutos."),
        [("es", ChallengePurpose.EmailVerification)] = new(
            "{code} es tu codigo de {company} para verificar tu correo. Caduca en {minutes} min.",
            "Tu código de {company} para verificar tu correo es {code}.",
            "Verifica tu correo en {company}",
            "Tu código para verificar este correo es {code}.\n\nCaduca en {minutes} minutos. Si no lo pediste, ignora este mensaje."),

        [("de", ChallengePurpose.SignIn)] = new(
            "{code} ist Ihr Anmeldecode für {company}. Gültig {minutes} Min. Nicht weitergeben.",
            "Ihr Anmeldecode für {company} lautet {code}.",
            "Ihr Anmeldecode für {company}",
            "Ihr Anmeldecode lautet {code}.\n\nEr ist {minutes} Minuten gültig. Geben Sie ihn nicht weiter: {company} fragt Sie nie danach.\n\nWenn Sie sich nicht anmelden wollten, ändern Sie Ihr Passwort."),
        [("de", ChallengePurpose.PhoneVerification)] = new(
            "{code} ist Ihr Code von {company} zur Bestätigung dieses Telefons. Gültig {minutes} Min.",
            "Ihr Code von {company} zur Bestätigung dieses Telefons lautet {code}.",
            "Bestätigen Sie Ihr Telefon bei {company}",
            "Ihr Code zur Bestätigung Ihres Telefons lautet {code}.\n\nEr ist {minutes} Minuten gültig."),
        [("de", ChallengePurpose.EmailVerification)] = new(
            "{code} ist Ihr Code von {company} zur Bestätigung Ihrer E-Mail. Gültig {minutes} Min.",
            "Ihr Code von {company} zur Bestätigung Ihrer E-Mail lautet {code}.",
            "Bestätigen Sie Ihre E-Mail-Adresse bei {company}",
            "Ihr Code zur Bestätigung dieser E-Mail-Adresse lautet {code}.\n\nEr ist {minutes} Minuten gültig. Wenn Sie ihn nicht angefordert haben, ignorieren Sie diese Mail."),
    };

    public static IEnumerable<string> Languages => Voice.Keys;

    /// <summary>The set of a purpose in the language, or in English when the language has none.</summary>
    public static MessageTemplateSet For(string language, ChallengePurpose purpose) =>
        Sets.TryGetValue((language, purpose), out var set) ? set : Sets[(DefaultLanguage, purpose)];

    public static VoicePhrases VoiceFor(string language) =>
        Voice.TryGetValue(language, out var phrases) ? phrases : Voice[DefaultLanguage];

    /// <summary>The two-letter language of a culture when there are messages in it, else English.</summary>
    public static string LanguageOf(System.Globalization.CultureInfo culture) =>
        Voice.ContainsKey(culture.TwoLetterISOLanguageName) ? culture.TwoLetterISOLanguageName : DefaultLanguage;
}
