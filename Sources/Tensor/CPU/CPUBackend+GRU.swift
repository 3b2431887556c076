/// A GRU step's gates in one pass over each batch row (`Backend.gruCell` and
/// `gruCellBackward`), where the default makes a dozen passes, each with a tensor of its
/// own: on the GRU's 64 × 256 blocks those ops are too small to share between cores, so
/// their count, not their arithmetic, set the time. Each element goes through the very
/// operations the default's ops apply, in the same order (the elementwise kernels' σ and
/// tanh, the activations' backward rules as `activationBackward` computes them), so both
/// give the same floats; `GRUCellTests` checks it bit for bit. The row loops live beside
/// those kernels, in `CPUBackend+Elementwise.swift`.
extension CPUBackend {
    public func gruCell(input p: Storage, _ pLayout: Layout, hidden q: Storage, _ qLayout: Layout,
                        state h: Storage, _ hLayout: Layout) -> (state: Storage, gates: Storage) {
        let (batch, hidden) = (hLayout.shape[0], hLayout.shape[1])
        guard let pRows = rows(p, pLayout), let qRows = rows(q, qLayout), let hRows = rows(h, hLayout) else {
            return gruCellInOps(input: p, pLayout, hidden: q, qLayout, state: h, hLayout)
        }
        let state = allocate(batch * hidden), gates = allocate(batch * 3 * hidden)
        let (stateOut, gatesOut) = (pointer(state), pointer(gates))
        parallelFor(batch, nanoseconds: batch * hidden * 12) { batchRows in
            for row in batchRows {
                gruCellRow(p: pRows[row], q: qRows[row], h: hRows[row], hidden: hidden,
                           state: stateOut + row * hidden, gates: gatesOut + row * 3 * hidden)
            }
        }
        return (state, gates)
    }

    public func gruCellBackward(_ g: Storage, _ gLayout: Layout, gates: Storage, hidden qn: Storage,
                                _ qnLayout: Layout, state h: Storage,
                                _ hLayout: Layout) -> (input: Storage, hidden: Storage, state: Storage) {
        let (batch, hidden) = (hLayout.shape[0], hLayout.shape[1])
        guard let gRows = rows(g, gLayout), let qRows = rows(qn, qnLayout), let hRows = rows(h, hLayout) else {
            return gruCellBackwardInOps(g, gLayout, gates: gates, hidden: qn, qnLayout, state: h, hLayout)
        }
        let input = allocate(batch * 3 * hidden), hiddenGradient = allocate(batch * 3 * hidden)
        let stateGradient = allocate(batch * hidden)
        let gateRows = Rows(start: UnsafePointer(pointer(gates)), stride: 3 * hidden)
        let (inputOut, hiddenOut, stateOut) = (pointer(input), pointer(hiddenGradient), pointer(stateGradient))
        parallelFor(batch, nanoseconds: batch * hidden * 8) { batchRows in
            for row in batchRows {
                gruCellBackwardRow(g: gRows[row], gates: gateRows[row], qn: qRows[row], h: hRows[row], hidden: hidden,
                                   input: inputOut + row * 3 * hidden, hiddenGradient: hiddenOut + row * 3 * hidden,
                                   state: stateOut + row * hidden)
            }
        }
        return (input, hiddenGradient, stateGradient)
    }
}
