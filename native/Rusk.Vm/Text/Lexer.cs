// Tokens of the `.rasm` text format: one pass over the text into a flat token array, with the
// position of every token kept for error messages. Strings are checked here, decoded on demand.
using System;
using System.Collections.Generic;
using System.Text;

namespace Rusk.Vm.Text;

internal enum TokenKind : byte
{
    Eof, Newline, Ident, Int, Float, String, Bytes,
    LParen, RParen, LBracket, RBracket, LBrace, RBrace, Lt, Gt,
    Comma, Colon, ColonColon, Dot, DotDot, Arrow, Eq, At, Dollar, Minus,
}

internal readonly struct Token
{
    public readonly TokenKind Kind;
    public readonly int Start;
    public readonly int Length;
    public readonly int Line;
    public readonly int Column;

    public Token(TokenKind kind, int start, int length, int line, int column)
    {
        Kind = kind; Start = start; Length = length; Line = line; Column = column;
    }
}

internal sealed class Lexer
{
    readonly string _text;
    int _pos;
    int _line = 1;
    int _lineStart;
    Token[] _tokens;
    int _count;

    Lexer(string text)
    {
        _text = text;
        _tokens = new Token[Math.Max(16, text.Length / 4)];
    }

    /// <summary>All tokens of <paramref name="text"/>, ending with one <see cref="TokenKind.Eof"/>.</summary>
    public static Token[] Tokenize(string text, out int count)
    {
        var lx = new Lexer(text);
        lx.Run();
        count = lx._count;
        return lx._tokens;
    }

    void Add(TokenKind kind, int start, int length)
    {
        if (_count == _tokens.Length) Array.Resize(ref _tokens, _tokens.Length * 2);
        _tokens[_count++] = new Token(kind, start, length, _line, start - _lineStart + 1);
    }

    AsmException Error(int at, string message) => new(_line, at - _lineStart + 1, message);

    void Run()
    {
        string t = _text;
        if (t.Length > 0 && t[0] == '\ufeff') { _pos = 1; _lineStart = 1; }
        while (_pos < t.Length)
        {
            char c = t[_pos];
            int start = _pos;
            switch (c)
            {
                case ' ': case '\t': _pos++; continue;
                case '\r':
                    _pos++;
                    if (_pos < t.Length && t[_pos] == '\n') _pos++;
                    NewLine(start);
                    continue;
                case '\n': _pos++; NewLine(start); continue;
                case ';': case '#':
                    while (_pos < t.Length && t[_pos] != '\n' && t[_pos] != '\r') _pos++;
                    continue;
                case '(': Single(TokenKind.LParen); continue;
                case ')': Single(TokenKind.RParen); continue;
                case '[': Single(TokenKind.LBracket); continue;
                case ']': Single(TokenKind.RBracket); continue;
                case '{': Single(TokenKind.LBrace); continue;
                case '}': Single(TokenKind.RBrace); continue;
                case '<': Single(TokenKind.Lt); continue;
                case '>': Single(TokenKind.Gt); continue;
                case ',': Single(TokenKind.Comma); continue;
                case '=': Single(TokenKind.Eq); continue;
                case '@': Single(TokenKind.At); continue;
                case '$': Single(TokenKind.Dollar); continue;
                case ':':
                    if (Next(1) == ':') { Add(TokenKind.ColonColon, start, 2); _pos += 2; }
                    else Single(TokenKind.Colon);
                    continue;
                case '.':
                    if (Next(1) == '.') { Add(TokenKind.DotDot, start, 2); _pos += 2; }
                    else Single(TokenKind.Dot);
                    continue;
                case '-':
                    if (Next(1) == '>') { Add(TokenKind.Arrow, start, 2); _pos += 2; }
                    else if (IsDigit(Next(1))) Number();
                    else Single(TokenKind.Minus);
                    continue;
                case '"': QuotedString(start, start + 1, TokenKind.String); continue;
            }
            if (c == 'b' && Next(1) == '"') { QuotedString(start, start + 2, TokenKind.Bytes); continue; }
            if (IsDigit(c)) { Number(); continue; }
            if (Mnemonics.IsIdentStart(c))
            {
                _pos++;
                while (_pos < t.Length && Mnemonics.IsIdentPart(t[_pos])) _pos++;
                Add(TokenKind.Ident, start, _pos - start);
                continue;
            }
            throw Error(start, $"unexpected character {Describe(c)}");
        }
        Add(TokenKind.Newline, _pos, 0);
        Add(TokenKind.Eof, _pos, 0);
    }

    static string Describe(char c) =>
        c < 0x20 || c == 0x7f || char.IsSurrogate(c) ? "U+" + Rusk.Vm.Execution.NumberText.UpperHex(c, 4) : $"`{c}`";

    char Next(int k) => _pos + k < _text.Length ? _text[_pos + k] : '\0';
    static bool IsDigit(char c) => c >= '0' && c <= '9';
    static bool IsHex(char c) => IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

    void Single(TokenKind kind)
    {
        Add(kind, _pos, 1);
        _pos++;
    }

    void NewLine(int at)
    {
        // Blank lines and comment-only lines collapse into one separator.
        if (_count > 0 && _tokens[_count - 1].Kind != TokenKind.Newline) Add(TokenKind.Newline, at, 0);
        _line++;
        _lineStart = _pos;
    }

    void Number()
    {
        string t = _text;
        int start = _pos;
        if (t[_pos] == '-') _pos++;
        var kind = TokenKind.Int;
        if (t[_pos] == '0' && (Next(1) == 'x' || Next(1) == 'X'))
        {
            _pos += 2;
            int digits = _pos;
            while (_pos < t.Length && IsHex(t[_pos])) _pos++;
            if (_pos == digits) throw Error(start, "expected hex digits after `0x`");
        }
        else
        {
            while (_pos < t.Length && IsDigit(t[_pos])) _pos++;
            if (_pos < t.Length && t[_pos] == '.' && IsDigit(Next(1)))
            {
                kind = TokenKind.Float;
                _pos++;
                while (_pos < t.Length && IsDigit(t[_pos])) _pos++;
            }
            if (_pos < t.Length && (t[_pos] == 'e' || t[_pos] == 'E'))
            {
                kind = TokenKind.Float;
                _pos++;
                if (_pos < t.Length && (t[_pos] == '+' || t[_pos] == '-')) _pos++;
                int digits = _pos;
                while (_pos < t.Length && IsDigit(t[_pos])) _pos++;
                if (_pos == digits) throw Error(start, "expected exponent digits in float literal");
            }
        }
        if (_pos < t.Length && Mnemonics.IsIdentPart(t[_pos]))
            throw Error(start, $"malformed number `{t.Substring(start, _pos - start + 1)}`");
        Add(kind, start, _pos - start);
    }

    /// <summary>Scans a string or byte string, checking escapes; the token spans the quotes.</summary>
    void QuotedString(int start, int bodyStart, TokenKind kind)
    {
        string t = _text;
        int i = bodyStart;
        while (true)
        {
            if (i >= t.Length || t[i] == '\n' || t[i] == '\r')
                throw Error(start, "unterminated string (no closing `\"` on this line)");
            char c = t[i];
            if (c == '"') break;
            if (c == '\\')
            {
                int len = EscapeLength(i, kind == TokenKind.Bytes, out _);
                i += len;
                continue;
            }
            if (kind == TokenKind.Bytes && c >= 0x7f)
                throw Error(i, $"character {Describe(c)} in a byte string (write bytes above 0x7e as \\xNN)");
            i++;
        }
        _pos = i + 1;
        Add(kind, start, _pos - start);
    }

    int EscapeLength(int at, bool bytes, out int code)
    {
        int len = Escape(_text, at, bytes, out code, out string? error);
        if (len == 0) throw Error(at, error!);
        return len;
    }

    static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    /// <summary>Length of the escape at <paramref name="at"/> (the backslash) and the code it stands for; 0 and a message if invalid.</summary>
    static int Escape(string t, int at, bool bytes, out int code, out string? error)
    {
        char e = at + 1 < t.Length ? t[at + 1] : '\0';
        error = null;
        code = 0;
        switch (e)
        {
            case '\\': code = '\\'; return 2;
            case '"': code = '"'; return 2;
            case 'n': code = '\n'; return 2;
            case 'r': code = '\r'; return 2;
            case 't': code = '\t'; return 2;
            case '0': code = 0; return 2;
            case 'x':
                if (at + 3 < t.Length && IsHex(t[at + 2]) && IsHex(t[at + 3]))
                {
                    code = HexValue(t[at + 2]) * 16 + HexValue(t[at + 3]);
                    if (!bytes && code > 0x7f) { error = "`\\x` escapes in strings go up to \\x7f; use \\u{...}"; return 0; }
                    return 4;
                }
                error = "expected two hex digits after `\\x`";
                return 0;
            case 'u':
                if (bytes) { error = "`\\u{...}` is not allowed in a byte string; use \\xNN"; return 0; }
                if (at + 2 < t.Length && t[at + 2] == '{')
                {
                    int i = at + 3;
                    int v = 0;
                    while (i < t.Length && IsHex(t[i]) && i - (at + 3) < 6)
                    {
                        v = v * 16 + HexValue(t[i]);
                        i++;
                    }
                    if (i > at + 3 && i < t.Length && t[i] == '}' && v <= 0x10ffff)
                    {
                        code = v;
                        return i + 1 - at;
                    }
                }
                error = "expected `\\u{HEX}` with 1 to 6 hex digits up to 10FFFF";
                return 0;
            default:
                error = e == '\0' || e == '\n' || e == '\r'
                    ? "unterminated string (no closing `\"` on this line)"
                    : $"unknown escape `\\{e}` (expected one of \\\\ \\\" \\n \\r \\t \\0 \\xNN \\u{{...}})";
                return 0;
        }
    }

    /// <summary>The value of a string token checked by <see cref="Tokenize"/>.</summary>
    public static string DecodeString(string text, in Token tok)
    {
        int end = tok.Start + tok.Length - 1;
        int i = tok.Start + 1;
        int firstEscape = text.IndexOf('\\', i, end - i);
        if (firstEscape < 0) return text.Substring(i, end - i);
        var sb = new StringBuilder(end - i);
        while (i < end)
        {
            char c = text[i];
            if (c != '\\') { sb.Append(c); i++; continue; }
            i += Escape(text, i, false, out int code, out _);
            if (code <= 0xffff) sb.Append((char)code);
            else sb.Append(char.ConvertFromUtf32(code));
        }
        return sb.ToString();
    }

    /// <summary>The bytes of a byte-string token checked by <see cref="Tokenize"/>.</summary>
    public static byte[] DecodeBytes(string text, in Token tok)
    {
        int end = tok.Start + tok.Length - 1;
        int i = tok.Start + 2;
        var bytes = new List<byte>(end - i);
        while (i < end)
        {
            char c = text[i];
            if (c != '\\') { bytes.Add((byte)c); i++; continue; }
            i += Escape(text, i, true, out int code, out _);
            bytes.Add((byte)code);
        }
        return bytes.ToArray();
    }
}
