namespace FlowEngine.Ring;

/// <summary>What a handler type implements, found once at build time so the hot loop can skip empty callbacks.</summary>
internal static class HandlerTraits
{
    /// <summary>True when <paramref name="handlerType"/> has its own OnBatchStart rather than the interface's empty default.</summary>
    public static bool OverridesBatchStart<T>(Type handlerType) where T : struct
    {
        var interfaceType = typeof(IValueEventHandler<T>);
        if (handlerType.IsInterface)
            return true; // unknown runtime type: assume it does
        var map = handlerType.GetInterfaceMap(interfaceType);
        for (var i = 0; i < map.InterfaceMethods.Length; i++)
        {
            if (map.InterfaceMethods[i].Name == nameof(IValueEventHandler<T>.OnBatchStart))
                return map.TargetMethods[i].DeclaringType != interfaceType;
        }
        return true;
    }
}
