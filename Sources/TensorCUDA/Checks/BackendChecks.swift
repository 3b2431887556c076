import Random
import Tensor

/// One check of a backend against the CPU backend (the reference): a primitive, or a
/// training step, run on both with the same inputs. Written for the CUDA backend; any
/// backend can be checked (the CPU against itself checks the checks).
public struct BackendCheck: Sendable, CustomStringConvertible {
    public let name: String
    let run: @Sendable (any Backend) -> [CheckResult]

    /// Runs the check; one result per output compared.
    public func callAsFunction(_ backend: any Backend) -> [CheckResult] {
        run(backend)
    }

    public var description: String { name }
}

/// Every check, in the order of the `Backend` protocol. Tolerances: elementwise
/// results within 1e-5 relative (most are exact, since the kernels are compiled with
/// `--fmad=false`); sums within n·ε·Σ|terms| (n terms, ε = `Float.ulpOfOne`), matmul
/// within k·ε·(|A|·|B|)ᵢⱼ; see each check.
public enum BackendChecks {
    public static let all: [BackendCheck] = memory + elementwise + reductions + matrices + lookups + [trainingStep]

    /// The same computation on `backend` and on the CPU backend, from the same host
    /// inputs: `body` gets the backend and the inputs uploaded to it, and returns the
    /// storages to compare, which come back downloaded, in order.
    static func sideBySide(_ backend: any Backend, _ inputs: [[Float]],
                           _ body: (any Backend, [Storage]) -> [Storage]) -> [(gpu: [Float], cpu: [Float])] {
        func run(_ backend: any Backend) -> [[Float]] {
            body(backend, inputs.map(backend.upload)).map { backend.download($0, offset: 0, count: $0.count) }
        }
        return Array(zip(run(backend), run(Device.cpu)))
    }

    /// Σ|x| along `axis` of the view: the scale of a sum's rounding error.
    static func absoluteSums(_ x: [Float], _ layout: Layout, axis: Int) -> [Float] {
        let cpu = Device.cpu
        let sums = cpu.reduce(.sum, cpu.upload(x.map(abs)), layout, axis: axis)
        return cpu.download(sums, offset: 0, count: sums.count)
    }

    /// `count` floats uniform in [low, high) from a generator seeded with `seed`.
    static func uniform(_ count: Int, _ low: Float, _ high: Float, seed: UInt32) -> [Float] {
        var generator = MT19937(seed: seed)
        return (0..<count).map { _ in Float(generator.uniform(Double(low), Double(high))) }
    }

    /// `count` indices below `bound`, with repeats, from a generator seeded with `seed`.
    static func indices(_ count: Int, below bound: Int, seed: UInt32) -> [Int32] {
        var generator = MT19937(seed: seed)
        return (0..<count).map { _ in Int32(generator.interval(bound - 1)) }
    }

    /// `[rows, columns]` read from a columns×rows contiguous storage: a transposed,
    /// non-contiguous view, so that kernels take their strided path.
    static func transposedView(rows: Int, columns: Int) -> Layout {
        Layout(contiguous: [columns, rows]).transposed(0, 1)
    }
}
