// swift-tools-version: 6.0
// Lesson6: the deep-learning material of fast.ai's 2017 "Lesson 6" in plain Swift.
// No package dependencies: Foundation, Dispatch and the toolchain's test libraries only.
import PackageDescription

/// Numeric code is always optimised: SIMD code in a debug build runs ~400x slower,
/// which would make `swift test` and `swift run` useless for this project.
/// On x86-64 the baseline is AVX2 + FMA (`x86-64-v3`); without it Swift lowers SIMD
/// types to scalar `fmaf` calls.
#if arch(x86_64)
let numeric: [SwiftSetting] = [.unsafeFlags(["-O", "-Xcc", "-march=x86-64-v3"])]
/// AVX-512 kernels live in their own target, chosen at run time (see `CPUFeatures`),
/// because code compiled for `x86-64-v4` crashes on CPUs without AVX-512.
let avx512: [SwiftSetting] = [.unsafeFlags(["-O", "-Xcc", "-march=x86-64-v4"])]
#else
let numeric: [SwiftSetting] = [.unsafeFlags(["-O"])]
let avx512: [SwiftSetting] = [.unsafeFlags(["-O"])]
#endif

let package = Package(
    name: "Lesson6",
    products: [
        .library(name: "Scalar", targets: ["Scalar"]),
        .library(name: "Tensor", targets: ["Tensor"]),
        .library(name: "TensorCUDA", targets: ["TensorCUDA"]),
        .library(name: "Lessons", targets: ["Lessons"]),
        .executable(name: "lesson6", targets: ["lesson6"]),
        .executable(name: "lesson6-bench", targets: ["lesson6-bench"]),
    ],
    targets: [
        .target(name: "Scalar", swiftSettings: numeric),
        .target(name: "TensorAVX512", swiftSettings: avx512),
        .target(name: "Tensor", dependencies: ["Scalar", "TensorAVX512"], swiftSettings: numeric),
        /// The optional CUDA backend: the driver API and NVRTC are `dlopen`ed at run time,
        /// so it builds (and explains why it cannot run) on machines without CUDA.
        .target(name: "TensorCUDA", dependencies: ["Scalar", "Tensor"], swiftSettings: numeric),
        .target(name: "Lessons", dependencies: ["Scalar", "Tensor"], swiftSettings: numeric),
        .executableTarget(name: "lesson6", dependencies: ["Lessons", "TensorCUDA"], swiftSettings: numeric),
        .executableTarget(
            name: "lesson6-bench", dependencies: ["Lessons", "TensorCUDA"],
            path: "Benchmarks/lesson6-bench", swiftSettings: numeric),
        .testTarget(
            name: "ScalarTests", dependencies: ["Scalar"], exclude: ["Fixtures"], swiftSettings: numeric),
        .testTarget(
            name: "TensorTests", dependencies: ["Tensor"], exclude: ["Fixtures"], swiftSettings: numeric),
        .testTarget(
            name: "LessonsTests", dependencies: ["Lessons"], exclude: ["Fixtures"], swiftSettings: numeric),
        .testTarget(name: "TensorCUDATests", dependencies: ["TensorCUDA", "Tensor"], swiftSettings: numeric),
    ],
    swiftLanguageModes: [.v6]
)
