// What C# lowers $"..." to: literals and formatted values appended to one char buffer. Values
// format as .NET does with the invariant culture: IFormattable.ToString(format, null), else ToString().
namespace System.Runtime.CompilerServices;

[InterpolatedStringHandler]
public ref struct DefaultInterpolatedStringHandler
{
    private char[] _chars;
    private int _pos;

    public DefaultInterpolatedStringHandler(int literalLength, int formattedCount)
    {
        _chars = new char[literalLength + 11 * formattedCount];
        _pos = 0;
    }

    public DefaultInterpolatedStringHandler(int literalLength, int formattedCount, IFormatProvider? provider)
        : this(literalLength, formattedCount) { }

    public void AppendLiteral(string value) => AppendString(value);

    public void AppendFormatted(string? value) => AppendString(value);

    public void AppendFormatted(ReadOnlySpan<char> value)
    {
        Reserve(value.Length);
        for (int i = 0; i < value.Length; i++) _chars[_pos + i] = value[i];
        _pos += value.Length;
    }

    public void AppendFormatted(object? value, int alignment = 0, string? format = null) =>
        AppendFormatted<object?>(value, alignment, format);

    public void AppendFormatted<T>(T value) => AppendString(Format(value, null));
    public void AppendFormatted<T>(T value, string? format) => AppendString(Format(value, format));
    public void AppendFormatted<T>(T value, int alignment) => AppendFormatted(value, alignment, null);

    // A positive alignment pads on the left, a negative one on the right.
    public void AppendFormatted<T>(T value, int alignment, string? format)
    {
        string text = Format(value, format) ?? "";
        int pad = (alignment < 0 ? -alignment : alignment) - text.Length;
        if (pad > 0 && alignment > 0) AppendPadding(pad);
        AppendString(text);
        if (pad > 0 && alignment < 0) AppendPadding(pad);
    }

    private static string? Format<T>(T value, string? format)
    {
        if (value is IFormattable formattable) return formattable.ToString(format, null);
        if (value is null) return null;
        return value.ToString();
    }

    private void AppendPadding(int count)
    {
        Reserve(count);
        for (int i = 0; i < count; i++) _chars[_pos++] = ' ';
    }

    private void AppendString(string? value)
    {
        if (value is null) return;
        Reserve(value.Length);
        char[] source = value.RawChars;
        Array.Copy(source, 0, _chars, _pos, source.Length);
        _pos += source.Length;
    }

    private void Reserve(int count)
    {
        if (_pos + count <= _chars.Length) return;
        int capacity = 2 * _chars.Length;
        if (capacity < _pos + count) capacity = _pos + count;
        char[] chars = new char[capacity];
        Array.Copy(_chars, 0, chars, 0, _pos);
        _chars = chars;
    }

    public override string ToString() => new string(_chars, 0, _pos);

    public string ToStringAndClear()
    {
        string result = new string(_chars, 0, _pos);
        _chars = Array.Empty<char>();
        _pos = 0;
        return result;
    }
}
