using k8s.Models;

namespace BudgetBuddy.ChartTests.Rendering;

/// <summary>Typed shortcuts to the workloads the chart renders.</summary>
internal static class PodSpecs
{
    public static V1Deployment Deployment(this RenderedChart chart, string name) => chart.Get<V1Deployment>("Deployment", name);

    public static V1PodSpec PodSpec(this RenderedChart chart, string deployment) => chart.Deployment(deployment).Spec.Template.Spec;

    public static V1Container Container(this RenderedChart chart, string deployment) => Assert.Single(chart.PodSpec(deployment).Containers);

    /// <summary>Every pod spec in the render: each Deployment's template and each bare Pod (the helm test).</summary>
    public static IEnumerable<(string Name, V1PodSpec Spec)> AllPodSpecs(this RenderedChart chart) =>
        chart.OfKind("Deployment").Select(m => (m.Name, chart.Deployment(m.Name).Spec.Template.Spec))
            .Concat(chart.OfKind("Pod").Select(m => (m.Name, chart.Get<V1Pod>("Pod", m.Name).Spec)));
}
