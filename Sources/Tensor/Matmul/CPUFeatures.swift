import Foundation

/// Which SIMD micro-kernel `Gemm.multiply` runs.
///
/// `avx2` is the portable one, compiled with the package's baseline (`x86-64-v3`, or
/// NEON on arm64). `avx512` lives in the `TensorAVX512` target, compiled for
/// `x86-64-v4`, and may only run on a CPU that has AVX-512F: there it is about twice
/// as fast, elsewhere its first instruction would crash the process.
public enum SIMDPath: String, Sendable, CaseIterable {
    case avx2
    case avx512
}

/// What the processor can do, read once at start-up.
public enum CPUFeatures {
    /// Whether the CPU has AVX-512 Foundation (the `avx512f` flag in `/proc/cpuinfo`).
    public static let hasAVX512F: Bool = {
        #if arch(x86_64)
        guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return false }
        return info.split(separator: "\n").contains { line in
            line.hasPrefix("flags") && line.split(separator: " ").contains("avx512f")
        }
        #else
        return false
        #endif
    }()

    /// The SIMD path `Gemm.multiply` uses: the fastest this CPU runs, unless the
    /// environment variable `LESSON6_SIMD` (`avx2` or `avx512`) asks for one.
    /// Asking for `avx512` on a CPU without it is an error, not a silent fallback.
    public static let simdPath: SIMDPath = {
        let automatic: SIMDPath = hasAVX512F ? .avx512 : .avx2
        guard let requested = ProcessInfo.processInfo.environment["LESSON6_SIMD"], !requested.isEmpty else {
            return automatic
        }
        guard let path = SIMDPath(rawValue: requested) else {
            fatalError("LESSON6_SIMD=\(requested): expected one of \(SIMDPath.allCases.map(\.rawValue))")
        }
        if path == .avx512 && !hasAVX512F {
            fatalError("LESSON6_SIMD=avx512, but this CPU has no AVX-512F (no avx512f in /proc/cpuinfo)")
        }
        return path
    }()
}
