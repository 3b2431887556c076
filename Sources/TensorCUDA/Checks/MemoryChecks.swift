import Tensor

extension BackendChecks {
    /// Uploads, downloads, fills and strided copies: all exact.
    static let memory: [BackendCheck] = [
        BackendCheck(name: "upload, download") { backend in
            let values = uniform(1000, -1, 1, seed: 1)
            let back = backend.download(backend.upload(values), offset: 10, count: 990)
            return [CheckResult("upload, download", "1000 floats, read from 10", gpu: back, cpu: Array(values[10...]),
                                relative: 0)]
        },
        BackendCheck(name: "fill") { backend in
            let outputs = sideBySide(backend, []) { backend, _ in
                let storage = backend.allocate(4099)
                backend.fill(storage, with: 3.5)
                return [storage]
            }
            return [CheckResult("fill", "4099 floats", gpu: outputs[0].gpu, cpu: outputs[0].cpu, relative: 0)]
        },
        BackendCheck(name: "copy") { backend in
            let permuted = Layout(contiguous: [5, 7, 9]).permuted([2, 0, 1])
            let gather = sideBySide(backend, [uniform(315, -1, 1, seed: 2)]) { backend, x in
                let out = backend.allocate(315)
                backend.copy(x[0], permuted, to: out, Layout(contiguous: permuted.shape))
                return [out]
            }
            let columns = Layout(contiguous: [6, 16]).sliced(axis: 1, 3..<13)
            let sources = [uniform(60, -1, 1, seed: 3), uniform(96, -1, 1, seed: 4)]
            let scatter = sideBySide(backend, sources) { backend, x in
                backend.copy(x[0], Layout(contiguous: [6, 10]), to: x[1], columns)
                return [x[1]]
            }
            return [CheckResult("copy", "[5, 7, 9] permuted (2, 0, 1) into contiguous", gpu: gather[0].gpu,
                                cpu: gather[0].cpu, relative: 0),
                    CheckResult("copy", "[6, 10] into columns 3..<13 of [6, 16]", gpu: scatter[0].gpu,
                                cpu: scatter[0].cpu, relative: 0)]
        },
    ]
}
