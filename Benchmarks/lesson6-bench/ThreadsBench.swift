import Dispatch
import Foundation
import Synchronization
import Toolkit

/// `lesson6-bench threads`: what it costs to hand half of a job to a second thread,
/// the price every parallel matmul and elementwise loop pays once a call.
///
/// Two equal pieces of arithmetic are timed four ways: one piece on the calling thread
/// (the ideal time of two pieces on two cores), both through
/// `DispatchQueue.concurrentPerform` (as `parallelFor` and `Gemm` split work), both
/// through a worker thread that sleeps on a semaphore between jobs (what waking any
/// sleeping thread costs), and both through a worker thread that spins on an atomic
/// counter between jobs (as OpenBLAS's and OpenMP's threads wait). The difference from
/// the ideal is the hand-off's cost. The two workers exist only in this benchmark: the
/// engine splits work with `concurrentPerform`, as the design asks.
enum ThreadsBench: Command {
    static let name = "threads"
    static let summary = "µs a 2-thread split costs: concurrentPerform, a sleeping worker, a spinning one"

    static func run(_ arguments: inout Arguments) throws {
        let pieceList: String = try arguments.option("pieces", default: "10,25,50,100,250",
                                                     help: "comma-separated piece sizes, in µs of one thread's work")
        let repeats = try arguments.option("repeats", default: 7, help: "timed samples per size and way")
        try arguments.finish()
        let pieces = try pieceList.split(separator: ",").map { word in
            guard let micro = Double(word), micro > 0 else {
                throw Arguments.Failure.badValue(option: "--pieces", value: pieceList,
                                                 expected: "a comma-separated list of positive numbers")
            }
            return micro
        }
        guard ProcessInfo.processInfo.activeProcessorCount >= 2 else {
            throw BenchmarkError("threads: needs 2 cores, this machine has 1")
        }
        let stepsPerMicrosecond = calibrate()
        let steps = pieces.map { max(1, Int($0 * stepsPerMicrosecond)) }
        let one = steps.map { count in microseconds(repeats) { _ = Piece.run(count) } }
        let dispatch = steps.map { count in
            microseconds(repeats) { DispatchQueue.concurrentPerform(iterations: 2) { _ in _ = Piece.run(count) } }
        }
        let sleeper = SleepingWorker()
        let sleeping = steps.map { count in microseconds(repeats) { sleeper.runBeside(count) } }
        // Started last: while it spins it keeps the second core from the other threads.
        let worker = SpinningWorker()
        defer { worker.stop() }
        let spinning = steps.map { count in microseconds(repeats) { worker.runBeside(count) } }
        print("two equal pieces of work on 2 threads, µs per call (best of \(repeats) samples)")
        print("piece µs   one piece   concurrentPerform  (cost)   sleeping worker  (cost)   spinning worker  (cost)")
        for (i, micro) in pieces.enumerated() {
            print(String(format: "%8.0f %11.1f %20.1f %8.1f %17.1f %8.1f %17.1f %8.1f", micro, one[i], dispatch[i],
                         dispatch[i] - one[i], sleeping[i], sleeping[i] - one[i], spinning[i], spinning[i] - one[i]))
        }
    }

    /// Best time of one call, in µs.
    private static func microseconds(_ repeats: Int, _ operation: () -> Void) -> Double {
        Timing(repeats: repeats, sampleSeconds: 0.05, clock: .wall, operation).bestSeconds * 1e6
    }

    /// Steps of `Piece.run` per µs on this core.
    private static func calibrate() -> Double {
        let steps = 1_000_000
        let timing = Timing(repeats: 5, sampleSeconds: 0.05, clock: .wall) { _ = Piece.run(steps) }
        return Double(steps) / (timing.bestSeconds * 1e6)
    }
}

/// A chain of dependent multiply-adds the optimiser cannot shorten or hoist: work that
/// takes time in proportion to `steps` and touches no memory.
private enum Piece {
    static let seed = Atomic<Int>(1)

    @inline(never)
    static func run(_ steps: Int) -> Double {
        var x = Double(seed.load(ordering: .relaxed))
        for i in 0..<steps { x = x * 0.999_999 + Double(i & 7) }
        return x
    }
}

/// One thread that sleeps on a semaphore until it is given a job: as `concurrentPerform`'s
/// threads do, it must be woken, and an idle core with it.
private final class SleepingWorker: Sendable {
    private let posted = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let steps = Atomic<Int>(0)

    init() {
        let thread = Thread { [self] in
            while true {
                posted.wait()
                _ = Piece.run(steps.load(ordering: .relaxed))
                finished.signal()
            }
        }
        thread.start()
    }

    /// Runs one piece here and one on the worker, and returns when both are done.
    func runBeside(_ count: Int) {
        steps.store(count, ordering: .relaxed)
        posted.signal()
        _ = Piece.run(count)
        finished.wait()
    }
}

/// One thread that waits for jobs by spinning on an atomic counter: it answers within a
/// few hundred nanoseconds, and keeps its core busy while it waits.
private final class SpinningWorker: Sendable {
    private let posted = Atomic<Int>(0)
    private let finished = Atomic<Int>(0)
    private let steps = Atomic<Int>(0)
    private let stopping = Atomic<Bool>(false)

    init() {
        let thread = Thread { [self] in loop() }
        thread.start()
    }

    /// Runs one piece here and one on the worker, and returns when both are done.
    func runBeside(_ count: Int) {
        steps.store(count, ordering: .relaxed)
        let job = posted.add(1, ordering: .releasing).newValue
        _ = Piece.run(count)
        while finished.load(ordering: .acquiring) != job {}
    }

    func stop() { stopping.store(true, ordering: .releasing) }

    private func loop() {
        var done = 0
        while !stopping.load(ordering: .acquiring) {
            let job = posted.load(ordering: .acquiring)
            guard job != done else { continue }
            _ = Piece.run(steps.load(ordering: .relaxed))
            done = job
            finished.store(job, ordering: .releasing)
        }
    }
}
