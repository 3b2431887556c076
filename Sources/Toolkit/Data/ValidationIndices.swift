import Random

/// The rows held out for validation: fastai 0.7's `get_cv_idxs(n, val_pct=0.2, seed=42)`,
///
/// ```python
/// np.random.seed(seed)
/// n_val = int(val_pct * n)
/// return np.random.permutation(n)[:n_val]
/// ```
///
/// bit for bit, through the NumPy-compatible `MT19937`, so that seed 42 holds out the
/// very ratings the lecture held out, and our validation losses compare with its numbers.
/// `Int(fraction * Double(count))` truncates as Python's `int()` does: 0.2 × 100004 →
/// 20000 rows.
public func validationIndices(count: Int, fraction: Double = 0.2, seed: UInt32 = 42) -> [Int] {
    precondition(count >= 0 && (0...1).contains(fraction),
                 "validationIndices: need count ≥ 0 and 0 ≤ fraction ≤ 1, "
                 + "got count \(count), fraction \(fraction)")
    var generator = MT19937(seed: seed)
    return Array(generator.permutation(count).prefix(Int(fraction * Double(count))))
}
