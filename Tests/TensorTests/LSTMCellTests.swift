import Foundation
import TestSupport
import Testing
@testable import Tensor

/// `Backend.lstmCell` and `lstmCellBackward`: the CPU's one-pass kernels against the
/// default's tensor ops (`lstmCellInOps`, `lstmCellBackwardInOps`), bit for bit, and
/// against the cell computed in Double.
@Suite struct LSTMCellTests {
    /// Batch rows × hidden units: vector rows with a scalar tail (37), whole vectors
    /// (the stateful model's 64 × 512), and rows too short for a vector.
    static let shapes = [(batch: 3, hidden: 37), (batch: 64, hidden: 512), (batch: 2, hidden: 5)]

    /// The views a recurrence hands over, or views of other layouts: a step of a
    /// [steps, batch, 4·hidden] projection, the previous step's cₜ₋₁ (a view of its
    /// [hₜ cₜ] output, rows 2·hidden apart), and a transposed cell, which the kernels
    /// leave to the default.
    @Test(arguments: shapes.indices, [false, true])
    func kernelsMatchTheDefault(_ shape: Int, transposedCell: Bool) {
        let (batch, hidden) = Self.shapes[shape]
        let cpu = CPUBackend.shared
        let p = Tensor.normal([2, batch, 4 * hidden], seed: 1)[1], q = Tensor.normal([batch, 4 * hidden], seed: 2)
        let c = transposedCell ? Tensor.normal([hidden, batch], seed: 3).transposed()
            : Tensor.normal([batch, 2 * hidden], seed: 3).sliced(axis: 1, hidden..<2 * hidden)
        let dh = Tensor.normal([batch, hidden], seed: 4), dc = Tensor.normal([2, batch, hidden], seed: 5)[0]

        let fused = cpu.lstmCell(input: p.storage, p.layout, hidden: q.storage, q.layout, cell: c.storage, c.layout)
        let ops = cpu.lstmCellInOps(input: p.storage, p.layout, hidden: q.storage, q.layout, cell: c.storage,
                                    c.layout)
        let output = Self.floats(fused.output, batch * 2 * hidden), gates = Self.floats(fused.gates, batch * 5 * hidden)
        #expect(output.map(\.bitPattern) == Self.floats(ops.output, batch * 2 * hidden).map(\.bitPattern))
        #expect(gates.map(\.bitPattern) == Self.floats(ops.gates, batch * 5 * hidden).map(\.bitPattern))

        let back = cpu.lstmCellBackward(state: dh.storage, dh.layout, cell: dc.storage, dc.layout,
                                        gates: fused.gates, previousCell: c.storage, c.layout)
        let backOps = cpu.lstmCellBackwardInOps(state: dh.storage, dh.layout, cell: dc.storage, dc.layout,
                                                gates: fused.gates, previousCell: c.storage, c.layout)
        let gateGradient = Self.floats(back.gates, batch * 4 * hidden)
        let cellGradient = Self.floats(back.cell, batch * hidden)
        #expect(gateGradient.map(\.bitPattern) == Self.floats(backOps.gates, batch * 4 * hidden).map(\.bitPattern))
        #expect(cellGradient.map(\.bitPattern) == Self.floats(backOps.cell, batch * hidden).map(\.bitPattern))

        // The cell and its gradients in Double, element by element.
        let (ps, qs, cs) = (p.contiguous().scalars, q.scalars, c.contiguous().scalars)
        let (dhs, dcs) = (dh.scalars, dc.contiguous().scalars)
        var exact = (output: [Double](repeating: 0, count: batch * 2 * hidden),
                     gates: [Double](repeating: 0, count: batch * 5 * hidden),
                     gateGradient: [Double](repeating: 0, count: batch * 4 * hidden), cell: [Double]())
        for row in 0..<batch {
            for j in 0..<hidden {
                func a(_ gate: Int) -> Double {
                    let index = row * 4 * hidden + gate * hidden + j
                    return Double(ps[index]) + Double(qs[index])
                }
                let sigmoid = { (x: Double) in 1 / (1 + Foundation.exp(-x)) }
                let (i, f, g, o) = (sigmoid(a(0)), sigmoid(a(1)), Foundation.tanh(a(2)), sigmoid(a(3)))
                let previous = Double(cs[row * hidden + j])
                let cell = f * previous + i * g, cellTanh = Foundation.tanh(cell)
                exact.output[row * 2 * hidden + j] = o * cellTanh
                exact.output[row * 2 * hidden + hidden + j] = cell
                for (gate, value) in [i, f, g, o, cellTanh].enumerated() {
                    exact.gates[row * 5 * hidden + gate * hidden + j] = value
                }
                let gradient = Double(dhs[row * hidden + j])
                let total = Double(dcs[row * hidden + j]) + gradient * o * (1 - cellTanh * cellTanh)
                let gradients = [total * g * i * (1 - i), total * previous * f * (1 - f), total * i * (1 - g * g),
                                 gradient * cellTanh * o * (1 - o)]
                for (gate, value) in gradients.enumerated() {
                    exact.gateGradient[row * 4 * hidden + gate * hidden + j] = value
                }
                exact.cell.append(total * f)
            }
        }
        expectAllClose(output, exact.output, atol: 1e-5, rtol: 1e-5, "[hₜ cₜ]")
        expectAllClose(gates, exact.gates, atol: 1e-5, rtol: 1e-5, "gates")
        expectAllClose(gateGradient, exact.gateGradient, atol: 1e-5, rtol: 1e-4, "gradient of a")
        expectAllClose(cellGradient, exact.cell, atol: 1e-5, rtol: 1e-4, "gradient of cₜ₋₁")
    }

    static func floats(_ storage: Storage, _ count: Int) -> [Float] {
        CPUBackend.shared.download(storage, offset: 0, count: count)
    }
}
