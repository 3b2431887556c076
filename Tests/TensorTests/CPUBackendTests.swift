import Foundation
import Random
import TestSupport
import Testing
@testable import Tensor

/// The CPU kernels against their simple twins: SIMD math against Foundation's, and
/// the fast paths (contiguous, broadcast, parallel, vector tails) against plain
/// index arithmetic in Double.
@Suite struct CPUBackendTests {
    /// Every float of `range` at steps of `step`, plus the values around the edges.
    static func grid(_ range: ClosedRange<Float>, step: Float) -> [Float] {
        Array(stride(from: range.lowerBound, through: range.upperBound, by: step))
    }

    @Test func vectorExpMatchesFoundation() {
        let xs = Self.grid(-87.3...88.7, step: 0.0137) + [-1e-8, 0, 1e-8, 88.72, -87.33]
        let ys = Tensor(xs).exp().scalars
        expectAllClose(ys, xs.map { Foundation.exp(Double($0)) }, atol: 0, rtol: 3e-7, "exp")
        #expect(Tensor([-88, -100, 89, 1000, .nan, -.infinity, .infinity]).exp().scalars.map { "\($0)" }
                == ["0.0", "0.0", "inf", "inf", "nan", "0.0", "inf"])
    }

    @Test func vectorTanhAndSigmoidMatchFoundation() {
        let xs = Self.grid(-12...12, step: 0.0031) + [1e-7, -1e-30, 0.6249, 0.6251, 50, -50]
        let tanhs = Tensor(xs).tanh().scalars
        expectAllClose(tanhs, xs.map { Foundation.tanh(Double($0)) }, atol: 0, rtol: 5e-7, "tanh")
        let sigmoids = Tensor(xs).sigmoid().scalars
        expectAllClose(sigmoids, xs.map { 1 / (1 + Foundation.exp(-Double($0))) }, atol: 0, rtol: 5e-7, "sigmoid")
        #expect(Tensor([-100]).sigmoid().item() == 0)
        #expect(Tensor([.nan]).tanh().item().isNaN)
    }

    /// 300,007 elements: above the parallel threshold, not a multiple of 16.
    @Test func largeElementwiseMatchesReference() {
        var generator = MT19937(seed: 11)
        let n = 300_007
        let a = Tensor.normal([n], generator: &generator), b = Tensor.normal([n], generator: &generator)
        let (x, y) = (a.scalars, b.scalars)
        #expect((a * b).scalars == zip(x, y).map { $0 * $1 })
        #expect((a - 2).scalars == x.map { $0 - 2 })
        #expect((a / b[0]).scalars == x.map { $0 / y[0] })
        #expect(a.relu().scalars == x.map { Swift.max($0, 0) })
        #expect(a.elementwise(.less, b, "less").scalars == zip(x, y).map { $0 < $1 ? 1 : 0 })
        let t = a.tanh().scalars
        #expect(zip(t, x).allSatisfy { abs(Double($0) - Foundation.tanh(Double($1))) < 1e-6 })
    }

    /// Broadcast and strided operands take the row-by-row loops.
    @Test func stridedAndBroadcastLoopsMatchReference() {
        var generator = MT19937(seed: 12)
        let m = Tensor.normal([301, 67], generator: &generator), v = Tensor.normal([67], generator: &generator)
        let (ms, vs) = (m.scalars, v.scalars)
        let sum = (m + v).scalars
        #expect((0..<301 * 67).allSatisfy { sum[$0] == ms[$0] + vs[$0 % 67] })
        let column = Tensor.normal([301, 1], generator: &generator)
        let cs = column.scalars
        let product = (column * m).scalars
        #expect((0..<301 * 67).allSatisfy { product[$0] == cs[$0 / 67] * ms[$0] })
        // A transposed (stride-67) view, and a transposed view plus a contiguous matrix.
        let transposed = m.transposed()
        func source(_ i: Int) -> Float { ms[(i % 301) * 67 + i / 301] }
        let ts = transposed.exp().scalars
        #expect((0..<67 * 301).allSatisfy { i in abs(ts[i] - Foundation.exp(source(i))) <= 1e-6 * ts[i] })
        let other = Tensor.normal([67, 301], generator: &generator)
        let os = other.scalars, mixed = (transposed + other).scalars
        #expect((0..<67 * 301).allSatisfy { i in mixed[i] == source(i) + os[i] })
    }

    @Test func largeReductionsMatchReference() {
        var generator = MT19937(seed: 13)
        let x = Tensor.uniform([513, 129, 3], low: -1, high: 1, generator: &generator)
        let xs = x.scalars.map(Double.init)
        func index(_ i: Int, _ j: Int, _ k: Int) -> Int { (i * 129 + j) * 3 + k }
        expectAllClose([x.sum().item()], [Float(xs.reduce(0, +))], atol: 1e-6, rtol: 1e-6, "sum")
        let overRows = x.sum(axis: 0).scalars
        let expectedRows = (0..<129 * 3).map { jk in (0..<513).reduce(0.0) { $0 + xs[index($1, jk / 3, jk % 3)] } }
        // Each of these adds 513 floats in Float32 to partial sums of about ±13, rounding
        // each time by up to 5e-7: a random walk of ~2e-5 (the whole sum above adds blocks in
        // Double). The largest difference is 2.1e-5, on a sum of 24.9, on both SIMD kernels.
        expectAllClose(overRows, expectedRows.map(Float.init), atol: 3e-5, rtol: 1e-6, "sum over axis 0")
        let maxima = x.max(axis: 1).scalars
        let expectedMaxima = (0..<513 * 3).map { ik in (0..<129).map { xs[index(ik / 3, $0, ik % 3)] }.max()! }
        #expect(maxima == expectedMaxima.map(Float.init))
        let arg = x.argmax(axis: 1).scalars
        #expect((0..<513 * 3).allSatisfy { xs[index($0 / 3, Int(arg[$0]), $0 % 3)] == expectedMaxima[$0] })
        #expect(Tensor([1, .nan, 3]).max().item().isNaN)
    }

    @Test func largeSoftmaxMatchesReference() {
        var generator = MT19937(seed: 14)
        let x = Tensor.normal([700, 85], std: 5, generator: &generator)
        let xs = x.scalars.map(Double.init)
        var expected: [Float] = []
        for r in 0..<700 {
            let row = xs[r * 85..<(r + 1) * 85], top = row.max()!
            let logSum = Foundation.log(row.map { Foundation.exp($0 - top) }.reduce(0, +))
            expected += row.map { Float($0 - top - logSum) }
        }
        expectAllClose(x.logSoftmax().scalars, expected, atol: 1e-6, rtol: 1e-6, "logSoftmax")
        let rowSums = x.softmax().sum(axis: 1).scalars
        #expect(rowSums.allSatisfy { abs($0 - 1) < 1e-5 })
    }

    /// `dot` sums its products as `reduce` sums the products' tensor, so the fused pass
    /// and the default give the same float: two 4096-element blocks and a tail, a
    /// repeated (stride-0) element on either side, a transposed view (the default's
    /// route), and nothing at all; and both are near the sum in Double.
    @Test func dotGivesTheSumOfTheProductsTensor() {
        var generator = MT19937(seed: 15)
        let cpu = CPUBackend.shared, n = 9001
        let a = Tensor.normal([n], generator: &generator), b = Tensor.normal([n], generator: &generator)
        let m = Tensor.normal([37, 29], generator: &generator), w = Tensor.normal([29, 37], generator: &generator)
        let one = Tensor([0.37])
        let repeated = one.layout.broadcast(to: [n])!
        let transposed = w.layout.transposed(0, 1)
        let cases: [(String, Tensor, Layout, Tensor, Layout)] = [
            ("contiguous", a, a.layout, b, b.layout), ("repeated a", one, repeated, b, b.layout),
            ("repeated b", a, a.layout, one, repeated), ("transposed", m, m.layout, w, transposed),
            ("empty", a, Layout(contiguous: [0]), b, Layout(contiguous: [0])),
        ]
        for (name, x, xLayout, y, yLayout) in cases {
            let fused = cpu.download(cpu.dot(x.storage, xLayout, y.storage, yLayout), offset: 0, count: 1)[0]
            let products = cpu.binary(.multiply, x.storage, xLayout, y.storage, yLayout)
            let summed = cpu.reduce(.sum, products, Layout(contiguous: [xLayout.count]), axis: 0)
            #expect(fused == cpu.download(summed, offset: 0, count: 1)[0], "\(name)")
            let xs = Tensor(storage: x.storage, layout: xLayout).scalars
            let ys = Tensor(storage: y.storage, layout: yLayout).scalars
            let exact = zip(xs, ys).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
            expectAllClose([fused], [Float(exact)], atol: 1e-4, rtol: 1e-5, "\(name) against Double")
        }
    }

    @Test func gatherAndScatterAdd() {
        let table = Tensor((0..<40).map(Float.init), shape: [10, 4], requiresGrad: true)
        let rows = table[IndexTensor([9, 0, 9, 3])]
        #expect(rows.scalars == [36, 37, 38, 39, 0, 1, 2, 3, 36, 37, 38, 39, 12, 13, 14, 15])
        rows.backward(Tensor.ones([4, 4]))
        let counts = table.grad!.sum(axis: 1).scalars
        #expect(counts == [4, 0, 0, 4, 0, 0, 0, 0, 0, 8])
    }
}
