import Foundation
import TestSupport
import Testing
@testable import Tensor

/// `Backend.gruCell` and `gruCellBackward`: the CPU's one-pass kernels against the
/// default's tensor ops (`gruCellInOps`, `gruCellBackwardInOps`), bit for bit, and
/// against the cell computed in Double.
@Suite struct GRUCellTests {
    /// Batch rows × hidden units: vector rows with a scalar tail (37), whole vectors
    /// (the sequel's 64 × 256), and rows too short for a vector.
    static let shapes = [(batch: 3, hidden: 37), (batch: 64, hidden: 256), (batch: 2, hidden: 5)]

    /// The views a recurrence hands over, or views of other layouts: a step of a
    /// [steps, batch, 3·hidden] projection (rows 3·hidden apart) and a transposed state,
    /// which the kernel leaves to the default.
    @Test(arguments: shapes.indices, [false, true])
    func kernelsMatchTheDefault(_ shape: Int, transposedState: Bool) {
        let (batch, hidden) = Self.shapes[shape]
        let cpu = CPUBackend.shared
        let p = Tensor.normal([2, batch, 3 * hidden], seed: 1)[1], q = Tensor.normal([batch, 3 * hidden], seed: 2)
        let h = transposedState ? Tensor.normal([hidden, batch], seed: 3).transposed()
            : Tensor.normal([batch, hidden], seed: 3)
        let g = Tensor.normal([batch, hidden], seed: 4), qn = q.sliced(axis: 1, 2 * hidden..<3 * hidden)

        let fused = cpu.gruCell(input: p.storage, p.layout, hidden: q.storage, q.layout, state: h.storage, h.layout)
        let ops = cpu.gruCellInOps(input: p.storage, p.layout, hidden: q.storage, q.layout, state: h.storage, h.layout)
        let state = Self.floats(fused.state, batch * hidden), gates = Self.floats(fused.gates, batch * 3 * hidden)
        #expect(state.map(\.bitPattern) == Self.floats(ops.state, batch * hidden).map(\.bitPattern))
        #expect(gates.map(\.bitPattern) == Self.floats(ops.gates, batch * 3 * hidden).map(\.bitPattern))

        let back = cpu.gruCellBackward(g.storage, g.layout, gates: fused.gates, hidden: qn.storage, qn.layout,
                                       state: h.storage, h.layout)
        let backOps = cpu.gruCellBackwardInOps(g.storage, g.layout, gates: fused.gates, hidden: qn.storage, qn.layout,
                                               state: h.storage, h.layout)
        let input = Self.floats(back.input, batch * 3 * hidden)
        let hiddenGradient = Self.floats(back.hidden, batch * 3 * hidden)
        let stateGradient = Self.floats(back.state, batch * hidden)
        #expect(input.map(\.bitPattern) == Self.floats(backOps.input, batch * 3 * hidden).map(\.bitPattern))
        #expect(hiddenGradient.map(\.bitPattern) == Self.floats(backOps.hidden, batch * 3 * hidden).map(\.bitPattern))
        #expect(stateGradient.map(\.bitPattern) == Self.floats(backOps.state, batch * hidden).map(\.bitPattern))

        // The cell and its gradients in Double, element by element.
        let (ps, qs, hs, gs) = (p.contiguous().scalars, q.scalars, h.contiguous().scalars, g.scalars)
        var exact = (state: [Double](), gates: [Double](), input: [Double](), hidden: [Double](), gz: [Double]())
        exact.gates = [Double](repeating: 0, count: batch * 3 * hidden)
        exact.input = exact.gates
        exact.hidden = exact.gates
        for row in 0..<batch {
            for j in 0..<hidden {
                func at(_ x: [Float], _ gate: Int) -> Double { Double(x[row * 3 * hidden + gate * hidden + j]) }
                let sigmoid = { (x: Double) in 1 / (1 + Foundation.exp(-x)) }
                let r = sigmoid(at(ps, 0) + at(qs, 0)), z = sigmoid(at(ps, 1) + at(qs, 1))
                let n = Foundation.tanh(at(ps, 2) + r * at(qs, 2))
                let (previous, dh) = (Double(hs[row * hidden + j]), Double(gs[row * hidden + j]))
                exact.state.append(n + z * (previous - n))
                let dn = dh * (1 - z) * (1 - n * n), dr = dn * at(qs, 2) * r * (1 - r)
                let dz = dh * (previous - n) * z * (1 - z)
                for (gate, values) in [(0, (r, dr, dr)), (1, (z, dz, dz)), (2, (n, dn, dn * r))] {
                    let index = row * 3 * hidden + gate * hidden + j
                    (exact.gates[index], exact.input[index], exact.hidden[index]) = values
                }
                exact.gz.append(dh * z)
            }
        }
        expectAllClose(state, exact.state, atol: 1e-5, rtol: 1e-5, "state")
        expectAllClose(gates, exact.gates, atol: 1e-5, rtol: 1e-5, "gates")
        expectAllClose(input, exact.input, atol: 1e-5, rtol: 1e-4, "gradient of p")
        expectAllClose(hiddenGradient, exact.hidden, atol: 1e-5, rtol: 1e-4, "gradient of q")
        expectAllClose(stateGradient, exact.gz, atol: 1e-5, rtol: 1e-5, "g·z")
    }

    static func floats(_ storage: Storage, _ count: Int) -> [Float] {
        CPUBackend.shared.download(storage, offset: 0, count: count)
    }
}
