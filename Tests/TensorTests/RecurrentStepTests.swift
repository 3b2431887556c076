import Foundation
import TestSupport
import Testing
@testable import Tensor

/// `Backend.matmul(_:prepared:m:adding:_:then:into:offset:)`, a recurrent step in one
/// call: the CPU's kernel, which applies the epilogue to each thread's part of C, against
/// the default's separate product, add, op and copy (`matmulThenEpilogue`), bit for bit,
/// and against the step computed in Double.
@Suite struct RecurrentStepTests {
    /// m × n steps by a k-deep product: one thread, partial vectors of the epilogue
    /// (n = 37), and a product large enough for every core (CharRnn's 512 × 256 · 256).
    static let shapes = [(m: 5, n: 3, k: 2), (m: 64, n: 37, k: 300), (m: 512, n: 256, k: 256)]

    @Test(arguments: shapes.indices, [false, true])
    func fusedStepMatchesTheDefault(_ shape: Int, contiguousAddend: Bool) {
        let (m, n, k) = Self.shapes[shape]
        let cpu = CPUBackend.shared
        let a = Tensor.normal([m, k], seed: 1), weight = Tensor.normal([n, k], std: 0.1, seed: 2)
        let prepared = weight.transposed().preparedForMatmul()
        // A transposed view reaches the default's steps inside the CPU's kernel too.
        let addend = contiguousAddend ? Tensor.normal([m, n], seed: 3) : Tensor.normal([n, m], seed: 3).transposed()
        let saved = Tensor.normal([m, n], seed: 4).tanh()
        let epilogues: [(String, MatmulEpilogue)] = [
            ("tanh", .unary(.tanh)), ("sigmoid", .unary(.sigmoid)), ("relu", .unary(.relu)),
            ("tanh backward", .activationBackward(.tanh, saved: saved.storage, saved.layout)),
            ("sigmoid backward", .activationBackward(.sigmoid, saved: saved.storage, saved.layout)),
        ]
        let (kept, operand) = a.matrixOperand()
        for (name, epilogue) in epilogues {
            // One row of 7s above and below the step's rows: nothing may be written there.
            let fused = cpu.upload([Float](repeating: 7, count: (m + 2) * n))
            let separate = cpu.upload([Float](repeating: 7, count: (m + 2) * n))
            cpu.matmul(operand, prepared: prepared.operand, m: m, adding: addend.storage, addend.layout,
                       then: epilogue, into: fused, offset: n)
            cpu.matmulThenEpilogue(operand, prepared: prepared.operand, m: m, adding: addend.storage, addend.layout,
                                   then: epilogue, into: separate, offset: n)
            let result = cpu.download(fused, offset: 0, count: (m + 2) * n)
            let expected = cpu.download(separate, offset: 0, count: (m + 2) * n)
            #expect(result.map(\.bitPattern) == expected.map(\.bitPattern), "\(name), \(m)×\(n)·\(k)")
            #expect(result.prefix(n).allSatisfy { $0 == 7 } && result.suffix(n).allSatisfy { $0 == 7 },
                    "\(name) wrote outside its rows")
            let exact = Self.step(name, a: a.scalars, weight: weight.scalars, addend: addend.contiguous().scalars,
                                  saved: saved.scalars, m: m, n: n, k: k)
            expectAllClose(Array(result[n..<(m + 1) * n]), exact, atol: 1e-4, rtol: 1e-4, "\(name) against Double")
        }
        withExtendedLifetime(kept) {}
    }

    /// The step in Double: s = addend + a·Wᵀ, then the epilogue `name`.
    static func step(_ name: String, a: [Float], weight: [Float], addend: [Float], saved: [Float],
                     m: Int, n: Int, k: Int) -> [Double] {
        (0..<m * n).map { index in
            let (i, j) = index.quotientAndRemainder(dividingBy: n)
            let product = (0..<k).reduce(0.0) { $0 + Double(a[i * k + $1]) * Double(weight[j * k + $1]) }
            let s = Double(addend[index]) + product
            let y = Double(saved[index])
            switch name {
            case "tanh": return Foundation.tanh(s)
            case "sigmoid": return 1 / (1 + Foundation.exp(-s))
            case "relu": return max(s, 0)
            case "tanh backward": return s * (1 - y * y)
            default: return s * y * (1 - y)
            }
        }
    }
}
