namespace BudgetBuddy.Operator.Runtime.Fencing;

/// <summary>
/// The Kubernetes client's last handler before the wire: every request that changes something (anything but GET and
/// HEAD) goes out only while <see cref="LeaseFence"/> holds. Lease requests are let through, since the election itself
/// needs them to renew or to take the Lease back; reads and watches too, so a standby keeps its cache warm.
/// </summary>
internal sealed class KubernetesWriteFence(LeaseFence fence) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = request.RequestUri?.AbsolutePath ?? "";
        if (request.Method != HttpMethod.Get && request.Method != HttpMethod.Head
            && !path.Contains("/apis/coordination.k8s.io/", StringComparison.Ordinal))
        {
            fence.ThrowIfNotHeld(ControllerMetrics.KubernetesTarget, $"{request.Method} {path}");
        }
        return base.SendAsync(request, cancellationToken);
    }
}
