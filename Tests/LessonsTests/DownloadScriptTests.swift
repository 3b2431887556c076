import Foundation
import TestSupport
import Testing
import Lessons
@testable import Toolkit

/// `scripts/download-data.sh` against a fake `curl` that serves files from a local folder:
/// argument handling, the layout it makes, the SHA-256 check, and that a second run
/// downloads nothing. Skipped where bash, zip or unzip is missing.
@Suite(.enabled(if: ["bash", "zip", "unzip"].allSatisfy(isInstalled), "needs bash, zip and unzip"))
final class DownloadScriptTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/download-data.sh").path

    /// A fake `curl`: copies `$FAKE_SERVER/<last part of the URL>` to the `--output` file
    /// and logs the URL, or fails as `curl --fail` does on a 404.
    static let fakeCurl = #"""
        #!/usr/bin/env bash
        out="" url=""
        while [[ $# -gt 0 ]]; do
            case "$1" in --output) out="$2"; shift 2 ;; -*) shift ;; *) url="$1"; shift ;; esac
        done
        echo "$url" >>"$FAKE_SERVER/requests.log"
        [[ -f "$FAKE_SERVER/${url##*/}" ]] || { echo "curl: (22) 404" >&2; exit 22; }
        cp "$FAKE_SERVER/${url##*/}" "$out"
        """#

    let root: URL
    var server: URL { root.appendingPathComponent("server") }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("download-test-\(UUID().uuidString)")
        let bin = root.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try writeAtomically(Self.fakeCurl, to: bin.appendingPathComponent("curl").path)
        try FileManager.default.setAttributes([.posixPermissions: 0o755],
                                              ofItemAtPath: bin.appendingPathComponent("curl").path)
        try makeZip("ml-latest-small.zip", folder: "ml-latest-small", files: [
            "ratings.csv": "userId,movieId,rating,timestamp\n1,31,2.5,1260759144\n",
            "movies.csv": "movieId,title,genres\n31,\"Dangerous Minds (1995)\",Drama\n",
        ])
        try makeZip("bike+sharing+dataset.zip", folder: nil, files: [
            "hour.csv": "instant,dteday\n1,2011-01-01\n", "day.csv": "instant,dteday\n1,2011-01-01\n",
            "Readme.txt": "r\n",
        ])
        try writeAtomically("not the lecture's text\n", to: server.appendingPathComponent("nietzsche.txt").path)
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    /// Writes `files` (in `folder` when given) into a zip file `name` on the fake server.
    private func makeZip(_ name: String, folder: String?, files: [String: String]) throws {
        let source = root.appendingPathComponent("zip-\(name)")
        let inside = folder.map { source.appendingPathComponent($0) } ?? source
        for (file, text) in files { try writeAtomically(text, to: inside.appendingPathComponent(file).path) }
        try FileManager.default.createDirectory(at: server, withIntermediateDirectories: true)
        let (status, output) = try run("zip", ["-qr", server.appendingPathComponent(name).path, "."], in: source)
        #expect(status == 0, "\(output)")
    }

    /// Runs the script with `arguments`; returns its exit status and its output and errors.
    private func download(_ arguments: [String], environment extra: [String: String] = [:]) throws -> (Int32, String) {
        try run("bash", [Self.script] + arguments, in: root, environment: extra)
    }

    private func run(_ program: String, _ arguments: [String], in directory: URL,
                     environment extra: [String: String] = [:]) throws -> (Int32, String) {
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = root.appendingPathComponent("bin").path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        environment["FAKE_SERVER"] = server.path
        environment["LESSON6_DATA"] = nil
        environment.merge(extra) { $1 }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program] + arguments
        process.currentDirectoryURL = directory
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    private func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path)
    }

    private var requests: [Substring] {
        ((try? String(contentsOf: server.appendingPathComponent("requests.log"), encoding: .utf8)) ?? "")
            .split(separator: "\n")
    }

    @Test func badCommandLinesExitWithStatus2() throws {
        let (helpStatus, help) = try download(["--help"])
        #expect(helpStatus == 0 && help.hasPrefix("usage: scripts/download-data.sh [--only SET]... [DIR]"))
        let cases: [([String], String)] = [
            (["--bogus"], "download-data: unknown option '--bogus'"),
            (["--only"], "download-data: option '--only' needs a value"),
            (["--only", "imagenet"],
             "download-data: unknown data set 'imagenet' (choose from: movielens nietzsche bike-sharing)"),
            (["a", "b"], "download-data: unexpected argument 'b' (only one DIR)"),
        ]
        for (arguments, message) in cases {
            let (status, output) = try download(arguments)
            #expect(status == 2)
            #expect(output == "\(message)\nRun 'scripts/download-data.sh --help' for usage.\n")
        }
        #expect(requests.isEmpty)
    }

    @Test func wrongChecksumWritesNothing() throws {
        let (status, output) = try download(["--only", "nietzsche", "out"])
        #expect(status == 1)
        #expect(output.hasSuffix("download-data: error: SHA-256 of nietzsche.txt is "
            + "15cfe8e8df90382b1e606e4e7b2b041c1fa6f0ff87e324630ca98a9717985efe, "
            + "expected 23cf69874ab69d3d256099ab530ea4be24d47d9675b673bcc67cbcd6298ec647: "
            + "the download is corrupt or the source has changed; nothing was written\n"))
        #expect(!exists("out/nietzsche/nietzsche.txt"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("out").path).isEmpty)
    }

    @Test func zipsAreUnpackedOnceIntoTheDataDirectory() throws {
        let (status, output) = try download(["--only", "movielens", "--only", "bike-sharing"],
                                            environment: ["LESSON6_DATA": "env-data"])
        #expect(status == 0, "\(output)")
        for file in ["ml-latest-small/ratings.csv", "ml-latest-small/movies.csv",
                     "bike-sharing/hour.csv", "bike-sharing/day.csv", "bike-sharing/Readme.txt"] {
            #expect(exists("env-data/\(file)"), "\(file)")
        }
        #expect(output.contains("GroupLens now serves a newer edition (100836 ratings, 610 users)"))
        #expect(output.contains("UCI writes dteday as yyyy-mm-dd"))
        #expect(requests.count == 2)
        let (again, second) = try download(["--only", "movielens", "--only", "bike-sharing", "env-data"])
        #expect(again == 0)
        #expect(second.contains("MovieLens: already in env-data/ml-latest-small"))
        #expect(second.contains("Bike Sharing: already in env-data/bike-sharing"))
        #expect(requests.count == 2)
    }

    @Test(.enabled(if: sharedMovieLens != nil, "the shared data's nietzsche.txt is not available"))
    func lectureTextPassesTheChecksum() throws {
        let shared = try #require(sharedMovieLens).path + "/nietzsche/nietzsche.txt"
        try FileManager.default.removeItem(at: server.appendingPathComponent("nietzsche.txt"))
        try FileManager.default.copyItem(atPath: shared, toPath: server.appendingPathComponent("nietzsche.txt").path)
        let (status, output) = try download(["--only", "nietzsche", "out"])
        #expect(status == 0, "\(output)")
        #expect(exists("out/nietzsche/nietzsche.txt"))
        let (again, second) = try download(["--only", "nietzsche", "out"])
        #expect(again == 0 && second.contains("Nietzsche: already in out/nietzsche/nietzsche.txt (SHA-256 checked)"))
        #expect(requests.count == 1)
    }
}

/// Whether `program` is on the PATH.
private func isInstalled(_ program: String) -> Bool {
    (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains {
        FileManager.default.isExecutableFile(atPath: "\($0)/\(program)")
    }
}
