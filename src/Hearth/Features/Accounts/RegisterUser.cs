using System.Text.RegularExpressions;
using Hearth.Platform.Results;
using Microsoft.AspNetCore.Identity;

namespace Hearth.Features.Accounts;

public sealed record RegisterRequest(string? UserName, string? Email, string? Password, string? DisplayName = null);

public sealed record RegisteredUser(long Id, string UserName, bool IsAdmin);

/// <summary>Creates an account. The first account on an instance becomes its admin.</summary>
public sealed partial class RegisterUser(UserManager<User> users)
{
    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{1,31}$")]
    private static partial Regex UserNamePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();

    public async Task<Result<RegisteredUser>> HandleAsync(RegisterRequest request, bool asAdmin = false)
    {
        var userName = request.UserName?.Trim();
        var email = request.Email?.Trim();
        var validation = new Validation()
            .Require("userName", userName, 32, "User name")
            .Require("email", email, 254, "E-mail")
            .Require("password", request.Password, 200, "Password")
            .Optional("displayName", request.DisplayName, 80, "Display name");
        if (!string.IsNullOrEmpty(userName))
            validation.Check(UserNamePattern().IsMatch(userName), "userName", "User name must be 2–32 letters, digits, '_', '.' or '-'.");
        if (!string.IsNullOrEmpty(email))
            validation.Check(EmailPattern().IsMatch(email), "email", "E-mail must look like name@example.org.");
        if (validation.Problem is { } invalid) return invalid;

        var user = new User { UserName = userName!, Email = email!, DisplayName = request.DisplayName?.Trim() ?? "", IsAdmin = asAdmin };
        var created = await users.CreateAsync(user, request.Password!);
        if (created.Succeeded) return new RegisteredUser(user.Id, user.UserName, user.IsAdmin);

        if (created.Errors.FirstOrDefault(e => e.Code is "DuplicateUserName" or "DuplicateEmail") is { } duplicate)
            return Problem.Conflict(duplicate.Code == "DuplicateEmail" ? "That e-mail is already registered." : "That user name is taken.");
        var errors = created.Errors
            .GroupBy(e => e.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : e.Code.Contains("Email") ? "email" : "userName")
            .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray());
        return Problem.Invalid(errors);
    }
}
