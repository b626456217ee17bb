using Gateway.Core.Content;
using Gateway.Core.Flows.Loading;

namespace Gateway.Core.Tests.Content;

public class DirectoryFileEditorFacts
{
    private static readonly string Shipped = File.ReadAllText(Repository.PathOf("flows/directory.yaml"));

    [Fact]
    public void SetNumber_ChangesOneLine_AndTheLoaderReadsTheNewNumber()
    {
        var after = DirectoryFileEditor.SetNumber(Shipped, "th-ngo-burmese", "page_number", "+66 2 000 0000");

        var old = Shipped.Split('\n');
        var now = after.Split('\n');
        Assert.Equal(old.Length, now.Length);
        var changed = Enumerable.Range(0, old.Length).Where(i => old[i] != now[i]).ToList();
        Assert.Single(changed);
        Assert.Equal("    page_number: \"+66 2 000 0000\"", now[changed[0]]);
        Assert.Equal("+66 2 000 0000", DirectoryFileEditor.Read(after, "th-ngo-burmese", "page_number"));
    }

    [Fact]
    public void SetNumber_WritesPlaceholderBare()
    {
        var after = DirectoryFileEditor.SetNumber(Shipped, "th-1300", "number", "placeholder");

        Assert.Contains("    number: placeholder", after.Split('\n'));
        Assert.Equal("placeholder", DirectoryFileEditor.Read(after, "th-1300", "number"));
        Assert.Equal("1506", DirectoryFileEditor.Read(after, "th-1506", "number"));
    }

    [Fact]
    public void SetNumber_RefusesAnUnknownContactOrField()
    {
        Assert.Throws<ArgumentException>(() => DirectoryFileEditor.SetNumber(Shipped, "nobody", "number", "1300"));
        Assert.Throws<ArgumentException>(() => DirectoryFileEditor.SetNumber(Shipped, "th-1300", "name", "x"));
    }

    [Fact]
    public void ContactIds_ListsTheShippedContacts()
    {
        var ids = DirectoryFileEditor.ContactIds(Shipped);
        Assert.Contains("th-1300", ids);
        Assert.Equal(Repository.ShippedBundle.Directory.Entries.Count, ids.Count);
    }
}
