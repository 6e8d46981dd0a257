namespace Hearth.Platform.Cli;

/// <summary>Fills an instance with a few living communities of both kinds (see <c>seed --demo</c>).</summary>
public sealed class DemoSeed
{
    public Task<string> RunAsync() => Task.FromResult("TODO(#2): demo seed");
}
