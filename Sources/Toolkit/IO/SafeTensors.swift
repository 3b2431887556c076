import Foundation

#if !_endian(little)
#error("SafeTensors copies array memory to and from the file as is, which is little-endian")
#endif

/// A safetensors file in memory: named arrays plus a string-to-string metadata map.
///
/// safetensors (https://huggingface.co/docs/safetensors) is the checkpoint format of
/// Hugging Face and of current PyTorch practice. Unlike `torch.save`'s pickles it holds
/// nothing executable, only:
///
///     8 bytes    N, the length of the header, a little-endian UInt64
///     N bytes    the header, JSON: {"__metadata__": {"epoch": "3"},
///                 "u.weight": {"dtype": "F32", "shape": [671, 50], "data_offsets": [0, 134200]}, ...}
///     the rest   the data section: each tensor's elements, little-endian, row-major,
///                in bytes begin..<end of this section as its `data_offsets` say
///
/// A file written here loads in Python with `safetensors.numpy.load_file`, and one that
/// Python writes loads here (see `init(contentsOf:)`).
public struct SafeTensors: Sendable {
    public var tensors: [String: HostArray]
    /// Free-form notes stored in the header under `__metadata__` (epoch, learning rate...).
    public var metadata: [String: String]

    public init(tensors: [String: HostArray] = [:], metadata: [String: String] = [:]) {
        self.tensors = tensors
        self.metadata = metadata
    }

    /// Writes the file atomically: a crash leaves the old checkpoint, never half a new one.
    public func write(to path: String) throws {
        try writeAtomically(serialized(), to: path)
    }

    /// The file's bytes. Deterministic, and byte for byte what the reference implementation
    /// (Python's `safetensors.numpy.save`) writes for the same tensors and one metadata key:
    /// tensors ordered by element type, widest first, then by name; the header padded with
    /// spaces to a multiple of 8 bytes so that every tensor starts aligned to its element size.
    public func serialized() -> Data {
        guard tensors["__metadata__"] == nil else {
            fatalError("SafeTensors: '__metadata__' is reserved for the metadata and cannot name a tensor")
        }
        var fields: [String] = []
        if !metadata.isEmpty {
            let entries = metadata.keys.sorted(by: utf8Order).map { "\(json($0)):\(json(metadata[$0]!))" }
            fields.append("\"__metadata__\":{\(entries.joined(separator: ","))}")
        }
        let order = tensors.keys.sorted { a, b in
            let (left, right) = (tensors[a]!.dtype, tensors[b]!.dtype)
            return left == right ? utf8Order(a, b) : Self.storageRank(left) > Self.storageRank(right)
        }
        var offset = 0
        for name in order {
            let array = tensors[name]!
            let end = offset + array.count * array.dtype.byteCount
            fields.append("\(json(name)):{\"dtype\":\"\(array.dtype)\","
                + "\"shape\":[\(array.shape.map(String.init).joined(separator: ","))],"
                + "\"data_offsets\":[\(offset),\(end)]}")
            offset = end
        }
        var header = Array("{\(fields.joined(separator: ","))}".utf8)
        header += Array(repeating: UInt8(ascii: " "), count: (8 - header.count % 8) % 8)

        var file = Data(capacity: 8 + header.count + offset)
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { file.append(contentsOf: $0) }
        file.append(contentsOf: header)
        for name in order {
            switch tensors[name]!.elements {
            case .f32(let values): values.withUnsafeBytes { file.append(contentsOf: $0) }
            case .f64(let values): values.withUnsafeBytes { file.append(contentsOf: $0) }
            case .i32(let values): values.withUnsafeBytes { file.append(contentsOf: $0) }
            case .i64(let values): values.withUnsafeBytes { file.append(contentsOf: $0) }
            }
        }
        return file
    }

    /// The reference implementation's data order: its dtype enum, compared descending.
    private static func storageRank(_ dtype: HostArray.DType) -> Int {
        switch dtype {
        case .i32: 0
        case .f32: 1
        case .f64: 2
        case .i64: 3
        }
    }
}

/// Byte order of UTF-8, as Rust sorts strings (Swift's `<` compares Unicode characters).
private func utf8Order(_ a: String, _ b: String) -> Bool {
    a.utf8.lexicographicallyPrecedes(b.utf8)
}

/// `text` as a JSON string, escaped as serde_json (the reference's JSON writer) does.
private func json(_ text: String) -> String {
    var quoted = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": quoted += "\\\""
        case "\\": quoted += "\\\\"
        case "\n": quoted += "\\n"
        case "\r": quoted += "\\r"
        case "\t": quoted += "\\t"
        case "\u{08}": quoted += "\\b"
        case "\u{0C}": quoted += "\\f"
        case ..."\u{1F}": quoted += "\\u00" + (scalar.value < 16 ? "0" : "") + String(scalar.value, radix: 16)
        default: quoted.unicodeScalars.append(scalar)
        }
    }
    return quoted + "\""
}
