using System.Text.Json.Serialization;
using BudgetBuddy.Api.Json;

namespace BudgetBuddy.Api.Imports.Jobs;

/// <summary>Where an import job is: running until every line is settled, then completed, or stopped for good.</summary>
[JsonConverter(typeof(NamedEnumConverter<ImportJobStatus>))]
public enum ImportJobStatus
{
    /// <summary>Lines are being imported (or wait for a worker after a restart: reading the job resumes it).</summary>
    [JsonStringEnumMemberName("running")]
    Running,

    /// <summary>Every line was imported or found imported before.</summary>
    [JsonStringEnumMemberName("completed")]
    Completed,

    /// <summary>The account was closed or deleted: what committed stays; sending the file again imports the rest.</summary>
    [JsonStringEnumMemberName("stopped")]
    Stopped,
}
