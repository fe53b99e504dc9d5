using System.Collections.Concurrent;
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;

namespace FlowEngine.Ring;

/// <summary>
/// Generates, per class handler type, a struct that implements <see cref="IValueEventHandler{T}"/> by calling
/// the class's methods directly. A processor instantiated over that struct is compiled for it, so the per-event
/// call is a direct (inlinable) call instead of a shared-generic interface dispatch: the technique
/// Disruptor-net uses, written here from scratch. When dynamic code is unavailable or the type cannot be
/// proxied, callers fall back to the interface-typed processor, which is correct, just slower.
/// </summary>
internal static class StructProxyGenerator
{
    private static readonly object s_lock = new();
    private static readonly ConcurrentDictionary<(Type Event, Type Handler), Type?> s_cache = new();
    private static readonly HashSet<string> s_trustedAssemblies = new(StringComparer.Ordinal);
    private static AssemblyBuilder? s_assembly;
    private static ModuleBuilder? s_module;
    private static ConstructorInfo? s_ignoresAccessChecksCtor;
    private static int s_counter;

    /// <summary>The proxy struct type for <paramref name="handlerType"/>, or null when it cannot be built.</summary>
    public static Type? GetProxyType<T>(Type handlerType) where T : struct
    {
        if (handlerType.IsValueType || !RuntimeFeature.IsDynamicCodeSupported || !RuntimeFeature.IsDynamicCodeCompiled)
            return null;
        if (handlerType.ContainsGenericParameters || handlerType.IsCOMObject)
            return null;
        return s_cache.GetOrAdd((typeof(T), handlerType), static key => TryBuild(key.Event, key.Handler));
    }

    /// <summary>Wraps <paramref name="handler"/> in its proxy struct (boxed), or returns null.</summary>
    public static object? CreateProxy(Type proxyType, object handler) => Activator.CreateInstance(proxyType, handler);

    private static Type? TryBuild(Type eventType, Type handlerType)
    {
        try
        {
            lock (s_lock)
                return Build(eventType, handlerType);
        }
        catch (Exception)
        {
            // Any reason the runtime refuses the proxy (collectible or inaccessible types, no Reflection.Emit)
            // leaves the interface-typed processor, which is correct, just slower.
            return null;
        }
    }

    private static Type Build(Type eventType, Type handlerType)
    {
        var module = EnsureModule();
        Trust(handlerType.Assembly);
        Trust(typeof(StructProxyGenerator).Assembly);

        var interfaceType = typeof(IValueEventHandler<>).MakeGenericType(eventType);
        var map = handlerType.GetInterfaceMap(interfaceType);
        var name = $"FlowEngine.Ring.Proxies.{handlerType.Name}Proxy{Interlocked.Increment(ref s_counter)}";
        var type = module.DefineType(name,
            TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.SequentialLayout | TypeAttributes.BeforeFieldInit,
            typeof(ValueType), [interfaceType]);
        var target = type.DefineField("_target", handlerType, FieldAttributes.Private);

        var ctor = type.DefineConstructor(MethodAttributes.Public | MethodAttributes.HideBySig, CallingConventions.Standard, [handlerType]);
        var il = ctor.GetILGenerator();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Stfld, target);
        il.Emit(OpCodes.Ret);

        for (var i = 0; i < map.InterfaceMethods.Length; i++)
        {
            var declared = map.InterfaceMethods[i];
            var implementation = map.TargetMethods[i];
            var parameters = Array.ConvertAll(declared.GetParameters(), p => p.ParameterType);
            var method = type.DefineMethod(declared.Name,
                MethodAttributes.Public | MethodAttributes.Virtual | MethodAttributes.Final | MethodAttributes.HideBySig | MethodAttributes.NewSlot,
                declared.ReturnType, parameters);
            il = method.GetILGenerator();
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldfld, target);
            for (var p = 1; p <= parameters.Length; p++)
                il.Emit(OpCodes.Ldarg_S, (byte)p);
            if (implementation.DeclaringType == interfaceType)
            {
                // Not overridden: the interface's default body, reached through the interface.
                il.Emit(OpCodes.Callvirt, declared);
            }
            else
            {
                // The exact override for this runtime type: a direct call the JIT can inline.
                il.Emit(OpCodes.Call, implementation);
            }
            il.Emit(OpCodes.Ret);
            type.DefineMethodOverride(method, declared);
        }
        return type.CreateType();
    }

    private static ModuleBuilder EnsureModule()
    {
        if (s_module is not null)
            return s_module;
        s_assembly = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("FlowEngine.Ring.Proxies"), AssemblyBuilderAccess.Run);
        s_module = s_assembly.DefineDynamicModule("FlowEngine.Ring.Proxies");

        // The runtime honours this attribute by name: it lets the proxies call non-public handlers in the
        // assemblies it names, which is what makes private nested handler classes proxiable.
        var attribute = s_module.DefineType("System.Runtime.CompilerServices.IgnoresAccessChecksToAttribute",
            TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Class, typeof(Attribute));
        var nameField = attribute.DefineField("_assemblyName", typeof(string), FieldAttributes.Private);
        var ctor = attribute.DefineConstructor(MethodAttributes.Public | MethodAttributes.HideBySig, CallingConventions.Standard, [typeof(string)]);
        var il = ctor.GetILGenerator();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Call, typeof(Attribute).GetConstructor(BindingFlags.NonPublic | BindingFlags.Instance, Type.EmptyTypes)!);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Stfld, nameField);
        il.Emit(OpCodes.Ret);
        attribute.SetCustomAttribute(new CustomAttributeBuilder(
            typeof(AttributeUsageAttribute).GetConstructor([typeof(AttributeTargets)])!,
            [AttributeTargets.Assembly],
            [typeof(AttributeUsageAttribute).GetProperty(nameof(AttributeUsageAttribute.AllowMultiple))!],
            [true]));
        s_ignoresAccessChecksCtor = attribute.CreateType()!.GetConstructor([typeof(string)]);
        return s_module;
    }

    private static void Trust(Assembly assembly)
    {
        var name = assembly.GetName().Name;
        if (name is null || !s_trustedAssemblies.Add(name))
            return;
        s_assembly!.SetCustomAttribute(new CustomAttributeBuilder(s_ignoresAccessChecksCtor!, [name]));
    }
}
