using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BudgetBuddy.TestSupport.Json;

namespace BudgetBuddy.TestSupport.FakeKubernetes;

/// <summary>
/// The fake API server's storage and the semantics the real one applies on top of etcd: one resourceVersion counter
/// for every write, generation, status subresource, finalizers and deletionTimestamp, owner-reference garbage
/// collection, and a bounded history of events that watches replay from. Everything runs under one lock, so each
/// request is atomic and every watch sees writes in resourceVersion order.
/// </summary>
internal sealed class ObjectStore
{
    private const string GenerateNameAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    private readonly Lock gate = new();
    private readonly Dictionary<ObjectKey, StoredObject> objects = [];
    private readonly Queue<StoredEvent> history = new();
    private readonly List<WatchStream> watches = [];
    private long resourceVersion;

    // Every event with a larger resourceVersion is still in the history; a watch from an older one gets 410.
    private long historyFloor;
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int HistoryLimit { get; set; } = 1000;

    public long ResourceVersion
    {
        get
        {
            lock (gate)
            {
                return resourceVersion;
            }
        }
    }

    public int WatchCount
    {
        get
        {
            lock (gate)
            {
                return watches.Count;
            }
        }
    }

    /// <summary>Completes at the next write or watch opened or closed.</summary>
    public Task Changed
    {
        get
        {
            lock (gate)
            {
                return changed.Task;
            }
        }
    }

    public JsonObject? Find(ApiResource resource, string ns, string name)
    {
        lock (gate)
        {
            return objects.TryGetValue(ObjectKey.For(resource, ns, name), out var stored) ? Clone(stored.Object) : null;
        }
    }

    public JsonObject Get(ApiResource resource, string ns, string name) =>
        Find(resource, ns, name) ?? throw ApiStatus.NotFound(resource, name);

    /// <summary>Objects of a resource in one namespace (or all, when <paramref name="ns"/> is null), in etcd order.</summary>
    public List<JsonObject> Select(ApiResource resource, string? ns, ObjectSelector selector)
    {
        lock (gate)
        {
            return SelectLocked(resource, ns, selector).Select(pair => Clone(pair.Value.Object)).ToList();
        }
    }

    public JsonObject List(ApiResource resource, string? ns, ObjectSelector selector, int? limit, string? continueToken)
    {
        lock (gate)
        {
            var matching = SelectLocked(resource, ns, selector).ToList();
            if (!string.IsNullOrEmpty(continueToken))
            {
                var after = DecodeContinue(continueToken);
                matching = matching.Where(pair => string.CompareOrdinal(pair.Key.SortKey, after) > 0).ToList();
            }

            var page = limit is > 0 ? matching.Take(limit.Value).ToList() : matching;
            var metadata = new JsonObject { ["resourceVersion"] = Text(resourceVersion) };
            if (page.Count < matching.Count)
            {
                metadata["continue"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(page[^1].Key.SortKey));
                metadata["remainingItemCount"] = matching.Count - page.Count;
            }

            var items = new JsonArray();
            foreach (var (_, stored) in page)
            {
                var item = Clone(stored.Object);
                if (!resource.IsCustomResource)
                {
                    // Built-in lists are typed, so the real server leaves kind and apiVersion off their items.
                    item.Remove("kind");
                    item.Remove("apiVersion");
                }

                items.Add(item);
            }

            return new JsonObject
            {
                ["kind"] = resource.ListKind,
                ["apiVersion"] = resource.ApiVersion,
                ["metadata"] = metadata,
                ["items"] = items,
            };
        }
    }

    public JsonObject Create(ApiResource resource, string ns, JsonObject body)
    {
        var obj = WithTypeMeta(resource, Clone(body));
        var metadata = Metadata(obj);
        CheckNamespace(resource, ns, metadata);
        if (!string.IsNullOrEmpty((string?)metadata["resourceVersion"]))
        {
            throw ApiStatus.InternalError("resourceVersion should not be set on objects to be created");
        }

        var generateName = (string?)metadata["generateName"];
        if (string.IsNullOrEmpty((string?)metadata["name"]) && string.IsNullOrEmpty(generateName))
        {
            throw ApiStatus.Invalid(resource, "", "metadata.name", "FieldValueRequired", "Required value: name or generateName is required");
        }

        lock (gate)
        {
            var name = (string?)metadata["name"];
            if (string.IsNullOrEmpty(name))
            {
                do
                {
                    name = generateName + RandomNumberGenerator.GetString(GenerateNameAlphabet, 5);
                }
                while (objects.ContainsKey(ObjectKey.For(resource, ns, name)));

                metadata["name"] = name;
            }

            var key = ObjectKey.For(resource, ns, name);
            if (objects.ContainsKey(key))
            {
                throw ApiStatus.AlreadyExists(resource, name);
            }

            metadata["uid"] = Guid.NewGuid().ToString();
            metadata["creationTimestamp"] = Now();
            metadata.Remove("deletionTimestamp");
            metadata.Remove("deletionGracePeriodSeconds");
            metadata.Remove("generation");
            if (resource.TracksGeneration)
            {
                metadata["generation"] = 1;
            }

            if (resource.HasStatusSubresource)
            {
                obj.Remove("status");
            }

            ApplyDefaults(resource, obj);
            metadata["resourceVersion"] = Text(++resourceVersion);
            objects[key] = new StoredObject(resource, obj);
            Record("ADDED", resource, ns, null, obj);
            return Clone(obj);
        }
    }

    public JsonObject Update(ApiResource resource, string ns, string name, JsonObject body, bool status)
    {
        var obj = WithTypeMeta(resource, Clone(body));
        var metadata = Metadata(obj);
        CheckName(name, metadata);
        CheckNamespace(resource, ns, metadata);
        lock (gate)
        {
            var key = ObjectKey.For(resource, ns, name);
            var existing = objects.TryGetValue(key, out var stored) ? stored.Object : throw ApiStatus.NotFound(resource, name);
            return Clone(CommitUpdate(resource, key, existing, obj, status));
        }
    }

    public JsonObject Patch(ApiResource resource, string ns, string name, string? contentType, string patchText, bool status)
    {
        var mediaType = (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        var strategic = mediaType == "application/strategic-merge-patch+json";
        if (mediaType is not ("application/merge-patch+json" or "application/json-patch+json") && !(strategic && !resource.IsCustomResource))
        {
            throw ApiStatus.UnsupportedMediaType(mediaType);
        }

        JsonNode? patch;
        try
        {
            patch = JsonNode.Parse(patchText);
        }
        catch (JsonException e)
        {
            throw ApiStatus.BadRequest($"error decoding patch: {e.Message}");
        }

        lock (gate)
        {
            var key = ObjectKey.For(resource, ns, name);
            var existing = objects.TryGetValue(key, out var stored) ? stored.Object : throw ApiStatus.NotFound(resource, name);

            // Strategic merge patch is taken as a merge patch: lists are replaced, never merged by key.
            var patched = mediaType == "application/json-patch+json"
                ? ApplyJsonPatch(Clone(existing), patch)
                : JsonMergePatch.Apply(Clone(existing), patch);
            if (patched is not JsonObject patchedObject)
            {
                throw ApiStatus.BadRequest("the patch does not leave an object");
            }

            var obj = WithTypeMeta(resource, patchedObject);
            var metadata = Metadata(obj);
            if ((string?)metadata["name"] != name || ((string?)metadata["namespace"] ?? "") != ns)
            {
                throw ApiStatus.Invalid(resource, name, "metadata.name", "FieldValueInvalid", "Invalid value: field is immutable");
            }

            return Clone(CommitUpdate(resource, key, existing, obj, status));
        }
    }

    /// <summary>Deletes as the real server does: with finalizers, only marks the object as being deleted.</summary>
    /// <returns>The object when it stays (finalizers pending), otherwise a Status of success.</returns>
    public JsonObject Delete(ApiResource resource, string ns, string name, JsonObject? options, string? propagationPolicy)
    {
        lock (gate)
        {
            var key = ObjectKey.For(resource, ns, name);
            var existing = objects.TryGetValue(key, out var stored) ? stored.Object : throw ApiStatus.NotFound(resource, name);
            var metadata = Metadata(existing);
            if (options?["preconditions"] is JsonObject preconditions)
            {
                if ((string?)preconditions["uid"] is { Length: > 0 } uid && uid != (string?)metadata["uid"])
                {
                    throw ApiStatus.Conflict(resource, name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {metadata["uid"]}");
                }

                if ((string?)preconditions["resourceVersion"] is { Length: > 0 } version && version != (string?)metadata["resourceVersion"])
                {
                    throw ApiStatus.Conflict(resource, name,
                        $"Precondition failed: ResourceVersion in precondition: {version}, ResourceVersion in object meta: {metadata["resourceVersion"]}");
                }
            }

            var orphan = string.Equals(propagationPolicy ?? (string?)options?["propagationPolicy"], "Orphan", StringComparison.Ordinal)
                || options?["orphanDependents"] is JsonValue orphanDependents && orphanDependents.TryGetValue(out bool yes) && yes;
            var result = DeleteLocked(resource, key, existing, orphan);
            return result is not null ? Clone(result) : ApiStatus.Success(resource, name, (string?)metadata["uid"]);
        }
    }

    public JsonObject DeleteCollection(ApiResource resource, string? ns, ObjectSelector selector, string? propagationPolicy)
    {
        lock (gate)
        {
            var items = new JsonArray();
            foreach (var (key, stored) in SelectLocked(resource, ns, selector).ToList())
            {
                if (objects.ContainsKey(key))
                {
                    var orphan = string.Equals(propagationPolicy, "Orphan", StringComparison.Ordinal);
                    items.Add(Clone(DeleteLocked(resource, key, stored.Object, orphan) ?? stored.Object));
                }
            }

            return new JsonObject
            {
                ["kind"] = resource.ListKind,
                ["apiVersion"] = resource.ApiVersion,
                ["metadata"] = new JsonObject { ["resourceVersion"] = Text(resourceVersion) },
                ["items"] = items,
            };
        }
    }

    /// <summary>Stores an object as given (status included, no preconditions), filling what the server owns.</summary>
    public JsonObject Put(ApiResource resource, JsonObject body)
    {
        var obj = Clone(body);
        obj["apiVersion"] = resource.ApiVersion;
        obj["kind"] = resource.Kind;
        obj = WithTypeMeta(resource, obj);
        var metadata = Metadata(obj);
        var name = (string?)metadata["name"] is { Length: > 0 } given ? given : throw new ArgumentException("metadata.name is required", nameof(body));
        var ns = resource.Namespaced ? (string?)metadata["namespace"] ?? "default" : "";
        if (resource.Namespaced)
        {
            metadata["namespace"] = ns;
        }

        lock (gate)
        {
            var key = ObjectKey.For(resource, ns, name);
            objects.TryGetValue(key, out var existing);
            var existingMetadata = existing is null ? null : Metadata(existing.Object);
            metadata["uid"] = (string?)existingMetadata?["uid"] ?? (string?)metadata["uid"] ?? Guid.NewGuid().ToString();
            metadata["creationTimestamp"] = (string?)existingMetadata?["creationTimestamp"] ?? (string?)metadata["creationTimestamp"] ?? Now();
            metadata.Remove("generation");
            if (resource.TracksGeneration)
            {
                // Generation stays the server's: 1 when created, one more whenever the spec changes.
                var generation = Number(existingMetadata?["generation"]) ?? 0;
                metadata["generation"] = existing is null ? 1 : SpecChanged(resource, existing.Object, obj) ? generation + 1 : generation;
            }

            ApplyDefaults(resource, obj);
            metadata["resourceVersion"] = Text(++resourceVersion);
            objects[key] = new StoredObject(resource, obj);
            Record(existing is null ? "ADDED" : "MODIFIED", resource, ns, existing?.Object, obj);
            return Clone(obj);
        }
    }

    public WatchStream OpenWatch(ApiResource resource, string? ns, ObjectSelector selector, string? resourceVersionText, bool bookmarks, bool sendInitialEvents)
    {
        long from;
        if (string.IsNullOrEmpty(resourceVersionText))
        {
            from = -1;
        }
        else if (!long.TryParse(resourceVersionText, NumberStyles.None, CultureInfo.InvariantCulture, out from))
        {
            throw ApiStatus.BadRequest($"invalid resource version: {resourceVersionText}");
        }

        var watch = new WatchStream(resource, ns, selector, bookmarks);
        lock (gate)
        {
            if (sendInitialEvents || from <= 0)
            {
                // No resourceVersion (or "0"): the current state as synthetic ADDED events, then every change.
                foreach (var (_, stored) in SelectLocked(resource, ns, ObjectSelector.Everything))
                {
                    watch.SendAdded(stored.Object);
                }

                if (sendInitialEvents)
                {
                    watch.SendBookmark(resourceVersion, initialEventsEnd: true);
                }
            }
            else if (from < historyFloor)
            {
                watch.SendError(ApiStatus.Expired(from, historyFloor + 1));
                watch.End(abort: false);
                return watch;
            }
            else
            {
                foreach (var stored in history.Where(stored => stored.ResourceVersion > from))
                {
                    watch.Offer(stored);
                }
            }

            watches.Add(watch);
            Signal();
            return watch;
        }
    }

    public void Bookmark(WatchStream watch)
    {
        lock (gate)
        {
            if (watches.Contains(watch))
            {
                watch.SendBookmark(resourceVersion);
            }
        }
    }

    public void CloseWatch(WatchStream watch)
    {
        lock (gate)
        {
            if (watches.Remove(watch))
            {
                Signal();
            }
        }
    }

    public void EndWatches(bool abort)
    {
        lock (gate)
        {
            foreach (var watch in watches)
            {
                watch.End(abort);
            }

            watches.Clear();
            Signal();
        }
    }

    public void ExpireHistory()
    {
        lock (gate)
        {
            history.Clear();
            historyFloor = resourceVersion;
        }
    }

    private JsonObject CommitUpdate(ApiResource resource, ObjectKey key, JsonObject existing, JsonObject incoming, bool status)
    {
        var name = key.Name;
        var existingMetadata = Metadata(existing);
        var incomingMetadata = Metadata(incoming);
        if ((string?)incomingMetadata["resourceVersion"] is { Length: > 0 } version && version != (string?)existingMetadata["resourceVersion"])
        {
            throw ApiStatus.StaleResourceVersion(resource, name);
        }

        if ((string?)incomingMetadata["uid"] is { Length: > 0 } uid && uid != (string?)existingMetadata["uid"])
        {
            throw ApiStatus.Conflict(resource, name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {existingMetadata["uid"]}");
        }

        JsonObject updated;
        if (status)
        {
            // A write to /status changes .status and nothing else.
            updated = Clone(existing);
            SetOrRemove(updated, "status", incoming["status"]);
        }
        else
        {
            updated = Clone(incoming);
            var metadata = Metadata(updated);
            foreach (var owned in (string[])["uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "namespace", "name"])
            {
                SetOrRemove(metadata, owned, existingMetadata[owned]);
            }

            if (resource.HasStatusSubresource)
            {
                SetOrRemove(updated, "status", existing["status"]);
            }

            ApplyDefaults(resource, updated);
            if (existingMetadata["deletionTimestamp"] is not null)
            {
                var before = Finalizers(existingMetadata);
                var added = Finalizers(metadata).Where(finalizer => !before.Contains(finalizer)).ToList();
                if (added.Count > 0)
                {
                    throw ApiStatus.Invalid(resource, name, "metadata.finalizers", "FieldValueForbidden",
                        $"Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{{\"{string.Join("\", \"", added)}\"}}");
                }
            }

            if (resource.TracksGeneration && SpecChanged(resource, existing, updated))
            {
                metadata["generation"] = (Number(existingMetadata["generation"]) ?? 0) + 1;
            }
        }

        var updatedMetadata = Metadata(updated);
        updatedMetadata["resourceVersion"] = existingMetadata["resourceVersion"]?.DeepClone();
        if (updatedMetadata["deletionTimestamp"] is not null && Finalizers(updatedMetadata).Count == 0)
        {
            // The last finalizer is gone from an object being deleted: the real server deletes it instead of writing.
            return RemoveLocked(key, existing, orphan: false);
        }

        if (JsonNode.DeepEquals(updated, existing))
        {
            return existing;
        }

        updatedMetadata["resourceVersion"] = Text(++resourceVersion);
        objects[key] = new StoredObject(resource, updated);
        Record("MODIFIED", resource, key.Namespace, existing, updated);
        return updated;
    }

    /// <returns>The object when finalizers keep it, null when it was removed.</returns>
    private JsonObject? DeleteLocked(ApiResource resource, ObjectKey key, JsonObject existing, bool orphan)
    {
        var metadata = Metadata(existing);
        if (Finalizers(metadata).Count == 0)
        {
            RemoveLocked(key, existing, orphan);
            return null;
        }

        if (metadata["deletionTimestamp"] is not null)
        {
            return existing;
        }

        var updated = Clone(existing);
        var updatedMetadata = Metadata(updated);
        updatedMetadata["deletionTimestamp"] = Now();
        updatedMetadata["deletionGracePeriodSeconds"] = 0;
        if (Number(updatedMetadata["generation"]) is > 0 and var generation)
        {
            updatedMetadata["generation"] = generation + 1;
        }

        updatedMetadata["resourceVersion"] = Text(++resourceVersion);
        objects[key] = new StoredObject(resource, updated);
        Record("MODIFIED", resource, key.Namespace, existing, updated);
        return updated;
    }

    private JsonObject RemoveLocked(ObjectKey key, JsonObject existing, bool orphan)
    {
        var resource = objects[key].Resource;
        objects.Remove(key);
        var deleted = Clone(existing);
        Metadata(deleted)["resourceVersion"] = Text(++resourceVersion);
        Record("DELETED", resource, key.Namespace, existing, deleted);
        if ((string?)Metadata(existing)["uid"] is { } uid)
        {
            CollectGarbage(uid, resource.Namespaced ? key.Namespace : null, orphan);
        }

        return deleted;
    }

    // The garbage collector, done at once: dependents whose only live owner was removed are deleted (finalizers
    // still apply); a dependent with another live owner, or any dependent under Orphan, only loses the reference.
    private void CollectGarbage(string ownerUid, string? ownerNamespace, bool orphan)
    {
        var dependents = objects
            .Where(pair => (ownerNamespace is null || pair.Key.Namespace == ownerNamespace) && OwnerUids(pair.Value.Object).Contains(ownerUid))
            .Select(pair => pair.Key)
            .ToList();
        foreach (var key in dependents)
        {
            if (!objects.TryGetValue(key, out var dependent))
            {
                continue;
            }

            var liveOwners = OwnerUids(dependent.Object).Where(uid => uid != ownerUid && objects.Values.Any(stored => (string?)Metadata(stored.Object)["uid"] == uid));
            if (orphan || liveOwners.Any())
            {
                var updated = Clone(dependent.Object);
                var metadata = Metadata(updated);
                var references = (JsonArray)metadata["ownerReferences"]!;
                foreach (var reference in references.Where(reference => (string?)reference?["uid"] == ownerUid).ToList())
                {
                    references.Remove(reference);
                }

                if (references.Count == 0)
                {
                    metadata.Remove("ownerReferences");
                }

                metadata["resourceVersion"] = Text(++resourceVersion);
                objects[key] = dependent with { Object = updated };
                Record("MODIFIED", dependent.Resource, key.Namespace, dependent.Object, updated);
            }
            else
            {
                DeleteLocked(dependent.Resource, key, dependent.Object, orphan: false);
            }
        }
    }

    private void Record(string type, ApiResource resource, string ns, JsonObject? previous, JsonObject obj)
    {
        var stored = new StoredEvent(resourceVersion, type, resource, ns, previous, obj);
        history.Enqueue(stored);
        while (history.Count > Math.Max(HistoryLimit, 1))
        {
            historyFloor = history.Dequeue().ResourceVersion;
        }

        foreach (var watch in watches)
        {
            watch.Offer(stored);
        }

        Signal();
    }

    private void Signal()
    {
        var previous = changed;
        changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        previous.TrySetResult();
    }

    private IEnumerable<KeyValuePair<ObjectKey, StoredObject>> SelectLocked(ApiResource resource, string? ns, ObjectSelector selector) =>
        objects
            .Where(pair => pair.Key.Holds(resource) && (ns is null || pair.Key.Namespace == ns) && selector.Matches(pair.Value.Object))
            .OrderBy(pair => pair.Key.SortKey, StringComparer.Ordinal);

    // Checks apiVersion and kind as the real server decodes a body, and orders the object as it writes one.
    private static JsonObject WithTypeMeta(ApiResource resource, JsonObject obj)
    {
        var apiVersion = (string?)obj["apiVersion"];
        var kind = (string?)obj["kind"];
        if (resource.IsCustomResource && (string.IsNullOrEmpty(apiVersion) || string.IsNullOrEmpty(kind)))
        {
            throw ApiStatus.BadRequest($"Object '{(string.IsNullOrEmpty(kind) ? "Kind" : "apiVersion")}' is missing in '{WireJson.Write(obj)}'");
        }

        if ((!string.IsNullOrEmpty(apiVersion) && apiVersion != resource.ApiVersion) || (!string.IsNullOrEmpty(kind) && kind != resource.Kind))
        {
            throw ApiStatus.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({resource.ApiVersion})");
        }

        var ordered = new JsonObject { ["kind"] = resource.Kind, ["apiVersion"] = resource.ApiVersion };
        var metadata = obj["metadata"];
        obj.Remove("metadata");
        ordered["metadata"] = metadata ?? new JsonObject();
        foreach (var (property, value) in obj.ToList())
        {
            if (property is not ("kind" or "apiVersion"))
            {
                obj.Remove(property);
                ordered[property] = value;
            }
        }

        return ordered;
    }

    private static void CheckName(string name, JsonObject metadata)
    {
        var given = (string?)metadata["name"];
        if (given != name)
        {
            throw ApiStatus.BadRequest($"the name of the object ({given}) does not match the name on the URL ({name})");
        }
    }

    private static void CheckNamespace(ApiResource resource, string ns, JsonObject metadata)
    {
        if (!resource.Namespaced)
        {
            metadata.Remove("namespace");
            return;
        }

        var given = (string?)metadata["namespace"];
        if (!string.IsNullOrEmpty(given) && given != ns)
        {
            throw ApiStatus.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        metadata["namespace"] = ns;
    }

    // What the real server defaults on write: a Secret's stringData folds into data, and its type defaults to Opaque.
    private static void ApplyDefaults(ApiResource resource, JsonObject obj)
    {
        if (!resource.SameResourceAs(ApiResources.Secrets))
        {
            return;
        }

        if (obj["stringData"] is JsonObject stringData)
        {
            var data = obj["data"] as JsonObject ?? [];
            obj["data"] = data;
            foreach (var (key, value) in stringData)
            {
                data[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes((string?)value ?? ""));
            }
        }

        obj.Remove("stringData");
        if (string.IsNullOrEmpty((string?)obj["type"]))
        {
            obj["type"] = "Opaque";
        }
    }

    private static bool SpecChanged(ApiResource resource, JsonObject before, JsonObject after)
    {
        JsonObject WithoutMetadata(JsonObject obj)
        {
            var copy = Clone(obj);
            copy.Remove("metadata");
            if (resource.HasStatusSubresource)
            {
                copy.Remove("status");
            }

            return copy;
        }

        return !JsonNode.DeepEquals(WithoutMetadata(before), WithoutMetadata(after));
    }

    private static JsonObject Metadata(JsonObject obj)
    {
        if (obj["metadata"] is JsonObject metadata)
        {
            return metadata;
        }

        metadata = [];
        obj["metadata"] = metadata;
        return metadata;
    }

    private static List<string> Finalizers(JsonObject metadata) =>
        metadata["finalizers"] is JsonArray finalizers ? finalizers.Select(finalizer => (string?)finalizer ?? "").ToList() : [];

    private static IEnumerable<string> OwnerUids(JsonObject obj) =>
        obj["metadata"]?["ownerReferences"] is JsonArray references
            ? references.Select(reference => (string?)reference?["uid"]).OfType<string>()
            : [];

    private static void SetOrRemove(JsonObject target, string property, JsonNode? value)
    {
        if (value is null)
        {
            target.Remove(property);
        }
        else
        {
            target[property] = value.DeepClone();
        }
    }

    private static string DecodeContinue(string token)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(token));
        }
        catch (FormatException)
        {
            throw ApiStatus.BadRequest($"invalid continue token: {token}");
        }
    }

    private static long? Number(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            ? long.Parse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)
            : null;

    // Through text, so every number reads back as any numeric type, as it would from the wire.
    private static JsonNode? ApplyJsonPatch(JsonObject existing, JsonNode? patch)
    {
        try
        {
            return JsonPatch.Apply(existing, patch);
        }
        catch (JsonPatchException e)
        {
            throw e.IsMalformed ? ApiStatus.BadRequest(e.Message) : ApiStatus.UnprocessableEntity(e.Message);
        }
    }

    private static JsonObject Clone(JsonObject obj) => JsonNode.Parse(obj.ToJsonString())!.AsObject();

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Now() => DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
