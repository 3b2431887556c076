import Foundation
import Testing
@testable import Toolkit

@Suite struct SafeTensorsTests {
    /// Each element's bits, widened to 64: compares NaN payloads, -0.0 and subnormals exactly.
    static func bits(_ array: HostArray) -> [UInt64] {
        switch array.elements {
        case .f32(let values): values.map { UInt64($0.bitPattern) }
        case .f64(let values): values.map { $0.bitPattern }
        case .i32(let values): values.map { UInt64(UInt32(bitPattern: $0)) }
        case .i64(let values): values.map { UInt64(bitPattern: $0) }
        }
    }

    /// Expects the same names, metadata, dtypes, shapes and element bits.
    static func expectIdentical(_ found: SafeTensors, _ expected: SafeTensors) {
        #expect(found.metadata == expected.metadata)
        #expect(found.tensors.keys.sorted() == expected.tensors.keys.sorted())
        for (name, array) in expected.tensors {
            guard let loaded = found.tensors[name] else { continue }
            #expect(loaded.dtype == array.dtype, "\(name)")
            #expect(loaded.shape == array.shape, "\(name)")
            #expect(bits(loaded) == bits(array), "\(name)")
        }
    }

    /// The tensors of `scripts/golden/safetensors_fixture.py`: every dtype, special floats,
    /// a scalar and an empty tensor.
    static let reference = SafeTensors(
        tensors: [
            "embedding.weight": HostArray(shape: [2, 3], [-0.5, -0.25, 0, 0.25, 0.5, 0.75] as [Float]),
            "specials": HostArray(shape: [5], [0x7FC0_0001, 0xFF80_0000, 0x8000_0000, 0x0000_0001, 0x7F7F_FFFF]
                .map(Float.init(bitPattern:))),
            "scalar": HostArray(shape: [], [3.5] as [Float]),
            "empty": HostArray(shape: [0, 3], [] as [Float]),
            "indices": HostArray(shape: [2, 2], [0, -1, 1 << 40, 7] as [Int64]),
            "counts": HostArray(shape: [3], [1, -2, Int32.max]),
            "double": HostArray(shape: [2], [0.1, -1e300] as [Double]),
        ],
        metadata: ["epoch": "3"])

    /// A fresh directory for one test's files.
    static func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("SafeTensorsTests-\(UUID())").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func roundTripIsBitExact() throws {
        let loaded = try SafeTensors(serialized: Self.reference.serialized())
        Self.expectIdentical(loaded, Self.reference)
        #expect(loaded.tensors["specials"]!.floats![0].isNaN)
        #expect(loaded.tensors["specials"]!.floats![3] == .leastNonzeroMagnitude)
        #expect(loaded.tensors["indices"]!.integers == [0, -1, 1 << 40, 7])
        #expect(loaded.tensors["counts"]!.integers == [1, -2, Int(Int32.max)])
        #expect(loaded.tensors["double"]!.floats == nil)
    }

    @Test func writeThenReadFile() throws {
        let path = try Self.temporaryDirectory() + "/model.safetensors"
        try Self.reference.write(to: path)
        Self.expectIdentical(try SafeTensors(contentsOf: path), Self.reference)
    }

    @Test func emptyFileRoundTrips() throws {
        let empty = SafeTensors()
        #expect(empty.serialized() == Data([8, 0, 0, 0, 0, 0, 0, 0] + Array("{}      ".utf8)))
        Self.expectIdentical(try SafeTensors(serialized: empty.serialized()), empty)
    }

    @Test func outputIsDeterministicAndAligned() throws {
        var reversed = SafeTensors(metadata: ["b": "2", "a": "1", "lr": "0.01"])
        for (name, array) in Self.reference.tensors.sorted(by: { $0.key > $1.key }) {
            reversed.tensors[name] = array
        }
        var forward = SafeTensors(metadata: ["lr": "0.01", "a": "1", "b": "2"])
        for (name, array) in Self.reference.tensors.sorted(by: { $0.key < $1.key }) {
            forward.tensors[name] = array
        }
        let data = forward.serialized()
        #expect(data == reversed.serialized())
        let headerLength = data.prefix(8).reversed().reduce(0) { $0 << 8 | Int($1) }
        #expect(headerLength % 8 == 0)
        #expect(String(decoding: data[8..<(8 + headerLength)], as: UTF8.self)
            .hasPrefix(#"{"__metadata__":{"a":"1","b":"2","lr":"0.01"},"indices":{"dtype":"I64","shape":[2,2],"#))
    }

    @Test func awkwardNamesAreEscaped() throws {
        let names = ["quote\"back\\slash", "new\nline\ttab\u{1}", "ünïcode/名前", ""]
        let tensors = SafeTensors(
            tensors: Dictionary(uniqueKeysWithValues: names.map { ($0, HostArray(shape: [1], [1] as [Float])) }),
            metadata: ["note": "a \"quoted\"\nvalue"])
        Self.expectIdentical(try SafeTensors(serialized: tensors.serialized()), tensors)
    }

    /// A damaged file and the complaint it should get.
    struct Corruption: Sendable, CustomTestStringConvertible {
        let file: Data
        let message: String
        var testDescription: String { message }

        init(_ file: Data, _ message: String) {
            self.file = file
            self.message = message
        }

        /// A file with this header text (not padded) and this many zero data bytes.
        init(header: String, dataBytes: Int, _ message: String) {
            var file = Data()
            withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian) { file.append(contentsOf: $0) }
            file.append(contentsOf: Array(header.utf8))
            file.append(contentsOf: [UInt8](repeating: 0, count: dataBytes))
            self.init(file, message)
        }

        /// A file whose header lists these `tensor` entries.
        init(tensors: String..., dataBytes: Int, _ message: String) {
            self.init(header: "{\(tensors.joined(separator: ","))}", dataBytes: dataBytes, message)
        }

        /// A header entry for one tensor.
        static func tensor(_ name: String, _ dtype: String = "F32", shape: [Int], _ begin: Int, _ end: Int) -> String {
            #""\#(name)":{"dtype":"\#(dtype)","shape":\#(shape),"data_offsets":[\#(begin),\#(end)]}"#
        }

        static let all: [Corruption] = [
            Corruption(Data([1, 2, 3]), "truncated: 3 bytes, too short for the 8-byte header length"),
            Corruption(Data([2, 0, 0, 0, 0, 0, 0, 0]) + Array("{".utf8),
                       "header length 2 runs past the end of the file (9 bytes, room for a header of at most 1)"),
            Corruption(Data([0xE8, 0x03, 0, 0, 0, 0, 0, 0]) + Array("{}".utf8),
                       "header length 1000 runs past the end of the file (10 bytes, room for a header of at most 2)"),
            Corruption(Data([255, 255, 255, 255, 255, 255, 255, 255]) + Array("{}".utf8),
                       "header length 18446744073709551615 runs past the end of the file "
                           + "(10 bytes, room for a header of at most 2)"),
            Corruption(header: #"{"a": [1, 2}"#, dataBytes: 0,
                       "bad header: not valid JSON: Invalid value around character 11."),
            Corruption(header: "", dataBytes: 0,
                       "bad header: not valid JSON: Unexpected end of file during JSON parse."),
            Corruption(Data([2, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFE]), "bad header: not valid UTF-8"),
            Corruption(header: "[1, 2]", dataBytes: 0, "bad header: not a JSON object"),
            Corruption(header: #"{"__metadata__": {"epoch": 3}}"#, dataBytes: 0,
                       "bad header: '__metadata__' must map strings to strings"),
            Corruption(header: #"{"w": [0, 4]}"#, dataBytes: 4, "bad header: tensor 'w' is not a JSON object"),
            Corruption(header: #"{"w": {"shape": [1], "data_offsets": [0, 4]}}"#, dataBytes: 4,
                       "bad header: tensor 'w': 'dtype' must be a string"),
            Corruption(tensors: tensor("w", shape: [2, -1], 0, 4), dataBytes: 4,
                       "bad header: tensor 'w': 'shape' must be a list of non-negative integers"),
            Corruption(header: #"{"w": {"dtype": "F32", "shape": [1.5], "data_offsets": [0, 4]}}"#, dataBytes: 4,
                       "bad header: tensor 'w': 'shape' must be a list of non-negative integers"),
            Corruption(header: #"{"w": {"dtype": "F32", "shape": [true], "data_offsets": [0, 4]}}"#, dataBytes: 4,
                       "bad header: tensor 'w': 'shape' must be a list of non-negative integers"),
            Corruption(header: #"{"w": {"dtype": "F32", "shape": [1], "data_offsets": [4]}}"#, dataBytes: 4,
                       "bad header: tensor 'w': 'data_offsets' must be two non-negative integers [begin, end]"),
            Corruption(tensors: tensor("w", shape: [1 << 62, 4], 0, 4), dataBytes: 4,
                       "bad header: tensor 'w': shape [4611686018427387904, 4] is too large"),
            Corruption(tensors: tensor("w", "BF16", shape: [2], 0, 4), dataBytes: 4,
                       "tensor 'w' has dtype 'BF16'; this reader handles F32, F64, I32, I64"),
            Corruption(tensors: tensor("w", shape: [2], 0, 8), dataBytes: 4,
                       "tensor 'w': data_offsets [0, 8] run past the data section (4 bytes)"),
            Corruption(tensors: tensor("w", shape: [1], 8, 4), dataBytes: 8,
                       "tensor 'w': data_offsets [8, 4] end before they begin"),
            Corruption(tensors: tensor("a", shape: [2], 0, 8), tensor("b", shape: [2], 4, 12), dataBytes: 12,
                       "tensor 'b': data_offsets [4, 12] overlap tensor 'a' [0, 8]"),
            Corruption(tensors: tensor("a", shape: [2], 0, 8), tensor("b", shape: [0], 4, 4), dataBytes: 8,
                       "tensor 'b': data_offsets [4, 4] overlap tensor 'a' [0, 8]"),
            Corruption(tensors: tensor("a", shape: [1], 0, 4), tensor("b", shape: [1], 8, 12), dataBytes: 12,
                       "data bytes 4..<8 belong to no tensor"),
            Corruption(tensors: tensor("a", shape: [1], 4, 8), dataBytes: 8, "data bytes 0..<4 belong to no tensor"),
            Corruption(tensors: tensor("a", shape: [1], 0, 4), dataBytes: 8, "data bytes 4..<8 belong to no tensor"),
            Corruption(header: "{}", dataBytes: 1, "data bytes 0..<1 belong to no tensor"),
            Corruption(tensors: tensor("w", shape: [2, 3], 0, 20), dataBytes: 20,
                       "tensor 'w': shape [2, 3] of F32 needs 24 bytes, data_offsets [0, 20] hold 20"),
            Corruption(tensors: tensor("i", "I64", shape: [], 0, 4), dataBytes: 4,
                       "tensor 'i': shape [] of I64 needs 8 bytes, data_offsets [0, 4] hold 4"),
        ]
    }

    @Test(arguments: Corruption.all)
    func corruptFileIsRejected(_ corruption: Corruption) {
        #expect {
            try SafeTensors(serialized: corruption.file, file: "bad.safetensors")
        } throws: { error in
            "\(error)" == "bad.safetensors: \(corruption.message)"
        }
    }

    @Test func truncatedDataIsRejected() throws {
        let data = Self.reference.serialized()
        #expect {
            try SafeTensors(serialized: data.dropLast(4), file: "cut.safetensors")
        } throws: { error in
            "\(error)"
                == "cut.safetensors: tensor 'counts': data_offsets [96, 108] run past the data section (104 bytes)"
        }
    }

    @Test func missingFileIsNamed() throws {
        let path = try Self.temporaryDirectory() + "/absent.safetensors"
        #expect {
            try SafeTensors(contentsOf: path)
        } throws: { error in
            "\(error)".hasPrefix("\(path): cannot read: ")
        }
    }

    @Test func layoutMismatchListsEveryDifference() throws {
        let found = SafeTensors(tensors: [
            "u.weight": HostArray(shape: [4, 3], [Float](repeating: 0, count: 12)),
            "i.weight": HostArray(shape: [5, 2], [Float](repeating: 0, count: 10)),
            "steps": HostArray(shape: [], [7] as [Int64]),
            "extra": HostArray(shape: [3], [0, 0, 0] as [Float]),
        ])
        let expected: [String: SafeTensors.Layout] = [
            "u.weight": .init(shape: [4, 3]),
            "i.weight": .init(shape: [5, 3]),
            "steps": .init(shape: [1]),
            "u.bias": .init(shape: [4, 1]),
        ]
        #expect {
            try found.check(expected: expected, file: "model.safetensors")
        } throws: { error in
            "\(error)" == """
                model.safetensors: does not match the expected tensors (5 differences):
                  unexpected tensor 'extra' (F32 [3])
                  tensor 'i.weight' has shape [5, 2], expected [5, 3]
                  tensor 'steps' has shape [], expected [1]
                  tensor 'steps' has dtype I64, expected F32
                  missing tensor 'u.bias' (expected F32 [4, 1])
                """
        }
        try found.check(expected: found.layouts, file: "model.safetensors")
    }
}
