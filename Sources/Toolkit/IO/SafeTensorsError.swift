/// Why a safetensors file could not be read, or does not hold what its loader expects.
///
/// The description names the file and says what is wrong where: the byte counts, the
/// tensor, its shape and offsets, so that a corrupt or mismatched checkpoint is fixable.
public struct SafeTensorsError: Error, CustomStringConvertible, Equatable {
    public enum Problem: Error, Equatable {
        /// The file could not be opened or read.
        case unreadable(String)
        /// Fewer than the 8 bytes that hold the header length.
        case truncated(fileSize: Int)
        /// The header length says the header runs past the end of the file.
        case headerPastEnd(headerLength: UInt64, fileSize: Int)
        /// The header is not UTF-8 JSON of the expected form; the text says what is wrong.
        case badHeader(String)
        /// A tensor has an element type this reader does not handle.
        case unsupportedDType(tensor: String, dtype: String)
        /// A tensor's `data_offsets` are out of range, reversed or overlap another tensor's.
        case badOffsets(tensor: String, String)
        /// Bytes of the data section that no tensor owns.
        case unownedBytes(begin: Int, end: Int)
        /// A tensor's byte range does not hold exactly shape × element size bytes.
        case wrongByteCount(tensor: String, shape: [Int], dtype: HostArray.DType, needed: Int, begin: Int, end: Int)
        /// The tensors differ from what the loader expects; one line per difference.
        case layoutMismatch([String])
    }

    public let file: String
    public let problem: Problem

    public init(file: String, _ problem: Problem) {
        self.file = file
        self.problem = problem
    }

    public var description: String {
        let what = switch problem {
        case .unreadable(let reason):
            "cannot read: \(reason)"
        case .truncated(let fileSize):
            "truncated: \(fileSize) bytes, too short for the 8-byte header length"
        case .headerPastEnd(let headerLength, let fileSize):
            "header length \(headerLength) runs past the end of the file (\(fileSize) bytes, "
                + "room for a header of at most \(fileSize - 8))"
        case .badHeader(let reason):
            "bad header: \(reason)"
        case .unsupportedDType(let tensor, let dtype):
            "tensor '\(tensor)' has dtype '\(dtype)'; this reader handles "
                + HostArray.DType.allCases.map(\.rawValue).joined(separator: ", ")
        case .badOffsets(let tensor, let reason):
            "tensor '\(tensor)': \(reason)"
        case .unownedBytes(let begin, let end):
            "data bytes \(begin)..<\(end) belong to no tensor"
        case .wrongByteCount(let tensor, let shape, let dtype, let needed, let begin, let end):
            "tensor '\(tensor)': shape \(shape) of \(dtype) needs \(needed) bytes, "
                + "data_offsets [\(begin), \(end)] hold \(end - begin)"
        case .layoutMismatch(let lines):
            "does not match the expected tensors (\(lines.count) "
                + "\(lines.count == 1 ? "difference" : "differences")):\n"
                + lines.map { "  " + $0 }.joined(separator: "\n")
        }
        return "\(file): \(what)"
    }
}
