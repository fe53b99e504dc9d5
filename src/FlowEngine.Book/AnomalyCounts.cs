namespace FlowEngine.Book;

/// <summary>
/// How many times each <see cref="AnomalyKind"/> occurred. A plain struct of counters so the book bumps
/// one field on the hot path and a summary copies it without allocating.
/// </summary>
public struct AnomalyCounts : IEquatable<AnomalyCounts>
{
    /// <summary>The number of anomaly kinds, for loops over <see cref="this[AnomalyKind]"/>.</summary>
    public const int KindCount = 9;

    private long _cancelUnknownOrder;
    private long _modifyUnknownOrder;
    private long _duplicateAdd;
    private long _crossedBook;
    private long _maybeBadBook;
    private long _cancelExceedsSize;
    private long _sideChanged;
    private long _invalidOrder;
    private long _unknownAction;

    /// <summary>The count for one kind.</summary>
    public readonly long this[AnomalyKind kind] => kind switch
    {
        AnomalyKind.CancelUnknownOrder => _cancelUnknownOrder,
        AnomalyKind.ModifyUnknownOrder => _modifyUnknownOrder,
        AnomalyKind.DuplicateAdd => _duplicateAdd,
        AnomalyKind.CrossedBook => _crossedBook,
        AnomalyKind.MaybeBadBook => _maybeBadBook,
        AnomalyKind.CancelExceedsSize => _cancelExceedsSize,
        AnomalyKind.SideChanged => _sideChanged,
        AnomalyKind.InvalidOrder => _invalidOrder,
        AnomalyKind.UnknownAction => _unknownAction,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown anomaly kind"),
    };

    /// <summary>All anomalies of every kind together; 0 means the feed behaved.</summary>
    public readonly long Total =>
        _cancelUnknownOrder + _modifyUnknownOrder + _duplicateAdd + _crossedBook + _maybeBadBook
        + _cancelExceedsSize + _sideChanged + _invalidOrder + _unknownAction;

    /// <summary>Counts one occurrence of <paramref name="kind"/>.</summary>
    internal void Increment(AnomalyKind kind)
    {
        switch (kind)
        {
            case AnomalyKind.CancelUnknownOrder: _cancelUnknownOrder++; break;
            case AnomalyKind.ModifyUnknownOrder: _modifyUnknownOrder++; break;
            case AnomalyKind.DuplicateAdd: _duplicateAdd++; break;
            case AnomalyKind.CrossedBook: _crossedBook++; break;
            case AnomalyKind.MaybeBadBook: _maybeBadBook++; break;
            case AnomalyKind.CancelExceedsSize: _cancelExceedsSize++; break;
            case AnomalyKind.SideChanged: _sideChanged++; break;
            case AnomalyKind.InvalidOrder: _invalidOrder++; break;
            case AnomalyKind.UnknownAction: _unknownAction++; break;
        }
    }

    /// <summary>Adds another set of counts to this one, e.g. to total several instruments.</summary>
    public void Add(in AnomalyCounts other)
    {
        _cancelUnknownOrder += other._cancelUnknownOrder;
        _modifyUnknownOrder += other._modifyUnknownOrder;
        _duplicateAdd += other._duplicateAdd;
        _crossedBook += other._crossedBook;
        _maybeBadBook += other._maybeBadBook;
        _cancelExceedsSize += other._cancelExceedsSize;
        _sideChanged += other._sideChanged;
        _invalidOrder += other._invalidOrder;
        _unknownAction += other._unknownAction;
    }

    /// <summary>The short name a summary prints for a kind, e.g. "duplicate add".</summary>
    public static string Describe(AnomalyKind kind) => kind switch
    {
        AnomalyKind.CancelUnknownOrder => "cancel of unknown order",
        AnomalyKind.ModifyUnknownOrder => "modify of unknown order",
        AnomalyKind.DuplicateAdd => "duplicate add",
        AnomalyKind.CrossedBook => "crossed book after F_LAST",
        AnomalyKind.MaybeBadBook => "F_MAYBE_BAD_BOOK",
        AnomalyKind.CancelExceedsSize => "cancel larger than order",
        AnomalyKind.SideChanged => "modify changed side",
        AnomalyKind.InvalidOrder => "order without side or price",
        AnomalyKind.UnknownAction => "unknown action",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown anomaly kind"),
    };

    /// <inheritdoc />
    public readonly bool Equals(AnomalyCounts other)
    {
        for (var k = 0; k < KindCount; k++)
        {
            if (this[(AnomalyKind)k] != other[(AnomalyKind)k])
                return false;
        }
        return true;
    }

    /// <inheritdoc />
    public override readonly bool Equals(object? obj) => obj is AnomalyCounts other && Equals(other);

    /// <inheritdoc />
    public override readonly int GetHashCode()
    {
        var hash = new HashCode();
        for (var k = 0; k < KindCount; k++)
            hash.Add(this[(AnomalyKind)k]);
        return hash.ToHashCode();
    }

    /// <summary>"none", or the non-zero kinds with their counts, for logs and test failure messages.</summary>
    public override readonly string ToString()
    {
        if (Total == 0)
            return "none";
        var parts = new List<string>();
        for (var k = 0; k < KindCount; k++)
        {
            var count = this[(AnomalyKind)k];
            if (count != 0)
                parts.Add($"{Describe((AnomalyKind)k)} {count}");
        }
        return string.Join(", ", parts);
    }

    /// <summary>Equality of every counter.</summary>
    public static bool operator ==(AnomalyCounts left, AnomalyCounts right) => left.Equals(right);

    /// <summary>Inequality of any counter.</summary>
    public static bool operator !=(AnomalyCounts left, AnomalyCounts right) => !left.Equals(right);
}
