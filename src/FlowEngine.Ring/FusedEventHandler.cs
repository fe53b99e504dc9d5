namespace FlowEngine.Ring;

/// <summary>
/// Several handlers run on one thread, each event passing through them in the given order before the next
/// event starts. Fusing stages that are cheap compared with a cross-core hand-off (book → pressure → IFD →
/// risk) keeps the event in L1 and needs one thread instead of one per stage.
/// </summary>
/// <remarks>
/// Each member keeps its own exception policy: a LogAndContinue member's failure is counted and the event
/// goes on to the next member; a Halt member's failure is rethrown to the processor, which halts the pipeline.
/// </remarks>
internal sealed class FusedEventHandler<T> : IValueEventHandler<T> where T : struct
{
    private readonly IValueEventHandler<T>[] _handlers;
    private readonly HandlerStatus[] _statuses;
    private int _failed = -1;

    public FusedEventHandler(IValueEventHandler<T>[] handlers, HandlerStatus[] statuses)
    {
        _handlers = handlers;
        _statuses = statuses;
    }

    public void BindProgress(Sequence sequence)
    {
        foreach (var status in _statuses)
            status.ProgressSequence = sequence;
    }

    /// <summary>The member whose failure escaped last, once; null when none did.</summary>
    public HandlerStatus? TakeFailedStatus()
    {
        var index = _failed;
        _failed = -1;
        return index < 0 ? null : _statuses[index];
    }

    public void OnEvent(ref T data, long sequence, bool endOfBatch)
    {
        var handlers = _handlers;
        for (var i = 0; i < handlers.Length; i++)
        {
            try
            {
                handlers[i].OnEvent(ref data, sequence, endOfBatch);
            }
            catch (Exception ex)
            {
                if (!Continue(i, ex, sequence))
                    throw;
            }
        }
    }

    public void OnBatchStart(long batchSize, long sequence)
    {
        var handlers = _handlers;
        for (var i = 0; i < handlers.Length; i++)
        {
            try
            {
                handlers[i].OnBatchStart(batchSize, sequence);
            }
            catch (Exception ex)
            {
                if (!Continue(i, ex, sequence))
                    throw;
            }
        }
    }

    public void OnStart()
    {
        for (var i = 0; i < _handlers.Length; i++)
        {
            try
            {
                _handlers[i].OnStart();
            }
            catch (Exception ex)
            {
                _failed = i;
                _statuses[i].Report(ex, Sequence.InitialValue);
                throw;
            }
        }
    }

    public void OnShutdown()
    {
        // Every member gets its shutdown call, whatever the others do.
        for (var i = 0; i < _handlers.Length; i++)
        {
            try
            {
                _handlers[i].OnShutdown();
            }
            catch (Exception ex)
            {
                try
                {
                    _statuses[i].Report(ex, _statuses[i].Sequence);
                }
                catch (Exception)
                {
                    // The callback failed while the thread is exiting; the failure is already counted.
                }
            }
        }
    }

    private bool Continue(int index, Exception ex, long sequence)
    {
        _failed = index; // set first so a throwing exception callback is still blamed on this member
        if (!_statuses[index].OnException(ex, sequence))
            return false;
        _failed = -1;
        return true;
    }
}
