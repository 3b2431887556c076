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

/// The pool under both backends: blocks by exact size, and emptied on demand (the CUDA
/// backend frees every idle block and retries when the GPU is out of memory).
@Suite struct MemoryPoolTests {
    @Test func handsBackBlocksByExactSizeAndEmptiesOnDemand() {
        let pool = MemoryPool<UInt64>(limit: 1000)
        #expect(pool.keep(1, byteCount: 400))
        #expect(pool.keep(2, byteCount: 400))
        #expect(!pool.keep(3, byteCount: 400), "a third block passes the 1000-byte limit")
        #expect(pool.keep(4, byteCount: 100))
        #expect(pool.take(byteCount: 300) == nil)
        #expect(pool.take(byteCount: 400) == 2)
        #expect(pool.removeAll().sorted() == [1, 4])
        #expect(pool.idleBytes == 0)
        #expect(pool.take(byteCount: 400) == nil)
    }
}
