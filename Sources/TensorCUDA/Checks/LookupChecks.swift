import Tensor

extension BackendChecks {
    /// Embedding lookups from a transposed table, and scatter-adds with repeated rows.
    static let lookups: [BackendCheck] = [
        BackendCheck(name: "gather rows") { backend in
            let table = transposedView(rows: 100, columns: 20)
            let rows = indices(300, below: 100, seed: 50)
            let output = sideBySide(backend, [uniform(2000, -1, 1, seed: 51)]) { backend, x in
                [backend.gatherRows(x[0], table, indices: rows)]
            }[0]
            return [CheckResult("gather rows", "300 of [100, 20] transposed view", gpu: output.gpu, cpu: output.cpu,
                                relative: 0)]
        },
        BackendCheck(name: "scatter-add rows") { backend in
            let rows = indices(300, below: 100, seed: 52)
            let source = uniform(300 * 20, -1, 1, seed: 53), table = uniform(100 * 20, -1, 1, seed: 54)
            let output = sideBySide(backend, [source, table]) { backend, x in
                backend.scatterAddRows(x[0], indices: rows, into: x[1], columns: 20)
                return [x[1]]
            }[0]
            // Atomic adds land in any order: each element is a sum of (repeats + 1) terms.
            var terms = table.map(abs), repeats = [Float](repeating: 1, count: 100)
            for (i, row) in rows.enumerated() {
                repeats[Int(row)] += 1
                for j in 0..<20 { terms[Int(row) * 20 + j] += abs(source[i * 20 + j]) }
            }
            return [CheckResult("scatter-add rows", "300 rows into [100, 20]", gpu: output.gpu, cpu: output.cpu,
                                tolerance: "n·ε·Σ|terms|") { repeats[$0 / 20] * .ulpOfOne * terms[$0] }]
        },
    ]
}
