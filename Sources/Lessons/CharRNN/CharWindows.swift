import Tensor

/// The lecture's training sets, cut from `idx` (a corpus's `indices`): rows of input
/// characters and the characters to predict, as the notebook builds them with list
/// comprehensions.
///
/// Inputs are [rows, steps]; models read them time first ([steps, batch], as
/// `torch.stack(cs)`), which `timeMajor(_:)` makes of a batch.
public enum CharWindows {
    /// Three characters and the fourth, starting every third position (`Char3Model`):
    ///
    /// ```python
    /// cs = 3
    /// c1_dat = [idx[i]   for i in range(0, len(idx)-1-cs, cs)]   # c2_dat, c3_dat: i+1, i+2
    /// c4_dat = [idx[i+3] for i in range(0, len(idx)-1-cs, cs)]
    /// x1 = np.stack(c1_dat[:-2])                                 # …, y = np.stack(c4_dat[:-2])
    /// ```
    ///
    /// 200,295 rows for Nietzsche (the notes drop the last two).
    public static func everyThird(_ idx: [Int32]) -> (inputs: IndexTensor, targets: IndexTensor) {
        let starts = Array(stride(from: 0, to: idx.count - 1 - 3, by: 3).dropLast(2))
        return (IndexTensor(starts.flatMap { idx[$0..<$0 + 3] }, shape: [starts.count, 3]),
                IndexTensor(starts.map { idx[$0 + 3] }))
    }

    /// Every window of `steps` characters and the character after it, overlapping
    /// (`CharLoopModel`, `CharLoopConcatModel`, `CharRnn`):
    ///
    /// ```python
    /// c_in_dat  = [[idx[i+j] for i in range(cs)] for j in range(len(idx)-cs-1)]
    /// c_out_dat = [idx[j+cs] for j in range(len(idx)-cs-1)]
    /// ```
    ///
    /// 600,884 rows for Nietzsche with cs = 8.
    public static func overlapping(_ idx: [Int32], steps: Int) -> (inputs: IndexTensor, targets: IndexTensor) {
        let rows = max(0, idx.count - steps - 1)
        return (IndexTensor((0..<rows).flatMap { idx[$0..<$0 + steps] }, shape: [rows, steps]),
                IndexTensor(Array(idx[steps..<steps + rows])))
    }

    /// Windows of `steps` characters side by side, and the same windows shifted by one
    /// character as the targets of every step (`CharSeqRnn`):
    ///
    /// ```python
    /// c_in_dat  = [[idx[i+j] for i in range(cs)] for j in range(0, len(idx)-cs-1, cs)]
    /// c_out_dat = [[idx[i+j] for i in range(cs)] for j in range(1, len(idx)-cs, cs)]
    /// ```
    public static func nonOverlapping(_ idx: [Int32], steps: Int) -> (inputs: IndexTensor, targets: IndexTensor) {
        let starts = Array(stride(from: 0, to: idx.count - steps - 1, by: steps))
        return (IndexTensor(starts.flatMap { idx[$0..<$0 + steps] }, shape: [starts.count, steps]),
                IndexTensor(starts.flatMap { idx[$0 + 1..<$0 + 1 + steps] }, shape: [starts.count, steps]))
    }

    /// A batch of windows [batch, steps] as the models read it, [steps, batch].
    public static func timeMajor(_ windows: IndexTensor) -> IndexTensor {
        guard windows.shape.count == 2 else { fatalError("timeMajor: windows \(windows.shape) are not [batch, steps]") }
        let (batch, steps) = (windows.shape[0], windows.shape[1])
        var scalars = [Int32](repeating: 0, count: windows.count)
        for b in 0..<batch {
            for t in 0..<steps { scalars[t * batch + b] = windows.scalars[b * steps + t] }
        }
        return IndexTensor(scalars, shape: [steps, batch])
    }
}
