// swift-tools-version: 6.0
// Lesson6: the deep-learning material of fast.ai's 2017 "Lesson 6" in plain Swift.
// No package dependencies: Foundation, Dispatch and the toolchain's test libraries only.
import PackageDescription

/// Numeric code is always optimised: SIMD code in a debug build runs ~400x slower,
/// which would make `swift test` and `swift run` useless for this project.
/// On x86-64 the baseline is AVX2 + FMA (`x86-64-v3`); without it Swift lowers SIMD
/// types to scalar `fmaf` calls. Exclusive access to class properties is checked when
/// compiling, not at run time: the run-time check cost a small training step (the SGD
/// lesson's) about a twentieth of its time, in every read of a tensor's storage.
#if arch(x86_64)
let numeric: [SwiftSetting] = [.unsafeFlags(["-O", "-enforce-exclusivity=unchecked", "-Xcc", "-march=x86-64-v3"])]
/// AVX-512 kernels live in their own target, chosen at run time (see `CPUFeatures`),
/// because code compiled for `x86-64-v4` crashes on CPUs without AVX-512.
let avx512: [SwiftSetting] = [.unsafeFlags(["-O", "-enforce-exclusivity=unchecked", "-Xcc", "-march=x86-64-v4"])]
#else
let numeric: [SwiftSetting] = [.unsafeFlags(["-O", "-enforce-exclusivity=unchecked"])]
let avx512: [SwiftSetting] = [.unsafeFlags(["-O", "-enforce-exclusivity=unchecked"])]
#endif

let package = Package(
    name: "Lesson6",
    products: [
        .library(name: "Random", targets: ["Random"]),
        .library(name: "Scalar", targets: ["Scalar"]),
        .library(name: "Tensor", targets: ["Tensor"]),
        .library(name: "TensorCUDA", targets: ["TensorCUDA"]),
        .library(name: "Toolkit", targets: ["Toolkit"]),
        .library(name: "Lessons", targets: ["Lessons"]),
        .executable(name: "lesson6", targets: ["lesson6"]),
        .executable(name: "lesson6-bench", targets: ["lesson6-bench"]),
    ],
    // Imports go one way, down this list: Random ← Scalar ← Tensor (+ TensorAVX512) ← Toolkit ← Lessons
    // ← the executables; TensorCUDA ← Tensor. Each target's folder opens with a README: what lives there.
    targets: [
        /// The seeded generator every random draw goes through (NumPy's legacy `np.random`).
        .target(name: "Random", exclude: ["README.md"], swiftSettings: numeric),
        /// The scalar autograd engine the project starts from (micrograd).
        .target(name: "Scalar", dependencies: ["Random"], exclude: ["README.md"], swiftSettings: numeric),
        .target(name: "TensorAVX512", exclude: ["README.md"], swiftSettings: avx512),
        /// The tensor engine: tensors, autograd, the `Backend` protocol and its CPU backend, layers, optimizers.
        .target(
            name: "Tensor", dependencies: ["Random", "Scalar", "TensorAVX512"], exclude: ["README.md"],
            swiftSettings: numeric),
        /// The optional CUDA backend: the driver API and NVRTC are `dlopen`ed at run time,
        /// so it builds (and explains why it cannot run) on machines without CUDA.
        .target(name: "TensorCUDA", dependencies: ["Random", "Tensor"], exclude: ["README.md"], swiftSettings: numeric),
        /// The lessons' machinery: data, CSV, safetensors, plots, learner and fit, the command line.
        .target(name: "Toolkit", dependencies: ["Random", "Tensor"], exclude: ["README.md"], swiftSettings: numeric),
        /// The lecture itself: collaborative filtering, tabular data, SGD, the char RNNs, the scalar engine.
        .target(
            name: "Lessons", dependencies: ["Random", "Scalar", "Tensor", "Toolkit"], exclude: ["README.md"],
            swiftSettings: numeric),
        .executableTarget(
            name: "lesson6", dependencies: ["Lessons", "Tensor", "TensorCUDA", "Toolkit"], swiftSettings: numeric),
        .executableTarget(
            name: "lesson6-bench", dependencies: ["Lessons", "Random", "Tensor", "TensorCUDA", "Toolkit"],
            path: "Benchmarks/lesson6-bench", swiftSettings: numeric),
        .testTarget(name: "RandomTests", dependencies: ["Random"], swiftSettings: numeric),
        .testTarget(
            name: "ScalarTests", dependencies: ["Random", "Scalar"], exclude: ["Fixtures"], swiftSettings: numeric),
        /// What the test targets share: a backend of primitives only, where the real data sets are,
        /// GIF and SVG readers.
        .target(name: "TestSupport", dependencies: ["Tensor", "Toolkit"], path: "Tests/TestSupport",
                swiftSettings: numeric),
        .testTarget(
            name: "TensorTests", dependencies: ["Random", "Tensor", "TestSupport"], exclude: ["Fixtures"],
            swiftSettings: numeric),
        .testTarget(
            name: "ToolkitTests", dependencies: ["Random", "Tensor", "TestSupport", "Toolkit"],
            exclude: ["Fixtures"], swiftSettings: numeric),
        .testTarget(
            name: "LessonsTests", dependencies: ["Random", "Lessons", "Tensor", "TestSupport", "Toolkit"],
            exclude: ["Fixtures"], swiftSettings: numeric),
        .testTarget(
            name: "TensorCUDATests", dependencies: ["TensorCUDA", "Tensor", "TestSupport"], swiftSettings: numeric),
    ],
    swiftLanguageModes: [.v6]
)
