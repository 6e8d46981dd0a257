using Hearth.Platform.Results;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Features.Accounts;

public sealed record IssueTokenRequest(string? UserNameOrEmail, string? Password, string? Name);

public sealed record RegisteredUserResponse(long Id, string UserName);

public sealed record TokenResponse(string Token, long Id, string Name);

public static class AccountsApi
{
    public static RouteGroupBuilder MapAccountsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/users", async Task<Results<Created<RegisteredUserResponse>, ProblemHttpResult>> (RegisterRequest request, RegisterUser register) =>
        {
            var result = await register.HandleAsync(request with { DisplayName = request.DisplayName });
            return result.Ok
                ? TypedResults.Created($"/u/{result.Value!.UserName}", new RegisteredUserResponse(result.Value.Id, result.Value.UserName))
                : result.ToProblem();
        }).RequireRateLimiting(RateLimits.Register).WithSummary("Register an account");

        api.MapPost("/tokens", async Task<Results<Created<TokenResponse>, ProblemHttpResult>> (
            IssueTokenRequest request, UserManager<User> users, SignInManager<User> signIn, AccessTokens tokens) =>
        {
            var validation = new Validation()
                .Require("userNameOrEmail", request.UserNameOrEmail, 254, "User name or e-mail")
                .Require("password", request.Password, 200, "Password")
                .Optional("name", request.Name, AccessTokens.MaxName, "Name");
            if (validation.Problem is { } invalid) return ResultHttp.Problem(invalid.Failure, invalid.Message, invalid.Errors);

            var user = await users.FindByNameAsync(request.UserNameOrEmail!) ?? await users.FindByEmailAsync(request.UserNameOrEmail!);
            if (user is null) return Unauthorized("Wrong user name or password.");
            var check = await signIn.CheckPasswordSignInAsync(user, request.Password!, lockoutOnFailure: true);
            if (check.IsLockedOut) return Unauthorized("Too many failed attempts; the account is locked for a few minutes.");
            if (!check.Succeeded) return Unauthorized("Wrong user name or password.");

            var issued = await tokens.IssueAsync(user.Id, request.Name);
            return issued.Ok
                ? TypedResults.Created("/api/v1/tokens", new TokenResponse(issued.Value!.Token, issued.Value.Id, issued.Value.Name))
                : issued.ToProblem();
        }).RequireRateLimiting(RateLimits.Login).WithSummary("Issue a personal access token (shown once)");

        api.MapGet("/tokens", async (HttpContext http, AccessTokens tokens) =>
            TypedResults.Ok(Page.Of(await tokens.ListAsync(http.User.UserId()!.Value))))
            .RequireAuthorization().WithSummary("The caller's live access tokens");

        api.MapDelete("/tokens/{id:long}", async Task<Results<NoContent, ProblemHttpResult>> (long id, HttpContext http, AccessTokens tokens) =>
        {
            var result = await tokens.RevokeAsync(http.User.UserId()!.Value, id);
            return result.Ok ? TypedResults.NoContent() : result.ToProblem();
        }).RequireAuthorization().WithSummary("Revoke an access token");

        api.MapPost("/password-reset", async Task<Results<Ok<PasswordResetAccepted>, ProblemHttpResult>> (PasswordResetRequest request, PasswordReset reset) =>
            (await reset.RequestAsync(request)).OkOrProblem())
            .RequireRateLimiting(RateLimits.Login).WithName("RequestPasswordReset")
            .WithSummary("Send a password-reset link to {email}; answers the same whether or not it has an account");

        api.MapPost("/password-reset/confirm", async Task<Results<Ok<PasswordResetAccepted>, ProblemHttpResult>> (PasswordResetConfirmRequest request, PasswordReset reset) =>
            (await reset.ConfirmAsync(request)).OkOrProblem())
            .RequireRateLimiting(RateLimits.Login).WithName("ConfirmPasswordReset")
            .WithSummary("Choose a new {password} with the {token} from a reset e-mail (works once, for an hour)");

        api.MapPost("/email-confirmation", async Task<Results<Ok<bool>, ProblemHttpResult>> (EmailConfirmationRequest request, ConfirmEmailAddress confirm) =>
            (await confirm.HandleAsync(request.Token)).OkOrProblem())
            .RequireRateLimiting(RateLimits.Login).WithName("ConfirmEmail")
            .WithSummary("Confirm an e-mail address with the {token} from the confirmation e-mail");

        api.MapGet("/me/export", (HttpContext http, ExportMyData export) =>
            TypedResults.Stream(stream => export.WriteAsync(http.User.UserId()!.Value, stream, http.RequestAborted),
                "application/json", "hearth-my-data.json"))
            .RequireAuthorization().WithName("ExportMyData")
            .WithSummary("Everything Hearth holds about the caller, as one JSON file");

        api.MapDelete("/me", async Task<Results<Ok<AccountDeleted>, ProblemHttpResult>> (
            [FromBody] DeleteAccountRequest request, HttpContext http, DeleteAccount delete) =>
        {
            var result = await delete.HandleAsync(http.User.UserId()!.Value, request, http.RequestAborted);
            if (result.Ok) await http.SignOutAsync(IdentityConstants.ApplicationScheme);
            return result.OkOrProblem();
        })
            .RequireAuthorization().RequireRateLimiting(RateLimits.Login).WithName("DeleteMyAccount")
            .WithSummary("Delete the caller's account after their {password}; {content} Anonymise keeps their posts as \"Former member\", Remove empties them");

        api.MapGet("/me", async Task<Results<Ok<MeView>, NotFound>> (HttpContext http, UserQueries queries) =>
            await queries.MeAsync(http.User.UserId()!.Value) is { } me ? TypedResults.Ok(me) : TypedResults.NotFound())
            .RequireAuthorization().WithSummary("The caller");

        return api;
    }

    private static ProblemHttpResult Unauthorized(string message) =>
        TypedResults.Problem(title: message, statusCode: StatusCodes.Status401Unauthorized);
}

public sealed record EmailConfirmationRequest(string? Token);
