import Foundation
import Testing
@testable import Toolkit

/// Interoperability with the reference implementation, Python's `safetensors` package:
/// a committed file it wrote (always checked), and, where python3 has `safetensors` and
/// `numpy`, files passed both ways at test time.
@Suite struct SafeTensorsPythonTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// Written by `scripts/golden/safetensors_fixture.py`.
    static let fixture = repository.appendingPathComponent("Tests/ToolkitTests/Fixtures/python.safetensors").path

    /// Runs `python3 arguments` and returns its standard output, or nil when it cannot run
    /// or fails (its error output goes to the test log).
    static func python(_ arguments: [String]) -> Data? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let output = Pipe()
        process.standardOutput = output
        do {
            try process.run()
        } catch {
            return nil
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? data : nil
    }

    /// Whether python3 with `numpy` and `safetensors` is here; checked without importing
    /// them, so that their absence prints nothing.
    static let pythonHasSafetensors = python([
        "-c", "import importlib.util as u, sys; sys.exit(not (u.find_spec('numpy') and u.find_spec('safetensors')))",
    ]) != nil

    @Test func fileWrittenByPythonLoads() throws {
        SafeTensorsTests.expectIdentical(try SafeTensors(contentsOf: Self.fixture), SafeTensorsTests.reference)
    }

    @Test func writerMatchesPythonByteForByte() throws {
        #expect(SafeTensorsTests.reference.serialized() == (try Data(contentsOf: URL(fileURLWithPath: Self.fixture))))
    }

    @Test(.enabled(if: pythonHasSafetensors, "needs python3 with numpy and safetensors"))
    func pythonWritesWhatWeRead() throws {
        let path = try SafeTensorsTests.temporaryDirectory() + "/python.safetensors"
        let script = Self.repository.appendingPathComponent("scripts/golden/safetensors_fixture.py").path
        try #require(Self.python([script, path]) != nil)
        SafeTensorsTests.expectIdentical(try SafeTensors(contentsOf: path), SafeTensorsTests.reference)
        #expect(SafeTensorsTests.reference.serialized() == (try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    /// What Python's reader sees in a file: each tensor's numpy dtype, shape and element bits.
    struct PythonView: Decodable {
        struct Tensor: Decodable {
            let dtype: String
            let shape: [Int]
            let bits: [UInt64]
        }

        let metadata: [String: String]
        let tensors: [String: Tensor]
    }

    static let reader = """
        import json, sys
        from safetensors import safe_open
        with safe_open(sys.argv[1], "np") as f:
            tensors = {name: f.get_tensor(name) for name in f.keys()}
            metadata = f.metadata() or {}
        print(json.dumps({"metadata": metadata, "tensors": {
            name: {"dtype": a.dtype.name, "shape": list(a.shape), "bits": a.view(f"u{a.itemsize}").ravel().tolist()}
            for name, a in tensors.items()}}))
        """

    @Test(.enabled(if: pythonHasSafetensors, "needs python3 with numpy and safetensors"))
    func pythonReadsWhatWeWrite() throws {
        var written = SafeTensorsTests.reference
        written.tensors["quote\"back\\slash\nnew line\u{1}/名前"] = HostArray(shape: [1, 1], [1.5] as [Float])
        written.metadata = ["epoch": "3", "learning rate": "0.01", "note": "ünïcode \"quoted\"\n"]
        let path = try SafeTensorsTests.temporaryDirectory() + "/swift.safetensors"
        try written.write(to: path)

        let output = try #require(Self.python(["-c", Self.reader, path]))
        let view = try JSONDecoder().decode(PythonView.self, from: output)
        #expect(view.metadata == written.metadata)
        #expect(view.tensors.keys.sorted() == written.tensors.keys.sorted())
        let numpyNames: [HostArray.DType: String] = [.f32: "float32", .f64: "float64", .i32: "int32", .i64: "int64"]
        for (name, array) in written.tensors {
            let seen = try #require(view.tensors[name], "\(name)")
            #expect(seen.dtype == numpyNames[array.dtype], "\(name)")
            #expect(seen.shape == array.shape, "\(name)")
            #expect(seen.bits == SafeTensorsTests.bits(array), "\(name)")
        }
    }
}
