using System.Text.Json;
using System.Text.Json.Serialization;
using BudgetBuddy.Api.Http;

namespace BudgetBuddy.Api.Webhooks;

/// <summary>Source-generated JSON metadata for the webhook endpoints' bodies, kept with the feature and chained after the API's own.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Webhook))]
[JsonSerializable(typeof(CreatedWebhook))]
[JsonSerializable(typeof(CreateWebhookRequest))]
[JsonSerializable(typeof(UpdateWebhookRequest))]
[JsonSerializable(typeof(RotatedWebhookSecret))]
[JsonSerializable(typeof(WebhookDisabled))]
[JsonSerializable(typeof(WebhookReplay))]
[JsonSerializable(typeof(ListResponse<Webhook>))]
[JsonSerializable(typeof(ListResponse<WebhookDelivery>))]
internal sealed partial class WebhooksJsonContext : JsonSerializerContext;
