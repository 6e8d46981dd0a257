namespace Hearth.Features.Messages;

public static class MessagesSetup
{
    public static IServiceCollection AddMessages(this IServiceCollection services)
    {
        services.AddSingleton<MessageQueries>();
        services.AddSingleton<StartConversation>();
        services.AddSingleton<SendMessage>();
        return services;
    }
}
