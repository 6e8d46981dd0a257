using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Hearth.Platform.Email;

/// <summary>
/// Signed one-click unsubscribe links (RFC 8058). The token names the member and the list, protected with the app's
/// data-protection keys (kept in the database, so every node reads every other's tokens); it needs no sign-in.
/// </summary>
public sealed class UnsubscribeTokens(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Hearth.Unsubscribe.v1");

    public static readonly string[] Lists = ["notifications", "digest"];

    public string Create(long userId, string list) =>
        _protector.Protect(string.Create(CultureInfo.InvariantCulture, $"{userId}:{list}"));

    public (long UserId, string List)? Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 1000) return null;
        try
        {
            var text = _protector.Unprotect(token);
            var colon = text.IndexOf(':');
            if (colon < 0 || !long.TryParse(text[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out var userId)) return null;
            var list = text[(colon + 1)..];
            return Lists.Contains(list) ? (userId, list) : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public static string Path(string token) => $"/unsubscribe?token={Uri.EscapeDataString(token)}";
}
