import Foundation

/// Floats placed so that the last one ends a page of memory and the page after it cannot
/// be read: a read one float past the end crashes the test (SIGSEGV) instead of going
/// unseen, as it would in an array with room behind it.
final class PageEndBuffer {
    let start: UnsafeMutablePointer<Float>
    private let mapping: UnsafeMutableRawPointer, length: Int

    struct MappingFailed: Error, CustomStringConvertible {
        let call: String
        var description: String { "\(call) failed: \(String(cString: strerror(errno)))" }
    }

    init(_ values: [Float]) throws {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let bytes = (values.count * MemoryLayout<Float>.stride + page - 1) / page * page
        length = bytes + page
        guard let mapped = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              mapped != MAP_FAILED else { throw MappingFailed(call: "mmap") }
        mapping = mapped
        guard mprotect(mapped + bytes, page, PROT_NONE) == 0 else {
            munmap(mapped, length)
            throw MappingFailed(call: "mprotect")
        }
        start = (mapped + bytes - values.count * MemoryLayout<Float>.stride)
            .bindMemory(to: Float.self, capacity: values.count)
        start.initialize(from: values, count: values.count)
    }

    deinit { munmap(mapping, length) }
}
