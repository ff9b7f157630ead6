namespace BudgetBuddy.Api.Imports;

/// <summary>
/// Gives back a header line that was read ahead (to pick the separator from it) and then the rest of the input, so
/// the CSV reader still sees the whole file, streamed, and counts its lines from the header.
/// </summary>
internal sealed class HeaderReplayReader(string headerLine, TextReader rest) : TextReader
{
    private readonly string replay = headerLine + "\n";
    private int position;

    public override int Peek() => position < replay.Length ? replay[position] : rest.Peek();

    public override int Read() => position < replay.Length ? replay[position++] : rest.Read();

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        if (position >= replay.Length)
        {
            return rest.Read(buffer);
        }
        var n = Math.Min(buffer.Length, replay.Length - position);
        replay.AsSpan(position, n).CopyTo(buffer);
        position += n;
        return n;
    }
}
