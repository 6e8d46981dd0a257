namespace Hearth.Features.Accounts;

/// <summary>A person's account, as ASP.NET Core Identity sees it. Stays inside the Accounts feature.</summary>
public sealed class User
{
    public long Id { get; set; }
    public string UserName { get; set; } = "";
    public string NormalizedUserName { get; set; } = "";
    public string Email { get; set; } = "";
    public string NormalizedEmail { get; set; } = "";
    public bool EmailConfirmed { get; set; }
    public string? PasswordHash { get; set; }
    public string SecurityStamp { get; set; } = "";
    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString();
    public DateTime? LockoutEnd { get; set; }
    public bool LockoutEnabled { get; set; } = true;
    public int AccessFailedCount { get; set; }
    public bool IsAdmin { get; set; }
    public string DisplayName { get; set; } = "";
    public string Bio { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}
