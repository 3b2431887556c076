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
        guard let pRows = rowStride(pLayout), let qRows = rowStride(qLayout), let hRows = rowStride(hLayout) else {
            return gruCellInOps(input: p, pLayout, hidden: q, qLayout, state: h, hLayout)
        }
        let state = allocate(batch * hidden), gates = allocate(batch * 3 * hidden)
        let pBase = UnsafePointer(pointer(p)) + pLayout.offset, qBase = UnsafePointer(pointer(q)) + qLayout.offset
        let hBase = UnsafePointer(pointer(h)) + hLayout.offset
        let (stateOut, gatesOut) = (pointer(state), pointer(gates))
        parallelFor(batch, nanoseconds: batch * hidden * 12) { rows in
            for row in rows {
                gruCellRow(p: pBase + row * pRows, q: qBase + row * qRows, h: hBase + row * hRows, hidden: hidden,
                           state: stateOut + row * hidden, gates: gatesOut + row * 3 * hidden)
            }
        }
        return (state, gates)
    }

    public func gruCellBackward(_ g: Storage, _ gLayout: Layout, gates: Storage, hidden qn: Storage,
                                _ qnLayout: Layout, state h: Storage,
                                _ hLayout: Layout) -> (input: Storage, hidden: Storage, state: Storage) {
        let (batch, hidden) = (hLayout.shape[0], hLayout.shape[1])
        guard let gRows = rowStride(gLayout), let qRows = rowStride(qnLayout), let hRows = rowStride(hLayout) else {
            return gruCellBackwardInOps(g, gLayout, gates: gates, hidden: qn, qnLayout, state: h, hLayout)
        }
        let input = allocate(batch * 3 * hidden), hiddenGradient = allocate(batch * 3 * hidden)
        let stateGradient = allocate(batch * hidden)
        let gBase = UnsafePointer(pointer(g)) + gLayout.offset, qBase = UnsafePointer(pointer(qn)) + qnLayout.offset
        let hBase = UnsafePointer(pointer(h)) + hLayout.offset, gatesBase = UnsafePointer(pointer(gates))
        let (inputOut, hiddenOut, stateOut) = (pointer(input), pointer(hiddenGradient), pointer(stateGradient))
        parallelFor(batch, nanoseconds: batch * hidden * 8) { rows in
            for row in rows {
                gruCellBackwardRow(g: gBase + row * gRows, gates: gatesBase + row * 3 * hidden, qn: qBase + row * qRows,
                                   h: hBase + row * hRows, hidden: hidden, input: inputOut + row * 3 * hidden,
                                   hiddenGradient: hiddenOut + row * 3 * hidden, state: stateOut + row * hidden)
            }
        }
        return (input, hiddenGradient, stateGradient)
    }
}
