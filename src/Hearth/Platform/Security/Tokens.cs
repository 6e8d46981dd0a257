using System.Security.Cryptography;
using System.Text;

namespace Hearth.Platform.Security;

/// <summary>
/// Secrets handed to people (access tokens, invitation links): 32 random bytes, shown once,
/// stored only as a SHA-256 hash — enough for high-entropy tokens, which need no slow hash.
/// </summary>
public static class Tokens
{
    public static string New(string prefix) =>
        prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
