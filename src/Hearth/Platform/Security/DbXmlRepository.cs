using System.Xml.Linq;
using Dapper;
using Hearth.Platform.Data;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Hearth.Platform.Security;

/// <summary>Data-protection keys live in the database, so a cookie issued by one web node is read by every other.</summary>
public sealed class DbXmlRepository(Db db) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = db.OpenAsync().GetAwaiter().GetResult();
        return [.. connection.Query<string>("SELECT xml FROM data_protection_keys ORDER BY id").Select(XElement.Parse)];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = db.OpenAsync().GetAwaiter().GetResult();
        connection.Execute(
            "INSERT INTO data_protection_keys (friendly_name, xml) VALUES (@Name, @Xml) ON CONFLICT (friendly_name) DO NOTHING",
            new { Name = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
    }
}
