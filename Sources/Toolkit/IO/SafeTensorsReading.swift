import Foundation

/// Reading a safetensors file, trusting nothing in it: every length and offset is checked
/// before use, so a truncated or corrupt checkpoint is refused with the reason, never read
/// past its end or half loaded.
extension SafeTensors {
    /// Reads the safetensors file at `path`, as written by `write(to:)` or by Python's
    /// `safetensors` package. Element types F32, F64, I32 and I64 load; others are refused.
    public init(contentsOf path: String) throws {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw SafeTensorsError(file: path, .unreadable(error.localizedDescription))
        }
        try self.init(serialized: data, file: path)
    }

    /// Parses the bytes of a safetensors file; `file` names them in errors.
    public init(serialized data: Data, file: String = "<memory>") throws {
        self = try data.withUnsafeBytes { bytes in
            do throws(SafeTensorsError.Problem) {
                return try Self.parse(bytes)
            } catch {
                throw SafeTensorsError(file: file, error)
            }
        }
    }

    /// One tensor as the header describes it: where its bytes are and what they hold.
    private struct Entry {
        let name: String
        let dtype: HostArray.DType
        let shape: [Int]
        let begin: Int
        let end: Int
    }

    private static func parse(_ bytes: UnsafeRawBufferPointer) throws(SafeTensorsError.Problem) -> SafeTensors {
        guard bytes.count >= 8 else { throw .truncated(fileSize: bytes.count) }
        let headerLength = UInt64(littleEndian: bytes.loadUnaligned(as: UInt64.self))
        guard headerLength <= UInt64(bytes.count - 8) else {
            throw .headerPastEnd(headerLength: headerLength, fileSize: bytes.count)
        }
        let dataStart = 8 + Int(headerLength)
        let (entries, metadata) = try parseHeader(bytes[8..<dataStart], dataSize: bytes.count - dataStart)
        try checkCoverage(entries, dataSize: bytes.count - dataStart)

        var tensors: [String: HostArray] = [:]
        for entry in entries {
            let source = UnsafeRawBufferPointer(rebasing: bytes[(dataStart + entry.begin)..<(dataStart + entry.end)])
            func elements<T>(_: T.Type) -> [T] {
                [T](unsafeUninitializedCapacity: source.count / MemoryLayout<T>.size) { buffer, initialized in
                    UnsafeMutableRawBufferPointer(buffer).copyMemory(from: source)
                    initialized = buffer.count
                }
            }
            tensors[entry.name] = switch entry.dtype {
            case .f32: HostArray(shape: entry.shape, elements(Float.self))
            case .f64: HostArray(shape: entry.shape, elements(Double.self))
            case .i32: HostArray(shape: entry.shape, elements(Int32.self))
            case .i64: HostArray(shape: entry.shape, elements(Int64.self))
            }
        }
        return SafeTensors(tensors: tensors, metadata: metadata)
    }

    /// The tensor entries (sorted by name) and the metadata of the JSON header, each entry
    /// checked on its own: known dtype, offsets inside the data section, and exactly
    /// shape × element size bytes between them.
    private static func parseHeader(_ header: Slice<UnsafeRawBufferPointer>, dataSize: Int)
        throws(SafeTensorsError.Problem) -> ([Entry], [String: String])
    {
        guard let text = String(validating: header, as: UTF8.self) else {
            throw .badHeader("not valid UTF-8")
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        } catch {
            let reason = (error as NSError).userInfo[NSDebugDescriptionErrorKey] ?? error
            throw .badHeader("not valid JSON: \(reason)")
        }
        guard let fields = object as? [String: Any] else { throw .badHeader("not a JSON object") }

        var entries: [Entry] = []
        var metadata: [String: String] = [:]
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            if name == "__metadata__" {
                guard let map = value as? [String: String] else {
                    throw .badHeader("'__metadata__' must map strings to strings")
                }
                metadata = map
                continue
            }
            guard let info = value as? [String: Any] else {
                throw .badHeader("tensor '\(name)' is not a JSON object")
            }
            guard let dtypeName = info["dtype"] as? String else {
                throw .badHeader("tensor '\(name)': 'dtype' must be a string")
            }
            guard let shape = naturals(info["shape"]) else {
                throw .badHeader("tensor '\(name)': 'shape' must be a list of non-negative integers")
            }
            guard let offsets = naturals(info["data_offsets"]), offsets.count == 2 else {
                throw .badHeader("tensor '\(name)': 'data_offsets' must be two non-negative integers [begin, end]")
            }
            guard let dtype = HostArray.DType(rawValue: dtypeName) else {
                throw .unsupportedDType(tensor: name, dtype: dtypeName)
            }
            let (begin, end) = (offsets[0], offsets[1])
            guard begin <= end else {
                throw .badOffsets(tensor: name, "data_offsets [\(begin), \(end)] end before they begin")
            }
            guard end <= dataSize else {
                throw .badOffsets(tensor: name,
                                  "data_offsets [\(begin), \(end)] run past the data section (\(dataSize) bytes)")
            }
            var needed = dtype.byteCount
            for size in shape {
                let (product, overflow) = needed.multipliedReportingOverflow(by: size)
                guard !overflow else { throw .badHeader("tensor '\(name)': shape \(shape) is too large") }
                needed = product
            }
            guard needed == end - begin else {
                throw .wrongByteCount(tensor: name, shape: shape, dtype: dtype, needed: needed, begin: begin, end: end)
            }
            entries.append(Entry(name: name, dtype: dtype, shape: shape, begin: begin, end: end))
        }
        return (entries, metadata)
    }

    /// Checks that the tensors' byte ranges tile the data section: no overlaps, no gaps,
    /// nothing left over at the end.
    private static func checkCoverage(_ entries: [Entry], dataSize: Int) throws(SafeTensorsError.Problem) {
        var covered = 0
        var previous: Entry?
        for entry in entries.sorted(by: { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }) {
            if let previous, entry.begin < covered {
                throw .badOffsets(tensor: entry.name, "data_offsets [\(entry.begin), \(entry.end)] overlap "
                    + "tensor '\(previous.name)' [\(previous.begin), \(previous.end)]")
            }
            guard entry.begin == covered else { throw .unownedBytes(begin: covered, end: entry.begin) }
            covered = entry.end
            previous = entry
        }
        guard covered == dataSize else { throw .unownedBytes(begin: covered, end: dataSize) }
    }
}

/// `value` as a list of non-negative integers, or nil if it is anything else.
/// JSON `true` and `false` arrive as NSNumbers too (that convert to 1 and 0); Foundation
/// marks them with the C type code of `char`, "c", which no parsed JSON number has.
private func naturals(_ value: Any?) -> [Int]? {
    guard let numbers = value as? [NSNumber],
          numbers.allSatisfy({ $0.objCType.pointee != CChar(UInt8(ascii: "c")) }) else { return nil }
    let integers = numbers.compactMap { $0 as? Int }
    return integers.count == numbers.count && integers.allSatisfy({ $0 >= 0 }) ? integers : nil
}
