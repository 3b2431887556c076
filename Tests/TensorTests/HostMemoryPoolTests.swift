import Testing
@testable import Tensor

/// The host pool hands a freed block to the next request of its size, and holds no more
/// than its limit.
@Suite struct HostMemoryPoolTests {
    @Test func reusesAFreedBlockOfTheSameSize() {
        let pool = HostMemoryPool(limit: 1 << 20)
        let first = pool.allocate(byteCount: 4096)
        pool.release(first, byteCount: 4096)
        #expect(pool.idleBytes == 4096)
        let other = pool.allocate(byteCount: 8192)
        #expect(other != first, "a block of another size was handed out")
        let again = pool.allocate(byteCount: 4096)
        #expect(again == first)
        #expect(pool.idleBytes == 0)
        #expect(Int(bitPattern: again) % 64 == 0, "blocks are 64-byte aligned")
        pool.release(again, byteCount: 4096)
        pool.release(other, byteCount: 8192)
        #expect(pool.idleBytes == 12288)
    }

    @Test func freesWhatWouldPassTheLimit() {
        let pool = HostMemoryPool(limit: 10_000)
        let blocks = (0..<3).map { _ in pool.allocate(byteCount: 4096) }
        for block in blocks { pool.release(block, byteCount: 4096) }
        #expect(pool.idleBytes == 8192, "the third block passes the 10 000-byte limit and is freed")
    }
}
