// A tiny static file server on 127.0.0.1 (HttpListener): URL prefixes mapped to folders, the
// right MIME types for wasm/js, no caching. Only loopback; only GET/HEAD of files under a mount.
using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace Rusk.Browser.Host;

sealed class StaticServer : IDisposable
{
    readonly HttpListener _listener = new();
    readonly List<(string Prefix, string Dir)> _mounts = new();
    readonly Task _loop;

    /// <summary>Base URL ending in "/".</summary>
    public string Url { get; }

    /// <summary>Extra response headers for URL paths starting with Prefix (e.g. a CSP for one page).</summary>
    public List<(string Prefix, string Name, string Value)> Headers { get; } = new();

    /// <summary>Bytes served so far by URL path (the size report reads it).</summary>
    public Dictionary<string, long> Served { get; } = new();

    public StaticServer(params (string Prefix, string Dir)[] mounts) : this(0, mounts) { }

    /// <summary>On `port` (0 = any free port).</summary>
    public StaticServer(int port, params (string Prefix, string Dir)[] mounts)
    {
        _mounts.AddRange(mounts);
        _mounts.Sort((a, b) => b.Prefix.Length.CompareTo(a.Prefix.Length));
        if (port == 0) port = FreePort();
        Url = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext ctx;
            try { ctx = await _listener.GetContextAsync(); }
            catch (Exception) { return; }
            _ = Task.Run(() => Serve(ctx));
        }
    }

    void Serve(HttpListenerContext ctx)
    {
        var res = ctx.Response;
        try
        {
            string path = Uri.UnescapeDataString(ctx.Request.Url!.AbsolutePath);
            string? file = Resolve(path);
            if (file == null || (ctx.Request.HttpMethod != "GET" && ctx.Request.HttpMethod != "HEAD"))
            {
                res.StatusCode = 404;
                return;
            }
            byte[] body = File.ReadAllBytes(file);
            res.ContentType = MimeType(file);
            res.Headers["Cache-Control"] = "no-store";
            lock (Headers)
                foreach (var (prefix, name, value) in Headers)
                    if (path.StartsWith(prefix, StringComparison.Ordinal)) res.Headers[name] = value;
            res.ContentLength64 = body.Length;
            lock (Served) Served[path] = body.Length;
            if (ctx.Request.HttpMethod == "GET") res.OutputStream.Write(body, 0, body.Length);
        }
        catch (Exception)
        {
            try { res.StatusCode = 500; } catch (InvalidOperationException) { }
        }
        finally
        {
            try { res.Close(); } catch (Exception) { }
        }
    }

    string? Resolve(string path)
    {
        foreach (var (prefix, dir) in _mounts)
        {
            if (!path.StartsWith(prefix, StringComparison.Ordinal)) continue;
            string rel = path.Substring(prefix.Length);
            if (rel.Length == 0 || rel.EndsWith('/')) rel += "index.html";
            string root = Path.GetFullPath(dir);
            string full = Path.GetFullPath(Path.Combine(root, rel));
            if (!full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)) return null;
            return File.Exists(full) ? full : null;
        }
        return null;
    }

    static string MimeType(string file) => Path.GetExtension(file) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" or ".mjs" => "text/javascript; charset=utf-8",
        ".json" => "application/json",
        ".wasm" => "application/wasm",
        ".css" => "text/css",
        ".map" => "application/json",
        _ => "application/octet-stream",
    };

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }
}
