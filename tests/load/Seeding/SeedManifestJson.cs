using System.Text.Json;
using System.Text.Json.Serialization;

namespace BudgetBuddy.Load.Seeding;

/// <summary>Source-generated JSON of the seed manifest.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SeedManifest))]
internal sealed partial class SeedManifestJson : JsonSerializerContext;
