// gzip -9 and brotli q11 sizes of files, cached on disk by path, length and modification time:
// brotli at its highest quality takes seconds for the multi-megabyte runtime, and the files rarely
// change between runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rusk.Perf.Browser;

sealed class CompressedSizes
{
    readonly string _cacheFile;
    readonly Dictionary<string, (long Gzip, long Brotli)> _cache = new(StringComparer.Ordinal);
    bool _dirty;

    public CompressedSizes(string cacheFile)
    {
        _cacheFile = cacheFile;
        try
        {
            if (!File.Exists(cacheFile)) return;
            var root = JsonNode.Parse(File.ReadAllText(cacheFile))!.AsObject();
            foreach (var (key, v) in root)
                if (v is JsonObject o) _cache[key] = ((long)o["gzip"]!, (long)o["brotli"]!);
        }
        catch (Exception e) when (e is JsonException or IOException or InvalidOperationException or FormatException)
        {
            _cache.Clear(); // a damaged cache is only recomputed
        }
    }

    public (long Raw, long Gzip, long Brotli) Of(string file)
    {
        var info = new FileInfo(file);
        string key = string.Create(CultureInfo.InvariantCulture, $"{info.FullName}|{info.Length}|{info.LastWriteTimeUtc.Ticks}");
        if (_cache.TryGetValue(key, out var c)) return (info.Length, c.Gzip, c.Brotli);
        byte[] bytes = File.ReadAllBytes(file);
        var sizes = (Compress(bytes, s => new GZipStream(s, CompressionLevel.SmallestSize, leaveOpen: true)),
                     Compress(bytes, s => new BrotliStream(s, CompressionLevel.SmallestSize, leaveOpen: true)));
        _cache[key] = sizes;
        _dirty = true;
        return (bytes.Length, sizes.Item1, sizes.Item2);
    }

    public void Save()
    {
        if (!_dirty) return;
        var root = new JsonObject();
        foreach (var (key, (gz, br)) in _cache) root[key] = new JsonObject { ["gzip"] = gz, ["brotli"] = br };
        File.WriteAllText(_cacheFile, root.ToJsonString());
        _dirty = false;
    }

    static long Compress(byte[] data, Func<Stream, Stream> wrap)
    {
        using var ms = new MemoryStream();
        using (var z = wrap(ms)) z.Write(data);
        return ms.Length;
    }
}
