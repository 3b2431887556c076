import Foundation
import TestSupport
import Testing
@testable import Toolkit

@Test func dataDirectoryRule() {
    let environment = ["LESSON6_DATA": "/env/data"]
    #expect(DataDirectory(option: "/opt/d", environment: environment)
            == DataDirectory(option: "/opt/d", environment: [:]))
    #expect(DataDirectory(option: "/opt/d", environment: environment).origin == .option)
    #expect(DataDirectory(option: nil, environment: environment).path == "/env/data")
    #expect(DataDirectory(option: nil, environment: environment).origin == .environment)
    #expect(DataDirectory(option: nil, environment: ["LESSON6_DATA": ""]).path == "./data")
    #expect(DataDirectory(option: nil, environment: [:]).origin == .standard)
}

@Test func missingDataSaysWhatToRun() {
    let cases: [(DataDirectory, String)] = [
        (DataDirectory(option: nil, environment: [:]),
         "MovieLens ratings not found at ./data/ml-latest-small/ratings.csv. Run: scripts/download-data.sh  "
            + "(or pass --data DIR / set LESSON6_DATA)"),
        (DataDirectory(option: "/no/such/", environment: [:]),
         "MovieLens ratings not found at /no/such/ml-latest-small/ratings.csv (from --data). "
            + "Run: scripts/download-data.sh /no/such/  (or pass --data DIR / set LESSON6_DATA)"),
        (DataDirectory(option: nil, environment: ["LESSON6_DATA": "/no/it's here"]),
         "MovieLens ratings not found at /no/it's here/ml-latest-small/ratings.csv (from LESSON6_DATA). "
            + #"Run: scripts/download-data.sh '/no/it'\''s here'  (or pass --data DIR / set LESSON6_DATA)"#),
    ]
    for (directory, message) in cases {
        let error = #expect(throws: MissingData.self) { try directory.path(of: .movieLensRatings) }
        #expect(error?.description == message)
    }
}

@Test func dataOptionIsReadFromTheCommandLine() throws {
    var arguments = Arguments(command: "collab", summary: "", ["--data", "/d"])
    #expect(try arguments.dataDirectory() == DataDirectory(option: "/d", environment: [:]))
    try arguments.finish()
    var none = Arguments(command: "collab", summary: "", [])
    #expect(try none.dataDirectory() == DataDirectory(option: nil))
}

@Test(.enabled(if: sharedMovieLens != nil, "MovieLens not found (LESSON6_DATA, ./data or ../shared/data)"))
func presentDataIsFound() throws {
    let data = try #require(sharedMovieLens)
    #expect(try data.path(of: .movieLensRatings).hasSuffix("/ml-latest-small/ratings.csv"))
}
