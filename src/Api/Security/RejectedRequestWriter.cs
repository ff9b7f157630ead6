using System.Buffers;
using System.IO.Pipelines;

namespace BudgetBuddy.Api.Security;

/// <summary>
/// The response side of an HTTP/1.x connection, passed through unchanged until <see cref="Replace"/>: from then on
/// what Kestrel writes (its bodiless answer to a request it refused) is dropped, and the replacement goes out at the
/// next flush instead. Kestrel refuses only before it starts a response and closes the connection after, so the
/// bytes dropped are exactly that one answer.
/// </summary>
internal sealed class RejectedRequestWriter(PipeWriter inner) : PipeWriter
{
    private byte[]? replacement;
    private ArrayBufferWriter<byte>? dropped;
    private bool sent;

    public void Replace(byte[] response)
    {
        dropped = new ArrayBufferWriter<byte>();
        Volatile.Write(ref replacement, response);
    }

    private bool Diverting => Volatile.Read(ref replacement) is not null;

    public override void Advance(int bytes)
    {
        if (Diverting)
        {
            dropped!.Advance(bytes);
        }
        else
        {
            inner.Advance(bytes);
        }
    }

    public override Memory<byte> GetMemory(int sizeHint = 0) => Diverting ? dropped!.GetMemory(sizeHint) : inner.GetMemory(sizeHint);

    public override Span<byte> GetSpan(int sizeHint = 0) => Diverting ? dropped!.GetSpan(sizeHint) : inner.GetSpan(sizeHint);

    public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

    public override long UnflushedBytes => Diverting ? dropped!.WrittenCount : inner.UnflushedBytes;

    public override void CancelPendingFlush() => inner.CancelPendingFlush();

    public override void Complete(Exception? exception = null) => inner.Complete(exception);

    public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref replacement) is not { } response)
        {
            return inner.FlushAsync(cancellationToken);
        }
        dropped!.Clear();
        if (sent)
        {
            return ValueTask.FromResult(new FlushResult(isCanceled: false, isCompleted: false));
        }
        sent = true;
        return inner.WriteAsync(response, cancellationToken);
    }
}
