import Foundation
import Random
import Testing
@testable import Lessons

/// k-NN regression against a brute-force search written out plainly.
struct KNearestNeighborsTests {
    @Test func predictsTheMeanOfTheNearestTargets() {
        var generator = MT19937(seed: 4)
        let width = 3, rows = 300, queries = 270
        let features = (0..<(rows * width)).map { _ in Float(generator.standardNormal()) }
        let targets = (0..<rows).map { _ in Float(generator.uniform(0, 10)) }
        let query = (0..<(queries * width)).map { _ in Float(generator.standardNormal()) }
        let predictions = KNearestNeighbors(k: 5, features: features, width: width, targets: targets).predict(query)
        for q in 0..<queries {
            let distances = (0..<rows).map { row in
                (0..<width).reduce(Float(0)) { $0 + pow(query[q * width + $1] - features[row * width + $1], 2) }
            }
            let nearest = distances.indices.sorted { distances[$0] < distances[$1] }.prefix(5)
            let expected = nearest.reduce(0) { $0 + targets[$1] } / 5
            #expect(abs(predictions[q] - expected) < 1e-4, "query \(q)")
        }
    }

    @Test func keepsTheSmallestInOrder() {
        #expect(smallest(3, of: [5, 1, 4, 1, 0, 9] as [Float]) == [4, 1, 3])
        #expect(smallest(1, of: [2] as [Float]) == [0])
    }
}
