using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace FlowEngine.Ring;

/// <summary>
/// One CPU pause hint (x86 PAUSE, Arm YIELD): tens of nanoseconds, frees the core's pipeline for a sibling
/// and tells the CPU this is a spin loop. Thread.SpinWait(1) is calibrated to a much longer delay (over
/// 100 ns on our EPYC VMs), too coarse for a wait that should notice a publish within nanoseconds.
/// </summary>
internal static class SpinPause
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Once()
    {
        if (X86Base.IsSupported)
            X86Base.Pause();
        else if (ArmBase.IsSupported)
            ArmBase.Yield();
    }
}
