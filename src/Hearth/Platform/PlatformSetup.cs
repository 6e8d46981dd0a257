using System.Text.Json.Serialization;
using Hearth.Platform.Data;
using Hearth.Platform.Security;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Hearth.Platform;

/// <summary>What every feature stands on: the database, JSON and problem details, rate limits, keys, health.</summary>
public static class PlatformSetup
{
    public static WebApplicationBuilder AddHearthPlatform(this WebApplicationBuilder builder)
    {
        DapperSetup.Configure();
        var services = builder.Services;
        var options = builder.Configuration.GetSection("Hearth:Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = string.IsNullOrWhiteSpace(options.ConnectionString)
            ? options.Provider == DbProvider.Sqlite
                ? $"Data Source={Path.Combine(builder.Environment.ContentRootPath, "data", "hearth.db")}"
                : throw new InvalidOperationException("Hearth:Database:ConnectionString is required for PostgreSQL.")
            : options.ConnectionString;
        services.AddSingleton(new Db(options.Provider, connectionString));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<Migrator>();

        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        });
        services.AddOpenApi("v1");
        services.AddHearthRateLimits(builder.Configuration);
        services.AddAnonymousPageCache(builder.Configuration);
        services.AddAntiforgery(o => o.HeaderName = "RequestVerificationToken");
        services.AddSingleton<ApiAntiforgery>();

        services.AddDataProtection().SetApplicationName("Hearth");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new DbXmlRepository(sp.GetRequiredService<Db>())));

        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        return builder;
    }

    /// <summary>Brings the schema up to date before the first request is served.</summary>
    public static async Task MigrateAsync(this WebApplication app) =>
        await app.Services.GetRequiredService<Migrator>().MigrateAsync();

    public static void MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") });
    }

    private sealed class DatabaseHealthCheck(Db db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            try
            {
                await using var connection = await db.OpenAsync(ct);
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT 1";
                await command.ExecuteScalarAsync(ct);
                return HealthCheckResult.Healthy();
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
            {
                return HealthCheckResult.Unhealthy("Database unreachable.", e);
            }
        }
    }
}
