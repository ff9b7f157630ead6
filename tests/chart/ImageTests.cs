using BudgetBuddy.ChartTests.Rendering;

namespace BudgetBuddy.ChartTests;

public sealed class ImageTests
{
    [Fact]
    public void Images_default_to_the_charts_app_version()
    {
        var chart = RenderedChart.WithDefaults();

        Assert.Equal("budgetbuddy-api:0.1.0", chart.Container(RenderedChart.Api).Image);
        Assert.Equal("budgetbuddy-operator:0.1.0", chart.Container(RenderedChart.Operator).Image);
    }

    [Fact]
    public void A_digest_pins_the_image_and_the_global_registry_prefixes_it()
    {
        var chart = RenderedChart.ForScenario("production-values.yaml");

        Assert.Equal("123456789012.dkr.ecr.us-east-1.amazonaws.com/budgetbuddy-api@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            chart.Container(RenderedChart.Api).Image);
        Assert.StartsWith("123456789012.dkr.ecr.us-east-1.amazonaws.com/budgetbuddy-operator@sha256:", chart.Container(RenderedChart.Operator).Image, StringComparison.Ordinal);
    }

    [Fact]
    public void An_image_registry_of_its_own_wins_over_the_global_one()
    {
        var chart = RenderedChart.WithDefaults("global.imageRegistry=global.example", "api.image.registry=own.example", "api.image.tag=1.2.3");

        Assert.Equal("own.example/budgetbuddy-api:1.2.3", chart.Container(RenderedChart.Api).Image);
        Assert.Equal("global.example/budgetbuddy-operator:0.1.0", chart.Container(RenderedChart.Operator).Image);
    }
}
