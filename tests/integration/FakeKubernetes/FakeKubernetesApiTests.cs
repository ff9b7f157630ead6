using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using BudgetBuddy.TestSupport.FakeKubernetes;
using k8s;
using k8s.Autorest;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using k8s.Models;

namespace BudgetBuddy.IntegrationTests.FakeKubernetes;

/// <summary>The fake API server, driven by the real KubernetesClient: what it answers must be what a cluster answers.</summary>
public sealed class FakeKubernetesApiTests
{
    private const string Ns = "budgetbuddy";
    private const string Group = "budgetbuddy.io";
    private const string Version = "v1alpha1";
    private const string Plural = "budgetbuddytenants";
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Secrets_are_created_read_listed_replaced_patched_and_deleted()
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        using var client = api.CreateClient();

        var created = await client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret
            {
                Metadata = new V1ObjectMeta { Name = "acme-budgetbuddy", Labels = new Dictionary<string, string> { ["app"] = "budgetbuddy" } },
                StringData = new Dictionary<string, string> { ["kid"] = "k1" },
            },
            Ns);
        await client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "other" } }, Ns);

        Assert.Equal(Ns, created.Metadata.NamespaceProperty);
        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));
        Assert.NotNull(created.Metadata.CreationTimestamp);
        Assert.Null(created.Metadata.Generation);
        Assert.Equal("Opaque", created.Type);
        Assert.Equal("k1", Encoding.UTF8.GetString(created.Data["kid"]));
        Assert.Null(created.StringData);

        var read = await client.CoreV1.ReadNamespacedSecretAsync("acme-budgetbuddy", Ns);
        Assert.Equal(created.Metadata.ResourceVersion, read.Metadata.ResourceVersion);

        var byLabel = await client.CoreV1.ListNamespacedSecretAsync(Ns, labelSelector: "app=budgetbuddy");
        Assert.Equal<string>(["acme-budgetbuddy"], byLabel.Items.Select(s => s.Metadata.Name));
        Assert.Equal(api.ResourceVersion, byLabel.Metadata.ResourceVersion);
        var byName = await client.CoreV1.ListNamespacedSecretAsync(Ns, fieldSelector: "metadata.name=other");
        Assert.Equal<string>(["other"], byName.Items.Select(s => s.Metadata.Name));
        var everywhere = await client.CoreV1.ListSecretForAllNamespacesAsync();
        Assert.Equal(2, everywhere.Items.Count);

        read.Data["kid"] = Encoding.UTF8.GetBytes("k2");
        var replaced = await client.CoreV1.ReplaceNamespacedSecretAsync(read, "acme-budgetbuddy", Ns);
        Assert.True(long.Parse(replaced.Metadata.ResourceVersion) > long.Parse(read.Metadata.ResourceVersion));
        Assert.Equal("k2", Encoding.UTF8.GetString(replaced.Data["kid"]));

        var merged = await client.CoreV1.PatchNamespacedSecretAsync(
            new V1Patch("""{"metadata":{"labels":{"app":null,"tier":"gold"}}}""", V1Patch.PatchType.MergePatch), "acme-budgetbuddy", Ns);
        Assert.Equal(new Dictionary<string, string> { ["tier"] = "gold" }, merged.Metadata.Labels);

        var strategic = await client.CoreV1.PatchNamespacedSecretAsync(
            new V1Patch(new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { ["a"] = "b" } } }, V1Patch.PatchType.StrategicMergePatch),
            "acme-budgetbuddy", Ns);
        Assert.Equal("b", strategic.Metadata.Annotations["a"]);

        var jsonPatched = await client.CoreV1.PatchNamespacedSecretAsync(
            new V1Patch(
                new JsonArray(
                    new JsonObject { ["op"] = "test", ["path"] = "/metadata/labels/tier", ["value"] = "gold" },
                    new JsonObject { ["op"] = "add", ["path"] = "/data/next", ["value"] = Convert.ToBase64String("k3"u8.ToArray()) },
                    new JsonObject { ["op"] = "remove", ["path"] = "/metadata/annotations" }),
                V1Patch.PatchType.JsonPatch),
            "acme-budgetbuddy", Ns);
        Assert.Equal("k3", Encoding.UTF8.GetString(jsonPatched.Data["next"]));
        Assert.Null(jsonPatched.Metadata.Annotations);

        var failedTest = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.PatchNamespacedSecretAsync(
            new V1Patch("""[{"op":"test","path":"/metadata/labels/tier","value":"silver"}]""", V1Patch.PatchType.JsonPatch), "acme-budgetbuddy", Ns));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, failedTest.Response.StatusCode);

        var deleted = await client.CoreV1.DeleteNamespacedSecretAsync("acme-budgetbuddy", Ns);
        Assert.Equal("Success", deleted.Status);

        var missing = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ReadNamespacedSecretAsync("acme-budgetbuddy", Ns));
        Assert.Equal(HttpStatusCode.NotFound, missing.Response.StatusCode);
        var status = KubernetesJson.Deserialize<V1Status>(missing.Response.Content);
        Assert.Equal(("Status", "Failure", "NotFound", 404), (status.Kind, status.Status, status.Reason, status.Code));
        Assert.Equal("secrets \"acme-budgetbuddy\" not found", status.Message);
    }

    [Fact]
    public async Task Discovery_lists_every_registered_resource_under_its_group_and_version()
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        api.RegisterResource(new ApiResource("test.io", "v1", "widgets", "Widget", IsCustomResource: true));
        using var client = api.CreateClient();

        var core = await client.Core.GetAPIVersionsAsync();
        var groups = await client.Apis.GetAPIVersionsAsync();
        var coreResources = await client.CoreV1.GetAPIResourcesAsync();
        var appsResources = await client.AppsV1.GetAPIResourcesAsync();

        Assert.Equal(["v1"], core.Versions);
        Assert.Contains(groups.Groups, g => g.Name == "test.io" && g.PreferredVersion.GroupVersion == "test.io/v1");
        Assert.Contains(groups.Groups, g => g.Name == "apps" && g.Versions.Single().GroupVersion == "apps/v1");
        Assert.DoesNotContain(groups.Groups, g => g.Name.Length == 0);
        Assert.Contains(coreResources.Resources, r => r is { Name: "secrets", Kind: "Secret", Namespaced: true });
        Assert.Contains(coreResources.Resources, r => r is { Name: "namespaces", Kind: "Namespace", Namespaced: false });
        Assert.Equal(["deployments"], appsResources.Resources.Select(r => r.Name));
    }

    [Fact]
    public async Task Creating_an_object_that_exists_is_409_AlreadyExists_and_generateName_picks_a_free_name()
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        using var client = api.CreateClient();
        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "settings" } }, Ns);

        var duplicate = await Assert.ThrowsAsync<HttpOperationException>(() =>
            client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "settings" } }, Ns));

        Assert.Equal(HttpStatusCode.Conflict, duplicate.Response.StatusCode);
        Assert.Equal("AlreadyExists", KubernetesJson.Deserialize<V1Status>(duplicate.Response.Content).Reason);
        var generated = await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { GenerateName = "settings-" } }, Ns);
        Assert.Matches("^settings-[a-z0-9]{5}$", generated.Metadata.Name);
    }

    [Fact]
    public async Task A_write_with_a_stale_resourceVersion_is_409_Conflict_on_the_object_and_on_its_status()
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        using var client = api.CreateClient();
        var secret = await client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "s" } }, Ns);
        await client.CoreV1.PatchNamespacedSecretAsync(new V1Patch("""{"metadata":{"labels":{"a":"b"}}}""", V1Patch.PatchType.MergePatch), "s", Ns);

        var stale = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ReplaceNamespacedSecretAsync(secret, "s", Ns));

        Assert.Equal(HttpStatusCode.Conflict, stale.Response.StatusCode);
        var status = KubernetesJson.Deserialize<V1Status>(stale.Response.Content);
        Assert.Equal("Conflict", status.Reason);
        Assert.Contains("the object has been modified", status.Message, StringComparison.Ordinal);

        var tenant = await CreateTenantAsync(client, "acme");
        await client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("""{"spec":{"displayName":"Acme Corp"}}""", V1Patch.PatchType.MergePatch), Group, Version, Ns, Plural, "acme");
        tenant["status"] = new JsonObject { ["phase"] = "Ready" };
        var staleStatus = await Assert.ThrowsAsync<HttpOperationException>(() =>
            client.CustomObjects.ReplaceNamespacedCustomObjectStatusAsync(tenant, Group, Version, Ns, Plural, "acme"));
        Assert.Equal(HttpStatusCode.Conflict, staleStatus.Response.StatusCode);

        var stalePatch = await Assert.ThrowsAsync<HttpOperationException>(() => client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
            new V1Patch(new JsonObject { ["metadata"] = new JsonObject { ["resourceVersion"] = (string?)tenant["metadata"]!["resourceVersion"] }, ["status"] = new JsonObject { ["phase"] = "Ready" } }, V1Patch.PatchType.MergePatch),
            Group, Version, Ns, Plural, "acme"));
        Assert.Equal(HttpStatusCode.Conflict, stalePatch.Response.StatusCode);
    }

    [Fact]
    public async Task Tenants_are_created_read_listed_replaced_patched_and_deleted_through_CustomObjects()
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        using var client = api.CreateClient();
        var body = Tenant("acme");
        body["status"] = new JsonObject { ["phase"] = "Ready" };

        var created = await CreateTenantAsync(client, body);

        Assert.Equal("BudgetBuddyTenant", (string?)created["kind"]);
        Assert.Equal("budgetbuddy.io/v1alpha1", (string?)created["apiVersion"]);
        Assert.Equal(1, (int?)created["metadata"]!["generation"]);
        Assert.Null(created["status"]);

        var read = Node(await client.CustomObjects.GetNamespacedCustomObjectAsync(Group, Version, Ns, Plural, "acme"));
        Assert.Equal((string?)created["metadata"]!["uid"], (string?)read["metadata"]!["uid"]);

        await CreateTenantAsync(client, "globex");
        var list = Node(await client.CustomObjects.ListNamespacedCustomObjectAsync(Group, Version, Ns, Plural));
        Assert.Equal("BudgetBuddyTenantList", (string?)list["kind"]);
        Assert.Equal<string?>(["acme", "globex"], list["items"]!.AsArray().Select(item => (string?)item!["metadata"]!["name"]));
        Assert.All(list["items"]!.AsArray(), item => Assert.Equal("BudgetBuddyTenant", (string?)item!["kind"]));
        var filtered = Node(await client.CustomObjects.ListClusterCustomObjectAsync(Group, Version, Plural, fieldSelector: "metadata.name=globex"));
        Assert.Single(filtered["items"]!.AsArray());

        read["spec"]!["displayName"] = "Acme Corp";
        var replaced = Node(await client.CustomObjects.ReplaceNamespacedCustomObjectAsync(read, Group, Version, Ns, Plural, "acme"));
        Assert.Equal("Acme Corp", (string?)replaced["spec"]!["displayName"]);

        var merged = Node(await client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("""{"spec":{"suspended":true}}""", V1Patch.PatchType.MergePatch), Group, Version, Ns, Plural, "acme"));
        Assert.True((bool?)merged["spec"]!["suspended"]);
        Assert.Equal("Acme Corp", (string?)merged["spec"]!["displayName"]);

        var jsonPatched = Node(await client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("""[{"op":"replace","path":"/spec/deletionPolicy","value":"Delete"}]""", V1Patch.PatchType.JsonPatch), Group, Version, Ns, Plural, "acme"));
        Assert.Equal("Delete", (string?)jsonPatched["spec"]!["deletionPolicy"]);

        var deleted = Node(await client.CustomObjects.DeleteNamespacedCustomObjectAsync(Group, Version, Ns, Plural, "acme"));
        Assert.Equal(("Status", "Success"), ((string?)deleted["kind"], (string?)deleted["status"]));
        Assert.Null(api.Get(ApiResources.BudgetBuddyTenants, Ns, "acme"));
        var missing = await Assert.ThrowsAsync<HttpOperationException>(() => client.CustomObjects.GetNamespacedCustomObjectAsync(Group, Version, Ns, Plural, "acme"));
        Assert.Equal("budgetbuddytenants.budgetbuddy.io \"acme\" not found", KubernetesJson.Deserialize<V1Status>(missing.Response.Content).Message);
    }

    [Fact]
    public async Task A_custom_resource_needs_kind_and_apiVersion_and_refuses_strategic_merge_patch()
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        using var client = api.CreateClient();
        var noKind = Tenant("acme");
        noKind.Remove("kind");

        var missingKind = await Assert.ThrowsAsync<HttpOperationException>(() =>
            client.CustomObjects.CreateNamespacedCustomObjectAsync(noKind, Group, Version, Ns, Plural));
        await CreateTenantAsync(client, "acme");
        var strategic = await Assert.ThrowsAsync<HttpOperationException>(() => client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("""{"spec":{"suspended":true}}""", V1Patch.PatchType.StrategicMergePatch), Group, Version, Ns, Plural, "acme"));

        Assert.Equal(HttpStatusCode.BadRequest, missingKind.Response.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, strategic.Response.StatusCode);
    }

    [Fact]
    public async Task Generation_advances_only_when_the_spec_changes()
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        using var client = api.CreateClient();
        await CreateTenantAsync(client, "acme");

        var relabelled = await MergePatchTenantAsync(client, """{"metadata":{"labels":{"team":"payments"}}}""");
        var statusWritten = Node(await client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
            new V1Patch("""{"status":{"phase":"Ready","observedGeneration":1}}""", V1Patch.PatchType.MergePatch), Group, Version, Ns, Plural, "acme"));
        var respecced = await MergePatchTenantAsync(client, """{"spec":{"displayName":"Acme Corp"}}""");
        var unchanged = await MergePatchTenantAsync(client, """{"spec":{"displayName":"Acme Corp"}}""");

        Assert.Equal(1, (int?)relabelled["metadata"]!["generation"]);
        Assert.Equal(1, (int?)statusWritten["metadata"]!["generation"]);
        Assert.Equal(2, (int?)respecced["metadata"]!["generation"]);
        Assert.Equal((string?)respecced["metadata"]!["resourceVersion"], (string?)unchanged["metadata"]!["resourceVersion"]);
    }

    [Fact]
    public async Task The_status_subresource_writes_only_status_and_the_object_ignores_status()
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        using var client = api.CreateClient();
        var tenant = await CreateTenantAsync(client, "acme");

        tenant["status"] = new JsonObject { ["phase"] = "Ready" };
        tenant["spec"]!["displayName"] = "Changed through status";
        var viaStatus = Node(await client.CustomObjects.ReplaceNamespacedCustomObjectStatusAsync(tenant, Group, Version, Ns, Plural, "acme"));
        var failed = viaStatus.DeepClone().AsObject();
        failed["status"]!["phase"] = "Failed";
        var viaObject = Node(await client.CustomObjects.ReplaceNamespacedCustomObjectAsync(failed, Group, Version, Ns, Plural, "acme"));
        var viaStatusPatch = Node(await client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
            new V1Patch("""{"spec":{"suspended":true},"status":{"tablesReady":true}}""", V1Patch.PatchType.MergePatch), Group, Version, Ns, Plural, "acme"));

        Assert.Equal("Ready", (string?)viaStatus["status"]!["phase"]);
        Assert.Equal("Acme", (string?)viaStatus["spec"]!["displayName"]);
        Assert.Equal("Ready", (string?)viaObject["status"]!["phase"]);
        Assert.True((bool?)viaStatusPatch["status"]!["tablesReady"]);
        Assert.Null(viaStatusPatch["spec"]!["suspended"]);
        var secretStatus = await Assert.ThrowsAsync<HttpOperationException>(() =>
            client.CustomObjects.GetNamespacedCustomObjectStatusAsync("", "v1", Ns, "secrets", "any"));
        Assert.Equal(HttpStatusCode.NotFound, secretStatus.Response.StatusCode);
    }

    [Fact]
    public async Task Deleting_an_object_with_a_finalizer_marks_it_and_removing_the_last_finalizer_deletes_it()
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        using var client = api.CreateClient();
        var body = Tenant("acme");
        body["metadata"]!["finalizers"] = new JsonArray("budgetbuddy.io/finalizer");
        var created = await CreateTenantAsync(client, body);
        var events = Collect(client.CustomObjects.WatchListNamespacedCustomObjectAsync(
            Group, Version, Ns, Plural, resourceVersion: (string?)created["metadata"]!["resourceVersion"]));

        var marked = Node(await client.CustomObjects.DeleteNamespacedCustomObjectAsync(Group, Version, Ns, Plural, "acme"));
        var markedAgain = Node(await client.CustomObjects.DeleteNamespacedCustomObjectAsync(Group, Version, Ns, Plural, "acme"));
        var noNewFinalizers = await Assert.ThrowsAsync<HttpOperationException>(() => MergePatchTenantAsync(
            client, """{"metadata":{"finalizers":["budgetbuddy.io/finalizer","other"]}}"""));
        await client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("""[{"op":"remove","path":"/metadata/finalizers/0"}]""", V1Patch.PatchType.JsonPatch), Group, Version, Ns, Plural, "acme");

        Assert.Equal("BudgetBuddyTenant", (string?)marked["kind"]);
        Assert.NotNull(marked["metadata"]!["deletionTimestamp"]);
        Assert.Equal(2, (int?)marked["metadata"]!["generation"]);
        Assert.Equal((string?)marked["metadata"]!["resourceVersion"], (string?)markedAgain["metadata"]!["resourceVersion"]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noNewFinalizers.Response.StatusCode);
        Assert.Null(api.Get(ApiResources.BudgetBuddyTenants, Ns, "acme"));
        Assert.Equal(WatchEventType.Modified, (await NextAsync(events)).Type);
        var (type, last) = await NextAsync(events);
        Assert.Equal(WatchEventType.Deleted, type);
        Assert.Equal(api.ResourceVersion, ((JsonElement)last).GetProperty("metadata").GetProperty("resourceVersion").GetString());
    }

    [Fact]
    public async Task Deleting_an_owner_removes_the_Secrets_it_owns_and_Orphan_keeps_them()
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        using var client = api.CreateClient();
        var acme = await CreateTenantAsync(client, "acme");
        var globex = await CreateTenantAsync(client, "globex");
        await client.CoreV1.CreateNamespacedSecretAsync(OwnedSecret("acme-budgetbuddy", acme), Ns);
        await client.CoreV1.CreateNamespacedSecretAsync(OwnedSecret("globex-budgetbuddy", globex), Ns);
        await client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "unowned" } }, Ns);

        await client.CustomObjects.DeleteNamespacedCustomObjectAsync(Group, Version, Ns, Plural, "acme");
        await client.CustomObjects.DeleteNamespacedCustomObjectAsync(Group, Version, Ns, Plural, "globex", propagationPolicy: "Orphan");

        Assert.Null(api.Get(ApiResources.Secrets, Ns, "acme-budgetbuddy"));
        var orphan = api.Get(ApiResources.Secrets, Ns, "globex-budgetbuddy");
        Assert.NotNull(orphan);
        Assert.Null(orphan["metadata"]!["ownerReferences"]);
        Assert.NotNull(api.Get(ApiResources.Secrets, Ns, "unowned"));
    }

    [Fact]
    public async Task A_Secret_owned_by_an_object_being_finalized_stays_until_the_owner_is_gone()
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        using var client = api.CreateClient();
        var body = Tenant("acme");
        body["metadata"]!["finalizers"] = new JsonArray("budgetbuddy.io/finalizer");
        var acme = await CreateTenantAsync(client, body);
        await client.CoreV1.CreateNamespacedSecretAsync(OwnedSecret("acme-budgetbuddy", acme), Ns);

        await client.CustomObjects.DeleteNamespacedCustomObjectAsync(Group, Version, Ns, Plural, "acme");
        var whileFinalizing = api.Get(ApiResources.Secrets, Ns, "acme-budgetbuddy");
        await MergePatchTenantAsync(client, """{"metadata":{"finalizers":null}}""");

        Assert.NotNull(whileFinalizing);
        Assert.Null(api.Get(ApiResources.Secrets, Ns, "acme-budgetbuddy"));
    }

    [Fact]
    public async Task A_watch_from_a_resourceVersion_reports_added_modified_and_deleted_in_order()
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        using var client = api.CreateClient();
        var list = await client.CoreV1.ListNamespacedSecretAsync(Ns);
        var events = Collect(client.CoreV1.WatchListNamespacedSecretAsync(Ns, resourceVersion: list.Metadata.ResourceVersion));

        await client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "s" } }, Ns);
        await client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "elsewhere" } }, "other");
        await client.CoreV1.PatchNamespacedSecretAsync(new V1Patch("""{"metadata":{"labels":{"a":"b"}}}""", V1Patch.PatchType.MergePatch), "s", Ns);
        await client.CoreV1.DeleteNamespacedSecretAsync("s", Ns);

        var added = await NextAsync(events);
        var modified = await NextAsync(events);
        var deleted = await NextAsync(events);
        Assert.Equal<WatchEventType>(
            [WatchEventType.Added, WatchEventType.Modified, WatchEventType.Deleted],
            [added.Type, modified.Type, deleted.Type]);
        Assert.Equal("b", modified.Object.Metadata.Labels["a"]);
        Assert.Equal("Secret", deleted.Object.Kind);
        Assert.Equal(api.ResourceVersion, deleted.Object.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task A_watch_without_a_resourceVersion_starts_with_the_current_objects()
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        using var client = api.CreateClient();
        await CreateTenantAsync(client, "acme");
        await CreateTenantAsync(client, "globex");
        var events = new ConcurrentQueue<(WatchEventType Type, string? Name)>();

        using var watcher = client.CustomObjects.WatchListNamespacedCustomObject(
            Group, Version, Ns, Plural, onEvent: (type, obj) => events.Enqueue((type, ((JsonElement)obj).GetProperty("metadata").GetProperty("name").GetString())));
        await api.WaitForAsync(() => events.Count == 2);
        await CreateTenantAsync(client, "initech");
        await api.WaitForAsync(() => events.Count == 3);

        Assert.Equal(new (WatchEventType, string?)[] { (WatchEventType.Added, "acme"), (WatchEventType.Added, "globex"), (WatchEventType.Added, "initech") }, events);
    }

    [Fact]
    public async Task A_watch_with_a_label_selector_sees_objects_enter_and_leave_the_selection()
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        using var client = api.CreateClient();
        await client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "s" } }, Ns);
        var events = Collect(client.CoreV1.WatchListNamespacedSecretAsync(
            Ns, labelSelector: "app=budgetbuddy,tier in (gold, silver)", resourceVersion: api.ResourceVersion));

        await client.CoreV1.PatchNamespacedSecretAsync(new V1Patch("""{"metadata":{"labels":{"app":"budgetbuddy","tier":"gold"}}}""", V1Patch.PatchType.MergePatch), "s", Ns);
        await client.CoreV1.PatchNamespacedSecretAsync(new V1Patch("""{"metadata":{"labels":{"tier":"silver"}}}""", V1Patch.PatchType.MergePatch), "s", Ns);
        await client.CoreV1.PatchNamespacedSecretAsync(new V1Patch("""{"metadata":{"labels":{"tier":"bronze"}}}""", V1Patch.PatchType.MergePatch), "s", Ns);

        Assert.Equal(WatchEventType.Added, (await NextAsync(events)).Type);
        Assert.Equal(WatchEventType.Modified, (await NextAsync(events)).Type);
        Assert.Equal(WatchEventType.Deleted, (await NextAsync(events)).Type);
    }

    [Fact]
    public async Task A_watch_across_all_namespaces_sees_every_namespace()
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        using var client = api.CreateClient();
        var events = Collect(client.CoreV1.WatchListSecretForAllNamespacesAsync(resourceVersion: api.ResourceVersion));

        await client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "a" } }, "one");
        await client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "b" } }, "two");

        Assert.Equal("one", (await NextAsync(events)).Object.Metadata.NamespaceProperty);
        Assert.Equal("two", (await NextAsync(events)).Object.Metadata.NamespaceProperty);
    }

    [Fact]
    public async Task A_watch_that_allows_bookmarks_gets_them_with_the_latest_resourceVersion()
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        api.BookmarkInterval = TimeSpan.FromMilliseconds(100);
        using var client = api.CreateClient();
        await client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "elsewhere" } }, "other");
        var events = Collect(client.CoreV1.WatchListNamespacedSecretAsync(Ns, allowWatchBookmarks: true, resourceVersion: "1"));

        var (type, bookmark) = await NextAsync(events);

        Assert.Equal(WatchEventType.Bookmark, type);
        Assert.Equal(api.ResourceVersion, bookmark.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task A_watch_from_a_resourceVersion_older_than_the_history_gets_410_Expired_and_ends()
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        using var client = api.CreateClient();
        var first = await client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "s" } }, Ns);
        await client.CoreV1.PatchNamespacedSecretAsync(new V1Patch("""{"metadata":{"labels":{"a":"b"}}}""", V1Patch.PatchType.MergePatch), "s", Ns);
        api.ExpireHistory();
        var errors = new ConcurrentQueue<Exception>();

        var events = await ToListAsync(client.CoreV1.WatchListNamespacedSecretAsync(
            Ns, resourceVersion: first.Metadata.ResourceVersion, onError: errors.Enqueue));

        Assert.Empty(events);
        var expired = Assert.IsType<KubernetesException>(Assert.Single(errors));
        Assert.Equal((410, "Expired"), (expired.Status.Code, expired.Status.Reason));
        var current = Collect(client.CoreV1.WatchListNamespacedSecretAsync(Ns, resourceVersion: api.ResourceVersion));
        await client.CoreV1.DeleteNamespacedSecretAsync("s", Ns);
        Assert.Equal(WatchEventType.Deleted, (await NextAsync(current)).Type);
    }

    [Fact]
    public async Task Events_older_than_the_history_limit_cannot_be_replayed()
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        api.HistoryLimit = 3;
        using var client = api.CreateClient();
        var first = await client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "s0" } }, Ns);
        for (var i = 1; i < 5; i++)
        {
            await client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = $"s{i}" } }, Ns);
        }

        var errors = new ConcurrentQueue<Exception>();
        await ToListAsync(client.CoreV1.WatchListNamespacedSecretAsync(Ns, resourceVersion: first.Metadata.ResourceVersion, onError: errors.Enqueue));
        var replayed = await ToListAsync(client.CoreV1.WatchListNamespacedSecretAsync(Ns, resourceVersion: "2", timeoutSeconds: 1));

        Assert.Equal(410, Assert.IsType<KubernetesException>(Assert.Single(errors)).Status.Code);
        Assert.Equal<string>(["s2", "s3", "s4"], replayed.Select(e => e.Object.Metadata.Name));
    }

    [Fact]
    public async Task Dropping_watches_ends_the_clients_watch_with_an_error()
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        using var client = api.CreateClient();
        await client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "s" } }, Ns);
        var events = new ConcurrentQueue<WatchEventType>();
        var errors = new ConcurrentQueue<Exception>();
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        using var watcher = client.CoreV1.WatchListNamespacedSecret(
            Ns, onEvent: (type, _) => events.Enqueue(type), onError: errors.Enqueue, onClosed: () => closed.TrySetResult());
        await api.WaitForAsync(() => !events.IsEmpty && api.OpenWatches == 1);
        api.DropWatches();
        await closed.Task.WaitAsync(EventTimeout);

        Assert.False(watcher.Watching);
        Assert.NotEmpty(errors);
        Assert.Equal(0, api.OpenWatches);
    }

    [Fact]
    public async Task Closing_watches_ends_the_clients_watch_without_an_error()
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        using var client = api.CreateClient();
        await CreateTenantAsync(client, "acme");
        var errors = new ConcurrentQueue<Exception>();
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var events = 0;

        using var watcher = client.CustomObjects.WatchListNamespacedCustomObject(
            Group, Version, Ns, Plural, onEvent: (_, _) => Interlocked.Increment(ref events), onError: errors.Enqueue, onClosed: () => closed.TrySetResult());
        await api.WaitForAsync(() => Volatile.Read(ref events) == 1);
        api.CloseWatches();
        await closed.Task.WaitAsync(EventTimeout);

        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_watch_ends_cleanly_after_timeoutSeconds()
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        using var client = api.CreateClient();
        await client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "s" } }, Ns);
        var stopwatch = Stopwatch.StartNew();

        var events = await ToListAsync(client.CoreV1.WatchListNamespacedSecretAsync(Ns, timeoutSeconds: 1));

        Assert.Equal(WatchEventType.Added, Assert.Single(events).Type);
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task FailNext_answers_matching_requests_with_errors_then_recovers()
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        using var client = api.CreateClient();
        api.FailNext(2, 500, pathContains: "/secrets");

        var configMaps = await client.CoreV1.ListNamespacedConfigMapAsync(Ns);
        var first = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ListNamespacedSecretAsync(Ns));
        var second = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ListNamespacedSecretAsync(Ns));
        var third = await client.CoreV1.ListNamespacedSecretAsync(Ns);

        Assert.NotNull(configMaps);
        Assert.Equal(HttpStatusCode.InternalServerError, first.Response.StatusCode);
        Assert.Equal("InternalError", KubernetesJson.Deserialize<V1Status>(second.Response.Content).Reason);
        Assert.Empty(third.Items);
        Assert.Equal(3, api.Requests.Count(r => r is { Method: "GET", Path: "/api/v1/namespaces/budgetbuddy/secrets" }));
    }

    [Fact]
    public async Task Delay_holds_every_response_and_Requests_records_what_the_client_sent()
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        using var client = api.CreateClient();
        await CreateTenantAsync(client, "acme");
        api.Delay = TimeSpan.FromMilliseconds(300);
        var stopwatch = Stopwatch.StartNew();

        await MergePatchTenantAsync(client, """{"spec":{"suspended":true}}""");

        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(290), $"took {stopwatch.Elapsed}");
        var patch = api.Requests[^1];
        Assert.Equal(("PATCH", "/apis/budgetbuddy.io/v1alpha1/namespaces/budgetbuddy/budgetbuddytenants/acme"), (patch.Method, patch.Path));
        Assert.StartsWith("application/merge-patch+json", patch.ContentType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_written_through_either_API_show_in_the_Events_view()
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        using var client = api.CreateClient();
        var involved = new V1ObjectReference { Kind = "BudgetBuddyTenant", Name = "acme", NamespaceProperty = Ns };

        await client.CoreV1.CreateNamespacedEventAsync(
            new Corev1Event { Metadata = new V1ObjectMeta { GenerateName = "acme." }, InvolvedObject = involved, Reason = "TablesCreated", Type = "Normal" }, Ns);
        await client.EventsV1.CreateNamespacedEventAsync(
            new Eventsv1Event { Metadata = new V1ObjectMeta { GenerateName = "acme." }, Regarding = involved, Reason = "Registered", Type = "Normal", EventTime = DateTime.UtcNow, ReportingController = "budgetbuddy.io/operator", ReportingInstance = "op-0", Action = "Register" },
            Ns);

        Assert.Equal<string?>(["TablesCreated", "Registered"], api.Events.Select(e => (string?)e["reason"]));
        var byObject = await client.CoreV1.ListNamespacedEventAsync(Ns, fieldSelector: "involvedObject.name=acme");
        Assert.Single(byObject.Items);
    }

    [Fact]
    public async Task Put_and_Delete_act_as_another_client_and_WaitForAsync_sees_the_client_writes()
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        using var client = api.CreateClient();
        var events = Collect(client.CustomObjects.WatchListNamespacedCustomObjectAsync(Group, Version, Ns, Plural, resourceVersion: api.ResourceVersion));
        // The watch opens in the background; writing before it is open races it.
        await api.WaitForAsync(() => api.OpenWatches > 0);
        var waiting = api.WaitForAsync(ApiResources.BudgetBuddyTenants, Ns, "acme", tenant => (string?)tenant?["status"]?["phase"] == "Ready");

        var put = Tenant("acme");
        put["status"] = new JsonObject { ["phase"] = "Ready" };
        api.Put(ApiResources.BudgetBuddyTenants, put);
        var seen = await waiting;
        put["spec"]!["suspended"] = true;
        var respecced = api.Put(ApiResources.BudgetBuddyTenants, put);
        var deleted = api.Delete(ApiResources.BudgetBuddyTenants, Ns, "acme");

        Assert.Equal(1, (int?)seen!["metadata"]!["generation"]);
        Assert.Equal(2, (int?)respecced["metadata"]!["generation"]);
        Assert.True(deleted);
        Assert.False(api.Delete(ApiResources.BudgetBuddyTenants, Ns, "acme"));
        Assert.Equal(WatchEventType.Added, (await NextAsync(events)).Type);
        Assert.Equal(WatchEventType.Modified, (await NextAsync(events)).Type);
        Assert.Equal(WatchEventType.Deleted, (await NextAsync(events)).Type);
    }

    [Fact]
    public async Task Two_leader_electors_on_one_Lease_elect_one_leader_and_the_other_takes_over_when_it_stops()
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        using var clientA = api.CreateClient();
        using var clientB = api.CreateClient();
        using var electorA = Elector(clientA, "operator-a");
        using var electorB = Elector(clientB, "operator-b");
        var started = new ConcurrentQueue<string>();
        electorA.OnStartedLeading += () => started.Enqueue("operator-a");
        electorB.OnStartedLeading += () => started.Enqueue("operator-b");
        using var stopA = new CancellationTokenSource();
        using var stopB = new CancellationTokenSource();
        var runA = electorA.RunUntilLeadershipLostAsync(stopA.Token);
        var runB = electorB.RunUntilLeadershipLostAsync(stopB.Token);

        await api.WaitForAsync(() => !started.IsEmpty);
        await Task.Delay(TimeSpan.FromSeconds(1.2)); // longer than the lease: it is renewed, never taken
        var first = Assert.Single(started);
        var (firstElector, firstStop, firstRun) = first == "operator-a" ? (electorA, stopA, runA) : (electorB, stopB, runB);
        var (secondElector, secondStop, secondRun) = first == "operator-a" ? (electorB, stopB, runB) : (electorA, stopA, runA);
        Assert.True(firstElector.IsLeader());
        Assert.False(secondElector.IsLeader());

        await StopAsync(firstStop, firstRun);
        await api.WaitForAsync(() => started.Count == 2);

        Assert.True(secondElector.IsLeader());
        var lease = api.Get(ApiResources.Leases, "default", "budgetbuddy-operator")!;
        Assert.Equal(secondElector == electorA ? "operator-a" : "operator-b", (string?)lease["spec"]!["holderIdentity"]);
        Assert.Equal(1, (int?)lease["spec"]!["leaseTransitions"]);
        Assert.Contains(api.Requests, r => r.Method == "PUT" && r.Path.EndsWith("/leases/budgetbuddy-operator", StringComparison.Ordinal));
        await StopAsync(secondStop, secondRun);
    }

    private static LeaderElector Elector(k8s.Kubernetes client, string identity) =>
        new(new LeaderElectionConfig(new LeaseLock(client, "default", "budgetbuddy-operator", identity))
        {
            LeaseDuration = TimeSpan.FromSeconds(1),
            RenewDeadline = TimeSpan.FromMilliseconds(800),
            RetryPeriod = TimeSpan.FromMilliseconds(200),
        });

    private static async Task StopAsync(CancellationTokenSource stop, Task run)
    {
        await stop.CancelAsync();
        try
        {
            await run;
        }
        catch (OperationCanceledException)
        {
            // How a leader elector ends when cancelled.
        }
    }

    private static JsonObject Tenant(string name) => new()
    {
        ["apiVersion"] = "budgetbuddy.io/v1alpha1",
        ["kind"] = "BudgetBuddyTenant",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = Ns },
        ["spec"] = new JsonObject { ["displayName"] = "Acme", ["deletionPolicy"] = "Retain" },
    };

    private static V1Secret OwnedSecret(string name, JsonObject owner) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            OwnerReferences =
            [
                new V1OwnerReference
                {
                    ApiVersion = "budgetbuddy.io/v1alpha1",
                    Kind = "BudgetBuddyTenant",
                    Name = (string)owner["metadata"]!["name"]!,
                    Uid = (string)owner["metadata"]!["uid"]!,
                    Controller = true,
                    BlockOwnerDeletion = true,
                },
            ],
        },
    };

    private static Task<JsonObject> CreateTenantAsync(k8s.Kubernetes client, string name) => CreateTenantAsync(client, Tenant(name));

    private static async Task<JsonObject> CreateTenantAsync(k8s.Kubernetes client, JsonObject body) =>
        Node(await client.CustomObjects.CreateNamespacedCustomObjectAsync(body, Group, Version, Ns, Plural));

    private static async Task<JsonObject> MergePatchTenantAsync(k8s.Kubernetes client, string patch) =>
        Node(await client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch(patch, V1Patch.PatchType.MergePatch), Group, Version, Ns, Plural, "acme"));

    // CustomObjects answers are JsonElements.
    private static JsonObject Node(object answer) => JsonSerializer.SerializeToNode(answer)!.AsObject();

    // Reads a watch in the background until it ends (the server stopping ends it at the end of each test).
    private static ChannelReader<(WatchEventType Type, T Object)> Collect<T>(IAsyncEnumerable<(WatchEventType, T)> watch)
    {
        var channel = Channel.CreateUnbounded<(WatchEventType Type, T Object)>();
        _ = Task.Run(async () =>
        {
            try
            {
                await foreach (var item in watch)
                {
                    await channel.Writer.WriteAsync(item);
                }

                channel.Writer.TryComplete();
            }
            catch (Exception e)
            {
                channel.Writer.TryComplete(e);
            }
        });
        return channel.Reader;
    }

    private static async Task<(WatchEventType Type, T Object)> NextAsync<T>(ChannelReader<(WatchEventType Type, T Object)> events) =>
        await events.ReadAsync().AsTask().WaitAsync(EventTimeout);

    private static async Task<List<(WatchEventType Type, T Object)>> ToListAsync<T>(IAsyncEnumerable<(WatchEventType, T)> watch)
    {
        var items = new List<(WatchEventType Type, T Object)>();
        await foreach (var item in watch)
        {
            items.Add(item);
        }

        return items;
    }
}
