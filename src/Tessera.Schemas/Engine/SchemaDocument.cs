namespace Tessera.Schemas;

/// <summary>
/// A parsed contract version in its own format's model. Each format derives its own document type;
/// the original text is kept so that nothing the user wrote is lost.
/// </summary>
public abstract class SchemaDocument
{
    protected SchemaDocument(SchemaSource source) => Source = source;

    public abstract SchemaFormat Format { get; }

    /// <summary>What the user submitted.</summary>
    public SchemaSource Source { get; }
}