using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace IdentityTfa.IntegrationTests.Support;

/// <summary>
/// A WebAuthn authenticator in software (one ES256 passkey), for tests without a browser: it answers the options the
/// shop hands out with a "none" attestation or a signed assertion, exactly as a browser would post them.
/// </summary>
public sealed class SoftAuthenticator : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private uint _signCount;

    public byte[] CredentialId { get; } = RandomNumberGenerator.GetBytes(16);

    /// <summary>The passkey as Identity stores it, for putting straight into a user's store.</summary>
    public UserPasskeyInfo Passkey(string name, DateTimeOffset createdAt) =>
        new(CredentialId, CoseKey(), createdAt, 0, ["internal"], true, false, false, [0xa0], [0x7b, 0x7d]) { Name = name };

    /// <summary>The browser's answer to creation options (JSON of <c>navigator.credentials.create()</c>).</summary>
    public string Create(string optionsJson, string origin = "https://localhost")
    {
        using var options = JsonDocument.Parse(optionsJson);
        var rpId = options.RootElement.GetProperty("rp").TryGetProperty("id", out var id) ? id.GetString()! : new Uri(origin).Host;
        var clientData = ClientData("webauthn.create", options.RootElement.GetProperty("challenge").GetString()!, origin);
        var cose = CoseKey();
        var authData = Concat(SHA256.HashData(Encoding.UTF8.GetBytes(rpId)), [0x45], Count(0), new byte[16], Length(CredentialId.Length), CredentialId, cose);
        var attestation = Concat(
            [0xa3, 0x63], "fmt"u8.ToArray(), [0x64], "none"u8.ToArray(), [0x67], "attStmt"u8.ToArray(), [0xa0],
            [0x68], "authData"u8.ToArray(), [0x59], Length(authData.Length), authData);
        return JsonSerializer.Serialize(new
        {
            id = B64(CredentialId),
            rawId = B64(CredentialId),
            type = "public-key",
            response = new { clientDataJSON = B64(clientData), attestationObject = B64(attestation), transports = new[] { "internal" } },
            clientExtensionResults = new { },
            authenticatorAttachment = "platform",
        });
    }

    /// <summary>The browser's answer to request options (JSON of <c>navigator.credentials.get()</c>), signed by this passkey of <paramref name="userId"/>.</summary>
    public string Get(string optionsJson, string userId, string origin = "https://localhost")
    {
        using var options = JsonDocument.Parse(optionsJson);
        var rpId = options.RootElement.TryGetProperty("rpId", out var id) ? id.GetString()! : new Uri(origin).Host;
        var clientData = ClientData("webauthn.get", options.RootElement.GetProperty("challenge").GetString()!, origin);
        var authData = Concat(SHA256.HashData(Encoding.UTF8.GetBytes(rpId)), [0x05], Count(++_signCount));
        var signature = _key.SignData(Concat(authData, SHA256.HashData(clientData)), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return JsonSerializer.Serialize(new
        {
            id = B64(CredentialId),
            rawId = B64(CredentialId),
            type = "public-key",
            response = new
            {
                clientDataJSON = B64(clientData),
                authenticatorData = B64(authData),
                signature = B64(signature),
                userHandle = B64(Encoding.UTF8.GetBytes(userId)),
            },
            clientExtensionResults = new { },
            authenticatorAttachment = "platform",
        });
    }

    public void Dispose() => _key.Dispose();

    // COSE_Key of an EC2 P-256 key for ES256: {1: 2, 3: -7, -1: 1, -2: x, -3: y}.
    private byte[] CoseKey()
    {
        var point = _key.ExportParameters(false).Q;
        return Concat([0xa5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21, 0x58, 0x20], point.X!, [0x22, 0x58, 0x20], point.Y!);
    }

    private static byte[] ClientData(string type, string challenge, string origin) =>
        JsonSerializer.SerializeToUtf8Bytes(new { type, challenge, origin, crossOrigin = false });

    private static byte[] Count(uint count)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, count);
        return bytes;
    }

    private static byte[] Length(int length)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)length);
        return bytes;
    }

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    private static string B64(byte[] bytes) => Base64Url.EncodeToString(bytes);
}
