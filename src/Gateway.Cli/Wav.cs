using System.Buffers.Binary;

namespace Gateway.Cli;

/// <summary>Joins PCM WAV files of one format (as espeak-ng writes them) into one.</summary>
internal static class Wav
{
    public static byte[] Join(IReadOnlyList<byte[]> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.Count == 0)
        {
            throw new ArgumentException("Nothing to join.", nameof(files));
        }

        var format = Chunk(files[0], "fmt ");
        var data = files.Select(f => Chunk(f, "data")).ToList();
        var length = data.Sum(d => d.Length);
        var output = new byte[12 + 8 + format.Length + 8 + length];
        "RIFF"u8.CopyTo(output);
        BinaryPrimitives.WriteInt32LittleEndian(output.AsSpan(4), output.Length - 8);
        "WAVE"u8.CopyTo(output.AsSpan(8));
        "fmt "u8.CopyTo(output.AsSpan(12));
        BinaryPrimitives.WriteInt32LittleEndian(output.AsSpan(16), format.Length);
        format.CopyTo(output.AsSpan(20));
        var at = 20 + format.Length;
        "data"u8.CopyTo(output.AsSpan(at));
        BinaryPrimitives.WriteInt32LittleEndian(output.AsSpan(at + 4), length);
        at += 8;
        foreach (var piece in data)
        {
            piece.CopyTo(output.AsSpan(at));
            at += piece.Length;
        }

        return output;
    }

    /// <summary>The bytes of a chunk; espeak-ng writing to a file fills in every length.</summary>
    private static ReadOnlySpan<byte> ChunkSpan(byte[] file, string id)
    {
        var at = 12;
        while (at + 8 <= file.Length)
        {
            var size = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(at + 4));
            if (System.Text.Encoding.ASCII.GetString(file, at, 4) == id)
            {
                return file.AsSpan(at + 8, Math.Min(size, file.Length - at - 8));
            }

            at += 8 + size + (size & 1);
        }

        throw new InvalidDataException($"The WAV has no \"{id}\" chunk.");
    }

    private static byte[] Chunk(byte[] file, string id) => ChunkSpan(file, id).ToArray();
}
