/// An LSTM step's gates in one pass over each batch row (`Backend.lstmCell` and
/// `lstmCellBackward`), where the default makes a dozen passes, each with a tensor of its
/// own, as for the GRU (`CPUBackend+GRU.swift`). Each element goes through the very
/// operations the default's ops apply, in the same order, so both give the same floats;
/// `LSTMCellTests` checks it bit for bit. The row loops live beside the elementwise
/// kernels, in `CPUBackend+Elementwise.swift`.
extension CPUBackend {
    public func lstmCell(input p: Storage, _ pLayout: Layout, hidden q: Storage, _ qLayout: Layout,
                         cell c: Storage, _ cLayout: Layout) -> (output: Storage, gates: Storage) {
        let (batch, hidden) = (cLayout.shape[0], cLayout.shape[1])
        guard let pRows = rows(p, pLayout), let qRows = rows(q, qLayout), let cRows = rows(c, cLayout) else {
            return lstmCellInOps(input: p, pLayout, hidden: q, qLayout, cell: c, cLayout)
        }
        let output = allocate(batch * 2 * hidden), gates = allocate(batch * 5 * hidden)
        let (outputs, gatesOut) = (pointer(output), pointer(gates))
        parallelFor(batch, nanoseconds: batch * hidden * 18) { batchRows in
            for row in batchRows {
                lstmCellRow(p: pRows[row], q: qRows[row], c: cRows[row], hidden: hidden,
                            output: outputs + row * 2 * hidden, gates: gatesOut + row * 5 * hidden)
            }
        }
        return (output, gates)
    }

    public func lstmCellBackward(state dh: Storage, _ dhLayout: Layout, cell dc: Storage, _ dcLayout: Layout,
                                 gates: Storage, previousCell c: Storage,
                                 _ cLayout: Layout) -> (gates: Storage, cell: Storage) {
        let (batch, hidden) = (cLayout.shape[0], cLayout.shape[1])
        guard let hRows = rows(dh, dhLayout), let dcRows = rows(dc, dcLayout), let cRows = rows(c, cLayout) else {
            return lstmCellBackwardInOps(state: dh, dhLayout, cell: dc, dcLayout, gates: gates, previousCell: c,
                                         cLayout)
        }
        let gateGradient = allocate(batch * 4 * hidden), cellGradient = allocate(batch * hidden)
        let gateRows = Rows(start: UnsafePointer(pointer(gates)), stride: 5 * hidden)
        let (gatesOut, cellOut) = (pointer(gateGradient), pointer(cellGradient))
        parallelFor(batch, nanoseconds: batch * hidden * 6) { batchRows in
            for row in batchRows {
                lstmCellBackwardRow(dh: hRows[row], dc: dcRows[row], gates: gateRows[row], c: cRows[row],
                                    hidden: hidden, gateGradient: gatesOut + row * 4 * hidden,
                                    cell: cellOut + row * hidden)
            }
        }
        return (gateGradient, cellGradient)
    }
}
