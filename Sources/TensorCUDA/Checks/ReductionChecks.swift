import Foundation
import Tensor

extension BackendChecks {
    /// Sums and maxima along every axis of a [7, 33, 300] tensor and of a transposed view,
    /// NaN propagation, argmax with ties, softmax and its backward.
    static let reductions: [BackendCheck] = [
        BackendCheck(name: "reduce") { backend in
            let x = uniform(7 * 33 * 300, -1, 1, seed: 30)
            let layouts = [Layout(contiguous: [7, 33, 300])] + [transposedView(rows: 33, columns: 300)]
            var results: [CheckResult] = []
            for layout in layouts {
                for axis in layout.shape.indices {
                    let input = Array(x.prefix(layout.count))
                    let outputs = sideBySide(backend, [input]) { backend, x in
                        [backend.reduce(.sum, x[0], layout, axis: axis), backend.reduce(.max, x[0], layout, axis: axis)]
                    }
                    let detail = "\(layout.shape)\(layout.isContiguous ? "" : " transposed view"), axis \(axis)"
                    let scale = absoluteSums(input, layout, axis: axis), count = Float(layout.shape[axis])
                    results.append(CheckResult("reduce sum", detail, gpu: outputs[0].gpu, cpu: outputs[0].cpu,
                                               tolerance: "n·ε·Σ|x|") { count * .ulpOfOne * scale[$0] })
                    results.append(CheckResult("reduce max", detail, gpu: outputs[1].gpu, cpu: outputs[1].cpu,
                                               relative: 0))
                }
            }
            return results
        },
        BackendCheck(name: "reduce max with NaN") { backend in
            var x = uniform(20 * 50, -1, 1, seed: 31)
            for i in stride(from: 3, to: x.count, by: 97) { x[i] = .nan }
            let layout = Layout(contiguous: [20, 50])
            let outputs = sideBySide(backend, [x]) { backend, x in
                [backend.reduce(.max, x[0], layout, axis: 1), backend.reduce(.max, x[0], layout, axis: 0)]
            }
            return outputs.enumerated().map { index, output in
                CheckResult("reduce max", "[20, 50] with NaNs, axis \(1 - index)", gpu: output.gpu, cpu: output.cpu,
                            relative: 0)
            }
        },
        BackendCheck(name: "argmax") { backend in
            // Values on a coarse grid, so that rows have ties: the first maximum wins.
            let x = uniform(7 * 33 * 300, 0, 8, seed: 32).map { $0.rounded(.down) }
            let layout = Layout(contiguous: [7, 33, 300])
            let storages = (backend.upload(x), Device.cpu.upload(x))
            return layout.shape.indices.map { axis in
                let gpu = backend.argmax(storages.0, layout, axis: axis).map(Float.init)
                let cpu = Device.cpu.argmax(storages.1, layout, axis: axis).map(Float.init)
                return CheckResult("argmax", "[7, 33, 300] with ties, axis \(axis)", gpu: gpu, cpu: cpu, relative: 0)
            }
        },
        BackendCheck(name: "softmax") { backend in
            let (rows, columns) = (37, 517)
            let x = uniform(rows * columns, -5, 5, seed: 33)
            var results: [CheckResult] = []
            for layout in [Layout(contiguous: [rows, columns]), transposedView(rows: rows, columns: columns)] {
                for log in [false, true] {
                    let output = sideBySide(backend, [x]) { backend, x in [backend.softmax(x[0], layout, log: log)] }[0]
                    // Relative for probabilities, however small; for log-probabilities, the sum's
                    // n·ε plus the roundings of x − max (|x − max| ≤ |y| + log n) and of y.
                    let n = Float(columns), logN = Foundation.log(n)
                    results.append(CheckResult(log ? "log-softmax" : "softmax",
                                               "[37, 517]\(layout.isContiguous ? "" : " transposed view")",
                                               gpu: output.gpu, cpu: output.cpu,
                                               tolerance: log ? "(1e-5 + ε)·|y| + (n + log n)·ε" : "(1e-5 + n·ε)·|y|") {
                        log ? (1e-5 + .ulpOfOne) * abs(output.cpu[$0]) + (n + logN) * .ulpOfOne
                            : (1e-5 + n * .ulpOfOne) * abs(output.cpu[$0])
                    })
                }
            }
            return results
        },
        BackendCheck(name: "softmax backward") { backend in
            let (rows, columns) = (37, 517)
            let x = Device.cpu.upload(uniform(rows * columns, -5, 5, seed: 34))
            let g = uniform(rows * columns, -1, 1, seed: 35)
            let gradientLayout = transposedView(rows: rows, columns: columns)
            return [false, true].map { log in
                let y = Device.cpu.download(Device.cpu.softmax(x, Layout(contiguous: [rows, columns]), log: log),
                                            offset: 0, count: rows * columns)
                let output = sideBySide(backend, [y, g]) { backend, inputs in
                    [backend.softmaxBackward(output: inputs[0], inputs[1], gradientLayout, rows: rows,
                                             columns: columns, log: log)]
                }[0]
                // Row r's sum (Σg, or Σg·y) has error n·ε·Σ|terms|, which each output carries
                // times its weight exp(y) (log) or |y|.
                var terms = [Float](repeating: 0, count: rows), totals = terms
                for r in 0..<rows {
                    for j in 0..<columns {
                        let gradient = g[j * rows + r], term = log ? gradient : gradient * y[r * columns + j]
                        terms[r] += abs(term)
                        totals[r] += term
                    }
                }
                return CheckResult(log ? "log-softmax backward" : "softmax backward", "[37, 517], g a transposed view",
                                   gpu: output.gpu, cpu: output.cpu,
                                   tolerance: "1e-5·|out| + w·(n·ε·Σ|terms| + 1e-5·|Σ|)") {
                    let r = $0 / columns
                    let weight = log ? Foundation.exp(y[$0]) : abs(y[$0])
                    return 1e-5 * abs(output.cpu[$0])
                        + weight * (Float(columns) * .ulpOfOne * terms[r] + 1e-5 * abs(totals[r]))
                }
            }
        },
    ]
}
