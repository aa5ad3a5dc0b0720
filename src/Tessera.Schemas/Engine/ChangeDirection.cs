namespace Tessera.Schemas;

/// <summary>Who writes and who reads the part of the contract a change is in.</summary>
public enum ChangeDirection
{
    /// <summary>A data schema: producers write, consumers read (JSON Schema, Avro, protobuf messages, dbt models).</summary>
    Data,

    /// <summary>Written by clients and read by the server: request bodies and parameters, GraphQL arguments and inputs.</summary>
    Input,

    /// <summary>Written by the server and read by clients: responses, GraphQL output types.</summary>
    Output,

    /// <summary>The shape of the interface itself: operations, services, RPCs, paths.</summary>
    Interface,
}

public static class ChangeDirectionExtensions
{
    public static string ToWire(this ChangeDirection direction) => direction switch
    {
        ChangeDirection.Data => "data",
        ChangeDirection.Input => "input",
        ChangeDirection.Output => "output",
        ChangeDirection.Interface => "interface",
        _ => throw new ArgumentOutOfRangeException(nameof(direction), direction, null),
    };
}