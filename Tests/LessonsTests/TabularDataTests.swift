import Foundation
import Testing
@testable import Lessons
@testable import Toolkit

/// The tabular pipeline (fastai 0.7's `proc_df`): categories numbered from 1 with 0 for
/// missing and unseen values, continuous columns filled and standardised with the
/// training rows' statistics, the target's log; and errors that name the column and line.
struct TabularDataTests {
    /// 10 rows; validation (seed 42, 20%) holds rows 8 and 1, so row 8's colour
    /// "violet" is never seen in training, and row 1 has no colour at all.
    static let text = """
        colour,size,weight,price
        red,S,1.0,10
        ,M,2.0,20
        blue,S,,30
        red,L,4.0,40
        green,M,5.0,50
        blue,S,6.0,60
        red,M,,70
        green,L,8.0,80
        violet,S,9.0,90
        blue,M,10.0,100
        """

    static func data(logTarget: Bool = true) throws -> TabularData {
        try TabularData(table: CSVTable(parsing: text, name: "shop.csv"), categorical: ["colour", "size"],
                        continuous: ["weight"], target: "price", logTarget: logTarget)
    }

    @Test func validationRowsAreTheSeededSplit() throws {
        #expect(try Self.data().validation == validationIndices(count: 10))
        #expect(try Self.data().validation == [8, 1])
    }

    @Test func categoriesReserveZeroForMissingAndUnseen() throws {
        let data = try Self.data()
        let colour = data.processor.categorical[0]
        #expect(colour.categories == ["red", "blue", "green"])
        #expect(colour.cardinality == 4 && colour.embeddingDimensions == 2)
        #expect(colour.index(of: "blue") == 2 && colour[2] == "blue" && colour[0] == nil)
        let colours = (0..<10).map { data.dataset.categories[$0 * 2] }
        #expect(colours == [1, 0, 2, 1, 3, 2, 1, 3, 0, 2])   // row 1 missing, row 8 unseen "violet"
        #expect(data.processor.embeddingSizes.map(\.count) == [4, 4])
    }

    @Test func continuousGapsAreFilledFlaggedAndStandardised() throws {
        let data = try Self.data()
        let weight = data.processor.continuous[0]
        // Training weights 1, 4, 5, 6, 8, 10 (rows 2 and 6 missing): median 5.5, the
        // two gaps filled with it; mean and population std of the 8 filled values.
        let filled: [Double] = [1, 5.5, 4, 5, 6, 5.5, 8, 10]
        let mean = filled.reduce(0, +) / 8
        let std = (filled.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 8).squareRoot()
        #expect(weight.median == 5.5 && abs(Double(weight.mean) - mean) < 1e-6)
        #expect(abs(Double(weight.standardDeviation) - std) < 1e-6)
        #expect(data.processor.continuousInputNames == ["weight", "weight_na"])
        let row2 = Array(data.dataset.continuous[4..<6]), row8 = Array(data.dataset.continuous[16..<18])
        #expect(abs(Double(row2[0]) - (5.5 - mean) / std) < 1e-5 && row2[1] == 1)
        #expect(abs(Double(row8[0]) - (9 - mean) / std) < 1e-5 && row8[1] == 0)
    }

    @Test func targetIsItsLogAndTheRangeReachesBeyondIt() throws {
        let data = try Self.data()
        #expect(abs(data.dataset.targets[3] - log(40)) < 1e-6)
        #expect(data.yRange.lowerBound == 0 && abs(data.yRange.upperBound - 1.2 * log(100)) < 1e-5)
        #expect(try Self.data(logTarget: false).dataset.targets[3] == 40)
    }

    @Test func aNewTableIsProcessedAsTheTrainingRowsWere() throws {
        let processor = try Self.data().processor
        let test = try CSVTable(parsing: "colour,size,weight,price\npurple,XL,,5\nred,S,5.5,7\n", name: "test.csv")
        let rows = try processor.dataset(test)
        #expect(rows.categories == [0, 0, 1, 1])
        #expect(rows.continuous[0] == rows.continuous[2] && rows.continuous[1] == 1 && rows.continuous[3] == 0)
    }

    @Test func badInputIsNamedByColumnAndLine() throws {
        let table = try CSVTable(parsing: Self.text, name: "shop.csv")
        func error(_ body: () throws -> Void) -> String {
            do { try body() } catch { return "\(error)" }
            return "no error"
        }
        let missing = error {
            _ = try TabularData(table: table, categorical: ["colour", "shape"], continuous: [], target: "price")
        }
        #expect(missing.contains("shop.csv:1: no column 'shape'"), "the file, the header's line and the column")
        let text = Self.text.replacingOccurrences(of: "green,L,8.0", with: "green,L,heavy")
        let wordy = error {
            _ = try TabularData(table: CSVTable(parsing: text, name: "shop.csv"), categorical: ["colour"],
                                continuous: ["weight"], target: "price")
        }
        #expect(wordy == "shop.csv:9: column 'weight' (3): 'heavy' is not a number in Float's range, "
                + "or empty for a missing value")
        let free = Self.text.replacingOccurrences(of: "blue,M,10.0,100", with: "blue,M,10.0,0")
        let logOfZero = error {
            _ = try TabularData(table: CSVTable(parsing: free, name: "shop.csv"), categorical: ["colour"],
                                continuous: [], target: "price")
        }
        #expect(logOfZero.hasPrefix("shop.csv:11: column 'price': 0.0 has no logarithm"))
        #expect(throws: TabularError.repeatedColumn("size")) {
            try TabularData(table: table, categorical: ["size"], continuous: [], target: "size")
        }
        #expect(throws: TabularError.noInputColumns) {
            try TabularData(table: table, categorical: [], continuous: [], target: "price")
        }
    }
}
