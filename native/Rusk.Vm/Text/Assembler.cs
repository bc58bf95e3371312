// `.rasm` text → Module (docs/text-format.md). A declaration pre-pass gives every function, type,
// method and host import its id, so the main pass resolves names (forward references included) as
// it builds the final instructions. Every error is an AsmException with the line and column.
using System;
using System.Collections.Generic;
using NumberText = Rusk.Vm.Execution.NumberText;
using Rusk.Vm.Format;

namespace Rusk.Vm.Text;

internal static class Assembler
{
    /// <summary>Assembles a module; throws <see cref="AsmException"/> on any mistake in the text.</summary>
    public static Module Assemble(string text) => new Parser(text).Run();

    sealed class TypeTables
    {
        public readonly List<uint> Impls = new();
        public readonly List<DispatchEntry> VCall = new();
        public readonly List<DispatchEntry> SCall = new();
        public readonly List<AssocTypeEntry> Assoc = new();
        public string[]? Layout;
        public AbiSchema? Schema;
        public bool Declared;
    }

    sealed class Parser
    {
        readonly string _text;
        readonly Token[] _t;
        int _i;

        // Declarations, numbered by the pre-pass.
        readonly Dictionary<string, uint> _fnIds = new();
        readonly List<int> _fnDeclTokens = new();
        readonly Dictionary<string, uint> _typeIds = new();
        readonly List<string> _typeNames = new();
        readonly Dictionary<string, uint> _methodIds = new();
        readonly List<string> _methodNames = new();
        readonly Dictionary<string, uint> _hostIds = new();
        bool _impliedPrimitives = true;

        // Results of the main pass.
        Function[] _functions = Array.Empty<Function>();
        uint[] _generics = Array.Empty<uint>();
        TypeTables[] _tables = Array.Empty<TypeTables>();
        readonly List<HostImport> _hosts = new();
        readonly List<ExternalEffectDecl> _effects = new();
        readonly HashSet<(string, string)> _effectKeys = new();
        uint? _entry;
        uint[]? _genericsOverride;
        int _firstGenericsAttr = -1;

        // Nesting of patterns and ABI types: bounded like the decoder's, so deep input cannot
        // overflow the stack and every assembled module decodes again.
        int _depth;

        // Per-function state.
        readonly Dictionary<string, uint> _labels = new();
        readonly List<Instr> _code = new();
        long _maxReg;

        public Parser(string text)
        {
            _text = text;
            _t = Lexer.Tokenize(text, out _);
        }

        // ---- tokens -------------------------------------------------------------------------

        ref readonly Token Cur => ref _t[_i];
        TokenKind Kind => _t[_i].Kind;
        TokenKind Peek(int k) => _t[Math.Min(_i + k, _t.Length - 1)].Kind;

        ReadOnlySpan<char> Span(in Token tok) => _text.AsSpan(tok.Start, tok.Length);
        string TextOf(in Token tok) => _text.Substring(tok.Start, tok.Length);

        bool IsWord(in Token tok, string word) =>
            tok.Kind == TokenKind.Ident && Span(tok).SequenceEqual(word.AsSpan());

        bool AtWord(string word) => IsWord(Cur, word);

        static AsmException Error(in Token tok, string message) => new(tok.Line, tok.Column, message);

        string Describe(in Token tok)
        {
            switch (tok.Kind)
            {
                case TokenKind.Newline: return "end of line";
                case TokenKind.Eof: return "end of file";
                case TokenKind.String:
                case TokenKind.Bytes:
                    return tok.Length > 40 ? "string " + _text.Substring(tok.Start, 37) + "...\"" : "string " + TextOf(tok);
                default:
                    return "\"" + (tok.Length > 40 ? _text.Substring(tok.Start, 37) + "..." : TextOf(tok)) + "\"";
            }
        }

        AsmException Expected(string what) => Error(Cur, $"expected {what}, found {Describe(Cur)}");

        void Expect(TokenKind kind, string what)
        {
            if (Kind != kind) throw Expected(what);
            _i++;
        }

        void ExpectWord(string word)
        {
            if (!AtWord(word)) throw Expected($"`{word}`");
            _i++;
        }

        bool Accept(TokenKind kind)
        {
            if (Kind != kind) return false;
            _i++;
            return true;
        }

        void SkipNewlines()
        {
            while (Kind == TokenKind.Newline) _i++;
        }

        void EndOfStatement()
        {
            if (Kind == TokenKind.Newline) { _i++; return; }
            if (Kind == TokenKind.Eof || Kind == TokenKind.RBrace) return;
            throw Expected("end of line");
        }

        /// <summary>Skips one statement of the pre-pass: up to the newline at bracket depth 0.</summary>
        int SkipStatement(int i)
        {
            int depth = 0;
            while (true)
            {
                switch (_t[i].Kind)
                {
                    case TokenKind.Eof: return i;
                    case TokenKind.Newline: if (depth == 0) return i; break;
                    case TokenKind.LParen: case TokenKind.LBracket: case TokenKind.LBrace: depth++; break;
                    case TokenKind.RParen: case TokenKind.RBracket: case TokenKind.RBrace:
                        if (depth == 0) return i;
                        depth--;
                        break;
                }
                i++;
            }
        }

        // ---- scalars and names --------------------------------------------------------------

        /// <summary>A name: an identifier or a quoted string.</summary>
        string Name(string what)
        {
            ref readonly var tok = ref Cur;
            if (tok.Kind == TokenKind.Ident) { _i++; return TextOf(tok); }
            if (tok.Kind == TokenKind.String) { _i++; return Lexer.DecodeString(_text, tok); }
            throw Expected(what + " (identifier or quoted string)");
        }

        bool AtName => Kind == TokenKind.Ident || Kind == TokenKind.String;

        uint U32(string what)
        {
            ref readonly var tok = ref Cur;
            if (tok.Kind == TokenKind.Int && TryInt(tok, out long v) && v >= 0 && v <= uint.MaxValue)
            {
                _i++;
                return (uint)v;
            }
            if (tok.Kind == TokenKind.Int) throw Error(tok, $"{what} {TextOf(tok)} is out of range 0..{uint.MaxValue}");
            throw Expected(what);
        }

        bool TryInt(in Token tok, out long value)
        {
            var s = Span(tok);
            if (s.Length > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
            {
                if (NumberText.TryParseHexUInt64(s.Slice(2), out ulong u))
                {
                    value = unchecked((long)u);
                    return true;
                }
                value = 0;
                return false;
            }
            if (s.Length > 3 && s[0] == '-' && s[1] == '0' && (s[2] == 'x' || s[2] == 'X')) { value = 0; return false; }
            return NumberText.TryParseInt64(s, out value);
        }

        uint Reg()
        {
            ref readonly var tok = ref Cur;
            if (tok.Kind == TokenKind.Ident && tok.Length > 1 && _text[tok.Start] == 'r')
            {
                long v = 0;
                bool ok = tok.Length <= 11;
                for (int k = 1; k < tok.Length && ok; k++)
                {
                    char c = _text[tok.Start + k];
                    if (c < '0' || c > '9') ok = false;
                    else v = v * 10 + (c - '0');
                }
                if (ok && v <= uint.MaxValue)
                {
                    _i++;
                    if (v > _maxReg) _maxReg = v;
                    return (uint)v;
                }
                if (ok) throw Error(tok, $"register {TextOf(tok)} is out of range r0..r{uint.MaxValue}");
            }
            throw Expected("register (r<N>)");
        }

        uint[] RegList(TokenKind open, TokenKind close, string openText, string closeText)
        {
            Expect(open, $"`{openText}`");
            SkipNewlines();
            if (Accept(close)) return Array.Empty<uint>();
            var regs = new List<uint>();
            while (true)
            {
                regs.Add(Reg());
                SkipNewlines();
                if (Accept(close)) return regs.ToArray();
                Expect(TokenKind.Comma, $"`,` or `{closeText}`");
                SkipNewlines();
            }
        }

        uint[] Args() => RegList(TokenKind.LParen, TokenKind.RParen, "(", ")");

        uint[] OptTypeArgs() => Kind == TokenKind.Lt
            ? RegList(TokenKind.Lt, TokenKind.Gt, "<", ">")
            : Array.Empty<uint>();

        /// <summary>`$N` raw index, else null.</summary>
        uint? RawId(string what)
        {
            if (Kind != TokenKind.Dollar) return null;
            _i++;
            return U32(what + " index after `$`");
        }

        uint TypeRef()
        {
            if (RawId("type") is uint raw) return raw;
            int at = _i;
            string name = Name("type name");
            if (_typeIds.TryGetValue(name, out uint id)) return id;
            throw Error(_t[at], $"unknown type `{name}` (declare it with `type {Quote(name)}`)");
        }

        uint FunctionRef()
        {
            if (RawId("function") is uint raw) return raw;
            int at = _i;
            string name = Name("function name");
            if (_fnIds.TryGetValue(name, out uint id)) return id;
            throw Error(_t[at], $"unknown function `{name}`");
        }

        uint MethodRef()
        {
            if (RawId("method") is uint raw) return raw;
            string name = Name("method name");
            if (_methodIds.TryGetValue(name, out uint id)) return id;
            // Methods not declared with `method` are interned on first use, after the declared ones.
            id = (uint)_methodNames.Count;
            _methodNames.Add(name);
            _methodIds.Add(name, id);
            return id;
        }

        static string Quote(string name)
        {
            var sb = new System.Text.StringBuilder();
            Mnemonics.AppendName(sb, name);
            return sb.ToString();
        }

        uint Target()
        {
            bool at = Accept(TokenKind.At);
            ref readonly var tok = ref Cur;
            if (at && tok.Kind == TokenKind.Int) return U32("pc");
            if (tok.Kind == TokenKind.Ident)
            {
                string label = TextOf(tok);
                if (_labels.TryGetValue(label, out uint pc)) { _i++; return pc; }
                if (!Mnemonics.IsRegisterLike(label)) throw Error(tok, $"unknown label `{label}`");
            }
            throw Expected("jump target (@<pc> or a label)");
        }

        // ---- pre-pass ------------------------------------------------------------------------

        void DeclarePass()
        {
            var declaredTypes = new List<(string Name, int Tok)>();
            var methodDecls = new List<(string Name, int Tok)>();
            int i = 0;
            int hostCount = 0;
            while (true)
            {
                while (_t[i].Kind == TokenKind.Newline) i++;
                if (_t[i].Kind == TokenKind.Eof) break;
                ref readonly var kw = ref _t[i];
                ref readonly var nameTok = ref _t[i + 1];
                bool named = nameTok.Kind is TokenKind.Ident or TokenKind.String;
                if (named && (IsWord(kw, "fn") || IsWord(kw, "type") || IsWord(kw, "struct") || IsWord(kw, "method") || IsWord(kw, "host")))
                {
                    string name = nameTok.Kind == TokenKind.Ident ? TextOf(nameTok) : Lexer.DecodeString(_text, nameTok);
                    if (IsWord(kw, "fn"))
                    {
                        if (!_fnIds.TryAdd(name, (uint)_fnDeclTokens.Count))
                            throw Error(nameTok, $"duplicate function `{name}` (first declared on line {_t[_fnDeclTokens[(int)_fnIds[name]]].Line})");
                        _fnDeclTokens.Add(i + 1);
                    }
                    else if (IsWord(kw, "method")) methodDecls.Add((name, i + 1));
                    else if (IsWord(kw, "host"))
                    {
                        if (!_hostIds.TryAdd(name, (uint)hostCount++))
                            throw Error(nameTok, $"duplicate host import `{name}`");
                    }
                    else declaredTypes.Add((name, i + 1));
                }
                else if (IsWord(kw, "no_implied_primitives")) _impliedPrimitives = false;
                i = SkipStatement(i);
                // A stray closing bracket at depth 0 is the main pass's error to report.
                if (_t[i].Kind is not (TokenKind.Newline or TokenKind.Eof)) i++;
            }

            if (_impliedPrimitives)
                foreach (var p in Mnemonics.PrimitiveTypes) AddType(p);
            var attached = new HashSet<string>();
            foreach (var (name, tok) in declaredTypes)
            {
                if (_impliedPrimitives && _typeIds.TryGetValue(name, out uint id) && id < Mnemonics.PrimitiveTypes.Length && attached.Add(name))
                    continue;
                if (!_typeIds.ContainsKey(name)) { AddType(name); continue; }
                throw Error(_t[tok], $"duplicate type `{name}`");
            }
            foreach (var (name, tok) in methodDecls)
            {
                if (_methodIds.ContainsKey(name)) throw Error(_t[tok], $"duplicate method `{name}`");
                _methodIds.Add(name, (uint)_methodNames.Count);
                _methodNames.Add(name);
            }
            _functions = new Function[_fnDeclTokens.Count];
            _generics = new uint[_fnDeclTokens.Count];
        }

        void AddType(string name)
        {
            _typeIds.Add(name, (uint)_typeNames.Count);
            _typeNames.Add(name);
        }

        // ---- module ----------------------------------------------------------------------------

        public Module Run()
        {
            DeclarePass();
            _tables = new TypeTables[_typeNames.Count];
            for (int k = 0; k < _tables.Length; k++) _tables[k] = new TypeTables();

            while (true)
            {
                SkipNewlines();
                if (Kind == TokenKind.Eof) break;
                ref readonly var kw = ref Cur;
                if (IsWord(kw, "fn")) FunctionDecl();
                else if (IsWord(kw, "type")) TypeDecl();
                else if (IsWord(kw, "struct")) StructDecl();
                else if (IsWord(kw, "method")) { _i++; Name("method name"); }
                else if (IsWord(kw, "host")) HostDecl();
                else if (IsWord(kw, "effect")) EffectDecl();
                else if (IsWord(kw, "entry"))
                {
                    if (_entry != null) throw Error(kw, "duplicate `entry`");
                    _i++;
                    _entry = FunctionRef();
                }
                else if (IsWord(kw, "no_implied_primitives")) _i++;
                else if (IsWord(kw, "function_generic_params"))
                {
                    if (_genericsOverride != null) throw Error(kw, "duplicate `function_generic_params`");
                    _i++;
                    _genericsOverride = U32List();
                }
                else throw Expected("a declaration (fn, type, struct, method, host, effect, entry)");
                EndOfStatement();
                if (Kind == TokenKind.RBrace) throw Error(Cur, "unexpected `}`");
            }

            if (_genericsOverride != null && _firstGenericsAttr >= 0)
                throw Error(_t[_firstGenericsAttr], "`generics` on a function conflicts with `function_generic_params`");

            int types = _typeNames.Count;
            var vcall = new DispatchEntry[types][];
            var scall = new DispatchEntry[types][];
            var assoc = new AssocTypeEntry[types][];
            var impls = new uint[types][];
            var layouts = new string[]?[types];
            var schemas = new AbiSchema?[types];
            for (int k = 0; k < types; k++)
            {
                var tt = _tables[k];
                vcall[k] = tt.VCall.ToArray();
                scall[k] = tt.SCall.ToArray();
                assoc[k] = tt.Assoc.ToArray();
                impls[k] = tt.Impls.ToArray();
                layouts[k] = tt.Layout;
                schemas[k] = tt.Schema;
            }
            uint entry = _entry ?? (_fnIds.TryGetValue("main", out uint main) ? main : 0);
            try
            {
                return new Module(_functions, _genericsOverride ?? _generics, _hosts.ToArray(), _typeNames.ToArray(),
                    _methodNames.ToArray(), vcall, scall, assoc, impls, layouts, schemas, _effects.ToArray(), entry);
            }
            catch (ModuleException e)
            {
                // Every duplicate is reported with its position above; this is a safety net.
                throw new AsmException(1, 1, e.Message);
            }
        }

        uint[] U32List()
        {
            Expect(TokenKind.LBracket, "`[`");
            var list = new List<uint>();
            SkipNewlines();
            if (Accept(TokenKind.RBracket)) return Array.Empty<uint>();
            while (true)
            {
                list.Add(U32("number"));
                SkipNewlines();
                if (Accept(TokenKind.RBracket)) return list.ToArray();
                Expect(TokenKind.Comma, "`,` or `]`");
                SkipNewlines();
            }
        }

        void HostDecl()
        {
            _i++;
            string name = Name("host import name");
            _hosts.Add(new HostImport(name, Signature()));
        }

        void EffectDecl()
        {
            _i++;
            int at = _i;
            string iface = Name("effect interface name");
            Expect(TokenKind.Dot, "`.` between interface and method");
            string method = Name("effect method name");
            if (!_effectKeys.Add((iface, method))) throw Error(_t[at], $"duplicate external effect `{iface}.{method}`");
            _effects.Add(new ExternalEffectDecl(iface, method, Signature()));
        }

        HostFnSig Signature()
        {
            var ps = AbiList(TokenKind.LParen, TokenKind.RParen, "(", ")", false);
            Expect(TokenKind.Arrow, "`->` and the return type");
            return new HostFnSig(ps, Abi(false));
        }

        AbiType[] AbiList(TokenKind open, TokenKind close, string openText, string closeText, bool schema)
        {
            Expect(open, $"`{openText}`");
            SkipNewlines();
            if (Accept(close)) return Array.Empty<AbiType>();
            var list = new List<AbiType>();
            while (true)
            {
                list.Add(Abi(schema));
                SkipNewlines();
                if (Accept(close)) return list.ToArray();
                Expect(TokenKind.Comma, $"`,` or `{closeText}`");
                SkipNewlines();
            }
        }

        void Enter()
        {
            if (++_depth > RbcReader.MaxNesting)
                throw Error(Cur, $"nested deeper than {RbcReader.MaxNesting} levels");
        }

        AbiType Abi(bool schema)
        {
            Enter();
            var t = AbiItem(schema);
            _depth--;
            return t;
        }

        AbiType AbiItem(bool schema)
        {
            ref readonly var tok = ref Cur;
            switch (tok.Kind)
            {
                case TokenKind.LBracket:
                {
                    _i++;
                    var elem = Abi(schema);
                    Expect(TokenKind.RBracket, "`]`");
                    return AbiType.Array(elem);
                }
                case TokenKind.LParen:
                    return AbiType.Tuple(AbiList(TokenKind.LParen, TokenKind.RParen, "(", ")", schema));
                case TokenKind.Ident:
                {
                    var s = Span(tok);
                    for (int k = 0; k < Mnemonics.AbiLeaves.Length; k++)
                        if (s.SequenceEqual(Mnemonics.AbiLeaves[k].AsSpan())) { _i++; return AbiType.Leaf((AbiKind)k); }
                    if (IsWord(tok, "struct") || IsWord(tok, "enum"))
                    {
                        bool isStruct = IsWord(tok, "struct");
                        _i++;
                        uint id = TypeRef();
                        var args = Kind == TokenKind.Lt
                            ? AbiList(TokenKind.Lt, TokenKind.Gt, "<", ">", schema)
                            : Array.Empty<AbiType>();
                        return isStruct ? AbiType.Struct(id, args) : AbiType.Enum(id, args);
                    }
                    if (Mnemonics.IsTypeParamLike(TextOf(tok)))
                    {
                        if (!schema) throw Error(tok, $"type parameter {TextOf(tok)} is only allowed in an `abi` schema");
                        if (!NumberText.TryParseUInt32(s.Slice(1), out uint index))
                            throw Error(tok, $"type parameter {TextOf(tok)} is out of range");
                        _i++;
                        return AbiType.TypeParam(index);
                    }
                    break;
                }
            }
            throw Expected("ABI type (unit, bool, int, float, string, bytes, continuation, byte, char, [T], (T, ...), struct NAME<...>, enum NAME<...>"
                + (schema ? ", T<N>)" : ")"));
        }

        // ---- types -------------------------------------------------------------------------------

        TypeTables DeclaredType(out uint id)
        {
            int at = _i;
            string name = Name("type name");
            if (!_typeIds.TryGetValue(name, out id)) throw Error(_t[at], $"type `{name}` is not a top-level declaration");
            var tt = _tables[id];
            if (tt.Declared) throw Error(_t[at], $"duplicate type `{name}`");
            tt.Declared = true;
            return tt;
        }

        void StructDecl()
        {
            _i++;
            var tt = DeclaredType(out _);
            tt.Layout = NameList(TokenKind.LBrace, TokenKind.RBrace, "{", "}", "field name");
        }

        string[] NameList(TokenKind open, TokenKind close, string openText, string closeText, string what)
        {
            Expect(open, $"`{openText}`");
            SkipNewlines();
            if (Accept(close)) return Array.Empty<string>();
            var list = new List<string>();
            while (true)
            {
                list.Add(Name(what));
                SkipNewlines();
                if (Accept(close)) return list.ToArray();
                Expect(TokenKind.Comma, $"`,` or `{closeText}`");
                SkipNewlines();
            }
        }

        void TypeDecl()
        {
            _i++;
            var tt = DeclaredType(out _);
            if (Kind != TokenKind.LBrace) return;
            _i++;
            while (true)
            {
                SkipNewlines();
                if (Accept(TokenKind.RBrace)) return;
                ref readonly var kw = ref Cur;
                if (IsWord(kw, "impl"))
                {
                    _i++;
                    while (true)
                    {
                        tt.Impls.Add(TypeRef());
                        if (!Accept(TokenKind.Comma)) break;
                    }
                }
                else if (IsWord(kw, "vcall") || IsWord(kw, "scall"))
                {
                    bool v = IsWord(kw, "vcall");
                    _i++;
                    uint method = MethodRef();
                    Expect(TokenKind.Arrow, "`->` and the implementing function");
                    var e = new DispatchEntry(method, FunctionRef());
                    (v ? tt.VCall : tt.SCall).Add(e);
                }
                else if (IsWord(kw, "assoc"))
                {
                    _i++;
                    uint iface = TypeRef();
                    Expect(TokenKind.Dot, "`.` between interface and associated type name");
                    string name = Name("associated type name");
                    Expect(TokenKind.Arrow, "`->` and the projection function");
                    tt.Assoc.Add(new AssocTypeEntry(iface, name, FunctionRef()));
                }
                else if (IsWord(kw, "fields"))
                {
                    if (tt.Layout != null) throw Error(kw, "duplicate `fields` (a type has at most one struct layout)");
                    _i++;
                    var fields = new List<string>();
                    if (AtName)
                        while (true)
                        {
                            fields.Add(Name("field name"));
                            if (!Accept(TokenKind.Comma)) break;
                        }
                    tt.Layout = fields.ToArray();
                }
                else if (IsWord(kw, "abi"))
                {
                    if (tt.Schema != null) throw Error(kw, "duplicate `abi` (a type has at most one ABI schema)");
                    _i++;
                    tt.Schema = Schema();
                }
                else throw Expected("a type item (impl, vcall, scall, assoc, fields, abi) or `}`");
                if (Kind == TokenKind.RBrace) continue;
                Expect(TokenKind.Newline, "end of line");
            }
        }

        AbiSchema Schema()
        {
            bool isEnum;
            if (AtWord("struct")) isEnum = false;
            else if (AtWord("enum")) isEnum = true;
            else throw Expected("`struct` or `enum`");
            _i++;
            uint typeParams = 0;
            if (Accept(TokenKind.Lt))
            {
                while (true)
                {
                    ref readonly var tok = ref Cur;
                    if (!(tok.Kind == TokenKind.Ident && TextOf(tok) == "T" + NumberText.Decimal(typeParams)))
                        throw Expected($"type parameter T{typeParams}");
                    _i++;
                    typeParams++;
                    if (Accept(TokenKind.Gt)) break;
                    Expect(TokenKind.Comma, "`,` or `>`");
                }
            }
            Expect(TokenKind.LBrace, "`{`");
            SkipNewlines();
            var fields = new List<AbiStructField>();
            var variants = new List<AbiEnumVariant>();
            if (!Accept(TokenKind.RBrace))
            {
                while (true)
                {
                    string name = Name(isEnum ? "variant name" : "field name");
                    if (isEnum)
                    {
                        var items = Kind == TokenKind.LParen
                            ? AbiList(TokenKind.LParen, TokenKind.RParen, "(", ")", true)
                            : Array.Empty<AbiType>();
                        variants.Add(new AbiEnumVariant(name, items));
                    }
                    else
                    {
                        Expect(TokenKind.Colon, "`:` and the field type");
                        fields.Add(new AbiStructField(name, Abi(true)));
                    }
                    SkipNewlines();
                    if (Accept(TokenKind.RBrace)) break;
                    Expect(TokenKind.Comma, "`,` or `}`");
                    SkipNewlines();
                }
            }
            return isEnum ? AbiSchema.Enum(typeParams, variants.ToArray()) : AbiSchema.Struct(typeParams, fields.ToArray());
        }

        // ---- functions -----------------------------------------------------------------------------

        void FunctionDecl()
        {
            _i++;
            int nameAt = _i;
            string name = Name("function name");
            if (!_fnIds.TryGetValue(name, out uint id)) throw Error(_t[nameAt], $"function `{name}` is not a top-level declaration");
            uint? paramCount = null, regCount = null, generics = null;
            while (Kind == TokenKind.Ident)
            {
                ref readonly var attr = ref Cur;
                if (IsWord(attr, "params") || IsWord(attr, "regs") || IsWord(attr, "generics"))
                {
                    string word = TextOf(attr);
                    var attrTok = attr;
                    int attrIndex = _i;
                    _i++;
                    uint v = U32($"`{word}` count");
                    bool dup;
                    if (word == "params") { dup = paramCount != null; paramCount = v; }
                    else if (word == "regs") { dup = regCount != null; regCount = v; }
                    else
                    {
                        dup = generics != null;
                        generics = v;
                        if (_firstGenericsAttr < 0) _firstGenericsAttr = attrIndex;
                    }
                    if (dup) throw Error(attrTok, $"duplicate `{word}`");
                }
                else throw Expected("`params`, `generics`, `regs` or `{`");
            }
            if (paramCount == null) throw Error(Cur, "missing `params N` (the parameter count is required)");
            Expect(TokenKind.LBrace, "`{`");

            ScanLabels();
            _code.Clear();
            _maxReg = -1;
            while (true)
            {
                SkipNewlines();
                if (Accept(TokenKind.RBrace)) break;
                if (Kind == TokenKind.Eof) throw Expected($"`}}` closing function `{name}`");
                ref readonly var tok = ref Cur;
                if (tok.Kind == TokenKind.Ident && Peek(1) == TokenKind.Colon) { _i += 2; continue; }
                if (tok.Kind == TokenKind.Int && Peek(1) == TokenKind.Colon)
                {
                    if (!TryInt(tok, out long mark) || mark != _code.Count)
                        throw Error(tok, $"pc mark `{TextOf(tok)}:` does not match the instruction's position {_code.Count} "
                            + "(pc marks are checked; drop them after inserting or removing instructions)");
                    _i += 2;
                    continue;
                }
                _code.Add(Instruction());
                EndOfStatement();
            }
            long used = _maxReg + 1;
            uint regs = regCount ?? (uint)Math.Max(used, paramCount.Value);
            _functions[id] = new Function(name, regs, paramCount.Value, _code.ToArray());
            _generics[id] = generics ?? 0;
        }

        /// <summary>Finds the labels of the function body starting at the cursor, so jumps may point forward.</summary>
        void ScanLabels()
        {
            _labels.Clear();
            int i = _i;
            uint pc = 0;
            while (true)
            {
                while (_t[i].Kind == TokenKind.Newline) i++;
                ref readonly var tok = ref _t[i];
                if (tok.Kind is TokenKind.RBrace or TokenKind.Eof) return;
                if (_t[i + 1].Kind == TokenKind.Colon && tok.Kind == TokenKind.Ident)
                {
                    string label = TextOf(tok);
                    if (!_labels.TryAdd(label, pc)) throw Error(tok, $"duplicate label `{label}`");
                    i += 2;
                    continue;
                }
                if (_t[i + 1].Kind == TokenKind.Colon && tok.Kind == TokenKind.Int) { i += 2; continue; }
                pc++;
                i = SkipStatement(i);
                // A stray `)` or `]` stops the skip without moving; the main pass reports it.
                if (_t[i].Kind is TokenKind.RParen or TokenKind.RBracket) i++;
            }
        }

        Instr Instruction()
        {
            OptReg dst = OptReg.None;
            uint[]? dsts = null;
            ref readonly var first = ref Cur;
            if (first.Kind == TokenKind.Ident && Peek(1) == TokenKind.Eq) { dst = new OptReg(Reg()); _i++; }
            else if (first.Kind == TokenKind.LParen)
            {
                dsts = Args();
                Expect(TokenKind.Eq, "`=` after the destination list");
            }

            ref readonly var opTok = ref Cur;
            if (opTok.Kind != TokenKind.Ident) throw Expected("instruction mnemonic");
            if (!Mnemonics.TryGetOpcode(Span(opTok), out int opIndex))
                throw Error(opTok, $"unknown opcode `{TextOf(opTok)}`");
            var op = (Opcode)opIndex;
            var at = opTok;
            _i++;

            if (dsts != null && op != Opcode.CallMulti)
                throw Error(at, $"only call_multi takes a destination list; `{Mnemonics.Opcodes[opIndex]}` does not");
            switch (op)
            {
                case Opcode.Const:
                    return new ConstInstr(NeedDst(dst, at), Const());
                case Opcode.Copy: case Opcode.Move: case Opcode.AsReadonly: case Opcode.Len:
                case Opcode.IntNot: case Opcode.ByteNot: case Opcode.BoolNot:
                    return new UnaryInstr(op, NeedDst(dst, at), Reg());
                case Opcode.MakeTypeRep:
                {
                    uint d = NeedDst(dst, at);
                    var lit = TypeRep();
                    return new MakeTypeRepInstr(d, lit, OptTypeArgs());
                }
                case Opcode.AssocTypeRep:
                {
                    uint d = NeedDst(dst, at);
                    uint recv = Reg();
                    Expect(TokenKind.Comma, "`,`");
                    uint iface = TypeRef();
                    Expect(TokenKind.Dot, "`.` between interface and associated type name");
                    return new AssocTypeRepInstr(d, recv, iface, Name("associated type name"));
                }
                case Opcode.MakeStruct:
                {
                    uint d = NeedDst(dst, at);
                    uint type = TypeRef();
                    var targs = OptTypeArgs();
                    Expect(TokenKind.LBrace, "`{`");
                    var names = new List<string>();
                    var regs = new List<uint>();
                    SkipNewlines();
                    if (!Accept(TokenKind.RBrace))
                        while (true)
                        {
                            names.Add(Name("field name"));
                            Expect(TokenKind.Colon, "`:` and the field's register");
                            regs.Add(Reg());
                            SkipNewlines();
                            if (Accept(TokenKind.RBrace)) break;
                            Expect(TokenKind.Comma, "`,` or `}`");
                            SkipNewlines();
                        }
                    return new MakeStructInstr(d, type, targs, names.ToArray(), regs.ToArray());
                }
                case Opcode.MakeArray:
                    return new MakeSeqInstr(op, NeedDst(dst, at), RegList(TokenKind.LBracket, TokenKind.RBracket, "[", "]"));
                case Opcode.MakeTuple:
                    return new MakeSeqInstr(op, NeedDst(dst, at), Args());
                case Opcode.MakeEnum:
                {
                    uint d = NeedDst(dst, at);
                    uint type = TypeRef();
                    var targs = OptTypeArgs();
                    Expect(TokenKind.ColonColon, "`::` and the variant name");
                    string variant = Name("variant name");
                    var fields = Kind == TokenKind.LParen ? Args() : Array.Empty<uint>();
                    return new MakeEnumInstr(d, type, targs, variant, fields);
                }
                case Opcode.GetField:
                {
                    uint d = NeedDst(dst, at);
                    uint obj = Reg();
                    Expect(TokenKind.Comma, "`,`");
                    return new GetFieldInstr(d, obj, Name("field name"));
                }
                case Opcode.SetField:
                {
                    NoDst(dst, at);
                    uint obj = Reg();
                    Expect(TokenKind.Comma, "`,`");
                    string field = Name("field name");
                    Expect(TokenKind.Comma, "`,`");
                    return new SetFieldInstr(obj, field, Reg());
                }
                case Opcode.StructGet: case Opcode.TupleGet:
                {
                    uint d = NeedDst(dst, at);
                    uint obj = Reg();
                    Expect(TokenKind.Comma, "`,`");
                    return new IndexedGetInstr(op, d, obj, U32("field index"));
                }
                case Opcode.StructSet: case Opcode.TupleSet:
                {
                    NoDst(dst, at);
                    uint obj = Reg();
                    Expect(TokenKind.Comma, "`,`");
                    uint index = U32("field index");
                    Expect(TokenKind.Comma, "`,`");
                    return new IndexedSetInstr(op, obj, index, Reg());
                }
                case Opcode.IndexSet:
                {
                    NoDst(dst, at);
                    uint arr = Reg();
                    Expect(TokenKind.Comma, "`,`");
                    uint idx = Reg();
                    Expect(TokenKind.Comma, "`,`");
                    return new IndexSetInstr(arr, idx, Reg());
                }
                case Opcode.Call:
                {
                    var target = CallTarget();
                    return new CallInstr(dst, target, Args());
                }
                case Opcode.CallMulti:
                {
                    if (dsts == null) throw Error(at, "call_multi needs a destination list: `(rA, rB) = call_multi F(...)`");
                    var target = CallTarget();
                    return new CallMultiInstr(dsts, target, Args());
                }
                case Opcode.ICall:
                {
                    uint fn = Reg();
                    return new ICallInstr(dst, fn, Args());
                }
                case Opcode.VCall: case Opcode.SCall:
                {
                    uint recv = Reg();
                    Expect(TokenKind.Dot, "`.` and the method name");
                    uint method = MethodRef();
                    var targs = OptTypeArgs();
                    return new DispatchCallInstr(op, dst, recv, method, targs, Args());
                }
                case Opcode.PushHandler:
                    NoDst(dst, at);
                    return new PushHandlerInstr(HandlerClauses());
                case Opcode.PopHandler:
                    NoDst(dst, at);
                    return PopHandlerInstr.Instance;
                case Opcode.Perform:
                {
                    var effect = Effect();
                    return new PerformInstr(dst, effect, Args());
                }
                case Opcode.Resume:
                {
                    uint k = Reg();
                    Expect(TokenKind.Comma, "`,`");
                    return new ResumeInstr(dst, k, Reg());
                }
                case Opcode.ResumeTail:
                {
                    NoDst(dst, at);
                    uint k = Reg();
                    Expect(TokenKind.Comma, "`,`");
                    return new ResumeTailInstr(k, Reg());
                }
                case Opcode.Jump:
                    NoDst(dst, at);
                    return new JumpInstr(Target());
                case Opcode.JumpIf:
                {
                    NoDst(dst, at);
                    uint cond = Reg();
                    Expect(TokenKind.Comma, "`,`");
                    uint then = Target();
                    Expect(TokenKind.Comma, "`,`");
                    return new JumpIfInstr(cond, then, Target());
                }
                case Opcode.Switch:
                    NoDst(dst, at);
                    return Switch();
                case Opcode.Return:
                    NoDst(dst, at);
                    return new ReturnInstr(Reg());
                case Opcode.ReturnMulti:
                    NoDst(dst, at);
                    return new ReturnMultiInstr(Args());
                case Opcode.Trap:
                {
                    NoDst(dst, at);
                    if (Kind != TokenKind.String) throw Expected("trap message (quoted string)");
                    string msg = Lexer.DecodeString(_text, Cur);
                    _i++;
                    return new TrapInstr(msg);
                }
                default:
                {
                    // The binary shapes: int/byte/bool ops, is_type, index_get.
                    uint d = NeedDst(dst, at);
                    uint a = Reg();
                    Expect(TokenKind.Comma, "`,`");
                    return new BinaryInstr(op, d, a, Reg());
                }
            }
        }

        uint NeedDst(OptReg dst, in Token at)
        {
            if (dst.HasValue) return dst.Reg;
            string name = TextOf(at);
            throw Error(at, $"`{name}` needs a destination register (`rD = {name} ...`)");
        }

        void NoDst(OptReg dst, in Token at)
        {
            if (dst.HasValue) throw Error(at, $"`{TextOf(at)}` has no destination register");
        }

        Format.CallTarget CallTarget()
        {
            if (AtWord("host"))
            {
                _i++;
                if (RawId("host import") is uint raw) return new Format.CallTarget(CallKind.Host, raw);
                int at = _i;
                string name = Name("host import name");
                if (_hostIds.TryGetValue(name, out uint id)) return new Format.CallTarget(CallKind.Host, id);
                throw Error(_t[at], $"unknown host import `{name}`");
            }
            if (AtWord("intrinsic"))
            {
                _i++;
                if (RawId("intrinsic") is uint raw)
                {
                    if (raw > ushort.MaxValue) throw Error(_t[_i - 1], $"intrinsic index {raw} is out of range 0..{ushort.MaxValue}");
                    return new Format.CallTarget(CallKind.Intrinsic, raw);
                }
                ref readonly var tok = ref Cur;
                if (tok.Kind == TokenKind.Ident && Mnemonics.IntrinsicByName.TryGetValue(TextOf(tok), out int id))
                {
                    _i++;
                    return new Format.CallTarget(CallKind.Intrinsic, (uint)id);
                }
                if (tok.Kind == TokenKind.Ident) throw Error(tok, $"unknown intrinsic `{TextOf(tok)}`");
                throw Expected("intrinsic name");
            }
            if (!AtName && Kind != TokenKind.Dollar) throw Expected("call target (function name, host NAME or intrinsic NAME)");
            return new Format.CallTarget(CallKind.Bc, FunctionRef());
        }

        EffectSpec Effect()
        {
            string iface = Name("effect interface name");
            var args = OptTypeArgs();
            Expect(TokenKind.Dot, "`.` and the effect method name");
            return new EffectSpec(iface, args, Name("effect method name"));
        }

        /// <summary>`{ clause* }`, clauses separated by newlines or commas.</summary>
        HandlerClause[] HandlerClauses()
        {
            Expect(TokenKind.LBrace, "`{`");
            var clauses = new List<HandlerClause>();
            while (true)
            {
                SkipNewlines();
                if (Accept(TokenKind.RBrace)) return clauses.ToArray();
                var effect = Effect();
                Expect(TokenKind.LParen, "`(` and the argument patterns");
                var pats = new List<Pattern>();
                SkipNewlines();
                if (!Accept(TokenKind.RParen))
                    while (true)
                    {
                        pats.Add(Pattern());
                        SkipNewlines();
                        if (Accept(TokenKind.RParen)) break;
                        Expect(TokenKind.Comma, "`,` or `)`");
                        SkipNewlines();
                    }
                Expect(TokenKind.Arrow, "`->` and the handler's target");
                uint target = Target();
                var ps = Kind == TokenKind.LParen ? Args() : Array.Empty<uint>();
                clauses.Add(new HandlerClause(effect, pats.ToArray(), target, ps));
                if (Accept(TokenKind.Comma)) continue;
                if (Kind != TokenKind.RBrace) Expect(TokenKind.Newline, "end of line, `,` or `}`");
            }
        }

        SwitchInstr Switch()
        {
            uint value = Reg();
            Expect(TokenKind.LBrace, "`{`");
            var cases = new List<SwitchCase>();
            while (true)
            {
                SkipNewlines();
                if (AtWord("default") && Peek(1) == TokenKind.Arrow)
                {
                    _i += 2;
                    uint def = Target();
                    SkipNewlines();
                    Accept(TokenKind.Comma);
                    SkipNewlines();
                    Expect(TokenKind.RBrace, "`}` (the `default` case comes last)");
                    return new SwitchInstr(value, cases.ToArray(), def);
                }
                if (Kind == TokenKind.RBrace) throw Expected("`default -> TARGET` before `}` (every switch has a default)");
                var pat = Pattern();
                Expect(TokenKind.Arrow, "`->` and the case's target");
                uint target = Target();
                var ps = Kind == TokenKind.LParen ? Args() : Array.Empty<uint>();
                cases.Add(new SwitchCase(pat, target, ps));
                if (Accept(TokenKind.Comma)) continue;
                Expect(TokenKind.Newline, "end of line or `,`");
            }
        }

        // ---- constants and patterns ---------------------------------------------------------------

        TypeRepLit TypeRep()
        {
            ref readonly var tok = ref Cur;
            if (tok.Kind == TokenKind.Ident)
            {
                var s = Span(tok);
                for (int k = 0; k < Mnemonics.TypeReps.Length; k++)
                {
                    if (!s.SequenceEqual(Mnemonics.TypeReps[k].AsSpan())) continue;
                    _i++;
                    var kind = (TypeRepKind)k;
                    switch (kind)
                    {
                        case TypeRepKind.Tuple:
                        {
                            Expect(TokenKind.LParen, "`(` and the tuple arity");
                            uint arity = U32("tuple arity");
                            Expect(TokenKind.RParen, "`)`");
                            return TypeRepLit.Tuple(arity);
                        }
                        case TypeRepKind.Struct: case TypeRepKind.Enum: case TypeRepKind.Interface:
                        {
                            Expect(TokenKind.LParen, "`(` and the type name");
                            string name = Name("type name");
                            Expect(TokenKind.RParen, "`)`");
                            return TypeRepLit.Named(kind, name);
                        }
                        default:
                            return TypeRepLit.Of(kind);
                    }
                }
            }
            throw Expected("typerep (unit, never, bool, int, float, byte, char, string, bytes, array, fn, cont, tuple(N), struct(NAME), enum(NAME), interface(NAME))");
        }

        ConstValue Const()
        {
            ref readonly var tok = ref Cur;
            switch (tok.Kind)
            {
                case TokenKind.Int:
                    if (!TryInt(tok, out long v)) throw Error(tok, $"integer {TextOf(tok)} does not fit in 64 bits");
                    _i++;
                    return ConstValue.Int(v);
                case TokenKind.Float:
                {
                    if (!Mnemonics.TryParseFloat(TextOf(tok), out long bits)) throw Error(tok, $"malformed float {TextOf(tok)}");
                    _i++;
                    return ConstValue.FloatBits(bits);
                }
                case TokenKind.String:
                    _i++;
                    return ConstValue.String(Lexer.DecodeString(_text, tok));
                case TokenKind.Bytes:
                    _i++;
                    return ConstValue.Bytes(Lexer.DecodeBytes(_text, tok));
                case TokenKind.Minus:
                    if (IsWord(_t[_i + 1], "inf")) { _i += 2; return ConstValue.FloatBits(BitConverter.DoubleToInt64Bits(double.NegativeInfinity)); }
                    if (IsWord(_t[_i + 1], "nan")) { _i += 2; return ConstValue.FloatBits(Mnemonics.NegativeCanonicalNaN); }
                    break;
                case TokenKind.Ident:
                    if (IsWord(tok, "unit")) { _i++; return ConstValue.Unit; }
                    if (IsWord(tok, "true")) { _i++; return ConstValue.True; }
                    if (IsWord(tok, "false")) { _i++; return ConstValue.False; }
                    if (IsWord(tok, "inf")) { _i++; return ConstValue.FloatBits(BitConverter.DoubleToInt64Bits(double.PositiveInfinity)); }
                    if (IsWord(tok, "nan")) { _i++; return ConstValue.FloatBits(Mnemonics.CanonicalNaN); }
                    if (IsWord(tok, "f64bits"))
                    {
                        _i++;
                        Expect(TokenKind.LParen, "`(` and the 64-bit pattern");
                        ref readonly var n = ref Cur;
                        if (n.Kind != TokenKind.Int || !TryInt(n, out long bits)) throw Expected("64-bit integer (e.g. 0x7ff8000000000001)");
                        _i++;
                        Expect(TokenKind.RParen, "`)`");
                        return ConstValue.FloatBits(bits);
                    }
                    if (IsWord(tok, "typerep")) { _i++; return ConstValue.OfTypeRep(TypeRep()); }
                    if (IsWord(tok, "fn")) { _i++; return ConstValue.Function(FunctionRef()); }
                    break;
            }
            throw Expected("constant (unit, true, false, integer, float, \"string\", b\"bytes\", typerep T, fn NAME)");
        }

        Pattern Pattern()
        {
            Enter();
            var p = PatternItem();
            _depth--;
            return p;
        }

        Pattern PatternItem()
        {
            ref readonly var tok = ref Cur;
            var next = Peek(1);
            if ((tok.Kind == TokenKind.Ident || tok.Kind == TokenKind.String) && next == TokenKind.ColonColon)
            {
                string enumName = Name("enum name");
                _i++;
                string variant = Name("variant name");
                var fields = Array.Empty<Pattern>();
                if (Kind == TokenKind.LParen) fields = PatternList(TokenKind.LParen, TokenKind.RParen, ")");
                return Format.Pattern.Enum(enumName, variant, fields);
            }
            if ((tok.Kind == TokenKind.Ident || tok.Kind == TokenKind.String) && next == TokenKind.LBrace)
            {
                string typeName = Name("struct name");
                _i++;
                var names = new List<string>();
                var fields = new List<Pattern>();
                SkipNewlines();
                if (!Accept(TokenKind.RBrace))
                    while (true)
                    {
                        names.Add(Name("field name"));
                        Expect(TokenKind.Colon, "`:` and the field's pattern");
                        fields.Add(Pattern());
                        SkipNewlines();
                        if (Accept(TokenKind.RBrace)) break;
                        Expect(TokenKind.Comma, "`,` or `}`");
                        SkipNewlines();
                    }
                return Format.Pattern.Struct(typeName, names.ToArray(), fields.ToArray());
            }
            if (IsWord(tok, "_")) { _i++; return Format.Pattern.Wildcard; }
            if (IsWord(tok, "bind")) { _i++; return Format.Pattern.Bind; }
            if (tok.Kind == TokenKind.LParen) return Sequence(TokenKind.LParen, TokenKind.RParen, ")", false);
            if (tok.Kind == TokenKind.LBracket) return Sequence(TokenKind.LBracket, TokenKind.RBracket, "]", true);
            if (tok.Kind is TokenKind.Int or TokenKind.Float or TokenKind.String or TokenKind.Bytes or TokenKind.Minus
                || IsWord(tok, "unit") || IsWord(tok, "true") || IsWord(tok, "false") || IsWord(tok, "inf")
                || IsWord(tok, "nan") || IsWord(tok, "f64bits") || IsWord(tok, "typerep") || IsWord(tok, "fn"))
                return Format.Pattern.Lit(Const());
            throw Expected("pattern (_, bind, a constant, (..), [..], Enum::Variant(..), Struct { .. })");
        }

        Pattern[] PatternList(TokenKind open, TokenKind close, string closeText)
        {
            Expect(open, "`(`");
            SkipNewlines();
            if (Accept(close)) return Array.Empty<Pattern>();
            var list = new List<Pattern>();
            while (true)
            {
                list.Add(Pattern());
                SkipNewlines();
                if (Accept(close)) return list.ToArray();
                Expect(TokenKind.Comma, $"`,` or `{closeText}`");
                SkipNewlines();
            }
        }

        /// <summary>Tuple or array pattern: `prefix.., ..rest, suffix..`; bare `..` = suffix without rest.</summary>
        Pattern Sequence(TokenKind open, TokenKind close, string closeText, bool array)
        {
            _i++;
            var prefix = new List<Pattern>();
            List<Pattern>? suffix = null;
            Pattern? rest = null;
            SkipNewlines();
            if (!Accept(close))
            {
                while (true)
                {
                    if (Kind == TokenKind.DotDot)
                    {
                        var dots = Cur;
                        if (suffix != null) throw Error(dots, "a sequence pattern has at most one `..`");
                        _i++;
                        suffix = new List<Pattern>();
                        if (Kind is not (TokenKind.Comma or TokenKind.Newline) && Kind != close) rest = Pattern();
                        else
                        {
                            int save = _i;
                            SkipNewlines();
                            bool hasSuffix = Kind == TokenKind.Comma;
                            _i = save;
                            if (!hasSuffix)
                                throw Error(dots, "`..` without a rest pattern must be followed by suffix patterns; write `.._` to ignore the rest");
                        }
                    }
                    else (suffix ?? prefix).Add(Pattern());
                    SkipNewlines();
                    if (Accept(close)) break;
                    Expect(TokenKind.Comma, $"`,` or `{closeText}`");
                    SkipNewlines();
                }
            }
            var pre = prefix.ToArray();
            var suf = suffix?.ToArray() ?? Array.Empty<Pattern>();
            return array ? Format.Pattern.Array(pre, rest, suf) : Format.Pattern.Tuple(pre, rest, suf);
        }
    }
}
