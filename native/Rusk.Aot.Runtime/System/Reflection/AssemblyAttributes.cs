// The assembly-level attributes the .NET SDK generates into every program assembly (AssemblyInfo).
namespace System.Reflection;

[AttributeUsage(AttributeTargets.Assembly, Inherited = false)]
public sealed class AssemblyCompanyAttribute : Attribute
{
    public AssemblyCompanyAttribute(string company) { Company = company; }
    public string Company { get; }
}

[AttributeUsage(AttributeTargets.Assembly, Inherited = false)]
public sealed class AssemblyConfigurationAttribute : Attribute
{
    public AssemblyConfigurationAttribute(string configuration) { Configuration = configuration; }
    public string Configuration { get; }
}

[AttributeUsage(AttributeTargets.Assembly, Inherited = false)]
public sealed class AssemblyDescriptionAttribute : Attribute
{
    public AssemblyDescriptionAttribute(string description) { Description = description; }
    public string Description { get; }
}

[AttributeUsage(AttributeTargets.Assembly, Inherited = false)]
public sealed class AssemblyFileVersionAttribute : Attribute
{
    public AssemblyFileVersionAttribute(string version) { Version = version; }
    public string Version { get; }
}

[AttributeUsage(AttributeTargets.Assembly, Inherited = false)]
public sealed class AssemblyInformationalVersionAttribute : Attribute
{
    public AssemblyInformationalVersionAttribute(string informationalVersion) { InformationalVersion = informationalVersion; }
    public string InformationalVersion { get; }
}

[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true, Inherited = false)]
public sealed class AssemblyMetadataAttribute : Attribute
{
    public AssemblyMetadataAttribute(string key, string? value) { Key = key; Value = value; }
    public string Key { get; }
    public string? Value { get; }
}

[AttributeUsage(AttributeTargets.Assembly, Inherited = false)]
public sealed class AssemblyProductAttribute : Attribute
{
    public AssemblyProductAttribute(string product) { Product = product; }
    public string Product { get; }
}

[AttributeUsage(AttributeTargets.Assembly, Inherited = false)]
public sealed class AssemblyTitleAttribute : Attribute
{
    public AssemblyTitleAttribute(string title) { Title = title; }
    public string Title { get; }
}

[AttributeUsage(AttributeTargets.Assembly, Inherited = false)]
public sealed class AssemblyVersionAttribute : Attribute
{
    public AssemblyVersionAttribute(string version) { Version = version; }
    public string Version { get; }
}

[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Interface, AllowMultiple = false, Inherited = true)]
public sealed class DefaultMemberAttribute : Attribute
{
    public DefaultMemberAttribute(string memberName) { MemberName = memberName; }
    public string MemberName { get; }
}
